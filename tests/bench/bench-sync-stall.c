/* bench-sync-stall.c: the longest gap between painted frames while the
 * window, showing 100,000 stored items and scrolling a little every frame,
 * syncs 10,000 new ones from loopback; against the same window idle (and
 * scrolling) for as long
 *
 * A longest gap is one frame of fifty, and one run's swung from 26 to 40
 * ms with the window idle and nothing else changed; so, as bench-parse and
 * bench-startup take the median of several runs, this one takes the
 * median of five rounds, each a sync (of a source added for it, removed
 * after, so that every round's window shows 100,000) and the idle window
 * just after.  The cap on any one gap holds for every round's.
 *
 * Each round then syncs the same source again with every title revised,
 * against the idle window just after that (resync-10k-revised-ui-stall):
 * a later sync's write, not streamed, that changes the items on screen.
 *
 * The feed is served by a thread of its own, so that the server's work is
 * not counted as the window's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-fill.h"
#include "bench-stats.h"
#include "cq-sync-engine.h"
#include "bench-ui.h"
#include "cq-test-ui.h"
#include "cq-window.h"

#define N_STORED 100000
#define N_NEW    10000
#define TARGET   1.5
#define MAX_GAP_MS 50.0
#define N_ROUNDS 5

typedef struct {
  GMutex      lock;
  GCond       ready;
  guint       port;
  GBytes     *feeds[2];  /* the first, then every title revised */
  gint        revised;   /* atomic: serve feeds[1] */
  GMainLoop  *loop;
} Server;

typedef struct {
  gint64  start;
  gint64  last;
  gint64  longest;
  guint   frames;
  gboolean tell;    /* CQ_BENCH_GAPS: say every long gap, when it ended and where it went */
  gint64  phase[4]; /* when each phase of the frame being painted ended */
} Frames;

/* The frame clock's phases, as GTK's own handlers end them: the time
 * before BEGIN is the main loop's other work (a list's change, its rows'
 * binding). */
enum { BEGIN, UPDATE, LAYOUT, PAINT, N_PHASES };

static const char * const phase_signals[N_PHASES] = { "before-paint", "update", "layout", "paint" };

static void
phase_cb (GdkFrameClock *clock,
          gint64        *phase)
{
  *phase = g_get_monotonic_time ();
}

static GBytes *
make_rss (const char *adjective)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                               "<title>Stall</title><link>https://stall.example/</link>\n");

  for (guint i = 0; i < N_NEW; i++)
    g_string_append_printf (xml,
                            "<item><title>%s statement %u on matters of the day</title>"
                            "<link>https://stall.example/statements/%u</link><guid>stall-%u</guid>"
                            "<pubDate>Sun, %02u Jun 2030 %02u:%02u:00 +0100</pubDate>"
                            "<description><![CDATA[<p>The <b>statement</b> says what was agreed.</p>]]>"
                            "</description></item>\n",
                            adjective, i, i, i, 1 + i % 28, i % 24, i % 60);
  g_string_append (xml, "</channel></rss>\n");
  return g_string_free_to_bytes (xml);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Server *self = user_data;
  GBytes *feed = self->feeds[g_atomic_int_get (&self->revised)];

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (feed, NULL), g_bytes_get_size (feed));
}

static gpointer
server_thread (gpointer data)
{
  Server *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, serve_cb, self, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&self->lock);
  self->port = (guint) g_uri_get_port (uris->data);
  self->loop = g_main_loop_new (context, FALSE);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);

  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
painted_cb (GdkFrameClock *clock,
            Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->last != 0)
    frames->longest = MAX (frames->longest, now - frames->last);
  if (frames->tell && frames->last != 0 && now - frames->last > 30 * 1000)
    g_print ("# gap %.1f ms, ending %.1f ms in: before %.1f, update %.1f, layout %.1f, paint %.1f, after %.1f\n",
             (now - frames->last) / 1000.0, (now - frames->start) / 1000.0,
             (frames->phase[BEGIN] - frames->last) / 1000.0,
             (frames->phase[UPDATE] - frames->phase[BEGIN]) / 1000.0,
             (frames->phase[LAYOUT] - frames->phase[UPDATE]) / 1000.0,
             (frames->phase[PAINT] - frames->phase[LAYOUT]) / 1000.0,
             (now - frames->phase[PAINT]) / 1000.0);
  frames->last = now;
  frames->frames++;
}

/* A user scrolling slowly: a pixel a frame, so that every frame paints,
 * from wherever the list is.  New statements above the rows shown move
 * the scroll value down by their height (the list keeps its rows in
 * place): a scroller that went back to the top past a fixed value
 * (20,000 px, which a sync's 10,000 rows pass) jumped the whole list
 * there, a jump the idle run never made. */
static gboolean
scroll_tick_cb (GtkWidget     *list,
                GdkFrameClock *clock,
                gpointer       data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  double value = gtk_adjustment_get_value (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, value + 1 >= end ? gtk_adjustment_get_lower (adjustment) : value + 1);
  return G_SOURCE_CONTINUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
stop_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint milliseconds)
{
  gboolean stop = FALSE;

  g_timeout_add (milliseconds, stop_cb, &stop);
  while (!stop)
    g_main_context_iteration (NULL, TRUE);
}

/* Each thread's time on a CPU and waiting for one, in nanoseconds, by
 * thread id: from /proc, where the kernel keeps scheduler statistics. */
typedef struct {
  char   *name;
  guint64 run;
  guint64 wait;
  guint64 faults;   /* minor page faults: first touches of memory */
} ThreadTimes;

static void
thread_times_free (gpointer data)
{
  ThreadTimes *times = data;

  g_free (times->name);
  g_free (times);
}

static GHashTable *
read_thread_times (void)
{
  GHashTable *threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, thread_times_free);
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "schedstat", NULL);
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *faults_path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *stat = NULL;
      g_autofree char *comm = NULL;
      g_autofree char *faults = NULL;
      const char *after_name;
      ThreadTimes *times;

      if (!g_file_get_contents (stat_path, &stat, NULL, NULL) || !g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_file_get_contents (faults_path, &faults, NULL, NULL) || (after_name = strrchr (faults, ')')) == NULL)
        continue;
      times = g_new0 (ThreadTimes, 1);
      times->name = g_strstrip (g_steal_pointer (&comm));
      /* After the name: state, ppid, pgrp, session, tty, tpgid, flags, minflt. */
      if (sscanf (stat, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &times->run, &times->wait) != 2 ||
          sscanf (after_name + 1, " %*c %*d %*d %*d %*d %*d %*u %" G_GUINT64_FORMAT, &times->faults) != 1)
        {
          thread_times_free (times);
          continue;
        }
      g_hash_table_insert (threads, g_strdup (tid), times);
    }
  return threads;
}

/* What each thread still running ran and waited to run since @before,
 * when either is over 1 ms: a frame stretched by threads that want more
 * than the cores shows here as the window's threads waiting. */
static void
tell_thread_times (GHashTable *before)
{
  g_autoptr(GHashTable) after = read_thread_times ();
  GHashTableIter iter;
  gpointer tid, value;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &tid, &value))
    {
      ThreadTimes *now = value, *then = g_hash_table_lookup (before, tid);
      double run = (now->run - (then != NULL ? then->run : 0)) / 1e6;
      double wait = (now->wait - (then != NULL ? then->wait : 0)) / 1e6;
      guint64 faults = now->faults - (then != NULL ? then->faults : 0);

      if (run >= 1 || wait >= 1)
        g_print ("# thread %s (%s): ran %.1f ms, waited for a CPU %.1f ms, %" G_GUINT64_FORMAT " page faults\n",
                 (char *) tid, now->name, run, wait, faults);
    }
}

/* The sync's source gone, and the list back to what it held before. */
static void
remove_source (GtkWidget *window,
               CqStore   *store,
               gint64     source_id)
{
  g_autoptr(GError) error = NULL;

  cq_store_remove_source (store, source_id, &error);
  g_assert_no_error (error);
  cq_bench_wait_for_list (window, N_STORED);
}

static double
timeval_ms (const struct timeval *time)
{
  return time->tv_sec * 1000.0 + time->tv_usec / 1000.0;
}

/* The longest gap between painted frames while @run_for milliseconds pass,
 * or while the sync runs when @engine is given: a first sync that adds
 * N_NEW items, or with @revising a later one that revises every one. */
static double
longest_gap (GtkWidget    *window,
             CqSyncEngine *engine,
             gint64        source_id,
             gboolean      revising,
             guint        *run_for)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  GtkWidget *list = cq_bench_find_list_view (window);
  g_autoptr(GAsyncResult) result = NULL;
  Frames frames = { .tell = g_getenv ("CQ_BENCH_GAPS") != NULL };
  g_autoptr(GHashTable) threads = NULL;
  struct rusage usage_before;
  gint64 start;
  gulong painted;
  guint tick;

  g_assert_nonnull (list);
  tick = gtk_widget_add_tick_callback (list, scroll_tick_cb, NULL, NULL);
  /* Settled and scrolling before the clock starts. */
  settle (300);

  painted = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &frames);
  for (guint i = 0; frames.tell && i < N_PHASES; i++)
    g_signal_connect (clock, phase_signals[i], G_CALLBACK (phase_cb), &frames.phase[i]);
  if (frames.tell)
    {
      threads = read_thread_times ();
      getrusage (RUSAGE_SELF, &usage_before);
    }
  start = frames.start = g_get_monotonic_time ();
  if (engine != NULL)
    {
      g_autoptr(CqSyncReport) report = NULL;
      g_autoptr(GError) error = NULL;

      cq_sync_engine_sync_source_async (engine, source_id, NULL, done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      report = cq_sync_engine_sync_source_finish (engine, result, &error);
      if (frames.tell)
        g_print ("# the sync ended %.1f ms in\n", (g_get_monotonic_time () - start) / 1000.0);
      g_assert_no_error (error);
      g_assert_cmpuint (report->added, ==, revising ? 0 : N_NEW);
      g_assert_cmpuint (report->updated, ==, revising ? N_NEW : 0);
      /* The list shows the new items (a slice a frame, the list's own
       * pace): every frame until it holds them all counts, and a few
       * after. */
      cq_bench_wait_for_list (window, N_STORED + N_NEW);
      if (frames.tell)
        g_print ("# the list held them all %.1f ms in\n", (g_get_monotonic_time () - start) / 1000.0);
      settle (100);
      *run_for = (guint) ((g_get_monotonic_time () - start) / 1000);
    }
  else
    settle (*run_for);
  g_signal_handler_disconnect (clock, painted);
  g_signal_handlers_disconnect_matched (clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, phase_cb, NULL);
  gtk_widget_remove_tick_callback (list, tick);
  g_print ("# %s: %u frames in %u ms\n", engine != NULL ? "syncing" : "idle", frames.frames, *run_for);
  if (frames.tell)
    {
      struct rusage usage;

      getrusage (RUSAGE_SELF, &usage);
      /* The clock perf -k CLOCK_MONOTONIC records with, to line the two up. */
      g_print ("# measured from %.6f s to %.6f s of the monotonic clock; all threads, ended ones too, ran %.1f ms\n",
               start / 1e6, g_get_monotonic_time () / 1e6,
               (timeval_ms (&usage.ru_utime) + timeval_ms (&usage.ru_stime)) -
               (timeval_ms (&usage_before.ru_utime) + timeval_ms (&usage_before.ru_stime)));
      tell_thread_times (threads);
    }
  return frames.longest / 1000.0;
}

/* The medians of the rounds' longest gaps, and the longest of all. */
static void
report (const char *name,
        double     *sync_gaps,
        double     *idle_gaps)
{
  double sync_gap = cq_bench_median (sync_gaps, N_ROUNDS);
  double idle_gap = cq_bench_median (idle_gaps, N_ROUNDS);

  g_print ("bench %s: ours %.1f ms, baseline %.1f ms, ratio %.2f, target %.1f\n",
           name, sync_gap, idle_gap, sync_gap / idle_gap, TARGET);
  /* Sorted by the median. */
  g_print ("# %s: longest gap %.1f ms while syncing in any round (target: none over %.0f ms)\n",
           name, sync_gaps[N_ROUNDS - 1], MAX_GAP_MS);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CqStore) store = NULL;
  g_autoptr(CqClock) clock = NULL;
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GThread) thread = NULL;
  Server server = { 0 };
  GtkWidget *window;
  double idle_gaps[N_ROUNDS], sync_gaps[N_ROUNDS];
  double revise_idle_gaps[N_ROUNDS], revise_gaps[N_ROUNDS];

  setlocale (LC_ALL, "C.UTF-8");
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# bench sync-10k-ui-stall: skipped, no display (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();
  cq_test_ui_load_app_resources ();

  server.feeds[0] = make_rss ("New");
  server.feeds[1] = make_rss ("Revised");
  g_mutex_lock (&server.lock);
  thread = g_thread_new ("feed-server", server_thread, &server);
  while (server.loop == NULL)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.xml", server.port);

  dir = g_dir_make_tmp ("communique-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "communique.db", NULL);
  /* As the app sets it up. */
  cq_store_set_background_gives_way (TRUE);
  store = cq_store_open (path, NULL);
  cq_bench_fill_store (store, N_STORED);
  profile = cq_profile_new_for_feed ("stall", "Stall", NULL, url, "rss");
  engine = cq_sync_engine_new (store);
  clock = cq_clock_new ();

  window = GTK_WIDGET (cq_window_new (NULL, store, clock));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  cq_bench_wait_for_list (window, N_STORED);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gint64 source_id = cq_store_add_source (store, profile, NULL);
      guint run_for = 0;

      g_assert_cmpint (source_id, >, 0);
      sync_gaps[round] = longest_gap (window, engine, source_id, FALSE, &run_for);
      /* The baseline is the window with nothing behind it: the work the
       * sync leaves on workers (the log's checkpoint, the parsed feed's
       * freeing) is over first. */
      settle (1500);
      idle_gaps[round] = longest_gap (window, NULL, 0, FALSE, &run_for);
      g_print ("# round %u: longest gap %.1f ms syncing, %.1f ms idle\n",
               round + 1, sync_gaps[round], idle_gaps[round]);

      /* The same source synced again, every title revised: a later sync's
       * write, which refreshes the rows on screen and gives each an
       * Edited badge. */
      g_atomic_int_set (&server.revised, TRUE);
      revise_gaps[round] = longest_gap (window, engine, source_id, TRUE, &run_for);
      settle (1500);
      revise_idle_gaps[round] = longest_gap (window, NULL, 0, FALSE, &run_for);
      g_atomic_int_set (&server.revised, FALSE);
      g_print ("# round %u: longest gap %.1f ms revising, %.1f ms idle\n",
               round + 1, revise_gaps[round], revise_idle_gaps[round]);
      remove_source (window, store, source_id);
      settle (1500);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  report ("sync-10k-ui-stall", sync_gaps, idle_gaps);
  report ("resync-10k-revised-ui-stall", revise_gaps, revise_idle_gaps);

  g_main_loop_quit (server.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (server.loop);
  g_bytes_unref (server.feeds[0]);
  g_bytes_unref (server.feeds[1]);
  g_clear_object (&engine);
  g_clear_object (&store);
  cq_bench_remove_dir (dir);
  return 0;
}
