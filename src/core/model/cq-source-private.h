/* cq-source-private.h: what only the store may change on a source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-source.h"

G_BEGIN_DECLS

gboolean _cq_source_assign         (CqSource   *self,
                                    CqSource   *from);
void     _cq_source_set_last_error (CqSource   *self,
                                    const char *last_error,
                                    gboolean    failed);
void     _cq_source_set_keep_full  (CqSource   *self,
                                    gboolean    keep_full);
void     _cq_source_set_unread_count (CqSource *self,
                                      guint     unread_count);

G_END_DECLS
