/* test-history-window.c: the earlier versions of an edited statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cq-history-window.h"
#include "cq-item-list.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

static void
test_edited_statement_history (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(CqItem) item = NULL;
  CqWindow *window = NULL;
  GtkWidget *history;
  gboolean found = FALSE;

  cq_test_ui_fill_builtin (fixture);
  cq_item_set_content (items->pdata[4], "<h2>Opening remarks</h2><p>Distinguished colleagues, the first session.</p>");
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);

  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Edited"));

  item = g_list_model_get_item (cq_window_get_list (window), 0);
  history = cq_history_window_new (GTK_WINDOW (window), fixture->store, item);
  gtk_window_present (GTK_WINDOW (history));
  cq_test_ui_wait_mapped (history);
  texts = cq_test_ui_collect_labels (history);
  for (guint i = 0; i < texts->len; i++)
    found |= g_str_has_prefix (texts->pdata[i], "Changed by the source, found on ");
  g_assert_true (found);
  /* The word struck out and the word put in read as two: the space
   * between them is plain. */
  {
    GtkTextView *view = GTK_TEXT_VIEW (cq_test_ui_find (history, GTK_TYPE_TEXT_VIEW, NULL));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextTag *removed = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "removed");
    GtkTextIter start, match, end;

    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, "a the first", 0, &match, &end, NULL));
    g_assert_true (gtk_text_iter_has_tag (&match, removed));
    gtk_text_iter_forward_char (&match);
    g_assert_false (gtk_text_iter_has_tag (&match, removed));
  }

  /* Whose history it is, under the window's title. */
  g_assert_true (cq_test_ui_has_label (history, "Statement at a working group on information security"));
  cq_test_ui_screenshot (history, "history");

  cq_test_ui_destroy_window (GTK_WINDOW (history));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A statement never changed says so, instead of an empty window; Escape
 * closes it, as it closes every dialog. */
static void
test_no_earlier_versions (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) item = NULL;
  GtkWidget *history;

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (item);
  history = cq_history_window_new (NULL, fixture->store, item);
  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *) &history);
  gtk_window_present (GTK_WINDOW (history));
  cq_test_ui_wait_mapped (history);
  g_assert_true (cq_test_ui_has_label (history, "No Earlier Versions"));
  cq_test_ui_screenshot (history, "history-none");

  /* No window manager here: the pointer decides which window gets keys. */
  g_assert_true (g_spawn_command_line_sync ("xdotool search --name \"Earlier Versions\" mousemove --window %1 40 40",
                                            NULL, NULL, NULL, NULL));
  cq_test_ui_press_key ("Escape");
  g_assert_null (history);
}

#define ADD(path, func) \
  g_test_add ("/cq/history-window/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("edited-statement", test_edited_statement_history);
  ADD ("no-earlier-versions", test_no_earlier_versions);

  return g_test_run ();
}
