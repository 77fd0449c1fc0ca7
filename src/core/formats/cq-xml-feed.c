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
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "cq-date-parser.h"
#include "cq-feed-private.h"
#include "cq-html.h"
#include "cq-item-private.h"
#include "cq-parse-error.h"

/* An element's name with no namespace: its prefix, when the document
 * never declared it, is kept in the name by libxml2's tree builder (and
 * left out of the parser's events); it is no part of the local name. */
static const char *
local_name_of (xmlNodePtr node)
{
  const char *colon;

  if (node->ns == NULL && (colon = strchr ((const char *) node->name, ':')) != NULL)
    return colon + 1;
  return (const char *) node->name;
}

static gboolean
is (xmlNodePtr  node,
    const char *local_name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_str_equal (local_name_of (node), local_name);
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
static void
append_text_of (GString    *text,
                xmlNodePtr  node)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
      /* A document read in recovery keeps even &amp; as a reference: the
       * five XML predefines are text; any other entity stays unexpanded. */
      else if (child->type == XML_ENTITY_REF_NODE && xmlGetPredefinedEntity (child->name) != NULL)
        g_string_append (text, (const char *) xmlGetPredefinedEntity (child->name)->content);
    }
}

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
  append_text_of (text, node);
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

  /* Most links are whole addresses, kept as they are: no xml:base to
   * look for (cq_html_resolve_url() would give the same copy). */
  if (cq_html_url_ignores_base (reference))
    return g_strdup (reference);
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
parse_date (const char *text,
            GTimeZone  *home,
            gboolean   *date_only)
{
  return text != NULL ? cq_date_parse (text, home, date_only) : NULL;
}

/* The first of two dates' texts (either may be NULL) that reads. */
static void
set_published (CqItem     *item,
               const char *primary,
               const char *fallback,
               GTimeZone  *home)
{
  gboolean date_only = FALSE;
  g_autoptr(GDateTime) published = parse_date (primary, home, &date_only);

  if (published == NULL)
    published = parse_date (fallback, home, &date_only);
  cq_item_set_published (item, published);
  cq_item_set_published_is_date (item, published != NULL && date_only);
}

/* An RSS item's child element, as the item's reading needs it: from the
 * tree (@node), or captured as the parser went, with no tree built for it
 * (see Capture).  @text is what text_of() gives. */
typedef struct {
  const char *name;
  const char *ns_href;
  xmlNodePtr  node;
  GString    *text;
  guint       first_attribute;   /* into Capture's attributes, in threes */
  guint       n_attributes;
} Child;

/* The children of the item being read, and their attributes: (local
 * name, namespace or NULL, value or NULL) each.  Reused from item to item:
 * their texts keep their room. */
typedef struct {
  Child     *children;
  guint      n_children;
  guint      allocated;
  GPtrArray *attributes;
} Children;

static void
children_clear (Children *self)
{
  for (guint i = 0; i < self->allocated; i++)
    g_string_free (self->children[i].text, TRUE);
  g_free (self->children);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
}

static Child *
children_add (Children   *self,
              const char *name,
              const char *ns_href,
              xmlNodePtr  node)
{
  Child *child;

  if (self->n_children == self->allocated)
    {
      guint allocated = MAX (16, self->allocated * 2);

      self->children = g_renew (Child, self->children, allocated);
      for (guint i = self->allocated; i < allocated; i++)
        self->children[i].text = g_string_sized_new (256);
      self->allocated = allocated;
    }
  child = &self->children[self->n_children++];
  child->name = name;
  child->ns_href = ns_href;
  child->node = node;
  g_string_truncate (child->text, 0);
  child->first_attribute = self->attributes->len;
  child->n_attributes = 0;
  return child;
}

static void
children_reset (Children *self)
{
  self->n_children = 0;
  g_ptr_array_set_size (self->attributes, 0);
}

/* The element children of a tree's @item, for the reading. */
static void
children_read_tree (Children   *self,
                    xmlNodePtr  item)
{
  children_reset (self);
  for (xmlNodePtr node = item->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        Child *child = children_add (self, local_name_of (node),
                                     node->ns != NULL ? (const char *) node->ns->href : NULL, node);

        append_text_of (child->text, node);
      }
}

static const char *
child_attribute (const Children *self,
                 const Child    *child,
                 const char     *name)
{
  if (child->node != NULL)
    return attribute (child->node, name);
  /* As cq_html_get_attribute() reads the tree: the first of that name
   * (in any namespace) whose value is text. */
  for (guint i = child->first_attribute; i < child->first_attribute + 3 * child->n_attributes; i += 3)
    if (g_ascii_strcasecmp (self->attributes->pdata[i], name) == 0 && self->attributes->pdata[i + 2] != NULL)
      return self->attributes->pdata[i + 2];
  return NULL;
}

static gboolean
child_is (const Child *child,
          const char  *local_name)
{
  return child != NULL && g_str_equal (child->name, local_name);
}

static gboolean
child_in_namespace (const Child *child,
                    const char  *fragment)
{
  return child->ns_href != NULL && strstr (child->ns_href, fragment) != NULL;
}

/* What a relative reference in @child resolves against: its own xml:base
 * over the item's, as xmlNodeGetBase() reads the tree. */
static char *
child_base (const Children *self,
            const Child    *child,
            xmlNodePtr      item)
{
  const char *own = NULL;
  g_autofree char *item_base = NULL;
  xmlChar *built;
  char *base;

  if (child->node != NULL)
    return base_of (child->node);
  for (guint i = child->first_attribute; i < child->first_attribute + 3 * child->n_attributes; i += 3)
    if (g_str_equal (self->attributes->pdata[i], "base") &&
        g_strcmp0 (self->attributes->pdata[i + 1], (const char *) XML_XML_NAMESPACE) == 0)
      {
        own = self->attributes->pdata[i + 2];
        break;
      }
  if (own == NULL)
    return base_of (item);
  if (g_str_has_prefix (own, "http://") || g_str_has_prefix (own, "ftp://") || g_str_has_prefix (own, "urn:"))
    return g_strdup (own);
  item_base = base_of (item);
  if (item_base == NULL)
    return g_strdup (own);
  built = xmlBuildURI ((const xmlChar *) own, (const xmlChar *) item_base);
  base = g_strdup ((const char *) built);
  xmlFree (built);
  return base;
}

static char *
child_resolve (const Children *self,
               const Child    *child,
               xmlNodePtr      item,
               const char     *reference)
{
  g_autofree char *base = NULL;

  if (cq_html_url_ignores_base (reference))
    return g_strdup (reference);
  base = child_base (self, child, item);
  return cq_html_resolve_url (base, reference, FALSE);
}

/* Enclosures and Media RSS: images become part of the body, other files
 * a link to them.  Returns @html (nullable) with them after it, or %NULL
 * when the item has none. */
static char *
with_attachments (const Children *children,
                  xmlNodePtr      item,
                  const char     *html)
{
  g_autoptr(GString) with = NULL;

  for (guint i = 0; i < children->n_children; i++)
    {
      const Child *child = &children->children[i];
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;
      const char *type;
      gboolean image;

      if (!child_is (child, "enclosure") &&
          !(child_in_namespace (child, "search.yahoo.com/mrss") &&
            (child_is (child, "content") || child_is (child, "thumbnail"))))
        continue;

      url = child_resolve (children, child, item, child_attribute (children, child, "url"));
      if (url == NULL)
        continue;
      type = child_attribute (children, child, "type");
      image = child_is (child, "thumbnail") || g_strcmp0 (child_attribute (children, child, "medium"), "image") == 0 ||
              (type != NULL && g_str_has_prefix (type, "image/"));
      escaped = g_markup_escape_text (url, -1);
      if (with == NULL)
        with = g_string_new (html);
      if (image)
        g_string_append_printf (with, "<p><img src=\"%s\" alt=\"\"></p>", escaped);
      else
        g_string_append_printf (with, "<p><a href=\"%s\">%s</a></p>", escaped, escaped);
    }
  return with != NULL ? g_string_free (g_steal_pointer (&with), FALSE) : NULL;
}

static const char *
text_of_child (const Child *child)
{
  return child != NULL ? child->text->str : NULL;
}

static char *
child_text_copy (const Child *child)
{
  return child != NULL ? g_strndup (child->text->str, child->text->len) : NULL;
}

/* An RSS item from its element @node and its @children. */
static CqItem *
rss_item (xmlNodePtr            node,
          const Children       *children,
          const CqParseContext *context)
{
  g_autofree char *title = NULL;
  g_autofree char *link = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *author = NULL;
  g_autofree char *attached = NULL;
  const Child *title_child = NULL, *link_child = NULL, *href_child = NULL, *guid_child = NULL;
  const Child *description = NULL, *encoded = NULL, *author_child = NULL;
  const Child *date_child = NULL, *dc_date = NULL;
  const char *description_text, *content_text;
  CqItem *item;

  /* One pass over the item's children: the first of each element, the
   * last of the dates. */
  for (guint i = 0; i < children->n_children; i++)
    {
      const Child *child = &children->children[i];

      if (child_is (child, "title"))
        title_child = title_child != NULL ? title_child : child;
      else if (child_is (child, "link"))
        {
          const char *rel;

          link_child = link_child != NULL ? link_child : child;
          /* An Atom link, when the item has no link of its own. */
          if (href_child == NULL && child_attribute (children, child, "href") != NULL &&
              ((rel = child_attribute (children, child, "rel")) == NULL || !g_str_equal (rel, "self")))
            href_child = child;
        }
      else if (child_is (child, "guid"))
        guid_child = guid_child != NULL ? guid_child : child;
      else if (child_is (child, "description"))
        description = description != NULL ? description : child;
      else if (child_is (child, "encoded"))
        encoded = encoded != NULL ? encoded : child;
      else if (child_is (child, "pubDate"))
        date_child = child;
      else if (child_is (child, "date") || child_is (child, "issued") || child_is (child, "published"))
        dc_date = child;
      else if (child_is (child, "creator") || child_is (child, "author"))
        author_child = author_child != NULL ? author_child : child;
    }

  if (title_child != NULL)
    title = _cq_feed_clean_title (title_child->text->str, strchr (title_child->text->str, '<') != NULL);
  if (link_child != NULL)
    link = resolve (node, link_child->text->str);
  if (link == NULL && href_child != NULL)
    link = child_resolve (children, href_child, node, child_attribute (children, href_child, "href"));
  guid = child_text_copy (guid_child);
  author = child_text_copy (author_child);

  /* A permalink guid is the item's address when it gives no link. */
  if (link == NULL && guid != NULL && g_strcmp0 (child_attribute (children, guid_child, "isPermaLink"), "false") != 0)
    link = resolve (node, guid);
  if (guid != NULL)
    g_strstrip (guid);

  if (guid == NULL || *guid == '\0')
    {
      g_autoptr(GDateTime) date = parse_date (text_of_child (date_child != NULL ? date_child : dc_date),
                                              context->home, NULL);

      g_clear_pointer (&guid, g_free);
      guid = _cq_feed_fallback_guid (link, title, date);
    }

  if (author != NULL)
    g_strstrip (author);
  item = _cq_item_new_take (g_steal_pointer (&guid), g_steal_pointer (&title), g_steal_pointer (&link),
                            g_steal_pointer (&author));
  set_published (item, text_of_child (date_child), text_of_child (dc_date), context->home);

  description_text = text_of_child (description);
  content_text = encoded != NULL ? encoded->text->str : description_text;
  attached = with_attachments (children, node, content_text);
  _cq_feed_finish_item (context, item, description_text, attached != NULL ? attached : content_text,
                        _cq_feed_item_base (context, item));
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
  g_autofree char *updated_text = text_of (first_child_named (node, "updated", "modified"));
  g_autofree char *published_text = text_of (first_child_named (node, "published", "issued"));
  g_autoptr(GDateTime) updated = parse_date (updated_text, context->home, NULL);
  CqItem *item;

  if (published_text == NULL)
    published_text = text_of (child_named (node, "created"));

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
  set_published (item, published_text, updated_text, context->home);
  _cq_feed_finish_item (context, item, summary, content != NULL ? content : summary, base);
  return item;
}

/* What the walk after the parse continues: the feed the items read as the
 * document was parsed went to, and the entries that wait for the feed's
 * author (which may come after them).  @capturing is the RSS item whose
 * children are read from the parser's events (see capture_start()),
 * @depth how many elements are open inside it. */
typedef struct {
  const CqParseContext *context;
  CqParsedFeed         *feed;
  GPtrArray            *without_author;
  Children              children;
  xmlNodePtr            capturing;
  guint                 depth;
  Child                *child;
  gboolean              untold;   /* an item was not told: none after it is */
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
                      Reading              *reading,
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
          g_autoptr(CqItem) item = NULL;

          children_read_tree (&reading->children, child);
          item = rss_item (child, &reading->children, reading->context);
          cq_parsed_feed_add_item (feed, item);
        }
      /* The channel is read on its own (an RDF root holds it beside its items). */
      else if (depth < MAX_ITEM_DEPTH && !is (child, "channel"))
        add_rss_items_within (feed, child, reading, depth + 1, n_cut_off);
    }
}

static CqParsedFeed *
parse_rss (xmlNodePtr            root,
           Reading              *reading)
{
  CqParsedFeed *feed = reading->feed != NULL ? g_object_ref (reading->feed) : cq_parsed_feed_new (CQ_FEED_FORMAT_RSS);
  xmlNodePtr channel = is (root, "channel") ? root : child_named (root, "channel");
  g_autofree char *title = channel != NULL ? child_text (channel, "title") : NULL;
  g_autofree char *clean_title = title != NULL ? _cq_feed_clean_title (title, FALSE) : NULL;
  g_autofree char *link_text = channel != NULL ? child_text (channel, "link") : NULL;
  g_autofree char *link = channel != NULL ? resolve (channel, link_text) : NULL;

  guint n_cut_off = 0;

  cq_parsed_feed_set_title (feed, clean_title);
  cq_parsed_feed_set_link (feed, link);
  add_rss_items_within (feed, channel, reading, 0, &n_cut_off);
  if (channel != root)
    add_rss_items_within (feed, root, reading, 0, &n_cut_off);
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

/* Whether the parser's events are the captured item's now: not while it
 * reads the text of an entity the document declares, the first time one is
 * referred to (it builds that into a tree of its own, its node then). */
static gboolean
capturing (Reading          *reading,
           xmlParserCtxtPtr  parser)
{
  return reading->capturing != NULL && parser->node == reading->capturing;
}

/* An item read as the document closed it goes into the feed, and is told
 * at once (cq_feed_parse_streaming()) while every item before it was: an
 * Atom entry with no author of its own waits for the feed's, which may
 * come after it, and the items after it are not told either, so that what
 * is told stays the beginning of the list. */
static void
add_read_item (Reading    *reading,
               xmlNodePtr  root,
               CqItem     *item)
{
  const CqParseContext *context = reading->context;
  GPtrArray *items;
  guint before;

  if (reading->feed == NULL)
    reading->feed = cq_parsed_feed_new (is (root, "feed") ? CQ_FEED_FORMAT_ATOM : CQ_FEED_FORMAT_RSS);
  items = cq_parsed_feed_get_items (reading->feed);
  before = items->len;
  cq_parsed_feed_add_item (reading->feed, item);

  if (context->item_func == NULL || reading->untold)
    return;
  if (is (root, "feed") && cq_item_get_author (item) == NULL)
    reading->untold = TRUE;
  /* Not listed: a guid listed before, or past the cap. */
  else if (items->len > before)
    context->item_func (item, context->item_data);
}

/* libxml2's tree builder, and then: an item or entry the document closes
 * is marked so (for cut_off()), and one of the feed's own is read at once
 * and its children freed.  The tree of a large feed is then never whole in
 * memory (a 10,000-item feed's tree is tens of megabytes, each page of it
 * faulted in fresh on a sync's worker thread), and each item is read while
 * its nodes are still in the cache.  An RSS item's children are not built
 * at all (see capture_start()). */
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

  if (capturing (reading, parser) && reading->depth > 0)
    {
      /* A child of the captured item, or something inside one, ends. */
      if (--reading->depth == 0)
        reading->child = NULL;
      return;
    }

  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
  /* Items and entries by local name, as the walk after the parse finds
   * them (is()): "x:item" with x never declared is an item too. */
  if (!is (closing, "item") && !is (closing, "entry"))
    return;
  closing->_private = &closed_item;
  root = xmlDocGetRootElement (closing->doc);

  /* Every RSS item read_as_parsed() would read was captured from its
   * start (capture_start()); any other is left to the walk. */
  if (closing == reading->capturing)
    {
      reading->capturing = NULL;
      item = rss_item (closing, &reading->children, reading->context);
      add_read_item (reading, root, item);
      closing->_private = &read_item;
      return;
    }

  if (root == NULL || !is (closing, "entry") || !read_as_parsed (closing, root))
    return;
  item = atom_entry (closing, reading->context, NULL);
  if (cq_item_get_author (item) == NULL)
    g_ptr_array_add (reading->without_author, g_object_ref (item));
  add_read_item (reading, root, item);

  /* The element stays, empty, the last of its parent's children: the
   * parser appends what follows as it would have. */
  xmlFreeNodeList (closing->children);
  closing->children = closing->last = NULL;
  closing->_private = &read_item;
}

/* An attribute's value as the tree builder would keep it
 * (xmlSAX2AttributeNs()) and cq_html_get_attribute() would read it: a
 * value the parser decoded may hold references, and then only the text
 * before the first of them is the attribute's text. */
static char *
captured_value (xmlDocPtr      doc,
                const xmlChar *value,
                const xmlChar *end)
{
  xmlNodePtr list;
  char *copy = NULL;

  if (*end != '\0')
    return g_strndup ((const char *) value, end - value);
  list = xmlStringLenGetNodeList (doc, value, (int) (end - value));
  if (list != NULL && list->type == XML_TEXT_NODE)
    copy = g_strdup ((const char *) list->content);
  xmlFreeNodeList (list);
  return copy;
}

/* An RSS item of the channel (one read_as_parsed() would read) is read
 * from the parser's events: its children's names, attributes and text go
 * into the reading's Children as they come, and no node is made for them,
 * nor freed after (a fifth of a large feed's parse went to building and
 * freeing them).  The item's own element is built as any other, for
 * cut_off() and its xml:base. */
static void
capture_start (void           *ctx,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             n_namespaces,
               const xmlChar **namespaces,
               int             n_attributes,
               int             n_defaulted,
               const xmlChar **attributes)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;
  xmlNodePtr parent = parser->node;
  xmlNodePtr root;

  if (capturing (reading, parser))
    {
      if (reading->depth++ > 0)
        return;   /* inside a child: not read (text_of() reads a child's own text) */
      reading->child = children_add (&reading->children, (const char *) localname, (const char *) uri, NULL);
      /* Attributes the DTD defaults are not kept (no XML_PARSE_DTDATTR). */
      for (int i = 0; i < n_attributes - n_defaulted; i++)
        {
          const xmlChar **attribute = &attributes[5 * i];

          g_ptr_array_add (reading->children.attributes, g_strdup ((const char *) attribute[0]));
          g_ptr_array_add (reading->children.attributes, g_strdup ((const char *) attribute[2]));
          g_ptr_array_add (reading->children.attributes,
                           captured_value (parser->myDoc, attribute[3], attribute[4]));
          reading->child->n_attributes++;
        }
      return;
    }

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, n_namespaces, namespaces, n_attributes, n_defaulted,
                         attributes);
  if (parser->node == parent || parser->node == NULL || !xmlStrEqual (localname, BAD_CAST "item"))
    return;
  root = xmlDocGetRootElement (parser->myDoc);
  if (root != NULL && read_as_parsed (parser->node, root))
    {
      reading->capturing = parser->node;
      reading->depth = 0;
      reading->child = NULL;
      children_reset (&reading->children);
    }
}

static void
capture_text (void          *ctx,
              const xmlChar *text,
              int            length)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;

  if (!capturing (reading, parser))
    xmlSAX2Characters (ctx, text, length);
  else if (reading->child != NULL && reading->depth == 1)
    g_string_append_len (reading->child->text, (const char *) text, length);
}

static void
capture_reference (void          *ctx,
                   const xmlChar *name)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;
  xmlEntityPtr predefined;

  if (!capturing (reading, parser))
    xmlSAX2Reference (ctx, name);
  /* As text_of(): the five XML predefines are text, no other entity is. */
  else if (reading->child != NULL && reading->depth == 1 && (predefined = xmlGetPredefinedEntity (name)) != NULL)
    g_string_append (reading->child->text, (const char *) predefined->content);
}

/* Comments and processing instructions in a captured item are not read. */
static void
capture_comment (void          *ctx,
                 const xmlChar *value)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;

  if (!capturing (reading, parser))
    xmlSAX2Comment (ctx, value);
}

static void
capture_instruction (void          *ctx,
                     const xmlChar *target,
                     const xmlChar *data)
{
  xmlParserCtxtPtr parser = ctx;
  Reading *reading = parser->_private;

  if (!capturing (reading, parser))
    xmlSAX2ProcessingInstruction (ctx, target, data);
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
  Reading reading = { .context = context };

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
  reading.children.attributes = g_ptr_array_new_with_free_func (g_free);
  parser->sax->startElementNs = capture_start;
  parser->sax->endElementNs = read_closed_item;
  parser->sax->characters = capture_text;
  parser->sax->ignorableWhitespace = capture_text;
  parser->sax->reference = capture_reference;
  parser->sax->comment = capture_comment;
  parser->sax->processingInstruction = capture_instruction;
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
  children_clear (&reading.children);
  return feed;
}
