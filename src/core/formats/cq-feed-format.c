/* cq-feed-format.c: the kinds of document a source can serve
 *
 * The names are the profile's (cq_profile_feed_formats); this layer only
 * numbers them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include "cq-feed-format.h"

const char *
cq_feed_format_to_string (CqFeedFormat format)
{
  g_return_val_if_fail (format <= CQ_FEED_FORMAT_HTML_LIST, NULL);
  return cq_profile_feed_formats[format];
}

gboolean
cq_feed_format_from_string (const char   *string,
                            CqFeedFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i <= CQ_FEED_FORMAT_HTML_LIST; i++)
    {
      g_assert (cq_profile_feed_formats[i] != NULL);
      if (g_strcmp0 (string, cq_profile_feed_formats[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* A stored profile was checked when it was read, so its name is known. */
CqFeedFormat
cq_feed_format_for_profile (CqProfile *profile)
{
  CqFeedFormat format = CQ_FEED_FORMAT_AUTO;

  g_return_val_if_fail (CQ_IS_PROFILE (profile), CQ_FEED_FORMAT_AUTO);

  cq_feed_format_from_string (cq_profile_get_feed_format (profile), &format);
  return format;
}
