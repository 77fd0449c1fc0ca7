/* cq-export.h: a statement written out for the record, with its history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

typedef enum
{
  CQ_EXPORT_MARKDOWN,
  CQ_EXPORT_HTML,
  CQ_EXPORT_PANGO_MARKUP,   /* for print and PDF: see cq-export-pdf.h */
} CqExportFormat;

gboolean  cq_export_format_from_string (const char      *name,
                                        CqExportFormat  *format);
char     *cq_export_statement          (CqStore         *store,
                                        gint64           item_id,
                                        CqExportFormat   format,
                                        gboolean         with_history,
                                        GError         **error);
char     *cq_export_revision_diff      (CqStore         *store,
                                        gint64           item_id,
                                        guint            number,
                                        GError         **error);

G_END_DECLS
