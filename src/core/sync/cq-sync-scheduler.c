/* cq-sync-scheduler.c: when the app syncs: on start when stale, on a timer,
 * when the network comes back, and on demand
 *
 * Each source carries its own next-due time (set by the engine after every
 * sync, later after failures), so the scheduler only looks once a minute for
 * sources that are due.  Stopping cancels whatever is under way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include "cq-sync-scheduler.h"

#define CHECK_INTERVAL_SECONDS 60

struct _CqSyncScheduler
{
  GObject          parent_instance;

  CqSyncEngine    *engine;
  CqStore         *store;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  guint            timer_id;
  gulong           network_id;
  guint            running;
  gboolean         online;
};

G_DEFINE_FINAL_TYPE (CqSyncScheduler, cq_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_ONLINE,
  N_PROPS
};

enum {
  SOURCE_SYNCED,
  SOURCE_FAILED,
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
    g_signal_emit (self, signals[SOURCE_SYNCED], 0, pending->source_id, report);
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

  /* Back online: whatever fell due while we were away. */
  if (online)
    sync_sources (self, TRUE);
}

static void
cq_sync_scheduler_dispose (GObject *object)
{
  CqSyncScheduler *self = CQ_SYNC_SCHEDULER (object);

  cq_sync_scheduler_stop (self);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_sync_scheduler_parent_class)->dispose (object);
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
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_sync_scheduler_class_init (CqSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cq_sync_scheduler_dispose;
  object_class->get_property = cq_sync_scheduler_get_property;

  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, flags);
  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE, flags);
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
}

static void
cq_sync_scheduler_init (CqSyncScheduler *self)
{
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
