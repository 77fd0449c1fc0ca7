/* cq-citation.h: how a statement is cited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-item.h"

G_BEGIN_DECLS

/**
 * CqCitationStyle:
 * @CQ_CITATION_RECORD: title, source, published and retrieved dates, link:
 *   one per line, dated to the minute with zones, for an archive
 * @CQ_CITATION_APA: APA, 7th edition, for a web page
 * @CQ_CITATION_MLA: MLA, 9th edition
 * @CQ_CITATION_CHICAGO: Chicago, 17th edition, a bibliography entry
 * @CQ_CITATION_LINK: the title and the link, as one pastes it into a message
 */
typedef enum
{
  CQ_CITATION_RECORD,
  CQ_CITATION_APA,
  CQ_CITATION_MLA,
  CQ_CITATION_CHICAGO,
  CQ_CITATION_LINK,
} CqCitationStyle;

#define CQ_CITATION_N_STYLES (CQ_CITATION_LINK + 1)

const char     *cq_citation_style_to_string   (CqCitationStyle  style);
gboolean        cq_citation_style_from_string (const char      *name,
                                               CqCitationStyle *style);
const char     *cq_citation_style_get_label   (CqCitationStyle  style);

char           *cq_citation_format            (CqItem          *item,
                                               CqCitationStyle  style,
                                               GTimeZone       *home,
                                               const char      *zone_name,
                                               GDateTime       *retrieved);

G_END_DECLS
