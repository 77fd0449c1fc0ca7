/* test-window.c: the main window as a user sees it, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cq-application.h"
#include "cq-fake-monitor.h"
#include "cq-fixture-server.h"
#include "cq-header-title.h"
#include "cq-news-row.h"
#include "cq-opml-files.h"
#include "cq-preferences-window.h"
#include "cq-reader-view.h"
#include "cq-row-text.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

static void
test_header_for_injected_now (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) next_day = cq_test_date_time ("2019-06-16T23:01:00Z");
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;

  /* With no source stored, the header is the built-in profile's. */
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  root = GTK_WIDGET (window);

  g_assert_true (cq_test_ui_has_label (root, "16 June 2019"));
  g_assert_true (cq_test_ui_has_label (root, "Moscow 22:40  ·  London 20:40"));
  g_assert_true (cq_test_ui_has_label (root, "469 days have passed since the Salisbury incident"));
  g_assert_true (cq_test_ui_has_label (root, "461 days have passed since the death of Nikolay Glushkov on British soil"));
  g_assert_true (cq_test_ui_has_label (root, "Consular queries: +44 (0) 203 668 7474"));
  g_assert_true (cq_test_ui_has_label (root, "No News Yet"));
  /* The empty list offers the way to fill it. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Add a Source"))),
                   ==, "app.preferences");
  cq_test_ui_screenshot (root, "window-first-run");

  /* Midnight in London: the date and both counters move on together. */
  cq_clock_set_now (clock, next_day);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "17 June 2019"));
  g_assert_true (cq_test_ui_has_label (root, "Moscow 02:01  ·  London 00:01"));
  g_assert_true (cq_test_ui_has_label (root, "470 days have passed since the Salisbury incident"));
  g_assert_true (cq_test_ui_has_label (root, "462 days have passed since the death of Nikolay Glushkov on British soil"));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The shortcuts window is not made with the main window (GtkApplication's
 * automatic help overlay was a tenth of its making at start-up), but when
 * asked for: then it is there, over the window, saying the shortcuts. */
static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        {
          g_assert_null (found);
          found = toplevel;
        }
    }
  return found;
}

static gboolean
is_shortcut_titled (GtkWidget     *widget,
                    gconstpointer  title)
{
  g_autofree char *its_title = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "title", &its_title, NULL);
  return g_strcmp0 (its_title, title) == 0;
}

static void
test_shortcuts_window_on_demand (CqTestStore   *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqApplication) app = cq_application_new ();
  g_auto(GStrv) accels = NULL;
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
  GtkWindow *shortcuts;

  /* The application gives the window's action its key, which the
   * shortcuts window names. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  g_assert_null (find_shortcuts_window ());
  for (int round = 0; round < 2; round++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      shortcuts = find_shortcuts_window ();
      g_assert_nonnull (shortcuts);
      g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
      cq_test_ui_wait_mapped (GTK_WIDGET (shortcuts));
      g_assert_true (cq_test_ui_has_label (GTK_WIDGET (shortcuts), "Show Shortcuts"));
      g_assert_true (cq_test_ui_has_label (GTK_WIDGET (shortcuts), "Preferences"));
      {
        GtkWidget *row = cq_test_ui_find_where (GTK_WIDGET (shortcuts), is_shortcut_titled, "Show Shortcuts");
        g_autofree char *accelerator = NULL;

        g_assert_nonnull (row);
        g_object_get (row, "accelerator", &accelerator, NULL);
        g_assert_cmpstr (accelerator, ==, accels[0]);
      }
      /* Closed, it goes; asked for again, it comes again. */
      gtk_window_close (shortcuts);
      cq_test_ui_settle ();
      g_assert_null (find_shortcuts_window ());
    }
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* What a paste would give, read back through the display's clipboard. */
static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
test_list_and_reader (CqTestStore   *fixture,
                      gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  CqReaderView *reader;
  g_autofree char *body = NULL;
  g_autoptr(CqItem) newest = NULL;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);

  /* Newest first, with their dates in the source's zone and summaries. */
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  g_assert_true (cq_test_ui_has_label (root, "07.06.2019"));
  g_assert_true (cq_test_ui_has_label (root, "Заявление о консульском обслуживании"));
  g_assert_true (cq_test_ui_has_label (root, "Remarks at the first session of a working group in New York."));
  g_assert_true (cq_test_ui_has_label (root, "Nothing Selected"));

  /* Choosing a row shows it in the reader and marks it read. */
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  body = cq_reader_view_dup_text (reader);
  g_assert_nonnull (strstr (body, "Opening remarks\nDistinguished colleagues, a first session."));
  g_assert_true (cq_test_ui_has_label (root, "7 June 2019, 17:00 · Embassy of the Russian Federation in the UK"));
  newest = g_list_model_get_item (cq_window_get_list (window), 0);
  g_assert_true (cq_item_get_read (newest));

  /* The keys a reader uses: star, unread, next, previous. */
  gtk_widget_activate_action (root, "win.toggle-star", NULL);
  g_assert_true (cq_item_get_starred (newest));
  gtk_widget_activate_action (root, "win.toggle-read", NULL);
  g_assert_false (cq_item_get_read (newest));
  gtk_widget_activate_action (root, "win.next", NULL);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "Article on the anniversary of Victory Day"));
  g_assert_true (cq_reader_view_get_item (reader) != newest);
  gtk_widget_activate_action (root, "win.previous", NULL);
  g_assert_true (cq_reader_view_get_item (reader) == newest);

  /* Space: a short statement fits, so it moves on to the next. */
  gtk_widget_activate_action (root, "win.read-on", NULL);
  g_assert_true (cq_reader_view_get_item (reader) != newest);
  gtk_widget_activate_action (root, "win.previous", NULL);

  /* Copy Citation puts title, source, dates and link on the clipboard. */
  gtk_widget_activate_action (root, "win.copy-citation", NULL);
  cq_test_ui_settle ();
  {
    g_autofree char *citation = read_clipboard (root);

    g_assert_true (g_str_has_prefix (citation, "Statement at a working group on information security\n"
                                               "Embassy of the Russian Federation in the UK\n"
                                               "Published 2019-06-07 17:00 +0100 (Europe/London)\n"));
  }
  cq_test_ui_screenshot (root, "window-reader");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_filters_and_search (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  GListModel *list;
  GtkWidget *entry;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  list = cq_window_get_list (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);

  cq_window_select (window, 1);
  cq_test_ui_settle ();
  /* The filter says how many are unread: the one just opened is not. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 4")), TRUE);
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Starred")), TRUE);
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (cq_test_ui_has_label (root, "No Starred Statements"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "All")), TRUE);
  gtk_widget_activate_action (root, "win.search", NULL);
  entry = cq_test_ui_find (root, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "консульск");
  cq_test_ui_settle ();
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cq_test_ui_settle ();
  cq_test_ui_settle ();

  /* A second source brings the source selector. */
  {
    g_autoptr(CqProfile) other = cq_test_profile ("ministry", "Ministry news");
    g_autoptr(GPtrArray) ministry = g_ptr_array_new_with_free_func (g_object_unref);
    gint64 id = cq_store_add_source (fixture->store, other, NULL);
    GtkDropDown *dropdown;

    g_ptr_array_add (ministry, cq_test_item ("m1", "Ministry briefing", "2019-06-01T10:00:00Z", NULL, NULL));
    cq_store_upsert_items (fixture->store, id, ministry, NULL, NULL);
    cq_test_ui_settle ();
    dropdown = GTK_DROP_DOWN (cq_test_ui_find (root, GTK_TYPE_DROP_DOWN, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 6);
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (dropdown), "All Sources"));
    gtk_drop_down_set_selected (dropdown, 2);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    cq_test_ui_settle ();
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (dropdown), "Ministry news"));

    /* Renamed, or with another source added, the choice stays and the
     * selector says the new name. */
    g_assert_true (cq_store_rename_source (fixture->store, id, "Foreign ministry", NULL));
    {
      g_autoptr(CqProfile) third = cq_test_profile ("third", "Third mission");

      g_assert_cmpint (cq_store_add_source (fixture->store, third, NULL), >, 0);
    }
    cq_test_ui_settle ();
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (dropdown), "Foreign ministry"));

    /* The source shown is removed: all sources are shown again. */
    g_assert_true (cq_store_remove_source (fixture->store, id, NULL));
    cq_test_ui_settle ();
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "nonexistentword");
  cq_test_ui_settle ();
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (cq_test_ui_has_label (root, "No Results"));
  cq_test_ui_screenshot (root, "window-no-results");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Reading from Unread: the statement opened (and so marked read) stays in
 * the list and in the reader until the reader moves on; then it leaves. */
static void
test_reading_from_unread (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  GListModel *list;
  CqReaderView *reader;
  g_autoptr(CqItem) first = NULL;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  list = cq_window_get_list (window);
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));

  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 5"), "clicked");
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);

  cq_window_select (window, 0);
  cq_test_ui_settle ();
  first = g_list_model_get_item (list, 0);
  g_assert_true (cq_item_get_read (first));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  g_assert_true (cq_reader_view_get_item (reader) == first);
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  cq_test_ui_screenshot (root, "window-reading-from-unread");

  /* Another filter keeps the statement being read in the reader, and
   * selected where the new list holds it. */
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Starred"), "clicked");
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (cq_reader_view_get_item (reader) == first);
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "All"), "clicked");
  cq_test_ui_settle ();
  g_assert_true (cq_reader_view_get_item (reader) == first);
  /* Selected again: the next key moves on from it, to the second. */
  gtk_widget_activate_action (root, "win.next", NULL);
  cq_test_ui_settle ();
  {
    g_autoptr(CqItem) second = g_list_model_get_item (list, 1);

    g_assert_true (cq_reader_view_get_item (reader) == second);
  }
  gtk_widget_activate_action (root, "win.previous", NULL);
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 3"), "clicked");
  cq_test_ui_settle ();
  /* A new filter shows what it says: the three still unread, while the
   * reader keeps the statement open. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_assert_true (cq_reader_view_get_item (reader) == first);

  /* On to the next unread: read now, it stays while it is open, and
   * leaves once the reader moves on again. */
  gtk_widget_activate_action (root, "win.next", NULL);
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  gtk_widget_activate_action (root, "win.next", NULL);
  cq_test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_true (cq_reader_view_get_item (reader) != first);
  g_assert_true (cq_item_get_read (cq_reader_view_get_item (reader)));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A large first sync's write holds the file for as long as its document
 * takes to read.  Opening a statement meanwhile marks it read at once, and
 * the star button stars it, with no wait and no error (each waited five
 * seconds and failed "in use by another program"); the Unread count and
 * the file follow when the write ends. */
static void
test_reading_during_a_large_write (CqTestStore   *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqStoreWriteStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqItem) first = NULL;
  CqReaderView *reader;
  GListModel *list;
  CqWindow *window;
  GtkWidget *root;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  list = cq_window_get_list (window);
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 5"));

  stream = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                cq_test_keep_result, &result);
  cq_store_write_stream_push (stream, g_ptr_array_index (items, 0));

  cq_window_select (window, 0);
  cq_test_ui_settle ();
  first = g_list_model_get_item (list, 0);
  g_assert_true (cq_reader_view_get_item (reader) == first);
  g_assert_true (cq_item_get_read (first));
  gtk_widget_activate_action (root, "win.toggle-star", NULL);
  cq_test_ui_settle ();
  g_assert_true (cq_item_get_starred (first));
  g_assert_false (cq_test_ui_has_label (root, "The news database is in use by another program; try again in a moment."));

  cq_store_write_stream_close (stream, items, FALSE);
  cq_test_assert_upserted (fixture->store, cq_test_wait_for (&result), NULL, NULL);
  cq_test_ui_settle ();
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 4"));
  cq_test_assert_written_flags (fixture, cq_item_get_id (first), TRUE, TRUE);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return CQ_IS_NEWS_ROW (widget) && cq_news_row_get_item (CQ_NEWS_ROW (widget)) != NULL &&
         g_strcmp0 (cq_item_get_title (cq_news_row_get_item (CQ_NEWS_ROW (widget))), title) == 0;
}

/* The row whose title is @title, among those the list shows. */
static CqNewsRow *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = cq_test_ui_find_where (root, is_row_titled, title);

  g_assert_nonnull (row);
  return CQ_NEWS_ROW (row);
}

static void
test_narrow_window_folds (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  AdwLeaflet *leaflet;
  GtkWidget *root;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 360);
  root = GTK_WIDGET (window);
  leaflet = ADW_LEAFLET (cq_test_ui_find (root, ADW_TYPE_LEAFLET, NULL));

  /* One pane at a time; nothing cut off. */
  g_assert_cmpint (gtk_widget_get_width (root), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (cq_test_ui_has_label (root, "461 days have passed since the death of Nikolay Glushkov on British soil"));
  /* The date fits in its short form; the clocks sit under the header bar, whole. */
  cq_test_ui_settle ();
  {
    GtkWidget *title = cq_test_ui_find (root, CQ_TYPE_HEADER_TITLE, NULL);
    g_autoptr(GPtrArray) shown = cq_test_ui_collect_labels (title);

    g_assert_cmpuint (shown->len, ==, 1);
    g_assert_cmpstr (shown->pdata[0], ==, "16.06.2019");
    for (GtkWidget *child = gtk_widget_get_first_child (title); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (gtk_widget_get_visible (child))
        g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))));
    g_assert_true (cq_test_ui_has_label (root, "Moscow 22:40  ·  London 20:40"));
  }
  cq_test_ui_screenshot (root, "window-narrow-list");

  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_is_ancestor (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL),
                                         adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  cq_test_ui_screenshot (root, "window-narrow-reader");

  /* One real click on a row opens it, as a tap would. */
  cq_test_ui_press_key ("Escape");
  g_assert_false (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  {
    CqNewsRow *row = find_row (root, "Article on the anniversary of Victory Day");
    graphene_point_t at;
    double dx, dy;
    g_autofree char *click = NULL;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), root, &GRAPHENE_POINT_INIT (40, 10), &at));
    gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
    click = g_strdup_printf ("xdotool mousemove --sync %d %d click 1", (int) (at.x + dx), (int) (at.y + dy));
    g_assert_true (g_spawn_command_line_sync (click, NULL, NULL, NULL, NULL));
    cq_test_ui_run_for (550);
  }
  g_assert_true (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  g_assert_true (cq_test_ui_has_label (root, "Article on the anniversary of Victory Day"));

  /* Escape and Alt+Left, pressed for real, go back to the list. */
  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 150 300", NULL, NULL, NULL, NULL));
  cq_test_ui_press_key ("Escape");
  g_assert_false (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  cq_window_select (window, 1);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  cq_test_ui_press_key ("alt+Left");
  g_assert_false (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));

  /* Searching while reading: Ctrl+F takes the reader back to the list, where the search is. */
  cq_window_select (window, 1);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  cq_test_ui_press_key ("ctrl+f");
  cq_test_ui_press_key ("r e v i e w");
  cq_test_ui_run_for (400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (root, GTK_TYPE_SEARCH_ENTRY, NULL))), ==,
                   "review");
  g_assert_cmpuint (g_list_model_get_n_items (cq_window_get_list (window)), ==, 1);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static GtkWidget *
find_notice (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "offline-notice"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_notice (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the banner under the header bar says, or NULL while it is hidden:
 * the label's text alone would not say whether it is revealed. */
static const char *
shown_notice (GtkWidget *root)
{
  GtkWidget *label = find_notice (root);
  GtkWidget *revealer = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER) : NULL;

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
test_offline_and_error_states (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqFakeMonitor) monitor = cq_fake_monitor_new ();
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(CqSyncScheduler) scheduler = NULL;
  CqWindow *window = NULL;
  GtkWidget *root;

  cq_test_ui_fill_builtin (fixture);
  engine = cq_sync_engine_new (fixture->store);
  scheduler = cq_sync_scheduler_new (engine, fixture->store, G_NETWORK_MONITOR (monitor));
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  cq_window_set_scheduler (window, scheduler);

  /* Offline: a notice, saved items still readable, refresh off. */
  cq_fake_monitor_set_available (monitor, FALSE);
  cq_test_ui_settle ();
  g_assert_cmpstr (shown_notice (root), ==, "Offline — showing the statements saved on this computer");
  g_assert_false (gtk_widget_get_sensitive (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Offline")));
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "7 June 2019, 17:00 · Embassy of the Russian Federation in the UK"));
  cq_test_ui_screenshot (root, "window-offline");

  /* Back online: refresh is offered again, and the notice goes. */
  cq_fake_monitor_set_available (monitor, TRUE);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_get_sensitive (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Refresh")));
  g_assert_null (shown_notice (root));

  /* Online, yet the only source cannot be reached (a first start with no
   * network): one calm banner, no toast; its error lives on the source. */
  {
    g_autoptr(CqSyncState) state = cq_store_dup_sync_state (fixture->store, fixture->source_id, NULL);
    GtkWidget *preferences;
    GtkWidget *warning;

    state->last_error = g_strdup ("The address www.rusemb.org.uk could not be found.");
    state->failures = 1;
    g_assert_true (cq_store_set_sync_state (fixture->store, fixture->source_id, state, NULL));
    cq_test_ui_settle ();
    g_assert_cmpstr (shown_notice (root), ==,
                     "The source cannot be reached — showing the statements saved on this computer");
    cq_test_ui_screenshot (root, "window-sync-error");

    preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
    gtk_window_present (GTK_WINDOW (preferences));
    cq_test_ui_wait_mapped (preferences);
    warning = cq_test_ui_find (preferences, GTK_TYPE_IMAGE, "The address www.rusemb.org.uk could not be found.");
    g_assert_true (gtk_widget_get_visible (warning));
    cq_test_ui_screenshot (preferences, "preferences-source-error");
    cq_test_ui_destroy_window (GTK_WINDOW (preferences));

    /* A feed read in part: the source says what was cut short, but it
     * was reached, and the window says nothing of it. */
    g_free (state->last_error);
    state->last_error = g_strdup ("The feed ended early: 14 statements were read; what was cut short was left out.");
    state->failures = 0;
    g_assert_true (cq_store_set_sync_state (fixture->store, fixture->source_id, state, NULL));
    cq_test_ui_settle ();
    g_assert_null (shown_notice (root));
    preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
    gtk_window_present (GTK_WINDOW (preferences));
    cq_test_ui_wait_mapped (preferences);
    warning = cq_test_ui_find (preferences, GTK_TYPE_IMAGE, state->last_error);
    g_assert_true (gtk_widget_get_visible (warning));
    cq_test_ui_destroy_window (GTK_WINDOW (preferences));

    /* A sync that goes well takes both away. */
    g_clear_pointer (&state->last_error, g_free);
    state->failures = 0;
    g_assert_true (cq_store_set_sync_state (fixture->store, fixture->source_id, state, NULL));
    cq_test_ui_settle ();
    g_assert_null (shown_notice (root));
  }

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Real key presses through the X server: single letters act on the list,
 * never start a search (the search bar captures typing in the window), and
 * Ctrl+F does. */
static void
test_single_letter_keys (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkSearchBar *search_bar;
  CqReaderView *reader;
  CqItem *shown;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  search_bar = GTK_SEARCH_BAR (cq_test_ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR, NULL));
  reader = CQ_READER_VIEW (cq_test_ui_find (GTK_WIDGET (window), CQ_TYPE_READER_VIEW, NULL));
  shown = cq_reader_view_get_item (reader);
  g_assert_nonnull (shown);

  /* No window manager here: the pointer decides which window gets keys. */
  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 300 300", NULL, NULL, NULL, NULL));
  cq_test_ui_settle ();

  cq_test_ui_press_key ("j");
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (cq_reader_view_get_item (reader) != shown);
  cq_test_ui_press_key ("k");
  g_assert_true (cq_reader_view_get_item (reader) == shown);
  cq_test_ui_press_key ("s");
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (cq_item_get_starred (shown));

  /* c copies the citation; h opens the earlier versions. */
  cq_test_ui_press_key ("c");
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Citation copied: Full Record"));
  cq_test_ui_press_key ("h");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *history = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && history == NULL; i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (toplevel != GTK_WINDOW (window) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
          history = toplevel;
      }
    g_assert_nonnull (history);
    cq_test_ui_destroy_window (history);
  }
  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 300 300", NULL, NULL, NULL, NULL));
  cq_test_ui_settle ();

  cq_test_ui_press_key ("ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  /* In the search entry, letters are text, not shortcuts. */
  cq_test_ui_press_key ("j");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (GTK_WIDGET (search_bar), GTK_TYPE_SEARCH_ENTRY, NULL))), ==, "j");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  if (CQ_IS_ROW_TEXT (widget) && g_strcmp0 (cq_row_text_get_text (CQ_ROW_TEXT (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_news_list (GtkWidget     *widget,
              gconstpointer  items)
{
  return GTK_IS_LIST_VIEW (widget) &&
         gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (widget)))) == items;
}

/* The news list: the list view whose selection holds the window's items. */
static GtkWidget *
find_news_list (GtkWidget  *root,
                GListModel *items)
{
  return cq_test_ui_find_where (root, is_news_list, items);
}

static gboolean
time_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the window's list holds at least @n
 * statements, for @seconds at most. */
static void
wait_for_list_length (CqWindow *window,
                      guint     n,
                      guint     seconds)
{
  gboolean time_up = FALSE;
  guint timer = g_timeout_add_seconds (seconds, time_up_cb, &time_up);

  while (!time_up && g_list_model_get_n_items (cq_window_get_list (window)) < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (time_up);
  g_source_remove (timer);
  cq_test_ui_settle ();
}

/* The row titled @title shows in the news list's first 100 pixels. */
static void
assert_near_top (CqWindow   *window,
                 const char *title)
{
  GtkWidget *label = find_label (GTK_WIDGET (window), title);
  GtkWidget *list = find_news_list (GTK_WIDGET (window), cq_window_get_list (window));
  graphene_rect_t bounds;

  g_assert_nonnull (label);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_compute_bounds (label, list, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, <, 100);
}

/* Twenty statements older than the built-in source's. */
static void
store_older_statements (CqTestStore *fixture)
{
  g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *guid = g_strdup_printf ("old-%u", i);
      g_autofree char *iso = g_strdup_printf ("2019-01-%02uT10:00:00Z", i + 1);

      g_ptr_array_add (older, cq_test_item (guid, "An older statement", iso, "Older.", NULL));
    }
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, older, NULL, NULL));
}

/* What communique-cli writes to the same file (here, a second connection
 * as the CLI opens one) shows in the open window within seconds. */
static void
test_follows_cli_writes (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqStore) cli = NULL;
  g_autoptr(GError) error = NULL;
  CqWindow *window;

  cq_test_ui_fill_builtin (fixture);
  cq_store_follow_other_writers (fixture->store, 1);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  g_assert_false (cq_test_ui_has_label (GTK_WIDGET (window), "A statement the command line added"));

  cli = cq_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (added, cq_test_item ("cli-1", "A statement the command line added", "2019-06-12T09:00:00Z",
                                        "Added while the window was open.", NULL));
  g_assert_true (cq_store_upsert_items (cli, fixture->source_id, added, NULL, &error));

  wait_for_list_length (window, 6, 6);
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "A statement the command line added"));
  /* The list was at its top: the newest statement shows there, in view,
   * not kept above it as the list view keeps what was first. */
  assert_near_top (window, "A statement the command line added");
  cq_test_ui_screenshot (GTK_WIDGET (window), "window-follows-cli");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Scrolled down the list, the user is not moved when statements arrive
 * above; a pill says how many, and takes them up to the newest. */
static void
test_new_statements_pill (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqStore) cli = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *list, *pill;
  CqWindow *window;

  cq_test_ui_fill_builtin (fixture);
  store_older_statements (fixture);
  cq_store_follow_other_writers (fixture->store, 1);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();
  list = find_news_list (GTK_WIDGET (window), cq_window_get_list (window));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", 24);
  cq_test_ui_settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);

  cli = cq_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (newer, cq_test_item ("new-1", "A statement just published", "2019-06-14T09:00:00Z", "New.", NULL));
  g_ptr_array_add (newer, cq_test_item ("new-2", "Another just published", "2019-06-13T09:00:00Z", "New.", NULL));
  g_assert_true (cq_store_upsert_items (cli, fixture->source_id, newer, NULL, &error));
  wait_for_list_length (window, 27, 6);

  /* Still where the user was; told of the two above. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  pill = cq_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "2 New Statements");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (pill))));
  cq_test_ui_screenshot (GTK_WIDGET (window), "window-new-statements-pill");

  g_signal_emit_by_name (pill, "clicked");
  cq_test_ui_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (pill))));
  assert_near_top (window, "A statement just published");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* @n statements newer than any (a minute apart from 1 July 2019), written
 * in the background as a sync writes them; returns once the window's list
 * holds @n_then. */
static void
sync_newer (CqTestStore *fixture,
            CqWindow    *window,
            const char  *prefix,
            guint        n,
            guint        n_then)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2019, 7, 1, 0, 0, 0);

  cq_test_write_numbered (fixture, prefix, n, first, G_TIME_SPAN_MINUTE, "New.");
  wait_for_list_length (window, n_then, 10);
}

/* A sync of hundreds, which the list shows a slice at a time: scrolled
 * down, the user stays where they were and the pill counts them all; at
 * the top, the newest is the first row. */
static void
test_many_new_statements (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  GtkAdjustment *adjustment;
  GtkWidget *list, *pill;
  CqWindow *window;
  guint n;

  cq_test_ui_fill_builtin (fixture);
  store_older_statements (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();
  n = g_list_model_get_n_items (cq_window_get_list (window));
  list = find_news_list (GTK_WIDGET (window), cq_window_get_list (window));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", n - 1);
  cq_test_ui_settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);

  sync_newer (fixture, window, "first", 300, n + 300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  pill = cq_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "300 New Statements");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (pill))));

  /* Up to them, then another sync at the top. */
  g_signal_emit_by_name (pill, "clicked");
  cq_test_ui_settle ();
  sync_newer (fixture, window, "second", 300, n + 600);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (pill))));
  assert_near_top (window, "Statement second 299");

  /* A row keeps its statement while the list moves it (GTK 4.8 binds it
   * again), and lets go of it with the row: down at the end, the list
   * holds its rows' statements (GTK keeps 200 rows) and the few it read
   * around them, not the 1,000 passed on the way. */
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", n + 599);
  cq_test_ui_settle ();
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), <=, 200 + 64 + 2);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CQ_IS_NEWS_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* A right click on a row, through the X server, opens its menu; its
 * entries act on that row's statement, whether it is open or not. */
static void
test_row_context_menu (CqTestStore   *fixture,
                       gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CqNewsRow *clicked = NULL;
  GtkWidget *menu;
  CqWindow *window;
  CqItem *item;
  GMenuModel *model;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();

  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 150 230 click 3", NULL, NULL, NULL, NULL));
  cq_test_ui_run_for (550);
  cq_test_ui_settle ();
  collect_rows (GTK_WIDGET (window), rows);
  for (guint i = 0; i < rows->len && clicked == NULL; i++)
    if (cq_news_row_get_menu (g_ptr_array_index (rows, i)) != NULL)
      clicked = g_ptr_array_index (rows, i);
  g_assert_nonnull (clicked);
  menu = cq_news_row_get_menu (clicked);
  g_assert_true (gtk_widget_get_visible (menu));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 3);
  item = cq_news_row_get_item (clicked);
  /* Right-clicking is not reading: nothing opened, nothing marked read. */
  g_assert_false (cq_item_get_read (item));
  g_assert_null (cq_reader_view_get_item (CQ_READER_VIEW (cq_test_ui_find (GTK_WIDGET (window), CQ_TYPE_READER_VIEW, NULL))));

  gtk_widget_activate_action (GTK_WIDGET (clicked), "win.item-toggle-star", "x", cq_item_get_id (item));
  gtk_widget_activate_action (GTK_WIDGET (clicked), "win.item-toggle-read", "x", cq_item_get_id (item));
  gtk_widget_activate_action (GTK_WIDGET (clicked), "win.item-copy-link", "x", cq_item_get_id (item));
  cq_test_ui_settle ();
  g_assert_true (cq_item_get_starred (item));
  g_assert_true (cq_item_get_read (item));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Link copied"));
  /* The row shows its star, with the tooltip it got when it first showed. */
  g_assert_nonnull (cq_test_ui_find (GTK_WIDGET (clicked), GTK_TYPE_IMAGE, "Starred"));

  gtk_popover_popdown (GTK_POPOVER (menu));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Ctrl+Shift+A, pressed for real, marks every statement read and offers
 * Undo, which marks the same ones unread again. */
static void
test_mark_all_read (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqItemQuery unread = { .filter = CQ_ITEM_FILTER_UNREAD };
  CqWindow *window;
  GtkWidget *root;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  root = GTK_WIDGET (window);
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 5"));

  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 300 300", NULL, NULL, NULL, NULL));
  cq_test_ui_press_key ("ctrl+shift+a");
  cq_test_ui_settle ();
  {
    g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &unread, NULL);

    g_assert_cmpuint (ids->len, ==, 0);
  }
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread"));
  g_assert_true (cq_test_ui_has_label (root, "5 statements marked as read"));
  cq_test_ui_screenshot (root, "window-mark-all-read");

  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Undo"), "clicked");
  cq_test_ui_settle ();
  {
    g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &unread, NULL);

    g_assert_cmpuint (ids->len, ==, 5);
  }
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread 5"));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Today's and yesterday's statements say so; rows name their sources when
 * several are shown; an edited statement is marked in the list at once. */
static void
test_rows_relative_dates_sources_edits (CqTestStore   *fixture,
                                        gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqProfile) other = cq_test_profile ("ministry", "Ministry of Foreign Affairs of Testland");
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  CqWindow *window = NULL;
  GtkWidget *root;
  GtkDropDown *dropdown;
  CqNewsRow *today, *yesterday;
  gint64 ministry;

  cq_test_ui_fill_builtin (fixture);
  ministry = cq_store_add_source (fixture->store, other, NULL);
  /* The seed clock reads 19:40 UTC on 16 June 2019; the ministry dates in UTC. */
  g_ptr_array_add (fresh, cq_test_item ("m1", "Briefing on the harbour fire", "2019-06-16T13:05:00Z",
                                        "The spokesperson answered questions.", NULL));
  g_ptr_array_add (fresh, cq_test_item ("m2", "Visa centre hours", "2019-06-15T08:10:00Z",
                                        "Opening hours change next week.", NULL));
  g_assert_true (cq_store_upsert_items (fixture->store, ministry, fresh, NULL, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1400);
  root = GTK_WIDGET (window);
  cq_test_ui_settle ();

  today = find_row (root, "Briefing on the harbour fire");
  yesterday = find_row (root, "Visa centre hours");
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "· Today 14:05"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (yesterday), "· Yesterday 09:10"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "Ministry of Foreign Affairs of Testland"));
  g_assert_true (cq_test_ui_has_label (root, "Embassy of the Russian Federation in the UK"));
  g_assert_true (cq_test_ui_has_label (root, "· 07.06.2019"));
  g_assert_false (cq_test_ui_has_label (GTK_WIDGET (today), "Edited"));

  /* The ministry rewrites its briefing: the row says Edited and shows the new text. */
  g_ptr_array_add (edited, cq_test_item ("m1", "Briefing on the harbour fire", "2019-06-16T13:05:00Z",
                                         "The spokesperson corrected the figures.", NULL));
  g_assert_true (cq_store_upsert_items (fixture->store, ministry, edited, NULL, NULL));
  cq_test_ui_settle ();
  today = find_row (root, "Briefing on the harbour fire");
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "Edited"));
  /* Made hidden so that its tooltip asks the display nothing, then shown. */
  g_assert_nonnull (cq_test_ui_find (GTK_WIDGET (today), GTK_TYPE_LABEL,
                                     "The source changed this text after it was first published"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "The spokesperson corrected the figures."));
  cq_test_ui_screenshot (root, "window-rows-sources-and-dates");

  /* The clock passes midnight: today's statement becomes yesterday's, without a rebind. */
  {
    g_autoptr(GDateTime) next_day = cq_test_date_time ("2019-06-17T08:00:00Z");

    cq_clock_set_now (clock, next_day);
    cq_test_ui_settle ();
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "· Yesterday 14:05"));
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (yesterday), "· 15.06.2019"));
  }

  /* One source shown: the rows need not name it. */
  dropdown = GTK_DROP_DOWN (cq_test_ui_find (root, GTK_TYPE_DROP_DOWN, NULL));
  gtk_drop_down_set_selected (dropdown, 2);
  cq_test_ui_settle ();
  today = find_row (root, "Briefing on the harbour fire");
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (today), "Yesterday 14:05"));
  g_assert_false (cq_test_ui_has_label (GTK_WIDGET (today), "Ministry of Foreign Affairs of Testland"));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Walks a render node: counts the opacity nodes over more than one node,
 * which GTK's GL renderer paints offscreen each frame, and gathers how
 * opaque each text node is drawn, in the order drawn. */
static void
walk_row_node (GskRenderNode *node,
               double         opacity,
               guint         *offscreen,
               GArray        *alphas)
{
  GskRenderNode *child;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        walk_row_node (gsk_container_node_get_child (node, i), opacity, offscreen, alphas);
      return;
    case GSK_OPACITY_NODE:
      opacity *= gsk_opacity_node_get_opacity (node);
      if (gsk_render_node_get_node_type (gsk_opacity_node_get_child (node)) == GSK_CONTAINER_NODE)
        (*offscreen)++;
      break;
    case GSK_TEXT_NODE:
      {
        double alpha = gsk_text_node_get_color (node)->alpha * opacity;

        g_array_append_val (alphas, alpha);
      }
      return;
    default:
      break;
    }
  if ((child = cq_test_ui_node_child (node)) != NULL)
    walk_row_node (child, opacity, offscreen, alphas);
}

/* Turns high contrast on as the desktop's setting does, with the app's own
 * sheet for it that AdwApplication would load.  Returns: (transfer full)
 * (nullable): the sheet, for high_contrast_off(); %NULL where the desktop's
 * accessibility settings are not installed. */
static GtkCssProvider *
high_contrast_on (GtkWidget *window)
{
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                                      "org.gnome.desktop.a11y.interface", TRUE);
  g_autoptr(GSettings) a11y = NULL;
  GtkCssProvider *css;

  if (schema == NULL)
    {
      g_test_message ("No desktop accessibility settings: high contrast not checked");
      return NULL;
    }
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style-hc.css");
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (window), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  cq_test_ui_settle ();
  g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
  return css;
}

static void
high_contrast_off (GtkWidget      *window,
                   GtkCssProvider *css)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  g_settings_reset (a11y, "high-contrast");
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (window), GTK_STYLE_PROVIDER (css));
  g_object_unref (css);
  cq_test_ui_settle ();
}

/* Every row on screen paints with no offscreen pass, and @row's date and
 * summary are drawn @dim as opaque as its title. */
static void
assert_rows_paint_in_one_pass (GtkWidget *window,
                               CqNewsRow *row,
                               double     dim)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  cq_test_ui_settle ();
  collect_rows (window, rows);
  g_assert_cmpuint (rows->len, >, 1);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (rows, i);
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GArray) alphas = g_array_new (FALSE, FALSE, sizeof (double));
      guint offscreen = 0;

      /* Rows kept for reuse, off screen, draw nothing. */
      if (!gtk_widget_get_mapped (widget))
        continue;
      node = cq_test_ui_render_node (widget);
      g_assert_nonnull (node);
      walk_row_node (node, 1.0, &offscreen, alphas);
      g_assert_cmpuint (offscreen, ==, 0);

      if (widget == GTK_WIDGET (row))
        {
          /* The date, the title's one line, the summary's two (its
           * ellipsis may be a run of its own). */
          double date, title;

          g_assert_cmpuint (alphas->len, >=, 4);
          date = g_array_index (alphas, double, 0);
          title = g_array_index (alphas, double, 1);
          g_assert_cmpfloat_with_epsilon (date, title * dim, 0.01);
          for (guint k = 2; k < alphas->len; k++)
            g_assert_cmpfloat_with_epsilon (g_array_index (alphas, double, k), date, 0.01);
        }
    }
}

/* A row paints in one pass: its two-line summary is dimmed by its colour,
 * not by an opacity that GTK's GL renderer would paint offscreen, row by
 * row, on every frame the list scrolls; and it is as dim as .dim-label
 * makes text, as the date is: 0.55, and 0.9 in high contrast. */
static void
test_rows_paint_in_one_pass (CqTestStore   *fixture,
                             gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkCssProvider *high_contrast;
  CqWindow *window;
  CqNewsRow *row;

  g_ptr_array_add (items, cq_test_item ("dim", "Harbour briefing", "2019-06-16T13:05:00Z",
                                        "The spokesperson answered questions on the harbour fire, the "
                                        "rescue of its crews, the state of the quays and the ferries, "
                                        "and what the inquiry will look at first.", NULL));
  cq_test_ui_fill_builtin (fixture);
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();
  row = find_row (GTK_WIDGET (window), "Harbour briefing");
  g_assert_nonnull (row);

  assert_rows_paint_in_one_pass (GTK_WIDGET (window), row, 0.55);
  if ((high_contrast = high_contrast_on (GTK_WIDGET (window))) != NULL)
    {
      assert_rows_paint_in_one_pass (GTK_WIDGET (window), row, 0.9);
      high_contrast_off (GTK_WIDGET (window), high_contrast);
    }

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Counts the inset shadows under @node drawn over at least @area pixels:
 * GTK 4.8's GL renderer shades every pixel an inset shadow covers. */
static guint
count_wide_inset_shadows (GskRenderNode *node,
                          float          area)
{
  GskRenderNode *child;
  graphene_rect_t bounds;
  guint count = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count += count_wide_inset_shadows (gsk_container_node_get_child (node, i), area);
      return count;
    case GSK_INSET_SHADOW_NODE:
      gsk_render_node_get_bounds (node, &bounds);
      return bounds.size.width * bounds.size.height >= area ? 1 : 0;
    default:
      child = cq_test_ui_node_child (node);
      return child != NULL ? count_wide_inset_shadows (child, area) : 0;
    }
}

/* The window as drawn now, one byte per channel, row after row. */
static GBytes *
window_pixels (GtkWidget *window)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  guchar *data = g_malloc (width * height * 4);

  cq_test_ui_settle ();
  node = cq_test_ui_render_node (window);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);
  return g_bytes_new_take (data, width * height * 4);
}

/* The window drawn with its edge and with libadwaita's (the class taken
 * off for the moment): libadwaita's is the three wide inset shadows the
 * test thinks it is, ours has none, and the two are the same pixels. */
static void
assert_edge_is_libadwaitas (GtkWidget  *window,
                            const char *look)
{
  g_autoptr(GskRenderNode) ours = NULL;
  g_autoptr(GskRenderNode) theirs = NULL;
  g_autoptr(GBytes) our_pixels = NULL;
  g_autoptr(GBytes) their_pixels = NULL;
  float area = gtk_widget_get_width (window) * gtk_widget_get_height (window) * 0.9;
  const guchar *a, *b;
  int width = gtk_widget_get_width (window);
  gsize differ = 0;

  g_test_message ("The edge, %s", look);
  cq_test_ui_settle ();
  ours = cq_test_ui_render_node (window);
  our_pixels = window_pixels (window);
  gtk_widget_remove_css_class (window, "adw-1-2-edge");
  cq_test_ui_settle ();
  theirs = cq_test_ui_render_node (window);
  their_pixels = window_pixels (window);
  gtk_widget_add_css_class (window, "adw-1-2-edge");

  g_assert_cmpuint (count_wide_inset_shadows (theirs, area), ==, 3);
  g_assert_cmpuint (count_wide_inset_shadows (ours, area), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (our_pixels), ==, g_bytes_get_size (their_pixels));
  a = g_bytes_get_data (our_pixels, NULL);
  b = g_bytes_get_data (their_pixels, NULL);
  for (gsize i = 0; i < g_bytes_get_size (our_pixels); i += 4)
    if (memcmp (a + i, b + i, 4) != 0 && differ++ < 5)
      g_test_message ("Pixel %d,%d differs: %02x%02x%02x%02x, libadwaita's %02x%02x%02x%02x",
                      (int) (i / 4 % width), (int) (i / 4 / width),
                      a[i], a[i + 1], a[i + 2], a[i + 3], b[i], b[i + 1], b[i + 2], b[i + 3]);
  g_assert_cmpuint (differ, ==, 0);
}

/* With no compositor (Xvfb), the window's edge is libadwaita's, pixel for
 * pixel, in the normal look and in high contrast, without the three inset
 * shadows libadwaita 1.2 draws it with, each of which GTK 4.8 shades over
 * the whole window on every frame. */
static void
test_edge_paints_cheaply (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  GtkCssProvider *high_contrast;
  GtkWidget *window;

  cq_test_ui_fill_builtin (fixture);
  window = GTK_WIDGET (cq_test_ui_show_window (fixture->store, clock, 1000));
  if (!gtk_widget_has_css_class (window, "solid-csd"))
    {
      g_test_skip ("A compositor draws this window's edge");
      cq_test_ui_destroy_window (GTK_WINDOW (window));
      return;
    }
  if (adw_get_minor_version () != 2)
    {
      g_assert_false (gtk_widget_has_css_class (window, "adw-1-2-edge"));
      g_test_skip ("This libadwaita draws its own edge");
      cq_test_ui_destroy_window (GTK_WINDOW (window));
      return;
    }
  g_assert_true (gtk_widget_has_css_class (window, "adw-1-2-edge"));
  assert_edge_is_libadwaitas (window, "normal");

  /* The other of focused and not (:backdrop), whichever the window is:
   * the band takes the header bar's backdrop colour. */
  if (gtk_widget_get_state_flags (window) & GTK_STATE_FLAG_BACKDROP)
    {
      gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
      assert_edge_is_libadwaitas (window, "focused");
      gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
    }
  else
    {
      gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
      assert_edge_is_libadwaitas (window, "in the background");
      gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
    }
  cq_test_ui_settle ();

  if ((high_contrast = high_contrast_on (window)) != NULL)
    {
      assert_edge_is_libadwaitas (window, "high contrast");
      high_contrast_off (window, high_contrast);
    }

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The citation button copies in the style last chosen from its menu, and so does c. */
static void
test_citation_styles (CqTestStore   *fixture,
                      gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  GtkWidget *reader;
  AdwSplitButton *cite;
  GMenuModel *menu;
  g_autofree char *record = NULL;
  g_autofree char *apa = NULL;
  g_autofree char *again = NULL;
  g_autofree char *chicago = NULL;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1400);
  root = GTK_WIDGET (window);
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  reader = cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL);
  cite = ADW_SPLIT_BUTTON (cq_test_ui_find (reader, ADW_TYPE_SPLIT_BUTTON, NULL));

  /* The menu names every style, each a choice of the reader's cite action. */
  menu = adw_split_button_get_menu_model (cite);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 5);
  {
    const char *labels[] = { "Full Record", "APA", "MLA", "Chicago", "Title and Link" };

    for (int i = 0; i < 5; i++)
      {
        g_autofree char *label = NULL;

        g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
        g_assert_cmpstr (label, ==, labels[i]);
      }
  }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (cite)), ==, "Copy Citation (Full Record)");

  g_signal_emit_by_name (cite, "clicked");
  record = read_clipboard (root);
  g_assert_true (g_str_has_prefix (record, "Statement at a working group on information security\n"));
  g_assert_nonnull (strstr (record, "Retrieved "));

  /* Choosing APA copies it, says so, and makes it the button's style. */
  gtk_widget_activate_action (reader, "reader.cite", "s", "apa");
  cq_test_ui_settle ();
  apa = read_clipboard (root);
  g_assert_cmpstr (apa, ==, "Embassy of the Russian Federation in the UK. (2019, June 7). "
                            "Statement at a working group on information security. "
                            "https://news.example.org/statements/s5");
  g_assert_true (cq_test_ui_has_label (root, "Citation copied: APA"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (cite)), ==, "Copy Citation (APA)");

  gtk_widget_activate_action (root, "win.copy-citation", NULL);
  again = read_clipboard (root);
  g_assert_cmpstr (again, ==, apa);

  gtk_widget_activate_action (reader, "reader.cite", "s", "chicago");
  chicago = read_clipboard (root);
  g_assert_true (g_str_has_suffix (chicago, "\u201d June 7, 2019. https://news.example.org/statements/s5."));

  adw_split_button_popup (cite);
  cq_test_ui_settle ();
  cq_test_ui_screenshot (root, "reader-citation-styles");
  adw_split_button_popdown (cite);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The statement a focused list row shows, or NULL when no row has focus. */
static CqItem *
focused_row_item (CqWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (CQ_IS_NEWS_ROW (child) && w == focus)
        return cq_news_row_get_item (CQ_NEWS_ROW (child));
  return NULL;
}

static void
focus_row (GtkWidget *list_view,
           CqItem    *item)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CQ_IS_NEWS_ROW (gtk_widget_get_first_child (child)) &&
        cq_news_row_get_item (CQ_NEWS_ROW (gtk_widget_get_first_child (child))) == item)
      {
        g_assert_true (gtk_widget_grab_focus (child));
        cq_test_ui_settle ();
        return;
      }
  g_assert_not_reached ();
}

/* Space reads on from the list or the reader, whatever has focus there, and
 * never presses a button or clears the selection; Tab goes from the list to
 * the reader; j and k take the focus with the selection. */
static void
test_space_tab_and_focus (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) html = g_string_new (NULL);
  CqWindow *window = NULL;
  GtkWidget *root;
  CqReaderView *reader;
  GtkWidget *list_view;
  GtkWidget *star;
  GtkAdjustment *scroll;
  CqItem *long_item;
  double before;
  int pages = 0;

  cq_test_ui_fill_builtin (fixture);
  for (int i = 0; i < 40; i++)
    g_string_append_printf (html, "<p>Paragraph %d of a long statement on the harbour fire and what the "
                                  "embassy asks of those who saw it.</p>", i + 1);
  g_ptr_array_add (extra, cq_test_item ("long", "A long statement", "2019-06-10T10:00:00Z", NULL, html->str));
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, extra, NULL, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  list_view = find_news_list (root, cq_window_get_list (window));
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  long_item = cq_reader_view_get_item (reader);
  g_assert_cmpstr (cq_item_get_title (long_item), ==, "A long statement");
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
    cq_test_ui_find (GTK_WIDGET (reader), GTK_TYPE_TEXT_VIEW, NULL), GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 300 300", NULL, NULL, NULL, NULL));
  cq_test_ui_settle ();

  /* From the focused row: a page down, the same statement, still selected. */
  /* As a click on the row leaves it: the keyboard's focus on that row. */
  focus_row (list_view, long_item);
  g_assert_true (focused_row_item (window) == long_item);
  before = gtk_adjustment_get_value (scroll);
  cq_test_ui_press_key ("space");
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, before + gtk_adjustment_get_page_size (scroll) / 2);
  g_assert_true (cq_reader_view_get_item (reader) == long_item);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), ==, 0);

  /* With the star focused, Space still reads on, and stars nothing. */
  star = cq_test_ui_find (GTK_WIDGET (reader), GTK_TYPE_TOGGLE_BUTTON, "Star");
  gtk_widget_grab_focus (star);
  before = gtk_adjustment_get_value (scroll);
  cq_test_ui_press_key ("space");
  g_assert_false (cq_item_get_starred (long_item));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, before);
  /* Shift+Space goes back a page. */
  before = gtk_adjustment_get_value (scroll);
  cq_test_ui_press_key ("shift+space");
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), <, before);

  /* Page by page to the end, then on to the next statement. */
  while (cq_reader_view_get_item (reader) == long_item && pages++ < 20)
    cq_test_ui_press_key ("space");
  g_assert_cmpint (pages, >, 1);
  g_assert_cmpstr (cq_item_get_title (cq_reader_view_get_item (reader)), ==,
                   "Statement at a working group on information security");
  cq_test_ui_screenshot (root, "window-space-read-on");

  /* j and k take the focus with them: no ring left on the row before. */
  focus_row (list_view, cq_reader_view_get_item (reader));
  cq_test_ui_press_key ("j");
  g_assert_true (focused_row_item (window) == cq_reader_view_get_item (reader));
  cq_test_ui_press_key ("k");
  g_assert_true (focused_row_item (window) == cq_reader_view_get_item (reader));

  /* Tab leaves the list for the reader's buttons, not the next row. */
  cq_test_ui_press_key ("Tab");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_test_message ("after Tab: %s", G_OBJECT_TYPE_NAME (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (reader)));
  }

  /* In the search entry a space is a space. */
  cq_test_ui_press_key ("ctrl+f");
  cq_test_ui_press_key ("space");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (root, GTK_TYPE_SEARCH_ENTRY, NULL))), ==, " ");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Runs the main loop until a label under @root says @text (or, with
 * @prefix, begins with it), or five seconds. */
static gboolean
wait_for_label_matching (GtkWidget  *root,
                         const char *text,
                         gboolean    prefix)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) labels = cq_test_ui_collect_labels (root);

      for (guint i = 0; i < labels->len; i++)
        if (prefix ? g_str_has_prefix (labels->pdata[i], text) : g_str_equal (labels->pdata[i], text))
          return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return cq_test_ui_has_label (root, text);
}

static gboolean
wait_for_label (GtkWidget  *root,
                const char *text)
{
  return wait_for_label_matching (root, text, FALSE);
}

static gboolean
wait_for_label_starting (GtkWidget  *root,
                         const char *start)
{
  return wait_for_label_matching (root, start, TRUE);
}

static GtkWindow *
find_toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (toplevel), title) == 0)
        return toplevel;
    }
  return NULL;
}

/* Import Sources… and Export Sources… from the window's menu: a file
 * chooser, then the outcome in words; a wrong file adds nothing. */
static void
test_import_export_sources (CqTestStore   *fixture,
                            gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqProfile) builtin = cq_profile_new_default ();
  g_autofree char *dir = g_dir_make_tmp ("cq-opml-XXXXXX", NULL);
  g_autofree char *in_path = g_build_filename (dir, "sources.opml", NULL);
  g_autofree char *out_path = g_build_filename (dir, "exported.opml", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "page.html", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "no-such-folder", "out.opml", NULL);
  g_autofree char *opml = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GFile) in_file = g_file_new_for_path (in_path);
  g_autoptr(GFile) out_file = g_file_new_for_path (out_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing_path);
  g_autoptr(GPtrArray) sources = NULL;
  CqWindow *window;
  GtkWidget *root;
  GtkWindow *chooser = NULL;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);

  /* The menu's entry opens a file chooser named for what it does. */
  gtk_widget_activate_action (root, "win.import-sources", NULL);
  cq_test_ui_settle ();
  chooser = find_toplevel_titled ("Import Sources");
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));
  cq_test_ui_screenshot (GTK_WIDGET (chooser), "window-import-sources");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  cq_test_ui_settle ();

  opml = g_strdup_printf ("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Mine</title></head><body>"
                          "<outline text=\"Ministry\" type=\"rss\" xmlUrl=\"https://ministry.example.org/feed.xml\"/>"
                          "<outline text=\"Mission\" type=\"rss\" xmlUrl=\"https://mission.example.org/atom\"/>"
                          "<outline text=\"Embassy\" type=\"rss\" xmlUrl=\"%s\"/>"
                          "</body></opml>\n", cq_profile_get_feed_url (builtin));
  g_assert_true (g_file_set_contents (in_path, opml, -1, NULL));
  cq_opml_files_import (GTK_WINDOW (window), fixture->store, in_file);
  g_assert_true (wait_for_label (root, "Added 2 sources; 1 was there already"));
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 3);
  g_clear_pointer (&sources, g_ptr_array_unref);

  cq_opml_files_export (GTK_WINDOW (window), fixture->store, out_file);
  g_assert_true (wait_for_label (root, "Sources exported to exported.opml"));
  g_assert_true (g_file_get_contents (out_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "https://ministry.example.org/feed.xml"));
  g_assert_nonnull (strstr (exported, "https://mission.example.org/atom"));

  /* A web page is not a list of sources: said, and nothing added. */
  g_assert_true (g_file_set_contents (bad_path, "<html><body><p>Not a list</p></body></html>", -1, NULL));
  cq_opml_files_import (GTK_WINDOW (window), fixture->store, bad_file);
  g_assert_true (wait_for_label (root, "The sources could not be imported: The file is not an OPML list of sources."));
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 3);

  /* A folder that is not there: said in words, and no file. */
  cq_opml_files_export (GTK_WINDOW (window), fixture->store, missing_file);
  g_assert_true (wait_for_label_starting (root, "The sources could not be exported: "));
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  cq_test_ui_screenshot (root, "window-sources-imported");

  g_unlink (in_path);
  g_unlink (out_path);
  g_unlink (bad_path);
  g_rmdir (dir);
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  return cq_test_ui_find_where (root, has_css_class, css_class);
}

/* The leaflet's child that holds the news list. */
static GtkWidget *
list_pane_of (CqWindow *window)
{
  GtkWidget *pane = find_news_list (GTK_WIDGET (window), cq_window_get_list (window));

  while (!ADW_IS_LEAFLET (gtk_widget_get_parent (pane)))
    pane = gtk_widget_get_parent (pane);
  return pane;
}

/* The list is as wide as the user drags it: pressed, moved and let go
 * through the X server, and remembered for the next start. */
static void
test_drag_list_width (CqTestStore   *fixture,
                      gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CqWindow *window;
  GtkWidget *root;
  GtkWidget *list_pane;
  GtkWidget *handle;
  graphene_point_t at;
  double dx, dy;
  int before;
  g_autofree char *press = NULL;

  g_settings_reset (settings, "list-width");
  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1400);
  root = GTK_WIDGET (window);
  handle = find_with_class (root, "pane-handle");
  list_pane = list_pane_of (window);
  g_assert_nonnull (handle);
  cq_test_ui_settle ();
  before = gtk_widget_get_width (list_pane);
  g_assert_cmpint (before, ==, 300);

  /* The handle's middle, on the screen: the window sits at the origin (no
   * window manager), its surface holds the window's shadow around it. */
  g_assert_true (gtk_widget_compute_point (handle, root, &GRAPHENE_POINT_INIT (gtk_widget_get_width (handle) / 2.0, 200),
                                           &at));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  press = g_strdup_printf ("xdotool mousemove --sync %d %d mousedown 1", (int) (at.x + dx), (int) (at.y + dy));
  /* Step by step, each given time to arrive, as a hand moves. */
  {
    const char *steps[] = { press, "xdotool mousemove_relative -- 40 0",
                            "xdotool mousemove_relative -- 40 0", "xdotool mousemove_relative -- 40 0",
                            "xdotool mouseup 1" };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_assert_true (g_spawn_command_line_sync (steps[i], NULL, NULL, NULL, NULL));
        /* The pointer's arrival, and the press, are seen before what follows. */
        cq_test_ui_run_for (i == 0 ? 400 : 150);
      }
  }
  cq_test_ui_run_for (500);
  g_test_message ("list %d px wide after the drag", gtk_widget_get_width (list_pane));
  g_assert_cmpint (gtk_widget_get_width (list_pane), >=, before + 100);
  g_assert_cmpint (gtk_widget_get_width (list_pane), <=, before + 140);
  g_assert_cmpint (g_settings_get_int (settings, "list-width"), ==, gtk_widget_get_width (list_pane));
  cq_test_ui_screenshot (root, "window-list-widened");
  cq_test_ui_destroy_window (GTK_WINDOW (window));

  /* The next window opens as wide as it was left; a wide list never stops
   * the window from narrowing to 360 px, where it folds. */
  window = cq_test_ui_show_window (fixture->store, clock, 1400);
  cq_test_ui_settle ();
  g_assert_cmpint (gtk_widget_get_width (list_pane_of (window)), >=, before + 100);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  cq_test_ui_settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (gtk_widget_get_parent (list_pane_of (window)))));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
  g_settings_reset (settings, "list-width");
}

/* The window in Russian, as a Russian desktop shows it: wide, and at 360 px
 * with the list and then a statement; every label translated, nothing cut. */
static void
test_russian_window (CqTestStore   *fixture,
                     gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *old_domain = g_strdup (textdomain (NULL));
  CqWindow *window;
  GtkWidget *root;

  if (setlocale (LC_ALL, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (.ci/deps installs it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMMUNIQUE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1400);
  root = GTK_WIDGET (window);
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "16 июня 2019"));
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Все"));
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Непрочитанные 4"));
  g_assert_true (cq_test_ui_has_label (root, "07.06.2019"));
  cq_test_ui_screenshot (root, "window-ru-1400");
  cq_test_ui_destroy_window (GTK_WINDOW (window));

  window = cq_test_ui_show_window (fixture->store, clock, 360);
  root = GTK_WIDGET (window);
  cq_test_ui_settle ();
  g_assert_cmpint (gtk_widget_get_width (root), <=, 360);
  g_assert_true (cq_test_ui_has_label (root, "Москва 22:40  ·  Лондон 20:40"));
  cq_test_ui_screenshot (root, "window-ru-360-list");
  cq_window_select (window, 1);
  cq_test_ui_settle ();
  g_assert_cmpint (gtk_widget_get_width (root), <=, 360);
  g_assert_nonnull (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Назад к списку"));
  cq_test_ui_run_for (400);
  cq_test_ui_screenshot (root, "window-ru-360-reader");
  g_spawn_command_line_sync ("import -window root /tmp/x-ru-360.png", NULL, NULL, NULL, NULL);
  cq_test_ui_destroy_window (GTK_WINDOW (window));

  /* A count in the thousands has its digits grouped as Russian groups
   * them (a narrow no-break space), not "1204". */
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 1200; i++)
      {
        g_autofree char *guid = g_strdup_printf ("ru-many-%u", i);

        g_ptr_array_add (many, cq_test_item (guid, "Заявление", "2019-05-01T10:00:00Z", NULL, NULL));
      }
    cq_store_upsert_items (fixture->store, fixture->source_id, many, NULL, NULL);
    window = cq_test_ui_show_window (fixture->store, clock, 1400);
    cq_test_ui_settle ();
    /* 1,200 and the three of the four not opened above. */
    g_assert_nonnull (cq_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Непрочитанные 1\u202f203"));
    cq_test_ui_destroy_window (GTK_WINDOW (window));
  }

  textdomain (old_domain);
  setlocale (LC_ALL, old_locale);
}

typedef struct
{
  CqWindow *window;
  gboolean  painted;
  int       body_height;      /* the body as allocated */
  int       body_needs;       /* and as its text lays out */
  int       gap;              /* from the body's end to the buttons */
  gboolean  buttons_shown;
  int       title_height;
  int       title_needs;
} FirstFrame;

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* What the first frame that shows the statement shows, measured as painted. */
static void
first_paint_cb (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  GtkWidget *root = GTK_WIDGET (frame->window);
  CqReaderView *reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  GtkTextView *body;
  GtkWidget *browser;
  GtkWidget *title;
  GtkTextIter end;
  graphene_rect_t body_box, button_box;
  int y, height, minimum;

  if (frame->painted || cq_reader_view_get_item (reader) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (reader)))
    return;
  frame->painted = TRUE;
  body = GTK_TEXT_VIEW (cq_test_ui_find (GTK_WIDGET (reader), GTK_TYPE_TEXT_VIEW, NULL));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (body), &end);
  gtk_text_view_get_line_yrange (body, &end, &y, &height);
  frame->body_height = gtk_widget_get_height (GTK_WIDGET (body));
  frame->body_needs = y + height;
  browser = cq_test_ui_find_where (GTK_WIDGET (reader), is_button_labelled, "_Open in Browser");
  frame->buttons_shown = browser != NULL && gtk_widget_get_mapped (browser) && gtk_widget_get_height (browser) > 0;
  if (frame->buttons_shown && gtk_widget_compute_bounds (GTK_WIDGET (body), root, &body_box) &&
      gtk_widget_compute_bounds (browser, root, &button_box))
    frame->gap = (int) (button_box.origin.y - (body_box.origin.y + body_box.size.height));
  title = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (body)));
  frame->title_height = gtk_widget_get_height (title);
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (title), &minimum, &frame->title_needs,
                      NULL, NULL);
}

/* The statement open at start-up is whole on the first frame that shows it,
 * at any width: all its text, its buttons right after it, no blank space. */
static void
test_first_frame_layout (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) html = g_string_new ("<h2>Opening remarks</h2>");
  int widths[] = { 360, 800, 1400 };

  cq_test_ui_fill_builtin (fixture);
  for (int i = 0; i < 6; i++)
    g_string_append (html, "<p>The consular section reopens on Monday with longer hours for visa and passport "
                           "applications; appointments can be made by telephone or in writing.</p>");
  g_ptr_array_add (extra, cq_test_item ("first", "A statement with a long title that wraps onto a second and "
                                        "perhaps a third line in a narrow reader", "2019-06-10T10:00:00Z",
                                        "A summary.", html->str));
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, extra, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(CqItem) open = NULL;
      FirstFrame frame = { NULL };
      CqWindow *window;
      gulong id;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      g_autofree char *name = g_strdup_printf ("window-first-frame-%d", widths[i]);

      window = cq_window_new (NULL, fixture->store, clock);
      open = g_list_model_get_item (cq_window_get_list (window), 0);
      g_settings_set_int64 (settings, "last-item", cq_item_get_id (open));
      cq_test_ui_destroy_window (GTK_WINDOW (window));

      frame.window = window = cq_window_new (NULL, fixture->store, clock);
      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 640);
      gtk_widget_realize (GTK_WIDGET (window));
      id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                             G_CALLBACK (first_paint_cb), &frame);
      gtk_window_present (GTK_WINDOW (window));
      cq_test_ui_wait_mapped (GTK_WIDGET (window));
      /* Narrow, the list shows first: the reader's first frame is when the statement is opened. */
      if (!frame.painted && !gtk_widget_get_mapped (cq_test_ui_find (GTK_WIDGET (window), CQ_TYPE_READER_VIEW, NULL)))
        cq_window_select (window, 0);
      while (!frame.painted && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);

      g_test_message ("%d px: body %d of %d, gap %d, title %d of %d", widths[i], frame.body_height, frame.body_needs,
                      frame.gap, frame.title_height, frame.title_needs);
      g_assert_true (frame.painted);
      g_assert_cmpint (frame.body_height, >=, frame.body_needs);
      g_assert_true (frame.buttons_shown);
      g_assert_cmpint (frame.gap, >=, 0);
      g_assert_cmpint (frame.gap, <=, 48);
      g_assert_cmpint (frame.title_height, >=, frame.title_needs);
      cq_test_ui_screenshot (GTK_WIDGET (window), name);
      cq_test_ui_destroy_window (GTK_WINDOW (window));
    }
  g_settings_reset (settings, "last-item");
}

/* A link to a statement stored here opens it in the reader; a link no app
 * can open is said so, with Copy Link. Real clicks through the X server. */
static void
test_links_open_here_or_say_why (CqTestStore   *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  CqWindow *window;
  GtkWidget *root;
  CqReaderView *reader;

  cq_test_ui_fill_builtin (fixture);
  g_ptr_array_add (extra, cq_test_item ("links", "A statement with links", "2019-06-10T10:00:00Z", NULL,
                                        "<p>See <a href=\"https://news.example.org/statements/s3/\">the review "
                                        "statement</a> of May.</p><p>Write to <a href=\"mailto:press@example.org\">"
                                        "the press office</a> with questions.</p>"));
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, extra, NULL, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  gtk_window_set_title (GTK_WINDOW (window), "cq-test-links");
  root = GTK_WIDGET (window);
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_cmpstr (cq_item_get_title (cq_reader_view_get_item (reader)), ==, "A statement with links");

  cq_test_ui_click_text (root, 1, "review statement");
  g_assert_cmpstr (cq_item_get_title (cq_reader_view_get_item (reader)), ==,
                   "Statement on the chemical weapons convention review");

  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_cmpstr (cq_item_get_title (cq_reader_view_get_item (reader)), ==, "A statement with links");
  /* No app here opens mail links (nor any link: the test machine has none). */
  cq_test_ui_click_text (root, 1, "press office");
  if (!wait_for_label_starting (root, "The link could not be opened: "))
    {
      g_test_skip ("an app here opened the mail link");
      cq_test_ui_destroy_window (GTK_WINDOW (window));
      return;
    }
  cq_test_ui_screenshot (root, "window-link-not-opened");
  /* Open in Browser leaves for the browser, even for a statement stored here. */
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Open in Browser"), "clicked");
  cq_test_ui_settle ();
  g_assert_cmpstr (cq_item_get_title (cq_reader_view_get_item (reader)), ==, "A statement with links");
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Copy Link"), "clicked");
  cq_test_ui_settle ();
  {
    g_autofree char *copied = read_clipboard (root);

    g_assert_cmpstr (copied, ==, "mailto:press@example.org");
  }
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static char *
pdf_text (const char *path)
{
  g_autofree char *command = g_strdup_printf ("pdftotext -layout %s -", path);
  char *text = NULL;

  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, NULL));
  return text;
}

/* The reader's menu saves the statement for the record (Markdown, web page,
 * PDF) and prints it, with its earlier versions when asked. */
static void
test_save_and_print_statement (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GPtrArray) edit = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_dir_make_tmp ("cq-save-XXXXXX", NULL);
  g_autofree char *md_path = g_build_filename (dir, "statement.md", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "statement.pdf", NULL);
  g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *nowhere_path = g_build_filename (dir, "no-such-folder", "statement.md", NULL);
  g_autoptr(GFile) md_file = g_file_new_for_path (md_path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autofree char *md = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  CqWindow *window;
  GtkWidget *root;
  CqReaderView *reader;
  GtkWidget *more;
  GtkWindow *dialog;

  cq_test_ui_fill_builtin (fixture);
  g_ptr_array_add (edit, cq_test_item ("s5", "Statement at a working group on information security", "2019-06-07T16:00:00Z",
                                       "Remarks at the first session of a working group in New York.",
                                       "<h2>Opening remarks</h2><p>Distinguished colleagues, a second session.</p>"));
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, edit, NULL, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));
  cq_window_select (window, 0);
  cq_test_ui_settle ();

  more = cq_test_ui_find (GTK_WIDGET (reader), GTK_TYPE_MENU_BUTTON, "Save and Print");
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more))), ==, 2);
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  cq_test_ui_settle ();
  cq_test_ui_screenshot (root, "reader-save-and-print-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));

  /* Save Statement… asks where, offering the title as the name. */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.save", NULL);
  cq_test_ui_settle ();
  dialog = find_toplevel_titled ("Save Statement");
  g_assert_nonnull (dialog);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));

    g_assert_cmpstr (name, ==, "Statement at a working group on information security.md");
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  cq_test_ui_settle ();

  /* With its earlier versions, in Markdown and in PDF. */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.with-history", NULL);
  cq_reader_view_save_to (reader, md_file);
  g_assert_true (cq_test_ui_has_label (root, "Statement saved to statement.md"));
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_nonnull (strstr (md, "# Statement at a working group on information security\n"));
  g_assert_nonnull (strstr (md, "a ~~first~~ **second** session."));
  cq_reader_view_save_to (reader, pdf_file);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));

  /* Print, through GtkPrintOperation, to a PDF: the same pages. */
  cq_reader_view_print (reader, printed_path);
  g_assert_true (g_file_test (printed_path, G_FILE_TEST_IS_REGULAR));
  if (pdftotext != NULL)
    {
      g_autofree char *saved = pdf_text (pdf_path);
      g_autofree char *printed = pdf_text (printed_path);

      g_assert_nonnull (strstr (saved, "Distinguished colleagues, a second session."));
      g_assert_nonnull (strstr (saved, "Earlier Versions"));
      g_assert_nonnull (strstr (printed, "Statement at a working group on information security"));
      g_assert_nonnull (strstr (printed, "Earlier Versions"));
    }

  /* Nowhere to save: said, nothing written. */
  cq_reader_view_save_to (reader, nowhere);
  g_assert_true (wait_for_label_starting (root, "The statement could not be saved to statement.md: "));
  g_assert_false (g_file_test (nowhere_path, G_FILE_TEST_EXISTS));

  /* Print… opens the print dialog. */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.print", NULL);
  cq_test_ui_run_for (500);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *print = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && print == NULL; i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), "GtkPrintUnixDialog"))
          print = toplevel;
      }
    g_assert_nonnull (print);
    cq_test_ui_screenshot (GTK_WIDGET (print), "reader-print-dialog");
    gtk_dialog_response (GTK_DIALOG (print), GTK_RESPONSE_CANCEL);
    cq_test_ui_settle ();
  }

  g_unlink (md_path);
  g_unlink (pdf_path);
  g_unlink (printed_path);
  g_rmdir (dir);
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

#define ADD(path, func) \
  g_test_add ("/cq/window/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

static gboolean
is_visible_try_again (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Try Again") == 0;
}

/* An empty list that a first large sync fills, a slice at a time: the
 * empty page goes with the first slice, and the newest is the first row. */
static void
test_empty_fills_from_a_large_sync (CqTestStore   *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *empty = find_label (root, "No Statements Yet");

  /* Shown, then gone (a page of the window's stack, not destroyed). */
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  sync_newer (fixture, window, "first", 300, 300);
  g_assert_false (gtk_widget_get_mapped (empty));
  assert_near_top (window, "Statement first 299");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A source, but nothing fetched from it yet (a first start offline): the
 * empty list offers to try again, not to add a source. */
static void
test_empty_with_a_source (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_true (cq_test_ui_has_label (root, "No Statements Yet"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Try Again"))),
                   ==, "app.refresh");
  cq_test_ui_screenshot (root, "window-empty-with-a-source");

  /* While a sync runs (a feed that trickles in for ever), it says the first
   * statements are coming, with nothing to press; stopped, it offers again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
    g_autoptr(CqFakeMonitor) monitor = cq_fake_monitor_new ();
    g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
    g_autoptr(CqSyncScheduler) scheduler = NULL;
    g_autofree char *trickle = cq_fixture_server_url (server, "/trickle");
    g_autoptr(CqProfile) profile = cq_profile_new_for_feed ("embassy", "Embassy news", NULL, trickle, "auto");

    g_assert_no_error (error);
    g_assert_true (cq_store_set_source_profile (fixture->store, fixture->source_id, profile, NULL));
    scheduler = cq_sync_scheduler_new (engine, fixture->store, G_NETWORK_MONITOR (monitor));
    cq_window_set_scheduler (window, scheduler);
    cq_sync_scheduler_start (scheduler);
    g_assert_true (wait_for_label (root, "Fetching Statements…"));
    g_assert_null (cq_test_ui_find_where (root, is_visible_try_again, NULL));
    cq_sync_scheduler_stop (scheduler);
    g_assert_true (wait_for_label (root, "No Statements Yet"));
    g_assert_nonnull (cq_test_ui_find_where (root, is_visible_try_again, NULL));
    cq_test_ui_run_for (200);
  }

  /* The source goes: now adding one is the way. */
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  g_assert_true (wait_for_label (root, "No News Yet"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cq_test_ui_find (root, GTK_TYPE_BUTTON, "_Add a Source"))),
                   ==, "app.preferences");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Statements kept for the record, as the user sees it: "Saving statements:
 * N of 12" under the list while the full statements are fetched, the list
 * still readable meanwhile; a statement page rewritten later shows Edited
 * and its history says the page changed; a page withdrawn says so. */
static gboolean
is_saving_label (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Saving statements: ");
}

/* Whether the progress is shown, not merely set on a hidden label. */
static gboolean
saving_shown (GtkWidget *root)
{
  GtkWidget *label = cq_test_ui_find_where (root, is_saving_label, NULL);

  return label != NULL && gtk_widget_is_drawable (label) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER)));
}

static void
wait_for_pages_changed (CqSyncScheduler *scheduler,
                        gint64           source_id,
                        GArray          *changed,
                        GArray          *gone,
                        guint           *calls)
{
  (*calls)++;
}

static guint
index_of_title (CqWindow   *window,
                const char *start)
{
  GListModel *list = G_LIST_MODEL (cq_window_get_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CqItem) item = g_list_model_get_item (list, i);

      if (g_str_has_prefix (cq_item_get_title (item), start))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_statements_kept_for_the_record (CqTestStore   *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqFakeMonitor) monitor = cq_fake_monitor_new ();
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(CqSyncScheduler) scheduler = NULL;
  g_autofree char *feed = NULL;
  g_autoptr(CqProfile) profile = NULL;
  CqWindow *window;
  GtkWidget *root;
  GtkWindow *history;
  guint pages_changed = 0;
  gint64 deadline;

  g_assert_no_error (error);
  feed = cq_fixture_server_url (server, "/feed.xml");
  profile = cq_profile_new_for_feed ("embassy", "Fixture embassy", NULL, feed, "auto");
  g_assert_true (cq_store_set_source_profile (fixture->store, fixture->source_id, profile, NULL));
  g_assert_true (cq_store_set_source_keep_full (fixture->store, fixture->source_id, TRUE, NULL));
  cq_fixture_server_set_statement_delay (server, 250);

  engine = cq_sync_engine_new (fixture->store);
  scheduler = cq_sync_scheduler_new (engine, fixture->store, G_NETWORK_MONITOR (monitor));
  cq_sync_scheduler_set_keep_pause (scheduler, 100);
  g_signal_connect (scheduler, "pages-changed", G_CALLBACK (wait_for_pages_changed), &pages_changed);
  window = cq_test_ui_show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  cq_window_set_engine (window, engine);
  cq_window_set_scheduler (window, scheduler);
  cq_sync_scheduler_start (scheduler);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cq_sync_scheduler_get_saving_done (scheduler) < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* Saving, said under the list; reading goes on meanwhile. */
  g_assert_true (wait_for_label_starting (root, "Saving statements: "));
  g_assert_true (wait_for_label_starting (root, "Statement 12 on"));
  cq_test_ui_settle ();
  g_assert_true (saving_shown (root));
  cq_window_select (window, index_of_title (window, "Statement 12 on"));
  cq_test_ui_settle ();
  g_assert_true (wait_for_label_starting (root, "Statement 12 on"));
  cq_test_ui_screenshot (root, "window-saving-statements");

  /* All saved: the progress goes. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cq_sync_scheduler_get_saving_total (scheduler) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cq_test_ui_settle ();
  g_assert_false (saving_shown (root));
  {
    g_autoptr(GArray) missing = cq_store_query_missing_full_text (fixture->store, 0, 100, NULL);

    g_assert_cmpuint (missing->len, ==, 0);
  }

  /* The site rewrites statement 11 and withdraws statement 10. */
  cq_fixture_server_set_statement_delay (server, 0);
  cq_sync_scheduler_set_keep_pause (scheduler, 0);
  cq_fixture_server_edit_statement (server, 11, "A second paragraph rewritten after the fact, with a new closing line.");
  cq_fixture_server_withdraw_statement (server, 10, SOUP_STATUS_GONE);
  cq_sync_scheduler_sync_now (scheduler);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (pages_changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pages_changed, ==, 1);

  cq_window_select (window, index_of_title (window, "Statement 11 on"));
  cq_test_ui_settle ();
  /* The badge in the reader opens the history. */
  g_signal_emit_by_name (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Edited"), "clicked");
  cq_test_ui_settle ();
  history = find_toplevel_titled ("Earlier Versions");
  g_assert_nonnull (history);
  cq_test_ui_wait_mapped (GTK_WIDGET (history));
  g_assert_true (wait_for_label_starting (GTK_WIDGET (history), "Statement page changed, found on "));
  cq_test_ui_screenshot (GTK_WIDGET (history), "history-statement-page-changed");
  cq_test_ui_destroy_window (history);

  cq_window_select (window, index_of_title (window, "Statement 10 on"));
  cq_test_ui_settle ();
  {
    GtkWidget *gone = cq_test_ui_find (root, GTK_TYPE_BUTTON, "Withdrawn or Moved");

    g_assert_true (gtk_widget_get_visible (gone));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gone), "withdrawn or moved on"));
    CqReaderView *reader = CQ_READER_VIEW (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL));

    /* The text kept is the one last seen, not the empty page. */
    g_assert_nonnull (strstr (cq_item_get_content (cq_reader_view_get_item (reader)),
                              "This is the full text of statement 10"));
    cq_test_ui_screenshot (root, "reader-page-withdrawn");
  }

  /* Statement 11, edited and then withdrawn, shows both badges; at 360 px
   * they still let the window fold. */
  cq_fixture_server_withdraw_statement (server, 11, SOUP_STATUS_NOT_FOUND);
  pages_changed = 0;
  cq_sync_scheduler_sync_now (scheduler);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (pages_changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cq_window_select (window, index_of_title (window, "Statement 11 on"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_get_visible (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Edited")));
  g_assert_true (gtk_widget_get_visible (cq_test_ui_find (root, GTK_TYPE_BUTTON, "Withdrawn or Moved")));
  g_assert_cmpint (gtk_widget_get_width (root), <=, 360);
  cq_test_ui_screenshot (root, "reader-edited-and-withdrawn-360");

  cq_sync_scheduler_stop (scheduler);
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  /* The fixture site is on loopback: no proxy between. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("header-for-injected-now", test_header_for_injected_now);
  ADD ("follows-cli-writes", test_follows_cli_writes);
  ADD ("mark-all-read", test_mark_all_read);
  ADD ("new-statements-pill", test_new_statements_pill);
  ADD ("many-new-statements", test_many_new_statements);
  ADD ("empty-fills-from-a-large-sync", test_empty_fills_from_a_large_sync);
  ADD ("row-context-menu", test_row_context_menu);
  ADD ("list-and-reader", test_list_and_reader);
  ADD ("citation-styles", test_citation_styles);
  ADD ("rows-relative-dates-sources-edits", test_rows_relative_dates_sources_edits);
  ADD ("rows-paint-in-one-pass", test_rows_paint_in_one_pass);
  ADD ("edge-paints-cheaply", test_edge_paints_cheaply);
  ADD ("filters-and-search", test_filters_and_search);
  ADD ("reading-from-unread", test_reading_from_unread);
  ADD ("reading-during-a-large-write", test_reading_during_a_large_write);
  ADD ("narrow-window-folds", test_narrow_window_folds);
  ADD ("offline-and-error-states", test_offline_and_error_states);
  ADD ("single-letter-keys", test_single_letter_keys);
  ADD ("space-tab-and-focus", test_space_tab_and_focus);
  ADD ("import-export-sources", test_import_export_sources);
  ADD ("drag-list-width", test_drag_list_width);
  ADD ("first-frame-layout", test_first_frame_layout);
  ADD ("links-open-here-or-say-why", test_links_open_here_or_say_why);
  ADD ("save-and-print-statement", test_save_and_print_statement);
  ADD ("russian-window", test_russian_window);
  ADD ("statements-kept-for-the-record", test_statements_kept_for_the_record);
  ADD ("empty-with-a-source", test_empty_with_a_source);
  ADD ("shortcuts-window-on-demand", test_shortcuts_window_on_demand);

  return g_test_run ();
}
