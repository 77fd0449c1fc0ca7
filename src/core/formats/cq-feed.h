/* cq-feed.h: bytes and a base URL in, news items out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-parse-error.h"
#include "cq-parsed-feed.h"
#include "cq-profile.h"

G_BEGIN_DECLS

/* No feed or page a news source serves is anywhere near this. */
#define CQ_FEED_MAX_SIZE (16 * 1024 * 1024)

CqFeedFormat  cq_feed_detect_format (const char    *data,
                                     gsize          length);
CqParsedFeed *cq_feed_parse         (GBytes        *bytes,
                                     const char    *base_url,
                                     CqFeedFormat   format,
                                     CqProfile     *profile,
                                     const char    *declared_charset,
                                     GError       **error);

/**
 * CqFeedItemFunc:
 * @item: an item read, as the parsed feed will list it
 *
 * Called on the parsing thread, as the document is read.
 */
typedef void (*CqFeedItemFunc) (CqItem   *item,
                                gpointer  user_data);

CqParsedFeed *cq_feed_parse_streaming (GBytes         *bytes,
                                       const char     *base_url,
                                       CqFeedFormat    format,
                                       CqProfile      *profile,
                                       const char     *declared_charset,
                                       CqFeedItemFunc  item_func,
                                       gpointer        user_data,
                                       GError        **error);

G_END_DECLS
