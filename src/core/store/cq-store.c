/* cq-store.c: everything Communiqué keeps, in one SQLite file
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

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cq-item-private.h"
#include "cq-store.h"
#include "cq-store-schema.h"
#include "cq-text.h"

#define BUSY_TIMEOUT_MS 5000

struct _CqStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GHashTable *live_items;   /* gint64 id → CqItem (weak) */
};

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

static gboolean
set_error (CqStore     *self,
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

/* Statements are prepared once and kept; keys are static strings. */
static sqlite3_stmt *
prepare (CqStore     *self,
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
      set_error (self, error, rc, _("read the news database"));
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
    return set_error (self, error, rc, doing);
  return TRUE;
}

static gboolean
step_done (CqStore       *self,
           sqlite3_stmt  *stmt,
           const char    *doing,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_error (self, error, rc, doing);
  return TRUE;
}

static gboolean
begin (CqStore  *self,
       GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", _("start saving"), error);
}

static gboolean
commit (CqStore  *self,
        GError  **error)
{
  return exec (self, "COMMIT", _("save the changes"), error);
}

static void
rollback (CqStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *instant)
{
  if (instant == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (instant));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

static GDateTime *
column_time (sqlite3_stmt *stmt,
             int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, index));
}

/* The index is plain text: markup would be found by searching for "div". */
static void
search_text_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *html = (const char *) sqlite3_value_text (argv[0]);
  char *text;

  if (html == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  text = cq_text_for_search (html);
  sqlite3_result_text (context, text, -1, g_free);
}

static void
cq_store_finalize (GObject *object)
{
  CqStore *self = CQ_STORE (object);

  g_clear_pointer (&self->live_items, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cq_store_parent_class)->finalize (object);
}

static void
forget_live_item (gpointer  data,
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

  if (self->live_items != NULL)
    {
      g_hash_table_iter_init (&iter, self->live_items);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, forget_live_item, self);
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
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->live_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
emit_changed (CqStore       *self,
              CqStoreChange  what)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
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

static gboolean
configure_connection (CqStore  *self,
                      GError  **error)
{
  int rc;

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  rc = sqlite3_create_function (self->db, "cq_search_text", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                NULL, search_text_func, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, error, rc, _("open the news database"));

  return exec (self, "PRAGMA journal_mode = WAL", _("open the news database"), error) &&
         exec (self, "PRAGMA synchronous = NORMAL", _("open the news database"), error) &&
         exec (self, "PRAGMA foreign_keys = ON", _("open the news database"), error) &&
         exec (self, "PRAGMA secure_delete = OFF", _("open the news database"), error) &&
         /* A sync of thousands of items is one transaction; a page cache
          * that holds it spares SQLite writing pages to the log twice. */
         exec (self, "PRAGMA cache_size = -32768", _("open the news database"), error) &&
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
    return set_error (self, error, rc, _("open the news database"));
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
      if (!begin (self, error))
        return FALSE;
      if (!exec (self, cq_store_migrations[version], _("update the news database"), error) ||
          !exec (self, bump, _("update the news database"), error) ||
          !commit (self, error))
        {
          rollback (self);
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

static gboolean
open_connection (CqStore  *self,
                 GError  **error)
{
  guint version = 0;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    return set_error (self, error, rc, _("open the news database"));

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

  return configure_connection (self, error) &&
         migrate (self, version, error) && check_readable (self, error);
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
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder %s for the news database: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

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

/* Sources. */

/**
 * cq_store_add_source:
 *
 * Returns: the new source's id, or 0 with @error set (%CQ_STORE_ERROR_EXISTS
 *   when a source with the profile's id is already stored)
 */
gint64
cq_store_add_source (CqStore    *self,
                     CqProfile  *profile,
                     GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CQ_IS_STORE (self), 0);
  g_return_val_if_fail (CQ_IS_PROFILE (profile), 0);

  stmt = prepare (self,
                  "INSERT INTO sources (key, profile_name, profile, created)"
                  " VALUES (?1, ?2, ?3, unixepoch ())",
                  error);
  if (stmt == NULL)
    return 0;

  data = cq_profile_to_data (profile);
  bind_text (stmt, 1, cq_profile_get_id (profile));
  bind_text (stmt, 2, cq_profile_get_name (profile));
  bind_text (stmt, 3, data);

  if (!step_done (self, stmt, _("add the source"), &local_error))
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

  id = sqlite3_last_insert_rowid (self->db);
  emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return id;
}

typedef enum {
  KIND_ITEM,
  KIND_SOURCE,
} Kind;

static gboolean
not_found (GError **error,
           Kind     kind,
           gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (kind == KIND_ITEM)
    g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND,
                 _("There is no item with the id %s."), number);
  else
    g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND,
                 _("There is no source with the id %s."), number);
  return FALSE;
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

  stmt = prepare (self, "DELETE FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!step_done (self, stmt, _("remove the source"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, KIND_SOURCE, source_id);

  emit_changed (self, CQ_STORE_CHANGE_SOURCES | CQ_STORE_CHANGE_ITEMS);
  return TRUE;
}

/**
 * cq_store_make_source_id:
 * @url: the source's address
 *
 * "news.example.org/en/feed.xml" becomes "news-example-org-en-feed-xml",
 * with "-2", "-3", … when the store has that id already.
 *
 * Returns: (transfer full): a profile id no stored source has
 */
char *
cq_store_make_source_id (CqStore    *self,
                         const char *url)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GString) id = g_string_new (NULL);
  const char *start;
  g_autofree char *candidate = NULL;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  sources = cq_store_dup_sources (self, NULL);
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

  candidate = g_strdup (id->str);
  for (guint n = 2; sources != NULL; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < sources->len && !taken; i++)
        taken = g_str_equal (cq_profile_get_id (cq_source_get_profile (sources->pdata[i])), candidate);
      if (!taken)
        break;
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
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (text != NULL)
    bind_text (stmt, 2, text);
  else
    sqlite3_bind_int (stmt, 2, number);
  if (!step_done (self, stmt, _("save the source"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, KIND_SOURCE, source_id);

  emit_changed (self, CQ_STORE_CHANGE_SOURCES);
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
 * cq_store_rename_source:
 * @name: (nullable): the user's name for it, or %NULL for the profile's
 */
gboolean
cq_store_rename_source (CqStore     *self,
                        gint64       source_id,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  if (name == NULL || *name == '\0')
    return update_source (self, "UPDATE sources SET custom_name = NULL WHERE id = ?1 AND ?2 = 0",
                          source_id, NULL, 0, error);
  return update_source (self, "UPDATE sources SET custom_name = ?2 WHERE id = ?1",
                        source_id, name, 0, error);
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
  return update_source (self, "UPDATE sources SET profile = ?2 WHERE id = ?1",
                        source_id, data, 0, error);
}

static CqSource *
source_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;

  profile = cq_profile_new_from_data (column_text (stmt, 1), -1, &local_error);
  if (profile == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

      g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_CORRUPT,
                   _("The stored source %s cannot be read: %s"), number, local_error->message);
      return NULL;
    }

  return cq_source_new (sqlite3_column_int64 (stmt, 0), profile,
                        column_text (stmt, 2), sqlite3_column_int (stmt, 3));
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

  stmt = prepare (self, "SELECT id, profile, custom_name, enabled FROM sources ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CqSource *source = source_from_row (stmt, error);

      if (source == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (sources, source);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, error, rc, _("read the sources"));
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

  stmt = prepare (self, "SELECT id, profile, custom_name, enabled FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      not_found (error, KIND_SOURCE, source_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      set_error (self, error, rc, _("read the source"));
      return NULL;
    }

  source = source_from_row (stmt, error);
  sqlite3_reset (stmt);
  return source;
}

/* Items. */

#define ITEM_COLUMNS \
  "i.id, i.source_id, COALESCE (s.custom_name, s.profile_name), i.guid, i.title, i.link," \
  " i.published, i.published_is_date, i.updated, i.summary," \
  " COALESCE (i.full_content, i.content), i.author, i.first_seen, i.read, i.starred," \
  " i.full_content IS NOT NULL," \
  " (SELECT count(*) FROM revisions r WHERE r.item_id = i.id)"

static void
fill_item (CqItem       *item,
           sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) published = column_time (stmt, 6);
  g_autoptr(GDateTime) updated = column_time (stmt, 8);
  g_autoptr(GDateTime) first_seen = column_time (stmt, 12);

  g_object_freeze_notify (G_OBJECT (item));
  _cq_item_set_stored (item, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                       column_text (stmt, 2), first_seen);
  cq_item_set_title (item, column_text (stmt, 4));
  cq_item_set_link (item, column_text (stmt, 5));
  cq_item_set_published (item, published);
  cq_item_set_published_is_date (item, sqlite3_column_int (stmt, 7));
  cq_item_set_updated (item, updated);
  cq_item_set_summary (item, column_text (stmt, 9));
  cq_item_set_content (item, column_text (stmt, 10));
  cq_item_set_author (item, column_text (stmt, 11));
  cq_item_set_read (item, sqlite3_column_int (stmt, 13));
  cq_item_set_starred (item, sqlite3_column_int (stmt, 14));
  cq_item_set_full_text_fetched (item, sqlite3_column_int (stmt, 15));
  _cq_item_set_revision_count (item, sqlite3_column_int (stmt, 16));
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
  g_object_weak_ref (G_OBJECT (item), forget_live_item, self);
}

/* Loads the row into a new item, or into the item already handed out. */
static CqItem *
load_item (CqStore  *self,
           gint64    item_id,
           gboolean  refresh_only,
           GError  **error)
{
  sqlite3_stmt *stmt;
  CqItem *live = lookup_live_item (self, item_id);
  CqItem *item;
  int rc;

  if (refresh_only && live == NULL)
    return NULL;

  stmt = prepare (self,
                  "SELECT " ITEM_COLUMNS " FROM items i JOIN sources s ON s.id = i.source_id"
                  " WHERE i.id = ?1",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        not_found (error, KIND_ITEM, item_id);
      else
        set_error (self, error, rc, _("read the item"));
      return NULL;
    }

  item = live != NULL ? g_object_ref (live) : cq_item_new (column_text (stmt, 3));
  fill_item (item, stmt);
  sqlite3_reset (stmt);

  if (live == NULL)
    remember_live_item (self, item);
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

static void
refresh_live_item (CqStore *self,
                   gint64   item_id)
{
  CqItem *item = load_item (self, item_id, TRUE, NULL);

  g_clear_object (&item);
}

static gboolean
set_flag (CqStore     *self,
          const char  *sql,
          gint64       item_id,
          gboolean     value,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, !!value);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (!step_done (self, stmt, _("save the item"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(CqItem) exists = load_item (self, item_id, FALSE, error);

      /* Setting a flag to the value it has already is not an error. */
      return exists != NULL;
    }

  refresh_live_item (self, item_id);
  emit_changed (self, CQ_STORE_CHANGE_STATE);
  return TRUE;
}

gboolean
cq_store_set_read (CqStore   *self,
                   gint64     item_id,
                   gboolean   read,
                   GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return set_flag (self, "UPDATE items SET read = ?1 WHERE id = ?2 AND read != ?1",
                   item_id, read, error);
}

gboolean
cq_store_set_starred (CqStore   *self,
                      gint64     item_id,
                      gboolean   starred,
                      GError   **error)
{
  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);

  return set_flag (self, "UPDATE items SET starred = ?1 WHERE id = ?2 AND starred != ?1",
                   item_id, starred, error);
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

  stmt = prepare (self, "UPDATE items SET full_content = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, content);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (!step_done (self, stmt, _("save the full statement"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, KIND_ITEM, item_id);

  refresh_live_item (self, item_id);
  emit_changed (self, CQ_STORE_CHANGE_ITEMS);
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
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT id, title, summary, content, link, author,"
                                " published, updated, published_is_date"
                                " FROM items WHERE source_id = ?1 AND guid = ?2",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text (stmt, 2, guid);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      stored->id = sqlite3_column_int64 (stmt, 0);
      stored->title = g_strdup (column_text (stmt, 1));
      stored->summary = g_strdup (column_text (stmt, 2));
      stored->content = g_strdup (column_text (stmt, 3));
      stored->link = g_strdup (column_text (stmt, 4));
      stored->author = g_strdup (column_text (stmt, 5));
      stored->has_published = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      stored->published = sqlite3_column_int64 (stmt, 6);
      stored->has_updated = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      stored->updated = sqlite3_column_int64 (stmt, 7);
      stored->published_is_date = sqlite3_column_int (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error, rc, _("read the items"));
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

static gboolean
insert_item (CqStore  *self,
             gint64    source_id,
             CqItem   *item,
             gint64    now,
             GError  **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO items (source_id, guid, title, link, published,"
                                " published_is_date, updated, summary, content, author,"
                                " first_seen, sort_time)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                " COALESCE (?5, ?11))",
                                error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text (stmt, 2, cq_item_get_guid (item));
  bind_text (stmt, 3, cq_item_get_title (item));
  bind_text (stmt, 4, cq_item_get_link (item));
  bind_time (stmt, 5, cq_item_get_published (item));
  sqlite3_bind_int (stmt, 6, cq_item_get_published_is_date (item));
  bind_time (stmt, 7, cq_item_get_updated (item));
  bind_text (stmt, 8, cq_item_get_summary (item));
  bind_text (stmt, 9, cq_item_get_content (item));
  bind_text (stmt, 10, cq_item_get_author (item));
  sqlite3_bind_int64 (stmt, 11, now);

  return step_done (self, stmt, _("save the items"), error);
}

static gboolean
keep_revision (CqStore          *self,
               const StoredText *stored,
               gint64            now,
               GError          **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO revisions (item_id, title, summary, content, replaced_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stored->id);
  bind_text (stmt, 2, stored->title);
  bind_text (stmt, 3, stored->summary);
  bind_text (stmt, 4, stored->content);
  sqlite3_bind_int64 (stmt, 5, now);
  return step_done (self, stmt, _("save the earlier version"), error);
}

/* Read and starred are not in this statement: only the user changes them. */
static gboolean
update_item (CqStore  *self,
             gint64    item_id,
             CqItem   *item,
             GError  **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "UPDATE items SET title = ?2, link = ?3, published = ?4,"
                                " published_is_date = ?5, updated = ?6, summary = ?7,"
                                " content = ?8, author = ?9,"
                                " sort_time = COALESCE (?4, first_seen)"
                                " WHERE id = ?1",
                                error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  bind_text (stmt, 2, cq_item_get_title (item));
  bind_text (stmt, 3, cq_item_get_link (item));
  bind_time (stmt, 4, cq_item_get_published (item));
  sqlite3_bind_int (stmt, 5, cq_item_get_published_is_date (item));
  bind_time (stmt, 6, cq_item_get_updated (item));
  bind_text (stmt, 7, cq_item_get_summary (item));
  bind_text (stmt, 8, cq_item_get_content (item));
  bind_text (stmt, 9, cq_item_get_author (item));
  return step_done (self, stmt, _("save the items"), error);
}

static gboolean
upsert_one (CqStore         *self,
            gint64           source_id,
            CqItem          *item,
            gint64           now,
            CqUpsertReport  *report,
            GArray          *touched,
            GError         **error)
{
  g_auto(StoredText) stored = { 0 };
  gboolean found = FALSE;
  gboolean new_text;

  if (!find_stored (self, source_id, cq_item_get_guid (item), &stored, &found, error))
    return FALSE;

  if (!found)
    {
      report->added++;
      return insert_item (self, source_id, item, now, error);
    }

  new_text = text_changed (&stored, item);
  if (!new_text && !details_changed (&stored, item))
    {
      report->unchanged++;
      return TRUE;
    }

  report->updated++;
  g_array_append_val (touched, stored.id);
  return (!new_text || keep_revision (self, &stored, now, error)) &&
         update_item (self, stored.id, item, error);
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
 * stay stored.
 */
gboolean
cq_store_upsert_items (CqStore         *self,
                       gint64           source_id,
                       GPtrArray       *items,
                       CqUpsertReport  *report,
                       GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CqSource) source = NULL;
  CqUpsertReport counts = { 0 };

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!(source = cq_store_dup_source (self, source_id, error)) || !begin (self, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      if (!upsert_one (self, source_id, g_ptr_array_index (items, i),
                       g_date_time_to_unix (now), &counts, touched, error))
        {
          rollback (self);
          return FALSE;
        }
    }

  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < touched->len; i++)
    refresh_live_item (self, g_array_index (touched, gint64, i));

  if (report != NULL)
    *report = counts;
  if (counts.added > 0 || counts.updated > 0)
    emit_changed (self, CQ_STORE_CHANGE_ITEMS);
  return TRUE;
}

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

  if (query->filter == CQ_ITEM_FILTER_UNREAD)
    g_string_append (sql, " AND i.read = 0");
  else if (query->filter == CQ_ITEM_FILTER_STARRED)
    g_string_append (sql, " AND i.starred = 1");
  if (query->source_id != 0)
    g_string_append (sql, " AND i.source_id = ?1");
  g_string_append (sql, " ORDER BY i.sort_time DESC, i.id DESC");
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  return g_string_free (g_steal_pointer (&sql), FALSE);
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
  sql = build_query_sql (query, fts);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (query->source_id != 0)
        sqlite3_bind_int64 (stmt, 1, query->source_id);
      if (fts != NULL)
        bind_text (stmt, 2, fts);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, error, rc, _("search the news"));
      return NULL;
    }

  return g_steal_pointer (&ids);
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

  stmt = prepare (self,
                  "SELECT title, summary, content, replaced_at FROM revisions"
                  " WHERE item_id = ?1 ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CqRevision *revision = g_new0 (CqRevision, 1);

      revision->title = g_strdup (column_text (stmt, 0));
      revision->summary = g_strdup (column_text (stmt, 1));
      revision->content = g_strdup (column_text (stmt, 2));
      revision->replaced_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (revisions, revision);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, error, rc, _("read the earlier versions"));
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CQ_IS_STORE (self), NULL);

  if (!(source = cq_store_dup_source (self, source_id, error)))
    return NULL;

  stmt = prepare (self,
                  "SELECT etag, last_modified, content_hash, last_attempt, last_success,"
                  " last_error, failures, next_due FROM sync_state WHERE source_id = ?1",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->etag = g_strdup (column_text (stmt, 0));
      state->last_modified = g_strdup (column_text (stmt, 1));
      state->content_hash = g_strdup (column_text (stmt, 2));
      state->last_attempt = sqlite3_column_int64 (stmt, 3);
      state->last_success = sqlite3_column_int64 (stmt, 4);
      state->last_error = g_strdup (column_text (stmt, 5));
      state->failures = sqlite3_column_int (stmt, 6);
      state->next_due = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error (self, error, rc, _("read the sync state"));
      return NULL;
    }

  return g_steal_pointer (&state);
}

gboolean
cq_store_set_sync_state (CqStore            *self,
                         gint64              source_id,
                         const CqSyncState  *state,
                         GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO sync_state (source_id, etag, last_modified,"
                  " content_hash, last_attempt, last_success, last_error, failures, next_due)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text (stmt, 2, state->etag);
  bind_text (stmt, 3, state->last_modified);
  bind_text (stmt, 4, state->content_hash);
  sqlite3_bind_int64 (stmt, 5, state->last_attempt);
  sqlite3_bind_int64 (stmt, 6, state->last_success);
  bind_text (stmt, 7, state->last_error);
  sqlite3_bind_int (stmt, 8, state->failures);
  sqlite3_bind_int64 (stmt, 9, state->next_due);

  if (!step_done (self, stmt, _("save the sync state"), error))
    return FALSE;

  emit_changed (self, CQ_STORE_CHANGE_SOURCES);
  return TRUE;
}
