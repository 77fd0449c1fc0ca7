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
#include "cq-diff.h"
#include "cq-image.h"
#include "cq-sync-engine-private.h"
#include "cq-text.h"

typedef struct {
  CqItem       *item;
  CqProfile    *profile;
  char         *etag;
  char         *last_modified;
  gboolean      checking;     /* a statement kept before, checked again */
  CqPageCheck   outcome;
} FullJob;

CQ_DEFINE_JOB_DATA (FullJob, full_job)

static void
full_job_clear (FullJob *job)
{
  g_clear_object (&job->item);
  g_clear_object (&job->profile);
  g_clear_pointer (&job->etag, g_free);
  g_clear_pointer (&job->last_modified, g_free);
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

static gboolean
set_validators (CqSyncEngine  *self,
                FullJob       *job,
                GError       **error)
{
  return cq_store_set_page_validators (self->store, cq_item_get_id (job->item), job->etag, job->last_modified, error);
}

/* The page no longer holds the statement: dated, its last text kept. */
static void
return_gone (GTask *task)
{
  CqSyncEngine *self = g_task_get_source_object (task);
  FullJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!cq_store_set_page_gone (self->store, cq_item_get_id (job->item), g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->outcome = CQ_PAGE_GONE;
  g_task_return_pointer (task, g_object_ref (job->item), g_object_unref);
}

/* A page checked again: the same statement, an edit of it, or gone. */
static gboolean
store_checked (CqSyncEngine  *self,
               GTask         *task,
               CqArticle     *article,
               GError       **error)
{
  FullJob *job = g_task_get_task_data (task);
  g_autofree char *kept = cq_text_from_html (cq_item_get_content (job->item));

  switch (cq_diff_check_statement (kept != NULL ? kept : "", article->text != NULL ? article->text : ""))
    {
    case CQ_STATEMENT_SAME:
      job->outcome = CQ_PAGE_UNCHANGED;
      return set_validators (self, job, error);
    case CQ_STATEMENT_EDITED:
      job->outcome = CQ_PAGE_CHANGED;
      return cq_store_record_page_change (self->store, cq_item_get_id (job->item), article->html, error) &&
             set_validators (self, job, error);
    case CQ_STATEMENT_NOT_THERE:
    default:
      job->outcome = CQ_PAGE_GONE;
      return cq_store_set_page_gone (self->store, cq_item_get_id (job->item),
                                     g_get_real_time () / G_USEC_PER_SEC, error);
    }
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

  /* A page checked again that holds no statement any more is gone, not
   * a failure to try again. */
  if (article == NULL && job->checking && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return_gone (task);
      return;
    }
  if (article == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->checking ? !store_checked (self, task, article, &error)
                    : !(cq_store_set_full_text (self->store, cq_item_get_id (job->item), article->html, &error) &&
                        set_validators (self, job, &error)))
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

  if (fetched == NULL && job->checking &&
      (g_error_matches (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_NOT_FOUND) ||
       g_error_matches (error, CQ_SYNC_ERROR, CQ_SYNC_ERROR_GONE)))
    {
      return_gone (task);
      return;
    }
  if (fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* 304: the page is as it was; a check that cost the server nothing. */
  if (fetched->status == SOUP_STATUS_NOT_MODIFIED || fetched->body == NULL)
    {
      job->outcome = CQ_PAGE_UNCHANGED;
      g_task_return_pointer (task, g_object_ref (job->item), g_object_unref);
      return;
    }

  job->etag = g_strdup (fetched->etag);
  job->last_modified = g_strdup (fetched->last_modified);
  _cq_sync_engine_run_on_worker (self, fetched, job->profile, CQ_FEED_FORMAT_AUTO, NULL,
                                 extract_thread, (GDestroyNotify) cq_article_free, cancellable,
                                 full_extracted_cb, g_steal_pointer (&task));
}

static void
fetch_page (CqSyncEngine *self,
            GTask        *task,
            gint64        item_id,
            gboolean      check)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSource) source = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  CqFetchOptions options;
  FullJob *job = full_job_attach (task, full_job_new ());

  if (!(job->item = cq_store_dup_item (self->store, item_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->checking = check && cq_item_get_full_text_fetched (job->item);
  job->outcome = CQ_PAGE_FETCHED;
  if (!check && cq_item_get_full_text_fetched (job->item))
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
  if (job->checking && cq_store_dup_page_validators (self->store, item_id, &etag, &last_modified, NULL))
    {
      options.etag = etag;
      options.last_modified = last_modified;
    }
  cq_fetch_async (self->session, cq_item_get_link (job->item), &options, g_task_get_cancellable (task),
                  full_fetched_cb, g_object_ref (task));
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

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_fetch_full_async);
  fetch_page (self, task, item_id, FALSE);
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

/**
 * cq_sync_engine_check_page_async:
 *
 * Checks a kept statement's page again, with a conditional GET: a page
 * found rewritten keeps its old text as a revision marked
 * %CQ_REVISION_PAGE_CHANGED; a page now missing (404, 410), holding another
 * text, or less than half the statement is marked withdrawn or moved, its
 * text kept.  A statement not kept yet is fetched, as by
 * cq_sync_engine_fetch_full_async().
 */
void
cq_sync_engine_check_page_async (CqSyncEngine        *self,
                                 gint64               item_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CQ_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cq_sync_engine_check_page_async);
  fetch_page (self, task, item_id, TRUE);
}

/**
 * cq_sync_engine_check_page_finish:
 * @outcome: (out) (optional): what the page said
 *
 * Returns: %TRUE, or %FALSE with @error set (the page could not be
 *   reached: nothing was recorded, and it is checked again next time)
 */
gboolean
cq_sync_engine_check_page_finish (CqSyncEngine  *self,
                                  GAsyncResult  *result,
                                  CqPageCheck   *outcome,
                                  GError       **error)
{
  g_autoptr(CqItem) item = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(item = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (outcome != NULL)
    *outcome = ((FullJob *) g_task_get_task_data (G_TASK (result)))->outcome;
  return TRUE;
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
