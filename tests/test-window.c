/* test-window.c: the window as a user sees it, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cq-test-ui.h"
#include "cq-test-util.h"
#include "cq-window.h"

#define SEED_MOMENT "2019-06-16T19:40:00Z"

static CqWindow *
show_window (CqStore *store,
             CqClock *clock)
{
  CqWindow *window = cq_window_new (NULL, store, clock);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
test_header_for_injected_now (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) seed = cq_test_date_time (SEED_MOMENT);
  g_autoptr(GDateTime) next_day = cq_test_date_time ("2019-06-16T23:01:00Z");
  g_autoptr(CqClock) clock = cq_clock_new_fixed (seed);
  CqWindow *window = NULL;
  GtkWidget *root;

  /* With no source stored, the header is the built-in profile's. */
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  window = show_window (fixture->store, clock);
  root = GTK_WIDGET (window);

  g_assert_true (cq_test_ui_has_label (root, "16 June 2019"));
  g_assert_true (cq_test_ui_has_label (root, "Moscow 22:40  ·  London 20:40"));
  g_assert_true (cq_test_ui_has_label (root, "469 days have passed since the Salisbury incident"));
  g_assert_true (cq_test_ui_has_label (root, "461 days have passed since the death of Nikolay Glushkov on British soil"));
  g_assert_true (cq_test_ui_has_label (root, "Consular queries: +44 (0) 203 668 7474"));
  cq_test_ui_screenshot (root, "window-header");

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
test_empty_and_stored_states (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) seed = cq_test_date_time (SEED_MOMENT);
  g_autoptr(CqClock) clock = cq_clock_new_fixed (seed);
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  CqWindow *window = show_window (fixture->store, clock);
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_true (cq_test_ui_has_label (root, "No News Yet"));
  cq_test_ui_screenshot (root, "window-empty");

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  cq_test_ui_settle ();
  g_assert_true (cq_test_ui_has_label (root, "5 Items Stored"));
  g_assert_false (cq_test_ui_has_label (root, "No News Yet"));

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
test_narrow_window_wraps (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) seed = cq_test_date_time (SEED_MOMENT);
  g_autoptr(CqClock) clock = cq_clock_new_fixed (seed);
  CqWindow *window = NULL;

  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  window = cq_window_new (NULL, fixture->store, clock);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (GTK_WIDGET (window));

  /* Nothing is cut off: the window keeps its narrow width, every counter
   * still reads in full. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_true (cq_test_ui_has_label (GTK_WIDGET (window),
                                       "461 days have passed since the death of Nikolay Glushkov on British soil"));
  cq_test_ui_screenshot (GTK_WIDGET (window), "window-narrow");

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
  ADD ("empty-and-stored-states", test_empty_and_stored_states);
  ADD ("narrow-window-wraps", test_narrow_window_wraps);

  return g_test_run ();
}
