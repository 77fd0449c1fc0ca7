/* bench-stats.c: what the benchmarks report of several measurements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <sched.h>
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

/**
 * cq_bench_print_processors:
 * @what: what @work is, for the line
 * @work: does a measurement, and gives its time in seconds
 *
 * Prints, as a comment line, the best of three times @work takes on each
 * processor this process may run on, the calling thread pinned to each in
 * turn.  A virtual machine's processors need not be equal (here the same
 * parse and insert has taken 115 ms on one and 83 on the other, the
 * machine otherwise idle), and a benchmark whose work runs on two threads
 * is then timed in part on the slower one while its one-thread baseline
 * may run on the faster: this line says whether a ratio was read on such a
 * machine.
 */
void
cq_bench_print_processors (const char   *what,
                           CqBenchWork   work)
{
#ifdef __linux__
  cpu_set_t allowed, one;
  g_autoptr(GString) line = g_string_new (NULL);

  if (sched_getaffinity (0, sizeof allowed, &allowed) != 0)
    return;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
    {
      double best = G_MAXDOUBLE;

      if (!CPU_ISSET (cpu, &allowed))
        continue;
      CPU_ZERO (&one);
      CPU_SET (cpu, &one);
      if (sched_setaffinity (0, sizeof one, &one) != 0)
        continue;
      for (guint round = 0; round < 3; round++)
        best = MIN (best, work ());
      g_string_append_printf (line, "%scpu%d %.1f ms", line->len > 0 ? ", " : "", cpu, best * 1000);
    }
  sched_setaffinity (0, sizeof allowed, &allowed);
  g_print ("# %s, pinned to each processor in turn (best of 3): %s\n", what, line->str);
#endif
}
