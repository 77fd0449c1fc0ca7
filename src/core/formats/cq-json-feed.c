/* cq-json-feed.c: JSON Feed 1.0 and 1.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-date-parser.h"
#include "cq-feed.h"
#include "cq-feed-private.h"
#include "cq-html.h"
#include "cq-json.h"

#define JSON_MAX_DEPTH 64

/* Members of the wrong type read as absent: being liberal in what we
 * accept means one odd field does not cost the whole item. */
static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  return node_string (json_object_get_member (object, member));
}

static char *
node_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  /* 1.0 allowed numbers; 1.1 says strings. */
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* 1.1 has "authors", 1.0 "author"; the item's, else the feed's. */
static const char *
author_name (JsonNode *authors,
             JsonNode *author)
{
  JsonObject *found = author != NULL && JSON_NODE_HOLDS_OBJECT (author) ? json_node_get_object (author) : NULL;

  if (authors != NULL && JSON_NODE_HOLDS_ARRAY (authors) && json_array_get_length (json_node_get_array (authors)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (authors), 0);

      found = JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
    }
  return found != NULL ? get_string (found, "name") : NULL;
}

static GDateTime *
node_date (JsonNode   *node,
           GTimeZone  *home,
           gboolean   *date_only)
{
  const char *text = node_string (node);

  return text != NULL ? cq_date_parse (text, home, date_only) : NULL;
}

/* The members an item is read from, found in one pass over it: an item
 * holds half a dozen, and looking up each of the twelve by name (most of
 * them absent) was a twelfth of a JSON Feed's parse. */
typedef struct {
  JsonNode *id;
  JsonNode *url;
  JsonNode *external_url;
  JsonNode *title;
  JsonNode *date_published;
  JsonNode *date_modified;
  JsonNode *content_html;
  JsonNode *content_text;
  JsonNode *summary;
  JsonNode *image;
  JsonNode *authors;
  JsonNode *author;
} ItemMembers;

static const struct {
  const char *name;
  gsize       offset;
} item_members[] = {
  { "id", G_STRUCT_OFFSET (ItemMembers, id) },
  { "url", G_STRUCT_OFFSET (ItemMembers, url) },
  { "title", G_STRUCT_OFFSET (ItemMembers, title) },
  { "content_html", G_STRUCT_OFFSET (ItemMembers, content_html) },
  { "date_published", G_STRUCT_OFFSET (ItemMembers, date_published) },
  { "summary", G_STRUCT_OFFSET (ItemMembers, summary) },
  { "content_text", G_STRUCT_OFFSET (ItemMembers, content_text) },
  { "date_modified", G_STRUCT_OFFSET (ItemMembers, date_modified) },
  { "external_url", G_STRUCT_OFFSET (ItemMembers, external_url) },
  { "image", G_STRUCT_OFFSET (ItemMembers, image) },
  { "authors", G_STRUCT_OFFSET (ItemMembers, authors) },
  { "author", G_STRUCT_OFFSET (ItemMembers, author) },
};

static void
read_item_members (JsonObject  *object,
                   ItemMembers *members)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  memset (members, 0, sizeof *members);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    for (guint i = 0; i < G_N_ELEMENTS (item_members); i++)
      if (strcmp (name, item_members[i].name) == 0)
        {
          G_STRUCT_MEMBER (JsonNode *, members, item_members[i].offset) = node;
          break;
        }
}

static CqItem *
json_item (JsonObject           *object,
           const CqParseContext *context,
           const char           *feed_author)
{
  ItemMembers m;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  g_autofree char *external = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text_html = NULL;
  g_autoptr(GString) content = NULL;
  gboolean date_only = FALSE;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(GDateTime) modified = NULL;
  const char *html, *text, *summary, *image, *author;
  CqItem *item;

  read_item_members (object, &m);
  id = node_id (m.id);
  link = cq_html_resolve_url (context->base_url, node_string (m.url), FALSE);
  external = cq_html_resolve_url (context->base_url, node_string (m.external_url), FALSE);
  title = _cq_feed_clean_title (node_string (m.title), FALSE);
  published = node_date (m.date_published, context->home, &date_only);
  modified = node_date (m.date_modified, context->home, NULL);
  html = node_string (m.content_html);
  text = node_string (m.content_text);
  summary = node_string (m.summary);
  image = node_string (m.image);
  author = author_name (m.authors, m.author);

  if (link == NULL)
    link = g_steal_pointer (&external);
  if (id == NULL)
    id = _cq_feed_fallback_guid (link, title, published);

  if (html == NULL && text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
      g_autofree char *joined = g_strjoinv ("</p><p>", paragraphs);

      text_html = g_strconcat ("<p>", joined, "</p>", NULL);
      html = text_html;
    }

  content = g_string_new (NULL);
  if (image != NULL && (html == NULL || strstr (html, image) == NULL))
    {
      g_autofree char *escaped = g_markup_escape_text (image, -1);

      g_string_append_printf (content, "<p><img alt=\"\" src=\"%s\"></p>", escaped);
    }
  if (html != NULL)
    g_string_append (content, html);

  item = cq_item_new (id);
  cq_item_set_title (item, title);
  cq_item_set_link (item, link);
  cq_item_set_author (item, author != NULL ? author : feed_author);
  cq_item_set_published (item, published != NULL ? published : modified);
  cq_item_set_published_is_date (item, published != NULL && date_only);
  cq_item_set_updated (item, modified);
  _cq_feed_finish_item (context, item, summary != NULL ? summary : html, content->str,
                        link != NULL ? link : context->base_url);
  return item;
}

/* The spec's version address, over https or http, in any case. */
static gboolean
says_json_feed (const char *version)
{
  static const char address[] = "://jsonfeed.org/version/";

  if (version == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (version, "https", 5) == 0)
    version += 5;
  else if (g_ascii_strncasecmp (version, "http", 4) == 0)
    version += 4;
  else
    return FALSE;
  return g_ascii_strncasecmp (version, address, sizeof address - 1) == 0;
}

/* Every item is an object with a few more inside (authors, attachments);
 * more objects than this cannot be a feed within the item cap. */
#define JSON_MAX_OBJECTS (CQ_FEED_MAX_ITEMS * 16)

static gsize
count_objects (const char *utf8,
               gsize       length)
{
  gsize n = 0;

  for (const char *p = memchr (utf8, '{', length); p != NULL;
       p = memchr (p + 1, '{', length - (p + 1 - utf8)))
    n++;
  return n;
}

CqParsedFeed *
_cq_json_feed_parse (const char            *utf8,
                     gsize                  length,
                     const CqParseContext  *context,
                     GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CqParsedFeed) feed = NULL;
  g_autofree char *title = NULL;
  g_autofree char *home = NULL;
  JsonObject *object;
  JsonNode *items_node;
  JsonArray *items;
  const char *version;
  const char *feed_author;

  /* json-glib builds a node for every object before any is looked at:
   * a document of a million tiny objects is refused before it is built. */
  if (count_objects (utf8, length) > JSON_MAX_OBJECTS)
    {
      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                   _("The document lists more than %u items; Communiqué reads at most that many from one document."),
                   CQ_FEED_MAX_ITEMS);
      return NULL;
    }
  root = cq_json_parse_bounded (utf8, length, CQ_FEED_MAX_SIZE, JSON_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED, "%s", local_error->message);
      return NULL;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? get_string (object, "version") : NULL;
  items_node = object != NULL ? json_object_get_member (object, "items") : NULL;
  items = items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node) ? json_node_get_array (items_node) : NULL;
  /* A document that says it is a JSON Feed is one, with no items yet if it
   * lists none; one that lists items is one whatever its version says
   * (feeds in the wild write "1.1", or the address over http). */
  if (items == NULL && !says_json_feed (version))
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                           _("The document is JSON, but not a JSON Feed (it has no list of items)."));
      return NULL;
    }

  feed = cq_parsed_feed_new (CQ_FEED_FORMAT_JSON_FEED);
  title = _cq_feed_clean_title (get_string (object, "title"), FALSE);
  home = cq_html_resolve_url (context->base_url, get_string (object, "home_page_url"), FALSE);
  cq_parsed_feed_set_title (feed, title);
  cq_parsed_feed_set_link (feed, home);
  feed_author = author_name (json_object_get_member (object, "authors"), json_object_get_member (object, "author"));

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(CqItem) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_item (json_node_get_object (node), context, feed_author);
      cq_parsed_feed_add_item (feed, item);
    }

  return g_steal_pointer (&feed);
}
