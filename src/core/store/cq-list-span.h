/* cq-list-span.h: the one span a list model reports when it is read again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether old[i] and new[j] are the same entry. */
typedef gboolean (*CqListSameFunc) (guint    old_index,
                                    guint    new_index,
                                    gpointer user_data);

/* The smallest single span that turns the old list into the new: @head
 * entries at the start and @tail at the end are the same in both, so a
 * view keeps its rows and its scroll position around the change. */
static inline void
cq_list_changed_span (guint           old_len,
                      guint           new_len,
                      CqListSameFunc  same,
                      gpointer        user_data,
                      guint          *head,
                      guint          *tail)
{
  *head = 0;
  *tail = 0;
  while (*head < old_len && *head < new_len && same (*head, *head, user_data))
    (*head)++;
  while (*tail < old_len - *head && *tail < new_len - *head &&
         same (old_len - 1 - *tail, new_len - 1 - *tail, user_data))
    (*tail)++;
}

G_END_DECLS
