/* cq-item-private.h: what only the store may change on an item, and what
 * the parsers may hand over without a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-item.h"

G_BEGIN_DECLS

void _cq_item_set_stored         (CqItem     *self,
                                  gint64      id,
                                  gint64      source_id,
                                  const char *source_name,
                                  GDateTime  *first_seen);
void _cq_item_set_home_zone      (CqItem     *self,
                                  GTimeZone  *zone);
void _cq_item_set_revision_count (CqItem     *self,
                                  guint       revision_count);
void _cq_item_set_page_gone      (CqItem     *self,
                                  GDateTime  *page_gone);
void _cq_item_set_read           (CqItem     *self,
                                  gboolean    read);
void _cq_item_set_starred        (CqItem     *self,
                                  gboolean    starred);
void _cq_item_set_full_text_fetched (CqItem   *self,
                                     gboolean  fetched);
void _cq_item_take_body          (CqItem     *self,
                                  char       *summary,
                                  char       *content);
CqItem *_cq_item_new_take        (char       *guid,
                                  char       *title,
                                  char       *link,
                                  char       *author);

G_END_DECLS
