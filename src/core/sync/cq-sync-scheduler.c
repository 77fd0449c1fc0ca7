/* cq-sync-scheduler.c: when the app syncs: on start when stale, on a timer,
 * when the network comes back, and on demand
 *
 * Each source carries its own next-due time (set by the engine after every
 * sync, later after failures), so the scheduler only looks once a minute for
 * sources that are due.  Stopping cancels whatever is under way.
 *
 * After each sync of a source that keeps its full statements, the scheduler
 * has the engine fetch the new ones and check the recent pages again (at
 * most two requests at a time per host, a pause between): one run per
 * source at a time, cancelled when the app goes offline, the source is
 * removed or stops keeping them, and taken up after the next sync, since a
 * kept statement is never fetched again.  Its progress, summed over the
 * sources, is the window's "Saving statements: 14 of 40".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include "cq-sync-scheduler.h"

#define CHECK_INTERVAL_SECONDS 60
#define DEFAULT_KEEP_PAUSE_MS 500
#define DEFAULT_CHECK_DAYS 14

struct _CqSyncScheduler
{
  GObject          parent_instance;

  CqSyncEngine    *engine;
  CqStore         *store;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  guint            timer_id;
  gulong           network_id;
  gulong           store_id;
  guint            running;
  gboolean         online;

  GHashTable      *keeping;     /* source id → Keeping, while its statements are fetched */
  GHashTable      *keep_full;   /* source ids that keep their statements, as last seen */
  guint            check_days;
  guint            keep_pause_ms;
  guint            saving_done;
  guint            saving_total;
};

typedef struct {
  CqSyncScheduler *self;
  gint64           source_id;
  GCancellable    *cancellable;
  guint            done;
  guint            total;
} Keeping;

G_DEFINE_FINAL_TYPE (CqSyncScheduler, cq_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_ONLINE,
  PROP_SAVING_DONE,
  PROP_SAVING_TOTAL,
  N_PROPS
};

enum {
  SOURCE_SYNCED,
  SOURCE_FAILED,
  PAGES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  CqSyncScheduler *self;
  gint64           source_id;
} Pending;

static void
set_running (CqSyncScheduler *self,
             gint             delta)
{
  gboolean was = self->running > 0;

  self->running += delta;
  if (was != (self->running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

/* Full statements kept offline. */

/* A run is freed when the engine is done with it, cancelled or not. */
static void
keeping_cancel (gpointer data)
{
  Keeping *keeping = data;

  g_cancellable_cancel (keeping->cancellable);
}

/* The window's progress: the statements being saved, over all sources. */
static void
update_saving (CqSyncScheduler *self)
{
  GHashTableIter iter;
  gpointer value;
  guint done = 0, total = 0;

  g_hash_table_iter_init (&iter, self->keeping);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Keeping *keeping = value;

      done += keeping->done;
      total += keeping->total;
    }
  /* Nothing left to save is nothing to show, checks or no checks. */
  if (done >= total)
    done = total = 0;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->saving_done != done)
    {
      self->saving_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING_DONE]);
    }
  if (self->saving_total != total)
    {
      self->saving_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
keep_progress_cb (guint    done,
                  guint    total,
                  gpointer data)
{
  Keeping *keeping = data;

  keeping->done = done;
  keeping->total = total;
  update_saving (keeping->self);
}

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Keeping *keeping = user_data;
  g_autoptr(CqSyncScheduler) self = keeping->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) gone = NULL;
  gint64 source_id = keeping->source_id;

  if (!cq_sync_engine_keep_full_texts_finish (CQ_SYNC_ENGINE (object), result, NULL, NULL, &changed, &gone, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Full statements of source %" G_GINT64_FORMAT " not kept: %s", source_id, error->message);

  /* A cancelled run may have been replaced by a newer one already. */
  if (g_hash_table_lookup (self->keeping, &source_id) == keeping)
    g_hash_table_remove (self->keeping, &source_id);
  g_clear_object (&keeping->cancellable);
  g_free (keeping);
  update_saving (self);

  if (changed != NULL && changed->len + gone->len > 0)
    g_signal_emit (self, signals[PAGES_CHANGED], 0, source_id, changed, gone);
}

static void
keep_statements (CqSyncScheduler *self,
                 gint64           source_id)
{
  g_autoptr(CqSource) source = NULL;
  Keeping *keeping;

  if (!self->online || self->cancellable == NULL || g_hash_table_contains (self->keeping, &source_id))
    return;
  source = cq_store_dup_source (self->store, source_id, NULL);
  if (source == NULL || !cq_source_get_keep_full (source) || !cq_source_get_enabled (source))
    return;

  keeping = g_new0 (Keeping, 1);
  keeping->self = g_object_ref (self);
  keeping->source_id = source_id;
  keeping->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->keeping, g_memdup2 (&source_id, sizeof source_id), keeping);
  cq_sync_engine_keep_full_texts_async (self->engine, source_id, self->check_days, self->keep_pause_ms,
                                        keep_progress_cb, keeping, keeping->cancellable, kept_cb, keeping);
}

static void
stop_keeping (CqSyncScheduler *self)
{
  g_hash_table_remove_all (self->keeping);
  update_saving (self);
}

/* A source removed or no longer keeping its statements stops at once; one
 * that starts keeping them starts now. */
static void
store_changed_cb (CqSyncScheduler *self,
                  CqStoreChange    what)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) keep_full = NULL;
  g_autoptr(GList) running = NULL;

  if (!(what & CQ_STORE_CHANGE_SOURCES) || !(sources = cq_store_dup_sources (self->store, NULL)))
    return;

  keep_full = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);
      gint64 id = cq_source_get_id (source);

      if (cq_source_get_keep_full (source) && cq_source_get_enabled (source))
        g_hash_table_add (keep_full, g_memdup2 (&id, sizeof id));
    }

  running = g_hash_table_get_keys (self->keeping);
  for (GList *l = running; l != NULL; l = l->next)
    if (!g_hash_table_contains (keep_full, l->data))
      g_hash_table_remove (self->keeping, l->data);
  for (guint i = 0; i < sources->len; i++)
    {
      gint64 id = cq_source_get_id (g_ptr_array_index (sources, i));

      if (g_hash_table_contains (keep_full, &id) && !g_hash_table_contains (self->keep_full, &id))
        keep_statements (self, id);
    }
  g_hash_table_unref (self->keep_full);
  self->keep_full = g_steal_pointer (&keep_full);
  update_saving (self);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(CqSyncScheduler) self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSyncReport) report = cq_sync_engine_sync_source_finish (CQ_SYNC_ENGINE (object), result, &error);

  if (report != NULL)
    {
      g_signal_emit (self, signals[SOURCE_SYNCED], 0, pending->source_id, report);
      keep_statements (self, pending->source_id);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[SOURCE_FAILED], 0, pending->source_id, error->message);

  set_running (self, -1);
  g_free (pending);
}

static void
sync_source (CqSyncScheduler *self,
             gint64           source_id)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->source_id = source_id;
  set_running (self, +1);
  cq_sync_engine_sync_source_async (self->engine, source_id, self->cancellable, synced_cb, pending);
}

/* due_only: only sources whose next-due time has come (or never synced). */
static void
sync_sources (CqSyncScheduler *self,
              gboolean         due_only)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!self->online || self->cancellable == NULL)
    return;
  if (!(sources = cq_store_dup_sources (self->store, &error)))
    {
      g_debug ("Sources not read: %s", error->message);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);
      g_autoptr(CqSyncState) state = NULL;

      if (!cq_source_get_enabled (source))
        continue;
      state = cq_store_dup_sync_state (self->store, cq_source_get_id (source), NULL);
      if (due_only && state != NULL && state->next_due > now)
        continue;
      sync_source (self, cq_source_get_id (source));
    }
}

static gboolean
check_cb (gpointer user_data)
{
  sync_sources (user_data, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (CqSyncScheduler *self,
                    gboolean         available)
{
  gboolean online = g_network_monitor_get_network_available (self->monitor);

  if (online == self->online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);

  /* Back online: whatever fell due while we were away.  Gone: statements
   * stop being fetched, and are taken up after the next sync. */
  if (online)
    sync_sources (self, TRUE);
  else
    stop_keeping (self);
}

static void
cq_sync_scheduler_dispose (GObject *object)
{
  CqSyncScheduler *self = CQ_SYNC_SCHEDULER (object);

  cq_sync_scheduler_stop (self);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_signal_handler (&self->store_id, self->store);
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_sync_scheduler_parent_class)->dispose (object);
}

static void
cq_sync_scheduler_finalize (GObject *object)
{
  CqSyncScheduler *self = CQ_SYNC_SCHEDULER (object);

  g_clear_pointer (&self->keeping, g_hash_table_unref);
  g_clear_pointer (&self->keep_full, g_hash_table_unref);

  G_OBJECT_CLASS (cq_sync_scheduler_parent_class)->finalize (object);
}

static void
cq_sync_scheduler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CqSyncScheduler *self = CQ_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_SYNCING: g_value_set_boolean (value, self->running > 0); break;
    case PROP_ONLINE: g_value_set_boolean (value, self->online); break;
    case PROP_SAVING_DONE: g_value_set_uint (value, self->saving_done); break;
    case PROP_SAVING_TOTAL: g_value_set_uint (value, self->saving_total); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_sync_scheduler_class_init (CqSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cq_sync_scheduler_dispose;
  object_class->finalize = cq_sync_scheduler_finalize;
  object_class->get_property = cq_sync_scheduler_get_property;

  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, flags);
  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE, flags);
  /* Full statements saved so far, and to save, over every source; both 0
   * when none are being saved. */
  properties[PROP_SAVING_DONE] = g_param_spec_uint ("saving-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SAVING_TOTAL] = g_param_spec_uint ("saving-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CqSyncScheduler::source-synced:
   * @source_id: the source
   * @report: what changed
   */
  signals[SOURCE_SYNCED] =
    g_signal_new ("source-synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, CQ_TYPE_SYNC_REPORT);

  /**
   * CqSyncScheduler::source-failed:
   * @source_id: the source
   * @message: what went wrong, in words
   */
  signals[SOURCE_FAILED] =
    g_signal_new ("source-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * CqSyncScheduler::pages-changed:
   * @source_id: the source
   * @changed: (element-type gint64): statements whose page was rewritten
   * @gone: (element-type gint64): statements whose page was withdrawn or moved
   */
  signals[PAGES_CHANGED] =
    g_signal_new ("pages-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_ARRAY, G_TYPE_ARRAY);
}

static void
cq_sync_scheduler_init (CqSyncScheduler *self)
{
  self->keeping = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, keeping_cancel);
  self->keep_full = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->check_days = DEFAULT_CHECK_DAYS;
  self->keep_pause_ms = DEFAULT_KEEP_PAUSE_MS;
}

/**
 * cq_sync_scheduler_new:
 * @monitor: the network monitor; g_network_monitor_get_default() in the app
 *
 * Returns: (transfer full): a scheduler, idle until started
 */
CqSyncScheduler *
cq_sync_scheduler_new (CqSyncEngine    *engine,
                       CqStore         *store,
                       GNetworkMonitor *monitor)
{
  CqSyncScheduler *self;

  g_return_val_if_fail (CQ_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (CQ_TYPE_SYNC_SCHEDULER, NULL);
  self->engine = g_object_ref (engine);
  self->store = g_object_ref (store);
  self->monitor = g_object_ref (monitor);
  self->online = g_network_monitor_get_network_available (monitor);
  self->network_id = g_signal_connect_swapped (monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), self);
  self->store_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  return self;
}

/**
 * cq_sync_scheduler_start:
 *
 * Syncs the sources that are due now, then checks once a minute.
 */
void
cq_sync_scheduler_start (CqSyncScheduler *self)
{
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (self));

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  /* What keeps its statements now; a source turned to keep them later
   * starts at once. */
  store_changed_cb (self, CQ_STORE_CHANGE_SOURCES);
  self->timer_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_cb, self);
  sync_sources (self, TRUE);
}

/**
 * cq_sync_scheduler_stop:
 *
 * Cancels what is under way and stops the timer, as on shutdown.
 */
void
cq_sync_scheduler_stop (CqSyncScheduler *self)
{
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_keeping (self);
}

/**
 * cq_sync_scheduler_sync_now:
 *
 * Syncs every enabled source, due or not, as when the user asks.
 */
void
cq_sync_scheduler_sync_now (CqSyncScheduler *self)
{
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (self));
  sync_sources (self, FALSE);
}

gboolean
cq_sync_scheduler_get_syncing (CqSyncScheduler *self)
{
  g_return_val_if_fail (CQ_IS_SYNC_SCHEDULER (self), FALSE);
  return self->running > 0;
}

gboolean
cq_sync_scheduler_get_online (CqSyncScheduler *self)
{
  g_return_val_if_fail (CQ_IS_SYNC_SCHEDULER (self), FALSE);
  return self->online;
}

/**
 * cq_sync_scheduler_set_check_days:
 * @days: check again the pages of statements first stored in this many
 *   last days after each sync; 0 for never
 */
void
cq_sync_scheduler_set_check_days (CqSyncScheduler *self,
                                  guint            days)
{
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (self));
  self->check_days = days;
}

/**
 * cq_sync_scheduler_set_keep_pause:
 * @milliseconds: the pause after each statement page before the next
 *   from the same host (half a second unless told)
 */
void
cq_sync_scheduler_set_keep_pause (CqSyncScheduler *self,
                                  guint            milliseconds)
{
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (self));
  self->keep_pause_ms = milliseconds;
}

guint
cq_sync_scheduler_get_saving_done (CqSyncScheduler *self)
{
  g_return_val_if_fail (CQ_IS_SYNC_SCHEDULER (self), 0);
  return self->saving_done;
}

guint
cq_sync_scheduler_get_saving_total (CqSyncScheduler *self)
{
  g_return_val_if_fail (CQ_IS_SYNC_SCHEDULER (self), 0);
  return self->saving_total;
}
