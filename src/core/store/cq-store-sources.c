/* cq-store-sources.c: the sources the user follows, and their profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-item-private.h"
#include "cq-source-private.h"
#include "cq-store-private.h"
#include "cq-text.h"

/* Sources. */

static gint64
insert_source (CqStore    *self,
               CqProfile  *profile,
               GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = _cq_store_prepare (self,
                            "INSERT INTO sources (key, profile_name, profile, created)"
                            " VALUES (?1, ?2, ?3, unixepoch ())",
                            error);
  if (stmt == NULL)
    return 0;

  data = cq_profile_to_data (profile);
  _cq_store_bind_text (stmt, 1, cq_profile_get_id (profile));
  _cq_store_bind_text (stmt, 2, cq_profile_get_name (profile));
  _cq_store_bind_text (stmt, 3, data);

  if (!_cq_store_step_done (self, stmt, N_("add the source"), &local_error))
    {
      if (g_error_matches (local_error, CQ_STORE_ERROR, CQ_STORE_ERROR_EXISTS))
        {
          g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_EXISTS,
                       _("A source with the id “%s” is already stored."),
                       cq_profile_get_id (profile));
          return 0;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * cq_store_add_source:
 * @profile: what the source is
 *
 * Returns: the new source's id, or 0 with @error set (%CQ_STORE_ERROR_EXISTS
 *   when a source with the profile's id is already stored)
 */
gint64
cq_store_add_source (CqStore    *self,
                     CqProfile  *profile,
                     GError    **error)
{
  gint64 id;

  g_return_val_if_fail (CQ_IS_STORE (self), 0);
  g_return_val_if_fail (CQ_IS_PROFILE (profile), 0);

  if (!(id = insert_source (self, profile, error)))
    return 0;
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return id;
}

/**
 * cq_store_add_sources:
 * @profiles: (element-type CqProfile): the sources to add, each with an id
 *   of its own
 *
 * Adds them all or none: one transaction, so that an import stopped half
 * way (a full disk, a duplicate) leaves the store as it was, and one write
 * to the disk for thousands of sources.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing added
 */
gboolean
cq_store_add_sources (CqStore    *self,
                      GPtrArray  *profiles,
                      GError    **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (profiles != NULL, FALSE);

  if (profiles->len == 0)
    return TRUE;
  if (!_cq_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < profiles->len; i++)
    if (!insert_source (self, g_ptr_array_index (profiles, i), error))
      {
        _cq_store_rollback (self);
        return FALSE;
      }
  if (!_cq_store_commit (self, error))
    {
      _cq_store_rollback (self);
      return FALSE;
    }
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return TRUE;
}

/**
 * cq_store_remove_source:
 *
 * Removes the source with all of its items.
 */
gboolean
cq_store_remove_source (CqStore  *self,
                        gint64    source_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  stmt = _cq_store_prepare (self, "DELETE FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_cq_store_step_done (self, stmt, N_("remove the source"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return _cq_store_not_found (error, CQ_STORE_KIND_SOURCE, source_id);

  /* Its id may be given again to a source added later. */
  g_hash_table_remove (self->home_zones, &source_id);
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES | CQ_STORE_CHANGE_ITEMS);
  return TRUE;
}

static gboolean
key_taken (CqStore    *self,
           const char *key)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, "SELECT 1 FROM sources WHERE key = ?1", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  _cq_store_bind_text (stmt, 1, key);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

/**
 * cq_store_make_source_id:
 * @url: the source's address
 * @reserved: (nullable) (element-type utf8 utf8): ids given out already
 *   for sources not stored yet
 *
 * "news.example.org/en/feed.xml" becomes "news-example-org-en-feed-xml",
 * with "-2", "-3", … when the store has that id already.
 *
 * Returns: (transfer full): a profile id no stored source has
 */
char *
cq_store_make_source_id (CqStore    *self,
                         const char *url,
                         GHashTable *reserved)
{
  g_autoptr(GString) id = g_string_new (NULL);
  const char *start;
  g_autofree char *candidate = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  start = strstr (url, "://");
  for (const char *p = start != NULL ? start + 3 : url; *p && id->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "source");

  /* One indexed look-up per candidate, not a read of every profile: an
   * import of thousands of sources stays linear. */
  candidate = g_strdup (id->str);
  for (guint n = 2; key_taken (self, candidate) || (reserved != NULL && g_hash_table_contains (reserved, candidate)); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", id->str, n);
    }
  return g_steal_pointer (&candidate);
}

static gboolean
update_source (CqStore     *self,
               const char  *sql,
               gint64       source_id,
               const char  *text,
               int          number,
               GError     **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (text != NULL)
    _cq_store_bind_text (stmt, 2, text);
  else
    sqlite3_bind_int (stmt, 2, number);
  if (!_cq_store_step_done (self, stmt, N_("save the source"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return _cq_store_not_found (error, CQ_STORE_KIND_SOURCE, source_id);

  _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return TRUE;
}

/**
 * cq_store_set_source_enabled:
 *
 * A disabled source keeps its items but is not synced.
 */
gboolean
cq_store_set_source_enabled (CqStore   *self,
                             gint64     source_id,
                             gboolean   enabled,
                             GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return update_source (self, "UPDATE sources SET enabled = ?2 WHERE id = ?1",
                        source_id, NULL, !!enabled, error);
}

/**
 * cq_store_set_source_keep_full:
 * @keep_full: whether the full statement behind each item is fetched and
 *   kept after each sync
 */
gboolean
cq_store_set_source_keep_full (CqStore   *self,
                               gint64     source_id,
                               gboolean   keep_full,
                               GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return update_source (self, "UPDATE sources SET keep_full = ?2 WHERE id = ?1",
                        source_id, NULL, !!keep_full, error);
}

/**
 * cq_store_rename_source:
 * @name: (nullable): the user's name for it, or %NULL for the profile's
 */
gboolean
cq_store_rename_source (CqStore     *self,
                        gint64       source_id,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *short_name = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (name == NULL || *name == '\0')
    return update_source (self, "UPDATE sources SET custom_name = NULL WHERE id = ?1 AND ?2 = 0",
                          source_id, NULL, 0, error);
  short_name = cq_text_shorten (name, CQ_TEXT_MAX_NAME_CHARS);
  return update_source (self, "UPDATE sources SET custom_name = ?2 WHERE id = ?1",
                        source_id, short_name, 0, error);
}

/* Only a new profile can move a source's zone: items of it already handed
 * out follow, and the next read finds the new one. */
static void
forget_home_zone (CqStore *self,
                  gint64   source_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove (self->home_zones, &source_id);
  g_hash_table_iter_init (&iter, self->live_items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (cq_item_get_source_id (value) == source_id)
      _cq_item_set_home_zone (value, _cq_store_get_home_zone (self, source_id));
}

/**
 * cq_store_set_source_profile:
 *
 * Replaces the source's profile, as when its feed has moved for good; the
 * profile's id must stay the same.
 */
gboolean
cq_store_set_source_profile (CqStore    *self,
                             gint64      source_id,
                             CqProfile  *profile,
                             GError    **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (CQ_IS_PROFILE (profile), FALSE);

  data = cq_profile_to_data (profile);
  if (!update_source (self, "UPDATE sources SET profile = ?2 WHERE id = ?1", source_id, data, 0, error))
    return FALSE;
  forget_home_zone (self, source_id);
  return TRUE;
}

/* The columns source_from_row() reads: the source with its last error,
 * and whether that sync failed (a document read in part did not). */
#define SOURCE_SELECT \
  "SELECT s.id, s.profile, s.custom_name, s.enabled, st.last_error, s.keep_full," \
  " COALESCE (st.failures, 0) > 0 FROM sources s" \
  " LEFT JOIN sync_state st ON st.source_id = s.id"

/* A row whose profile cannot be read (a damaged file, an older version's)
 * is said once on stderr and read as a stand-in: listed, turned off, so
 * that it can be seen and removed, never synced unless the user turns it
 * on, and then it fails in words. */
static CqSource *
source_from_row (CqStore      *self,
                 sqlite3_stmt *stmt)
{
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  CqSource *source;

  profile = cq_profile_new_from_data (_cq_store_column_text (stmt, 1), -1, &local_error);
  if (profile == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *key = g_strdup_printf ("unreadable-%" G_GINT64_FORMAT, id);
      g_autofree char *name = g_strdup_printf (_("Unreadable source %s (remove it and add it again)"), number);

      if (g_hash_table_add (self->reported_unreadable, g_memdup2 (&id, sizeof id)))
        g_message (_("The stored source %s cannot be read: %s"), number, local_error->message);
      profile = cq_profile_new_for_feed (key, name, NULL, "https://unreadable.invalid/", "rss");
      g_assert (profile != NULL);  /* made here, from a fixed address */
      return cq_source_new (id, profile, NULL, FALSE);
    }

  source = cq_source_new (id, profile, _cq_store_column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  _cq_source_set_last_error (source, _cq_store_column_text (stmt, 4), sqlite3_column_int (stmt, 6));
  _cq_source_set_keep_full (source, sqlite3_column_int (stmt, 5));
  return source;
}

/**
 * cq_store_dup_sources:
 *
 * Returns: (transfer full) (element-type CqSource): every source, in the
 *   order they were added
 */
GPtrArray *
cq_store_dup_sources (CqStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  stmt = _cq_store_prepare (self, SOURCE_SELECT " ORDER BY s.id", error);
  if (stmt == NULL)
    return NULL;

  /* One row that cannot be read must not hide the others, or stop them
   * syncing. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (self, stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("read the sources"));
      return NULL;
    }

  return g_steal_pointer (&sources);
}

/**
 * cq_store_dup_source:
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
CqSource *
cq_store_dup_source (CqStore  *self,
                     gint64    source_id,
                     GError  **error)
{
  sqlite3_stmt *stmt;
  CqSource *source;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  stmt = _cq_store_prepare (self, SOURCE_SELECT " WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _cq_store_not_found (error, CQ_STORE_KIND_SOURCE, source_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _cq_store_set_error (self, error, rc, _("read the source"));
      return NULL;
    }

  source = source_from_row (self, stmt);
  sqlite3_reset (stmt);
  return source;
}

/* Items of a source that is gone (or cannot be read) are dated in the
 * computer's zone. */
GTimeZone *
_cq_store_get_home_zone (CqStore *self,
                         gint64   source_id)
{
  GTimeZone *zone = g_hash_table_lookup (self->home_zones, &source_id);

  if (zone == NULL)
    {
      g_autoptr(CqSource) source = cq_store_dup_source (self, source_id, NULL);

      zone = source != NULL ? g_time_zone_ref (cq_profile_get_time_zone (cq_source_get_profile (source)))
                            : g_time_zone_new_local ();
      g_hash_table_insert (self->home_zones, g_memdup2 (&source_id, sizeof source_id), zone);
    }
  return zone;
}
