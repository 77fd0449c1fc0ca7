/* cq-settings.h: the application's settings, typed, and the desktop's clock format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-calendar.h"
#include "cq-citation.h"

G_BEGIN_DECLS

#define CQ_TYPE_SETTINGS (cq_settings_get_type ())

G_DECLARE_FINAL_TYPE (CqSettings, cq_settings, CQ, SETTINGS, GObject)

CqSettings    *cq_settings_get_default            (void);
gboolean       cq_settings_get_mark_read_on_open  (CqSettings *self);
gboolean       cq_settings_get_mark_edited_unread (CqSettings *self);
gboolean       cq_settings_get_load_remote_images (CqSettings *self);
guint          cq_settings_get_sync_interval      (CqSettings *self);
guint          cq_settings_get_check_pages_days   (CqSettings *self);
guint          cq_settings_get_max_items_per_source (CqSettings *self);
gint64         cq_settings_get_last_item          (CqSettings *self);
void           cq_settings_set_last_item          (CqSettings *self,
                                                   gint64      item_id);
int            cq_settings_get_list_width         (CqSettings *self);
void           cq_settings_set_list_width         (CqSettings *self,
                                                   int         width);
CqCitationStyle cq_settings_get_citation_style    (CqSettings *self);
void           cq_settings_set_citation_style     (CqSettings      *self,
                                                   CqCitationStyle  style);
char          *cq_settings_dup_document_font      (CqSettings *self);
CqClockFormat  cq_settings_get_clock_format       (CqSettings *self);
void           cq_settings_bind_window_state      (CqSettings *self,
                                                   GtkWindow  *window);

G_END_DECLS
