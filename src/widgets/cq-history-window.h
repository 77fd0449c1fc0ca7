/* cq-history-window.h: the earlier versions of an edited statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-store.h"

G_BEGIN_DECLS

#define CQ_TYPE_HISTORY_WINDOW (cq_history_window_get_type ())

G_DECLARE_FINAL_TYPE (CqHistoryWindow, cq_history_window, CQ, HISTORY_WINDOW, AdwWindow)

GtkWidget *cq_history_window_new (GtkWindow *parent,
                                  CqStore   *store,
                                  CqItem    *item);

G_END_DECLS
