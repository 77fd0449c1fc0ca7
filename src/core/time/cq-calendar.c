/* cq-calendar.c: dates, clocks and day counters as pure functions of "now"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-time"

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cq-calendar.h"

/**
 * cq_calendar_format_date:
 * @now: the instant to show
 * @zone: the zone whose calendar names the day
 *
 * Returns: (transfer full): the date line, "16 June 2019" in English
 */
char *
cq_calendar_format_date (GDateTime *now,
                     GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_to_timezone (now, zone);
  /* Translators: the date line in the header, as strftime() reads it;
   * %-d is the day without padding, %B the month's name, %Y the year. */
  return g_date_time_format (local, C_("header date", "%-d %B %Y"));
}

/**
 * cq_calendar_format_clock:
 *
 * Returns: (transfer full): the time of day in @zone, "22:40" or "10:40 PM"
 */
char *
cq_calendar_format_clock (GDateTime     *now,
                      GTimeZone     *zone,
                      CqClockFormat  format)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_to_timezone (now, zone);
  if (format == CQ_CLOCK_FORMAT_12H)
    /* Translators: a 12-hour clock, as strftime() reads it. */
    return g_date_time_format (local, C_("12-hour clock", "%-l:%M %p"));

  /* Translators: a 24-hour clock, as strftime() reads it. */
  return g_date_time_format (local, C_("24-hour clock", "%H:%M"));
}

/**
 * cq_calendar_format_relative:
 * @when: the instant to show
 * @now: the current instant
 * @zone: the zone whose calendar says what today is, and whose clock the
 *   time is read on (a source's home zone: as the source dates it)
 * @is_date: whether @when is a day with no time of day
 * @format: the desktop's clock format
 *
 * As mail and news readers date a list: "Today 14:05", "Yesterday 09:10",
 * then the date.  A moment in the future (a clock ahead, a source's
 * mistake) is dated, never called today.
 *
 * Returns: (transfer full): the date for a list row
 */
char *
cq_calendar_format_relative (GDateTime     *when,
                             GDateTime     *now,
                             GTimeZone     *zone,
                             gboolean       is_date,
                             CqClockFormat  format)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *time = NULL;
  GDate when_day, today_day;
  int days;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_to_timezone (when, zone);
  today = g_date_time_to_timezone (now, zone);
  g_date_clear (&when_day, 1);
  g_date_clear (&today_day, 1);
  g_date_set_dmy (&when_day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_set_dmy (&today_day, g_date_time_get_day_of_month (today), g_date_time_get_month (today),
                  g_date_time_get_year (today));
  days = g_date_days_between (&when_day, &today_day);

  if (days != 0 && days != 1)
    /* Translators: an item's date in the news list, as strftime() reads it. */
    return g_date_time_format (local, C_("list date", "%d.%m.%Y"));
  if (is_date)
    return g_strdup (days == 0 ? _("Today") : _("Yesterday"));

  time = cq_calendar_format_clock (when, zone, format);
  /* Translators: %s is a time of day, "14:05" or "2:05 PM". */
  return g_strdup_printf (days == 0 ? _("Today %s") : _("Yesterday %s"), time);
}

/**
 * cq_calendar_days_since:
 * @since: the first day
 * @now: the current instant
 * @zone: the zone whose calendar decides what "today" is
 *
 * Counts whole calendar days, not periods of 24 hours: the count goes up at
 * midnight in @zone, and a day with a daylight-saving change counts once.
 *
 * Returns: the number of days from @since to today, negative before it
 */
int
cq_calendar_days_since (const GDate *since,
                    GDateTime   *now,
                    GTimeZone   *zone)
{
  g_autoptr(GDateTime) local = NULL;
  GDate today;

  g_return_val_if_fail (since != NULL && g_date_valid (since), 0);
  g_return_val_if_fail (now != NULL, 0);
  g_return_val_if_fail (zone != NULL, 0);

  local = g_date_time_to_timezone (now, zone);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));

  return g_date_days_between (since, &today);
}

/**
 * cq_calendar_format_counter:
 *
 * Returns: (transfer full): "469 days have passed since @label", in the
 *   plural form the language needs for @days
 */
char *
cq_calendar_format_counter (int         days,
                        const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  if (days < 0)
    {
      int remaining = -days;

      /* Translators: a counter whose start date is still ahead. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d day to go until %s",
                                           "%d days to go until %s",
                                           remaining),
                              remaining, label);
    }

  /* Translators: %d is a number of days, %s names an event such as
   * “the Salisbury incident”. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d day has passed since %s",
                                       "%d days have passed since %s",
                                       days),
                          days, label);
}

/**
 * cq_calendar_next_minute:
 *
 * Returns: (transfer full): the first instant of the minute after @now,
 *   when a clock showing minutes must change
 */
GDateTime *
cq_calendar_next_minute (GDateTime *now)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds;

  g_return_val_if_fail (now != NULL, NULL);

  /* Every zone in use today is offset by whole minutes from UTC, so the
   * minute boundary can be found on the Unix time line. */
  utc = g_date_time_to_utc (now);
  seconds = g_date_time_to_unix (utc);
  return g_date_time_new_from_unix_utc (seconds - (seconds % 60) + 60);
}

/**
 * cq_calendar_next_midnight:
 *
 * Returns: (transfer full): the start of the next calendar day in @zone,
 *   when day counters must change
 */
GDateTime *
cq_calendar_next_midnight (GDateTime *now,
                       GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_to_timezone (now, zone);
  tomorrow = g_date_time_add_days (local, 1);

  /* Where a zone skips midnight for daylight saving, GLib moves the
   * non-existent time forward to the first one that exists. */
  return g_date_time_new (zone,
                          g_date_time_get_year (tomorrow),
                          g_date_time_get_month (tomorrow),
                          g_date_time_get_day_of_month (tomorrow),
                          0, 0, 0);
}

/**
 * cq_calendar_parse_iso8601:
 * @text: "2019-06-16T19:40:00Z", "2019-06-16T22:40+03:00" or "2019-06-16"
 *
 * A date alone is taken as midnight UTC.
 *
 * Returns: (transfer full) (nullable): the instant in UTC
 */
GDateTime *
cq_calendar_parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      parsed = g_date_time_new_from_iso8601 (midnight, NULL);
    }

  return parsed != NULL ? g_date_time_to_utc (parsed) : NULL;
}

/**
 * cq_calendar_to_iso8601:
 *
 * Returns: (transfer full): @instant in UTC, "2019-06-16T19:40:00Z"
 */
char *
cq_calendar_to_iso8601 (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  utc = g_date_time_to_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * cq_calendar_dup_desktop_interface:
 *
 * Returns: (transfer full) (nullable): the desktop's interface settings,
 *   where its clock format is kept, or %NULL outside GNOME
 */
GSettings *
cq_calendar_dup_desktop_interface (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * cq_calendar_read_clock_format:
 * @desktop: (nullable): from cq_calendar_dup_desktop_interface()
 *
 * Returns: the clock format the desktop asks for, 24-hour when it does not
 *   say
 */
CqClockFormat
cq_calendar_read_clock_format (GSettings *desktop)
{
  g_autofree char *format = NULL;

  if (desktop == NULL)
    return CQ_CLOCK_FORMAT_24H;
  format = g_settings_get_string (desktop, "clock-format");
  return g_strcmp0 (format, "12h") == 0 ? CQ_CLOCK_FORMAT_12H : CQ_CLOCK_FORMAT_24H;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * cq_calendar_list_zones:
 *
 * Returns: (transfer full): the zones people choose from, sorted, from the
 *   system's tzdata (zone1970.tab), with UTC; a short list if that is missing
 */
GStrv
cq_calendar_list_zones (void)
{
  g_autofree char *table = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  GStrv zones;

  g_strv_builder_add (builder, "UTC");
  if (g_file_get_contents ("/usr/share/zoneinfo/zone1970.tab", &table, NULL, NULL))
    {
      lines = g_strsplit (table, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            g_strv_builder_add (builder, fields[2]);
        }
    }
  else
    g_strv_builder_add_many (builder, "Europe/London", "Europe/Moscow", "Europe/Paris", "America/New_York", NULL);

  zones = g_strv_builder_end (builder);
  qsort (zones + 1, g_strv_length (zones) - 1, sizeof (char *), compare_names);
  return zones;
}

/**
 * cq_calendar_format_calendar_date:
 *
 * The one writing of a counter's "since" date, so that what is written is
 * always read back: "0999-01-01", never "999-01-01".
 *
 * Returns: (transfer full): @date written YYYY-MM-DD
 */
char *
cq_calendar_format_calendar_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * cq_calendar_parse_calendar_date:
 * @text: a date written YYYY-MM-DD, exactly ten characters
 * @date: (out): set when @text is a real calendar date
 *
 * The one reading of a counter's "since" date, for profiles and for the
 * header editor alike.
 *
 * Returns: whether @text is such a date
 */
gboolean
cq_calendar_parse_calendar_date (const char *text,
                             GDate      *date)
{
  guint year, month, day;
  char tail;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}
