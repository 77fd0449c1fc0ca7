/* cq-store-private.h: what the store's files share
 *
 * The store is one object in five files: opening, migrating and recovering
 * (cq-store.c), sources, items with their upserts and revisions, queries,
 * and sync state.  They share the connection, its prepared statements and
 * the helpers below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cq-store.h"

G_BEGIN_DECLS

typedef struct _CqCheckpointer CqCheckpointer;

CqCheckpointer *_cq_checkpointer_new      (const char     *path);
CqCheckpointer *_cq_checkpointer_ref      (CqCheckpointer *self);
void            _cq_checkpointer_unref    (CqCheckpointer *self);
void            _cq_checkpointer_request  (CqCheckpointer *self);
void            _cq_checkpointer_request_if_long (CqCheckpointer *self);
void            _cq_checkpointer_set_page_size (CqCheckpointer *self,
                                                int             page_size);
void            _cq_checkpointer_watch    (CqCheckpointer *self,
                                           sqlite3        *db);
guint           _cq_checkpointer_get_done (CqCheckpointer *self);

/* The page size of a store the store creates. */
#define CQ_STORE_PAGE_SIZE 16384

struct _CqStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL literal's address → sqlite3_stmt */
  GHashTable *live_items;   /* gint64 id → CqItem (weak) */
  GHashTable *home_zones;   /* gint64 source id → GTimeZone; dropped when its profile changes */
  GHashTable *reported_unreadable;  /* gint64 source ids said on stderr once */

  /* Every item's id in the list's order (newest first), for searches to
   * keep their matches in without sorting them; dropped when items change
   * here, and when another connection (the CLI) has written. */
  GArray     *order;
  gint64      order_max_id;
  gint64      order_data_version;

  /* A second connection to the same file, used only on worker threads and
   * only under the lock, for the long writes of a sync (WAL lets this
   * connection read while that one writes). */
  CqStore    *writer;
  GMutex      writer_lock;
  /* And one for the reads a list does on a worker after such a write. */
  CqStore    *reader;
  GMutex      reader_lock;
  /* Whether this is one of those two: they keep the larger page cache. */
  gboolean    is_worker;
  /* Copies the write-ahead log into the file on a worker, for every
   * connection of this store (cq-store-checkpoint.c). */
  CqCheckpointer *checkpointer;

  /* What the file looked like after the writes this store knows of; a
   * change seen beyond that is another program's (communique-cli). */
  gint64      known_data_version;
  guint       follow_id;

  gboolean    edits_unread;   /* a statement whose text changed is unread again */
  /* While a sync's write defers its search indexing to its end: the rows
   * above this id are not indexed yet.  -1 otherwise. */
  gint64      fts_pending_after;
  /* Items at or below that id that the write edits: their words leave
   * and join the index at its end too, their old texts kept meanwhile in
   * temp.fts_reindex (cq-store-items.c).  gint64 id set; NULL otherwise. */
  GHashTable *fts_reindex;
  /* Items' texts for search read ahead by a sync's write, while it
   * inserts their rows (html → text, see cq-store-items.c); NULL
   * otherwise.  The index's functions look there first. */
  GHashTable *search_texts;
  /* What the search index is to hold of the rows a sync's streamed write
   * inserted, read on the thread that parsed them: gint64 id →
   * CqIndexedTexts; NULL otherwise.  The cq_search_*_of() functions look
   * there first. */
  GHashTable *indexed_texts;

  /* This store's own writes running on a worker (a sync's, which may hold
   * the file's write lock for as long as its document takes to read), and
   * what the window wrote meanwhile: kept here, read as written, and
   * written when the last of those writes ends, so that a click never
   * waits for a sync (see _cq_store_write_deferred()).  Main thread only. */
  guint       background_writes;
  GHashTable *deferred_flags;    /* gint64 item id → DeferredFlags */
  GHashTable *deferred_states;   /* gint64 source id → CqSyncState */
};

/* An item's texts for search, by its row's id (see _cq_indexed_texts_new()). */
typedef struct {
  gint64  id;
  CqItem *item;      /* read from */
  char   *title;
  char   *summary;   /* NULL: its body's text opens with it */
  char   *body;
} CqIndexedTexts;

CqIndexedTexts *_cq_indexed_texts_new  (CqItem         *item);
void            _cq_indexed_texts_free (CqIndexedTexts *texts);

typedef enum {
  CQ_STORE_KIND_ITEM,
  CQ_STORE_KIND_SOURCE,
} CqStoreKind;

gboolean      _cq_store_set_error    (CqStore        *self,
                                      GError        **error,
                                      int             rc,
                                      const char     *doing);
gboolean      _cq_store_not_found    (GError        **error,
                                      CqStoreKind     kind,
                                      gint64          id);
void          _cq_store_emit_changed (CqStore        *self,
                                      CqStoreChange   what);
/* The weak notification that drops an item from the live items. */
void          _cq_store_forget_live_item (gpointer    data,
                                          GObject    *where_the_object_was);

gboolean      _cq_store_read_data_version (CqStore   *self,
                                           gint64    *version);
void          _cq_store_note_own_writes   (CqStore   *self);
void          _cq_store_run_on_own_thread (GTask               *outer,
                                           gpointer             job,
                                           GDestroyNotify       job_free,
                                           GTaskThreadFunc      thread_func,
                                           GAsyncReadyCallback  done);
CqStore      *_cq_store_open_worker_connection (CqStore  *self,
                                                CqStore **slot,
                                                GError  **error);

/* The one place that says which zone dates a source's items. */
GTimeZone    *_cq_store_get_home_zone (CqStore       *self,
                                       gint64         source_id);

/* An item someone holds, read again after a write (cq-store-items.c). */
gboolean      _cq_store_refresh_live_item (CqStore    *self,
                                           gint64      item_id);
gboolean      _cq_store_keep_revision (CqStore         *self,
                                       gint64           item_id,
                                       const char      *title,
                                       const char      *summary,
                                       const char      *content,
                                       gint64           now,
                                       CqRevisionKind   kind,
                                       GError         **error);
/* Statements are prepared once and kept; @sql must be a static string. */
sqlite3_stmt *_cq_store_prepare      (CqStore        *self,
                                      const char     *sql,
                                      GError        **error);
gboolean      _cq_store_step_done    (CqStore        *self,
                                      sqlite3_stmt   *stmt,
                                      const char     *doing,
                                      GError        **error);
gboolean      _cq_store_step_number  (CqStore        *self,
                                      sqlite3_stmt   *stmt,
                                      const char     *doing,
                                      gint64         *value,
                                      GError        **error);
gboolean      _cq_store_step_item_row (CqStore       *self,
                                       sqlite3_stmt  *stmt,
                                       gint64         item_id,
                                       GError       **error);
gboolean      _cq_store_step_ids     (CqStore        *self,
                                      sqlite3_stmt   *stmt,
                                      GArray         *ids,
                                      const char     *doing,
                                      GError        **error);
void          _cq_store_write_deferred (CqStore      *self);
gboolean      _cq_store_write_deferred_flags  (CqStore  *self,
                                               GError  **error);
void          _cq_store_forget_deferred_flags (CqStore  *self);
gboolean      _cq_store_write_deferred_states (CqStore  *self,
                                               GError  **error);

gboolean      _cq_store_begin        (CqStore        *self,
                                      GError        **error);
gboolean      _cq_store_commit       (CqStore        *self,
                                      GError        **error);
void          _cq_store_rollback     (CqStore        *self);

void          _cq_store_bind_text    (sqlite3_stmt   *stmt,
                                      int             index,
                                      const char     *text);
void          _cq_store_bind_text_held (sqlite3_stmt *stmt,
                                        int           index,
                                        const char   *text);
void          _cq_store_bind_time    (sqlite3_stmt   *stmt,
                                      int             index,
                                      GDateTime      *instant);
const char   *_cq_store_column_text  (sqlite3_stmt   *stmt,
                                      int             index);
GDateTime    *_cq_store_column_time  (sqlite3_stmt   *stmt,
                                      int             index);

G_END_DECLS
