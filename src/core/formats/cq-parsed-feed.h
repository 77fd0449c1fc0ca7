/* cq-parsed-feed.h: what a parser found in a document: plain data for the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-feed-format.h"
#include "cq-item.h"

G_BEGIN_DECLS

/* Items one document may list; a feed of a million tiny items would cost
 * hundreds of megabytes to read, and is no news feed. */
#define CQ_FEED_MAX_ITEMS 10000

#define CQ_TYPE_PARSED_FEED (cq_parsed_feed_get_type ())

G_DECLARE_FINAL_TYPE (CqParsedFeed, cq_parsed_feed, CQ, PARSED_FEED, GObject)

CqParsedFeed *cq_parsed_feed_new              (CqFeedFormat  format);
CqFeedFormat  cq_parsed_feed_get_format       (CqParsedFeed *self);
const char   *cq_parsed_feed_get_title        (CqParsedFeed *self);
void          cq_parsed_feed_set_title        (CqParsedFeed *self,
                                               const char   *title);
const char   *cq_parsed_feed_get_link         (CqParsedFeed *self);
void          cq_parsed_feed_set_link         (CqParsedFeed *self,
                                               const char   *link);
const char   *cq_parsed_feed_get_advertised_feed (CqParsedFeed *self);
void          cq_parsed_feed_set_advertised_feed (CqParsedFeed *self,
                                                  const char   *url);
const char   *cq_parsed_feed_get_next_page    (CqParsedFeed *self);
void          cq_parsed_feed_set_next_page    (CqParsedFeed *self,
                                               const char   *url);
const char   *cq_parsed_feed_get_content_hash (CqParsedFeed *self);
void          cq_parsed_feed_set_content_hash (CqParsedFeed *self,
                                               const char   *hash);
GPtrArray    *cq_parsed_feed_get_items        (CqParsedFeed *self);
gboolean      cq_parsed_feed_get_overflowed   (CqParsedFeed *self);
gboolean      cq_parsed_feed_get_recovered    (CqParsedFeed *self);
guint         cq_parsed_feed_get_n_cut_off    (CqParsedFeed *self);
void          cq_parsed_feed_set_recovered    (CqParsedFeed *self,
                                               guint         n_cut_off);
char         *cq_parsed_feed_describe_recovery (CqParsedFeed *self);
void          cq_parsed_feed_add_item         (CqParsedFeed *self,
                                               CqItem       *item);

G_END_DECLS
