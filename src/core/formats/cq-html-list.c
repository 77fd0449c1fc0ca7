/* cq-html-list.c: news lists on plain web pages
 *
 * A profile may say where the items are with XPath.  Without rules, a
 * recogniser finds what such pages have in common: links dated
 * "DD.MM.YYYY - Title" (the date inside the link or just before it) with a
 * summary in the block that follows, and HTML5 <article> elements with a
 * <time datetime>.  Navigation, menus, sidebars and footers are passed over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xpath.h>
#include <string.h>

#include "cq-date-parser.h"
#include "cq-feed-private.h"
#include "cq-html.h"
#include "cq-html-tree.h"
#include "cq-parse-error.h"

/* Two dated links could be chance; a list has more. */
#define MIN_RECOGNISED_ITEMS 2

/* How many elements after an item's link may hold its summary. */
#define SUMMARY_SIBLINGS 8

static xmlNodePtr
block_of (xmlNodePtr node)
{
  for (xmlNodePtr p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (cq_html_is_block (p))
      return p;
  return NULL;
}

static xmlNodePtr
next_element (xmlNodePtr node)
{
  for (xmlNodePtr n = node->next; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      return n;
  return NULL;
}

/* "07.06.2019 - Title", "07.06.2019 – Title", "7.6.2019: Title" */
static gboolean
split_dated_text (const char  *text,
                  char       **date,
                  char       **rest)
{
  static gsize once;
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;

  /* Compiled once; no JIT, which buys nothing for strings this short. */
  if (g_once_init_enter (&once))
    {
      regex = g_regex_new ("^\\s*(\\d{1,2}\\.\\d{1,2}\\.\\d{4})(?:\\s*(?:[-–—|:]\\s*)?(.*))?$",
                           G_REGEX_DOTALL, 0, NULL);
      g_once_init_leave (&once, 1);
    }

  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;
  *date = g_match_info_fetch (match, 1);
  *rest = g_match_info_fetch (match, 2);
  if (*rest == NULL)
    *rest = g_strdup ("");
  return TRUE;
}

static gboolean
is_blank_text (xmlNodePtr node)
{
  if (node->type != XML_TEXT_NODE || node->content == NULL)
    return FALSE;
  for (const char *p = (const char *) node->content; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_dash (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_str_equal (stripped, "-") || g_str_equal (stripped, "–") || g_str_equal (stripped, "—") ||
         g_str_equal (stripped, "|");
}

/* A date standing just before or just after the link, alone but for a
 * dash: "07.06.2019 - <a>Title</a>" or "<a>Title</a> <span>07.06.2019</span>". */
static char *
date_beside_link (xmlNodePtr link,
                  gboolean   before)
{
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rest = NULL;
  xmlNodePtr sibling = before ? link->prev : link->next;

  while (sibling != NULL && is_blank_text (sibling))
    sibling = before ? sibling->prev : sibling->next;
  if (sibling == NULL)
    return NULL;

  text = cq_html_node_text (sibling);
  /* "<span>07.06.2019</span> - <a>": step over the dash to the date. */
  if (is_dash (text) && (before ? sibling->prev : sibling->next) != NULL)
    {
      g_free (text);
      text = cq_html_node_text (before ? sibling->prev : sibling->next);
    }
  if (split_dated_text (text, &date, &rest))
    {
      if (rest[0] == '\0' || is_dash (rest))
        return g_steal_pointer (&date);
    }
  return NULL;
}

static char *
summary_text (xmlNodePtr node)
{
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rest = NULL;

  while (node != NULL && (cq_html_is_element (node, "br") || cq_html_is_element (node, "hr")))
    node = next_element (node);
  if (node == NULL)
    return NULL;

  text = cq_html_node_text (node);
  if (*text == '\0' || split_dated_text (text, &date, &rest))
    return NULL;
  return g_steal_pointer (&text);
}

/* The summary is a block beside the link in its own block, else the block
 * after the item's block, when that is not the next item. */
static char *
summary_after (xmlNodePtr link,
               xmlNodePtr block)
{
  guint looked = 0;

  /* Only as far as the next item's link, and never far: a list of many
   * links costs its length, not its square. */
  for (xmlNodePtr next = next_element (link); next != NULL && looked < SUMMARY_SIBLINGS;
       next = next_element (next), looked++)
    {
      if (cq_html_is_element (next, "a"))
        break;
      if (cq_html_is_block (next))
        return summary_text (next);
    }

  return summary_text (block != NULL ? next_element (block) : NULL);
}

/* The profile's date format first, then every form cq_date_parse() knows. */
static GDateTime *
parse_list_date (const CqParseContext *context,
                 const char           *text,
                 gboolean             *date_only)
{
  const CqHtmlListRules *rules = context->profile != NULL ? cq_profile_get_html_list_rules (context->profile) : NULL;
  GDateTime *parsed = NULL;

  if (rules != NULL && rules->date_format != NULL)
    parsed = cq_date_parse_with_format (text, rules->date_format, context->home, date_only);
  return parsed != NULL ? parsed : cq_date_parse (text, context->home, date_only);
}

static void
add_item (CqParsedFeed         *feed,
          const CqParseContext *context,
          const char           *href,
          const char           *title,
          const char           *date_text,
          const char           *summary)
{
  g_autofree char *link = cq_html_resolve_url (context->base_url, href, FALSE);
  g_autofree char *clean_title = _cq_feed_clean_title (title, FALSE);
  g_autofree char *guid = NULL;
  g_autofree char *escaped = summary != NULL ? g_markup_escape_text (summary, -1) : NULL;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(CqItem) item = NULL;
  gboolean date_only = FALSE;

  if (clean_title == NULL || link == NULL)
    return;

  published = date_text != NULL ? parse_list_date (context, date_text, &date_only) : NULL;
  guid = _cq_feed_fallback_guid (link, clean_title, published);
  item = cq_item_new (guid);
  cq_item_set_title (item, clean_title);
  cq_item_set_link (item, link);
  cq_item_set_published (item, published);
  cq_item_set_published_is_date (item, published != NULL && date_only);
  if (escaped != NULL)
    {
      g_autofree char *html = g_strconcat ("<p>", escaped, "</p>", NULL);

      _cq_feed_finish_item (context, item, html, html, link);
    }
  cq_parsed_feed_add_item (feed, item);
}

static void
recognise_dated_link (CqParsedFeed         *feed,
                      const CqParseContext *context,
                      xmlNodePtr            link)
{
  g_autofree char *text = cq_html_node_text (link);
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  xmlNodePtr block = block_of (link);

  if (!split_dated_text (text, &date, &title))
    {
      date = date_beside_link (link, TRUE);
      if (date == NULL)
        date = date_beside_link (link, FALSE);
      title = g_strdup (text);
    }
  if (date == NULL || *g_strstrip (title) == '\0')
    return;

  summary = summary_after (link, block);
  add_item (feed, context, cq_html_get_attribute (link, "href"), title, date, summary);
}

/* <article> with a heading link and <time datetime="…">. */
static void
recognise_article (CqParsedFeed         *feed,
                   const CqParseContext *context,
                   xmlNodePtr            article)
{
  static const char * const headings[] = { "h1", "h2", "h3", "h4" };
  xmlNodePtr heading = NULL;
  xmlNodePtr link;
  xmlNodePtr time = cq_html_find_element (article, "time");
  xmlNodePtr paragraph = cq_html_find_element (article, "p");
  g_autofree char *title = NULL;
  g_autofree char *summary = paragraph != NULL ? cq_html_node_text (paragraph) : NULL;
  const char *date;

  for (guint i = 0; heading == NULL && i < G_N_ELEMENTS (headings); i++)
    heading = cq_html_find_element (article, headings[i]);
  link = cq_html_find_element (heading != NULL ? heading : article, "a");
  if (link == NULL || time == NULL)
    return;

  title = cq_html_node_text (heading != NULL ? heading : link);
  date = cq_html_get_attribute (time, "datetime");
  if (date == NULL)
    {
      g_autofree char *time_text = cq_html_node_text (time);

      add_item (feed, context, cq_html_get_attribute (link, "href"), title, time_text, summary);
      return;
    }
  add_item (feed, context, cq_html_get_attribute (link, "href"), title, date, summary);
}

/* The date ends the title: it is looked for in the last words only, so a
 * heading of a megabyte costs no more than one of a line. */
#define DATE_TAIL_BYTES 96

static const char *
title_tail (const char *title)
{
  gsize length = strlen (title);
  const char *tail;

  if (length <= DATE_TAIL_BYTES)
    return title;
  tail = title + length - DATE_TAIL_BYTES;
  while (*tail != '\0' && !g_ascii_isspace (*tail))
    tail++;
  return tail;
}

/* A featured statement: a heading link whose title ends in its date,
 * "…, London, 12 June 2019" or "…, Moscow, May 27, 2019". */
static void
recognise_featured (CqParsedFeed         *feed,
                    const CqParseContext *context,
                    xmlNodePtr            heading)
{
  static gsize once;
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;
  xmlNodePtr link = cq_html_find_element (heading, "a");

  if (g_once_init_enter (&once))
    {
      regex = g_regex_new ("(\\d{1,2}\\s+\\w+\\s+\\d{4}|\\w+\\s+\\d{1,2},\\s*\\d{4})\\s*$", 0, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  if (link == NULL || cq_html_get_attribute (link, "href") == NULL || cq_html_in_chrome (heading))
    return;
  title = cq_html_node_text (link);
  if (!g_regex_match (regex, title_tail (title), 0, &match))
    return;
  date = g_match_info_fetch (match, 1);
  summary = summary_after (link, heading);
  add_item (feed, context, cq_html_get_attribute (link, "href"), title, date, summary);
}

typedef struct {
  CqParsedFeed         *feed;
  const CqParseContext *context;
} Recogniser;

static CqHtmlWalk
recognise_enter (xmlNodePtr node,
                 guint      depth,
                 gpointer   user_data)
{
  Recogniser *recogniser = user_data;

  if (node->type != XML_ELEMENT_NODE || cq_html_is_element (node, "script") || cq_html_is_element (node, "style"))
    return CQ_HTML_WALK_OVER;
  if (cq_html_is_element (node, "article") && !cq_html_in_chrome (node))
    {
      recognise_article (recogniser->feed, recogniser->context, node);
      return CQ_HTML_WALK_OVER;
    }
  if (cq_html_is_element (node, "h1") || cq_html_is_element (node, "h2") || cq_html_is_element (node, "h3"))
    recognise_featured (recogniser->feed, recogniser->context, node);
  if (cq_html_is_element (node, "a") && cq_html_get_attribute (node, "href") != NULL && !cq_html_in_chrome (node))
    {
      recognise_dated_link (recogniser->feed, recogniser->context, node);
      return CQ_HTML_WALK_OVER;
    }
  return CQ_HTML_WALK_INTO;
}

static void
walk (CqParsedFeed         *feed,
      const CqParseContext *context,
      xmlNodePtr            root)
{
  Recogniser recogniser = { feed, context };

  cq_html_walk (root, recognise_enter, NULL, &recogniser);
}

/* XPath rules from the profile. */

static char *
xpath_string (xmlXPathContextPtr  xpath,
              xmlNodePtr          node,
              const char         *expression)
{
  xmlXPathObjectPtr result;
  char *text = NULL;

  if (expression == NULL)
    return NULL;

  xpath->node = node;
  result = xmlXPathEvalExpression ((const xmlChar *) expression, xpath);
  if (result == NULL)
    return NULL;

  if (result->type == XPATH_NODESET && result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    {
      xmlNodePtr found = result->nodesetval->nodeTab[0];

      if (found->type == XML_ATTRIBUTE_NODE)
        text = g_strdup (found->children != NULL ? (const char *) found->children->content : "");
      else
        text = cq_html_node_text (found);
    }
  else if (result->type == XPATH_STRING)
    text = g_strdup ((const char *) result->stringval);

  xmlXPathFreeObject (result);
  return text;
}

static void
apply_rules (CqParsedFeed          *feed,
             const CqParseContext  *context,
             const CqHtmlListRules *rules,
             htmlDocPtr             doc)
{
  xmlXPathContextPtr xpath = xmlXPathNewContext (doc);
  xmlXPathObjectPtr items = xmlXPathEvalExpression ((const xmlChar *) rules->item, xpath);

  for (int i = 0; items != NULL && items->nodesetval != NULL && i < items->nodesetval->nodeNr; i++)
    {
      xmlNodePtr node = items->nodesetval->nodeTab[i];
      g_autofree char *title = xpath_string (xpath, node, rules->title != NULL ? rules->title : ".//a");
      g_autofree char *href = xpath_string (xpath, node, rules->link != NULL ? rules->link : ".//a/@href");
      g_autofree char *date = xpath_string (xpath, node, rules->date);
      g_autofree char *summary = xpath_string (xpath, node, rules->summary);

      add_item (feed, context, href, title, date, summary);
    }

  if (items != NULL)
    xmlXPathFreeObject (items);
  xmlXPathFreeContext (xpath);
}

static void
find_page_details (CqParsedFeed         *feed,
                   const CqParseContext *context,
                   htmlDocPtr            doc)
{
  static const char * const feed_types[] = {
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    "application/rdf+xml",
  };
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr head = root != NULL ? cq_html_find_element (root, "head") : NULL;
  xmlNodePtr title = head != NULL ? cq_html_find_element (head, "title") : NULL;

  if (title != NULL)
    {
      g_autofree char *text = cq_html_node_text (title);

      cq_parsed_feed_set_title (feed, *text != '\0' ? text : NULL);
    }
  cq_parsed_feed_set_link (feed, context->base_url);

  for (xmlNodePtr link = head != NULL ? head->children : NULL; link != NULL; link = link->next)
    {
      const char *rel = cq_html_get_attribute (link, "rel");
      const char *type = cq_html_get_attribute (link, "type");

      if (!cq_html_is_element (link, "link") || rel == NULL || type == NULL ||
          g_ascii_strcasecmp (rel, "alternate") != 0)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (feed_types); i++)
        if (g_ascii_strcasecmp (type, feed_types[i]) == 0)
          {
            g_autofree char *url = cq_html_resolve_url (context->base_url,
                                                        cq_html_get_attribute (link, "href"), FALSE);

            if (url != NULL && cq_parsed_feed_get_advertised_feed (feed) == NULL)
              cq_parsed_feed_set_advertised_feed (feed, url);
          }
    }
}

/* The link to older news: rel="next", or words sites use for it, or the
 * number after the current page's in a pager. */
static const char * const next_words[] = {
  "next", "older", "more news", "all messages", "all news", "archive", "»", "›", "→",
  "далее", "следующая", "ещё", "все новости", "все сообщения", "архив",
};

static gboolean
rel_is_next (xmlNodePtr link)
{
  const char *rel = cq_html_get_attribute (link, "rel");

  return rel != NULL && g_ascii_strcasecmp (rel, "next") == 0;
}

static gboolean
words_say_next (xmlNodePtr link)
{
  g_autofree char *text = cq_html_node_text (link);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strstrip (lower);
  if (*lower == '\0' || g_utf8_strlen (lower, -1) > 24 || cq_html_in_chrome (link))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (next_words); i++)
    if (g_str_has_prefix (lower, next_words[i]) || g_str_has_suffix (lower, next_words[i]))
      return TRUE;
  return FALSE;
}

/* rel="next" wins wherever it is; words count only outside menus. */
static CqHtmlWalk
next_link_enter (xmlNodePtr node,
                 guint      depth,
                 gpointer   by_rel)
{
  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  if ((cq_html_is_element (node, "a") || cq_html_is_element (node, "link")) &&
      cq_html_get_attribute (node, "href") != NULL &&
      (GPOINTER_TO_INT (by_rel) ? rel_is_next (node) : words_say_next (node)))
    return CQ_HTML_WALK_STOP;
  return CQ_HTML_WALK_INTO;
}

static xmlNodePtr
find_next_link (xmlNodePtr root,
                gboolean   by_rel)
{
  return cq_html_walk (root, next_link_enter, NULL, GINT_TO_POINTER (by_rel));
}

static void
find_next_page (CqParsedFeed         *feed,
                const CqParseContext *context,
                xmlNodePtr            root)
{
  xmlNodePtr link = find_next_link (root, TRUE);
  g_autofree char *url = NULL;

  if (link == NULL)
    link = find_next_link (root, FALSE);

  if (link == NULL)
    return;
  url = cq_html_resolve_url (context->base_url, cq_html_get_attribute (link, "href"), FALSE);
  if (url != NULL && g_strcmp0 (url, context->base_url) != 0 &&
      (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    cq_parsed_feed_set_next_page (feed, url);
}

CqParsedFeed *
_cq_html_list_parse (const char            *utf8,
                     gsize                  length,
                     const CqParseContext  *context,
                     GError               **error)
{
  g_autoptr(CqParsedFeed) feed = cq_parsed_feed_new (CQ_FEED_FORMAT_HTML_LIST);
  const CqHtmlListRules *rules = context->profile != NULL ? cq_profile_get_html_list_rules (context->profile) : NULL;
  htmlDocPtr doc = cq_html_parse (utf8, length);
  xmlNodePtr root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED,
                           _("The page could not be read as HTML."));
      return NULL;
    }

  find_page_details (feed, context, doc);
  find_next_page (feed, context, root);
  if (rules != NULL)
    apply_rules (feed, context, rules, doc);
  else
    walk (feed, context, root);
  xmlFreeDoc (doc);

  /* A page that advertises a feed is a way to it, even with no list. */
  if (cq_parsed_feed_get_items (feed)->len >= (rules != NULL ? 1 : MIN_RECOGNISED_ITEMS) ||
      cq_parsed_feed_get_advertised_feed (feed) != NULL)
    return g_steal_pointer (&feed);

  g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                       rules != NULL ? _("No news was found on this page with the source’s rules.")
                                     : _("No news was found on this page: it is not a feed and has no list of dated items."));
  return NULL;
}
