/* test-article.c: the statement out of a page full of site chrome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-article.h"
#include "cq-feed.h"
#include "cq-calendar.h"

static GBytes *
load_page (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", name, NULL);
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
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
    g_error ("the text contains “%s”:\n%s", part, text);
}

static void
test_statement (void)
{
  g_autoptr(GBytes) bytes = load_page ("statement.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(CqArticle) article = cq_article_extract (bytes, "https://www.example.org/en/news/fisheries", NULL, NULL, &error);
  g_autofree char *published = NULL;
  static const char * const chrome[] = {
    "cookies", "Accept", "Contacts, addresses", "Related statements", "Comments", "First!",
    "Share", "Tweet", "All rights reserved", "Subscribe", "Home", "track",
  };
  static const char * const unsafe[] = {
    "<script", "<iframe", "<form", "<input", "<button", "onclick", "onerror", "onload",
    "javascript:", "data:", "<style",
  };

  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Ambassador's statement on the fisheries agreement");
  g_assert_cmpstr (article->byline, ==, "Ambassador A. Example");
  g_assert_cmpstr (article->site_name, ==, "Embassy of Freedonia");
  g_assert_cmpstr (article->lang, ==, "en-GB");
  published = cq_calendar_to_iso8601 (article->published);
  g_assert_cmpstr (published, ==, "2019-06-12T15:30:00Z");

  assert_contains (article->text, "Ladies and gentlemen, the agreement we signed today");
  assert_contains (article->text, "\n\nIt gives the fleets of both countries");
  assert_contains (article->text, "neighbours can share the sea");
  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    {
      assert_lacks (article->text, chrome[i]);
      assert_lacks (article->html, chrome[i]);
    }

  assert_contains (article->html, "<h2>What changes now</h2>");
  assert_contains (article->html, "<li>Licences will be issued within thirty days.</li>");
  assert_contains (article->html, "<blockquote>");
  assert_contains (article->html, "<a href=\"https://www.example.org/en/docs/agreement.pdf\">the full text of the agreement</a>");
  assert_contains (article->html, "<a href=\"mailto:press@embassy.example\">the press office</a>");
  assert_contains (article->html, "<img src=\"https://www.example.org/images/signing.jpg\" alt=\"The signing ceremony\">");
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    assert_lacks (article->html, unsafe[i]);
  /* The title is shown above the body, not again inside it. */
  assert_lacks (article->html, "<h1>");
}

static void
test_profile_rule_wins (void)
{
  g_autoptr(GBytes) bytes = load_page ("statement.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(CqProfile) profile = cq_profile_new_from_data (
    "{ \"id\": \"fr\", \"name\": \"Freedonia\", \"feed\": { \"url\": \"https://www.example.org/\" },"
    "  \"article\": { \"content\": \"//div[@class='sidebar']\", \"title\": \"//h3\" } }", -1, &error);
  g_autoptr(CqArticle) article = NULL;

  g_assert_no_error (error);
  article = cq_article_extract (bytes, NULL, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Related statements");
  assert_contains (article->text, "Statement on the earlier round of talks");
  assert_lacks (article->text, "Ladies and gentlemen");
}

static void
assert_no_article (const char *text,
                   gsize       length,
                   int         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqArticle) article = cq_article_extract (bytes, NULL, NULL, NULL, &error);

  g_assert_null (article);
  g_assert_error (error, CQ_PARSE_ERROR, code);
}

static void
test_no_article (void)
{
  g_autoptr(GBytes) recipe = load_page ("no-news.html");
  g_autoptr(GBytes) binary = load_page ("binary.png");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *huge = g_malloc0 (CQ_FEED_MAX_SIZE + 1);

  /* A short page's text is what it says, however little. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CqArticle) article = cq_article_extract (recipe, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    assert_contains (article->text, "Simmer the lentils for twenty minutes.");
  }
  assert_no_article (g_bytes_get_data (binary, NULL), g_bytes_get_size (binary), CQ_PARSE_ERROR_NOT_TEXT);
  assert_no_article ("", 0, CQ_PARSE_ERROR_EMPTY);
  assert_no_article (huge, CQ_FEED_MAX_SIZE + 1, CQ_PARSE_ERROR_TOO_LARGE);

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<div><p>");
  g_string_append (deep, "deep text");
  assert_no_article (deep->str, deep->len, CQ_PARSE_ERROR_NO_ARTICLE);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><div class=\"content\">");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqArticle) article = NULL;

  for (guint i = 0; i < 5; i++)
    g_string_append (page, "<p>A paragraph of a statement, long enough to count, with a bad byte \xff here, and commas.</p>");
  g_string_append (page, "</div></body></html>");
  bytes = g_bytes_new (page->str, page->len);

  article = cq_article_extract (bytes, NULL, NULL, "utf-8", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  g_assert_true (g_utf8_validate (article->html, -1, NULL));
}

/* The title as readers take it: the page's metadata by rank (Dublin Core
 * before Open Graph), else its <title> without the site's name, else its
 * heading; a very short <title> gives way to the page's one <h1>. */
static void
test_titles (void)
{
  static const char body[] = "<p>The consular section reopens on Monday with longer hours for visas and passports, "
                             "and appointments can be made by telephone or in writing from today onwards.</p>"
                             "<p>The embassy thanks everyone for their patience during the works on the building, "
                             "which took longer than planned because of the winter.</p>";
  struct { const char *head, *heading, *title; } cases[] = {
    { "<title>Consular section reopens after the works | Embassy of Testland</title>", "<h2>News</h2>",
      "Consular section reopens after the works" },
    /* Too few words left: the whole title stays, as the reference extractor keeps it. */
    { "<title>Section reopens | Embassy of Testland</title>", "", "Section reopens | Embassy of Testland" },
    { "<title>Consular section reopens on Monday - Embassy of Testland</title>", "", "Consular section reopens on Monday" },
    { "<meta property=\"og:title\" content=\"Open Graph title\"><meta name=\"DC.title\" content=\"Dublin Core title\">"
      "<title>Document title</title>", "", "Dublin Core title" },
    { "<meta property=\"og:title\" content=\"Open Graph title\"><title>Document title</title>", "", "Open Graph title" },
    /* Of the same rank, the later; a property may name several keys. */
    { "<meta name=\"DC.title\" content=\"Name form\"><meta property=\"dc:title\" content=\"Property form\">", "",
      "Property form" },
    { "<meta property=\"x:title dc:title\" content=\"Named among others\"><title>Document title</title>", "",
      "Named among others" },
    { "<title>Embassy of Testland: statement on the reopening of the consular section</title>", "",
      "statement on the reopening of the consular section" },
    { "<title>News</title>", "<h1>Consular section reopens on Monday</h1>", "Consular section reopens on Monday" },
    { "", "<h1>Consular section reopens on Monday</h1>", "Consular section reopens on Monday" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body><article>%s%s</article></body></html>",
                                               cases[i].head, cases[i].heading, body);
      g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
      g_autoptr(GError) error = NULL;
      g_autoptr(CqArticle) article = cq_article_extract (bytes, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (article->title, ==, cases[i].title);
    }
}

/* Prose in a plain <div>, and a statement that is a list: both are found,
 * as the reference extractor finds them, where nothing is marked as a
 * paragraph; a page with too little text is still refused. */
static void
test_unmarked_prose (void)
{
  static const char * const pages[] = {
    "<html><head><title>Consular hours after the works are over</title></head><body><article><h1>Hours</h1>"
    "<div>The consular section reopens on Monday with longer hours for visas and passports, and appointments "
    "can be made by telephone or in writing from today onwards.</div><p><a href=\"/a\">link</a></p></article></body></html>",
    "<html><body><ol><li><p>The consular section reopens on Monday with longer hours for visas and passports.</p></li>"
    "<li><p>Appointments can be made by telephone or in writing from today onwards, as before.</p></li></ol></body></html>",
  };
  g_autoptr(GBytes) short_page = g_bytes_new_static ("<html><body><nav><a href=\"/\">Home</a></nav><div>The embassy is closed today.</div></body></html>", 96);
  g_autoptr(GBytes) chrome_only = g_bytes_new_static ("<html><body><nav><a href=\"/\">Home</a></nav><footer>© Freedonia</footer>"
                                                      "<script>load()</script></body></html>", 109);
  g_autoptr(CqArticle) brief = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqArticle) none = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (pages[i], strlen (pages[i]));
      g_autoptr(CqArticle) article = cq_article_extract (bytes, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      assert_contains (article->text, "The consular section reopens on Monday");
      assert_lacks (article->html, "<script");
    }
  /* A short statement is a statement, without the site's chrome; a page
   * of chrome alone holds none. */
  brief = cq_article_extract (short_page, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (brief->text, ==, "The embassy is closed today.");
  none = cq_article_extract (chrome_only, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NO_ARTICLE);
}

static CqArticle *
extract_text (const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GError) error = NULL;
  CqArticle *article = cq_article_extract (bytes, "https://embassy.example.org/news/1", NULL, NULL, &error);

  g_assert_no_error (error);
  return article;
}

#define PARAGRAPH(n) "<p>Paragraph " #n " of the statement on the harbour agreement, which sets out, at some length, " \
                     "the terms agreed, the dates, and the parties' commitments, as statements do.</p>"

/* Real pages, as the public corpora show them: a statement whose wrapper
 * is named like a sidebar; one split into sections around a picture and a
 * pull quote; text a browser never shows. */
static void
test_real_page_shapes (void)
{
  g_autoptr(CqArticle) in_sidebar = extract_text (
    "<html><body><nav><a href=\"/\">Home</a></nav>"
    "<div class=\"panel-layout-two-col-sidebar-right\"><div class=\"node\">"
    PARAGRAPH (1) PARAGRAPH (2) PARAGRAPH (3) "</div></div>"
    "<footer>Freedonia</footer></body></html>");
  g_autoptr(CqArticle) in_sections = extract_text (
    "<html><body><div id=\"story\">"
    "<section class=\"story-part\">" PARAGRAPH (1) PARAGRAPH (2) PARAGRAPH (3) "</section>"
    "<figure><img src=\"/seal.png\" alt=\"The seal\"></figure>"
    "<section class=\"story-part\">" PARAGRAPH (4) PARAGRAPH (5) "</section>"
    "<blockquote class=\"pull\">A pull quote, short.</blockquote>"
    "<section class=\"story-part\">" PARAGRAPH (6) PARAGRAPH (7) PARAGRAPH (8) "</section>"
    "</div><div class=\"related\"><a href=\"/2\">Another statement</a></div></body></html>");
  g_autoptr(CqArticle) with_hidden = extract_text (
    "<html><body><article>" PARAGRAPH (1)
    "<p hidden>Hidden by attribute, never shown.</p>"
    "<p aria-hidden=\"true\">Hidden from everyone who reads.</p>"
    "<div style=\"DISPLAY : None\"><p>Hidden by its style, never shown at all.</p></div>"
    "<p style=\"color: red; visibility:hidden\">Invisible but laid out.</p>"
    PARAGRAPH (2) "</article></body></html>");

  assert_contains (in_sidebar->text, "Paragraph 1 of");
  assert_contains (in_sidebar->text, "Paragraph 3 of");
  assert_lacks (in_sidebar->text, "Freedonia");

  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *start = g_strdup_printf ("Paragraph %u of", i);

      assert_contains (in_sections->text, start);
    }
  assert_lacks (in_sections->text, "Another statement");

  assert_contains (with_hidden->text, "Paragraph 1 of");
  assert_contains (with_hidden->text, "Paragraph 2 of");
  assert_lacks (with_hidden->text, "Hidden");
  assert_lacks (with_hidden->text, "Invisible");
}

/* The title from JSON-LD, as pages write it: wrapped in CDATA; the
 * article's "name" over its "headline" unless the name is the publisher's
 * or the headline is what the page's <title> says. */
static void
test_json_ld_titles (void)
{
  g_autoptr(CqArticle) in_cdata = extract_text (
    "<html><head><title>Harbour</title><script type=\"application/ld+json\">\n<![CDATA[\n"
    "{\"@type\": \"NewsArticle\", \"headline\": \"The quay reopens on Monday\"}\n]]>\n</script>"
    "<meta property=\"og:title\" content=\"Quay: read all about it\"></head><body><article>"
    PARAGRAPH (1) "</article></body></html>");
  g_autoptr(CqArticle) name_first = extract_text (
    "<html><head><title>List of harbour closures - Portpedia</title><script type=\"application/ld+json\">"
    "{\"@type\": \"Article\", \"name\": \"List of harbour closures\", \"headline\": \"Portpedia list article\"}"
    "</script></head><body><article>" PARAGRAPH (1) "</article></body></html>");
  g_autoptr(CqArticle) publisher_name = extract_text (
    "<html><head><title>Quay reopens - Harbour Daily</title><script type=\"application/ld+json\">"
    "{\"@type\": \"NewsArticle\", \"name\": \"Harbour Daily\", \"headline\": \"Quay reopens after the works\","
    " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Harbour Daily\"}}"
    "</script></head><body><article>" PARAGRAPH (1) "</article></body></html>");
  g_autoptr(CqArticle) organisation = extract_text (
    "<html><head><title>Quay reopens</title><script type=\"application/ld+json\">"
    "{\"@type\": \"Organization\", \"name\": \"Harbour Daily\"}"
    "</script></head><body><article>" PARAGRAPH (1) "</article></body></html>");

  g_assert_cmpstr (in_cdata->title, ==, "The quay reopens on Monday");
  g_assert_cmpstr (name_first->title, ==, "List of harbour closures");
  g_assert_cmpstr (publisher_name->title, ==, "Quay reopens after the works");
  g_assert_cmpstr (organisation->title, ==, "Quay reopens");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/article/statement", test_statement);
  g_test_add_func ("/cq/article/titles", test_titles);
  g_test_add_func ("/cq/article/unmarked-prose", test_unmarked_prose);
  g_test_add_func ("/cq/article/profile-rule-wins", test_profile_rule_wins);
  g_test_add_func ("/cq/article/no-article", test_no_article);
  g_test_add_func ("/cq/article/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cq/article/real-page-shapes", test_real_page_shapes);
  g_test_add_func ("/cq/article/json-ld-titles", test_json_ld_titles);

  return g_test_run ();
}
