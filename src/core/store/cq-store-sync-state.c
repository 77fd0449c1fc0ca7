/* cq-store-sync-state.c: when each source was last synced, and how it went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-store-private.h"

/* Sync state. */

void
cq_sync_state_free (CqSyncState *state)
{
  if (state == NULL)
    return;
  g_free (state->etag);
  g_free (state->last_modified);
  g_free (state->content_hash);
  g_free (state->last_error);
  g_free (state);
}

static CqSyncState *
sync_state_copy (const CqSyncState *state)
{
  CqSyncState *copy = g_memdup2 (state, sizeof *state);

  copy->etag = g_strdup (state->etag);
  copy->last_modified = g_strdup (state->last_modified);
  copy->content_hash = g_strdup (state->content_hash);
  copy->last_error = g_strdup (state->last_error);
  return copy;
}

/**
 * cq_store_dup_sync_state:
 *
 * Returns: (transfer full): what the last sync of the source left, all
 *   empty for a source never synced
 */
CqSyncState *
cq_store_dup_sync_state (CqStore  *self,
                         gint64    source_id,
                         GError  **error)
{
  g_autoptr(CqSyncState) state = g_new0 (CqSyncState, 1);
  g_autoptr(CqSource) source = NULL;
  const CqSyncState *deferred;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  if (!(source = cq_store_dup_source (self, source_id, error)))
    return NULL;
  if (self->deferred_states != NULL && (deferred = g_hash_table_lookup (self->deferred_states, &source_id)))
    return sync_state_copy (deferred);

  stmt = _cq_store_prepare (self,
                            "SELECT etag, last_modified, content_hash, last_attempt, last_success,"
                            " last_error, failures, next_due FROM sync_state WHERE source_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->etag = g_strdup (_cq_store_column_text (stmt, 0));
      state->last_modified = g_strdup (_cq_store_column_text (stmt, 1));
      state->content_hash = g_strdup (_cq_store_column_text (stmt, 2));
      state->last_attempt = sqlite3_column_int64 (stmt, 3);
      state->last_success = sqlite3_column_int64 (stmt, 4);
      state->last_error = g_strdup (_cq_store_column_text (stmt, 5));
      state->failures = sqlite3_column_int (stmt, 6);
      state->next_due = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("read the sync state"));
      return NULL;
    }

  return g_steal_pointer (&state);
}

static gboolean
write_sync_state (CqStore            *self,
                  gint64              source_id,
                  const CqSyncState  *state,
                  GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _cq_store_prepare (self,
                            "INSERT OR REPLACE INTO sync_state (source_id, etag, last_modified,"
                            " content_hash, last_attempt, last_success, last_error, failures, next_due)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  _cq_store_bind_text (stmt, 2, state->etag);
  _cq_store_bind_text (stmt, 3, state->last_modified);
  _cq_store_bind_text (stmt, 4, state->content_hash);
  sqlite3_bind_int64 (stmt, 5, state->last_attempt);
  sqlite3_bind_int64 (stmt, 6, state->last_success);
  _cq_store_bind_text (stmt, 7, state->last_error);
  sqlite3_bind_int (stmt, 8, state->failures);
  sqlite3_bind_int64 (stmt, 9, state->next_due);

  return _cq_store_step_done (self, stmt, N_("save the sync state"), error);
}

/**
 * cq_store_set_sync_state:
 *
 * Saves how a sync of the source went.  While one of this store's own
 * writes runs on a worker (another source's sync, holding the file), the
 * state is kept, cq_store_dup_sync_state() gives it, and it is written
 * when the last of those writes ends: a source whose document had not
 * changed does not wait for a large one's write.
 */
gboolean
cq_store_set_sync_state (CqStore            *self,
                         gint64              source_id,
                         const CqSyncState  *state,
                         GError            **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (self->background_writes > 0)
    {
      g_autoptr(CqSource) source = cq_store_dup_source (self, source_id, error);

      if (source == NULL)
        return FALSE;
      if (self->deferred_states == NULL)
        self->deferred_states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) cq_sync_state_free);
      g_hash_table_replace (self->deferred_states, g_memdup2 (&source_id, sizeof source_id),
                            sync_state_copy (state));
    }
  else if (!write_sync_state (self, source_id, state, error))
    return FALSE;

  _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return TRUE;
}

/* Into the transaction _cq_store_write_deferred() holds. */
gboolean
_cq_store_write_deferred_states (CqStore  *self,
                                 GError  **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->deferred_states == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->deferred_states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(CqSource) source = cq_store_dup_source (self, *(gint64 *) key, NULL);

      /* A source removed meanwhile has no state to keep. */
      if (source != NULL && !write_sync_state (self, *(gint64 *) key, value, error))
        return FALSE;
    }
  return TRUE;
}
