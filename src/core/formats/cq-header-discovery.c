/* cq-header-discovery.c: an organisation's header, read from its own page
 *
 * An embassy's home page shows its date line, "Moscow 22:40 London 20:40",
 * "469 days have passed since …" and "Consular queries: +44 …".  This reads
 * them from the page's text, one line per block, the way a person reads the
 * top of the page:
 *
 * - the date line is a short line that is a date and nothing else;
 * - a clock is a place or zone name next to a time.  The name resolves to
 *   zones through cq-places; when the page's moment is known (the server's
 *   Date), a zone is taken only if its time then is the time shown, so
 *   "London" is London, England when the page says it is 20:40 there;
 * - a counter is a line that starts "N days have passed since …" (or says
 *   it in one of the other ways below); its date is the page's day less N,
 *   and the page's number must come out of it again;
 * - a contact line is a label and a phone number or e-mail address.
 *
 * News titles are links and are not read; scripts and styles are not text.
 * What is found is proposed, never saved here: the user keeps or drops
 * each part.  A page with none of these gives an empty header, never a
 * guess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-calendar.h"
#include "cq-charset.h"
#include "cq-date-parser.h"
#include "cq-header-discovery.h"
#include "cq-html.h"
#include "cq-html-tree.h"
#include "cq-parse-error.h"
#include "cq-places.h"

/* A header is at most this much; more of a kind is a page of something else. */
#define MAX_CLOCKS 4
#define MAX_COUNTERS 6
#define MAX_CONTACTS 4
/* Lines longer than this are prose, not a header's line. */
#define MAX_LINE_CHARS 400
#define MAX_LINES 20000
/* A page served from a cache may be a little behind its clocks. */
#define CLOCK_TOLERANCE_MINUTES 20

G_DEFINE_BOXED_TYPE (CqFoundHeader, cq_found_header, cq_found_header_ref, cq_found_header_unref)

typedef struct {
  CqFoundHeader   header;
  gatomicrefcount ref_count;
} CqFoundHeaderReal;

typedef struct {
  char *text;
  char *link;        /* a tel: or mailto: link in the line, if any */
  char *link_text;   /* and the words it was written as */
} Line;

typedef struct {
  GPtrArray *lines;
  GString   *current;
  char      *link;
  char      *link_text;
  gsize      link_start;
  guint      in_link;   /* inside a link to a page: not read */
} Reading;

typedef struct {
  GPtrArray  *lines;
  GDateTime  *moment;    /* nullable */
  GTimeZone  *home;
  const char *language;
  CqFoundHeader *found;
  guint       n_clocks, n_counters, n_contacts;
} Discovery;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->text);
  g_free (line->link);
  g_free (line->link_text);
  g_free (line);
}

static void
found_part_free (gpointer data)
{
  CqFoundPart *part = data;

  g_free (part->evidence);
  g_free (part->clock.label);
  g_free (part->clock.zone);
  g_free (part->counter.label);
  g_free (part->counter.note);
  g_free (part->contact.label);
  g_free (part->contact.value);
  g_free (part->contact.uri);
  g_free (part);
}

/* ---- The page as lines ------------------------------------------------ */

static void
end_line (Reading *reading)
{
  g_autofree char *text = NULL;

  if (reading->lines->len >= MAX_LINES)
    return;
  text = g_strstrip (cq_html_collapse_text (reading->current->str));
  g_string_truncate (reading->current, 0);
  if (*text != '\0' && g_utf8_strlen (text, -1) <= MAX_LINE_CHARS)
    {
      Line *line = g_new0 (Line, 1);

      line->text = g_steal_pointer (&text);
      line->link = g_steal_pointer (&reading->link);
      line->link_text = g_steal_pointer (&reading->link_text);
      g_ptr_array_add (reading->lines, line);
    }
  g_clear_pointer (&reading->link, g_free);
  g_clear_pointer (&reading->link_text, g_free);
}

static gboolean
is_contact_link (const char *href)
{
  return href != NULL && (g_ascii_strncasecmp (href, "tel:", 4) == 0 ||
                          g_ascii_strncasecmp (href, "mailto:", 7) == 0);
}

/* A table's row is a line; its cells sit side by side on it, as the
 * table-built pages of older CMSs put "Moscow" in one cell and "22:40" in
 * the next. */
static gboolean
ends_line (xmlNodePtr node)
{
  return cq_html_is_block (node) && !cq_html_is_element (node, "td") && !cq_html_is_element (node, "th");
}

static CqHtmlWalk
read_enter (xmlNodePtr node,
            guint      depth,
            gpointer   user_data)
{
  Reading *reading = user_data;
  static const char * const unread[] = { "script", "style", "noscript", "template", "svg",
                                         "iframe", "select", "head", "button", NULL };

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (reading->in_link == 0 && node->content != NULL)
        {
          g_string_append_c (reading->current, ' ');
          g_string_append (reading->current, (const char *) node->content);
        }
      return CQ_HTML_WALK_OVER;
    }
  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;

  for (guint i = 0; unread[i] != NULL; i++)
    if (cq_html_is_element (node, unread[i]))
      return CQ_HTML_WALK_OVER;

  if (cq_html_is_element (node, "br") || ends_line (node))
    end_line (reading);
  else if (cq_html_is_block (node))
    g_string_append_c (reading->current, ' ');
  if (cq_html_is_element (node, "a"))
    {
      const char *href = cq_html_get_attribute (node, "href");

      if (is_contact_link (href))
        {
          g_free (reading->link);
          reading->link = g_strdup (href);
          reading->link_start = reading->current->len;
        }
      else if (href != NULL)
        reading->in_link++;
    }
  return CQ_HTML_WALK_INTO;
}

static void
read_leave (xmlNodePtr node,
            gpointer   user_data)
{
  Reading *reading = user_data;

  if (cq_html_is_element (node, "a") && is_contact_link (cq_html_get_attribute (node, "href")) &&
      reading->link != NULL && reading->link_start <= reading->current->len)
    {
      g_free (reading->link_text);
      reading->link_text = g_strstrip (cq_html_collapse_text (reading->current->str + reading->link_start));
    }
  if (cq_html_is_element (node, "a") && !is_contact_link (cq_html_get_attribute (node, "href")) &&
      cq_html_get_attribute (node, "href") != NULL && reading->in_link > 0)
    reading->in_link--;
  if (ends_line (node))
    end_line (reading);
}

static GPtrArray *
read_lines (xmlNodePtr root)
{
  Reading reading = { g_ptr_array_new_with_free_func (line_free), g_string_new (NULL), NULL, NULL, 0, 0 };

  cq_html_walk (root, read_enter, read_leave, &reading);
  end_line (&reading);
  g_string_free (reading.current, TRUE);
  g_free (reading.link);
  g_free (reading.link_text);
  return reading.lines;
}

/* ---- Patterns ---------------------------------------------------------- */

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

  if (regex == NULL)
    g_error ("%s: %s", pattern, error->message);
  return regex;
}

enum {
  TIME_PATTERN,
  COUNTER_SINCE,
  COUNTER_AGO,
  COUNTER_RU_SINCE,
  COUNTER_RU_DAY,
  PHONE_PATTERN,
  EMAIL_PATTERN,
  N_PATTERNS
};

static GRegex *
pattern (guint which)
{
  static GRegex *patterns[N_PATTERNS];
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* "22:40", "3:40 pm", "22.40" */
      patterns[TIME_PATTERN] = compile ("(?<![\\d:.])([01]?\\d|2[0-3])[:.]([0-5]\\d)(?![\\d:])(?:\\s*([ap])\\.?\\s?m\\b\\.?)?");
      /* "469 days have passed since the Salisbury incident - no answer" */
      patterns[COUNTER_SINCE] = compile ("^(\\d{1,6})\\s+days?\\s+(?:(?:have|has)\\s+)?(?:(?:passed|gone\\s+by|elapsed)\\s+)?since\\s+(.+)$");
      /* "The harbour fire: 104 days ago" */
      patterns[COUNTER_AGO] = compile ("^(.+?)[\\s:,–—-]+(\\d{1,6})\\s+days?\\s+ago\\.?$");
      /* "прошло 469 дней с …", "469 дней прошло со дня …", "469 дней с …" */
      patterns[COUNTER_RU_SINCE] = compile ("^(?:прошл[оиа]\\s+)?(\\d{1,6})\\s+(?:день|дня|дней)\\s+(?:(?:прошл[оиа]|минул[оиа])\\s+)?(?:с|со)\\s+(.+)$");
      /* "469-й день …" */
      patterns[COUNTER_RU_DAY] = compile ("^(\\d{1,6})\\s*-?\\s*(?:й|ый|ий)\\s+день\\s+(.+)$");
      /* "+44 (0) 20 7946 0000" */
      patterns[PHONE_PATTERN] = compile ("\\+\\d[\\d ().\\-\\x{a0}]{6,22}\\d");
      patterns[EMAIL_PATTERN] = compile ("[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+");
      g_once_init_leave (&once, 1);
    }
  return patterns[which];
}

/* Matches @regex on @text, dropping what an earlier try left in @match. */
static gboolean
try_match (guint         which,
           const char   *text,
           GMatchInfo  **match)
{
  g_clear_pointer (match, g_match_info_free);
  return g_regex_match (pattern (which), text, 0, match);
}

static CqFoundPart *
add_part (Discovery   *discovery,
          CqFoundKind  kind,
          const char  *evidence)
{
  CqFoundPart *part = g_new0 (CqFoundPart, 1);

  part->kind = kind;
  part->evidence = g_strdup (evidence);
  g_ptr_array_add (discovery->found->parts, part);
  return part;
}

/* ---- The date line ------------------------------------------------------ */

static void
find_date_line (Discovery *discovery)
{
  for (guint i = 0; i < discovery->lines->len && i < 200; i++)
    {
      Line *line = g_ptr_array_index (discovery->lines, i);
      g_autoptr(GDateTime) date = NULL;
      g_autoptr(GDateTime) date_utc = NULL;
      gboolean date_only = FALSE;
      GDate day;

      if (g_utf8_strlen (line->text, -1) > 48 || strpbrk (line->text, "0123456789") == NULL)
        continue;
      date = cq_date_parse (line->text, discovery->home, &date_only);
      if (date == NULL || !date_only)
        continue;
      /* A date alone is the start of that day at home. */
      date = g_date_time_to_timezone (date_utc = date, discovery->home);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                      g_date_time_get_year (date));
      /* A date line says today; an old date is something else's. */
      if (discovery->moment != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_timezone (discovery->moment, discovery->home);
          GDate today;

          g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local));
          if (ABS (g_date_days_between (&today, &day)) > 1)
            continue;
        }
      discovery->found->date_text = g_strdup (line->text);
      discovery->found->date = day;
      return;
    }

  if (discovery->moment != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (discovery->moment, discovery->home);

      g_date_set_dmy (&discovery->found->date, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
    }
}

/* ---- Clocks ------------------------------------------------------------- */

/* Whether a clock in @zone showed @minutes (past midnight) at the page's
 * moment; a 12-hour time without am or pm may be either. */
static gboolean
zone_agrees (Discovery  *discovery,
             const char *zone_id,
             int         minutes,
             gboolean    twelve_hour_unknown)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) there = NULL;
  int shown;

  if (zone == NULL)
    return FALSE;
  if (discovery->moment == NULL)
    return TRUE;
  there = g_date_time_to_timezone (discovery->moment, zone);
  shown = g_date_time_get_hour (there) * 60 + g_date_time_get_minute (there);
  for (int shift = 0; shift <= (twelve_hour_unknown ? 720 : 0); shift += 720)
    {
      int difference = ABS (shown - (minutes + shift) % 1440);

      if (MIN (difference, 1440 - difference) <= CLOCK_TOLERANCE_MINUTES)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_name_char (gunichar c)
{
  return g_unichar_isalpha (c) || c == '-' || c == '\'' || c == '.';
}

/* The words just before @end in @text, at most three, back to the last
 * time or separator: "… · New York" gives "New York". */
static GPtrArray *
names_before (const char *text,
              const char *end)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *p = end;
  const char *starts[3];
  guint n_words = 0;

  /* Skip the separator between name and time: ": ", " - ", " ". */
  while (p > text)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && c != ':' && c != '-' && c != 0x2013 && c != ',')
        break;
      p = prev;
    }
  end = p;

  while (p > text && n_words < 3)
    {
      const char *word_end = p;

      while (p > text && is_name_char (g_utf8_get_char (g_utf8_prev_char (p))))
        p = g_utf8_prev_char (p);
      if (p == word_end)
        break;
      starts[n_words++] = p;
      if (p > text && g_utf8_get_char (g_utf8_prev_char (p)) == ' ')
        p = g_utf8_prev_char (p);
      else
        break;
    }

  /* The longest name first: "New York" before "York". */
  for (int i = (int) n_words - 1; i >= 0; i--)
    {
      g_autofree char *name = g_strndup (starts[i], end - starts[i]);

      g_ptr_array_add (names, g_strstrip (g_steal_pointer (&name)));
    }
  return names;
}

/* "GMT+3 12:40": a zone written with an offset just before the time. */
static char *
offset_name_before (const char *text,
                    const char *end)
{
  static GRegex *regex;
  static gsize once;
  g_autofree char *before = g_strndup (text, end - text);
  g_autoptr(GMatchInfo) match = NULL;

  /* Asked for every time on a line: compiled once. */
  if (g_once_init_enter (&once))
    {
      regex = compile ("((?:GMT|UTC)\\s*(?:[+\\-−]\\s*\\d{1,2}(?::?\\d{2})?)?)\\s*[:\\-–]?\\s*$");
      g_once_init_leave (&once, 1);
    }
  if (!g_regex_match (regex, before, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static gboolean
clock_taken (Discovery  *discovery,
             const char *zone)
{
  for (guint i = 0; i < discovery->found->parts->len; i++)
    {
      CqFoundPart *part = g_ptr_array_index (discovery->found->parts, i);

      if (part->kind == CQ_FOUND_CLOCK && g_str_equal (part->clock.zone, zone))
        return TRUE;
    }
  return FALSE;
}

static gboolean
try_clock (Discovery  *discovery,
           Line       *line,
           const char *name,
           int         minutes,
           gboolean    twelve_hour_unknown)
{
  g_autoptr(GPtrArray) zones = NULL;
  CqFoundPart *part;

  if (g_utf8_strlen (name, -1) < 2)
    return FALSE;
  zones = cq_places_find_zones (name, discovery->language);
  for (guint i = 0; i < zones->len; i++)
    {
      const char *zone = g_ptr_array_index (zones, i);

      /* Only the zone whose time the page shows; with no moment to check
       * against, only a name that is no one else's. */
      if (!zone_agrees (discovery, zone, minutes, twelve_hour_unknown))
        continue;
      if (clock_taken (discovery, zone))
        return TRUE;
      part = add_part (discovery, CQ_FOUND_CLOCK, line->text);
      part->clock.label = g_strdup (name);
      part->clock.zone = g_strdup (zone);
      discovery->n_clocks++;
      return TRUE;
    }
  return FALSE;
}

static void
find_clocks (Discovery *discovery,
             Line      *line)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (g_utf8_strlen (line->text, -1) > 120)
    return;
  g_regex_match (pattern (TIME_PATTERN), line->text, 0, &match);
  for (; g_match_info_matches (match) && discovery->n_clocks < MAX_CLOCKS; g_match_info_next (match, NULL))
    {
      g_autofree char *hours = g_match_info_fetch (match, 1);
      g_autofree char *mins = g_match_info_fetch (match, 2);
      g_autofree char *half = g_match_info_fetch (match, 3);
      g_autofree char *offset = NULL;
      g_autoptr(GPtrArray) names = NULL;
      int start, end;
      int hour = (int) g_ascii_strtoll (hours, NULL, 10);
      gboolean twelve_unknown = FALSE;

      if (half != NULL && *half != '\0')
        {
          if (hour < 1 || hour > 12)
            continue;
          hour = hour % 12 + (g_ascii_tolower (*half) == 'p' ? 12 : 0);
        }
      else
        twelve_unknown = hour <= 12;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if ((offset = offset_name_before (line->text, line->text + start)) != NULL)
        {
          try_clock (discovery, line, offset, hour * 60 + (int) g_ascii_strtoll (mins, NULL, 10), twelve_unknown);
          continue;
        }
      names = names_before (line->text, line->text + start);
      for (guint i = 0; i < names->len; i++)
        if (try_clock (discovery, line, g_ptr_array_index (names, i),
                       hour * 60 + (int) g_ascii_strtoll (mins, NULL, 10), twelve_unknown))
          break;
    }
}

/* ---- Counters ----------------------------------------------------------- */

/* "the Salisbury incident - no credible information": an event and a note. */
static void
split_label (const char  *text,
             char       **label,
             char       **note)
{
  static const char * const dashes[] = { " - ", " – ", " — ", NULL };
  const char *cut = NULL;
  gsize skip = 0;

  for (guint i = 0; dashes[i] != NULL; i++)
    {
      const char *found = strstr (text, dashes[i]);

      if (found != NULL && (cut == NULL || found < cut))
        {
          cut = found;
          skip = strlen (dashes[i]);
        }
    }
  *label = cut != NULL ? g_strndup (text, cut - text) : g_strdup (text);
  g_strstrip (*label);
  while (g_str_has_suffix (*label, ".") || g_str_has_suffix (*label, ":"))
    (*label)[strlen (*label) - 1] = '\0';
  *note = NULL;
  if (cut != NULL)
    {
      g_autofree char *rest = g_strstrip (g_strdup (cut + skip));
      char upper[8] = { 0 };

      /* The note stands on its own line, so it starts as a sentence does. */
      if (*rest == '\0')
        return;
      g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (rest)), upper);
      *note = g_strconcat (upper, g_utf8_next_char (rest), NULL);
    }
}

/* One line may hold several counters, one after the other: it is cut
 * before each "N days" that follows a whole counter. */
static GPtrArray *
split_counters (const char *text)
{
  static GRegex *starts;
  static gsize once;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) whole = NULL;
  GPtrArray *counters = g_ptr_array_new_with_free_func (g_free);
  int from = 0;

  if (g_once_init_enter (&once))
    {
      starts = compile ("\\s(\\d{1,6}\\s+(?:days?|день|дня|дней)\\s)");
      g_once_init_leave (&once, 1);
    }
  g_regex_match (starts, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_autofree char *piece = NULL;

      g_match_info_fetch_pos (match, 1, &start, &end);
      piece = g_strstrip (g_strndup (text + from, start - from));
      if (try_match (COUNTER_SINCE, piece, &whole) || try_match (COUNTER_RU_SINCE, piece, &whole) ||
          try_match (COUNTER_RU_DAY, piece, &whole))
        {
          g_ptr_array_add (counters, g_steal_pointer (&piece));
          from = start;
        }
    }
  g_ptr_array_add (counters, g_strstrip (g_strdup (text + from)));
  return counters;
}

static void
add_counter (Discovery  *discovery,
             const char *evidence,
             const char *number,
             const char *event,
             gboolean    ordinal)
{
  guint64 n = g_ascii_strtoull (number, NULL, 10);
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GDateTime) noon = NULL;
  CqFoundPart *part;
  GDate since;

  if (!g_date_valid (&discovery->found->date) || n > 100000 || (ordinal && n == 0))
    return;
  split_label (event, &label, &note);
  /* An event is named in a few words, not told in a sentence. */
  if (*label == '\0' || g_utf8_strlen (label, -1) > 120 || strpbrk (label, ";!?") != NULL)
    return;

  /* "the 469th day" is 468 days after the first. */
  since = discovery->found->date;
  g_date_subtract_days (&since, (guint) n - (ordinal ? 1 : 0));
  if (!g_date_valid (&since))
    return;

  /* The page's number must come out again, counted as the header counts. */
  noon = g_date_time_new (discovery->home, g_date_get_year (&discovery->found->date),
                          g_date_get_month (&discovery->found->date),
                          g_date_get_day (&discovery->found->date), 12, 0, 0);
  if (noon == NULL || cq_calendar_days_since (&since, noon, discovery->home) != (int) n - (ordinal ? 1 : 0))
    return;

  /* The same counter twice on a page (a header repeated in the footer) is
   * one counter. */
  for (guint i = 0; i < discovery->found->parts->len; i++)
    {
      CqFoundPart *seen = g_ptr_array_index (discovery->found->parts, i);

      if (seen->kind == CQ_FOUND_COUNTER && g_str_equal (seen->counter.label, label) &&
          g_date_compare (&seen->counter.since, &since) == 0)
        return;
    }

  part = add_part (discovery, CQ_FOUND_COUNTER, evidence);
  part->counter.label = g_steal_pointer (&label);
  part->counter.note = g_steal_pointer (&note);
  part->counter.since = since;
  discovery->n_counters++;
}

static void
find_counters (Discovery *discovery,
               Line      *line)
{
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GMatchInfo) ago = NULL;

  /* "The office opened: 30 days ago" is one counter, its number last. */
  if (try_match (COUNTER_AGO, line->text, &ago))
    {
      g_autofree char *event = g_match_info_fetch (ago, 1);
      g_autofree char *number = g_match_info_fetch (ago, 2);

      add_counter (discovery, line->text, number, event, FALSE);
      return;
    }

  /* A line that starts with a counter: a sentence that has one in its
   * middle is prose. */
  pieces = split_counters (line->text);
  for (guint i = 0; i < pieces->len && discovery->n_counters < MAX_COUNTERS; i++)
    {
      const char *text = g_ptr_array_index (pieces, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *number = NULL;
      g_autofree char *event = NULL;
      gboolean ordinal = FALSE;

      if (!try_match (COUNTER_SINCE, text, &match) && !try_match (COUNTER_RU_SINCE, text, &match) &&
          !(ordinal = try_match (COUNTER_RU_DAY, text, &match)))
        return;
      number = g_match_info_fetch (match, 1);
      event = g_match_info_fetch (match, 2);
      add_counter (discovery, text, number, event, ordinal);
    }
}

/* ---- Contact lines ------------------------------------------------------ */

static gboolean
contact_taken (Discovery  *discovery,
               const char *value)
{
  for (guint i = 0; i < discovery->found->parts->len; i++)
    {
      CqFoundPart *part = g_ptr_array_index (discovery->found->parts, i);

      if (part->kind == CQ_FOUND_CONTACT && g_str_equal (part->contact.value, value))
        return TRUE;
    }
  return FALSE;
}

/* The words before the number on its line, or the line before when it
 * ends in a colon ("Consular queries:" over "+44 …"). */
static char *
contact_label (Discovery  *discovery,
               guint       index,
               const char *before)
{
  g_autofree char *label = g_strstrip (g_strdup (before));

  while (*label != '\0' && strchr (":-–|·,", label[strlen (label) - 1]) != NULL)
    {
      label[strlen (label) - 1] = '\0';
      g_strstrip (label);
    }
  if (*label == '\0' && index > 0)
    {
      Line *previous = g_ptr_array_index (discovery->lines, index - 1);

      if (g_str_has_suffix (previous->text, ":") && g_utf8_strlen (previous->text, -1) <= 60)
        {
          g_free (label);
          label = g_strndup (previous->text, strlen (previous->text) - 1);
          g_strstrip (label);
        }
    }
  if (g_utf8_strlen (label, -1) > 60)
    return NULL;
  return g_steal_pointer (&label);
}

static void
find_contacts (Discovery *discovery,
               guint      index)
{
  Line *line = g_ptr_array_index (discovery->lines, index);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  g_autofree char *uri = NULL;
  const char *found;
  int start = 0, end = 0;

  if (g_utf8_strlen (line->text, -1) > 160)
    return;

  if (try_match (PHONE_PATTERN, line->text, &match) || try_match (EMAIL_PATTERN, line->text, &match))
    {
      value = g_match_info_fetch (match, 0);
      g_match_info_fetch_pos (match, 0, &start, &end);
    }
  else if (line->link != NULL && g_ascii_strncasecmp (line->link, "mailto:", 7) == 0)
    {
      /* "Write to us" linking to an address: the address is the value. */
      g_autofree char *address = g_uri_unescape_segment (line->link + 7, strchr (line->link, '?'), NULL);

      if (address == NULL || strchr (address, '@') == NULL || strpbrk (address, " <>\"") != NULL)
        return;
      value = g_steal_pointer (&address);
      /* The label is what comes before the link's words. */
      found = line->link_text != NULL && *line->link_text != '\0' ? g_strrstr (line->text, line->link_text) : NULL;
      start = found != NULL ? (int) (found - line->text) : (int) strlen (line->text);
    }
  else
    return;

  if (contact_taken (discovery, value))
    return;
  {
    g_autofree char *before = g_strndup (line->text, start);

    label = contact_label (discovery, index, before);
  }
  if (label == NULL)
    return;
  if (*label == '\0')
    {
      g_free (label);
      label = g_strdup (strchr (value, '@') != NULL ? _("E-mail") : _("Phone"));
    }
  /* The page's own link, when it is one that may leave the app. */
  if (line->link != NULL)
    uri = cq_html_link_to_open (line->link);

  {
    CqFoundPart *part = add_part (discovery, CQ_FOUND_CONTACT, line->text);

    part->contact.label = g_steal_pointer (&label);
    part->contact.value = g_steal_pointer (&value);
    part->contact.uri = g_steal_pointer (&uri);
    discovery->n_contacts++;
  }
}

/* ---- Whole pages -------------------------------------------------------- */

static const char *
page_language (htmlDocPtr doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  return root != NULL ? cq_html_get_attribute (root, "lang") : NULL;
}

/**
 * cq_header_discover:
 * @page: an organisation's home page, as fetched
 * @declared_charset: (nullable): the charset its HTTP headers gave
 * @moment: (nullable): when the page was made (the server's Date); clocks
 *   are checked against it, and counters count to its day when the page
 *   has no date line
 * @home: the source's home zone
 *
 * Returns: (transfer full): what the page's header shows, possibly
 *   nothing; %NULL with @error set only when @page is no HTML at all
 */
CqFoundHeader *
cq_header_discover (GBytes      *page,
                    const char  *declared_charset,
                    GDateTime   *moment,
                    GTimeZone   *home,
                    GError     **error)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *language = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CqFoundHeaderReal *real;
  htmlDocPtr doc;
  xmlNodePtr root;
  Discovery discovery = { 0 };
  gsize size = 0, length = 0;
  const char *data;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (home != NULL, NULL);

  data = g_bytes_get_data (page, &size);
  if (!(utf8 = cq_charset_to_utf8 (data != NULL ? data : "", size, declared_charset, &length, error)))
    return NULL;
  if (!(doc = cq_html_parse (utf8, strlen (utf8))))
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED, _("The page could not be read as HTML."));
      return NULL;
    }
  language = g_strdup (page_language (doc));
  root = xmlDocGetRootElement (doc);
  lines = root != NULL ? read_lines (root) : g_ptr_array_new_with_free_func (line_free);
  xmlFreeDoc (doc);

  real = g_new0 (CqFoundHeaderReal, 1);
  g_atomic_ref_count_init (&real->ref_count);
  real->header.parts = g_ptr_array_new_with_free_func (found_part_free);
  g_date_clear (&real->header.date, 1);

  discovery.lines = lines;
  discovery.moment = moment;
  discovery.home = home;
  discovery.language = language;
  discovery.found = &real->header;

  find_date_line (&discovery);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);

      if (discovery.n_clocks < MAX_CLOCKS)
        find_clocks (&discovery, line);
      if (discovery.n_counters < MAX_COUNTERS)
        find_counters (&discovery, line);
      if (discovery.n_contacts < MAX_CONTACTS)
        find_contacts (&discovery, i);
    }
  return &real->header;
}

CqFoundHeader *
cq_found_header_ref (CqFoundHeader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&((CqFoundHeaderReal *) self)->ref_count);
  return self;
}

void
cq_found_header_unref (CqFoundHeader *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&((CqFoundHeaderReal *) self)->ref_count))
    return;
  g_free (self->date_text);
  g_ptr_array_unref (self->parts);
  g_free (self);
}

/**
 * cq_found_part_describe:
 *
 * Returns: (transfer full): the part as the header will show it, for the
 *   user to keep or drop: "Clock: Moscow (Europe/Moscow)"
 */
char *
cq_found_part_describe (const CqFoundPart *part)
{
  g_return_val_if_fail (part != NULL, NULL);

  switch (part->kind)
    {
    case CQ_FOUND_CLOCK:
      /* Translators: a clock found on a page: its label, then its zone. */
      return g_strdup_printf (_("Clock: %s (%s)"), part->clock.label, part->clock.zone);
    case CQ_FOUND_COUNTER:
      {
        g_autofree char *since = cq_calendar_format_calendar_date (&part->counter.since);

        /* Translators: a day counter found on a page: its event, then the date it counts from. */
        return g_strdup_printf (_("Counter: days since %s (from %s)"), part->counter.label, since);
      }
    case CQ_FOUND_CONTACT:
      /* Translators: a contact line found on a page: its label, then the number or address. */
      return g_strdup_printf (_("Contact: %s: %s"), part->contact.label, part->contact.value);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
already_there (CqProfile         *profile,
               const CqFoundPart *part)
{
  switch (part->kind)
    {
    case CQ_FOUND_CLOCK:
      for (guint i = 0; i < cq_profile_get_n_clocks (profile); i++)
        if (g_str_equal (cq_profile_get_clock (profile, i)->zone, part->clock.zone))
          return TRUE;
      return FALSE;
    case CQ_FOUND_COUNTER:
      for (guint i = 0; i < cq_profile_get_n_counters (profile); i++)
        if (g_date_compare (&cq_profile_get_counter (profile, i)->since, &part->counter.since) == 0 &&
            g_str_equal (cq_profile_get_counter (profile, i)->label, part->counter.label))
          return TRUE;
      return FALSE;
    case CQ_FOUND_CONTACT:
      for (guint i = 0; i < cq_profile_get_n_contacts (profile); i++)
        if (g_str_equal (cq_profile_get_contact (profile, i)->value, part->contact.value))
          return TRUE;
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cq_found_header_apply:
 * @profile: the source's profile as it is
 * @keep: (nullable) (array): for each part, whether the user keeps it;
 *   %NULL keeps them all
 *
 * The kept parts join what the profile has already; a part it has (the
 * same zone, counter or number) is not added twice.
 *
 * Returns: (transfer full) (nullable): the new profile, or %NULL with
 *   @error set when the result is not a valid one
 */
CqProfile *
cq_found_header_apply (CqFoundHeader   *self,
                       CqProfile       *profile,
                       const gboolean  *keep,
                       GError         **error)
{
  g_autoptr(GPtrArray) clocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) counters = g_ptr_array_new ();
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CQ_IS_PROFILE (profile), NULL);

  for (guint i = 0; i < cq_profile_get_n_clocks (profile); i++)
    g_ptr_array_add (clocks, (gpointer) cq_profile_get_clock (profile, i));
  for (guint i = 0; i < cq_profile_get_n_counters (profile); i++)
    g_ptr_array_add (counters, (gpointer) cq_profile_get_counter (profile, i));
  for (guint i = 0; i < cq_profile_get_n_contacts (profile); i++)
    g_ptr_array_add (contacts, (gpointer) cq_profile_get_contact (profile, i));

  for (guint i = 0; i < self->parts->len; i++)
    {
      CqFoundPart *part = g_ptr_array_index (self->parts, i);

      if ((keep != NULL && !keep[i]) || already_there (profile, part))
        continue;
      switch (part->kind)
        {
        case CQ_FOUND_CLOCK: g_ptr_array_add (clocks, &part->clock); break;
        case CQ_FOUND_COUNTER: g_ptr_array_add (counters, &part->counter); break;
        case CQ_FOUND_CONTACT: g_ptr_array_add (contacts, &part->contact); break;
        default: g_assert_not_reached ();
        }
    }
  return cq_profile_copy_with_header (profile, clocks, counters, contacts, error);
}
