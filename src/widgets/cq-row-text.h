/* cq-row-text.h: a list row's wrapped text, at most so many lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CQ_TYPE_ROW_TEXT (cq_row_text_get_type ())

G_DECLARE_FINAL_TYPE (CqRowText, cq_row_text, CQ, ROW_TEXT, GtkWidget)

GtkWidget  *cq_row_text_new              (void);
const char *cq_row_text_get_text         (CqRowText  *self);
void        cq_row_text_set_text         (CqRowText  *self,
                                          const char *text);
guint       cq_row_text_get_lines        (CqRowText  *self);
void        cq_row_text_set_lines        (CqRowText  *self,
                                          guint       lines);
gboolean    cq_row_text_is_ellipsized    (CqRowText  *self);

G_END_DECLS
