/* cq-fake-monitor.c: a network monitor tests switch on and off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cq-fake-monitor.h"

/* A network monitor the test switches on and off. */


struct _CqFakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void cq_fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void cq_fake_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CqFakeMonitor, cq_fake_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, cq_fake_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, cq_fake_monitor_iface_init))

static gboolean
cq_fake_initable_init (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return TRUE;
}

static void
cq_fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = cq_fake_initable_init;
}

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void
cq_fake_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CqFakeMonitor *self = CQ_FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_fake_monitor_class_init (CqFakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cq_fake_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
cq_fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
cq_fake_monitor_init (CqFakeMonitor *self)
{
  self->available = TRUE;
}

void
cq_fake_monitor_set_available (CqFakeMonitor *self,
                               gboolean       available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}


CqFakeMonitor *
cq_fake_monitor_new (void)
{
  return g_object_new (CQ_TYPE_FAKE_MONITOR, NULL);
}
