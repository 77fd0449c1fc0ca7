/* cq-notifier.h: what the app says when the window is not in front
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-store.h"
#include "cq-sync-scheduler.h"

G_BEGIN_DECLS

#define CQ_TYPE_NOTIFIER (cq_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CqNotifier, cq_notifier, CQ, NOTIFIER, GObject)

CqNotifier *cq_notifier_new (GtkApplication  *application,
                             CqStore         *store,
                             CqSyncScheduler *scheduler);

G_END_DECLS
