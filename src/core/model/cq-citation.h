/* cq-citation.h: how a statement is cited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-item.h"

G_BEGIN_DECLS

char *cq_citation_format (CqItem     *item,
                          GTimeZone  *home,
                          const char *zone_name,
                          GDateTime  *retrieved);

G_END_DECLS
