/* cq-text.c: small text helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-text"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cq-text.h"

static const struct {
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "copy", 0x00A9 }, { "shy", 0x00AD },
};

/* Decodes the entity at @p (just after '&') into @out, as UTF-8 with
 * its length in @out_length; returns the bytes consumed, or 0. */
static gsize
decode_entity (const char *p,
               char        out[6],
               gsize      *out_length)
{
  gunichar c = 0;
  gsize length = 0;

  /* An entity is short: look no further for its ';' than it can be, so a
   * text of many '&' and no ';' costs its length, not its square. */
  while (length <= 10 && p[length] != '\0' && p[length] != ';')
    length++;
  if (length == 0 || length > 10 || p[length] != ';')
    return 0;

  if (p[0] == '#')
    {
      g_autofree char *digits = g_strndup (p + 1, length - 1);
      char *end = NULL;
      guint64 value;

      if (digits[0] == 'x' || digits[0] == 'X')
        value = g_ascii_strtoull (digits + 1, &end, 16);
      else
        value = g_ascii_strtoull (digits, &end, 10);
      if (end == NULL || *end != '\0' || value == 0 || value > 0x10FFFF)
        return 0;
      c = (gunichar) value;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        if (strlen (entities[i].name) == length && strncmp (p, entities[i].name, length) == 0)
          c = entities[i].c;
    }

  if (c == 0 || !g_unichar_validate (c))
    return 0;

  *out_length = g_unichar_to_utf8 (c == 0x00A0 ? ' ' : c, out);
  return length + 1;
}

/* Whether a tag's name ends at @c. */
static inline gboolean
ends_tag_name (char c)
{
  return c == '\0' || c == '>' || c == '/' || g_ascii_isspace (c);
}

static gboolean
tag_is (const char *tag,
        const char *name)
{
  gsize n = strlen (name);

  return g_ascii_strncasecmp (tag, name, n) == 0 && ends_tag_name (tag[n]);
}

static const char *
find_caseless (const char *haystack,
               const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p;
  return NULL;
}

static int
compare_names (const void *key,
               const void *member)
{
  return strcmp (key, *(const char * const *) member);
}

/* Phrasing elements: words on either side of their tags belong together
 * ("<b>Moscow</b>, London" is "Moscow, London", not "Moscow , London").
 * Every tag of every body is looked up here, on a sync's way to the search
 * index: by its name, read once, in the sorted table (one strcasecmp per
 * name in it was a twelfth of a first sync's work). */
static gboolean
is_inline_tag (const char *name)
{
  static const char * const inline_tags[] = {
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "var",
  };
  char lower[sizeof "acronym"];
  gsize n = 0;

  for (; g_ascii_isalnum (name[n]); n++)
    {
      if (n == sizeof lower - 1)
        return FALSE;
      lower[n] = g_ascii_tolower (name[n]);
    }
  if (n == 0 || !ends_tag_name (name[n]))
    return FALSE;
  lower[n] = '\0';
  return bsearch (lower, inline_tags, G_N_ELEMENTS (inline_tags), sizeof inline_tags[0], compare_names) != NULL;
}

/* Where any other tag is (a block's edge, a line break, an image), words
 * on either side must not run together: @parts says so. */
static const char *
skip_tag (const char *p,
          gboolean   *parts)
{
  const char *start = p + 1;
  const char *name = *start == '/' ? start + 1 : start;
  const char *end = strchr (p, '>');

  if (end == NULL)
    return p + strlen (p);

  if (*start != '/' && (tag_is (name, "script") || tag_is (name, "style")))
    {
      const char *close = find_caseless (end, tag_is (name, "script") ? "</script" : "</style");

      if (close == NULL)
        return p + strlen (p);
      end = strchr (close, '>');
      if (end == NULL)
        return p + strlen (p);
    }

  *parts = *start == '!' || !is_inline_tag (name);
  return end + 1;
}

/**
 * cq_text_shorten:
 * @text: (nullable): valid UTF-8
 * @max_chars: the most characters the result may have, ellipsis included
 *
 * Cuts @text at the last word boundary that fits, and ends it with "…";
 * a text with no space in its last third is cut within its last word.
 *
 * Returns: (transfer full) (nullable): @text, or its shortened copy
 */
char *
cq_text_shorten (const char *text,
                 gsize       max_chars)
{
  g_autofree char *kept = NULL;
  const char *end;
  const char *cut;

  g_return_val_if_fail (max_chars > 1, NULL);

  if (text == NULL)
    return NULL;
  /* No more bytes than characters allowed: short enough, uncounted. */
  if (strnlen (text, max_chars + 1) <= max_chars)
    return g_strdup (text);
  /* g_utf8_offset_to_pointer() would walk past the end of a short text. */
  end = text;
  for (gsize n = 0; n < max_chars; n++)
    {
      if (*end == '\0')
        return g_strdup (text);
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return g_strdup (text);

  /* Room for the ellipsis, then back to a space if one is near. */
  end = g_utf8_prev_char (end);
  cut = end;
  /* A word ending right where the ellipsis goes is kept whole. */
  for (gsize n = 0; n < max_chars / 3 && cut > text && !g_unichar_isspace (g_utf8_get_char (end)); n++)
    {
      const char *before = g_utf8_prev_char (cut);

      if (g_unichar_isspace (g_utf8_get_char (before)))
        break;
      cut = before;
    }
  if (cut == text || (!g_unichar_isspace (g_utf8_get_char (end)) &&
                      !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (cut)))))
    cut = end;
  while (cut > text && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (cut))))
    cut = g_utf8_prev_char (cut);
  kept = g_strndup (text, cut - text);
  return g_strconcat (kept, "…", NULL);
}

/* g_unichar_isspace() of an ASCII character: space, tab, line feed,
 * carriage return, form feed (not vertical tab). */
static inline gboolean
is_unichar_space_ascii (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Plain text as it is written out: white space collapses as it comes
 * (no space first, one for a run), into a buffer that need not grow, as
 * nothing written is longer than what it stands for (a tag, an entity, a
 * run of spaces). */
typedef struct {
  char     *str;
  gsize     len;
  gsize     size;
  gboolean  space;   /* nothing written yet, or a space last */
} PlainText;

static inline void
plain_text_reserve (PlainText *text,
                    gsize      n)
{
  if (G_UNLIKELY (text->len + n >= text->size))
    {
      text->size = MAX (text->size * 2, text->len + n + 1);
      text->str = g_realloc (text->str, text->size);
    }
}

static inline void
plain_text_space (PlainText *text)
{
  if (!text->space)
    {
      plain_text_reserve (text, 1);
      text->str[text->len++] = ' ';
      text->space = TRUE;
    }
}

/* @n bytes of valid UTF-8, whole characters: white space by
 * g_unichar_isspace(), the rest as it is. */
static void
plain_text_append (PlainText  *text,
                   const char *p,
                   gsize       n)
{
  const char *end = p + n;
  char *out;

  plain_text_reserve (text, n);
  out = text->str + text->len;
  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (is_unichar_space_ascii (*p))
            {
              if (!text->space)
                *out++ = ' ';
              text->space = TRUE;
            }
          else
            {
              *out++ = *p;
              text->space = FALSE;
            }
          p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          if (g_unichar_isspace (g_utf8_get_char (p)))
            {
              if (!text->space)
                *out++ = ' ';
              text->space = TRUE;
            }
          else
            {
              memcpy (out, p, next - p);
              out += next - p;
              text->space = FALSE;
            }
          p = next;
        }
    }
  text->len = out - text->str;
}

/**
 * cq_text_from_html:
 * @html: (nullable): a fragment of HTML
 *
 * Good enough for search and for a terminal: tags and scripts go, entities
 * are decoded once, white space collapses to single spaces.
 *
 * Returns: (transfer full): plain text, valid UTF-8
 */
char *
cq_text_from_html (const char *html)
{
  g_autofree char *repaired = NULL;
  PlainText text = { NULL, 0, 0, TRUE };
  gsize length;

  if (html == NULL)
    return g_strdup ("");

  /* Every body a sync indexes was made valid by its parse already. */
  length = strlen (html);
  if (!cq_text_utf8_validate (html, length, NULL))
    {
      html = repaired = cq_text_make_valid (html, length);
      length = strlen (html);
    }
  text.size = length + 1;
  text.str = g_malloc (text.size);
  for (const char *p = html; *p; )
    {
      char decoded[6];
      gsize used, decoded_length;

      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          gboolean parts = FALSE;

          p = skip_tag (p, &parts);
          if (parts)
            plain_text_space (&text);
        }
      else if (*p == '&' && (used = decode_entity (p + 1, decoded, &decoded_length)) > 0)
        {
          plain_text_append (&text, decoded, decoded_length);
          p += used + 1;
        }
      else
        {
          /* Text up to the next tag or entity, at once. */
          gsize run = 1 + strcspn (p + 1, "<&");

          plain_text_append (&text, p, run);
          p += run;
        }
    }

  if (text.len > 0 && text.str[text.len - 1] == ' ')
    text.len--;
  text.str[text.len] = '\0';
  return text.str;
}

/* Russian writes ё and е interchangeably, and SQLite's tokenizer folds
 * diacritics only in Latin script, so both sides of a search fold ё to е. */
static char *
fold_yo (char *text)
{
  g_autoptr(GString) folded = NULL;

  if (strstr (text, "ё") == NULL && strstr (text, "Ё") == NULL)
    return text;

  folded = g_string_new (text);
  g_free (text);
  g_string_replace (folded, "ё", "е", 0);
  g_string_replace (folded, "Ё", "Е", 0);
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/**
 * cq_text_for_search:
 * @html: (nullable): a fragment of HTML or plain text
 *
 * Returns: (transfer full): the text as the search index holds it
 */
char *
cq_text_for_search (const char *html)
{
  return fold_yo (cq_text_from_html (html));
}

/* What the search index's tokenizer surely splits words at: white space
 * and ASCII punctuation.  Any other character may be part of a word. */
static inline gboolean
is_separator (char c)
{
  return (guchar) c < 0x80 && c != '\0' && !g_ascii_isalnum (c);
}

static const char *
skip_separators (const char *p)
{
  while (is_separator (*p))
    p++;
  return p;
}

/**
 * cq_text_opens:
 * @text: plain text
 * @opening: plain text, which may end in an ellipsis
 *
 * Whether the words of @opening, less a last "…", are the first words of
 * @text, in order: a summary a feed made of its body's opening words
 * (paragraphs run together, cut after a word) opens the body's text, and
 * holds no word for search that the body does not.  Words are compared as
 * the search index splits them, so "names a document." opens "names a
 * document . A second"; the last word may be cut short ("docu…").
 *
 * Returns: whether @text opens with @opening's words
 */
gboolean
cq_text_opens (const char *text,
               const char *opening)
{
  const char *end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (opening != NULL, FALSE);

  end = opening + strlen (opening);
  if (g_str_has_suffix (opening, "…"))
    end -= strlen ("…");

  opening = skip_separators (opening);
  text = skip_separators (text);
  while (opening < end)
    {
      if (is_separator (*opening))
        {
          /* Between two words here, between two there; punctuation
           * before the ellipsis ends the opening. */
          if (!is_separator (*text))
            return skip_separators (opening) >= end;
          opening = skip_separators (opening);
          text = skip_separators (text);
          continue;
        }
      if (*opening != *text)
        return FALSE;
      opening++;
      text++;
    }
  return TRUE;
}

/* Eight bytes with no high bit set and none of them nul. */
static inline gboolean
plain_ascii_word (guint64 word)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);

  return (word & high) == 0 && ((word - ones) & ~word & high) == 0;
}

/**
 * cq_text_utf8_validate:
 * @text: bytes
 * @length: how many
 * @end: (out) (optional): where the first invalid sequence starts, or the end
 *
 * What g_utf8_validate_len() says of @text, nul bytes refused as it refuses
 * them, eight ASCII bytes at a time: the markup of a feed is mostly ASCII,
 * and GLib 2.74 reads every byte of every document it is asked about on
 * its own.  A character outside ASCII is checked by GLib itself.
 *
 * Returns: whether all of @text is valid UTF-8 with no nul
 */
gboolean
cq_text_utf8_validate (const char  *text,
                       gsize        length,
                       const char **end)
{
  const guchar *p, *stop;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length == 0)
    {
      if (end != NULL)
        *end = text;
      return TRUE;
    }
  p = (const guchar *) text;
  stop = p + length;
  while (p < stop)
    {
      guint n;

      while (stop - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if (!plain_ascii_word (word))
            break;
          p += 8;
        }
      if (p == stop)
        break;
      if (*p != 0 && *p < 0x80)
        {
          p++;
          continue;
        }
      /* A nul, or a stray continuation byte, is refused at once. */
      n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 0;
      if (n == 0 || (gsize) (stop - p) < n || !g_utf8_validate_len ((const char *) p, n, NULL))
        break;
      p += n;
    }

  if (end != NULL)
    *end = (const char *) p;
  return p == stop;
}

/**
 * cq_text_make_valid:
 *
 * Returns: (transfer full): @text with every invalid UTF-8 sequence and
 *   every nul replaced by U+FFFD, safe to hand to GTK
 */
char *
cq_text_make_valid (const char *text,
                    gssize      length)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_utf8_make_valid (text, length);
}

static gboolean
has_word_character (const char *token)
{
  for (const char *p = token; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * cq_text_fts_query:
 * @user_query: what the user typed
 *
 * Turns free text into an FTS5 query that cannot be a syntax error: every
 * word is quoted and matched as a prefix, and all words must match, so
 * "salis inc" finds "the Salisbury incident".
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when the text
 *   holds no word to search for
 */
char *
cq_text_fts_query (const char *user_query)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  if (user_query == NULL)
    return NULL;

  valid = fold_yo (cq_text_make_valid (user_query, -1));
  g_strdelimit (valid, "\"", ' ');
  tokens = g_strsplit_set (valid, " \t\r\n", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (!has_word_character (tokens[i]))
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", tokens[i]);
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * cq_text_for_terminal:
 * @text: (nullable): anything, from anywhere
 *
 * Text from the web may hide terminal escapes (retitle the window, clear
 * the screen, rewrite the line above).  Every control character but the
 * line break and the tab is left out, C0, DEL and C1 alike.
 *
 * Returns: (transfer full): @text as valid UTF-8 with no such character
 */
char *
cq_text_for_terminal (const char *text)
{
  char *valid;
  char *out;

  if (text == NULL)
    return g_strdup ("");
  valid = cq_text_make_valid (text, -1);
  out = valid;
  for (const char *in = valid; *in; )
    {
      gunichar c = g_utf8_get_char (in);
      const char *next = g_utf8_next_char (in);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F))
        {
          in = next;
          continue;
        }
      while (in < next)
        *out++ = *in++;
    }
  *out = '\0';
  return valid;
}
