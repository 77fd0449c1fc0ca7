/* test-preferences-window.c: Preferences: the sources and the settings, changed live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cq-preferences-window.h"
#include "cq-source-row.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

static void
test_preferences (CqTestStore   *fixture,
                  gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqSource) source = NULL;
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
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

  /* A sync failing while the user types a name shows its warning and
   * leaves the typing alone. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Statem");
  {
    g_autoptr(CqSyncState) state = cq_store_dup_sync_state (fixture->store, fixture->source_id, NULL);

    state->last_error = g_strdup ("news.example.org did not answer in time.");
    g_assert_true (cq_store_set_sync_state (fixture->store, fixture->source_id, state, NULL));
  }
  cq_test_ui_settle ();
  g_assert_true (gtk_widget_get_visible (cq_test_ui_find (name_row, GTK_TYPE_IMAGE,
                                                          "news.example.org did not answer in time.")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Statem");

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

#define ADD(path, func) \
  g_test_add ("/cq/preferences-window/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("sources", test_preferences);

  return g_test_run ();
}
