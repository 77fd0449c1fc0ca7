/* cq-rich-text.c: sanitised HTML as blocks and styled spans, for a native view
 *
 * The reader shows a statement with GTK's own text widgets, no web engine;
 * this turns the stored HTML into what those need: paragraphs, headings,
 * list items, quotes and preformatted blocks, each a run of spans that are
 * bold, italic, code or links.  Images become their description, a link to
 * the picture, since remote images load only when the user allows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-text"

#include "config.h"

#include <string.h>

#include "cq-html.h"
#include "cq-rich-text.h"

typedef struct {
  GPtrArray   *blocks;
  CqTextBlock *current;
  guint        list_depth;
  gboolean     in_pre;
  CqBlockKind  container;  /* quote around paragraphs */
} Builder;

static void
span_free (gpointer data)
{
  CqTextSpan *span = data;

  g_free (span->text);
  g_free (span->href);
  g_free (span);
}

static void
block_free (gpointer data)
{
  CqTextBlock *block = data;

  g_ptr_array_unref (block->spans);
  g_free (block->marker);
  g_free (block);
}

static CqTextBlock *
start_block (Builder     *builder,
             CqBlockKind  kind,
             guint        level)
{
  CqTextBlock *block = g_new0 (CqTextBlock, 1);

  block->kind = kind;
  block->level = level;
  block->spans = g_ptr_array_new_with_free_func (span_free);
  g_ptr_array_add (builder->blocks, block);
  builder->current = block;
  return block;
}

static void
end_block (Builder *builder)
{
  builder->current = NULL;
}

/* Runs of white space become one space, except in preformatted text. */
static void
add_text (Builder     *builder,
          const char  *text,
          CqSpanStyle  style,
          const char  *href)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  CqTextSpan *last;
  CqTextSpan *span;

  if (builder->in_pre)
    g_string_append (clean, text);
  else
    for (const char *p = text; *p; p++)
      {
        if (g_ascii_isspace (*p))
          {
            if (clean->len == 0 || clean->str[clean->len - 1] != ' ')
              g_string_append_c (clean, ' ');
          }
        else
          g_string_append_c (clean, *p);
      }
  if (clean->len == 0)
    return;

  if (builder->current == NULL)
    {
      /* Text outside any block: a paragraph of its own, unless blank. */
      if (!builder->in_pre && g_str_equal (clean->str, " "))
        return;
      start_block (builder, builder->container, 0);
    }

  /* No leading space at the start of a block, no doubled spaces across spans. */
  last = builder->current->spans->len > 0
         ? g_ptr_array_index (builder->current->spans, builder->current->spans->len - 1) : NULL;
  if (!builder->in_pre && clean->str[0] == ' ' &&
      (last == NULL || g_str_has_suffix (last->text, " ") || g_str_has_suffix (last->text, "\n")))
    g_string_erase (clean, 0, 1);
  if (clean->len == 0)
    return;

  if (last != NULL && last->style == style && g_strcmp0 (last->href, href) == 0)
    {
      char *joined = g_strconcat (last->text, clean->str, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }

  span = g_new0 (CqTextSpan, 1);
  span->text = g_strdup (clean->str);
  span->style = style;
  span->href = g_strdup (href);
  g_ptr_array_add (builder->current->spans, span);
}

static CqSpanStyle
inline_style (const char *name)
{
  if (g_str_equal (name, "b") || g_str_equal (name, "strong"))
    return CQ_SPAN_BOLD;
  if (g_str_equal (name, "i") || g_str_equal (name, "em") || g_str_equal (name, "cite") || g_str_equal (name, "q"))
    return CQ_SPAN_ITALIC;
  if (g_str_equal (name, "code") || g_str_equal (name, "kbd") || g_str_equal (name, "samp"))
    return CQ_SPAN_CODE;
  if (g_str_equal (name, "u"))
    return CQ_SPAN_UNDERLINE;
  if (g_str_equal (name, "s"))
    return CQ_SPAN_STRIKE;
  if (g_str_equal (name, "sub"))
    return CQ_SPAN_SUB;
  if (g_str_equal (name, "sup"))
    return CQ_SPAN_SUP;
  return 0;
}

static void walk (Builder *builder, xmlNodePtr node, CqSpanStyle style, const char *href, guint depth);

static void
walk_block (Builder     *builder,
            xmlNodePtr   node,
            CqBlockKind  kind,
            guint        level,
            guint        depth)
{
  end_block (builder);
  start_block (builder, kind, level);
  walk (builder, node, 0, NULL, depth + 1);
  end_block (builder);
}

static void
walk_list (Builder    *builder,
           xmlNodePtr  node,
           gboolean    numbered,
           guint       depth)
{
  guint number = 1;

  end_block (builder);
  builder->list_depth++;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      CqTextBlock *block;

      if (!cq_html_is_element (child, "li"))
        continue;
      block = start_block (builder, CQ_BLOCK_LIST_ITEM, builder->list_depth);
      block->marker = numbered ? g_strdup_printf ("%u.", number++) : g_strdup ("•");
      walk (builder, child, 0, NULL, depth + 1);
      end_block (builder);
    }
  builder->list_depth--;
}

static void
walk_element (Builder     *builder,
              xmlNodePtr   node,
              CqSpanStyle  style,
              const char  *href,
              guint        depth)
{
  const char *name = (const char *) node->name;

  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    walk_block (builder, node, CQ_BLOCK_HEADING, name[1] - '0', depth);
  else if (g_str_equal (name, "p") || g_str_equal (name, "figcaption") || g_str_equal (name, "dd") ||
           g_str_equal (name, "dt") || g_str_equal (name, "caption") || g_str_equal (name, "tr"))
    walk_block (builder, node, builder->container, 0, depth);
  else if (g_str_equal (name, "ul") || g_str_equal (name, "ol"))
    walk_list (builder, node, g_str_equal (name, "ol"), depth);
  else if (g_str_equal (name, "blockquote"))
    {
      CqBlockKind outer = builder->container;

      end_block (builder);
      builder->container = CQ_BLOCK_QUOTE;
      walk (builder, node, style, href, depth + 1);
      end_block (builder);
      builder->container = outer;
    }
  else if (g_str_equal (name, "pre"))
    {
      builder->in_pre = TRUE;
      walk_block (builder, node, CQ_BLOCK_PRE, 0, depth);
      builder->in_pre = FALSE;
    }
  else if (g_str_equal (name, "br"))
    {
      gboolean in_pre = builder->in_pre;

      /* A line break is kept as one, as in preformatted text. */
      builder->in_pre = TRUE;
      if (builder->current != NULL)
        add_text (builder, "\n", style, href);
      builder->in_pre = in_pre;
    }
  else if (g_str_equal (name, "hr"))
    end_block (builder);
  else if (g_str_equal (name, "td") || g_str_equal (name, "th"))
    {
      walk (builder, node, g_str_equal (name, "th") ? style | CQ_SPAN_BOLD : style, href, depth + 1);
      add_text (builder, "  ", style, href);
    }
  else if (g_str_equal (name, "img"))
    {
      const char *alt = cq_html_get_attribute (node, "alt");
      const char *src = cq_html_get_attribute (node, "src");

      if (src != NULL)
        add_text (builder, alt != NULL && *alt != '\0' ? alt : "image", style | CQ_SPAN_IMAGE | CQ_SPAN_LINK, src);
    }
  else if (g_str_equal (name, "a"))
    walk (builder, node, style | CQ_SPAN_LINK, cq_html_get_attribute (node, "href"), depth + 1);
  else
    walk (builder, node, style | inline_style (name), href, depth + 1);
}

static void
walk (Builder     *builder,
      xmlNodePtr   node,
      CqSpanStyle  style,
      const char  *href,
      guint        depth)
{
  if (depth > CQ_HTML_MAX_DEPTH)
    return;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        add_text (builder, (const char *) child->content, style, href);
      else if (child->type == XML_ELEMENT_NODE)
        walk_element (builder, child, style, href, depth);
    }
}

/* A trailing space or line break at the end of a block is noise. */
static void
trim_blocks (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; )
    {
      CqTextBlock *block = g_ptr_array_index (blocks, i);

      while (block->spans->len > 0)
        {
          CqTextSpan *last = g_ptr_array_index (block->spans, block->spans->len - 1);

          if (block->kind != CQ_BLOCK_PRE)
            g_strchomp (last->text);
          if (*last->text != '\0')
            break;
          g_ptr_array_remove_index (block->spans, block->spans->len - 1);
        }
      if (block->spans->len == 0)
        g_ptr_array_remove_index (blocks, i);
      else
        i++;
    }
}

/**
 * cq_rich_text_from_html:
 * @html: (nullable): sanitised HTML, as the store keeps it
 *
 * Returns: (transfer full) (element-type CqTextBlock): the blocks, in order
 */
GPtrArray *
cq_rich_text_from_html (const char *html)
{
  Builder builder = { g_ptr_array_new_with_free_func (block_free), NULL, 0, FALSE, CQ_BLOCK_PARAGRAPH };
  htmlDocPtr doc;

  if (html == NULL || *html == '\0')
    return builder.blocks;

  doc = cq_html_parse (html, strlen (html));
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    walk (&builder, xmlDocGetRootElement (doc), 0, NULL, 0);
  if (doc != NULL)
    xmlFreeDoc (doc);

  trim_blocks (builder.blocks);
  return builder.blocks;
}
