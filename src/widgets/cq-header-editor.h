/* cq-header-editor.h: the header's clocks, counters and contacts, edited live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-source-list.h"
#include "cq-sync-engine.h"

G_BEGIN_DECLS

#define CQ_TYPE_HEADER_EDITOR (cq_header_editor_get_type ())

G_DECLARE_FINAL_TYPE (CqHeaderEditor, cq_header_editor, CQ, HEADER_EDITOR, AdwPreferencesPage)

GtkWidget *cq_header_editor_new        (CqSourceList   *sources,
                                        CqSyncEngine   *engine);
void       cq_header_editor_show_source (CqHeaderEditor *self,
                                        CqSource       *source);

G_END_DECLS
