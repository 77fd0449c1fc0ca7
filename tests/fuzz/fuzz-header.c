/* fuzz-header.c: libFuzzer target for header discovery
 *
 * Any bytes are a page: discovery ends, keeps to its limits, and what it
 * proposes is a header a profile takes (the oracle applies it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cq-header-discovery.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static CqProfile *profile;
  static GDateTime *moment;
  static GTimeZone *home;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CqFoundHeader) found = NULL;
  g_autoptr(CqProfile) kept = NULL;
  g_autoptr(GError) error = NULL;
  guint clocks = 0, counters = 0, contacts = 0;

  if (profile == NULL)
    {
      profile = cq_profile_new_for_feed ("fuzz", "Fuzz", "https://example.org/", "https://example.org/", "html-list");
      home = g_time_zone_new_identifier ("Europe/London");
      moment = g_date_time_new_utc (2019, 6, 16, 19, 40, 0);
    }

  found = cq_header_discover (bytes, NULL, size % 2 ? moment : NULL, home, &error);
  if (found == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  for (guint i = 0; i < found->parts->len; i++)
    {
      CqFoundPart *part = g_ptr_array_index (found->parts, i);
      g_autofree char *said = cq_found_part_describe (part);

      g_assert (g_utf8_validate (said, -1, NULL));
      clocks += part->kind == CQ_FOUND_CLOCK;
      counters += part->kind == CQ_FOUND_COUNTER;
      contacts += part->kind == CQ_FOUND_CONTACT;
    }
  g_assert (clocks <= 4 && counters <= 6 && contacts <= 4);

  /* Whatever was found, the profile takes it, or refuses it in words. */
  kept = cq_found_header_apply (found, profile, NULL, &error);
  g_assert (kept != NULL || error != NULL);
  return 0;
}
