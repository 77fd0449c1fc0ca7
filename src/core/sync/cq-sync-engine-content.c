/* cq-sync-engine-content.c: what a statement links to, fetched on demand
 *
 * The full statement behind an item, extracted on a worker and kept in the
 * store so that it is fetched once; remote images, only when the user
 * allows them, checked before any decoder sees their bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-article.h"
#include "cq-image.h"
#include "cq-sync-engine-private.h"

typedef struct {
  CqItem    *item;
  CqProfile *profile;
} FullJob;

CQ_DEFINE_JOB_DATA (FullJob, full_job)

static void
full_job_clear (FullJob *job)
{
  g_clear_object (&job->item);
  g_clear_object (&job->profile);
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  CqArticle *article = cq_article_extract (job->bytes, job->url, job->profile, job->charset, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, (GDestroyNotify) cq_article_free);
}

static void
full_extracted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  FullJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqArticle) article = g_task_propagate_pointer (G_TASK (result), &error);

  if (article == NULL ||
      !cq_store_set_full_text (self->store, cq_item_get_id (job->item), article->html, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (job->item), g_object_unref);
}

static void
full_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CqSyncEngine *self = g_task_get_source_object (task);
  FullJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFetchResult) fetched = cq_fetch_finish (result, NULL, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _cq_sync_engine_run_on_worker (self, fetched, job->profile, CQ_FEED_FORMAT_AUTO,
                                 extract_thread, (GDestroyNotify) cq_article_free, cancellable,
                                 full_extracted_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_fetch_full_async:
 *
 * Fetches the item's page, extracts the statement and stores it.  An item
 * whose statement was fetched before is answered from the store.
 */
void
cq_sync_engine_fetch_full_async (CqSyncEngine        *self,
                                 gint64               item_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSource) source = NULL;
  CqFetchOptions options;
  FullJob *job;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_fetch_full_async);
  job = full_job_attach (task, full_job_new ());

  if (!(job->item = cq_store_dup_item (self->store, item_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (cq_item_get_full_text_fetched (job->item))
    {
      g_task_return_pointer (task, g_object_ref (job->item), g_object_unref);
      return;
    }
  if (cq_item_get_link (job->item) == NULL)
    {
      g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_INVALID_URL,
                               _("This item has no link to a full statement."));
      return;
    }

  source = cq_store_dup_source (self->store, cq_item_get_source_id (job->item), NULL);
  job->profile = source != NULL ? g_object_ref (cq_source_get_profile (source)) : NULL;
  _cq_sync_engine_fetch_options (self, &options, NULL);
  cq_fetch_async (self->session, cq_item_get_link (job->item), &options, cancellable,
                  full_fetched_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_fetch_full_finish:
 *
 * Returns: (transfer full): the item, its content now the full statement
 */
CqItem *
cq_sync_engine_fetch_full_finish (CqSyncEngine  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Remote images, fetched only when the user allows them.  The bytes are
 * not decoded here (the core knows no image formats); the size bound is
 * tighter than a feed's, as one statement may hold many pictures. */
#define IMAGE_MAX_SIZE (8 * 1024 * 1024)

static void
image_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFetchResult) fetched = cq_fetch_finish (result, NULL, &error);

  if (fetched == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (fetched->body == NULL || g_bytes_get_size (fetched->body) == 0)
    g_task_return_new_error (task, CQ_SYNC_ERROR, CQ_SYNC_ERROR_HTTP, _("The server sent an empty image."));
  else
    g_task_return_pointer (task, g_bytes_ref (fetched->body), (GDestroyNotify) g_bytes_unref);
}

/**
 * cq_sync_engine_fetch_image_async:
 * @url: an http(s) address, as the sanitiser leaves image sources
 *
 * Fetches one image's bytes, bounded in size and time like every fetch.
 */
void
cq_sync_engine_fetch_image_async (CqSyncEngine        *self,
                                  const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CqFetchOptions options;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_fetch_image_async);
  _cq_sync_engine_fetch_options (self, &options, NULL);
  options.max_size = MIN (options.max_size, IMAGE_MAX_SIZE);
  cq_fetch_async (self->session, url, &options, cancellable, image_fetched_cb, g_steal_pointer (&task));
}

/**
 * cq_sync_engine_fetch_image_finish:
 *
 * Returns: (transfer full): the image's bytes, undecoded
 */
GBytes *
cq_sync_engine_fetch_image_finish (CqSyncEngine  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
