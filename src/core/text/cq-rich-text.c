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
#include "cq-html-tree.h"
#include "cq-rich-text.h"

/* What leaving an element undoes. */
typedef enum {
  CLOSE_NONE,
  CLOSE_BLOCK,   /* its own block ends */
  CLOSE_PRE,     /* its preformatted block ends */
  CLOSE_LIST,    /* one list level less */
  CLOSE_QUOTE,   /* the quote around paragraphs ends */
  CLOSE_CELL,    /* a gap before the next cell */
  CLOSE_BREAK,   /* a block with no kind of its own: text after it starts anew */
} Close;

/* One per element the walk is inside: the style its text takes. */
typedef struct {
  CqSpanStyle  style;
  const char  *href;
  Close        close;
  CqBlockKind  outer;     /* CLOSE_QUOTE: the container to return to */
  guint        number;    /* CLOSE_LIST: the next item's number, 0 when bulleted */
} Frame;

typedef struct {
  GPtrArray   *blocks;
  CqTextBlock *current;
  guint        list_depth;
  gboolean     in_pre;
  CqBlockKind  container;  /* quote around paragraphs */
  GArray      *frames;
  /* The last span of the current block takes text in @run until another
   * span starts or the block ends, so a long run costs its length once. */
  CqTextSpan  *open_span;
  GString     *run;
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

static void
close_span (Builder *builder)
{
  if (builder->open_span == NULL)
    return;
  builder->open_span->text = g_strndup (builder->run->str, builder->run->len);
  builder->open_span = NULL;
  g_string_truncate (builder->run, 0);
}

static void
end_block (Builder *builder)
{
  close_span (builder);
  builder->current = NULL;
}

static CqTextBlock *
start_block (Builder     *builder,
             CqBlockKind  kind,
             guint        level)
{
  CqTextBlock *block = g_new0 (CqTextBlock, 1);

  end_block (builder);
  block->kind = kind;
  block->level = level;
  block->spans = g_ptr_array_new_with_free_func (span_free);
  g_ptr_array_add (builder->blocks, block);
  builder->current = block;
  return block;
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
  last = builder->open_span;
  if (!builder->in_pre && clean->str[0] == ' ' &&
      (last == NULL || (builder->run->len > 0 && (builder->run->str[builder->run->len - 1] == ' ' ||
                                                  builder->run->str[builder->run->len - 1] == '\n'))))
    g_string_erase (clean, 0, 1);
  if (clean->len == 0)
    return;

  if (last != NULL && last->style == style && g_strcmp0 (last->href, href) == 0)
    {
      g_string_append_len (builder->run, clean->str, clean->len);
      return;
    }

  close_span (builder);
  span = g_new0 (CqTextSpan, 1);
  span->style = style;
  span->href = g_strdup (href);
  g_ptr_array_add (builder->current->spans, span);
  builder->open_span = span;
  g_string_append_len (builder->run, clean->str, clean->len);
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

static Frame *
top_frame (Builder *builder)
{
  static Frame outside = { 0, NULL, CLOSE_NONE, CQ_BLOCK_PARAGRAPH, 0 };

  return builder->frames->len > 0 ? &g_array_index (builder->frames, Frame, builder->frames->len - 1) : &outside;
}

static CqHtmlWalk
push (Builder     *builder,
      CqSpanStyle  style,
      const char  *href,
      Close        close)
{
  Frame frame = { style, href, close, builder->container, 0 };

  g_array_append_val (builder->frames, frame);
  return CQ_HTML_WALK_INTO;
}

/* A block's text starts unstyled, as it would in a browser's own block. */
static CqHtmlWalk
enter_block (Builder     *builder,
             CqBlockKind  kind,
             guint        level,
             Close        close)
{
  start_block (builder, kind, level);
  return push (builder, 0, NULL, close);
}

static CqHtmlWalk
enter_list_item (Builder *builder)
{
  Frame *list = top_frame (builder);
  CqTextBlock *block = start_block (builder, CQ_BLOCK_LIST_ITEM, builder->list_depth);

  block->marker = list->number > 0 ? g_strdup_printf ("%u.", list->number++) : g_strdup ("•");
  return push (builder, 0, NULL, CLOSE_BLOCK);
}

static gboolean
is_list (xmlNodePtr node)
{
  return cq_html_is_element (node, "ul") || cq_html_is_element (node, "ol");
}

static CqHtmlWalk
enter_element (Builder    *builder,
               xmlNodePtr  node)
{
  const char *name = (const char *) node->name;
  Frame *top = top_frame (builder);

  /* Lists hold items only. */
  if (is_list (node->parent))
    return g_str_equal (name, "li") ? enter_list_item (builder) : CQ_HTML_WALK_OVER;

  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    return enter_block (builder, CQ_BLOCK_HEADING, name[1] - '0', CLOSE_BLOCK);
  if (g_str_equal (name, "p") || g_str_equal (name, "figcaption") || g_str_equal (name, "dd") ||
      g_str_equal (name, "dt") || g_str_equal (name, "caption") || g_str_equal (name, "tr"))
    return enter_block (builder, builder->container, 0, CLOSE_BLOCK);
  if (g_str_equal (name, "pre"))
    {
      builder->in_pre = TRUE;
      return enter_block (builder, CQ_BLOCK_PRE, 0, CLOSE_PRE);
    }
  if (is_list (node))
    {
      end_block (builder);
      builder->list_depth++;
      push (builder, 0, NULL, CLOSE_LIST);
      top_frame (builder)->number = g_str_equal (name, "ol") ? 1 : 0;
      return CQ_HTML_WALK_INTO;
    }
  if (g_str_equal (name, "blockquote"))
    {
      end_block (builder);
      push (builder, top->style, top->href, CLOSE_QUOTE);
      builder->container = CQ_BLOCK_QUOTE;
      return CQ_HTML_WALK_INTO;
    }
  if (g_str_equal (name, "br"))
    {
      gboolean in_pre = builder->in_pre;

      /* A line break is kept as one, as in preformatted text. */
      builder->in_pre = TRUE;
      if (builder->current != NULL)
        add_text (builder, "\n", top->style, top->href);
      builder->in_pre = in_pre;
      return CQ_HTML_WALK_OVER;
    }
  if (g_str_equal (name, "hr"))
    {
      end_block (builder);
      return CQ_HTML_WALK_OVER;
    }
  if (g_str_equal (name, "td") || g_str_equal (name, "th"))
    return push (builder, g_str_equal (name, "th") ? top->style | CQ_SPAN_BOLD : top->style, top->href, CLOSE_CELL);
  if (g_str_equal (name, "img"))
    {
      const char *alt = cq_html_get_attribute (node, "alt");
      const char *src = cq_html_get_attribute (node, "src");

      if (src != NULL)
        add_text (builder, alt != NULL && *alt != '\0' ? alt : "image", top->style | CQ_SPAN_IMAGE | CQ_SPAN_LINK, src);
      return CQ_HTML_WALK_OVER;
    }
  if (g_str_equal (name, "a"))
    return push (builder, top->style | CQ_SPAN_LINK, cq_html_get_attribute (node, "href"), CLOSE_NONE);
  /* Any other block (div, section, figure, table, …) breaks the text
   * around it, so that two of them never run together. */
  if (cq_html_is_block (node))
    {
      end_block (builder);
      return push (builder, top->style, top->href, CLOSE_BREAK);
    }
  return push (builder, top->style | inline_style (name), top->href, CLOSE_NONE);
}

static CqHtmlWalk
enter (xmlNodePtr node,
       guint      depth,
       gpointer   user_data)
{
  Builder *builder = user_data;

  if (node->type == XML_ELEMENT_NODE)
    return enter_element (builder, node);
  if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && !is_list (node->parent))
    add_text (builder, (const char *) node->content, top_frame (builder)->style, top_frame (builder)->href);
  return CQ_HTML_WALK_OVER;
}

static void
leave (xmlNodePtr node,
       gpointer   user_data)
{
  Builder *builder = user_data;
  Frame frame = *top_frame (builder);

  g_array_set_size (builder->frames, builder->frames->len - 1);
  switch (frame.close)
    {
    case CLOSE_PRE:
      builder->in_pre = FALSE;
      end_block (builder);
      break;
    case CLOSE_LIST:
      builder->list_depth--;
      break;
    case CLOSE_QUOTE:
      end_block (builder);
      builder->container = frame.outer;
      break;
    case CLOSE_CELL:
      add_text (builder, "  ", top_frame (builder)->style, top_frame (builder)->href);
      break;
    case CLOSE_BLOCK:
    case CLOSE_BREAK:
      end_block (builder);
      break;
    case CLOSE_NONE:
    default:
      break;
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
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(GString) run = g_string_new (NULL);
  Builder builder = {
    .blocks = g_ptr_array_new_with_free_func (block_free),
    .container = CQ_BLOCK_PARAGRAPH,
    .frames = frames,
    .run = run,
  };
  htmlDocPtr doc;

  if (html == NULL || *html == '\0')
    return builder.blocks;

  doc = cq_html_parse (html, strlen (html));
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    cq_html_walk (xmlDocGetRootElement (doc), enter, leave, &builder);
  if (doc != NULL)
    xmlFreeDoc (doc);
  end_block (&builder);

  trim_blocks (builder.blocks);
  return builder.blocks;
}
