/* cq-text.h: small text helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest name a source keeps (its own or one the user gives it), and
 * longest title an item keeps, in characters; longer ones are cut at a
 * word with an ellipsis.  The README lists every such cap. */
#define CQ_TEXT_MAX_NAME_CHARS 200
#define CQ_TEXT_MAX_TITLE_CHARS 1000

char     *cq_text_shorten       (const char  *text,
                                 gsize        max_chars);
char     *cq_text_from_html     (const char  *html);
char     *cq_text_for_search    (const char  *html);
gboolean  cq_text_opens         (const char  *text,
                                 const char  *opening);
gboolean  cq_text_utf8_validate (const char  *text,
                                 gsize        length,
                                 const char **end);
char     *cq_text_make_valid    (const char  *text,
                                 gssize       length);
char     *cq_text_fts_query     (const char  *user_query);
char     *cq_text_for_terminal  (const char  *text);

G_END_DECLS
