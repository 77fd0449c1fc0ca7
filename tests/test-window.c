/* test-window.c: the window as a user sees it, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cq-fake-monitor.h"
#include "cq-fixture-server.h"
#include "cq-header-editor.h"
#include "cq-history-window.h"
#include "cq-preferences-window.h"
#include "cq-source-row.h"
#include "cq-reader-view.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

#define SEED_MOMENT "2019-06-16T19:40:00Z"

static CqWindow *
show_window (CqStore *store,
             CqClock *clock,
             int      width)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CqWindow *window;

  /* Each test starts as a first start: nothing remembered. */
  g_settings_reset (settings, "last-item");
  window = cq_window_new (NULL, store, clock);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 640);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

static CqClock *
seed_clock (void)
{
  g_autoptr(GDateTime) seed = cq_test_date_time (SEED_MOMENT);

  return cq_clock_new_fixed (seed);
}

/* The fixture items, under the built-in source, so that the header shows
 * its clocks and counters as a real first source would. */
static void
fill (CqTestStore *fixture)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqProfile) profile = cq_profile_new_default ();

  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  fixture->source_id = cq_store_add_source (fixture->store, profile, NULL);
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
}

static void
test_header_for_injected_now (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) next_day = cq_test_date_time ("2019-06-16T23:01:00Z");
  g_autoptr(CqClock) clock = seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;

  /* With no source stored, the header is the built-in profile's. */
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  window = show_window (fixture->store, clock, 1000);
  root = GTK_WIDGET (window);

  g_assert_true (cq_test_ui_has_label (root, "16 June 2019"));
  g_assert_true (cq_test_ui_has_label (root, "Moscow 22:40  ·  London 20:40"));
  g_assert_true (cq_test_ui_has_label (root, "469 days have passed since the Salisbury incident"));
  g_assert_true (cq_test_ui_has_label (root, "461 days have passed since the death of Nikolay Glushkov on British soil"));
  g_assert_true (cq_test_ui_has_label (root, "Consular queries: +44 (0) 203 668 7474"));
  g_assert_true (cq_test_ui_has_label (root, "No News Yet"));
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

static void
test_list_and_reader (CqTestStore   *fixture,
                      gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  CqReaderView *reader;
  g_autofree char *body = NULL;
  g_autoptr(CqItem) newest = NULL;

  fill (fixture);
  window = show_window (fixture->store, clock, 1100);
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
  gtk_widget_activate_action (root, "win.show-message", "s", "Citation copied");
  cq_test_ui_settle ();
  cq_test_ui_screenshot (root, "window-reader");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_filters_and_search (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  CqWindow *window = NULL;
  GtkWidget *root;
  GListModel *list;
  GtkWidget *entry;

  fill (fixture);
  window = show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  list = cq_window_get_list (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);

  cq_window_select (window, 1);
  cq_test_ui_settle ();
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cq_test_ui_find (root, GTK_TYPE_TOGGLE_BUTTON, "Unread")), TRUE);
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

static void
test_narrow_window_folds (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  CqWindow *window = NULL;
  AdwLeaflet *leaflet;
  GtkWidget *root;

  fill (fixture);
  window = show_window (fixture->store, clock, 360);
  root = GTK_WIDGET (window);
  leaflet = ADW_LEAFLET (cq_test_ui_find (root, ADW_TYPE_LEAFLET, NULL));

  /* One pane at a time; nothing cut off. */
  g_assert_cmpint (gtk_widget_get_width (root), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (cq_test_ui_has_label (root, "461 days have passed since the death of Nikolay Glushkov on British soil"));
  cq_test_ui_screenshot (root, "window-narrow-list");

  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_is_ancestor (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL),
                                         adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (gtk_widget_get_mapped (cq_test_ui_find (root, CQ_TYPE_READER_VIEW, NULL)));
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  cq_test_ui_screenshot (root, "window-narrow-reader");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_offline_and_error_states (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  g_autoptr(CqFakeMonitor) monitor = cq_fake_monitor_new ();
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(CqSyncScheduler) scheduler = NULL;
  CqWindow *window = NULL;
  GtkWidget *root;

  fill (fixture);
  engine = cq_sync_engine_new (fixture->store);
  scheduler = cq_sync_scheduler_new (engine, fixture->store, G_NETWORK_MONITOR (monitor));
  window = show_window (fixture->store, clock, 1100);
  root = GTK_WIDGET (window);
  cq_window_set_scheduler (window, scheduler);

  /* Offline: a notice, saved items still readable, refresh off. */
  cq_fake_monitor_set_available (monitor, FALSE);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "Offline — showing the statements saved on this computer"));
  g_assert_true (cq_test_ui_has_label (root, "Statement at a working group on information security"));
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "7 June 2019, 17:00 · Embassy of the Russian Federation in the UK"));
  cq_test_ui_screenshot (root, "window-offline");

  /* A sync error is said in words. */
  cq_window_show_message (window, "Could not update “Embassy”: www.example.org did not answer in time.");
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "Could not update “Embassy”: www.example.org did not answer in time."));
  cq_test_ui_screenshot (root, "window-sync-error");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_preferences (CqTestStore   *fixture,
                  gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  g_autoptr(CqSource) source = NULL;
  CqWindow *window = show_window (fixture->store, clock, 1000);
  GtkWidget *preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
  GtkWidget *name_row;
  GtkSwitch *enabled;

  gtk_window_present (GTK_WINDOW (preferences));
  cq_test_ui_wait_mapped (preferences);
  /* The source's row is a CqSourceRow showing the source it holds. */
  name_row = cq_test_ui_find (preferences, CQ_TYPE_SOURCE_ROW, NULL);
  g_assert_cmpint (cq_source_get_id (cq_source_row_get_source (CQ_SOURCE_ROW (name_row))), ==, fixture->source_id);
  enabled = GTK_SWITCH (cq_test_ui_find (name_row, GTK_TYPE_SWITCH, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Embassy news");
  g_assert_true (cq_test_ui_has_label (preferences, "https://news.example.org/embassy/feed.xml"));
  cq_test_ui_screenshot (preferences, "preferences-sources");

  /* Renamed when the user applies the new name; emptied, the profile's
   * own name comes back. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Statements");
  g_signal_emit_by_name (name_row, "apply");
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_cmpstr (cq_source_get_name (source), ==, "Statements");
  g_clear_object (&source);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Embassy news");

  /* Turning a source off is saved at once. */
  gtk_switch_set_active (enabled, FALSE);
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_false (cq_source_get_enabled (source));
  g_clear_object (&source);

  /* The row's trash button removes the source, and its row goes. */
  g_signal_emit_by_name (cq_test_ui_find (name_row, GTK_TYPE_BUTTON, "Remove this source and its statements"), "clicked");
  g_assert_null (cq_store_dup_source (fixture->store, fixture->source_id, NULL));
  g_assert_null (cq_test_ui_find_optional (preferences, CQ_TYPE_SOURCE_ROW));

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The header's clocks, counters and contacts are edited in Preferences; the
 * window follows at once, and a bad date is refused in words without
 * touching what was stored. */
static void
test_header_editor (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  g_autoptr(CqSource) source = NULL;
  g_autofree char *stored = NULL;
  CqWindow *window = NULL;
  GtkWidget *preferences, *editor;
  GtkWidget *row;
  GtkEditable *since;

  fill (fixture);
  window = show_window (fixture->store, clock, 1000);
  preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  cq_test_ui_wait_mapped (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "header");
  cq_test_ui_settle ();
  editor = cq_test_ui_find (preferences, CQ_TYPE_HEADER_EDITOR, NULL);
  cq_test_ui_screenshot (preferences, "preferences-header");

  /* Renaming the first clock renames it in the header. */
  row = cq_test_ui_find (editor, ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Moscow");
  gtk_editable_set_text (GTK_EDITABLE (row), "Moskva");
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Moskva 22:40  ·  London 20:40"));
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_cmpstr (cq_profile_get_clock (cq_source_get_profile (source), 0)->label, ==, "Moskva");
  g_clear_object (&source);

  /* A counter's date that is no date: said in words, the store keeps the
   * last good header, and the window still counts from it. */
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  stored = cq_profile_to_data (cq_source_get_profile (source));
  g_clear_object (&source);
  /* The first plain entry is the first counter's date (labels are rows). */
  since = GTK_EDITABLE (cq_test_ui_find (editor, GTK_TYPE_ENTRY, NULL));
  g_assert_cmpstr (gtk_editable_get_text (since), ==, "2018-03-04");
  gtk_editable_set_text (since, "2018-02-30");
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (preferences, "“2018-02-30” is not a date written YYYY-MM-DD."));
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  {
    g_autofree char *now_stored = cq_profile_to_data (cq_source_get_profile (source));
    g_assert_cmpstr (now_stored, ==, stored);
  }
  g_clear_object (&source);
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "469 days have passed since the Salisbury incident"));

  /* Put right, the counter moves with its date. */
  gtk_editable_set_text (since, "2018-03-05");
  cq_test_ui_settle ();
  g_assert_false (cq_test_ui_has_label (preferences, "“2018-02-30” is not a date written YYYY-MM-DD."));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "468 days have passed since the Salisbury incident"));

  /* A third clock, added from its group's button, starts on UTC. */
  g_signal_emit_by_name (cq_test_ui_find (editor, GTK_TYPE_BUTTON, "Add a Clock"), "clicked");
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Moskva 22:40  ·  London 20:40  ·  New clock 19:40"));

  /* Removing the first clock (the first Remove button) takes it out of the
   * header and of the stored profile. */
  g_signal_emit_by_name (cq_test_ui_find (editor, GTK_TYPE_BUTTON, "Remove"), "clicked");
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "London 20:40  ·  New clock 19:40"));
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_cmpuint (cq_profile_get_n_clocks (cq_source_get_profile (source)), ==, 2);

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static guint
count_pictures (GtkWidget *widget)
{
  guint n = GTK_IS_PICTURE (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_pictures (child);
  return n;
}

/* Remote images stay links until the user turns them on; then each shows
 * in place, fetched through the engine, and a broken one stays a link. */
static void
test_remote_images (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *seal = cq_fixture_server_url (server, "/images/seal.png");
  g_autofree char *broken = cq_fixture_server_url (server, "/images/broken.png");
  g_autofree char *bomb = cq_fixture_server_url (server, "/images/bomb.png");
  g_autofree char *html = g_strdup_printf ("<p>Before the seal.</p><p><img src=\"%s\" alt=\"The seal\"></p>"
                                           "<p><img src=\"%s\" alt=\"A vast picture\"></p>"
                                           "<p><img src=\"%s\" alt=\"A torn picture\"></p>", seal, bomb, broken);
  g_autoptr(CqItem) item = cq_test_item ("img-1", "With pictures", "2019-06-14T10:00:00Z", NULL, html);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *reader = cq_reader_view_new ();
  GtkWidget *picture = NULL;
  g_autofree char *text = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "load-remote-images", FALSE);
  cq_reader_view_set_store (CQ_READER_VIEW (reader), fixture->store, engine);
  gtk_window_set_child (GTK_WINDOW (window), reader);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (window);

  /* Off (the default): nothing is asked of the server. */
  cq_reader_view_set_item (CQ_READER_VIEW (reader), item);
  cq_test_ui_settle ();
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 0);
  text = cq_reader_view_dup_text (CQ_READER_VIEW (reader));
  g_assert_nonnull (strstr (text, "The seal"));
  g_clear_pointer (&text, g_free);

  /* On: the picture appears in the body, at its own size. */
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (picture == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cq_fixture_server_get_hits (server, "/images/broken.png") > 0)
        picture = cq_test_ui_find_optional (window, GTK_TYPE_PICTURE);
    }
  g_assert_nonnull (picture);
  cq_test_ui_settle ();
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 48);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 24);
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 1);
  /* The torn one and the one that would unpack to gigabytes are refused
   * quietly; their descriptions stay readable. */
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/bomb.png"), ==, 1);
  g_assert_cmpuint (count_pictures (window), ==, 1);
  text = cq_reader_view_dup_text (CQ_READER_VIEW (reader));
  g_assert_nonnull (strstr (text, "A torn picture"));
  g_assert_nonnull (strstr (text, "A vast picture"));
  cq_test_ui_screenshot (window, "reader-images");

  g_settings_reset (settings, "load-remote-images");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
press_key (const char *key)
{
  g_autofree char *command = g_strdup_printf ("xdotool key %s", key);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* The X server delivers the press a little later than xdotool returns:
   * sleep in the main loop (not spin) until it surely has. */
  cq_test_ui_run_for (550);
}

/* Real key presses through the X server: single letters act on the list,
 * never start a search (the search bar captures typing in the window), and
 * Ctrl+F does. */
static void
test_single_letter_keys (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  CqWindow *window = NULL;
  GtkSearchBar *search_bar;
  CqReaderView *reader;
  CqItem *shown;

  fill (fixture);
  window = show_window (fixture->store, clock, 1100);
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  search_bar = GTK_SEARCH_BAR (cq_test_ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR, NULL));
  reader = CQ_READER_VIEW (cq_test_ui_find (GTK_WIDGET (window), CQ_TYPE_READER_VIEW, NULL));
  shown = cq_reader_view_get_item (reader);
  g_assert_nonnull (shown);

  /* No window manager here: the pointer decides which window gets keys. */
  g_assert_true (g_spawn_command_line_sync ("xdotool mousemove 300 300", NULL, NULL, NULL, NULL));
  cq_test_ui_settle ();

  press_key ("j");
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (cq_reader_view_get_item (reader) != shown);
  press_key ("k");
  g_assert_true (cq_reader_view_get_item (reader) == shown);
  press_key ("s");
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (cq_item_get_starred (shown));

  press_key ("ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  /* In the search entry, letters are text, not shortcuts. */
  press_key ("j");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (GTK_WIDGET (search_bar), GTK_TYPE_SEARCH_ENTRY, NULL))), ==, "j");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_edited_statement_history (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = seed_clock ();
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(CqItem) item = NULL;
  CqWindow *window = NULL;
  GtkWidget *history;
  gboolean found = FALSE;

  fill (fixture);
  cq_item_set_content (items->pdata[4], "<h2>Opening remarks</h2><p>Distinguished colleagues, the first session.</p>");
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);

  window = show_window (fixture->store, clock, 1100);
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
  cq_test_ui_screenshot (history, "history");

  cq_test_ui_destroy_window (GTK_WINDOW (history));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

#define ADD(path, func) \
  g_test_add ("/cq/window/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  /* Inside flatpak-builder there is no display: skip, do not fail. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display to show windows on\n");
      return 0;
    }

  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cq_test_ui_load_app_resources ();

  ADD ("header-for-injected-now", test_header_for_injected_now);
  ADD ("list-and-reader", test_list_and_reader);
  ADD ("filters-and-search", test_filters_and_search);
  ADD ("narrow-window-folds", test_narrow_window_folds);
  ADD ("offline-and-error-states", test_offline_and_error_states);
  ADD ("preferences", test_preferences);
  ADD ("header-editor", test_header_editor);
  ADD ("edited-statement-history", test_edited_statement_history);
  ADD ("remote-images", test_remote_images);
  ADD ("single-letter-keys", test_single_letter_keys);

  return g_test_run ();
}
