/* cq-rich-text.h: sanitised HTML as blocks and styled spans, for a native view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CQ_SPAN_BOLD      = 1 << 0,
  CQ_SPAN_ITALIC    = 1 << 1,
  CQ_SPAN_CODE      = 1 << 2,
  CQ_SPAN_LINK      = 1 << 3,
  CQ_SPAN_UNDERLINE = 1 << 4,
  CQ_SPAN_STRIKE    = 1 << 5,
  CQ_SPAN_SUB       = 1 << 6,
  CQ_SPAN_SUP       = 1 << 7,
  CQ_SPAN_IMAGE     = 1 << 8,
} CqSpanStyle;

typedef enum {
  CQ_BLOCK_PARAGRAPH,
  CQ_BLOCK_HEADING,
  CQ_BLOCK_LIST_ITEM,
  CQ_BLOCK_QUOTE,
  CQ_BLOCK_PRE,
} CqBlockKind;

typedef struct {
  char        *text;
  CqSpanStyle  style;
  char        *href;   /* links: the target; images: the source */
} CqTextSpan;

typedef struct {
  CqBlockKind  kind;
  guint        level;   /* heading level 1–6, or list depth from 1 */
  char        *marker;  /* "•" or "3." for list items */
  GPtrArray   *spans;   /* CqTextSpan */
} CqTextBlock;

GPtrArray *cq_rich_text_from_html (const char *html);

G_END_DECLS
