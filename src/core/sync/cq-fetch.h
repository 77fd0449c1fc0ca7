/* cq-fetch.h: one polite HTTP GET, bounded in size, time and redirects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cq-sync-error.h"

G_BEGIN_DECLS

typedef struct {
  guint      status;          /* 200 or 304 */
  GBytes    *body;            /* NULL for 304 */
  char      *url;             /* where the body came from, after redirects */
  char      *moved_to;        /* set when every redirect was permanent */
  char      *etag;
  char      *last_modified;
  char      *charset;         /* from Content-Type, if any */
  GDateTime *date;            /* when the server made it (its Date), if it said */
} CqFetchResult;

typedef struct {
  const char *etag;
  const char *last_modified;
  guint       timeout_seconds;
  gsize       max_size;
} CqFetchOptions;


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
char          *cq_fetch_redirect_target (const char            *from,
                                         const char            *location,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqFetchResult, cq_fetch_result_free)

G_END_DECLS
