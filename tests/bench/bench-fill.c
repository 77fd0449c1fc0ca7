/* bench-fill.c: a store of generated statements for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-fill.h"

static const char * const words[] = {
  "harbour", "fisheries", "consular", "agreement", "exhibition", "scholarship", "delegation",
  "memorial", "visa", "treaty", "conference", "security", "embassy", "season", "trade",
};

/* One source (the built-in one), items ten minutes apart, in batches of
 * ten thousand: one transaction each, as a sync would write them. */
void
cq_bench_fill_store (CqStore *store,
                     guint    n_items)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GError) error = NULL;
  gint64 source_id = cq_store_add_source (store, profile, &error);

  g_assert_no_error (error);
  for (guint start = 0; start < n_items; start += 10000)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint n = start; n < MIN (start + 10000, n_items); n++)
        {
          g_autofree char *guid = g_strdup_printf ("bench-%u", n);
          g_autofree char *title = g_strdup_printf ("Statement %u on the %s and the %s", n,
                                                    words[n % G_N_ELEMENTS (words)],
                                                    words[(n / 7) % G_N_ELEMENTS (words)]);
          g_autofree char *content = g_strdup_printf ("<p>The %s was discussed, with the %s, at length.</p>",
                                                      words[(n / 3) % G_N_ELEMENTS (words)],
                                                      words[(n / 11) % G_N_ELEMENTS (words)]);
          /* A summary of its own, as long as a feed's (cut at 400
           * characters): a row bound to another item lays it out again. */
          g_autofree char *summary = g_strdup_printf ("Statement %u on the %s: the talks, held in a constructive "
                                                      "atmosphere, covered trade, culture, education and the "
                                                      "consular questions citizens raised over the past year, "
                                                      "among them visas, the opening hours of the consular "
                                                      "section over the holidays, the %s season and the "
                                                      "exhibition that opens next week at the memorial hall, "
                                                      "with the scholarship results for the coming year.", n,
                                                      words[(n / 5) % G_N_ELEMENTS (words)],
                                                      words[(n / 13) % G_N_ELEMENTS (words)]);
          g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (1500000000 + (gint64) n * 600);
          CqItem *item = cq_item_new (guid);

          cq_item_set_title (item, title);
          cq_item_set_summary (item, summary);
          cq_item_set_content (item, content);
          cq_item_set_published (item, date);
          g_ptr_array_add (items, item);
        }
      cq_store_upsert_items (store, source_id, items, NULL, &error);
      g_assert_no_error (error);
    }

  /* As the app leaves a store it closed: the log copied into the file
   * (the store does it on a worker after each long commit; this waits for
   * that), so that no benchmark times the copy of the fill's log. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open_v2 (cq_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 60 * 1000);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
}

/**
 * cq_bench_remove_dir:
 *
 * Removes a benchmark's scratch directory and the files in it (a store of
 * 100,000 items is 70 MB; runs must not leave them behind).
 */
void
cq_bench_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}
