/* cq-preferences-window.c: sources, updates and reading, changed live
 *
 * Settings are bound to GSettings and apply at once; sources are the
 * store's, and a change to them shows in the window through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include "cq-header-editor.h"
#include "cq-preferences-window.h"
#include "cq-source-row.h"

struct _CqPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *sources_group;
  AdwEntryRow          *add_row;
  GtkSwitch            *mark_read_switch;
  GtkSwitch            *images_switch;
  GtkSpinButton        *interval_spin;

  CqStore              *store;
  CqSyncEngine         *engine;
  GSettings            *settings;
  GPtrArray            *source_rows;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (CqPreferencesWindow, cq_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void reload_sources (CqPreferencesWindow *self);

static void
show_error (CqPreferencesWindow *self,
            const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* What a source row asks for, by the source's id. */

static void
source_enable_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean enabled;

  g_variant_get (parameter, "(xb)", &id, &enabled);
  if (!cq_store_set_source_enabled (self->store, id, enabled, &error))
    show_error (self, error->message);
}

static void
source_remove_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!cq_store_remove_source (self->store, g_variant_get_int64 (parameter), &error))
    show_error (self, error->message);
  reload_sources (self);
}

/* An emptied name gives the source back the name its profile carries. */
static void
source_rename_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (!cq_store_rename_source (self->store, id, name, &error) ||
      !(source = cq_store_dup_source (self->store, id, &error)))
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < self->source_rows->len; i++)
    {
      CqSourceRow *row = g_ptr_array_index (self->source_rows, i);

      if (cq_source_get_id (cq_source_row_get_source (row)) == id)
        cq_source_row_set_source (row, source);
    }
}

static void
reload_sources (CqPreferencesWindow *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->source_rows->len; i++)
    adw_preferences_group_remove (self->sources_group, g_ptr_array_index (self->source_rows, i));
  g_ptr_array_set_size (self->source_rows, 0);

  if (!(sources = cq_store_dup_sources (self->store, &error)))
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      GtkWidget *row = cq_source_row_new (g_ptr_array_index (sources, i));

      g_ptr_array_add (self->source_rows, row);
      adw_preferences_group_add (self->sources_group, row);
    }
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CqPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cq_sync_engine_add_source_finish (CQ_SYNC_ENGINE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), TRUE);
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  reload_sources (self);
}

static void
add_applied_cb (CqPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (self->engine == NULL || *url == '\0')
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), FALSE);
  cq_sync_engine_add_source_async (self->engine, url, NULL, CQ_FEED_FORMAT_AUTO, self->cancellable, added_cb, self);
}

static void
cq_preferences_window_dispose (GObject *object)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cq_preferences_window_parent_class)->dispose (object);
}

static void
cq_preferences_window_class_init (CqPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cq_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, sources_group);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, add_row);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, mark_read_switch);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, images_switch);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, add_applied_cb);

  gtk_widget_class_install_action (widget_class, "source.enable", "(xb)", source_enable_action);
  gtk_widget_class_install_action (widget_class, "source.remove", "x", source_remove_action);
  gtk_widget_class_install_action (widget_class, "source.rename", "(xs)", source_rename_action);

  g_type_ensure (CQ_TYPE_SOURCE_ROW);
}

static void
cq_preferences_window_init (CqPreferencesWindow *self)
{
  self->source_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "mark-read-on-open", self->mark_read_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "load-remote-images", self->images_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-interval", gtk_spin_button_get_adjustment (self->interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * cq_preferences_window_new:
 * @engine: (nullable): what adds sources by address
 *
 * Returns: (transfer floating): the preferences, over @parent
 */
GtkWidget *
cq_preferences_window_new (GtkWindow    *parent,
                           CqStore      *store,
                           CqSyncEngine *engine)
{
  CqPreferencesWindow *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), engine != NULL);
  reload_sources (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (cq_header_editor_new (store)));
  return GTK_WIDGET (self);
}
