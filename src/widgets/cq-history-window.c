/* cq-history-window.c: the earlier versions of an edited statement
 *
 * Each version is shown against the one that replaced it, words removed
 * struck through and words added highlighted, newest change first.  The
 * versions are what the store kept each time a sync found new text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-diff.h"
#include "cq-history-window.h"
#include "cq-text.h"

struct _CqHistoryWindow
{
  AdwWindow  parent_instance;

  GtkBox    *versions_box;
};

G_DEFINE_FINAL_TYPE (CqHistoryWindow, cq_history_window, ADW_TYPE_WINDOW)

static char *
version_text (const char *title,
              const char *summary,
              const char *content)
{
  g_autofree char *body = cq_text_from_html (content != NULL ? content : summary);

  return g_strdup_printf ("%s\n\n%s", title != NULL ? title : "", body);
}

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
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, segment->text, -1, tag, NULL);
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

static void
add_change (CqHistoryWindow *self,
            gint64           replaced_at,
            const char      *before,
            const char      *after)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (replaced_at);
  /* Translators: a date and time as strftime() reads it. */
  g_autofree char *date = g_date_time_format (when, _("%-d %B %Y, %H:%M"));
  /* Translators: %s is the date and time a change was found. */
  g_autofree char *heading = g_strdup_printf (_("Changed by the source, found on %s"), date);
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->versions_box, label);
  gtk_box_append (self->versions_box, diff_view (before, after));
}

static void
cq_history_window_class_init (CqHistoryWindowClass *klass)
{
}

static void
cq_history_window_init (CqHistoryWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Earlier Versions"));
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 560);
  self->versions_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_margin_top (GTK_WIDGET (self->versions_box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->versions_box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->versions_box), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->versions_box), 18);

  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->versions_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
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

  self = g_object_new (CQ_TYPE_HISTORY_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  revisions = cq_store_dup_revisions (store, cq_item_get_id (item), &error);
  if (revisions == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->versions_box, label);
      return GTK_WIDGET (self);
    }

  /* Newest change first: each version against the one that followed it. */
  current = version_text (cq_item_get_title (item), cq_item_get_summary (item), cq_item_get_content (item));
  for (guint i = revisions->len; i-- > 0; )
    {
      CqRevision *revision = g_ptr_array_index (revisions, i);
      g_autofree char *before = version_text (revision->title, revision->summary, revision->content);

      add_change (self, revision->replaced_at, before, current);
      g_free (current);
      current = g_steal_pointer (&before);
    }
  return GTK_WIDGET (self);
}
