/* cq-html-tokenizer.c: a quick reader for the plain HTML feeds carry
 *
 * Feeds hold thousands of small bodies, nearly all of them the same few
 * well-nested tags: paragraphs, links, emphasis, lists.  libxml2's HTML
 * parser reads them right but slowly, byte by byte through its input
 * layer, and most of a feed's parse went there.  This reader tells the
 * same events libxml2 would (the implied html, body and first paragraph,
 * the tags a new tag closes, entities decoded) for the fragments it fully
 * understands, and gives up (returns %FALSE) on anything else: comments,
 * scripts, tables, prefixed or unknown elements, an unusual entity,
 * control characters.  The caller then reads the fragment with libxml2.
 *
 * Every rule here is libxml2's (HTMLparser.c, 2.9); the sanitiser's test
 * and fuzz target check the two readings give the same output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "cq-html-tokenizer.h"
#include "cq-text.h"

typedef enum {
  E_P, E_A, E_B, E_I, E_EM, E_STRONG, E_BR, E_IMG, E_LI, E_UL, E_OL,
  E_H1, E_H2, E_H3, E_H4, E_H5, E_H6, E_BLOCKQUOTE, E_DIV, E_SPAN, E_HR,
  E_U, E_S, E_SMALL, E_SUB, E_SUP, E_CODE, E_CITE, E_ABBR, E_Q, E_MARK,
  E_KBD, E_SAMP, E_FIGURE, E_FIGCAPTION,
  N_ELEMENTS
} Element;

#define M(e)     (G_GUINT64_CONSTANT (1) << (e))
#define HEADINGS (M (E_H1) | M (E_H2) | M (E_H3) | M (E_H4) | M (E_H5) | M (E_H6))

typedef struct {
  const char *name;
  gboolean    empty;     /* libxml2 ends it at once: no content, no end tag */
  guint64     closes;    /* the open elements its start tag ends (htmlStartClose) */
  guint64     unsure;    /* where this reader gives up rather than guess */
} ElementInfo;

/* In the order of the enum, most frequent first. */
static const ElementInfo elements[N_ELEMENTS] = {
  [E_P] = { "p", FALSE, M (E_P) | HEADINGS | M (E_B) | M (E_I) | M (E_U) | M (E_S) | M (E_SMALL), 0 },
  [E_A] = { "a", FALSE, M (E_A), 0 },
  [E_B] = { "b", FALSE, 0, 0 },
  [E_I] = { "i", FALSE, 0, 0 },
  [E_EM] = { "em", FALSE, 0, 0 },
  [E_STRONG] = { "strong", FALSE, 0, 0 },
  [E_BR] = { "br", TRUE, 0, 0 },
  [E_IMG] = { "img", TRUE, 0, 0 },
  [E_LI] = { "li", FALSE, M (E_P) | HEADINGS | M (E_LI), 0 },
  [E_UL] = { "ul", FALSE, M (E_P), M (E_UL) | M (E_OL) },
  [E_OL] = { "ol", FALSE, M (E_P), M (E_UL) | M (E_OL) },
  [E_H1] = { "h1", FALSE, M (E_P), 0 },
  [E_H2] = { "h2", FALSE, M (E_P), 0 },
  [E_H3] = { "h3", FALSE, M (E_P), 0 },
  [E_H4] = { "h4", FALSE, M (E_P), 0 },
  [E_H5] = { "h5", FALSE, M (E_P), 0 },
  [E_H6] = { "h6", FALSE, M (E_P), 0 },
  [E_BLOCKQUOTE] = { "blockquote", FALSE, M (E_P), 0 },
  [E_DIV] = { "div", FALSE, M (E_P), 0 },
  [E_SPAN] = { "span", FALSE, 0, 0 },
  [E_HR] = { "hr", TRUE, M (E_P), 0 },
  [E_U] = { "u", FALSE, 0, 0 },
  [E_S] = { "s", FALSE, 0, 0 },
  [E_SMALL] = { "small", FALSE, 0, 0 },
  [E_SUB] = { "sub", FALSE, 0, 0 },
  [E_SUP] = { "sup", FALSE, 0, 0 },
  [E_CODE] = { "code", FALSE, 0, 0 },
  [E_CITE] = { "cite", FALSE, 0, 0 },
  [E_ABBR] = { "abbr", FALSE, 0, 0 },
  [E_Q] = { "q", FALSE, 0, 0 },
  [E_MARK] = { "mark", FALSE, 0, 0 },
  [E_KBD] = { "kbd", FALSE, 0, 0 },
  [E_SAMP] = { "samp", FALSE, 0, 0 },
  [E_FIGURE] = { "figure", FALSE, 0, 0 },
  [E_FIGCAPTION] = { "figcaption", FALSE, 0, 0 },
};

/* Deep enough for any statement, well inside the sanitiser's own bound. */
#define MAX_OPEN       48
#define MAX_ATTRIBUTES 16
#define MAX_NAME       16
/* Longer values (data: addresses, hostile pages) are libxml2's to read;
 * the scratch buffer stays small. */
#define MAX_ATTRIBUTES_SIZE 8192

typedef struct {
  const char         *p;
  const char         *end;
  const CqHtmlEvents *events;
  gpointer            data;
  gboolean            started;
  Element             open[MAX_OPEN];
  guint               n_open;
  /* The current tag's attribute names and values, NUL-separated. */
  GString            *scratch;
} Tokenizer;

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':' || c == '-' || c == '.';
}

/* What libxml2 drops or reads its own way anywhere in a document: control
 * characters, the two non-characters, a carriage return (line ends), a
 * byte-order mark; and what is not UTF-8 at all. */
static gboolean
input_is_plain (const char *html,
                gsize       length)
{
  const guchar *p = (const guchar *) html;
  gboolean ascii = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      guint64 word;

      /* Eight bytes at once while none is below a space or past ASCII
       * (a byte below 0x20 borrows into its own top bit; one past ASCII
       * has it set): most of a body. */
      while (i + 8 <= length &&
             (memcpy (&word, p + i, 8),
              !(((word - G_GUINT64_CONSTANT (0x2020202020202020)) | word) & G_GUINT64_CONSTANT (0x8080808080808080))))
        i += 8;
      if (i == length)
        break;
      if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')
        return FALSE;
      if (p[i] < 0x80)
        continue;
      ascii = FALSE;
      if (p[i] == 0xEF && i + 2 < length && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF))
        return FALSE;
      if (p[i] == 0xEF && i + 2 < length && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
        return FALSE;
    }
  return ascii || cq_text_utf8_validate (html, length, NULL);
}

static int
lookup_element (const char *name,
                gsize       length)
{
  for (int i = 0; i < N_ELEMENTS; i++)
    if (strncmp (elements[i].name, name, length) == 0 && elements[i].name[length] == '\0')
      return i;
  return -1;
}

/* A tag name: ASCII letters and digits, lower-cased, ended by a blank, a
 * '>' or a '/'.  Anything else (a prefix, a dash) is not read here. */
static int
read_element_name (Tokenizer *self)
{
  char name[MAX_NAME];
  gsize length = 0;
  const char *p = self->p;

  while (p < self->end && g_ascii_isalnum (*p))
    {
      if (length == MAX_NAME)
        return -1;
      name[length++] = g_ascii_tolower (*p++);
    }
  if (p == self->end || !(is_blank (*p) || *p == '>' || *p == '/'))
    return -1;
  self->p = p;
  return lookup_element (name, length);
}

/* A character reference, &#…; or &#x…;, as htmlParseCharRef() reads it;
 * only the well-formed ones. */
static gboolean
read_char_ref (Tokenizer *self,
               gunichar  *value)
{
  const char *p = self->p + 2;
  gboolean hex = p < self->end && (*p == 'x' || *p == 'X');
  guint32 c = 0;
  guint digits = 0;

  if (hex)
    p++;
  for (; p < self->end && (hex ? g_ascii_isxdigit (*p) : g_ascii_isdigit (*p)); p++)
    {
      if (++digits > 7)
        return FALSE;
      c = c * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*p) : g_ascii_digit_value (*p));
    }
  if (digits == 0 || p == self->end || *p != ';')
    return FALSE;
  /* libxml2's IS_CHAR(). */
  if (!(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
        (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)))
    return FALSE;
  *value = c;
  self->p = p + 1;
  return TRUE;
}

/* At an '&': the character of a reference libxml2 knows, as UTF-8 in
 * @decoded, or the '&' and any name after it standing as written.
 * @piece is what the text or value gets; the tokenizer is left where
 * plain reading goes on.  %FALSE gives up on the fragment. */
static gboolean
read_reference (Tokenizer   *self,
                char         decoded[8],
                const char **piece,
                gsize       *piece_length)
{
  const char *amp = self->p;
  const char *name = amp + 1;
  const char *p = name;
  const htmlEntityDesc *entity = NULL;
  char buffer[32];

  if (p < self->end && *p == '#')
    {
      gunichar c;

      if (!read_char_ref (self, &c))
        return FALSE;
      *piece = decoded;
      *piece_length = g_unichar_to_utf8 (c, decoded);
      return TRUE;
    }

  /* A lone '&' stands for itself, as does one before a name libxml2
   * does not know or that no ';' ends (the ';' is then read as text). */
  if (p < self->end && is_name_start (*p))
    {
      while (p < self->end && is_name_char (*p))
        p++;
      if (p < self->end && (guchar) *p >= 0x80)
        return FALSE;     /* libxml2 reads the name on with its Unicode rules */
      if (p < self->end && *p == ';' && (gsize) (p - name) < sizeof buffer)
        {
          memcpy (buffer, name, p - name);
          buffer[p - name] = '\0';
          entity = htmlEntityLookup ((const xmlChar *) buffer);
        }
    }
  if (entity == NULL || entity->value == 0)
    {
      self->p = p;
      *piece = amp;
      *piece_length = p - amp;
      return TRUE;
    }
  self->p = p + 1;
  *piece = decoded;
  *piece_length = g_unichar_to_utf8 (entity->value, decoded);
  return TRUE;
}

/* The html and body libxml2 implies before the first element or text, and
 * the paragraph it opens when the fragment starts with text. */
static void
start_document (Tokenizer *self,
                gboolean   with_text)
{
  if (self->started)
    return;
  self->started = TRUE;
  self->events->start (self->data, -1, "html", NULL);
  self->events->start (self->data, -1, "body", NULL);
  if (with_text)
    {
      self->events->start (self->data, E_P, elements[E_P].name, NULL);
      self->open[self->n_open++] = E_P;
    }
}

static void
close_top (Tokenizer *self)
{
  Element element = self->open[--self->n_open];

  self->events->end (self->data, element, elements[element].name);
}

static gboolean
read_text (Tokenizer *self)
{
  const char *tag, *stop;

  /* Blanks before anything is open (after a stray end tag) belong to no
   * element and open no paragraph, unless a reference follows them. */
  if (!self->started)
    {
      const char *p = self->p;

      while (p < self->end && is_blank (*p))
        p++;
      if (p == self->end || *p == '<')
        {
          self->p = p;
          return TRUE;
        }
    }
  start_document (self, TRUE);
  /* The text runs to the next tag; memchr() finds it, and each reference
   * in it, faster than a loop over its bytes (no reference holds a '<'). */
  tag = memchr (self->p, '<', self->end - self->p);
  stop = tag != NULL ? tag : self->end;
  while (self->p < stop)
    {
      const char *run = self->p;
      const char *reference = memchr (self->p, '&', stop - self->p);

      self->p = reference != NULL ? reference : stop;
      if (self->p > run)
        self->events->text (self->data, run, self->p - run);

      if (self->p < stop)
        {
          char decoded[8];
          const char *piece;
          gsize length;

          if (!read_reference (self, decoded, &piece, &length))
            return FALSE;
          self->events->text (self->data, piece, length);
        }
    }
  return TRUE;
}

/* One attribute value, entities decoded, appended to the scratch. */
static gboolean
read_value (Tokenizer *self)
{
  char quote = 0;

  if (*self->p == '"' || *self->p == '\'')
    quote = *self->p++;
  for (;;)
    {
      const char *run = self->p;

      while (self->p < self->end && *self->p != '&' &&
             (quote != 0 ? *self->p != quote : !(is_blank (*self->p) || *self->p == '>')))
        self->p++;
      if (self->p == self->end || self->scratch->len + (self->p - run) > MAX_ATTRIBUTES_SIZE)
        return FALSE;
      g_string_append_len (self->scratch, run, self->p - run);
      if (*self->p != '&')
        break;
      {
        char decoded[8];
        const char *piece;
        gsize length;

        if (!read_reference (self, decoded, &piece, &length))
          return FALSE;
        g_string_append_len (self->scratch, piece, length);
      }
    }
  if (quote != 0)
    self->p++;
  return TRUE;
}

static gboolean
read_start_tag (Tokenizer *self)
{
  gsize offsets[2 * MAX_ATTRIBUTES];
  const char *attributes[2 * MAX_ATTRIBUTES + 1];
  guint n_attributes = 0;
  gboolean self_closing = FALSE;
  const ElementInfo *info;
  int element;

  self->p++;
  if ((element = read_element_name (self)) < 0)
    return FALSE;
  info = &elements[element];
  g_string_truncate (self->scratch, 0);

  for (;;)
    {
      const char *name;
      gboolean duplicate = FALSE;
      gsize name_offset;

      while (self->p < self->end && is_blank (*self->p))
        self->p++;
      if (self->p == self->end)
        return FALSE;
      if (*self->p == '>')
        {
          self->p++;
          break;
        }
      if (*self->p == '/' && self->p + 1 < self->end && self->p[1] == '>')
        {
          self->p += 2;
          self_closing = TRUE;
          break;
        }
      if (!g_ascii_isalpha (*self->p) || n_attributes == MAX_ATTRIBUTES)
        return FALSE;

      name = self->p;
      while (self->p < self->end && is_name_char (*self->p))
        self->p++;
      if (self->p - name > 64)
        return FALSE;
      name_offset = self->scratch->len;
      for (const char *c = name; c < self->p; c++)
        g_string_append_c (self->scratch, g_ascii_tolower (*c));
      g_string_append_c (self->scratch, '\0');
      /* libxml2 keeps the first of two attributes of one name. */
      for (guint i = 0; i < n_attributes && !duplicate; i++)
        duplicate = strcmp (self->scratch->str + offsets[2 * i], self->scratch->str + name_offset) == 0;

      while (self->p < self->end && is_blank (*self->p))
        self->p++;
      if (self->p < self->end && *self->p == '=')
        {
          gsize value_offset = self->scratch->len;

          self->p++;
          while (self->p < self->end && is_blank (*self->p))
            self->p++;
          if (self->p == self->end || !read_value (self))
            return FALSE;
          g_string_append_c (self->scratch, '\0');
          offsets[2 * n_attributes + 1] = value_offset;
        }
      else
        offsets[2 * n_attributes + 1] = G_MAXSIZE;   /* no value */
      offsets[2 * n_attributes] = name_offset;
      if (!duplicate)
        n_attributes++;
    }

  /* The scratch has stopped growing: point into it. */
  for (guint i = 0; i < n_attributes; i++)
    {
      attributes[2 * i] = self->scratch->str + offsets[2 * i];
      attributes[2 * i + 1] = offsets[2 * i + 1] != G_MAXSIZE ? self->scratch->str + offsets[2 * i + 1] : NULL;
    }
  attributes[2 * n_attributes] = NULL;

  start_document (self, FALSE);
  while (self->n_open > 0)
    {
      guint64 top = M (self->open[self->n_open - 1]);

      if (info->unsure & top)
        return FALSE;
      if (!(info->closes & top))
        break;
      close_top (self);
    }
  if (self->n_open == MAX_OPEN)
    return FALSE;

  self->events->start (self->data, element, info->name, n_attributes > 0 ? attributes : NULL);
  if (info->empty || self_closing)
    self->events->end (self->data, element, info->name);
  else
    self->open[self->n_open++] = element;
  return TRUE;
}

/* libxml2's htmlEndPriority: an end tag closes the elements open inside
 * its own only when none of them ranks above it. */
static guint
end_priority (Element element)
{
  return element == E_DIV ? 150 : 100;
}

/* An end tag ends its element and whatever is still open inside it, or,
 * when its element is not open (or one of higher rank is in the way),
 * nothing at all. */
static gboolean
read_end_tag (Tokenizer *self)
{
  int element;
  guint match;

  self->p += 2;
  if ((element = read_element_name (self)) < 0)
    return FALSE;
  while (self->p < self->end && is_blank (*self->p))
    self->p++;
  if (self->p == self->end || *self->p != '>')
    return FALSE;
  self->p++;

  for (match = self->n_open; match > 0; match--)
    {
      if (self->open[match - 1] == (Element) element)
        break;
      if (end_priority (self->open[match - 1]) > end_priority (element))
        return TRUE;
    }
  if (match == 0)
    return TRUE;
  while (self->n_open >= match)
    close_top (self);
  return TRUE;
}

/**
 * cq_html_tokenizer_get_n_elements:
 *
 * Returns: how many elements the quick reader knows: the numbers its
 *   events give run from 0 to one less
 */
guint
cq_html_tokenizer_get_n_elements (void)
{
  return N_ELEMENTS;
}

/**
 * cq_html_tokenizer_get_element_name:
 *
 * Returns: the name of the quick reader's element number @element
 */
const char *
cq_html_tokenizer_get_element_name (guint element)
{
  g_return_val_if_fail (element < N_ELEMENTS, NULL);
  return elements[element].name;
}

/**
 * cq_html_tokenize_simple:
 * @html: a fragment, UTF-8
 * @scratch: a buffer for attributes, kept between calls to save allocations
 * @events: told each start tag, end tag and run of text
 *
 * Reads @html as libxml2's HTML parser would, telling @events what it
 * reads, if the fragment is of the plain kind this reader knows.
 *
 * Returns: whether it was; when not, @events were told part of it, and
 *   the caller should forget what they heard and read @html another way
 */
gboolean
cq_html_tokenize_simple (const char         *html,
                         gsize               length,
                         GString            *scratch,
                         const CqHtmlEvents *events,
                         gpointer            data)
{
  Tokenizer self = {
    .p = html,
    .end = html + length,
    .events = events,
    .data = data,
    .scratch = scratch,
  };
  gboolean ok = TRUE;

  if (!input_is_plain (html, length))
    return FALSE;

  /* libxml2 skips the blanks a document starts with. */
  while (self.p < self.end && is_blank (*self.p))
    self.p++;

  while (ok && self.p < self.end)
    {
      if (*self.p != '<')
        ok = read_text (&self);
      else if (self.p + 1 < self.end && g_ascii_isalpha (self.p[1]))
        ok = read_start_tag (&self);
      else if (self.p + 2 < self.end && self.p[1] == '/' && g_ascii_isalpha (self.p[2]))
        ok = read_end_tag (&self);
      else
        ok = FALSE;   /* a comment, a DOCTYPE, a '<' standing alone */
    }
  if (!ok)
    return FALSE;

  /* At the end, everything still open closes, the body and html last. */
  while (self.n_open > 0)
    close_top (&self);
  if (self.started)
    {
      events->end (data, -1, "body");
      events->end (data, -1, "html");
    }
  return TRUE;
}
