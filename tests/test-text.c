/* test-text.c: plain text from HTML, short names, search queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cq-json.h"
#include "cq-text.h"

static void
test_from_html (void)
{
  g_autofree char *plain = cq_text_from_html ("<p>Talks &amp; <b>visits</b></p><script>x()</script><p>Moscow&nbsp;&mdash; London</p>");
  g_autofree char *loose = cq_text_from_html ("Fish & chips &ampersand &#x41; &#0; &bogus;");

  g_assert_cmpstr (plain, ==, "Talks & visits Moscow — London");
  /* Only whole, known entities are decoded; a lone '&' stays itself. */
  g_assert_cmpstr (loose, ==, "Fish & chips &ampersand A &#0; &bogus;");
}

/* A text of many '&' and no ';' is read once, not once per '&'. */
static void
test_many_ampersands (void)
{
  g_autofree char *many = g_strnfill (1024 * 1024, '&');
  g_autofree char *plain = cq_text_from_html (many);

  g_assert_cmpuint (strlen (plain), ==, 1024 * 1024);
}

static void
test_shorten (void)
{
  g_autofree char *same = cq_text_shorten ("Embassy news", 20);
  g_autofree char *exact = cq_text_shorten ("12345", 5);
  g_autofree char *words = cq_text_shorten ("Statement by the Embassy on the anniversary", 30);
  g_autofree char *one_word = cq_text_shorten ("Verylongwordwithoutanyspaceatall", 10);
  g_autofree char *cyrillic = cq_text_shorten ("Посольство России в Великобритании", 20);

  g_assert_cmpstr (same, ==, "Embassy news");
  g_assert_cmpstr (exact, ==, "12345");
  g_assert_cmpstr (words, ==, "Statement by the Embassy on…");
  g_assert_cmpstr (one_word, ==, "Verylongw…");
  g_assert_cmpstr (cyrillic, ==, "Посольство России в…");
  g_assert_cmpuint (g_utf8_strlen (cyrillic, -1), <=, 20);
  g_assert_null (cq_text_shorten (NULL, 10));
}

static void
test_fts_query (void)
{
  g_autofree char *query = cq_text_fts_query ("salis \"inc");

  g_assert_cmpstr (query, ==, "\"salis\"* \"inc\"*");
  g_assert_null (cq_text_fts_query ("  ***  "));
}

static void
test_for_terminal (void)
{
  g_autofree char *clean = cq_text_for_terminal ("\x1b]0;pwned\x07Title\r\n\tnext \xc2\x9b" "2J line\x7f \xff end");

  g_assert_cmpstr (clean, ==, "]0;pwnedTitle\n\tnext 2J line \xef\xbf\xbd end");
}

/* One piece of a test document: mostly ASCII runs, as markup is, with
 * characters of every length, and the faults a validator must see. */
static void
append_piece (GString *text,
              GRand   *rand)
{
  static const char * const faults[] = {
    "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80",
    "\x80", "\xBF", "\xC2", "\xE2\x82", "\xF0\x9F\x98", "\xFF", "\xFE",
  };
  guint kind = g_rand_int_range (rand, 0, 100);

  if (kind < 70)
    {
      for (guint n = g_rand_int_range (rand, 1, 40); n > 0; n--)
        g_string_append_c (text, (char) g_rand_int_range (rand, 0x20, 0x7F));
    }
  else if (kind < 97)
    {
      static const gunichar ranges[][2] = { { 0x80, 0x7FF }, { 0x800, 0xD7FF }, { 0xE000, 0xFFFF }, { 0x10000, 0x10FFFF } };
      guint range = g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges));
      char bytes[6];

      g_string_append_len (text, bytes,
                           g_unichar_to_utf8 (g_rand_int_range (rand, ranges[range][0], ranges[range][1] + 1), bytes));
    }
  else if (kind < 99)
    g_string_append (text, faults[g_rand_int_range (rand, 0, G_N_ELEMENTS (faults))]);
  else
    g_string_append_c (text, '\0');
}

/* The quick validator says what GLib says, and stops where GLib stops, on
 * 100,000 documents of every shape, cut at every length. */
static void
test_utf8_validate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  guint invalid = 0;

  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *ours_end, *glib_end;
      gboolean ours, glib;
      gsize length;

      for (guint n = g_rand_int_range (rand, 0, 12); n > 0; n--)
        append_piece (text, rand);
      /* Cut anywhere, in the middle of a character too. */
      length = text->len > 0 && g_rand_boolean (rand) ? (gsize) g_rand_int_range (rand, 0, text->len + 1) : text->len;
      ours = cq_text_utf8_validate (text->str, length, &ours_end);
      glib = g_utf8_validate_len (text->str, length, &glib_end);
      g_assert_cmpint (ours, ==, glib);
      g_assert_cmpint (ours_end - text->str, ==, glib_end - text->str);
      invalid += !ours;
    }
  /* Both answers were asked for often. */
  g_assert_cmpuint (invalid, >, 10000);
  g_assert_cmpuint (invalid, <, 90000);
  g_assert_true (cq_text_utf8_validate ("", 0, NULL));
  g_assert_true (cq_text_utf8_validate (NULL, 0, NULL));
}

/* A summary made of its body's first words opens the body's text as the
 * search index splits it into words: punctuation and spacing may differ,
 * the last word may be cut short; a word of its own, a word in another
 * place or another script's letter means it does not. */
static void
test_opens (void)
{
  static const struct {
    const char *text;
    const char *opening;
    gboolean    opens;
  } cases[] = {
    { "It names a document . A second paragraph.", "It names a document. A second paragraph.", TRUE },
    { "It names a document.\n\nA second paragraph.", "It names a document. A second…", TRUE },
    { "It names a document.", "It names a docu…", TRUE },
    { "It names a document.", "It names a document.", TRUE },
    { "  «Quoted» words", "«Quoted» words", TRUE },
    { "Заявление МИД России", "Заявление МИД…", TRUE },
    { "Anything at all", "", TRUE },
    { "Anything at all", "…", TRUE },
    { "It names a document.", "It names a document and more.", FALSE },
    { "It names a document.", "It names another document.", FALSE },
    { "It names a document.", "It named a document.", FALSE },
    /* A word split in one is two words there, not one. */
    { "It names a docu ment.", "It names a document.", FALSE },
    { "It names a document.", "It names a docu ment.", FALSE },
    /* Not ASCII, not surely a place to split: compared as it is. */
    { "Its name\u00a0is", "Its name is", FALSE },
    { "Заявление МИД России", "Заявление МИД Росси и", FALSE },
    { "", "Words", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s / %s", cases[i].text, cases[i].opening);
      g_assert_cmpint (cq_text_opens (cases[i].text, cases[i].opening), ==, cases[i].opens);
    }
}

/* The nesting count skips strings eight bytes at a time: brackets inside
 * a string never count, wherever the string starts and however its
 * escaped quotes and backslashes fall against those eight bytes; brackets
 * outside count, just past the limit or just inside it. */
static void
test_json_nesting (void)
{
  static const char * const tails[] = { "[[[[", "\\\"[[[[", "\\\\", "x\\\"]]]]\\\\y" };

  for (guint pad = 0; pad < 17; pad++)
    for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
      {
        g_autofree char *padding = g_strnfill (pad, 'a');
        g_autoptr(GString) doc = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) root = NULL;

        /* Three levels of brackets, a string full of them, three more. */
        g_string_append_printf (doc, "[[[\"%s%s%s\", [[[1]]]]]]", padding, tails[t], padding);
        root = cq_json_parse_bounded (doc->str, doc->len, 4096, 6, &error);
        g_assert_no_error (error);
        g_assert_nonnull (root);
        g_clear_pointer (&root, json_node_unref);

        root = cq_json_parse_bounded (doc->str, doc->len, 4096, 5, &error);
        g_assert_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_TOO_DEEP);
        g_assert_null (root);
      }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/text/from-html", test_from_html);
  g_test_add_func ("/cq/text/many-ampersands", test_many_ampersands);
  g_test_add_func ("/cq/text/shorten", test_shorten);
  g_test_add_func ("/cq/text/fts-query", test_fts_query);
  g_test_add_func ("/cq/text/opens", test_opens);
  g_test_add_func ("/cq/text/for-terminal", test_for_terminal);
  g_test_add_func ("/cq/text/utf8-validate", test_utf8_validate);
  g_test_add_func ("/cq/text/json-nesting", test_json_nesting);

  return g_test_run ();
}
