/* cq-json.h: JSON with bounds: json-glib trees for small documents, a
 * streaming reader for feeds
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

/* What a value is, from its first character. */
typedef enum {
  CQ_JSON_NONE,     /* no value: the reader failed */
  CQ_JSON_OBJECT,
  CQ_JSON_ARRAY,
  CQ_JSON_STRING,
  CQ_JSON_NUMBER,
  CQ_JSON_BOOLEAN,
  CQ_JSON_NULL,
} CqJsonType;

/* A reader over a document in memory, on the stack: see cq-json.c.  Its
 * fields are private. */
typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  guint       depth;
  guint       max_depth;
  gboolean    first;       /* nothing read yet in the container just entered */
  gsize       n_objects;
  char       *name;        /* a member name that had escapes, decoded */
  GError     *error;       /* the first failure; every call after it fails */
} CqJsonReader;

/* Where a value starts, to come back to it. */
typedef struct {
  gsize pos;
  guint depth;
} CqJsonMark;

void        cq_json_reader_init          (CqJsonReader  *self,
                                          const char    *utf8,
                                          gsize          length,
                                          guint          max_depth);
void        cq_json_reader_clear         (CqJsonReader  *self);
CqJsonType  cq_json_reader_peek          (CqJsonReader  *self);
gboolean    cq_json_reader_enter_object  (CqJsonReader  *self);
gboolean    cq_json_reader_next_member   (CqJsonReader  *self,
                                          const char   **name,
                                          gsize         *name_length);
gboolean    cq_json_reader_enter_array   (CqJsonReader  *self);
gboolean    cq_json_reader_next_element  (CqJsonReader  *self);
char       *cq_json_reader_dup_string    (CqJsonReader  *self);
const char *cq_json_reader_read_number   (CqJsonReader  *self,
                                          gsize         *length);
gboolean    cq_json_reader_read_boolean  (CqJsonReader  *self,
                                          gboolean      *value);
gboolean    cq_json_reader_read_null     (CqJsonReader  *self);
gboolean    cq_json_reader_skip          (CqJsonReader  *self);
void        cq_json_reader_get_mark      (CqJsonReader  *self,
                                          CqJsonMark    *mark);
void        cq_json_reader_go_to_mark    (CqJsonReader  *self,
                                          const CqJsonMark *mark);
gsize       cq_json_reader_get_n_objects (CqJsonReader  *self);
gboolean    cq_json_reader_finish        (CqJsonReader  *self,
                                          GError       **error);

G_END_DECLS
