/* cq-test-ui.h: helpers for tests that show real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       cq_test_ui_load_app_resources (void);
void       cq_test_ui_wait_mapped     (GtkWidget  *widget);
void       cq_test_ui_settle          (void);
void       cq_test_ui_run_for         (guint       milliseconds);
GPtrArray *cq_test_ui_collect_labels  (GtkWidget  *root);
gboolean   cq_test_ui_has_label       (GtkWidget  *root,
                                       const char *text);
void       cq_test_ui_screenshot      (GtkWidget  *widget,
                                       const char *name);
GtkWidget *cq_test_ui_find            (GtkWidget  *root,
                                       GType       type,
                                       const char *label);
GtkWidget *cq_test_ui_find_optional   (GtkWidget  *root,
                                       GType       type);
void       cq_test_ui_destroy_window  (GtkWindow  *window);

G_END_DECLS
