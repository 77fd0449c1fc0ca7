/* cq-preferences-window.c: sources, updates and reading, changed live
 *
 * Settings are bound to GSettings and apply at once.  The sources are a
 * list box bound to the live source list the window shows too: a row asks
 * the store for a change through its actions, and the store's change comes
 * back to every view through the list, never by reloading here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-editor.h"
#include "cq-header-preview.h"
#include "cq-preferences-window.h"
#include "cq-settings.h"
#include "cq-source-row.h"

struct _CqPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *sources_group;
  GtkListBox           *sources_box;
  AdwEntryRow          *add_row;
  GtkSwitch            *mark_read_switch;
  GtkSwitch            *edited_unread_switch;
  GtkSwitch            *images_switch;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *max_items_spin;
  GtkSpinButton        *check_days_spin;

  CqHeaderEditor       *header_editor;

  CqSourceList         *sources;
  CqStore              *store;
  CqSyncEngine         *engine;
  CqSettings           *settings;
  GCancellable         *cancellable;
  GCancellable         *adding;     /* the add in progress, or NULL */
  GtkWidget            *add_spinner;
  GtkWidget            *add_cancel_button;
};

G_DEFINE_FINAL_TYPE (CqPreferencesWindow, cq_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

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
source_keep_full_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean keep;

  g_variant_get (parameter, "(xb)", &id, &keep);
  if (!cq_store_set_source_keep_full (self->store, id, keep, &error))
    show_error (self, error->message);
}

static void
remove_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    CqPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "source-id"));

  if (g_strcmp0 (response, "remove") == 0 && !cq_store_remove_source (self->store, id, &error))
    show_error (self, error->message);
}

/* Removing a source takes its statements with it, starred ones too: asked
 * once, in words that say so. */
static void
source_remove_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CqItemQuery query = { .source_id = id };
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!(source = cq_store_dup_source (self->store, id, &error)) ||
      !(ids = cq_store_query_ids (self->store, &query, &error)))
    {
      show_error (self, error->message);
      return;
    }
  /* Translators: %s is a source's name. */
  heading = g_strdup_printf (_("Remove “%s”?"), cq_source_get_name (source));
  if (ids->len == 0)
    body = g_strdup (_("It has no statements on this computer. It can be added again from its address."));
  else
    body = g_strdup_printf (g_dngettext (NULL,
                                         "Its %u statement will be removed from this computer, starred or not. "
                                         "The source can be added again from its address.",
                                         "Its %u statements will be removed from this computer, starred or not. "
                                         "The source can be added again from its address.",
                                         ids->len),
                            ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "source-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An emptied name gives the source back the name its profile carries. */
static void
source_rename_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (!cq_store_rename_source (self->store, id, name, &error))
    show_error (self, error->message);
}

static GtkWidget *
create_source_row (gpointer item,
                   gpointer user_data)
{
  return cq_source_row_new (item);
}

/* While a source is being added, the row says so and offers Cancel. */
static void
show_adding (CqPreferencesWindow *self,
             gboolean             adding)
{
  gtk_editable_set_editable (GTK_EDITABLE (self->add_row), !adding);
  adw_entry_row_set_show_apply_button (self->add_row, !adding);
  gtk_widget_set_visible (self->add_spinner, adding);
  gtk_spinner_set_spinning (GTK_SPINNER (self->add_spinner), adding);
  gtk_widget_set_visible (self->add_cancel_button, adding);
  if (!adding)
    g_clear_object (&self->adding);
}

static void
add_cancel_clicked_cb (CqPreferencesWindow *self)
{
  if (self->adding != NULL)
    g_cancellable_cancel (self->adding);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CqPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cq_sync_engine_add_source_finish (CQ_SYNC_ENGINE (object), result, &error);
  CqFoundHeader *found = cq_sync_engine_add_source_get_found_header (CQ_SYNC_ENGINE (object), result);
  g_autoptr(CqSource) source = NULL;

  /* The window went away meanwhile: nothing here to update. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  show_adding (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_error (self, _("The source was not added."));
      return;
    }
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");

  /* The page showed a header of its own: the user keeps what they want. */
  if (found != NULL && found->parts->len > 0 && (source = cq_store_dup_source (self->store, id, NULL)))
    gtk_window_present (GTK_WINDOW (cq_header_preview_new (GTK_WINDOW (self), self->store, source, found)));
}

static void
add_applied_cb (CqPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (self->engine == NULL || *url == '\0' || self->adding != NULL)
    return;
  /* Cancelled by the button, or with the window. */
  self->adding = g_cancellable_new ();
  show_adding (self, TRUE);
  cq_sync_engine_add_source_async (self->engine, url, NULL, CQ_FEED_FORMAT_AUTO, self->adding, added_cb,
                                   g_object_ref (self));
}

static void
cq_preferences_window_dispose (GObject *object)
{
  CqPreferencesWindow *self = CQ_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->adding != NULL)
    g_cancellable_cancel (self->adding);
  /* The list box may outlive the window a while; the sources must not. */
  if (self->sources_box != NULL)
    gtk_list_box_bind_model (self->sources_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->adding);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->sources);
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
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, sources_box);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, add_row);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, mark_read_switch);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, edited_unread_switch);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, images_switch);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, max_items_spin);
  gtk_widget_class_bind_template_child (widget_class, CqPreferencesWindow, check_days_spin);
  gtk_widget_class_bind_template_callback (widget_class, add_applied_cb);

  gtk_widget_class_install_action (widget_class, "source.enable", "(xb)", source_enable_action);
  gtk_widget_class_install_action (widget_class, "source.keep-full", "(xb)", source_keep_full_action);
  gtk_widget_class_install_action (widget_class, "source.remove", "x", source_remove_action);
  gtk_widget_class_install_action (widget_class, "source.rename", "(xs)", source_rename_action);

  g_type_ensure (CQ_TYPE_SOURCE_ROW);
}

static void
cq_preferences_window_init (CqPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->add_spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->add_spinner, FALSE);
  adw_entry_row_add_suffix (self->add_row, self->add_spinner);
  self->add_cancel_button = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_widget_set_tooltip_text (self->add_cancel_button, _("Cancel Adding"));
  gtk_widget_set_valign (self->add_cancel_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->add_cancel_button, "flat");
  gtk_widget_set_visible (self->add_cancel_button, FALSE);
  g_signal_connect_swapped (self->add_cancel_button, "clicked", G_CALLBACK (add_cancel_clicked_cb), self);
  adw_entry_row_add_suffix (self->add_row, self->add_cancel_button);

  self->settings = g_object_ref (cq_settings_get_default ());
  g_object_bind_property (self->settings, "mark-read-on-open", self->mark_read_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "mark-edited-unread", self->edited_unread_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "load-remote-images", self->images_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "sync-interval", gtk_spin_button_get_adjustment (self->interval_spin),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "check-pages-days", gtk_spin_button_get_adjustment (self->check_days_spin),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "max-items-per-source", gtk_spin_button_get_adjustment (self->max_items_spin),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/**
 * cq_preferences_window_new:
 * @sources: the sources to list, as the window shows them
 * @engine: (nullable): what adds sources by address
 *
 * Returns: (transfer floating): the preferences, over @parent
 */
GtkWidget *
cq_preferences_window_new (GtkWindow    *parent,
                           CqSourceList *sources,
                           CqSyncEngine *engine)
{
  CqPreferencesWindow *self;

  g_return_val_if_fail (CQ_IS_SOURCE_LIST (sources), NULL);

  self = g_object_new (CQ_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->sources = g_object_ref (sources);
  self->store = g_object_ref (cq_source_list_get_store (sources));
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), engine != NULL);
  gtk_list_box_bind_model (self->sources_box, G_LIST_MODEL (sources), create_source_row, NULL, NULL);
  g_object_bind_property (sources, "n-items", self->sources_box, "visible", G_BINDING_SYNC_CREATE);
  if (cq_source_list_get_error (sources) != NULL)
    show_error (self, cq_source_list_get_error (sources)->message);
  self->header_editor = CQ_HEADER_EDITOR (cq_header_editor_new (sources, engine));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->header_editor));
  return GTK_WIDGET (self);
}

/**
 * cq_preferences_window_set_header_source:
 * @source: (nullable): the source whose header the Header page edits
 *
 * The Header page starts on the header the window shows.
 */
void
cq_preferences_window_set_header_source (CqPreferencesWindow *self,
                                         CqSource            *source)
{
  g_return_if_fail (CQ_IS_PREFERENCES_WINDOW (self));
  cq_header_editor_show_source (self->header_editor, source);
}
