/* cq-sync-engine.c: from the remote source into the store, politely
 *
 * A sync fetches the source's feed with the ETag and Last-Modified it was
 * given last time, skips parsing when nothing changed (304, or the same
 * bytes), parses on a worker thread, and stores the whole result in one
 * transaction, so that a failed or cancelled sync changes no item.  What
 * went wrong is kept on the source's sync state, in words, with the time it
 * is next due: later and later after each failure, or when the server says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <pthread.h>
#include <libxml/parser.h>

#include <glib/gi18n-lib.h>

#include "cq-feed.h"
#include "cq-fingerprint.h"
#include "cq-sync-engine-private.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_ITEMS       10000
#define DEFAULT_MAX_SIZE        (16 * 1024 * 1024)
#define DEFAULT_INTERVAL_MIN    30
#define MAX_BACKOFF_SECONDS     (24 * 3600)
#define DEFAULT_ARCHIVE_PAGES   5

G_DEFINE_FINAL_TYPE (CqSyncEngine, cq_sync_engine, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (CqSyncReport, cq_sync_report, cq_sync_report_copy, cq_sync_report_free)

CqSyncReport *
cq_sync_report_copy (const CqSyncReport *report)
{
  CqSyncReport *copy = g_memdup2 (report, sizeof *report);

  copy->moved_to = g_strdup (report->moved_to);
  return copy;
}

void
cq_sync_report_free (CqSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->moved_to);
  g_free (report);
}

static void
cq_sync_engine_dispose (GObject *object)
{
  CqSyncEngine *self = CQ_SYNC_ENGINE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_sync_engine_parent_class)->dispose (object);
}

static void
cq_sync_engine_finalize (GObject *object)
{
  CqSyncEngine *self = CQ_SYNC_ENGINE (object);

  g_clear_pointer (&self->in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (cq_sync_engine_parent_class)->finalize (object);
}

static void
cq_sync_engine_class_init (CqSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cq_sync_engine_dispose;
  object_class->finalize = cq_sync_engine_finalize;

  /* Feeds are parsed on worker threads, several at once.  libxml2 sets up
   * its global state on first use, and two threads doing that together
   * could hang both (the scheduler test's first two syncs did, about one
   * run in eight): set it up here, once, on the thread making engines. */
  xmlInitParser ();
}

static void
cq_sync_engine_init (CqSyncEngine *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Communique/%s (news reader; +https://github.com/communique/communique)",
                                                 PACKAGE_VERSION);

  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->parse_budget_ms = DEFAULT_TIMEOUT_SECONDS * 1000;
  self->max_size = DEFAULT_MAX_SIZE;
  self->interval = DEFAULT_INTERVAL_MIN;
  self->archive_pages = DEFAULT_ARCHIVE_PAGES;
  self->max_items = DEFAULT_MAX_ITEMS;
  self->in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  /* libsoup 3 decodes gzip, deflate and brotli by default and verifies TLS
   * through glib-networking. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "max-conns-per-host", 2,
                                                 NULL);
}

/**
 * cq_sync_engine_new:
 *
 * Returns: (transfer full): an engine that syncs into @store
 */
CqSyncEngine *
cq_sync_engine_new (CqStore *store)
{
  CqSyncEngine *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * cq_sync_engine_get_session:
 *
 * Returns: (transfer none): the HTTP session the whole app shares
 */
SoupSession *
cq_sync_engine_get_session (CqSyncEngine *self)
{
  g_return_val_if_fail (CQ_IS_SYNC_ENGINE (self), NULL);
  return self->session;
}

/**
 * cq_sync_engine_set_timeout:
 * @seconds: how long a whole fetch may take
 */
void
cq_sync_engine_set_timeout (CqSyncEngine *self,
                            guint         seconds)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  self->parse_budget_ms = seconds * 1000;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * cq_sync_engine_set_parse_budget:
 * @milliseconds: how long a downloaded document may take to read
 *
 * The download has the timeout; reading what came has this budget of its
 * own (the timeout's by default), so a document built to be slow to parse
 * cannot hold a sync.
 */
void
cq_sync_engine_set_parse_budget (CqSyncEngine *self,
                                 guint         milliseconds)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (milliseconds > 0);
  self->parse_budget_ms = milliseconds;
}

void
cq_sync_engine_set_max_size (CqSyncEngine *self,
                             gsize         bytes)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (bytes > 0);
  self->max_size = bytes;
}

/**
 * cq_sync_engine_set_archive_pages:
 * @pages: how many pages of older news an HTML-list source's first sync
 *   follows, 0 for none
 */
void
cq_sync_engine_set_archive_pages (CqSyncEngine *self,
                                  guint         pages)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  self->archive_pages = pages;
}

/**
 * cq_sync_engine_set_max_items:
 * @max_items: how many items each source keeps, newest first, starred ones
 *   besides; 0 keeps all
 */
void
cq_sync_engine_set_max_items (CqSyncEngine *self,
                              guint         max_items)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  self->max_items = max_items;
}

/**
 * cq_sync_engine_set_interval:
 * @minutes: how long after a good sync a source is due again
 */
void
cq_sync_engine_set_interval (CqSyncEngine *self,
                             guint         minutes)
{
  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (minutes > 0);
  self->interval = minutes;
}

void
_cq_sync_engine_fetch_options (CqSyncEngine   *self,
                               CqFetchOptions *options,
                               CqSyncState    *state)
{
  options->etag = state != NULL ? state->etag : NULL;
  options->last_modified = state != NULL ? state->last_modified : NULL;
  options->timeout_seconds = self->timeout;
  options->max_size = self->max_size;
}

/* Parsing, off the main thread. */

CQ_DEFINE_JOB_DATA (ParseJob, parse_job)

static void
parse_job_clear (ParseJob *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->url, g_free);
  g_clear_pointer (&job->charset, g_free);
  g_clear_object (&job->profile);
  g_clear_pointer (&job->date, g_date_time_unref);
  g_clear_pointer (&job->unless_hash, g_free);
  g_clear_pointer (&job->stream, cq_store_write_stream_unref);
}

static void
push_to_stream (CqItem   *item,
                gpointer  stream)
{
  cq_store_write_stream_push (stream, item);
}

/* The bytes are fingerprinted here, on the worker, for every caller
 * (cq_fingerprint_bytes(), a millisecond of a 5 MB feed): a sync keeps
 * the fingerprint to know the same bytes next time, and gives the last one
 * so that the same bytes sent again in full are not read again (the feed
 * that comes back is empty, with that fingerprint). */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  g_autofree char *hash = cq_fingerprint_bytes (job->bytes);
  CqParsedFeed *feed;

  if (job->unless_hash != NULL && g_str_equal (hash, job->unless_hash))
    feed = cq_parsed_feed_new (job->format);
  else
    feed = cq_feed_parse_streaming (job->bytes, job->url, job->format, job->profile, job->charset,
                                    job->stream != NULL ? push_to_stream : NULL, job->stream, &error);

  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cq_parsed_feed_set_content_hash (feed, hash);
  g_task_return_pointer (task, feed, g_object_unref);
}

/* A worker's answer, or the budget's end, whichever comes first: a
 * document that takes longer to read than the budget fails in words and
 * frees the sync; the worker finishes in the background and what it
 * brings back is dropped.  The budget is the reading thread's processor
 * time: a large first sync reads at the lowest priority there is
 * (cq_store_run_task_in_background()), and the time it waits for a core
 * while other programs keep them all busy is not spent reading. */
typedef struct {
  GTask          *outer;        /* NULL once answered */
  GTask          *task;         /* the reading, for its job */
  GSource        *budget;
  GDestroyNotify  result_free;
  char           *host;
  guint           budget_ms;
} Worker;

static gint64
thread_clock_ms (clockid_t clock)
{
  struct timespec now;

  if (clock_gettime (clock, &now) != 0)
    return -1;
  return (gint64) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Runs the job's reader, its processor clock known while it does. */
static void
read_on_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ParseJob *job = task_data;

  if (pthread_getcpuclockid (pthread_self (), &job->clock) == 0 &&
      (job->clock_start = thread_clock_ms (job->clock)) >= 0)
    g_atomic_int_set (&job->reading, 1);
  job->thread_func (task, source_object, task_data, cancellable);
  g_atomic_int_set (&job->reading, 0);
}

/* How much of its budget the reading has spent, or -1 when it is not
 * reading (not begun, or done and its answer on its way). */
static gint64
reading_spent_ms (Worker *worker)
{
  ParseJob *job = g_task_get_task_data (worker->task);
  gint64 now;

  if (!g_atomic_int_get (&job->reading) || (now = thread_clock_ms (job->clock)) < 0)
    return -1;
  return now - job->clock_start;
}

static void
worker_free (Worker *worker)
{
  if (worker->budget != NULL)
    g_source_destroy (worker->budget);
  g_clear_pointer (&worker->budget, g_source_unref);
  g_clear_object (&worker->outer);
  g_clear_object (&worker->task);
  g_free (worker->host);
  g_free (worker);
}

static gboolean budget_spent_cb (gpointer data);

static void
start_budget (Worker *worker,
              guint   milliseconds)
{
  if (worker->budget != NULL)
    g_source_destroy (worker->budget);
  g_clear_pointer (&worker->budget, g_source_unref);
  worker->budget = g_timeout_source_new (milliseconds);
  g_source_set_callback (worker->budget, budget_spent_cb, worker, NULL);
  g_source_attach (worker->budget, g_main_context_get_thread_default ());
}

/* Ten milliseconds at least between looks at a reader that waited. */
#define BUDGET_LOOK_MS 10

static gboolean
budget_spent_cb (gpointer data)
{
  Worker *worker = data;
  double seconds = worker->budget_ms / 1000.0;
  gint64 spent = reading_spent_ms (worker);

  /* Not begun, or done (its answer comes next), or kept waiting: look
   * again when what is left of the budget could be spent. */
  if (spent < (gint64) worker->budget_ms)
    {
      start_budget (worker, (guint) MAX (BUDGET_LOOK_MS, (gint64) worker->budget_ms - MAX (spent, 0)));
      return G_SOURCE_REMOVE;
    }

  if (worker->outer != NULL)
    g_task_return_new_error (worker->outer, CQ_SYNC_ERROR, CQ_SYNC_ERROR_TIMEOUT,
                             _("The document from %s took more than %.3g seconds to read; it is too large or too "
                               "tangled to be news."),
                             worker->host, seconds);
  g_clear_object (&worker->outer);
  return G_SOURCE_REMOVE;
}

static void
worker_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Worker *worker = user_data;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (worker->outer == NULL)
    {
      if (value != NULL)
        worker->result_free (value);
      g_clear_error (&error);
    }
  else if (value == NULL)
    g_task_return_error (worker->outer, error);
  else
    g_task_return_pointer (worker->outer, value, worker->result_free);
  worker_free (worker);
}

/* The fetched bytes go to a worker thread for @thread_func to read, within
 * the engine's parse budget; @unless_hash is the parse's (see
 * parse_thread()), NULL for other readers; @stream, a streamed write the
 * parse tells its items to (see stream_write()); @background, whether
 * the reading gives way to the window, as a sync's does. */
static void
run_on_worker_streaming (CqSyncEngine        *self,
                         CqFetchResult       *fetched,
                         CqProfile           *profile,
                         CqFeedFormat         format,
                         const char          *unless_hash,
                         CqStoreWriteStream  *stream,
                         gboolean             background,
                         GTaskThreadFunc      thread_func,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Worker *worker = g_new0 (Worker, 1);
  g_autoptr(GUri) uri = g_uri_parse (fetched->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GTask) task = NULL;
  ParseJob *job;

  worker->outer = g_task_new (NULL, cancellable, callback, user_data);
  worker->result_free = result_free;
  worker->budget_ms = self->parse_budget_ms;
  worker->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : fetched->url);
  start_budget (worker, self->parse_budget_ms);

  task = g_task_new (NULL, cancellable, worker_done_cb, worker);
  worker->task = g_object_ref (task);
  job = parse_job_attach (task, parse_job_new ());
  job->thread_func = thread_func;
  job->bytes = g_bytes_ref (fetched->body);
  job->url = g_strdup (fetched->url);
  job->charset = g_strdup (fetched->charset);
  job->profile = profile != NULL ? g_object_ref (profile) : NULL;
  job->format = format;
  job->date = fetched->date != NULL ? g_date_time_ref (fetched->date) : NULL;
  job->unless_hash = g_strdup (unless_hash);
  job->stream = stream != NULL ? cq_store_write_stream_ref (stream) : NULL;
  /* A sync's parses (its feed's, and its list's older pages) run on a
   * thread of its own at its write's lower priority, beside the write when
   * it is streamed; what a user waits for (a source being added) does not.
   * A re-sync's parse at the window's priority, on GLib's pool, took the
   * cores from the renderer's threads for 45-55 ms while the window drew
   * (bench-sync-stall).  Its budget counts its own processor time, not
   * its waits. */
  if (background)
    cq_store_run_task_in_background (task, read_on_worker);
  else
    g_task_run_in_thread (task, read_on_worker);
}

void
_cq_sync_engine_run_on_worker (CqSyncEngine        *self,
                               CqFetchResult       *fetched,
                               CqProfile           *profile,
                               CqFeedFormat         format,
                               const char          *unless_hash,
                               GTaskThreadFunc      thread_func,
                               GDestroyNotify       result_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_on_worker_streaming (self, fetched, profile, format, unless_hash, NULL, FALSE, thread_func, result_free,
                           cancellable, callback, user_data);
}

/* The parse of _cq_sync_engine_parse_async(), telling its items to
 * @stream when there is one, and giving way to the window when
 * @background. */
static void
parse_streaming_async (CqSyncEngine        *self,
                       CqFetchResult       *fetched,
                       CqProfile           *profile,
                       CqFeedFormat         format,
                       const char          *unless_hash,
                       CqStoreWriteStream  *stream,
                       gboolean             background,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  run_on_worker_streaming (self, fetched, profile, format, unless_hash, stream, background, parse_thread,
                           g_object_unref, cancellable, callback, user_data);
}

void
_cq_sync_engine_parse_async (CqSyncEngine        *self,
                             CqFetchResult       *fetched,
                             CqProfile           *profile,
                             CqFeedFormat         format,
                             const char          *unless_hash,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  parse_streaming_async (self, fetched, profile, format, unless_hash, NULL, FALSE, cancellable, callback, user_data);
}

/* Sync state. */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A sync that went well, of @feed (%NULL for "not modified"): what a
 * recovered document could not read is said on the source, and its
 * validators are not kept. */
void
_cq_sync_engine_record_success (CqSyncEngine  *self,
                                gint64         source_id,
                                CqSyncState   *state,
                                CqFetchResult *fetched,
                                CqParsedFeed  *feed)
{
  g_autoptr(GError) error = NULL;

  state->last_attempt = state->last_success = now_seconds ();
  g_free (state->last_error);
  state->last_error = feed != NULL ? cq_parsed_feed_describe_recovery (feed) : NULL;
  state->failures = 0;
  state->next_due = state->last_success + (gint64) self->interval * 60;
  if (feed != NULL && cq_parsed_feed_get_recovered (feed))
    {
      /* Perhaps cut short on its way: the next sync asks for the whole
       * document, not "if it changed". */
      g_clear_pointer (&state->etag, g_free);
      g_clear_pointer (&state->last_modified, g_free);
      g_clear_pointer (&state->content_hash, g_free);
    }
  else
    {
      if (fetched->etag != NULL || fetched->status == 200)
        replace_string (&state->etag, fetched->etag);
      if (fetched->last_modified != NULL || fetched->status == 200)
        replace_string (&state->last_modified, fetched->last_modified);
      if (feed != NULL && cq_parsed_feed_get_content_hash (feed) != NULL)
        replace_string (&state->content_hash, cq_parsed_feed_get_content_hash (feed));
    }
  if (!cq_store_set_sync_state (self->store, source_id, state, &error))
    g_debug ("Sync state of source %" G_GINT64_FORMAT " not saved: %s", source_id, error->message);
}

/* Exponential back-off with jitter, so that many readers failing together
 * do not come back together; or the wait the server asked for. */
static void
record_failure (CqSyncEngine *self,
                gint64        source_id,
                CqSyncState  *state,
                const GError *failure,
                gint64        retry_after)
{
  g_autoptr(GError) error = NULL;
  gint64 wait;

  state->last_attempt = now_seconds ();
  g_free (state->last_error);
  state->last_error = g_strdup (failure->message);
  state->failures++;

  if (retry_after > 0)
    wait = retry_after;
  else
    {
      gint64 base = (gint64) self->interval * 60;

      wait = MIN (base << MIN (state->failures - 1, 10u), MAX_BACKOFF_SECONDS);
      wait += g_random_int_range (0, (gint32) MAX (wait / 10, 1));
    }
  state->next_due = state->last_attempt + wait;

  if (!cq_store_set_sync_state (self->store, source_id, state, &error))
    g_debug ("Sync state of source %" G_GINT64_FORMAT " not saved: %s", source_id, error->message);
  if (g_error_matches (failure, CQ_SYNC_ERROR, CQ_SYNC_ERROR_GONE))
    cq_store_set_source_enabled (self->store, source_id, FALSE, NULL);
}

/* Syncing one source. */

typedef struct {
  gint64         source_id;
  CqSource      *source;
  CqSyncState   *state;
  CqFetchResult *fetched;
  gint64         retry_after;
  CqParsedFeed  *feed;
  guint          archive_pages;
  GHashTable    *seen_pages;
  /* A first sync's write, begun as its parse begins (see stream_write()),
   * until it is closed or called off; whether it was closed; and what the
   * sync does once a write called off has answered (rolled back), with the
   * failure it will say. */
  CqStoreWriteStream *stream;
  gboolean       stream_closed;
  void         (*after_call_off) (GTask *task);
  GError        *failure;
} SyncJob;

CQ_DEFINE_JOB_DATA (SyncJob, sync_job)

static void
sync_job_clear (SyncJob *job)
{
  g_clear_object (&job->source);
  g_clear_pointer (&job->state, cq_sync_state_free);
  g_clear_pointer (&job->fetched, cq_fetch_result_free);
  g_clear_object (&job->feed);
  g_clear_pointer (&job->seen_pages, g_hash_table_unref);
  cq_store_write_stream_abort (job->stream);
  g_clear_pointer (&job->stream, cq_store_write_stream_unref);
  g_clear_error (&job->failure);
}

/* A streamed write that was not closed is called off.  With @then, the
 * sync goes on once the write has answered: rolled back, nothing of it
 * stored, the store's writer and the file's write lock free for what
 * the sync writes next (its state) and for the next sync.  Returns
 * whether it waits so. */
static gboolean
call_off_stream (GTask  *task,
                 void  (*then) (GTask *task))
{
  SyncJob *job = g_task_get_task_data (task);

  if (job->stream == NULL)
    return FALSE;
  cq_store_write_stream_abort (job->stream);
  g_clear_pointer (&job->stream, cq_store_write_stream_unref);
  job->after_call_off = then;
  return then != NULL;
}

/* Every caller waiting on this source gets the same answer. */
static void
complete (GTask        *task,
          CqSyncReport *report,
          const GError *error)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autofree gpointer key = NULL;

  g_hash_table_steal_extended (self->in_flight, &job->source_id, &key, (gpointer *) &waiters);
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_pointer (waiter, cq_sync_report_copy (report), (GDestroyNotify) cq_sync_report_free);
    }
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cq_sync_report_free);
}

static void fail_sync (GTask *task, GError *error);

static void
fail_after_call_off (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) failure = g_steal_pointer (&job->failure);

  fail_sync (task, failure);
}

static void
fail_sync (GTask  *task,
           GError *error)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);

  if (call_off_stream (task, fail_after_call_off))
    {
      job->failure = g_error_copy (error);
      return;
    }
  /* Cancellation is the user's wish, not the source's fault. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && job->state != NULL)
    record_failure (self, job->source_id, job->state, error, job->retry_after);
  complete (task, NULL, error);
}

static void
unref_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      object,
                 GCancellable *cancellable)
{
  g_object_unref (object);
}

/* A feed of ten thousand items takes milliseconds to free: a frame's
 * worth, so not on the window's thread, and at a background thread's
 * priority, since the list is showing the feed's items meanwhile. */
static void
free_feed_in_background (CqParsedFeed *feed)
{
  g_autoptr(GTask) task = NULL;

  if (feed == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, feed, NULL);
  cq_store_run_task_in_background (task, unref_in_thread);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CqSyncReport *report;
  CqUpsertReport counts = { 0 };

  if (!cq_store_upsert_items_finish (self->store, result, &counts, NULL, &error))
    {
      fail_sync (task, error);
      return;
    }

  report = g_new0 (CqSyncReport, 1);
  report->source_id = job->source_id;
  report->added = counts.added;
  report->updated = counts.updated;
  report->unchanged = counts.unchanged;

  /* Moved for good: remember the new address, and say so. */
  if (job->fetched->moved_to != NULL)
    {
      g_autoptr(CqProfile) moved = cq_profile_copy_with_feed_url (cq_source_get_profile (job->source),
                                                                  job->fetched->moved_to, NULL);

      if (moved != NULL && cq_store_set_source_profile (self->store, job->source_id, moved, NULL))
        report->moved_to = g_strdup (job->fetched->moved_to);
    }

  _cq_sync_engine_record_success (self, job->source_id, job->state, job->fetched, job->feed);
  free_feed_in_background (g_steal_pointer (&job->feed));
  complete (task, report, NULL);
}

/* A streamed write's answer: the sync's, once the stream was closed; once
 * called off (the sync failed, or found nothing new), the sign to go on. */
static void
stream_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  void (*then) (GTask *task) = g_steal_pointer (&job->after_call_off);

  if (job->stream_closed)
    stored_cb (object, result, g_steal_pointer (&task));
  else if (then != NULL)
    then (task);
}

/* Below this, a first sync's parse takes a few milliseconds: nothing to
 * overlap, and no reason to hold the store's writer while it goes on. */
#define STREAM_MIN_BYTES (256 * 1024)

/* The first sync of a large feed writes as it parses: the write begins
 * now, on the store's writer, and inserts the items the parse tells of
 * while the parse goes on (a 10,000-item first sync's parse and write
 * overlap).  Not for an HTML list, whose first sync follows its older
 * pages first. */
static CqStoreWriteStream *
stream_write (GTask *task)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);

  if (job->state->last_success != 0 || g_bytes_get_size (job->fetched->body) < STREAM_MIN_BYTES ||
      cq_feed_format_for_profile (cq_source_get_profile (job->source)) == CQ_FEED_FORMAT_HTML_LIST)
    return NULL;
  job->stream = cq_store_write_items_streamed_async (self->store, job->source_id, self->max_items, NULL,
                                                     stream_written_cb, g_object_ref (task));
  return job->stream;
}

/* The items are written on the store's worker, and older items beyond the
 * source's allowance trimmed there too: the window keeps drawing while a
 * large sync is stored. */
static void
store_sync (GTask *task)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      fail_sync (task, error);
      return;
    }
  /* A document read in recovery adds what is new, and edits nothing: its
   * text may stop half-way. */
  if (job->stream != NULL)
    {
      job->stream_closed = TRUE;
      cq_store_write_stream_close (job->stream, cq_parsed_feed_get_items (job->feed),
                                   cq_parsed_feed_get_recovered (job->feed));
      g_clear_pointer (&job->stream, cq_store_write_stream_unref);
    }
  else if (cq_parsed_feed_get_recovered (job->feed))
    cq_store_add_new_items_async (self->store, job->source_id, cq_parsed_feed_get_items (job->feed), self->max_items,
                                  NULL, stored_cb, g_object_ref (task));
  else
    cq_store_upsert_items_async (self->store, job->source_id, cq_parsed_feed_get_items (job->feed), self->max_items,
                                 NULL, stored_cb, g_object_ref (task));
}

static void archive_fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Older pages are the source's own: a "next page" link to another host
 * or port (or from https to http) is not followed. */
static gboolean
same_site (const char *page,
           const char *next)
{
  g_autoptr(GUri) a = g_uri_parse (page, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) b = g_uri_parse (next, G_URI_FLAGS_NONE, NULL);

  return a != NULL && b != NULL &&
         g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* The first sync of an HTML list follows its older pages, so the reader
 * starts with more than one page of news.  A page already seen, or one
 * that fails, ends the walk; what was found is kept. */
static gboolean
follow_archive (GTask      *task,
                const char *next_page)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  CqFetchOptions options;

  if (next_page == NULL || job->archive_pages == 0 ||
      g_hash_table_contains (job->seen_pages, next_page) || !same_site (job->fetched->url, next_page))
    return FALSE;

  job->archive_pages--;
  g_hash_table_add (job->seen_pages, g_strdup (next_page));
  _cq_sync_engine_fetch_options (self, &options, NULL);
  cq_fetch_async (self->session, next_page, &options, g_task_get_cancellable (task),
                  archive_fetched_cb, g_object_ref (task));
  return TRUE;
}

static void
archive_parsed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(CqParsedFeed) page = g_task_propagate_pointer (G_TASK (result), NULL);

  if (page != NULL)
    {
      GPtrArray *items = cq_parsed_feed_get_items (page);

      for (guint i = 0; i < items->len; i++)
        cq_parsed_feed_add_item (job->feed, g_ptr_array_index (items, i));
    }
  if (page == NULL || !follow_archive (task, cq_parsed_feed_get_next_page (page)))
    store_sync (task);
}

static void
archive_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(CqFetchResult) fetched = cq_fetch_finish (result, NULL, NULL);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (fetched == NULL)
    {
      store_sync (task);
      return;
    }
  /* An older page of the list is as much the sync's as its first. */
  parse_streaming_async (self, fetched, cq_source_get_profile (job->source), CQ_FEED_FORMAT_HTML_LIST, NULL, NULL,
                         TRUE, cancellable, archive_parsed_cb, g_steal_pointer (&task));
}

/* Nothing new: no parsing, no writing, beyond noting when we looked. */
static void
not_modified (GTask *task)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  CqSyncReport *report;

  if (call_off_stream (task, not_modified))
    return;
  report = g_new0 (CqSyncReport, 1);
  report->source_id = job->source_id;
  report->not_modified = TRUE;
  _cq_sync_engine_record_success (self, job->source_id, job->state, job->fetched, job->feed);
  complete (task, report, NULL);
}

static void
sync_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->feed = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->feed == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                            g_error_matches (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_TIMEOUT)))
    {
      fail_sync (task, error);
      return;
    }
  /* The same bytes as last time, sent again in full: not read again. */
  if (job->feed != NULL && g_strcmp0 (cq_parsed_feed_get_content_hash (job->feed), job->state->content_hash) == 0)
    {
      not_modified (task);
      return;
    }
  if (job->feed == NULL || (cq_parsed_feed_get_items (job->feed)->len == 0 &&
                            cq_parsed_feed_get_advertised_feed (job->feed) != NULL))
    {
      g_autoptr(GError) words = NULL;

      if (job->feed != NULL)
        words = g_error_new (CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_A_FEED,
                             _("The page holds no news; it points to a feed at %s."),
                             cq_parsed_feed_get_advertised_feed (job->feed));
      else
        words = g_error_new (CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_A_FEED, "%s", error->message);
      fail_sync (task, words);
      return;
    }

  if (cq_parsed_feed_get_format (job->feed) == CQ_FEED_FORMAT_HTML_LIST && job->state->last_success == 0)
    {
      /* Fetching older pages takes seconds: not with the writer held. */
      call_off_stream (task, NULL);
      job->archive_pages = self->archive_pages;
      job->seen_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (job->seen_pages, g_strdup (job->fetched->url));
      if (follow_archive (task, cq_parsed_feed_get_next_page (job->feed)))
        return;
    }
  store_sync (task);
}

static void
sync_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CqProfile *profile = cq_source_get_profile (job->source);
  CqStoreWriteStream *stream;
  GCancellable *cancellable;

  job->fetched = cq_fetch_finish (result, &job->retry_after, &error);
  if (job->fetched == NULL)
    {
      fail_sync (task, error);
      return;
    }

  if (job->fetched->status == SOUP_STATUS_NOT_MODIFIED)
    {
      not_modified (task);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  stream = stream_write (task);
  parse_streaming_async (self, job->fetched, profile,
                         cq_feed_format_for_profile (profile) == CQ_FEED_FORMAT_HTML_LIST
                         ? CQ_FEED_FORMAT_HTML_LIST : CQ_FEED_FORMAT_AUTO,
                         job->state->content_hash, stream, TRUE, cancellable, sync_parsed_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_sync_source_async:
 *
 * Syncs one source.  While a sync of the same source is under way, this
 * joins it instead of starting another.
 */
void
cq_sync_engine_sync_source_async (CqSyncEngine        *self,
                                  gint64               source_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CqFetchOptions options;
  GPtrArray *waiters;
  SyncJob *job;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_sync_source_async);

  if ((waiters = g_hash_table_lookup (self->in_flight, &source_id)) != NULL)
    {
      g_ptr_array_add (waiters, g_steal_pointer (&task));
      return;
    }

  job = sync_job_attach (task, sync_job_new ());
  job->source_id = source_id;

  if (!(job->source = cq_store_dup_source (self->store, source_id, &error)) ||
      !(job->state = cq_store_dup_sync_state (self->store, source_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!cq_source_get_enabled (job->source))
    {
      g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_DISABLED,
                               _("The source “%s” is turned off."), cq_source_get_name (job->source));
      return;
    }

  g_hash_table_insert (self->in_flight, g_memdup2 (&source_id, sizeof source_id),
                       g_ptr_array_new_with_free_func (g_object_unref));
  _cq_sync_engine_fetch_options (self, &options, job->state);
  cq_fetch_async (self->session, cq_profile_get_feed_url (cq_source_get_profile (job->source)),
                  &options, cancellable, sync_fetched_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_sync_source_finish:
 *
 * Returns: (transfer full): what changed, or %NULL with @error set; the
 *   error's message is also kept on the source's sync state
 */
CqSyncReport *
cq_sync_engine_sync_source_finish (CqSyncEngine  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The source a finished sync was for, whether it failed or not. */
gint64
_cq_sync_engine_synced_source_id (GAsyncResult *result)
{
  SyncJob *job = g_task_get_task_data (G_TASK (result));

  return job->source_id;
}
