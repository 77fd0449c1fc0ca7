/* test-sync.c: the sync engine against the fixture site on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "cq-diff.h"
#include "cq-fingerprint.h"
#include "cq-fixture-server.h"
#include "cq-parsed-feed.h"
#include "cq-sync-engine.h"
#include "cq-test-util.h"

typedef struct {
  CqTestStore      store;
  CqFixtureServer *server;
  CqSyncEngine    *engine;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = NULL;
  g_autoptr(CqProfile) profile = NULL;

  cq_test_store_setup (&fixture->store, NULL);
  fixture->server = cq_fixture_server_new (0, &error);
  g_assert_no_error (error);
  fixture->engine = cq_sync_engine_new (fixture->store.store);
  cq_sync_engine_set_timeout (fixture->engine, 2);

  /* The fixture store's source reads the fixture site's RSS feed. */
  feed = cq_fixture_server_url (fixture->server, "/feed.xml");
  profile = cq_profile_new_for_feed ("embassy", "Embassy news", NULL, feed, "rss");
  g_assert_true (cq_store_set_source_profile (fixture->store.store, fixture->store.source_id, profile, &error));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->engine));
  g_clear_pointer (&fixture->server, cq_fixture_server_free);
  cq_test_store_teardown (&fixture->store, NULL);
}

static CqSyncReport *
sync_source (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cq_sync_engine_sync_source_async (fixture->engine, fixture->store.source_id, NULL, cq_test_keep_result, &result);
  return cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&result), error);
}

static CqSyncReport *
sync_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CqSyncReport *report = sync_source (fixture, &error);

  g_assert_no_error (error);
  return report;
}

static void
sync_first (Fixture *fixture)
{
  g_autoptr(CqSyncReport) report = sync_ok (fixture);

  g_assert_cmpuint (report->added, ==, 12);
}

static guint
n_items (Fixture *fixture)
{
  CqItemQuery query = { 0 };
  g_autoptr(GArray) ids = cq_store_query_ids (fixture->store.store, &query, NULL);

  return ids->len;
}

static CqItem *
item_by_guid (Fixture    *fixture,
              const char *guid)
{
  CqItemQuery query = { 0 };
  g_autoptr(GArray) ids = cq_store_query_ids (fixture->store.store, &query, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      CqItem *item = cq_store_dup_item (fixture->store.store, g_array_index (ids, gint64, i), NULL);

      if (g_str_equal (cq_item_get_guid (item), guid))
        return item;
      g_object_unref (item);
    }
  g_error ("no item %s", guid);
}

static void
point_source_at (Fixture    *fixture,
                 const char *path)
{
  g_autofree char *url = cq_fixture_server_url (fixture->server, path);
  g_autoptr(CqSource) source = cq_store_dup_source (fixture->store.store, fixture->store.source_id, NULL);
  g_autoptr(CqProfile) profile = cq_profile_copy_with_feed_url (cq_source_get_profile (source), url, NULL);

  g_assert_true (cq_store_set_source_profile (fixture->store.store, fixture->store.source_id, profile, NULL));
}

static void
test_first_sync_then_not_modified (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CqSyncReport) first = sync_ok (fixture);
  g_autoptr(CqSyncReport) second = NULL;
  g_autoptr(CqSyncState) state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_autoptr(CqItem) newest = NULL;

  g_assert_cmpuint (first->added, ==, 12);
  g_assert_false (first->not_modified);
  g_assert_cmpuint (n_items (fixture), ==, 12);
  g_assert_nonnull (state->etag);
  g_assert_cmpstr (state->last_modified, ==, "Sun, 16 Jun 2019 09:30:00 GMT");
  g_assert_null (state->last_error);
  g_assert_cmpint (state->next_due, >, state->last_success);
  g_assert_true (g_str_has_prefix (cq_fixture_server_get_request_header (fixture->server, "User-Agent"),
                                   "Communique/"));

  newest = item_by_guid (fixture, "st-12");
  g_assert_cmpstr (cq_item_get_title (newest), ==, "Statement 12 on the cultural season");

  /* The second sync asks conditionally, and the 304 changes nothing. */
  second = sync_ok (fixture);
  g_assert_true (second->not_modified);
  g_assert_cmpuint (second->added, ==, 0);
  g_assert_cmpstr (cq_fixture_server_get_request_header (fixture->server, "If-None-Match"), ==, state->etag);
  g_assert_cmpstr (cq_fixture_server_get_request_header (fixture->server, "If-Modified-Since"), ==,
                   "Sun, 16 Jun 2019 09:30:00 GMT");
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 2);
  g_assert_cmpuint (n_items (fixture), ==, 12);
}

/* A body of many megabytes from loopback, which is always ready to read,
 * comes whole and in order, read on the fetch's own thread: the caller's
 * loop is free all the while (a source at the redraw's priority runs
 * while it lasts, as a window's frames do). */
static void
test_large_body_whole (Fixture       *fixture,
                       gconstpointer  data)
{
  const gsize size = 24 * 1024 * 1024;
  g_autofree guint32 *words = g_new (guint32, size / sizeof (guint32));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  CqFetchOptions options = { .timeout_seconds = 60, .max_size = 2 * size };
  guint redraws = 0;
  guint redraw_id;

  for (gsize i = 0; i < size / sizeof (guint32); i++)
    words[i] = (guint32) (i * 2654435761u);
  body = g_bytes_new_take (g_steal_pointer (&words), size);
  cq_fixture_server_add_file (fixture->server, "/large.bin", body);
  url = cq_fixture_server_url (fixture->server, "/large.bin");

  redraw_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, cq_test_count, &redraws, NULL);
  cq_fetch_async (session, url, &options, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (redraw_id);

  fetched = cq_fetch_finish (result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetched->status, ==, 200);
  g_assert_true (g_bytes_equal (fetched->body, body));
  g_assert_cmpuint (redraws, >, 0);
}

/* A server that never answers "not modified" sends the same bytes again:
 * nothing is parsed or written, and the source says it looked.  The feed
 * is large and comes with its length, read whole into the room it asked
 * for, and hashed beside its first parse (over a megabyte); then one item
 * more is news again. */
static void
test_same_bytes_again (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *head = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Plain</title>";
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GBytes) feed = NULL;
  g_autoptr(GBytes) longer = NULL;
  g_autoptr(CqSyncReport) first = NULL;
  g_autoptr(CqSyncReport) second = NULL;
  g_autoptr(CqSyncReport) third = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 2000; i++)
    {
      g_string_append_printf (items, "<item><guid>plain-%u</guid><title>Notice %u</title><description>", i, i);
      for (guint sentence = 0; sentence < 9; sentence++)
        g_string_append (items, "A paragraph of the notice, long enough to fill the feed. ");
      g_string_append (items, "</description></item>");
    }
  text = g_strconcat (head, items->str, "</channel></rss>", NULL);
  feed = g_bytes_new_take (g_steal_pointer (&text), strlen (head) + items->len + strlen ("</channel></rss>"));
  text = g_strconcat (head, items->str, "<item><guid>plain-new</guid><title>One more</title></item>",
                      "</channel></rss>", NULL);
  longer = g_bytes_new (text, strlen (text));
  g_assert_cmpuint (g_bytes_get_size (feed), >, 1024 * 1024);
  cq_fixture_server_add_file (fixture->server, "/plain.xml", feed);
  point_source_at (fixture, "/plain.xml");

  first = sync_ok (fixture);
  g_assert_cmpuint (first->added, ==, 2000);
  g_assert_cmpuint (n_items (fixture), ==, 2000);

  second = sync_ok (fixture);
  g_assert_true (second->not_modified);
  g_assert_cmpuint (second->added, ==, 0);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_null (state->last_error);
  g_assert_cmpint (state->last_success, >=, state->last_attempt);

  cq_fixture_server_add_file (fixture->server, "/plain.xml", longer);
  third = sync_ok (fixture);
  g_assert_false (third->not_modified);
  g_assert_cmpuint (third->added, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 2001);
}

static void
test_changed_item_keeps_state (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqSyncReport) second = NULL;
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  sync_first (fixture);
  item = item_by_guid (fixture, "st-5");

  cq_store_set_read (fixture->store.store, cq_item_get_id (item), TRUE, NULL);
  cq_store_set_starred (fixture->store.store, cq_item_get_id (item), TRUE, NULL);
  cq_fixture_server_edit_title (fixture->server, 5, "Statement 5, corrected");
  cq_fixture_server_set_n_items (fixture->server, 13);

  second = sync_ok (fixture);
  g_assert_cmpuint (second->added, ==, 1);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->unchanged, ==, 11);

  g_assert_cmpstr (cq_item_get_title (item), ==, "Statement 5, corrected");
  g_assert_true (cq_item_get_read (item));
  g_assert_true (cq_item_get_starred (item));
  revisions = cq_store_dup_revisions (fixture->store.store, cq_item_get_id (item), NULL);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((CqRevision *) revisions->pdata[0])->title, ==, "Statement 5 on the harbour reconstruction");
}

/* A feed cut short on its way (or broken) is read as far as it goes: its
 * whole new items are added, the one it ends inside is not, no stored
 * statement is taken to be edited, the source says so in words (without
 * counting as unreachable), and the next sync asks for the feed whole. */
static void
test_cut_short_feed_edits_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const char whole[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Notices</title>"
    "<item><guid>notice-1</guid><title>Harbour notice</title>"
    "<description>The harbour opens at six, and closes at ten.</description></item>"
    "<item><guid>notice-2</guid><title>Ferry notice</title>"
    "<description>The ferry runs every hour, the last at nine.</description></item>"
    "</channel></rss>";
  static const char cut[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Notices</title>"
    "<item><guid>notice-3</guid><title>Museum notice</title>"
    "<description>The museum opens on Sunday.</description></item>"
    "<item><guid>notice-1</guid><title>Harbour notice, corrected</title>"
    "<description>The harbour opens at seven, and closes at ten.</description></item>"
    "<item><guid>notice-2</guid><title>Ferry notice</title>"
    "<description>The ferry runs every";
  g_autoptr(CqSyncReport) first = NULL;
  g_autoptr(CqSyncReport) second = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(CqSource) source = NULL;
  g_autoptr(CqItem) harbour = NULL;
  g_autoptr(CqItem) ferry = NULL;
  g_autoptr(CqItem) museum = NULL;
  g_autoptr(GBytes) whole_bytes = g_bytes_new_static (whole, sizeof whole - 1);
  g_autoptr(GBytes) cut_bytes = g_bytes_new_static (cut, sizeof cut - 1);

  cq_fixture_server_add_file (fixture->server, "/notices.xml", whole_bytes);
  point_source_at (fixture, "/notices.xml");
  first = sync_ok (fixture);
  g_assert_cmpuint (first->added, ==, 2);

  cq_fixture_server_add_file (fixture->server, "/notices.xml", cut_bytes);
  second = sync_ok (fixture);
  g_assert_cmpuint (second->added, ==, 1);
  g_assert_cmpuint (second->updated, ==, 0);

  museum = item_by_guid (fixture, "notice-3");
  g_assert_cmpstr (cq_item_get_summary (museum), ==, "The museum opens on Sunday.");
  harbour = item_by_guid (fixture, "notice-1");
  g_assert_cmpstr (cq_item_get_title (harbour), ==, "Harbour notice");
  g_assert_cmpuint (cq_item_get_revision_count (harbour), ==, 0);
  ferry = item_by_guid (fixture, "notice-2");
  g_assert_cmpstr (cq_item_get_summary (ferry), ==, "The ferry runs every hour, the last at nine.");

  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_nonnull (state->last_error);
  g_assert_nonnull (strstr (state->last_error, "ended early"));
  g_assert_cmpuint (state->failures, ==, 0);
  g_assert_null (state->etag);
  g_assert_null (state->content_hash);
  source = cq_store_dup_source (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (cq_source_get_last_error (source), ==, state->last_error);
  g_assert_false (cq_source_get_last_sync_failed (source));
}

typedef struct {
  const char *path;
  int         code;
  const char *says;
} FaultCase;

static const FaultCase faults[] = {
  { "/status/404", CQ_SYNC_ERROR_NOT_FOUND, "answered “404 Not Found”" },
  { "/status/500", CQ_SYNC_ERROR_HTTP, "answered “500 Internal Server Error”" },
  { "/status/410", CQ_SYNC_ERROR_GONE, "gone for good" },
  { "/status/429", CQ_SYNC_ERROR_RATE_LIMITED, "come back later" },
  { "/status/503", CQ_SYNC_ERROR_RATE_LIMITED, "come back later" },
  { "/loop", CQ_SYNC_ERROR_REDIRECT_LOOP, "redirects in a loop" },
  { "/huge", CQ_SYNC_ERROR_TOO_LARGE, "more than any news feed needs" },
  { "/trickle", CQ_SYNC_ERROR_TIMEOUT, "did not answer in time" },
  { "/stall", CQ_SYNC_ERROR_TIMEOUT, "did not answer in time" },
  { "/not-a-feed", CQ_SYNC_ERROR_NOT_A_FEED, "not a feed" },
};

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autoptr(CqSyncState) before = NULL;
  g_autoptr(CqSyncState) after = NULL;
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSyncReport) report = NULL;

  sync_first (fixture);
  before = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  point_source_at (fixture, fault->path);
  report = sync_source (fixture, &error);

  g_assert_null (report);
  g_assert_error (error, CQ_SYNC_ERROR, fault->code);
  if (strstr (error->message, fault->says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fault->says);

  /* The items are as they were; the error is kept, in words, on the source. */
  g_assert_cmpuint (n_items (fixture), ==, 12);
  after = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (after->last_error, ==, error->message);
  g_assert_cmpuint (after->failures, ==, 1);
  g_assert_cmpint (after->last_success, ==, before->last_success);
  g_assert_cmpstr (after->etag, ==, before->etag);

  source = cq_store_dup_source (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpint (cq_source_get_enabled (source), ==, fault->code != CQ_SYNC_ERROR_GONE);
  if (g_str_equal (fault->path, "/status/429"))
    g_assert_cmpint (after->next_due - after->last_attempt, ==, 120);
  else if (g_str_equal (fault->path, "/status/503"))  /* "come back in the year 9999": a week at most */
    g_assert_cmpint (after->next_due - after->last_attempt, ==, 7 * 24 * 3600);
  else
    g_assert_cmpint (after->next_due - after->last_attempt, >=, 30 * 60);
}

/* Content-Type says text/plain; the bytes say RSS, and the bytes win. */
static void
test_wrong_content_type (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CqSyncReport) report = NULL;

  point_source_at (fixture, "/wrong-type");
  report = sync_ok (fixture);
  g_assert_cmpuint (report->added, ==, 12);
}

/* Servers that promise more than they send, then close or reset. */
static void
test_broken_transfer (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *path = data;
  g_autofree char *url = cq_fixture_server_raw_url (fixture->server, path);
  g_autoptr(CqSource) source = NULL;
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  sync_first (fixture);
  source = cq_store_dup_source (fixture->store.store, fixture->store.source_id, NULL);
  profile = cq_profile_copy_with_feed_url (cq_source_get_profile (source), url, NULL);
  cq_store_set_source_profile (fixture->store.store, fixture->store.source_id, profile, NULL);

  report = sync_source (fixture, &error);
  g_assert_null (report);
  g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (n_items (fixture), ==, 12);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (state->last_error, ==, error->message);
}

static void
test_backoff_grows (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 waits[3];

  point_source_at (fixture, "/status/500");
  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CqSyncReport) report = sync_source (fixture, &error);
      g_autoptr(CqSyncState) state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);

      g_assert_null (report);
      g_assert_nonnull (error);
      waits[i] = state->next_due - state->last_attempt;
    }
  /* 30, 60, 120 minutes, each with up to a tenth more of jitter. */
  g_assert_cmpint (waits[0], >=, 1800);
  g_assert_cmpint (waits[0], <, 1980);
  g_assert_cmpint (waits[1], >=, 3600);
  g_assert_cmpint (waits[2], >=, 7200);
}

static void
test_moved_for_good (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *new_url = cq_fixture_server_url (fixture->server, "/feed.xml");
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSource) source = NULL;

  point_source_at (fixture, "/moved");
  report = sync_ok (fixture);
  g_assert_cmpuint (report->added, ==, 12);
  g_assert_cmpstr (report->moved_to, ==, new_url);
  source = cq_store_dup_source (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (cq_profile_get_feed_url (cq_source_get_profile (source)), ==, new_url);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_transfer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSyncState) state = NULL;

  sync_first (fixture);
  point_source_at (fixture, "/trickle");
  cq_sync_engine_set_timeout (fixture->engine, 30);
  cq_sync_engine_sync_source_async (fixture->engine, fixture->store.source_id, cancellable,
                                    cq_test_keep_result, &result);
  g_timeout_add (300, cancel_cb, cancellable);
  report = cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&result), &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_items (fixture), ==, 12);
  /* Cancelling is not the source's fault. */
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_null (state->last_error);
  g_assert_cmpuint (state->failures, ==, 0);
}

static void
test_one_sync_per_source (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GAsyncResult) b = NULL;
  g_autoptr(CqSyncReport) report_a = NULL;
  g_autoptr(CqSyncReport) report_b = NULL;

  cq_sync_engine_sync_source_async (fixture->engine, fixture->store.source_id, NULL, cq_test_keep_result, &a);
  cq_sync_engine_sync_source_async (fixture->engine, fixture->store.source_id, NULL, cq_test_keep_result, &b);
  report_a = cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&a), NULL);
  report_b = cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&b), NULL);

  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/feed.xml"), ==, 1);
  g_assert_cmpuint (report_a->added, ==, 12);
  g_assert_cmpuint (report_b->added, ==, 12);
}

static CqItem *
fetch_full (Fixture  *fixture,
            gint64    item_id,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cq_sync_engine_fetch_full_async (fixture->engine, item_id, NULL, cq_test_keep_result, &result);
  return cq_sync_engine_fetch_full_finish (fixture->engine, cq_test_wait_for (&result), error);
}

static void
test_full_statement (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CqItem) item = NULL;
  g_autoptr(CqItem) fetched = NULL;
  g_autoptr(CqItem) again = NULL;
  g_autoptr(GError) error = NULL;

  sync_first (fixture);
  item = item_by_guid (fixture, "st-7");

  g_assert_false (cq_item_get_full_text_fetched (item));
  fetched = fetch_full (fixture, cq_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_true (fetched == item);
  g_assert_true (cq_item_get_full_text_fetched (item));
  g_assert_nonnull (strstr (cq_item_get_content (item), "This is the full text of statement 7"));
  g_assert_null (strstr (cq_item_get_content (item), "Related"));
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/statements/7.html"), ==, 1);

  /* Asked again, the store answers. */
  again = fetch_full (fixture, cq_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_true (again == item);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/statements/7.html"), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  guint         stop_after;   /* cancel once this many are done; 0 for never */
  guint         calls;
  guint         total;
} KeepWatch;

static void
keep_progress_cb (guint    done,
                  guint    total,
                  gpointer data)
{
  KeepWatch *watch = data;

  watch->calls++;
  watch->total = total;
  if (watch->stop_after > 0 && done >= watch->stop_after)
    g_cancellable_cancel (watch->cancellable);
}

static gboolean
keep_and_check (Fixture   *fixture,
                KeepWatch *watch,
                guint      check_days,
                guint     *fetched,
                GArray   **changed,
                GArray   **gone,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cq_sync_engine_keep_full_texts_async (fixture->engine, 0, check_days, 20, keep_progress_cb, watch,
                                        watch != NULL ? watch->cancellable : NULL, cq_test_keep_result, &result);
  return cq_sync_engine_keep_full_texts_finish (fixture->engine, cq_test_wait_for (&result), fetched, NULL,
                                                changed, gone, error);
}

static gboolean
keep_full_texts (Fixture   *fixture,
                 KeepWatch *watch,
                 guint     *fetched,
                 GError   **error)
{
  return keep_and_check (fixture, watch, 0, fetched, NULL, NULL, error);
}

/* Full statements kept offline: fetched in the background, never more than
 * two at a time from the host (counted by the server), stopped when asked
 * and taken up where they stopped. */
static void
test_keep_full_texts_politely (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  KeepWatch first = { cancellable, 3, 0, 0 };
  KeepWatch second = { NULL, 0, 0, 0 };
  guint fetched_first = 0, fetched_second = 0;
  g_autoptr(GArray) missing = NULL;

  sync_first (fixture);
  cq_fixture_server_set_statement_delay (fixture->server, 80);

  /* Stopped after three (the app went offline, say): some are stored. */
  g_assert_false (keep_full_texts (fixture, &first, &fetched_first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (first.total, ==, 12);
  g_assert_cmpuint (fetched_first, >=, 3);
  g_assert_cmpuint (fetched_first, <, 12);

  /* The next run takes up the rest, and only the rest. */
  g_assert_true (keep_full_texts (fixture, &second, &fetched_second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second.total, ==, 12 - fetched_first);
  g_assert_cmpuint (fetched_first + fetched_second, ==, 12);
  missing = cq_store_query_missing_full_text (fixture->store.store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 0);
  /* Each page once, but for the two at most that were in flight when it stopped. */
  {
    guint hits = 0;

    for (guint i = 1; i <= 12; i++)
      {
        g_autofree char *path = g_strdup_printf ("/statements/%u.html", i);

        g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, path), >=, 1);
        hits += cq_fixture_server_get_hits (fixture->server, path);
      }
    g_assert_cmpuint (hits, <=, 12 + 2);
  }

  /* Politeness, as the server saw it: two at a time at most, and two used. */
  g_assert_cmpuint (cq_fixture_server_get_most_statements_in_flight (fixture->server), ==, 2);
}

/* Statement pages checked again after they were kept: a 304 costs nothing;
 * a page rewritten on the site (the feed unchanged) becomes a revision
 * marked as the page's, with the word diff to show; pages that went (404,
 * 410, a stub with less than half the text) are marked withdrawn or moved,
 * their text kept, never recorded as an edit to empty text. */
static void
test_silent_edits_caught (Fixture       *fixture,
                          gconstpointer  data)
{
  KeepWatch watch = { NULL, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) gone = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(CqItem) edited = NULL;
  g_autoptr(CqItem) missing = NULL;
  g_autoptr(CqItem) gone_410 = NULL;
  g_autoptr(CqItem) archived = NULL;
  g_autoptr(CqItem) untouched = NULL;
  CqRevision *revision;
  guint fetched = 0;

  sync_first (fixture);
  g_assert_true (keep_and_check (fixture, &watch, 14, &fetched, &changed, &gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fetched, ==, 12);
  g_assert_cmpuint (changed->len + gone->len, ==, 0);
  g_clear_pointer (&changed, g_array_unref);
  g_clear_pointer (&gone, g_array_unref);

  /* Nothing changed: every check is a conditional GET answered 304. */
  g_assert_true (keep_and_check (fixture, &watch, 14, &fetched, &changed, &gone, &error));
  g_assert_cmpuint (fetched, ==, 0);
  g_assert_cmpuint (watch.total, ==, 0);
  g_assert_cmpuint (cq_fixture_server_get_not_modified (fixture->server), ==, 12);
  g_assert_cmpuint (changed->len + gone->len, ==, 0);
  g_clear_pointer (&changed, g_array_unref);
  g_clear_pointer (&gone, g_array_unref);

  edited = item_by_guid (fixture, "st-7");
  missing = item_by_guid (fixture, "st-3");
  gone_410 = item_by_guid (fixture, "st-4");
  archived = item_by_guid (fixture, "st-5");
  untouched = item_by_guid (fixture, "st-6");
  cq_fixture_server_edit_statement (fixture->server, 7,
                                    "A second paragraph adds detail, names the parties, and closes with regret to all concerned.");
  cq_fixture_server_withdraw_statement (fixture->server, 3, SOUP_STATUS_NOT_FOUND);
  cq_fixture_server_withdraw_statement (fixture->server, 4, SOUP_STATUS_GONE);
  cq_fixture_server_withdraw_statement (fixture->server, 5, SOUP_STATUS_OK);

  g_assert_true (keep_and_check (fixture, &watch, 14, &fetched, &changed, &gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, cq_item_get_id (edited));
  g_assert_cmpuint (gone->len, ==, 3);

  /* The edit: the old page text is the revision, the new one is shown. */
  g_assert_cmpuint (cq_item_get_revision_count (edited), ==, 1);
  g_assert_nonnull (strstr (cq_item_get_content (edited), "closes with regret"));
  g_assert_null (cq_item_get_page_gone (edited));
  revisions = cq_store_dup_revisions (fixture->store.store, cq_item_get_id (edited), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  revision = g_ptr_array_index (revisions, 0);
  g_assert_cmpint (revision->kind, ==, CQ_REVISION_PAGE_CHANGED);
  g_assert_nonnull (strstr (revision->content, "closes with thanks"));
  {
    g_autoptr(GPtrArray) diff = cq_diff_words (revision->content, cq_item_get_content (edited));
    gboolean saw_removed = FALSE, saw_added = FALSE;

    for (guint i = 0; i < diff->len; i++)
      {
        CqDiffSegment *segment = g_ptr_array_index (diff, i);

        saw_removed |= segment->kind == CQ_DIFF_REMOVED && strstr (segment->text, "thanks") != NULL;
        saw_added |= segment->kind == CQ_DIFF_ADDED && strstr (segment->text, "regret") != NULL;
      }
    g_assert_true (saw_removed && saw_added);
  }

  /* Gone three ways: dated, the text as it was, no revision. */
  {
    CqItem *gone_items[] = { missing, gone_410, archived };

    for (guint i = 0; i < G_N_ELEMENTS (gone_items); i++)
      {
        g_assert_nonnull (cq_item_get_page_gone (gone_items[i]));
        g_assert_cmpuint (cq_item_get_revision_count (gone_items[i]), ==, 0);
        g_assert_nonnull (strstr (cq_item_get_content (gone_items[i]), "This is the full text of statement"));
      }
  }
  g_assert_null (cq_item_get_page_gone (untouched));
  g_assert_cmpuint (cq_item_get_revision_count (untouched), ==, 0);

  /* Gone pages are not asked for again; the edited one is, at its new ETag. */
  g_clear_pointer (&changed, g_array_unref);
  g_clear_pointer (&gone, g_array_unref);
  {
    guint hits_before = cq_fixture_server_get_hits (fixture->server, "/statements/3.html");

    g_assert_true (keep_and_check (fixture, &watch, 14, &fetched, &changed, &gone, &error));
    g_assert_cmpuint (changed->len + gone->len, ==, 0);
    g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/statements/3.html"), ==, hits_before);
    g_assert_cmpuint (cq_item_get_revision_count (edited), ==, 1);
  }

  /* Statements first stored before the window are left alone: statement 6,
   * stored (as another connection makes it) 30 days ago, is rewritten on
   * its page and not checked in a 14-day window; with no window, none is. */
  g_clear_pointer (&changed, g_array_unref);
  g_clear_pointer (&gone, g_array_unref);
  {
    sqlite3 *db = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE items SET first_seen = unixepoch () - 30 * 86400 WHERE id = %"
                                            G_GINT64_FORMAT, cq_item_get_id (untouched));

    g_assert_cmpint (sqlite3_open (fixture->store.path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  cq_fixture_server_edit_statement (fixture->server, 6, "Rewritten long after, and nobody checks any more, as the window has passed.");
  g_assert_true (keep_and_check (fixture, &watch, 14, &fetched, &changed, &gone, &error));
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpuint (cq_item_get_revision_count (untouched), ==, 0);
  g_clear_pointer (&changed, g_array_unref);
  g_clear_pointer (&gone, g_array_unref);
  {
    guint hits_before = cq_fixture_server_get_hits (fixture->server, "/statements/12.html");

    g_assert_true (keep_and_check (fixture, &watch, 0, &fetched, &changed, &gone, &error));
    g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/statements/12.html"), ==, hits_before);
  }
}

static GBytes *
fetch_image (Fixture     *fixture,
             const char  *path,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = cq_fixture_server_url (fixture->server, path);

  cq_sync_engine_fetch_image_async (fixture->engine, url, NULL, cq_test_keep_result, &result);
  return cq_sync_engine_fetch_image_finish (fixture->engine, cq_test_wait_for (&result), error);
}

/* The engine hands back an image's bytes as they came; a missing one is an
 * error in words. */
static void
test_fetch_image (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GError) error = NULL;

  image = fetch_image (fixture, "/images/seal.png", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (image), ==, 117);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  missing = fetch_image (fixture, "/status/404", &error);
  g_assert_null (missing);
  g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "404"));
}

static gint64
add_source (Fixture     *fixture,
            const char  *path,
            GError     **error)
{
  g_autofree char *url = cq_fixture_server_url (fixture->server, path);
  g_autoptr(GAsyncResult) result = NULL;

  cq_sync_engine_add_source_async (fixture->engine, url, NULL, CQ_FEED_FORMAT_AUTO, NULL, cq_test_keep_result, &result);
  return cq_sync_engine_add_source_finish (fixture->engine, cq_test_wait_for (&result), error);
}

static guint
count_found (CqFoundHeader *found,
             CqFoundKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < found->parts->len; i++)
    n += ((CqFoundPart *) g_ptr_array_index (found->parts, i))->kind == kind;
  return n;
}

/* A download's fingerprint is xxHash64's (its published values), and any
 * one bit changed, or a byte more, makes another. */
static void
test_fingerprint (void)
{
  static const struct {
    const char *text;
    const char *fingerprint;
  } known[] = {
    { "", "ef46db3751d8e999" },
    { "a", "d24ec4f1a98c6e5b" },
    { "abc", "44bc2cf5ad770999" },
    { "Nobody inspects the spammish repetition", "fbcea83c8a378bf1" },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guchar data[100];

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (known[i].text, strlen (known[i].text));
      g_autofree char *fingerprint = cq_fingerprint_bytes (bytes);

      g_assert_cmpstr (fingerprint, ==, known[i].fingerprint);
    }

  /* Every length up to 100 bytes of zeros, and every bit of 100 bytes
   * flipped in turn: 900 documents, 900 fingerprints. */
  memset (data, 0, sizeof data);
  for (gsize length = 1; length <= sizeof data; length++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, length);

      g_assert_true (g_hash_table_add (seen, cq_fingerprint_bytes (bytes)));
    }
  for (guint bit = 0; bit < 8 * sizeof data; bit++)
    {
      g_autoptr(GBytes) bytes = NULL;

      data[bit / 8] ^= 1 << (bit % 8);
      bytes = g_bytes_new (data, sizeof data);
      data[bit / 8] ^= 1 << (bit % 8);
      g_assert_true (g_hash_table_add (seen, cq_fingerprint_bytes (bytes)));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, sizeof data + 8 * sizeof data);
}

/* Adding a source keeps the hash of the bytes it read (taken on the
 * parsing worker, as a sync's is), so its first sync of the same bytes
 * reads nothing again. */
static void
test_add_keeps_hash (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kept</title>"
                     "<item><guid>kept-1</guid><title>A notice kept</title></item></channel></rss>";
  g_autoptr(GBytes) feed = g_bytes_new_static (text, strlen (text));
  g_autofree char *expected = cq_fingerprint_bytes (feed);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  cq_fixture_server_add_file (fixture->server, "/kept.xml", feed);
  id = add_source (fixture, "/kept.xml", &error);
  g_assert_no_error (error);
  state = cq_store_dup_sync_state (fixture->store.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state->content_hash, ==, expected);

  cq_sync_engine_sync_source_async (fixture->engine, id, NULL, cq_test_keep_result, &result);
  report = cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (report->not_modified);
  g_assert_cmpuint (report->added, ==, 0);
}

/* A source added by its web page comes with the header that page shows,
 * read on a worker and offered, not saved; a feed comes with none; the
 * header is read again on asking. */
static void
test_add_reads_header (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *home = cq_fixture_server_url (fixture->server, "/");
  g_autofree char *advertiser = cq_fixture_server_url (fixture->server, "/with-feed.html");
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) advertised = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GAsyncResult) feed_again = NULL;
  g_autoptr(CqFoundHeader) reread = NULL;
  g_autoptr(CqFoundHeader) none = NULL;
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GError) error = NULL;
  CqFoundHeader *found;
  gint64 id;

  g_assert_true (cq_store_remove_source (fixture->store.store, fixture->store.source_id, NULL));

  cq_sync_engine_add_source_async (fixture->engine, home, NULL, CQ_FEED_FORMAT_AUTO, NULL, cq_test_keep_result, &added);
  id = cq_sync_engine_add_source_finish (fixture->engine, cq_test_wait_for (&added), &error);
  g_assert_no_error (error);
  found = cq_sync_engine_add_source_get_found_header (fixture->engine, added);
  g_assert_nonnull (found);
  g_assert_nonnull (found->date_text);
  g_assert_cmpuint (count_found (found, CQ_FOUND_CLOCK), ==, 2);
  g_assert_cmpuint (count_found (found, CQ_FOUND_COUNTER), ==, 1);
  g_assert_cmpuint (count_found (found, CQ_FOUND_CONTACT), ==, 1);
  /* Offered, not saved. */
  source = cq_store_dup_source (fixture->store.store, id, NULL);
  g_assert_cmpuint (cq_profile_get_n_clocks (cq_source_get_profile (source)), ==, 0);

  /* A page that leads to its feed: the page's header, which has none. */
  cq_sync_engine_add_source_async (fixture->engine, advertiser, NULL, CQ_FEED_FORMAT_AUTO, NULL, cq_test_keep_result,
                                   &advertised);
  g_assert_cmpint (cq_sync_engine_add_source_finish (fixture->engine, cq_test_wait_for (&advertised), &error), >, 0);
  g_assert_no_error (error);
  found = cq_sync_engine_add_source_get_found_header (fixture->engine, advertised);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->parts->len, ==, 0);

  cq_sync_engine_discover_header_async (fixture->engine, id, NULL, cq_test_keep_result, &again);
  reread = cq_sync_engine_discover_header_finish (fixture->engine, cq_test_wait_for (&again), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reread->parts->len, ==, 4);

  /* A source that is gone: said in words. */
  cq_sync_engine_discover_header_async (fixture->engine, 9999, NULL, cq_test_keep_result, &feed_again);
  none = cq_sync_engine_discover_header_finish (fixture->engine, cq_test_wait_for (&feed_again), &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

static void
test_add_sources (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSource) page = NULL;
  g_autoptr(CqSource) feed = NULL;
  g_autofree char *feed_url = cq_fixture_server_url (fixture->server, "/feed.xml");
  gint64 page_id, feed_id;

  /* The fixture's own source follows the feed: start without it. */
  g_assert_true (cq_store_remove_source (fixture->store.store, fixture->store.source_id, NULL));

  /* The home page has no feed link but a dated list: an HTML-list source. */
  page_id = add_source (fixture, "/", &error);
  g_assert_no_error (error);
  page = cq_store_dup_source (fixture->store.store, page_id, NULL);
  g_assert_cmpstr (cq_profile_get_feed_format (cq_source_get_profile (page)), ==, "html-list");
  g_assert_cmpstr (cq_source_get_name (page), ==, "Embassy of Freedonia");
  /* Ten on the home page, two more from its archive. */
  g_assert_cmpuint (n_items (fixture), ==, 12);

  /* A page that advertises its feed adds the feed. */
  feed_id = add_source (fixture, "/with-feed.html", &error);
  g_assert_no_error (error);
  feed = cq_store_dup_source (fixture->store.store, feed_id, NULL);
  g_assert_cmpstr (cq_profile_get_feed_url (cq_source_get_profile (feed)), ==, feed_url);
  g_assert_cmpstr (cq_profile_get_feed_format (cq_source_get_profile (feed)), ==, "rss");
  g_assert_cmpstr (cq_profile_get_id (cq_source_get_profile (feed)), !=,
                   cq_profile_get_id (cq_source_get_profile (page)));

  g_assert_cmpint (add_source (fixture, "/not-a-feed", &error), ==, 0);
  g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_A_FEED);
  g_assert_cmpstr (error->message, ==, "No news was found at this address.");
  g_clear_error (&error);

  /* The same address again, however written or reached, is refused in
   * words: with a trailing slash, through a permanent redirect, and the
   * page whose feed is followed already. */
  {
    static const char * const again[] = { "/feed.xml/", "/moved", "/with-feed.html", "/" };

    for (guint i = 0; i < G_N_ELEMENTS (again); i++)
      {
        g_assert_cmpint (add_source (fixture, again[i], &error), ==, 0);
        g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_ALREADY_FOLLOWED);
        g_assert_nonnull (strstr (error->message, "is already followed as “"));
        g_clear_error (&error);
      }
  }
}

static void
test_archive_backfill (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 page_id;

  /* 35 items, ten a page: the home page and three more pages of older news. */
  cq_fixture_server_set_n_items (fixture->server, 35);
  cq_store_remove_source (fixture->store.store, fixture->store.source_id, NULL);
  cq_sync_engine_set_archive_pages (fixture->engine, 2);

  page_id = add_source (fixture, "/", &error);
  g_assert_no_error (error);
  g_assert_cmpint (page_id, >, 0);
  g_assert_cmpuint (n_items (fixture), ==, 30);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/archive"), ==, 2);

  /* Later syncs read the first page only. */
  cq_fixture_server_set_n_items (fixture->server, 36);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(CqSyncReport) report = NULL;

    cq_sync_engine_sync_source_async (fixture->engine, page_id, NULL, cq_test_keep_result, &result);
    report = cq_sync_engine_sync_source_finish (fixture->engine, cq_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->added, ==, 1);
  }
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/archive"), ==, 2);
}

/* A page's "older news" link to another host (here the same server under
 * another name) is not followed: the back-fill stays on the source's site. */
static void
test_archive_stays_on_site (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  cq_fixture_server_set_n_items (fixture->server, 35);
  cq_fixture_server_set_archive_host (fixture->server, "localhost");
  cq_store_remove_source (fixture->store.store, fixture->store.source_id, NULL);
  cq_sync_engine_set_archive_pages (fixture->engine, 2);

  g_assert_cmpint (add_source (fixture, "/", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (fixture), ==, 10);
  g_assert_cmpuint (cq_fixture_server_get_hits (fixture->server, "/archive"), ==, 0);
}

/* Reading what came down has a budget of its own: a document that takes
 * longer fails the sync in words, the items stay as they were, and the
 * engine is free for the next sync at once. */
static void
test_parse_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  sync_first (fixture);
  cq_fixture_server_set_n_items (fixture->server, 5000);
  cq_sync_engine_set_parse_budget (fixture->engine, 1);
  report = sync_source (fixture, &error);
  g_assert_null (report);
  g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "took more than 0.001 seconds to read"));
  g_assert_cmpuint (n_items (fixture), ==, 12);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (state->last_error, ==, error->message);

  /* With time enough, the same document is read. */
  g_clear_error (&error);
  g_clear_pointer (&report, cq_sync_report_free);
  cq_sync_engine_set_parse_budget (fixture->engine, 60 * 1000);
  cq_fixture_server_set_n_items (fixture->server, 13);
  report = sync_ok (fixture);
  g_assert_cmpuint (report->added, ==, 1);
}

/* A large first sync writes as it parses: every item of a 3,000-item feed
 * (three quarters of a megabyte) is stored once and found by its words,
 * and the next sync of the same bytes writes nothing. */
static void
test_large_first_sync_streamed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CqSyncReport) first = NULL;
  g_autoptr(CqSyncReport) again = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GArray) found = NULL;
  CqItemQuery query = { .search = "2999" };

  cq_sync_engine_set_timeout (fixture->engine, 60);
  cq_fixture_server_set_n_items (fixture->server, 3000);
  first = sync_ok (fixture);
  g_assert_cmpuint (first->added, ==, 3000);
  g_assert_cmpuint (n_items (fixture), ==, 3000);
  found = cq_store_query_ids (fixture->store.store, &query, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpint (state->last_success, >, 0);
  g_assert_null (state->last_error);

  again = sync_ok (fixture);
  g_assert_cmpuint (again->added + again->updated, ==, 0);
  g_assert_cmpuint (n_items (fixture), ==, 3000);
}

/* A large JSON Feed's first sync writes as it parses too.  Broken at its
 * very end, it stores nothing and says where it broke; whole, every item
 * is stored once, found by its words, with the feed's author. */
static void
test_json_feed_first_sync_streamed (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GString) broken = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  CqItemQuery query = { .search = "2999" };

  cq_sync_engine_set_timeout (fixture->engine, 60);
  /* Half a megabyte, a streamed write's worth; the closing "]}" missing. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (broken, "%s{\"id\": \"b-%u\", \"title\": \"Broken feed %u\","
                                    " \"content_text\": \"A statement the document never finishes.\"}",
                            i > 0 ? "," : "", i, i);
  body = g_string_free_to_bytes (g_steal_pointer (&broken));
  g_assert_cmpuint (g_bytes_get_size (body), >, 256 * 1024);
  cq_fixture_server_add_file (fixture->server, "/broken.json", body);
  point_source_at (fixture, "/broken.json");
  report = sync_source (fixture, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not valid JSON: line 1, column "));
  g_assert_cmpuint (n_items (fixture), ==, 0);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (state->last_error, ==, error->message);
  g_assert_cmpint (state->last_success, ==, 0);

  cq_fixture_server_set_n_items (fixture->server, 3000);
  point_source_at (fixture, "/feed.json");
  g_clear_pointer (&report, cq_sync_report_free);
  report = sync_ok (fixture);
  g_assert_cmpuint (report->added, ==, 3000);
  g_assert_cmpuint (n_items (fixture), ==, 3000);
  found = cq_store_query_ids (fixture->store.store, &query, NULL);
  g_assert_cmpuint (found->len, ==, 1);
}

/* A first sync writes as it parses (cq_store_write_items_streamed_async()):
 * when the parse then fails, what was written while it went on is not
 * kept.  A document over its budget, and one over the item cap (refused
 * whole at its end, after every item it could hold was told), leave the
 * new source empty, its error said, and the writer free: the next sync
 * stores the feed. */
static void
test_first_sync_parse_fails_stores_nothing (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(CqSyncReport) report = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  /* Megabytes of feed, made and served by the fixture: time enough for
   * them under a sanitizer on a busy machine. */
  cq_sync_engine_set_timeout (fixture->engine, 60);
  cq_fixture_server_set_n_items (fixture->server, 5000);
  cq_sync_engine_set_parse_budget (fixture->engine, 1);
  report = sync_source (fixture, &error);
  g_assert_null (report);
  g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_TIMEOUT);
  g_assert_cmpuint (n_items (fixture), ==, 0);

  g_clear_error (&error);
  cq_sync_engine_set_parse_budget (fixture->engine, 60 * 1000);
  cq_fixture_server_set_n_items (fixture->server, CQ_FEED_MAX_ITEMS + 1);
  report = sync_source (fixture, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "more than 10000 items"));
  g_assert_cmpuint (n_items (fixture), ==, 0);
  state = cq_store_dup_sync_state (fixture->store.store, fixture->store.source_id, NULL);
  g_assert_cmpstr (state->last_error, ==, error->message);
  g_assert_cmpint (state->last_success, ==, 0);

  cq_fixture_server_set_n_items (fixture->server, 12);
  sync_first (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 12);
}

/* A source whose items cannot be stored (the disk fills as they are
 * written) is not left behind: the user is told it was not added, and the
 * store agrees. */
static void
test_add_fails_whole (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3 *db = NULL;

  /* Another connection makes every item write fail, as a full disk would. */
  g_assert_cmpint (sqlite3_open (fixture->store.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER disk_full BEFORE INSERT ON items"
                                     " BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (add_source (fixture, "/feed.xml", &error), ==, 0);
  g_assert_nonnull (error);
  sources = cq_store_dup_sources (fixture->store.store, NULL);
  g_assert_cmpuint (sources->len, ==, 1);
}

/* A source keeps its newest items up to the engine's allowance. */
static void
test_max_items (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CqSyncReport) report = NULL;

  cq_sync_engine_set_max_items (fixture->engine, 5);
  report = sync_ok (fixture);
  g_assert_cmpuint (report->added, ==, 12);
  g_assert_cmpuint (n_items (fixture), ==, 5);
}

/* Where a redirect may lead: the web, with a host, never down to http. */
static void
test_redirect_targets (void)
{
  static const struct {
    const char *from, *location, *expected;
  } cases[] = {
    { "https://news.example.org/feed", "/rss", "https://news.example.org/rss" },
    { "http://news.example.org/feed", "https://news.example.org/feed", "https://news.example.org/feed" },
    { "https://news.example.org/feed", "https://mirror.example.net/feed", "https://mirror.example.net/feed" },
    { "https://news.example.org/feed", "http://news.example.org/feed", NULL },
    { "http://news.example.org/feed", "http:///x", NULL },
    { "http://news.example.org/feed", "file:///etc/passwd", NULL },
    { "http://news.example.org/feed", "javascript:alert(1)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = cq_fetch_redirect_target (cases[i].from, cases[i].location, &error);

      g_assert_cmpstr (target, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_HTTP);
          g_assert_nonnull (strstr (error->message, "news.example.org"));
        }
    }
}

#define ADD(path, func) \
  g_test_add ("/cq/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Loopback needs no proxy, and the isolated test dirs hold no desktop
   * proxy settings for GIO's default resolver to read. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("first-sync-then-not-modified", test_first_sync_then_not_modified);
  ADD ("same-bytes-again", test_same_bytes_again);
  ADD ("fetch/large-body-whole", test_large_body_whole);
  g_test_add_func ("/cq/sync/fingerprint", test_fingerprint);
  ADD ("add-keeps-hash", test_add_keeps_hash);
  ADD ("changed-item-keeps-state", test_changed_item_keeps_state);
  ADD ("cut-short-feed-edits-nothing", test_cut_short_feed_edits_nothing);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cq/sync/fault%s", faults[i].path);

      g_test_add (path, Fixture, &faults[i], fixture_setup, test_fault, fixture_teardown);
    }
  ADD ("wrong-content-type", test_wrong_content_type);
  g_test_add ("/cq/sync/fault/short-body", Fixture, "/short", fixture_setup, test_broken_transfer, fixture_teardown);
  g_test_add ("/cq/sync/fault/reset-mid-body", Fixture, "/reset", fixture_setup, test_broken_transfer, fixture_teardown);
  ADD ("backoff-grows", test_backoff_grows);
  ADD ("moved-for-good", test_moved_for_good);
  ADD ("cancel-mid-transfer", test_cancel_mid_transfer);
  ADD ("one-sync-per-source", test_one_sync_per_source);
  ADD ("full-statement", test_full_statement);
  ADD ("keep-full-texts-politely", test_keep_full_texts_politely);
  ADD ("silent-edits-caught", test_silent_edits_caught);
  ADD ("fetch-image", test_fetch_image);
  ADD ("add-sources", test_add_sources);
  ADD ("add-reads-header", test_add_reads_header);
  ADD ("archive-backfill", test_archive_backfill);
  ADD ("archive-stays-on-site", test_archive_stays_on_site);
  ADD ("parse-budget", test_parse_budget);
  ADD ("large-first-sync-streamed", test_large_first_sync_streamed);
  ADD ("json-feed-first-sync-streamed", test_json_feed_first_sync_streamed);
  ADD ("first-sync-parse-fails-stores-nothing", test_first_sync_parse_fails_stores_nothing);
  ADD ("max-items", test_max_items);
  ADD ("add-fails-whole", test_add_fails_whole);
  g_test_add_func ("/cq/sync/redirect-targets", test_redirect_targets);

  return g_test_run ();
}
