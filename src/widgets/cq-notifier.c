/* cq-notifier.c: what the app says when the window is not in front
 *
 * New statements, one notification per source that opens the newest; and
 * statement pages found rewritten or withdrawn, which open the first of
 * them.  Nothing is said while a window of the app is active: the list
 * shows it there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-notifier.h"

struct _CqNotifier
{
  GObject          parent_instance;

  GtkApplication  *application;   /* weak: it owns us */
  CqStore         *store;
};

G_DEFINE_FINAL_TYPE (CqNotifier, cq_notifier, G_TYPE_OBJECT)

static gboolean
window_in_front (CqNotifier *self)
{
  GtkWindow *window = gtk_application_get_active_window (self->application);

  return window != NULL && gtk_window_is_active (window);
}

/* One notification, which opens @item_id. */
static void
send (CqNotifier *self,
      const char *id,
      const char *title,
      const char *body,
      gint64      item_id)
{
  g_autoptr(GNotification) notification = g_notification_new (title);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-item", "x", item_id);
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

/* New statements while the window is not in front: one notification per
 * source, which opens the newest of them. */
static void
source_synced_cb (CqNotifier    *self,
                  gint64         source_id,
                  CqSyncReport  *report)
{
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GArray) newest = NULL;
  g_autofree char *title = NULL;
  CqItemQuery query = { .source_id = source_id, .limit = 1 };

  if (self->application == NULL || report->added == 0 || window_in_front (self))
    return;
  if (!(source = cq_store_dup_source (self->store, source_id, NULL)) ||
      !(newest = cq_store_query_ids (self->store, &query, NULL)) || newest->len == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new statement", "%u new statements", report->added),
                           report->added);
  send (self, "new-statements", title, cq_source_get_name (source), g_array_index (newest, gint64, 0));
}

/* Statement pages found rewritten or withdrawn while the window is not in
 * front: one notification, which opens the first of them. */
static void
pages_changed_cb (CqNotifier    *self,
                  gint64         source_id,
                  GArray        *changed,
                  GArray        *gone)
{
  g_autoptr(CqSource) source = NULL;
  g_autoptr(CqItem) item = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GArray *first = changed->len > 0 ? changed : gone;

  if (self->application == NULL || first->len == 0 || window_in_front (self))
    return;
  if (!(source = cq_store_dup_source (self->store, source_id, NULL)) ||
      !(item = cq_store_dup_item (self->store, g_array_index (first, gint64, 0), NULL)))
    return;

  if (changed->len > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement was changed on its page",
                                          "%u statements were changed on their pages", changed->len),
                             changed->len);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement was withdrawn or moved",
                                          "%u statements were withdrawn or moved", gone->len),
                             gone->len);
  /* Translators: a notification's body: the statement's title, then its source's name. */
  body = g_strdup_printf (_("“%s”, %s"), cq_item_get_title (item), cq_source_get_name (source));
  send (self, "statement-pages-changed", title, body, cq_item_get_id (item));
}

static void
cq_notifier_dispose (GObject *object)
{
  CqNotifier *self = CQ_NOTIFIER (object);

  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_notifier_parent_class)->dispose (object);
}

static void
cq_notifier_class_init (CqNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cq_notifier_dispose;
}

static void
cq_notifier_init (CqNotifier *self)
{
}

/**
 * cq_notifier_new:
 * @application: the application that sends the notifications; it must
 *   have an "app.show-item" action taking an item id
 * @scheduler: whose syncs and page checks are told
 *
 * Returns: (transfer full): a notifier, at work for as long as it lives
 */
CqNotifier *
cq_notifier_new (GtkApplication  *application,
                 CqStore         *store,
                 CqSyncScheduler *scheduler)
{
  CqNotifier *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CQ_IS_SYNC_SCHEDULER (scheduler), NULL);

  self = g_object_new (CQ_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  g_signal_connect_object (scheduler, "source-synced", G_CALLBACK (source_synced_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "pages-changed", G_CALLBACK (pages_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
