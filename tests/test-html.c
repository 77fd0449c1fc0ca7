/* test-html.c: the sanitiser and HTML news lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-feed.h"
#include "cq-html.h"
#include "cq-calendar.h"

typedef struct {
  const char *name;
  const char *html;
  const char *expected;
} SanitizeCase;

static const SanitizeCase sanitize_cases[] = {
  { "keeps-structure", "<h2>Title</h2><p>One <em>two</em> <strong>three</strong></p><ul><li>a</li></ul>",
    "<h2>Title</h2><p>One <em>two</em> <strong>three</strong></p><ul><li>a</li></ul>" },
  { "drops-script", "<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>" },
  { "drops-style", "<style>p{}</style><p>a</p>", "<p>a</p>" },
  { "drops-event-attributes", "<p onclick=\"x()\" style=\"color:red\" class=\"c\">a</p>", "<p>a</p>" },
  { "drops-javascript-links", "<a href=\"javascript:alert(1)\">a</a>", "a" },
  { "drops-data-links", "<a href=\"data:text/html,<script>x</script>\">a</a>", "a" },
  { "drops-data-images", "<img src=\"data:image/png;base64,AAAA\">", NULL },
  { "drops-iframes-and-forms", "<iframe src=\"https://x.example/\"></iframe><form><input></form><p>a</p>", "<p>a</p>" },
  { "drops-svg", "<svg onload=\"x()\"><script>y()</script></svg><p>a</p>", "<p>a</p>" },
  { "keeps-mailto-and-tel", "<a href=\"mailto:a@b.example\">m</a> <a href=\"tel:+4420\">t</a>",
    "<a href=\"mailto:a@b.example\">m</a> <a href=\"tel:+4420\">t</a>" },
  { "resolves-relative", "<a href=\"../up\">u</a><img src=\"/i.png\" alt=\"i\">",
    "<a href=\"https://site.example/up\">u</a><img src=\"https://site.example/i.png\" alt=\"i\">" },
  { "unwraps-unknown", "<div><span><font>text</font></span></div>", "text" },
  { "escapes-text", "<p>&lt;script&gt; &amp; co</p>", "<p>&lt;script&gt; &amp; co</p>" },
  { "escapes-attributes", "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">q</a>",
    "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">q</a>" },
  { "tables", "<table><tr><td colspan=\"2\" width=\"9\">c</td></tr></table>",
    "<table><tr><td colspan=\"2\">c</td></tr></table>" },
  { "mixed-case-scheme", "<a href=\"JaVaScRiPt:alert(1)\">a</a>", "a" },
  { "whitespace-scheme", "<a href=\" javascript:alert(1)\">a</a>", "a" },
  { "empty", "   ", NULL },
};

static void
test_sanitize (gconstpointer data)
{
  const SanitizeCase *c = data;
  g_autofree char *result = cq_html_sanitize (c->html, "https://site.example/dir/page");

  g_assert_cmpstr (result, ==, c->expected);
}

static void
test_sanitize_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *result = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (html, "<div><b>");
  g_string_append (html, "deep");
  result = cq_html_sanitize (html->str, NULL);
  g_assert_true (result == NULL || g_utf8_validate (result, -1, NULL));
}

static CqParsedFeed *
parse_page (const char  *name,
            const char  *base_url,
            CqProfile   *profile,
            GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return cq_feed_parse (bytes, base_url, CQ_FEED_FORMAT_AUTO, profile, NULL, error);
}

static CqItem *
item_at (CqParsedFeed *feed,
         guint         index)
{
  g_assert_cmpuint (index, <, cq_parsed_feed_get_items (feed)->len);
  return g_ptr_array_index (cq_parsed_feed_get_items (feed), index);
}

static void
assert_item (CqParsedFeed *feed,
             guint         index,
             const char   *title,
             const char   *link,
             const char   *published)
{
  CqItem *item = item_at (feed, index);
  g_autofree char *date = cq_item_get_published (item) != NULL
                          ? cq_calendar_to_iso8601 (cq_item_get_published (item)) : NULL;

  g_assert_cmpstr (cq_item_get_title (item), ==, title);
  g_assert_cmpstr (cq_item_get_link (item), ==, link);
  g_assert_cmpstr (date, ==, published);
}

static void
test_embassy_list (void)
{
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_page ("embassy-home.html", "https://www.example.org/", profile, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cq_parsed_feed_get_format (feed), ==, CQ_FEED_FORMAT_HTML_LIST);
  g_assert_cmpstr (cq_parsed_feed_get_title (feed), ==, "Embassy of Freedonia in the United Kingdom");
  /* The featured statement, the five dated links; not the menu's or the
   * footer's dated links. */
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 6);
  assert_item (feed, 0, "Ambassador's statement on the fisheries agreement, London, 12 June 2019",
               "https://www.example.org/en/news/statement-on-fisheries", "2019-06-11T23:00:00Z");
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 0)), ==,
                   "The agreement signed today gives both fleets fair access to the shared waters for the next five years.");
  /* Dates are days in the source's home zone (London, summer time). */
  assert_item (feed, 1, "Opening of the Freedonian cultural season in Edinburgh",
               "https://www.example.org/en/news/cultural-season", "2019-06-06T23:00:00Z");
  g_assert_true (cq_item_get_published_is_date (item_at (feed, 1)));
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 1)), ==,
                   "Concerts, a film week and an exhibition of Freedonian textiles open in Edinburgh this month.");
  assert_item (feed, 3, "Change of consular hours during the holidays",
               "https://www.example.org/en/news/consular-hours", "2019-05-14T23:00:00Z");
  /* An item followed directly by the next has no summary. */
  g_assert_null (cq_item_get_summary (item_at (feed, 4)));
  assert_item (feed, 5, "Scholarships for British students",
               "https://www.example.org/en/news/scholarships", "2019-04-25T23:00:00Z");
}

static void
test_embassy_list_other_markup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_page ("embassy-home-split.html", "https://www.example.org/", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 3);
  assert_item (feed, 0, "Открытие культурного сезона",
               "https://www.example.org/ru/news/2019/06/07/season", "2019-06-07T00:00:00Z");
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 0)), ==, "Концерты и выставка открываются в этом месяце.");
  assert_item (feed, 1, "Выступление на весенней ярмарке",
               "https://www.example.org/ru/news/2019/06/05/fair", "2019-06-05T00:00:00Z");
  /* The date after the link. */
  assert_item (feed, 2, "Изменение часов работы консульского отдела",
               "https://www.example.org/ru/news/2019/05/15/hours", "2019-05-15T00:00:00Z");
}

static void
test_article_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_page ("articles.html", "https://lights.example.org/press/", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 2);
  assert_item (feed, 0, "Beacon upgrade completed", "https://lights.example.org/press/beacon-upgrade",
               "2019-06-11T13:00:00Z");
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 0)), ==,
                   "The last of the coastal beacons now runs on solar power.");
  assert_item (feed, 1, "Keepers' open day", "https://lights.example.org/press/keepers-day",
               "2019-06-04T00:00:00Z");
}

static void
test_profile_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_data (
    "{ \"id\": \"fr\", \"name\": \"Freedonia\", \"feed\": { \"url\": \"https://www.example.org/\","
    "  \"format\": \"html-list\" }, \"time_zone\": \"Europe/Moscow\","
    "  \"html_list\": { \"item\": \"//ul[@class='news']/li\", \"title\": \".//a\","
    "                   \"link\": \".//a/@href\", \"date\": \".//span[@class='date']\","
    "                   \"summary\": \".//div[@class='anons']\", \"date_format\": \"%d.%m.%Y\" } }", -1, &error);
  g_autoptr(CqParsedFeed) feed = NULL;

  g_assert_no_error (error);
  feed = parse_page ("embassy-home-split.html", "https://www.example.org/", profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 3);
  assert_item (feed, 0, "Открытие культурного сезона",
               "https://www.example.org/ru/news/2019/06/07/season", "2019-06-06T21:00:00Z");
  g_assert_cmpstr (cq_item_get_summary (item_at (feed, 0)), ==, "Концерты и выставка открываются в этом месяце.");
}

static void
test_autodiscovery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_page ("advertises-feed.html", "https://observatory.example.org/", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cq_parsed_feed_get_advertised_feed (feed), ==, "https://observatory.example.org/diary/feed.xml");
  g_assert_cmpuint (cq_parsed_feed_get_items (feed)->len, ==, 0);
}

static void
test_no_news (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqParsedFeed) feed = parse_page (data, "https://x.example/", NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "No news was found on this page"));
}

/* A mail link keeps its address, subject and body, and nothing a page
 * could use to attach a file or copy someone in; at the click, only web
 * and mail links are opened. */
static void
test_links_to_open (void)
{
  g_autofree char *clean = cq_html_sanitize ("<p><a href=\"mailto:press@example.org?subject=Hi&attach=/etc/passwd&body=Text&cc=x@y.z\">Write</a></p>",
                                             "https://news.example.org/");
  g_autofree char *plain_mail = cq_html_link_to_open ("mailto:press@example.org");
  g_autofree char *mail_attach = cq_html_link_to_open ("mailto:press@example.org?attach=%2Fetc%2Fpasswd&subject=Hi");
  g_autofree char *web = cq_html_link_to_open ("https://news.example.org/statements/1?lang=en");

  g_assert_cmpstr (clean, ==, "<p><a href=\"mailto:press@example.org?subject=Hi&amp;body=Text\">Write</a></p>");
  g_assert_cmpstr (plain_mail, ==, "mailto:press@example.org");
  g_assert_cmpstr (mail_attach, ==, "mailto:press@example.org?subject=Hi");
  g_assert_cmpstr (web, ==, "https://news.example.org/statements/1?lang=en");
  g_assert_null (cq_html_link_to_open ("tel:+442036687474"));
  g_assert_null (cq_html_link_to_open ("javascript:alert(1)"));
  g_assert_null (cq_html_link_to_open ("file:///etc/passwd"));
  g_assert_null (cq_html_link_to_open ("mailto:?to=a@b.c"));
  g_assert_null (cq_html_link_to_open ("not a link"));
  g_assert_null (cq_html_link_to_open (NULL));
}

/* The streaming sanitiser keeps exactly what the tree sanitiser keeps, on
 * the shapes feeds send: implied paragraphs and bodies, dropped subtrees,
 * unknown wrappers, links without targets, entities, stray end tags,
 * comments, CDATA, text after </html>, and every page among our fixtures. */
static void
test_stream_matches_tree (void)
{
  static const char * const fragments[] = {
    "plain words, no markup at all",
    "<p>One</p><p>Two &amp; three &lt;four&gt;</p>",
    "<b>bold <i>both</b> italic</i> after",
    "text <script>alert(1)</script> more <style>p{}</style> end",
    "<div><span>wrapped</span> <font color=red>font</font></div><section>s</section>",
    "<a href=\"/rel\" onclick=\"x()\" title=\"T\">rel</a> <a href=\"javascript:x()\">js</a> <a>none</a>",
    "<img src=\"/i.png\" alt=\"A\"><img src=\"data:x\"><br><hr><p>after</p>",
    "<table><tr><td colspan=2 rowspan=\"3\">c</td><th>h</th></tr></table>",
    "<ul><li>one<li>two</ul><ol><li><p>three</ol>",
    "<!-- comment --><![CDATA[cdata]]><?pi?><p>x</p>",
    "</p></div>stray ends<p>open",
    "<html><head><title>T</title><meta charset=utf-8></head><body><p>b</p></body></html> trailing",
    "<abbr title=\"Org\">O</abbr> <q>q</q> <code>c &amp;&#x41;&#65;&nbsp;</code>",
    "<p>line<br>break</p>\n\n  <pre>  keep\n  spaces </pre>",
    "<form><input value=x><button>b</button></form><nav>n</nav><svg><text>s</text></svg>",
    "<h1>H</h1><h2>h</h2><blockquote>bq</blockquote><figure><figcaption>fc</figcaption></figure>",
    "<html/><!DOCTYPE html>after a DOCTYPE put first, a new root is lost",
    "<html/>text starts a second root<!DOCTYPE html><p>which goes on",
    "<p>Привет, мир — 你好 — مرحبا</p>",
  };
  /* Pages, and the small bodies the fuzzer starts from, with what it
   * found (fuzz-*.html). */
  static const char * const folders[] = { "pages", "fragments" };
  CqHtmlReader *reader = cq_html_reader_new ();
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    g_ptr_array_add (inputs, g_strdup (fragments[i]));
  for (guint d = 0; d < G_N_ELEMENTS (folders); d++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", folders[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *contents = NULL;

          /* As the fuzz target reads them. */
          if (g_file_get_contents (path, &contents, NULL, NULL))
            g_ptr_array_add (inputs, g_utf8_make_valid (contents, -1));
        }
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      g_autofree char *stream_text = NULL;
      g_autofree char *tree_text = NULL;
      g_autofree char *stream = cq_html_reader_sanitize (reader, inputs->pdata[i], "https://news.example.org/a/",
                                                         &stream_text);
      g_autofree char *tree = cq_html_reader_sanitize_tree (reader, inputs->pdata[i], "https://news.example.org/a/",
                                                            &tree_text);

      g_assert_cmpstr (stream, ==, tree);
      g_assert_cmpstr (stream_text, ==, tree_text);
    }
  cq_html_reader_free (reader);
}

/* Reads @html with the reader's quick path if it takes it, and checks the
 * result against the tree sanitiser, markup and text.  Returns whether
 * the quick path read it. */
static gboolean
assert_quick_matches_tree (CqHtmlReader *reader,
                           const char   *html)
{
  guint before = cq_html_reader_get_quick_reads (reader);
  g_autofree char *text = NULL;
  g_autofree char *tree_text = NULL;
  g_autofree char *quick = cq_html_reader_sanitize (reader, html, "https://news.example.org/a/", &text);
  g_autofree char *tree = cq_html_reader_sanitize_tree (reader, html, "https://news.example.org/a/", &tree_text);

  if (g_strcmp0 (quick, tree) != 0 || g_strcmp0 (text, tree_text) != 0)
    g_test_message ("input: %s", html);
  g_assert_cmpstr (quick, ==, tree);
  g_assert_cmpstr (text, ==, tree_text);
  return cq_html_reader_get_quick_reads (reader) > before;
}

/* The bodies feeds are made of are read without libxml2, and read the
 * same; what the quick reader does not know goes to libxml2. */
static void
test_quick_reader (void)
{
  static const char * const plain[] = {
    "<p>The <b>statement</b> says what was agreed; it names <a href=\"/x/1\">a document</a>.</p><p>Next.</p>",
    "Just words, as a summary often is.",
    "Words first, then <em>markup</em> and <br> a break<br/>and <img src=\"/i.png\" alt='A &amp; B'> a picture",
    "<p>One<p>two, the first closed by the second</p><ul><li>a<li>b</ul><ol><li><p>c</ol>",
    "<h2>Heading</h2>\n<p>Para <a href=https://x.example/?a=1&b=2 title=\"t\">unquoted</a></p>\n",
    "<div><span class=\"x\">wrapped</span> <blockquote>quoted</blockquote></div><hr><p>after",
    "&amp; &lt;tags&gt; &quot;quoted&quot; &nbsp;&copy;&mdash;&hellip;&rsquo;&eacute;&euro; &#65;&#x42;&#x1F600;",
    "&unknown; &amp &ampx; & alone; AT&T; text",
    "<p>Привет, мир — 你好 — مرحبا</p>",
    "<P CLASS=\"Upper\">Upper <A HREF=\"/Case\" HREF=\"/second\">case</A></P>",
    "<b>bold<p>a paragraph closes the bold</p></b>",
    "<p>a<h3>a heading closes the paragraph</h3>b</p>",
    "<li>one<li>two<h1>h<li>three",
    "<a href=\"/1\">one<a href=\"/2\">two</a></a>",
    "<p/>self-closed<div/>and<br />",
    "<p>a</b>stray end, ignored</p><div><p>x</div>y</p>",
    "</div> <b>blanks after a stray end open nothing</b>", "</p> &amp; but a reference opens a paragraph",
  };
  static const char * const libxml[] = {
    "<!-- a comment --><p>x</p>", "<p>a < b</p>", "<script>x()</script>", "<table><tr><td>c</td></tr></table>",
    "<td>outside a table</td>", "<pre>\nkept</pre>", "&#0;", "&#xD800;", "line\r\nends", "<p>\x01</p>",
    "<ul><ol><li>unsure</ol></ul>", "&#65 ;", "<my-element>x</my-element>", "&eacute\xc3\xa9;",
  };
  static const char * const elements[] = {
    "p", "a", "b", "i", "em", "strong", "br", "img", "li", "ul", "ol", "h1", "h6", "blockquote", "div", "span",
    "hr", "u", "s", "small", "sub", "sup", "code", "cite", "abbr", "q", "mark", "kbd", "samp", "figure",
    "figcaption",
  };
  g_autoptr(CqHtmlReader) reader = cq_html_reader_new ();

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_true (assert_quick_matches_tree (reader, plain[i]));
  for (guint i = 0; i < G_N_ELEMENTS (libxml); i++)
    g_assert_false (assert_quick_matches_tree (reader, libxml[i]));

  /* Which open element a start tag closes is libxml2's table: every pair
   * of the elements the quick reader knows, closed and left open. */
  for (guint outer = 0; outer < G_N_ELEMENTS (elements); outer++)
    for (guint inner = 0; inner < G_N_ELEMENTS (elements); inner++)
      {
        const char *o = elements[outer], *n = elements[inner];
        g_autofree char *closed = g_strdup_printf ("<%s>x<%s>y</%s>z</%s>w", o, n, n, o);
        g_autofree char *open = g_strdup_printf ("t<%s>x<%s>y", o, n);

        assert_quick_matches_tree (reader, closed);
        assert_quick_matches_tree (reader, open);
      }
}

/* The fast way links are resolved gives what GUri gives, wherever it is
 * taken; dot segments and odd characters still go to GUri. */
static void
test_plain_links_resolve_as_guri_does (void)
{
  static const char * const bases[] = {
    "https://news.example.org/feed.xml", "http://news.example.org", "https://news.example.org/a/b?x=1#f",
    "https://user@news.example.org:8443/a/",
  };
  static const char * const references[] = {
    "/statements/12", "/x/1?page=2&sort=new#top", "https://other.example.org/a/b", "http://other.example.org",
    "/a/./b", "/a/../b", "/a/b/..", "relative/path", "../up", "//cdn.example.org/i.png", "/with%20space",
    "/p;params,and=more", "?only=query", "#only-fragment", "/a/b/.", "/a/..x/b", "/a/.x", "/.", "/..",
  };
  /* GUri warns on these and gives nothing; none is a link. */
  static const char * const unresolvable[] = {
    "https:/..///example.org/", "http:a//b", "//a;b/x", "https://a;b/x/../y", "https://exa;pl\xc3\xa9",
  };

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint r = 0; r < G_N_ELEMENTS (references); r++)
      {
        g_autofree char *ours = cq_html_resolve_url (bases[b], references[r], FALSE);
        g_autofree char *guri = g_uri_resolve_relative (bases[b], references[r],
                                                        G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);

        if (references[r][0] == '#')
          g_assert_null (ours);
        else
          g_assert_cmpstr (ours, ==, guri);
        /* What a caller may take without working out the base. */
        if (cq_html_url_ignores_base (references[r]))
          {
            g_autofree char *without_base = cq_html_resolve_url (NULL, references[r], FALSE);

            g_assert_cmpstr (without_base, ==, ours);
          }
      }
  g_assert_true (cq_html_url_ignores_base ("https://other.example.org/a/b?c=d#e"));
  g_assert_false (cq_html_url_ignores_base ("https://other.example.org/a/../b"));
  g_assert_false (cq_html_url_ignores_base (" https://other.example.org/"));
  g_assert_false (cq_html_url_ignores_base ("/statements/12"));
  g_assert_false (cq_html_url_ignores_base ("ftp://other.example.org/"));
  g_assert_false (cq_html_url_ignores_base (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (unresolvable); i++)
    g_assert_null (cq_html_resolve_url (bases[0], unresolvable[i], FALSE));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sanitize_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cq/html/sanitize/%s", sanitize_cases[i].name);

      g_test_add_data_func (path, &sanitize_cases[i], test_sanitize);
    }
  g_test_add_func ("/cq/html/sanitize/deep-nesting", test_sanitize_deep_nesting);
  g_test_add_func ("/cq/html/links-to-open", test_links_to_open);
  g_test_add_func ("/cq/html/list/embassy", test_embassy_list);
  g_test_add_func ("/cq/html/list/embassy-other-markup", test_embassy_list_other_markup);
  g_test_add_func ("/cq/html/list/articles", test_article_list);
  g_test_add_func ("/cq/html/list/profile-rules", test_profile_rules);
  g_test_add_func ("/cq/html/list/autodiscovery", test_autodiscovery);
  g_test_add_func ("/cq/html/stream-matches-tree", test_stream_matches_tree);
  g_test_add_func ("/cq/html/quick-reader", test_quick_reader);
  g_test_add_func ("/cq/html/plain-links-resolve-as-guri-does", test_plain_links_resolve_as_guri_does);
  g_test_add_data_func ("/cq/html/list/no-news/recipe", "no-news.html", test_no_news);
  g_test_add_data_func ("/cq/html/list/no-news/statement", "statement.html", test_no_news);

  return g_test_run ();
}
