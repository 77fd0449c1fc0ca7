/* cq-html.h: reading HTML safely: parsing, URLs, sanitising, plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Deeper trees than this are cut, so that no walk can exhaust the stack. */
#define CQ_HTML_MAX_DEPTH 256

typedef struct _CqHtmlReader CqHtmlReader;

CqHtmlReader *cq_html_reader_new     (void);
void        cq_html_reader_free      (CqHtmlReader *self);
char       *cq_html_reader_sanitize  (CqHtmlReader *self,
                                      const char   *html,
                                      const char   *base_url,
                                      char        **text);
guint       cq_html_reader_get_quick_reads (CqHtmlReader *self);
char       *cq_html_reader_sanitize_tree (CqHtmlReader *self,
                                      const char   *html,
                                      const char   *base_url,
                                      char        **text);

htmlDocPtr  cq_html_parse          (const char *utf8,
                                    gsize       length);
char       *cq_html_resolve_url    (const char *base,
                                    const char *reference,
                                    gboolean    for_image);
gboolean    cq_html_url_ignores_base (const char *reference);
char       *cq_html_link_to_open   (const char *uri);
char       *cq_html_sanitize_node  (xmlNodePtr  node,
                                    const char *base_url,
                                    gboolean    with_node);
char       *cq_html_sanitize       (const char *html,
                                    const char *base_url);
char       *cq_html_node_text      (xmlNodePtr  node);
char       *cq_html_collapse_text  (const char *text);
gboolean    cq_html_is_element     (xmlNodePtr  node,
                                    const char *name);
const char *cq_html_get_attribute  (xmlNodePtr  node,
                                    const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqHtmlReader, cq_html_reader_free)

G_END_DECLS
