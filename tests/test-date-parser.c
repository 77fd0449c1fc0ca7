/* test-date-parser.c: dates as real feeds and pages write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-date-parser.h"
#include "cq-calendar.h"

typedef struct {
  const char *text;
  const char *zone;       /* the source's home zone */
  const char *expected;   /* UTC, or NULL for "not a date" */
  gboolean    date_only;
} DateCase;

static const DateCase cases[] = {
  /* RFC 822 / 1123 */
  { "Sun, 16 Jun 2019 19:40:00 GMT", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Sun, 16 Jun 2019 22:40:00 +0300", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Sun, 16 Jun 2019 22:40:00 MSK", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Sun, 16 Jun 2019 15:40:00 EDT", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Fri, 31 May 19 17:00 EST", "UTC", "2019-05-31T22:00:00Z", FALSE },
  { "16 Jun 2019 19:40 UT", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Sun,16 Jun 2019 20:40:00 BST", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Mon, 03 Jun 2019 09:15:00 +01:00", "UTC", "2019-06-03T08:15:00Z", FALSE },
  { "Thu, 01 Jan 98 00:00:00 GMT", "UTC", "1998-01-01T00:00:00Z", FALSE },
  /* Twelve-hour times with a zone's abbreviation, as weather feeds write them. */
  { "Sun, 16 Jun 2019 3:40 pm EDT", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "Sun, 16 Jun 2019 12:10 am CEST", "UTC", "2019-06-15T22:10:00Z", FALSE },
  { "Sun, 16 Jun 2019 12:10 p.m. GMT", "UTC", "2019-06-16T12:10:00Z", FALSE },
  /* ISO dates with the offset written apart from the time. */
  { "2019-06-16 22:40:00 +0300", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "2019-06-16 12:40:00 -0700", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "16 Jun 2019 20:40:00", "Europe/London", "2019-06-16T19:40:00Z", FALSE },
  /* RFC 3339 / ISO 8601 */
  { "2019-06-16T19:40:00Z", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "2019-06-16t22:40:00+03:00", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "2019-06-16T19:40:00.250Z", "UTC", "2019-06-16T19:40:00Z", FALSE },
  { "2019-06-16 20:40:00", "Europe/London", "2019-06-16T19:40:00Z", FALSE },
  { "2019-06-16T20:40", "Europe/London", "2019-06-16T19:40:00Z", FALSE },
  /* date-only: the start of the day in the source's home zone */
  { "2019-06-16", "Europe/London", "2019-06-15T23:00:00Z", TRUE },
  { "2019-01-16", "Europe/London", "2019-01-16T00:00:00Z", TRUE },
  { "16.06.2019", "Europe/Moscow", "2019-06-15T21:00:00Z", TRUE },
  { "7.6.2019", "UTC", "2019-06-07T00:00:00Z", TRUE },
  { "07.06.2019 14:30", "Europe/London", "2019-06-07T13:30:00Z", FALSE },
  { "16 June 2019", "Europe/London", "2019-06-15T23:00:00Z", TRUE },
  { "June 16, 2019", "UTC", "2019-06-16T00:00:00Z", TRUE },
  { "May 27th, 2019", "UTC", "2019-05-27T00:00:00Z", TRUE },
  { "16 июня 2019 г.", "UTC", "2019-06-16T00:00:00Z", TRUE },
  { "16 мая 2019", "UTC", "2019-05-16T00:00:00Z", TRUE },
  /* not dates: the item stays, undated */
  { "", "UTC", NULL, FALSE },
  { "not a date at all", "UTC", NULL, FALSE },
  { "31.02.2019", "UTC", NULL, FALSE },
  { "2019-13-45", "UTC", NULL, FALSE },
  { "Sun, 32 Jun 2019 19:40:00 GMT", "UTC", NULL, FALSE },
  { "yesterday at noon", "UTC", NULL, FALSE },
  { "16 Jun 2019 25:61", "UTC", NULL, FALSE },
};

static void
test_case (gconstpointer data)
{
  const DateCase *c = data;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (c->zone);
  gboolean date_only = !c->date_only;
  g_autoptr(GDateTime) parsed = cq_date_parse (c->text, zone, &date_only);
  g_autofree char *text = parsed != NULL ? cq_calendar_to_iso8601 (parsed) : NULL;

  g_assert_cmpstr (text, ==, c->expected);
  if (c->expected != NULL)
    g_assert_cmpint (date_only, ==, c->date_only);
}

static void
test_hostile (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *long_text = g_strnfill (100000, '9');

  g_assert_null (cq_date_parse (NULL, utc, NULL));
  g_assert_null (cq_date_parse (long_text, utc, NULL));
  g_assert_null (cq_date_parse ("\xff\xfe 16 Jun 2019", utc, NULL));
  g_assert_null (cq_date_parse ("99999-01-01", utc, NULL));
  /* One digit alone was read a byte past its end (the header fuzzer found
   * it); sanitizer builds see any such read. */
  for (char digit = '0'; digit <= '9'; digit++)
    {
      char text[2] = { digit, '\0' };

      g_assert_null (cq_date_parse (text, utc, NULL));
    }
}

static void
assert_with_format (const char *text,
                    const char *format,
                    const char *expected,
                    gboolean    expected_date_only)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  gboolean date_only = !expected_date_only;
  g_autoptr(GDateTime) parsed = cq_date_parse_with_format (text, format, london, &date_only);
  g_autofree char *iso = parsed != NULL ? cq_calendar_to_iso8601 (parsed) : NULL;

  g_assert_cmpstr (iso, ==, expected);
  if (expected != NULL)
    g_assert_cmpint (date_only, ==, expected_date_only);
}

static void
test_profile_formats (void)
{
  assert_with_format ("2019/06/16", "%Y/%m/%d", "2019-06-15T23:00:00Z", TRUE);
  assert_with_format ("  16-06-19 20:40", "%d-%m-%y %H:%M", "2019-06-16T19:40:00Z", FALSE);
  assert_with_format ("Published: 16 June 2019", "Published: %d %B %Y", "2019-06-15T23:00:00Z", TRUE);
  assert_with_format ("16   июня   2019", "%d %B %Y", "2019-06-15T23:00:00Z", TRUE);
  assert_with_format ("2019/06/16", "%d.%m.%Y", NULL, FALSE);
  assert_with_format ("2019/02/30", "%Y/%m/%d", NULL, FALSE);
  assert_with_format ("16.06.2019 25:00", "%d.%m.%Y %H:%M", NULL, FALSE);
  assert_with_format ("16.06.2019", "%d.%m.%Y %Q", NULL, FALSE);
}

/* The quick path's reading of @quick and the general reader's of @general
 * (the same date, spelled so that only the general reader takes it) are
 * the same instant, or both none, and agree on whether it is a date only.
 * Returns: (transfer full) (nullable): the instant */
static GDateTime *
same_reading (const char *quick,
              const char *general,
              GTimeZone  *home,
              gboolean   *date_only)
{
  gboolean general_date_only = *date_only;
  GDateTime *a = cq_date_parse (quick, home, date_only);
  g_autoptr(GDateTime) b = cq_date_parse (general, home, &general_date_only);

  if ((a == NULL) != (b == NULL) || (a != NULL && !g_date_time_equal (a, b)))
    g_error ("“%s” and “%s” read differently", quick, general);
  g_assert_cmpint (*date_only, ==, general_date_only);
  return a;
}

/* RFC 822 dates are read by a quick path that takes only the standard
 * spacing; with a second space the general reader takes them.  Both must
 * agree on every combination, the wrong ones included. */
static void
test_rfc822_quick_path (void)
{
  static const char * const weekdays[] = { "", "Sun, ", "mon, ", "WED, ", "Mar, ", "Xyz, " };
  static const char * const days[] = { "0", "1", "07", "31", "32", "00" };
  static const char * const months[] = { "Jun", "dec", "JAN", "sEp", "Xyz" };
  static const char * const years[] = { "2019", "1999", "0000" };
  static const char * const times[] = { "00:00", "23:59:60", "24:00:00", "24:01:00", "25:00:00", "12:60:00", "12:00:61", "7:05:00" };
  static const char * const zones[] = { "", " +0100", " -0530", " +1500", " GMT", " est", " XYZ", " +01:00" };
  g_autoptr(GTimeZone) home = g_time_zone_new_identifier ("Europe/Moscow");
  guint checked = 0, parsed = 0;

  for (guint w = 0; w < G_N_ELEMENTS (weekdays); w++)
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      for (guint m = 0; m < G_N_ELEMENTS (months); m++)
        for (guint y = 0; y < G_N_ELEMENTS (years); y++)
          for (guint t = 0; t < G_N_ELEMENTS (times); t++)
            for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
              {
                g_autofree char *quick = g_strdup_printf ("%s%s %s %s %s%s", weekdays[w], days[d], months[m],
                                                          years[y], times[t], zones[z]);
                g_autofree char *general = g_strdup_printf ("%s%s  %s %s %s%s", weekdays[w], days[d], months[m],
                                                            years[y], times[t], zones[z]);
                gboolean date_only = FALSE;
                g_autoptr(GDateTime) a = same_reading (quick, general, home, &date_only);

                checked++;
                parsed += a != NULL;
              }
  g_test_message ("%u forms, %u of them dates", checked, parsed);
  g_assert_cmpuint (parsed, >, 100);
}

/* RFC 3339 dates with whole seconds are read by a quick path; with a
 * fraction of a second (".0", the same instant) the general reader, and
 * so GLib's, takes them.  Both must agree on every combination. */
static void
test_rfc3339_quick_path (void)
{
  static const char * const dates[] = { "2019-06-16", "2020-02-29", "2019-02-29", "2019-13-01", "2019-06-00",
                                        "0001-01-01", "9999-12-31", "1970-01-01", "1969-12-31" };
  static const char * const separators[] = { "T", "t", " " };
  static const char * const times[] = { "00:00:00", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "07:05:09" };
  static const char * const zones[] = { "Z", "z", "+01:00", "-05:30", "+0100", "+14:00", "+15:00", "-00:00",
                                        "+01:60", "" };
  g_autoptr(GTimeZone) home = g_time_zone_new_identifier ("Europe/Moscow");
  guint checked = 0, parsed = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
    for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
      for (guint t = 0; t < G_N_ELEMENTS (times); t++)
        for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
          {
            g_autofree char *quick = g_strdup_printf ("%s%s%s%s", dates[d], separators[s], times[t], zones[z]);
            g_autofree char *general = g_strdup_printf ("%s%s%s.0%s", dates[d], separators[s], times[t], zones[z]);
            gboolean date_only = TRUE;
            g_autoptr(GDateTime) a = same_reading (quick, general, home, &date_only);

            if (a != NULL)
              {
                g_assert_false (date_only);
                g_assert_cmpint (g_date_time_get_utc_offset (a), ==, 0);
              }
            checked++;
            parsed += a != NULL;
          }
  g_test_message ("%u forms, %u of them dates", checked, parsed);
  g_assert_cmpuint (parsed, >, 200);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cq/date-parser/%u", i);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/cq/date-parser/hostile", test_hostile);
  g_test_add_func ("/cq/date-parser/rfc822-quick-path", test_rfc822_quick_path);
  g_test_add_func ("/cq/date-parser/rfc3339-quick-path", test_rfc3339_quick_path);
  g_test_add_func ("/cq/date-parser/profile-formats", test_profile_formats);
  return g_test_run ();
}
