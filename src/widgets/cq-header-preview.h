/* cq-header-preview.h: a header read from a page, shown to keep or drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cq-header-discovery.h"
#include "cq-store.h"

G_BEGIN_DECLS

#define CQ_TYPE_HEADER_PREVIEW (cq_header_preview_get_type ())

G_DECLARE_FINAL_TYPE (CqHeaderPreview, cq_header_preview, CQ, HEADER_PREVIEW, AdwMessageDialog)

GtkWidget *cq_header_preview_new       (GtkWindow       *parent,
                                        CqStore         *store,
                                        CqSource        *source,
                                        CqFoundHeader   *found);
gboolean   cq_header_preview_get_kept  (CqHeaderPreview *self,
                                        guint            index);
void       cq_header_preview_set_kept  (CqHeaderPreview *self,
                                        guint            index,
                                        gboolean         kept);

G_END_DECLS
