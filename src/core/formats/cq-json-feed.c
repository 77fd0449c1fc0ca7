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
#include "cq-item-private.h"
#include "cq-json.h"

#define JSON_MAX_DEPTH 64

/* A member's name against one the reader looks for. */
static inline gboolean
named (const char *name,
       gsize       length,
       const char *wanted)
{
  return strlen (wanted) == length && memcmp (name, wanted, length) == 0;
}

/* A member read again replaces what it said before (a repeated member's
 * last value is the one, as in json-glib), and one of the wrong type reads
 * as absent: being liberal in what we accept means one odd field does not
 * cost the whole item. */
static void
take_string (CqJsonReader  *reader,
             char         **field)
{
  g_free (*field);
  *field = cq_json_reader_dup_string (reader);
}

/* 1.1 has "authors", 1.0 "author": the first author's name, whichever the
 * object has ("authors" if it lists any). */
typedef struct {
  gboolean  listed;        /* "authors" lists at least one */
  char     *first_listed;  /* its first one's name */
  char     *single;        /* "author"'s name */
} Authors;

static void
authors_clear (Authors *authors)
{
  g_free (authors->first_listed);
  g_free (authors->single);
}

static const char *
authors_name (const Authors *authors)
{
  return authors->listed ? authors->first_listed : authors->single;
}

/* An author object's "name", or NULL for a value that is not an object. */
static char *
read_author (CqJsonReader *reader)
{
  char *result = NULL;
  const char *name;
  gsize length;

  if (cq_json_reader_peek (reader) != CQ_JSON_OBJECT)
    {
      cq_json_reader_skip (reader);
      return NULL;
    }
  cq_json_reader_enter_object (reader);
  while (cq_json_reader_next_member (reader, &name, &length))
    if (named (name, length, "name"))
      take_string (reader, &result);
    else
      cq_json_reader_skip (reader);
  return result;
}

/* A member of an object that may name its authors; FALSE if it is not
 * one of the two. */
static gboolean
read_authors_member (CqJsonReader *reader,
                     const char   *name,
                     gsize         length,
                     Authors      *authors)
{
  if (named (name, length, "author"))
    {
      g_free (authors->single);
      authors->single = read_author (reader);
      return TRUE;
    }
  if (!named (name, length, "authors"))
    return FALSE;

  authors->listed = FALSE;
  g_clear_pointer (&authors->first_listed, g_free);
  if (cq_json_reader_peek (reader) != CQ_JSON_ARRAY)
    {
      cq_json_reader_skip (reader);
      return TRUE;
    }
  cq_json_reader_enter_array (reader);
  if (cq_json_reader_next_element (reader))
    {
      authors->listed = TRUE;
      authors->first_listed = read_author (reader);
      while (cq_json_reader_next_element (reader))
        cq_json_reader_skip (reader);
    }
  return TRUE;
}

/* "id": 1.0 allowed numbers, 1.1 says strings; an empty one is none. */
static char *
read_id (CqJsonReader *reader)
{
  const char *number;
  gint64 value;
  gsize length;
  char *id;

  switch (cq_json_reader_peek (reader))
    {
    case CQ_JSON_STRING:
      id = cq_json_reader_dup_string (reader);
      if (id != NULL && *id == '\0')
        g_clear_pointer (&id, g_free);
      return id;
    case CQ_JSON_NUMBER:
      number = cq_json_reader_read_number (reader, &length);
      if (number == NULL || memchr (number, '.', length) != NULL || memchr (number, 'e', length) != NULL ||
          memchr (number, 'E', length) != NULL)
        return NULL;
      id = g_strndup (number, length);
      /* Written as json-glib would read it ("-0" is 0); one too long for
       * 64 bits is kept as its digits. */
      if (g_ascii_string_to_signed (id, 10, G_MININT64, G_MAXINT64, &value, NULL))
        {
          g_free (id);
          id = g_strdup_printf ("%" G_GINT64_FORMAT, value);
        }
      return id;
    case CQ_JSON_NONE:
      return NULL;
    default:
      cq_json_reader_skip (reader);
      return NULL;
    }
}

/* What an item says, read in one pass over its members. */
typedef struct {
  char    *id;
  char    *url;
  char    *external_url;
  char    *title;
  char    *date_published;
  char    *date_modified;
  char    *content_html;
  char    *content_text;
  char    *summary;
  char    *image;
  Authors  authors;
} ItemMembers;

static const struct {
  const char *name;
  gsize       offset;
} item_strings[] = {
  { "url", G_STRUCT_OFFSET (ItemMembers, url) },
  { "title", G_STRUCT_OFFSET (ItemMembers, title) },
  { "content_html", G_STRUCT_OFFSET (ItemMembers, content_html) },
  { "date_published", G_STRUCT_OFFSET (ItemMembers, date_published) },
  { "summary", G_STRUCT_OFFSET (ItemMembers, summary) },
  { "content_text", G_STRUCT_OFFSET (ItemMembers, content_text) },
  { "date_modified", G_STRUCT_OFFSET (ItemMembers, date_modified) },
  { "external_url", G_STRUCT_OFFSET (ItemMembers, external_url) },
  { "image", G_STRUCT_OFFSET (ItemMembers, image) },
};

static void
item_members_clear (ItemMembers *m)
{
  g_free (m->id);
  for (guint i = 0; i < G_N_ELEMENTS (item_strings); i++)
    g_free (G_STRUCT_MEMBER (char *, m, item_strings[i].offset));
  authors_clear (&m->authors);
}

static void
read_item_members (CqJsonReader *reader,
                   ItemMembers  *m)
{
  const char *name;
  gsize length;

  cq_json_reader_enter_object (reader);
  while (cq_json_reader_next_member (reader, &name, &length))
    {
      guint i;

      if (named (name, length, "id"))
        {
          g_free (m->id);
          m->id = read_id (reader);
          continue;
        }
      for (i = 0; i < G_N_ELEMENTS (item_strings); i++)
        if (named (name, length, item_strings[i].name))
          {
            take_string (reader, &G_STRUCT_MEMBER (char *, m, item_strings[i].offset));
            break;
          }
      if (i == G_N_ELEMENTS (item_strings) && !read_authors_member (reader, name, length, &m->authors))
        cq_json_reader_skip (reader);
    }
}

static GDateTime *
parse_date (const char *text,
            GTimeZone  *home,
            gboolean   *date_only)
{
  return text != NULL ? cq_date_parse (text, home, date_only) : NULL;
}

static CqItem *
json_item (CqJsonReader         *reader,
           const CqParseContext *context,
           const char           *feed_author)
{
  ItemMembers m = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  g_autofree char *external = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text_html = NULL;
  g_autofree char *with_image = NULL;
  gboolean date_only = FALSE;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(GDateTime) modified = NULL;
  const char *html, *author;
  CqItem *item;

  read_item_members (reader, &m);
  id = g_steal_pointer (&m.id);
  link = cq_html_resolve_url (context->base_url, m.url, FALSE);
  external = cq_html_resolve_url (context->base_url, m.external_url, FALSE);
  title = _cq_feed_clean_title (m.title, FALSE);
  published = parse_date (m.date_published, context->home, &date_only);
  modified = parse_date (m.date_modified, context->home, NULL);
  html = m.content_html;
  author = authors_name (&m.authors);

  if (link == NULL)
    link = g_steal_pointer (&external);
  if (id == NULL)
    id = _cq_feed_fallback_guid (link, title, published);

  if (html == NULL && m.content_text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (m.content_text, -1);
      g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
      g_autofree char *joined = g_strjoinv ("</p><p>", paragraphs);

      text_html = g_strconcat ("<p>", joined, "</p>", NULL);
      html = text_html;
    }

  /* The item's image leads its body, unless the body shows it. */
  if (m.image != NULL && (html == NULL || strstr (html, m.image) == NULL))
    {
      g_autofree char *escaped = g_markup_escape_text (m.image, -1);

      with_image = g_strdup_printf ("<p><img alt=\"\" src=\"%s\"></p>%s", escaped, html != NULL ? html : "");
    }

  item = _cq_item_new_take (g_steal_pointer (&id), g_steal_pointer (&title), g_steal_pointer (&link),
                            g_strdup (author != NULL ? author : feed_author));
  cq_item_set_published (item, published != NULL ? published : modified);
  cq_item_set_published_is_date (item, published != NULL && date_only);
  cq_item_set_updated (item, modified);
  _cq_feed_finish_item (context, item, m.summary != NULL ? m.summary : html, with_image != NULL ? with_image : html,
                        _cq_feed_item_base (context, item));
  item_members_clear (&m);
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
 * more objects than this cannot be a feed within the item cap, and are
 * refused before any item is built. */
#define JSON_MAX_OBJECTS (CQ_FEED_MAX_ITEMS * 16)

/* What the feed's own members say; its items are read after, from where
 * the mark keeps them. */
typedef struct {
  char       *version;
  char       *title;
  char       *home_page_url;
  Authors     authors;
  gboolean    has_items;   /* "items" is an array */
  CqJsonMark  items;
} FeedMembers;

static void
feed_members_clear (FeedMembers *m)
{
  g_free (m->version);
  g_free (m->title);
  g_free (m->home_page_url);
  authors_clear (&m->authors);
}

/* The first pass, over the whole document: the feed's members read, the
 * items (and everything else) skipped but checked, so that a broken
 * document is refused before an item is built and the feed's author is
 * known for each, wherever the document puts it. */
static void
read_feed_members (CqJsonReader *reader,
                   FeedMembers  *m)
{
  const char *name;
  gsize length;

  if (cq_json_reader_peek (reader) != CQ_JSON_OBJECT)
    {
      cq_json_reader_skip (reader);
      return;
    }
  cq_json_reader_enter_object (reader);
  while (cq_json_reader_next_member (reader, &name, &length))
    {
      if (named (name, length, "version"))
        take_string (reader, &m->version);
      else if (named (name, length, "title"))
        take_string (reader, &m->title);
      else if (named (name, length, "home_page_url"))
        take_string (reader, &m->home_page_url);
      else if (named (name, length, "items"))
        {
          m->has_items = cq_json_reader_peek (reader) == CQ_JSON_ARRAY;
          cq_json_reader_get_mark (reader, &m->items);
          cq_json_reader_skip (reader);
        }
      else if (!read_authors_member (reader, name, length, &m->authors))
        cq_json_reader_skip (reader);
    }
}

CqParsedFeed *
_cq_json_feed_parse (const char            *utf8,
                     gsize                  length,
                     const CqParseContext  *context,
                     GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CqParsedFeed) feed = NULL;
  g_autofree char *title = NULL;
  g_autofree char *home = NULL;
  FeedMembers m = { 0 };
  CqJsonReader reader;

  cq_json_reader_init (&reader, utf8, length, JSON_MAX_DEPTH);
  read_feed_members (&reader, &m);
  if (!cq_json_reader_finish (&reader, &local_error))
    {
      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED, "%s", local_error->message);
      goto out;
    }
  if (cq_json_reader_get_n_objects (&reader) > JSON_MAX_OBJECTS)
    {
      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                   _("The document lists more than %u items; Communiqué reads at most that many from one document."),
                   CQ_FEED_MAX_ITEMS);
      goto out;
    }
  /* A document that says it is a JSON Feed is one, with no items yet if it
   * lists none; one that lists items is one whatever its version says
   * (feeds in the wild write "1.1", or the address over http). */
  if (!m.has_items && !says_json_feed (m.version))
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                           _("The document is JSON, but not a JSON Feed (it has no list of items)."));
      goto out;
    }

  feed = cq_parsed_feed_new (CQ_FEED_FORMAT_JSON_FEED);
  title = _cq_feed_clean_title (m.title, FALSE);
  home = cq_html_resolve_url (context->base_url, m.home_page_url, FALSE);
  cq_parsed_feed_set_title (feed, title);
  cq_parsed_feed_set_link (feed, home);

  /* The second pass: the items, over text checked already, each told of
   * as it is read (nothing after it can change it now). */
  if (m.has_items)
    {
      GPtrArray *items = cq_parsed_feed_get_items (feed);

      cq_json_reader_go_to_mark (&reader, &m.items);
      cq_json_reader_enter_array (&reader);
      while (cq_json_reader_next_element (&reader))
        {
          g_autoptr(CqItem) item = NULL;
          guint before = items->len;

          if (cq_json_reader_peek (&reader) != CQ_JSON_OBJECT)
            {
              cq_json_reader_skip (&reader);
              continue;
            }
          item = json_item (&reader, context, authors_name (&m.authors));
          cq_parsed_feed_add_item (feed, item);
          /* Not listed: a guid listed before, or past the cap. */
          if (context->item_func != NULL && items->len > before)
            context->item_func (item, context->item_data);
        }
    }

out:
  feed_members_clear (&m);
  cq_json_reader_clear (&reader);
  return g_steal_pointer (&feed);
}
