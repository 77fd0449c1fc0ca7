/* cq-date-parser.c: dates as feeds and pages really write them
 *
 * RFC 822 and 1123 with named or numeric zones, two-digit years and missing
 * seconds; RFC 3339 and ISO 8601; date-only forms; "DD.MM.YYYY"; and the
 * "16 June 2019" and "June 16, 2019" of web pages, in English or Russian.
 * A date without a time is the start of that day in the source's home zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-time"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cq-date-parser.h"

/* Longer is not a date a document means. */
#define DATE_MAX_LENGTH 200

static const struct {
  const char *name;
  int         offset_minutes;
} zones[] = {
  { "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 }, { "WET", 0 },
  { "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
  { "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
  { "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 },
  { "BST", 60 }, { "IST", 60 }, { "WEST", 60 }, { "CET", 60 }, { "CEST", 120 },
  { "MET", 60 }, { "MEST", 120 }, { "EET", 120 }, { "EEST", 180 },
  { "MSK", 180 }, { "MSD", 240 }, { "JST", 540 }, { "KST", 540 },
  { "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 }, { "NZDT", 780 },
};

/* Month names by their first letters, English and Russian (any case). */
static const char * const month_prefixes[12][4] = {
  { "jan", "янв", NULL }, { "feb", "фев", NULL }, { "mar", "мар", NULL },
  { "apr", "апр", NULL }, { "may", "мая", "май", NULL }, { "jun", "июн", NULL },
  { "jul", "июл", NULL }, { "aug", "авг", NULL }, { "sep", "сен", NULL },
  { "oct", "окт", NULL }, { "nov", "ноя", NULL }, { "dec", "дек", NULL },
};

static const char * const weekdays[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
  "пн", "вт", "ср", "чт", "пт", "сб", "вс",
  "пон", "вто", "сре", "чет", "пят", "суб", "вос",
};

static gboolean
is_ascii (const char *token)
{
  for (const char *p = token; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @token starts with @name's three ASCII letters, in any case
 * (as g_ascii_strncasecmp (token, name, 3) says, without a call a name:
 * a feed's thousands of dates ask it a dozen times each). */
static gboolean
starts_with_three (const char *token,
                   const char *name)
{
  return token[0] != '\0' && (token[0] | 0x20) == name[0] &&
         token[1] != '\0' && (token[1] | 0x20) == name[1] &&
         token[2] != '\0' && (token[2] | 0x20) == name[2];
}

static int
month_from_name (const char *token)
{
  g_autofree char *lower = NULL;

  if (is_ascii (token))
    {
      for (int m = 0; m < 12; m++)
        if (starts_with_three (token, month_prefixes[m][0]))
          return m + 1;
      return 0;
    }

  lower = g_utf8_strdown (token, -1);
  for (int m = 0; m < 12; m++)
    for (guint i = 0; month_prefixes[m][i] != NULL; i++)
      if (g_str_has_prefix (lower, month_prefixes[m][i]))
        return m + 1;
  return 0;
}

static gboolean
is_weekday (const char *token)
{
  g_autofree char *lower = NULL;

  if (is_ascii (token))
    {
      for (guint i = 0; i < 7; i++)
        if (starts_with_three (token, weekdays[i]))
          return TRUE;
      return FALSE;
    }

  lower = g_utf8_strdown (token, -1);

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (g_str_has_prefix (lower, weekdays[i]))
      return TRUE;
  return FALSE;
}

static gboolean
all_digits (const char *token)
{
  if (*token == '\0')
    return FALSE;
  for (const char *p = token; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "+0300", "-05:00", "+03" */
static gboolean
parse_numeric_zone (const char *token,
                    int        *offset_minutes)
{
  int sign, hours, minutes = 0;
  gsize length = strlen (token);

  if ((token[0] != '+' && token[0] != '-') || length < 3)
    return FALSE;
  sign = token[0] == '-' ? -1 : 1;
  if (length == 5 && all_digits (token + 1))
    {
      hours = (token[1] - '0') * 10 + (token[2] - '0');
      minutes = (token[3] - '0') * 10 + (token[4] - '0');
    }
  else if (length == 6 && token[3] == ':')
    {
      hours = (token[1] - '0') * 10 + (token[2] - '0');
      minutes = (token[4] - '0') * 10 + (token[5] - '0');
    }
  else if (length == 3 && all_digits (token + 1))
    hours = (token[1] - '0') * 10 + (token[2] - '0');
  else
    return FALSE;

  if (hours > 14 || minutes > 59)
    return FALSE;
  *offset_minutes = sign * (hours * 60 + minutes);
  return TRUE;
}

static gboolean
parse_named_zone (const char *token,
                  int        *offset_minutes)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_ascii_strcasecmp (token, zones[i].name) == 0)
      {
        *offset_minutes = zones[i].offset_minutes;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_time_of_day (const char *token,
                   int        *hour,
                   int        *minute,
                   double     *second)
{
  int h = 0, m = 0, s = 0;
  int n = sscanf (token, "%2d:%2d:%2d", &h, &m, &s);

  if (n < 2 || h > 24 || m > 59 || s > 60)
    return FALSE;
  *hour = h;
  *minute = m;
  *second = s;
  return TRUE;
}

static GDateTime *
make_date_time (GTimeZone *zone,
                int        year,
                int        month,
                int        day,
                int        hour,
                int        minute,
                double     second)
{
  g_autoptr(GDateTime) local = NULL;

  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  /* "24:00" is the end of the day, which is the next one's start. */
  if (hour == 24 && minute == 0 && second == 0)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new (zone, year, month, day, 0, 0, 0);

      local = midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;
    }
  else
    local = g_date_time_new (zone, year, month, day, hour, minute, second);

  return local != NULL ? g_date_time_to_utc (local) : NULL;
}

/* Days from 1970-01-01 to a day of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 era, year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

/* What make_date_time () gives for a zone of a fixed offset, without
 * making a zone or a local date: a feed's thousands of dates have only a
 * few offsets and need only the instant.  Whole seconds only. */
static GDateTime *
make_date_time_at_offset (int offset_minutes,
                          int year,
                          int month,
                          int day,
                          int hour,
                          int minute,
                          int second)
{
  gint64 seconds;

  /* g_date_time_new ()'s ranges, and "24:00" as the next day's start. */
  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year) ||
      minute < 0 || minute > 59 || second < 0 || second > 59 ||
      hour < 0 || hour > 24 || (hour == 24 && (minute != 0 || second != 0)))
    return NULL;

  seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
            (gint64) offset_minutes * 60;
  /* NULL past year 9999 or before year 1, as the conversion to UTC says. */
  return g_date_time_new_from_unix_utc (seconds);
}

/* Making a zone parses its name; a feed has a handful of offsets and
 * thousands of dates, so each offset's zone is made once. */
static GTimeZone *
zone_for_offset (int offset_minutes)
{
  static GMutex lock;
  static GHashTable *offset_zones;
  GTimeZone *zone;

  g_mutex_lock (&lock);
  if (offset_zones == NULL)
    offset_zones = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_time_zone_unref);
  zone = g_hash_table_lookup (offset_zones, GINT_TO_POINTER (offset_minutes));
  if (zone == NULL && g_hash_table_size (offset_zones) < 256)
    {
      zone = g_time_zone_new_offset (offset_minutes * 60);
      g_hash_table_insert (offset_zones, GINT_TO_POINTER (offset_minutes), zone);
    }
  zone = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_offset (offset_minutes * 60);
  g_mutex_unlock (&lock);
  return zone;
}

typedef struct {
  int      year, month, day;
  int      hour, minute;
  double   second;
  gboolean has_time;
  gboolean has_zone;
  int      offset_minutes;
} Fields;

static gboolean
take_number (Fields     *fields,
             const char *token)
{
  gint64 value = g_ascii_strtoll (token, NULL, 10);
  gsize length = strlen (token);

  if (length == 4 && fields->year == 0)
    fields->year = (int) value;
  else if (length <= 2 && fields->day == 0 && value >= 1 && value <= 31)
    fields->day = (int) value;
  else if (length == 2 && fields->year == 0)
    /* RFC 822's two-digit years: 70–99 are the 1900s, the rest 2000s. */
    fields->year = (int) (value < 70 ? 2000 + value : 1900 + value);
  else
    return FALSE;
  return TRUE;
}

static gboolean
take_token (Fields     *fields,
            const char *token)
{
  int month;

  if (all_digits (token))
    return take_number (fields, token);
  if (strchr (token, ':') != NULL && g_ascii_isdigit (token[0]))
    {
      fields->has_time = parse_time_of_day (token, &fields->hour, &fields->minute, &fields->second);
      return fields->has_time;
    }
  if ((token[0] == '+' || token[0] == '-') && parse_numeric_zone (token, &fields->offset_minutes))
    return fields->has_zone = TRUE;
  if (parse_named_zone (token, &fields->offset_minutes))
    return fields->has_zone = TRUE;
  if ((month = month_from_name (token)) > 0 && fields->month == 0)
    {
      fields->month = month;
      return TRUE;
    }
  if (is_weekday (token))
    return TRUE;
  /* "8:56 am", "8:19 pm": a twelve-hour time. */
  if (fields->has_time && fields->hour >= 1 && fields->hour <= 12 &&
      (g_ascii_strcasecmp (token, "am") == 0 || g_ascii_strcasecmp (token, "a.m.") == 0 ||
       g_ascii_strcasecmp (token, "pm") == 0 || g_ascii_strcasecmp (token, "p.m.") == 0))
    {
      gboolean pm = g_ascii_tolower (token[0]) == 'p';

      fields->hour = fields->hour % 12 + (pm ? 12 : 0);
      return TRUE;
    }
  /* "г." after a Russian year, "at" between date and time. */
  return g_str_equal (token, "г.") || g_str_equal (token, "г") ||
         g_ascii_strcasecmp (token, "at") == 0;
}

/* RFC 822 and the human forms: tokens in any reasonable order. */
static GDateTime *
parse_words (const char *text,
             GTimeZone  *home,
             gboolean   *date_only)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " ,\t\n", -1);
  g_autoptr(GTimeZone) zone = NULL;
  Fields fields = { 0 };

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0')
        continue;
      /* "16th", "1st": ordinal suffixes. */
      if (g_ascii_isdigit (tokens[i][0]) && strlen (tokens[i]) <= 4 &&
          (g_str_has_suffix (tokens[i], "st") || g_str_has_suffix (tokens[i], "nd") ||
           g_str_has_suffix (tokens[i], "rd") || g_str_has_suffix (tokens[i], "th")))
        tokens[i][strlen (tokens[i]) - 2] = '\0';
      if (!take_token (&fields, tokens[i]))
        return NULL;
    }

  if (fields.year == 0 || fields.month == 0 || fields.day == 0)
    return NULL;

  zone = fields.has_zone ? zone_for_offset (fields.offset_minutes) : g_time_zone_ref (home);
  *date_only = !fields.has_time;
  return make_date_time (zone, fields.year, fields.month, fields.day,
                         fields.hour, fields.minute, fields.second);
}

static gboolean
read_digits (const char **p,
             guint        count,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += count;
  *value = v;
  return TRUE;
}

static gboolean
read_word (const char **p,
           char         word[5])
{
  guint length = 0;

  while (g_ascii_isalpha ((*p)[length]) && length < 4)
    {
      word[length] = (*p)[length];
      length++;
    }
  if (length == 0 || g_ascii_isalpha ((*p)[length]))
    return FALSE;
  word[length] = '\0';
  *p += length;
  return TRUE;
}

/* The one form nearly every RSS feed writes, "Sun, 02 Jun 2019 14:30:00
 * +0100", read field by field, for feeds of thousands of items.  It
 * answers only where parse_words() would read the same fields; anything
 * else (%FALSE) is left to it. */
static gboolean
parse_rfc822_quick (const char  *text,
                    GTimeZone   *home,
                    GDateTime  **result)
{
  const char *p = text;
  Fields fields = { .has_time = TRUE };
  g_autoptr(GTimeZone) zone = NULL;
  char word[5];
  int second = 0;

  if (g_ascii_isalpha (*p))
    {
      if (!read_word (&p, word) || strlen (word) != 3 || !is_weekday (word) || p[0] != ',' || p[1] != ' ')
        return FALSE;
      p += 2;
    }
  if (!read_digits (&p, g_ascii_isdigit (p[1]) ? 2 : 1, &fields.day) || fields.day < 1 ||
      *p++ != ' ' || !read_word (&p, word) || strlen (word) != 3 ||
      (fields.month = month_from_name (word)) == 0 || *p++ != ' ' ||
      !read_digits (&p, 4, &fields.year) || *p++ != ' ' ||
      !read_digits (&p, 2, &fields.hour) || *p++ != ':' || !read_digits (&p, 2, &fields.minute))
    return FALSE;
  if (*p == ':' && (p++, !read_digits (&p, 2, &second)))
    return FALSE;
  /* Out of range: parse_words() says no in its own words. */
  if (fields.hour > 24 || fields.minute > 59 || second > 60)
    return FALSE;
  fields.second = second;

  if (*p == ' ')
    {
      p++;
      if (*p == '+' || *p == '-')
        {
          if (strlen (p) != 5 || !parse_numeric_zone (p, &fields.offset_minutes))
            return FALSE;
          p += 5;
        }
      else if (!read_word (&p, word) || !parse_named_zone (word, &fields.offset_minutes))
        return FALSE;
      fields.has_zone = TRUE;
    }
  if (*p != '\0')
    return FALSE;

  if (fields.has_zone)
    *result = make_date_time_at_offset (fields.offset_minutes, fields.year, fields.month, fields.day,
                                        fields.hour, fields.minute, second);
  else
    {
      zone = g_time_zone_ref (home);
      *result = make_date_time (zone, fields.year, fields.month, fields.day, fields.hour, fields.minute, second);
    }
  return TRUE;
}

/* "07.06.2019", "07.06.2019 14:30", "7/6/2019" is not guessed at. */
static GDateTime *
parse_dotted (const char *text,
              GTimeZone  *home,
              gboolean   *date_only)
{
  int day, month, year, hour = 0, minute = 0, consumed = 0;
  char tail[2];

  if (sscanf (text, "%2d.%2d.%4d%n", &day, &month, &year, &consumed) != 3 || consumed < 8)
    return NULL;

  text += consumed;
  while (*text == ' ' || *text == ',')
    text++;
  if (*text == '\0')
    {
      *date_only = TRUE;
      return make_date_time (home, year, month, day, 0, 0, 0);
    }
  if (sscanf (text, "%2d:%2d%1s", &hour, &minute, tail) == 2 && hour < 24 && minute < 60)
    {
      *date_only = FALSE;
      return make_date_time (home, year, month, day, hour, minute, 0);
    }
  return NULL;
}

static GDateTime *
parse_iso8601 (const char *text,
               GTimeZone  *home,
               gboolean   *date_only)
{
  g_autofree char *normal = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, day;
  char tail;

  if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3)
    {
      *date_only = TRUE;
      return make_date_time (home, year, month, day, 0, 0, 0);
    }

  /* "2019-06-16 19:40:00" and lower-case "t" and "z" are common. */
  normal = g_ascii_strup (text, -1);
  if (strlen (normal) > 10 && normal[10] == ' ')
    normal[10] = 'T';
  /* "2006-01-11 16:43:22 -0800": the offset written apart. */
  if (strlen (normal) > 19 && normal[strlen (normal) - 6] == ' ' &&
      (normal[strlen (normal) - 5] == '+' || normal[strlen (normal) - 5] == '-'))
    memmove (normal + strlen (normal) - 6, normal + strlen (normal) - 5, 6);
  /* "2019-06-16T19:40" and "…T19:40Z": GLib wants the seconds. */
  if (strlen (normal) >= 16 && normal[13] == ':' && (normal[16] == '\0' || normal[16] == 'Z' ||
                                                     normal[16] == '+' || normal[16] == '-'))
    {
      g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", normal, normal + 16);

      g_free (normal);
      normal = g_steal_pointer (&with_seconds);
    }
  parsed = g_date_time_new_from_iso8601 (normal, home);
  if (parsed == NULL)
    return NULL;

  *date_only = FALSE;
  return g_date_time_to_utc (parsed);
}

/* The RFC 3339 forms feeds write, "2019-06-16T19:40:00+01:00" ("Z", "t",
 * a space for the "T", an offset without its colon), read field by field.
 * It answers only where parse_iso8601 () would read the same instant; a
 * fraction of a second, a time without seconds or a zone, a field out of
 * range (GLib reads a leap second as the one before it) and anything else
 * unusual (%FALSE) are left to it. */
static gboolean
parse_rfc3339_quick (const char  *text,
                     GDateTime  **result)
{
  const char *p = text;
  int year, month, day, hour, minute, second, offset = 0;

  if (!read_digits (&p, 4, &year) || *p++ != '-' || !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day))
    return FALSE;
  if (*p != 'T' && *p != 't' && *p != ' ')
    return FALSE;
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute) || *p++ != ':' ||
      !read_digits (&p, 2, &second) || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    offset = 0;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p++ == '-' ? -1 : 1;
      int hours, minutes;

      if (!read_digits (&p, 2, &hours))
        return FALSE;
      if (*p == ':')
        p++;
      if (!read_digits (&p, 2, &minutes) || *p != '\0' || hours > 14 || minutes > 59)
        return FALSE;
      offset = sign * (hours * 60 + minutes);
    }
  else
    return FALSE;

  *result = make_date_time_at_offset (offset, year, month, day, hour, minute, second);
  return TRUE;
}

/**
 * cq_date_parse:
 * @text: a date as a feed or page writes it
 * @home: the zone of dates that give none, and of date-only dates
 * @date_only: (out) (optional): set to %TRUE when @text gives no time of day
 *
 * Returns: (transfer full) (nullable): the instant in UTC, or %NULL when
 *   @text is not a date this understands
 */
GDateTime *
cq_date_parse (const char *text,
               GTimeZone  *home,
               gboolean   *date_only)
{
  /* Trimmed, on the stack: a sync parses a date or two per item. */
  char trimmed[DATE_MAX_LENGTH + 1];
  gboolean only_date = FALSE;
  GDateTime *parsed = NULL;
  gsize length;

  g_return_val_if_fail (home != NULL, NULL);

  if (text == NULL || (length = strnlen (text, DATE_MAX_LENGTH + 1)) > DATE_MAX_LENGTH)
    return NULL;

  memcpy (trimmed, text, length + 1);
  g_strstrip (trimmed);
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return NULL;

  if (g_ascii_isdigit (trimmed[0]) && strlen (trimmed) >= 10 && trimmed[4] == '-')
    {
      if (!parse_rfc3339_quick (trimmed, &parsed))
        parsed = parse_iso8601 (trimmed, home, &only_date);
    }
  else if (g_ascii_isdigit (trimmed[0]) && (trimmed[1] == '.' || (trimmed[1] != '\0' && trimmed[2] == '.')))
    parsed = parse_dotted (trimmed, home, &only_date);
  else if (!parse_rfc822_quick (trimmed, home, &parsed))
    parsed = parse_words (trimmed, home, &only_date);

  if (parsed != NULL && date_only != NULL)
    *date_only = only_date;
  return parsed;
}

static gboolean
read_number (const char **p,
             guint        max_digits,
             int         *value)
{
  guint digits = 0;

  *value = 0;
  while (digits < max_digits && g_ascii_isdigit (**p))
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      digits++;
    }
  return digits > 0;
}

/**
 * cq_date_parse_with_format:
 * @format: the profile's date format: %d %m %Y %y %H %M %S, %b or %B for a
 *   month's name, and literal characters; a space matches any run of spaces
 *
 * Returns: (transfer full) (nullable): the instant in UTC
 */
GDateTime *
cq_date_parse_with_format (const char *text,
                           const char *format,
                           GTimeZone  *home,
                           gboolean   *date_only)
{
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gboolean has_time = FALSE;
  const char *p = text;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (home != NULL, NULL);

  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;

  for (const char *f = format; *f; f++)
    {
      gboolean ok = TRUE;

      if (*f == ' ')
        {
          while (g_ascii_isspace (*p))
            p++;
          continue;
        }
      if (*f != '%' || f[1] == '\0')
        {
          if (*p != *f)
            return NULL;
          p++;
          continue;
        }

      switch (*++f)
        {
        case 'd': ok = read_number (&p, 2, &day); break;
        case 'm': ok = read_number (&p, 2, &month); break;
        case 'Y': ok = read_number (&p, 4, &year); break;
        case 'y': ok = read_number (&p, 2, &year); year += year < 70 ? 2000 : 1900; break;
        case 'H': ok = has_time = read_number (&p, 2, &hour); break;
        case 'M': ok = read_number (&p, 2, &minute); break;
        case 'S': ok = read_number (&p, 2, &second); break;
        case 'b':
        case 'B':
          {
            const char *start = p;
            g_autofree char *word = NULL;

            while (*p && !g_ascii_isspace (*p) && !g_ascii_isdigit (*p) && *p != ',' && *p != '.')
              p = g_utf8_next_char (p);
            word = g_strndup (start, p - start);
            ok = (month = month_from_name (word)) > 0;
          }
          break;
        case '%': ok = *p++ == '%'; break;
        default: ok = FALSE; break;
        }
      if (!ok)
        return NULL;
    }

  if (date_only != NULL)
    *date_only = !has_time;
  if (hour > 23 || minute > 59 || second > 59)
    return NULL;
  return make_date_time (home, year, month, day, hour, minute, second);
}
