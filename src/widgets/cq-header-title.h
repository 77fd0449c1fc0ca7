/* cq-header-title.h: today's date and the twin clocks, for the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-clock.h"
#include "cq-profile.h"

G_BEGIN_DECLS

#define CQ_TYPE_HEADER_TITLE (cq_header_title_get_type ())

G_DECLARE_FINAL_TYPE (CqHeaderTitle, cq_header_title, CQ, HEADER_TITLE, GtkWidget)

GtkWidget *cq_header_title_new (void);

G_END_DECLS
