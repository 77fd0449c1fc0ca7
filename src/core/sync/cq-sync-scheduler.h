/* cq-sync-scheduler.h: when the app syncs: on start when stale, on a timer,
 * when the network comes back, and on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-sync-engine.h"

G_BEGIN_DECLS

#define CQ_TYPE_SYNC_SCHEDULER (cq_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (CqSyncScheduler, cq_sync_scheduler, CQ, SYNC_SCHEDULER, GObject)

CqSyncScheduler *cq_sync_scheduler_new         (CqSyncEngine    *engine,
                                                CqStore         *store,
                                                GNetworkMonitor *monitor);
void             cq_sync_scheduler_start       (CqSyncScheduler *self);
void             cq_sync_scheduler_stop        (CqSyncScheduler *self);
void             cq_sync_scheduler_sync_now    (CqSyncScheduler *self);
gboolean         cq_sync_scheduler_get_syncing (CqSyncScheduler *self);
gboolean         cq_sync_scheduler_get_online  (CqSyncScheduler *self);
void             cq_sync_scheduler_set_check_days (CqSyncScheduler *self,
                                                   guint            days);
void             cq_sync_scheduler_set_keep_pause (CqSyncScheduler *self,
                                                   guint            milliseconds);
guint            cq_sync_scheduler_get_saving_done  (CqSyncScheduler *self);
guint            cq_sync_scheduler_get_saving_total (CqSyncScheduler *self);

G_END_DECLS
