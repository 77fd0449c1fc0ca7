/* cq-text.h: small text helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cq_text_from_html     (const char *html);
char *cq_text_for_search    (const char *html);
char *cq_text_make_valid    (const char *text,
                             gssize      length);
char *cq_text_fts_query     (const char *user_query);

G_END_DECLS
