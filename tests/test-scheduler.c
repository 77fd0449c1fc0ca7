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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
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

  return g_test_run ();
}
