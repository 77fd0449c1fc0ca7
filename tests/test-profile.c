/* test-profile.c: source profiles, the default one and the invalid ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cq-profile.h"
#include "cq-text.h"
#include "cq-calendar.h"

#define VALID_HEAD \
  "{ \"id\": \"agency\", \"name\": \"An agency\"," \
  "  \"feed\": { \"url\": \"https://agency.example.org/news.json\", \"format\": \"json-feed\" },"

static void
test_default_matches_seed_header (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  const CqCounterSpec *salisbury, *glushkov;
  const CqContact *consular;

  g_assert_cmpstr (cq_profile_get_id (profile), ==, "rusemb-uk");
  g_assert_cmpstr (cq_profile_get_feed_url (profile), ==, "https://www.rusemb.org.uk/");
  g_assert_cmpstr (cq_profile_get_feed_format (profile), ==, "html-list");
  g_assert_cmpstr (cq_profile_get_time_zone_id (profile), ==, "Europe/London");

  g_assert_cmpuint (cq_profile_get_n_clocks (profile), ==, 2);
  g_assert_cmpstr (cq_profile_get_clock (profile, 0)->label, ==, "Moscow");
  g_assert_cmpstr (cq_profile_get_clock (profile, 0)->zone, ==, "Europe/Moscow");
  g_assert_cmpstr (cq_profile_get_clock (profile, 1)->label, ==, "London");
  g_assert_cmpstr (cq_profile_get_clock (profile, 1)->zone, ==, "Europe/London");

  g_assert_cmpuint (cq_profile_get_n_counters (profile), ==, 2);
  salisbury = cq_profile_get_counter (profile, 0);
  glushkov = cq_profile_get_counter (profile, 1);
  g_assert_cmpstr (salisbury->label, ==, "the Salisbury incident");
  g_assert_cmpint (g_date_get_year (&salisbury->since), ==, 2018);
  g_assert_cmpint (g_date_get_month (&salisbury->since), ==, 3);
  g_assert_cmpint (g_date_get_day (&salisbury->since), ==, 4);
  g_assert_cmpstr (glushkov->label, ==, "the death of Nikolay Glushkov on British soil");
  g_assert_cmpint (g_date_get_day (&glushkov->since), ==, 12);

  g_assert_cmpuint (cq_profile_get_n_contacts (profile), ==, 1);
  consular = cq_profile_get_contact (profile, 0);
  g_assert_cmpstr (consular->label, ==, "Consular queries");
  g_assert_cmpstr (consular->value, ==, "+44 (0) 203 668 7474");
  g_assert_cmpstr (consular->uri, ==, "tel:+442036687474");

  g_assert_finalize_object (g_steal_pointer (&profile));
}

/* Equal when they say the same, however they were written. */
static void
test_equal_by_meaning (void)
{
  g_autoptr(CqProfile) terse = cq_profile_new_from_data (VALID_HEAD " \"version\": 1 }", -1, NULL);
  g_autoptr(CqProfile) spaced = cq_profile_new_from_data (VALID_HEAD "\n\n   \"version\" :  1\n}", -1, NULL);
  g_autoptr(CqProfile) zoned = cq_profile_new_from_data (VALID_HEAD " \"version\": 1, \"time_zone\": \"Asia/Tokyo\" }",
                                                         -1, NULL);
  g_autofree char *written = NULL;
  g_autoptr(CqProfile) reread = NULL;

  g_assert_nonnull (terse);
  g_assert_nonnull (zoned);
  g_assert_true (cq_profile_equal (terse, terse));
  g_assert_true (cq_profile_equal (terse, spaced));
  g_assert_false (cq_profile_equal (terse, zoned));
  written = cq_profile_to_data (zoned);
  reread = cq_profile_new_from_data (written, -1, NULL);
  g_assert_true (cq_profile_equal (zoned, reread));
}

static void
test_minimal_profile_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile =
    cq_profile_new_from_data (VALID_HEAD " \"version\": 1 }", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cq_profile_get_name (profile), ==, "An agency");
  g_assert_cmpstr (cq_profile_get_feed_format (profile), ==, "json-feed");
  g_assert_cmpstr (cq_profile_get_time_zone_id (profile), ==, "UTC");
  g_assert_null (cq_profile_get_home_url (profile));
  g_assert_null (cq_profile_get_html_list_rules (profile));
  g_assert_cmpuint (cq_profile_get_n_clocks (profile), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&profile));
}

static void
test_contact_uris_guessed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_data (
    VALID_HEAD
    " \"contacts\": ["
    "   { \"label\": \"Phone\", \"value\": \"+7 (495) 244-16-06\" },"
    "   { \"label\": \"Press\", \"value\": \"press@agency.example.org\" },"
    "   { \"label\": \"Post\", \"value\": \"13 Example Gardens, London\" },"
    "   { \"label\": \"Site\", \"value\": \"Contact form\", \"uri\": \"https://agency.example.org/contact\" }"
    " ] }", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cq_profile_get_contact (profile, 0)->uri, ==, "tel:+74952441606");
  g_assert_cmpstr (cq_profile_get_contact (profile, 1)->uri, ==, "mailto:press@agency.example.org");
  g_assert_null (cq_profile_get_contact (profile, 2)->uri);
  g_assert_cmpstr (cq_profile_get_contact (profile, 3)->uri, ==, "https://agency.example.org/contact");
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) original = cq_profile_new_from_data (
    VALID_HEAD
    " \"time_zone\": \"Europe/Moscow\","
    " \"html_list\": { \"item\": \"//div[@class='news']\", \"title\": \"./a\", \"link\": \"./a/@href\","
    "                  \"date\": \"./span\", \"date_format\": \"%d.%m.%Y\" },"
    " \"article\": { \"content\": \"//div[@id='text']\" },"
    " \"clocks\": [ { \"label\": \"Москва\", \"zone\": \"Europe/Moscow\" } ],"
    " \"counters\": [ { \"label\": \"the launch\", \"since\": \"2020-02-29\", \"note\": \"A leap day\" } ],"
    " \"contacts\": [ { \"label\": \"Phone\", \"value\": \"+7 495 000 00 00\" } ] }",
    -1, &error);
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CqProfile) copy = NULL;

  g_assert_no_error (error);
  data = cq_profile_to_data (original);
  copy = cq_profile_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  again = cq_profile_to_data (copy);

  g_assert_cmpstr (data, ==, again);
  g_assert_cmpstr (cq_profile_get_html_list_rules (copy)->date_format, ==, "%d.%m.%Y");
  g_assert_cmpstr (cq_profile_get_article_rules (copy)->content, ==, "//div[@id='text']");
  g_assert_cmpstr (cq_profile_get_clock (copy, 0)->label, ==, "Москва");
  g_assert_cmpstr (cq_profile_get_counter (copy, 0)->note, ==, "A leap day");
  g_assert_cmpint (g_date_get_day (&cq_profile_get_counter (copy, 0)->since), ==, 29);
}

typedef struct {
  const char *name;
  const char *json;
  const char *expected;   /* a part of the message: the field, or the problem */
  int         code;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "not-json", "{ \"id\": ", "not valid JSON", CQ_PROFILE_ERROR_SYNTAX },
  { "not-object", "[1, 2, 3]", "must be a JSON object", CQ_PROFILE_ERROR_SYNTAX },
  { "empty", "", "The document is empty", CQ_PROFILE_ERROR_SYNTAX },
  { "missing-id", "{ \"name\": \"x\", \"feed\": { \"url\": \"https://a.example/\" } }",
    "“id” is missing", CQ_PROFILE_ERROR_INVALID },
  { "bad-id", "{ \"id\": \"Has Spaces\", \"name\": \"x\", \"feed\": { \"url\": \"https://a.example/\" } }",
    "“id” may hold only", CQ_PROFILE_ERROR_INVALID },
  { "id-wrong-type", "{ \"id\": 42, \"name\": \"x\", \"feed\": { \"url\": \"https://a.example/\" } }",
    "“id” must be a string", CQ_PROFILE_ERROR_INVALID },
  { "empty-name", "{ \"id\": \"a\", \"name\": \"  \", \"feed\": { \"url\": \"https://a.example/\" } }",
    "“name” must not be empty", CQ_PROFILE_ERROR_INVALID },
  { "missing-feed", "{ \"id\": \"a\", \"name\": \"x\" }", "“feed” must be an object", CQ_PROFILE_ERROR_INVALID },
  { "feed-not-web", "{ \"id\": \"a\", \"name\": \"x\", \"feed\": { \"url\": \"file:///etc/passwd\" } }",
    "“feed.url” must be an http or https address", CQ_PROFILE_ERROR_INVALID },
  { "feed-not-url", "{ \"id\": \"a\", \"name\": \"x\", \"feed\": { \"url\": \"news please\" } }",
    "“feed.url” is not a web address", CQ_PROFILE_ERROR_INVALID },
  { "bad-format", VALID_HEAD " \"feed\": { \"url\": \"https://a.example/\", \"format\": \"gopher\" } }",
    "“feed.format” must be one of", CQ_PROFILE_ERROR_INVALID },
  { "bad-zone", VALID_HEAD " \"time_zone\": \"Mars/Olympus_Mons\" }",
    "“time_zone” is not a known time zone", CQ_PROFILE_ERROR_INVALID },
  { "clock-bad-zone", VALID_HEAD " \"clocks\": [ { \"label\": \"A\", \"zone\": \"UTC\" },"
    " { \"label\": \"B\", \"zone\": \"Europe/Atlantis\" } ] }",
    "“clocks[1].zone” is not a known time zone", CQ_PROFILE_ERROR_INVALID },
  { "clock-no-label", VALID_HEAD " \"clocks\": [ { \"zone\": \"UTC\" } ] }",
    "“clocks[0].label” is missing", CQ_PROFILE_ERROR_INVALID },
  { "clocks-not-list", VALID_HEAD " \"clocks\": { \"label\": \"A\" } }",
    "“clocks” must be a list", CQ_PROFILE_ERROR_INVALID },
  { "counter-bad-date", VALID_HEAD " \"counters\": [ { \"label\": \"x\", \"since\": \"2018-02-30\" } ] }",
    "“counters[0].since” must be a calendar date", CQ_PROFILE_ERROR_INVALID },
  { "counter-date-words", VALID_HEAD " \"counters\": [ { \"label\": \"x\", \"since\": \"4 March 2018\" } ] }",
    "“counters[0].since” must be a calendar date", CQ_PROFILE_ERROR_INVALID },
  { "contact-bad-uri", VALID_HEAD " \"contacts\": [ { \"label\": \"x\", \"value\": \"y\","
    " \"uri\": \"javascript:alert(1)\" } ] }",
    "“contacts[0].uri” must be a tel:, mailto:", CQ_PROFILE_ERROR_INVALID },
  { "bad-xpath", VALID_HEAD " \"html_list\": { \"item\": \"//div[\" } }",
    "“html_list.item” is not a valid XPath expression", CQ_PROFILE_ERROR_INVALID },
  { "future-version", VALID_HEAD " \"version\": 2 }",
    "“version” is 2", CQ_PROFILE_ERROR_INVALID },
};

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_data (c->json, -1, &error);

  g_assert_null (profile);
  g_assert_error (error, CQ_PROFILE_ERROR, c->code);
  if (strstr (error->message, c->expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, c->expected);
}

static void
test_hostile_nesting (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  profile = cq_profile_new_from_data (json->str, json->len, &error);

  g_assert_null (profile);
  g_assert_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "levels deep"));
}

static void
test_hostile_size_and_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (1024 * 1024, ' ');
  const char latin1[] = "{ \"id\": \"a\", \"name\": \"caf\xe9\" }";
  g_autoptr(CqProfile) profile = NULL;

  profile = cq_profile_new_from_data (huge, -1, &error);
  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  profile = cq_profile_new_from_data (latin1, -1, &error);
  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
}

static void
test_from_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/profile.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_file (file, &error);

  g_assert_null (profile);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_copy_with_header (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GPtrArray) clocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) counters = g_ptr_array_new ();
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) edited = NULL;
  g_autoptr(CqProfile) refused = NULL;
  CqClockSpec paris = { (char *) "Paris", (char *) "Europe/Paris" };
  CqClockSpec atlantis = { (char *) "Atlantis", (char *) "Ocean/Atlantis" };
  CqCounterSpec launch = { (char *) "the launch", { 0 }, NULL };
  CqContact press = { (char *) "Press", (char *) "press@example.org", NULL };
  g_auto(GStrv) zones = cq_calendar_list_zones ();

  g_date_clear (&launch.since, 1);
  g_date_set_dmy (&launch.since, 29, 2, 2020);
  g_ptr_array_add (clocks, &paris);
  g_ptr_array_add (counters, &launch);
  g_ptr_array_add (contacts, &press);

  edited = cq_profile_copy_with_header (profile, clocks, counters, contacts, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cq_profile_get_id (edited), ==, "rusemb-uk");
  g_assert_cmpstr (cq_profile_get_feed_url (edited), ==, "https://www.rusemb.org.uk/");
  g_assert_cmpuint (cq_profile_get_n_clocks (edited), ==, 1);
  g_assert_cmpstr (cq_profile_get_clock (edited, 0)->zone, ==, "Europe/Paris");
  g_assert_cmpint (g_date_get_day (&cq_profile_get_counter (edited, 0)->since), ==, 29);
  g_assert_cmpstr (cq_profile_get_contact (edited, 0)->uri, ==, "mailto:press@example.org");

  g_ptr_array_add (clocks, &atlantis);
  refused = cq_profile_copy_with_header (profile, clocks, counters, contacts, &error);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "“clocks[1].zone” is not a known time zone"));

  g_assert_true (g_strv_contains ((const char * const *) zones, "Europe/London"));
  g_assert_cmpstr (zones[0], ==, "UTC");
}

/* A source whose feed moved keeps everything else, and a move to an
 * address that is no web page is refused like a profile file saying so. */
static void
test_copy_with_feed_url (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(CqProfile) moved = NULL;
  g_autoptr(CqProfile) refused = NULL;
  g_autoptr(GError) error = NULL;

  moved = cq_profile_copy_with_feed_url (profile, "https://news.example.org/feed", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cq_profile_get_feed_url (moved), ==, "https://news.example.org/feed");
  g_assert_cmpstr (cq_profile_get_feed_url (profile), ==, "https://www.rusemb.org.uk/");
  g_assert_cmpstr (cq_profile_get_feed_format (moved), ==, cq_profile_get_feed_format (profile));
  g_assert_cmpuint (cq_profile_get_n_clocks (moved), ==, cq_profile_get_n_clocks (profile));
  g_assert_cmpuint (cq_profile_get_n_counters (moved), ==, cq_profile_get_n_counters (profile));

  refused = cq_profile_copy_with_feed_url (profile, "file:///etc/passwd", &error);
  g_assert_null (refused);
  g_assert_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "feed.url"));
}

/* A feed whose title is a quarter of a megabyte gives its source a name of
 * a line, cut at a word; a profile that could be written but not read back
 * (a header edited to that size) is refused in words instead of becoming a
 * source that will not load. */
static void
test_too_large_to_keep (void)
{
  g_autofree char *huge = g_strnfill (300 * 1024, 'a');
  g_autoptr(GString) wordy = g_string_new (NULL);
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(CqProfile) added = NULL;
  g_autoptr(CqProfile) edited = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CqContact line = { huge, (char *) "press@example.org", NULL };

  added = cq_profile_new_for_feed ("huge", huge, NULL, "https://news.example.org/feed", "rss");
  g_assert_nonnull (added);
  g_assert_cmpuint (g_utf8_strlen (cq_profile_get_name (added), -1), ==, CQ_TEXT_MAX_NAME_CHARS);
  g_assert_true (g_str_has_suffix (cq_profile_get_name (added), "…"));
  g_clear_object (&added);

  while (wordy->len < 64 * 1024)
    g_string_append (wordy, "Заявление посольства ");
  added = cq_profile_new_for_feed ("wordy", wordy->str, NULL, "https://news.example.org/feed", "rss");
  g_assert_cmpuint (g_utf8_strlen (cq_profile_get_name (added), -1), <=, CQ_TEXT_MAX_NAME_CHARS);
  {
    /* Cut after a whole word: the original goes on with a space. */
    const char *name = cq_profile_get_name (added);
    gsize kept = strlen (name) - strlen ("…");

    g_assert_true (g_str_has_suffix (name, "…"));
    g_assert_cmpint (strncmp (name, wordy->str, kept), ==, 0);
    g_assert_cmpint (wordy->str[kept], ==, ' ');
    g_assert_cmpint (name[kept - 1], !=, ' ');
  }

  g_ptr_array_add (contacts, &line);
  edited = cq_profile_copy_with_header (profile, NULL, NULL, contacts, &error);
  g_assert_null (edited);
  g_assert_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large to keep"));
}

/* A time zone is a name from the zone database, never a path: a path
 * could name a device or a FIFO that never answers. */
static void
test_zone_is_a_name (void)
{
  static const char * const refused[] = {
    "/tmp/zone-fifo", "/etc/localtime", "../../../../etc/localtime", "Europe/../../etc/passwd",
    "Europe/London\\n", "", "Mars/Olympus_Mons",
  };
  static const char * const accepted[] = { "Europe/Moscow", "UTC", "Etc/GMT+3", "America/Port-au-Prince" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = g_strdup_printf (VALID_HEAD " \"version\": 1, \"time_zone\": \"%s\" }", refused[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CqProfile) profile = cq_profile_new_from_data (json, -1, &error);

      g_assert_null (profile);
      g_assert_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "time zone"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *json = g_strdup_printf (VALID_HEAD " \"version\": 1, \"time_zone\": \"%s\" }", accepted[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CqProfile) profile = cq_profile_new_from_data (json, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cq_profile_get_time_zone_id (profile), ==, accepted[i]);
    }
}

/* What is written is read back: a counter since the year 999 is written
 * "0999-…", and a copy of such a profile (as when its feed moves) is made. */
static void
test_early_year_round_trip (void)
{
  const char *json = VALID_HEAD " \"version\": 1, \"counters\": [ { \"label\": \"the founding\","
                     " \"since\": \"0999-03-04\" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_data (json, -1, &error);
  g_autoptr(CqProfile) reread = NULL;
  g_autoptr(CqProfile) moved = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  written = cq_profile_to_data (profile);
  g_assert_nonnull (strstr (written, "\"0999-03-04\""));
  reread = cq_profile_new_from_data (written, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cq_profile_equal (profile, reread));
  moved = cq_profile_copy_with_feed_url (profile, "https://agency.example.org/moved.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_year (&cq_profile_get_counter (moved, 0)->since), ==, 999);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cq/profile/default-matches-seed-header", test_default_matches_seed_header);
  g_test_add_func ("/cq/profile/minimal-defaults", test_minimal_profile_defaults);
  g_test_add_func ("/cq/profile/equal-by-meaning", test_equal_by_meaning);
  g_test_add_func ("/cq/profile/contact-uris-guessed", test_contact_uris_guessed);
  g_test_add_func ("/cq/profile/round-trip", test_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cq/profile/invalid/%s", invalid_cases[i].name);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/cq/profile/hostile/nesting", test_hostile_nesting);
  g_test_add_func ("/cq/profile/hostile/size-and-encoding", test_hostile_size_and_encoding);
  g_test_add_func ("/cq/profile/missing-file", test_from_missing_file);
  g_test_add_func ("/cq/profile/copy-with-header", test_copy_with_header);
  g_test_add_func ("/cq/profile/copy-with-feed-url", test_copy_with_feed_url);
  g_test_add_func ("/cq/profile/hostile/too-large-to-keep", test_too_large_to_keep);
  g_test_add_func ("/cq/profile/hostile/zone-is-a-name", test_zone_is_a_name);
  g_test_add_func ("/cq/profile/early-year-round-trip", test_early_year_round_trip);

  return g_test_run ();
}
