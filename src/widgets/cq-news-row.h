/* cq-news-row.h: one item in the news list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-clock.h"
#include "cq-item.h"

G_BEGIN_DECLS

#define CQ_TYPE_NEWS_ROW (cq_news_row_get_type ())

G_DECLARE_FINAL_TYPE (CqNewsRow, cq_news_row, CQ, NEWS_ROW, GtkWidget)

GtkWidget *cq_news_row_new      (void);
CqItem    *cq_news_row_get_item (CqNewsRow *self);
void       cq_news_row_set_item (CqNewsRow *self,
                                 CqItem    *item);

void       cq_news_row_popup_menu (CqNewsRow *self,
                                   double     x,
                                   double     y);
GtkWidget *cq_news_row_get_menu   (CqNewsRow *self);
void       cq_news_row_set_clock  (CqNewsRow *self,
                                   CqClock   *clock);
void       cq_news_row_set_show_source (CqNewsRow *self,
                                        gboolean   show_source);

G_END_DECLS
