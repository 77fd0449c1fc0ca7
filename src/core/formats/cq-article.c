/* cq-article.c: a statement's page in, the statement out
 *
 * Statement pages wrap a few paragraphs in a great deal of site: menus,
 * share bars, related links, cookie banners, footers.  The main text is
 * found by scoring blocks on how much prose they hold (long paragraphs,
 * commas) against how much of them is links, with the class and id names
 * sites use as a hint either way.  A profile's XPath rule wins outright.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xpath.h>
#include <string.h>

#include "cq-article.h"
#include "cq-charset.h"
#include "cq-date-parser.h"
#include "cq-feed.h"
#include "cq-html.h"
#include "cq-html-tree.h"
#include "cq-json.h"

#define MIN_ARTICLE_CHARS 140
#define MIN_PARAGRAPH_CHARS 25

G_DEFINE_BOXED_TYPE (CqArticle, cq_article, cq_article_copy, cq_article_free)

static const char * const positive_words[] = {
  "article", "body", "content", "entry", "main", "post", "statement", "story", "text",
};

typedef struct {
  GHashTable *scores;   /* xmlNodePtr → double* */
  CqArticle  *article;
  GTimeZone  *home;
  guint       title_rank;   /* how good the metadata title found so far is; 0 for none */
  gboolean    keep_names;   /* a second look: nothing is chrome by its class or id alone */
  char       *page_title;   /* the document's <title>, to choose between JSON-LD's name and headline */
} Extraction;

/* Metadata titles, best first, as the reference extractor ranks them: the
 * page's structured data, Dublin Core, Open Graph, then the rest. */
static const char * const meta_title_keys[] = {
  "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
  "twitter:title", "parsely-title",
};

#define JSON_LD_TITLE_RANK (G_N_ELEMENTS (meta_title_keys) + 2)

static void
offer_title (Extraction *extraction,
             const char *title,
             guint       rank)
{
  g_autofree char *clean = title != NULL ? cq_html_collapse_text (title) : NULL;

  /* A later one of the same rank wins, as the reference extractor has it. */
  if (clean == NULL || *clean == '\0' || rank < extraction->title_rank)
    return;
  g_free (extraction->article->title);
  extraction->article->title = g_steal_pointer (&clean);
  extraction->title_rank = rank;
}

static gboolean
words_match (const char         *value,
             const char * const *words,
             gsize               n)
{
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;
  lower = g_ascii_strdown (value, -1);
  for (gsize i = 0; i < n; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Named as content, or as site chrome. */
static int
class_weight (xmlNodePtr node)
{
  const char *values[] = { cq_html_get_attribute (node, "class"), cq_html_get_attribute (node, "id") };
  int weight = cq_html_names_chrome (node) ? -25 : 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (words_match (values[i], positive_words, G_N_ELEMENTS (positive_words)))
      weight += 25;
  return weight;
}

/* Site chrome, forms and buttons: never part of a statement.  A name says
 * chrome only when no content word outweighs it ("entry-share" is not
 * chrome, "share" is), and the page's body and an article are content,
 * whatever their names say. */
static gboolean
is_chrome (xmlNodePtr  node,
           gboolean    keep_names)
{
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (cq_html_is_chrome_element (node) || cq_html_is_element (node, "form") || cq_html_is_element (node, "button"))
    return TRUE;
  return !keep_names && class_weight (node) < 0 &&
         !cq_html_is_element (node, "body") && !cq_html_is_element (node, "article");
}

/* What a browser never shows: the hidden attribute, aria-hidden (but for
 * the pictures some sites hide from screen readers and show to all), and
 * an inline display: none or visibility: hidden. */
static gboolean
is_hidden (xmlNodePtr node)
{
  const char *aria = cq_html_get_attribute (node, "aria-hidden");
  const char *style = cq_html_get_attribute (node, "style");
  const char *class = cq_html_get_attribute (node, "class");
  g_autoptr(GString) compact = NULL;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0 &&
      (class == NULL || strstr (class, "fallback-image") == NULL))
    return TRUE;
  if (style == NULL)
    return FALSE;
  /* "Display : None" is display:none too. */
  compact = g_string_new (NULL);
  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_tolower (*p));
  return strstr (compact->str, "display:none") != NULL || strstr (compact->str, "visibility:hidden") != NULL;
}

static CqHtmlWalk
remove_chrome_enter (xmlNodePtr node,
                     guint      depth,
                     gpointer   user_data)
{
  const Extraction *extraction = user_data;

  if (depth >= CQ_HTML_MAX_DEPTH || is_chrome (node, extraction->keep_names) || is_hidden (node) ||
      node->type == XML_COMMENT_NODE ||
      cq_html_is_element (node, "script") || cq_html_is_element (node, "style") ||
      cq_html_is_element (node, "noscript"))
    return CQ_HTML_WALK_REMOVE;
  return node->type == XML_ELEMENT_NODE ? CQ_HTML_WALK_INTO : CQ_HTML_WALK_OVER;
}

static void
remove_chrome (Extraction *extraction,
               xmlNodePtr  node)
{
  cq_html_walk (node, remove_chrome_enter, NULL, extraction);
}

static double *
score_of (Extraction *extraction,
          xmlNodePtr  node)
{
  double *score = g_hash_table_lookup (extraction->scores, node);

  if (score == NULL)
    {
      score = g_new0 (double, 1);
      *score = class_weight (node);
      if (cq_html_is_element (node, "article") || cq_html_is_element (node, "main"))
        *score += 10;
      else if (cq_html_is_element (node, "div") || cq_html_is_element (node, "section"))
        *score += 5;
      g_hash_table_insert (extraction->scores, node, score);
    }
  return score;
}

static gsize
count_commas (const char *text)
{
  gsize commas = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (*p == ',' || g_utf8_get_char (p) == 0xFF0C || g_utf8_get_char (p) == 0x3001)
      commas++;
  return commas;
}

/* A <div> holding only text and inline markup is a paragraph that was not
 * marked as one (the reference extractor turns such divs into <p>). */
static gboolean
is_prose_div (xmlNodePtr node)
{
  if (!cq_html_is_element (node, "div"))
    return FALSE;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && cq_html_is_block (child))
      return FALSE;
  return TRUE;
}

/* Each paragraph of prose lends its weight to its parent, and half of it
 * to its grandparent. */
static CqHtmlWalk
score_enter (xmlNodePtr node,
             guint      depth,
             gpointer   user_data)
{
  Extraction *extraction = user_data;
  g_autofree char *text = NULL;
  gsize length;
  double points;

  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  if (!cq_html_is_element (node, "p") && !cq_html_is_element (node, "pre") &&
      !cq_html_is_element (node, "blockquote") && !cq_html_is_element (node, "td") && !is_prose_div (node))
    return CQ_HTML_WALK_INTO;

  text = cq_html_node_text (node);
  length = strlen (text);
  if (length < MIN_PARAGRAPH_CHARS || node->parent == NULL)
    return CQ_HTML_WALK_OVER;
  points = 1 + count_commas (text) + MIN (length / 100.0, 3.0);
  /* The parent gets it all, the grandparent half, the next three a third
   * of it, a sixth, a ninth: a statement in many sections still adds up
   * in the element that holds them all. */
  {
    xmlNodePtr ancestor = node->parent;

    for (guint level = 0; level < 5 && ancestor != NULL && ancestor->type == XML_ELEMENT_NODE;
         level++, ancestor = ancestor->parent)
      *score_of (extraction, ancestor) += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
  }
  return CQ_HTML_WALK_OVER;
}

static void
score_paragraphs (Extraction *extraction,
                  xmlNodePtr  node)
{
  cq_html_walk (node, score_enter, NULL, extraction);
}

/* The text and link text under each scored node, counted in one walk from
 * the leaves up: asking each candidate for its own text would read a page
 * nested 250 deep 250 times over. */
typedef struct {
  gsize text;
  gsize links;
} Lengths;

typedef struct {
  GHashTable *scores;
  GHashTable *lengths;   /* xmlNodePtr → Lengths*, for scored nodes */
  GArray     *stack;     /* Lengths, one per open element */
  guint       in_link;
} Counting;

/* Characters that are not white space: the measure of text, whatever the
 * markup's indentation. */
static gsize
visible_length (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      n++;
  return n;
}

static CqHtmlWalk
count_enter (xmlNodePtr node,
             guint      depth,
             gpointer   user_data)
{
  Counting *counting = user_data;
  Lengths zero = { 0, 0 };

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      Lengths *top = &g_array_index (counting->stack, Lengths, counting->stack->len - 1);
      gsize n = visible_length ((const char *) node->content);

      top->text += n;
      if (counting->in_link > 0)
        top->links += n;
      return CQ_HTML_WALK_OVER;
    }
  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  if (cq_html_is_element (node, "a"))
    counting->in_link++;
  g_array_append_val (counting->stack, zero);
  return CQ_HTML_WALK_INTO;
}

static void
count_leave (xmlNodePtr node,
             gpointer   user_data)
{
  Counting *counting = user_data;
  Lengths mine = g_array_index (counting->stack, Lengths, counting->stack->len - 1);
  Lengths *parent;

  g_array_set_size (counting->stack, counting->stack->len - 1);
  parent = &g_array_index (counting->stack, Lengths, counting->stack->len - 1);
  parent->text += mine.text;
  parent->links += mine.links;
  if (cq_html_is_element (node, "a"))
    counting->in_link--;
  if (g_hash_table_contains (counting->scores, node))
    g_hash_table_insert (counting->lengths, node, g_memdup2 (&mine, sizeof mine));
}

static double
score_or_zero (Extraction *extraction,
               xmlNodePtr  node)
{
  double *score = g_hash_table_lookup (extraction->scores, node);

  return score != NULL ? *score : 0;
}

static gboolean
is_top (xmlNodePtr node)
{
  return node == NULL || node->type != XML_ELEMENT_NODE ||
         cq_html_is_element (node, "body") || cq_html_is_element (node, "html");
}

static gboolean
is_ancestor (xmlNodePtr ancestor,
             xmlNodePtr node)
{
  for (xmlNodePtr p = node->parent; p != NULL; p = p->parent)
    if (p == ancestor)
      return TRUE;
  return FALSE;
}

/* As the reference extractor does, from the best-scored element: up to the
 * ancestor that holds three other near-best candidates (the statement's
 * sections), or to a parent that scores better, or past wrappers that hold
 * only it. */
static xmlNodePtr
promote_candidate (Extraction *extraction,
                   xmlNodePtr  best)
{
  double best_score = score_or_zero (extraction, best);
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  double last, threshold;

  g_hash_table_iter_init (&iter, extraction->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (key != best && *(double *) value >= best_score * 0.75 && near->len < 64)
      g_ptr_array_add (near, key);
  if (near->len >= 3)
    for (xmlNodePtr parent = best->parent; !is_top (parent); parent = parent->parent)
      {
        guint holding = 0;

        for (guint i = 0; i < near->len; i++)
          holding += is_ancestor (parent, near->pdata[i]);
        if (holding >= 3)
          {
            best = parent;
            break;
          }
      }

  last = score_or_zero (extraction, best);
  threshold = last / 3;
  for (xmlNodePtr parent = best->parent; !is_top (parent); parent = parent->parent)
    {
      double score;

      if (!g_hash_table_contains (extraction->scores, parent))
        continue;
      score = score_or_zero (extraction, parent);
      if (score < threshold)
        break;
      if (score > last)
        {
          best = parent;
          break;
        }
      last = score;
    }

  while (!is_top (best->parent) && xmlChildElementCount (best->parent) == 1)
    best = best->parent;
  return best;
}

static double
link_density (xmlNodePtr node,
              gsize      text_length)
{
  gsize links = 0;

  if (text_length == 0)
    return 0;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (cq_html_is_element (child, "a"))
      {
        g_autofree char *text = cq_html_node_text (child);

        links += strlen (text);
      }
  return (double) links / text_length;
}

/* A sibling of the statement's element that scores well, shares its class,
 * or is a paragraph of prose is part of it (a statement split around a
 * picture or a pull quote). */
static gboolean
sibling_belongs (Extraction *extraction,
                 xmlNodePtr  sibling,
                 xmlNodePtr  best)
{
  double best_score = score_or_zero (extraction, best);
  const char *class = cq_html_get_attribute (best, "class");
  const char *sibling_class = cq_html_get_attribute (sibling, "class");
  double bonus = class != NULL && *class != '\0' && g_strcmp0 (class, sibling_class) == 0 ? best_score * 0.2 : 0;

  if (g_hash_table_contains (extraction->scores, sibling) &&
      score_or_zero (extraction, sibling) + bonus >= MAX (10, best_score * 0.2))
    return TRUE;
  if (cq_html_is_element (sibling, "p"))
    {
      g_autofree char *text = cq_html_node_text (sibling);
      gsize length = g_utf8_strlen (text, -1);
      double density = link_density (sibling, strlen (text));

      if (length > 80 && density < 0.25)
        return TRUE;
      if (length > 0 && length <= 80 && density == 0 &&
          (g_str_has_suffix (text, ".") || strstr (text, ". ") != NULL))
        return TRUE;
    }
  return FALSE;
}

static xmlNodePtr
join_siblings (Extraction *extraction,
               xmlNodePtr  best)
{
  g_autoptr(GPtrArray) joined = g_ptr_array_new ();
  xmlNodePtr container;

  if (is_top (best->parent))
    return best;
  for (xmlNodePtr sibling = best->parent->children; sibling != NULL; sibling = sibling->next)
    if (sibling == best || (sibling->type == XML_ELEMENT_NODE && sibling_belongs (extraction, sibling, best)))
      g_ptr_array_add (joined, sibling);
  if (joined->len == 1)
    return best;

  /* One element holds them, where the first was, in the page's order. */
  container = xmlNewDocNode (best->doc, NULL, (const xmlChar *) "div", NULL);
  xmlAddPrevSibling (joined->pdata[0], container);
  for (guint i = 0; i < joined->len; i++)
    {
      xmlUnlinkNode (joined->pdata[i]);
      xmlAddChild (container, joined->pdata[i]);
    }
  return container;
}

static xmlNodePtr
best_candidate (Extraction *extraction,
                xmlNodePtr  root)
{
  g_autoptr(GHashTable) lengths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Lengths));
  Counting counting = { extraction->scores, lengths, stack, 0 };
  Lengths outside = { 0, 0 };
  GHashTableIter iter;
  gpointer key, value;
  xmlNodePtr best = NULL;
  double best_score = 0;

  g_array_append_val (stack, outside);
  /* From the document, so that the root element is measured too. */
  cq_html_walk (root->parent != NULL ? root->parent : root, count_enter, count_leave, &counting);

  /* Each candidate's score, less the share of its text that is links. */
  g_hash_table_iter_init (&iter, extraction->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Lengths *measured = g_hash_table_lookup (lengths, key);
      double density = measured != NULL && measured->text > 0 ? (double) measured->links / measured->text : 1;

      *(double *) value *= 1 - MIN (density, 1);
    }
  g_hash_table_iter_init (&iter, extraction->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(double *) value > best_score)
      {
        best = key;
        best_score = *(double *) value;
      }
  if (best == NULL)
    return NULL;
  best = promote_candidate (extraction, best);
  return join_siblings (extraction, best);
}

static xmlNodePtr
node_by_xpath (htmlDocPtr  doc,
               const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  xmlNodePtr node = NULL;

  if (result != NULL && result->type == XPATH_NODESET && result->nodesetval != NULL &&
      result->nodesetval->nodeNr > 0)
    node = result->nodesetval->nodeTab[0];
  if (result != NULL)
    xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return node;
}

/* Metadata: <meta>, JSON-LD, <time>, <html lang>. */

static void
set_if_unset (char       **field,
              const char  *value)
{
  if (*field == NULL && value != NULL)
    {
      g_autofree char *clean = cq_html_collapse_text (value);

      if (*clean != '\0')
        *field = g_steal_pointer (&clean);
    }
}

static void
set_date_if_unset (Extraction *extraction,
                   const char *value)
{
  if (extraction->article->published == NULL && value != NULL)
    extraction->article->published = cq_date_parse (value, extraction->home, NULL);
}

static void
read_meta (Extraction *extraction,
           xmlNodePtr  meta)
{
  const char *key = cq_html_get_attribute (meta, "property");
  const char *content = cq_html_get_attribute (meta, "content");
  CqArticle *article = extraction->article;

  if (key == NULL)
    key = cq_html_get_attribute (meta, "name");
  if (key == NULL || content == NULL)
    return;

  {
    /* "dc.title" and "DC:Title" are "dc:title"; a property may name several. */
    g_autofree char *names = g_ascii_strdown (key, -1);
    g_auto(GStrv) each = NULL;
    guint best = 0;

    g_strdelimit (names, ".", ':');
    each = g_strsplit_set (names, " \t\n", -1);
    for (guint n = 0; each[n] != NULL; n++)
      for (guint i = 0; i < G_N_ELEMENTS (meta_title_keys); i++)
        if (g_str_equal (each[n], meta_title_keys[i]))
          best = MAX (best, G_N_ELEMENTS (meta_title_keys) - i);
    if (best > 0)
      {
        offer_title (extraction, content, best);
        return;
      }
  }
  if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    set_if_unset (&article->site_name, content);
  else if (g_ascii_strcasecmp (key, "author") == 0 || g_ascii_strcasecmp (key, "article:author") == 0 ||
           g_ascii_strcasecmp (key, "dc.creator") == 0)
    {
      if (!g_str_has_prefix (content, "http"))
        set_if_unset (&article->byline, content);
    }
  else if (g_ascii_strcasecmp (key, "article:published_time") == 0 ||
           g_ascii_strcasecmp (key, "datePublished") == 0 || g_ascii_strcasecmp (key, "pubdate") == 0 ||
           g_ascii_strcasecmp (key, "dc.date") == 0 || g_ascii_strcasecmp (key, "date") == 0 ||
           g_ascii_strcasecmp (key, "citation_publication_date") == 0)
    set_date_if_unset (extraction, content);
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* "author": "Name" | {"name": …} | [{"name": …}, …] */
static const char *
json_name (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), "name");
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    return json_name (json_array_get_element (json_node_get_array (node), 0));
  return NULL;
}

/* schema.org's kinds of article, as the reference extractor lists them. */
static gboolean
is_article_type (const char *type)
{
  return type != NULL && (strstr (type, "Article") != NULL || strstr (type, "Posting") != NULL ||
                          g_str_has_prefix (type, "Report") || g_str_equal (type, "APIReference"));
}

static GPtrArray *
title_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return words;
}

/* How much of @b's words @a holds, weighted by length: 1 when all. */
static double
text_similarity (const char *a,
                 const char *b)
{
  g_autoptr(GPtrArray) in_a = title_words (a);
  g_autoptr(GPtrArray) in_b = title_words (b);
  gsize all = 0, unmatched = 0;

  for (guint i = 0; i < in_b->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < in_a->len && !found; j++)
        found = g_str_equal (in_b->pdata[i], in_a->pdata[j]);
      all += strlen (in_b->pdata[i]) + (i > 0);
      if (!found)
        unmatched += strlen (in_b->pdata[i]) + 1;
    }
  return all == 0 ? 0 : 1 - MIN ((double) unmatched / all, 1);
}

/* An article's "name" is its title; some sites put their own name there
 * and the title in "headline", so the one that reads like the page's
 * <title> wins, and the name when neither or both do. */
static const char *
json_ld_title (Extraction *extraction,
               JsonObject *object)
{
  const char *name = is_article_type (json_string (object, "@type")) ? json_string (object, "name") : NULL;
  const char *headline = json_string (object, "headline");
  JsonNode *publisher = json_object_get_member (object, "publisher");

  /* The publisher's own name is not the article's. */
  if (name != NULL && headline != NULL && g_strcmp0 (name, json_name (publisher)) == 0)
    return headline;
  if (name != NULL && headline != NULL && !g_str_equal (name, headline) && extraction->page_title != NULL &&
      text_similarity (headline, extraction->page_title) > 0.75 &&
      !(text_similarity (name, extraction->page_title) > 0.75))
    return headline;
  return name != NULL ? name : headline;
}

static void
read_json_ld_object (Extraction *extraction,
                     JsonObject *object)
{
  JsonNode *graph = json_object_get_member (object, "@graph");
  JsonObject *publisher = NULL;

  if (graph != NULL && JSON_NODE_HOLDS_ARRAY (graph))
    {
      JsonArray *array = json_node_get_array (graph);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          read_json_ld_object (extraction, json_array_get_object_element (array, i));
      return;
    }

  if (json_string (object, "datePublished") == NULL && json_string (object, "headline") == NULL &&
      !is_article_type (json_string (object, "@type")))
    return;

  offer_title (extraction, json_ld_title (extraction, object), JSON_LD_TITLE_RANK);
  set_date_if_unset (extraction, json_string (object, "datePublished"));
  set_if_unset (&extraction->article->byline, json_name (json_object_get_member (object, "author")));
  if (json_object_has_member (object, "publisher") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "publisher")))
    publisher = json_object_get_object_member (object, "publisher");
  set_if_unset (&extraction->article->site_name, json_string (publisher, "name"));
}

static void
read_json_ld (Extraction *extraction,
              xmlNodePtr  script)
{
  g_autofree char *text = cq_html_node_text (script);
  char *json = g_strstrip (text);
  g_autoptr(JsonNode) root = NULL;

  /* Some pages wrap it in <![CDATA[ … ]]>, for XHTML's sake. */
  if (g_str_has_prefix (json, "<![CDATA["))
    json = g_strstrip (json + strlen ("<![CDATA["));
  if (g_str_has_suffix (json, "]]>"))
    json[strlen (json) - 3] = '\0';
  root = cq_json_parse_bounded (json, strlen (json), 1024 * 1024, 32, NULL);

  if (root == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (root))
    read_json_ld_object (extraction, json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
      if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (root), i)))
        read_json_ld_object (extraction, json_array_get_object_element (json_node_get_array (root), i));
}

static CqHtmlWalk
metadata_enter (xmlNodePtr node,
                guint      depth,
                gpointer   user_data)
{
  Extraction *extraction = user_data;
  const char *type;

  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  type = cq_html_get_attribute (node, "type");
  if (cq_html_is_element (node, "meta"))
    read_meta (extraction, node);
  else if (cq_html_is_element (node, "script") && type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
    read_json_ld (extraction, node);
  else if (cq_html_is_element (node, "time") && !is_chrome (node, FALSE))
    set_date_if_unset (extraction, cq_html_get_attribute (node, "datetime"));
  else
    return CQ_HTML_WALK_INTO;
  return CQ_HTML_WALK_OVER;
}

static void
read_metadata (Extraction *extraction,
               xmlNodePtr  root)
{
  xmlNodePtr title = cq_html_find_element (root, "title");

  if (extraction->page_title == NULL && title != NULL)
    extraction->page_title = cq_html_node_text (title);
  cq_html_walk (root, metadata_enter, NULL, extraction);
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += *words[i] != '\0';
  return n;
}

static guint
count_words_before (const char *text,
                    const char *end)
{
  g_autofree char *head = g_strndup (text, end - text);

  return count_words (head);
}

/* A separator between a title and the site's name: " | ", " - ", " – ",
 * " — ", " \\ ", " / ", " > ", " » ". */
static gboolean
is_separator_at (const char *p,
                 gsize      *length)
{
  static const char * const marks[] = { " | ", " - ", " \u2013 ", " \u2014 ", " \\ ", " / ", " > ", " \u00bb " };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_has_prefix (p, marks[i]))
      {
        *length = strlen (marks[i]);
        return TRUE;
      }
  return FALSE;
}

/* The page's headings, gathered in one bounded walk (cq_html_walk, never
 * deeper than CQ_HTML_MAX_DEPTH): the text of every <h1> and <h2>, and of
 * the first <h1>, and how many <h1> there are. */
typedef struct {
  const char *first_h1_text;   /* in texts */
  guint       n_h1;
  GPtrArray  *texts;
} Headings;

static CqHtmlWalk
headings_enter (xmlNodePtr node,
                guint      depth,
                gpointer   user_data)
{
  Headings *headings = user_data;
  gboolean h1 = cq_html_is_element (node, "h1");

  if (node->type != XML_ELEMENT_NODE)
    return CQ_HTML_WALK_OVER;
  if (!h1 && !cq_html_is_element (node, "h2"))
    return CQ_HTML_WALK_INTO;
  {
    g_autofree char *text = cq_html_node_text (node);

    g_ptr_array_add (headings->texts, cq_html_collapse_text (text));
  }
  if (h1 && headings->n_h1++ == 0)
    headings->first_h1_text = g_ptr_array_index (headings->texts, headings->texts->len - 1);
  return CQ_HTML_WALK_OVER;
}

static gboolean
heading_says (const Headings *headings,
              const char     *text)
{
  for (guint i = 0; i < headings->texts->len; i++)
    if (g_str_equal (headings->texts->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* The document's <title> without the site's name, as the reference
 * extractor cuts it: the part before the last separator (or after the
 * first, when that leaves too few words), after a colon unless a heading
 * says the whole, and the page's one <h1> when the title is too short or
 * too long to be one. */
static char *
clean_document_title (const char     *original,
                      const Headings *headings)
{
  g_autofree char *title = g_strdup (original);
  const char *first = NULL, *last = NULL;
  gsize first_length = 0;
  gboolean hierarchical = FALSE;
  guint words;

  for (const char *p = original; *p != '\0'; p++)
    {
      gsize length;

      if (is_separator_at (p, &length))
        {
          if (first == NULL)
            {
              first = p;
              first_length = length;
            }
          last = p;
          hierarchical |= g_str_has_prefix (p, " \\ ") || g_str_has_prefix (p, " / ") ||
                          g_str_has_prefix (p, " > ") || g_str_has_prefix (p, " \u00bb ");
        }
    }

  if (last != NULL)
    {
      g_free (title);
      title = g_strndup (original, last - original);
      if (count_words (title) < 3)
        {
          g_free (title);
          title = g_strdup (first + first_length);
        }
    }
  else if (strstr (original, ": ") != NULL)
    {
      if (!heading_says (headings, original))
        {
          const char *colon = g_strrstr (original, ":");

          g_free (title);
          title = g_strdup (colon + 1);
          if (count_words (title) < 3)
            {
              g_free (title);
              title = g_strdup (strchr (original, ':') + 1);
            }
          else if (count_words_before (original, strchr (original, ':')) > 5)
            {
              g_free (title);
              title = g_strdup (original);
            }
        }
    }
  else if ((g_utf8_strlen (original, -1) > 150 || g_utf8_strlen (original, -1) < 15) && headings->n_h1 == 1)
    {
      g_free (title);
      title = g_strdup (headings->first_h1_text);
    }

  {
    g_autofree char *clean = cq_html_collapse_text (title);

    g_free (title);
    title = g_steal_pointer (&clean);
  }
  words = count_words (title);
  if (words <= 4 && (!hierarchical || words != count_words (original) - 1))
    {
      g_free (title);
      title = cq_html_collapse_text (original);
    }
  return g_steal_pointer (&title);
}

static void
read_titles_and_bylines (Extraction *extraction,
                         xmlNodePtr  root)
{
  xmlNodePtr title = cq_html_find_element (root, "title");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Headings headings = { NULL, 0, texts };

  cq_html_walk (root, headings_enter, NULL, &headings);
  /* The page's metadata says it best; then its <title>, cleaned; then its heading. */
  if (extraction->title_rank == 0 && title != NULL)
    {
      g_autofree char *text = cq_html_node_text (title);
      g_autofree char *collapsed = cq_html_collapse_text (text);

      if (*collapsed != '\0')
        {
          g_free (extraction->article->title);
          extraction->article->title = clean_document_title (collapsed, &headings);
        }
    }
  set_if_unset (&extraction->article->title, headings.first_h1_text);
  set_if_unset (&extraction->article->lang, cq_html_get_attribute (root, "lang"));
}

static const char *
rule (CqProfile *profile,
      int        which)
{
  const CqArticleRules *rules = profile != NULL ? cq_profile_get_article_rules (profile) : NULL;

  if (rules == NULL)
    return NULL;
  return which == 0 ? rules->content : which == 1 ? rules->title : rules->date;
}

static gboolean
too_short (xmlNodePtr node)
{
  g_autofree char *text = cq_html_node_text (node);

  return text == NULL || g_utf8_strlen (text, -1) < MIN_ARTICLE_CHARS;
}

static xmlNodePtr
find_content (Extraction *extraction,
              htmlDocPtr  doc,
              xmlNodePtr  root,
              CqProfile  *profile)
{
  xmlNodePtr content = NULL;
  xmlNodePtr body = cq_html_find_element (root, "body");

  if (rule (profile, 1) != NULL && (content = node_by_xpath (doc, rule (profile, 1))) != NULL)
    {
      g_autofree char *text = cq_html_node_text (content);

      g_clear_pointer (&extraction->article->title, g_free);
      set_if_unset (&extraction->article->title, text);
    }
  if (rule (profile, 2) != NULL && (content = node_by_xpath (doc, rule (profile, 2))) != NULL)
    {
      g_autofree char *text = cq_html_node_text (content);

      g_clear_pointer (&extraction->article->published, g_date_time_unref);
      set_date_if_unset (extraction, text);
    }
  if (rule (profile, 0) != NULL && (content = node_by_xpath (doc, rule (profile, 0))) != NULL)
    return content;

  remove_chrome (extraction, body != NULL ? body : root);
  score_paragraphs (extraction, body != NULL ? body : root);
  content = best_candidate (extraction, root);
  /* Nothing scored as prose (a short page, text in lists or tables): the
   * page's article, or its main part, or its body, as it is; a short
   * statement is still a statement ("The embassy is closed today."). */
  if (content == NULL || too_short (content))
    {
      static const char * const wholes[] = { "article", "main", "body" };

      for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
        {
          xmlNodePtr whole = cq_html_find_element (root, wholes[i]);

          if (whole != NULL && !too_short (whole))
            return whole;
        }
      if (content == NULL)
        content = body;
    }
  return content;
}

/* The reader shows the title above the body; the page's own heading would
 * say it twice. */
static void
remove_title_heading (xmlNodePtr  content,
                      const char *title)
{
  xmlNodePtr heading = cq_html_find_element (content, "h1");
  g_autofree char *text = NULL;

  if (heading == NULL || title == NULL)
    return;
  text = cq_html_node_text (heading);
  if (g_str_equal (text, title))
    {
      xmlUnlinkNode (heading);
      xmlFreeNode (heading);
    }
}

/* One look at the page: its metadata, then the statement, whose text and
 * sanitised markup replace any an earlier look found. */
static gboolean
extract_from (Extraction  *extraction,
              const char  *utf8,
              const char  *base_url,
              CqProfile   *profile,
              GError     **error)
{
  CqArticle *article = extraction->article;
  htmlDocPtr doc = cq_html_parse (utf8, strlen (utf8));
  xmlNodePtr root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  xmlNodePtr content;

  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_MALFORMED, _("The page could not be read as HTML."));
      return FALSE;
    }

  read_metadata (extraction, root);
  content = find_content (extraction, doc, root, profile);
  read_titles_and_bylines (extraction, root);

  /* The longer of two looks is kept, as the reference extractor keeps it. */
  if (content != NULL)
    {
      g_autofree char *text = NULL;

      remove_chrome (extraction, content);
      remove_title_heading (content, article->title);
      text = cq_html_node_text (content);
      if (article->text == NULL || strlen (text) > strlen (article->text))
        {
          g_free (article->html);
          g_free (article->text);
          article->html = g_strstrip (cq_html_sanitize_node (content, base_url, FALSE));
          article->text = g_steal_pointer (&text);
        }
    }
  xmlFreeDoc (doc);
  return TRUE;
}

/**
 * cq_article_extract:
 * @bytes: the page as served
 * @base_url: (nullable): its address, for relative links and images
 * @profile: (nullable): the source, for its article rules and home zone
 * @declared_charset: (nullable): the transport's charset
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 *   (%CQ_PARSE_ERROR_NO_ARTICLE when the page holds no statement text)
 */
CqArticle *
cq_article_extract (GBytes      *bytes,
                    const char  *base_url,
                    CqProfile   *profile,
                    const char  *declared_charset,
                    GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CqArticle) article = g_new0 (CqArticle, 1);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree char *utf8 = NULL;
  Extraction extraction = { scores, article, profile != NULL ? cq_profile_get_time_zone (profile) : utc, 0, FALSE, NULL };
  gsize size, length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > CQ_FEED_MAX_SIZE)
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                           _("The page is too large to be a statement."));
      return NULL;
    }
  if (!(utf8 = cq_charset_to_utf8 (data != NULL ? data : "", size, declared_charset, &length, error)))
    return NULL;

  if (*g_strchug (utf8) == '\0')
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_EMPTY, _("The page is empty."));
      return NULL;
    }

  /* As the reference extractor does: a page whose statement sits in a
   * wrapper named like chrome ("panel-two-col-sidebar-right") gives next to
   * nothing on the first look, so it is read again trusting no name. */
  if (!extract_from (&extraction, utf8, base_url, profile, error))
    {
      g_free (extraction.page_title);
      return NULL;
    }
  if (article->text == NULL || g_utf8_strlen (article->text, -1) < MIN_ARTICLE_CHARS)
    {
      g_hash_table_remove_all (scores);
      extraction.keep_names = TRUE;
      if (!extract_from (&extraction, utf8, base_url, profile, error))
        {
          g_free (extraction.page_title);
          return NULL;
        }
    }
  g_clear_pointer (&extraction.page_title, g_free);

  if (article->text == NULL || *g_strstrip (article->text) == '\0')
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NO_ARTICLE,
                           _("No statement text was found on this page."));
      return NULL;
    }

  return g_steal_pointer (&article);
}

CqArticle *
cq_article_copy (const CqArticle *article)
{
  CqArticle *copy = g_new0 (CqArticle, 1);

  copy->title = g_strdup (article->title);
  copy->byline = g_strdup (article->byline);
  copy->published = article->published != NULL ? g_date_time_ref (article->published) : NULL;
  copy->lang = g_strdup (article->lang);
  copy->site_name = g_strdup (article->site_name);
  copy->text = g_strdup (article->text);
  copy->html = g_strdup (article->html);
  return copy;
}

void
cq_article_free (CqArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->title);
  g_free (article->byline);
  g_clear_pointer (&article->published, g_date_time_unref);
  g_free (article->lang);
  g_free (article->site_name);
  g_free (article->text);
  g_free (article->html);
  g_free (article);
}
