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
 * The same run checks again the pages of statements first stored in the
 * last days, after the new ones, with a conditional GET each (a 304 costs
 * the server nothing): a statement quietly rewritten on its page is caught
 * as an edit, a page withdrawn or moved is dated.
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

/* One statement page to visit. */
typedef struct
{
  gint64   id;
  gboolean check;   /* kept before: check it again */
} Visit;

typedef struct
{
  GHashTable       *queues;      /* host → GQueue of Visit */
  GHashTable       *in_flight;   /* host → count */
  guint             total;       /* statements to fetch (checks are not counted) */
  guint             fetched;
  guint             failed;
  GArray           *changed;     /* ids of statements whose page was rewritten */
  GArray           *gone;        /* … and withdrawn or moved */
  guint             running;     /* fetches and pauses not yet over */
  guint             pause_ms;
  CqKeepProgress    progress;
  gpointer          progress_data;
} KeepJob;

CQ_DEFINE_JOB_DATA (KeepJob, keep_job)

static void
keep_job_clear (KeepJob *job)
{
  g_clear_pointer (&job->queues, g_hash_table_unref);
  g_clear_pointer (&job->in_flight, g_hash_table_unref);
  g_clear_pointer (&job->changed, g_array_unref);
  g_clear_pointer (&job->gone, g_array_unref);
}

/* Requests under way to @host, moved by @delta. */
static guint
add_in_flight (KeepJob    *job,
               const char *host,
               int         delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (job->in_flight, host)) + delta;

  g_hash_table_replace (job->in_flight, g_strdup (host), GUINT_TO_POINTER (n));
  return n;
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
  GTask    *task;
  char     *host;
  Visit     visit;
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
visited_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  KeepJob *job = g_task_get_task_data (pending->task);
  CqPageCheck outcome = CQ_PAGE_FETCHED;
  gboolean ok = cq_sync_engine_check_page_finish (CQ_SYNC_ENGINE (object), result, &outcome, NULL);

  add_in_flight (job, pending->host, -1);
  if (ok && outcome == CQ_PAGE_CHANGED)
    g_array_append_val (job->changed, pending->visit.id);
  else if (ok && outcome == CQ_PAGE_GONE)
    g_array_append_val (job->gone, pending->visit.id);
  if (!pending->visit.check)
    {
      if (ok && outcome != CQ_PAGE_GONE)
        job->fetched++;
      else
        job->failed++;
      if (job->progress != NULL)
        job->progress (job->fetched + job->failed, job->total, job->progress_data);
    }

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
      g_autofree Visit *visit = g_queue_pop_head (queue);
      Pending *pending = g_new0 (Pending, 1);

      pending->task = g_object_ref (task);
      pending->host = g_strdup (host);
      pending->visit = *visit;
      add_in_flight (job, host, +1);
      job->running++;
      cq_sync_engine_check_page_async (self, visit->id, g_task_get_cancellable (task), visited_cb, pending);
    }
}

/* Queues the statements @ids under their hosts, in order. */
static void
queue_visits (CqSyncEngine *self,
              KeepJob      *job,
              GArray       *ids,
              gboolean      check)
{
  for (guint i = 0; i < ids->len; i++)
    {
      Visit visit = { g_array_index (ids, gint64, i), check };
      /* The link alone: a whole item (its text) for each of hundreds of
       * statements would be read on the main thread after every sync. */
      g_autofree char *link = cq_store_dup_item_link (self->store, visit.id, NULL);
      g_autoptr(GUri) uri = link != NULL ? g_uri_parse (link, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "";
      GQueue *queue = g_hash_table_lookup (job->queues, host);

      if (queue == NULL)
        g_hash_table_insert (job->queues, g_strdup (host), queue = g_queue_new ());
      g_queue_push_tail (queue, g_memdup2 (&visit, sizeof visit));
      if (!check)
        job->total++;
    }
}

/**
 * cq_sync_engine_keep_full_texts_async:
 * @source_id: a source, or 0 for every source
 * @check_days: check again the pages of statements first stored in this
 *   many last days; 0 for none
 * @pause_ms: the pause after each request before the next to the same host
 * @progress: (nullable) (scope notified): told after each statement
 *   fetched, done and in all (checks are not counted)
 *
 * Fetches and stores the full statements not stored yet, then checks again
 * the recent ones, at most two at a time from one host.
 */
void
cq_sync_engine_keep_full_texts_async (CqSyncEngine        *self,
                                      gint64               source_id,
                                      guint                check_days,
                                      guint                pause_ms,
                                      CqKeepProgress       progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GArray) recent = NULL;
  g_autoptr(GList) hosts = NULL;
  KeepJob *job;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_keep_full_texts_async);
  job = keep_job_attach (task, keep_job_new ());
  job->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, queue_free);
  job->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->pause_ms = pause_ms;
  job->progress = progress;
  job->progress_data = progress_data;

  if (!(missing = cq_store_query_missing_full_text (self->store, source_id, KEEP_MAX_ITEMS, &error)) ||
      (check_days > 0 &&
       !(recent = cq_store_query_pages_to_check (self->store, source_id,
                                                 g_get_real_time () / G_USEC_PER_SEC - (gint64) check_days * 86400,
                                                 KEEP_MAX_ITEMS, &error))))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  queue_visits (self, job, missing, FALSE);
  if (recent != NULL)
    queue_visits (self, job, recent, TRUE);
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
 * @changed: (out) (optional) (transfer full) (element-type gint64): the
 *   statements whose page was found rewritten
 * @gone: (out) (optional) (transfer full) (element-type gint64): … and
 *   found withdrawn or moved
 *
 * Returns: %TRUE, or %FALSE with @error set (cancelled, or the store failed)
 */
gboolean
cq_sync_engine_keep_full_texts_finish (CqSyncEngine  *self,
                                       GAsyncResult  *result,
                                       guint         *fetched,
                                       guint         *failed,
                                       GArray       **changed,
                                       GArray       **gone,
                                       GError       **error)
{
  KeepJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (fetched != NULL)
    *fetched = job->fetched;
  if (failed != NULL)
    *failed = job->failed;
  if (changed != NULL)
    *changed = g_array_ref (job->changed);
  if (gone != NULL)
    *gone = g_array_ref (job->gone);
  return g_task_propagate_boolean (G_TASK (result), error);
}
