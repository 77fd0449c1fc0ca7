/* cq-store-items.c: items, their flags, one-transaction upserts and revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-item-private.h"
#include "cq-store-private.h"
#include "cq-text.h"

/* Items. */

#define ITEM_COLUMNS \
  "i.id, i.source_id, COALESCE (s.custom_name, s.profile_name), i.guid, i.title, i.link," \
  " i.published, i.published_is_date, i.updated, i.summary," \
  " COALESCE (i.full_content, i.content), i.author, i.first_seen, i.read, i.starred," \
  " i.full_content IS NOT NULL," \
  " (SELECT count(*) FROM revisions r WHERE r.item_id = i.id), i.page_gone"

/* A read or starred mark the window gave while a sync's write held the
 * file (see set_flag()): -1 where it gave none. */
typedef struct {
  gint8 read;
  gint8 starred;
} DeferredFlags;

static void
fill_item (CqItem              *item,
           sqlite3_stmt        *stmt,
           const DeferredFlags *deferred)
{
  g_autoptr(GDateTime) published = _cq_store_column_time (stmt, 6);
  g_autoptr(GDateTime) updated = _cq_store_column_time (stmt, 8);
  g_autoptr(GDateTime) first_seen = _cq_store_column_time (stmt, 12);
  g_autoptr(GDateTime) page_gone = _cq_store_column_time (stmt, 17);

  g_object_freeze_notify (G_OBJECT (item));
  _cq_item_set_stored (item, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                       _cq_store_column_text (stmt, 2), first_seen);
  cq_item_set_title (item, _cq_store_column_text (stmt, 4));
  cq_item_set_link (item, _cq_store_column_text (stmt, 5));
  cq_item_set_published (item, published);
  cq_item_set_published_is_date (item, sqlite3_column_int (stmt, 7));
  cq_item_set_updated (item, updated);
  cq_item_set_summary (item, _cq_store_column_text (stmt, 9));
  cq_item_set_content (item, _cq_store_column_text (stmt, 10));
  cq_item_set_author (item, _cq_store_column_text (stmt, 11));
  _cq_item_set_read (item, sqlite3_column_int (stmt, 13));
  _cq_item_set_starred (item, sqlite3_column_int (stmt, 14));
  _cq_item_set_full_text_fetched (item, sqlite3_column_int (stmt, 15));
  _cq_item_set_revision_count (item, sqlite3_column_int (stmt, 16));
  _cq_item_set_page_gone (item, page_gone);
  if (deferred != NULL && deferred->read >= 0)
    _cq_item_set_read (item, deferred->read);
  if (deferred != NULL && deferred->starred >= 0)
    _cq_item_set_starred (item, deferred->starred);
  g_object_thaw_notify (G_OBJECT (item));
}

static CqItem *
lookup_live_item (CqStore *self,
                  gint64   item_id)
{
  return g_hash_table_lookup (self->live_items, &item_id);
}

static void
remember_live_item (CqStore *self,
                    CqItem  *item)
{
  gint64 *key = g_new (gint64, 1);

  *key = cq_item_get_id (item);
  g_hash_table_insert (self->live_items, key, item);
  g_object_weak_ref (G_OBJECT (item), _cq_store_forget_live_item, self);
}

/* The item of the row @stmt is on: the one already handed out, brought
 * up to date, or a new one. */
static CqItem *
item_from_row (CqStore      *self,
               sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  CqItem *live = lookup_live_item (self, id);
  CqItem *item = live != NULL ? g_object_ref (live) : cq_item_new (_cq_store_column_text (stmt, 3));

  fill_item (item, stmt, self->deferred_flags != NULL ? g_hash_table_lookup (self->deferred_flags, &id) : NULL);
  _cq_item_set_home_zone (item, _cq_store_get_home_zone (self, cq_item_get_source_id (item)));
  if (live == NULL)
    remember_live_item (self, item);
  return item;
}

/* Loads the row into a new item, or into the item already handed out. */
static CqItem *
load_item (CqStore  *self,
           gint64    item_id,
           gboolean  refresh_only,
           GError  **error)
{
  sqlite3_stmt *stmt;
  CqItem *item;

  if (refresh_only && lookup_live_item (self, item_id) == NULL)
    return NULL;

  stmt = _cq_store_prepare (self,
                            "SELECT " ITEM_COLUMNS " FROM items i JOIN sources s ON s.id = i.source_id"
                            " WHERE i.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_item_row (self, stmt, item_id, error))
    return NULL;

  item = item_from_row (self, stmt);
  sqlite3_reset (stmt);
  return item;
}

/**
 * cq_store_dup_item:
 *
 * While the caller holds the item, the store keeps it up to date.
 *
 * Returns: (transfer full): the item, or %NULL with @error set
 */
CqItem *
cq_store_dup_item (CqStore  *self,
                   gint64    item_id,
                   GError  **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  return load_item (self, item_id, FALSE, error);
}

/**
 * cq_store_dup_loaded_item:
 *
 * The item as someone holds it already, without reading the file: the
 * store keeps such an item up to date (its own writes, its workers', and
 * other programs' it follows).
 *
 * Returns: (transfer full) (nullable): the item, or %NULL when nobody
 *   holds it
 */
CqItem *
cq_store_dup_loaded_item (CqStore *self,
                          gint64   item_id)
{
  CqItem *item;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  item = lookup_live_item (self, item_id);
  return item != NULL ? g_object_ref (item) : NULL;
}

/* How many items one statement reads: a screenful of rows and more. */
#define ITEMS_AT_ONCE 64
#define EIGHT_PARAMS "?,?,?,?,?,?,?,?"

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static CqItem *
item_from_row_frozen (CqStore      *self,
                      sqlite3_stmt *stmt)
{
  CqItem *live = lookup_live_item (self, sqlite3_column_int64 (stmt, 0));
  CqItem *item;

  if (live != NULL)
    g_object_freeze_notify (G_OBJECT (live));
  item = item_from_row (self, stmt);
  if (live == NULL)
    g_object_freeze_notify (G_OBJECT (item));
  return item;
}

/* Reads up to ITEMS_AT_ONCE items into @out, in the order of @ids. */
static gboolean
read_items (CqStore       *self,
            const gint64  *ids,
            guint          n_ids,
            CqItem       **out,
            GError       **error)
{
  sqlite3_stmt *stmt;
  CqItem *read[ITEMS_AT_ONCE];
  guint n_read = 0;
  int rc;

  g_assert (n_ids <= ITEMS_AT_ONCE);

  /* Parameters left unbound are NULL, which no id is. */
  stmt = _cq_store_prepare (self,
                            "SELECT " ITEM_COLUMNS " FROM items i JOIN sources s ON s.id = i.source_id"
                            " WHERE i.id IN (" EIGHT_PARAMS "," EIGHT_PARAMS "," EIGHT_PARAMS "," EIGHT_PARAMS ","
                            EIGHT_PARAMS "," EIGHT_PARAMS "," EIGHT_PARAMS "," EIGHT_PARAMS ")",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, i + 1, ids[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CqItem *item = NULL;

      for (guint i = 0; i < n_ids; i++)
        if (ids[i] == id)
          {
            if (item == NULL)
              {
                /* An item already shown says what changed once the
                 * statement is done: a handler may read the store. */
                item = read[n_read++] = item_from_row_frozen (self, stmt);
              }
            else
              g_object_ref (item);
            out[i] = item;
          }
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < n_read; i++)
    g_object_thaw_notify (G_OBJECT (read[i]));
  if (rc != SQLITE_DONE)
    return _cq_store_set_error (self, error, rc, _("read the items"));
  return TRUE;
}

/**
 * cq_store_dup_items:
 * @ids: (array length=n_ids): the items to read
 *
 * Reads many items at once, as a list binding a screenful of rows needs
 * them: one query for 64 items instead of one each.  While the caller
 * holds them, the store keeps them up to date.
 *
 * Returns: (transfer full) (element-type CqItem): the items in the order
 *   of @ids, %NULL in the place of an id no longer stored; or %NULL with
 *   @error set
 */
GPtrArray *
cq_store_dup_items (CqStore       *self,
                    const gint64  *ids,
                    guint          n_ids,
                    GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  items = g_ptr_array_new_full (n_ids, unref_item);
  g_ptr_array_set_size (items, n_ids);
  for (guint start = 0; start < n_ids; start += ITEMS_AT_ONCE)
    if (!read_items (self, ids + start, MIN (ITEMS_AT_ONCE, n_ids - start),
                     (CqItem **) items->pdata + start, error))
      return NULL;
  return g_steal_pointer (&items);
}

/**
 * cq_store_find_item_by_link:
 * @link: a statement's address, with or without a slash at its end
 *
 * Returns: the id of the newest stored item with that link, 0 when there
 *   is none, or -1 with @error set
 */
gint64
cq_store_find_item_by_link (CqStore     *self,
                            const char  *link,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *other = NULL;
  gsize len;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), -1);
  g_return_val_if_fail (link != NULL, -1);

  len = strlen (link);
  other = len > 0 && link[len - 1] == '/' ? g_strndup (link, len - 1) : g_strconcat (link, "/", NULL);
  if (!(stmt = _cq_store_prepare (self, "SELECT id FROM items WHERE link IN (?1, ?2)"
                                        " ORDER BY sort_time DESC, id DESC LIMIT 1", error)))
    return -1;
  _cq_store_bind_text (stmt, 1, link);
  _cq_store_bind_text (stmt, 2, other);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("read the items"));
      return -1;
    }
  return id;
}

/* Returns: whether someone held the item, and it was read again */
gboolean
_cq_store_refresh_live_item (CqStore *self,
                             gint64   item_id)
{
  g_autoptr(CqItem) item = load_item (self, item_id, TRUE, NULL);

  return item != NULL;
}

/* Reads again, in order, the items someone holds among @ids from *@next
 * on (from the first if @next is %NULL), until they are all current or
 * @deadline (monotonic time) has passed; returns whether they all are. */
static gboolean
refresh_live_items (CqStore *self,
                    GArray  *ids,
                    guint   *next,
                    gint64   deadline)
{
  guint first = 0;

  if (next == NULL)
    next = &first;
  while (*next < ids->len)
    {
      gint64 item_id = g_array_index (ids, gint64, (*next)++);

      if (_cq_store_refresh_live_item (self, item_id) && g_get_monotonic_time () >= deadline)
        break;
    }
  return *next == ids->len;
}

/* One address each: the store keeps a statement by its text's address. */
static const char set_read_sql[] = "UPDATE items SET read = ?1, read_at = CASE WHEN ?1 THEN unixepoch () END"
                                   " WHERE id = ?2 AND read != ?1";
static const char set_starred_sql[] = "UPDATE items SET starred = ?1 WHERE id = ?2 AND starred != ?1";

static gboolean
write_flag (CqStore     *self,
            const char  *sql,
            gint64       item_id,
            gboolean     value,
            GError     **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, !!value);
  sqlite3_bind_int64 (stmt, 2, item_id);
  return _cq_store_step_done (self, stmt, N_("save the item"), error);
}

/* Keeps @value for @item_id until the write ends, and shows it on the
 * item if someone holds it. */
static void
keep_flag (CqStore  *self,
           gint64    item_id,
           gboolean  starred,
           gboolean  value)
{
  CqItem *live = lookup_live_item (self, item_id);
  DeferredFlags *flags;

  if (self->deferred_flags == NULL)
    self->deferred_flags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  flags = g_hash_table_lookup (self->deferred_flags, &item_id);
  if (flags == NULL)
    {
      flags = g_new (DeferredFlags, 1);
      flags->read = flags->starred = -1;
      g_hash_table_insert (self->deferred_flags, g_memdup2 (&item_id, sizeof item_id), flags);
    }
  if (starred)
    flags->starred = !!value;
  else
    flags->read = !!value;
  if (live != NULL && starred)
    _cq_item_set_starred (live, value);
  else if (live != NULL)
    _cq_item_set_read (live, value);
}

/* While one of this store's own writes runs on a worker, a sync's may
 * hold the file's write lock for as long as its document takes to read
 * (seconds, for a large one), and the window would wait for it on every
 * click, then fail: the mark is kept instead, every item read from here
 * shows it, and it is written when the last of those writes ends
 * (_cq_store_write_deferred()).  Lists filtered by it follow then. */
static gboolean
defer_flag (CqStore   *self,
            gint64     item_id,
            gboolean   starred,
            gboolean   value,
            GError   **error)
{
  g_autoptr(CqItem) item = load_item (self, item_id, FALSE, error);

  if (item == NULL)
    return FALSE;
  if ((starred ? cq_item_get_starred (item) : cq_item_get_read (item)) == !!value)
    return TRUE;
  keep_flag (self, item_id, starred, value);
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  return TRUE;
}

/* Mark All as Read while such a write runs: the items unread in the file,
 * less those kept read, and those kept unread, are kept read. */
static GArray *
defer_mark_all_read (CqStore  *self,
                     gint64    source_id,
                     GError  **error)
{
  g_autoptr(GArray) unread = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  stmt = _cq_store_prepare (self, "SELECT id FROM items WHERE read = 0 AND (?1 = 0 OR source_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_cq_store_step_ids (self, stmt, unread, _("mark the news read"), error))
    return NULL;

  for (guint i = 0; i < unread->len; i++)
    {
      DeferredFlags *flags = self->deferred_flags != NULL ?
                             g_hash_table_lookup (self->deferred_flags, &g_array_index (unread, gint64, i)) : NULL;

      if (flags == NULL || flags->read != 1)
        g_array_append_val (ids, g_array_index (unread, gint64, i));
    }
  if (self->deferred_flags != NULL)
    {
      g_hash_table_iter_init (&iter, self->deferred_flags);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(CqItem) item = NULL;

          if (((DeferredFlags *) value)->read != 0)
            continue;
          item = load_item (self, *(gint64 *) key, FALSE, NULL);
          if (item != NULL && (source_id == 0 || cq_item_get_source_id (item) == source_id))
            g_array_append_val (ids, *(gint64 *) key);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    keep_flag (self, g_array_index (ids, gint64, i), FALSE, TRUE);
  if (ids->len > 0)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  return g_steal_pointer (&ids);
}

static gboolean
set_flag (CqStore   *self,
          gint64     item_id,
          gboolean   starred,
          gboolean   value,
          GError   **error)
{
  if (self->background_writes > 0)
    return defer_flag (self, item_id, starred, value, error);

  if (!write_flag (self, starred ? set_starred_sql : set_read_sql, item_id, value, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(CqItem) exists = load_item (self, item_id, FALSE, error);

      /* Setting a flag to the value it has already is not an error. */
      return exists != NULL;
    }

  _cq_store_refresh_live_item (self, item_id);
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  return TRUE;
}

/* Into the transaction _cq_store_write_deferred() holds. */
gboolean
_cq_store_write_deferred_flags (CqStore  *self,
                                GError  **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->deferred_flags == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->deferred_flags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 item_id = *(gint64 *) key;
      DeferredFlags *flags = value;

      if ((flags->read >= 0 && !write_flag (self, set_read_sql, item_id, flags->read, error)) ||
          (flags->starred >= 0 && !write_flag (self, set_starred_sql, item_id, flags->starred, error)))
        return FALSE;
    }
  return TRUE;
}

/* Once written: the items are read from the file again. */
void
_cq_store_forget_deferred_flags (CqStore *self)
{
  g_autoptr(GHashTable) flags = g_steal_pointer (&self->deferred_flags);
  GHashTableIter iter;
  gpointer key;

  if (flags == NULL)
    return;
  g_hash_table_iter_init (&iter, flags);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _cq_store_refresh_live_item (self, *(gint64 *) key);
}

gboolean
cq_store_set_read (CqStore   *self,
                   gint64     item_id,
                   gboolean   read,
                   GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return set_flag (self, item_id, FALSE, read, error);
}

gboolean
cq_store_set_starred (CqStore   *self,
                      gint64     item_id,
                      gboolean   starred,
                      GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return set_flag (self, item_id, TRUE, starred, error);
}

/**
 * cq_store_set_edits_unread:
 * @unread: whether a statement whose text the source changed becomes
 *   unread again when it is stored
 */
void
cq_store_set_edits_unread (CqStore  *self,
                           gboolean  unread)
{
  g_return_if_fail (CQ_IS_STORE (self));
  self->edits_unread = unread;
}

/**
 * cq_store_mark_all_read:
 * @source_id: the source whose items to mark, or 0 for every source
 *
 * Returns: (transfer full) (element-type gint64): the ids of the items that
 *   were unread and are read now, for an Undo; %NULL with @error set and
 *   nothing changed
 */
GArray *
cq_store_mark_all_read (CqStore  *self,
                        gint64    source_id,
                        GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  if (self->background_writes > 0)
    return defer_mark_all_read (self, source_id, error);
  if (!_cq_store_begin (self, error))
    return NULL;
  stmt = _cq_store_prepare (self,
                            "UPDATE items SET read = 1, read_at = unixepoch ()"
                            " WHERE read = 0 AND (?1 = 0 OR source_id = ?1) RETURNING id",
                            error);
  if (stmt == NULL)
    {
      _cq_store_rollback (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_cq_store_step_ids (self, stmt, ids, _("mark the news read"), error) || !_cq_store_commit (self, error))
    {
      _cq_store_rollback (self);
      return NULL;
    }
  refresh_live_items (self, ids, NULL, G_MAXINT64);
  if (ids->len > 0)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  return g_steal_pointer (&ids);
}

/**
 * cq_store_mark_unread_again:
 * @ids: (element-type gint64): items to mark unread, as
 *   cq_store_mark_all_read() gave them
 *
 * Undoes a Mark All as Read; items gone meanwhile are passed over.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing changed
 */
gboolean
cq_store_mark_unread_again (CqStore  *self,
                            GArray   *ids,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (self->background_writes > 0)
    {
      for (guint i = 0; i < ids->len; i++)
        keep_flag (self, g_array_index (ids, gint64, i), FALSE, FALSE);
      if (ids->len > 0)
        _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
      return TRUE;
    }
  if (!_cq_store_begin (self, error))
    return FALSE;
  if (!(stmt = _cq_store_prepare (self, "UPDATE items SET read = 0, read_at = NULL WHERE id = ?1", error)))
    {
      _cq_store_rollback (self);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!_cq_store_step_done (self, stmt, N_("mark the news unread"), error))
        {
          _cq_store_rollback (self);
          return FALSE;
        }
    }
  if (!_cq_store_commit (self, error))
    {
      _cq_store_rollback (self);
      return FALSE;
    }
  refresh_live_items (self, ids, NULL, G_MAXINT64);
  if (ids->len > 0)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  return TRUE;
}

/* Upserting: one transaction for a whole sync. */

typedef struct {
  gint64 id;
  char  *title;
  char  *summary;
  char  *content;
  char  *link;
  char  *author;
  gint64 published;
  gint64 updated;
  gboolean has_published;
  gboolean has_updated;
  gboolean published_is_date;
} StoredText;

static void
stored_text_clear (StoredText *stored)
{
  g_free (stored->title);
  g_free (stored->summary);
  g_free (stored->content);
  g_free (stored->link);
  g_free (stored->author);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredText, stored_text_clear)

/* Returns TRUE and fills @stored when the item is already stored. */
static gboolean
find_stored (CqStore     *self,
             gint64       source_id,
             const char  *guid,
             StoredText  *stored,
             gboolean    *found,
             GError     **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self,
                                          "SELECT id, title, summary, content, link, author,"
                                          " published, updated, published_is_date"
                                          " FROM items WHERE source_id = ?1 AND guid = ?2",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  _cq_store_bind_text (stmt, 2, guid);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      stored->id = sqlite3_column_int64 (stmt, 0);
      stored->title = g_strdup (_cq_store_column_text (stmt, 1));
      stored->summary = g_strdup (_cq_store_column_text (stmt, 2));
      stored->content = g_strdup (_cq_store_column_text (stmt, 3));
      stored->link = g_strdup (_cq_store_column_text (stmt, 4));
      stored->author = g_strdup (_cq_store_column_text (stmt, 5));
      stored->has_published = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      stored->published = sqlite3_column_int64 (stmt, 6);
      stored->has_updated = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      stored->updated = sqlite3_column_int64 (stmt, 7);
      stored->published_is_date = sqlite3_column_int (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _cq_store_set_error (self, error, rc, _("read the items"));
  return TRUE;
}

static gboolean
same_time (gboolean   stored_has,
           gint64     stored,
           GDateTime *instant)
{
  if (instant == NULL)
    return !stored_has;
  return stored_has && stored == g_date_time_to_unix (instant);
}

static gboolean
text_changed (const StoredText *stored,
              CqItem           *item)
{
  return g_strcmp0 (stored->title, cq_item_get_title (item)) != 0 ||
         g_strcmp0 (stored->summary, cq_item_get_summary (item)) != 0 ||
         g_strcmp0 (stored->content, cq_item_get_content (item)) != 0;
}

static gboolean
details_changed (const StoredText *stored,
                 CqItem           *item)
{
  return g_strcmp0 (stored->link, cq_item_get_link (item)) != 0 ||
         g_strcmp0 (stored->author, cq_item_get_author (item)) != 0 ||
         !same_time (stored->has_published, stored->published, cq_item_get_published (item)) ||
         !same_time (stored->has_updated, stored->updated, cq_item_get_updated (item)) ||
         stored->published_is_date != cq_item_get_published_is_date (item);
}

/* Inserts @item unless its source has an item of its guid already;
 * @inserted says which. */
static gboolean
insert_item (CqStore   *self,
             gint64     source_id,
             CqItem    *item,
             gint64     now,
             gboolean  *inserted,
             GError   **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self,
                                          "INSERT INTO items (source_id, guid, title, link, published,"
                                          " published_is_date, updated, summary, content, author,"
                                          " first_seen, sort_time)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                " COALESCE (?5, ?11))"
                                " ON CONFLICT (source_id, guid) DO NOTHING",
                                error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  _cq_store_bind_text_held (stmt, 2, cq_item_get_guid (item));
  _cq_store_bind_text_held (stmt, 3, cq_item_get_title (item));
  _cq_store_bind_text_held (stmt, 4, cq_item_get_link (item));
  _cq_store_bind_time (stmt, 5, cq_item_get_published (item));
  sqlite3_bind_int (stmt, 6, cq_item_get_published_is_date (item));
  _cq_store_bind_time (stmt, 7, cq_item_get_updated (item));
  _cq_store_bind_text_held (stmt, 8, cq_item_get_summary (item));
  _cq_store_bind_text_held (stmt, 9, cq_item_get_content (item));
  _cq_store_bind_text_held (stmt, 10, cq_item_get_author (item));
  sqlite3_bind_int64 (stmt, 11, now);

  if (!_cq_store_step_done (self, stmt, N_("save the items"), error))
    return FALSE;
  *inserted = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* A feed that rewrites a statement on every request must not grow the
 * store without end.  An item keeps its first version and its newest
 * CQ_STORE_KEEP_LAST_REVISIONS; when it has more than
 * CQ_STORE_MAX_REVISIONS, every other version between them goes, so the
 * history thins out with age instead of being cut off. */
static gboolean
thin_revisions (CqStore  *self,
                gint64    item_id,
                GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _cq_store_prepare (self, "SELECT id FROM revisions WHERE item_id = ?1 ORDER BY id", error);
  sqlite3_stmt *drop;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_ids (self, stmt, ids, _("save the earlier version"), error))
    return FALSE;
  if (ids->len <= CQ_STORE_MAX_REVISIONS)
    return TRUE;

  if (!(drop = _cq_store_prepare (self, "DELETE FROM revisions WHERE id = ?1", error)))
    return FALSE;
  for (guint i = 2; i + CQ_STORE_KEEP_LAST_REVISIONS < ids->len; i += 2)
    {
      sqlite3_bind_int64 (drop, 1, g_array_index (ids, gint64, i));
      if (!_cq_store_step_done (self, drop, N_("save the earlier version"), error))
        return FALSE;
    }
  return TRUE;
}

/* The text an item had, kept as an earlier version of it. */
gboolean
_cq_store_keep_revision (CqStore         *self,
                         gint64           item_id,
                         const char      *title,
                         const char      *summary,
                         const char      *content,
                         gint64           now,
                         CqRevisionKind   kind,
                         GError         **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self,
                                          "INSERT INTO revisions (item_id, title, summary, content, replaced_at, kind)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                          error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  _cq_store_bind_text (stmt, 2, title);
  _cq_store_bind_text (stmt, 3, summary);
  _cq_store_bind_text (stmt, 4, content);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int (stmt, 6, kind);
  return _cq_store_step_done (self, stmt, N_("save the earlier version"), error) &&
         thin_revisions (self, item_id, error);
}

/* What the search index holds of an item row, with its rowid: as the
 * schema's triggers index it (cq-store-schema.h), which must agree. */
#define INDEXED_TEXTS \
  "id, cq_search_text (title)," \
  " cq_search_summary (summary, COALESCE (full_content, content))," \
  " cq_search_body (COALESCE (full_content, content))"

/* The same for rows a write inserted: their texts as it read them ahead,
 * found by id (CqIndexedTexts), or else as above. */
#define NEW_INDEXED_TEXTS \
  "id, cq_search_text_of (id, title)," \
  " cq_search_summary_of (id, summary, COALESCE (full_content, content))," \
  " cq_search_body_of (id, COALESCE (full_content, content))"

/* An item a sync's write edits leaves its words in the search index
 * until the write's end, which takes them out and puts the new ones in,
 * two statements for all the items edited: a trigger each, the update
 * trigger's two FTS5 statements made FTS5 write its pending terms out at
 * every statement's savepoint, a third of a later sync's write that
 * revised 10,000 items (perf).  The words to take out are those of the
 * text as indexed, so the item's stored texts are kept, once, before its
 * first update. */
static gboolean
reindex_later (CqStore  *self,
               gint64    item_id,
               GError  **error)
{
  sqlite3_stmt *stmt;

  if (self->fts_pending_after < 0 || item_id > self->fts_pending_after ||
      (self->fts_reindex != NULL && g_hash_table_contains (self->fts_reindex, &item_id)))
    return TRUE;
  /* Made in the write's transaction, the table goes if it rolls back:
   * each write that edits makes sure of it. */
  if (self->fts_reindex == NULL)
    {
      stmt = _cq_store_prepare (self,
                                "CREATE TEMP TABLE IF NOT EXISTS fts_reindex"
                                " (id INTEGER PRIMARY KEY, title TEXT, summary TEXT, content TEXT, full_content TEXT)",
                                error);
      if (stmt == NULL || !_cq_store_step_done (self, stmt, N_("save the items"), error))
        return FALSE;
      self->fts_reindex = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  stmt = _cq_store_prepare (self,
                            "INSERT INTO temp.fts_reindex (id, title, summary, content, full_content)"
                            " SELECT id, title, summary, content, full_content FROM items WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!_cq_store_step_done (self, stmt, N_("save the items"), error))
    return FALSE;
  g_hash_table_add (self->fts_reindex, g_memdup2 (&item_id, sizeof item_id));
  return TRUE;
}

/* At a write's end: the edited items' old words out of the index, their
 * new ones in (see reindex_later()).  The old texts are kept in the items
 * table's own columns, so that one expression says what the index holds. */
static gboolean
reindex_edited (CqStore  *self,
                GError  **error)
{
  static const char * const statements[] = {
    "INSERT INTO items_fts (items_fts, rowid, title, summary, body)"
    " SELECT 'delete', " INDEXED_TEXTS " FROM temp.fts_reindex",
    "INSERT INTO items_fts (rowid, title, summary, body) SELECT " INDEXED_TEXTS
    " FROM items WHERE id IN (SELECT id FROM temp.fts_reindex)",
    "DELETE FROM temp.fts_reindex",
  };

  if (self->fts_reindex == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _cq_store_prepare (self, statements[i], error);

      if (stmt == NULL || !_cq_store_step_done (self, stmt, N_("save the items"), error))
        return FALSE;
    }
  return TRUE;
}

/* Read and starred are not in this statement: only the user changes them. */
static gboolean
update_item (CqStore  *self,
             gint64    item_id,
             CqItem   *item,
             GError  **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self,
                                          "UPDATE items SET title = ?2, link = ?3, published = ?4,"
                                          " published_is_date = ?5, updated = ?6, summary = ?7,"
                                          " content = ?8, author = ?9,"
                                          " sort_time = COALESCE (?4, first_seen)"
                                          " WHERE id = ?1",
                                          error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  _cq_store_bind_text (stmt, 2, cq_item_get_title (item));
  _cq_store_bind_text (stmt, 3, cq_item_get_link (item));
  _cq_store_bind_time (stmt, 4, cq_item_get_published (item));
  sqlite3_bind_int (stmt, 5, cq_item_get_published_is_date (item));
  _cq_store_bind_time (stmt, 6, cq_item_get_updated (item));
  _cq_store_bind_text (stmt, 7, cq_item_get_summary (item));
  _cq_store_bind_text (stmt, 8, cq_item_get_content (item));
  _cq_store_bind_text (stmt, 9, cq_item_get_author (item));
  return _cq_store_step_done (self, stmt, N_("save the items"), error);
}

/* @insert_first: the source had no items when the write began, so most
 * of @items are new: each is inserted at once, and looked for only when
 * the feed listed its guid before. */
static gboolean
upsert_one (CqStore         *self,
            gint64           source_id,
            CqItem          *item,
            gboolean         new_only,
            gboolean         insert_first,
            gint64           now,
            CqUpsertReport  *report,
            GArray          *touched,
            GError         **error)
{
  g_auto(StoredText) stored = { 0 };
  gboolean found = FALSE;
  gboolean inserted = FALSE;
  gboolean new_text;

  if (insert_first)
    {
      if (!insert_item (self, source_id, item, now, &inserted, error))
        return FALSE;
      report->added += inserted;
      if (inserted)
        return TRUE;
    }
  if (!find_stored (self, source_id, cq_item_get_guid (item), &stored, &found, error))
    return FALSE;

  if (!found)
    {
      report->added++;
      return insert_item (self, source_id, item, now, &inserted, error);
    }
  /* From a document that may be cut short: no stored text is replaced. */
  if (new_only)
    {
      report->unchanged++;
      return TRUE;
    }

  new_text = text_changed (&stored, item);
  if (!new_text && !details_changed (&stored, item))
    {
      report->unchanged++;
      return TRUE;
    }

  report->updated++;
  g_array_append_val (touched, stored.id);
  if (!(!new_text || _cq_store_keep_revision (self, stored.id, stored.title, stored.summary, stored.content, now, CQ_REVISION_FEED_EDIT, error)) ||
      !reindex_later (self, stored.id, error) || !update_item (self, stored.id, item, error))
    return FALSE;
  /* Changed text is news: read again, when the user wants it so. */
  if (new_text && self->edits_unread)
    {
      sqlite3_stmt *stmt = _cq_store_prepare (self, "UPDATE items SET read = 0, read_at = NULL WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stored.id);
      return _cq_store_step_done (self, stmt, N_("save the items"), error);
    }
  return TRUE;
}

/* The highest item id now, 0 for none. */
static gboolean
read_last_item_id (CqStore  *self,
                   gint64   *id,
                   GError  **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, "SELECT COALESCE (max (id), 0) FROM items", error);

  return stmt != NULL && _cq_store_step_number (self, stmt, N_("save the items"), id, error);
}

static gboolean
source_is_empty (CqStore   *self,
                 gint64     source_id,
                 gboolean  *empty,
                 GError   **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM items WHERE source_id = ?1)", error);
  gint64 none = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_cq_store_step_number (self, stmt, N_("save the items"), &none, error))
    return FALSE;
  *empty = none != 0;
  return TRUE;
}

/* Indexes for search the items added after @last_id, up to @up_to: every
 * insert is indexed here, at its write's end or in its streamed part's
 * batches (there is no insert trigger, see schema 11). */
static gboolean
index_items_between (CqStore  *self,
                     gint64    last_id,
                     gint64    up_to,
                     GError  **error)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self,
                                          "INSERT INTO items_fts (rowid, title, summary, body)"
                                          " SELECT " NEW_INDEXED_TEXTS " FROM items WHERE id > ?1 AND id <= ?2",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_id);
  sqlite3_bind_int64 (stmt, 2, up_to);
  return _cq_store_step_done (self, stmt, N_("save the items"), error);
}

/* A sync of many items reads their titles and bodies for search on a
 * thread of its own while it inserts their rows, and the index statement
 * at its end finds them read: an eighth of a first sync's writing
 * (callgrind) done beside the inserts.  Below this many items a thread is
 * not worth starting. */
#define SEARCH_READ_AHEAD_MIN_ITEMS 256

/* The texts are looked up by the whole of a body, hundreds of bytes,
 * twice a row: read eight bytes at a time, where g_str_hash() reads one
 * (a twentieth of the writer's instructions went to it, callgrind). */
static guint
hash_text (gconstpointer key)
{
  const char *p = key;
  gsize length = strlen (p);
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ length;

  for (; length >= 8; p += 8, length -= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x100000001b3);
      hash ^= hash >> 29;
    }
  for (; length > 0; p++, length--)
    hash = (hash ^ (guchar) *p) * G_GUINT64_CONSTANT (0x100000001b3);
  return (guint) (hash ^ (hash >> 32));
}

static void
read_search_texts_of (GHashTable *texts,
                      CqItem     *item)
{
  const char *html[] = { cq_item_get_title (item), cq_item_get_content (item) };

  for (guint j = 0; j < G_N_ELEMENTS (html); j++)
    if (html[j] != NULL && !g_hash_table_contains (texts, html[j]))
      g_hash_table_insert (texts, (gpointer) html[j], cq_text_for_search (html[j]));
}

static GHashTable *
search_texts_new (void)
{
  return g_hash_table_new_full (hash_text, g_str_equal, NULL, g_free);
}

/* The items of a write from @start on, for the read-ahead thread. */
typedef struct {
  GPtrArray *items;
  guint      start;
} SearchReading;

static gpointer
read_search_texts (gpointer data)
{
  SearchReading *reading = data;
  GHashTable *texts = search_texts_new ();

  for (guint i = reading->start; i < reading->items->len; i++)
    read_search_texts_of (texts, g_ptr_array_index (reading->items, i));
  return texts;
}

/* The read-ahead thread's texts become the write's (joined to what a
 * stream read, if it did). */
static void
adopt_search_texts (CqStore    *self,
                    GHashTable *read)
{
  GHashTableIter iter;
  gpointer html, text;

  if (self->search_texts == NULL)
    {
      self->search_texts = read;
      return;
    }
  g_hash_table_iter_init (&iter, read);
  while (g_hash_table_iter_next (&iter, &html, &text))
    if (!g_hash_table_contains (self->search_texts, html))
      {
        g_hash_table_insert (self->search_texts, html, text);
        g_hash_table_iter_steal (&iter);
      }
  g_hash_table_unref (read);
}

/* Streamed writes (cq_store_write_items_streamed_async()). */

/* The items pushed go to the writer this many at a time: one each woke
 * it for each (it keeps pace with the parse, so it waits for most), and
 * the two threads took turns on one core, a few microseconds each, while
 * the other core had little to do. */
#define STREAM_PUSH_BATCH 64

/* A batch of pushed items, with their texts for search (one
 * CqIndexedTexts each, in the same order), read as they were pushed. */
typedef struct {
  GPtrArray *items;
  GPtrArray *texts;
} StreamBatch;

static StreamBatch *
stream_batch_new (void)
{
  StreamBatch *batch = g_new (StreamBatch, 1);

  batch->items = g_ptr_array_new_full (STREAM_PUSH_BATCH, g_object_unref);
  batch->texts = g_ptr_array_new_full (STREAM_PUSH_BATCH, (GDestroyNotify) _cq_indexed_texts_free);
  return batch;
}

static void
stream_batch_free (StreamBatch *batch)
{
  g_ptr_array_unref (batch->items);
  g_ptr_array_unref (batch->texts);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StreamBatch, stream_batch_free)

struct _CqStoreWriteStream {
  gint         ref_count;
  GAsyncQueue *queue;       /* a StreamBatch each, or one of the markers */
  StreamBatch *pushed;      /* the pushing thread's: the next batch */
  gint         ended;       /* atomic: closed or called off; later pushes are dropped */
  gint         called_off;  /* atomic: the items still queued are not written */
  /* Set by the close before its marker is queued, read by the worker
   * after it takes the marker. */
  GPtrArray   *items;
  gboolean     new_only;
  gboolean     end_taken;   /* the worker's: it took the close or the call-off */
};

static char close_marker, abort_marker;

/**
 * cq_store_write_stream_ref:
 *
 * Returns: (transfer full): @stream
 */
CqStoreWriteStream *
cq_store_write_stream_ref (CqStoreWriteStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);
  g_atomic_int_inc (&stream->ref_count);
  return stream;
}

void
cq_store_write_stream_unref (CqStoreWriteStream *stream)
{
  gpointer message;

  if (stream == NULL || !g_atomic_int_dec_and_test (&stream->ref_count))
    return;
  while ((message = g_async_queue_try_pop (stream->queue)) != NULL)
    if (message != &close_marker && message != &abort_marker)
      stream_batch_free (message);
  g_async_queue_unref (stream->queue);
  g_clear_pointer (&stream->pushed, stream_batch_free);
  g_clear_pointer (&stream->items, g_ptr_array_unref);
  g_free (stream);
}

/**
 * cq_store_write_stream_push:
 * @item: the next item of the list the close will give
 *
 * Gives the write one more item: the items pushed must be the first of
 * the list cq_store_write_stream_close() gives, in its order
 * (cq_feed_parse_streaming() tells them so).  They are pushed from one
 * thread at a time, the last before the close (as a parse ends before its
 * caller closes); the write takes them a few at a time.  Their texts for
 * search are read here, on the pushing thread, and whether each summary
 * opens its body (_cq_indexed_texts_new()): the writer, which inserts
 * them meanwhile, has only to index them (on a first sync of 10,000
 * items, it indexed 3,800 to 7,300 before the parse ended, against 0 to
 * 3,000 when it read them itself, and no thread of its own reads them
 * after).  After the close or the call-off, an item pushed is dropped.
 */
void
cq_store_write_stream_push (CqStoreWriteStream *stream,
                            CqItem             *item)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (CQ_IS_ITEM (item));

  if (g_atomic_int_get (&stream->ended))
    return;
  if (stream->pushed == NULL)
    stream->pushed = stream_batch_new ();
  g_ptr_array_add (stream->pushed->items, g_object_ref (item));
  g_ptr_array_add (stream->pushed->texts, _cq_indexed_texts_new (item));
  if (stream->pushed->items->len == STREAM_PUSH_BATCH)
    g_async_queue_push (stream->queue, g_steal_pointer (&stream->pushed));
}

static gboolean
end_stream (CqStoreWriteStream *stream)
{
  return g_atomic_int_compare_and_exchange (&stream->ended, FALSE, TRUE);
}

/**
 * cq_store_write_stream_close:
 * @items: (element-type CqItem): the whole list, the items pushed first
 * @new_only: store only what is not stored yet, as
 *   cq_store_add_new_items_async() does
 *
 * Ends the stream: the write goes on with the rest of @items, trims and
 * commits, and answers.
 */
void
cq_store_write_stream_close (CqStoreWriteStream *stream,
                             GPtrArray          *items,
                             gboolean            new_only)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (items != NULL);

  if (!end_stream (stream))
    {
      g_critical ("A streamed write was ended twice");
      return;
    }
  stream->items = g_ptr_array_ref (items);
  stream->new_only = new_only;
  if (stream->pushed != NULL)
    g_async_queue_push (stream->queue, g_steal_pointer (&stream->pushed));
  g_async_queue_push (stream->queue, &close_marker);
}

/**
 * cq_store_write_stream_abort:
 *
 * Calls the write off: what it wrote is rolled back, and it answers with
 * %G_IO_ERROR_CANCELLED.  Nothing happens once it was ended.
 */
void
cq_store_write_stream_abort (CqStoreWriteStream *stream)
{
  if (stream == NULL || !end_stream (stream))
    return;
  g_atomic_int_set (&stream->called_off, TRUE);
  g_async_queue_push (stream->queue, &abort_marker);
}

/* After a failure: the rest of the stream is let go, up to its end. */
static void
wait_for_stream_end (CqStoreWriteStream *stream)
{
  for (;;)
    {
      gpointer message = g_async_queue_pop (stream->queue);

      if (message == &close_marker || message == &abort_marker)
        {
          stream->end_taken = TRUE;
          return;
        }
      stream_batch_free (message);
    }
}

/* A streamed write indexes this many rows at a time, when it has nothing
 * else to do. */
#define STREAM_INDEX_BATCH 1000

/* What the streamed part of a write did: how many items it inserted,
 * the id of the last, and how many of them are indexed; and those whose
 * guid it found stored, which wait for the close to say how they are
 * written. */
typedef struct {
  guint      n_taken;       /* the first items of the close's list */
  guint      n_inserted;
  gint64     last_id;
  guint      n_indexed;
  GPtrArray *deferred;
} Streamed;

static void
streamed_clear (Streamed *streamed)
{
  g_clear_pointer (&streamed->deferred, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Streamed, streamed_clear)

static gboolean
called_off (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was called off."));
  return FALSE;
}

/* The streamed part of a write: the items the parse gives as it goes,
 * taken as they come until the close (or the call-off, which fails the
 * write with %G_IO_ERROR_CANCELLED).  Each is inserted at once, unless its
 * guid is stored already (then it waits for the close, which says how it
 * is written), and its texts for search, read as it was pushed, are
 * filed under its row's id (CqIndexedTexts); whenever the writer waits
 * for the parse with STREAM_INDEX_BATCH rows or more unindexed, it
 * indexes them, so that little is left for the close. */
static gboolean
take_streamed_items (CqStore             *self,
                     CqStoreWriteStream  *stream,
                     gint64               source_id,
                     gint64               now,
                     CqUpsertReport      *counts,
                     Streamed            *streamed,
                     GError             **error)
{
  for (;;)
    {
      gpointer message;
      g_autoptr(StreamBatch) batch = NULL;

      /* Called off: what is still queued is not written first. */
      if (g_atomic_int_get (&stream->called_off))
        return called_off (error);
      message = g_async_queue_try_pop (stream->queue);

      if (message == NULL && streamed->n_inserted - streamed->n_indexed >= STREAM_INDEX_BATCH)
        {
          if (!index_items_between (self, self->fts_pending_after, streamed->last_id, error))
            return FALSE;
          self->fts_pending_after = streamed->last_id;
          streamed->n_indexed = streamed->n_inserted;
          continue;
        }
      if (message == NULL)
        message = g_async_queue_pop (stream->queue);

      stream->end_taken = message == &close_marker || message == &abort_marker;
      if (message == &close_marker)
        return TRUE;
      if (message == &abort_marker)
        return called_off (error);
      batch = message;
      for (guint i = 0; i < batch->items->len; i++)
        {
          CqItem *item = g_ptr_array_index (batch->items, i);
          gboolean inserted = FALSE;

          streamed->n_taken++;
          if (!insert_item (self, source_id, item, now, &inserted, error))
            return FALSE;
          if (inserted)
            {
              CqIndexedTexts *texts = g_steal_pointer (&batch->texts->pdata[i]);

              counts->added++;
              streamed->last_id = sqlite3_last_insert_rowid (self->db);
              streamed->n_inserted++;
              texts->id = streamed->last_id;
              g_hash_table_replace (self->indexed_texts, &texts->id, texts);
            }
          else
            g_ptr_array_add (streamed->deferred, g_object_ref (item));
        }
    }
}

/* The upsert's writing: all of @items in one transaction on @self's
 * connection, or none.  The ids of stored items whose text changed go to
 * @touched, for the connection whose objects show them to refresh.  With
 * a @stream, the items come from it as the parse goes, and @items and
 * @new_only with its close (see take_streamed_items()). */
static gboolean
upsert_in_transaction (CqStore             *self,
                       gint64               source_id,
                       GPtrArray           *items,
                       gboolean             new_only,
                       CqStoreWriteStream  *stream,
                       CqUpsertReport      *counts,
                       GArray              *touched,
                       GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CqSource) source = NULL;
  g_auto(Streamed) streamed = { 0 };
  SearchReading reading = { 0 };
  GThread *search_reader = NULL;
  gboolean empty = FALSE;
  gint64 last_id = 0;
  gboolean ok = TRUE;

  if (!(source = cq_store_dup_source (self, source_id, error)) || !_cq_store_begin (self, error))
    return FALSE;

  /* New rows are indexed for search together at the end, in one
   * statement, not one trigger each (see schema 7); their texts are read
   * for it meanwhile.  With no thread to be had, the statement reads them. */
  ok = read_last_item_id (self, &last_id, error) && source_is_empty (self, source_id, &empty, error);
  self->fts_pending_after = last_id;
  if (ok && stream != NULL)
    {
      self->indexed_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                   (GDestroyNotify) _cq_indexed_texts_free);
      streamed.deferred = g_ptr_array_new_with_free_func (g_object_unref);
      ok = take_streamed_items (self, stream, source_id, g_date_time_to_unix (now), counts, &streamed, error);
      items = stream->items;
      new_only = stream->new_only;
      g_warn_if_fail (!ok || streamed.n_taken <= items->len);
    }

  reading.items = items;
  reading.start = streamed.n_taken;
  if (ok && items->len >= reading.start + SEARCH_READ_AHEAD_MIN_ITEMS)
    search_reader = g_thread_try_new ("cq-search-texts", read_search_texts, &reading, NULL);
  /* A guid the stream found stored, then the items it did not take. */
  for (guint i = 0; ok && streamed.deferred != NULL && i < streamed.deferred->len; i++)
    ok = upsert_one (self, source_id, g_ptr_array_index (streamed.deferred, i), new_only, FALSE,
                     g_date_time_to_unix (now), counts, touched, error);
  for (guint i = reading.start; ok && i < items->len; i++)
    ok = upsert_one (self, source_id, g_ptr_array_index (items, i), new_only, empty, g_date_time_to_unix (now),
                     counts, touched, error);
  if (search_reader != NULL)
    adopt_search_texts (self, g_thread_join (search_reader));
  ok = ok && index_items_between (self, self->fts_pending_after, G_MAXINT64, error) && reindex_edited (self, error);
  self->fts_pending_after = -1;
  g_clear_pointer (&self->fts_reindex, g_hash_table_unref);
  g_clear_pointer (&self->search_texts, g_hash_table_unref);
  /* A streamed write's self->indexed_texts is let go of by upsert_thread(),
   * once it answered: 10,000 items' texts take a millisecond to free. */

  /* The rollback empties temp.fts_reindex too. */
  if (!ok || !_cq_store_commit (self, error))
    {
      _cq_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* What the store's lists hear of an upsert written on any connection,
 * once the items someone holds are current: @how says whether the lists
 * may read it on a worker (%CQ_STORE_CHANGE_BACKGROUND), and @removed
 * counts a trim with it. */
static void
upserted (CqStore              *self,
          const CqUpsertReport *counts,
          guint                 removed,
          CqStoreChange         how)
{
  if (counts->added > 0 || counts->updated > 0 || removed > 0)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_ITEMS | how);
}

/**
 * cq_store_upsert_items:
 * @source_id: the source the items come from
 * @items: (element-type CqItem): the items as the source has them now
 * @report: (out caller-allocates) (optional): how many were new, updated
 *   and unchanged
 *
 * Stores all of @items or, on error, none of them.  A stored item whose
 * title, summary or content changed keeps its earlier text as a revision;
 * read and starred state is never touched; items the source no longer lists
 * stay stored.  The window writes a sync with
 * cq_store_upsert_items_async(), which does not hold the main thread.
 */
gboolean
cq_store_upsert_items (CqStore         *self,
                       gint64           source_id,
                       GPtrArray       *items,
                       CqUpsertReport  *report,
                       GError         **error)
{
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  CqUpsertReport counts = { 0 };

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  /* Not streamed: no texts filed by id to let go of. */
  if (!upsert_in_transaction (self, source_id, items, FALSE, NULL, &counts, touched, error))
    return FALSE;
  refresh_live_items (self, touched, NULL, G_MAXINT64);
  upserted (self, &counts, 0, 0);
  if (report != NULL)
    *report = counts;
  return TRUE;
}

typedef struct {
  CqStore        *store;     /* held by the outer task */
  gint64          source_id;
  GPtrArray      *items;
  CqStoreWriteStream *stream;
  guint           keep;
  gboolean        new_only;
  gboolean        edits_unread;
  CqUpsertReport  counts;
  GArray         *touched;
  guint           refreshed; /* how many of @touched refresh_some_cb() got to */
  guint           removed;
  char           *trim_error;
} UpsertJob;

static void
upsert_job_free (gpointer data)
{
  UpsertJob *job = data;

  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->stream, cq_store_write_stream_unref);
  g_array_unref (job->touched);
  g_free (job->trim_error);
  g_free (job);
}

static void
upsert_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UpsertJob *job = task_data;
  CqStore *self = job->store;
  GError *error = NULL;
  g_autoptr(GHashTable) indexed_texts = NULL;
  CqStore *writer;
  gboolean ok;

  g_mutex_lock (&self->writer_lock);
  writer = _cq_store_open_worker_connection (self, &self->writer, &error);
  if (writer != NULL)
    writer->edits_unread = job->edits_unread;
  ok = writer != NULL &&
       upsert_in_transaction (writer, job->source_id, job->items, job->new_only, job->stream, &job->counts,
                              job->touched, &error);
  if (ok && job->keep > 0)
    {
      g_autoptr(GError) trim_error = NULL;

      /* A failure here costs nothing the sync brought. */
      if (!cq_store_trim_source (writer, job->source_id, job->keep, &job->removed, &trim_error))
        job->trim_error = g_strdup (trim_error->message);
    }
  if (writer != NULL)
    indexed_texts = g_steal_pointer (&writer->indexed_texts);
  g_mutex_unlock (&self->writer_lock);
  /* A streamed write that failed before its end still answers after it:
   * its caller hears one answer, to the close or the call-off. */
  if (job->stream != NULL && !job->stream->end_taken)
    wait_for_stream_end (job->stream);
  /* Written: the caller's reference is the last, and the caller chooses
   * the thread that frees them. */
  g_clear_pointer (&job->items, g_ptr_array_unref);
  if (job->stream != NULL)
    g_clear_pointer (&job->stream->items, g_ptr_array_unref);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* How long one turn of the main loop refreshes held items for: a sixth
 * of a 60 Hz frame, so that the window draws between turns. */
#define REFRESH_TURN_USEC 3000

/* The priority GTK paints at (GDK_PRIORITY_REDRAW).  A main loop turn
 * dispatches every ready source of the best priority, so a frame waits
 * for at most one turn of refreshing, and the refreshing never waits for
 * frames: at a lower priority, a window that animates while each frame
 * takes longer than its interval (software rendering, a busy machine)
 * put it off for good, and the sync never finished. */
#define REFRESH_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

/* After a sync's write: the items someone holds are read again a few at a
 * time, since each wakes the row that shows it (a re-sync that edited
 * 10,000 statements touched 100 to 250 held items, and refreshing them in
 * one go held a frame back by 6 to 16 ms, bench-sync-stall).  The lists
 * and the caller hear of the write once every held item is current. */
static gboolean
refresh_some_cb (gpointer data)
{
  GTask *outer = data;
  CqStore *self = g_task_get_source_object (outer);
  UpsertJob *job = g_task_get_task_data (outer);

  if (!refresh_live_items (self, job->touched, &job->refreshed, g_get_monotonic_time () + REFRESH_TURN_USEC))
    return G_SOURCE_CONTINUE;
  upserted (self, &job->counts, job->removed, CQ_STORE_CHANGE_BACKGROUND);
  g_task_return_boolean (outer, TRUE);
  return G_SOURCE_REMOVE;
}

/* Back on the thread that made the store: its objects and lists learn of
 * what was written. */
static void
upsert_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CqStore *self = g_task_get_source_object (outer);
  UpsertJob *job = g_task_get_task_data (outer);
  GError *error = NULL;

  self->background_writes--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _cq_store_write_deferred (self);
      g_task_return_error (outer, error);
      return;
    }
  if (job->trim_error != NULL)
    g_message ("Old items of source %" G_GINT64_FORMAT " were not removed: %s", job->source_id, job->trim_error);
  _cq_store_note_own_writes (self);
  _cq_store_write_deferred (self);
  g_idle_add_full (REFRESH_PRIORITY, refresh_some_cb, g_steal_pointer (&outer), g_object_unref);
}

/* A sync's write, its answer in *@outer: the items (or the stream) are
 * the caller's to give. */
static UpsertJob *
upsert_job_new (CqStore              *self,
                gint64                source_id,
                guint                 keep,
                GCancellable         *cancellable,
                GAsyncReadyCallback   callback,
                gpointer              user_data,
                GTask               **outer)
{
  UpsertJob *job = g_new0 (UpsertJob, 1);

  *outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (*outer, cq_store_upsert_items_async);
  /* Until upsert_done_cb(): every write made meanwhile is deferred. */
  self->background_writes++;
  job->store = self;
  job->source_id = source_id;
  job->keep = keep;
  job->edits_unread = self->edits_unread;
  job->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  return job;
}

static void
write_items_async (CqStore             *self,
                   gint64               source_id,
                   GPtrArray           *items,
                   guint                keep,
                   gboolean             new_only,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  UpsertJob *job;

  g_return_if_fail (CQ_IS_STORE (self));
  g_return_if_fail (items != NULL);

  job = upsert_job_new (self, source_id, keep, cancellable, callback, user_data, &outer);
  job->items = g_ptr_array_ref (items);
  job->new_only = new_only;

  /* The write is not cancelled half-way: it is one transaction.  It is a
   * sync's write, as a streamed one is, and gives way as that one does. */
  _cq_store_run_on_own_thread (g_steal_pointer (&outer), job, upsert_job_free, upsert_thread, upsert_done_cb);
}

/**
 * cq_store_write_items_streamed_async:
 * @keep: then trim the source to this many items; 0 keeps all
 *
 * A sync's write that begins before its parse ends.  The write starts at
 * once on a thread of its own; the items the parse tells of as it goes
 * come with cq_store_write_stream_push(), and into a source with no items
 * yet they are inserted, read for search and indexed while the parse goes
 * on.  cq_store_write_stream_close() gives the whole list (what the stream
 * did not take is written then, as cq_store_upsert_items_async() would),
 * or cq_store_write_stream_abort() calls it off.  Either way @callback is
 * called once, after that; finish with cq_store_upsert_items_finish().
 * Until then the write holds the store's writer and the file's write lock:
 * end the stream promptly.
 *
 * Returns: (transfer full): the stream, for the parse to push into
 */
CqStoreWriteStream *
cq_store_write_items_streamed_async (CqStore             *self,
                                     gint64               source_id,
                                     guint                keep,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  CqStoreWriteStream *stream;
  UpsertJob *job;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  stream = g_new0 (CqStoreWriteStream, 1);
  stream->ref_count = 1;
  stream->queue = g_async_queue_new ();

  job = upsert_job_new (self, source_id, keep, cancellable, callback, user_data, &outer);
  job->stream = cq_store_write_stream_ref (stream);

  _cq_store_run_on_own_thread (g_steal_pointer (&outer), job, upsert_job_free, upsert_thread, upsert_done_cb);
  return stream;
}

/**
 * cq_store_upsert_items_async:
 * @keep: then trim the source to this many items, as
 *   cq_store_trim_source() does; 0 keeps all
 *
 * Writes as cq_store_upsert_items() does, on a worker thread with a second
 * connection to the file, so that the window keeps drawing (and reading
 * the store) while a large sync is stored.  The store's item objects and
 * list models hear of the change on this thread, when it is done: the
 * items someone holds a few per turn of the main loop, then the lists,
 * then @callback.  Finish with cq_store_upsert_items_finish().
 */
void
cq_store_upsert_items_async (CqStore             *self,
                             gint64               source_id,
                             GPtrArray           *items,
                             guint                keep,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  write_items_async (self, source_id, items, keep, FALSE, cancellable, callback, user_data);
}

/**
 * cq_store_add_new_items_async:
 * @keep: then trim the source to this many items; 0 keeps all
 *
 * As cq_store_upsert_items_async(), but stores only the items not stored
 * yet: a stored item keeps its text, and no revision is recorded.  For
 * what a document read in recovery holds, whose text may be cut short.
 * Finish with cq_store_upsert_items_finish(); stored items count as
 * unchanged.
 */
void
cq_store_add_new_items_async (CqStore             *self,
                              gint64               source_id,
                              GPtrArray           *items,
                              guint                keep,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  write_items_async (self, source_id, items, keep, TRUE, cancellable, callback, user_data);
}

/**
 * cq_store_upsert_items_finish:
 * @report: (out caller-allocates) (optional): how many were new, updated
 *   and unchanged
 * @removed: (out) (optional): how many old items the trim removed
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing stored
 */
gboolean
cq_store_upsert_items_finish (CqStore         *self,
                              GAsyncResult    *result,
                              CqUpsertReport  *report,
                              guint           *removed,
                              GError         **error)
{
  UpsertJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (report != NULL)
    *report = job->counts;
  if (removed != NULL)
    *removed = job->removed;
  return TRUE;
}

void
cq_revision_free (CqRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->title);
  g_free (revision->summary);
  g_free (revision->content);
  g_free (revision);
}

/**
 * cq_store_dup_revisions:
 *
 * Returns: (transfer full) (element-type CqRevision): the earlier versions
 *   of the item's text, oldest first
 */
GPtrArray *
cq_store_dup_revisions (CqStore  *self,
                        gint64    item_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) cq_revision_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  stmt = _cq_store_prepare (self,
                            "SELECT title, summary, content, replaced_at, kind FROM revisions"
                            " WHERE item_id = ?1 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CqRevision *revision = g_new0 (CqRevision, 1);

      revision->title = g_strdup (_cq_store_column_text (stmt, 0));
      revision->summary = g_strdup (_cq_store_column_text (stmt, 1));
      revision->content = g_strdup (_cq_store_column_text (stmt, 2));
      revision->replaced_at = sqlite3_column_int64 (stmt, 3);
      revision->kind = sqlite3_column_int (stmt, 4) == CQ_REVISION_PAGE_CHANGED ? CQ_REVISION_PAGE_CHANGED
                                                                                 : CQ_REVISION_FEED_EDIT;
      g_ptr_array_add (revisions, revision);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _cq_store_set_error (self, error, rc, _("read the earlier versions"));
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

/* Gives the disk back once a good part of the file is free pages: a trim
 * of thousands of items should not leave the file its old size for ever. */
static void
vacuum_if_worth_it (CqStore *self)
{
  sqlite3_stmt *stmt;
  gint64 free_pages = 0, pages = 0, page_size = 0;

  if ((stmt = _cq_store_prepare (self, "SELECT freelist_count, page_count, page_size"
                                       " FROM pragma_freelist_count, pragma_page_count, pragma_page_size", NULL)) == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      free_pages = sqlite3_column_int64 (stmt, 0);
      pages = sqlite3_column_int64 (stmt, 1);
      page_size = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (free_pages * 4 > pages && free_pages * page_size > 8 * 1024 * 1024)
    sqlite3_exec (self->db, "VACUUM", NULL, NULL, NULL);
}

/**
 * cq_store_trim_source:
 * @keep: how many of the source's items to keep, newest first; 0 keeps all
 * @removed: (out) (optional): how many went
 *
 * A source that publishes without end must not fill the disk: its oldest
 * items beyond @keep go, with their history, except those the user starred
 * or read in the last 30 days.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing removed
 */
gboolean
cq_store_trim_source (CqStore  *self,
                      gint64    source_id,
                      guint     keep,
                      guint    *removed,
                      GError  **error)
{
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (removed != NULL)
    *removed = 0;
  if (keep == 0)
    return TRUE;

  /* Most syncs find the source within its allowance: one indexed count. */
  if ((stmt = _cq_store_prepare (self, "SELECT count(*) FROM items WHERE source_id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  n = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : G_MAXUINT;
  sqlite3_reset (stmt);
  if (n <= keep)
    return TRUE;

  stmt = _cq_store_prepare (self,
                            "DELETE FROM items WHERE source_id = ?1 AND starred = 0"
                            " AND (read_at IS NULL OR read_at < unixepoch () - " G_STRINGIFY (CQ_STORE_KEEP_READ_SECONDS) ")"
                            " AND id NOT IN"
                            " (SELECT id FROM items WHERE source_id = ?1 ORDER BY sort_time DESC, id DESC LIMIT ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, keep);
  if (!_cq_store_step_done (self, stmt, N_("remove old items"), error))
    return FALSE;

  n = sqlite3_changes (self->db);
  if (removed != NULL)
    *removed = n;
  if (n > 0)
    {
      vacuum_if_worth_it (self);
      _cq_store_emit_changed (self, CQ_STORE_CHANGE_ITEMS);
    }
  return TRUE;
}
