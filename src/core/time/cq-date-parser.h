/* cq-date-parser.h: dates as feeds and pages really write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *cq_date_parse (const char *text,
                          GTimeZone  *home,
                          gboolean   *date_only);

GDateTime *cq_date_parse_with_format (const char *text,
                                      const char *format,
                                      GTimeZone  *home,
                                      gboolean   *date_only);

G_END_DECLS
