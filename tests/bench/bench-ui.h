/* bench-ui.h: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *cq_bench_find_list_view (GtkWidget *root);
void       cq_bench_wait_for_list  (GtkWidget *window,
                                    guint      n_items);

G_END_DECLS
