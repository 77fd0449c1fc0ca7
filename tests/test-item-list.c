/* test-item-list.c: the store's list model, lazy and exact in what it reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-item-list.h"
#include "cq-test-util.h"

/* A copy of the list kept only through items-changed, as a view keeps its
 * rows: if a signal is wrong, the copy drifts from the list. */
typedef struct {
  GArray *ids;
  guint   emissions;
  guint   position;
  guint   removed;
  guint   added;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CqItem) item = g_list_model_get_item (model, position + i);
      gint64 id = cq_item_get_id (item);

      g_array_insert_val (mirror->ids, position + i, id);
    }

  mirror->emissions++;
  mirror->position = position;
  mirror->removed = removed;
  mirror->added = added;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  mirror_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), mirror);
  mirror->emissions = 0;
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_assert_matches (Mirror     *mirror,
                       GListModel *model)
{
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->ids->len; i++)
    {
      g_autoptr(CqItem) item = g_list_model_get_item (model, i);

      g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, cq_item_get_id (item));
    }
}

static void
assert_last_change (Mirror *mirror,
                    guint   emissions,
                    guint   position,
                    guint   removed,
                    guint   added)
{
  g_assert_cmpuint (mirror->emissions, ==, emissions);
  g_assert_cmpuint (mirror->position, ==, position);
  g_assert_cmpuint (mirror->removed, ==, removed);
  g_assert_cmpuint (mirror->added, ==, added);
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
  Mirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  mirror_init (&mirror, G_LIST_MODEL (list));

  /* Newest item arrives: one row added at the top. */
  g_ptr_array_add (more, cq_test_item ("n1", "Newest", "2019-06-15T10:00:00Z", NULL, NULL));
  cq_store_upsert_items (fixture->store, fixture->source_id, more, NULL, NULL);
  assert_last_change (&mirror, 1, 0, 0, 1);

  /* An item dated between the third and fourth rows: added at 3. */
  g_ptr_array_set_size (more, 0);
  g_ptr_array_add (more, cq_test_item ("n2", "Middle", "2019-05-20T10:00:00Z", NULL, NULL));
  cq_store_upsert_items (fixture->store, fixture->source_id, more, NULL, NULL);
  assert_last_change (&mirror, 2, 3, 0, 1);
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Marking an item read moves nothing in the list of all items. */
  {
    g_autoptr(CqItem) third = g_list_model_get_item (G_LIST_MODEL (list), 2);

    cq_store_set_read (fixture->store, cq_item_get_id (third), TRUE, NULL);
    g_assert_cmpuint (mirror.emissions, ==, 2);
  }

  /* In the unread list, marking the row at 3 read removes just that row. */
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_UNREAD);
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  {
    g_autoptr(CqItem) fourth = g_list_model_get_item (G_LIST_MODEL (list), 3);
    guint before = mirror.emissions;

    cq_store_set_read (fixture->store, cq_item_get_id (fourth), TRUE, NULL);
    assert_last_change (&mirror, before + 1, 3, 1, 0);
    cq_store_set_read (fixture->store, cq_item_get_id (fourth), FALSE, NULL);
    assert_last_change (&mirror, before + 2, 3, 0, 1);
  }
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Back to all: the one read item returns at its place. */
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_ALL);
  assert_last_change (&mirror, mirror.emissions, 2, 0, 1);
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* A search that keeps two items, then none, then all again. */
  cq_item_list_set_search (list, "statement");
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  cq_item_list_set_search (list, "nothing-matches-this");
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  cq_item_list_set_search (list, "");
  mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);

  g_signal_handlers_disconnect_by_data (list, &mirror);
  g_array_unref (mirror.ids);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_no_signal_when_nothing_moves (CqTestStore   *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqItemList) list = NULL;
  Mirror mirror = { 0 };

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  list = cq_item_list_new (fixture->store);
  mirror_init (&mirror, G_LIST_MODEL (list));

  /* The same items again, and a text edit that keeps the order. */
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  cq_item_set_summary (items->pdata[1], "Edited summary.");
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  cq_item_list_set_filter (list, CQ_ITEM_FILTER_ALL);
  cq_item_list_set_search (list, NULL);

  g_assert_cmpuint (mirror.emissions, ==, 0);
  g_signal_handlers_disconnect_by_data (list, &mirror);
  g_array_unref (mirror.ids);
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

static void
test_rows_are_read_on_demand (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CqItem) one = NULL;

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
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&one));
  g_assert_cmpuint (cq_store_get_n_loaded_items (fixture->store), ==, 0);
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
  ADD ("items-changed-is-exact", test_items_changed_is_exact);
  ADD ("no-signal-when-nothing-moves", test_no_signal_when_nothing_moves);
  ADD ("filters-and-sources", test_filters_and_sources);
  ADD ("rows-are-read-on-demand", test_rows_are_read_on_demand);

  return g_test_run ();
}
