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
#include "cq-fixture-server.h"

/* The entry row's own apply button, when it shows. */
static GtkWidget *
find_apply_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget))
    {
      GtkWidget *image = gtk_button_get_child (GTK_BUTTON (widget));

      if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "adw-entry-apply-symbolic") == 0 ||
          (GTK_IS_IMAGE (image) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), "adw-entry-apply-symbolic") == 0))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_apply_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
            {
              cq_test_ui_wait_mapped (GTK_WIDGET (toplevel));
              return GTK_WIDGET (toplevel);
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_error ("No %s was shown", g_type_name (type));
}

/* Adding shows that it is under way and can be cancelled; a cancelled add
 * leaves the row ready for another address and adds nothing. */
static void
test_add_progress_and_cancel (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *stalling = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
  GtkWidget *preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), engine);
  GtkWidget *add_row, *cancel;

  g_assert_no_error (error);
  stalling = cq_fixture_server_url (server, "/stall");
  gtk_window_present (GTK_WINDOW (preferences));
  cq_test_ui_wait_mapped (preferences);
  add_row = cq_test_ui_find (preferences, ADW_TYPE_ENTRY_ROW, "Add a source by its address");
  gtk_editable_set_text (GTK_EDITABLE (add_row), stalling);
  g_signal_emit_by_name (add_row, "apply");
  cq_test_ui_settle ();

  cancel = cq_test_ui_find (add_row, GTK_TYPE_BUTTON, "Cancel Adding");
  g_assert_true (gtk_widget_get_visible (cq_test_ui_find (add_row, GTK_TYPE_SPINNER, NULL)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (add_row)));
  cq_test_ui_screenshot (preferences, "preferences-adding");

  g_signal_emit_by_name (cancel, "clicked");
  while (!gtk_editable_get_editable (GTK_EDITABLE (add_row)))
    g_main_context_iteration (NULL, TRUE);
  cq_test_ui_settle ();
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (cq_test_ui_has_label (preferences, "The source was not added."));
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 1);

  cq_test_ui_destroy_window (GTK_WINDOW (preferences));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_preferences (CqTestStore   *fixture,
                  gconstpointer  data)
{
  g_autoptr(CqClock) clock = cq_test_ui_seed_clock ();
  g_autoptr(CqSource) source = NULL;
  CqWindow *window = cq_test_ui_show_window (fixture->store, clock, 1000);
  GtkWidget *preferences = cq_preferences_window_new (GTK_WINDOW (window), cq_window_get_sources (window), NULL);
  GtkWidget *name_row;
  GtkWidget *dialog;
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

  /* Emptied and applied with Enter, as a user does, while the name is the
   * profile's already: the name comes back (the row stayed empty) and the
   * apply button goes away with the edit. */
  g_assert_true (g_spawn_command_line_sync ("xdotool search --name Preferences mousemove --window %1 40 40",
                                            NULL, NULL, NULL, NULL));
  cq_test_ui_run_for (300);
  gtk_widget_grab_focus (name_row);
  cq_test_ui_settle ();
  gtk_editable_set_text (GTK_EDITABLE (name_row), "");
  cq_test_ui_settle ();
  g_assert_nonnull (find_apply_button (name_row));
  cq_test_ui_press_key ("Return");
  cq_test_ui_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Embassy news");
  g_assert_null (find_apply_button (name_row));

  /* A new name, applied with Enter: kept, and the apply button gone. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Harbour news");
  cq_test_ui_settle ();
  g_assert_nonnull (find_apply_button (name_row));
  cq_test_ui_press_key ("Return");
  cq_test_ui_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Harbour news");
  g_assert_null (find_apply_button (name_row));
  cq_test_ui_screenshot (preferences, "preferences-renamed");

  /* Keeping its full statements offline: a toggle, saved at once, and
   * shown when the store changes it from elsewhere. */
  {
    GtkToggleButton *keep = GTK_TOGGLE_BUTTON (cq_test_ui_find (name_row, GTK_TYPE_TOGGLE_BUTTON,
                                                                "Keep full statements for offline reading"));

    g_assert_false (gtk_toggle_button_get_active (keep));
    gtk_toggle_button_set_active (keep, TRUE);
    source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
    g_assert_true (cq_source_get_keep_full (source));
    g_clear_object (&source);
    cq_test_ui_settle ();
    cq_test_ui_screenshot (preferences, "preferences-keep-full-statements");
    g_assert_true (cq_store_set_source_keep_full (fixture->store, fixture->source_id, FALSE, NULL));
    cq_test_ui_settle ();
    g_assert_false (gtk_toggle_button_get_active (keep));
  }

  /* Turning a source off is saved at once. */
  gtk_switch_set_active (enabled, FALSE);
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_false (cq_source_get_enabled (source));
  g_clear_object (&source);

  /* The row's trash button asks once; Cancel keeps the source. */
  g_signal_emit_by_name (cq_test_ui_find (name_row, GTK_TYPE_BUTTON, "Remove this source and its statements"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Remove “Harbour news”?");
  cq_test_ui_screenshot (dialog, "preferences-remove-source");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  cq_test_ui_settle ();
  source = cq_store_dup_source (fixture->store, fixture->source_id, NULL);
  g_assert_nonnull (source);
  g_clear_object (&source);

  /* Remove: the source goes, and its row. */
  g_signal_emit_by_name (cq_test_ui_find (name_row, GTK_TYPE_BUTTON, "Remove this source and its statements"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  cq_test_ui_settle ();
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
  ADD ("add-progress-and-cancel", test_add_progress_and_cancel);

  return g_test_run ();
}
