/* cq-feed-format.h: the kinds of document a source can serve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-profile.h"

G_BEGIN_DECLS

/* In the order of cq_profile_feed_formats, which names them. */
typedef enum {
  CQ_FEED_FORMAT_AUTO,
  CQ_FEED_FORMAT_JSON_FEED,
  CQ_FEED_FORMAT_RSS,
  CQ_FEED_FORMAT_ATOM,
  CQ_FEED_FORMAT_HTML_LIST,
} CqFeedFormat;

const char   *cq_feed_format_to_string    (CqFeedFormat   format);
gboolean      cq_feed_format_from_string  (const char    *string,
                                           CqFeedFormat  *format);
CqFeedFormat  cq_feed_format_for_profile  (CqProfile     *profile);

G_END_DECLS
