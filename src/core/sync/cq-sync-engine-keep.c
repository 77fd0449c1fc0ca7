/* cq-sync-engine-keep.c: full statements kept offline, fetched politely
 *
 * After a sync, the statements whose full text is not stored yet are
 * fetched in the background, newest first: never more than two at a time
 * from one host, and a pause after each before the next from that host, so
 * that an organisation's server sees a reader, not a crawler.  Each is
 * fetched as Read Full Statement fetches it (conditional GET, the feed's
 * size cap and timeout, the extractor), and stored at once: stopped (the
 * app goes offline, the source is removed, the user quits), the next run
 * takes up where this one left off, since a stored full text is never
 * fetched again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-sync-engine-private.h"

/* How many statements one run looks at, at most. */
#define KEEP_MAX_ITEMS 500
/* Requests at a time to one host. */
#define KEEP_PER_HOST 2

typedef struct
{
  GHashTable       *queues;      /* host → GQueue of item ids (gint64 in a pointer-sized box) */
  GHashTable       *in_flight;   /* host → count */
  guint             total;
  guint             fetched;
  guint             failed;
  guint             running;     /* fetches and pauses not yet over */
  guint             pause_ms;
  CqKeepProgress    progress;
  gpointer          progress_data;
} KeepJob;

static void
keep_job_free (gpointer data)
{
  KeepJob *job = data;

  g_hash_table_unref (job->queues);
  g_hash_table_unref (job->in_flight);
  g_free (job);
}

static void
queue_free (gpointer data)
{
  g_queue_free_full (data, g_free);
}

static void start_next (GTask *task, const char *host);

static void
maybe_finish (GTask *task)
{
  KeepJob *job = g_task_get_task_data (task);

  if (job->running > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GTask *task;
  char  *host;
} Pending;

static gboolean
pause_over_cb (gpointer data)
{
  Pending *pending = data;
  KeepJob *job = g_task_get_task_data (pending->task);

  job->running--;
  start_next (pending->task, pending->host);
  maybe_finish (pending->task);
  g_object_unref (pending->task);
  g_free (pending->host);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  KeepJob *job = g_task_get_task_data (pending->task);
  g_autoptr(CqItem) item = cq_sync_engine_fetch_full_finish (CQ_SYNC_ENGINE (object), result, NULL);
  guint in_flight = GPOINTER_TO_UINT (g_hash_table_lookup (job->in_flight, pending->host));

  g_hash_table_replace (job->in_flight, g_strdup (pending->host), GUINT_TO_POINTER (in_flight - 1));
  if (item != NULL)
    job->fetched++;
  else
    job->failed++;
  if (job->progress != NULL)
    job->progress (job->fetched + job->failed, job->total, job->progress_data);

  /* The pause before this host's next request (none once stopped); the
   * fetch's own count is handed over to the pause. */
  if (job->pause_ms == 0 || g_cancellable_is_cancelled (g_task_get_cancellable (pending->task)))
    pause_over_cb (pending);
  else
    g_timeout_add (job->pause_ms, pause_over_cb, pending);
}

/* Starts this host's next statements, up to its share at a time. */
static void
start_next (GTask      *task,
            const char *host)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  KeepJob *job = g_task_get_task_data (task);
  GQueue *queue = g_hash_table_lookup (job->queues, host);

  while (queue != NULL && !g_queue_is_empty (queue) &&
         GPOINTER_TO_UINT (g_hash_table_lookup (job->in_flight, host)) < KEEP_PER_HOST &&
         !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_autofree gint64 *id = g_queue_pop_head (queue);
      Pending *pending = g_new0 (Pending, 1);

      pending->task = g_object_ref (task);
      pending->host = g_strdup (host);
      g_hash_table_replace (job->in_flight, g_strdup (host),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (job->in_flight, host)) + 1));
      job->running++;
      cq_sync_engine_fetch_full_async (self, *id, g_task_get_cancellable (task), fetched_cb, pending);
    }
}

/**
 * cq_sync_engine_keep_full_texts_async:
 * @source_id: a source, or 0 for every source
 * @pause_ms: the pause after each request before the next to the same host
 * @progress: (nullable) (scope notified): told after each statement, done
 *   and in all
 *
 * Fetches and stores the full statements not stored yet, at most two at a
 * time from one host.
 */
void
cq_sync_engine_keep_full_texts_async (CqSyncEngine        *self,
                                      gint64               source_id,
                                      guint                pause_ms,
                                      CqKeepProgress       progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GList) hosts = NULL;
  KeepJob *job;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_keep_full_texts_async);
  job = g_new0 (KeepJob, 1);
  job->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, queue_free);
  job->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->pause_ms = pause_ms;
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, keep_job_free);

  if (!(ids = cq_store_query_missing_full_text (self->store, source_id, KEEP_MAX_ITEMS, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CqItem) item = cq_store_dup_item (self->store, id, NULL);
      g_autoptr(GUri) uri = item != NULL ? g_uri_parse (cq_item_get_link (item), G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "";
      GQueue *queue = g_hash_table_lookup (job->queues, host);

      if (queue == NULL)
        g_hash_table_insert (job->queues, g_strdup (host), queue = g_queue_new ());
      g_queue_push_tail (queue, g_memdup2 (&id, sizeof id));
      job->total++;
    }
  if (job->progress != NULL)
    job->progress (0, job->total, job->progress_data);

  hosts = g_hash_table_get_keys (job->queues);
  for (GList *l = hosts; l != NULL; l = l->next)
    start_next (task, l->data);
  maybe_finish (task);
}

/**
 * cq_sync_engine_keep_full_texts_finish:
 * @fetched: (out) (optional): how many full statements were stored
 * @failed: (out) (optional): how many could not be fetched (tried again next time)
 *
 * Returns: %TRUE, or %FALSE with @error set (cancelled, or the store failed)
 */
gboolean
cq_sync_engine_keep_full_texts_finish (CqSyncEngine  *self,
                                       GAsyncResult  *result,
                                       guint         *fetched,
                                       guint         *failed,
                                       GError       **error)
{
  KeepJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (fetched != NULL)
    *fetched = job->fetched;
  if (failed != NULL)
    *failed = job->failed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
