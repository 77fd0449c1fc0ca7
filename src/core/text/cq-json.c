/* cq-json.c: JSON parsing with bounds checked before json-glib sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-json.h"
#include "cq-text.h"

G_DEFINE_QUARK (cq-json-error-quark, cq_json_error)

/* Inside a string only '"' and '\\' matter, and a feed's strings are most
 * of it (the statements' bodies): eight bytes are passed at a time while
 * none of them is either.  Returns where to go on byte by byte. */
static inline gsize
skip_string_run (const char *data,
                 gsize       i,
                 gsize       length)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  while (length - i >= 8)
    {
      guint64 word, quotes, backslashes;

      memcpy (&word, data + i, 8);
      quotes = word ^ (ones * '"');          /* a '"' byte is now zero */
      backslashes = word ^ (ones * '\\');
      /* Whether any byte is zero, exactly. */
      if ((((quotes - ones) & ~quotes) | ((backslashes - ones) & ~backslashes)) & highs)
        break;
      i += 8;
    }
  return i;
}

/* json-glib's parser recurses once per nesting level, so a hostile document
 * of a few megabytes of "[" would exhaust the stack.  Counting brackets
 * outside strings first costs one linear pass and makes that impossible.
 */
static guint
max_nesting (const char *data,
             gsize       length,
             guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c;

      if (in_string)
        {
          i = skip_string_run (data, i, length);
          if (i == length)
            break;
          c = data[i];
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      c = data[i];
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > limit)
            return depth;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return depth > limit ? depth : 0;
}

/**
 * cq_json_parse_bounded:
 * @data: the document
 * @length: its length in bytes
 * @max_size: the largest document accepted, in bytes
 * @max_depth: the deepest nesting of arrays and objects accepted
 *
 * Returns: (transfer full): the root node, or %NULL with @error set in words
 */
JsonNode *
cq_json_parse_bounded (const char  *data,
                       gsize        length,
                       gsize        max_size,
                       guint        max_depth,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > max_size)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_TOO_LARGE,
                   _("The document is too large (%s; the limit is %s)."), size, limit);
      return NULL;
    }

  if (!cq_text_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, CQ_JSON_ERROR, CQ_JSON_ERROR_NOT_UTF8,
                           _("The document is not valid UTF-8 text."));
      return NULL;
    }

  if (max_nesting (data, length, max_depth) > 0)
    {
      g_set_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_TOO_DEEP,
                   _("The document nests more than %u levels deep."), max_depth);
      return NULL;
    }

  /* Not json_parser_new_immutable (): sealing hashes every object, the
   * statements' bodies with them (4 % of a JSON Feed's parse), for trees
   * that are read on one thread and never changed. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, CQ_JSON_ERROR, CQ_JSON_ERROR_SYNTAX,
                   _("The document is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CQ_JSON_ERROR, CQ_JSON_ERROR_SYNTAX,
                           _("The document is empty."));
      return NULL;
    }

  return json_node_ref (root);
}
