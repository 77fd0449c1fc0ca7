/* test-feed.c: feeds in every format, module, encoding and hostile shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-feed.h"
#include "cq-calendar.h"

static CqParsedFeed *
parse_file (const char  *name,
            const char  *base_url,
            GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return cq_feed_parse (bytes, base_url, CQ_FEED_FORMAT_AUTO, NULL, NULL, error);
}

static CqParsedFeed *
parse_ok (const char *name,
          const char *base_url)
{
  g_autoptr(GError) error = NULL;
  CqParsedFeed *feed = parse_file (name, base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static CqParsedFeed *
parse_text (const char  *text,
            gssize       length,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return cq_feed_parse (bytes, "https://feeds.example.org/", CQ_FEED_FORMAT_AUTO, NULL, NULL, error);
}

static CqItem *
item_at (CqParsedFeed *feed,
         guint         index)
{
  GPtrArray *items = cq_parsed_feed_get_items (feed);

  g_assert_cmpuint (index, <, items->len);
  return g_ptr_array_index (items, index);
}

static void
assert_published (CqItem     *item,
                  const char *expected)
{
  g_autofree char *text = cq_item_get_published (item) != NULL
                          ? cq_calendar_to_iso8601 (cq_item_get_published (item)) : NULL;

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (text != NULL && strstr (text, part) != NULL)
    g_error ("“%s” contains “%s”", text, part);
}

static void
test_rss2 (void)
{
  g_autoptr(CqParsedFeed) feed = parse_ok ("rss2.xml", "https://harbour.example.org/feed.xml");
  CqItem *dredging, *fees, *ferry, *undated;
  const char *content;

  g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_RSS);
  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Harbour Authority – Notices");
  g_assert_cmpstr (cq_parsed_feed_get_link (feed), ==, "https://harbour.example.org/");
  /* The repeated item is one item. */
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 4);

  dredging = item_at (feed, 0);
  g_assert_cmpstr (cq_item_get_guid (dredging), ==, "notice-2041");
  g_assert_cmpstr (cq_item_get_link (dredging), ==, "https://harbour.example.org/notices/dredging-north-channel");
  g_assert_cmpstr (cq_item_get_author (dredging), ==, "Office of the Harbour Master");
  assert_published (dredging, "2019-06-03T08:15:00Z");
  g_assert_false (cq_item_get_published_is_date (dredging));
  g_assert_cmpstr (cq_item_get_summary (dredging), ==, "Work in the north channel starts again on Monday.");

  content = cq_item_get_content (dredging);
  assert_contains (content, "<b>north channel</b>");
  assert_contains (content, "<a href=\"https://harbour.example.org/charts/north.pdf\">the updated chart</a>");
  assert_contains (content, "<img src=\"https://harbour.example.org/images/dredger.jpg\" alt=\"The dredger at work\">");
  assert_contains (content, "https://harbour.example.org/audio/notice-2041.mp3");
  assert_lacks (content, "script");
  assert_lacks (content, "tracker");
  assert_lacks (content, "onclick");
  assert_lacks (content, "javascript");
  assert_lacks (content, "iframe");
  assert_lacks (content, "data:");

  fees = item_at (feed, 1);
  g_assert_cmpstr (cq_item_get_title (fees), ==, "Q&A: the new pilotage fees");
  assert_published (fees, "2019-05-31T22:00:00Z");
  assert_contains (cq_item_get_content (fees), "<img src=\"https://harbour.example.org/images/pilot-boat.jpg\"");

  ferry = item_at (feed, 2);
  g_assert_cmpstr (cq_item_get_title (ferry), ==, "Statement on the ferry timetable");
  g_assert_cmpstr (cq_item_get_guid (ferry), ==, "https://harbour.example.org/notices/ferry-timetable");

  undated = item_at (feed, 3);
  g_assert_null (cq_item_get_published (undated));
  g_assert_null (cq_item_get_link (undated));
  g_assert_true (g_str_has_prefix (cq_item_get_guid (undated), "sha1:"));
}

static void
test_fallback_guid_is_stable (void)
{
  g_autoptr(CqParsedFeed) first = parse_ok ("rss2.xml", "https://harbour.example.org/feed.xml");
  g_autoptr(CqParsedFeed) second = parse_ok ("rss2.xml", "https://harbour.example.org/feed.xml");

  g_assert_cmpstr (cq_item_get_guid (item_at (first, 3)), ==, cq_item_get_guid (item_at (second, 3)));
}

static void
test_old_rss (void)
{
  g_autoptr(CqParsedFeed) rss091 = parse_ok ("rss091.xml", NULL);
  g_autoptr(CqParsedFeed) rss092 = parse_ok ("rss092.xml", NULL);
  g_autoptr(CqParsedFeed) rss090 = parse_ok ("rss090.rdf", NULL);
  CqItem *untitled;

  g_assert_cmpstr (cq_parsed_feed_get_title (rss091), ==, "Café Society Bulletin");
  g_assert_cmpstr (cq_item_get_title (item_at (rss091, 0)), ==, "Opening hours for the café terrace");
  g_assert_cmpstr (cq_item_get_guid (item_at (rss091, 1)), ==, "http://bulletin.example.com/menu.html");

  untitled = item_at (rss092, 0);
  g_assert_null (cq_item_get_title (untitled));
  assert_contains (cq_item_get_content (untitled), "<img src=\"https://observatory.example.org/sky.jpg\"");
  g_assert_cmpstr (cq_item_get_summary (untitled), ==,
                   "Clear skies are expected over the weekend; the public evening goes ahead.");

  g_assert_cmpuint (cq_parsed_feed_get_items (rss090)->len, ==, 2);
  g_assert_cmpstr (cq_item_get_link (item_at (rss090, 1)), ==, "http://council.example.net/roads/mill-lane");
}

static void
test_rss1 (void)
{
  g_autoptr(CqParsedFeed) feed = parse_ok ("rss1.rdf", NULL);
  CqItem *reading = item_at (feed, 0);
  CqItem *closed = item_at (feed, 1);

  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "City Library News");
  assert_published (reading, "2019-06-10T05:30:00Z");
  g_assert_cmpstr (cq_item_get_author (reading), ==, "Children's department");
  assert_contains (cq_item_get_content (reading), "<em>visiting author</em>");
  /* A date alone, in a feed without a home zone: midnight UTC, marked so. */
  assert_published (closed, "2019-06-12T00:00:00Z");
  g_assert_true (cq_item_get_published_is_date (closed));
}

static void
test_atom (void)
{
  g_autoptr(CqParsedFeed) feed = parse_ok ("atom.xml", "https://ministry.example.gov/feed.atom");
  CqItem *locks = item_at (feed, 0);
  CqItem *speech = item_at (feed, 1);
  CqItem *notice = item_at (feed, 2);
  g_autofree char *updated = NULL;

  g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_ATOM);
  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Ministry of Waterways & Canals");
  g_assert_cmpstr (cq_parsed_feed_get_link (feed), ==, "https://ministry.example.gov/");

  g_assert_cmpstr (cq_item_get_title (locks), ==, "Locks <re-open> after inspection");
  g_assert_cmpstr (cq_item_get_link (locks), ==, "https://ministry.example.gov/statements/2019/locks-reopen");
  g_assert_cmpstr (cq_item_get_guid (locks), ==, "tag:ministry.example.gov,2019:statement-77");
  g_assert_cmpstr (cq_item_get_author (locks), ==, "Press Office");
  assert_published (locks, "2019-06-14T08:00:00Z");
  updated = cq_calendar_to_iso8601 (cq_item_get_updated (locks));
  g_assert_cmpstr (updated, ==, "2019-06-14T10:30:00Z");
  g_assert_cmpstr (cq_item_get_summary (locks), ==, "All twelve locks passed their inspection.");
  assert_contains (cq_item_get_content (locks),
                   "<a href=\"https://ministry.example.gov/statements/2019/inspection-report\">the report</a>");

  g_assert_cmpstr (cq_item_get_title (speech), ==, "Speech at the canal festival");
  g_assert_cmpstr (cq_item_get_author (speech), ==, "The Minister");
  assert_published (speech, "2019-06-08T15:45:00Z");
  assert_contains (cq_item_get_content (speech), "<strong>welcome</strong>");
  assert_contains (cq_item_get_content (speech), "<li>Bridges</li>");

  g_assert_cmpstr (cq_item_get_guid (notice), ==, "https://ministry.example.gov/notices/no-id");
  assert_contains (cq_item_get_content (notice), "Plain text content &amp; an ampersand.");
}

static void
test_detected_not_named (void)
{
  g_autoptr(CqParsedFeed) feed = parse_ok ("atom-no-namespace.txt", NULL);

  g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_ATOM);
  g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "An entry in a feed that forgot its namespace");
  g_assert_cmpstr (cq_item_get_link (item_at (feed, 0)), ==, "https://plain.example.com/entry-1");
}

/* What comes before the root element (comments, processing instructions,
 * a doctype, blank lines, in any order) is passed over, not taken for a
 * page that is no feed. */
static void
test_prolog_before_root (void)
{
  static const char * const feeds[] = {
    "<?xml version=\"1.0\"?>\n<!-- generated by a tool, 2019 -->\n<rss version=\"2.0\"><channel><title>Harbour</title>"
    "<item><title>Ferry times</title><link>https://harbour.example.org/1</link></item></channel></rss>",
    "\xef\xbb\xbf<!-- one --><?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>\n<!-- two -- with dashes -->\n"
    "<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<rss version=\"2.0\"><channel><title>Harbour</title>"
    "<item><title>Ferry times</title><link>https://harbour.example.org/1</link></item></channel></rss>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CqParsedFeed) feed = parse_text (feeds[i], -1, &error);

      g_assert_no_error (error);

      g_test_message ("feed %u", i);
      g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_RSS);
      g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "Ferry times");
    }

  /* Blank lines before the XML declaration: libxml2 calls that not
   * well-formed, and its recovery kept &amp; as a reference (it was lost). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CqParsedFeed) feed = parse_text ("\n\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                               "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour</title>"
                                               "<entry><title>Locks &amp; weirs</title><id>tag:h,2019:1</id></entry></feed>",
                                               -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "Locks & weirs");
  }
}

/* An element left open before the items (a podcast category, here) puts
 * them inside it once the document is read in recovery: they are found. */
static void
test_items_inside_unclosed_element (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (
    "<?xml version='1.0'?><rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>"
    "<channel><title>Harbour talks</title><itunes:category text='News'><itunes:category text='Local'/>"
    "<item><title>Episode one</title><guid>h-1</guid></item>"
    "<item><title>Episode two</title><guid>h-2</guid><item><title>not an item of its own</title></item></item>"
    "</channel></rss>", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 2);
  g_assert_cmpstr (cq_item_get_title (item_at (feed, 1)), ==, "Episode two");
}

/* Atom 0.3 dates its entries with issued, modified and created. */
static void
test_atom_0_3_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (
    "<?xml version=\"1.0\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Harbour</title>"
    "<entry><title>Quay works</title><link rel=\"alternate\" href=\"https://harbour.example.org/q\"/>"
    "<id>tag:harbour.example.org,2004:q</id><issued>2004-05-01T08:30:00-04:00</issued>"
    "<modified>2004-05-02T10:00:00Z</modified></entry>"
    "<entry><title>Buoys</title><id>tag:harbour.example.org,2004:b</id>"
    "<created>2004-04-01T09:00:00Z</created></entry></feed>", -1, &error);
  g_autofree char *updated = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_ATOM);
  assert_published (item_at (feed, 0), "2004-05-01T12:30:00Z");
  updated = cq_calendar_to_iso8601 (cq_item_get_updated (item_at (feed, 0)));
  g_assert_cmpstr (updated, ==, "2004-05-02T10:00:00Z");
  assert_published (item_at (feed, 1), "2004-04-01T09:00:00Z");
}

static void
test_json_feed (void)
{
  g_autoptr(CqParsedFeed) v11 = parse_ok ("feed11.json", "https://rescue.example.org/feed.json");
  g_autoptr(CqParsedFeed) v10 = parse_ok ("feed10.json", NULL);
  CqItem *callout = item_at (v11, 0);
  CqItem *advice = item_at (v11, 1);
  CqItem *odd = item_at (v11, 3);

  g_assert_cmpint (cq_parsed_feed_get_format (v11), ==, CQ_FEED_FORMAT_JSON_FEED);
  g_assert_cmpstr (cq_parsed_feed_get_title (v11), ==, "Mountain Rescue Service");
  g_assert_cmpuint (cq_parsed_feed_get_items (v11)->len, ==, 4);

  g_assert_cmpstr (cq_item_get_guid (callout), ==, "callout-311");
  g_assert_cmpstr (cq_item_get_author (callout), ==, "Duty officer");
  assert_published (callout, "2019-06-09T19:10:00Z");
  g_assert_cmpstr (cq_item_get_summary (callout), ==, "Two walkers brought down safely.");
  assert_contains (cq_item_get_content (callout), "<img src=\"https://rescue.example.org/images/ridge.jpg\" alt=\"\">");
  assert_lacks (cq_item_get_content (callout), "script");

  g_assert_cmpstr (cq_item_get_link (advice), ==, "https://rescue.example.org/advice/storms");
  g_assert_true (cq_item_get_published_is_date (advice));
  assert_contains (cq_item_get_content (advice), "<p>Check the forecast.</p><p>Carry a map &amp; compass.</p>");

  /* Wrong types read as absent; a number id is still an id. */
  g_assert_cmpstr (cq_item_get_guid (odd), ==, "42");
  g_assert_null (cq_item_get_title (odd));

  g_assert_cmpstr (cq_item_get_guid (item_at (v10, 0)), ==, "1");
  g_assert_cmpstr (cq_item_get_author (item_at (v10, 0)), ==, "Head Gardener");
}

static void
test_encodings (gconstpointer data)
{
  g_autoptr(CqParsedFeed) feed = parse_ok (data, NULL);
  CqItem *item = item_at (feed, 0);

  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Пресс-служба");
  g_assert_cmpstr (cq_item_get_title (item), ==, "Заявление пресс-службы о приёме граждан");
  g_assert_cmpstr (cq_item_get_summary (item), ==, "Консульский отдел принимает граждан по вторникам.");
  assert_published (item, "2019-06-16T07:00:00Z");
}

static void
test_undeclared_legacy_bytes (void)
{
  g_autoptr(CqParsedFeed) latin = parse_ok ("latin1-undeclared.xml", NULL);
  g_autoptr(CqParsedFeed) cyrillic = parse_ok ("windows-1251-undeclared.xml", NULL);

  g_assert_cmpstr (cq_item_get_title (item_at (latin, 0)), ==, "Réouverture du café");
  g_assert_cmpstr (cq_item_get_title (item_at (latin, 1)), ==, "Crème brûlée du jour");
  g_assert_cmpstr (cq_item_get_title (item_at (cyrillic, 0)), ==, "Объявление о выставке");
}

/* Hostile and broken input: an error in words or a partial, valid result;
 * never a crash, a hang or a file read. */

static void
assert_parse_error (const char *text,
                    gssize      length,
                    int         code,
                    const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (text, length, &error);

  g_assert_null (feed);
  g_assert_error (error, CQ_PARSE_ERROR, code);
  assert_contains (error->message, says);
}

static void
test_billion_laughs (void)
{
  const char *bomb =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [\n"
    " <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
    " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
    " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
    " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
    " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
    " <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
    " <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
    "]>\n"
    "<rss version=\"2.0\"><channel><title>Bomb &g;</title>"
    "<item><title>Laugh &g;</title><link>https://x.example/1</link><description>&g;&g;&g;</description></item>"
    "</channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (bomb, -1, &error);

  /* Either refused, or read with the entities left out. */
  g_assert_true ((feed != NULL) != (error != NULL));
  for (guint i = 0; feed != NULL && i < cq_parsed_feed_get_items (feed)->len; i++)
    {
      CqItem *item = item_at (feed, i);

      g_assert_true (cq_item_get_title (item) == NULL || strlen (cq_item_get_title (item)) < 100);
      g_assert_true (cq_item_get_content (item) == NULL || strlen (cq_item_get_content (item)) < 1000);
    }
  g_assert_true (feed == NULL || cq_parsed_feed_get_title (feed) == NULL ||
                 strlen (cq_parsed_feed_get_title (feed)) < 100);
}

static void
test_external_entity (void)
{
  const char *xxe =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<rss version=\"2.0\"><channel><title>XXE</title>"
    "<item><title>Leak &secret;</title><link>https://x.example/1</link>"
    "<description>&secret;</description></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (xxe, -1, &error);

  g_assert_no_error (error);
  assert_lacks (cq_item_get_title (item_at (feed, 0)), "root");
  assert_lacks (cq_item_get_summary (item_at (feed, 0)), "root");
  assert_lacks (cq_item_get_content (item_at (feed, 0)), "root");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss version=\"2.0\"><channel><item><title>");
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<b>");
  feed = parse_text (xml->str, xml->len, &error);
  g_assert_true (feed != NULL || error != NULL);
  g_clear_object (&feed);
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "{\"items\":[");
  assert_parse_error (json->str, json->len, CQ_PARSE_ERROR_MALFORMED, "levels deep");
}

static void
test_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "rss2.xml", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Every cut of a real feed: a partial, valid result or an error. */
  for (gsize cut = 0; cut < length; cut += 37)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CqParsedFeed) feed = parse_text (contents, cut, &error);

      g_assert_true ((feed != NULL) != (error != NULL));
      for (guint i = 0; feed != NULL && i < cq_parsed_feed_get_items (feed)->len; i++)
        {
          CqItem *item = item_at (feed, i);

          g_assert_true (cq_item_get_title (item) == NULL || g_utf8_validate (cq_item_get_title (item), -1, NULL));
          g_assert_true (cq_item_get_content (item) == NULL || g_utf8_validate (cq_item_get_content (item), -1, NULL));
        }
    }
}

/* A document that ends inside an item keeps the items before it, whole,
 * and says it was read in recovery; one that is broken but ends where it
 * should keeps all its items; a well-formed one is not recovered. */
static void
test_cut_short (void)
{
  static const char rss[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Notices</title>"
    "<item><guid>1</guid><title>Harbour</title><description>Opens at six.</description></item>"
    "<item><guid>2</guid><title>Ferry</title><description>Runs every hour, the last";
  static const char atom[] =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Notices</title>"
    "<entry><id>urn:1</id><title>Harbour</title><content>Opens at six.</content></entry>"
    "<entry><id>urn:2</id><title>Ferry</title><content>Runs every";
  static const char broken[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Notices</title>"
    "<item><guid>1</guid><title>Harbour&nbsp;notice</title></item>"
    "<item><guid>2</guid><title>Ferry</title></item></channel></rss>";
  static const char whole[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Notices</title>"
    "<item><guid>1</guid><title>Harbour</title></item></channel></rss>";
  static const struct {
    const char *text;
    guint       n_items;
    guint       n_cut_off;
    gboolean    recovered;
  } cases[] = {
    { rss, 1, 1, TRUE },
    { atom, 1, 1, TRUE },
    { broken, 2, 0, TRUE },
    { whole, 1, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CqParsedFeed) feed = parse_text (cases[i].text, -1, &error);
      g_autofree char *said = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, cases[i].n_items);
      g_assert_cmpint (cq_parsed_feed_get_recovered (feed), ==, cases[i].recovered);
      g_assert_cmpuint (cq_parsed_feed_get_n_cut_off (feed), ==, cases[i].n_cut_off);
      g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), !=, NULL);
      said = cq_parsed_feed_describe_recovery (feed);
      if (!cases[i].recovered)
        g_assert_null (said);
      else
        assert_contains (said, cases[i].n_cut_off > 0 ? "ended early" : "not well-formed");
    }
}

static void
assert_guids (CqParsedFeed *feed,
              const char   *expected)
{
  g_autoptr(GString) guids = g_string_new (NULL);

  for (guint i = 0; i < cq_parsed_feed_get_items (feed)->len; i++)
    g_string_append_printf (guids, "%s%s", i > 0 ? " " : "", cq_item_get_guid (item_at (feed, i)));
  g_assert_cmpstr (guids->str, ==, expected);
}

/* Items are read as the document closes them, and come out as a walk of
 * the whole tree would list them: a channel's items before those beside
 * it, an item in an item as part of it, items a few levels down but no
 * deeper, the first of two with one guid; an Atom feed's author, given
 * after its entries, is still theirs. */
static void
test_items_read_as_closed (void)
{
  static const char rdf[] =
    "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
    " xmlns=\"http://purl.org/rss/1.0/\"><item><link>http://x.example/0</link></item>"
    "<channel><title>C</title><item><link>http://x.example/1</link></item></channel>"
    "<item><link>http://x.example/2</link></item></rdf:RDF>";
  static const char rss[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
    "<item><guid>outer</guid><item><guid>inner</guid></item></item>"
    "<a><b><c><d><item><guid>d4</guid></item><e><item><guid>d5</guid></item></e></d></c></b></a>"
    "<item><guid>dup</guid><title>First</title></item><item><guid>dup</guid><title>Second</title></item>"
    "</channel><channel><item><guid>second-channel</guid></item></channel>"
    "<item><guid>beside</guid></item></rss>";
  static const char atom[] =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
    "<entry><id>urn:1</id></entry><entry><id>urn:2</id><author><name>Own</name></author></entry>"
    "<author><name>Press office</name></author><entry><id>urn:3</id></entry></feed>";
  g_autoptr(CqParsedFeed) from_rdf = parse_text (rdf, -1, NULL);
  g_autoptr(CqParsedFeed) from_rss = parse_text (rss, -1, NULL);
  g_autoptr(CqParsedFeed) from_atom = parse_text (atom, -1, NULL);

  assert_guids (from_rdf, "http://x.example/1 http://x.example/0 http://x.example/2");
  assert_guids (from_rss, "outer d4 dup beside");
  g_assert_cmpstr (cq_item_get_title (item_at (from_rss, 2)), ==, "First");
  assert_guids (from_atom, "urn:1 urn:2 urn:3");
  g_assert_cmpstr (cq_item_get_author (item_at (from_atom, 0)), ==, "Press office");
  g_assert_cmpstr (cq_item_get_author (item_at (from_atom, 1)), ==, "Own");
  g_assert_cmpstr (cq_item_get_author (item_at (from_atom, 2)), ==, "Press office");
}

static char *
describe_item (CqItem *item)
{
  g_autofree char *published = cq_item_get_published (item) != NULL
                                 ? g_date_time_format_iso8601 (cq_item_get_published (item)) : NULL;

  return g_strdup_printf ("guid=%s\ntitle=%s\nlink=%s\nauthor=%s\npublished=%s\nsummary=%s\ncontent=%s",
                          cq_item_get_guid (item), cq_item_get_title (item), cq_item_get_link (item),
                          cq_item_get_author (item), published, cq_item_get_summary (item),
                          cq_item_get_content (item));
}

/* A channel's items are read from the parser's events, with no tree built
 * for their children; items beside an RSS 1.0 channel from the tree.  The
 * same children read the same either way: text split by comments and
 * references, a declared entity (read as nothing, in text and in an
 * attribute), elements inside a child's text, attributes holding
 * references, xml:base on the item and on an enclosure, Media RSS, an Atom
 * link, a missing guid. */
/* The same @items in a channel, where they are read from the parser's
 * events, and beside an RSS 1.0 channel, where they are read from the
 * tree: each reads the same, in order. */
static void
parse_both_ways (const char *const  *items,
                 guint               n_items,
                 CqParsedFeed      **from_events,
                 CqParsedFeed      **from_tree)
{
  static const char namespaces[] =
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\""
    " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:atom=\"http://www.w3.org/2005/Atom\"";
  g_autoptr(GString) channel = g_string_new (NULL);
  g_autoptr(GString) beside = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (channel, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"expanded\">]>"
                                   "<rss version=\"2.0\"%s><channel><title>C</title>", namespaces);
  g_string_append_printf (beside, "<?xml version=\"1.0\"?><!DOCTYPE rdf:RDF [<!ENTITY e \"expanded\">]>"
                                  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                                  " xmlns=\"http://purl.org/rss/1.0/\"%s><channel><title>C</title></channel>",
                          namespaces);
  for (guint i = 0; i < n_items; i++)
    {
      g_string_append (channel, items[i]);
      g_string_append (beside, items[i]);
    }
  g_string_append (channel, "</channel></rss>");
  g_string_append (beside, "</rdf:RDF>");

  *from_events = parse_text (channel->str, -1, &error);
  g_assert_no_error (error);
  *from_tree = parse_text (beside->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cq_parsed_feed_get_recovered (*from_events), ==, cq_parsed_feed_get_recovered (*from_tree));
  g_assert_cmpuint (cq_parsed_feed_get_items (*from_events)->len, ==, cq_parsed_feed_get_items (*from_tree)->len);
  for (guint i = 0; i < cq_parsed_feed_get_items (*from_events)->len; i++)
    {
      g_autofree char *read_from_events = describe_item (item_at (*from_events, i));
      g_autofree char *read_from_tree = describe_item (item_at (*from_tree, i));

      g_assert_cmpstr (read_from_events, ==, read_from_tree);
    }
}

/* A channel's items are read from the parser's events, with no tree built
 * for their children; items beside an RSS 1.0 channel from the tree.  The
 * same children read the same either way: text split by comments and
 * references, a declared entity (read as nothing, in text and in an
 * attribute), elements inside a child's text, attributes holding
 * references, xml:base on the item and on an enclosure, Media RSS, an Atom
 * link, a missing guid, a prefix the document never declared (on a
 * child or on the item itself: elements are read by local name); and in a document read in recovery,
 * entities nobody declared. */
static void
test_items_from_events_read_as_from_tree (void)
{
  static const char *const items[] = {
    ("<item><title>A &amp; B<!-- note -->C<?pi x?> &#233;</title><link>/rel/1</link>"
     "<guid isPermaLink=\"false\">g1</guid><description>Hello <b>bold</b> &lt;i&gt;x&lt;/i&gt;</description>"
     "<dc:creator> Press </dc:creator></item>"),
    ("<item><title>Two</title><guid>https://x.example/2</guid>"
     "<enclosure url=\"/files/a.mp3?x=1&amp;y=2\" type=\"audio/mpeg\"/><media:thumbnail url=\"thumb.png\"/>"
     "<description><![CDATA[<p>Body</p>]]></description></item>"),
    ("<item><title>Three</title><atom:link href=\"https://x.example/3?a=1&#38;b=2\" rel=\"alternate\"/>"
     "<atom:link href=\"https://x.example/self\" rel=\"self\"/><guid>g3</guid>"
     "<enclosure xml:base=\"https://cdn.example/files/\" url=\"b.jpg\" type=\"image/jpeg\"/>"
     "<media:content url=\"c.png\" medium=\"image\"/></item>"),
    ("<item><title>Before &e; after</title><guid>g4</guid>"
     "<enclosure url=\"https://x.example/&e;/c.png\" type=\"image/png\"/>"
     "<enclosure url=\"https://x.example/d.png\" URL=\"https://x.example/e.png\" type=\"image/png\"/></item>"),
    ("<item xml:base=\"https://other.example/dir/\"><title>Five</title><link>page.html</link><guid>g5</guid>"
     "<pubDate>Mon, 02 Jun 2025 10:00:00 +0200</pubDate><dc:date>2025-06-03T00:00:00Z</dc:date>"
     "<content:encoded><![CDATA[<p>Full <a href=\"x.html\">text</a></p>]]></content:encoded>"
     "<description>Short</description></item>"),
    ("<item><title>Outer <span>inner <b>deep</b></span> end</title><guid>  g6  </guid>"
     "<description>one</description><description>two</description></item>"),
    "<item><title>No guid</title><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate><description>x</description></item>",
    "<item><guid>https://x.example/permalink</guid><title><![CDATA[Cut <b>title</b>]]></title></item>",
    "<item><guid>g9</guid><undeclared:encoded>&lt;p&gt;Body of nine&lt;/p&gt;</undeclared:encoded></item>",
    "<x:item><guid>g10</guid><title>An item of a prefix never declared</title></x:item>",
  };
  static const char *const broken[] = {
    "<item><guid>m1</guid><title>Harbour&nbsp;notice &amp; more</title></item>",
    ("<item><guid>m2</guid><enclosure url=\"https://x.example/a&nbsp;b.png\" type=\"image/png\"/>"
     "<description>x &amp;&bogus; y</description></item>"),
  };
  g_autoptr(CqParsedFeed) from_events = NULL;
  g_autoptr(CqParsedFeed) from_tree = NULL;
  g_autoptr(CqParsedFeed) broken_from_events = NULL;
  g_autoptr(CqParsedFeed) broken_from_tree = NULL;

  parse_both_ways (items, G_N_ELEMENTS (items), &from_events, &from_tree);
  g_assert_false (cq_parsed_feed_get_recovered (from_events));
  g_assert_cmpuint (cq_parsed_feed_get_items (from_events)->len, ==, G_N_ELEMENTS (items));
  parse_both_ways (broken, G_N_ELEMENTS (broken), &broken_from_events, &broken_from_tree);
  g_assert_true (cq_parsed_feed_get_recovered (broken_from_events));
  g_assert_cmpuint (cq_parsed_feed_get_items (broken_from_events)->len, ==, G_N_ELEMENTS (broken));

  /* Hundreds of kilobytes of them, the children's buffers reused from
   * item to item thousands of times: read the same, in the same order. */
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(CqParsedFeed) many_from_events = NULL;
    g_autoptr(CqParsedFeed) many_from_tree = NULL;

    for (guint round = 0; round < 400; round++)
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          g_auto(GStrv) parts = g_strsplit (items[i], "</guid>", 2);
          g_autofree char *suffix = g_strdup_printf ("-%u</guid>", round);

          g_ptr_array_add (many, g_strjoinv (suffix, parts));
        }
    parse_both_ways ((const char *const *) many->pdata, many->len, &many_from_events, &many_from_tree);
    g_assert_cmpuint (cq_parsed_feed_get_items (many_from_events)->len, >, 3000);
  }

  /* And what they read is right, not only the same. */
  g_assert_cmpstr (cq_item_get_title (item_at (from_events, 0)), ==, "A & BC é");
  g_assert_cmpstr (cq_item_get_author (item_at (from_events, 0)), ==, "Press");
  g_assert_cmpstr (cq_item_get_link (item_at (from_events, 0)), ==, "https://feeds.example.org/rel/1");
  g_assert_nonnull (strstr (cq_item_get_content (item_at (from_events, 1)),
                            "https://feeds.example.org/files/a.mp3?x=1&amp;y=2"));
  g_assert_cmpstr (cq_item_get_link (item_at (from_events, 2)), ==, "https://x.example/3?a=1&b=2");
  g_assert_nonnull (strstr (cq_item_get_content (item_at (from_events, 2)), "https://cdn.example/files/b.jpg"));
  g_assert_cmpstr (cq_item_get_title (item_at (from_events, 3)), ==, "Before after");
  g_assert_cmpstr (cq_item_get_link (item_at (from_events, 4)), ==, "https://other.example/dir/page.html");
  assert_published (item_at (from_events, 4), "2025-06-02T08:00:00Z");
  g_assert_cmpstr (cq_item_get_title (item_at (from_events, 5)), ==, "Outer end");
  g_assert_cmpstr (cq_item_get_guid (item_at (from_events, 5)), ==, "g6");
  g_assert_true (g_str_has_prefix (cq_item_get_guid (item_at (from_events, 6)), "sha1:"));
  g_assert_cmpstr (cq_item_get_link (item_at (from_events, 7)), ==, "https://x.example/permalink");
  g_assert_cmpstr (cq_item_get_content (item_at (from_events, 8)), ==, "<p>Body of nine</p>");
  g_assert_cmpstr (cq_item_get_title (item_at (from_events, 9)), ==, "An item of a prefix never declared");
}

static void
tell_item (CqItem   *item,
           gpointer  told)
{
  g_ptr_array_add (told, g_object_ref (item));
}

/* The items a streaming parse tells of as it reads are the beginning of
 * the feed's list, in its order, the same objects: each RSS item of the
 * channel, not a guid listed again; an Atom feed's entries until one that
 * waits for the feed's author; a JSON Feed's items; and when the document is
 * refused at its end (over the item cap), the items told are all there
 * was room for, and the parse fails. */
static void
test_streaming_parse_tells_the_list_beginning (void)
{
  static const char rss[] =
    "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
    " xmlns=\"http://purl.org/rss/1.0/\"><channel><title>C</title>"
    "<item><guid>a</guid></item><item><guid>b</guid></item><item><guid>a</guid></item>"
    "<item><guid>c</guid></item></channel><item><guid>beside</guid></item></rdf:RDF>";
  static const char atom[] =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
    "<entry><id>urn:1</id><author><name>Own</name></author></entry><entry><id>urn:2</id></entry>"
    "<entry><id>urn:3</id><author><name>Own</name></author></entry>"
    "<author><name>Press office</name></author></feed>";
  static const char json[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"j\"}]}";
  static const struct {
    const char *text;
    guint       n_told;
    guint       n_items;
  } cases[] = {
    { rss, 3, 4 },
    { atom, 1, 3 },
    { json, 1, 1 },
  };
  g_autoptr(GString) over = g_string_new ("<rss version=\"2.0\"><channel>");
  g_autoptr(GPtrArray) told_over = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) over_bytes = NULL;
  g_autoptr(CqParsedFeed) refused = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(CqParsedFeed) feed = cq_feed_parse_streaming (bytes, "https://feeds.example.org/",
                                                              CQ_FEED_FORMAT_AUTO, NULL, NULL, tell_item, told,
                                                              &error);
      GPtrArray *items;

      g_assert_no_error (error);
      items = cq_parsed_feed_get_items (feed);
      g_assert_cmpuint (told->len, ==, cases[i].n_told);
      g_assert_cmpuint (items->len, ==, cases[i].n_items);
      for (guint j = 0; j < told->len; j++)
        g_assert_true (g_ptr_array_index (told, j) == g_ptr_array_index (items, j));
    }

  for (guint i = 0; i <= CQ_FEED_MAX_ITEMS; i++)
    g_string_append_printf (over, "<item><guid>%u</guid></item>", i);
  g_string_append (over, "</channel></rss>");
  over_bytes = g_string_free_to_bytes (g_steal_pointer (&over));
  refused = cq_feed_parse_streaming (over_bytes, NULL, CQ_FEED_FORMAT_AUTO, NULL, NULL, tell_item, told_over, &error);
  g_assert_null (refused);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE);
  g_assert_cmpuint (told_over->len, ==, CQ_FEED_MAX_ITEMS);
}

static CqItem *
parse_one_description (const char *description)
{
  g_autofree char *rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title><item><guid>s</guid>"
                                          "<description><![CDATA[%s]]></description></item></channel></rss>",
                                          description);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (rss, -1, &error);

  g_assert_no_error (error);
  return g_object_ref (item_at (feed, 0));
}

/* The list's summary: a body's paragraphs run together on one line; past
 * 400 characters (characters, not bytes: Cyrillic takes two each) it is
 * cut at a word, with an ellipsis. */
static void
test_summary_of_a_body (void)
{
  g_autoptr(GString) cyrillic = g_string_new ("<p>");
  g_autoptr(GString) long_one = g_string_new ("<p>");
  g_autoptr(CqItem) paragraphs = parse_one_description ("<p>First paragraph.</p><p>Second, <b>bold</b>.</p>");
  g_autoptr(CqItem) short_cyrillic = NULL;
  g_autoptr(CqItem) long_cyrillic = NULL;
  g_autoptr(CqItem) long_ascii = NULL;
  const char *summary;

  g_assert_cmpstr (cq_item_get_summary (paragraphs), ==, "First paragraph. Second, bold.");

  /* 300 characters, 540 bytes: whole. */
  for (guint i = 0; i < 30; i++)
    g_string_append (cyrillic, "Посольство ");
  g_string_truncate (cyrillic, cyrillic->len - 1);
  short_cyrillic = parse_one_description (cyrillic->str);
  g_assert_cmpuint (g_utf8_strlen (cq_item_get_summary (short_cyrillic), -1), ==, 329);
  g_assert_false (g_str_has_suffix (cq_item_get_summary (short_cyrillic), "…"));

  /* 550 characters: cut at a word, at most 400 and the ellipsis. */
  for (guint i = 0; i < 20; i++)
    g_string_append (cyrillic, " Посольство");
  long_cyrillic = parse_one_description (cyrillic->str);
  summary = cq_item_get_summary (long_cyrillic);
  g_assert_true (g_str_has_suffix (summary, "Посольство…"));
  g_assert_cmpuint (g_utf8_strlen (summary, -1), <=, 401);

  for (guint i = 0; i < 100; i++)
    g_string_append (long_one, "word ");
  g_string_append (long_one, "</p><p>after</p>");
  long_ascii = parse_one_description (long_one->str);
  summary = cq_item_get_summary (long_ascii);
  g_assert_true (g_str_has_suffix (summary, "word…"));
  g_assert_cmpuint (strlen (summary), ==, 399 + strlen ("…"));
}

static void
test_invalid_utf8_is_repaired (void)
{
  const char text[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                      "<item><title>Broken \xff\xfe bytes \xc3</title><link>https://x.example/1</link></item>"
                      "</channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (text, sizeof text - 1, &error);
  const char *title;

  g_assert_no_error (error);
  title = cq_item_get_title (item_at (feed, 0));
  g_assert_true (g_utf8_validate (title, -1, NULL));
  assert_contains (title, "Broken");
  assert_contains (title, "bytes");
}

/* A feed that has published nothing yet is a feed: its items empty, or
 * not listed at all when it says it is a JSON Feed (however it writes the
 * spec's address); one that lists items is one whatever version it says. */
static void
test_json_feed_without_items (void)
{
  static const char * const empty[] = {
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour notes\"}",
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Harbour notes\", \"items\": []}",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour notes\", \"items\": null}",
    /* Items of the wrong type read as none, as any member of the wrong type. */
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour notes\", \"items\": {}}",
    "{\"title\": \"Harbour notes\", \"items\": []}",
    "{\"version\": \"http://jsonfeed.org/version/1\", \"title\": \"Harbour notes\"}",
    /* A version that is not the spec's address, with items: a feed. */
    "{\"version\": \"1.1\", \"title\": \"Harbour notes\", \"items\": []}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CqParsedFeed) feed = parse_text (empty[i], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_JSON_FEED);
      g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Harbour notes");
      g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 0);
    }
  /* JSON that does not say it is a feed, and lists nothing, is not one. */
  assert_parse_error ("{\"title\": \"Harbour notes\"}", -1, CQ_PARSE_ERROR_NOT_A_FEED, "not a JSON Feed");
  assert_parse_error ("{\"version\": \"2.1\", \"name\": \"a package\"}", -1, CQ_PARSE_ERROR_NOT_A_FEED,
                      "not a JSON Feed");

}

/* A JSON Feed is read as it comes, and whatever order its members come
 * in: the feed's author after its items is still every item's author
 * unless it has its own; a repeated member says what its last says; the
 * items are told of only once the whole document was found well-formed. */
static void
test_json_feed_members_anywhere (void)
{
  static const char doc[] =
    "{\"items\": [{\"id\": \"old\"}],\n"
    " \"items\": [{\"id\": \"a\", \"title\": \"First\", \"title\": \"Harbour opens\"},\n"
    "             {\"id\": 42, \"author\": {\"name\": \"Own\"}},\n"
    "             {\"id\": -0, \"authors\": [], \"author\": {\"name\": \"Old style\"}},\n"
    "             {\"id\": 12345678901234567890, \"authors\": [\"not an object\"], \"author\": {\"name\": \"X\"}},\n"
    "             {\"id\": 1.5, \"url\": \"/statements/1\"},\n"
    "             {\"id\": \"\", \"url\": \"/statements/2\", \"content_html\": \"<p>Quay \\u00e9 \\ud83d\\ude00</p>\"},\n"
    "             \"not an item\", null, [1, 2]],\n"
    " \"authors\": [{\"name\": \"Press office\"}, {\"name\": \"Second\"}],\n"
    " \"title\": \"Harbour\",\n"
    " \"version\": \"https://jsonfeed.org/version/1.1\"}";
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, strlen (doc));
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = cq_feed_parse_streaming (bytes, "https://feeds.example.org/", CQ_FEED_FORMAT_AUTO,
                                                          NULL, NULL, tell_item, told, &error);
  static const char * const guids[] = {
    "a", "42", "0", "12345678901234567890", "https://feeds.example.org/statements/1",
    "https://feeds.example.org/statements/2",
  };
  static const char * const authors[] = { "Press office", "Own", "Old style", "Press office", "Press office", "Press office" };

  g_assert_no_error (error);
  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Harbour");
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, G_N_ELEMENTS (guids));
  g_assert_cmpuint (told->len, ==, G_N_ELEMENTS (guids));
  for (guint i = 0; i < G_N_ELEMENTS (guids); i++)
    {
      g_assert_true (g_ptr_array_index (told, i) == item_at (feed, i));
      g_assert_cmpstr (cq_item_get_guid (item_at (feed, i)), ==, guids[i]);
      g_assert_cmpstr (cq_item_get_author (item_at (feed, i)), ==, authors[i]);
    }
  g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "Harbour opens");
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 5)), ==, "Quay é 😀");

  /* Broken at its very end: refused in words, nothing told. */
  for (gsize cut = 1; cut < strlen (doc); cut += 37)
    {
      g_autoptr(GBytes) shorter = g_bytes_new_static (doc, strlen (doc) - cut);
      g_autoptr(CqParsedFeed) refused = NULL;

      g_ptr_array_set_size (told, 0);
      refused = cq_feed_parse_streaming (shorter, NULL, CQ_FEED_FORMAT_AUTO, NULL, NULL, tell_item, told, &error);
      g_assert_null (refused);
      g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED);
      assert_contains (error->message, "not valid JSON: line ");
      g_assert_cmpuint (told->len, ==, 0);
      g_clear_error (&error);
    }
}

static void
test_not_feeds (void)
{
  g_autofree char *huge = g_malloc (CQ_FEED_MAX_SIZE + 2);

  assert_parse_error ("", 0, CQ_PARSE_ERROR_EMPTY, "empty");
  assert_parse_error ("   \n\t ", -1, CQ_PARSE_ERROR_EMPTY, "empty");
  assert_parse_error ("Just some notes.", -1, CQ_PARSE_ERROR_NOT_A_FEED, "neither JSON nor markup");
  assert_parse_error ("{\"name\": \"a package\", \"version\": \"1.0\"}", -1, CQ_PARSE_ERROR_NOT_A_FEED, "not a JSON Feed");
  assert_parse_error ("{\"items\": [1, 2", -1, CQ_PARSE_ERROR_MALFORMED, "not valid JSON");
  assert_parse_error ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, CQ_PARSE_ERROR_NOT_TEXT, "binary");
  assert_parse_error ("<?xml version=\"1.0\"?><svg><rect/></svg>", -1, CQ_PARSE_ERROR_NOT_A_FEED, "No news was found");

  memset (huge, ' ', CQ_FEED_MAX_SIZE + 1);
  huge[CQ_FEED_MAX_SIZE + 1] = '\0';
  assert_parse_error (huge, CQ_FEED_MAX_SIZE + 1, CQ_PARSE_ERROR_TOO_LARGE, "larger than");
}

/* Ten thousand items is a feed; more is refused in words, and a million
 * tiny JSON objects are refused before they are built. */
static void
test_item_cap (void)
{
  g_autoptr(GString) rss = g_string_new ("<rss version=\"2.0\"><channel><title>T</title>");
  g_autoptr(GString) tiny = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"T\",\"items\":[");
  g_autoptr(CqParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CQ_FEED_MAX_ITEMS; i++)
    g_string_append_printf (rss, "<item><guid>%u</guid><title>Item %u</title></item>", i, i);
  feed = parse_text (rss->str, rss->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, CQ_FEED_MAX_ITEMS);
  g_clear_object (&feed);

  g_string_truncate (rss, rss->len - strlen ("</item>"));
  g_string_append (rss, "</item><item><guid>one-more</guid><title>One more</title></item></channel></rss>");
  feed = parse_text (rss->str, rss->len, &error);
  g_assert_null (feed);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 10000 items"));
  g_clear_error (&error);

  for (guint i = 0; i < 1000000; i++)
    g_string_append (tiny, i > 0 ? ",{}" : "{}");
  g_string_append (tiny, "]}");
  feed = parse_text (tiny->str, tiny->len, &error);
  g_assert_null (feed);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE);
}

/* An Atom feed some blog engines serve wrapped in an XHTML page: read as
 * the feed it is, not as a page with no news. */
static void
test_feed_wrapped_in_xhtml (void)
{
  static const char wrapped[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour notes</title><id>urn:harbour</id>"
    "<entry><title>Quay reopened</title><id>urn:harbour:1</id><link href=\"/notes/1\"/>"
    "<updated>2019-06-14T09:00:00Z</updated><content>The quay reopened today.</content></entry>"
    "<entry><title>Ferry times</title><id>urn:harbour:2</id><link href=\"/notes/2\"/>"
    "<updated>2019-06-13T09:00:00Z</updated></entry>"
    "</feed></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_text (wrapped, -1, &error);
  g_autoptr(CqParsedFeed) page = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 2);
  g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "Quay reopened");
  g_assert_cmpstr (cq_item_get_link (item_at (feed, 0)), ==, "https://feeds.example.org/notes/1");

  /* A page with neither a list nor a feed still says so. */
  page = parse_text ("<html><body><p>Nothing dated here at all.</p></body></html>", -1, &error);
  g_assert_null (page);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED);
}

/* A feed's bytes are read in place when they are UTF-8 already: nothing
 * past their length is read, whatever follows them in memory. */
static void
test_bytes_read_to_their_length (void)
{
  const char *documents[] = {
    "<rss version=\"2.0\"><channel><title>In place</title><item><title>First</title><guid>a</guid></item>",
    "\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>In place</title>"
    "<entry><id>urn:a</id><title>First</title></entry>",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"In place\","
    " \"items\": [{\"id\": \"a\", \"title\": \"First\"}]}",
  };
  const char *after = "<item><title>Ghost</title><guid>b</guid></item>, {\"id\": \"b\", \"title\": \"Ghost\"}]}";

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *memory = g_strconcat (documents[i], after, NULL);
      g_autoptr(GBytes) whole = g_bytes_new_take (g_steal_pointer (&memory), strlen (documents[i]) + strlen (after));
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (whole, 0, strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CqParsedFeed) feed = cq_feed_parse (bytes, "https://feeds.example.org/", CQ_FEED_FORMAT_AUTO,
                                                    NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "In place");
      g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 1);
      g_assert_cmpstr (cq_item_get_title (item_at (feed, 0)), ==, "First");
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/feed/rss2", test_rss2);
  g_test_add_func ("/cq/feed/fallback-guid-is-stable", test_fallback_guid_is_stable);
  g_test_add_func ("/cq/feed/rss-0.9x", test_old_rss);
  g_test_add_func ("/cq/feed/rss1", test_rss1);
  g_test_add_func ("/cq/feed/atom", test_atom);
  g_test_add_func ("/cq/feed/detected-not-named", test_detected_not_named);
  g_test_add_func ("/cq/feed/json-feed", test_json_feed);
  g_test_add_func ("/cq/feed/json-feed-without-items", test_json_feed_without_items);
  g_test_add_func ("/cq/feed/json-feed-members-anywhere", test_json_feed_members_anywhere);
  g_test_add_func ("/cq/feed/prolog-before-root", test_prolog_before_root);
  g_test_add_func ("/cq/feed/atom-0.3-dates", test_atom_0_3_dates);
  g_test_add_func ("/cq/feed/items-inside-unclosed-element", test_items_inside_unclosed_element);
  g_test_add_func ("/cq/feed/items-read-as-closed", test_items_read_as_closed);
  g_test_add_data_func ("/cq/feed/encoding/windows-1251", "windows-1251.xml", test_encodings);
  g_test_add_data_func ("/cq/feed/encoding/koi8-r", "koi8-r.xml", test_encodings);
  g_test_add_data_func ("/cq/feed/encoding/iso-8859-5", "iso-8859-5.xml", test_encodings);
  g_test_add_data_func ("/cq/feed/encoding/utf-16le-bom", "utf-16le-bom.xml", test_encodings);
  g_test_add_data_func ("/cq/feed/encoding/utf-16be-no-bom", "utf-16be-nobom.xml", test_encodings);
  g_test_add_func ("/cq/feed/encoding/undeclared-legacy", test_undeclared_legacy_bytes);
  g_test_add_func ("/cq/feed/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/cq/feed/hostile/external-entity", test_external_entity);
  g_test_add_func ("/cq/feed/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/cq/feed/hostile/truncated", test_truncated);
  g_test_add_func ("/cq/feed/hostile/cut-short", test_cut_short);
  g_test_add_func ("/cq/feed/items-from-events-read-as-from-tree", test_items_from_events_read_as_from_tree);
  g_test_add_func ("/cq/feed/summary-of-a-body", test_summary_of_a_body);
  g_test_add_func ("/cq/feed/streaming-parse-tells-the-list-beginning", test_streaming_parse_tells_the_list_beginning);
  g_test_add_func ("/cq/feed/hostile/invalid-utf8", test_invalid_utf8_is_repaired);
  g_test_add_func ("/cq/feed/hostile/not-feeds", test_not_feeds);
  g_test_add_func ("/cq/feed/hostile/item-cap", test_item_cap);
  g_test_add_func ("/cq/feed/wrapped-in-xhtml", test_feed_wrapped_in_xhtml);
  g_test_add_func ("/cq/feed/bytes-read-to-their-length", test_bytes_read_to_their_length);

  return g_test_run ();
}
