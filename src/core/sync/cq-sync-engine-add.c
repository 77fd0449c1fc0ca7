/* cq-sync-engine-add.c: a new source from an address the user gives
 *
 * The address may be a feed, a page that advertises one, or a page whose
 * news list we can read; the source is stored and synced once, and its
 * older pages followed, before the caller hears of it.  When the address
 * was a web page, the header it shows is read too, for the caller to offer
 * the user (cq_sync_engine_add_source_get_found_header()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cq-feed.h"
#include "cq-sync-engine-private.h"

typedef struct {
  char          *url;
  char          *name;
  CqFeedFormat   format;
  CqFetchResult *fetched;
  CqParsedFeed  *feed;
  gboolean       followed;   /* already went from a page to its feed */
  CqFetchResult *page;       /* the web page that led to the feed */
  CqFoundHeader *found;      /* the header that page shows */
  gint64         source_id;
} AddJob;

CQ_DEFINE_JOB_DATA (AddJob, add_job)

static void
add_job_clear (AddJob *job)
{
  g_clear_pointer (&job->url, g_free);
  g_clear_pointer (&job->name, g_free);
  g_clear_pointer (&job->fetched, cq_fetch_result_free);
  g_clear_object (&job->feed);
  g_clear_pointer (&job->page, cq_fetch_result_free);
  g_clear_pointer (&job->found, cq_found_header_unref);
}

static void add_fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* A header that cannot be read is no reason not to add the source. */
static void
add_discovered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->found = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->found == NULL)
    g_debug ("No header read from %s: %s", job->url, error->message);
  g_task_return_int (task, job->source_id);
}

/* The source is in: the page the user gave, when it was a web page, is
 * read for its header before the caller hears. */
static void
add_done (GTask  *task,
          gint64  source_id)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  AddJob *job = g_task_get_task_data (task);
  CqFetchResult *page = job->page;
  g_autoptr(CqSource) source = NULL;

  job->source_id = source_id;
  if (page == NULL && job->feed != NULL && cq_parsed_feed_get_format (job->feed) == CQ_FEED_FORMAT_HTML_LIST)
    page = job->fetched;
  if (page == NULL || page->body == NULL || source_id == 0 ||
      !(source = cq_store_dup_source (self->store, source_id, NULL)))
    {
      g_task_return_int (task, source_id);
      return;
    }
  _cq_sync_engine_discover_async (self, page, cq_source_get_profile (source), g_task_get_cancellable (task),
                                  add_discovered_cb, g_object_ref (task));
}

/* Whatever that first sync met is on the source's state; the source is
 * added either way. */
static void
add_synced_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncReport *report = cq_sync_engine_sync_source_finish (CQ_SYNC_ENGINE (object), result, NULL);

  g_clear_pointer (&report, cq_sync_report_free);
  add_done (task, _cq_sync_engine_synced_source_id (result));
}

/* One address, however written: http or https, any case of the host, the
 * default port or none, with or without a trailing slash. */
static gboolean
same_address (const char *a,
              const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;

  if (ua == NULL || ub == NULL || g_uri_get_host (ua) == NULL || g_uri_get_host (ub) == NULL)
    return g_strcmp0 (a, b) == 0;
  if (g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) != 0 ||
      g_strcmp0 (g_uri_get_query (ua), g_uri_get_query (ub)) != 0)
    return FALSE;
  if (g_uri_get_port (ua) != g_uri_get_port (ub) && g_uri_get_port (ua) != -1 && g_uri_get_port (ub) != -1)
    return FALSE;
  path_a = g_strdup (g_uri_get_path (ua));
  path_b = g_strdup (g_uri_get_path (ub));
  while (g_str_has_suffix (path_a, "/"))
    path_a[strlen (path_a) - 1] = '\0';
  while (g_str_has_suffix (path_b, "/"))
    path_b[strlen (path_b) - 1] = '\0';
  return g_str_equal (path_a, path_b);
}

/* A source that follows @url already, if any. */
static gboolean
refuse_if_followed (CqSyncEngine  *self,
                    const char    *url,
                    GError       **error)
{
  g_autoptr(GPtrArray) sources = cq_store_dup_sources (self->store, NULL);

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);
      CqProfile *profile = cq_source_get_profile (source);

      if (same_address (cq_profile_get_feed_url (profile), url) ||
          (cq_profile_get_home_url (profile) != NULL && g_strcmp0 (cq_profile_get_feed_format (profile), "html-list") == 0 &&
           same_address (cq_profile_get_home_url (profile), url)))
        {
          g_set_error (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_ALREADY_FOLLOWED,
                       _("This address is already followed as “%s”."), cq_source_get_name (source));
          return TRUE;
        }
    }
  return FALSE;
}

static void
add_store (GTask *task)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  AddJob *job = g_task_get_task_data (task);
  g_autofree char *id = cq_store_make_source_id (self->store, job->fetched->url, NULL);
  const char *title = cq_parsed_feed_get_title (job->feed);
  g_autoptr(GUri) uri = g_uri_parse (job->fetched->url, G_URI_FLAGS_NONE, NULL);
  const char *name = job->name != NULL ? job->name : title != NULL ? title : g_uri_get_host (uri);
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(CqSyncState) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *format = cq_feed_format_to_string (cq_parsed_feed_get_format (job->feed));
  gint64 source_id;

  /* Asked for under another address, it may lead to one followed already. */
  if (refuse_if_followed (self, job->fetched->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  profile = cq_profile_new_for_feed (id, name, cq_parsed_feed_get_link (job->feed), job->fetched->url, format);
  if (profile == NULL)
    profile = cq_profile_new_for_feed (id, name, NULL, job->fetched->url, format);
  if (profile == NULL)
    {
      g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_INVALID_URL,
                               _("“%s” cannot be used as a source."), job->fetched->url);
      return;
    }

  if (!(source_id = cq_store_add_source (self->store, profile, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A news page's first sync also reads its older pages. */
  if (cq_parsed_feed_get_format (job->feed) == CQ_FEED_FORMAT_HTML_LIST)
    {
      cq_sync_engine_sync_source_async (self, source_id, g_task_get_cancellable (task),
                                        add_synced_cb, g_object_ref (task));
      return;
    }

  /* Its items could not be stored (a full disk, say): the source goes too,
   * so that "not added" is what the store says as well. */
  if (!cq_store_upsert_items (self->store, source_id, cq_parsed_feed_get_items (job->feed), NULL, &error) ||
      !(state = cq_store_dup_sync_state (self->store, source_id, &error)))
    {
      cq_store_remove_source (self->store, source_id, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _cq_sync_engine_record_success (self, source_id, state, job->fetched, job->feed);
  add_done (task, source_id);
}

static void
add_parsed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  AddJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *advertised;

  job->feed = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->feed == NULL)
    {
      if (g_error_matches (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED) ||
          g_error_matches (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_EMPTY) ||
          g_error_matches (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_TEXT))
        g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_A_FEED,
                                 _("No news was found at this address."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A page that advertises its feed: the feed is the better source. */
  advertised = cq_parsed_feed_get_advertised_feed (job->feed);
  if (advertised != NULL && !job->followed && job->format != CQ_FEED_FORMAT_HTML_LIST)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);
      CqFetchOptions options;

      job->followed = TRUE;
      job->page = g_steal_pointer (&job->fetched);
      _cq_sync_engine_fetch_options (self, &options, NULL);
      cq_fetch_async (self->session, advertised, &options, cancellable, add_fetched_cb, g_steal_pointer (&task));
      return;
    }

  if (cq_parsed_feed_get_items (job->feed)->len == 0 && cq_parsed_feed_get_format (job->feed) == CQ_FEED_FORMAT_HTML_LIST)
    {
      g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_A_FEED,
                               _("No news was found at this address."));
      return;
    }

  add_store (task);
}

static void
add_fetched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  AddJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_clear_pointer (&job->fetched, cq_fetch_result_free);
  g_clear_object (&job->feed);
  job->fetched = cq_fetch_finish (result, NULL, &error);
  if (job->fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _cq_sync_engine_parse_async (self, job->fetched, NULL, job->format, NULL, cancellable,
                               add_parsed_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_add_source_async:
 * @url: a feed, or a page: one that advertises a feed adds the feed, one
 *   with a list of dated news adds the page as an HTML-list source
 * @name: (nullable): the name to give it, else the feed's title
 * @format: %CQ_FEED_FORMAT_AUTO, or %CQ_FEED_FORMAT_HTML_LIST to keep the
 *   page even when it advertises a feed
 *
 * Fetches @url, adds the source and stores its first items.
 */
void
cq_sync_engine_add_source_async (CqSyncEngine        *self,
                                 const char          *url,
                                 const char          *name,
                                 CqFeedFormat         format,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CqFetchOptions options;
  AddJob *job;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_add_source_async);
  job = add_job_attach (task, add_job_new ());
  job->url = g_strdup (url);
  job->name = g_strdup (name);
  job->format = format;

  if (refuse_if_followed (self, url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _cq_sync_engine_fetch_options (self, &options, NULL);
  cq_fetch_async (self->session, url, &options, cancellable, add_fetched_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_add_source_finish:
 *
 * Returns: the new source's id, or 0 with @error set
 */
gint64
cq_sync_engine_add_source_finish (CqSyncEngine  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}


/**
 * cq_sync_engine_add_source_get_found_header:
 * @result: the result given to cq_sync_engine_add_source_finish()
 *
 * Returns: (transfer none) (nullable): the header the page the user gave
 *   shows, to offer the user; %NULL when the address was no web page
 */
CqFoundHeader *
cq_sync_engine_add_source_get_found_header (CqSyncEngine *self,
                                            GAsyncResult *result)
{
  AddJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job != NULL ? job->found : NULL;
}
