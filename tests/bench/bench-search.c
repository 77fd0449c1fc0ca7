/* bench-search.c: full-text search over 100,000 stored items, median and
 * 95th percentile, against a bare FTS5 query on the same file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "bench-fill.h"
#include "bench-stats.h"
#include "cq-store.h"
#include "cq-text.h"

#define N_ITEMS 100000
#define TARGET  1.5

static const char * const queries[] = {
  "harbour", "fisheries agreement", "consul", "visa treaty", "embas", "security conference",
  "trade season", "memorial", "scholarship delegation", "exhibit",
};

static void
report (const char *name,
        double     *ours,
        double     *bare,
        guint       n,
        guint       percent)
{
  double our_time = cq_bench_percentile (ours, n, percent);
  double bare_time = cq_bench_percentile (bare, n, percent);

  g_print ("bench %s: ours %.2f ms, baseline %.2f ms, ratio %.2f, target %.1f\n",
           name, our_time * 1000, bare_time * 1000, our_time / bare_time, TARGET);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("communique-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_autoptr(CqStore) store = NULL;
  guint n = G_N_ELEMENTS (queries) * 5;
  g_autofree double *ours = g_new (double, n);
  g_autofree double *bare = g_new (double, n);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  store = cq_store_open (path, NULL);
  cq_bench_fill_store (store, N_ITEMS);
  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1", -1, &stmt, NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *words_typed = queries[i % G_N_ELEMENTS (queries)];
      g_autofree char *fts = NULL;
      CqItemQuery query = { .search = words_typed };
      g_autoptr(GArray) ids = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      ids = cq_store_query_ids (store, &query, NULL);
      ours[i] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      /* The same prefix query, bare: no ordering, no list. */
      fts = cq_text_fts_query (words_typed);
      start = g_get_monotonic_time ();
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      bare[i] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_assert_nonnull (ids);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  report ("search-100k-median", ours, bare, n, 50);
  report ("search-100k-p95", ours, bare, n, 95);

  g_clear_object (&store);
  cq_bench_remove_dir (dir);
  return 0;
}
