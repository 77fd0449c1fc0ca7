/* cq-json.c: JSON with bounds: json-glib trees for small documents, a
 * streaming reader for feeds
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

/* The streaming reader.
 *
 * A feed is one large JSON document read once, front to back, for a few
 * members of each item: json-glib would build a node, a hash table and a
 * list for every object of it and free them all after (half a JSON Feed's
 * parse, more than the statements' sanitising).  The reader walks the text
 * instead, as a cursor: the caller asks what comes next and takes it, or
 * skips it; nothing is built but the strings taken.
 *
 * The grammar is RFC 8259's, with what json-glib also accepts and feeds in
 * the wild write: control characters inside strings, and an unknown escape
 * read as the character escaped (PHP's addslashes() writes \').  An escaped
 * nul or a lone surrogate becomes U+FFFD, so every string taken is valid
 * UTF-8 with no nul.  Nesting deeper than the reader's limit is refused,
 * which bounds skip()'s recursion.  The text is valid UTF-8, as
 * cq_charset_view_utf8() gives it; only its structure is checked here.
 *
 * The first failure is kept: every call after it fails too, so a caller's
 * loops end, and cq_json_reader_finish() says what went wrong, and where.
 */

/**
 * cq_json_reader_init:
 * @utf8: the document, valid UTF-8 (not necessarily nul-terminated)
 * @max_depth: the deepest nesting of arrays and objects accepted
 */
void
cq_json_reader_init (CqJsonReader *self,
                     const char   *utf8,
                     gsize         length,
                     guint         max_depth)
{
  /* An empty document (which fails to read) if the caller gave none. */
  *self = (CqJsonReader) {
    .data = "",
    .max_depth = max_depth,
  };
  g_return_if_fail (utf8 != NULL || length == 0);
  if (utf8 != NULL)
    {
      self->data = utf8;
      self->length = length;
    }
}

void
cq_json_reader_clear (CqJsonReader *self)
{
  g_clear_pointer (&self->name, g_free);
  g_clear_error (&self->error);
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (CqJsonReader *self,
      CqJsonError   code,
      const char   *format,
      ...)
{
  g_autofree char *what = NULL;
  const char *line_start = self->data;
  guint line = 1;
  va_list args;

  if (self->error != NULL)
    return FALSE;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (code == CQ_JSON_ERROR_TOO_DEEP)
    {
      g_set_error_literal (&self->error, CQ_JSON_ERROR, code, what);
      return FALSE;
    }

  for (const char *p = self->data; p < self->data + self->pos; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  /* Translators: the last %s says what was wrong, such as "expected “:”". */
  g_set_error (&self->error, CQ_JSON_ERROR, code, _("The document is not valid JSON: line %u, column %ld: %s."),
               line, g_utf8_pointer_to_offset (line_start, self->data + self->pos) + 1, what);
  return FALSE;
}

static gboolean
syntax_error (CqJsonReader *self,
              const char   *what)
{
  return fail (self, CQ_JSON_ERROR_SYNTAX, "%s", what);
}

static inline void
skip_space (CqJsonReader *self)
{
  while (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      self->pos++;
    }
}

/* The next character after white space, or 0 at the end. */
static inline char
next_char (CqJsonReader *self)
{
  skip_space (self);
  return self->pos < self->length ? self->data[self->pos] : '\0';
}

/**
 * cq_json_reader_peek:
 *
 * Returns: what the next value is, without taking it; %CQ_JSON_NONE
 *   (and the reader failed) where no value can start
 */
CqJsonType
cq_json_reader_peek (CqJsonReader *self)
{
  if (self->error != NULL)
    return CQ_JSON_NONE;

  switch (next_char (self))
    {
    case '{':
      return CQ_JSON_OBJECT;
    case '[':
      return CQ_JSON_ARRAY;
    case '"':
      return CQ_JSON_STRING;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      return CQ_JSON_NUMBER;
    case 't': case 'f':
      return CQ_JSON_BOOLEAN;
    case 'n':
      return CQ_JSON_NULL;
    case '\0':
      syntax_error (self, _("the document ends where a value should be"));
      return CQ_JSON_NONE;
    default:
      syntax_error (self, _("expected a value"));
      return CQ_JSON_NONE;
    }
}

static gboolean
enter (CqJsonReader *self,
       CqJsonType    type)
{
  if (cq_json_reader_peek (self) != type)
    return syntax_error (self, type == CQ_JSON_OBJECT ? _("expected an object") : _("expected an array"));
  if (++self->depth > self->max_depth)
    return fail (self, CQ_JSON_ERROR_TOO_DEEP, _("The document nests more than %u levels deep."), self->max_depth);
  self->pos++;
  self->first = TRUE;
  return TRUE;
}

/* Before the next member or element: its comma, unless it is the first;
 * or the container's end, @closer. */
static gboolean
next_in_container (CqJsonReader *self,
                   char          closer)
{
  char c;

  if (self->error != NULL)
    return FALSE;
  c = next_char (self);
  if (c == closer)
    {
      self->pos++;
      self->depth--;
      /* The container holding this one has had a value at least. */
      self->first = FALSE;
      return FALSE;
    }
  if (!self->first)
    {
      if (c != ',')
        return syntax_error (self, closer == '}' ? _("expected “,” or “}”") : _("expected “,” or “]”"));
      self->pos++;
    }
  self->first = FALSE;
  return TRUE;
}

/**
 * cq_json_reader_enter_object:
 *
 * Takes the start of an object; cq_json_reader_next_member() then walks it.
 *
 * Returns: whether the next value was an object
 */
gboolean
cq_json_reader_enter_object (CqJsonReader *self)
{
  if (!enter (self, CQ_JSON_OBJECT))
    return FALSE;
  self->n_objects++;
  return TRUE;
}

/**
 * cq_json_reader_enter_array:
 *
 * Returns: whether the next value was an array
 */
gboolean
cq_json_reader_enter_array (CqJsonReader *self)
{
  return enter (self, CQ_JSON_ARRAY);
}

/**
 * cq_json_reader_next_element:
 *
 * Returns: %TRUE with the array's next element to take next; %FALSE at the
 *   array's end (taken) or on failure
 */
gboolean
cq_json_reader_next_element (CqJsonReader *self)
{
  return next_in_container (self, ']');
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits at @p (at least four bytes readable), or -1. */
static inline int
read_hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value << 4 | digit;
    }
  return value;
}

/* From the opening quote at pos: where the closing quote is, and whether
 * escapes come before it.  Escapes are checked here, so that decoding
 * cannot fail. */
static gboolean
scan_string (CqJsonReader *self,
             gsize        *end,
             gboolean     *escaped)
{
  gsize i = self->pos + 1;

  *escaped = FALSE;
  for (;;)
    {
      i = skip_string_run (self->data, i, self->length);
      while (i < self->length && self->data[i] != '"' && self->data[i] != '\\')
        i++;
      if (i >= self->length)
        {
          self->pos = self->length;
          return syntax_error (self, _("a string is not closed"));
        }
      if (self->data[i] == '"')
        break;

      *escaped = TRUE;
      if (i + 1 >= self->length)
        {
          self->pos = self->length;
          return syntax_error (self, _("a string is not closed"));
        }
      if (self->data[i + 1] == 'u' && (self->length - i < 6 || read_hex4 (self->data + i + 2) < 0))
        {
          self->pos = i;
          return syntax_error (self, _("“\\u” is not followed by four hex digits"));
        }
      i += self->data[i + 1] == 'u' ? 6 : 2;
    }
  *end = i;
  return TRUE;
}

/* Writes U+FFFD, for what cannot be a character. */
static inline char *
put_replacement (char *out)
{
  memcpy (out, "\xEF\xBF\xBD", 3);
  return out + 3;
}

/* Decodes @length bytes of a checked string's inside into @out, which has
 * room for as many (no escape decodes longer than itself).  Returns the
 * end of what was written. */
static char *
decode_string (const char *in,
               gsize       length,
               char       *out)
{
  const char *end = in + length;

  while (in < end)
    {
      const char *backslash = memchr (in, '\\', end - in);
      int unit;

      if (backslash == NULL)
        backslash = end;
      memcpy (out, in, backslash - in);
      out += backslash - in;
      in = backslash;
      if (in == end)
        break;

      switch (in[1])
        {
        case 'b': *out++ = '\b'; in += 2; continue;
        case 'f': *out++ = '\f'; in += 2; continue;
        case 'n': *out++ = '\n'; in += 2; continue;
        case 'r': *out++ = '\r'; in += 2; continue;
        case 't': *out++ = '\t'; in += 2; continue;
        case 'u': break;
        default:
          /* '"', '\\', '/', and the unknown escapes: the character itself
           * (the rest of a multibyte one is copied on the next round). */
          *out++ = in[1];
          in += 2;
          continue;
        }

      unit = read_hex4 (in + 2);
      in += 6;
      if (unit >= 0xD800 && unit <= 0xDBFF && end - in >= 6 && in[0] == '\\' && in[1] == 'u')
        {
          int low = read_hex4 (in + 2);

          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              out += g_unichar_to_utf8 (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
              in += 6;
              continue;
            }
        }
      if (unit == 0 || (unit >= 0xD800 && unit <= 0xDFFF))
        out = put_replacement (out);
      else
        out += g_unichar_to_utf8 (unit, out);
    }
  return out;
}

/* Takes the string at pos (its opening quote checked) as a new string. */
static char *
take_string (CqJsonReader *self)
{
  const char *start = self->data + self->pos + 1;
  gboolean escaped;
  gsize end;
  char *result;

  if (!scan_string (self, &end, &escaped))
    return NULL;

  if (!escaped)
    result = g_strndup (start, self->data + end - start);
  else
    {
      result = g_malloc (self->data + end - start + 1);
      *decode_string (start, self->data + end - start, result) = '\0';
    }
  self->pos = end + 1;
  return result;
}

/**
 * cq_json_reader_next_member:
 * @name: (out): the member's name, valid until the reader's next call
 * @name_length: (out): its length in bytes (it may hold a nul)
 *
 * Returns: %TRUE with the member's value to take next; %FALSE at the
 *   object's end (taken) or on failure
 */
gboolean
cq_json_reader_next_member (CqJsonReader  *self,
                            const char   **name,
                            gsize         *name_length)
{
  gboolean escaped;
  gsize end;

  *name = NULL;
  *name_length = 0;
  if (!next_in_container (self, '}'))
    return FALSE;
  if (next_char (self) != '"')
    return syntax_error (self, _("expected a member’s name in double quotes"));
  if (!scan_string (self, &end, &escaped))
    return FALSE;

  if (!escaped)
    {
      *name = self->data + self->pos + 1;
      *name_length = end - self->pos - 1;
    }
  else
    {
      g_free (self->name);
      self->name = g_malloc (end - self->pos);
      *name = self->name;
      *name_length = decode_string (self->data + self->pos + 1, end - self->pos - 1, self->name) - self->name;
    }
  self->pos = end + 1;

  if (next_char (self) != ':')
    return syntax_error (self, _("expected “:” after a member’s name"));
  self->pos++;
  return TRUE;
}

/**
 * cq_json_reader_dup_string:
 *
 * Takes the next value.
 *
 * Returns: (transfer full) (nullable): it, decoded, if it is a string;
 *   %NULL for a value of another type (skipped) or on failure
 */
char *
cq_json_reader_dup_string (CqJsonReader *self)
{
  CqJsonType type = cq_json_reader_peek (self);

  if (type == CQ_JSON_STRING)
    return take_string (self);
  if (type != CQ_JSON_NONE)
    cq_json_reader_skip (self);
  return NULL;
}

static inline gboolean
is_digit (const char *data,
          gsize       pos,
          gsize       length)
{
  return pos < length && g_ascii_isdigit (data[pos]);
}

/**
 * cq_json_reader_read_number:
 * @length: (out): the number's length
 *
 * Takes the next value, which cq_json_reader_peek() said is a number.
 *
 * Returns: (transfer none): the number as written, not nul-terminated;
 *   %NULL on failure
 */
const char *
cq_json_reader_read_number (CqJsonReader *self,
                            gsize        *length)
{
  const char *data = self->data;
  gsize start, i;

  *length = 0;
  if (cq_json_reader_peek (self) != CQ_JSON_NUMBER)
    {
      if (self->error == NULL)
        syntax_error (self, _("expected a number"));
      return NULL;
    }

  start = i = self->pos;
  if (data[i] == '-')
    i++;
  if (!is_digit (data, i, self->length))
    goto bad;
  if (data[i] == '0')
    i++;
  else
    while (is_digit (data, i, self->length))
      i++;
  if (i < self->length && data[i] == '.')
    {
      if (!is_digit (data, ++i, self->length))
        goto bad;
      while (is_digit (data, i, self->length))
        i++;
    }
  if (i < self->length && (data[i] == 'e' || data[i] == 'E'))
    {
      i++;
      if (i < self->length && (data[i] == '+' || data[i] == '-'))
        i++;
      if (!is_digit (data, i, self->length))
        goto bad;
      while (is_digit (data, i, self->length))
        i++;
    }

  self->pos = i;
  *length = i - start;
  return data + start;

bad:
  self->pos = i;
  syntax_error (self, _("a number is cut short"));
  return NULL;
}

static gboolean
take_literal (CqJsonReader *self,
              const char   *literal)
{
  gsize length = strlen (literal);

  if (self->length - self->pos < length || memcmp (self->data + self->pos, literal, length) != 0)
    return syntax_error (self, _("expected a value"));
  self->pos += length;
  return TRUE;
}

/**
 * cq_json_reader_read_boolean:
 *
 * Takes the next value, which cq_json_reader_peek() said is a boolean.
 *
 * Returns: whether it was one
 */
gboolean
cq_json_reader_read_boolean (CqJsonReader *self,
                             gboolean     *value)
{
  *value = FALSE;
  if (cq_json_reader_peek (self) != CQ_JSON_BOOLEAN)
    return syntax_error (self, _("expected “true” or “false”"));
  *value = self->data[self->pos] == 't';
  return take_literal (self, *value ? "true" : "false");
}

/**
 * cq_json_reader_read_null:
 *
 * Takes the next value, which cq_json_reader_peek() said is null.
 *
 * Returns: whether it was
 */
gboolean
cq_json_reader_read_null (CqJsonReader *self)
{
  if (cq_json_reader_peek (self) != CQ_JSON_NULL)
    return syntax_error (self, _("expected “null”"));
  return take_literal (self, "null");
}

/**
 * cq_json_reader_skip:
 *
 * Takes the next value, whatever it is, checking it as it goes: a document
 * with a broken value anywhere fails.  Its recursion is as deep as the
 * nesting, which the reader bounds.
 *
 * Returns: whether the value was well-formed
 */
gboolean
cq_json_reader_skip (CqJsonReader *self)
{
  const char *name;
  gsize length;
  gboolean escaped, value;

  switch (cq_json_reader_peek (self))
    {
    case CQ_JSON_OBJECT:
      if (cq_json_reader_enter_object (self))
        while (cq_json_reader_next_member (self, &name, &length))
          cq_json_reader_skip (self);
      break;
    case CQ_JSON_ARRAY:
      if (cq_json_reader_enter_array (self))
        while (cq_json_reader_next_element (self))
          cq_json_reader_skip (self);
      break;
    case CQ_JSON_STRING:
      if (scan_string (self, &length, &escaped))
        self->pos = length + 1;
      break;
    case CQ_JSON_NUMBER:
      cq_json_reader_read_number (self, &length);
      break;
    case CQ_JSON_BOOLEAN:
      cq_json_reader_read_boolean (self, &value);
      break;
    case CQ_JSON_NULL:
      cq_json_reader_read_null (self);
      break;
    case CQ_JSON_NONE:
    default:
      break;
    }
  return self->error == NULL;
}

/**
 * cq_json_reader_get_mark:
 *
 * Keeps where the next value starts, for cq_json_reader_go_to_mark().
 */
void
cq_json_reader_get_mark (CqJsonReader *self,
                         CqJsonMark   *mark)
{
  skip_space (self);
  mark->pos = self->pos;
  mark->depth = self->depth;
}

/**
 * cq_json_reader_go_to_mark:
 *
 * Goes back (or on) to a value a mark kept, to read it again: the
 * document's structure around it is the caller's to know.
 */
void
cq_json_reader_go_to_mark (CqJsonReader     *self,
                           const CqJsonMark *mark)
{
  g_return_if_fail (mark->pos <= self->length);

  self->pos = mark->pos;
  self->depth = mark->depth;
  self->first = FALSE;
}

/**
 * cq_json_reader_get_n_objects:
 *
 * Returns: how many objects the reader entered, skipped ones included
 */
gsize
cq_json_reader_get_n_objects (CqJsonReader *self)
{
  return self->n_objects;
}

/**
 * cq_json_reader_finish:
 *
 * Checks that nothing but white space follows the value read, and says
 * what failed, if anything did.
 *
 * Returns: whether the document was read whole and well-formed
 */
gboolean
cq_json_reader_finish (CqJsonReader  *self,
                       GError       **error)
{
  if (self->error == NULL)
    {
      skip_space (self);
      if (self->pos < self->length)
        syntax_error (self, _("more follows the document’s end"));
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}
