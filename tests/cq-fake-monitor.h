/* cq-fake-monitor.h: a network monitor tests switch on and off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CQ_TYPE_FAKE_MONITOR (cq_fake_monitor_get_type ())

G_DECLARE_FINAL_TYPE (CqFakeMonitor, cq_fake_monitor, CQ, FAKE_MONITOR, GObject)

CqFakeMonitor *cq_fake_monitor_new           (void);
void           cq_fake_monitor_set_available (CqFakeMonitor *self,
                                              gboolean       available);

G_END_DECLS
