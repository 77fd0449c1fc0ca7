/* fuzz-feed.c: libFuzzer target for every feed parser and the format sniffer
 *
 * The first byte picks the path: the format hint and whether a profile with
 * a home zone is given, so one corpus reaches every parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cq-feed.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static CqProfile *profile;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CqParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mode;

  if (profile == NULL)
    profile = cq_profile_new_default ();
  if (size == 0)
    return 0;

  mode = data[0];
  bytes = g_bytes_new (data + 1, size - 1);
  feed = cq_feed_parse (bytes, "https://fuzz.example/dir/feed",
                        (mode & 1) ? CQ_FEED_FORMAT_HTML_LIST : CQ_FEED_FORMAT_AUTO,
                        (mode & 2) ? profile : NULL,
                        (mode & 4) ? "windows-1251" : NULL,
                        &error);

  /* Whatever comes out must be safe to hand to GTK. */
  g_assert ((feed != NULL) != (error != NULL));
  for (guint i = 0; feed != NULL && i < cq_parsed_feed_get_items (feed)->len; i++)
    {
      CqItem *item = g_ptr_array_index (cq_parsed_feed_get_items (feed), i);

      g_assert (cq_item_get_title (item) == NULL || g_utf8_validate (cq_item_get_title (item), -1, NULL));
      g_assert (cq_item_get_summary (item) == NULL || g_utf8_validate (cq_item_get_summary (item), -1, NULL));
      g_assert (cq_item_get_content (item) == NULL || g_utf8_validate (cq_item_get_content (item), -1, NULL));
      g_assert (cq_item_get_content (item) == NULL || strstr (cq_item_get_content (item), "<script") == NULL);
    }
  return 0;
}
