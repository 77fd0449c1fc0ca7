/* test-header-discovery.c: an organisation's header read from pages of
 * several shapes, and nothing read from pages that have none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-calendar.h"
#include "cq-header-discovery.h"
#include "cq-header.h"
#include "cq-places.h"
#include "cq-test-util.h"

/* 20:40 in London, 22:40 in Moscow, 15:40 in New York, 04:40 next day in Tokyo. */
#define PAGE_MOMENT "2019-06-16T19:40:00Z"

static CqFoundHeader *
discover_at (const char *html,
             const char *moment_iso,
             const char *home_id)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GDateTime) moment = moment_iso != NULL ? cq_test_date_time (moment_iso) : NULL;
  g_autoptr(GTimeZone) home = g_time_zone_new_identifier (home_id);
  g_autoptr(GError) error = NULL;
  CqFoundHeader *found = cq_header_discover (bytes, NULL, moment, home, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  for (guint i = 0; i < found->parts->len; i++)
    {
      g_autofree char *said = cq_found_part_describe (g_ptr_array_index (found->parts, i));

      g_test_message ("found %s", said);
    }
  return found;
}

static CqFoundHeader *
discover (const char *html)
{
  return discover_at (html, PAGE_MOMENT, "Europe/London");
}

static guint
count_kind (CqFoundHeader *found,
            CqFoundKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < found->parts->len; i++)
    n += ((CqFoundPart *) g_ptr_array_index (found->parts, i))->kind == kind;
  return n;
}

static const CqFoundPart *
nth_of_kind (CqFoundHeader *found,
             CqFoundKind    kind,
             guint          nth)
{
  for (guint i = 0; i < found->parts->len; i++)
    {
      CqFoundPart *part = g_ptr_array_index (found->parts, i);

      if (part->kind == kind && nth-- == 0)
        return part;
    }
  g_assert_not_reached ();
}

static char *
since_of (const CqFoundPart *part)
{
  return cq_calendar_format_calendar_date (&part->counter.since);
}

static gboolean
need_cities (void)
{
  if (cq_places_have_cities ())
    return TRUE;
  g_test_skip ("built without libgweather's city names");
  return FALSE;
}

/* The built-in site's shape: a top bar of divs, clocks on one line, a
 * contact line, a counter in a block of its own, news as links. */
static void
test_discover_embassy_markup (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", "embassy-home.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(CqFoundHeader) found = NULL;
  g_autofree char *since = NULL;
  const CqFoundPart *part;

  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  found = discover (html);

  g_assert_cmpstr (found->date_text, ==, "16 June 2019");
  g_assert_cmpuint (g_date_get_day (&found->date), ==, 16);

  /* "Fredville" is no place anyone knows: its clock is not invented. */
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), ==, 1);
  part = nth_of_kind (found, CQ_FOUND_CLOCK, 0);
  g_assert_cmpstr (part->clock.label, ==, "London");
  g_assert_cmpstr (part->clock.zone, ==, "Europe/London");
  g_assert_cmpstr (part->evidence, ==, "Fredville: 22:40 London: 20:40");

  g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 1);
  part = nth_of_kind (found, CQ_FOUND_COUNTER, 0);
  since = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "the harbour fire");
  g_assert_cmpstr (since, ==, "2019-03-04");
  g_assert_null (part->counter.note);

  g_assert_cmpuint (count_kind (found, CQ_FOUND_CONTACT), ==, 1);
  part = nth_of_kind (found, CQ_FOUND_CONTACT, 0);
  g_assert_cmpstr (part->contact.label, ==, "Consular queries");
  g_assert_cmpstr (part->contact.value, ==, "+44 (0) 20 7946 0000");

  /* Not one of the dated news links became a counter or a date line. */
  g_assert_cmpuint (found->parts->len, ==, 3);
}

/* The seed's shape: the label on its own line above the number, two
 * counters side by side, each with a note after a dash. */
static void
test_discover_seed_shape (void)
{
  g_autoptr(CqFoundHeader) found = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const CqFoundPart *part;

  if (!need_cities ())
    return;
  found = discover ("<html><body><div class='top'><div>16 June 2019</div>"
                    "<div>Moscow: 22:40</div><div>London: 20:40</div>"
                    "<p>Consular queries:</p><p>+44 (0) 20 7946 0999</p></div>"
                    "<div class='counters'>412 days have passed since the lighthouse closed - no word from the harbour board"
                    "   400 days have passed since the ferry stopped - no word either</div>"
                    "<ul><li><a href='/news/1'>12 days have passed since a link, which is news</a></li></ul>"
                    "</body></html>");

  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), ==, 2);
  g_assert_cmpstr (nth_of_kind (found, CQ_FOUND_CLOCK, 0)->clock.zone, ==, "Europe/Moscow");
  g_assert_cmpstr (nth_of_kind (found, CQ_FOUND_CLOCK, 1)->clock.zone, ==, "Europe/London");

  g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 2);
  part = nth_of_kind (found, CQ_FOUND_COUNTER, 0);
  first = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "the lighthouse closed");
  g_assert_cmpstr (part->counter.note, ==, "No word from the harbour board");
  g_assert_cmpstr (first, ==, "2018-04-30");
  part = nth_of_kind (found, CQ_FOUND_COUNTER, 1);
  second = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "the ferry stopped");
  g_assert_cmpstr (second, ==, "2018-05-12");

  part = nth_of_kind (found, CQ_FOUND_CONTACT, 0);
  g_assert_cmpstr (part->contact.label, ==, "Consular queries");
  g_assert_cmpstr (part->contact.value, ==, "+44 (0) 20 7946 0999");
}

/* An older CMS: the header is a table, a city in one cell and its time in
 * the next, the phone in a cell after its label. */
static void
test_discover_table_page (void)
{
  g_autoptr(CqFoundHeader) found = NULL;

  if (!need_cities ())
    return;
  found = discover ("<html><body><table class='header'>"
                    "<tr><td colspan='2'>Sunday, 16 June 2019</td></tr>"
                    "<tr><td>Moscow</td><td>22:40</td></tr>"
                    "<tr><td>London</td><td>20:40</td></tr>"
                    "<tr><td>Duty officer:</td><td>+44 20 7946 0123</td></tr>"
                    "</table><table><tr><td><a href='/a'>15.06.2019 Ambassador's letter</a></td></tr></table>"
                    "</body></html>");

  g_assert_cmpstr (found->date_text, ==, "Sunday, 16 June 2019");
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), ==, 2);
  g_assert_cmpstr (nth_of_kind (found, CQ_FOUND_CLOCK, 0)->clock.label, ==, "Moscow");
  g_assert_cmpstr (nth_of_kind (found, CQ_FOUND_CLOCK, 1)->clock.label, ==, "London");
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CONTACT), ==, 1);
  g_assert_cmpstr (nth_of_kind (found, CQ_FOUND_CONTACT, 0)->contact.label, ==, "Duty officer");
  g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 0);
}

/* A modern page: <time> elements, 12-hour clocks, a city of two words, a
 * counter written "… days ago", an e-mail link whose text is not the
 * address. */
static void
test_discover_modern_page (void)
{
  g_autoptr(CqFoundHeader) found = NULL;
  g_autofree char *since = NULL;
  const CqFoundPart *part;

  if (!need_cities ())
    return;
  found = discover ("<!DOCTYPE html><html lang='en'><body><header>"
                    "<p class='today'><time datetime='2019-06-16'>June 16, 2019</time></p>"
                    "<ul class='clocks'><li>New York: <time>3:40 pm</time></li>"
                    "<li>Tokyo <time>4:40 am</time></li></ul>"
                    "<p>Office opened: 30 days ago</p>"
                    "<p>Press office: <a href='mailto:press@example.org?subject=Hello'>write to us</a></p>"
                    "</header><main><article><h2><a href='/s/1'>A statement</a></h2>"
                    "<p>The talks began at 10:00 in London and went on until late.</p></article></main>"
                    "</body></html>");

  g_assert_cmpstr (found->date_text, ==, "June 16, 2019");
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), ==, 2);
  part = nth_of_kind (found, CQ_FOUND_CLOCK, 0);
  g_assert_cmpstr (part->clock.label, ==, "New York");
  g_assert_cmpstr (part->clock.zone, ==, "America/New_York");
  part = nth_of_kind (found, CQ_FOUND_CLOCK, 1);
  g_assert_cmpstr (part->clock.label, ==, "Tokyo");
  g_assert_cmpstr (part->clock.zone, ==, "Asia/Tokyo");

  part = nth_of_kind (found, CQ_FOUND_COUNTER, 0);
  since = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "Office opened");
  g_assert_cmpstr (since, ==, "2019-05-17");

  part = nth_of_kind (found, CQ_FOUND_CONTACT, 0);
  g_assert_cmpstr (part->contact.label, ==, "Press office");
  g_assert_cmpstr (part->contact.value, ==, "press@example.org");
  g_assert_cmpstr (part->contact.uri, ==, "mailto:press@example.org?subject=Hello");
}

/* A Russian page is read in Russian whatever the desktop speaks. */
static void
test_discover_russian_page (void)
{
  g_autoptr(CqFoundHeader) found = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const CqFoundPart *part;

  if (!need_cities ())
    return;
  found = discover_at ("<html lang='ru'><body><div id='shapka'>"
                       "<div>16 июня 2019</div>"
                       "<div>Москва 22:40 / Лондон 20:40</div>"
                       "<div>Прошло 105 дней с открытия маяка</div>"
                       "<div>12-й день выставки — вход свободный</div>"
                       "<div>Телефон: +7 495 000-00-00</div>"
                       "</div></body></html>",
                       PAGE_MOMENT, "Europe/Moscow");

  g_assert_cmpstr (found->date_text, ==, "16 июня 2019");
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), ==, 2);
  part = nth_of_kind (found, CQ_FOUND_CLOCK, 0);
  g_assert_cmpstr (part->clock.label, ==, "Москва");
  g_assert_cmpstr (part->clock.zone, ==, "Europe/Moscow");
  part = nth_of_kind (found, CQ_FOUND_CLOCK, 1);
  g_assert_cmpstr (part->clock.label, ==, "Лондон");
  g_assert_cmpstr (part->clock.zone, ==, "Europe/London");

  g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 2);
  part = nth_of_kind (found, CQ_FOUND_COUNTER, 0);
  first = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "открытия маяка");
  g_assert_cmpstr (first, ==, "2019-03-03");
  /* The 12th day is 11 days after the first. */
  part = nth_of_kind (found, CQ_FOUND_COUNTER, 1);
  second = since_of (part);
  g_assert_cmpstr (part->counter.label, ==, "выставки");
  g_assert_cmpstr (part->counter.note, ==, "Вход свободный");
  g_assert_cmpstr (second, ==, "2019-06-05");

  part = nth_of_kind (found, CQ_FOUND_CONTACT, 0);
  g_assert_cmpstr (part->contact.label, ==, "Телефон");
  g_assert_cmpstr (part->contact.value, ==, "+7 495 000-00-00");
}

/* Pages with no header: nothing found, nothing invented, whatever their
 * prose says about times, days and numbers. */
static void
test_discover_nothing (void)
{
  static const char * const pages[] = {
    "<html><body><article><h1>Statement</h1><p>The meeting in London began at 10:00 and the "
    "minister spoke in Moscow at 15:30.</p><p>Three days since the vote, 12 days have passed since "
    "the ballots were counted, said the clerk; call 0800 000 000 for the results.</p></article></body></html>",
    "<html><body><p>12.06.2019</p><ul><li><a href='/1'>10 days have passed since a link</a></li></ul></body></html>",
    "<html><body></body></html>",
    "plain text, not a page at all: Moscow 22:40",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(CqFoundHeader) found = discover (pages[i]);

      g_test_message ("page %u", i);
      g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 0);
      g_assert_cmpuint (count_kind (found, CQ_FOUND_CONTACT), ==, 0);
    }

  /* Only the plain text's clock line is a clock line: a sentence is not. */
  {
    g_autoptr(CqFoundHeader) prose = discover (pages[0]);

    g_assert_cmpuint (prose->parts->len, ==, 0);
    g_assert_null (prose->date_text);
  }
  {
    /* A date that is not the page's day is not its date line. */
    g_autoptr(CqFoundHeader) old = discover (pages[1]);

    g_assert_null (old->date_text);
  }
}

/* A clock is taken only if its zone shows the page's time then. */
static void
test_discover_clock_must_agree (void)
{
  g_autoptr(CqFoundHeader) wrong = NULL;
  g_autoptr(CqFoundHeader) ontario = NULL;
  g_autoptr(CqFoundHeader) unknown_moment = NULL;

  if (!need_cities ())
    return;

  /* Tokyo is at 04:40 then, not 22:40. */
  wrong = discover ("<html><body><div>Tokyo 22:40</div><div>Moscow 22:40</div></body></html>");
  g_assert_cmpuint (count_kind (wrong, CQ_FOUND_CLOCK), ==, 1);
  g_assert_cmpstr (nth_of_kind (wrong, CQ_FOUND_CLOCK, 0)->clock.zone, ==, "Europe/Moscow");

  /* At 15:40, "London" can only be a London on Eastern time, not England's. */
  ontario = discover ("<html><body><div>London 15:40</div></body></html>");
  g_assert_cmpuint (count_kind (ontario, CQ_FOUND_CLOCK), ==, 1);
  g_assert_cmpstr (nth_of_kind (ontario, CQ_FOUND_CLOCK, 0)->clock.zone, !=, "Europe/London");

  /* With no moment to check against, the place named after its zone. */
  unknown_moment = discover_at ("<html><body><div>Moscow 22:40 | London 20:40 | GMT+3 22:40</div></body></html>",
                                NULL, "UTC");
  g_assert_cmpuint (count_kind (unknown_moment, CQ_FOUND_CLOCK), ==, 3);
  g_assert_cmpstr (nth_of_kind (unknown_moment, CQ_FOUND_CLOCK, 0)->clock.zone, ==, "Europe/Moscow");
  g_assert_cmpstr (nth_of_kind (unknown_moment, CQ_FOUND_CLOCK, 1)->clock.zone, ==, "Europe/London");
  g_assert_cmpstr (nth_of_kind (unknown_moment, CQ_FOUND_CLOCK, 2)->clock.zone, ==, "Etc/GMT-3");
}

/* The page's number comes out again, across a leap day and a change of
 * clocks, for the page's own moment. */
static void
test_discover_counter_arithmetic (void)
{
  static const struct {
    const char *moment;
    const char *zone;
    const char *line;
    const char *since;
  } cases[] = {
    /* 2020 is a leap year: a day before 1 March is 29 February. */
    { "2020-03-01T12:00:00Z", "UTC", "1 day has passed since the leap day", "2020-02-29" },
    { "2020-03-01T12:00:00Z", "UTC", "366 days have passed since a year before", "2019-03-01" },
    /* The night British clocks go forward, and the night they go back. */
    { "2019-03-31T00:30:00Z", "Europe/London", "7 days since the spring meeting", "2019-03-24" },
    { "2019-10-27T23:30:00Z", "Europe/London", "1 day since the autumn meeting", "2019-10-26" },
    /* Late evening in Moscow is already tomorrow there. */
    { "2019-06-16T21:30:00Z", "Europe/Moscow", "2 days since the visit", "2019-06-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><body><p>%s</p></body></html>", cases[i].line);
      g_autoptr(CqFoundHeader) found = discover_at (html, cases[i].moment, cases[i].zone);
      g_autoptr(GDateTime) moment = cq_test_date_time (cases[i].moment);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (cases[i].zone);
      g_autofree char *since = NULL;
      const CqFoundPart *part;
      guint64 number = g_ascii_strtoull (cases[i].line, NULL, 10);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), ==, 1);
      part = nth_of_kind (found, CQ_FOUND_COUNTER, 0);
      since = since_of (part);
      g_assert_cmpstr (since, ==, cases[i].since);
      /* The header, at the page's moment, says the page's number. */
      g_assert_cmpint (cq_calendar_days_since (&part->counter.since, moment, zone), ==, (int) number);
    }
}

/* Kept parts join the profile; dropped ones do not; a part it has already
 * is not added twice; the result is a valid profile the header shows. */
static void
test_found_header_apply (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_for_feed ("p", "Freedonia", "https://example.org/",
                                                          "https://example.org/", "html-list");
  g_autoptr(CqFoundHeader) found = discover ("<html><body><div>16 June 2019</div>"
                                             "<div>London: 20:40</div>"
                                             "<div>104 days have passed since the harbour fire</div>"
                                             "<div>Switchboard: +44 20 7946 0000</div></body></html>");
  gboolean keep[3] = { TRUE, FALSE, TRUE };
  g_autoptr(CqProfile) kept = NULL;
  g_autoptr(CqProfile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = cq_test_date_time (PAGE_MOMENT);
  g_autoptr(CqHeader) header = NULL;

  if (!need_cities ())
    return;
  g_assert_cmpuint (found->parts->len, ==, 3);
  kept = cq_found_header_apply (found, profile, keep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_profile_get_n_clocks (kept), ==, 1);
  g_assert_cmpuint (cq_profile_get_n_counters (kept), ==, 0);
  g_assert_cmpuint (cq_profile_get_n_contacts (kept), ==, 1);
  g_assert_cmpstr (cq_profile_get_contact (kept, 0)->uri, ==, "tel:+442079460000");

  again = cq_found_header_apply (found, kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_profile_get_n_clocks (again), ==, 1);
  g_assert_cmpuint (cq_profile_get_n_counters (again), ==, 1);
  g_assert_cmpuint (cq_profile_get_n_contacts (again), ==, 1);

  header = cq_header_new (again, now, CQ_CLOCK_FORMAT_24H);
  g_assert_cmpuint (header->clocks->len, ==, 1);
  g_assert_cmpstr (((CqHeaderClock *) g_ptr_array_index (header->clocks, 0))->time, ==, "20:40");
  g_assert_cmpint (((CqHeaderCounter *) g_ptr_array_index (header->counters, 0))->days, ==, 104);
}

/* What a hostile page can do: very many lines, very long ones, deep
 * nesting, a thousand clocks; it ends, and keeps to its limits. */
static void
test_discover_hostile (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(CqFoundHeader) found = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (html, "<div><div>Moscow 22:40 London 20:40 +44 20 7946 0000 5 days since x");
  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "<p>1 day has passed since a line</p>");

  g_string_append_len (html, "\0\xff\xfe", 3);
  found = discover (html->str);
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CLOCK), <=, 4);
  g_assert_cmpuint (count_kind (found, CQ_FOUND_COUNTER), <=, 6);
  g_assert_cmpuint (count_kind (found, CQ_FOUND_CONTACT), <=, 4);

  /* Flat, so that every line is read: times beside names that are no
   * place, each looked up, none taken; one counter said 4,000 times is one. */
  {
    g_autoptr(GString) flat = g_string_new ("<html><body>");
    g_autoptr(CqFoundHeader) none = NULL;

    for (guint i = 0; i < 4000; i++)
      g_string_append (flat, "<p>Xq 10:00 Yq 11:00 Zq 12:00 Wq 1:00 pm GMT+30 10:00</p>"
                             "<p>3 days have passed since a line</p>");
    none = discover (flat->str);
    g_assert_cmpuint (count_kind (none, CQ_FOUND_CLOCK), ==, 0);
    g_assert_cmpuint (count_kind (none, CQ_FOUND_COUNTER), ==, 1);
  }
}

static gboolean
has_zone (GPtrArray  *places,
          const char *zone)
{
  for (guint i = 0; i < places->len; i++)
    if (g_str_equal (((CqPlace *) g_ptr_array_index (places, i))->zone, zone))
      return TRUE;
  return FALSE;
}

/* The zone picker's search: any part of a name, whole words first; zones
 * by offset; a zone's own place name. */
static void
test_places (void)
{
  g_autoptr(GPtrArray) middle = NULL;
  g_autoptr(GPtrArray) york = NULL;
  g_autoptr(GPtrArray) nothing = cq_places_search ("qqqzzz", 50);
  g_autoptr(GPtrArray) offset = cq_places_find_zones ("UTC-5", NULL);
  g_autofree char *london = NULL;

  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_cmpuint (offset->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (offset, 0), ==, "Etc/GMT+5");
  if (!need_cities ())
    return;

  /* Inside a word, not only at its start. */
  middle = cq_places_search ("okyo", 50);
  g_assert_true (has_zone (middle, "Asia/Tokyo"));
  /* "York" itself and "New York" before "Yorkton". */
  york = cq_places_search ("york", 50);
  g_assert_cmpuint (york->len, >=, 3);
  g_assert_true (g_str_has_suffix (((CqPlace *) g_ptr_array_index (york, 0))->name, "York"));
  g_assert_true (has_zone (york, "America/New_York"));
  london = cq_places_zone_label ("Europe/London");
  g_assert_cmpstr (london, ==, "London");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/header-discovery/embassy-markup", test_discover_embassy_markup);
  g_test_add_func ("/header-discovery/seed-shape", test_discover_seed_shape);
  g_test_add_func ("/header-discovery/table-page", test_discover_table_page);
  g_test_add_func ("/header-discovery/modern-page", test_discover_modern_page);
  g_test_add_func ("/header-discovery/russian-page", test_discover_russian_page);
  g_test_add_func ("/header-discovery/nothing", test_discover_nothing);
  g_test_add_func ("/header-discovery/clock-must-agree", test_discover_clock_must_agree);
  g_test_add_func ("/header-discovery/counter-arithmetic", test_discover_counter_arithmetic);
  g_test_add_func ("/header-discovery/apply", test_found_header_apply);
  g_test_add_func ("/header-discovery/hostile", test_discover_hostile);
  g_test_add_func ("/header-discovery/places", test_places);

  return g_test_run ();
}
