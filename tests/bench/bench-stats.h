/* bench-stats.h: what the benchmarks report of several measurements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double cq_bench_percentile (double *values,
                            guint   n_values,
                            guint   percent);
double cq_bench_median     (double *values,
                            guint   n_values);

typedef double (*CqBenchWork) (void);

void   cq_bench_print_processors (const char  *what,
                                  CqBenchWork  work);

G_END_DECLS
