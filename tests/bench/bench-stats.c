/* bench-stats.c: what the benchmarks report of several measurements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bench-stats.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * cq_bench_percentile:
 * @values: (array length=n_values): the measurements, sorted in place
 * @percent: 50 for the median, 95 for the 95th percentile
 *
 * Returns: the measurement @percent of the others are at or below
 */
double
cq_bench_percentile (double *values,
                     guint   n_values,
                     guint   percent)
{
  g_return_val_if_fail (n_values > 0, 0);

  qsort (values, n_values, sizeof (double), compare_doubles);
  return values[MIN (n_values - 1, n_values * percent / 100)];
}

double
cq_bench_median (double *values,
                 guint   n_values)
{
  return cq_bench_percentile (values, n_values, 50);
}
