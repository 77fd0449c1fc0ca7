/* cq-source.h: a news source as stored: its profile and the user's choices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-profile.h"

G_BEGIN_DECLS

#define CQ_TYPE_SOURCE (cq_source_get_type ())

G_DECLARE_FINAL_TYPE (CqSource, cq_source, CQ, SOURCE, GObject)

CqSource   *cq_source_new         (gint64      id,
                                   CqProfile  *profile,
                                   const char *name,
                                   gboolean    enabled);
gint64      cq_source_get_id      (CqSource   *self);
CqProfile  *cq_source_get_profile (CqSource   *self);
const char *cq_source_get_name    (CqSource   *self);
gboolean    cq_source_get_enabled (CqSource   *self);
gboolean    cq_source_get_keep_full (CqSource *self);
const char *cq_source_get_last_error (CqSource *self);
gboolean    cq_source_get_last_sync_failed (CqSource *self);
guint       cq_source_get_unread_count (CqSource *self);

G_END_DECLS
