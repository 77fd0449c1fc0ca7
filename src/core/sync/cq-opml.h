/* cq-opml.h: sources in and out as OPML, as every feed reader does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

/* A list of sources larger than this is not one: it is refused unread. */
#define CQ_OPML_MAX_SIZE (4 * 1024 * 1024)

char     *cq_opml_export (GPtrArray  *sources);
gboolean  cq_opml_import (CqStore    *store,
                          GBytes     *bytes,
                          guint      *added,
                          guint      *skipped,
                          GError    **error);

G_END_DECLS
