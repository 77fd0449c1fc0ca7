/* cq-test-util.c: fixtures shared by the test programs
 *
 * The news items below were written for these tests.  They have the shape
 * of an embassy's list (dated statements with a summary) and carry both
 * Latin and Cyrillic text so that search is tested in both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cq-test-util.h"
#include "cq-calendar.h"

char *
cq_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("communique-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
cq_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        cq_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

GDateTime *
cq_test_date_time (const char *iso)
{
  GDateTime *instant = cq_calendar_parse_iso8601 (iso);

  g_assert_nonnull (instant);
  return instant;
}

/**
 * cq_test_keep_result:
 * @user_data: (out): a `GAsyncResult *`, %NULL until the call ends
 *
 * A `GAsyncReadyCallback` that keeps the result, for a test that turns the
 * main loop until it is there.
 */
void
cq_test_keep_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * cq_test_wait_for:
 * @slot: where cq_test_keep_result() keeps the result
 *
 * Runs the main loop until the result is there.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
cq_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/**
 * cq_test_assert_upserted:
 * @report: (out caller-allocates) (optional):
 * @removed: (out) (optional):
 *
 * Finishes a sync's write, and fails the test with the store's own words
 * when the write failed (a bare assertion on the finish said only that it
 * returned FALSE, once, on a loaded machine).
 */
void
cq_test_assert_upserted (CqStore        *store,
                         GAsyncResult   *result,
                         CqUpsertReport *report,
                         guint          *removed)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cq_store_upsert_items_finish (store, result, report, removed, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/**
 * cq_test_count:
 * @counter: a `guint *`
 *
 * Counts the times it is called (an idle's turns, a signal's emissions,
 * connected swapped), and goes on being called.
 */
gboolean
cq_test_count (gpointer counter)
{
  (*(guint *) counter)++;
  return G_SOURCE_CONTINUE;
}

/**
 * cq_test_write_numbered:
 * @first: the first item's date; each next one @step later
 * @summary: (nullable): every item's summary
 *
 * Writes @n items, "@prefix-0" titled "Statement @prefix 0" and on, with
 * cq_store_upsert_items_async() as a sync writes them, and waits for the
 * write (not for any list to hear of it).
 */
void
cq_test_write_numbered (CqTestStore *fixture,
                        const char  *prefix,
                        guint        n,
                        GDateTime   *first,
                        GTimeSpan    step,
                        const char  *summary)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add (first, step * i);
      g_autofree char *guid = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *title = g_strdup_printf ("Statement %s %u", prefix, i);
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      g_ptr_array_add (items, cq_test_item (guid, title, iso, summary, NULL));
    }
  cq_store_upsert_items_async (fixture->store, fixture->source_id, items, 0, NULL, cq_test_keep_result, &result);
  cq_test_assert_upserted (fixture->store, cq_test_wait_for (&result), NULL, NULL);
}

CqProfile *
cq_test_profile (const char *id,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{ \"id\": \"%s\", \"name\": \"%s\","
    "  \"home_url\": \"https://news.example.org/\","
    "  \"feed\": { \"url\": \"https://news.example.org/%s/feed.xml\", \"format\": \"rss\" },"
    "  \"time_zone\": \"Europe/London\" }",
    id, name, id);
  CqProfile *profile = cq_profile_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return profile;
}

CqItem *
cq_test_item (const char *guid,
              const char *title,
              const char *published_iso,
              const char *summary,
              const char *content)
{
  CqItem *item = cq_item_new (guid);
  g_autofree char *link = g_strdup_printf ("https://news.example.org/statements/%s", guid);

  cq_item_set_title (item, title);
  cq_item_set_link (item, link);
  cq_item_set_summary (item, summary);
  cq_item_set_content (item, content);
  if (published_iso != NULL)
    {
      g_autoptr(GDateTime) published = cq_test_date_time (published_iso);

      cq_item_set_published (item, published);
    }
  return item;
}

/* Five items, oldest last when sorted newest first: s5, s4, s3, s2, s1. */
GPtrArray *
cq_test_embassy_items (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, cq_test_item ("s1", "Remarks at the opening of a photography exhibition",
                                        "2019-03-28T10:00:00Z",
                                        "The ambassador opened an exhibition of river landscapes.",
                                        "<p>The <b>ambassador</b> opened an exhibition of river landscapes.</p>"));
  g_ptr_array_add (items, cq_test_item ("s2", "Заявление о консульском обслуживании",
                                        "2019-04-26T09:30:00Z",
                                        "Консульский отдел меняет часы приёма.",
                                        "<p>Консульский отдел меняет часы приёма посетителей.</p>"));
  g_ptr_array_add (items, cq_test_item ("s3", "Statement on the chemical weapons convention review",
                                        "2019-05-15T12:00:00Z",
                                        "A statement on the review conference in The Hague.",
                                        "<p>A statement on the <em>review conference</em>.</p><script>alert(1)</script>"));
  g_ptr_array_add (items, cq_test_item ("s4", "Article on the anniversary of Victory Day",
                                        "2019-06-05T08:00:00Z",
                                        "An article marking the anniversary.",
                                        "<p>An article marking the anniversary, with &laquo;quotes&raquo;.</p>"));
  g_ptr_array_add (items, cq_test_item ("s5", "Statement at a working group on information security",
                                        "2019-06-07T16:00:00Z",
                                        "Remarks at the first session of a working group in New York.",
                                        "<h2>Opening remarks</h2><p>Distinguished colleagues, a first session.</p>"));
  return items;
}

void
cq_test_store_setup (CqTestStore   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_test_profile ("embassy", "Embassy news");

  fixture->dir = cq_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "communique.db", NULL);
  fixture->store = cq_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->source_id = cq_store_add_source (fixture->store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->source_id, >, 0);
}

/**
 * cq_test_assert_written_flags:
 *
 * Asserts what another connection to the fixture's file (another
 * program) reads of an item's read and starred marks: what is written,
 * not what the fixture's store shows.
 */
void
cq_test_assert_written_flags (CqTestStore *fixture,
                              gint64       item_id,
                              gboolean     read,
                              gboolean     starred)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqStore) other = cq_store_open (fixture->path, &error);
  g_autoptr(CqItem) item = NULL;

  g_assert_no_error (error);
  item = cq_store_dup_item (other, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cq_item_get_read (item), ==, read);
  g_assert_cmpint (cq_item_get_starred (item), ==, starred);
}

void
cq_test_store_teardown (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  cq_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
mirror_items_changed_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         CqTestMirror *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);
      gint64 id = mirror->id_func (item);

      g_array_insert_val (mirror->ids, position + i, id);
    }

  mirror->emissions++;
  mirror->position = position;
  mirror->removed = removed;
  mirror->added = added;
}

void
cq_test_mirror_init (CqTestMirror *mirror,
                     GListModel   *model,
                     CqTestIdFunc  id_func)
{
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  mirror->id_func = id_func;
  mirror_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), mirror);
  mirror->emissions = 0;
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

void
cq_test_mirror_assert_matches (CqTestMirror *mirror,
                               GListModel   *model)
{
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->ids->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, mirror->id_func (item));
    }
}

static gboolean
wait_over_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * cq_test_mirror_wait:
 * @emissions: how many items-changed the mirror must have seen
 *
 * Runs the main loop until it has, failing after ten seconds: a change
 * that never comes is a failure said, not a test that hangs.
 */
void
cq_test_mirror_wait (CqTestMirror *mirror,
                     guint         emissions)
{
  gboolean over = FALSE;
  guint timer = g_timeout_add_seconds (10, wait_over_cb, &over);

  while (mirror->emissions < emissions && !over)
    g_main_context_iteration (NULL, TRUE);
  if (mirror->emissions < emissions)
    g_error ("The list changed %u times, not %u", mirror->emissions, emissions);
  g_source_remove (timer);
}

void
cq_test_mirror_assert_last_change (CqTestMirror *mirror,
                                   guint         emissions,
                                   guint         position,
                                   guint         removed,
                                   guint         added)
{
  g_assert_cmpuint (mirror->emissions, ==, emissions);
  g_assert_cmpuint (mirror->position, ==, position);
  g_assert_cmpuint (mirror->removed, ==, removed);
  g_assert_cmpuint (mirror->added, ==, added);
}

void
cq_test_mirror_clear (CqTestMirror *mirror,
                      GListModel   *model)
{
  g_signal_handlers_disconnect_by_data (model, mirror);
  g_clear_pointer (&mirror->ids, g_array_unref);
}
