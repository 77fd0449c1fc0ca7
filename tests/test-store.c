/* test-store.c: the SQLite store: upserts, state, revisions, search,
 * migrations and damaged files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* SCHED_IDLE */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#include <sqlite3.h>

#include "cq-store-schema.h"
#include "cq-item-list.h"
#include "cq-test-util.h"
#include "cq-store-private.h"

static void
upsert (CqTestStore    *fixture,
        GPtrArray      *items,
        CqUpsertReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, report, &error));
  g_assert_no_error (error);
}

static gint64
id_of (CqTestStore *fixture,
       const char  *guid)
{
  g_autoptr(GArray) ids = NULL;
  CqItemQuery query = { 0 };

  ids = cq_store_query_ids (fixture->store, &query, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CqItem) item = cq_store_dup_item (fixture->store, g_array_index (ids, gint64, i), NULL);

      if (g_strcmp0 (cq_item_get_guid (item), guid) == 0)
        return cq_item_get_id (item);
    }
  g_error ("No item with guid %s", guid);
}

static guint
count (CqTestStore  *fixture,
       CqItemFilter  filter,
       const char   *search)
{
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { .filter = filter, .search = search };
  g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &query, &error);

  g_assert_no_error (error);
  return ids->len;
}

static void
test_open_creates_schema (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cq_store_get_schema_version (fixture->store), ==, G_N_ELEMENTS (cq_store_migrations));
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 0);
}

static void
test_sources (CqTestStore   *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) again = cq_test_profile ("embassy", "Another name");
  g_autoptr(CqProfile) other = cq_test_profile ("ministry", "Ministry news");
  g_autoptr(GPtrArray) sources = NULL;
  gint64 other_id;

  g_assert_cmpint (cq_store_add_source (fixture->store, again, &error), ==, 0);
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“embassy” is already stored"));
  g_clear_error (&error);

  other_id = cq_store_add_source (fixture->store, other, &error);
  g_assert_no_error (error);

  sources = cq_store_dup_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (cq_source_get_name (sources->pdata[0]), ==, "Embassy news");
  g_assert_cmpstr (cq_profile_get_feed_url (cq_source_get_profile (sources->pdata[1])), ==,
                   "https://news.example.org/ministry/feed.xml");

  g_assert_true (cq_store_remove_source (fixture->store, other_id, &error));
  g_assert_false (cq_store_remove_source (fixture->store, other_id, &error));
  g_ptr_array_set_size (sources, 1);
  g_assert_finalize_object (g_ptr_array_steal_index (sources, 0));
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND);
}

static void
test_upsert_report (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  CqUpsertReport report;

  upsert (fixture, items, &report);
  g_assert_cmpuint (report.added, ==, 5);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 0);

  upsert (fixture, items, &report);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 5);

  cq_item_set_title (items->pdata[2], "Statement on the review conference (corrected)");
  upsert (fixture, items, &report);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.unchanged, ==, 4);
}

static void
test_upsert_keeps_read_state (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) stored = NULL;
  gint64 id;

  upsert (fixture, items, NULL);
  id = id_of (fixture, "s3");
  g_assert_true (cq_store_set_read (fixture->store, id, TRUE, &error));
  g_assert_true (cq_store_set_starred (fixture->store, id, TRUE, &error));

  /* The source sends the item again, edited; the item it sends is unread. */
  cq_item_set_content (items->pdata[2], "<p>A longer statement on the review conference.</p>");
  upsert (fixture, items, NULL);

  stored = cq_store_dup_item (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (cq_item_get_read (stored));
  g_assert_true (cq_item_get_starred (stored));
  g_assert_cmpstr (cq_item_get_content (stored), ==, "<p>A longer statement on the review conference.</p>");
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_UNREAD, NULL), ==, 4);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_STARRED, NULL), ==, 1);
}

static void
test_revisions (CqTestStore   *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) stored = NULL;
  CqRevision *first;
  gint64 id;

  upsert (fixture, items, NULL);
  id = id_of (fixture, "s5");

  /* A new link is not a new text: no revision. */
  cq_item_set_link (items->pdata[4], "https://news.example.org/statements/s5-moved");
  upsert (fixture, items, NULL);
  stored = cq_store_dup_item (fixture->store, id, &error);
  g_assert_cmpuint (cq_item_get_revision_count (stored), ==, 0);
  g_assert_cmpstr (cq_item_get_link (stored), ==, "https://news.example.org/statements/s5-moved");

  cq_item_set_title (items->pdata[4], "Statement at the working group on information security");
  upsert (fixture, items, NULL);
  cq_item_set_summary (items->pdata[4], "Remarks in New York, revised.");
  upsert (fixture, items, NULL);

  g_assert_cmpuint (cq_item_get_revision_count (stored), ==, 2);
  revisions = cq_store_dup_revisions (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  first = revisions->pdata[0];
  g_assert_cmpstr (first->title, ==, "Statement at a working group on information security");
  g_assert_cmpstr (first->summary, ==, "Remarks at the first session of a working group in New York.");
  g_assert_cmpint (first->replaced_at, >, 0);
  g_assert_cmpstr (((CqRevision *) revisions->pdata[1])->title, ==,
                   "Statement at the working group on information security");
}

static void
test_vanished_items_stay (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) latest = g_ptr_array_new ();
  CqUpsertReport report;

  upsert (fixture, items, NULL);
  g_ptr_array_add (latest, items->pdata[4]);
  upsert (fixture, latest, &report);

  g_assert_cmpuint (report.unchanged, ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 5);
}

static void
test_search (CqTestStore   *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();

  upsert (fixture, items, NULL);

  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "statement"), ==, 2);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "STATEMENT"), ==, 2);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "secur"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "working colleagues"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "working exhibition"), ==, 0);
  /* Cyrillic, in another case, by prefix; and ё found as е. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "консульск"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "ЗАЯВЛЕНИЕ"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "приема"), ==, 1);
  /* Markup and scripts are not text. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "alert"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "em"), ==, 0);
  /* Entities are searched as the characters they stand for. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "quotes"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "laquo"), ==, 0);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The store's file opened beside the store, as another program would,
 * with the search index's words readable as temp.words: the index keeps
 * no copy of the text, only its words. */
static sqlite3 *
open_beside (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.words USING fts5vocab (main, 'items_fts', 'instance')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* The number in the one row @sql gives, read beside the store, with ?1
 * and ?2 (where it has them) bound to @number and @text. */
static gint64
read_number (const char *path,
             const char *sql,
             gint64      number,
             const char *text)
{
  sqlite3 *db = open_beside (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      sqlite3_bind_int64 (stmt, 1, number);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Which items the search index holds words of, once it says it is whole. */
static GArray *
indexed_ids (CqTestStore *fixture)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = open_beside (fixture->path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT doc FROM temp.words ORDER BY doc", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&ids);
}

static void
assert_index_holds_items (CqTestStore *fixture)
{
  g_autoptr(GArray) indexed = indexed_ids (fixture);
  g_autoptr(GArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery all = { 0 };

  stored = cq_store_query_ids (fixture->store, &all, &error);
  g_assert_no_error (error);
  g_array_sort (stored, compare_ids);
  g_assert_cmpmem (indexed->data, indexed->len * sizeof (gint64), stored->data, stored->len * sizeof (gint64));
}

/* How many words the search index holds for item @id in @column. */
static guint
indexed_words (const char *path,
               gint64      id,
               const char *column)
{
  return read_number (path, "SELECT count(*) FROM temp.words WHERE doc = ?1 AND col = ?2", id, column);
}

/* One sync that lists the item "twice" in each version given (a title and
 * a body each, up to a NULL), in turn; the index then holds the items. */
static void
sync_versions (CqTestStore *fixture,
               const char  *title,
               ...)
{
  g_autoptr(GPtrArray) listing = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, title);
  for (; title != NULL; title = va_arg (args, const char *))
    g_ptr_array_add (listing, cq_test_item ("twice", title, "2019-07-01T10:00:00Z", NULL, va_arg (args, const char *)));
  va_end (args);
  upsert (fixture, listing, NULL);
  assert_index_holds_items (fixture);
}

/* The index keeps no text of its own: an edit, a trim, a source's removal
 * and an item listed twice in one sync each leave it holding the words of
 * the items stored, as they are now, and no others. */
static void
test_search_index_follows_every_write (CqTestStore   *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_test_profile ("other", "Other source");
  gint64 other_id = cq_store_add_source (fixture->store, profile, NULL);
  guint removed = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *guid = g_strdup_printf ("kept-%u", i);
      g_autofree char *date = g_strdup_printf ("2019-06-%02uT10:00:00Z", 1 + i % 28);
      g_autofree char *body = g_strdup_printf ("<p>Paragraph word%u</p>", i);

      g_ptr_array_add (items, cq_test_item (guid, "Weekly notice", date, NULL, body));
    }
  upsert (fixture, items, NULL);
  assert_index_holds_items (fixture);

  /* Listed twice in one sync: stored once, indexed as it was listed last. */
  sync_versions (fixture, "First wording", "<p>Draft</p>", "Second wording", "<p>Final</p>", NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "second final"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "draft"), ==, 0);

  /* An edit in a later sync takes the old words out. */
  sync_versions (fixture, "Third wording", "<p>Revised</p>", NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "final"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "revised"), ==, 1);

  /* Edited twice in one later sync: the words indexed before it go, and
   * the last listing's are all the index holds of it. */
  sync_versions (fixture, "Fourth wording", "<p>Amended</p>", "Fifth phrasing", "<p>Corrected</p>", NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "revised"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "amended"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "wording"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "fifth phrasing corrected"), ==, 1);
  g_assert_cmpuint (indexed_words (fixture->path, id_of (fixture, "twice"), "title"), ==, 2);
  g_assert_cmpuint (indexed_words (fixture->path, id_of (fixture, "twice"), "body"), ==, 1);

  /* A trim and a source's removal take theirs out. */
  g_assert_true (cq_store_trim_source (fixture->store, fixture->source_id, 10, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 31);
  assert_index_holds_items (fixture);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "weekly"), ==, 9);

  g_assert_true (cq_store_upsert_items (fixture->store, other_id, items, NULL, &error));
  g_assert_true (cq_store_remove_source (fixture->store, other_id, &error));
  g_assert_no_error (error);
  assert_index_holds_items (fixture);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "weekly"), ==, 9);
}

static void
upsert_one_item (CqTestStore *fixture,
                 const char  *guid,
                 const char  *summary,
                 const char  *body)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, cq_test_item (guid, "Notice", "2019-06-10T03:00:00Z", summary, body));
  upsert (fixture, items, NULL);
}

/* A summary made of its body's first words is not indexed a second time;
 * one that says something of its own is, and is found by it.  Edits to
 * either keep the index holding the words of the items as they are now:
 * a summary that comes to open its body leaves the index, one that no
 * longer does comes back. */
static void
test_search_summary_indexed_once (CqTestStore   *fixture,
                                  gconstpointer  data)
{
  gint64 opening, own;

  upsert_one_item (fixture, "opening", "First words of the body, then more…",
                   "<p>First words of the <a href=\"/x\">body</a>, then more words.</p><p>Another paragraph.</p>");
  upsert_one_item (fixture, "own", "An abstract with a zebra", "<p>The body of it.</p>");
  opening = id_of (fixture, "opening");
  own = id_of (fixture, "own");

  g_assert_cmpuint (indexed_words (fixture->path, opening, "summary"), ==, 0);
  g_assert_cmpuint (indexed_words (fixture->path, opening, "body"), ==, 10);
  g_assert_cmpuint (indexed_words (fixture->path, own, "summary"), ==, 5);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "first words"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "zebra"), ==, 1);
  assert_index_holds_items (fixture);

  /* A summary of its own, for the body as it was: indexed, the old
   * words kept only where the body has them. */
  upsert_one_item (fixture, "opening", "A yak in the summary",
                   "<p>First words of the <a href=\"/x\">body</a>, then more words.</p><p>Another paragraph.</p>");
  g_assert_cmpuint (indexed_words (fixture->path, opening, "summary"), ==, 5);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "yak"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "first words"), ==, 1);

  /* A body rewritten to open with the summary: the summary leaves the
   * index, and is still found, by the body. */
  upsert_one_item (fixture, "own", "An abstract with a zebra", "<p>An abstract with a zebra, and the body of it.</p>");
  g_assert_cmpuint (indexed_words (fixture->path, own, "summary"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "zebra"), ==, 1);
  assert_index_holds_items (fixture);

  /* And rewritten again so that it no longer does: back in the index. */
  upsert_one_item (fixture, "own", "An abstract with a zebra", "<p>Something else entirely.</p>");
  g_assert_cmpuint (indexed_words (fixture->path, own, "summary"), ==, 5);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "zebra"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "body"), ==, 1);
  assert_index_holds_items (fixture);
}

/* A write's answer, once it comes: it must have succeeded. */
static CqUpsertReport
written (CqTestStore   *fixture,
         GAsyncResult **result)
{
  CqUpsertReport report = { 0 };

  cq_test_assert_upserted (fixture->store, cq_test_wait_for (result), &report, NULL);
  return report;
}

static CqUpsertReport
write_async (CqTestStore *fixture,
             GPtrArray   *items,
             gboolean     new_only)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (new_only)
    cq_store_add_new_items_async (fixture->store, fixture->source_id, items, 0, NULL, cq_test_keep_result, &result);
  else
    cq_store_upsert_items_async (fixture->store, fixture->source_id, items, 0, NULL, cq_test_keep_result, &result);
  return written (fixture, &result);
}

/* A streamed write (cq_store_write_items_streamed_async()): the first
 * @n_pushed of @items pushed, then the whole list given with the close. */
static CqUpsertReport
write_streamed (CqTestStore *fixture,
                GPtrArray   *items,
                guint        n_pushed,
                gboolean     new_only)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqStoreWriteStream) stream = NULL;

  stream = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                cq_test_keep_result, &result);
  for (guint i = 0; i < n_pushed; i++)
    {
      cq_store_write_stream_push (stream, g_ptr_array_index (items, i));
      /* Now and then the writer finds nothing waiting, as it does while a
       * parse goes on: it reads texts and indexes then. */
      if (i % 200 == 199)
        g_usleep (2000);
    }
  cq_store_write_stream_close (stream, items, new_only);
  return written (fixture, &result);
}

/* A source's first write inserts its items without looking each up; a
 * guid the feed lists twice is still stored once, as it was listed last
 * (or, from a document read in recovery, as it was listed first), and
 * found by its own words only; the same when the write is streamed, the
 * second listing taken from the stream. */
static void
test_first_write_lists_a_guid_twice (CqTestStore   *fixture,
                                     gconstpointer  data)
{
  for (guint round = 0; round < 4; round++)
    {
      gboolean new_only = round % 2;
      gboolean streamed = round >= 2;
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autoptr(CqItem) stored = NULL;
      g_autoptr(CqProfile) profile = NULL;
      g_autofree char *key = g_strdup_printf ("twice-%u", round);
      CqUpsertReport report;

      /* A fresh source each round: its first write. */
      profile = cq_test_profile (key, "Listed twice");
      fixture->source_id = cq_store_add_source (fixture->store, profile, &error);
      g_assert_no_error (error);
      g_ptr_array_add (items, cq_test_item ("twice", "First wording", "2019-07-01T10:00:00Z", NULL, "<p>Draft</p>"));
      g_ptr_array_add (items, cq_test_item ("once", "Another notice", "2019-07-02T10:00:00Z", NULL, "<p>Other</p>"));
      g_ptr_array_add (items, cq_test_item ("twice", "Second wording", "2019-07-01T10:00:00Z", NULL, "<p>Final</p>"));
      report = streamed ? write_streamed (fixture, items, items->len, new_only) : write_async (fixture, items, new_only);

      g_assert_cmpuint (report.added, ==, 2);
      g_assert_cmpuint (report.updated, ==, new_only ? 0 : 1);
      g_assert_cmpuint (report.unchanged, ==, new_only ? 1 : 0);
      stored = cq_store_dup_item (fixture->store, id_of (fixture, "twice"), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cq_item_get_title (stored), ==, new_only ? "First wording" : "Second wording");
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, new_only ? "draft" : "final"), ==, 1);
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, new_only ? "final" : "draft"), ==, 0);
      assert_index_holds_items (fixture);
      g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, &error));
      g_assert_no_error (error);
    }
}

/* A streamed write into a source with no items inserts, reads and indexes
 * what the stream gives as it comes, in batches, and the rest of the list
 * with the close: every item is stored once and found by its words. */
static void
test_streamed_write (CqTestStore   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CqUpsertReport report;

  for (guint i = 0; i < 2600; i++)
    {
      g_autofree char *guid = g_strdup_printf ("streamed-%u", i);
      g_autofree char *title = g_strdup_printf ("Notice number%ux", i);
      g_autofree char *body = g_strdup_printf ("<p>Body word <b>body%ux</b></p>", i);

      g_ptr_array_add (items, cq_test_item (guid, title, "2019-06-10T03:00:00Z", "Summary", body));
    }
  /* The last hundred come with the close only, as a parse's items that
   * wait for the end of the document do. */
  report = write_streamed (fixture, items, 2500, FALSE);
  g_assert_cmpuint (report.added, ==, 2600);
  g_assert_cmpuint (report.updated + report.unchanged, ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 2600);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "notice"), ==, 2600);
  for (guint i = 0; i < 2600; i += 97)
    {
      g_autofree char *title_word = g_strdup_printf ("number%ux", i);
      g_autofree char *body_word = g_strdup_printf ("body%ux", i);

      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, title_word), ==, 1);
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, body_word), ==, 1);
    }
  assert_index_holds_items (fixture);
}

/* A streamed write indexes its rows with the texts read as the items
 * were pushed: they must be what the index is given again to take the
 * words out, read from the rows.  Summaries that open their bodies and
 * summaries of their own, items with no title, no summary or no body, ё
 * and markup: once the source is removed, not one word is left. */
static void
test_streamed_write_indexes_as_rows_read (CqTestStore   *fixture,
                                          gconstpointer  data)
{
  static const struct {
    const char *title;
    const char *summary;
    const char *body;
  } kinds[] = {
    { "Opening words", "The minister met his counterpart…", "<p>The minister <b>met</b> his counterpart today.</p>" },
    { "Own summary", "A zebra in the abstract", "<p>The body says something else.</p>" },
    { "No summary", NULL, "<p>Only a body, with an <a href=\"/x\">anchor</a>.</p>" },
    { NULL, "A summary with no title", "<p>And a body.</p>" },
    { "No body", "Just a summary of ёлки", NULL },
    { "Ёлки и ещё", "Ещё раз", "<p>Зелёные ёлки &amp; <i>ещё</i></p><p>Второй абзац.</p>" },
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CqUpsertReport report;
  guint n = 600;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *guid = g_strdup_printf ("kind-%u", i);

      g_ptr_array_add (items, cq_test_item (guid, kinds[i % G_N_ELEMENTS (kinds)].title, "2019-06-10T03:00:00Z",
                                            kinds[i % G_N_ELEMENTS (kinds)].summary,
                                            kinds[i % G_N_ELEMENTS (kinds)].body));
    }
  report = write_streamed (fixture, items, n, FALSE);
  g_assert_cmpuint (report.added, ==, n);
  g_assert_cmpuint (indexed_words (fixture->path, id_of (fixture, "kind-0"), "summary"), ==, 0);
  g_assert_cmpuint (indexed_words (fixture->path, id_of (fixture, "kind-1"), "summary"), ==, 5);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "елки"), ==, 2 * n / G_N_ELEMENTS (kinds));
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "anchor"), ==, n / G_N_ELEMENTS (kinds));
  assert_index_holds_items (fixture);

  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read_number (fixture->path, "SELECT count(*) FROM temp.words", 0, NULL), ==, 0);
}

/* A guid listed twice in a streamed write, its title and body the same
 * both times and only its summary rewritten (its own words first, then
 * its body's): the row is indexed as it ends, not with the texts read for
 * its first listing, and its words all leave with it. */
static void
test_streamed_write_summary_rewritten (CqTestStore   *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CqUpsertReport report;

  g_ptr_array_add (items, cq_test_item ("twice", "A notice", "2019-07-01T10:00:00Z",
                                        "An abstract with a zebra", "<p>The body of the notice.</p>"));
  g_ptr_array_add (items, cq_test_item ("once", "Another notice", "2019-07-02T10:00:00Z", NULL, "<p>Other</p>"));
  g_ptr_array_add (items, cq_test_item ("twice", "A notice", "2019-07-01T10:00:00Z",
                                        "The body of the notice", "<p>The body of the notice.</p>"));
  report = write_streamed (fixture, items, items->len, FALSE);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (indexed_words (fixture->path, id_of (fixture, "twice"), "summary"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "zebra"), ==, 0);
  assert_index_holds_items (fixture);

  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read_number (fixture->path, "SELECT count(*) FROM temp.words", 0, NULL), ==, 0);
}

/* A stream whose write waits for the writer (another source's stream
 * holds it) has every item queued, its search texts read as they were
 * pushed, when it starts: it takes them all at once, and indexes them
 * after the close.  Every item is found by its words, those with no body
 * and no title too, and the index holds what the store does. */
static void
test_streamed_write_read_after_close (CqTestStore   *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) first = cq_test_embassy_items ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqProfile) profile = cq_test_profile ("queued", "Queued source");
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqStoreWriteStream) holding = NULL;
  g_autoptr(CqStoreWriteStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gint64 queued_id = cq_store_add_source (fixture->store, profile, &error);
  CqUpsertReport report;

  g_assert_no_error (error);
  for (guint i = 0; i < 2600; i++)
    {
      g_autofree char *guid = g_strdup_printf ("queued-%u", i);
      g_autofree char *title = i % 50 == 7 ? NULL : g_strdup_printf ("Queued notice q%ux", i);
      g_autofree char *body = i % 50 == 9 ? NULL : g_strdup_printf ("<p>Queued body <i>qb%ux</i></p>", i);

      g_ptr_array_add (items, cq_test_item (guid, title, "2019-06-11T03:00:00Z", "Summary", body));
    }

  holding = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                 cq_test_keep_result, &first_result);
  stream = cq_store_write_items_streamed_async (fixture->store, queued_id, 0, NULL, cq_test_keep_result, &result);
  for (guint i = 0; i < items->len; i++)
    cq_store_write_stream_push (stream, g_ptr_array_index (items, i));
  cq_store_write_stream_close (stream, items, FALSE);
  cq_store_write_stream_close (holding, first, FALSE);

  report = written (fixture, &first_result);
  g_assert_cmpuint (report.added, ==, first->len);
  report = written (fixture, &result);
  g_assert_cmpuint (report.added, ==, 2600);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "queued"), ==, 2600);
  for (guint i = 0; i < 2600; i++)
    {
      g_autofree char *title_word = g_strdup_printf ("q%ux", i);
      g_autofree char *body_word = g_strdup_printf ("qb%ux", i);

      if (i % 13 != 0 && i % 50 != 7 && i % 50 != 9)
        continue;
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, title_word), ==, i % 50 == 7 ? 0 : 1);
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, body_word), ==, i % 50 == 9 ? 0 : 1);
    }
  assert_index_holds_items (fixture);
}

static gboolean
holds_id (GArray *ids,
          gint64  item_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == item_id)
      return TRUE;
  return FALSE;
}

static gboolean
lists (CqTestStore  *fixture,
       CqItemFilter  filter,
       gint64        item_id)
{
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { .filter = filter };
  g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &query, &error);

  g_assert_no_error (error);
  return holds_id (ids, item_id);
}

/* A sync's streamed write holds the file from its first item to its close
 * (seconds, for a large document), and a click that marked an item read
 * then waited for it, five seconds at most, and failed with "in use by
 * another program".  The window's marks and a source's sync state are
 * kept while this store's own write runs: the items read so show them at
 * once, and they are written when the write ends, whether it was closed
 * or called off. */
static void
test_marks_during_streamed_write (CqTestStore   *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) stored = cq_test_embassy_items ();
  g_autoptr(CqProfile) profile = cq_test_profile ("other", "Another source");
  gint64 first, second, other_source;

  upsert (fixture, stored, NULL);
  first = id_of (fixture, cq_item_get_guid (g_ptr_array_index (stored, 0)));
  second = id_of (fixture, cq_item_get_guid (g_ptr_array_index (stored, 1)));
  other_source = cq_store_add_source (fixture->store, profile, NULL);

  for (guint round = 0; round < 2; round++)
    {
      gboolean called_off = round == 1;
      gint64 item_id = called_off ? second : first;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(CqStoreWriteStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CqItem) shown = cq_store_dup_item (fixture->store, item_id, &error);
      g_autoptr(CqSyncState) state = g_new0 (CqSyncState, 1);
      g_autoptr(CqSyncState) read_back = NULL;

      g_assert_no_error (error);
      stream = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                    cq_test_keep_result, &result);
      cq_store_write_stream_push (stream, cq_test_item ("streamed-new", "A new notice", "2019-07-09T10:00:00Z",
                                                        NULL, "<p>New</p>"));

      g_assert_true (cq_store_set_read (fixture->store, item_id, TRUE, &error));
      g_assert_no_error (error);
      g_assert_true (cq_store_set_starred (fixture->store, item_id, TRUE, &error));
      g_assert_no_error (error);
      /* Marking it again, as it is, is no change either. */
      g_assert_true (cq_store_set_read (fixture->store, item_id, TRUE, &error));
      g_assert_no_error (error);
      /* The row that shows it, and anything that reads it afresh. */
      g_assert_true (cq_item_get_read (shown));
      g_assert_true (cq_item_get_starred (shown));
      g_clear_object (&shown);
      shown = cq_store_dup_item (fixture->store, item_id, &error);
      g_assert_no_error (error);
      g_assert_true (cq_item_get_read (shown));
      g_assert_true (cq_item_get_starred (shown));
      /* An item that is not there is still said at once. */
      g_assert_false (cq_store_set_read (fixture->store, 987654, TRUE, &error));
      g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);

      state->last_attempt = 1700000000 + round;
      state->last_error = g_strdup ("Not modified, and no need to wait");
      g_assert_true (cq_store_set_sync_state (fixture->store, other_source, state, &error));
      g_assert_no_error (error);
      read_back = cq_store_dup_sync_state (fixture->store, other_source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (read_back->last_attempt, ==, state->last_attempt);
      g_assert_cmpstr (read_back->last_error, ==, state->last_error);
      g_clear_pointer (&read_back, cq_sync_state_free);

      /* Not in the file yet: the write holds it. */
      cq_test_assert_written_flags (fixture, item_id, FALSE, FALSE);

      if (called_off)
        {
          cq_store_write_stream_abort (stream);
          g_assert_false (cq_store_upsert_items_finish (fixture->store, cq_test_wait_for (&result), NULL, NULL,
                                                        &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&error);
        }
      else
        {
          cq_store_write_stream_close (stream, stored, FALSE);
          written (fixture, &result);
        }

      cq_test_assert_written_flags (fixture, item_id, TRUE, TRUE);
      /* And the lists filtered by them follow. */
      g_assert_false (lists (fixture, CQ_ITEM_FILTER_UNREAD, item_id));
      g_assert_true (lists (fixture, CQ_ITEM_FILTER_STARRED, item_id));
      g_assert_true (cq_item_get_read (shown));
      read_back = cq_store_dup_sync_state (fixture->store, other_source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (read_back->last_attempt, ==, state->last_attempt);
      g_assert_cmpstr (read_back->last_error, ==, state->last_error);
    }
}

/* Mark All as Read and its Undo while a streamed write holds the file:
 * they take the marks kept meanwhile into account, show at once, and are
 * written when the write ends. */
static void
test_mark_all_during_streamed_write (CqTestStore   *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) stored = cq_test_embassy_items ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqStoreWriteStream) stream = NULL;
  g_autoptr(GArray) marked = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { 0 };
  gint64 first, second;

  upsert (fixture, stored, NULL);
  first = id_of (fixture, cq_item_get_guid (g_ptr_array_index (stored, 0)));
  second = id_of (fixture, cq_item_get_guid (g_ptr_array_index (stored, 1)));
  g_assert_true (cq_store_set_read (fixture->store, first, TRUE, &error));
  all = cq_store_query_ids (fixture->store, &query, &error);
  g_assert_no_error (error);

  stream = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                cq_test_keep_result, &result);
  cq_store_write_stream_push (stream, cq_test_item ("streamed-new", "A new notice", "2019-07-09T10:00:00Z",
                                                    NULL, "<p>New</p>"));
  /* Kept: the first unread again, the second read. */
  g_assert_true (cq_store_set_read (fixture->store, first, FALSE, &error));
  g_assert_true (cq_store_set_read (fixture->store, second, TRUE, &error));
  g_assert_no_error (error);

  marked = cq_store_mark_all_read (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marked->len, ==, all->len - 1);
  g_assert_true (holds_id (marked, first));
  g_assert_false (holds_id (marked, second));
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(CqItem) item = cq_store_dup_item (fixture->store, g_array_index (all, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (cq_item_get_read (item));
    }

  /* Undone: all of them unread again but the second, read before. */
  g_assert_true (cq_store_mark_unread_again (fixture->store, marked, &error));
  g_assert_no_error (error);

  cq_store_write_stream_close (stream, stored, FALSE);
  written (fixture, &result);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 item_id = g_array_index (all, gint64, i);

      cq_test_assert_written_flags (fixture, item_id, item_id == second, FALSE);
      g_assert_cmpint (lists (fixture, CQ_ITEM_FILTER_UNREAD, item_id), ==, item_id != second);
    }
}

static void
tell_scheduling (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  int *seen = task_data;

  seen[0] = sched_getscheduler (0);
  seen[1] = getpriority (PRIO_PROCESS, 0);
  g_task_return_boolean (task, TRUE);
}

/* How a background thread is scheduled (the run of a large first sync,
 * the log's checkpoint): at nice 10, and as SCHED_IDLE too in a program
 * with a window, which gives way to its drawing. */
static void
test_background_threads_give_way (void)
{
  for (guint round = 0; round < 2; round++)
    {
      int seen[2] = { -1, -1 };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GTask) task = g_task_new (NULL, NULL, cq_test_keep_result, &result);

      cq_store_set_background_gives_way (round == 1);
      g_task_set_task_data (task, seen, NULL);
      cq_store_run_task_in_background (task, tell_scheduling);
      g_assert_true (g_task_propagate_boolean (G_TASK (cq_test_wait_for (&result)), NULL));
      g_assert_cmpint (seen[0], ==, round == 1 ? SCHED_IDLE : SCHED_OTHER);
      g_assert_cmpint (seen[1], ==, CQ_STORE_BACKGROUND_NICE);
    }
  cq_store_set_background_gives_way (FALSE);
}

/* Every statement SQLite runs off the test's own thread, and how many of
 * them ran on a thread that gives way: set on each connection opened
 * (sqlite3_auto_extension), as the store's reader is, on first use. */
static GThread *statements_main_thread;
static gint statements_off_main;
static gint statements_off_main_giving_way;

static int
note_statement_thread (unsigned  type,
                       void     *context,
                       void     *statement,
                       void     *sql)
{
  if (g_thread_self () != statements_main_thread)
    {
      g_atomic_int_inc (&statements_off_main);
      if (sched_getscheduler (0) == SCHED_IDLE)
        g_atomic_int_inc (&statements_off_main_giving_way);
    }
  return 0;
}

static int
trace_statements (sqlite3                            *db,
                  char                              **error,
                  const struct sqlite3_api_routines  *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, note_statement_thread, NULL);
  return SQLITE_OK;
}

/* On every connection opened from now on, the store's reader and writer
 * among them (they open on first use). */
static void
start_tracing_statements (void)
{
  statements_main_thread = g_thread_self ();
  sqlite3_auto_extension ((void (*) (void)) trace_statements);
}

static void
stop_tracing_statements (void)
{
  cq_store_set_background_gives_way (FALSE);
  sqlite3_cancel_auto_extension ((void (*) (void)) trace_statements);
}

/* Counts anew, from now on, with the program giving way or not. */
static void
count_statements (gboolean gives_way)
{
  cq_store_set_background_gives_way (gives_way);
  g_atomic_int_set (&statements_off_main, 0);
  g_atomic_int_set (&statements_off_main_giving_way, 0);
}

/* All the statements run off this thread since count_statements() (at
 * least @at_least) ran on a thread giving way, or none did. */
static void
assert_statements_gave_way (gint     at_least,
                            gboolean gave_way)
{
  gint off_main = g_atomic_int_get (&statements_off_main);

  g_assert_cmpint (off_main, >=, at_least);
  g_assert_cmpint (g_atomic_int_get (&statements_off_main_giving_way), ==, gave_way ? off_main : 0);
}

/* A list's catch-up reads (its new order after a sync's write, the unread
 * counts) run where the sync's own threads do: on a thread that gives way
 * to the window's drawing in a program with a window, never on GLib's
 * pool at the window's priority. */
static void
test_catch_up_reads_give_way (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();

  upsert (fixture, items, NULL);
  start_tracing_statements ();
  for (guint round = 0; round < 2; round++)
    {
      CqItemQuery query = { 0 };
      g_autoptr(GAsyncResult) ids_result = NULL;
      g_autoptr(GAsyncResult) counts_result = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GHashTable) counts = NULL;
      g_autoptr(GError) error = NULL;

      count_statements (round == 1);
      cq_store_query_ids_async (fixture->store, &query, NULL, cq_test_keep_result, &ids_result);
      cq_store_count_unread_async (fixture->store, NULL, cq_test_keep_result, &counts_result);
      ids = cq_store_query_ids_finish (fixture->store, cq_test_wait_for (&ids_result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, items->len);
      counts = cq_store_count_unread_finish (fixture->store, cq_test_wait_for (&counts_result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (counts), >, 0);

      /* Both read on the reader's connection, off this thread. */
      assert_statements_gave_way (2, round == 1);
    }
  stop_tracing_statements ();
}

/* A later sync's write (not streamed: its source has items) is a sync's
 * write as the first one is, and gives way as that one does, in a program
 * with a window; on GLib's pool it took the cores from the window's
 * drawing at the window's own priority for as long as it wrote. */
static void
test_later_writes_give_way (CqTestStore   *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();

  upsert (fixture, items, NULL);
  start_tracing_statements ();
  for (guint round = 0; round < 2; round++)
    {
      CqUpsertReport report;

      count_statements (round == 1);
      report = write_async (fixture, items, round == 1);
      g_assert_cmpuint (report.added, ==, 0);
      assert_statements_gave_way (2, round == 1);
    }
  stop_tracing_statements ();
}

/* Into a source that has items, an item the stream gives whose guid is
 * stored waits for the close and is written as any sync's write writes
 * it, an edit keeping the earlier text as a revision; a new one is
 * inserted. */
static void
test_streamed_write_into_stored_source (CqTestStore   *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = cq_test_embassy_items ();
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  CqItem *edited = g_ptr_array_index (first, 0);
  CqUpsertReport report;

  upsert (fixture, first, NULL);
  g_ptr_array_add (again, cq_test_item (cq_item_get_guid (edited), "A corrected wording", "2019-07-01T10:00:00Z",
                                        NULL, "<p>Corrected</p>"));
  g_ptr_array_add (again, cq_test_item ("streamed-new", "A new notice", "2019-07-05T10:00:00Z", NULL, "<p>New</p>"));
  report = write_streamed (fixture, again, again->len, FALSE);

  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, first->len + 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "corrected"), ==, 1);
  revisions = cq_store_dup_revisions (fixture->store, id_of (fixture, cq_item_get_guid (edited)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  assert_index_holds_items (fixture);
}

/* A streamed write called off (its sync failed after the parse began)
 * stores nothing of what it took, answers once with "cancelled", drops
 * what is pushed after, and leaves the writer free for the next write. */
static void
test_streamed_write_called_off (CqTestStore   *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStoreWriteStream) stream = NULL;

  stream = cq_store_write_items_streamed_async (fixture->store, fixture->source_id, 0, NULL,
                                                cq_test_keep_result, &result);
  for (guint i = 0; i < items->len; i++)
    cq_store_write_stream_push (stream, g_ptr_array_index (items, i));
  cq_store_write_stream_abort (stream);
  cq_store_write_stream_push (stream, g_ptr_array_index (items, 0));
  cq_store_write_stream_abort (stream);
  g_assert_false (cq_store_upsert_items_finish (fixture->store, cq_test_wait_for (&result), NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 0);
  assert_index_holds_items (fixture);

  /* Free again at once. */
  upsert (fixture, items, NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, items->len);
  assert_index_holds_items (fixture);
}

/* A store the store creates has its larger pages, and keeps them through
 * a sync's write; one made before (see migration/from-first-schema)
 * keeps its own. */
static void
test_new_file_page_size (CqTestStore   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();

  upsert (fixture, items, NULL);
  g_assert_cmpint (read_number (fixture->path, "PRAGMA page_size", 0, NULL), ==, CQ_STORE_PAGE_SIZE);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "statement"), ==, 2);
}

/* A sync's new items are indexed for search together at its end: every
 * one is found by its own words, in title, summary or body, and an edit in
 * a later sync is found too. */
static void
test_search_after_bulk_write (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const words[] = { "alpha", "bravo", "charlie", "delta", "echo" };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *guid = g_strdup_printf ("bulk-%u", i);
      g_autofree char *title = g_strdup_printf ("Notice %s%u", words[i % 5], i);
      g_autofree char *summary = g_strdup_printf ("Summary word sum%u", i);
      g_autofree char *body = g_strdup_printf ("<p>Body word <b>body%u</b></p>", i);

      g_ptr_array_add (items, cq_test_item (guid, title, "2019-06-10T03:00:00Z", summary, body));
    }
  upsert (fixture, items, NULL);
  for (guint i = 0; i < 300; i += 37)
    {
      g_autofree char *title_word = g_strdup_printf ("%s%u", words[i % 5], i);
      g_autofree char *summary_word = g_strdup_printf ("sum%u", i);
      g_autofree char *body_word = g_strdup_printf ("body%u", i);

      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, title_word), ==, 1);
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, summary_word), ==, 1);
      g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, body_word), ==, 1);
    }
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "notice"), ==, 300);
  /* Searches are by prefix: body5 and body50 to body59. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "body5"), ==, 11);

  /* The same items again, one edited, one new: indexed as they are now. */
  g_ptr_array_add (edited, cq_test_item ("bulk-5", "Notice rewritten", "2019-06-10T03:00:00Z", "Summary", "<p>Changed</p>"));
  g_ptr_array_add (edited, cq_test_item ("bulk-new", "Notice foxtrot", "2019-06-11T03:00:00Z", "Summary", "<p>New</p>"));
  upsert (fixture, edited, NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "rewritten"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "body5"), ==, 10);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "changed"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "foxtrot"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "notice"), ==, 301);
}

/* Matches come newest first, as the list is ordered, with the search
 * keeping up with items written here and by another connection (the CLI
 * writes while the window searches). */
static void
test_search_order_follows_writes (CqTestStore   *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqStore) other = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery everything = { .search = "statement" };
  CqItemQuery limited = { .search = "statement", .limit = 1 };
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) plain = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) after_own = NULL;
  g_autoptr(GArray) after_other = NULL;
  CqItemQuery unread = { .search = "statement", .filter = CQ_ITEM_FILTER_UNREAD };

  upsert (fixture, items, NULL);
  all = cq_store_query_ids (fixture->store, &everything, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  /* The same as the filtered query, which SQLite orders itself. */
  plain = cq_store_query_ids (fixture->store, &unread, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (all->data, all->len * sizeof (gint64), plain->data, plain->len * sizeof (gint64));
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, id_of (fixture, "s5"));
  g_assert_cmpint (g_array_index (all, gint64, 1), ==, id_of (fixture, "s3"));
  first = cq_store_query_ids (fixture->store, &limited, &error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (g_array_index (first, gint64, 0), ==, id_of (fixture, "s5"));

  /* Written here: a newer statement comes first. */
  g_ptr_array_add (more, cq_test_item ("s6", "Statement on the harbour", "2019-06-20T10:00:00Z", "A statement.", NULL));
  upsert (fixture, more, NULL);
  after_own = cq_store_query_ids (fixture->store, &everything, &error);
  g_assert_cmpuint (after_own->len, ==, 3);
  g_assert_cmpint (g_array_index (after_own, gint64, 0), ==, id_of (fixture, "s6"));

  /* Written by another connection to the same file. */
  other = cq_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (later, cq_test_item ("s7", "Statement on the ferry", "2019-06-21T10:00:00Z", "A statement.", NULL));
  g_assert_true (cq_store_upsert_items (other, fixture->source_id, later, NULL, &error));
  g_assert_no_error (error);
  after_other = cq_store_query_ids (fixture->store, &everything, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_other->len, ==, 4);
  g_assert_cmpint (g_array_index (after_other, gint64, 0), ==, id_of (fixture, "s7"));

  /* Another connection re-dates a statement it knows: no new id betrays it,
   * the file's data version does, and the order follows. */
  {
    g_autoptr(GPtrArray) redated = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GArray) moved = NULL;

    g_ptr_array_add (redated, cq_test_item ("s3", "Statement on the chemical weapons convention review",
                                            "2019-06-30T12:00:00Z", "A statement on the review conference in The Hague.",
                                            "<p>A statement on the <em>review conference</em>.</p>"));
    g_assert_true (cq_store_upsert_items (other, fixture->source_id, redated, NULL, &error));
    moved = cq_store_query_ids (fixture->store, &everything, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (moved->len, ==, 4);
    g_assert_cmpint (g_array_index (moved, gint64, 0), ==, id_of (fixture, "s3"));
  }
}

/* A sync's write does not copy its log into the database file inside its
 * commit: a worker does it after.  Once it has, the file alone, without
 * its log, holds every item the sync wrote. */
static void
test_checkpoint_after_write (CqTestStore   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *copy = g_strconcat (fixture->path, ".copy", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  CqCheckpointer *checkpointer = fixture->store->checkpointer;
  guint before = _cq_checkpointer_get_done (checkpointer);
  gint64 deadline;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Well past the thousand pages of log (16 KB each) that ask for a
   * checkpoint. */
  for (guint i = 0; i < 12000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("logged-%u", i);
      g_autofree char *fill = g_strnfill (1500, 'x');
      g_autofree char *body = g_strdup_printf ("<p>Statement %u.</p><p>%s</p>", i, fill);

      g_ptr_array_add (items, cq_test_item (guid, "A statement among many", "2019-07-01T10:00:00Z", NULL, body));
    }
  cq_store_upsert_items_async (fixture->store, fixture->source_id, items, 0, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, result, NULL, NULL);

  /* A bound on the wait, not a figure: the copy takes milliseconds. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (_cq_checkpointer_get_done (checkpointer) == before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM items WHERE guid LIKE 'logged-%'", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 12000);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (copy, suffix, NULL);

      g_unlink (file);
    }
}

/* A sync's items are written on a worker: the main thread keeps turning
 * and reading the store (the items as they were) while they are, and its
 * objects and lists hear of them once they are in. */
static void
test_upsert_async (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) edited = cq_test_embassy_items ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) live = NULL;
  CqUpsertReport report = { 0 };
  guint turns = 0, changes = 0, removed = 0, seen_during = G_MAXUINT;
  sqlite3 *blocker = NULL;
  guint idle;

  upsert (fixture, cq_test_embassy_items (), NULL);
  live = cq_store_dup_item (fixture->store, id_of (fixture, "s1"), NULL);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("many-%u", i);
      g_autofree char *iso = g_strdup_printf ("2019-07-%02uT%02u:%02u:00Z", 1 + i % 28, i % 24, i % 60);

      g_ptr_array_add (items, cq_test_item (guid, "A statement among many", iso, "Many.", "<p>Many.</p>"));
    }
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (cq_test_count), &changes);

  /* Another program holds the write lock: the worker waits for it, and
   * the main thread must keep turning meanwhile.  (Without the lock, a
   * loaded machine may finish the write before the loop's first turn.) */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &blocker, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  idle = g_idle_add (cq_test_count, &turns);
  cq_store_upsert_items_async (fixture->store, fixture->source_id, items, 0, NULL, cq_test_keep_result, &result);
  while (turns < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_assert_cmpint (sqlite3_exec (blocker, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (blocker);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      /* Read while it writes: the store as it was, never a half-written one. */
      if (seen_during == G_MAXUINT)
        {
          CqItemQuery all = { 0 };
          g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &all, &error);

          g_assert_no_error (error);
          seen_during = ids->len;
        }
    }
  g_source_remove (idle);
  cq_test_assert_upserted (fixture->store, result, &report, &removed);
  g_assert_cmpuint (report.added, ==, 5000);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (turns, >, 0);
  g_assert_true (seen_during == 5 || seen_during == 5005);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 5005);

  /* An edit written on the worker reaches the object the window holds. */
  cq_item_set_title (g_ptr_array_index (edited, 0), "Remarks at the opening, corrected");
  cq_store_upsert_items_async (fixture->store, fixture->source_id, edited, 0, NULL, cq_test_keep_result, &again);
  while (again == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, again, &report, &removed);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpstr (cq_item_get_title (live), ==, "Remarks at the opening, corrected");
  g_assert_cmpuint (removed, ==, 0);

  /* The trim runs there too: the oldest go. */
  g_clear_object (&again);
  g_ptr_array_set_size (edited, 0);
  cq_store_upsert_items_async (fixture->store, fixture->source_id, edited, 100, NULL, cq_test_keep_result, &again);
  while (again == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, again, &report, &removed);
  g_assert_cmpuint (removed, ==, 4905);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 100);

  g_signal_handlers_disconnect_by_func (fixture->store, cq_test_count, &changes);
}

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Another program writing the file (communique-cli) is noticed: the items
 * handed out are read again and the store says it changed; its own
 * worker's writes are not taken for another program's. */
static void
test_follow_other_writers (CqTestStore   *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqStore) other = NULL;
  g_autoptr(CqItem) live = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;
  gboolean gave_up = FALSE;
  guint timer;

  upsert (fixture, items, NULL);
  live = cq_store_dup_item (fixture->store, id_of (fixture, "s3"), NULL);
  g_assert_false (cq_item_get_read (live));
  cq_store_follow_other_writers (fixture->store, 1);
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (cq_test_count), &changes);

  /* Its own worker's write: one change, said by the write itself. */
  g_ptr_array_add (more, cq_test_item ("s9", "A statement of its own", "2019-06-25T10:00:00Z", NULL, NULL));
  cq_store_upsert_items_async (fixture->store, fixture->source_id, more, 0, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, result, NULL, NULL);
  g_assert_cmpuint (changes, ==, 1);
  timer = g_timeout_add (1500, give_up_cb, &gave_up);
  while (!gave_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes, ==, 1);

  /* Another program marks an item read: noticed within the interval. */
  other = cq_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (cq_store_set_read (other, cq_item_get_id (live), TRUE, &error));
  gave_up = FALSE;
  timer = g_timeout_add (5000, give_up_cb, &gave_up);
  while (changes == 1 && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gave_up);
  g_source_remove (timer);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (cq_item_get_read (live));

  g_signal_handlers_disconnect_by_func (fixture->store, cq_test_count, &changes);
}

/* Mark All as Read, for one source or all, and its Undo: exactly the items
 * it marked go back to unread. */
static void
test_mark_all_read (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) marked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) live = NULL;

  upsert (fixture, items, NULL);
  g_assert_true (cq_store_set_read (fixture->store, id_of (fixture, "s2"), TRUE, NULL));
  live = cq_store_dup_item (fixture->store, id_of (fixture, "s1"), NULL);

  /* Another source's items only: none here. */
  none = cq_store_mark_all_read (fixture->store, fixture->source_id + 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_UNREAD, NULL), ==, 4);

  marked = cq_store_mark_all_read (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marked->len, ==, 4);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_UNREAD, NULL), ==, 0);
  g_assert_true (cq_item_get_read (live));

  /* Undo: the four again, not s2, which was read before. */
  g_assert_true (cq_store_mark_unread_again (fixture->store, marked, &error));
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_UNREAD, NULL), ==, 4);
  g_assert_false (cq_item_get_read (live));
  {
    g_autoptr(CqItem) s2 = cq_store_dup_item (fixture->store, id_of (fixture, "s2"), NULL);

    g_assert_true (cq_item_get_read (s2));
  }
}

/* A statement whose text the source changed is unread again when the user
 * wants edits read (on the worker's writes too); off, it stays read. */
static void
test_edits_unread (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) edited = cq_test_embassy_items ();
  g_autoptr(GPtrArray) again = cq_test_embassy_items ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqItem) live = NULL;

  upsert (fixture, items, NULL);
  live = cq_store_dup_item (fixture->store, id_of (fixture, "s1"), NULL);
  g_assert_true (cq_store_set_read (fixture->store, cq_item_get_id (live), TRUE, NULL));
  g_assert_true (cq_store_set_read (fixture->store, id_of (fixture, "s2"), TRUE, NULL));

  /* Off: an edit leaves it read. */
  cq_item_set_title (g_ptr_array_index (edited, 0), "Remarks at the opening, as amended");
  upsert (fixture, edited, NULL);
  g_assert_true (cq_item_get_read (live));

  /* On, and written on the worker: read again; s2, not edited, stays read. */
  cq_store_set_edits_unread (fixture->store, TRUE);
  cq_item_set_title (g_ptr_array_index (again, 0), "Remarks at the opening, amended twice");
  cq_store_upsert_items_async (fixture->store, fixture->source_id, again, 0, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, result, NULL, NULL);
  g_assert_false (cq_item_get_read (live));
  {
    g_autoptr(CqItem) s2 = cq_store_dup_item (fixture->store, id_of (fixture, "s2"), NULL);

    g_assert_true (cq_item_get_read (s2));
  }
}

static void
test_search_hostile_queries (CqTestStore   *fixture,
                             gconstpointer  data)
{
  static const char * const queries[] = {
    "\"", "\"unbalanced", "AND", "OR OR", "NEAR(", "*", "-", "title:statement",
    "^statement", "(", ")", "{a b}", "a\"b\"c", "   ", "\xff\xfe", "NOT",
  };
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();

  upsert (fixture, items, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      CqItemQuery query = { .search = queries[i] };
      g_autoptr(GArray) ids = cq_store_query_ids (fixture->store, &query, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }

  /* Words that are operators elsewhere are just words here. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "NOT statement"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "title:statement"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "   "), ==, 5);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
test_live_item_follows_changes (CqTestStore   *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) shown = NULL;
  g_autoptr(CqItem) again = NULL;
  guint read_notified = 0;
  gint64 id;

  upsert (fixture, items, NULL);
  id = id_of (fixture, "s1");
  shown = cq_store_dup_item (fixture->store, id, &error);
  again = cq_store_dup_item (fixture->store, id, &error);
  g_assert_true (shown == again);
  g_signal_connect (shown, "notify::read", G_CALLBACK (count_notify), &read_notified);

  g_assert_true (cq_store_set_read (fixture->store, id, TRUE, &error));
  g_assert_true (cq_item_get_read (shown));
  g_assert_cmpuint (read_notified, ==, 1);

  /* Marking it read again changes nothing and says nothing. */
  g_assert_true (cq_store_set_read (fixture->store, id, TRUE, &error));
  g_assert_cmpuint (read_notified, ==, 1);

  cq_item_set_title (items->pdata[0], "Remarks at the opening of an exhibition");
  upsert (fixture, items, NULL);
  g_assert_cmpstr (cq_item_get_title (shown), ==, "Remarks at the opening of an exhibition");

  g_assert_false (cq_store_set_read (fixture->store, 9999, TRUE, &error));
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND);

  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&shown));
}

typedef struct {
  guint      frame;       /* how many frames the "window" painted */
  GHashTable *frames_seen; /* the frames between which a held item was told */
  GPtrArray  *held;
  guint      told;
  guint      changes;     /* the store's "changed" */
  gboolean   changed_early; /* one came while a held item was not current */
  gboolean   all_current; /* when the write's callback ran */
  GAsyncResult *result;
} GiveWay;

static gboolean
held_all_current (GiveWay *way)
{
  for (guint i = 0; i < way->held->len; i++)
    if (!g_str_has_prefix (cq_item_get_title (way->held->pdata[i]), "Corrected"))
      return FALSE;
  return TRUE;
}

/* The lists hear of the write once the held items are current. */
static void
held_then_changed_cb (GiveWay *way)
{
  way->changes++;
  if (!held_all_current (way))
    way->changed_early = TRUE;
}

/* A window that animates and paints slower than its frame rate: the
 * next frame is always due.  GTK paints at GDK_PRIORITY_REDRAW. */
static gboolean
paint_late_frame_cb (gpointer data)
{
  GiveWay *way = data;

  way->frame++;
  g_usleep (2000);
  return G_SOURCE_CONTINUE;
}

/* A row that shows an item does some work when it is told. */
static void
held_item_told_cb (CqItem     *item,
                   GParamSpec *pspec,
                   GiveWay    *way)
{
  g_hash_table_add (way->frames_seen, GUINT_TO_POINTER (way->frame));
  way->told++;
  g_usleep (1000);
}

static void
give_way_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GiveWay *way = user_data;

  way->all_current = held_all_current (way);
  way->result = g_object_ref (result);
}

/* After a sync's write, the items someone holds (each wakes the row that
 * shows it) are brought up to date a few per turn of the main loop, so
 * the window draws meanwhile, and a window forever behind with its frames
 * does not put them off; the write's caller hears of it once all are
 * current. */
static void
test_refresh_gives_way (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) frames_seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { 0 };
  GiveWay way = { 0, frames_seen, NULL, 0, 0, FALSE, FALSE, NULL };
  CqUpsertReport report;
  gint64 deadline;
  guint painting;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("held-%u", i);
      g_autofree char *title = g_strdup_printf ("Statement %u", i);
      g_autofree char *corrected = g_strdup_printf ("Corrected statement %u", i);

      g_ptr_array_add (items, cq_test_item (guid, title, "2019-07-01T10:00:00Z", NULL, "<p>First</p>"));
      g_ptr_array_add (edited, cq_test_item (guid, corrected, "2019-07-01T10:00:00Z", NULL, "<p>Second</p>"));
    }
  upsert (fixture, items, NULL);

  /* A screenful is held, as a list holds the rows it shows. */
  ids = cq_store_query_ids (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_array_set_size (ids, 40);
  held = cq_store_dup_items (fixture->store, (gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  way.held = held;
  for (guint i = 0; i < held->len; i++)
    g_signal_connect (held->pdata[i], "notify::title", G_CALLBACK (held_item_told_cb), &way);

  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (held_then_changed_cb), &way);
  painting = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, paint_late_frame_cb, &way, NULL);
  cq_store_upsert_items_async (fixture->store, fixture->source_id, edited, 0, NULL, give_way_done_cb, &way);
  /* A bound on the wait, not a figure: it takes a fraction of a second. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (way.result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (painting);
  if (way.result == NULL)
    g_error ("The write's callback did not come while the window painted; %u of %u held items were told",
             way.told, way.held->len);

  cq_test_assert_upserted (fixture->store, way.result, &report, NULL);
  g_clear_object (&way.result);
  g_assert_cmpuint (report.updated, ==, edited->len);
  g_assert_true (way.all_current);
  g_assert_cmpuint (way.changes, ==, 1);
  g_assert_false (way.changed_early);
  /* 40 ms of rows' work, in turns of a few ms: frames were painted in
   * between. */
  g_assert_cmpuint (g_hash_table_size (frames_seen), >=, 4);

  g_signal_handlers_disconnect_by_func (fixture->store, held_then_changed_cb, &way);
  for (guint i = 0; i < held->len; i++)
    g_signal_handlers_disconnect_by_func (held->pdata[i], held_item_told_cb, &way);
}

typedef struct {
  CqStore *store;
  GArray  *ids;
  guint    reads;
} ReadAgain;

/* A row follows its item; a handler may read the store while told. */
static void
read_again_cb (CqItem     *item,
               GParamSpec *pspec,
               ReadAgain  *again)
{
  g_autoptr(GPtrArray) items = cq_store_dup_items (again->store, &g_array_index (again->ids, gint64, 0), again->ids->len, NULL);

  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, again->ids->len);
  again->reads++;
}

/* Many items in one call, as a list binds a screenful: in the order asked,
 * an id asked twice gives the same item twice, an id no longer stored
 * gives NULL, and an item already handed out is that very item, told what
 * changed once the read is over. */
static void
test_dup_items (CqTestStore   *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(CqItem) shown = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { 0 };
  ReadAgain again = { fixture->store, NULL, 0 };
  gint64 missing = 999999;
  sqlite3 *db = NULL;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *guid = g_strdup_printf ("many-%u", i);
      g_autofree char *title = g_strdup_printf ("Notice %u", i);

      g_ptr_array_add (items, cq_test_item (guid, title, NULL, NULL, NULL));
    }
  upsert (fixture, items, NULL);
  ids = cq_store_query_ids (fixture->store, &query, &error);
  g_assert_cmpuint (ids->len, ==, 150);
  for (guint i = ids->len; i > 0; i--)
    g_array_append_val (asked, g_array_index (ids, gint64, i - 1));
  g_array_append_val (asked, g_array_index (ids, gint64, 0));
  g_array_append_val (asked, missing);

  shown = cq_store_dup_item (fixture->store, g_array_index (ids, gint64, 3), &error);
  g_assert_false (cq_item_get_read (shown));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE items SET read = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  again.ids = asked;
  g_signal_connect (shown, "notify::read", G_CALLBACK (read_again_cb), &again);

  read = cq_store_dup_items (fixture->store, &g_array_index (asked, gint64, 0), asked->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 152);
  for (guint i = 0; i < 151; i++)
    {
      g_assert_nonnull (read->pdata[i]);
      g_assert_cmpint (cq_item_get_id (read->pdata[i]), ==, g_array_index (asked, gint64, i));
      g_assert_true (cq_item_get_read (read->pdata[i]));
    }
  g_assert_true (read->pdata[150] == read->pdata[149]);
  g_assert_null (read->pdata[151]);
  g_assert_true (read->pdata[146] == shown);
  g_assert_cmpuint (again.reads, ==, 1);

  /* Each item read once, held once: all of them go with the array. */
  g_signal_handlers_disconnect_by_data (shown, &again);
  g_clear_pointer (&read, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&shown));
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 0);

  read = cq_store_dup_items (fixture->store, NULL, 0, &error);
  g_assert_cmpuint (read->len, ==, 0);
}

static void
test_failed_upsert_changes_nothing (CqTestStore   *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) kept = NULL;
  sqlite3 *db = NULL;

  upsert (fixture, items, NULL);

  /* A second connection plants a fault: the third write of the batch fails. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER poison BEFORE INSERT ON items"
                                 " WHEN new.title = 'poison' BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_ptr_array_add (batch, cq_test_item ("n1", "A new statement", "2019-06-10T10:00:00Z", "New.", NULL));
  g_ptr_array_add (batch, g_object_ref (items->pdata[0]));
  cq_item_set_title (batch->pdata[1], "An edited title that must not land, of zeppelins");
  g_ptr_array_add (batch, cq_test_item ("n2", "poison", NULL, NULL, NULL));

  g_assert_false (cq_store_upsert_items (fixture->store, fixture->source_id, batch, NULL, &error));
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk trouble"));

  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 5);
  kept = cq_store_dup_item (fixture->store, id_of (fixture, "s1"), NULL);
  g_assert_cmpstr (cq_item_get_title (kept), ==, "Remarks at the opening of a photography exhibition");
  g_assert_cmpuint (cq_item_get_revision_count (kept), ==, 0);
  /* The search index too: the edit's words are not found, the old ones are. */
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "photography exhibition"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "zeppelins"), ==, 0);
  assert_index_holds_items (fixture);

  /* The fault gone, the same edit lands, in the index as well. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER poison", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_ptr_array_remove_index (batch, 2);
  upsert (fixture, batch, NULL);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "photography"), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "edited title zeppelins"), ==, 1);
  assert_index_holds_items (fixture);
}

static void
test_full_text_survives_sync (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) item = NULL;
  gint64 id;

  upsert (fixture, items, NULL);
  id = id_of (fixture, "s4");
  g_assert_true (cq_store_set_full_text (fixture->store, id,
                                         "<p>The whole article, with a paragraph on veterans.</p>", &error));
  g_assert_no_error (error);

  cq_item_set_content (items->pdata[3], "<p>A teaser that changed.</p>");
  upsert (fixture, items, NULL);

  item = cq_store_dup_item (fixture->store, id, &error);
  g_assert_true (cq_item_get_full_text_fetched (item));
  g_assert_cmpstr (cq_item_get_content (item), ==, "<p>The whole article, with a paragraph on veterans.</p>");
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "veterans"), ==, 1);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "teaser"), ==, 0);
}

static void
test_sync_state (CqTestStore   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSyncState) empty = cq_store_dup_sync_state (fixture->store, fixture->source_id, &error);
  g_autoptr(CqSyncState) stored = NULL;
  CqSyncState state = {
    .etag = (char *) "\"v42\"",
    .last_modified = (char *) "Sun, 16 Jun 2019 19:40:00 GMT",
    .last_success = 1560714000,
    .last_error = (char *) "The server did not answer in time.",
    .failures = 2,
    .next_due = 1560715800,
  };

  g_assert_no_error (error);
  g_assert_null (empty->etag);
  g_assert_cmpint (empty->last_success, ==, 0);

  g_assert_true (cq_store_set_sync_state (fixture->store, fixture->source_id, &state, &error));
  stored = cq_store_dup_sync_state (fixture->store, fixture->source_id, &error);
  g_assert_cmpstr (stored->etag, ==, "\"v42\"");
  g_assert_cmpstr (stored->last_modified, ==, "Sun, 16 Jun 2019 19:40:00 GMT");
  g_assert_cmpstr (stored->last_error, ==, "The server did not answer in time.");
  g_assert_cmpuint (stored->failures, ==, 2);
  g_assert_cmpint (stored->next_due, ==, 1560715800);

  g_assert_null (cq_store_dup_sync_state (fixture->store, 777, &error));
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND);
}

static void
test_remove_source_removes_items (CqTestStore   *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;

  upsert (fixture, items, NULL);
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, NULL), ==, 0);
  g_assert_cmpuint (count (fixture, CQ_ITEM_FILTER_ALL, "statement"), ==, 0);
}

/* Files on disk, without the fixture's store. */

static char *
read_bytes (const char *path,
            gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static char *
find_set_aside (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "communique.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
assert_recovers (const char *dir,
                 const char *path,
                 const char *original,
                 gsize       original_length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) store = cq_store_open (path, &error);
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  gsize kept_length = 0;
  CqItemQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  g_assert_null (store);
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_RECOVERED);
  aside = find_set_aside (dir);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_nonnull (strstr (error->message, "damaged"));

  /* Nothing the user had is lost: the old bytes are all still there. */
  if (original != NULL)
    {
      kept = read_bytes (aside, &kept_length);
      g_assert_cmpmem (kept, kept_length, original, original_length);
    }

  g_clear_error (&error);
  store = cq_store_open (path, &error);
  g_assert_no_error (error);
  ids = cq_store_query_ids (store, &query, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  const char text[] = "These are somebody's notes, not a database.\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  assert_recovers (dir, path, text, strlen (text));
  cq_test_remove_dir (dir);
}

/* A data folder that is a link to nowhere is said to be one. */
static void
test_folder_is_a_dangling_link (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *link = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (link, "communique.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) store = NULL;

  g_assert_cmpint (symlink ("/nonexistent/communique-data", link), ==, 0);
  store = cq_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "is a link to /nonexistent/communique-data, which does not exist"));
  cq_test_remove_dir (dir);
}

/* Two damaged files set aside in the same second are both kept. */
static void
test_set_aside_twice (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_autoptr(GDir) handle = NULL;
  const char first[] = "The first file that is not a database.\n";
  const char second[] = "The second one, a moment later.\n";
  guint kept = 0;
  const char *name;

  g_assert_true (g_file_set_contents (path, first, -1, NULL));
  g_assert_null (cq_store_open (path, NULL));
  g_assert_true (g_file_set_contents (path, second, -1, NULL));
  g_assert_null (cq_store_open (path, NULL));

  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "communique.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_true (g_str_equal (contents, first) || g_str_equal (contents, second));
        kept++;
      }
  g_assert_cmpuint (kept, ==, 2);
  cq_test_remove_dir (dir);
}

static void
test_damaged_pages (void)
{
  CqTestStore fixture = { 0 };
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autofree char *contents = NULL;
  gsize length;

  cq_test_store_setup (&fixture, NULL);
  upsert (&fixture, items, NULL);
  g_assert_finalize_object (g_steal_pointer (&fixture.store));

  /* Everything after the first page (the schema) becomes noise. */
  contents = read_bytes (fixture.path, &length);
  g_assert_cmpuint (length, >, 4096);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (fixture.path, contents, length, NULL));

  assert_recovers (fixture.dir, fixture.path, contents, length);
  cq_test_remove_dir (fixture.dir);
  g_free (fixture.path);
  g_free (fixture.dir);
}

static void
test_damage_found_while_running (void)
{
  CqTestStore fixture = { 0 };
  g_autofree char *marker = NULL;

  cq_test_store_setup (&fixture, NULL);
  g_assert_finalize_object (g_steal_pointer (&fixture.store));

  /* What a query that met a damaged page leaves for the next start. */
  marker = g_strconcat (fixture.path, ".damaged", NULL);
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));

  assert_recovers (fixture.dir, fixture.path, NULL, 0);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  cq_test_remove_dir (fixture.dir);
  g_free (fixture.path);
  g_free (fixture.dir);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_migration_from_first_schema (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_autoptr(CqProfile) profile = cq_test_profile ("old", "Old source");
  g_autofree char *profile_data = cq_profile_to_data (profile);
  g_autofree char *insert = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CqItem) item = NULL;
  CqItemQuery query = { .search = "archive" };
  sqlite3 *db = NULL;

  /* A store as the first release wrote it, with one read item. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, cq_store_migrations[0]);
  insert = sqlite3_mprintf ("INSERT INTO sources (id, key, profile_name, profile, created)"
                            " VALUES (1, 'old', 'Old source', %Q, 0);"
                            "INSERT INTO sources (id, key, profile_name, profile, created)"
                            " VALUES (2, 'rusemb-uk', 'Built-in source', %Q, 0);"
                            "INSERT INTO items (source_id, guid, title, summary, content, first_seen, sort_time, read)"
                            " VALUES (1, 'a1', 'From the archive', 'Kept text', '<p>Kept <b>text</b></p>', 1, 1, 1);"
                            "PRAGMA user_version = 1;",
                            profile_data, profile_data);
  exec_sql (db, insert);
  sqlite3_free (g_steal_pointer (&insert));
  sqlite3_close (db);

  store = cq_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_store_get_schema_version (store), ==, G_N_ELEMENTS (cq_store_migrations));

  ids = cq_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  item = cq_store_dup_item (store, g_array_index (ids, gint64, 0), &error);
  g_assert_true (cq_item_get_read (item));
  g_assert_cmpstr (cq_item_get_source_name (item), ==, "Old source");
  g_assert_null (cq_item_get_page_gone (item));
  /* Indexed again under schema 9's rule: the summary that opens the body
   * is not a second copy of its words. */
  g_assert_cmpuint (indexed_words (path, cq_item_get_id (item), "summary"), ==, 0);
  g_assert_cmpuint (indexed_words (path, cq_item_get_id (item), "body"), ==, 2);
  /* SQLite's default pages, as the first release made them, kept. */
  g_assert_cmpint (read_number (path, "PRAGMA page_size", 0, NULL), ==, 4096);

  /* The built-in source keeps its full statements; others as they were. */
  {
    g_autoptr(CqSource) old = cq_store_dup_source (store, 1, &error);
    g_autoptr(CqSource) builtin = cq_store_dup_source (store, 2, &error);

    g_assert_no_error (error);
    g_assert_false (cq_source_get_keep_full (old));
    g_assert_true (cq_source_get_keep_full (builtin));
    g_assert_true (cq_store_set_source_keep_full (store, 1, TRUE, &error));
    g_assert_no_error (error);
    g_clear_object (&old);
    old = cq_store_dup_source (store, 1, &error);
    g_assert_true (cq_source_get_keep_full (old));
    g_assert_false (cq_store_set_source_keep_full (store, 99, TRUE, &error));
    g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&store));
  cq_test_remove_dir (dir);
}

static void
test_newer_schema_is_refused (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  sqlite3_close (db);
  before = read_bytes (path, &before_length);

  store = cq_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Communiqué"));

  after = read_bytes (path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_null (find_set_aside (dir));
  cq_test_remove_dir (dir);
}

static void
test_unusable_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) store = cq_store_open ("/proc/version/communique/communique.db", &error);

  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/proc/version/communique"));
}

static void
test_default_path (void)
{
  g_autofree char *given = cq_store_default_path ("/srv/news");
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "communique", "communique.db", NULL);

  g_assert_cmpstr (given, ==, "/srv/news/communique.db");
  g_setenv ("COMMUNIQUE_DATA_DIR", "/var/tmp/cq", TRUE);
  from_env = cq_store_default_path (NULL);
  g_assert_cmpstr (from_env, ==, "/var/tmp/cq/communique.db");
  g_unsetenv ("COMMUNIQUE_DATA_DIR");
  fallback = cq_store_default_path (NULL);
  g_assert_cmpstr (fallback, ==, expected);
}

/* A feed that rewrites a statement on every sync: the item's history keeps
 * its first version and its newest ones, thinned between, and never grows
 * past the cap. */
static void
test_revisions_bounded (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) stored = NULL;
  CqRevision *first, *newest;

  g_ptr_array_add (items, cq_test_item ("churn", "Churning statement", "2019-06-07T17:00:00Z", "Version 0", NULL));
  for (guint v = 0; v <= 200; v++)
    {
      g_autofree char *summary = g_strdup_printf ("Version %u", v);

      cq_item_set_summary (items->pdata[0], summary);
      g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL));
    }

  list = cq_item_list_new (fixture->store);
  stored = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (cq_item_get_summary (stored), ==, "Version 200");
  revisions = cq_store_dup_revisions (fixture->store, cq_item_get_id (stored), NULL);
  g_assert_cmpuint (revisions->len, <=, CQ_STORE_MAX_REVISIONS);
  g_assert_cmpuint (revisions->len, >, CQ_STORE_KEEP_LAST_REVISIONS);
  first = g_ptr_array_index (revisions, 0);
  newest = g_ptr_array_index (revisions, revisions->len - 1);
  g_assert_cmpstr (first->summary, ==, "Version 0");
  g_assert_cmpstr (newest->summary, ==, "Version 199");
  for (guint i = 0; i < CQ_STORE_KEEP_LAST_REVISIONS; i++)
    {
      CqRevision *revision = g_ptr_array_index (revisions, revisions->len - 1 - i);
      g_autofree char *expected = g_strdup_printf ("Version %u", 199 - i);

      g_assert_cmpstr (revision->summary, ==, expected);
    }
}

/* A source beyond its allowance loses its oldest items, never a starred
 * one or one read in the last thirty days, and says how many went. */
static void
test_trim_source (CqTestStore   *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) oldest = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL));
  list = cq_item_list_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  oldest = g_list_model_get_item (G_LIST_MODEL (list), 4);
  g_assert_true (cq_store_set_starred (fixture->store, cq_item_get_id (oldest), TRUE, NULL));

  g_assert_true (cq_store_trim_source (fixture->store, fixture->source_id, 0, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
  g_assert_true (cq_store_trim_source (fixture->store, fixture->source_id, 10, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
  /* The fourth was read just now: kept too. */
  {
    g_autoptr(CqItem) fourth = g_list_model_get_item (G_LIST_MODEL (list), 3);

    g_assert_true (cq_store_set_read (fixture->store, cq_item_get_id (fourth), TRUE, NULL));
  }
  g_assert_true (cq_store_trim_source (fixture->store, fixture->source_id, 2, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_clear_object (&oldest);
  oldest = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (cq_item_get_starred (oldest));
  g_assert_cmpstr (cq_item_get_title (oldest), ==, "Remarks at the opening of a photography exhibition");
}

/* When trimming frees much of the file, the file gives the space back. */
static void
test_trim_gives_space_back (CqTestStore   *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *body = g_strnfill (6000, 'x');
  guint removed = 0;
  gint64 before, after;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("bulk-%u", i);
      g_autofree char *content = g_strdup_printf ("<p>%u %s</p>", i, body);

      g_ptr_array_add (items, cq_test_item (guid, "A bulky statement", "2019-06-07T17:00:00Z", NULL, content));
    }
  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL));
  before = read_number (fixture->path, "PRAGMA page_count", 0, NULL);

  g_assert_true (cq_store_trim_source (fixture->store, fixture->source_id, 10, &removed, NULL));
  g_assert_cmpuint (removed, ==, 2990);
  after = read_number (fixture->path, "PRAGMA page_count", 0, NULL);
  g_assert_cmpint (after * 4, <, before);
}

/* Sources added together are added all or not at all. */
static void
test_add_sources_all_or_nothing (CqTestStore   *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (profiles, cq_test_profile ("first-new", "First new"));
  g_ptr_array_add (profiles, cq_test_profile ("second-new", "Second new"));
  /* The fixture's own id: stored already, so the whole batch is refused. */
  g_ptr_array_add (profiles, cq_test_profile ("embassy", "Embassy again"));
  g_assert_false (cq_store_add_sources (fixture->store, profiles, &error));
  g_assert_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_EXISTS);
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 1);

  g_ptr_array_remove_index (profiles, 2);
  g_clear_error (&error);
  g_assert_true (cq_store_add_sources (fixture->store, profiles, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 3);

  /* Ids already given to sources not stored yet are not given again. */
  {
    g_autoptr(GHashTable) reserved = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *first = cq_store_make_source_id (fixture->store, "https://news.example.org/feed", reserved);
    g_autofree char *second = NULL;

    g_hash_table_add (reserved, first);
    second = cq_store_make_source_id (fixture->store, "https://news.example.org/feed", reserved);
    g_assert_cmpstr (first, ==, "news-example-org-feed");
    g_assert_cmpstr (second, ==, "news-example-org-feed-2");
  }
}

/* A stored source whose profile cannot be read (a damaged file, an older
 * version's) is said on stderr and listed as such, turned off, so that the
 * user can remove it; the others still load. */
static void
test_unreadable_source_hides_no_other (CqTestStore   *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CqProfile) other = cq_test_profile ("other", "Other mission");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (cq_store_add_source (fixture->store, other, &error), >, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sources SET profile = '{ not json' WHERE key = 'embassy'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  sources = cq_store_dup_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (cq_source_get_name (sources->pdata[1]), ==, "Other mission");

  /* The unreadable one is listed, turned off, and can be removed. */
  g_assert_true (g_str_has_prefix (cq_source_get_name (sources->pdata[0]), "Unreadable source"));
  g_assert_false (cq_source_get_enabled (sources->pdata[0]));
  g_assert_true (cq_store_remove_source (fixture->store, cq_source_get_id (sources->pdata[0]), &error));
  g_assert_no_error (error);
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = cq_store_dup_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 1);
}

/* A link in one statement to another stored one finds it, with or
 * without a slash at its end; an unknown link finds nothing. */
static void
test_find_item_by_link (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, &error));
  id = cq_store_find_item_by_link (fixture->store, "https://news.example.org/statements/s3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(CqItem) item = cq_store_dup_item (fixture->store, id, &error);

    g_assert_cmpstr (cq_item_get_guid (item), ==, "s3");
  }
  g_assert_cmpint (cq_store_find_item_by_link (fixture->store, "https://news.example.org/statements/s3/", &error),
                   ==, id);
  g_assert_cmpint (cq_store_find_item_by_link (fixture->store, "https://news.example.org/statements/s9", &error),
                   ==, 0);
  g_assert_no_error (error);
}

#define ADD(path, func) \
  g_test_add ("/cq/store/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("open-creates-schema", test_open_creates_schema);
  ADD ("find-item-by-link", test_find_item_by_link);
  ADD ("sources", test_sources);
  ADD ("add-sources-all-or-nothing", test_add_sources_all_or_nothing);
  ADD ("unreadable-source-hides-no-other", test_unreadable_source_hides_no_other);
  ADD ("upsert-report", test_upsert_report);
  ADD ("checkpoint-after-write", test_checkpoint_after_write);
  ADD ("upsert-keeps-read-state", test_upsert_keeps_read_state);
  ADD ("revisions", test_revisions);
  ADD ("revisions-bounded", test_revisions_bounded);
  ADD ("trim-source", test_trim_source);
  ADD ("trim-gives-space-back", test_trim_gives_space_back);
  ADD ("vanished-items-stay", test_vanished_items_stay);
  ADD ("search", test_search);
  ADD ("search-after-bulk-write", test_search_after_bulk_write);
  ADD ("search-index-follows-every-write", test_search_index_follows_every_write);
  ADD ("search-summary-indexed-once", test_search_summary_indexed_once);
  ADD ("new-file-page-size", test_new_file_page_size);
  ADD ("first-write-lists-a-guid-twice", test_first_write_lists_a_guid_twice);
  ADD ("streamed-write/indexes-as-rows-read", test_streamed_write_indexes_as_rows_read);
  ADD ("streamed-write/summary-rewritten", test_streamed_write_summary_rewritten);
  ADD ("streamed-write", test_streamed_write);
  ADD ("streamed-write-read-after-close", test_streamed_write_read_after_close);
  ADD ("marks-during-streamed-write", test_marks_during_streamed_write);
  ADD ("mark-all-during-streamed-write", test_mark_all_during_streamed_write);
  g_test_add_func ("/cq/store/background-threads-give-way", test_background_threads_give_way);
  ADD ("catch-up-reads-give-way", test_catch_up_reads_give_way);
  ADD ("later-writes-give-way", test_later_writes_give_way);
  ADD ("streamed-write-into-stored-source", test_streamed_write_into_stored_source);
  ADD ("streamed-write-called-off", test_streamed_write_called_off);
  ADD ("search-hostile-queries", test_search_hostile_queries);
  ADD ("search-order-follows-writes", test_search_order_follows_writes);
  ADD ("upsert-async", test_upsert_async);
  ADD ("follow-other-writers", test_follow_other_writers);
  ADD ("mark-all-read", test_mark_all_read);
  ADD ("edits-unread", test_edits_unread);
  ADD ("live-item-follows-changes", test_live_item_follows_changes);
  ADD ("refresh-gives-way", test_refresh_gives_way);
  ADD ("dup-items", test_dup_items);
  ADD ("failed-upsert-changes-nothing", test_failed_upsert_changes_nothing);
  ADD ("full-text-survives-sync", test_full_text_survives_sync);
  ADD ("sync-state", test_sync_state);
  ADD ("remove-source-removes-items", test_remove_source_removes_items);
  g_test_add_func ("/cq/store/corrupt/not-a-database", test_not_a_database);
  g_test_add_func ("/cq/store/corrupt/damaged-pages", test_damaged_pages);
  g_test_add_func ("/cq/store/corrupt/set-aside-twice", test_set_aside_twice);
  g_test_add_func ("/cq/store/folder-is-a-dangling-link", test_folder_is_a_dangling_link);
  g_test_add_func ("/cq/store/corrupt/found-while-running", test_damage_found_while_running);
  g_test_add_func ("/cq/store/migration/from-first-schema", test_migration_from_first_schema);
  g_test_add_func ("/cq/store/migration/newer-is-refused", test_newer_schema_is_refused);
  g_test_add_func ("/cq/store/unusable-directory", test_unusable_directory);
  g_test_add_func ("/cq/store/default-path", test_default_path);

  return g_test_run ();
}
