/* test-header-editor.c: the header's clocks, counters and contacts: edited
 * in Preferences, read from a source's own page, following the statement open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cq-header-editor.h"
#include "cq-header-part-row.h"
#include "cq-header-preview.h"
#include "cq-zone-button.h"
#include "cq-fixture-server.h"
#include "cq-preferences-window.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The header's clocks, counters and contacts are edited in Preferences; the
 * window follows at once, and a bad date is refused in words without
 * touching what was stored. */
static void
test_header_editor (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqSource) source = NULL;
  g_autofree char *stored = NULL;
  CqWindow *window = NULL;
  GtkWidget *preferences, *editor;
  GtkWidget *row;
  GtkEditable *since;

  cq_test_ui_fill_builtin (fixture);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
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
  /* The field that is wrong says so too. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (since), "error"));
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
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (since), "error"));

  /* The date picker writes the date chosen into the field. */
  {
    GtkWidget *counter_row = gtk_widget_get_ancestor (GTK_WIDGET (since), CQ_TYPE_HEADER_PART_ROW);
    GtkWidget *date_button = cq_test_ui_find (counter_row, GTK_TYPE_MENU_BUTTON, "Choose the Date");
    GtkCalendar *calendar;
    g_autoptr(GDateTime) day = g_date_time_new_utc (2018, 3, 6, 0, 0, 0);

    gtk_menu_button_popup (GTK_MENU_BUTTON (date_button));
    cq_test_ui_settle ();
    calendar = GTK_CALENDAR (cq_test_ui_find (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (date_button))),
                                              GTK_TYPE_CALENDAR, NULL));
    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
    cq_test_ui_settle ();
    g_assert_cmpstr (gtk_editable_get_text (since), ==, "2018-03-06");
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "467 days have passed since the Salisbury incident"));
  }

  /* A new contact line starts empty and is not saved until it is written. */
  {
    guint contacts;

    source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
    contacts = cq_profile_get_n_contacts (cq_source_get_profile (source));
    g_clear_object (&source);
    g_signal_emit_by_name (cq_test_ui_find (editor, GTK_TYPE_BUTTON, "Add a Contact Line"), "clicked");
    cq_test_ui_settle ();
    source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
    g_assert_cmpuint (cq_profile_get_n_contacts (cq_source_get_profile (source)), ==, contacts);
    g_clear_object (&source);
  }

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
  g_clear_object (&source);

  /* The new clock's zone, found by any part of a name: "york" finds New
   * York (and York); "tokyo" finds Tokyo, and the clock takes its name. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    CqZoneButton *zone_button;

    /* The source's home zone, then its two clocks. */
    collect (editor, CQ_TYPE_ZONE_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 3);
    g_assert_cmpstr (cq_zone_button_get_zone (g_ptr_array_index (buttons, 0)), ==, "Europe/London");
    zone_button = g_ptr_array_index (buttons, 2);
    g_assert_cmpstr (cq_zone_button_get_zone (zone_button), ==, "UTC");
    gtk_menu_button_popup (GTK_MENU_BUTTON (cq_test_ui_find (GTK_WIDGET (zone_button), GTK_TYPE_MENU_BUTTON, NULL)));
    cq_zone_button_search (zone_button, "york");
    cq_test_ui_settle ();
    g_assert_cmpuint (cq_zone_button_get_n_results (zone_button), >=, 2);
    cq_zone_button_search (zone_button, "tokyo");
    cq_test_ui_settle ();
    cq_test_ui_screenshot (preferences, "preferences-zone-search");
    g_assert_cmpuint (cq_zone_button_get_n_results (zone_button), >=, 1);
    cq_zone_button_choose (zone_button, 0);
    cq_test_ui_settle ();
    g_assert_cmpstr (cq_zone_button_get_zone (zone_button), ==, "Asia/Tokyo");
    g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "London 20:40  ·  Tokyo 04:40"));
    source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
    g_assert_cmpstr (cq_profile_get_clock (cq_source_get_profile (source), 1)->label, ==, "Tokyo");
    g_assert_cmpstr (cq_profile_get_clock (cq_source_get_profile (source), 1)->zone, ==, "Asia/Tokyo");
  }

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The header is the open statement's source's: another source's
 * statement brings its clocks; going back brings the first one's. */
static void
test_header_follows_statement (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqProfile) harbour = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CqWindow *window;
  gint64 harbour_id;

  cq_test_ui_fill_builtin (fixture);
  harbour = cq_profile_new_from_data ("{\"version\": 1, \"id\": \"harbour\", \"name\": \"Harbour Office\","
                                      " \"feed\": {\"url\": \"https://harbour.example.org/feed\", \"format\": \"rss\"},"
                                      " \"time_zone\": \"Asia/Tokyo\","
                                      " \"clocks\": [{\"label\": \"Tokyo\", \"zone\": \"Asia/Tokyo\"}],"
                                      " \"counters\": [{\"label\": \"the new quay opened\", \"since\": \"2019-06-01\"}]}",
                                      -1, &error);
  g_assert_no_error (error);
  harbour_id = cq_store_add_source (fixture->store, harbour, &error);
  g_assert_no_error (error);
  g_ptr_array_add (items, cq_test_item ("h1", "Notice to mariners about the new quay", "2019-06-10T03:00:00Z",
                                        "Berths 4 to 6 open to ferries.", "<p>Berths 4 to 6 open to ferries.</p>"));
  g_assert_true (cq_store_upsert_items (fixture->store, harbour_id, items, NULL, &error));

  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Moscow 22:40  ·  London 20:40"));

  /* Newest first: the harbour's notice is at the top. */
  cq_window_select (window, 0);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Tokyo 04:40"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "16 days have passed since the new quay opened"));
  g_assert_false (cq_test_ui_has_label (GTK_WIDGET (window), "Moscow 22:40  ·  London 20:40"));
  cq_test_ui_screenshot (GTK_WIDGET (window), "header-follows-statement");

  /* Preferences, opened now, edit the header shown: the harbour's. */
  {
    GtkWidget *preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
    GtkWidget *editor;

    cq_preferences_window_set_header_source (CQ_PREFERENCES_WINDOW (preferences), cq_window_get_header_source (window));
    gtk_window_present (GTK_WINDOW (preferences));
    cq_test_ui_wait_mapped (preferences);
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "header");
    cq_test_ui_settle ();
    editor = cq_test_ui_find (preferences, CQ_TYPE_HEADER_EDITOR, NULL);
    g_assert_true (cq_test_ui_has_label (editor, "Harbour Office"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (editor, ADW_TYPE_ENTRY_ROW, NULL))), ==, "Tokyo");
    cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  }

  cq_window_select (window, 1);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Moscow 22:40  ·  London 20:40"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "469 days have passed since the Salisbury incident"));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static CqHeaderPreview *
wait_for_preview (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (CQ_IS_HEADER_PREVIEW (toplevel))
            {
              cq_test_ui_wait_mapped (GTK_WIDGET (toplevel));
              return CQ_HEADER_PREVIEW (toplevel);
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_error ("No header preview was shown");
}

/* Adding an organisation's home page in Preferences offers the header its
 * page shows; what is kept shows in the window at once, what is dropped
 * does not; reading it again from the Header page offers it again, and
 * "Not Now" changes nothing. */
static void
test_header_read_from_site (CqTestStore   *fixture,
                            gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *home = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *before = NULL;
  CqProfile *profile;
  CqHeaderPreview *preview;
  CqWindow *window;
  GtkWidget *preferences, *editor, *add_row;

  g_assert_no_error (error);
  home = cq_fixture_server_url (server, "/");
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), engine);
  gtk_window_present (GTK_WINDOW (preferences));
  cq_test_ui_wait_mapped (preferences);

  add_row = cq_test_ui_find (preferences, ADW_TYPE_ENTRY_ROW, "Add a source by its address");
  gtk_editable_set_text (GTK_EDITABLE (add_row), home);
  g_signal_emit_by_name (add_row, "apply");
  preview = wait_for_preview ();
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (preview), "Clock: Moscow (Europe/Moscow)"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (preview), "Counter: days since the harbour fire (from 2019-03-04)"));
  cq_test_ui_screenshot (GTK_WIDGET (preview), "header-preview");

  /* Moscow dropped; London, the contact line and the counter kept. */
  cq_header_preview_set_kept (preview, 0, FALSE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (preview), "keep");
  cq_test_ui_settle ();

  sources = cq_store_dup_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  profile = cq_source_get_profile (g_ptr_array_index (sources, 0));
  g_assert_cmpuint (cq_profile_get_n_clocks (profile), ==, 1);
  g_assert_cmpstr (cq_profile_get_clock (profile, 0)->zone, ==, "Europe/London");
  g_assert_cmpuint (cq_profile_get_n_counters (profile), ==, 1);
  g_assert_cmpuint (cq_profile_get_n_contacts (profile), ==, 1);
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "London 20:40"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "104 days have passed since the harbour fire"));
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Consular queries: +44 (0) 20 7946 0000"));
  cq_test_ui_screenshot (GTK_WIDGET (window), "header-kept");

  /* The Header page names the source and shows what was kept. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "header");
  cq_test_ui_settle ();
  editor = cq_test_ui_find (preferences, CQ_TYPE_HEADER_EDITOR, NULL);
  g_assert_true (cq_test_ui_has_label (editor, "Embassy of Freedonia"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cq_test_ui_find (editor, ADW_TYPE_ENTRY_ROW, NULL))), ==, "London");
  cq_test_ui_screenshot (preferences, "preferences-header-source");

  /* Read again, and not kept: nothing changes. */
  before = cq_profile_to_data (profile);
  g_signal_emit_by_name (cq_test_ui_find (editor, ADW_TYPE_ACTION_ROW, "Read the Header from the Site"), "activated");
  preview = wait_for_preview ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (preview), "cancel");
  cq_test_ui_settle ();
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = cq_store_dup_sources (fixture->store, NULL);
  {
    g_autofree char *after = cq_profile_to_data (cq_source_get_profile (g_ptr_array_index (sources, 0)));

    g_assert_cmpstr (after, ==, before);
  }

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) labels = cq_test_ui_collect_labels (root);

      for (guint i = 0; i < labels->len; i++)
        if (strstr (labels->pdata[i], text) != NULL)
          return;
      g_main_context_iteration (NULL, TRUE);
    }
  g_error ("No label says “%s”", text);
}

/* Reading the header from a page that has none, or cannot be had, says so
 * in words and changes nothing. */
static void
test_header_read_nothing (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  static const struct { const char *path; const char *said; } pages[] = {
    { "/with-feed.html", "No clocks, counters or contact lines were found on the page." },
    { "/status/404", "404" },
  };
  CqWindow *window;

  g_assert_no_error (error);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *home = cq_fixture_server_url (server, pages[i].path);
      g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"id\": \"page-%u\", \"name\": \"Page %u\","
                                               " \"home_url\": \"%s\","
                                               " \"feed\": {\"url\": \"%s\", \"format\": \"html-list\"}}",
                                               i, i, home, home);
      g_autoptr(CqProfile) profile = cq_profile_new_from_data (json, -1, &error);
      g_autoptr(CqSource) source = NULL;
      g_autofree char *before = NULL;
      GtkWidget *preferences, *editor;
      gint64 id;

      g_assert_no_error (error);
      g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL) || i > 0);
      id = fixture->source_id = cq_store_add_source (fixture->store, profile, &error);
      g_assert_no_error (error);
      preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), engine);
      gtk_window_present (GTK_WINDOW (preferences));
      cq_test_ui_wait_mapped (preferences);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "header");
      cq_test_ui_settle ();
      editor = cq_test_ui_find (preferences, CQ_TYPE_HEADER_EDITOR, NULL);
      source = cq_store_dup_source (fixture->store, id, NULL);
      before = cq_profile_to_data (cq_source_get_profile (source));

      g_signal_emit_by_name (cq_test_ui_find (editor, ADW_TYPE_ACTION_ROW, "Read the Header from the Site"), "activated");
      wait_for_label (preferences, pages[i].said);
      g_clear_object (&source);
      source = cq_store_dup_source (fixture->store, id, NULL);
      {
        g_autofree char *after = cq_profile_to_data (cq_source_get_profile (source));

        g_assert_cmpstr (after, ==, before);
      }
      cq_test_ui_destroy_window (GTK_WINDOW (preferences));
    }
  cq_test_ui_destroy_window (GTK_WINDOW (window));
  g_clear_object (&engine);
  g_clear_pointer (&server, cq_fixture_server_free);
  cq_test_ui_settle ();
}

/* A source with no clocks of its own shows its home zone's clock beside the
 * user's; another home zone chosen in Preferences moves the first. */
static void
test_header_twin_clocks (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqSource) source = NULL;
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  CqZoneButton *home;
  CqWindow *window;
  GtkWidget *preferences, *editor;

  g_setenv ("TZ", "Europe/Paris", TRUE);
  window = cq_test_ui_show_window (fixture->store, clock, 1000);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "London 20:40  ·  Paris 21:40"));

  preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  cq_test_ui_wait_mapped (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "header");
  cq_test_ui_settle ();
  editor = cq_test_ui_find (preferences, CQ_TYPE_HEADER_EDITOR, NULL);
  collect (editor, CQ_TYPE_ZONE_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  home = g_ptr_array_index (buttons, 0);
  cq_zone_button_search (home, "Tokyo");
  cq_zone_button_choose (home, 0);
  cq_test_ui_settle ();

  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_cmpstr (cq_profile_get_time_zone_id (cq_source_get_profile (source)), ==, "Asia/Tokyo");
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window), "Tokyo 04:40  ·  Paris 21:40"));
  cq_test_ui_screenshot (GTK_WIDGET (window), "header-twin-clocks");

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

#define ADD(path, func) \
  g_test_add ("/cq/header-editor/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("edits-show-at-once", test_header_editor);
  ADD ("follows-statement", test_header_follows_statement);
  ADD ("read-from-site", test_header_read_from_site);
  ADD ("twin-clocks", test_header_twin_clocks);
  ADD ("read-nothing", test_header_read_nothing);

  return g_test_run ();
}
