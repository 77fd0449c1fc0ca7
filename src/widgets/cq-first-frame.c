/* cq-first-frame.c: the start-up benchmark's report, shared with its baseline
 *
 * When its first frame is painted, a window prints "first-frame TIME KIB"
 * on stderr (monotonic microseconds, peak resident memory) and may close.
 * tests/bench/bench-startup.c reads the line from Communiqué's window and
 * from the bare window it compares against; both are built from this one
 * file, so the two are measured the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cq-first-frame.h"

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

static void
painted_cb (GdkFrameClock *clock,
            GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, painted_cb, window);
  g_printerr ("first-frame %" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (), peak_rss_kib ());
}

static void
painted_then_close_cb (GdkFrameClock *clock,
                       GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, painted_then_close_cb, window);
  painted_cb (clock, window);
  gtk_window_destroy (window);
}

/* @then_close, as a pointer, picks the handler: no state on the window. */
static void
mapped_cb (GtkWidget *window,
           gpointer   then_close)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, mapped_cb, then_close);
  if (clock != NULL)
    g_signal_connect (clock, "after-paint",
                      then_close ? G_CALLBACK (painted_then_close_cb) : G_CALLBACK (painted_cb), window);
}

/**
 * cq_first_frame_report:
 * @then_close: whether to close @window once it has reported
 *
 * Reports @window's first painted frame, as described above.
 */
void
cq_first_frame_report (GtkWindow *window,
                       gboolean   then_close)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), GINT_TO_POINTER (!!then_close));
}
