/* cq-history-window.c: the earlier versions of an edited statement
 *
 * Each version is shown against the one that replaced it, words removed
 * struck through and words added highlighted, newest change first.  The
 * versions are what the store kept each time a sync found new text.  The
 * frame is a template; a version list that cannot be read, or an item
 * with no earlier versions, is said on a status page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cq-diff.h"
#include "cq-history-window.h"
#include "cq-text.h"

struct _CqHistoryWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkBox         *versions_box;
  AdwStatusPage  *status_page;
};

G_DEFINE_FINAL_TYPE (CqHistoryWindow, cq_history_window, ADW_TYPE_WINDOW)

static GtkWidget *
diff_view (const char *before,
           const char *after)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autoptr(GPtrArray) segments = cq_diff_words (before, after);
  GtkTextIter end;

  gtk_text_buffer_create_tag (buffer, "removed", "strikethrough", TRUE, "foreground", "#c01c28",
                              "background", "rgba(224,27,36,0.12)", NULL);
  gtk_text_buffer_create_tag (buffer, "added", "foreground", "#26a269", "background", "rgba(46,194,126,0.15)",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; i < segments->len; i++)
    {
      CqDiffSegment *segment = g_ptr_array_index (segments, i);
      const char *tag = segment->kind == CQ_DIFF_ADDED ? "added" : segment->kind == CQ_DIFF_REMOVED ? "removed" : NULL;

      if (tag != NULL)
        {
          gsize start, words;

          cq_diff_segment_words (segment, &start, &words);
          gtk_text_buffer_insert (buffer, &end, segment->text, start);
          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, segment->text + start, words - start, tag, NULL);
          gtk_text_buffer_insert (buffer, &end, segment->text + words, -1);
        }
      else
        gtk_text_buffer_insert (buffer, &end, segment->text, -1);
    }

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (view, "card");
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  return view;
}

static char *
format_found (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  /* Translators: a date and time as strftime() reads it. */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
add_heading (CqHistoryWindow *self,
             const char      *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->versions_box, label);
}

static void
add_change (CqHistoryWindow *self,
            CqRevision      *revision,
            const char      *before,
            const char      *after)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (revision->replaced_at);
  g_autofree char *date = format_found (when);
  g_autofree char *heading = NULL;

  if (revision->kind == CQ_REVISION_PAGE_CHANGED)
    /* Translators: %s is the date and time the change was found. */
    heading = g_strdup_printf (_("Statement page changed, found on %s"), date);
  else
    /* Translators: %s is the date and time the change was found. */
    heading = g_strdup_printf (_("Changed by the source, found on %s"), date);
  add_heading (self, heading);
  gtk_box_append (self->versions_box, diff_view (before, after));
}

/* A page withdrawn or moved is said first: the text shown is the last seen. */
static void
add_gone (CqHistoryWindow *self,
          CqItem          *item)
{
  g_autofree char *date = format_found (cq_item_get_page_gone (item));
  /* Translators: %s is the date and time the page was found gone. */
  g_autofree char *heading = g_strdup_printf (_("Statement page withdrawn or moved, found on %s"), date);
  GtkWidget *note = gtk_label_new (_("The text kept here is the last one its page showed."));

  add_heading (self, heading);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (self->versions_box, note);
}

static void
cq_history_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CQ_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (cq_history_window_parent_class)->dispose (object);
}

static gboolean
close_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
cq_history_window_class_init (CqHistoryWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cq_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CqHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CqHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CqHistoryWindow, versions_box);
  gtk_widget_class_bind_template_child (widget_class, CqHistoryWindow, status_page);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_cb, NULL);
}

static void
cq_history_window_init (CqHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
show_status (CqHistoryWindow *self,
             const char      *title,
             const char      *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

/**
 * cq_history_window_new:
 *
 * Returns: (transfer floating): a window showing @item's changes
 */
GtkWidget *
cq_history_window_new (GtkWindow *parent,
                       CqStore   *store,
                       CqItem    *item)
{
  CqHistoryWindow *self;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CQ_IS_ITEM (item), NULL);

  self = g_object_new (CQ_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  adw_window_title_set_subtitle (self->window_title, cq_item_get_title (item));
  revisions = cq_store_dup_revisions (store, cq_item_get_id (item), &error);
  if (revisions == NULL)
    {
      show_status (self, _("Earlier Versions Could Not Be Read"), error->message);
      return GTK_WIDGET (self);
    }
  if (cq_item_get_page_gone (item) != NULL)
    add_gone (self, item);
  if (revisions->len == 0 && cq_item_get_page_gone (item) == NULL)
    {
      show_status (self, _("No Earlier Versions"), _("The source has not changed this statement since it was first stored."));
      return GTK_WIDGET (self);
    }

  /* Newest change first: each version against the one that followed it. */
  current = cq_diff_version_text (cq_item_get_title (item), cq_item_get_summary (item), cq_item_get_content (item));
  for (guint i = revisions->len; i-- > 0; )
    {
      CqRevision *revision = g_ptr_array_index (revisions, i);
      g_autofree char *before = cq_diff_version_text (revision->title, revision->summary, revision->content);

      add_change (self, revision, before, current);
      g_free (current);
      current = g_steal_pointer (&before);
    }
  return GTK_WIDGET (self);
}
