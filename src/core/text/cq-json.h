/* cq-json.h: JSON parsing with bounds checked before json-glib sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CQ_JSON_ERROR (cq_json_error_quark ())

typedef enum {
  CQ_JSON_ERROR_TOO_LARGE,
  CQ_JSON_ERROR_TOO_DEEP,
  CQ_JSON_ERROR_NOT_UTF8,
  CQ_JSON_ERROR_SYNTAX,
} CqJsonError;

GQuark    cq_json_error_quark  (void);

JsonNode *cq_json_parse_bounded (const char  *data,
                                 gsize        length,
                                 gsize        max_size,
                                 guint        max_depth,
                                 GError     **error);

G_END_DECLS
