/* cq-store-checkpoint.c: the write-ahead log copied into the file on a
 * worker, after the write that grew it
 *
 * SQLite's own rule copies the log into the database (a checkpoint) inside
 * the commit that takes it past a thousand pages: the commit of a sync's
 * thousands of items waited for it (two fsyncs, 70 to 100 ms of the first
 * sync's write), and a small commit on the window's connection just after
 * a sync could land the whole copy on the main thread.  Every connection
 * of a store instead tells a checkpointer, shared by them, which copies the
 * log on a worker with a connection of its own, while the others go on:
 * a passive checkpoint waits for no reader and no writer.
 *
 * The checkpointer is reference-counted and holds no store, so a store may
 * be finalized while a checkpoint runs; the last reference, on whichever
 * thread, closes its connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gstdio.h>

#include "cq-store-private.h"

/* SQLite's own threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT): a thousand
 * pages of log, 16 MB in a file the store made (CQ_STORE_PAGE_SIZE), 4 in
 * one made with SQLite's default pages. */
#define CHECKPOINT_PAGES 1000
#define BUSY_TIMEOUT_MS  5000

struct _CqCheckpointer
{
  gatomicrefcount  ref_count;
  GMutex           lock;     /* one checkpoint at a time, on db */
  char            *path;
  sqlite3         *db;       /* opened by the first checkpoint */
  int              pending;  /* atomic: a checkpoint is asked for and not begun */
  int              done;     /* atomic: checkpoints run, for tests */
  int              page_size;  /* atomic: the file's, as the store found it */
};

CqCheckpointer *
_cq_checkpointer_new (const char *path)
{
  CqCheckpointer *self = g_new0 (CqCheckpointer, 1);

  self->page_size = 4096;

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->path = g_strdup (path);
  return self;
}

CqCheckpointer *
_cq_checkpointer_ref (CqCheckpointer *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
_cq_checkpointer_unref (CqCheckpointer *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

static void
checkpoint_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CqCheckpointer *self = task_data;
  int rc = SQLITE_OK;
  int n_log = -1, n_copied = -1;

  g_mutex_lock (&self->lock);
  /* Asked for again from here on: another checkpoint follows this one. */
  g_atomic_int_set (&self->pending, 0);
  if (self->db == NULL)
    {
      /* Never created here: a file set aside or removed meanwhile is not
       * made again, empty. */
      rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
      if (rc == SQLITE_OK)
        sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      /* A connection learns the file is in WAL mode when it first reads
       * it; until then it has no log to copy. */
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, "PRAGMA journal_mode", NULL, NULL, NULL);
      /* Opened again by the next checkpoint asked for. */
      if (rc != SQLITE_OK)
        g_clear_pointer (&self->db, sqlite3_close_v2);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
  /* Busy: another program's checkpoint holds the log; the next commit
   * that leaves it long asks again. */
  if (rc == SQLITE_OK && n_log >= 0)
    g_atomic_int_inc (&self->done);
  else
    g_debug ("No checkpoint of %s: %s", self->path,
             rc != SQLITE_OK ? sqlite3_errstr (rc) : "the file is not in WAL mode");
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

/* Asks for a checkpoint on a thread of its own, unless one is asked for
 * already; from any thread. */
void
_cq_checkpointer_request (CqCheckpointer *self)
{
  g_autoptr(GTask) task = NULL;

  if (!g_atomic_int_compare_and_exchange (&self->pending, 0, 1))
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _cq_checkpointer_request);
  g_task_set_task_data (task, _cq_checkpointer_ref (self), (GDestroyNotify) _cq_checkpointer_unref);
  /* At a background thread's priority: the copy after a sync's write
   * (16 MB and more, read and written again) came while the list showed
   * the sync's items, on a core the window's drawing needed. */
  cq_store_run_task_in_background (task, checkpoint_thread);
}

/* How many checkpoints have run to their end, for tests. */
guint
_cq_checkpointer_get_done (CqCheckpointer *self)
{
  return (guint) g_atomic_int_get (&self->done);
}

/* The page size of the file, once the store has opened it: a log's
 * length on disk is its pages times that. */
void
_cq_checkpointer_set_page_size (CqCheckpointer *self,
                                int             page_size)
{
  if (page_size > 0)
    g_atomic_int_set (&self->page_size, page_size);
}

/* A log left long by the last run (closed before its copy was made) is
 * copied now, on a worker, rather than read through until the next long
 * commit. */
void
_cq_checkpointer_request_if_long (CqCheckpointer *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf info;

  if (g_stat (wal, &info) == 0 && info.st_size >= (goffset) CHECKPOINT_PAGES * g_atomic_int_get (&self->page_size))
    _cq_checkpointer_request (self);
}

static int
wal_hook (void       *data,
          sqlite3    *db,
          const char *name,
          int         n_pages)
{
  if (n_pages >= CHECKPOINT_PAGES)
    _cq_checkpointer_request (data);
  return SQLITE_OK;
}

/* Instead of SQLite's checkpoint inside the commit, @db's commits that
 * leave the log long ask @self for one.  @self must outlive @db. */
void
_cq_checkpointer_watch (CqCheckpointer *self,
                        sqlite3        *db)
{
  sqlite3_wal_hook (db, wal_hook, self);
}
