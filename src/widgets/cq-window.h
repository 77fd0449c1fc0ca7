/* cq-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-clock.h"
#include "cq-source-list.h"
#include "cq-sync-engine.h"
#include "cq-sync-scheduler.h"

G_BEGIN_DECLS

#define CQ_TYPE_WINDOW (cq_window_get_type ())

G_DECLARE_FINAL_TYPE (CqWindow, cq_window, CQ, WINDOW, AdwApplicationWindow)

CqWindow *cq_window_new          (GtkApplication *application,
                                  CqStore        *store,
                                  CqClock        *clock);
void      cq_window_show_message (CqWindow       *self,
                                  const char     *message);
void      cq_window_set_engine   (CqWindow       *self,
                                  CqSyncEngine   *engine);
void      cq_window_set_scheduler (CqWindow       *self,
                                   CqSyncScheduler *scheduler);
GListModel *cq_window_get_list   (CqWindow       *self);
CqSourceList *cq_window_get_sources (CqWindow    *self);
CqSource   *cq_window_get_header_source (CqWindow *self);
void      cq_window_select       (CqWindow       *self,
                                  guint           position);
void      cq_window_show_item    (CqWindow       *self,
                                  gint64          item_id);

void      cq_window_style_edge   (GtkWindow      *window);

G_END_DECLS
