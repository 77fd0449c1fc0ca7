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

G_END_DECLS
