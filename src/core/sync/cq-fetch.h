/* cq-fetch.h: one polite HTTP GET, bounded in size, time and redirects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

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
} CqSyncError;

typedef struct {
  guint      status;          /* 200 or 304 */
  GBytes    *body;            /* NULL for 304 */
  char      *url;             /* where the body came from, after redirects */
  char      *moved_to;        /* set when every redirect was permanent */
  char      *etag;
  char      *last_modified;
  char      *charset;         /* from Content-Type, if any */
} CqFetchResult;

typedef struct {
  const char *etag;
  const char *last_modified;
  guint       timeout_seconds;
  gsize       max_size;
} CqFetchOptions;

GQuark         cq_sync_error_quark      (void);

void           cq_fetch_async           (SoupSession           *session,
                                         const char            *url,
                                         const CqFetchOptions  *options,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
CqFetchResult *cq_fetch_finish          (GAsyncResult          *result,
                                         gint64                *retry_after,
                                         GError               **error);
void           cq_fetch_result_free     (CqFetchResult         *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqFetchResult, cq_fetch_result_free)

G_END_DECLS
