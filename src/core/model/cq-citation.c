/* cq-citation.c: how a statement is cited
 *
 * Title, source, when it was published in the source's own zone (which is
 * how the source dates it), when it was retrieved in UTC (which is how an
 * archive dates it), and the link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-citation.h"
#include "cq-calendar.h"

/**
 * cq_citation_format:
 * @home: the source's zone
 * @zone_name: its name, such as "Europe/London"
 * @retrieved: when the text was retrieved
 *
 * Returns: (transfer full): the citation, one line per part
 */
char *
cq_citation_format (CqItem     *item,
                    GTimeZone  *home,
                    const char *zone_name,
                    GDateTime  *retrieved)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *when = NULL;

  g_return_val_if_fail (CQ_IS_ITEM (item), NULL);
  g_return_val_if_fail (home != NULL, NULL);
  g_return_val_if_fail (retrieved != NULL, NULL);

  g_string_append_printf (out, "%s\n%s\n",
                          cq_item_get_title (item) != NULL ? cq_item_get_title (item) : _("Untitled"),
                          cq_item_get_source_name (item) != NULL ? cq_item_get_source_name (item) : "");
  if (cq_item_get_published (item) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (cq_item_get_published (item), home);
      g_autofree char *date = g_date_time_format (local, cq_item_get_published_is_date (item)
                                                         ? "%Y-%m-%d" : "%Y-%m-%d %H:%M %z");

      /* Translators: %s is a date and time, the second %s its time zone. */
      g_string_append_printf (out, _("Published %s (%s)"), date, zone_name);
      g_string_append_c (out, '\n');
    }
  when = cq_calendar_to_iso8601 (retrieved);
  /* Translators: %s is a date and time in UTC. */
  g_string_append_printf (out, _("Retrieved %s"), when);
  g_string_append_c (out, '\n');
  if (cq_item_get_link (item) != NULL)
    g_string_append_printf (out, "%s\n", cq_item_get_link (item));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
