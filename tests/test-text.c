/* test-text.c: plain text from HTML, short names, search queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cq-json.h"
#include "cq-text.h"

/* Each HTML fragment's plain text, as cq_text_from_html() gives it. */
typedef struct {
  const char *html;
  const char *text;
} PlainCase;

static void
assert_plain_texts (const PlainCase *cases,
                    guint            n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = cq_text_from_html (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_from_html (void)
{
  /* An inline element's tags part no words: punctuation after a link or a
   * bold word stays against it; a block's edge, a line break or an image
   * still parts them. */
  static const PlainCase inline_cases[] = {
    { "<p>Read <a href=\"https://x.example/\">the statement</a>.</p>", "Read the statement." },
    { "<b>Moscow</b>, <I>London</I>; <span class=\"x\">Paris</span>'s", "Moscow, London; Paris's" },
    { "H<sub>2</sub>O at 20<sup>o</sup>C", "H2O at 20oC" },
    { "<strong>Update</strong>: talks<br>resume", "Update: talks resume" },
    { "one</p><p>two</li><li>three<img src=\"x\">four", "one two three four" },
    { "<body>Words<section>More</section></body>", "Words More" },
    { "<bold>not inline by name</bold>x", "not inline by name x" },
    /* A name ends at white space, '>' or '/', in any case; a longer
     * name, or one run on with another character, is another tag. */
    { "<ACRONYM title=\"x\">UN</ACRONYM>'s<b/>s<a\nhref=\"y\">z</a>", "UN'ssz" },
    { "x<acronyms>y</acronyms>z<strikethrough>w", "x y z w" },
    { "x<b-x>y<b1>z<bdox>w", "x y z w" },
  };
  /* Only whole, known entities are decoded; a lone '&' stays itself. */
  static const PlainCase entity_cases[] = {
    { "<p>Talks &amp; <b>visits</b></p><script>x()</script><p>Moscow&nbsp;&mdash; London</p>",
      "Talks & visits Moscow — London" },
    { "Fish & chips &ampersand &#x41; &#0; &bogus;", "Fish & chips &ampersand A &#0; &bogus;" },
  };
  /* White space of any kind, written or decoded, and the tags that part
   * words, collapse to one space; none is left at either end.  A vertical
   * tab is no space to GLib, and stays; bytes that are not UTF-8 become
   * U+FFFD. */
  static const PlainCase space_cases[] = {
    { "  <p> a \t\n\r\f b </p>  ", "a b" },
    { "&nbsp;x&nbsp;&nbsp;y&#32;&#10;z&nbsp;", "x y z" },
    { "a\xc2\xa0" "b\xe2\x80\x83\xe3\x80\x80" "c", "a b c" },
    { "<br><p></p>x<br>", "x" },
    { "a\vb", "a\vb" },
    { "caf\xe9 <b>x</b>\xff", "caf\xef\xbf\xbd x\xef\xbf\xbd" },
    { "Зелёные <i>ёлки</i>&hellip;", "Зелёные ёлки…" },
    { "", "" },
  };

  assert_plain_texts (inline_cases, G_N_ELEMENTS (inline_cases));
  assert_plain_texts (entity_cases, G_N_ELEMENTS (entity_cases));
  assert_plain_texts (space_cases, G_N_ELEMENTS (space_cases));
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

/* The streaming reader, against json-glib: what it reads of a document is
 * the tree json-glib builds of it, for documents of every shape. */

static JsonNode *
node_from_reader (CqJsonReader *reader)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  const char *text;
  gsize length;
  gboolean value;

  switch (cq_json_reader_peek (reader))
    {
    case CQ_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        const char *name;

        cq_json_reader_enter_object (reader);
        while (cq_json_reader_next_member (reader, &name, &length))
          {
            g_autofree char *key = g_strndup (name, length);

            json_object_set_member (object, key, node_from_reader (reader));
          }
        json_node_init_object (node, object);
        json_object_unref (object);
      }
      break;
    case CQ_JSON_ARRAY:
      {
        JsonArray *array = json_array_new ();

        cq_json_reader_enter_array (reader);
        while (cq_json_reader_next_element (reader))
          json_array_add_element (array, node_from_reader (reader));
        json_node_init_array (node, array);
        json_array_unref (array);
      }
      break;
    case CQ_JSON_STRING:
      {
        g_autofree char *string = cq_json_reader_dup_string (reader);

        g_assert_true (string == NULL || g_utf8_validate (string, -1, NULL));
        json_node_set_string (node, string);
      }
      break;
    case CQ_JSON_NUMBER:
      {
        g_autofree char *number = NULL;

        text = cq_json_reader_read_number (reader, &length);
        number = g_strndup (text != NULL ? text : "0", text != NULL ? length : 1);
        if (strpbrk (number, ".eE") == NULL)
          json_node_set_int (node, g_ascii_strtoll (number, NULL, 10));
        else
          json_node_set_double (node, g_ascii_strtod (number, NULL));
      }
      break;
    case CQ_JSON_BOOLEAN:
      cq_json_reader_read_boolean (reader, &value);
      json_node_set_boolean (node, value);
      break;
    case CQ_JSON_NULL:
      cq_json_reader_read_null (reader);
      json_node_init_null (node);
      break;
    case CQ_JSON_NONE:
    default:
      break;
    }
  return node;
}

static void
append_space (GString *doc,
              GRand   *rand)
{
  static const char * const spaces[] = { "", "", "", " ", "\n", "\r\n\t ", "  " };

  g_string_append (doc, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
}

static void
append_random_string (GString *doc,
                      GRand   *rand)
{
  static const char * const pieces[] = {
    "a", "Statement", " ", "é", "日本", "😀", "\t", "\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t",
    "\\u00e9", "\\u0041", "\\u65E5", "\\ud83d\\ude00", "\\uD834\\uDD1E", "<p>", "</p>", "&amp;", "{", "}", "[", "]",
    ",", ":", "'", "0123456789abcdef",
  };
  guint n = g_rand_int_range (rand, 0, 12);

  g_string_append_c (doc, '"');
  /* Long runs too, so that the eight-byte skip meets every alignment. */
  if (g_rand_int_range (rand, 0, 4) == 0)
    for (guint i = g_rand_int_range (rand, 0, 40); i > 0; i--)
      g_string_append_c (doc, 'x');
  for (guint i = 0; i < n; i++)
    g_string_append (doc, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_append_c (doc, '"');
}

static void
append_random_value (GString *doc,
                     GRand   *rand,
                     guint    depth)
{
  static const char * const numbers[] = {
    "0", "-0", "7", "-12", "9007199254740993", "-9223372036854775808", "1.5", "-0.25", "3e2", "12.5E-1", "2E+3",
  };
  static const char * const names[] = { "id", "title", "items", "a", "", "ti\\u0074le", "name" };
  guint kind = g_rand_int_range (rand, 0, depth < 5 ? 8 : 5);

  append_space (doc, rand);
  switch (kind)
    {
    case 0:
    case 1:
      append_random_string (doc, rand);
      break;
    case 2:
      g_string_append (doc, numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
      break;
    case 3:
      g_string_append (doc, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 4:
      g_string_append (doc, "null");
      break;
    case 5:
    case 6:
      g_string_append_c (doc, '{');
      for (guint i = 0, n = g_rand_int_range (rand, 0, 5); i < n; i++)
        {
          if (i > 0)
            g_string_append_c (doc, ',');
          append_space (doc, rand);
          /* Repeated names too: the last one counts, in both. */
          g_string_append_printf (doc, "\"%s\"", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          append_space (doc, rand);
          g_string_append_c (doc, ':');
          append_random_value (doc, rand, depth + 1);
        }
      append_space (doc, rand);
      g_string_append_c (doc, '}');
      break;
    default:
      g_string_append_c (doc, '[');
      for (guint i = 0, n = g_rand_int_range (rand, 0, 5); i < n; i++)
        {
          if (i > 0)
            g_string_append_c (doc, ',');
          append_random_value (doc, rand, depth + 1);
        }
      append_space (doc, rand);
      g_string_append_c (doc, ']');
      break;
    }
  append_space (doc, rand);
}

/* @doc with one ASCII byte changed, dropped or added: what the reader
 * accepts, json-glib accepts too and reads the same (it accepts more:
 * comments, single quotes, hex numbers), but for the \\u escapes it
 * cannot write in a C string (an escaped nul, a lone surrogate). */
static void
assert_mutant_read_as_json_glib_reads (GString *doc,
                                       GRand   *rand)
{
  static const char bytes[] = "{}[],:\"\\ 0-1.eEtrufalsn";
  g_autoptr(GString) mutant = g_string_new_len (doc->str, doc->len);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(GError) error = NULL;
  gsize at = g_rand_int_range (rand, 0, doc->len);
  char byte = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
  g_autofree char *expected = NULL;
  g_autofree char *read = NULL;
  CqJsonReader reader;
  gboolean accepted;

  if ((guchar) mutant->str[at] >= 0x80)
    return;
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      mutant->str[at] = byte;
      break;
    case 1:
      g_string_erase (mutant, at, 1);
      break;
    default:
      g_string_insert_c (mutant, at, byte);
      break;
    }

  cq_json_reader_init (&reader, mutant->str, mutant->len, 64);
  ours = node_from_reader (&reader);
  accepted = cq_json_reader_finish (&reader, NULL);
  cq_json_reader_clear (&reader);
  if (!accepted)
    return;

  if (!json_parser_load_from_data (parser, mutant->str, mutant->len, &error))
    {
      /* json-glib refuses a lone surrogate in some places (and writes
       * invalid UTF-8 for it in others); the reader reads U+FFFD. */
      if (strstr (mutant->str, "\\u") != NULL &&
          (strstr (error->message, "surrogate") != NULL || strstr (error->message, "string constant") != NULL))
        return;
      g_error ("The reader accepts what json-glib refuses (%s): %s", error->message, mutant->str);
    }
  expected = json_to_string (json_parser_get_root (parser), FALSE);
  read = json_to_string (ours, FALSE);
  /* json-glib reads "\\1" as C does, an octal escape; the reader as the
   * digit, like any other escape JSON does not have. */
  if (g_regex_match_simple ("\\\\[0-7]", mutant->str, 0, 0))
    return;
  /* Past 64 bits, json-glib's integers wrap; the reader gives the digits. */
  if (g_regex_match_simple ("[0-9]{19}", mutant->str, 0, 0))
    return;
  if (g_strcmp0 (expected, read) != 0 && strstr (mutant->str, "\\u") == NULL)
    g_error ("%s\n  json-glib: %s\n  ours: %s", mutant->str, expected, read);
}

static void
test_json_reader_matches_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) doc = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) ours = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *read = NULL;
      CqJsonReader reader;

      append_random_value (doc, rand, 0);
      json_parser_load_from_data (parser, doc->str, doc->len, &error);
      g_assert_no_error (error);

      cq_json_reader_init (&reader, doc->str, doc->len, 64);
      ours = node_from_reader (&reader);
      if (!cq_json_reader_finish (&reader, &error))
        g_error ("%s: %s", doc->str, error->message);
      cq_json_reader_clear (&reader);

      expected = json_to_string (json_parser_get_root (parser), FALSE);
      read = json_to_string (ours, FALSE);
      if (g_strcmp0 (expected, read) != 0)
        g_error ("%s\n  json-glib: %s\n  ours: %s", doc->str, expected, read);

      /* Skipped whole, it is the same document. */
      cq_json_reader_init (&reader, doc->str, doc->len, 64);
      g_assert_true (cq_json_reader_skip (&reader));
      g_assert_true (cq_json_reader_finish (&reader, NULL));
      cq_json_reader_clear (&reader);

      for (guint i = 0; i < 4; i++)
        assert_mutant_read_as_json_glib_reads (doc, rand);
    }
}

/* Whatever fails, fails in words that say where, and every call after a
 * failure fails too. */
static void
test_json_reader_refuses (void)
{
  static const struct {
    const char *doc;
    const char *where;
  } broken[] = {
    { "{\"a\": 1,}", "line 1, column 9" },
    { "[1, 2, ]", "line 1, column 8" },
    { "{'a': 1}", "line 1, column 2" },
    { "{\"a\": 01}", "line 1, column 8" },
    { "{\"a\": .5}", "line 1, column 7" },
    { "{\"a\": +1}", "line 1, column 7" },
    { "{\"a\": 0x10}", "line 1, column 8" },
    { "{\"a\": 1.}", "line 1, column 9" },
    { "{\"a\": 1e}", "line 1, column 9" },
    { "{\"a\": -}", "line 1, column 8" },
    { "{\"a\": tru}", "line 1, column 7" },
    { "{\"a\": True}", "line 1, column 7" },
    { "{\"a\": NaN}", "line 1, column 7" },
    { "{\"a\": 1} {}", "line 1, column 10" },
    { "{\"a\" 1}", "line 1, column 6" },
    { "[1 2]", "line 1, column 4" },
    { "{\"a\": [}", "line 1, column 8" },
    { "{\"a\": 1]", "line 1, column 8" },
    { "{/* note */ \"a\": 1}", "line 1, column 2" },
    { "{\"a\": \"\\u12\"}", "line 1, column 8" },
    { "{\"a\": \"no end", "line 1, column 14" },
    { "{\"a\": \"ends on a backslash\\", "line 1, column 28" },
    { "{\n  \"é\": 1,\n}", "line 3, column 1" },
    { "{\n  \"é\": [1, 2\n  \"b\"]}", "line 3, column 3" },
    { "", "line 1, column 1" },
    { "   ", "line 1, column 4" },
    { "[", "line 1, column 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *name;
      gsize length;
      CqJsonReader reader;

      cq_json_reader_init (&reader, broken[i].doc, strlen (broken[i].doc), 64);
      if (!cq_json_reader_skip (&reader))
        {
          g_assert_false (cq_json_reader_skip (&reader));
          g_assert_false (cq_json_reader_next_member (&reader, &name, &length));
          g_assert_false (cq_json_reader_next_element (&reader));
          g_assert_null (cq_json_reader_dup_string (&reader));
          g_assert_cmpint (cq_json_reader_peek (&reader), ==, CQ_JSON_NONE);
        }
      g_assert_false (cq_json_reader_finish (&reader, &error));
      g_assert_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_SYNTAX);
      if (strstr (error->message, "not valid JSON") == NULL || strstr (error->message, broken[i].where) == NULL)
        g_error ("%s: “%s”, not at %s", broken[i].doc, error->message, broken[i].where);
      cq_json_reader_clear (&reader);
    }
}

/* What json-glib accepts and feeds write, read; what cannot be a
 * character in a C string, U+FFFD. */
static void
test_json_reader_liberal (void)
{
  static const struct {
    const char *doc;
    const char *read;
  } strings[] = {
    { "\"line\nbreak\ttab\"", "line\nbreak\ttab" },
    { "\"it\\'s\"", "it's" },
    { "\"\\é\"", "é" },
    { "\"a\\u0000b\"", "a\xEF\xBF\xBD" "b" },
    { "\"\\ud83d\"", "\xEF\xBF\xBD" },
    { "\"\\ude00x\"", "\xEF\xBF\xBDx" },
    { "\"\\ud83d\\u0041\"", "\xEF\xBF\xBD" "A" },
    { "\"\\ud83d\\ud83d\\ude00\"", "\xEF\xBF\xBD\xF0\x9F\x98\x80" },
    { "\"\\u00E9\\u00e9\"", "éé" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *read = NULL;
      CqJsonReader reader;

      cq_json_reader_init (&reader, strings[i].doc, strlen (strings[i].doc), 64);
      read = cq_json_reader_dup_string (&reader);
      g_assert_true (cq_json_reader_finish (&reader, NULL));
      g_assert_cmpstr (read, ==, strings[i].read);
      g_assert_true (g_utf8_validate (read, -1, NULL));
      cq_json_reader_clear (&reader);
    }
}

/* Nesting past the limit is refused, however deep the document goes, with
 * no recursion past the limit; at the limit it is read. */
static void
test_json_reader_depth (void)
{
  for (guint depth = 63; depth <= 65; depth++)
    {
      g_autoptr(GString) doc = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      CqJsonReader reader;

      for (guint i = 0; i < depth; i++)
        g_string_append (doc, i % 2 ? "{\"a\":" : "[");
      g_string_append_c (doc, '1');
      for (guint i = depth; i > 0; i--)
        g_string_append (doc, (i - 1) % 2 ? "}" : "]");
      cq_json_reader_init (&reader, doc->str, doc->len, 64);
      cq_json_reader_skip (&reader);
      if (depth <= 64)
        g_assert_true (cq_json_reader_finish (&reader, &error));
      else
        {
          g_assert_false (cq_json_reader_finish (&reader, &error));
          g_assert_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_TOO_DEEP);
        }
      g_assert_no_error (depth <= 64 ? error : NULL);
      cq_json_reader_clear (&reader);
    }

  {
    g_autofree char *deep = g_strnfill (8 * 1024 * 1024, '[');
    g_autoptr(GError) error = NULL;
    CqJsonReader reader;

    cq_json_reader_init (&reader, deep, strlen (deep), 64);
    g_assert_false (cq_json_reader_skip (&reader));
    g_assert_false (cq_json_reader_finish (&reader, &error));
    g_assert_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_TOO_DEEP);
    g_assert_nonnull (strstr (error->message, "64 levels"));
    cq_json_reader_clear (&reader);
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
  g_test_add_func ("/cq/text/json-reader/matches-json-glib", test_json_reader_matches_json_glib);
  g_test_add_func ("/cq/text/json-reader/refuses", test_json_reader_refuses);
  g_test_add_func ("/cq/text/json-reader/liberal", test_json_reader_liberal);
  g_test_add_func ("/cq/text/json-reader/depth", test_json_reader_depth);

  return g_test_run ();
}
