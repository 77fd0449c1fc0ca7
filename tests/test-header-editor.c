/* test-header-editor.c: the header's clocks, counters and contacts, edited in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cq-header-editor.h"
#include "cq-preferences-window.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

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

#define ADD(path, func) \
  g_test_add ("/cq/header-editor/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("edits-show-at-once", test_header_editor);

  return g_test_run ();
}
