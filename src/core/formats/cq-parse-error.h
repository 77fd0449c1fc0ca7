/* cq-parse-error.h: why a document could not be read as news
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CQ_PARSE_ERROR (cq_parse_error_quark ())

typedef enum {
  CQ_PARSE_ERROR_NOT_A_FEED,
  CQ_PARSE_ERROR_MALFORMED,
  CQ_PARSE_ERROR_TOO_LARGE,
  CQ_PARSE_ERROR_ENCODING,
  CQ_PARSE_ERROR_NOT_TEXT,
  CQ_PARSE_ERROR_EMPTY,
  CQ_PARSE_ERROR_NO_ARTICLE,
} CqParseError;

GQuark cq_parse_error_quark (void);

G_END_DECLS
