/* cq-header-preview.c: a header read from a page, shown to keep or drop
 *
 * Header discovery never saves what it finds: this dialog lists each clock,
 * counter and contact line with the page's own words it came from and a
 * check box, all ticked.  "Keep" joins the ticked ones to the source's
 * header (what it has already is not added twice); "Not Now" leaves the
 * header as it was.  Nothing is guessed silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-preview.h"

struct _CqHeaderPreview
{
  AdwMessageDialog  parent_instance;

  CqStore          *store;
  CqSource         *source;
  CqFoundHeader    *found;
  GPtrArray        *checks;   /* GtkCheckButton, one per part */
};

G_DEFINE_FINAL_TYPE (CqHeaderPreview, cq_header_preview, ADW_TYPE_MESSAGE_DIALOG)

static const char *
kind_icon (CqFoundKind kind)
{
  switch (kind)
    {
    case CQ_FOUND_CLOCK: return "preferences-system-time-symbolic";
    case CQ_FOUND_COUNTER: return "x-office-calendar-symbolic";
    case CQ_FOUND_CONTACT: return "call-start-symbolic";
    default: g_assert_not_reached ();
    }
}

/* What saving met, said over the window it was asked from. */
static void
show_failure (CqHeaderPreview *self,
              const char      *message)
{
  GtkWidget *dialog = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                              _("The Header Was Not Saved"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cq_header_preview_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  CqHeaderPreview *self = CQ_HEADER_PREVIEW (dialog);
  g_autofree gboolean *keep = g_new0 (gboolean, MAX (self->checks->len, 1));
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "keep") != 0)
    return;
  for (guint i = 0; i < self->checks->len; i++)
    keep[i] = gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  if (!(profile = cq_found_header_apply (self->found, cq_source_get_profile (self->source), keep, &error)) ||
      !cq_store_set_source_profile (self->store, cq_source_get_id (self->source), profile, &error))
    show_failure (self, error->message);
}

static void
cq_header_preview_dispose (GObject *object)
{
  CqHeaderPreview *self = CQ_HEADER_PREVIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->source);
  g_clear_pointer (&self->found, cq_found_header_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (cq_header_preview_parent_class)->dispose (object);
}

static void
cq_header_preview_class_init (CqHeaderPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cq_header_preview_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = cq_header_preview_response;
}

static void
cq_header_preview_init (CqHeaderPreview *self)
{
  self->checks = g_ptr_array_new ();
}

static GtkWidget *
part_row (CqHeaderPreview   *self,
          const CqFoundPart *part)
{
  g_autofree char *title = cq_found_part_describe (part);
  /* Translators: where a part of the header was read: the page's own words. */
  g_autofree char *subtitle = g_strdup_printf (_("From “%s”"), part->evidence);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (part->kind));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);
  return row;
}

/**
 * cq_header_preview_new:
 * @parent: the window it is asked from
 * @store: where the kept header is saved
 * @source: whose header it is
 * @found: what the source's page shows; it must have at least one part
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
cq_header_preview_new (GtkWindow     *parent,
                       CqStore       *store,
                       CqSource      *source,
                       CqFoundHeader *found)
{
  CqHeaderPreview *self;
  g_autofree char *body = NULL;
  GtkWidget *list;
  GtkWidget *scrolled;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CQ_IS_SOURCE (source), NULL);
  g_return_val_if_fail (found != NULL && found->parts->len > 0, NULL);

  /* Translators: %s is a source's name. */
  body = g_strdup_printf (_("The page of “%s” shows these. Keep the ones its header should show; "
                            "they can be changed later in Preferences."), cq_source_get_name (source));
  self = g_object_new (CQ_TYPE_HEADER_PREVIEW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Header Found on the Page"),
                       "body", body,
                       "default-width", 560,
                       NULL);
  self->store = g_object_ref (store);
  self->source = g_object_ref (source);
  self->found = cq_found_header_ref (found);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  /* Room for the list's own border and shadow inside the scrolled area. */
  gtk_widget_set_margin_top (list, 2);
  gtk_widget_set_margin_bottom (list, 6);
  gtk_widget_set_margin_start (list, 2);
  gtk_widget_set_margin_end (list, 2);
  for (guint i = 0; i < found->parts->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), part_row (self, g_ptr_array_index (found->parts, i)));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  /* All of a short list shows, its last row's border too. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), (int) MIN (found->parts->len * 68 + 8, 360));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scrolled);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Not Now"),
                                    "keep", _("_Keep"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return GTK_WIDGET (self);
}

gboolean
cq_header_preview_get_kept (CqHeaderPreview *self,
                            guint            index)
{
  g_return_val_if_fail (CQ_IS_HEADER_PREVIEW (self), FALSE);
  g_return_val_if_fail (index < self->checks->len, FALSE);

  return gtk_check_button_get_active (g_ptr_array_index (self->checks, index));
}

void
cq_header_preview_set_kept (CqHeaderPreview *self,
                            guint            index,
                            gboolean         kept)
{
  g_return_if_fail (CQ_IS_HEADER_PREVIEW (self));
  g_return_if_fail (index < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), kept);
}
