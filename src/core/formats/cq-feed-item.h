/* cq-feed-item.h: what every parser shares to build its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-feed.h"
#include "cq-html.h"
#include "cq-parsed-feed.h"
#include "cq-profile.h"

G_BEGIN_DECLS

typedef struct {
  const char *base_url;
  GTimeZone  *home;
  CqProfile    *profile;   /* nullable */
  CqHtmlReader *reader;    /* one parser for all of a document's fragments */
  /* Told of each item as soon as it is final (cq_feed_parse_streaming()). */
  CqFeedItemFunc item_func;
  gpointer      item_data;
} CqParseContext;

char   *_cq_feed_clean_title    (const char *text,
                                 gboolean    is_html);
char   *_cq_feed_summary_from   (const char *html);
char   *_cq_feed_fallback_guid  (const char *link,
                                 const char *title,
                                 GDateTime  *published);
void    _cq_feed_finish_item    (const CqParseContext *context,
                                 CqItem               *item,
                                 const char           *summary_html,
                                 const char           *content_html,
                                 const char           *base_url);
const char *_cq_feed_item_base  (const CqParseContext *context,
                                 CqItem               *item);

G_END_DECLS
