/* test-text.c: plain text from HTML, short names, search queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

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
  g_test_add_func ("/cq/text/for-terminal", test_for_terminal);

  return g_test_run ();
}
