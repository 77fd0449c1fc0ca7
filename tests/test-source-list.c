/* test-source-list.c: the store's sources as one live list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-item-list.h"
#include "cq-source-list.h"
#include "cq-test-util.h"

static void
count_cb (guint *count)
{
  (*count)++;
}

static gint64
source_id (gpointer source)
{
  return cq_source_get_id (source);
}

static CqProfile *
profile_in_zone (const char *id,
                 const char *zone)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"id\": \"%s\", \"name\": \"Mission in %s\","
    "  \"home_url\": \"https://news.example.org/\","
    "  \"feed\": { \"url\": \"https://news.example.org/%s.xml\", \"format\": \"rss\" },"
    "  \"time_zone\": \"%s\" }", id, zone, id, zone);
  g_autoptr(GError) error = NULL;
  CqProfile *profile = cq_profile_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return profile;
}

static void
test_follows_the_store (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_autoptr(CqSourceList) list = cq_source_list_new (fixture->store);
  g_autoptr(CqProfile) second = cq_test_profile ("second", "Second mission");
  g_autoptr(CqProfile) third = cq_test_profile ("third", "Third mission");
  g_autoptr(GError) error = NULL;
  CqTestMirror mirror = { 0 };
  gint64 second_id;
  gint64 third_id;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CQ_TYPE_SOURCE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (cq_source_get_name (cq_source_list_lookup (list, fixture->source_id)), ==, "Embassy news");
  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), source_id);

  /* Added sources arrive at the end, one span each. */
  second_id = cq_store_add_source (fixture->store, second, &error);
  g_assert_no_error (error);
  cq_test_mirror_assert_last_change (&mirror, 1, 1, 0, 1);
  third_id = cq_store_add_source (fixture->store, third, &error);
  g_assert_no_error (error);
  cq_test_mirror_assert_last_change (&mirror, 2, 2, 0, 1);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));

  /* Renaming or pausing the middle one changes its object in place, told
   * by notify: a row showing it is not rebuilt. */
  {
    CqSource *kept = cq_source_list_lookup (list, second_id);
    guint notified = 0;

    g_signal_connect_swapped (kept, "notify::name", G_CALLBACK (count_cb), &notified);
    g_signal_connect_swapped (kept, "notify::enabled", G_CALLBACK (count_cb), &notified);
    g_assert_true (cq_store_rename_source (fixture->store, second_id, "Renamed mission", &error));
    g_assert_true (cq_source_list_lookup (list, second_id) == kept);
    g_assert_cmpstr (cq_source_get_name (kept), ==, "Renamed mission");
    g_assert_true (cq_store_set_source_enabled (fixture->store, second_id, FALSE, &error));
    g_assert_false (cq_source_get_enabled (kept));
    g_assert_cmpuint (notified, ==, 2);
    g_assert_cmpuint (mirror.emissions, ==, 2);
    g_signal_handlers_disconnect_by_data (kept, &notified);
  }

  /* Removing the first shifts the others up; nothing else is reported. */
  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_no_error (error);
  cq_test_mirror_assert_last_change (&mirror, 3, 0, 1, 0);
  cq_test_mirror_assert_matches (&mirror, G_LIST_MODEL (list));
  g_assert_cmpuint (cq_source_list_find (list, third_id), ==, 1);
  g_assert_null (cq_source_list_lookup (list, fixture->source_id));
  g_assert_cmpuint (cq_source_list_find (list, fixture->source_id), ==, G_MAXUINT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));
  g_assert_null (cq_source_list_get_error (list));

  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Item changes do not touch the sources' views. */
static void
test_quiet_when_sources_stay (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(CqSourceList) list = cq_source_list_new (fixture->store);
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  CqTestMirror mirror = { 0 };

  cq_test_mirror_init (&mirror, G_LIST_MODEL (list), source_id);
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  g_assert_true (cq_store_rename_source (fixture->store, fixture->source_id, "Embassy news", NULL));
  g_assert_cmpuint (mirror.emissions, ==, 0);
  cq_test_mirror_clear (&mirror, G_LIST_MODEL (list));
}

/* A statement made late on the 16th in Moscow is dated the 16th, and
 * follows its source when the user moves the source to another zone. */
static void
test_items_dated_in_home_zone (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(CqProfile) moscow = profile_in_zone ("moscow", "Europe/Moscow");
  g_autoptr(CqProfile) new_york = profile_in_zone ("moscow", "America/New_York");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqItemList) list = NULL;
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  guint zone_changes = 0;
  gint64 id;

  id = cq_store_add_source (fixture->store, moscow, &error);
  g_assert_no_error (error);
  g_ptr_array_add (items, cq_test_item ("late", "Late statement", "2019-06-16T22:30:00+03:00", NULL, NULL));
  g_assert_true (cq_store_upsert_items (fixture->store, id, items, NULL, &error));

  list = cq_item_list_new (fixture->store);
  cq_item_list_set_source_id (list, id);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (g_time_zone_get_identifier (cq_item_get_home_zone (item)), ==, "Europe/Moscow");
  local = g_date_time_to_timezone (cq_item_get_published (item), cq_item_get_home_zone (item));
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 16);

  g_signal_connect_swapped (item, "notify::home-zone", G_CALLBACK (count_cb), &zone_changes);
  g_assert_true (cq_store_set_source_profile (fixture->store, id, new_york, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zone_changes, ==, 1);
  g_assert_cmpstr (g_time_zone_get_identifier (cq_item_get_home_zone (item)), ==, "America/New_York");

  /* An item nobody stored yet is dated where the computer is. */
  g_clear_object (&item);
  item = cq_item_new ("loose");
  g_assert_nonnull (cq_item_get_home_zone (item));
}

/* Each source says how many of its statements are unread, and the list
 * the total; both follow reads, new items and sources going. */
static void
test_unread_counts (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(CqProfile) tokyo = profile_in_zone ("tokyo", "Asia/Tokyo");
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CqSourceList) list = NULL;
  g_autoptr(CqSource) first = NULL;
  g_autoptr(CqSource) second = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  gint64 tokyo_id;

  g_assert_true (cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, &error));
  tokyo_id = cq_store_add_source (fixture->store, tokyo, &error);
  g_assert_no_error (error);
  g_ptr_array_add (more, cq_test_item ("t1", "From Tokyo", "2019-06-10T03:00:00Z", NULL, NULL));
  g_assert_true (cq_store_upsert_items (fixture->store, tokyo_id, more, NULL, &error));

  list = cq_source_list_new (fixture->store);
  g_signal_connect_swapped (list, "notify::unread-count", G_CALLBACK (count_cb), &notified);
  first = g_list_model_get_item (G_LIST_MODEL (list), cq_source_list_find (list, fixture->source_id));
  second = g_list_model_get_item (G_LIST_MODEL (list), cq_source_list_find (list, tokyo_id));
  g_assert_cmpuint (cq_source_get_unread_count (first), ==, 5);
  g_assert_cmpuint (cq_source_get_unread_count (second), ==, 1);
  g_assert_cmpuint (cq_source_list_get_unread_count (list), ==, 6);

  /* Read one: one fewer, on its source only. */
  {
    g_autoptr(CqItemList) items_list = cq_item_list_new (fixture->store);
    g_autoptr(CqItem) newest = g_list_model_get_item (G_LIST_MODEL (items_list), 0);

    g_assert_true (cq_store_set_read (fixture->store, cq_item_get_id (newest), TRUE, &error));
  }
  g_assert_cmpuint (cq_source_get_unread_count (first) + cq_source_get_unread_count (second), ==, 5);
  g_assert_cmpuint (cq_source_list_get_unread_count (list), ==, 5);
  g_assert_cmpuint (notified, ==, 1);

  /* A source removed takes its unread ones from the total. */
  g_assert_true (cq_store_remove_source (fixture->store, tokyo_id, &error));
  g_assert_cmpuint (cq_source_list_get_unread_count (list), ==, cq_source_get_unread_count (first));
}

static void
upserted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  cq_test_assert_upserted (CQ_STORE (object), result, NULL, NULL);
  *(gboolean *) user_data = TRUE;
}

/* After a sync's write (on the store's worker), the counts are read on the
 * worker too: the window's thread hears of the new count a moment later
 * instead of counting there. */
static void
test_unread_counts_after_background_write (CqTestStore   *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqSourceList) list = cq_source_list_new (fixture->store);
  g_autoptr(CqSource) source = g_list_model_get_item (G_LIST_MODEL (list), cq_source_list_find (list, fixture->source_id));
  gboolean written = FALSE;
  guint notified = 0;

  g_signal_connect_swapped (list, "notify::unread-count", G_CALLBACK (count_cb), &notified);
  g_assert_cmpuint (cq_source_list_get_unread_count (list), ==, 0);

  cq_store_upsert_items_async (fixture->store, fixture->source_id, items, 0, NULL, upserted_cb, &written);
  while (!written)
    g_main_context_iteration (NULL, TRUE);
  /* Written and announced, not counted yet. */
  g_assert_cmpuint (notified, ==, 0);
  while (notified == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (cq_source_list_get_unread_count (list), ==, 5);
  g_assert_cmpuint (cq_source_get_unread_count (source), ==, 5);
}

/* A window's list counts on the worker: nothing at first, then the same
 * counts cq_source_list_new() reads at once, told with one notify. */
static void
test_unread_counts_later (CqTestStore   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqSourceList) now = NULL;
  g_autoptr(CqSourceList) later = NULL;
  g_autoptr(CqSource) source = NULL;
  guint notified = 0;

  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
  now = cq_source_list_new (fixture->store);
  g_assert_cmpuint (cq_source_list_get_unread_count (now), ==, 5);

  later = cq_source_list_new_counting_later (fixture->store);
  source = g_list_model_get_item (G_LIST_MODEL (later), cq_source_list_find (later, fixture->source_id));
  g_signal_connect_swapped (later, "notify::unread-count", G_CALLBACK (count_cb), &notified);
  g_assert_cmpuint (cq_source_list_get_unread_count (later), ==, 0);
  while (notified == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (cq_source_list_get_unread_count (later), ==, 5);
  g_assert_cmpuint (cq_source_get_unread_count (source), ==, 5);
}

#define ADD(path, func) \
  g_test_add ("/cq/source-list/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("follows-the-store", test_follows_the_store);
  ADD ("quiet-when-sources-stay", test_quiet_when_sources_stay);
  ADD ("items-dated-in-home-zone", test_items_dated_in_home_zone);
  ADD ("unread-counts", test_unread_counts);
  ADD ("unread-counts-after-background-write", test_unread_counts_after_background_write);
  ADD ("unread-counts-later", test_unread_counts_later);

  return g_test_run ();
}
