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

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * cq_bench_wait_for_list:
 * @n_items: how many items the list must hold
 *
 * Runs the main loop until the news list under @window holds @n_items (no
 * more, no fewer: a source removed, the list has shrunk back) and
 * the frame after that is painted.  A window's list reads the rest of its
 * items once its first frame is out; a benchmark of a window "showing
 * 100,000 items" starts once it does.
 */
void
cq_bench_wait_for_list (GtkWidget *window,
                        guint      n_items)
{
  GtkWidget *list;
  GListModel *model;
  gboolean painted = FALSE;
  gulong id;

  while ((list = cq_bench_find_list_view (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  while (g_list_model_get_n_items (model) != n_items)
    g_main_context_iteration (NULL, TRUE);

  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
}
