/* cq-feed-private.h: what the parsers share, behind cq_feed_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-html.h"
#include "cq-parsed-feed.h"
#include "cq-profile.h"

G_BEGIN_DECLS

typedef struct {
  const char *base_url;
  GTimeZone  *home;
  CqProfile    *profile;   /* nullable */
  CqHtmlReader *reader;    /* one parser for all of a document's fragments */
} CqParseContext;

CqParsedFeed *_cq_xml_feed_parse   (const char            *utf8,
                                    gsize                  length,
                                    const CqParseContext  *context,
                                    GError               **error);
CqParsedFeed *_cq_json_feed_parse  (const char            *utf8,
                                    gsize                  length,
                                    const CqParseContext  *context,
                                    GError               **error);
CqParsedFeed *_cq_html_list_parse  (const char            *utf8,
                                    gsize                  length,
                                    const CqParseContext  *context,
                                    GError               **error);

/* Helpers for building items the same way in every format. */
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

G_END_DECLS
