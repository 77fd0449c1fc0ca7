/* cq-store.h: everything Communiqué keeps, in one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cq-item.h"
#include "cq-profile.h"
#include "cq-source.h"

G_BEGIN_DECLS

/* Versions kept per item: the first, the newest CQ_STORE_KEEP_LAST_REVISIONS,
 * and a thinning sample between, never more than CQ_STORE_MAX_REVISIONS. */
#define CQ_STORE_MAX_REVISIONS 50
#define CQ_STORE_KEEP_LAST_REVISIONS 20

/* The nice value of the background threads (a large first sync's parse
 * and streamed write, the log's checkpoint, a parsed feed's freeing); in
 * a program with a window they run as SCHED_IDLE besides: see
 * cq_store_set_background_gives_way(). */
#define CQ_STORE_BACKGROUND_NICE 10

/* Items read this recently are kept when a source is trimmed. */
#define CQ_STORE_KEEP_READ_SECONDS (30 * 24 * 3600)

#define CQ_STORE_ERROR (cq_store_error_quark ())

typedef enum {
  CQ_STORE_ERROR_FAILED,
  CQ_STORE_ERROR_RECOVERED,
  CQ_STORE_ERROR_CORRUPT,
  CQ_STORE_ERROR_TOO_NEW,
  CQ_STORE_ERROR_NOT_FOUND,
  CQ_STORE_ERROR_EXISTS,
  CQ_STORE_ERROR_NO_SPACE,
  CQ_STORE_ERROR_BUSY,
} CqStoreError;

typedef enum {
  CQ_STORE_CHANGE_ITEMS   = 1 << 0,  /* items added, or their text changed */
  CQ_STORE_CHANGE_STATE   = 1 << 1,  /* read or starred changed */
  CQ_STORE_CHANGE_SOURCES = 1 << 2,  /* sources added, removed or changed */
  /* With ITEMS: written by a sync on the store's worker; a list may read
   * its new order there too and show it a moment later. */
  CQ_STORE_CHANGE_BACKGROUND = 1 << 3,
} CqStoreChange;

typedef enum {
  CQ_ITEM_FILTER_ALL,
  CQ_ITEM_FILTER_UNREAD,
  CQ_ITEM_FILTER_STARRED,
} CqItemFilter;

typedef struct {
  CqItemFilter  filter;
  gint64        source_id;   /* 0 for every source */
  const char   *search;      /* what the user typed, or NULL */
  guint         limit;       /* 0 for no limit */
  gint64        kept_id;     /* listed whatever the filter says (the open item), or 0 */
} CqItemQuery;

typedef struct {
  guint added;
  guint updated;
  guint unchanged;
} CqUpsertReport;

typedef struct {
  char   *etag;
  char   *last_modified;
  char   *content_hash;
  gint64  last_attempt;   /* Unix seconds, 0 for never */
  gint64  last_success;
  char   *last_error;     /* in words, for the user */
  guint   failures;
  gint64  next_due;
} CqSyncState;

/* What changed a statement's text: its feed, or its own page found
 * rewritten when it was checked again. */
typedef enum {
  CQ_REVISION_FEED_EDIT = 0,
  CQ_REVISION_PAGE_CHANGED = 1,
} CqRevisionKind;

typedef struct {
  char           *title;
  char           *summary;
  char           *content;
  gint64          replaced_at;   /* Unix seconds: when this text stopped being current */
  CqRevisionKind  kind;
} CqRevision;

#define CQ_TYPE_STORE (cq_store_get_type ())

G_DECLARE_FINAL_TYPE (CqStore, cq_store, CQ, STORE, GObject)

GQuark       cq_store_error_quark      (void);
char        *cq_store_default_path     (const char           *data_dir);

CqStore     *cq_store_open             (const char           *path,
                                        GError              **error);
const char  *cq_store_get_path         (CqStore              *self);
guint        cq_store_get_schema_version (CqStore            *self);

gint64       cq_store_add_source       (CqStore              *self,
                                        CqProfile            *profile,
                                        GError              **error);
gboolean     cq_store_add_sources      (CqStore              *self,
                                        GPtrArray            *profiles,
                                        GError              **error);
char        *cq_store_make_source_id   (CqStore              *self,
                                        const char           *url,
                                        GHashTable           *reserved);
gboolean     cq_store_remove_source    (CqStore              *self,
                                        gint64                source_id,
                                        GError              **error);
gboolean     cq_store_set_source_enabled (CqStore            *self,
                                        gint64                source_id,
                                        gboolean              enabled,
                                        GError              **error);
gboolean     cq_store_set_source_keep_full (CqStore          *self,
                                        gint64                source_id,
                                        gboolean              keep_full,
                                        GError              **error);
gboolean     cq_store_rename_source    (CqStore              *self,
                                        gint64                source_id,
                                        const char           *name,
                                        GError              **error);
gboolean     cq_store_set_source_profile (CqStore            *self,
                                        gint64                source_id,
                                        CqProfile            *profile,
                                        GError              **error);
GPtrArray   *cq_store_dup_sources      (CqStore              *self,
                                        GError              **error);
CqSource    *cq_store_dup_source       (CqStore              *self,
                                        gint64                source_id,
                                        GError              **error);

gboolean     cq_store_trim_source      (CqStore              *self,
                                        gint64                source_id,
                                        guint                 keep,
                                        guint                *removed,
                                        GError              **error);
gboolean     cq_store_upsert_items     (CqStore              *self,
                                        gint64                source_id,
                                        GPtrArray            *items,
                                        CqUpsertReport       *report,
                                        GError              **error);
void         cq_store_upsert_items_async  (CqStore             *self,
                                           gint64               source_id,
                                           GPtrArray           *items,
                                           guint                keep,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void         cq_store_add_new_items_async (CqStore             *self,
                                           gint64               source_id,
                                           GPtrArray           *items,
                                           guint                keep,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     cq_store_upsert_items_finish (CqStore             *self,
                                           GAsyncResult        *result,
                                           CqUpsertReport      *report,
                                           guint               *removed,
                                           GError             **error);

/* A sync's write begun before its parse ends: see
 * cq_store_write_items_streamed_async(). */
typedef struct _CqStoreWriteStream CqStoreWriteStream;

CqStoreWriteStream *cq_store_write_items_streamed_async (CqStore             *self,
                                                         gint64               source_id,
                                                         guint                keep,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void         cq_store_write_stream_push  (CqStoreWriteStream  *stream,
                                          CqItem              *item);
void         cq_store_write_stream_close (CqStoreWriteStream  *stream,
                                          GPtrArray           *items,
                                          gboolean             new_only);
void         cq_store_write_stream_abort (CqStoreWriteStream  *stream);
CqStoreWriteStream *cq_store_write_stream_ref   (CqStoreWriteStream *stream);
void         cq_store_write_stream_unref (CqStoreWriteStream  *stream);
void         cq_store_run_task_in_background (GTask           *task,
                                              GTaskThreadFunc  thread_func);
void         cq_store_set_background_gives_way (gboolean       gives_way);
CqItem      *cq_store_dup_item         (CqStore              *self,
                                        gint64                item_id,
                                        GError              **error);
CqItem      *cq_store_dup_loaded_item  (CqStore              *self,
                                        gint64                item_id);
GPtrArray   *cq_store_dup_items        (CqStore              *self,
                                        const gint64         *ids,
                                        guint                 n_ids,
                                        GError              **error);
GArray      *cq_store_query_missing_full_text (CqStore       *self,
                                               gint64         source_id,
                                               guint          limit,
                                               GError       **error);
GArray      *cq_store_query_pages_to_check (CqStore          *self,
                                           gint64            source_id,
                                           gint64            first_seen_since,
                                           guint             limit,
                                           GError          **error);
char        *cq_store_dup_item_link       (CqStore           *self,
                                           gint64             item_id,
                                           GError           **error);
gboolean     cq_store_dup_page_validators (CqStore           *self,
                                           gint64             item_id,
                                           char             **etag,
                                           char             **last_modified,
                                           GError           **error);
gboolean     cq_store_set_page_validators (CqStore           *self,
                                           gint64             item_id,
                                           const char        *etag,
                                           const char        *last_modified,
                                           GError           **error);
gboolean     cq_store_record_page_change  (CqStore           *self,
                                           gint64             item_id,
                                           const char        *content,
                                           GError           **error);
gboolean     cq_store_set_page_gone       (CqStore           *self,
                                           gint64             item_id,
                                           gint64             when,
                                           GError           **error);
gint64       cq_store_find_item_by_link (CqStore             *self,
                                         const char          *link,
                                         GError             **error);
gboolean     cq_store_set_read         (CqStore              *self,
                                        gint64                item_id,
                                        gboolean              read,
                                        GError              **error);
gboolean     cq_store_set_starred      (CqStore              *self,
                                        gint64                item_id,
                                        gboolean              starred,
                                        GError              **error);
gboolean     cq_store_set_full_text    (CqStore              *self,
                                        gint64                item_id,
                                        const char           *content,
                                        GError              **error);
void         cq_store_set_edits_unread (CqStore              *self,
                                        gboolean              unread);
GArray      *cq_store_mark_all_read    (CqStore              *self,
                                        gint64                source_id,
                                        GError              **error);
gboolean     cq_store_mark_unread_again (CqStore             *self,
                                         GArray              *ids,
                                         GError             **error);
GHashTable  *cq_store_count_unread     (CqStore              *self,
                                        GError              **error);
void         cq_store_count_unread_async  (CqStore             *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GHashTable  *cq_store_count_unread_finish (CqStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void         cq_store_follow_other_writers (CqStore           *self,
                                            guint              interval_seconds);
GArray      *cq_store_query_ids        (CqStore              *self,
                                        const CqItemQuery    *query,
                                        GError              **error);
void         cq_store_query_ids_async  (CqStore              *self,
                                        const CqItemQuery    *query,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GArray      *cq_store_query_ids_finish (CqStore              *self,
                                        GAsyncResult         *result,
                                        GError              **error);
GPtrArray   *cq_store_dup_revisions    (CqStore              *self,
                                        gint64                item_id,
                                        GError              **error);
guint        cq_store_get_n_loaded_items (CqStore            *self);

CqSyncState *cq_store_dup_sync_state   (CqStore              *self,
                                        gint64                source_id,
                                        GError              **error);
gboolean     cq_store_set_sync_state   (CqStore              *self,
                                        gint64                source_id,
                                        const CqSyncState    *state,
                                        GError              **error);

void         cq_sync_state_free        (CqSyncState          *state);
void         cq_revision_free          (CqRevision           *revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqSyncState, cq_sync_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqRevision, cq_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqStoreWriteStream, cq_store_write_stream_unref)

G_END_DECLS
