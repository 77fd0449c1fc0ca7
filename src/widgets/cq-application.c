/* cq-application.c: the application: one store, one clock, its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-application.h"
#include "cq-clock.h"
#include "cq-notifier.h"
#include "cq-preferences-window.h"
#include "cq-settings.h"
#include "cq-store.h"
#include "cq-sync-scheduler.h"
#include "cq-window.h"

struct _CqApplication
{
  AdwApplication  parent_instance;

  CqStore         *store;
  CqClock         *clock;
  CqSyncEngine    *engine;
  CqSyncScheduler *scheduler;
  CqNotifier      *notifier;
  CqSettings      *settings;
  char            *store_message;
};

G_DEFINE_FINAL_TYPE (CqApplication, cq_application, ADW_TYPE_APPLICATION)

/* How often the store looks for other programs' writes. */
#define OTHER_WRITERS_SECONDS 2

/* A damaged store is set aside and opened afresh; the user is told in the
 * window.  Any other failure leaves nothing to show. */
static gboolean
open_store (CqApplication  *self,
            GError        **error)
{
  g_autofree char *path = cq_store_default_path (NULL);
  g_autoptr(GError) local_error = NULL;

  /* A sync's threads run on what the window's drawing leaves. */
  cq_store_set_background_gives_way (TRUE);
  self->store = cq_store_open (path, &local_error);
  if (self->store == NULL &&
      g_error_matches (local_error, CQ_STORE_ERROR, CQ_STORE_ERROR_RECOVERED))
    {
      self->store_message = g_strdup (local_error->message);
      g_clear_error (&local_error);
      self->store = cq_store_open (path, &local_error);
    }

  if (self->store == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* What `communique-cli` marks, stars or adds shows here within seconds. */
  cq_store_follow_other_writers (self->store, OTHER_WRITERS_SECONDS);
  return TRUE;
}

/* The first start has the built-in source, so there is news to show. */
static void
ensure_a_source (CqApplication *self)
{
  g_autoptr(GPtrArray) sources = cq_store_dup_sources (self->store, NULL);
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (sources == NULL || sources->len > 0)
    return;
  profile = cq_profile_new_default ();
  /* Said in the window once it is up, as a store that was repaired is. */
  if (!(id = cq_store_add_source (self->store, profile, &error)) && self->store_message == NULL)
    self->store_message = g_strdup_printf (_("The built-in source could not be added: %s"), error->message);
  /* Its statements are what the app is for: kept whole, for the record. */
  if (id != 0)
    cq_store_set_source_keep_full (self->store, id, TRUE, NULL);
}

static void
max_items_changed_cb (CqApplication *self)
{
  cq_sync_engine_set_max_items (self->engine, cq_settings_get_max_items_per_source (self->settings));
}

static void
edits_unread_changed_cb (CqApplication *self)
{
  cq_store_set_edits_unread (self->store, cq_settings_get_mark_edited_unread (self->settings));
}

static void
interval_changed_cb (CqApplication *self)
{
  cq_sync_engine_set_interval (self->engine, cq_settings_get_sync_interval (self->settings));
}

static void
check_days_changed_cb (CqApplication *self)
{
  cq_sync_scheduler_set_check_days (self->scheduler, cq_settings_get_check_pages_days (self->settings));
}

static void
start_syncing (CqApplication *self)
{
  self->settings = g_object_ref (cq_settings_get_default ());
  self->engine = cq_sync_engine_new (self->store);
  g_signal_connect_object (self->settings, "notify::max-items-per-source",
                           G_CALLBACK (max_items_changed_cb), self, G_CONNECT_SWAPPED);
  max_items_changed_cb (self);
  g_signal_connect_object (self->settings, "notify::mark-edited-unread",
                           G_CALLBACK (edits_unread_changed_cb), self, G_CONNECT_SWAPPED);
  edits_unread_changed_cb (self);
  g_signal_connect_object (self->settings, "notify::sync-interval",
                           G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
  interval_changed_cb (self);

  self->scheduler = cq_sync_scheduler_new (self->engine, self->store, g_network_monitor_get_default ());
  /* A failing source is not a toast: its error lives on the source (in
   * Preferences), and when none can be reached the window says so once. */
  self->notifier = cq_notifier_new (GTK_APPLICATION (self), self->store, self->scheduler);
  g_signal_connect_object (self->settings, "notify::check-pages-days",
                           G_CALLBACK (check_days_changed_cb), self, G_CONNECT_SWAPPED);
  check_days_changed_cb (self);
  cq_sync_scheduler_start (self->scheduler);
}

static void
show_fatal_error (CqApplication *self,
                  const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Communiqué Cannot Start"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cq_application_activate (GApplication *application)
{
  CqApplication *self = CQ_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL && !open_store (self, &error))
    {
      show_fatal_error (self, error);
      return;
    }

  ensure_a_source (self);
  window = GTK_WINDOW (cq_window_new (GTK_APPLICATION (self), self->store, self->clock));
  if (self->store_message != NULL)
    cq_window_show_message (CQ_WINDOW (window), self->store_message);
  g_clear_pointer (&self->store_message, g_free);
  gtk_window_present (window);

  if (self->scheduler == NULL)
    start_syncing (self);
  cq_window_set_engine (CQ_WINDOW (window), self->engine);
  cq_window_set_scheduler (CQ_WINDOW (window), self->scheduler);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CqApplication *self = user_data;
  static const char *developers[] = { "The Communiqué developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Communiqué",
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Communiqué developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/communique/communique",
                         "issue-url", "https://github.com/communique/communique/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CqApplication *self = user_data;

  if (self->scheduler != NULL)
    cq_sync_scheduler_sync_now (self->scheduler);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (!CQ_IS_WINDOW (parent))
    return;
  preferences = cq_preferences_window_new (parent, cq_window_get_sources (CQ_WINDOW (parent)), self->engine);
  /* Its Header page edits the header the window shows. */
  cq_preferences_window_set_header_source (CQ_PREFERENCES_WINDOW (preferences),
                                           cq_window_get_header_source (CQ_WINDOW (parent)));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* A notification's "show this item". */
static void
show_item_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CqApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CQ_IS_WINDOW (window))
    cq_window_show_item (CQ_WINDOW (window), g_variant_get_int64 (parameter));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "refresh", refresh_activated },
  { "preferences", preferences_activated },
  { "show-item", show_item_activated, "x" },
  { "quit", quit_activated },
};

static void
cq_application_startup (GApplication *application)
{
  CqApplication *self = CQ_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cq_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

/* Syncs under way are cancelled, not left to finish into a closing store. */
static void
cq_application_shutdown (GApplication *application)
{
  CqApplication *self = CQ_APPLICATION (application);

  if (self->scheduler != NULL)
    cq_sync_scheduler_stop (self->scheduler);

  G_APPLICATION_CLASS (cq_application_parent_class)->shutdown (application);
}

static void
cq_application_dispose (GObject *object)
{
  CqApplication *self = CQ_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_message, g_free);

  G_OBJECT_CLASS (cq_application_parent_class)->dispose (object);
}

static void
cq_application_class_init (CqApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cq_application_dispose;
  app_class->activate = cq_application_activate;
  app_class->startup = cq_application_startup;
  app_class->shutdown = cq_application_shutdown;
}

static void
cq_application_init (CqApplication *self)
{
  self->clock = cq_clock_new ();
}

CqApplication *
cq_application_new (void)
{
  return g_object_new (CQ_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
