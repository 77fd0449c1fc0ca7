/* cq-reader-view.h: one statement, calmly: title, date, source, body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-store.h"
#include "cq-sync-engine.h"

G_BEGIN_DECLS

#define CQ_TYPE_READER_VIEW (cq_reader_view_get_type ())

G_DECLARE_FINAL_TYPE (CqReaderView, cq_reader_view, CQ, READER_VIEW, GtkWidget)

GtkWidget *cq_reader_view_new       (void);
void       cq_reader_view_set_store (CqReaderView *self,
                                     CqStore      *store,
                                     CqSyncEngine *engine);
void       cq_reader_view_set_item  (CqReaderView *self,
                                     CqItem       *item);
const char *cq_reader_view_get_link_at (CqReaderView *self,
                                        double        x,
                                        double        y);
CqItem    *cq_reader_view_get_item  (CqReaderView *self);
char      *cq_reader_view_dup_text  (CqReaderView *self);
void       cq_reader_view_toggle_star (CqReaderView *self);
gboolean   cq_reader_view_page_down (CqReaderView *self);
void       cq_reader_view_page_up   (CqReaderView *self);
gboolean   cq_reader_view_focus_buttons (CqReaderView *self);
GtkWidget *cq_reader_view_get_link_menu (CqReaderView *self);
void       cq_reader_view_save_to   (CqReaderView *self,
                                     GFile        *file);
void       cq_reader_view_print     (CqReaderView *self,
                                     const char   *export_to);
void       cq_reader_view_open_in_browser (CqReaderView *self);
void       cq_reader_view_read_full (CqReaderView *self);
void       cq_reader_view_copy_citation (CqReaderView *self);
void       cq_reader_view_show_history (CqReaderView *self);

G_END_DECLS
