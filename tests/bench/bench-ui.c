/* bench-ui.c: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-ui.h"

/**
 * cq_bench_find_list_view:
 *
 * Returns: (transfer none) (nullable): the first list view under @root
 *   that is on screen: the news list
 */
GtkWidget *
cq_bench_find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cq_bench_find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}
