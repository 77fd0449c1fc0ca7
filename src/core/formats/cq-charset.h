/* cq-charset.h: documents in any of the encodings sources use, as UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cq_charset_sniff    (const char  *data,
                           gsize        length);
char *cq_charset_to_utf8  (const char  *data,
                           gsize        length,
                           const char  *declared,
                           gsize       *out_length,
                           GError     **error);
const char *cq_charset_view_utf8 (const char  *data,
                                  gsize        length,
                                  const char  *declared,
                                  gsize       *out_length,
                                  char       **converted,
                                  GError     **error);

G_END_DECLS
