/* cq-zone-button.h: a time zone, chosen by any part of a city's or zone's name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CQ_TYPE_ZONE_BUTTON (cq_zone_button_get_type ())

G_DECLARE_FINAL_TYPE (CqZoneButton, cq_zone_button, CQ, ZONE_BUTTON, GtkWidget)

GtkWidget  *cq_zone_button_new       (const char   *zone);
const char *cq_zone_button_get_zone  (CqZoneButton *self);
void        cq_zone_button_set_zone  (CqZoneButton *self,
                                      const char   *zone);
void        cq_zone_button_search    (CqZoneButton *self,
                                      const char   *query);
guint       cq_zone_button_get_n_results (CqZoneButton *self);
void        cq_zone_button_choose    (CqZoneButton *self,
                                      guint         result);

G_END_DECLS
