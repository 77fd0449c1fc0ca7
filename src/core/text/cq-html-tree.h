/* cq-html-tree.h: one walk over an HTML tree, one notion of block, one
 * vocabulary of site chrome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef enum {
  CQ_HTML_WALK_INTO,     /* visit the node's children, then leave it */
  CQ_HTML_WALK_OVER,     /* go on past the node, not into it */
  CQ_HTML_WALK_REMOVE,   /* take the node out of the tree and free it */
  CQ_HTML_WALK_STOP,     /* end the walk here */
} CqHtmlWalk;

/* @depth is 1 for @root's children; nodes deeper than CQ_HTML_MAX_DEPTH
 * are never visited. */
typedef CqHtmlWalk (*CqHtmlEnterFunc) (xmlNodePtr node,
                                       guint      depth,
                                       gpointer   user_data);
typedef void       (*CqHtmlLeaveFunc) (xmlNodePtr node,
                                       gpointer   user_data);

xmlNodePtr cq_html_walk          (xmlNodePtr       root,
                                  CqHtmlEnterFunc  enter,
                                  CqHtmlLeaveFunc  leave,
                                  gpointer         user_data);
xmlNodePtr cq_html_find_element  (xmlNodePtr       root,
                                  const char      *name);

gboolean   cq_html_is_block      (xmlNodePtr       node);
gboolean   cq_html_is_block_name (const char      *name);
const char * const *cq_html_get_block_names (gsize   *n_names);
gboolean   cq_html_names_chrome  (xmlNodePtr       node);
gboolean   cq_html_is_chrome_element (xmlNodePtr   node);
gboolean   cq_html_is_chrome     (xmlNodePtr       node);
gboolean   cq_html_in_chrome     (xmlNodePtr       node);

G_END_DECLS
