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
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
get_id (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  /* 1.0 allowed numbers; 1.1 says strings. */
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* 1.1 has "authors", 1.0 "author"; the item's, else the feed's. */
static const char *
author_name (JsonObject *object)
{
  JsonArray *authors = get_array (object, "authors");
  JsonObject *author = get_object (object, "author");

  if (authors != NULL && json_array_get_length (authors) > 0)
    {
      JsonNode *first = json_array_get_element (authors, 0);

      author = JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
    }
  return author != NULL ? get_string (author, "name") : NULL;
}

static GDateTime *
get_date (JsonObject *object,
          const char *member,
          GTimeZone  *home,
          gboolean   *date_only)
{
  const char *text = get_string (object, member);

  return text != NULL ? cq_date_parse (text, home, date_only) : NULL;
}

static CqItem *
json_item (JsonObject           *object,
           const CqParseContext *context,
           const char           *feed_author)
{
  g_autofree char *id = get_id (object);
  g_autofree char *link = cq_html_resolve_url (context->base_url, get_string (object, "url"), FALSE);
  g_autofree char *external = cq_html_resolve_url (context->base_url, get_string (object, "external_url"), FALSE);
  g_autofree char *title = _cq_feed_clean_title (get_string (object, "title"), FALSE);
  g_autofree char *text_html = NULL;
  g_autoptr(GString) content = NULL;
  gboolean date_only = FALSE;
  g_autoptr(GDateTime) published = get_date (object, "date_published", context->home, &date_only);
  g_autoptr(GDateTime) modified = get_date (object, "date_modified", context->home, NULL);
  const char *html = get_string (object, "content_html");
  const char *text = get_string (object, "content_text");
  const char *summary = get_string (object, "summary");
  const char *image = get_string (object, "image");
  const char *author = author_name (object);
  CqItem *item;

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
  JsonArray *items;
  const char *version;

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
  items = object != NULL ? get_array (object, "items") : NULL;
  if (items == NULL || (version != NULL && !g_str_has_prefix (version, "https://jsonfeed.org/version/")))
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

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(CqItem) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_item (json_node_get_object (node), context, author_name (object));
      cq_parsed_feed_add_item (feed, item);
    }

  return g_steal_pointer (&feed);
}
