/* cq-store-pages.c: statement pages kept for the record
 *
 * The full statement behind an item is kept beside the feed's text, with
 * the validators its page came with, so that checking it again costs a
 * 304 when nothing changed.  A page found rewritten keeps its old text as a
 * revision marked as the page's own change; a page found withdrawn or
 * moved is dated, and its last text stays: never an edit to empty text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-store-private.h"

/* Steps an UPDATE of one item (bound already); a live item follows it
 * when @notify. */
static gboolean
step_item_update (CqStore       *self,
                  sqlite3_stmt  *stmt,
                  gint64         item_id,
                  const char    *doing,
                  gboolean       notify,
                  GError       **error)
{
  if (!_cq_store_step_done (self, stmt, doing, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return _cq_store_not_found (error, CQ_STORE_KIND_ITEM, item_id);
  if (notify)
    {
      _cq_store_refresh_live_item (self, item_id);
      _cq_store_emit_changed (self, CQ_STORE_CHANGE_ITEMS);
    }
  return TRUE;
}

/* Items of a source (?1, or 0 for all) first stored since ?3, newest
 * first, at most ?2 of them. */
static GArray *
query_pages (CqStore     *self,
             const char  *sql,
             gint64       source_id,
             gint64       first_seen_since,
             guint        limit,
             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _cq_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, first_seen_since);
  if (!_cq_store_step_ids (self, stmt, ids, _("read the items"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * cq_store_query_missing_full_text:
 * @source_id: a source, or 0 for all
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type gint64): the items with a link
 *   whose full statement is not stored (and whose page was not found gone),
 *   newest first, or %NULL with @error set
 */
GArray *
cq_store_query_missing_full_text (CqStore  *self,
                                  gint64    source_id,
                                  guint     limit,
                                  GError  **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  return query_pages (self, "SELECT id FROM items WHERE full_content IS NULL AND link IS NOT NULL"
                            " AND page_gone IS NULL AND first_seen >= ?3 AND (?1 = 0 OR source_id = ?1)"
                            " ORDER BY sort_time DESC, id DESC LIMIT ?2",
                      source_id, 0, limit, error);
}

/**
 * cq_store_set_full_text:
 * @content: the full statement as sanitised HTML
 *
 * Keeps the statement fetched from the item's page beside the text the feed
 * gave, so that syncing the feed again does not replace it.
 */
gboolean
cq_store_set_full_text (CqStore     *self,
                        gint64       item_id,
                        const char  *content,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  stmt = _cq_store_prepare (self, "UPDATE items SET full_content = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  _cq_store_bind_text (stmt, 1, content);
  sqlite3_bind_int64 (stmt, 2, item_id);
  return step_item_update (self, stmt, item_id, N_("save the full statement"), TRUE, error);
}

/**
 * cq_store_query_pages_to_check:
 * @source_id: a source, or 0 for all
 * @first_seen_since: Unix seconds: only items first stored since then
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type gint64): the items whose full
 *   statement is stored and whose page is not known to be gone, first
 *   stored since @first_seen_since, newest first; %NULL with @error set
 */
GArray *
cq_store_query_pages_to_check (CqStore  *self,
                               gint64    source_id,
                               gint64    first_seen_since,
                               guint     limit,
                               GError  **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  return query_pages (self, "SELECT id FROM items WHERE full_content IS NOT NULL AND link IS NOT NULL"
                            " AND page_gone IS NULL AND first_seen >= ?3 AND (?1 = 0 OR source_id = ?1)"
                            " ORDER BY sort_time DESC, id DESC LIMIT ?2",
                      source_id, first_seen_since, limit, error);
}

/**
 * cq_store_dup_item_link:
 *
 * Returns: (transfer full) (nullable): the item's link, read alone; %NULL
 *   when it has none, or with @error set when there is no such item
 */
char *
cq_store_dup_item_link (CqStore  *self,
                        gint64    item_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  char *link = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  if (!(stmt = _cq_store_prepare (self, "SELECT link FROM items WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_item_row (self, stmt, item_id, error))
    return NULL;
  link = g_strdup (_cq_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return link;
}

/**
 * cq_store_dup_page_validators:
 * @etag: (out) (optional) (transfer full) (nullable): the page's ETag
 * @last_modified: (out) (optional) (transfer full) (nullable): its Last-Modified
 *
 * Returns: %TRUE, or %FALSE with @error set (no such item)
 */
gboolean
cq_store_dup_page_validators (CqStore  *self,
                              gint64    item_id,
                              char    **etag,
                              char    **last_modified,
                              GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (!(stmt = _cq_store_prepare (self, "SELECT page_etag, page_last_modified FROM items WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_item_row (self, stmt, item_id, error))
    return FALSE;
  if (etag != NULL)
    *etag = g_strdup (_cq_store_column_text (stmt, 0));
  if (last_modified != NULL)
    *last_modified = g_strdup (_cq_store_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * cq_store_set_page_validators:
 * @etag: (nullable): the ETag the statement's page came with
 * @last_modified: (nullable): its Last-Modified
 *
 * Remembers them for a conditional GET when the page is checked again.
 */
gboolean
cq_store_set_page_validators (CqStore     *self,
                              gint64       item_id,
                              const char  *etag,
                              const char  *last_modified,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (!(stmt = _cq_store_prepare (self, "UPDATE items SET page_etag = ?2, page_last_modified = ?3 WHERE id = ?1",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  _cq_store_bind_text (stmt, 2, etag);
  _cq_store_bind_text (stmt, 3, last_modified);
  return step_item_update (self, stmt, item_id, N_("save the full statement"), FALSE, error);
}

static gboolean
replace_page_text (CqStore     *self,
                   gint64       item_id,
                   const char  *content,
                   gint64       now,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *old = NULL;

  if (!(stmt = _cq_store_prepare (self, "SELECT title, summary, full_content FROM items WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_item_row (self, stmt, item_id, error))
    return FALSE;
  title = g_strdup (_cq_store_column_text (stmt, 0));
  summary = g_strdup (_cq_store_column_text (stmt, 1));
  old = g_strdup (_cq_store_column_text (stmt, 2));
  sqlite3_reset (stmt);

  if (old != NULL &&
      !_cq_store_keep_revision (self, item_id, title, summary, old, now, CQ_REVISION_PAGE_CHANGED, error))
    return FALSE;

  /* Changed text is news, as a feed's edit is. */
  if (!(stmt = _cq_store_prepare (self, self->edits_unread
                                        ? "UPDATE items SET full_content = ?2, page_gone = NULL, read = 0, read_at = NULL WHERE id = ?1"
                                        : "UPDATE items SET full_content = ?2, page_gone = NULL WHERE id = ?1",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  _cq_store_bind_text (stmt, 2, content);
  return _cq_store_step_done (self, stmt, N_("save the full statement"), error);
}

/**
 * cq_store_record_page_change:
 * @content: the statement as its page now has it, sanitised HTML
 *
 * The statement's page was found rewritten: the text stored so far becomes
 * a revision marked %CQ_REVISION_PAGE_CHANGED, all or nothing.
 */
gboolean
cq_store_record_page_change (CqStore     *self,
                             gint64       item_id,
                             const char  *content,
                             GError     **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  if (!_cq_store_begin (self, error))
    return FALSE;
  if (!replace_page_text (self, item_id, content, g_get_real_time () / G_USEC_PER_SEC, error) ||
      !_cq_store_commit (self, error))
    {
      _cq_store_rollback (self);
      return FALSE;
    }
  _cq_store_refresh_live_item (self, item_id);
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_ITEMS);
  return TRUE;
}

/**
 * cq_store_set_page_gone:
 * @when: Unix seconds when the page was found withdrawn or moved, or 0 when
 *   it is there again
 *
 * The text stays as it was last seen.
 */
gboolean
cq_store_set_page_gone (CqStore  *self,
                        gint64    item_id,
                        gint64    when,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (!(stmt = _cq_store_prepare (self, "UPDATE items SET page_gone = NULLIF (?2, 0) WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, when);
  return step_item_update (self, stmt, item_id, N_("save the item"), TRUE, error);
}
