/* test-citation.c: how a statement is cited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-citation.h"
#include "cq-test-util.h"

static void
test_citation (void)
{
  g_autoptr(CqItem) item = cq_test_item ("s5", "Statement at a working group", "2019-06-07T16:00:00Z", NULL, NULL);
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) retrieved = cq_test_date_time ("2019-06-16T19:40:00Z");
  g_autofree char *citation = cq_citation_format (item, london, "Europe/London", retrieved);

  g_assert_cmpstr (citation, ==,
                   "Statement at a working group\n"
                   "\n"
                   "Published 2019-06-07 17:00 +0100 (Europe/London)\n"
                   "Retrieved 2019-06-16T19:40:00Z\n"
                   "https://news.example.org/statements/s5\n");
}

static void
test_date_only (void)
{
  g_autoptr(CqItem) item = cq_test_item ("d1", "A notice", "2019-06-15T23:00:00Z", NULL, NULL);
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) retrieved = cq_test_date_time ("2019-06-16T19:40:00Z");
  g_autofree char *citation = NULL;

  cq_item_set_published_is_date (item, TRUE);
  citation = cq_citation_format (item, london, "Europe/London", retrieved);
  g_assert_nonnull (strstr (citation, "Published 2019-06-16 (Europe/London)\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cq/citation/format", test_citation);
  g_test_add_func ("/cq/citation/date-only", test_date_only);
  return g_test_run ();
}
