/* cq-clock.c: the one source of "now", ticking on the minute
 *
 * Everything that shows a time or counts days reads "now" from a CqClock,
 * never from the system directly, so that tests can stand on any date
 * without sleeping.  A system clock wakes once a minute, just after the
 * minute turns, which is all that a display of hours and minutes needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-time"

#include "config.h"

#include "cq-clock.h"
#include "cq-calendar.h"

struct _CqClock
{
  GObject    parent_instance;

  GDateTime *now;
  guint      tick_id;
  gboolean   fixed;
};

G_DEFINE_FINAL_TYPE (CqClock, cq_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_tick (CqClock *self);

static gboolean
tick_cb (gpointer user_data)
{
  CqClock *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->tick_id = 0;
  cq_clock_set_now (self, now);
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (CqClock *self)
{
  g_autoptr(GDateTime) next = cq_calendar_next_minute (self->now);
  GTimeSpan wait = g_date_time_difference (next, self->now);

  /* A little late rather than early, so the new minute has begun. */
  self->tick_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                      (guint) (wait / G_TIME_SPAN_MILLISECOND) + 50,
                                      tick_cb, self, NULL);
}

static void
cq_clock_finalize (GObject *object)
{
  CqClock *self = CQ_CLOCK (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (cq_clock_parent_class)->finalize (object);
}

static void
cq_clock_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CqClock *self = CQ_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_clock_class_init (CqClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cq_clock_finalize;
  object_class->get_property = cq_clock_get_property;

  /**
   * CqClock:now:
   *
   * The current instant, in UTC, to the minute for a system clock.  It is
   * notified when the minute changes.
   */
  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_clock_init (CqClock *self)
{
}

/**
 * cq_clock_new:
 *
 * Returns: (transfer full): a clock that follows the system time
 */
CqClock *
cq_clock_new (void)
{
  CqClock *self = g_object_new (CQ_TYPE_CLOCK, NULL);

  self->now = g_date_time_new_now_utc ();
  schedule_tick (self);
  return self;
}

/**
 * cq_clock_new_fixed:
 * @now: the instant the clock shows until cq_clock_set_now() moves it
 *
 * Returns: (transfer full): a clock that stands still
 */
CqClock *
cq_clock_new_fixed (GDateTime *now)
{
  CqClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (CQ_TYPE_CLOCK, NULL);
  self->now = g_date_time_to_utc (now);
  self->fixed = TRUE;
  return self;
}

/**
 * cq_clock_get_now:
 *
 * Returns: (transfer none): the current instant, in UTC
 */
GDateTime *
cq_clock_get_now (CqClock *self)
{
  g_return_val_if_fail (CQ_IS_CLOCK (self), NULL);
  return self->now;
}

void
cq_clock_set_now (CqClock   *self,
                  GDateTime *now)
{
  g_return_if_fail (CQ_IS_CLOCK (self));
  g_return_if_fail (now != NULL);

  if (g_date_time_equal (self->now, now))
    return;

  g_date_time_unref (self->now);
  self->now = g_date_time_to_utc (now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

gboolean
cq_clock_is_fixed (CqClock *self)
{
  g_return_val_if_fail (CQ_IS_CLOCK (self), FALSE);
  return self->fixed;
}
