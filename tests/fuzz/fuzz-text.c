/* fuzz-text.c: libFuzzer target for the text every output path prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cq-html.h"
#include "cq-json.h"
#include "cq-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_printable (const char *text)
{
  g_assert (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (!((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)));
    }
}

/* Every value of a JSON document taken, as a feed's reader takes them:
 * each string valid UTF-8. */
static void
take_json_value (CqJsonReader *reader)
{
  const char *name;
  gsize length;
  gboolean value;

  switch (cq_json_reader_peek (reader))
    {
    case CQ_JSON_OBJECT:
      cq_json_reader_enter_object (reader);
      while (cq_json_reader_next_member (reader, &name, &length))
        take_json_value (reader);
      break;
    case CQ_JSON_ARRAY:
      cq_json_reader_enter_array (reader);
      while (cq_json_reader_next_element (reader))
        take_json_value (reader);
      break;
    case CQ_JSON_STRING:
      {
        g_autofree char *string = cq_json_reader_dup_string (reader);

        g_assert (string == NULL || g_utf8_validate (string, -1, NULL));
      }
      break;
    case CQ_JSON_NUMBER:
      cq_json_reader_read_number (reader, &length);
      break;
    case CQ_JSON_BOOLEAN:
      cq_json_reader_read_boolean (reader, &value);
      break;
    case CQ_JSON_NULL:
      cq_json_reader_read_null (reader);
      break;
    case CQ_JSON_NONE:
    default:
      break;
    }
}

/* The oracles: what the CLI prints is valid UTF-8 with no terminal
 * control; plain text from HTML is valid UTF-8; a shortened text is a
 * prefix of the original (but for its ellipsis) and within its bound; the
 * streaming sanitiser keeps exactly what the tree sanitiser keeps, markup
 * and text, and neither keeps a script; the JSON reader takes every string
 * as valid UTF-8, and accepts a document taken value by value exactly when
 * it accepts it skipped whole. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{

  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autofree char *terminal = cq_text_for_terminal (input);
  g_autofree char *plain = cq_text_from_html (input);
  g_autofree char *valid = g_utf8_make_valid (input, -1);
  g_autofree char *shortened = cq_text_shorten (valid, 12);

  assert_printable (terminal);
  {
    CqJsonReader taken, skipped;
    gboolean taken_ok, skipped_ok;

    cq_json_reader_init (&taken, valid, strlen (valid), 64);
    take_json_value (&taken);
    taken_ok = cq_json_reader_finish (&taken, NULL);
    cq_json_reader_init (&skipped, valid, strlen (valid), 64);
    cq_json_reader_skip (&skipped);
    skipped_ok = cq_json_reader_finish (&skipped, NULL);
    g_assert (taken_ok == skipped_ok);
    cq_json_reader_clear (&taken);
    cq_json_reader_clear (&skipped);
  }
  {
    CqHtmlReader *reader = cq_html_reader_new ();
    g_autofree char *stream_text = NULL;
    g_autofree char *tree_text = NULL;
    g_autofree char *stream = cq_html_reader_sanitize (reader, valid, "https://news.example.org/a/", &stream_text);
    g_autofree char *tree = cq_html_reader_sanitize_tree (reader, valid, "https://news.example.org/a/", &tree_text);

    g_assert (g_strcmp0 (stream, tree) == 0);
    g_assert (g_strcmp0 (stream_text, tree_text) == 0);
    g_assert (stream == NULL || strstr (stream, "<script") == NULL);
    cq_html_reader_free (reader);
  }
  g_assert (g_utf8_validate (plain, -1, NULL));
  g_assert (g_utf8_strlen (shortened, -1) <= MAX (12, 0) || g_str_equal (shortened, valid));
  if (!g_str_equal (shortened, valid))
    {
      gsize kept = strlen (shortened) - strlen ("…");

      g_assert (g_str_has_suffix (shortened, "…"));
      g_assert (strncmp (shortened, valid, kept) == 0);
    }
  return 0;
}
