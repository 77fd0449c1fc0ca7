/* cq-clock.h: the one source of "now", ticking on the minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CQ_TYPE_CLOCK (cq_clock_get_type ())

G_DECLARE_FINAL_TYPE (CqClock, cq_clock, CQ, CLOCK, GObject)

CqClock   *cq_clock_new       (void);
CqClock   *cq_clock_new_fixed (GDateTime *now);
GDateTime *cq_clock_get_now   (CqClock   *self);
void       cq_clock_set_now   (CqClock   *self,
                               GDateTime *now);
gboolean   cq_clock_is_fixed  (CqClock   *self);

G_END_DECLS
