/* test-item-list.c: the store's list model, lazy and exact in what it reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-item-list.h"
#include "cq-test-util.h"

static gint64
item_id (gpointer item)
{
  return cq_item_get_id (item);
}

static void
assert_title_at (GListModel *model,
                 guint       position,
                 const char *expected)
{
  g_autoptr(CqItem) item = g_list_model_get_item (model, position);

  g_assert_cmpstr (cq_item_get_title (item), ==, expected);
}

static void
test_newest_first (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GListModel) list = NULL;

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = G_LIST_MODEL (cq_item_list_new (fixture->store));

  g_assert_true (g_list_model_get_item_type (list) == CQ_TYPE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  assert_title_at (list, 0, "Statement at a working group on information security");
  assert_title_at (list, 4, "Remarks at the opening of a photography exhibition");
  g_assert_null (g_list_model_get_item (list, 5));

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_items_changed_is_exact (CqTestStore   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqItemList) list = NULL;
  CqTestMirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), item_id);

  /* Newest item arrives: one row added at the top. */
  g_ptr_array_add (more, cq_test_item ("n1", "Newest", "2019-06-15T10:00:00Z", NULL, NULL));
  cq_store_upsert_items (fixture->store, fixture->source_id, more, NULL, NULL);
  cq_test_mirror_assert_last_change (&mirror, 1, 0, 0, 1);

  /* An item dated between the third and fourth rows: added at 3. */
  g_ptr_array_set_size (more, 0);
  g_ptr_array_add (more, cq_test_item ("n2", "Middle", "2019-05-20T10:00:00Z", NULL, NULL));
  cq_store_upsert_items (fixture->store, fixture->source_id, more, NULL, NULL);
  cq_test_mirror_assert_last_change (&mirror, 2, 3, 0, 1);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Marking an item read moves nothing in the list of all items. */
  {
    g_autoptr(CqItem) third = g_list_model_get_item (G_LIST_MODEL (list), 2);

    cq_store_set_read (fixture->store, cq_item_get_id (third), TRUE, NULL);
    g_assert_cmpuint (mirror.emissions, ==, 2);
  }

  /* In the unread list, marking the row at 3 read removes just that row. */
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_UNREAD);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  {
    g_autoptr(CqItem) fourth = g_list_model_get_item (G_LIST_MODEL (list), 3);
    guint before = mirror.emissions;

    cq_store_set_read (fixture->store, cq_item_get_id (fourth), TRUE, NULL);
    cq_test_mirror_assert_last_change (&mirror, before + 1, 3, 1, 0);
    cq_store_set_read (fixture->store, cq_item_get_id (fourth), FALSE, NULL);
    cq_test_mirror_assert_last_change (&mirror, before + 2, 3, 0, 1);
  }
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Back to all: the one read item returns at its place. */
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_ALL);
  cq_test_mirror_assert_last_change (&mirror, mirror.emissions, 2, 0, 1);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* A search that keeps two items, then none, then all again. */
  cq_item_list_set_search (list, "statement");
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  cq_item_list_set_search (list, "nothing-matches-this");
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  cq_item_list_set_search (list, "");
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);

  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_no_signal_when_nothing_moves (CqTestStore   *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  CqTestMirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), item_id);

  /* The same items again, and a text edit that keeps the order. */
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  cq_item_set_summary (items->pdata[1], "Edited summary.");
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_ALL);
  cq_item_list_set_search (list, NULL);

  g_assert_cmpuint (mirror.emissions, ==, 0);
  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
}

static void
test_filters_and_sources (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) other_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqProfile) other = cq_test_profile ("ministry", "Ministry");
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) starred = NULL;
  gint64 other_id;

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  other_id = cq_store_add_source (fixture->store, other, NULL);
  g_ptr_array_add (other_items, cq_test_item ("m1", "Ministry briefing", "2019-06-01T10:00:00Z", NULL, NULL));
  cq_store_upsert_items (fixture->store, other_id, other_items, NULL, NULL);

  list = cq_item_list_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  cq_item_list_set_source_id (list, other_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  cq_item_list_set_source_id (list, 0);

  starred = g_list_model_get_item (G_LIST_MODEL (list), 1);
  cq_store_set_starred (fixture->store, cq_item_get_id (starred), TRUE, NULL);
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_STARRED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (cq_item_list_find (list, cq_item_get_id (starred)), ==, 0);

  /* Removing a source takes its items out of the list. */
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_ALL);
  cq_store_remove_source (fixture->store, other_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_null (cq_item_list_get_error (list));
}

/* Rows are read as a view shows them, a screenful at a time: the items
 * around the one asked for come with it, the next rows cost no read, and
 * the list holds no more than one screenful of its own. */
static void
test_rows_are_read_on_demand (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CqItem) one = NULL;
  guint screenful;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("bulk-%u", i);

      g_ptr_array_add (items, cq_test_item (guid, "A routine notice", NULL, NULL, NULL));
    }
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  g_ptr_array_set_size (items, 0);
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 0);

  list = G_LIST_MODEL (cq_item_list_new (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2000);
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 0);

  one = g_list_model_get_item (list, 1500);
  screenful = cq_store_get_n_loaded_items (fixture->store);
  g_assert_cmpuint (screenful, >=, 30);
  g_assert_cmpuint (screenful, <=, 100);
  for (guint position = 1490; position < 1530; position++)
    {
      g_autoptr(CqItem) next = g_list_model_get_item (list, position);
      g_autoptr(CqItem) direct = cq_store_dup_item (fixture->store, cq_item_get_id (next), NULL);

      /* The very item the store keeps up to date, at its place. */
      g_assert_true (direct == next);
      g_assert_cmpuint (cq_item_list_find (CQ_ITEM_LIST (list), cq_item_get_id (next)), ==, position);
    }
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, screenful);

  /* Elsewhere in the list: that screenful goes, but for the item held. */
  g_ptr_array_add (items, g_list_model_get_item (list, 10));
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, screenful + 1);
  g_ptr_array_set_size (items, 0);
  g_clear_object (&one);

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 0);
}

/* A window's first frame gets the newest items at once and the rest a
 * moment later, appended in one exact change; the item to select first is
 * always among those read at once, and finding any stored item works at
 * any moment. */
static void
test_first_page_then_the_rest (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqItemList) quick = NULL;
  g_autoptr(CqItemList) far = NULL;
  g_autoptr(CqItemList) near = NULL;
  g_autoptr(CqItemList) found = NULL;
  g_autoptr(CqItemList) all = NULL;
  CqTestMirror mirror = { 0 };
  gint64 old_id, near_id;
  guint first;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("page-%u", i);
      g_autofree char *date = g_strdup_printf ("2019-06-%02uT%02u:%02u:00Z", 1 + i / 60 % 28, i / 60 % 24, i % 60);

      g_ptr_array_add (items, cq_test_item (guid, "A routine notice", date, NULL, NULL));
    }
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  all = cq_item_list_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1000);
  {
    g_autoptr(CqItem) old = g_list_model_get_item (G_LIST_MODEL (all), 900);

    old_id = cq_item_get_id (old);
  }
  {
    g_autoptr(CqItem) near_item = g_list_model_get_item (G_LIST_MODEL (all), 100);

    near_id = cq_item_get_id (near_item);
  }

  /* The rows the window can show, not the 200 GTK 4.8 would make at
   * once; the rest only once the loop is idle, the first of them in
   * slices (see many-arrive-in-slices). */
  quick = cq_item_list_new_first_page (fixture->store, 0, 16);
  first = g_list_model_get_n_items (G_LIST_MODEL (quick));
  g_assert_cmpuint (first, ==, 16);
  cq_test_mirror_init (&mirror, G_LIST_MODEL (quick), item_id);
  cq_test_mirror_wait (&mirror, 5);
  cq_test_mirror_assert_last_change (&mirror, 5, first + 4 * 48, 0, 1000 - first - 4 * 48);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (all));
  cq_test_mirror_clear (&mirror, G_LIST_MODEL (quick));

  /* The item read last is a screenful or two down: the first page holds
   * it, and finds it without reading the rest. */
  near = cq_item_list_new_first_page (fixture->store, near_id, 16);
  first = g_list_model_get_n_items (G_LIST_MODEL (near));
  g_assert_cmpuint (first, >, 100);
  g_assert_cmpuint (first, <, 1000);
  g_assert_cmpuint (cq_item_list_find (near, near_id), ==, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (near)), ==, first);

  /* The item read last is far down: everything is read at once. */
  far = cq_item_list_new_first_page (fixture->store, old_id, 16);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (far)), ==, 1000);
  g_assert_cmpuint (cq_item_list_find (far, old_id), ==, 900);

  /* Asked for one beyond the first page before the rest came: found. */
  found = cq_item_list_new_first_page (fixture->store, 0, 16);
  g_assert_cmpuint (cq_item_list_find (found, old_id), ==, 900);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1000);

  /* The read of the rest, outrun by the find, still comes back (to no
   * list), and lets the store go. */
  g_clear_object (&found);
  g_clear_object (&near);
  g_clear_object (&far);
  g_clear_object (&quick);
  g_clear_object (&all);
  while (G_OBJECT (fixture->store)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
}

/* The kept item stays in a filtered list whatever the filter says, and
 * leaves it once another is kept. */
static void
test_kept_item_stays (CqTestStore   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) first = NULL;
  g_autoptr(CqItem) second = NULL;

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_UNREAD);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);

  cq_item_list_set_kept_id (list, cq_item_get_id (first));
  cq_store_set_read (fixture->store, cq_item_get_id (first), TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (cq_item_list_find (list, cq_item_get_id (first)), ==, 0);

  cq_item_list_set_kept_id (list, cq_item_get_id (second));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (cq_item_list_find (list, cq_item_get_id (first)), ==, G_MAXUINT);
}

/* A sync's write, done on the store's worker: the list reads its new order
 * there too and reports the same exact change, a moment later; a change of
 * what the list shows made meanwhile wins over the older read. */
static void
test_background_write (CqTestStore   *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(CqItemList) list = NULL;
  CqTestMirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), item_id);

  g_ptr_array_add (more, cq_test_item ("n1", "Newest statement", "2019-06-15T10:00:00Z", NULL, NULL));
  cq_store_upsert_items_async (fixture->store, fixture->source_id, more, 0, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_test_assert_upserted (fixture->store, result, NULL, NULL);
  cq_test_mirror_wait (&mirror, 1);
  cq_test_mirror_assert_last_change (&mirror, 1, 0, 0, 1);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Written in the background, then a search typed before the list has
   * caught up: the search's result stands, not the older read. */
  g_ptr_array_set_size (more, 0);
  g_ptr_array_add (more, cq_test_item ("n2", "Another statement", "2019-06-16T10:00:00Z", NULL, NULL));
  cq_store_upsert_items_async (fixture->store, fixture->source_id, more, 0, NULL, cq_test_keep_result, &second);
  while (second == NULL)
    g_main_context_iteration (NULL, TRUE);
  cq_item_list_set_search (list, "exhibition");
  /* Whenever the older read comes back, it is dropped. */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Writes @n items dated @first_day onwards (one a day) in the background,
 * and waits for the write, not for the list. */
static void
write_in_background (CqTestStore *fixture,
                     const char  *prefix,
                     guint        n,
                     int          first_day)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2030, 1, 1, 12, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_add_days (start, first_day);

  cq_test_write_numbered (fixture, prefix, n, first, G_TIME_SPAN_DAY, NULL);
}

/* A sync that brings many items shows them a slice at a time, each step a
 * list the store could have held (a view following the signals holds the
 * same rows), until all are listed: first the newest, at the top, where a
 * list scrolled to its top shows them and keeps them; then those next to
 * the rows listed before; then the rest.  Items older than any arrive
 * below, the newest first.  Finding one not shown yet shows them all. */
static void
test_many_arrive_in_slices (CqTestStore   *fixture,
                            gconstpointer  data)
{
  /* After each slice: where it went, and the title there. */
  static const struct {
    guint       position;
    const char *title;
  } steps[] = {
    { 0, "Statement new 999" },
    { 48, "Statement new 47" },
    { 48, "Statement new 95" },
    { 48, "Statement new 143" },
    { 48, "Statement new 951" },
  };
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  CqTestMirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), item_id);

  /* 1,000 newer than any listed. */
  write_in_background (fixture, "new", 1000, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      cq_test_mirror_wait (&mirror, i + 1);
      cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
      g_assert_cmpuint (mirror.position, ==, steps[i].position);
      g_assert_cmpuint (mirror.removed, ==, 0);
      /* Four slices cover the two hundred rows a view binds; then the rest. */
      g_assert_cmpuint (mirror.added, ==, i < 4 ? 48 : 1000 - 4 * 48);
      assert_title_at (G_LIST_MODEL (list), 0, "Statement new 999");
      assert_title_at (G_LIST_MODEL (list), steps[i].position, steps[i].title);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1005);
  assert_title_at (G_LIST_MODEL (list), 1000, "Statement at a working group on information security");

  /* 300 older than any: below them, the newest first. */
  write_in_background (fixture, "old", 300, -5000);
  cq_test_mirror_wait (&mirror, 6);
  g_assert_cmpuint (mirror.position, ==, 1005);
  g_assert_cmpuint (mirror.added, ==, 48);
  assert_title_at (G_LIST_MODEL (list), 1005, "Statement old 299");
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Looked for before it is shown: shown at once, with the rest. */
  {
    g_autoptr(GArray) ids = NULL;
    CqItemQuery all = { .filter = CQ_ITEM_FILTER_ALL };
    gint64 oldest;

    ids = cq_store_query_ids (fixture->store, &all, NULL);
    oldest = g_array_index (ids, gint64, ids->len - 1);
    g_assert_cmpuint (cq_item_list_find (list, oldest), ==, 1304);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1305);
    cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  }

  /* And nothing more comes later. */
  {
    guint emissions = mirror.emissions;

    for (guint i = 0; i < 10; i++)
      {
        g_usleep (10000);
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    g_assert_cmpuint (mirror.emissions, ==, emissions);
  }

  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
}

#define ADD(path, func) \
  g_test_add ("/cq/item-list/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("newest-first", test_newest_first);
  ADD ("first-page-then-the-rest", test_first_page_then_the_rest);
  ADD ("items-changed-is-exact", test_items_changed_is_exact);
  ADD ("no-signal-when-nothing-moves", test_no_signal_when_nothing_moves);
  ADD ("filters-and-sources", test_filters_and_sources);
  ADD ("rows-are-read-on-demand", test_rows_are_read_on_demand);
  ADD ("kept-item-stays", test_kept_item_stays);
  ADD ("background-write", test_background_write);
  ADD ("many-arrive-in-slices", test_many_arrive_in_slices);

  return g_test_run ();
}
