/* test-faults.c: the store survives a sync killed mid-way and a full disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "cq-fixture-server.h"
#include "cq-test-util.h"

typedef struct {
  CqFixtureServer *server;
  char            *dir;
  char            *path;
} Fixture;

/* Runs the CLI while this process's main loop serves the fixture site. */
static int
run_cli (Fixture                *fixture,
         GSpawnChildSetupFunc    setup,
         guint                   kill_after_ms,
         char                  **err,
         const char             *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  gint64 started = g_get_monotonic_time ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COMMUNIQUE_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, fixture->dir);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    {
      if (kill_after_ms > 0 && g_get_monotonic_time () - started > (gint64) kill_after_ms * 1000)
        {
          g_subprocess_send_signal (process, SIGKILL);
          kill_after_ms = 0;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_subprocess_communicate_utf8_finish (process, result, NULL, err, NULL);
  g_subprocess_wait (process, NULL, NULL);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = NULL;

  fixture->server = cq_fixture_server_new (0, &error);
  g_assert_no_error (error);
  fixture->dir = cq_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "communique.db", NULL);
  feed = cq_fixture_server_url (fixture->server, "/feed.xml");
  g_assert_cmpint (run_cli (fixture, NULL, 0, NULL, "add", feed, NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cq_fixture_server_free (fixture->server);
  cq_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The store as another program finds it: intact, its search index whole,
 * and how many items. */
static gint64
check_store (Fixture *fixture)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 items;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM items", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  items = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* The search index holds exactly the items: a sync's index, written at
   * its end, is kept or dropped with its rows.  The index keeps no copy of
   * the text, so the items it holds are read from its words. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO items_fts (items_fts) VALUES ('integrity-check');"
                                     "CREATE VIRTUAL TABLE temp.words USING fts5vocab (main, 'items_fts', 'instance')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(DISTINCT doc), count(DISTINCT doc) FILTER"
                                           " (WHERE doc NOT IN (SELECT id FROM items)) FROM temp.words",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, items);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return items;
}

static void
test_killed_mid_sync (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint kill_after[] = { 30, 80, 150, 250, 400, 700 };
  gint64 before = check_store (fixture);

  g_assert_cmpint (before, ==, 12);
  cq_fixture_server_set_n_items (fixture->server, 6000);
  for (guint i = 0; i < G_N_ELEMENTS (kill_after); i++)
    {
      gint64 after;

      run_cli (fixture, NULL, kill_after[i], NULL, "sync", NULL);
      after = check_store (fixture);
      /* All of a sync or none of it; never less than before. */
      g_assert_true (after == before || after == 6000);
      before = after;
    }
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 400 * 1024, 400 * 1024 };

  /* Writing past the limit fails with EFBIG instead of killing us. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *err = NULL;
  int status;

  cq_fixture_server_set_n_items (fixture->server, 6000);
  status = run_cli (fixture, limit_file_size, 0, &err, "sync", NULL);

  g_assert_cmpint (status, ==, 1);
  g_test_message ("stderr: %s", err);
  g_assert_nonnull (strstr (err, "Embassy of Freedonia: "));
  g_assert_nonnull (strstr (err, "Nothing was changed."));
  g_assert_cmpint (check_store (fixture), ==, 12);
}

#define ADD(path, func) \
  g_test_add ("/cq/faults/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("killed-mid-sync", test_killed_mid_sync);
  ADD ("full-disk", test_full_disk);

  return g_test_run ();
}
