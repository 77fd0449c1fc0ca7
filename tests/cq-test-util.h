/* cq-test-util.h: fixtures shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

typedef struct {
  char    *dir;
  char    *path;
  CqStore *store;
  gint64   source_id;
} CqTestStore;

char      *cq_test_make_temp_dir   (void);
void       cq_test_remove_dir      (const char  *dir);
CqProfile *cq_test_profile         (const char  *id,
                                    const char  *name);
CqItem    *cq_test_item            (const char  *guid,
                                    const char  *title,
                                    const char  *published_iso,
                                    const char  *summary,
                                    const char  *content);
GPtrArray *cq_test_embassy_items   (void);
void       cq_test_store_setup     (CqTestStore *fixture,
                                    gconstpointer data);
void       cq_test_store_teardown  (CqTestStore *fixture,
                                    gconstpointer data);
GDateTime *cq_test_date_time       (const char  *iso);
void       cq_test_keep_result     (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);
GAsyncResult *cq_test_wait_for     (GAsyncResult **slot);
void          cq_test_assert_upserted (CqStore        *store,
                                       GAsyncResult   *result,
                                       CqUpsertReport *report,
                                       guint          *removed);
gboolean   cq_test_count           (gpointer     counter);
void       cq_test_assert_written_flags (CqTestStore *fixture,
                                        gint64       item_id,
                                        gboolean     read,
                                        gboolean     starred);
void       cq_test_write_numbered  (CqTestStore *fixture,
                                    const char  *prefix,
                                    guint        n,
                                    GDateTime   *first,
                                    GTimeSpan    step,
                                    const char  *summary);

/* A copy of a list model kept only through items-changed, as a view keeps
 * its rows: if a signal is wrong, the copy drifts from the list. */
typedef gint64 (*CqTestIdFunc) (gpointer item);

typedef struct {
  GArray       *ids;
  CqTestIdFunc  id_func;
  guint         emissions;
  guint         position;
  guint         removed;
  guint         added;
} CqTestMirror;

void cq_test_mirror_init               (CqTestMirror *mirror,
                                        GListModel   *model,
                                        CqTestIdFunc  id_func);
void cq_test_mirror_assert_matches     (CqTestMirror *mirror,
                                        GListModel   *model);
void cq_test_mirror_wait               (CqTestMirror *mirror,
                                        guint         emissions);
void cq_test_mirror_assert_last_change (CqTestMirror *mirror,
                                        guint         emissions,
                                        guint         position,
                                        guint         removed,
                                        guint         added);
void cq_test_mirror_clear              (CqTestMirror *mirror,
                                        GListModel   *model);

G_END_DECLS
