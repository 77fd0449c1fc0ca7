/* cq-html.c: reading HTML safely: parsing, URLs, sanitising, plain text
 *
 * Remote HTML is hostile until it has been through cq_html_sanitize(): only
 * a small set of elements survives, with only the attributes that carry
 * meaning (links, image sources, table spans), links only to http(s),
 * mailto and tel, images only from http(s).  Scripts, styles, frames,
 * forms, event handlers and javascript:/data: URLs never come out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <string.h>

#include "cq-html.h"
#include "cq-html-tokenizer.h"
#include "cq-html-tree.h"
#include "cq-text.h"

/* GString's append as GLib 2.76 inlines it: the sanitiser appends a few
 * bytes at a time, hundreds of times a body, and the call into
 * g_string_insert_len() (with its checks for a piece of the string itself)
 * cost more than the copy (4 % of a feed's parse, callgrind). */
static inline void
append_len (GString    *out,
            const char *text,
            gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, length);
}

static inline void
append (GString    *out,
        const char *text)
{
  append_len (out, text, strlen (text));
}

/* Kept, with their content. */
static const char * const kept_elements[] = {
  "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
  "blockquote", "q", "pre", "code", "kbd", "samp", "em", "i", "strong", "b", "u", "s",
  "sub", "sup", "small", "mark", "cite", "abbr", "a", "img", "figure", "figcaption",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "hr",
};

/* Dropped with everything inside them. */
static const char * const dropped_elements[] = {
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
  "form", "input", "button", "select", "textarea", "option", "noscript", "template",
  "svg", "math", "canvas", "audio", "video", "source", "track", "link", "meta",
  "head", "title", "base", "dialog", "nav", "map", "area", "param",
};

/* What the sanitiser needs to know of an element, from one lookup.  An
 * element neither kept nor dropped gives up its tag and keeps its content
 * (div, span, section, font, …). */
typedef enum {
  KIND_KEEP   = 1 << 0,   /* kept_elements */
  KIND_DROP   = 1 << 1,   /* dropped_elements */
  KIND_BLOCK  = 1 << 2,   /* cq_html_is_block_name () */
  KIND_VOID   = 1 << 3,   /* br, hr, img: no end tag is written */
  KIND_BREAK  = 1 << 4,   /* br, hr: a line ends; nothing inside is read */
  KIND_LINK   = 1 << 5,   /* a, img: kept only with an address allowed */
  KIND_SPANS  = 1 << 6,   /* td, th: keep colspan and rowspan */
  KIND_TITLED = 1 << 7,   /* abbr: keeps its title */
} ElementKind;

static void
add_kind (GHashTable         *table,
          const char * const *names,
          gsize               n_names,
          guint               kind)
{
  for (gsize i = 0; i < n_names; i++)
    {
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (table, names[i]));

      g_hash_table_insert (table, (gpointer) names[i], GUINT_TO_POINTER (old | kind));
    }
}

/* The parser lower-cases HTML names, so one hash lookup decides. */
static guint
element_kind (const char *name)
{
  static gsize once;
  static GHashTable *kinds;

  if (g_once_init_enter (&once))
    {
      static const char * const breaks[] = { "br", "hr" };
      static const char * const links[] = { "a", "img" };
      static const char * const cells[] = { "td", "th" };
      static const char * const images[] = { "img" };
      static const char * const titled[] = { "abbr" };
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
      const char * const *blocks;
      gsize n_blocks;

      blocks = cq_html_get_block_names (&n_blocks);
      add_kind (table, kept_elements, G_N_ELEMENTS (kept_elements), KIND_KEEP);
      add_kind (table, dropped_elements, G_N_ELEMENTS (dropped_elements), KIND_DROP);
      add_kind (table, blocks, n_blocks, KIND_BLOCK);
      add_kind (table, breaks, G_N_ELEMENTS (breaks), KIND_VOID | KIND_BREAK);
      add_kind (table, images, G_N_ELEMENTS (images), KIND_VOID);
      add_kind (table, links, G_N_ELEMENTS (links), KIND_LINK);
      add_kind (table, cells, G_N_ELEMENTS (cells), KIND_SPANS);
      add_kind (table, titled, G_N_ELEMENTS (titled), KIND_TITLED);
      kinds = table;
      g_once_init_leave (&once, 1);
    }

  if (name == NULL)
    return 0;
  {
    gpointer kind;

    if (g_hash_table_lookup_extended (kinds, name, NULL, &kind))
      return GPOINTER_TO_UINT (kind);
  }

  for (const char *p = name; *p; p++)
    if (g_ascii_isupper (*p))
      {
        g_autofree char *lower = g_ascii_strdown (name, -1);

        return element_kind (lower);
      }
  return 0;
}

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cq_html_is_element (xmlNodePtr  node,
                    const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/**
 * cq_html_get_attribute:
 *
 * Returns: (nullable): the attribute's value, borrowed from the tree
 */
const char *
cq_html_get_attribute (xmlNodePtr  node,
                       const char *name)
{
  for (xmlAttrPtr attr = node != NULL ? node->properties : NULL; attr != NULL; attr = attr->next)
    if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0 &&
        attr->children != NULL && attr->children->type == XML_TEXT_NODE)
      return (const char *) attr->children->content;
  return NULL;
}

/**
 * cq_html_parse:
 * @utf8: a document or fragment, already converted to UTF-8
 *
 * Never touches the network, keeps quiet about the errors every real page
 * has, and recovers what it can.
 *
 * Returns: (transfer full) (nullable): the document
 */
htmlDocPtr
cq_html_parse (const char *utf8,
               gsize       length)
{
  if (length > G_MAXINT)
    return NULL;

  return htmlReadMemory (utf8, (int) length, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
}

static gboolean
scheme_allowed (const char *scheme,
                gboolean    for_image)
{
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return !for_image && (g_ascii_strcasecmp (scheme, "mailto") == 0 ||
                        g_ascii_strcasecmp (scheme, "tel") == 0);
}

/* mailto: keeps its address and at most a subject and a body: attach=,
 * cc= and the like would let a page fill in more than the user sees. */
static char *
clean_mailto (const char *uri)
{
  const char *address = uri + strlen ("mailto:");
  const char *query = strchr (address, '?');
  g_autoptr(GString) clean = g_string_new ("mailto:");
  g_auto(GStrv) params = NULL;
  char separator = '?';

  append_len (clean, address, query != NULL ? (gsize) (query - address) : strlen (address));
  if (clean->len == strlen ("mailto:") || strpbrk (clean->str, "&=") != NULL)
    return NULL;
  if (query == NULL)
    return g_string_free (g_steal_pointer (&clean), FALSE);

  params = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    if (g_ascii_strncasecmp (params[i], "subject=", 8) == 0 || g_ascii_strncasecmp (params[i], "body=", 5) == 0)
      {
        g_string_append_c (clean, separator);
        append (clean, params[i]);
        separator = '&';
      }
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

/**
 * cq_html_resolve_url:
 * @base: (nullable): the document's address
 * @reference: an href or src as written
 * @for_image: whether only http(s) may be returned
 *
 * Returns: (transfer full) (nullable): the absolute URL, or %NULL when it
 *   cannot be resolved or its scheme may not leave the app
 */
static char *
join_prefix (const char *head,
                      gsize       head_length,
                      const char *tail)
{
  GString *joined = g_string_new_len (head, head_length);

  append (joined, tail);
  return g_string_free (joined, FALSE);
}

/* Plain addresses need no parser: characters RFC 3986 allows as they
 * are, and no dot segment to remove.  Asked of every link of every body. */
static gboolean
plain_punctuation (char c)
{
  switch (c)
    {
    case '-': case '.': case '_': case '~': case ':': case '/': case '?': case '#': case '[': case ']':
    case '@': case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',':
    case ';': case '=': case '%':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_plain_reference (const char *reference)
{
  for (const char *p = reference; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        continue;
      if (!plain_punctuation (*p))
        return FALSE;
      /* "/./" or "/../", or either at the end. */
      if (p[0] == '/' && p[1] == '.' &&
          (p[2] == '/' || p[2] == '\0' || (p[2] == '.' && (p[3] == '/' || p[3] == '\0'))))
        return FALSE;
    }
  return TRUE;
}

/* The fast way for the links feeds are made of: an absolute http(s)
 * address as it is (@reference itself, taken), or a path from the root on
 * the base's site.  Anything else is resolved by GUri. */
static char *
resolve_plain (const char  *base,
               char       **owned_reference)
{
  const char *reference = *owned_reference;
  const char *authority, *path;

  if (!is_plain_reference (reference))
    return NULL;
  if (g_str_has_prefix (reference, "https://") || g_str_has_prefix (reference, "http://"))
    return g_steal_pointer (owned_reference);
  if (reference[0] != '/' || reference[1] == '/' || base == NULL ||
      !(g_str_has_prefix (base, "https://") || g_str_has_prefix (base, "http://")) || !is_plain_reference (base))
    return NULL;
  authority = strstr (base, "://") + 3;
  path = strpbrk (authority, "/?#");
  return join_prefix (base, path != NULL ? (gsize) (path - base) : strlen (base), reference);
}

/* What GUri cannot write back once resolved (it warns, and returns
 * nothing): a ';' in the host ("https://a;b/"), or a scheme with no host
 * and a path its dot segments turn into "//x" ("https:/..///x").  No page
 * means either. */
static gboolean
guri_cannot_resolve (const char *reference)
{
  g_autofree char *scheme = g_uri_parse_scheme (reference);
  const char *rest = scheme != NULL ? reference + strlen (scheme) + 1 : reference;

  if (g_str_has_prefix (rest, "//"))
    {
      const char *authority = rest + 2;
      gsize length = strcspn (authority, "/?#");

      return memchr (authority, ';', length) != NULL;
    }
  return scheme != NULL && strstr (rest, "//") != NULL;
}

/**
 * cq_html_url_ignores_base:
 * @reference: (nullable): a link as a document writes it
 *
 * Returns: whether cq_html_resolve_url() gives @reference as it is,
 *   whatever the base: a plain absolute http(s) address, as most links in
 *   feeds are; a caller can then skip working out the base
 */
gboolean
cq_html_url_ignores_base (const char *reference)
{
  return reference != NULL &&
         (g_str_has_prefix (reference, "https://") || g_str_has_prefix (reference, "http://")) &&
         is_plain_reference (reference);
}

char *
cq_html_resolve_url (const char *base,
                     const char *reference,
                     gboolean    for_image)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;

  if (reference == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (reference));
  if (*trimmed == '\0' || trimmed[0] == '#')
    return NULL;

  /* The plain way gives only http(s) addresses: nothing more to check. */
  if ((resolved = resolve_plain (base, &trimmed)) != NULL)
    return g_steal_pointer (&resolved);
  else if (guri_cannot_resolve (trimmed))
    return NULL;
  else if (base != NULL && *base != '\0')
    resolved = g_uri_resolve_relative (base, trimmed, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  else
    resolved = g_strdup (trimmed);
  if (resolved == NULL)
    return NULL;

  scheme = g_uri_parse_scheme (resolved);
  if (scheme == NULL || !scheme_allowed (scheme, for_image))
    return NULL;
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    return clean_mailto (resolved);
  return g_steal_pointer (&resolved);
}

/**
 * cq_html_link_to_open:
 * @uri: (nullable): a link the user clicked
 *
 * What the reader may hand to the desktop: http(s), or mail to a plain
 * address with at most a subject and a body.
 *
 * Returns: (transfer full) (nullable): the link to open, or %NULL
 */
char *
cq_html_link_to_open (const char *uri)
{
  g_autofree char *scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;

  if (scheme == NULL)
    return NULL;
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    return clean_mailto (uri);
  if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
      g_uri_is_valid (uri, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL))
    return g_strdup (uri);
  return NULL;
}

/* The four characters written as references, by byte: 0 for the rest. */
static const guint8 escape_index[256] = { ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4 };
static const struct {
  const char *text;
  gsize       length;
} escapes[] = { { NULL, 0 }, { "&amp;", 5 }, { "&lt;", 4 }, { "&gt;", 4 }, { "&quot;", 6 } };

static void
append_escaped_len (GString    *out,
                    const char *text,
                    gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  for (;;)
    {
      const char *run = p;
      guint8 escape = 0;

      while (p < end && (escape = escape_index[(guchar) *p]) == 0)
        p++;
      append_len (out, run, p - run);
      if (p == end)
        break;
      append_len (out, escapes[escape].text, escapes[escape].length);
      p++;
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  append_escaped_len (out, text, strlen (text));
}

/* ' name="value"', or nothing without a value; @name_length counts the
 * space before the name and the '=' and '"' after it. */
static void
append_attribute (GString    *out,
                  const char *name_is,
                  gsize       name_length,
                  const char *value)
{
  if (value == NULL)
    return;
  append_len (out, name_is, name_length);
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

#define APPEND_ATTRIBUTE(out, name, value) \
  append_attribute ((out), " " name "=\"", sizeof (" " name "=\"") - 1, (value))

/* An element's attribute, from a node or from a start tag's pairs. */
typedef const char *(*AttributeFunc) (gconstpointer element,
                                      const char   *name);

static const char *
node_attribute (gconstpointer  element,
                const char    *name)
{
  return cq_html_get_attribute ((xmlNodePtr) element, name);
}

static const char *
tag_attribute (gconstpointer  element,
               const char    *name)
{
  const xmlChar **atts = (const xmlChar **) element;

  for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
    if (g_ascii_strcasecmp ((const char *) atts[i], name) == 0)
      return (const char *) atts[i + 1];
  return NULL;
}

/* Writes a kept element's start tag with the attributes it may keep.  A
 * link without an allowed target keeps its text, an image without one is
 * dropped: both return %FALSE, and no tag is written. */
static gboolean
open_tag (const char    *name,
          guint          kind,
          AttributeFunc  attribute,
          gconstpointer  element,
          const char    *base,
          GString       *out)
{
  if (kind & KIND_LINK)
    {
      gboolean image = name[0] == 'i';
      g_autofree char *url = cq_html_resolve_url (base, attribute (element, image ? "src" : "href"), image);

      if (url == NULL)
        return FALSE;
      if (image)
        {
          append_len (out, "<img", 4);
          APPEND_ATTRIBUTE (out, "src", url);
          APPEND_ATTRIBUTE (out, "alt", attribute (element, "alt"));
        }
      else
        {
          append_len (out, "<a", 2);
          APPEND_ATTRIBUTE (out, "href", url);
          APPEND_ATTRIBUTE (out, "title", attribute (element, "title"));
        }
      g_string_append_c (out, '>');
      return TRUE;
    }

  g_string_append_c (out, '<');
  append (out, name);
  if (kind & KIND_SPANS)
    {
      APPEND_ATTRIBUTE (out, "colspan", attribute (element, "colspan"));
      APPEND_ATTRIBUTE (out, "rowspan", attribute (element, "rowspan"));
    }
  if (kind & KIND_TITLED)
    APPEND_ATTRIBUTE (out, "title", attribute (element, "title"));
  g_string_append_c (out, '>');
  return TRUE;
}

/* "</name>" */
static void
append_end_tag (GString    *out,
                const char *name)
{
  append_len (out, "</", 2);
  append (out, name);
  g_string_append_c (out, '>');
}

typedef struct {
  const char *base;
  GString    *out;
  /* Per open element, the tag to close or NULL; no walk goes deeper. */
  const char *closing[CQ_HTML_MAX_DEPTH + 1];
  guint       n_open;
} Sanitizer;

static void
append_text_node (GString    *out,
                  xmlNodePtr  node)
{
  const char *text = (const char *) node->content;

  /* The parser was given valid UTF-8; this is only a guard. */
  if (G_LIKELY (g_utf8_validate (text, -1, NULL)))
    append_escaped (out, text);
  else
    {
      g_autofree char *valid = cq_text_make_valid (text, -1);

      append_escaped (out, valid);
    }
}

static CqHtmlWalk
sanitize_enter (xmlNodePtr node,
                guint      depth,
                gpointer   user_data)
{
  Sanitizer *sanitizer = user_data;
  const char *name;
  const char *closing = NULL;
  guint kind;
  gboolean keep_tag;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_text_node (sanitizer->out, node);
      return CQ_HTML_WALK_OVER;
    }
  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;

  name = (const char *) node->name;
  kind = element_kind (name);
  if (kind & KIND_DROP)
    return CQ_HTML_WALK_OVER;

  /* Anything else unknown (div, span, section, font, …) gives up its tag
   * and keeps its content. */
  if (kind & KIND_KEEP)
    {
      keep_tag = open_tag (name, kind, node_attribute, node, sanitizer->base, sanitizer->out);
      if (kind & KIND_VOID)
        return CQ_HTML_WALK_OVER;
      closing = keep_tag ? name : NULL;
    }
  g_assert (sanitizer->n_open < G_N_ELEMENTS (sanitizer->closing));
  sanitizer->closing[sanitizer->n_open++] = closing;
  return CQ_HTML_WALK_INTO;
}

static void
sanitize_leave (xmlNodePtr node,
                gpointer   user_data)
{
  Sanitizer *sanitizer = user_data;
  const char *closing = sanitizer->closing[--sanitizer->n_open];

  if (closing != NULL)
    append_end_tag (sanitizer->out, closing);
}

/**
 * cq_html_sanitize_node:
 * @with_node: whether @node's own tag is kept, or only what is inside it
 *
 * Returns: (transfer full): the safe subset of @node, as HTML
 */
char *
cq_html_sanitize_node (xmlNodePtr  node,
                       const char *base_url,
                       gboolean    with_node)
{
  Sanitizer sanitizer;

  /* Not zeroed: the closing stack is written before it is read. */
  sanitizer.base = base_url;
  sanitizer.out = g_string_new (NULL);
  sanitizer.n_open = 0;

  if (node == NULL)
    return g_string_free (sanitizer.out, FALSE);

  /* The walk visits what is inside @node; @node itself is done here. */
  if (!with_node)
    cq_html_walk (node, sanitize_enter, sanitize_leave, &sanitizer);
  else if (sanitize_enter (node, 0, &sanitizer) == CQ_HTML_WALK_INTO)
    {
      cq_html_walk (node, sanitize_enter, sanitize_leave, &sanitizer);
      sanitize_leave (node, &sanitizer);
    }
  return g_string_free (sanitizer.out, FALSE);
}

static xmlNodePtr
find_body (htmlDocPtr doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  for (xmlNodePtr child = root != NULL ? root->children : NULL; child != NULL; child = child->next)
    if (cq_html_is_element (child, "body"))
      return child;
  return root;
}

struct _CqHtmlReader
{
  htmlParserCtxtPtr context;
  GString          *scratch;     /* the quick reader's */
  /* The streaming sanitiser's markup and text, inside and outside the
   * body: emptied and reused for each fragment. */
  GString          *buffers[4];
  guint             n_quick;
};

/**
 * cq_html_reader_new:
 *
 * A reader keeps one parser for many fragments, which is most of the cost
 * of reading a feed's thousands of small ones.  Use it from one thread.
 *
 * Returns: (transfer full): a new reader
 */
CqHtmlReader *
cq_html_reader_new (void)
{
  CqHtmlReader *self = g_new0 (CqHtmlReader, 1);

  self->context = htmlNewParserCtxt ();
  self->scratch = g_string_sized_new (256);
  for (guint i = 0; i < G_N_ELEMENTS (self->buffers); i++)
    self->buffers[i] = g_string_sized_new (1024);
  return self;
}

void
cq_html_reader_free (CqHtmlReader *self)
{
  if (self == NULL)
    return;
  if (self->context != NULL)
    htmlFreeParserCtxt (self->context);
  g_string_free (self->scratch, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (self->buffers); i++)
    g_string_free (self->buffers[i], TRUE);
  g_free (self);
}

static htmlDocPtr
reader_parse (CqHtmlReader *self,
              const char   *utf8,
              gsize         length)
{
  if (length > G_MAXINT || self->context == NULL)
    return NULL;
  return htmlCtxtReadMemory (self->context, utf8, (int) length, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
}

static char *
nonempty_or_null (char *text)
{
  g_strstrip (text);
  if (*text != '\0')
    return text;
  g_free (text);
  return NULL;
}

/* A copy of @text without the white space around it, or %NULL when
 * nothing else is there. */
static char *
trimmed_copy (const char *text)
{
  const char *end = text + strlen (text);

  while (g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  return end > text ? g_strndup (text, end - text) : NULL;
}

/* The streaming sanitiser: libxml2's HTML parser (the same tokenizer, the
 * same implied paragraphs and bodies) tells each start tag, end tag and run of
 * text as it reads them, and the safe subset and the readable text are
 * written out then and there; no tree is built, walked or freed.  It keeps
 * exactly what cq_html_sanitize_node() keeps of the parsed body (a test
 * and a fuzz target compare the two), element by element. */

/* Elements deeper than this (the document's html is 1, its body 2) are
 * left out, as the tree walk leaves out what lies past CQ_HTML_MAX_DEPTH. */
#define STREAM_MAX_DEPTH (CQ_HTML_MAX_DEPTH + 2)

typedef struct {
  GString *html;
  GString *text;          /* NULL when the caller does not want it */
} StreamOut;

typedef struct {
  const char *base;
  /* As the tree sanitiser reads the body alone when there is one, and the
   * whole document when there is none: what lies inside <body> goes to
   * one pair of buffers, the rest to the other. */
  StreamOut   body;
  StreamOut   outside;
  StreamOut  *out;        /* the one being written */
  gboolean    has_body;
  guint       body_depth; /* 2, or 1 when the root closed before it */
  /* Broken pages make the parser start a second <html> after the first
   * ends.  The tree builder hangs it under the document's first node: a
   * child of the root when that is the root (read, but never as the body),
   * lost beside a DOCTYPE, comment or processing instruction. */
  gboolean    root_closed;
  gboolean    first_node_known;
  gboolean    first_node_is_root;
  gboolean    saw_doctype;
  guint       depth;      /* of the element open now; html is 1 */
  guint       dropping;   /* the depth of the dropped element we are in, or 0 */
  guint       muted;      /* the depth of the picture whose inside is text only, or 0 */
  gboolean    checked;    /* the text told is known to be UTF-8 */
  gboolean    halted;     /* too deep: the tree builder stopped here */
  guint       open_after_halt;
  const char *closing[STREAM_MAX_DEPTH + 1];
  guint8      kinds[STREAM_MAX_DEPTH + 1];   /* each open element's ElementKind */
} Stream;

/* The tree builder names an element by the part of its name after a
 * prefix ("rdf:li" is an li), as xmlSplitQName() splits it. */
static const char *
local_name (const xmlChar *name)
{
  const char *colon = strchr ((const char *) name, ':');

  if (name[0] == ':' || colon == NULL || colon[1] == '\0')
    return (const char *) name;
  return colon + 1;
}

/* How deep the element open now lies in the tree walk's terms: below the
 * body when the body is being written, below the document's root
 * otherwise; a body or element started after the root closed hangs under
 * the root, one level higher than the parser's depth says. */
static guint
stream_walk_depth (Stream *stream)
{
  guint above;

  if (stream->out == &stream->body)
    above = stream->body_depth;
  else
    above = stream->root_closed ? 0 : 1;
  return stream->depth > above ? stream->depth - above : 0;
}

/* @name must stay readable until the parse ends: libxml2's dictionary and
 * the quick reader's static names both do.  @kind is element_kind (@name). */
static void
stream_open (Stream       *stream,
             const char   *name,
             guint         kind,
             const char  **atts)
{
  if (stream->depth == 0 && !stream->first_node_known)
    stream->first_node_known = stream->first_node_is_root = TRUE;
  stream->depth++;
  /* libxml2's tree builder refuses a node deeper than xmlParserMaxDepth
   * (256 under the html's 1) and stops reading the document there: from
   * that element on, nothing more is kept but the ends of those open. */
  if (stream->halted || stream->depth > CQ_HTML_MAX_DEPTH + 1)
    {
      stream->halted = TRUE;
      stream->open_after_halt++;
      return;
    }
  if (stream->dropping != 0)
    return;
  if (stream->depth == 1 && stream->root_closed && !stream->first_node_is_root)
    {
      stream->dropping = stream->depth;
      return;
    }
  /* Told again when the element ends, so its end needs no lookup. */
  stream->kinds[stream->depth] = kind;
  /* The first body is the tree sanitiser's; a second is not read.  After
   * the root closed, a new top element is the root's child. */
  if (stream->depth == (stream->root_closed ? 1 : 2) && !stream->has_body && g_str_equal (name, "body"))
    {
      stream->has_body = TRUE;
      stream->body_depth = stream->depth;
      stream->out = &stream->body;
      stream->closing[stream->depth] = NULL;
      return;
    }
  if ((kind & KIND_DROP) || stream_walk_depth (stream) > CQ_HTML_MAX_DEPTH)
    {
      stream->dropping = stream->depth;
      return;
    }

  if (stream->out->text != NULL && (kind & (KIND_BREAK | KIND_BLOCK)))
    append_len (stream->out->text, "\n\n", 2);
  stream->closing[stream->depth] = NULL;
  if (stream->muted == 0 && (kind & KIND_KEEP) && open_tag (name, kind, tag_attribute, atts, stream->base, stream->out->html) &&
      !(kind & KIND_VOID))
    stream->closing[stream->depth] = name;
  /* What a broken page puts inside a void element is not walked into by
   * the tree sanitiser: nothing of a line break's, only the text of a
   * picture's. */
  if (kind & KIND_BREAK)
    stream->dropping = stream->depth;
  else if (stream->muted == 0 && (kind & KIND_KEEP) && (kind & KIND_VOID))
    stream->muted = stream->depth;
}

/* Ends the element open now: the parser's end events always name it. */
static void
stream_close (Stream *stream)
{
  if (stream->depth == 0)
    return;
  if (stream->open_after_halt > 0)
    {
      stream->open_after_halt--;
      stream->depth--;
      return;
    }
  if (stream->dropping != 0)
    {
      if (stream->dropping == stream->depth)
        stream->dropping = 0;
      if (--stream->depth == 0)
        stream->root_closed = TRUE;
      return;
    }
  if (stream->closing[stream->depth] != NULL)
    append_end_tag (stream->out->html, stream->closing[stream->depth]);
  if (stream->muted == stream->depth)
    stream->muted = 0;
  /* A line break is no block: its blank line came at its start. */
  if (stream->out->text != NULL && (stream->kinds[stream->depth] & KIND_BLOCK))
    append_len (stream->out->text, "\n\n", 2);
  if (stream->out == &stream->body && stream->depth == (stream->root_closed ? 1 : 2))
    stream->out = &stream->outside;
  if (--stream->depth == 0)
    stream->root_closed = TRUE;
}

/* A DOCTYPE, comment or processing instruction before the root is the
 * document's first node. */
static void
stream_first_node (Stream *stream)
{
  if (stream->depth == 0 && !stream->first_node_known)
    stream->first_node_known = TRUE;
}

static void
stream_doctype (void          *ctx,
                const xmlChar *name,
                const xmlChar *external_id,
                const xmlChar *system_id)
{
  Stream *stream = ((htmlParserCtxtPtr) ctx)->_private;

  /* The first DOCTYPE, wherever it stands, is put first in the document,
   * so a root started after the first one closed is lost beside it. */
  if (!stream->saw_doctype)
    {
      stream->saw_doctype = TRUE;
      stream->first_node_known = TRUE;
      stream->first_node_is_root = FALSE;
    }
}

static void
stream_comment (void          *ctx,
                const xmlChar *value)
{
  stream_first_node (((htmlParserCtxtPtr) ctx)->_private);
}

static void
stream_instruction (void          *ctx,
                    const xmlChar *target,
                    const xmlChar *data)
{
  stream_first_node (((htmlParserCtxtPtr) ctx)->_private);
}

static void
stream_text (Stream     *stream,
             const char *text,
             gsize       length)
{
  /* Text outside every element has no parent in a tree: it is lost. */
  if (stream->dropping != 0 || length == 0 || stream->depth == 0 || stream->halted ||
      stream_walk_depth (stream) >= CQ_HTML_MAX_DEPTH)
    return;
  /* The parser was given valid UTF-8; this is only a guard. */
  if (G_LIKELY (stream->checked || cq_text_utf8_validate (text, length, NULL)))
    {
      if (stream->muted == 0)
        append_escaped_len (stream->out->html, text, length);
      if (stream->out->text != NULL)
        append_len (stream->out->text, text, length);
    }
  else
    {
      g_autofree char *valid = cq_text_make_valid (text, length);

      if (stream->muted == 0)
        append_escaped (stream->out->html, valid);
      if (stream->out->text != NULL)
        append (stream->out->text, valid);
    }
}

static void
stream_start (void           *ctx,
              const xmlChar  *name,
              const xmlChar **atts)
{
  const char *local = local_name (name);

  stream_open (((htmlParserCtxtPtr) ctx)->_private, local, element_kind (local), (const char **) atts);
}

static void
stream_end (void          *ctx,
            const xmlChar *name)
{
  stream_close (((htmlParserCtxtPtr) ctx)->_private);
}

static void
stream_characters (void          *ctx,
                   const xmlChar *ch,
                   int            length)
{
  if (length > 0)
    stream_text (((htmlParserCtxtPtr) ctx)->_private, (const char *) ch, length);
}

/* The quick reader tells the same events, with plain names and the number
 * of each element in its own table, whose kinds are looked up once. */
static guint
quick_kind (int         element,
            const char *name)
{
  static gsize once;
  static guint8 kinds[64];

  if (element < 0)
    return element_kind (name);
  if (g_once_init_enter (&once))
    {
      guint n = cq_html_tokenizer_get_n_elements ();

      g_assert (n <= G_N_ELEMENTS (kinds));
      for (guint i = 0; i < n; i++)
        kinds[i] = element_kind (cq_html_tokenizer_get_element_name (i));
      g_once_init_leave (&once, 1);
    }
  return kinds[element];
}

static void
quick_start (gpointer     data,
             int          element,
             const char  *name,
             const char **atts)
{
  stream_open (data, name, quick_kind (element, name), atts);
}

static void
quick_end (gpointer    data,
           int         element,
           const char *name)
{
  stream_close (data);
}

static void
quick_text (gpointer    data,
            const char *text,
            gsize       length)
{
  stream_text (data, text, length);
}

static const CqHtmlEvents quick_events = { quick_start, quick_end, quick_text };

/* As the tree builder does for HTML: white space the parser calls
 * ignorable is not kept. */
static void
stream_ignorable (void          *ctx,
                  const xmlChar *ch,
                  int            length)
{
}

/* A stream at its start, writing into the reader's buffers (emptied, their
 * room kept); called again for a second reading of the same fragment. */
static void
stream_begin (Stream       *stream,
              CqHtmlReader *reader,
              const char   *base,
              gboolean      with_text)
{
  *stream = (Stream) {
    .base = base,
    .body = { reader->buffers[0], with_text ? reader->buffers[1] : NULL },
    .outside = { reader->buffers[2], with_text ? reader->buffers[3] : NULL },
    .out = &stream->outside,
  };
  for (guint i = 0; i < G_N_ELEMENTS (reader->buffers); i++)
    g_string_truncate (reader->buffers[i], 0);
}

/**
 * cq_html_reader_get_quick_reads:
 *
 * Returns: how many fragments this reader read without libxml2 (see
 *   cq-html-tokenizer.c), for tests and benchmarks
 */
guint
cq_html_reader_get_quick_reads (CqHtmlReader *self)
{
  return self->n_quick;
}

static char *collapse_text (const char *text, gboolean known_valid);

/**
 * cq_html_reader_sanitize:
 * @html: (nullable): a fragment as a feed gives it
 * @text: (out) (optional) (nullable): its readable text, from the same read
 *
 * Returns: (transfer full) (nullable): the safe subset, or %NULL when
 *   nothing is left
 */
char *
cq_html_reader_sanitize (CqHtmlReader  *self,
                         const char    *html,
                         const char    *base_url,
                         char         **text)
{
  Stream stream;
  StreamOut *kept;
  gboolean quick;
  gsize length;
  char *result;

  if (text != NULL)
    *text = NULL;
  if (html == NULL || *html == '\0' || self->context == NULL || (length = strlen (html)) > G_MAXINT)
    return NULL;

  stream_begin (&stream, self, base_url, text != NULL);

  /* Most fragments are plain enough for the quick reader; the others, and
   * anything it is unsure of, go through libxml2 from the start.  What the
   * quick reader tells is cut from valid UTF-8 at ASCII characters. */
  stream.checked = TRUE;
  quick = cq_html_tokenize_simple (html, length, self->scratch, &quick_events, &stream);
  if (quick)
    self->n_quick++;
  else
    {
      htmlSAXHandler sax = { 0 };
      htmlSAXHandlerPtr saved;

      stream_begin (&stream, self, base_url, text != NULL);
      sax.startElement = stream_start;
      sax.endElement = stream_end;
      sax.characters = stream_characters;
      sax.cdataBlock = stream_characters;
      sax.ignorableWhitespace = stream_ignorable;
      sax.internalSubset = stream_doctype;
      sax.comment = stream_comment;
      sax.processingInstruction = stream_instruction;

      /* The reader's parser, told to call us instead of building a tree. */
      saved = self->context->sax;
      self->context->sax = &sax;
      self->context->_private = &stream;
      htmlCtxtReadMemory (self->context, html, (int) length, NULL, "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                          HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
      self->context->sax = saved;
      self->context->_private = NULL;
    }

  kept = stream.has_body ? &stream.body : &stream.outside;
  if (text != NULL)
    *text = nonempty_or_null (collapse_text (kept->text->str, quick));
  result = trimmed_copy (kept->html->str);

  /* A hostile fragment's megabytes are not kept for the next one. */
  for (guint i = 0; i < G_N_ELEMENTS (self->buffers); i++)
    if (self->buffers[i]->allocated_len > 1024 * 1024)
      {
        g_string_free (self->buffers[i], TRUE);
        self->buffers[i] = g_string_sized_new (1024);
      }
  return result;
}

/**
 * cq_html_reader_sanitize_tree:
 *
 * What cq_html_reader_sanitize() does, the slow way: the fragment parsed
 * into a tree, its body sanitised by cq_html_sanitize_node() and its text
 * read by cq_html_node_text().  The streaming sanitiser is tested against
 * it; nothing else should need it.
 *
 * Returns: (transfer full) (nullable): the safe subset, or %NULL when
 *   nothing is left
 */
char *
cq_html_reader_sanitize_tree (CqHtmlReader  *self,
                              const char    *html,
                              const char    *base_url,
                              char         **text)
{
  htmlDocPtr doc;
  xmlNodePtr body;
  char *result;

  if (text != NULL)
    *text = NULL;
  if (html == NULL || *html == '\0')
    return NULL;

  doc = reader_parse (self, html, strlen (html));
  if (doc == NULL)
    return NULL;
  body = find_body (doc);
  result = cq_html_sanitize_node (body, base_url, FALSE);
  if (text != NULL)
    *text = body != NULL ? nonempty_or_null (cq_html_node_text (body)) : NULL;
  xmlFreeDoc (doc);

  return nonempty_or_null (result);
}

/**
 * cq_html_sanitize:
 * @html: (nullable): a fragment as a feed gives it
 *
 * Returns: (transfer full) (nullable): the safe subset, or %NULL when
 *   nothing is left
 */
char *
cq_html_sanitize (const char *html,
                  const char *base_url)
{
  CqHtmlReader *reader = cq_html_reader_new ();
  char *result = cq_html_reader_sanitize (reader, html, base_url, NULL);

  cq_html_reader_free (reader);
  return result;
}

/* Blocks and line breaks start new lines; scripts and the like say nothing. */
static CqHtmlWalk
collect_enter (xmlNodePtr node,
               guint      depth,
               gpointer   out)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append (out, (const char *) node->content);
      return CQ_HTML_WALK_OVER;
    }
  if (node->type != XML_ELEMENT_NODE ||
      in_list ((const char *) node->name, dropped_elements, G_N_ELEMENTS (dropped_elements)))
    return CQ_HTML_WALK_OVER;
  if (cq_html_is_element (node, "br") || cq_html_is_element (node, "hr"))
    {
      append (out, "\n\n");
      return CQ_HTML_WALK_OVER;
    }
  if (cq_html_is_block (node))
    append (out, "\n\n");
  return CQ_HTML_WALK_INTO;
}

static void
collect_leave (xmlNodePtr node,
               gpointer   out)
{
  if (cq_html_is_block (node))
    append (out, "\n\n");
}

/* Text after spaces or line ends: first the one space or blank line they
 * come to. */
static inline void
collapse_put (GString    *out,
              guint      *newlines,
              gboolean   *space,
              const char *text,
              gsize       length)
{
  if (out->len > 0 && *newlines >= 2)
    append_len (out, "\n\n", 2);
  else if (out->len > 0 && (*space || *newlines == 1))
    g_string_append_c (out, ' ');
  append_len (out, text, length);
  *newlines = 0;
  *space = FALSE;
}

/* @known_valid: @text is UTF-8 for sure (the quick reader's text, cut
 * from a fragment it checked whole), and is not checked again. */
static char *
collapse_text (const char *text,
               gboolean    known_valid)
{
  gsize length = strlen (text);
  g_autofree char *repaired = known_valid || cq_text_utf8_validate (text, length, NULL)
                              ? NULL : cq_text_make_valid (text, length);
  const char *valid = repaired != NULL ? repaired : text;
  g_autoptr(GString) out = g_string_sized_new (repaired != NULL ? strlen (repaired) : length);
  guint newlines = 0;
  gboolean space = FALSE;

  for (const char *p = valid, *next; *p; p = next)
    {
      gboolean is_space;

      /* A run of printable ASCII words with single spaces between them, as
       * most text is, goes in at once. */
      if ((guchar) *p > ' ' && (guchar) *p < 0x7F)
        {
          for (next = p + 1; ; next++)
            if (!((guchar) *next > ' ' && (guchar) *next < 0x7F) &&
                !(*next == ' ' && (guchar) next[1] > ' ' && (guchar) next[1] < 0x7F))
              break;
          collapse_put (out, &newlines, &space, p, next - p);
          continue;
        }

      if ((guchar) *p < 0x80)
        {
          next = p + 1;
          is_space = g_ascii_isspace (*p) && *p != '\n';
        }
      else
        {
          gunichar c = g_utf8_get_char (p);

          next = g_utf8_next_char (p);
          is_space = g_unichar_isspace (c) || c == 0x00A0;
        }

      if (*p == '\n')
        newlines++;
      else if (is_space)
        space = TRUE;
      else
        collapse_put (out, &newlines, &space, p, next - p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * cq_html_collapse_text:
 *
 * Returns: (transfer full): @text with runs of spaces made one and
 *   paragraphs separated by one blank line
 */
char *
cq_html_collapse_text (const char *text)
{
  return collapse_text (text, FALSE);
}

/**
 * cq_html_node_text:
 *
 * Returns: (transfer full): the readable text of @node, paragraphs
 *   separated by blank lines, scripts and styles left out
 */
char *
cq_html_node_text (xmlNodePtr node)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  if (node == NULL)
    return g_strdup ("");
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    append (raw, (const char *) node->content);
  else
    cq_html_walk (node, collect_enter, collect_leave, raw);
  return cq_html_collapse_text (raw->str);
}
