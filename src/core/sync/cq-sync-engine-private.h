/* cq-sync-engine-private.h: what the engine's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <time.h>

#include "cq-fetch.h"
#include "cq-parsed-feed.h"
#include "cq-sync-engine.h"
#include "cq-task-data.h"

G_BEGIN_DECLS

struct _CqSyncEngine
{
  GObject      parent_instance;

  CqStore     *store;
  SoupSession *session;
  GHashTable  *in_flight;   /* source id → GPtrArray of GTask waiting for it */
  guint        timeout;
  guint        parse_budget_ms;   /* a document read for longer fails */
  gsize        max_size;
  guint        interval;
  guint        archive_pages;
  guint        max_items;         /* per source; 0 keeps all */
};

/* The bytes a fetch brought, handed to a worker thread. */
typedef struct {
  GBytes       *bytes;
  char         *url;
  char         *charset;
  CqProfile    *profile;
  CqFeedFormat  format;
  GDateTime    *date;       /* the server's Date, if it gave one */
  char         *unless_hash;  /* parse only bytes of another SHA-256 */
  CqStoreWriteStream *stream;  /* told of the items as they are read, or NULL */
  /* The reader, and the processor time it has spent, for its budget. */
  GTaskThreadFunc  thread_func;
  gint             reading;    /* atomic: set while thread_func runs */
  clockid_t        clock;      /* the reading thread's processor clock */
  gint64           clock_start;
} ParseJob;

void    _cq_sync_engine_fetch_options     (CqSyncEngine        *self,
                                           CqFetchOptions      *options,
                                           CqSyncState         *state);
void    _cq_sync_engine_run_on_worker     (CqSyncEngine        *self,
                                           CqFetchResult       *fetched,
                                           CqProfile           *profile,
                                           CqFeedFormat         format,
                                           const char          *unless_hash,
                                           GTaskThreadFunc      thread_func,
                                           GDestroyNotify       result_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void    _cq_sync_engine_parse_async       (CqSyncEngine        *self,
                                           CqFetchResult       *fetched,
                                           CqProfile           *profile,
                                           CqFeedFormat         format,
                                           const char          *unless_hash,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void    _cq_sync_engine_discover_async    (CqSyncEngine        *self,
                                           CqFetchResult       *page,
                                           CqProfile           *profile,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gint64  _cq_sync_engine_synced_source_id  (GAsyncResult        *result);
void    _cq_sync_engine_record_success    (CqSyncEngine        *self,
                                           gint64               source_id,
                                           CqSyncState         *state,
                                           CqFetchResult       *fetched,
                                           CqParsedFeed        *feed);

G_END_DECLS
