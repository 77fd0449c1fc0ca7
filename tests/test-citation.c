/* test-citation.c: how a statement is cited, in each style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-citation.h"
#include "cq-item-private.h"
#include "cq-test-util.h"

#define SITE "Embassy of Testland in the United Kingdom"

/* A statement as the store gives it: stored, with its source's name. */
static CqItem *
stored_item (const char *guid,
             const char *title,
             const char *published_iso,
             const char *author)
{
  CqItem *item = cq_test_item (guid, title, published_iso, NULL, NULL);
  g_autoptr(GDateTime) seen = cq_test_date_time ("2019-06-16T19:40:00Z");

  _cq_item_set_stored (item, 1, 1, SITE, seen);
  cq_item_set_author (item, author);
  return item;
}

static char *
cite (CqItem          *item,
      CqCitationStyle  style)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) retrieved = cq_test_date_time ("2019-06-16T19:40:00Z");

  return cq_citation_format (item, style, london, "Europe/London", retrieved);
}

static void
test_record (void)
{
  g_autoptr(CqItem) item = cq_test_item ("s5", "Statement at a working group", "2019-06-07T16:00:00Z", NULL, NULL);
  g_autofree char *citation = cite (item, CQ_CITATION_RECORD);

  g_assert_cmpstr (citation, ==,
                   "Statement at a working group\n"
                   "\n"
                   "Published 2019-06-07 17:00 +0100 (Europe/London)\n"
                   "Retrieved 2019-06-16T19:40:00Z\n"
                   "https://news.example.org/statements/s5\n");
}

static void
test_record_date_only (void)
{
  g_autoptr(CqItem) item = cq_test_item ("d1", "A notice", "2019-06-15T23:00:00Z", NULL, NULL);
  g_autofree char *citation = NULL;

  cq_item_set_published_is_date (item, TRUE);
  citation = cite (item, CQ_CITATION_RECORD);
  g_assert_nonnull (strstr (citation, "Published 2019-06-16 (Europe/London)\n"));
}

/* The organisation wrote it: its name leads, and is not said again as the site. */
static void
test_organisation_author (void)
{
  g_autoptr(CqItem) item = stored_item ("s5", "Statement at a working group", "2019-06-07T16:00:00Z", NULL);
  g_autofree char *apa = cite (item, CQ_CITATION_APA);
  g_autofree char *mla = cite (item, CQ_CITATION_MLA);
  g_autofree char *chicago = cite (item, CQ_CITATION_CHICAGO);
  g_autofree char *link = cite (item, CQ_CITATION_LINK);

  g_assert_cmpstr (apa, ==, SITE ". (2019, June 7). Statement at a working group. "
                            "https://news.example.org/statements/s5");
  g_assert_cmpstr (mla, ==, "\u201cStatement at a working group.\u201d " SITE ", 7 June 2019, "
                            "news.example.org/statements/s5.");
  g_assert_cmpstr (chicago, ==, SITE ". \u201cStatement at a working group.\u201d June 7, 2019. "
                                "https://news.example.org/statements/s5.");
  g_assert_cmpstr (link, ==, "Statement at a working group\nhttps://news.example.org/statements/s5");
}

/* A named author leads; the site follows; the author said as the site is the organisation. */
static void
test_personal_author (void)
{
  g_autoptr(CqItem) item = stored_item ("s4", "Remarks on the harbour fire", "2019-09-01T08:00:00Z", "Jane Doe");
  g_autoptr(CqItem) same = stored_item ("s3", "A notice", "2019-09-01T08:00:00Z", SITE);
  g_autofree char *apa = cite (item, CQ_CITATION_APA);
  g_autofree char *mla = cite (item, CQ_CITATION_MLA);
  g_autofree char *chicago = cite (item, CQ_CITATION_CHICAGO);
  g_autofree char *same_apa = cite (same, CQ_CITATION_APA);

  g_assert_cmpstr (apa, ==, "Jane Doe. (2019, September 1). Remarks on the harbour fire. " SITE ". "
                            "https://news.example.org/statements/s4");
  /* MLA abbreviates September as "Sept.". */
  g_assert_cmpstr (mla, ==, "Jane Doe. \u201cRemarks on the harbour fire.\u201d " SITE ", 1 Sept. 2019, "
                            "news.example.org/statements/s4.");
  g_assert_cmpstr (chicago, ==, "Jane Doe. \u201cRemarks on the harbour fire.\u201d " SITE ". September 1, 2019. "
                                "https://news.example.org/statements/s4.");
  g_assert_cmpstr (same_apa, ==, SITE ". (2019, September 1). A notice. https://news.example.org/statements/s3");
}

/* Undated: each style says when it was read instead, as its manual asks. */
static void
test_undated (void)
{
  g_autoptr(CqItem) item = stored_item ("u1", "Why the consulate is closed?", NULL, NULL);
  g_autofree char *apa = cite (item, CQ_CITATION_APA);
  g_autofree char *mla = cite (item, CQ_CITATION_MLA);
  g_autofree char *chicago = cite (item, CQ_CITATION_CHICAGO);

  g_assert_cmpstr (apa, ==, SITE ". (n.d.). Why the consulate is closed? Retrieved June 16, 2019, from "
                            "https://news.example.org/statements/u1");
  g_assert_cmpstr (mla, ==, "\u201cWhy the consulate is closed?\u201d " SITE ", news.example.org/statements/u1. "
                            "Accessed 16 June 2019.");
  g_assert_cmpstr (chicago, ==, SITE ". \u201cWhy the consulate is closed?\u201d Accessed June 16, 2019. "
                                "https://news.example.org/statements/u1.");
}

/* Dated in the source's zone: 23:30 UTC on 31 December is 1 January in Moscow. */
static void
test_home_zone_date (void)
{
  g_autoptr(CqItem) item = stored_item ("n1", "New Year greetings", "2019-12-31T23:30:00Z", NULL);
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GDateTime) retrieved = cq_test_date_time ("2020-01-02T10:00:00Z");
  g_autofree char *apa = cq_citation_format (item, CQ_CITATION_APA, moscow, "Europe/Moscow", retrieved);

  g_assert_nonnull (strstr (apa, "(2020, January 1)"));
}

/* Nothing but a title and a link: no stray full stops or commas. */
static void
test_bare_item (void)
{
  g_autoptr(CqItem) item = cq_test_item ("b1", "Short note", "2019-06-07T16:00:00Z", NULL, NULL);
  g_autofree char *apa = cite (item, CQ_CITATION_APA);
  g_autofree char *mla = cite (item, CQ_CITATION_MLA);
  g_autofree char *chicago = cite (item, CQ_CITATION_CHICAGO);

  g_assert_cmpstr (apa, ==, "Short note. (2019, June 7). https://news.example.org/statements/b1");
  g_assert_cmpstr (mla, ==, "\u201cShort note.\u201d 7 June 2019, news.example.org/statements/b1.");
  g_assert_cmpstr (chicago, ==, "\u201cShort note.\u201d June 7, 2019. https://news.example.org/statements/b1.");
}

static void
test_style_names (void)
{
  for (CqCitationStyle style = 0; style < CQ_CITATION_N_STYLES; style++)
    {
      CqCitationStyle back = CQ_CITATION_N_STYLES;

      g_assert_true (cq_citation_style_from_string (cq_citation_style_to_string (style), &back));
      g_assert_cmpint (back, ==, style);
      g_assert_nonnull (cq_citation_style_get_label (style));
    }
  {
    CqCitationStyle style = CQ_CITATION_APA;

    g_assert_false (cq_citation_style_from_string ("harvard", &style));
    g_assert_false (cq_citation_style_from_string (NULL, &style));
    g_assert_cmpint (style, ==, CQ_CITATION_APA);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cq/citation/record", test_record);
  g_test_add_func ("/cq/citation/record-date-only", test_record_date_only);
  g_test_add_func ("/cq/citation/organisation-author", test_organisation_author);
  g_test_add_func ("/cq/citation/personal-author", test_personal_author);
  g_test_add_func ("/cq/citation/undated", test_undated);
  g_test_add_func ("/cq/citation/home-zone-date", test_home_zone_date);
  g_test_add_func ("/cq/citation/bare-item", test_bare_item);
  g_test_add_func ("/cq/citation/style-names", test_style_names);
  return g_test_run ();
}
