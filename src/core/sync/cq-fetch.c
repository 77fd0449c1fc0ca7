/* cq-fetch.c: one polite HTTP GET, bounded in size, time and redirects
 *
 * Redirects are followed here rather than by libsoup, so that a loop is
 * named as one, at most five are taken, and a feed that has moved for good
 * (every hop 301 or 308) can be remembered at its new address.  The size
 * cap holds while the body streams in, whatever Content-Length claims, and
 * the timeout is for the whole fetch, so a server that trickles one byte a
 * second is cut off too.
 *
 * Every fetch runs on one thread of its own, "cq-fetch", with a main
 * context of its own (libsoup 3.2 sends from any thread that has one): a
 * download's reads, its TLS and its gzip or brotli decoding are the
 * window's no more.  On the window's thread they were a few milliseconds
 * of each frame for as long as a large feed came in, paced so that frames
 * still came.  The task answers on the caller's thread, as any GTask does,
 * and is let go of there, with the session it holds: the fetch's own
 * libsoup objects are let go of on the fetch's thread, before it answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-fetch.h"
#include "cq-task-data.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

G_DEFINE_QUARK (cq-sync-error-quark, cq_sync_error)

typedef struct {
  SoupSession   *session;
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *body;      /* with room past its end for the read under way */
  gsize          received;  /* how much of it came */
  gsize          promised;  /* Content-Length, or 0 */
  GCancellable  *cancellable;    /* ours: cancelled by the caller's or the deadline */
  gulong         cancelled_id;
  GCancellable  *caller_cancellable;
  GSource       *deadline;       /* on the fetch's thread */
  gboolean       timed_out;
  char          *url;
  char          *host;
  char          *etag;
  char          *last_modified;
  gsize          max_size;
  guint          redirects;
  gboolean       all_permanent;
  gint64         retry_after;
} Fetch;

CQ_DEFINE_JOB_DATA (Fetch, fetch)

/* What the fetch's thread holds, let go of there before the task answers:
 * the connection goes back to the session's pool (or is closed) on the
 * thread that used it. */
static void
fetch_release (Fetch *fetch)
{
  if (fetch->deadline != NULL)
    g_source_destroy (fetch->deadline);
  g_clear_pointer (&fetch->deadline, g_source_unref);
  if (fetch->caller_cancellable != NULL)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->cancelled_id);
  fetch->cancelled_id = 0;
  g_clear_object (&fetch->caller_cancellable);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->message);
}

static void
fetch_clear (Fetch *fetch)
{
  fetch_release (fetch);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->session);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_free (fetch->url);
  g_free (fetch->host);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
}

void
cq_fetch_result_free (CqFetchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->url);
  g_free (result->moved_to);
  g_free (result->etag);
  g_free (result->last_modified);
  g_clear_pointer (&result->date, g_date_time_unref);
  g_free (result->charset);
  g_free (result);
}

static gboolean
unref_cb (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* The chain's reference to a task that has answered, let go of on the
 * caller's thread, with the session the task holds: that is the caller's
 * to let go of last. */
static void
drop_task (GTask *task)
{
  g_main_context_invoke (g_task_get_context (task), unref_cb, task);
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (GTask      *task,
      CqSyncError code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fetch_release (g_task_get_task_data (task));
  g_task_return_new_error (task, CQ_SYNC_ERROR, code, "%s", message);
  return FALSE;
}

/* Errors from the network, in words a reader understands. */
static void
fail_with (GTask  *task,
           GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out)
    fail (task, CQ_SYNC_ERROR_TIMEOUT, _("%s did not answer in time."), fetch->host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fetch_release (fetch);
      g_task_return_error (task, g_error_copy (error));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    fail (task, CQ_SYNC_ERROR_OFFLINE, _("%s cannot be reached: this computer seems to be offline."), fetch->host);
  else if (error->domain == G_RESOLVER_ERROR)
    fail (task, CQ_SYNC_ERROR_NAME_RESOLUTION, _("The address %s could not be found."), fetch->host);
  else if (error->domain == G_TLS_ERROR)
    fail (task, CQ_SYNC_ERROR_TLS, _("The secure connection to %s could not be trusted: %s"), fetch->host, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail (task, CQ_SYNC_ERROR_TIMEOUT, _("%s did not answer in time."), fetch->host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    fail (task, CQ_SYNC_ERROR_CONNECTION, _("%s refused the connection."), fetch->host);
  else
    fail (task, CQ_SYNC_ERROR_CONNECTION, _("The connection to %s failed: %s"), fetch->host, error->message);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* Retry-After is seconds or an HTTP date; either way a server may ask for
 * a week's pause at most, never "the year 9999", which would mean never. */
/* The fetch's thread does nothing else: its sources all run at the
 * default priority. */
#define FETCH_PRIORITY G_PRIORITY_DEFAULT

#define RETRY_AFTER_MAX_SECONDS (7 * 24 * 3600)

static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
    return (gint64) MIN (seconds, RETRY_AFTER_MAX_SECONDS);
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  return CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0, RETRY_AFTER_MAX_SECONDS);
}

static void start (GTask *task);
static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Straight into the body: one copy of each byte, from the socket, and none
 * of the whole when a promised length made the room for it beforehand. */
static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  gsize room = READ_CHUNK;

  /* Within what was promised (and a byte more, to hear the end), the body
   * never moves. */
  if (fetch->promised > 0 && fetch->received <= fetch->promised)
    room = MIN (room, fetch->promised + 1 - fetch->received);
  g_byte_array_set_size (fetch->body, fetch->received + room);
  g_input_stream_read_async (fetch->stream, fetch->body->data + fetch->received, room,
                             FETCH_PRIORITY, fetch->cancellable, read_cb, task);
}

static void
finish_ok (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  CqFetchResult *result = g_new0 (CqFetchResult, 1);
  g_autoptr(GHashTable) params = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, &params);

  result->status = soup_message_get_status (fetch->message);
  result->url = g_strdup (fetch->url);
  result->moved_to = fetch->redirects > 0 && fetch->all_permanent ? g_strdup (fetch->url) : NULL;
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  if (soup_message_headers_get_one (headers, "Date") != NULL)
    result->date = soup_date_time_new_from_http_string (soup_message_headers_get_one (headers, "Date"));
  result->charset = content_type != NULL && params != NULL ? g_strdup (g_hash_table_lookup (params, "charset")) : NULL;
  if (fetch->body != NULL)
    {
      g_byte_array_set_size (fetch->body, fetch->received);
      result->body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
    }
  g_clear_pointer (&params, g_hash_table_unref);
  fetch_release (fetch);
  g_task_return_pointer (task, result, (GDestroyNotify) cq_fetch_result_free);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n_read < 0)
    fail_with (task, error);
  else if (n_read == 0)
    finish_ok (task);
  else if ((fetch->received += n_read) > fetch->max_size)
    {
      g_autofree char *limit = g_format_size (fetch->max_size);

      fail (task, CQ_SYNC_ERROR_TOO_LARGE, _("%s sent more than %s, more than any news feed needs."),
            fetch->host, limit);
    }
  else
    {
      read_more (task);
      return;
    }
  drop_task (task);
}

/**
 * cq_fetch_redirect_target:
 * @from: the address that answered with a redirect
 * @location: its Location header
 *
 * Where a redirect may lead: a web address with a host, and never from a
 * secure address to a plain one, which would send every later request (and
 * the statements read) in the clear.
 *
 * Returns: (transfer full) (nullable): the absolute address to follow, or
 *   %NULL with @error set in words
 */
char *
cq_fetch_redirect_target (const char  *from,
                          const char  *location,
                          GError     **error)
{
  g_autoptr(GUri) from_uri = g_uri_parse (from, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) next = NULL;
  const char *host = from_uri != NULL && g_uri_get_host (from_uri) != NULL ? g_uri_get_host (from_uri) : from;

  next = from_uri != NULL ? g_uri_parse_relative (from_uri, location, G_URI_FLAGS_NONE, NULL) : NULL;
  if (next == NULL || g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 && g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      g_set_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_HTTP,
                   _("%s redirected to an address that is not on the web."), host);
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (from_uri), "https") == 0 && g_strcmp0 (g_uri_get_scheme (next), "http") == 0)
    {
      g_set_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_HTTP,
                   _("%s redirected from its secure address to a plain http one; it is not followed, so that "
                     "nothing is fetched in the clear."), host);
      return NULL;
    }
  return g_uri_to_string (next);
}

/* Each step below takes over its caller's reference to the task, and
 * either passes it on to the next asynchronous call or drops it once the
 * task has its result. */

static void
follow_redirect (GTask *task,
                 guint  status)
{
  Fetch *fetch = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->message),
                                                       "Location");
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;

  if (location == NULL)
    fail (task, CQ_SYNC_ERROR_HTTP, _("%s sent a redirect without saying where to."), fetch->host);
  else if (++fetch->redirects > MAX_REDIRECTS)
    fail (task, CQ_SYNC_ERROR_REDIRECT_LOOP,
          _("%s redirects in a loop (more than %d times)."), fetch->host, MAX_REDIRECTS);
  else if (!(next = cq_fetch_redirect_target (fetch->url, location, &error)))
    {
      fetch_release (fetch);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      fetch->all_permanent = fetch->all_permanent && (status == 301 || status == 308);
      g_free (fetch->url);
      fetch->url = g_steal_pointer (&next);
      g_clear_object (&fetch->stream);
      g_clear_object (&fetch->message);
      start (task);
      return;
    }
  drop_task (task);
}

static void
handle_status (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  guint status = soup_message_get_status (fetch->message);
  goffset length = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->message));

  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
    {
      follow_redirect (task, status);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    finish_ok (task);
  else if (status == 410)
    fail (task, CQ_SYNC_ERROR_GONE, _("%s says this feed is gone for good (HTTP 410)."), fetch->host);
  else if (status == 429 || status == 503)
    {
      fetch->retry_after = parse_retry_after (soup_message_get_response_headers (fetch->message));
      fail (task, CQ_SYNC_ERROR_RATE_LIMITED, _("%s asked us to come back later (HTTP %u)."), fetch->host, status);
    }
  else if (status < 200 || status >= 300)
    fail (task, status == SOUP_STATUS_NOT_FOUND ? CQ_SYNC_ERROR_NOT_FOUND : CQ_SYNC_ERROR_HTTP, _("%s answered “%u %s”."), fetch->host, status,
          soup_message_get_reason_phrase (fetch->message));
  else if (length > 0 && (guint64) length > fetch->max_size)
    {
      g_autofree char *limit = g_format_size (fetch->max_size);

      fail (task, CQ_SYNC_ERROR_TOO_LARGE, _("%s sent more than %s, more than any news feed needs."),
            fetch->host, limit);
    }
  else
    {
      fetch->promised = length > 0 ? (gsize) length : 0;
      fetch->received = 0;
      fetch->body = g_byte_array_sized_new (fetch->promised > 0 ? fetch->promised + 1 : READ_CHUNK);
      read_more (task);
      return;
    }
  drop_task (task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      fail_with (task, error);
      drop_task (task);
      return;
    }
  handle_status (task);
}

static gboolean
set_host (Fetch  *fetch,
          GTask  *task)
{
  g_autoptr(GUri) uri = g_uri_parse (fetch->url, G_URI_FLAGS_NONE, NULL);

  g_free (fetch->host);
  fetch->host = uri != NULL && g_uri_get_host (uri) != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
  if (fetch->host == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                              g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    return fail (task, CQ_SYNC_ERROR_INVALID_URL, _("“%s” is not a web address."), fetch->url);
  return TRUE;
}

static void
start (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (!set_host (fetch, task))
    {
      drop_task (task);
      return;
    }

  fetch->message = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->message == NULL)
    {
      fail (task, CQ_SYNC_ERROR_INVALID_URL, _("“%s” is not a web address."), fetch->url);
      drop_task (task);
      return;
    }

  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_replace (headers, "Accept",
                                "application/feed+json, application/atom+xml, application/rss+xml, "
                                "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5");
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);

  soup_session_send_async (fetch->session, fetch->message, FETCH_PRIORITY, fetch->cancellable,
                           send_cb, task);
}

static gpointer
fetch_thread (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

/* The fetch thread's context: the thread starts with the first fetch and
 * lives as long as the program, waiting in poll() when there is nothing
 * to fetch. */
static GMainContext *
fetch_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *made = g_main_context_new ();

      g_thread_unref (g_thread_new ("cq-fetch", fetch_thread, g_main_context_ref (made)));
      g_once_init_leave (&context, made);
    }
  return context;
}

static gboolean
start_cb (gpointer data)
{
  GTask *task = data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Called off while it waited for this thread (the app went offline, the
   * source was removed): nothing is sent, as nothing was when the fetch
   * began on the caller's thread. */
  if (g_cancellable_set_error_if_cancelled (fetch->cancellable, &error))
    {
      fail_with (task, error);
      drop_task (task);
    }
  else
    start (task);
  return G_SOURCE_REMOVE;
}

/**
 * cq_fetch_async:
 * @url: an http(s) address
 * @options: conditional headers and limits
 *
 * Fetches @url.  A 304 answer is a result with no body; every other answer
 * but 2xx is an error with a #CqSyncError code and a message in words.
 */
void
cq_fetch_async (SoupSession           *session,
                const char            *url,
                const CqFetchOptions  *options,
                GCancellable          *cancellable,
                GAsyncReadyCallback    callback,
                gpointer               user_data)
{
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);
  g_return_if_fail (options != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_fetch_async);
  fetch = fetch_attach (task, fetch_new ());
  fetch->session = g_object_ref (session);
  fetch->url = g_strdup (url);
  fetch->etag = g_strdup (options->etag);
  fetch->last_modified = g_strdup (options->last_modified);
  fetch->max_size = options->max_size;
  fetch->all_permanent = TRUE;
  fetch->cancellable = g_cancellable_new ();

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   g_object_ref (fetch->cancellable), g_object_unref);
    }
  if (options->timeout_seconds > 0)
    {
      fetch->deadline = g_timeout_source_new_seconds (options->timeout_seconds);
      g_source_set_callback (fetch->deadline, deadline_cb, fetch, NULL);
      g_source_attach (fetch->deadline, fetch_context ());
    }

  g_main_context_invoke_full (fetch_context (), FETCH_PRIORITY, start_cb, task, NULL);
}

/**
 * cq_fetch_finish:
 * @retry_after: (out) (optional): for 429 and 503, how many seconds the
 *   server asked us to wait, or 0
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
CqFetchResult *
cq_fetch_finish (GAsyncResult  *result,
                 gint64        *retry_after,
                 GError       **error)
{
  Fetch *fetch;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cq_fetch_async), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (retry_after != NULL)
    *retry_after = fetch->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}
