/* cq-counters-strip.h: the day counters and contact lines under the header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-clock.h"
#include "cq-profile.h"

G_BEGIN_DECLS

#define CQ_TYPE_COUNTERS_STRIP (cq_counters_strip_get_type ())

G_DECLARE_FINAL_TYPE (CqCountersStrip, cq_counters_strip, CQ, COUNTERS_STRIP, GtkWidget)

GtkWidget *cq_counters_strip_new (void);

G_END_DECLS
