/* test-calendar.c: the date line, clocks and day counters for an injected "now"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cq-clock.h"
#include "cq-header.h"
#include "cq-test-util.h"
#include "cq-calendar.h"

#define SEED_MOMENT "2019-06-16T19:40:00Z"

static GTimeZone *
zone (const char *id)
{
  GTimeZone *tz = g_time_zone_new_identifier (id);

  g_assert_nonnull (tz);
  return tz;
}

static int
days_since (int         year,
            int         month,
            int         day,
            const char *now_iso,
            const char *zone_id)
{
  g_autoptr(GDateTime) now = cq_test_date_time (now_iso);
  g_autoptr(GTimeZone) tz = zone (zone_id);
  GDate since;

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, day, month, year);
  return cq_calendar_days_since (&since, now, tz);
}

static void
assert_clock (const char    *now_iso,
              const char    *zone_id,
              CqClockFormat  format,
              const char    *expected)
{
  g_autoptr(GDateTime) now = cq_test_date_time (now_iso);
  g_autoptr(GTimeZone) tz = zone (zone_id);
  g_autofree char *text = cq_calendar_format_clock (now, tz, format);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_seed_page_moment (void)
{
  g_autoptr(GDateTime) now = cq_test_date_time (SEED_MOMENT);
  g_autoptr(GTimeZone) london = zone ("Europe/London");
  g_autofree char *date = cq_calendar_format_date (now, london);

  g_assert_cmpstr (date, ==, "16 June 2019");
  assert_clock (SEED_MOMENT, "Europe/Moscow", CQ_CLOCK_FORMAT_24H, "22:40");
  assert_clock (SEED_MOMENT, "Europe/London", CQ_CLOCK_FORMAT_24H, "20:40");
  g_assert_cmpint (days_since (2018, 3, 4, SEED_MOMENT, "Europe/London"), ==, 469);
  g_assert_cmpint (days_since (2018, 3, 12, SEED_MOMENT, "Europe/London"), ==, 461);
}

static void
test_twelve_hour_clock (void)
{
  assert_clock (SEED_MOMENT, "Europe/Moscow", CQ_CLOCK_FORMAT_12H, "10:40 PM");
  assert_clock ("2019-06-16T08:05:00Z", "Europe/London", CQ_CLOCK_FORMAT_12H, "9:05 AM");
  assert_clock ("2019-06-16T23:00:00Z", "Europe/London", CQ_CLOCK_FORMAT_12H, "12:00 AM");
}

static void
test_counter_text (void)
{
  g_autofree char *many = cq_calendar_format_counter (469, "the Salisbury incident");
  g_autofree char *one = cq_calendar_format_counter (1, "the launch");
  g_autofree char *ahead = cq_calendar_format_counter (-3, "the conference");

  g_assert_cmpstr (many, ==, "469 days have passed since the Salisbury incident");
  g_assert_cmpstr (one, ==, "1 day has passed since the launch");
  g_assert_cmpstr (ahead, ==, "3 days to go until the conference");
}

/* In the spring London skips from 01:00 GMT to 02:00 BST; Moscow has kept
 * one offset since 2014. */
static void
test_spring_forward (void)
{
  assert_clock ("2019-03-31T00:59:00Z", "Europe/London", CQ_CLOCK_FORMAT_24H, "00:59");
  assert_clock ("2019-03-31T01:00:00Z", "Europe/London", CQ_CLOCK_FORMAT_24H, "02:00");
  assert_clock ("2019-03-31T00:59:00Z", "Europe/Moscow", CQ_CLOCK_FORMAT_24H, "03:59");
  assert_clock ("2019-03-31T01:00:00Z", "Europe/Moscow", CQ_CLOCK_FORMAT_24H, "04:00");

  /* The day with 23 hours still counts as one day. */
  g_assert_cmpint (days_since (2019, 3, 30, "2019-03-30T23:59:00Z", "Europe/London"), ==, 0);
  g_assert_cmpint (days_since (2019, 3, 30, "2019-03-31T00:00:00Z", "Europe/London"), ==, 1);
  g_assert_cmpint (days_since (2019, 3, 30, "2019-03-31T22:59:00Z", "Europe/London"), ==, 1);
  g_assert_cmpint (days_since (2019, 3, 30, "2019-03-31T23:00:00Z", "Europe/London"), ==, 2);
}

/* In the autumn London's clocks go back: 01:00 BST happens twice. */
static void
test_fall_back (void)
{
  assert_clock ("2019-10-27T00:30:00Z", "Europe/London", CQ_CLOCK_FORMAT_24H, "01:30");
  assert_clock ("2019-10-27T01:30:00Z", "Europe/London", CQ_CLOCK_FORMAT_24H, "01:30");

  /* Midnight starting the 25-hour day is 23:00 UTC the evening before. */
  g_assert_cmpint (days_since (2019, 10, 26, "2019-10-26T22:59:00Z", "Europe/London"), ==, 0);
  g_assert_cmpint (days_since (2019, 10, 26, "2019-10-26T23:00:00Z", "Europe/London"), ==, 1);
  g_assert_cmpint (days_since (2019, 10, 26, "2019-10-27T23:59:00Z", "Europe/London"), ==, 1);
  g_assert_cmpint (days_since (2019, 10, 26, "2019-10-28T00:00:00Z", "Europe/London"), ==, 2);
}

/* Counters follow the home zone's calendar, not Moscow's and not UTC's. */
static void
test_midnight_in_each_zone (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GDateTime) moscow_midnight = cq_test_date_time ("2019-06-16T21:00:00Z");
  g_autoptr(GDateTime) london_midnight = cq_test_date_time ("2019-06-16T23:00:00Z");
  g_autoptr(CqHeader) before = cq_header_new (profile, moscow_midnight, CQ_CLOCK_FORMAT_24H);
  g_autoptr(CqHeader) after = cq_header_new (profile, london_midnight, CQ_CLOCK_FORMAT_24H);

  g_assert_cmpstr (((CqHeaderClock *) before->clocks->pdata[0])->time, ==, "00:00");
  g_assert_cmpstr (before->date, ==, "16 June 2019");
  g_assert_cmpint (((CqHeaderCounter *) before->counters->pdata[0])->days, ==, 469);

  g_assert_cmpstr (((CqHeaderClock *) after->clocks->pdata[1])->time, ==, "00:00");
  g_assert_cmpstr (after->date, ==, "17 June 2019");
  g_assert_cmpint (((CqHeaderCounter *) after->counters->pdata[0])->days, ==, 470);
  g_assert_cmpint (((CqHeaderCounter *) after->counters->pdata[1])->days, ==, 462);
}

static void
assert_next_midnight (const char *now_iso,
                      const char *zone_id,
                      const char *expected_iso)
{
  g_autoptr(GDateTime) now = cq_test_date_time (now_iso);
  g_autoptr(GTimeZone) tz = zone (zone_id);
  g_autoptr(GDateTime) next = cq_calendar_next_midnight (now, tz);
  g_autofree char *text = cq_calendar_to_iso8601 (next);

  g_assert_cmpstr (text, ==, expected_iso);
}

static void
test_next_midnight (void)
{
  assert_next_midnight (SEED_MOMENT, "Europe/London", "2019-06-16T23:00:00Z");
  assert_next_midnight (SEED_MOMENT, "Europe/Moscow", "2019-06-16T21:00:00Z");
  assert_next_midnight ("2019-03-30T12:00:00Z", "Europe/London", "2019-03-31T00:00:00Z");
  assert_next_midnight ("2019-10-26T12:00:00Z", "Europe/London", "2019-10-26T23:00:00Z");
  /* São Paulo skipped its midnight on 4 November 2018: the day began at 01:00. */
  assert_next_midnight ("2018-11-03T15:00:00Z", "America/Sao_Paulo", "2018-11-04T03:00:00Z");
}

static void
test_next_minute (void)
{
  g_autoptr(GDateTime) mid_minute = cq_test_date_time ("2019-06-16T19:40:30Z");
  g_autoptr(GDateTime) on_minute = cq_test_date_time ("2019-06-16T19:40:00Z");
  g_autoptr(GDateTime) next_a = cq_calendar_next_minute (mid_minute);
  g_autoptr(GDateTime) next_b = cq_calendar_next_minute (on_minute);
  g_autofree char *a = cq_calendar_to_iso8601 (next_a);
  g_autofree char *b = cq_calendar_to_iso8601 (next_b);

  g_assert_cmpstr (a, ==, "2019-06-16T19:41:00Z");
  g_assert_cmpstr (b, ==, "2019-06-16T19:41:00Z");
}

static void
test_parse_iso8601 (void)
{
  g_autoptr(GDateTime) zulu = cq_calendar_parse_iso8601 ("2019-06-16T19:40:00Z");
  g_autoptr(GDateTime) offset = cq_calendar_parse_iso8601 ("2019-06-16T22:40:00+03:00");
  g_autoptr(GDateTime) date_only = cq_calendar_parse_iso8601 ("2019-06-16");
  g_autoptr(GDateTime) nonsense = cq_calendar_parse_iso8601 ("yesterday");
  g_autofree char *date_text = NULL;

  g_assert_true (g_date_time_equal (zulu, offset));
  date_text = cq_calendar_to_iso8601 (date_only);
  g_assert_cmpstr (date_text, ==, "2019-06-16T00:00:00Z");
  g_assert_null (nonsense);
}

static void
test_header_at_seed_moment (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GDateTime) now = cq_test_date_time (SEED_MOMENT);
  g_autoptr(CqHeader) header = cq_header_new (profile, now, CQ_CLOCK_FORMAT_24H);
  CqHeaderClock *moscow = header->clocks->pdata[0];
  CqHeaderCounter *salisbury = header->counters->pdata[0];
  CqHeaderCounter *glushkov = header->counters->pdata[1];

  g_assert_cmpstr (header->date, ==, "16 June 2019");
  g_assert_cmpstr (moscow->label, ==, "Moscow");
  g_assert_cmpstr (moscow->time, ==, "22:40");
  g_assert_cmpstr (salisbury->since, ==, "2018-03-04");
  g_assert_cmpstr (salisbury->text, ==, "469 days have passed since the Salisbury incident");
  g_assert_cmpstr (glushkov->text, ==,
                   "461 days have passed since the death of Nikolay Glushkov on British soil");
  g_assert_cmpuint (header->contacts->len, ==, 1);
}

/* Russian has three plural forms: 1 день, 2 дня, 5 дней; 21 is like 1. */
static void
test_russian_counters (void)
{
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GDateTime) now = cq_test_date_time (SEED_MOMENT);
  g_autoptr(CqHeader) header = NULL;
  static const struct {
    int days;
    const char *text;
  } cases[] = {
    { 1, "Прошёл 1 день с запуска" },
    { 2, "Прошло 2 дня с запуска" },
    { 5, "Прошло 5 дней с запуска" },
    { 11, "Прошло 11 дней с запуска" },
    { 21, "Прошёл 21 день с запуска" },
    { 24, "Прошло 24 дня с запуска" },
    { 469, "Прошло 469 дней с запуска" },
  };

  if (setlocale (LC_ALL, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (.ci/deps installs it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMMUNIQUE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cq_calendar_format_counter (cases[i].days, "запуска");

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  header = cq_header_new (profile, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpstr (header->date, ==, "16 июня 2019");
  /* The built-in profile speaks Russian too. */
  g_assert_cmpstr (((CqHeaderClock *) header->clocks->pdata[0])->label, ==, "Москва");
  g_assert_cmpstr (((CqHeaderCounter *) header->counters->pdata[0])->text, ==,
                   "Прошло 469 дней с инцидента в Солсбери");
  g_assert_cmpstr (((CqContact *) header->contacts->pdata[0])->label, ==, "Консульские вопросы");

  setlocale (LC_ALL, old_locale);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_fixed_clock (void)
{
  g_autoptr(GDateTime) start = cq_test_date_time (SEED_MOMENT);
  g_autoptr(GDateTime) later = cq_test_date_time ("2019-06-16T19:41:00Z");
  g_autoptr(CqClock) clock = cq_clock_new_fixed (start);
  guint notified = 0;

  g_signal_connect (clock, "notify::now", G_CALLBACK (count_notify), &notified);
  g_assert_true (cq_clock_is_fixed (clock));
  g_assert_true (g_date_time_equal (cq_clock_get_now (clock), start));

  cq_clock_set_now (clock, start);
  g_assert_cmpuint (notified, ==, 0);
  cq_clock_set_now (clock, later);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (g_date_time_equal (cq_clock_get_now (clock), later));

  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_system_clock (void)
{
  g_autoptr(CqClock) clock = cq_clock_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan skew = g_date_time_difference (now, cq_clock_get_now (clock));

  g_assert_false (cq_clock_is_fixed (clock));
  g_assert_cmpint (ABS (skew), <, 5 * G_TIME_SPAN_SECOND);
  /* Finalizing must remove the minute timer, or it would fire on freed memory. */
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* Counters' dates: exactly YYYY-MM-DD, and a real day. */
static void
test_calendar_date (void)
{
  const char *refused[] = { "2018-3-4", "2018-03-4x", "2018-02-30", "2018-13-01", "18-03-04", "2018-03-04 ",
                            "2018/03/04", "", "2018-03-04T00:00" };
  GDate date;

  g_assert_true (cq_calendar_parse_calendar_date ("2018-03-04", &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2018);
  g_assert_cmpuint (g_date_get_month (&date), ==, 3);
  g_assert_cmpuint (g_date_get_day (&date), ==, 4);
  g_assert_true (cq_calendar_parse_calendar_date ("2024-02-29", &date));
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (cq_calendar_parse_calendar_date (refused[i], &date));
  g_assert_false (cq_calendar_parse_calendar_date (NULL, &date));
}

static CqProfile *
profile_in_zone (const char *zone_id)
{
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"id\": \"p\", \"name\": \"P\","
                                           " \"feed\": {\"url\": \"https://example.org/feed\", \"format\": \"rss\"}%s%s%s}",
                                           zone_id != NULL ? ", \"time_zone\": \"" : "",
                                           zone_id != NULL ? zone_id : "",
                                           zone_id != NULL ? "\"" : "");
  g_autoptr(GError) error = NULL;
  CqProfile *profile = cq_profile_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return profile;
}

static void
assert_shown_clock (CqHeader   *header,
              guint       index,
              const char *label,
              const char *time)
{
  CqHeaderClock *clock = g_ptr_array_index (header->clocks, index);

  g_assert_cmpstr (clock->label, ==, label);
  g_assert_cmpstr (clock->time, ==, time);
}

/* A source with no clocks of its own shows its home's and the user's; one
 * when they are the same, or when it names no home. */
static void
test_header_twin_clocks (void)
{
  g_autoptr(GDateTime) now = cq_test_date_time (SEED_MOMENT);
  g_autoptr(CqProfile) london = profile_in_zone ("Europe/London");
  g_autoptr(CqProfile) paris = profile_in_zone ("Europe/Paris");
  g_autoptr(CqProfile) nowhere = profile_in_zone (NULL);
  g_autoptr(CqProfile) saved = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CqHeader) twin = NULL;
  g_autoptr(CqHeader) same = NULL;
  g_autoptr(CqHeader) own = NULL;
  g_autoptr(CqHeader) builtin = NULL;
  g_autoptr(CqProfile) seed = cq_profile_new_default ();
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));

  g_setenv ("TZ", "Europe/Paris", TRUE);

  twin = cq_header_new (london, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpuint (twin->clocks->len, ==, 2);
  assert_shown_clock (twin, 0, "London", "20:40");
  assert_shown_clock (twin, 1, "Paris", "21:40");

  same = cq_header_new (paris, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpuint (same->clocks->len, ==, 1);
  assert_shown_clock (same, 0, "Paris", "21:40");

  /* UTC for want of a home is no home: the user's clock alone, and it
   * stays so once saved and read back. */
  own = cq_header_new (nowhere, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpuint (own->clocks->len, ==, 1);
  assert_shown_clock (own, 0, "Paris", "21:40");
  data = cq_profile_to_data (nowhere);
  saved = cq_profile_new_from_data (data, -1, NULL);
  g_assert_false (cq_profile_has_time_zone (saved));

  /* A profile with clocks of its own shows those alone. */
  builtin = cq_header_new (seed, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpuint (builtin->clocks->len, ==, 2);
  assert_shown_clock (builtin, 0, "Moscow", "22:40");

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

static char *
relative (const char    *when_iso,
          const char    *now_iso,
          const char    *zone_name,
          gboolean       is_date,
          CqClockFormat  format)
{
  g_autoptr(GDateTime) when = cq_calendar_parse_iso8601 (when_iso);
  g_autoptr(GDateTime) now = cq_calendar_parse_iso8601 (now_iso);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  return cq_calendar_format_relative (when, now, zone, is_date, format);
}

/* Today and yesterday by the source's calendar, then the date. */
static void
test_relative_dates (void)
{
  struct {
    const char *when, *now, *zone;
    gboolean is_date;
    CqClockFormat format;
    const char *expected;
  } cases[] = {
    { "2019-06-16T13:05:00Z", "2019-06-16T19:40:00Z", "Europe/London", FALSE, CQ_CLOCK_FORMAT_24H, "Today 14:05" },
    { "2019-06-16T13:05:00Z", "2019-06-16T19:40:00Z", "Europe/London", FALSE, CQ_CLOCK_FORMAT_12H, "Today 2:05 PM" },
    { "2019-06-15T08:10:00Z", "2019-06-16T19:40:00Z", "Europe/London", FALSE, CQ_CLOCK_FORMAT_24H, "Yesterday 09:10" },
    { "2019-06-14T22:30:00Z", "2019-06-16T19:40:00Z", "Europe/London", FALSE, CQ_CLOCK_FORMAT_24H, "14.06.2019" },
    { "2019-06-15T00:00:00Z", "2019-06-16T19:40:00Z", "Europe/London", TRUE, CQ_CLOCK_FORMAT_24H, "Yesterday" },
    { "2019-06-16T10:00:00Z", "2019-06-16T19:40:00Z", "Europe/London", TRUE, CQ_CLOCK_FORMAT_24H, "Today" },
    /* 23:30 UTC is already tomorrow in Moscow, and 21:40 UTC is today there. */
    { "2019-06-16T21:30:00Z", "2019-06-16T21:40:00Z", "Europe/Moscow", FALSE, CQ_CLOCK_FORMAT_24H, "Today 00:30" },
    { "2019-06-16T20:30:00Z", "2019-06-16T21:40:00Z", "Europe/Moscow", FALSE, CQ_CLOCK_FORMAT_24H, "Yesterday 23:30" },
    /* Across a year's end, and a clock ahead of ours is never "today". */
    { "2019-12-31T12:00:00Z", "2020-01-01T09:00:00Z", "UTC", FALSE, CQ_CLOCK_FORMAT_24H, "Yesterday 12:00" },
    { "2019-06-17T10:00:00Z", "2019-06-16T19:40:00Z", "Europe/London", FALSE, CQ_CLOCK_FORMAT_24H, "17.06.2019" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = relative (cases[i].when, cases[i].now, cases[i].zone, cases[i].is_date, cases[i].format);

      g_assert_cmpstr (shown, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cq/calendar/seed-page-moment", test_seed_page_moment);
  g_test_add_func ("/cq/calendar/calendar-date", test_calendar_date);
  g_test_add_func ("/cq/calendar/twelve-hour-clock", test_twelve_hour_clock);
  g_test_add_func ("/cq/calendar/counter-text", test_counter_text);
  g_test_add_func ("/cq/calendar/relative-dates", test_relative_dates);
  g_test_add_func ("/cq/calendar/dst/spring-forward", test_spring_forward);
  g_test_add_func ("/cq/calendar/dst/fall-back", test_fall_back);
  g_test_add_func ("/cq/calendar/midnight-in-each-zone", test_midnight_in_each_zone);
  g_test_add_func ("/cq/calendar/next-midnight", test_next_midnight);
  g_test_add_func ("/cq/calendar/next-minute", test_next_minute);
  g_test_add_func ("/cq/calendar/parse-iso8601", test_parse_iso8601);
  g_test_add_func ("/cq/calendar/russian-counters", test_russian_counters);
  g_test_add_func ("/cq/header/seed-page-moment", test_header_at_seed_moment);
  g_test_add_func ("/cq/header/twin-clocks", test_header_twin_clocks);
  g_test_add_func ("/cq/clock/fixed", test_fixed_clock);
  g_test_add_func ("/cq/clock/system", test_system_clock);

  return g_test_run ();
}
