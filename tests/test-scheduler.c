/* test-scheduler.c: when syncs happen: at start for due sources, when the
 * network comes back, on demand; and that stopping cancels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-fake-monitor.h"
#include "cq-fixture-server.h"
#include "cq-sync-scheduler.h"
#include "cq-test-util.h"

typedef struct {
  CqTestStore      store;
  CqFixtureServer *server;
  CqSyncEngine    *engine;
  CqFakeMonitor   *monitor;
  CqSyncScheduler *scheduler;
  guint            synced;
  guint            failed;
  gint64           second_source;
  guint            most_saving_total;
  guint            saving_notes;
  GArray          *changed_pages;
  GArray          *gone_pages;
} Fixture;

static void
synced_cb (CqSyncScheduler *scheduler,
           gint64           source_id,
           CqSyncReport    *report,
           Fixture         *fixture)
{
  fixture->synced++;
}

static void
failed_cb (CqSyncScheduler *scheduler,
           gint64           source_id,
           const char      *message,
           Fixture         *fixture)
{
  fixture->failed++;
}

static void
use_url (Fixture    *fixture,
         gint64      source_id,
         const char *path)
{
  g_autofree char *url = cq_fixture_server_url (fixture->server, path);
  g_autoptr(CqProfile) profile = cq_profile_new_for_feed (source_id == fixture->store.source_id ? "embassy" : "json",
                                                          "Source", NULL, url, "auto");

  g_assert_true (cq_store_set_source_profile (fixture->store.store, source_id, profile, NULL));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) json = NULL;

  cq_test_store_setup (&fixture->store, NULL);
  fixture->server = cq_fixture_server_new (0, &error);
  g_assert_no_error (error);
  json = cq_test_profile ("json", "JSON");
  fixture->second_source = cq_store_add_source (fixture->store.store, json, NULL);
  use_url (fixture, fixture->store.source_id, "/feed.xml");
  use_url (fixture, fixture->second_source, "/feed.json");

  fixture->engine = cq_sync_engine_new (fixture->store.store);
  cq_sync_engine_set_timeout (fixture->engine, 5);
  fixture->monitor = cq_fake_monitor_new ();
  fixture->scheduler = cq_sync_scheduler_new (fixture->engine, fixture->store.store, G_NETWORK_MONITOR (fixture->monitor));
  g_signal_connect (fixture->scheduler, "source-synced", G_CALLBACK (synced_cb), fixture);
  g_signal_connect (fixture->scheduler, "source-failed", G_CALLBACK (failed_cb), fixture);
}

/* Runs the main loop until @done says so, or fails by name after 30 s. */
static void
wait_until (gboolean  (*done) (Fixture *fixture),
            Fixture    *fixture,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Still waiting after 30 seconds for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs that were cancelled still hold the scheduler until the engine has
 * let them go. */
static gboolean
only_the_test_holds_the_scheduler (Fixture *fixture)
{
  return G_OBJECT (fixture->scheduler)->ref_count == 1;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cq_sync_scheduler_stop (fixture->scheduler);
  wait_until (only_the_test_holds_the_scheduler, fixture, "cancelled runs to end");
  g_clear_pointer (&fixture->changed_pages, g_array_unref);
  g_clear_pointer (&fixture->gone_pages, g_array_unref);
  g_assert_finalize_object (g_steal_pointer (&fixture->scheduler));
  g_assert_finalize_object (g_steal_pointer (&fixture->engine));
  g_assert_finalize_object (g_steal_pointer (&fixture->monitor));
  g_clear_pointer (&fixture->server, cq_fixture_server_free);
  cq_test_store_teardown (&fixture->store, NULL);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Bounded, so that a sync that never ends fails here, by name. */
static void
wait_idle (Fixture *fixture)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  while (cq_sync_scheduler_get_syncing (fixture->scheduler) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The scheduler was still syncing after 30 seconds (%u synced, %u failed)",
             fixture->synced, fixture->failed);
  g_source_remove (id);
}

static void
test_start_syncs_due_sources (Fixture       *fixture,
                              gconstpointer  data)
{
  cq_sync_scheduler_start (fixture->scheduler);
  g_assert_true (cq_sync_scheduler_get_syncing (fixture->scheduler));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->synced, ==, 2);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 1);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.json"), ==, 1);

  /* Started again, nothing is due yet: no request at all. */
  cq_sync_scheduler_stop (fixture->scheduler);
  cq_sync_scheduler_start (fixture->scheduler);
  wait_idle (fixture);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 1);

  /* Asked to, it syncs every source, due or not. */
  cq_sync_scheduler_sync_now (fixture->scheduler);
  wait_idle (fixture);
  g_assert_cmpuint (fixture->synced, ==, 4);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 2);
}

static void
test_waits_for_the_network (Fixture       *fixture,
                            gconstpointer  data)
{
  cq_fake_monitor_set_available (fixture->monitor, FALSE);
  g_assert_false (cq_sync_scheduler_get_online (fixture->scheduler));
  cq_sync_scheduler_start (fixture->scheduler);
  g_assert_false (cq_sync_scheduler_get_syncing (fixture->scheduler));
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 0);

  cq_fake_monitor_set_available (fixture->monitor, TRUE);
  g_assert_true (cq_sync_scheduler_get_online (fixture->scheduler));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->synced, ==, 2);
}

static void
test_disabled_sources_wait (Fixture       *fixture,
                            gconstpointer  data)
{
  cq_store_set_source_enabled (fixture->store.store, fixture->second_source, FALSE, NULL);
  cq_sync_scheduler_start (fixture->scheduler);
  wait_idle (fixture);
  g_assert_cmpuint (fixture->synced, ==, 1);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.json"), ==, 0);
}

static void
test_stop_cancels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CqSyncState) state = NULL;

  use_url (fixture, fixture->store.source_id, "/trickle");
  cq_store_set_source_enabled (fixture->store.store, fixture->second_source, FALSE, NULL);
  cq_sync_scheduler_start (fixture->scheduler);
  g_assert_true (cq_sync_scheduler_get_syncing (fixture->scheduler));
  cq_sync_scheduler_stop (fixture->scheduler);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->synced, ==, 0);
  g_assert_cmpuint (fixture->failed, ==, 0);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_null (state->last_error);
}

/* Full statements kept offline, from the scheduler. */

static void
saving_cb (CqSyncScheduler *scheduler,
           GParamSpec      *pspec,
           Fixture         *fixture)
{
  fixture->saving_notes++;
  fixture->most_saving_total = MAX (fixture->most_saving_total, cq_sync_scheduler_get_saving_total (scheduler));
}

static void
pages_changed_cb (CqSyncScheduler *scheduler,
                  gint64           source_id,
                  GArray          *changed,
                  GArray          *gone,
                  Fixture         *fixture)
{
  g_array_append_vals (fixture->changed_pages, changed->data, changed->len);
  g_array_append_vals (fixture->gone_pages, gone->data, gone->len);
}

static void
keep_main_source (Fixture *fixture)
{
  g_assert_true (cq_store_set_source_keep_full (fixture->store.store, fixture->store.source_id, TRUE, NULL));
  cq_sync_scheduler_set_keep_pause (fixture->scheduler, 10);
  fixture->changed_pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->gone_pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->scheduler, "notify::saving-total", G_CALLBACK (saving_cb), fixture);
  g_signal_connect (fixture->scheduler, "notify::saving-done", G_CALLBACK (saving_cb), fixture);
  g_signal_connect (fixture->scheduler, "pages-changed", G_CALLBACK (pages_changed_cb), fixture);
}

static guint
missing_full_texts (Fixture *fixture,
                    gint64   source_id)
{
  g_autoptr(GArray) missing = cq_store_query_missing_full_text (fixture->store.store, source_id, 100, NULL);

  return missing->len;
}

static guint
statement_hits (Fixture *fixture)
{
  guint hits = 0;

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("/statements/%u.html", i);

      hits += cq_fixture_server_get_hits (fixture->server, path);
    }
  return hits;
}

static gboolean
main_source_kept (Fixture *fixture)
{
  return missing_full_texts (fixture, fixture->store.source_id) == 0 && only_the_test_holds_the_scheduler (fixture);
}

static gboolean
some_saved (Fixture *fixture)
{
  return cq_sync_scheduler_get_saving_done (fixture->scheduler) >= 2;
}

/* Let the loop run a while: what is stopped must stay stopped. */
static void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* After its sync, a source that keeps its statements has them all fetched,
 * two at a time at most (as the server saw it), the progress told as it
 * goes; a source that does not keep them is left alone. */
static void
test_keeps_statements_after_sync (Fixture       *fixture,
                                  gconstpointer  data)
{
  keep_main_source (fixture);
  cq_fixture_server_set_statement_delay (fixture->server, 30);
  cq_sync_scheduler_start (fixture->scheduler);
  wait_idle (fixture);
  wait_until (main_source_kept, fixture, "the statements to be saved");

  g_assert_cmpuint (fixture->most_saving_total, ==, 12);
  g_assert_cmpuint (fixture->saving_notes, >=, 12);
  g_assert_cmpuint (cq_sync_scheduler_get_saving_total (fixture->scheduler), ==, 0);
  g_assert_cmpuint (cq_fixture_server_get_most_statements_in_flight (fixture->server), ==, 2);
  g_assert_cmpuint (statement_hits (fixture), ==, 12);
  g_assert_cmpuint (missing_full_texts (fixture, fixture->second_source), ==, 12);

  /* A page rewritten since is caught after the next sync. */
  cq_fixture_server_edit_statement (fixture->server, 9, "A second paragraph, quietly rewritten after the fact.");
  cq_sync_scheduler_sync_now (fixture->scheduler);
  wait_idle (fixture);
  wait_until (only_the_test_holds_the_scheduler, fixture, "the pages to be checked");
  g_assert_cmpuint (fixture->changed_pages->len, ==, 1);
  g_assert_cmpuint (fixture->gone_pages->len, ==, 0);
}

/* Offline, saving stops at once and asks for nothing more; after the next
 * sync it takes up the rest, and only the rest. */
static void
test_keeping_stops_offline (Fixture       *fixture,
                            gconstpointer  data)
{
  guint hits;

  keep_main_source (fixture);
  cq_fixture_server_set_statement_delay (fixture->server, 100);
  cq_sync_scheduler_start (fixture->scheduler);
  wait_until (some_saved, fixture, "two statements to be saved");

  cq_fake_monitor_set_available (fixture->monitor, FALSE);
  g_assert_cmpuint (cq_sync_scheduler_get_saving_total (fixture->scheduler), ==, 0);
  wait_until (only_the_test_holds_the_scheduler, fixture, "the cancelled run to end");
  hits = statement_hits (fixture);
  run_for (400);
  g_assert_cmpuint (statement_hits (fixture), ==, hits);
  g_assert_cmpuint (missing_full_texts (fixture, fixture->store.source_id), >, 0);

  cq_fake_monitor_set_available (fixture->monitor, TRUE);
  cq_sync_scheduler_sync_now (fixture->scheduler);
  wait_idle (fixture);
  wait_until (main_source_kept, fixture, "the rest to be saved");
  /* Each page once, but for the two at most in flight when it stopped. */
  g_assert_cmpuint (statement_hits (fixture), <=, 12 + 2);
}

/* A source removed while its statements are saved stops at once. */
static void
test_keeping_stops_with_its_source (Fixture       *fixture,
                                    gconstpointer  data)
{
  guint hits;

  keep_main_source (fixture);
  cq_fixture_server_set_statement_delay (fixture->server, 100);
  cq_sync_scheduler_start (fixture->scheduler);
  wait_until (some_saved, fixture, "two statements to be saved");

  g_assert_true (cq_store_remove_source (fixture->store.store, fixture->store.source_id, NULL));
  wait_until (only_the_test_holds_the_scheduler, fixture, "the cancelled run to end");
  g_assert_cmpuint (cq_sync_scheduler_get_saving_total (fixture->scheduler), ==, 0);
  hits = statement_hits (fixture);
  run_for (400);
  g_assert_cmpuint (statement_hits (fixture), ==, hits);
  g_assert_cmpuint (hits, <, 12);
}

#define ADD(path, func) \
  g_test_add ("/cq/scheduler/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("start-syncs-due-sources", test_start_syncs_due_sources);
  ADD ("waits-for-the-network", test_waits_for_the_network);
  ADD ("disabled-sources-wait", test_disabled_sources_wait);
  ADD ("stop-cancels", test_stop_cancels);
  ADD ("keeps-statements-after-sync", test_keeps_statements_after_sync);
  ADD ("keeping-stops-offline", test_keeping_stops_offline);
  ADD ("keeping-stops-with-its-source", test_keeping_stops_with_its_source);

  return g_test_run ();
}
