/* cq-xml-feed.c: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 1.0
 *
 * Elements are matched by local name, so feeds that forget their
 * namespaces read the same as those that do not.  The XML parser never
 * touches the network and never expands entities: a reference to an entity
 * the document declares is read as nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/entities.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "cq-date-parser.h"
#include "cq-feed-private.h"
#include "cq-html.h"
#include "cq-parse-error.h"

static gboolean
is (xmlNodePtr  node,
    const char *local_name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_str_equal ((const char *) node->name, local_name);
}

/* A document that is not well-formed is read as far as it goes (libxml2's
 * recovery), and the items it ended or broke inside are not kept: their
 * text may stop half-way.  The tree builder marks each item and entry the
 * document closes (read_closed_item()); the document itself is marked
 * when it was recovered. */
static int closed_item;
static int read_item;        /* closed, read into the feed, its children freed */
static int recovered_document;

static gboolean
recovered (xmlNodePtr node)
{
  return node->doc != NULL && node->doc->_private == &recovered_document;
}

/* An item of a recovered document that the document never closed. */
static gboolean
cut_off (xmlNodePtr node)
{
  return recovered (node) && node->_private != &closed_item && node->_private != &read_item;
}

static gboolean
in_namespace (xmlNodePtr  node,
              const char *fragment)
{
  return node->ns != NULL && node->ns->href != NULL &&
         strstr ((const char *) node->ns->href, fragment) != NULL;
}

static xmlNodePtr
child_named (xmlNodePtr  parent,
             const char *local_name)
{
  for (xmlNodePtr child = parent->children; child != NULL; child = child->next)
    if (is (child, local_name))
      return child;
  return NULL;
}

/* Text and CDATA only: entity references are not followed. */
static char *
text_of (xmlNodePtr node)
{
  g_autoptr(GString) text = NULL;

  if (node == NULL)
    return NULL;
  /* Most elements hold one text or CDATA node: a copy of it. */
  if (node->children == NULL)
    return g_strdup ("");
  if (node->children->next == NULL &&
      (node->children->type == XML_TEXT_NODE || node->children->type == XML_CDATA_SECTION_NODE) &&
      node->children->content != NULL)
    return g_strdup ((const char *) node->children->content);

  text = g_string_new (NULL);
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
      /* A document read in recovery keeps even &amp; as a reference: the
       * five XML predefines are text; any other entity stays unexpanded. */
      else if (child->type == XML_ENTITY_REF_NODE && xmlGetPredefinedEntity (child->name) != NULL)
        g_string_append (text, (const char *) xmlGetPredefinedEntity (child->name)->content);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
child_text (xmlNodePtr  parent,
            const char *local_name)
{
  return text_of (child_named (parent, local_name));
}

static const char *
attribute (xmlNodePtr  node,
           const char *name)
{
  return cq_html_get_attribute (node, name);
}

/* The base a relative link in @node resolves against: xml:base, else the
 * document's own address. */
static char *
base_of (xmlNodePtr node)
{
  xmlChar *base = xmlNodeGetBase (node->doc, node);
  char *copy = g_strdup ((const char *) base);

  xmlFree (base);
  return copy;
}

static char *
resolve (xmlNodePtr  node,
         const char *reference)
{
  g_autofree char *base = NULL;

  /* Most links are whole addresses: no xml:base to look for. */
  if (cq_html_url_ignores_base (reference))
    return cq_html_resolve_url (NULL, reference, FALSE);
  base = base_of (node);

  return cq_html_resolve_url (base, reference, FALSE);
}

/* XHTML content is a div of elements; serialise what is inside it. */
static char *
xhtml_of (xmlNodePtr node)
{
  xmlNodePtr div = child_named (node, "div");
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *html;

  for (xmlNodePtr child = (div != NULL ? div : node)->children; child != NULL; child = child->next)
    xmlNodeDump (buffer, node->doc, child, 0, 0);
  html = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return html;
}

/* Atom's text constructs: type="text" (the default), "html" or "xhtml".
 * Returns HTML. */
static char *
atom_text_construct (xmlNodePtr node)
{
  const char *type;
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;
  type = attribute (node, "type");
  if (type != NULL && (g_str_equal (type, "xhtml") || g_str_equal (type, "application/xhtml+xml")))
    return xhtml_of (node);

  text = text_of (node);
  if (type != NULL && (g_str_equal (type, "html") || g_str_equal (type, "text/html")))
    return g_steal_pointer (&text);
  return g_markup_escape_text (text, -1);
}

/* Every text construct comes back as HTML, plain text escaped. */
static char *
atom_title (xmlNodePtr node)
{
  g_autofree char *html = atom_text_construct (node);

  return html != NULL ? _cq_feed_clean_title (html, TRUE) : NULL;
}

static GDateTime *
parse_date (xmlNodePtr  node,
            GTimeZone  *home,
            gboolean   *date_only)
{
  g_autofree char *text = text_of (node);

  return text != NULL ? cq_date_parse (text, home, date_only) : NULL;
}

static void
set_published (CqItem     *item,
               xmlNodePtr  primary,
               xmlNodePtr  fallback,
               GTimeZone  *home)
{
  gboolean date_only = FALSE;
  g_autoptr(GDateTime) published = parse_date (primary, home, &date_only);

  if (published == NULL)
    published = parse_date (fallback, home, &date_only);
  cq_item_set_published (item, published);
  cq_item_set_published_is_date (item, published != NULL && date_only);
}

/* Enclosures and Media RSS: images become part of the body, other files
 * a link to them. */
static void
append_attachments (xmlNodePtr  node,
                    GString    *html)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;
      const char *type;
      gboolean image;

      if (!is (child, "enclosure") && !(in_namespace (child, "search.yahoo.com/mrss") &&
                                         (is (child, "content") || is (child, "thumbnail"))))
        continue;

      url = resolve (child, attribute (child, "url"));
      if (url == NULL)
        continue;
      type = attribute (child, "type");
      image = is (child, "thumbnail") || g_strcmp0 (attribute (child, "medium"), "image") == 0 ||
              (type != NULL && g_str_has_prefix (type, "image/"));
      escaped = g_markup_escape_text (url, -1);
      if (image)
        g_string_append_printf (html, "<p><img src=\"%s\" alt=\"\"></p>", escaped);
      else
        g_string_append_printf (html, "<p><a href=\"%s\">%s</a></p>", escaped, escaped);
    }
}

static CqItem *
rss_item (xmlNodePtr            node,
          const CqParseContext *context)
{
  g_autofree char *title_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *link_text = NULL;
  g_autofree char *link = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *description = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GString) content = NULL;
  xmlNodePtr title_node = NULL, link_node = NULL, href_node = NULL, guid_node = NULL, description_node = NULL;
  xmlNodePtr encoded_node = NULL, author_node = NULL;
  xmlNodePtr date_node = NULL;
  xmlNodePtr dc_date = NULL;
  CqItem *item;

  /* One pass over the item's children: the first of each element, the
   * last of the dates. */
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is (child, "title"))
        title_node = title_node != NULL ? title_node : child;
      else if (is (child, "link"))
        {
          const char *rel;

          link_node = link_node != NULL ? link_node : child;
          /* An Atom link, when the item has no link of its own. */
          if (href_node == NULL && attribute (child, "href") != NULL &&
              ((rel = attribute (child, "rel")) == NULL || !g_str_equal (rel, "self")))
            href_node = child;
        }
      else if (is (child, "guid"))
        guid_node = guid_node != NULL ? guid_node : child;
      else if (is (child, "description"))
        description_node = description_node != NULL ? description_node : child;
      else if (is (child, "encoded"))
        encoded_node = encoded_node != NULL ? encoded_node : child;
      else if (is (child, "pubDate"))
        date_node = child;
      else if (is (child, "date") || is (child, "issued") || is (child, "published"))
        dc_date = child;
      else if (is (child, "creator") || is (child, "author"))
        author_node = author_node != NULL ? author_node : child;
    }

  title_text = text_of (title_node);
  title = title_text != NULL ? _cq_feed_clean_title (title_text, strchr (title_text, '<') != NULL) : NULL;
  link_text = text_of (link_node);
  link = resolve (node, link_text);
  if (link == NULL && href_node != NULL)
    link = resolve (href_node, attribute (href_node, "href"));
  guid = text_of (guid_node);
  description = text_of (description_node);
  encoded = text_of (encoded_node);
  author = text_of (author_node);

  /* A permalink guid is the item's address when it gives no link. */
  if (link == NULL && guid != NULL && g_strcmp0 (attribute (guid_node, "isPermaLink"), "false") != 0)
    link = resolve (node, guid);
  if (guid != NULL)
    g_strstrip (guid);
  if (guid == NULL || *guid == '\0')
    {
      g_autoptr(GDateTime) date = parse_date (date_node != NULL ? date_node : dc_date, context->home, NULL);

      g_clear_pointer (&guid, g_free);
      guid = _cq_feed_fallback_guid (link, title, date);
    }

  item = cq_item_new (guid);
  cq_item_set_title (item, title);
  cq_item_set_link (item, link);
  if (author != NULL)
    cq_item_set_author (item, g_strstrip (author));
  set_published (item, date_node, dc_date, context->home);

  content = g_string_new (encoded != NULL ? encoded : description);
  append_attachments (node, content);
  _cq_feed_finish_item (context, item, description, content->str, link != NULL ? link : context->base_url);
  return item;
}

static char *
atom_link (xmlNodePtr node)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      const char *rel;

      if (!is (child, "link"))
        continue;
      rel = attribute (child, "rel");
      if (rel == NULL || g_str_equal (rel, "alternate"))
        return resolve (child, attribute (child, "href"));
    }
  return NULL;
}

static char *
atom_author (xmlNodePtr node)
{
  xmlNodePtr author = child_named (node, "author");
  g_autofree char *name = author != NULL ? child_text (author, "name") : NULL;

  return name != NULL ? g_strstrip (g_steal_pointer (&name)) : NULL;
}

/* The first of @names the entry has: Atom 1.0's element, then Atom 0.3's. */
static xmlNodePtr
first_child_named (xmlNodePtr  node,
                   const char *first,
                   const char *second)
{
  xmlNodePtr found = child_named (node, first);

  return found != NULL ? found : child_named (node, second);
}

static CqItem *
atom_entry (xmlNodePtr            node,
            const CqParseContext *context,
            const char           *feed_author)
{
  g_autofree char *title = atom_title (child_named (node, "title"));
  g_autofree char *link = atom_link (node);
  g_autofree char *guid = child_text (node, "id");
  g_autofree char *summary = atom_text_construct (child_named (node, "summary"));
  g_autofree char *content = atom_text_construct (child_named (node, "content"));
  g_autofree char *author = atom_author (node);
  g_autofree char *base = base_of (node);
  /* Atom 0.3 said modified, issued and created where 1.0 says updated and
   * published. */
  xmlNodePtr updated_node = first_child_named (node, "updated", "modified");
  xmlNodePtr published_node = first_child_named (node, "published", "issued");
  g_autoptr(GDateTime) updated = parse_date (updated_node, context->home, NULL);
  CqItem *item;

  if (published_node == NULL)
    published_node = child_named (node, "created");

  if (guid != NULL)
    g_strstrip (guid);
  if (guid == NULL || *guid == '\0')
    {
      g_clear_pointer (&guid, g_free);
      guid = _cq_feed_fallback_guid (link, title, updated);
    }

  item = cq_item_new (guid);
  cq_item_set_title (item, title);
  cq_item_set_link (item, link);
  cq_item_set_author (item, author != NULL ? author : feed_author);
  cq_item_set_updated (item, updated);
  set_published (item, published_node, updated_node, context->home);
  _cq_feed_finish_item (context, item, summary, content != NULL ? content : summary, base);
  return item;
}

/* What the walk after the parse continues: the feed the items read as the
 * document was parsed went to, and the entries that wait for the feed's
 * author (which may come after them). */
typedef struct {
  const CqParseContext *context;
  CqParsedFeed         *feed;
  GPtrArray            *without_author;
} Reading;

static CqParsedFeed *
parse_atom (xmlNodePtr            root,
            Reading              *reading)
{
  const CqParseContext *context = reading->context;
  CqParsedFeed *feed = reading->feed != NULL ? g_object_ref (reading->feed) : cq_parsed_feed_new (CQ_FEED_FORMAT_ATOM);
  g_autofree char *title = atom_title (child_named (root, "title"));
  g_autofree char *link = atom_link (root);
  g_autofree char *author = atom_author (root);
  guint n_cut_off = 0;

  cq_parsed_feed_set_title (feed, title);
  cq_parsed_feed_set_link (feed, link);
  for (guint i = 0; author != NULL && i < reading->without_author->len; i++)
    cq_item_set_author (g_ptr_array_index (reading->without_author, i), author);
  for (xmlNodePtr child = root->children; child != NULL; child = child->next)
    if (child->_private == &read_item)
      continue;
    else if (is (child, "entry") && cut_off (child))
      n_cut_off++;
    else if (is (child, "entry"))
      {
        g_autoptr(CqItem) item = atom_entry (child, context, author);

        cq_parsed_feed_add_item (feed, item);
      }
  if (recovered (root))
    cq_parsed_feed_set_recovered (feed, n_cut_off);
  return feed;
}

/* RSS 2.0 keeps items in the channel; RSS 1.0 beside it. */
/* An element left open before the items (an unclosed itunes:category, say)
 * puts them inside it when the document is read in recovery: items are
 * looked for a few levels down too, never inside an item. */
#define MAX_ITEM_DEPTH 4

static void
add_rss_items_within (CqParsedFeed         *feed,
                      xmlNodePtr            parent,
                      const CqParseContext *context,
                      guint                 depth,
                      guint                *n_cut_off)
{
  for (xmlNodePtr child = parent != NULL ? parent->children : NULL; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || child->_private == &read_item)
        continue;
      if (is (child, "item") && cut_off (child))
        (*n_cut_off)++;
      else if (is (child, "item"))
        {
          g_autoptr(CqItem) item = rss_item (child, context);

          cq_parsed_feed_add_item (feed, item);
        }
      /* The channel is read on its own (an RDF root holds it beside its items). */
      else if (depth < MAX_ITEM_DEPTH && !is (child, "channel"))
        add_rss_items_within (feed, child, context, depth + 1, n_cut_off);
    }
}

static CqParsedFeed *
parse_rss (xmlNodePtr            root,
           Reading              *reading)
{
  const CqParseContext *context = reading->context;
  CqParsedFeed *feed = reading->feed != NULL ? g_object_ref (reading->feed) : cq_parsed_feed_new (CQ_FEED_FORMAT_RSS);
  xmlNodePtr channel = is (root, "channel") ? root : child_named (root, "channel");
  g_autofree char *title = channel != NULL ? child_text (channel, "title") : NULL;
  g_autofree char *clean_title = title != NULL ? _cq_feed_clean_title (title, FALSE) : NULL;
  g_autofree char *link_text = channel != NULL ? child_text (channel, "link") : NULL;
  g_autofree char *link = channel != NULL ? resolve (channel, link_text) : NULL;

  guint n_cut_off = 0;

  cq_parsed_feed_set_title (feed, clean_title);
  cq_parsed_feed_set_link (feed, link);
  add_rss_items_within (feed, channel, context, 0, &n_cut_off);
  if (channel != root)
    add_rss_items_within (feed, root, context, 0, &n_cut_off);
  if (recovered (root))
    cq_parsed_feed_set_recovered (feed, n_cut_off);
  return feed;
}

/* Whether @item, just closed, is one the walk after the parse would read
 * in the order the document gives: an Atom entry of the root feed, or an
 * RSS item of the channel, a few levels down at most, in no other item or
 * channel (see add_rss_items_within()).  Items beside an RDF channel are
 * left to that walk, which reads them after the channel's. */
static gboolean
read_as_parsed (xmlNodePtr item,
                xmlNodePtr root)
{
  xmlNodePtr channel;
  guint depth = 0;

  if (is (item, "entry"))
    return is (root, "feed") && item->parent == root;
  if (!is (item, "item") || !(is (root, "rss") || is (root, "RDF") || is (root, "channel")))
    return FALSE;
  channel = is (root, "channel") ? root : child_named (root, "channel");
  if (channel == NULL)
    return FALSE;
  for (xmlNodePtr parent = item->parent; parent != channel; parent = parent->parent, depth++)
    if (parent == NULL || parent == root || depth >= MAX_ITEM_DEPTH || is (parent, "item") || is (parent, "channel"))
      return FALSE;
  return TRUE;
}

/* libxml2's tree builder, and then: an item or entry the document closes
 * is marked so (for cut_off()), and one of the feed's own is read at once
 * and its children freed.  The tree of a large feed is then never whole in
 * memory (a 10,000-item feed's tree is tens of megabytes, each page of it
 * faulted in fresh on a sync's worker thread), and each item is read while
 * its nodes are still in the cache. */
static void
read_closed_item (void          *ctx,
                  const xmlChar *localname,
                  const xmlChar *prefix,
                  const xmlChar *uri)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;
  xmlNodePtr closing = parser->node;
  xmlNodePtr root;
  g_autoptr(CqItem) item = NULL;

  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
  if (closing == NULL || closing->type != XML_ELEMENT_NODE ||
      !(xmlStrEqual (closing->name, BAD_CAST "item") || xmlStrEqual (closing->name, BAD_CAST "entry")))
    return;
  closing->_private = &closed_item;

  root = xmlDocGetRootElement (closing->doc);
  if (root == NULL || !read_as_parsed (closing, root))
    return;
  if (reading->feed == NULL)
    reading->feed = cq_parsed_feed_new (is (root, "feed") ? CQ_FEED_FORMAT_ATOM : CQ_FEED_FORMAT_RSS);
  if (is (closing, "entry"))
    {
      item = atom_entry (closing, reading->context, NULL);
      if (cq_item_get_author (item) == NULL)
        g_ptr_array_add (reading->without_author, g_object_ref (item));
    }
  else
    item = rss_item (closing, reading->context);
  cq_parsed_feed_add_item (reading->feed, item);

  /* The element stays, empty, the last of its parent's children: the
   * parser appends what follows as it would have. */
  xmlFreeNodeList (closing->children);
  closing->children = closing->last = NULL;
  closing->_private = &read_item;
}

static void
silence (void        *user_data,
         xmlErrorPtr  error)
{
}

static gboolean
is_feed_root (xmlNodePtr node)
{
  return is (node, "feed") || is (node, "rss") || is (node, "RDF") || is (node, "channel");
}

/* A feed wrapped in another document (an XHTML page whose body holds an
 * Atom feed, as some blog engines' previews serve it): the first feed
 * element a few levels down, breadth first. */
static xmlNodePtr
find_wrapped_feed (xmlNodePtr root)
{
  g_autoptr(GPtrArray) level = g_ptr_array_new ();

  g_ptr_array_add (level, root);
  for (guint depth = 0; depth < 4 && level->len > 0; depth++)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new ();

      for (guint i = 0; i < level->len; i++)
        for (xmlNodePtr child = ((xmlNodePtr) level->pdata[i])->children; child != NULL; child = child->next)
          {
            if (child->type != XML_ELEMENT_NODE)
              continue;
            if (is_feed_root (child))
              return child;
            /* Bounded: a page of thousands of elements is not searched whole. */
            if (next->len < 256)
              g_ptr_array_add (next, child);
          }
      g_ptr_array_unref (level);
      level = g_steal_pointer (&next);
    }
  return NULL;
}

CqParsedFeed *
_cq_xml_feed_parse (const char            *utf8,
                    gsize                  length,
                    const CqParseContext  *context,
                    GError               **error)
{
  xmlParserCtxtPtr parser;
  xmlDocPtr doc;
  xmlNodePtr root, wrapped;
  CqParsedFeed *feed = NULL;
  Reading reading = { context, NULL, NULL };

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE, _("The document is too large."));
      return NULL;
    }

  /* Blank lines before the XML declaration make the whole document "not
   * well-formed" to libxml2; they are nothing. */
  while (length > 0 && g_ascii_isspace (*utf8))
    {
      utf8++;
      length--;
    }

  /* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no
   * network, and libxml2's own limits on depth and text size stay on.  The
   * text is UTF-8 already, whatever its declaration says: told to ignore
   * the declaration, libxml2 reads it as UTF-8 as it is, where naming the
   * encoding sent every byte through a converter into a second copy (a
   * tenth of an RSS feed's parse, most of it faulting in fresh pages). */
  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE, _("The document is too large."));
      return NULL;
    }
  reading.without_author = g_ptr_array_new_with_free_func (g_object_unref);
  parser->sax->endElementNs = read_closed_item;
  parser->_private = &reading;
  xmlSetStructuredErrorFunc (NULL, silence);
  doc = xmlCtxtReadMemory (parser, utf8, (int) length, context->base_url, NULL,
                           XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc != NULL && !parser->wellFormed)
    doc->_private = &recovered_document;
  xmlFreeParserCtxt (parser);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root != NULL && !is_feed_root (root) && (wrapped = find_wrapped_feed (root)) != NULL)
    root = wrapped;
  if (root == NULL)
    g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED,
                         _("The document looks like XML but could not be read."));
  else if (is (root, "feed"))
    feed = parse_atom (root, &reading);
  else if (is (root, "rss") || is (root, "RDF") || is (root, "channel"))
    feed = parse_rss (root, &reading);
  else
    g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                 _("The document is XML, but not a feed (its root element is “%s”)."),
                 (const char *) root->name);

  if (doc != NULL)
    xmlFreeDoc (doc);
  g_clear_object (&reading.feed);
  g_ptr_array_unref (reading.without_author);
  return feed;
}
