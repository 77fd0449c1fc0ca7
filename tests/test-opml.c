/* test-opml.c: sources out and back in as OPML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-opml.h"
#include "cq-parse-error.h"
#include "cq-test-util.h"
#include "cq-text.h"

static GPtrArray *
sources_of (CqStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sources = cq_store_dup_sources (store, &error);

  g_assert_no_error (error);
  return sources;
}

static void
test_round_trip (CqTestStore   *fixture,
                 gconstpointer  data)
{
  g_autoptr(CqProfile) page = cq_profile_new_for_feed ("embassy-page", "Посольство", "https://www.example.org/",
                                                       "https://www.example.org/", "html-list");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_autoptr(CqStore) other = NULL;
  guint added = 0, skipped = 0;

  cq_store_add_source (fixture->store, page, &error);
  g_assert_no_error (error);
  sources = sources_of (fixture->store);
  opml = cq_opml_export (sources);
  g_assert_nonnull (strstr (opml, "<opml version=\"2.0\">"));

  other = cq_store_open (path, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (opml, strlen (opml));
  g_assert_true (cq_opml_import (other, bytes, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped, ==, 0);

  copied = sources_of (other);
  g_assert_cmpuint (copied->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CqProfile *a = cq_source_get_profile (sources->pdata[i]);
      CqProfile *b = cq_source_get_profile (copied->pdata[i]);

      g_assert_cmpstr (cq_source_get_name (sources->pdata[i]), ==, cq_source_get_name (copied->pdata[i]));
      g_assert_cmpstr (cq_profile_get_feed_url (a), ==, cq_profile_get_feed_url (b));
    }
  g_assert_cmpstr (cq_profile_get_feed_format (cq_source_get_profile (copied->pdata[1])), ==, "html-list");

  /* Importing the same list again adds nothing. */
  g_assert_true (cq_opml_import (other, bytes, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 2);

  g_clear_pointer (&copied, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&other));
  cq_test_remove_dir (dir);
}

static void
test_folders_and_odd_outlines (CqTestStore   *fixture,
                               gconstpointer  data)
{
  const char *opml =
    "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Mine</title></head><body>"
    "<outline text=\"Folder\"><outline text=\"Deep\"><outline text=\"Agency\" xmlUrl=\"https://agency.example/feed\"/>"
    "</outline></outline>"
    "<outline text=\"Not a web feed\" xmlUrl=\"file:///etc/passwd\"/>"
    "<outline text=\"Bad home\" xmlUrl=\"https://b.example/feed\" htmlUrl=\"not a url\"/>"
    "<outline text=\"No url\"/></body></opml>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (opml, strlen (opml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  guint added = 0, skipped = 0;

  g_assert_true (cq_opml_import (fixture->store, bytes, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  sources = sources_of (fixture->store);
  g_assert_cmpstr (cq_source_get_name (sources->pdata[1]), ==, "Agency");
  g_assert_cmpstr (cq_profile_get_id (cq_source_get_profile (sources->pdata[1])), ==, "agency-example-feed");
}

static void
test_not_opml (CqTestStore   *fixture,
               gconstpointer  data)
{
  static const char * const documents[] = {
    "", "not xml at all", "<rss version=\"2.0\"><channel/></rss>", "<opml><head/></opml>",
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body>&x;</body></opml>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (documents[i], strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sources = NULL;
      gboolean ok = cq_opml_import (fixture->store, bytes, NULL, NULL, &error);

      sources = sources_of (fixture->store);
      g_assert_cmpuint (sources->len, ==, 1);
      g_assert_true (ok || error != NULL);
      g_assert_true (!ok || error == NULL);
    }
}

static GBytes *
many_outlines (guint       n,
               const char *host)
{
  GString *opml = g_string_new ("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (opml, "<outline text=\"Mission %u\" xmlUrl=\"https://%s/feed/%u.xml\"/>", i, host, i);
  g_string_append (opml, "</body></opml>");
  return g_string_free_to_bytes (opml);
}

static void
changed_cb (CqStore *store,
            guint    what,
            guint   *count)
{
  (*count)++;
}

/* Thousands of sources in one import: all added, each with an id of its
 * own, in one transaction that the store announces once; a second import
 * of the same list adds nothing. */
static void
test_many_at_once (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_outlines (4000, "news.example.org");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, skipped = 0, changes = 0;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_true (cq_opml_import (fixture->store, bytes, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 4000);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (changes, ==, 1);

  sources = sources_of (fixture->store);
  g_assert_cmpuint (sources->len, ==, 4001);
  for (guint i = 0; i < sources->len; i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) cq_profile_get_id (cq_source_get_profile (sources->pdata[i]))));

  g_assert_true (cq_opml_import (fixture->store, bytes, &added, &skipped, NULL));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 4000);
  g_signal_handlers_disconnect_by_data (fixture->store, &changes);
}

/* An outline titled with a quarter of a megabyte gives a source with a
 * name of a line, and every source still loads. */
static void
test_huge_title (CqTestStore   *fixture,
                 gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (256 * 1024, 'a');
  g_autofree char *opml = g_strdup_printf ("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
                                           "<outline text=\"%s\" xmlUrl=\"https://huge.example.org/feed\"/>"
                                           "</body></opml>", huge);
  g_autoptr(GBytes) bytes = g_bytes_new (opml, strlen (opml));
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (cq_opml_import (fixture->store, bytes, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  sources = sources_of (fixture->store);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpuint (g_utf8_strlen (cq_source_get_name (sources->pdata[1]), -1), ==, CQ_TEXT_MAX_NAME_CHARS);
}

#define ADD(path, func) \
  g_test_add ("/cq/opml/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("round-trip", test_round_trip);
  ADD ("folders-and-odd-outlines", test_folders_and_odd_outlines);
  ADD ("not-opml", test_not_opml);
  ADD ("many-at-once", test_many_at_once);
  ADD ("huge-title", test_huge_title);

  return g_test_run ();
}
