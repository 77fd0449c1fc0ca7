/* cq-store-queries.c: which items a list shows, as ids in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-store-private.h"
#include "cq-text.h"

/* Queries. */

static char *
build_query_sql (const CqItemQuery *query,
                 char              *fts)
{
  g_autoptr(GString) sql = NULL;

  /* With words to find, the index leads and only its matches are sorted;
   * without, the time index gives the order. */
  if (fts != NULL)
    sql = g_string_new ("SELECT i.id FROM items_fts f JOIN items i ON i.id = f.rowid"
                        " WHERE items_fts MATCH ?2");
  else
    sql = g_string_new ("SELECT i.id FROM items i WHERE 1");

  /* The item open in the reader stays where it is, read or unstarred, until
   * the reader moves on; the filter applies to the rest. */
  if (query->filter == CQ_ITEM_FILTER_UNREAD)
    g_string_append (sql, " AND (i.read = 0 OR i.id = ?3)");
  else if (query->filter == CQ_ITEM_FILTER_STARRED)
    g_string_append (sql, " AND (i.starred = 1 OR i.id = ?3)");
  if (query->source_id != 0)
    g_string_append (sql, " AND i.source_id = ?1");
  g_string_append (sql, " ORDER BY i.sort_time DESC, i.id DESC");
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Every item's id in the list's order, read once (an index-only walk) and
 * kept until items change. */
static gboolean
ensure_order (CqStore  *self,
              GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 version = 0;
  int rc;

  if (!_cq_store_read_data_version (self, &version))
    return _cq_store_set_error (self, error, sqlite3_errcode (self->db), _("search the news"));
  if (self->order != NULL && version == self->order_data_version)
    return TRUE;

  g_clear_pointer (&self->order, g_array_unref);
  if (!(stmt = _cq_store_prepare (self, "SELECT id FROM items ORDER BY sort_time DESC, id DESC", error)))
    return FALSE;
  self->order = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->order_max_id = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (self->order, id);
      self->order_max_id = MAX (self->order_max_id, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&self->order, g_array_unref);
      return _cq_store_set_error (self, error, rc, _("search the news"));
    }
  self->order_data_version = version;
  return TRUE;
}

/* A search over every item: the index finds the matches in its own order
 * (by id), a bit each, and the list's order picks them out, newest first,
 * with nothing sorted.  FALSE with no error: the order is out of date (an
 * id it does not know), to read again. */
static gboolean
search_in_order (CqStore            *self,
                 const CqItemQuery  *query,
                 const char         *fts,
                 GArray             *ids,
                 GError            **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1", error);
  g_autofree guint8 *found = NULL;
  gboolean stale = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  found = g_malloc0 ((gsize) self->order_max_id / 8 + 1);
  _cq_store_bind_text (stmt, 1, fts);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id < 0 || id > self->order_max_id)
        {
          stale = TRUE;
          rc = SQLITE_DONE;
          break;
        }
      found[id / 8] |= 1 << (id % 8);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _cq_store_set_error (self, error, rc, _("search the news"));
  if (stale)
    {
      g_clear_pointer (&self->order, g_array_unref);
      return FALSE;
    }

  for (guint i = 0; i < self->order->len; i++)
    {
      gint64 id = g_array_index (self->order, gint64, i);

      if (found[id / 8] & (1 << (id % 8)))
        {
          g_array_append_val (ids, id);
          if (query->limit > 0 && ids->len >= query->limit)
            break;
        }
    }
  return TRUE;
}

/**
 * cq_store_query_ids:
 * @query: which items, in the list's order (newest first)
 *
 * Only ids are read, so this is cheap even for a hundred thousand items.
 *
 * Returns: (transfer full) (element-type gint64): the ids
 */
GArray *
cq_store_query_ids (CqStore            *self,
                    const CqItemQuery  *query,
                    GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  fts = cq_text_fts_query (query->search);

  /* Words to find in every item, the list's commonest search. */
  if (fts != NULL && query->filter == CQ_ITEM_FILTER_ALL && query->source_id == 0)
    {
      for (guint attempt = 0; attempt < 2; attempt++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!ensure_order (self, error))
            return NULL;
          g_array_set_size (ids, 0);
          if (search_in_order (self, query, fts, ids, &local_error))
            return g_steal_pointer (&ids);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      /* Still out of date after reading it again: the plain query below. */
    }

  sql = build_query_sql (query, fts);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (query->source_id != 0)
        sqlite3_bind_int64 (stmt, 1, query->source_id);
      if (fts != NULL)
        _cq_store_bind_text (stmt, 2, fts);
      sqlite3_bind_int64 (stmt, 3, query->kept_id);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("search the news"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* A read on the reading worker's own connection: @read runs there with
 * @data, and what it returns (freed with @result_free if nobody takes it)
 * is the outer task's result.
 *
 * Every such read catches a list up (its new order after a sync's write,
 * the rest of a long list after its first page, the unread counts) while
 * the window shows what it has, so it runs on a thread that gives way to
 * the window's drawing (cq_store_run_task_in_background()), not on GLib's
 * pool at the window's priority: reading 110,000 ids after a sync took
 * 28 ms of a core in the frames that showed the sync's last statements.
 * Only these reads take the reader's lock, so a read kept waiting keeps
 * nothing but another such read waiting. */
typedef gpointer (*ReadFunc) (CqStore  *reader,
                              gpointer  data,
                              GError  **error);

typedef struct {
  CqStore        *store;   /* held by the outer task */
  ReadFunc        read;
  gpointer        data;
  GDestroyNotify  data_free;
  gpointer        result;
  GDestroyNotify  result_free;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  if (job->result != NULL)
    job->result_free (job->result);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  CqStore *self = job->store;
  GError *error = NULL;
  CqStore *reader;

  g_mutex_lock (&self->reader_lock);
  if ((reader = _cq_store_open_worker_connection (self, &self->reader, &error)) != NULL)
    job->result = job->read (reader, job->data, &error);
  g_mutex_unlock (&self->reader_lock);

  if (job->result != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ReadJob *job = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, g_steal_pointer (&job->result), job->result_free);
}

static void
read_on_worker (CqStore             *self,
                gpointer             source_tag,
                ReadFunc             read,
                gpointer             data,
                GDestroyNotify       data_free,
                GDestroyNotify       result_free,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  ReadJob *job = g_new0 (ReadJob, 1);

  g_task_set_source_tag (outer, source_tag);
  job->store = self;
  job->read = read;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  _cq_store_run_on_own_thread (g_steal_pointer (&outer), job, read_job_free, read_thread, read_done_cb);
}

static gpointer
read_ids (CqStore  *reader,
          gpointer  query,
          GError  **error)
{
  return cq_store_query_ids (reader, query, error);
}

static void
query_free (gpointer data)
{
  CqItemQuery *query = data;

  g_free ((char *) query->search);
  g_free (query);
}

/**
 * cq_store_query_ids_async:
 *
 * Reads as cq_store_query_ids() does, on a worker with a connection of its
 * own, for a list catching up with a large write without holding the
 * window.
 */
void
cq_store_query_ids_async (CqStore             *self,
                          const CqItemQuery   *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  CqItemQuery *copy;

  g_return_if_fail (CQ_IS_STORE (self));
  g_return_if_fail (query != NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->search = g_strdup (query->search);
  read_on_worker (self, cq_store_query_ids_async, read_ids, copy, query_free, (GDestroyNotify) g_array_unref,
                  cancellable, callback, user_data);
}

/**
 * cq_store_query_ids_finish:
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with
 *   @error set
 */
GArray *
cq_store_query_ids_finish (CqStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cq_store_count_unread:
 *
 * Returns: (transfer full) (element-type gint64 guint): each source's
 *   number of unread items (sources with none are absent), or %NULL with
 *   @error set
 */
GHashTable *
cq_store_count_unread (CqStore  *self,
                       GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  if (!(stmt = _cq_store_prepare (self, "SELECT source_id, count(*) FROM items WHERE read = 0 GROUP BY source_id",
                                  error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, id, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("count the unread news"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

static gpointer
read_counts (CqStore  *reader,
             gpointer  data,
             GError  **error)
{
  return cq_store_count_unread (reader, error);
}

/**
 * cq_store_count_unread_async:
 *
 * Counts as cq_store_count_unread() does, on the reading worker, so that a
 * count over a large store after a sync's write does not hold the window.
 */
void
cq_store_count_unread_async (CqStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CQ_IS_STORE (self));

  read_on_worker (self, cq_store_count_unread_async, read_counts, NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                  cancellable, callback, user_data);
}

/**
 * cq_store_count_unread_finish:
 *
 * Returns: (transfer full) (element-type gint64 guint): as
 *   cq_store_count_unread(), or %NULL with @error set
 */
GHashTable *
cq_store_count_unread_finish (CqStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cq_store_get_n_loaded_items:
 *
 * For tests and benchmarks: how many items are held in memory now.
 *
 * Returns: the number of items handed out and still alive
 */
guint
cq_store_get_n_loaded_items (CqStore *self)
{
  g_return_val_if_fail (CQ_IS_STORE (self), 0);
  return g_hash_table_size (self->live_items);
}

