/* cq-feed-private.h: each format's parser, called by cq_feed_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-feed-item.h"

G_BEGIN_DECLS

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

G_END_DECLS
