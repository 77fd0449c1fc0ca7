/* cq-source-list.h: the store's sources as a live GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

#define CQ_TYPE_SOURCE_LIST (cq_source_list_get_type ())

G_DECLARE_FINAL_TYPE (CqSourceList, cq_source_list, CQ, SOURCE_LIST, GObject)

CqSourceList *cq_source_list_new       (CqStore      *store);
CqSourceList *cq_source_list_new_counting_later (CqStore *store);
CqStore      *cq_source_list_get_store (CqSourceList *self);
CqSource     *cq_source_list_lookup    (CqSourceList *self,
                                        gint64        source_id);
guint         cq_source_list_find      (CqSourceList *self,
                                        gint64        source_id);
const GError *cq_source_list_get_error (CqSourceList *self);
guint         cq_source_list_get_unread_count (CqSourceList *self);

G_END_DECLS
