/* bench-fill.h: a store of generated statements for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-store.h"

G_BEGIN_DECLS

void cq_bench_fill_store (CqStore    *store,
                          guint       n_items);
void cq_bench_remove_dir (const char *dir);

G_END_DECLS
