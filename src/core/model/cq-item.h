/* cq-item.h: one news item, as stored and as shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CQ_TYPE_ITEM (cq_item_get_type ())

G_DECLARE_FINAL_TYPE (CqItem, cq_item, CQ, ITEM, GObject)

CqItem     *cq_item_new                   (const char *guid);

gint64      cq_item_get_id                (CqItem     *self);
gint64      cq_item_get_source_id         (CqItem     *self);
const char *cq_item_get_source_name       (CqItem     *self);
GTimeZone  *cq_item_get_home_zone         (CqItem     *self);
const char *cq_item_get_guid              (CqItem     *self);
const char *cq_item_get_title             (CqItem     *self);
void        cq_item_set_title             (CqItem     *self,
                                           const char *title);
const char *cq_item_get_link              (CqItem     *self);
void        cq_item_set_link              (CqItem     *self,
                                           const char *link);
GDateTime  *cq_item_get_published         (CqItem     *self);
void        cq_item_set_published         (CqItem     *self,
                                           GDateTime  *published);
gboolean    cq_item_get_published_is_date (CqItem     *self);
void        cq_item_set_published_is_date (CqItem     *self,
                                           gboolean    is_date);
GDateTime  *cq_item_get_updated           (CqItem     *self);
void        cq_item_set_updated           (CqItem     *self,
                                           GDateTime  *updated);
const char *cq_item_get_summary           (CqItem     *self);
void        cq_item_set_summary           (CqItem     *self,
                                           const char *summary);
const char *cq_item_get_content           (CqItem     *self);
void        cq_item_set_content           (CqItem     *self,
                                           const char *content);
const char *cq_item_get_author            (CqItem     *self);
void        cq_item_set_author            (CqItem     *self,
                                           const char *author);
GDateTime  *cq_item_get_first_seen        (CqItem     *self);
gboolean    cq_item_get_read              (CqItem     *self);
gboolean    cq_item_get_starred           (CqItem     *self);
gboolean    cq_item_get_full_text_fetched (CqItem     *self);
guint       cq_item_get_revision_count    (CqItem     *self);
GDateTime  *cq_item_get_page_gone         (CqItem     *self);

G_END_DECLS
