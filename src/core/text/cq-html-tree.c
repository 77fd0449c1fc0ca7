/* cq-html-tree.c: one walk over an HTML tree, one notion of block, one
 * vocabulary of site chrome
 *
 * The article extractor, the news-list recogniser, the sanitiser, the
 * plain-text and the rich-text builders all walk libxml2 trees.  They walk
 * them here: without recursion, so no page can exhaust the stack, and never
 * deeper than CQ_HTML_MAX_DEPTH, so no page can make a walk longer than the
 * tree it was parsed into.  What a block is and what site chrome looks like
 * is said once, so the extractor and the recogniser agree on a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <string.h>

#include "cq-html.h"
#include "cq-html-tree.h"

/* The next node after @node's subtree, climbing out of finished parents
 * (and leaving them) on the way; NULL at the end of @root. */
static xmlNodePtr
next_after (xmlNodePtr       node,
            xmlNodePtr       root,
            guint           *depth,
            CqHtmlLeaveFunc  leave,
            gpointer         user_data)
{
  while (node->next == NULL)
    {
      node = node->parent;
      (*depth)--;
      if (node == NULL || node == root)
        return NULL;
      if (leave != NULL)
        leave (node, user_data);
    }
  return node->next;
}

/**
 * cq_html_walk:
 * @root: where to start; @root itself is not visited
 * @enter: called on each node in document order (elements, text, comments)
 * @leave: (nullable): called on a node @enter went into, after its children
 *
 * Returns: (nullable): the node @enter stopped at, or %NULL when the walk
 *   went to the end
 */
xmlNodePtr
cq_html_walk (xmlNodePtr       root,
              CqHtmlEnterFunc  enter,
              CqHtmlLeaveFunc  leave,
              gpointer         user_data)
{
  xmlNodePtr node;
  guint depth = 1;

  g_return_val_if_fail (enter != NULL, NULL);

  if (root == NULL || (node = root->children) == NULL)
    return NULL;

  while (node != NULL)
    {
      switch (enter (node, depth, user_data))
        {
        case CQ_HTML_WALK_STOP:
          return node;

        case CQ_HTML_WALK_REMOVE:
          {
            xmlNodePtr gone = node;

            node = next_after (node, root, &depth, leave, user_data);
            xmlUnlinkNode (gone);
            xmlFreeNode (gone);
          }
          break;

        case CQ_HTML_WALK_INTO:
          if (node->children != NULL && depth < CQ_HTML_MAX_DEPTH)
            {
              node = node->children;
              depth++;
              break;
            }
          if (leave != NULL)
            leave (node, user_data);
          node = next_after (node, root, &depth, leave, user_data);
          break;

        case CQ_HTML_WALK_OVER:
        default:
          node = next_after (node, root, &depth, leave, user_data);
          break;
        }
    }
  return NULL;
}

static CqHtmlWalk
match_name (xmlNodePtr  node,
            guint       depth,
            gpointer    name)
{
  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  return cq_html_is_element (node, name) ? CQ_HTML_WALK_STOP : CQ_HTML_WALK_INTO;
}

/**
 * cq_html_find_element:
 *
 * Returns: (nullable): the first element named @name under @root, in
 *   document order
 */
xmlNodePtr
cq_html_find_element (xmlNodePtr  root,
                      const char *name)
{
  return cq_html_walk (root, match_name, NULL, (gpointer) name);
}

static gboolean
name_in (xmlNodePtr          node,
         const char * const *names,
         gsize               n)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const blocks[] = {
  "address", "article", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p", "pre",
  "section", "table", "td", "th", "tr", "ul",
};

/**
 * cq_html_get_block_names:
 * @n_names: (out): how many there are
 *
 * Returns: (array length=n_names): the names cq_html_is_block_name() says
 *   are blocks, for tables that classify elements in one lookup
 */
const char * const *
cq_html_get_block_names (gsize *n_names)
{
  *n_names = G_N_ELEMENTS (blocks);
  return blocks;
}

/**
 * cq_html_is_block_name:
 * @name: an element's name, lower case, as the HTML parser gives it
 *
 * Returns: whether an element so named is a block (see cq_html_is_block())
 */
gboolean
cq_html_is_block_name (const char *name)
{
  static gsize once;
  static GHashTable *names;

  /* Asked of every element of every body a sync sanitises: one lookup. */
  if (g_once_init_enter (&once))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
        g_hash_table_add (table, (gpointer) blocks[i]);
      names = table;
      g_once_init_leave (&once, 1);
    }
  return name != NULL && g_hash_table_contains (names, name);
}

/**
 * cq_html_is_block:
 *
 * A block holds its own run of text: it starts on a new line, its text is
 * a paragraph of the page's, and a link in it belongs to it.  Line breaks
 * (br, hr) are not blocks; they end a line inside one.
 *
 * Returns: whether @node is a block element
 */
gboolean
cq_html_is_block (xmlNodePtr node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (cq_html_is_block_name ((const char *) node->name))
    return TRUE;
  /* The HTML parser lower-cases names; a tree built otherwise may not. */
  for (const xmlChar *p = node->name; *p; p++)
    if (g_ascii_isupper (*p))
      return name_in (node, blocks, G_N_ELEMENTS (blocks));
  return FALSE;
}

/* Words sites put in class, id and role names of what is not their news. */
static const char * const chrome_words[] = {
  "nav", "menu", "footer", "sidebar", "breadcrumb", "cookie", "share", "social", "banner",
  "widget", "related", "subscribe", "pagination", "pager", "comment", "promo", "popup", "modal",
  "advert", "sponsor", "masthead", "toolbar", "login", "tags",
};

/**
 * cq_html_names_chrome:
 *
 * Returns: whether @node's class, id or role names site chrome ("main-nav",
 *   "cookie-banner", "share-buttons"), whatever the element is
 */
gboolean
cq_html_names_chrome (xmlNodePtr node)
{
  static const char * const attributes[] = { "class", "id", "role" };

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  for (guint a = 0; a < G_N_ELEMENTS (attributes); a++)
    {
      const char *value = cq_html_get_attribute (node, attributes[a]);
      g_autofree char *lower = NULL;

      if (value == NULL || *value == '\0')
        continue;
      lower = g_ascii_strdown (value, -1);
      for (guint i = 0; i < G_N_ELEMENTS (chrome_words); i++)
        if (strstr (lower, chrome_words[i]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/**
 * cq_html_is_chrome_element:
 *
 * Returns: whether @node is an element only site chrome is made of:
 *   navigation, a page's header or footer, an aside, a menu
 */
gboolean
cq_html_is_chrome_element (xmlNodePtr node)
{
  static const char * const chrome_tags[] = { "nav", "header", "footer", "aside", "menu" };

  return name_in (node, chrome_tags, G_N_ELEMENTS (chrome_tags));
}

/**
 * cq_html_is_chrome:
 *
 * Returns: whether @node is site chrome: a chrome element, or any element
 *   named as chrome
 */
gboolean
cq_html_is_chrome (xmlNodePtr node)
{
  return cq_html_is_chrome_element (node) || cq_html_names_chrome (node);
}

/**
 * cq_html_in_chrome:
 *
 * Returns: whether @node or an element around it is site chrome
 */
gboolean
cq_html_in_chrome (xmlNodePtr node)
{
  guint depth = 0;

  for (xmlNodePtr p = node; p != NULL && p->type == XML_ELEMENT_NODE && depth <= CQ_HTML_MAX_DEPTH;
       p = p->parent, depth++)
    if (cq_html_is_chrome (p))
      return TRUE;
  return FALSE;
}
