/* cq-item-list.h: the store's items as a GListModel, fetched as they are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

#define CQ_TYPE_ITEM_LIST (cq_item_list_get_type ())

G_DECLARE_FINAL_TYPE (CqItemList, cq_item_list, CQ, ITEM_LIST, GObject)

CqItemList   *cq_item_list_new           (CqStore      *store);
CqItemList   *cq_item_list_new_first_page (CqStore     *store,
                                          gint64       must_hold,
                                          guint        n_rows);
CqItemFilter  cq_item_list_get_filter    (CqItemList   *self);
void          cq_item_list_set_filter    (CqItemList   *self,
                                          CqItemFilter  filter);
const char   *cq_item_list_get_search    (CqItemList   *self);
void          cq_item_list_set_search    (CqItemList   *self,
                                          const char   *search);
gint64        cq_item_list_get_source_id (CqItemList   *self);
void          cq_item_list_set_source_id (CqItemList   *self,
                                          gint64        source_id);
gint64        cq_item_list_get_kept_id   (CqItemList   *self);
void          cq_item_list_set_kept_id   (CqItemList   *self,
                                          gint64        item_id);
const GError *cq_item_list_get_error     (CqItemList   *self);
guint         cq_item_list_find          (CqItemList   *self,
                                          gint64        item_id);

G_END_DECLS
