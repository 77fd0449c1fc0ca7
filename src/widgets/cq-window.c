/* cq-window.c: the main window
 *
 * For now the header (date, twin clocks), the counters strip and a page
 * saying what is stored; the news list and the reader come next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-counters-strip.h"
#include "cq-header-title.h"
#include "cq-time.h"
#include "cq-window.h"

struct _CqWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  CqHeaderTitle        *header_title;
  CqCountersStrip      *counters_strip;
  AdwStatusPage        *status_page;

  CqStore              *store;
  CqClock              *clock;
  CqProfile            *profile;
  GListModel           *items;
  GSettings            *settings;
  GSettings            *desktop_settings;
};

G_DEFINE_FINAL_TYPE (CqWindow, cq_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The header shows the first source's profile, or the built-in one until
 * a source has been added. */
static CqProfile *
choose_profile (CqStore *store)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = cq_store_dup_sources (store, &error);
  if (sources == NULL)
    g_debug ("Sources could not be read: %s", error->message);
  if (sources == NULL || sources->len == 0)
    return cq_profile_new_default ();
  return g_object_ref (cq_source_get_profile (g_ptr_array_index (sources, 0)));
}

static void
update_status (CqWindow *self)
{
  guint n = g_list_model_get_n_items (self->items);
  g_autofree char *title = NULL;

  if (n == 0)
    {
      adw_status_page_set_title (self->status_page, _("No News Yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Stored statements and news will be listed here."));
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Item Stored", "%u Items Stored", n), n);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page,
                                   _("Everything is kept for reading offline."));
}

static void
apply_desktop_clock_format (CqWindow *self)
{
  g_autofree char *format = g_settings_get_string (self->desktop_settings, "clock-format");

  g_object_set (self->header_title, "clock-format",
                g_strcmp0 (format, "12h") == 0 ? CQ_CLOCK_FORMAT_12H : CQ_CLOCK_FORMAT_24H,
                NULL);
}

/* The desktop's schema is absent outside GNOME; clocks are then 24-hour. */
static void
follow_desktop_clock_format (CqWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    return;

  self->desktop_settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->desktop_settings, "changed::clock-format",
                           G_CALLBACK (apply_desktop_clock_format), self, G_CONNECT_SWAPPED);
  apply_desktop_clock_format (self);
}

static void
remember_window_size (CqWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
cq_window_constructed (GObject *object)
{
  CqWindow *self = CQ_WINDOW (object);

  G_OBJECT_CLASS (cq_window_parent_class)->constructed (object);

  g_assert (CQ_IS_STORE (self->store));
  g_assert (CQ_IS_CLOCK (self->clock));

  self->profile = choose_profile (self->store);
  g_object_notify_by_pspec (object, properties[PROP_PROFILE]);

  self->items = cq_store_list_items (self->store);
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  update_status (self);

  follow_desktop_clock_format (self);
  remember_window_size (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
cq_window_dispose (GObject *object)
{
  CqWindow *self = CQ_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->desktop_settings);
  g_clear_object (&self->items);
  g_clear_object (&self->profile);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_WINDOW);

  G_OBJECT_CLASS (cq_window_parent_class)->dispose (object);
}

static void
cq_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CqWindow *self = CQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CqWindow *self = CQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      /* Told, so that the template's bindings pass it on. */
      self->clock = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_window_class_init (CqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cq_window_constructed;
  object_class->dispose = cq_window_dispose;
  object_class->get_property = cq_window_get_property;
  object_class->set_property = cq_window_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CQ_TYPE_STORE, construct);
  properties[PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, CQ_TYPE_CLOCK, construct);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, CQ_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CQ_TYPE_HEADER_TITLE);
  g_type_ensure (CQ_TYPE_COUNTERS_STRIP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, header_title);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, counters_strip);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, status_page);
}

static void
cq_window_init (CqWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cq_window_new:
 * @application: (nullable): the application, or %NULL in tests
 * @store: where the news is kept
 * @clock: what "now" is; a fixed clock in tests
 *
 * Returns: (transfer floating): a new window
 */
CqWindow *
cq_window_new (GtkApplication *application,
               CqStore        *store,
               CqClock        *clock)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CQ_IS_CLOCK (clock), NULL);

  return g_object_new (CQ_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "clock", clock,
                       NULL);
}

/**
 * cq_window_show_message:
 * @message: something the user must know, in words
 */
void
cq_window_show_message (CqWindow   *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (CQ_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
