/* cq-preferences-window.h: sources, updates and reading, changed live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-source-list.h"
#include "cq-sync-engine.h"

G_BEGIN_DECLS

#define CQ_TYPE_PREFERENCES_WINDOW (cq_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CqPreferencesWindow, cq_preferences_window, CQ, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *cq_preferences_window_new (GtkWindow    *parent,
                                      CqSourceList *sources,
                                      CqSyncEngine *engine);
void       cq_preferences_window_set_header_source (CqPreferencesWindow *self,
                                                    CqSource            *source);

G_END_DECLS
