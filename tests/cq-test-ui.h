/* cq-test-ui.h: helpers for tests that show real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-test-util.h"
#include "cq-window.h"

G_BEGIN_DECLS

/* The moment the seed page was read: 16 June 2019, 19:40 UTC. */
#define CQ_TEST_UI_SEED_MOMENT "2019-06-16T19:40:00Z"

gboolean   cq_test_ui_init            (int         *argc,
                                       char      ***argv);
void       cq_test_ui_load_app_resources (void);
CqClock   *cq_test_ui_seed_clock      (void);
void       cq_test_ui_fill_builtin    (CqTestStore *fixture);
CqWindow  *cq_test_ui_show_window     (CqStore    *store,
                                       CqClock    *clock,
                                       int         width);
void       cq_test_ui_press_key       (const char *key);
void       cq_test_ui_wait_mapped     (GtkWidget  *widget);
void       cq_test_ui_settle          (void);
void       cq_test_ui_run_for         (guint       milliseconds);
GPtrArray *cq_test_ui_collect_labels  (GtkWidget  *root);
gboolean   cq_test_ui_has_label       (GtkWidget  *root,
                                       const char *text);
GskRenderNode *cq_test_ui_render_node (GtkWidget *widget);
GskRenderNode *cq_test_ui_node_child  (GskRenderNode *node);
void       cq_test_ui_screenshot      (GtkWidget  *widget,
                                       const char *name);
GtkWidget *cq_test_ui_find            (GtkWidget  *root,
                                       GType       type,
                                       const char *label);
GtkWidget *cq_test_ui_find_optional   (GtkWidget  *root,
                                       GType       type);
void       cq_test_ui_text_point      (GtkTextView *view,
                                       const char  *text,
                                       int         *x,
                                       int         *y);
void       cq_test_ui_click_text      (GtkWidget   *window,
                                       int          button,
                                       const char  *text);

typedef gboolean (*CqTestUiMatch) (GtkWidget     *widget,
                                   gconstpointer  data);

GtkWidget *cq_test_ui_find_where      (GtkWidget     *root,
                                       CqTestUiMatch  match,
                                       gconstpointer  data);
void       cq_test_ui_destroy_window  (GtkWindow  *window);

G_END_DECLS
