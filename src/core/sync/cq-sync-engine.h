/* cq-sync-engine.h: from the remote source into the store, politely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cq-feed-format.h"
#include "cq-fetch.h"
#include "cq-header-discovery.h"
#include "cq-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64    source_id;
  guint     added;
  guint     updated;
  guint     unchanged;
  gboolean  not_modified;   /* 304, or the same bytes as last time */
  char     *moved_to;       /* the feed's new address, when it moved for good */
} CqSyncReport;

#define CQ_TYPE_SYNC_REPORT (cq_sync_report_get_type ())
#define CQ_TYPE_SYNC_ENGINE (cq_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (CqSyncEngine, cq_sync_engine, CQ, SYNC_ENGINE, GObject)

GType          cq_sync_report_get_type            (void) G_GNUC_CONST;
CqSyncReport  *cq_sync_report_copy                (const CqSyncReport *report);
void           cq_sync_report_free                (CqSyncReport       *report);

CqSyncEngine  *cq_sync_engine_new                 (CqStore            *store);
SoupSession   *cq_sync_engine_get_session         (CqSyncEngine       *self);
void           cq_sync_engine_set_timeout         (CqSyncEngine       *self,
                                                   guint               seconds);
void            cq_sync_engine_set_parse_budget (CqSyncEngine  *self,
                                                 guint          milliseconds);
void            cq_sync_engine_set_max_items    (CqSyncEngine  *self,
                                                 guint          max_items);
void           cq_sync_engine_set_max_size        (CqSyncEngine       *self,
                                                   gsize               bytes);
void           cq_sync_engine_set_archive_pages   (CqSyncEngine       *self,
                                                   guint               pages);
void           cq_sync_engine_set_interval        (CqSyncEngine       *self,
                                                   guint               minutes);

void           cq_sync_engine_sync_source_async   (CqSyncEngine       *self,
                                                   gint64              source_id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
CqSyncReport  *cq_sync_engine_sync_source_finish  (CqSyncEngine       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

void           cq_sync_engine_add_source_async    (CqSyncEngine       *self,
                                                   const char         *url,
                                                   const char         *name,
                                                   CqFeedFormat        format,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gint64         cq_sync_engine_add_source_finish   (CqSyncEngine       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
CqFoundHeader *cq_sync_engine_add_source_get_found_header (CqSyncEngine *self,
                                                          GAsyncResult *result);

void           cq_sync_engine_discover_header_async  (CqSyncEngine       *self,
                                                      gint64              source_id,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
CqFoundHeader *cq_sync_engine_discover_header_finish (CqSyncEngine       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

void           cq_sync_engine_fetch_full_async    (CqSyncEngine       *self,
                                                   gint64              item_id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
CqItem        *cq_sync_engine_fetch_full_finish   (CqSyncEngine       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
/**
 * CqPageCheck:
 * @CQ_PAGE_FETCHED: the statement was not kept yet, and is now
 * @CQ_PAGE_UNCHANGED: the page holds the statement as it was kept
 * @CQ_PAGE_CHANGED: the page was rewritten; the old text is a revision
 * @CQ_PAGE_GONE: the page is withdrawn or moved; the text is kept
 */
typedef enum {
  CQ_PAGE_FETCHED,
  CQ_PAGE_UNCHANGED,
  CQ_PAGE_CHANGED,
  CQ_PAGE_GONE,
} CqPageCheck;

void           cq_sync_engine_check_page_async    (CqSyncEngine       *self,
                                                   gint64              item_id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean       cq_sync_engine_check_page_finish   (CqSyncEngine       *self,
                                                   GAsyncResult       *result,
                                                   CqPageCheck        *outcome,
                                                   GError            **error);
/**
 * CqKeepProgress:
 * @done: statements fetched or given up on so far
 * @total: statements this run will try
 */
typedef void (*CqKeepProgress) (guint    done,
                                guint    total,
                                gpointer data);

void           cq_sync_engine_keep_full_texts_async  (CqSyncEngine       *self,
                                                      gint64              source_id,
                                                      guint               check_days,
                                                      guint               pause_ms,
                                                      CqKeepProgress      progress,
                                                      gpointer            progress_data,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean       cq_sync_engine_keep_full_texts_finish (CqSyncEngine       *self,
                                                      GAsyncResult       *result,
                                                      guint              *fetched,
                                                      guint              *failed,
                                                      GArray            **changed,
                                                      GArray            **gone,
                                                      GError            **error);
void           cq_sync_engine_fetch_image_async   (CqSyncEngine       *self,
                                                   const char         *url,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
GBytes        *cq_sync_engine_fetch_image_finish  (CqSyncEngine       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqSyncReport, cq_sync_report_free)

G_END_DECLS
