/* cq-opml.h: sources in and out as OPML, as every feed reader does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

char     *cq_opml_export (GPtrArray  *sources);
gboolean  cq_opml_import (CqStore    *store,
                          GBytes     *bytes,
                          guint      *added,
                          guint      *skipped,
                          GError    **error);

G_END_DECLS
