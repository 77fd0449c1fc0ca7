/* cq-sync-engine-header.c: a source's header, read from its home page
 *
 * The page is fetched as any document is (the same size cap, timeout and
 * redirect rules) and read on a worker within the parse budget; what it
 * shows is returned for the user to keep or drop, never saved here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-sync-engine-private.h"

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GTimeZone *home = job->profile != NULL ? cq_profile_get_time_zone (job->profile) : utc;
  GError *error = NULL;
  CqFoundHeader *found = cq_header_discover (job->bytes, job->charset, job->date, home, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) cq_found_header_unref);
}

/* @page's header, read on a worker; the result is a CqFoundHeader. */
void
_cq_sync_engine_discover_async (CqSyncEngine        *self,
                                CqFetchResult       *page,
                                CqProfile           *profile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  _cq_sync_engine_run_on_worker (self, page, profile, CQ_FEED_FORMAT_AUTO, NULL, discover_thread,
                                 (GDestroyNotify) cq_found_header_unref, cancellable, callback, user_data);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CqFoundHeader *found = g_task_propagate_pointer (G_TASK (result), &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) cq_found_header_unref);
}

static void
page_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  CqSource *source = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(CqFetchResult) page = NULL;
  GError *error = NULL;

  if (!(page = cq_fetch_finish (result, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  _cq_sync_engine_discover_async (self, page, cq_source_get_profile (source), cancellable,
                                  discovered_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_discover_header_async:
 * @source_id: the source whose home page to read
 *
 * Fetches the source's home page (or, for a news page, the page itself)
 * and reads the header it shows: its clocks, counters and contact lines.
 */
void
cq_sync_engine_discover_header_async (CqSyncEngine        *self,
                                      gint64               source_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CqSource) source = NULL;
  GError *error = NULL;
  CqProfile *profile;
  const char *page;
  CqFetchOptions options;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_discover_header_async);
  if (!(source = cq_store_dup_source (self->store, source_id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  profile = cq_source_get_profile (source);
  page = cq_profile_get_home_url (profile);
  if (page == NULL && g_strcmp0 (cq_profile_get_feed_format (profile), "html-list") == 0)
    page = cq_profile_get_feed_url (profile);
  if (page == NULL)
    {
      g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_INVALID_URL,
                               _("“%s” gives no home page to read a header from."), cq_source_get_name (source));
      return;
    }
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  _cq_sync_engine_fetch_options (self, &options, NULL);
  cq_fetch_async (self->session, page, &options, cancellable, page_fetched_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_discover_header_finish:
 *
 * Returns: (transfer full): what the page's header shows, possibly
 *   nothing, or %NULL with @error set when the page could not be fetched
 *   or read
 */
CqFoundHeader *
cq_sync_engine_discover_header_finish (CqSyncEngine  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
