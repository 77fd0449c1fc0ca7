/* cq-sync-error.h: why a source could not be synced, in kinds the user can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CQ_SYNC_ERROR (cq_sync_error_quark ())

typedef enum {
  CQ_SYNC_ERROR_OFFLINE,
  CQ_SYNC_ERROR_NAME_RESOLUTION,
  CQ_SYNC_ERROR_TLS,
  CQ_SYNC_ERROR_TIMEOUT,
  CQ_SYNC_ERROR_HTTP,
  CQ_SYNC_ERROR_GONE,
  CQ_SYNC_ERROR_RATE_LIMITED,
  CQ_SYNC_ERROR_TOO_LARGE,
  CQ_SYNC_ERROR_NOT_A_FEED,
  CQ_SYNC_ERROR_REDIRECT_LOOP,
  CQ_SYNC_ERROR_CONNECTION,
  CQ_SYNC_ERROR_INVALID_URL,
  CQ_SYNC_ERROR_DISABLED,
  CQ_SYNC_ERROR_ALREADY_FOLLOWED,
  CQ_SYNC_ERROR_NOT_FOUND,
} CqSyncError;

GQuark cq_sync_error_quark (void);

G_END_DECLS
