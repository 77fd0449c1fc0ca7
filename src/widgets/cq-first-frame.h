/* cq-first-frame.h: the start-up benchmark's report, shared with its baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cq_first_frame_report (GtkWindow *window,
                            gboolean   then_close);

G_END_DECLS
