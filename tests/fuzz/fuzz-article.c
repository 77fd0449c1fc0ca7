/* fuzz-article.c: libFuzzer target for the article extractor and sanitiser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cq-article.h"
#include "cq-html.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The oracle: read the output back and check every element and attribute
 * against what the sanitiser may emit.  Text may say "javascript:" all it
 * likes; markup may not. */
static const char * const allowed_elements[] = {
  "html", "body", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
  "dd", "blockquote", "q", "pre", "code", "kbd", "samp", "em", "i", "strong", "b", "u", "s",
  "sub", "sup", "small", "mark", "cite", "abbr", "a", "img", "figure", "figcaption", "table",
  "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "hr",
};

static gboolean
listed (const char *name, const char * const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
check_tree (xmlNodePtr node, guint depth)
{
  static const char * const attributes[] = { "href", "src", "alt", "title", "colspan", "rowspan" };

  for (xmlNodePtr child = node->children; child != NULL && depth < 300; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      g_assert (listed ((const char *) child->name, allowed_elements, G_N_ELEMENTS (allowed_elements)));
      for (xmlAttrPtr attr = child->properties; attr != NULL; attr = attr->next)
        {
          const char *value = attr->children != NULL ? (const char *) attr->children->content : "";

          g_assert (listed ((const char *) attr->name, attributes, G_N_ELEMENTS (attributes)));
          if (g_str_equal ((const char *) attr->name, "href") || g_str_equal ((const char *) attr->name, "src"))
            g_assert (g_str_has_prefix (value, "http:") || g_str_has_prefix (value, "https:") ||
                      g_str_has_prefix (value, "mailto:") || g_str_has_prefix (value, "tel:"));
        }
      check_tree (child, depth + 1);
    }
}

static void
assert_safe (const char *html)
{
  htmlDocPtr doc;

  if (html == NULL)
    return;
  g_assert (g_utf8_validate (html, -1, NULL));
  doc = cq_html_parse (html, strlen (html));
  if (doc != NULL)
    {
      check_tree ((xmlNodePtr) doc, 0);
      xmlFreeDoc (doc);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CqArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  g_autofree char *sanitized = cq_html_sanitize (text, "https://fuzz.example/a/b");

  assert_safe (sanitized);

  article = cq_article_extract (bytes, "https://fuzz.example/a/b", NULL, NULL, &error);
  g_assert ((article != NULL) != (error != NULL));
  if (article != NULL)
    {
      assert_safe (article->html);
      g_assert (g_utf8_validate (article->text, -1, NULL));
    }
  return 0;
}
