/* cq-source-row.h: one followed source in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-source.h"

G_BEGIN_DECLS

#define CQ_TYPE_SOURCE_ROW (cq_source_row_get_type ())

G_DECLARE_FINAL_TYPE (CqSourceRow, cq_source_row, CQ, SOURCE_ROW, AdwEntryRow)

GtkWidget *cq_source_row_new        (CqSource    *source);
CqSource  *cq_source_row_get_source (CqSourceRow *self);
void       cq_source_row_set_source (CqSourceRow *self,
                                     CqSource    *source);

G_END_DECLS
