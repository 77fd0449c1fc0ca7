/* cq-store.c: everything Communiqué keeps, in one SQLite file: opening,
 * migrating and recovering it
 *
 * One connection, write-ahead logging, a schema version with migrations.
 * Items are keyed by (source, guid), so syncing again updates text but never
 * the user's read and starred state.  Items the store hands out are shared:
 * while anyone holds an item, the store updates that same object when the
 * item changes, so a row in the window follows a change made elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#define _GNU_SOURCE  /* SCHED_IDLE */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#include <sqlite3.h>

#include "cq-store-private.h"
#include "cq-store-schema.h"
#include "cq-text.h"

#define BUSY_TIMEOUT_MS 5000


G_DEFINE_FINAL_TYPE (CqStore, cq_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cq-store-error-quark, cq_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Errors, in words. */

static CqStoreError
error_code_for (int rc)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return CQ_STORE_ERROR_EXISTS;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CQ_STORE_ERROR_CORRUPT;
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return CQ_STORE_ERROR_NO_SPACE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CQ_STORE_ERROR_BUSY;
    default:
      return CQ_STORE_ERROR_FAILED;
    }
}

static char *
damaged_marker_path (CqStore *self)
{
  return g_strconcat (self->path, ".damaged", NULL);
}

/* A damaged file found while running is set aside on the next start, when
 * no statement is using it. */
static void
remember_damage (CqStore *self)
{
  g_autofree char *marker = damaged_marker_path (self);

  g_file_set_contents (marker, "", 0, NULL);
}

gboolean
_cq_store_set_error (CqStore     *self,
                     GError     **error,
                     int          rc,
                     const char  *doing)
{
  CqStoreError code = error_code_for (rc);
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (code)
    {
    case CQ_STORE_ERROR_CORRUPT:
      remember_damage (self);
      g_set_error (error, CQ_STORE_ERROR, code,
                   _("The news database is damaged (%s). Communiqué will set it aside and start a new one when it next starts."),
                   detail);
      break;

    case CQ_STORE_ERROR_NO_SPACE:
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, CQ_STORE_ERROR, code,
                     _("The disk is full, so the news could not be saved. Nothing was changed."));
      else
        g_set_error (error, CQ_STORE_ERROR, code,
                     _("The news could not be written to the disk, which may be full or failing (%s). Nothing was changed."),
                     detail);
      break;

    case CQ_STORE_ERROR_BUSY:
      g_set_error (error, CQ_STORE_ERROR, code,
                   _("The news database is in use by another program; try again in a moment."));
      break;

    default:
      /* Translators: %s says what was being done, %s what went wrong. */
      g_set_error (error, CQ_STORE_ERROR, code, _("Could not %s: %s"), doing, detail);
      break;
    }

  return FALSE;
}

/* Statements are prepared once and kept under the address of their text,
 * which must be a string literal: rows bound while the list scrolls and
 * each item a sync writes look up two or three statements, and hashing
 * their whole text each time was 3 % of a sync's writing (callgrind). */
sqlite3_stmt *
_cq_store_prepare (CqStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _cq_store_set_error (self, error, rc, _("read the news database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (CqStore     *self,
      const char  *sql,
      const char  *doing,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _cq_store_set_error (self, error, rc, doing);
  return TRUE;
}

/* Steps a statement that writes.  @doing is untranslated (N_()), and
 * translated only when the step fails: a sync steps one for each item. */
gboolean
_cq_store_step_done (CqStore       *self,
                     sqlite3_stmt  *stmt,
                     const char    *doing,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _cq_store_set_error (self, error, rc, _(doing));
  return TRUE;
}

/* Steps a statement (prepared and bound) that reads one number, its one
 * row's first column, into @value.  @doing as for _cq_store_step_done(). */
gboolean
_cq_store_step_number (CqStore       *self,
                       sqlite3_stmt  *stmt,
                       const char    *doing,
                       gint64        *value,
                       GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _cq_store_set_error (self, error, sqlite3_reset (stmt), _(doing));
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Steps a statement that reads one row of the item @item_id.  %TRUE: the
 * row is there to read, and the caller resets @stmt after; %FALSE: @stmt
 * is reset and @error says there is no such item, or what failed. */
gboolean
_cq_store_step_item_row (CqStore       *self,
                         sqlite3_stmt  *stmt,
                         gint64         item_id,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return _cq_store_not_found (error, CQ_STORE_KIND_ITEM, item_id);
  return _cq_store_set_error (self, error, rc, _("read the item"));
}

/* Runs a statement whose first column is an item's (or a row's) id, adding
 * each to @ids; %FALSE with @error set, saying what it was @doing, when
 * SQLite fails part way. */
gboolean
_cq_store_step_ids (CqStore       *self,
                    sqlite3_stmt  *stmt,
                    GArray        *ids,
                    const char    *doing,
                    GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _cq_store_set_error (self, error, rc, doing);
  return TRUE;
}

gboolean
_cq_store_begin (CqStore  *self,
                 GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", _("start saving"), error);
}

gboolean
_cq_store_commit (CqStore  *self,
                  GError  **error)
{
  return exec (self, "COMMIT", _("save the changes"), error);
}

void
_cq_store_rollback (CqStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * _cq_store_write_deferred:
 *
 * Writes what the window gave while this store's own writes ran on a
 * worker (read and starred marks, sync states: see cq-store-items.c's
 * defer_flag()), once none runs, in one transaction; the lists then read
 * it as they read everything else.  Should that fail (another program
 * holding the file past the busy timeout, a full disk), it is kept, still
 * shown, and tried again after the next such write, or as the store
 * closes.
 */
void
_cq_store_write_deferred (CqStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean flags = self->deferred_flags != NULL;
  gboolean states = self->deferred_states != NULL;

  if (self->background_writes > 0 || (!flags && !states))
    return;
  if (!_cq_store_begin (self, &error) || !_cq_store_write_deferred_flags (self, &error) ||
      !_cq_store_write_deferred_states (self, &error) || !_cq_store_commit (self, &error))
    {
      _cq_store_rollback (self);
      g_message ("What was marked during a sync is not saved yet: %s", error->message);
      return;
    }
  g_clear_pointer (&self->deferred_states, g_hash_table_unref);
  _cq_store_forget_deferred_flags (self);
  if (flags)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_STATE);
  if (states)
    _cq_store_emit_changed (self, CQ_STORE_CHANGE_SOURCES);
}

static void
bind_text_as (sqlite3_stmt            *stmt,
              int                      index,
              const char              *text,
              sqlite3_destructor_type  kept)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, kept);
}

/* As _cq_store_bind_text(), without SQLite's copy of @text, which must
 * stay as it is until the statement is stepped: for the rows a sync
 * inserts, whose items the write holds (the copies were 4 % of an insert,
 * callgrind).  The statement's next _cq_store_prepare() lets go of it. */
void
_cq_store_bind_text_held (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  bind_text_as (stmt, index, text, SQLITE_STATIC);
}

void
_cq_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  bind_text_as (stmt, index, text, SQLITE_TRANSIENT);
}

void
_cq_store_bind_time (sqlite3_stmt *stmt,
                     int           index,
                     GDateTime    *instant)
{
  if (instant == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (instant));
}

const char *
_cq_store_column_text (sqlite3_stmt *stmt,
                       int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

GDateTime *
_cq_store_column_time (sqlite3_stmt *stmt,
                       int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, index));
}

/* @html's text for search as a sync's write read it ahead, or NULL. */
static const char *
search_text_read_ahead (CqStore    *self,
                        const char *html)
{
  return self->search_texts != NULL ? g_hash_table_lookup (self->search_texts, html) : NULL;
}

static void
result_search_text (sqlite3_context *context,
                    CqStore         *self,
                    sqlite3_value   *value)
{
  const char *html = (const char *) sqlite3_value_text (value);
  const char *ahead;

  if (html == NULL)
    sqlite3_result_null (context);
  else if ((ahead = search_text_read_ahead (self, html)) != NULL)
    sqlite3_result_text (context, ahead, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_text (context, cq_text_for_search (html), -1, g_free);
}

/* The index is plain text: markup would be found by searching for "div". */
static void
search_text_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  result_search_text (context, sqlite3_user_data (context), argv[0]);
}

/* A body's text for search, kept for the summary beside it: the summary
 * asks first (see search_summary_func()), and most are the body's first
 * words.  One a connection, used on that connection's thread alone. */
typedef struct {
  CqStore *store;
  char    *html;
  char    *text;
} SearchMemo;

static void
search_memo_free (gpointer data)
{
  SearchMemo *memo = data;

  g_free (memo->html);
  g_free (memo->text);
  g_free (memo);
}

static const char *
search_memo_body (SearchMemo *memo,
                  const char *html)
{
  const char *ahead = search_text_read_ahead (memo->store, html);

  if (ahead != NULL)
    return ahead;
  if (memo->html == NULL || strcmp (memo->html, html) != 0)
    {
      g_free (memo->html);
      g_free (memo->text);
      memo->html = g_strdup (html);
      memo->text = cq_text_for_search (html);
    }
  return memo->text;
}

/* cq_search_body (html): as cq_search_text(), for the body column. */
static void
search_body_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  const char *html = (const char *) sqlite3_value_text (argv[0]);

  if (html == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, search_memo_body (sqlite3_user_data (context), html), -1, SQLITE_TRANSIENT);
}

static char *
summary_for_search (const char *summary,
                    const char *body_text)
{
  if (summary == NULL || (body_text != NULL && cq_text_opens (body_text, summary)))
    return NULL;
  return cq_text_for_search (summary);
}

/* cq_search_summary (summary, body html): the summary's text for search,
 * or NULL when the body's text opens with it.  Most feeds' summaries are
 * their bodies' first words, as plain text; indexed twice, they cost a
 * sync a quarter of its index work and found nothing more.  The summary
 * is compared as it is shown, plain, before it is read for search. */
static void
search_summary_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const char *summary = (const char *) sqlite3_value_text (argv[0]);
  const char *body = (const char *) sqlite3_value_text (argv[1]);
  char *text = summary_for_search (summary, body != NULL ? search_memo_body (sqlite3_user_data (context), body) : NULL);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, text, -1, g_free);
}

/**
 * _cq_indexed_texts_new:
 * @item: an item about to be inserted as it is (no full statement yet)
 *
 * Reads what the search index will hold of @item's row, as
 * cq_search_text (title), cq_search_summary (summary, content) and
 * cq_search_body (content) would read it from the row: a sync's write
 * has them read on the thread that parses, and its index statement finds
 * them by the row's id (the cq_*_of() functions), as long as the row
 * still holds @item's text.
 *
 * Returns: (transfer full): the texts, their id not known yet
 */
CqIndexedTexts *
_cq_indexed_texts_new (CqItem *item)
{
  CqIndexedTexts *texts = g_new0 (CqIndexedTexts, 1);
  const char *title = cq_item_get_title (item);
  const char *body = cq_item_get_content (item);

  texts->item = g_object_ref (item);
  texts->title = title != NULL ? cq_text_for_search (title) : NULL;
  texts->body = body != NULL ? cq_text_for_search (body) : NULL;
  texts->summary = summary_for_search (cq_item_get_summary (item), texts->body);
  return texts;
}

void
_cq_indexed_texts_free (CqIndexedTexts *texts)
{
  if (texts == NULL)
    return;
  g_object_unref (texts->item);
  g_free (texts->title);
  g_free (texts->summary);
  g_free (texts->body);
  g_free (texts);
}

/* The texts the write under way read ahead for the row of this id, or
 * NULL. */
static const CqIndexedTexts *
indexed_texts_of (SearchMemo    *memo,
                  sqlite3_value *id_value)
{
  GHashTable *texts = memo->store->indexed_texts;
  gint64 id = sqlite3_value_int64 (id_value);

  return texts != NULL ? g_hash_table_lookup (texts, &id) : NULL;
}

/* Whether a column of the row holds what the item the texts were read
 * from has: a row the write edited after inserting it (a guid twice in
 * one feed) is read from its columns, as the index will be asked to take
 * its words out again. */
static gboolean
holds (sqlite3_value *column,
       const char    *text)
{
  return g_strcmp0 ((const char *) sqlite3_value_text (column), text) == 0;
}

/* The texts outlive the statement: the write holds them to its end. */
static void
result_text_or_null (sqlite3_context *context,
                     const char      *text)
{
  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, text, -1, SQLITE_STATIC);
}

/* cq_search_text_of (id, title), cq_search_summary_of (id, summary, body)
 * and cq_search_body_of (id, body): what the same functions without _of
 * give for the row's own columns, taken as the write read it ahead when it
 * did (see _cq_indexed_texts_new()). */
static void
search_text_of_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  SearchMemo *memo = sqlite3_user_data (context);
  const CqIndexedTexts *texts = indexed_texts_of (memo, argv[0]);

  if (texts != NULL && holds (argv[1], cq_item_get_title (texts->item)))
    result_text_or_null (context, texts->title);
  else
    result_search_text (context, memo->store, argv[1]);
}

static void
search_summary_of_func (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  const CqIndexedTexts *texts = indexed_texts_of (sqlite3_user_data (context), argv[0]);

  if (texts != NULL && holds (argv[1], cq_item_get_summary (texts->item)) &&
      holds (argv[2], cq_item_get_content (texts->item)))
    result_text_or_null (context, texts->summary);
  else
    search_summary_func (context, argc - 1, argv + 1);
}

static void
search_body_of_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const CqIndexedTexts *texts = indexed_texts_of (sqlite3_user_data (context), argv[0]);

  if (texts != NULL && holds (argv[1], cq_item_get_content (texts->item)))
    result_text_or_null (context, texts->body);
  else
    search_body_func (context, argc - 1, argv + 1);
}

static void
cq_store_finalize (GObject *object)
{
  CqStore *self = CQ_STORE (object);

  g_clear_pointer (&self->live_items, g_hash_table_unref);
  g_clear_pointer (&self->deferred_flags, g_hash_table_unref);
  g_clear_pointer (&self->deferred_states, g_hash_table_unref);
  g_clear_pointer (&self->home_zones, g_hash_table_unref);
  g_clear_pointer (&self->reported_unreadable, g_hash_table_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_object (&self->writer);
  g_mutex_clear (&self->writer_lock);
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  /* After the connection it watches. */
  g_clear_pointer (&self->checkpointer, _cq_checkpointer_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cq_store_parent_class)->finalize (object);
}

void
_cq_store_forget_live_item (gpointer  data,
                            GObject  *where_the_object_was)
{
  CqStore *self = data;
  /* Weak notifications run before finalize, so the id is still there. */
  gint64 id = cq_item_get_id ((CqItem *) where_the_object_was);

  if (g_hash_table_lookup (self->live_items, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->live_items, &id);
}

static void
cq_store_dispose (GObject *object)
{
  CqStore *self = CQ_STORE (object);
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->db != NULL)
    _cq_store_write_deferred (self);
  if (self->live_items != NULL)
    {
      g_hash_table_iter_init (&iter, self->live_items);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, _cq_store_forget_live_item, self);
      g_hash_table_remove_all (self->live_items);
    }

  G_OBJECT_CLASS (cq_store_parent_class)->dispose (object);
}

static void
cq_store_class_init (CqStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cq_store_dispose;
  object_class->finalize = cq_store_finalize;

  /**
   * CqStore::changed:
   * @store: the store
   * @what: #CqStoreChange flags saying what kind of data changed
   *
   * Emitted after a change has been committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
cq_store_init (CqStore *self)
{
  g_mutex_init (&self->writer_lock);
  g_mutex_init (&self->reader_lock);
  self->fts_pending_after = -1;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->live_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->home_zones = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_time_zone_unref);
  self->reported_unreadable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
_cq_store_emit_changed (CqStore       *self,
                        CqStoreChange  what)
{
  if (what & (CQ_STORE_CHANGE_ITEMS | CQ_STORE_CHANGE_SOURCES))
    g_clear_pointer (&self->order, g_array_unref);
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
}

gboolean
_cq_store_not_found (GError     **error,
                     CqStoreKind  kind,
                     gint64       id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (kind == CQ_STORE_KIND_ITEM)
    g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND,
                 _("There is no item with the id %s."), number);
  else
    g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND,
                 _("There is no source with the id %s."), number);
  return FALSE;
}

/* Opening, checking and migrating. */

/**
 * cq_store_default_path:
 * @data_dir: (nullable): a directory given on the command line, or %NULL
 *
 * Returns: (transfer full): where the database file lives: in @data_dir,
 *   else in $COMMUNIQUE_DATA_DIR, else in the user's data directory
 */
char *
cq_store_default_path (const char *data_dir)
{
  const char *env = g_getenv ("COMMUNIQUE_DATA_DIR");

  if (data_dir != NULL && *data_dir != '\0')
    return g_build_filename (data_dir, "communique.db", NULL);
  if (env != NULL && *env != '\0')
    return g_build_filename (env, "communique.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "communique", "communique.db", NULL);
}

/* Whether the triggers that keep the search index are to keep this item's
 * words there now: not when the end of the write under way on this
 * connection indexes it (a row the write added, or one it edits). */
static void
fts_indexed_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  CqStore *self = sqlite3_user_data (context);
  gint64 id = sqlite3_value_int64 (argv[0]);

  sqlite3_result_int (context, self->fts_pending_after < 0 ||
                               (id <= self->fts_pending_after &&
                                (self->fts_reindex == NULL || !g_hash_table_contains (self->fts_reindex, &id))));
}

static gboolean
configure_connection (CqStore  *self,
                      GError  **error)
{
  int rc;

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* No checkpoint inside a commit: a worker's, after it. */
  if (self->checkpointer != NULL)
    _cq_checkpointer_watch (self->checkpointer, self->db);

  rc = sqlite3_create_function (self->db, "cq_search_text", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                self, search_text_func, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      static const struct {
        const char *name;
        int         n_args;
        void      (*func) (sqlite3_context *, int, sqlite3_value **);
      } shared[] = {
        { "cq_search_body", 1, search_body_func },
        { "cq_search_text_of", 2, search_text_of_func },
        { "cq_search_summary_of", 3, search_summary_of_func },
        { "cq_search_body_of", 2, search_body_of_func },
        { "cq_search_summary", 2, search_summary_func },
      };
      SearchMemo *memo = g_new0 (SearchMemo, 1);
      guint i;

      memo->store = self;
      /* They share the memo; SQLite frees it with the last, even when
       * that one cannot be made. */
      for (i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (shared); i++)
        rc = sqlite3_create_function_v2 (self->db, shared[i].name, shared[i].n_args,
                                         SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                         memo, shared[i].func, NULL, NULL,
                                         i == G_N_ELEMENTS (shared) - 1 ? search_memo_free : NULL);
      if (rc != SQLITE_OK && i < G_N_ELEMENTS (shared))
        search_memo_free (memo);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "cq_fts_indexed", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  self, fts_indexed_func, NULL, NULL);
  if (rc != SQLITE_OK)
    return _cq_store_set_error (self, error, rc, _("open the news database"));

  /* A new file's pages are 16 KB (SQLite's default is 4), set before
   * its journal mode fixes them; a file that exists keeps its own.  A
   * first sync of 10,000 items took 205-223 ms with 4 KB pages and 143-148
   * with 16 KB (bench-sync, alternated): a quarter as many index splits
   * and log frames to write.  The window's reads at 100,000 items,
   * alternated against the same build with 4 KB pages: scroll p95 ratio
   * median 1.36 against 1.33 (seven pairs), search median 1.28 against
   * 1.23 (three): within this machine's noise, at most a few per cent. */
  return exec (self, "PRAGMA page_size = " G_STRINGIFY (CQ_STORE_PAGE_SIZE), _("open the news database"), error) &&
         exec (self, "PRAGMA journal_mode = WAL", _("open the news database"), error) &&
         exec (self, "PRAGMA synchronous = NORMAL", _("open the news database"), error) &&
         exec (self, "PRAGMA foreign_keys = ON", _("open the news database"), error) &&
         exec (self, "PRAGMA secure_delete = OFF", _("open the news database"), error) &&
         /* A sync of thousands of items is one transaction; a page cache
          * that holds it spares SQLite writing pages to the log twice.  The
          * window's connection reads a screenful at a time, and SQLite
          * empties its cache whenever a worker has written: a small one
          * is emptied in less of a frame. */
         exec (self, self->is_worker ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -8192",
               _("open the news database"), error) &&
         exec (self, "PRAGMA temp_store = MEMORY", _("open the news database"), error);
}

static gboolean
read_user_version (CqStore  *self,
                   guint    *version,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *version = (guint) sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _cq_store_set_error (self, error, rc, _("open the news database"));
  return TRUE;
}

static gboolean
migrate (CqStore  *self,
         guint     from,
         GError  **error)
{
  for (guint version = from; version < G_N_ELEMENTS (cq_store_migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version + 1);

      g_debug ("Migrating %s from schema %u to %u", self->path, version, version + 1);
      if (!_cq_store_begin (self, error))
        return FALSE;
      if (!exec (self, cq_store_migrations[version], _("update the news database"), error) ||
          !exec (self, bump, _("update the news database"), error) ||
          !_cq_store_commit (self, error))
        {
          _cq_store_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reading one row of each table finds a file whose pages are damaged
 * before the user's first click does, at almost no cost. */
static gboolean
check_readable (CqStore  *self,
                GError  **error)
{
  return exec (self, "SELECT count(*) FROM sqlite_master", _("open the news database"), error) &&
         exec (self, "SELECT id FROM sources LIMIT 1", _("open the news database"), error) &&
         exec (self, "SELECT id, title FROM items ORDER BY sort_time DESC LIMIT 1",
               _("open the news database"), error);
}

/* SQLite counts every allocation under a global mutex, for statistics
 * nothing here reads; a first sync makes millions.  Only possible before
 * SQLite's first use in the process: said once, before the first open. */
static void
configure_sqlite_once (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&once, 1);
    }
}

static gboolean
open_connection (CqStore  *self,
                 GError  **error)
{
  guint version = 0;
  int rc;

  configure_sqlite_once ();
  /* The window's connection makes the checkpointer its workers share; a
   * file opened again (set aside as damaged) gets a new one. */
  if (!self->is_worker)
    {
      g_clear_pointer (&self->checkpointer, _cq_checkpointer_unref);
      self->checkpointer = _cq_checkpointer_new (self->path);
    }
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    return _cq_store_set_error (self, error, rc, _("open the news database"));

  /* Reading the version is the first thing done to the file, so a file
   * that is not a database, or is newer than we are, is refused before
   * anything is written to it. */
  if (!read_user_version (self, &version, error))
    return FALSE;

  if (version > G_N_ELEMENTS (cq_store_migrations))
    {
      g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_TOO_NEW,
                   _("The news database at %s was written by a newer version of Communiqué (schema %u; this version knows up to %u). Update Communiqué to open it."),
                   self->path, version, (guint) G_N_ELEMENTS (cq_store_migrations));
      return FALSE;
    }

  if (!configure_connection (self, error) || !migrate (self, version, error) || !check_readable (self, error))
    return FALSE;
  if (!self->is_worker)
    {
      sqlite3_stmt *stmt = _cq_store_prepare (self, "PRAGMA page_size", NULL);
      gint64 page_size = 0;

      /* Fixed now that the file has its tables. */
      if (stmt != NULL && _cq_store_step_number (self, stmt, N_("open the news database"), &page_size, NULL))
        _cq_checkpointer_set_page_size (self->checkpointer, (int) page_size);
      _cq_checkpointer_request_if_long (self->checkpointer);
    }
  return TRUE;
}

static void
close_connection (CqStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
}

/* The damaged file, its write-ahead log and shared memory move together, so
 * that nothing the user had is ever deleted and the new file starts clean. */
static char *
set_aside (const char  *path,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  /* A second file set aside within the same second must not replace the
   * first: what was set aside is never lost. */
  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The news database at %s is damaged and could not be set aside: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&aside);
}

static gboolean
marked_damaged (CqStore *self)
{
  g_autofree char *marker = damaged_marker_path (self);

  return g_file_test (marker, G_FILE_TEST_EXISTS);
}

static CqStore *
recover (CqStore  *self,
         GError   *cause,
         GError  **error)
{
  g_autofree char *marker = damaged_marker_path (self);
  g_autofree char *aside = NULL;
  g_autoptr(GError) local_error = NULL;

  close_connection (self);
  if (!(aside = set_aside (self->path, error)))
    return NULL;
  g_unlink (marker);

  if (!open_connection (self, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("Set aside the damaged store %s as %s: %s", self->path, aside,
             cause != NULL ? cause->message : "marked damaged");
  g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_RECOVERED,
               _("The news database was damaged. It was moved to %s and a new, empty one was made; news will be fetched again."),
               aside);
  return NULL;
}

/* The folder the store lives in, made if need be; a folder that is a link
 * to nowhere, or that cannot be written, is said as such instead of as a
 * database error later. */
static gboolean
usable_folder (const char  *dir,
               GError     **error)
{
  if (g_file_test (dir, G_FILE_TEST_IS_SYMLINK) && !g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_autofree char *target = g_file_read_link (dir, NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder for the news database, %s, is a link to %s, which does not exist."),
                   dir, target != NULL ? target : "?");
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder %s for the news database: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The folder %s cannot be written (%s), so the news database cannot be kept there."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * cq_store_open:
 * @path: the database file; it and its directory are made when missing
 *
 * A file that is not a database, or is damaged, is moved aside (never
 * deleted) and a fresh one is made in its place; this returns %NULL with
 * %CQ_STORE_ERROR_RECOVERED saying where the old file went, and opening
 * again succeeds.
 *
 * Returns: (transfer full): the store, or %NULL with @error set in words
 */
CqStore *
cq_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CqStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!usable_folder (dir, error))
    return NULL;

  self = g_object_new (CQ_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (marked_damaged (self))
    return recover (self, NULL, error);

  if (!open_connection (self, &local_error))
    {
      if (g_error_matches (local_error, CQ_STORE_ERROR, CQ_STORE_ERROR_CORRUPT))
        return recover (self, local_error, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Changes another connection committed since this one last asked bump
 * the number; this connection's own do not. */
gboolean
_cq_store_read_data_version (CqStore *self,
                             gint64  *version)
{
  sqlite3_stmt *stmt = _cq_store_prepare (self, "PRAGMA data_version", NULL);

  return stmt != NULL && _cq_store_step_number (self, stmt, N_("read the news database"), version, NULL);
}

/* The store's own worker has written: that is no other program's change. */
void
_cq_store_note_own_writes (CqStore *self)
{
  _cq_store_read_data_version (self, &self->known_data_version);
}

static gboolean
follow_cb (gpointer data)
{
  CqStore *self = data;
  g_autoptr(GList) ids = NULL;
  gint64 version;

  if (!_cq_store_read_data_version (self, &version) || version == self->known_data_version)
    return G_SOURCE_CONTINUE;
  self->known_data_version = version;

  /* Anything may have changed: the items handed out are read again, and
   * every list reads its order again. */
  ids = g_hash_table_get_keys (self->live_items);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      CqItem *item = cq_store_dup_item (self, *(gint64 *) l->data, NULL);

      g_clear_object (&item);
    }
  g_hash_table_remove_all (self->home_zones);
  /* Another program's write, as a sync's: lists read their order on a worker. */
  _cq_store_emit_changed (self, CQ_STORE_CHANGE_ITEMS | CQ_STORE_CHANGE_STATE | CQ_STORE_CHANGE_SOURCES |
                                CQ_STORE_CHANGE_BACKGROUND);
  return G_SOURCE_CONTINUE;
}

/**
 * cq_store_follow_other_writers:
 * @interval_seconds: how often to look
 *
 * Another program writing the same file (`communique-cli mark`, `add`,
 * `sync`) is noticed within @interval_seconds: the items handed out are
 * read again and the store says that it changed, as for its own writes.
 * Looking costs one PRAGMA.
 */
void
cq_store_follow_other_writers (CqStore *self,
                               guint    interval_seconds)
{
  g_return_if_fail (CQ_IS_STORE (self));
  g_return_if_fail (interval_seconds > 0);

  g_clear_handle_id (&self->follow_id, g_source_remove);
  _cq_store_note_own_writes (self);
  self->follow_id = g_timeout_add_seconds (interval_seconds, follow_cb, self);
}

static GTask *
inner_task (GTask               *outer,
            gpointer             job,
            GDestroyNotify       job_free,
            GAsyncReadyCallback  done)
{
  GTask *inner = g_task_new (NULL, NULL, done, outer);

  g_task_set_task_data (outer, job, job_free);
  g_task_set_task_data (inner, job, NULL);
  return inner;
}

typedef struct {
  GTask           *task;
  GTaskThreadFunc  thread_func;
} BackgroundRun;

/* Set once by a program with a window, before its first sync. */
static gint gives_way;

/**
 * cq_store_set_background_gives_way:
 * @gives_way: whether this program's background threads run as SCHED_IDLE
 *
 * For the whole program.  A program with a window sets it, so that a
 * large sync's parse and write, the log's checkpoint and the like run on
 * what the window's drawing (and every other program) leaves the cores;
 * `communique-cli`, whose user is waiting for them, leaves them at
 * %CQ_STORE_BACKGROUND_NICE only.
 *
 * A nice value alone does little for a window: with a busy loop at nice
 * 10 beside it, the window scrolling on llvmpipe drew 28 % fewer frames
 * (one at nice 0, 34 %), and with one at SCHED_IDLE, 2 %, since Linux
 * lets a thread woken at normal priority run at once over an idle one
 * only (bench-sync-stall: mean frame interval while syncing 1.19 of the
 * idle window's at nice 10, 1.13 at SCHED_IDLE, six alternated runs).
 * GNOME's Tracker runs its miners so.  The price is throughput: a large
 * first sync takes longer on a busy machine (bench-sync alone, eight
 * alternated runs: ratio median 1.31 against 1.23 at nice 10), never
 * longer to draw.  Nothing the window does waits for these threads (the
 * store keeps its writes meanwhile, _cq_store_write_deferred()), and a
 * parse's budget counts its own processor time (cq-sync-engine.c).
 */
void
cq_store_set_background_gives_way (gboolean gives_way_)
{
  g_atomic_int_set (&gives_way, !!gives_way_);
}

/* A thread of its own can give way for good: its scheduling is this
 * thread's alone (Linux), and the thread ends after. */
static void
give_way (void)
{
#ifdef SCHED_IDLE
  struct sched_param param = { 0 };

  if (g_atomic_int_get (&gives_way) && sched_setscheduler (0, SCHED_IDLE, &param) != 0)
    g_debug ("A background thread runs at nice %d only: %s", CQ_STORE_BACKGROUND_NICE, g_strerror (errno));
#endif
  setpriority (PRIO_PROCESS, 0, CQ_STORE_BACKGROUND_NICE);
}

static gpointer
run_in_background (gpointer data)
{
  BackgroundRun *run = data;

  give_way ();
  run->thread_func (run->task, g_task_get_source_object (run->task), g_task_get_task_data (run->task),
                    g_task_get_cancellable (run->task));
  g_object_unref (run->task);
  g_free (run);
  return NULL;
}

/**
 * cq_store_run_task_in_background:
 *
 * Runs @thread_func for @task as g_task_run_in_thread() does, but on a
 * thread of its own rather than one of GLib's shared pool, at
 * %CQ_STORE_BACKGROUND_NICE, and as SCHED_IDLE in a program with a window
 * (cq_store_set_background_gives_way()): for work that waits on other
 * work (a streamed write waits for its parse, which may need a thread of
 * that pool) and that the window's drawing should win the cores from.
 * With no thread to be had, the pool's.
 */
void
cq_store_run_task_in_background (GTask           *task,
                                 GTaskThreadFunc  thread_func)
{
  BackgroundRun *run = g_new0 (BackgroundRun, 1);
  GThread *thread;

  run->task = g_object_ref (task);
  run->thread_func = thread_func;
  thread = g_thread_try_new ("cq-background", run_in_background, run, NULL);
  if (thread != NULL)
    {
      g_thread_unref (thread);
      return;
    }
  g_object_unref (run->task);
  g_free (run);
  g_task_run_in_thread (task, thread_func);
}

/*
 * _cq_store_run_on_own_thread:
 * @outer: (transfer full): the caller's task, on this thread, whose source
 *   is the store
 * @job: (transfer full): what the worker needs, owned by @outer from now on
 * @done: called on this thread with the inner task's result and @outer
 *
 * Runs @thread_func with @job on a thread of its own that gives way (see
 * cq_store_run_task_in_background()).  The outer task holds the store and
 * the job until the thread is done; the inner one, which the thread may be
 * the last to let go of, holds neither, so the store is never finalized
 * off this thread.
 */
void
_cq_store_run_on_own_thread (GTask               *outer,
                             gpointer             job,
                             GDestroyNotify       job_free,
                             GTaskThreadFunc      thread_func,
                             GAsyncReadyCallback  done)
{
  g_autoptr(GTask) inner = inner_task (outer, job, job_free, done);

  cq_store_run_task_in_background (inner, thread_func);
}

/* A worker's connection (the writer or the reader), opened on first use
 * into @slot; call it with that connection's lock held.  A file found
 * damaged here is the main connection's to recover. */
CqStore *
_cq_store_open_worker_connection (CqStore  *self,
                                  CqStore **slot,
                                  GError  **error)
{
  g_autoptr(CqStore) connection = NULL;

  if (*slot != NULL)
    return *slot;
  connection = g_object_new (CQ_TYPE_STORE, NULL);
  connection->path = g_strdup (self->path);
  connection->is_worker = TRUE;
  if (self->checkpointer != NULL)
    connection->checkpointer = _cq_checkpointer_ref (self->checkpointer);
  if (!open_connection (connection, error))
    return NULL;
  *slot = g_steal_pointer (&connection);
  return *slot;
}

const char *
cq_store_get_path (CqStore *self)
{
  g_return_val_if_fail (CQ_IS_STORE (self), NULL);
  return self->path;
}

guint
cq_store_get_schema_version (CqStore *self)
{
  guint version = 0;

  g_return_val_if_fail (CQ_IS_STORE (self), 0);

  read_user_version (self, &version, NULL);
  return version;
}

