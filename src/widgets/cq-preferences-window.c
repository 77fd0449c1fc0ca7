/* cq-preferences-window.c: sources, updates and reading, changed live
 *
 * Settings are bound to GSettings and apply at once; sources are the
 * store's, and a change to them shows in the window through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-editor.h"
#include "cq-preferences-window.h"

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

static void
enabled_changed_cb (GtkSwitch           *toggle,
                    GParamSpec          *pspec,
                    CqPreferencesWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "source-id"));
  g_autoptr(GError) error = NULL;

  if (!cq_store_set_source_enabled (self->store, id, gtk_switch_get_active (toggle), &error))
    show_error (self, error->message);
}

static void
remove_clicked_cb (GtkButton           *button,
                   CqPreferencesWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "source-id"));
  g_autoptr(GError) error = NULL;

  if (!cq_store_remove_source (self->store, id, &error))
    show_error (self, error->message);
  reload_sources (self);
}

/* An emptied name gives the source back the name its profile carries. */
static void
rename_applied_cb (AdwEntryRow         *row,
                   CqPreferencesWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "source-id"));
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (!cq_store_rename_source (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error) ||
      !(source = cq_store_dup_source (self->store, id, &error)))
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), cq_source_get_name (source));
}

static GtkWidget *
make_source_row (CqPreferencesWindow *self,
                 CqSource            *source)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gsize id = (gsize) cq_source_get_id (source);

  /* The feed's address above, the name the user may change below. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cq_profile_get_feed_url (cq_source_get_profile (source)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), cq_source_get_name (source));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "source-id", GSIZE_TO_POINTER (id));
  g_signal_connect (row, "apply", G_CALLBACK (rename_applied_cb), self);

  gtk_switch_set_active (GTK_SWITCH (toggle), cq_source_get_enabled (source));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Update this source"));
  g_object_set_data (G_OBJECT (toggle), "source-id", GSIZE_TO_POINTER (id));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (enabled_changed_cb), self);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this source and its statements"));
  g_object_set_data (G_OBJECT (remove), "source-id", GSIZE_TO_POINTER (id));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), toggle);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  return row;
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
      GtkWidget *row = make_source_row (self, g_ptr_array_index (sources, i));

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
