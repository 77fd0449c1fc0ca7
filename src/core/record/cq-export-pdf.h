/* cq-export-pdf.h: a statement on pages, for print and for PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "cq-export.h"

G_BEGIN_DECLS

typedef struct _CqPages CqPages;

CqPages  *cq_pages_new      (PangoLayout  *layout,
                             double        page_height);
guint     cq_pages_get_n    (CqPages      *self);
void      cq_pages_draw     (CqPages      *self,
                             cairo_t      *cr,
                             guint         page);
void      cq_pages_free     (CqPages      *self);

void      cq_export_setup_layout (PangoLayout *layout,
                                  const char  *markup,
                                  double       width);
gboolean  cq_export_pdf     (CqStore      *store,
                             gint64        item_id,
                             gboolean      with_history,
                             const char   *path,
                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqPages, cq_pages_free)

G_END_DECLS
