/* cq-settings.c: the application's settings, typed, and the desktop's clock format
 *
 * One object for what the user chose: each key of the application's schema
 * is a typed property that notifies when the key changes (from Preferences,
 * from dconf, from another window), and the desktop's clock format is read
 * once here and followed, never looked up again by a widget.  Widgets bind
 * to the properties (Ptyxis's PtyxisSettings is the model).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include "cq-settings.h"

struct _CqSettings
{
  GObject        parent_instance;

  GSettings     *settings;
  GSettings     *desktop;     /* NULL outside GNOME: clocks are then 24-hour */
  CqClockFormat  clock_format;
  gboolean       has_document_font;
};

G_DEFINE_FINAL_TYPE (CqSettings, cq_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MARK_READ_ON_OPEN,
  PROP_MARK_EDITED_UNREAD,
  PROP_LOAD_REMOTE_IMAGES,
  PROP_SYNC_INTERVAL,
  PROP_CHECK_PAGES_DAYS,
  PROP_MAX_ITEMS_PER_SOURCE,
  PROP_LAST_ITEM,
  PROP_CLOCK_FORMAT,
  PROP_DOCUMENT_FONT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keys are named as their properties. */
static void
settings_changed_cb (CqSettings *self,
                     const char *key)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), key);

  if (pspec != NULL && pspec != properties[PROP_CLOCK_FORMAT] && pspec != properties[PROP_DOCUMENT_FONT])
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
desktop_changed_cb (CqSettings *self)
{
  CqClockFormat format = cq_calendar_read_clock_format (self->desktop);

  if (format == self->clock_format)
    return;
  self->clock_format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_FORMAT]);
}

static void
document_font_changed_cb (CqSettings *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_FONT]);
}

static void
cq_settings_finalize (GObject *object)
{
  CqSettings *self = CQ_SETTINGS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->desktop);

  G_OBJECT_CLASS (cq_settings_parent_class)->finalize (object);
}

static void
cq_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CqSettings *self = CQ_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_MARK_READ_ON_OPEN: g_value_set_boolean (value, cq_settings_get_mark_read_on_open (self)); break;
    case PROP_MARK_EDITED_UNREAD: g_value_set_boolean (value, cq_settings_get_mark_edited_unread (self)); break;
    case PROP_LOAD_REMOTE_IMAGES: g_value_set_boolean (value, cq_settings_get_load_remote_images (self)); break;
    case PROP_SYNC_INTERVAL: g_value_set_uint (value, cq_settings_get_sync_interval (self)); break;
    case PROP_CHECK_PAGES_DAYS: g_value_set_uint (value, cq_settings_get_check_pages_days (self)); break;
    case PROP_MAX_ITEMS_PER_SOURCE: g_value_set_uint (value, cq_settings_get_max_items_per_source (self)); break;
    case PROP_LAST_ITEM: g_value_set_int64 (value, cq_settings_get_last_item (self)); break;
    case PROP_CLOCK_FORMAT: g_value_set_int (value, self->clock_format); break;
    case PROP_DOCUMENT_FONT: g_value_take_string (value, cq_settings_dup_document_font (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CqSettings *self = CQ_SETTINGS (object);

  /* The schema's own notification tells watchers. */
  switch (prop_id)
    {
    case PROP_MARK_READ_ON_OPEN:
    case PROP_MARK_EDITED_UNREAD:
    case PROP_LOAD_REMOTE_IMAGES:
      g_settings_set_boolean (self->settings, pspec->name, g_value_get_boolean (value));
      break;
    case PROP_SYNC_INTERVAL:
    case PROP_CHECK_PAGES_DAYS:
    case PROP_MAX_ITEMS_PER_SOURCE:
      g_settings_set_uint (self->settings, pspec->name, g_value_get_uint (value));
      break;
    case PROP_LAST_ITEM:
      cq_settings_set_last_item (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_settings_class_init (CqSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cq_settings_finalize;
  object_class->get_property = cq_settings_get_property;
  object_class->set_property = cq_settings_set_property;

  properties[PROP_MARK_READ_ON_OPEN] = g_param_spec_boolean ("mark-read-on-open", NULL, NULL, TRUE, rw);
  properties[PROP_MARK_EDITED_UNREAD] = g_param_spec_boolean ("mark-edited-unread", NULL, NULL, TRUE, rw);
  properties[PROP_LOAD_REMOTE_IMAGES] = g_param_spec_boolean ("load-remote-images", NULL, NULL, FALSE, rw);
  /* Minutes; the schema keeps the range. */
  properties[PROP_SYNC_INTERVAL] = g_param_spec_uint ("sync-interval", NULL, NULL, 0, G_MAXUINT, 30, rw);
  /* Statement pages first stored in this many last days are checked again. */
  properties[PROP_CHECK_PAGES_DAYS] = g_param_spec_uint ("check-pages-days", NULL, NULL, 0, G_MAXUINT, 14, rw);
  /* Newest first, starred ones besides; 0 keeps all. */
  properties[PROP_MAX_ITEMS_PER_SOURCE] =
    g_param_spec_uint ("max-items-per-source", NULL, NULL, 0, G_MAXUINT, 10000, rw);
  properties[PROP_LAST_ITEM] = g_param_spec_int64 ("last-item", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_CLOCK_FORMAT] =
    g_param_spec_int ("clock-format", NULL, NULL, CQ_CLOCK_FORMAT_24H, CQ_CLOCK_FORMAT_12H, CQ_CLOCK_FORMAT_24H,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The desktop's font for reading documents, "Cantarell 11"; NULL outside GNOME. */
  properties[PROP_DOCUMENT_FONT] =
    g_param_spec_string ("document-font", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_settings_init (CqSettings *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  /* GSettings tells of a change only to a key read after connecting. */
  self->desktop = cq_calendar_dup_desktop_interface ();
  if (self->desktop != NULL)
    g_signal_connect_object (self->desktop, "changed::clock-format", G_CALLBACK (desktop_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->clock_format = cq_calendar_read_clock_format (self->desktop);
  if (self->desktop != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->desktop, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "document-font-name"))
        {
          g_autofree char *font = NULL;

          self->has_document_font = TRUE;
          g_signal_connect_object (self->desktop, "changed::document-font-name", G_CALLBACK (document_font_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          font = g_settings_get_string (self->desktop, "document-font-name");
        }
    }
}

/**
 * cq_settings_get_default:
 *
 * Returns: (transfer none): the settings every window of this process shares
 */
CqSettings *
cq_settings_get_default (void)
{
  static CqSettings *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, g_object_new (CQ_TYPE_SETTINGS, NULL));
  return instance;
}

gboolean
cq_settings_get_mark_edited_unread (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), TRUE);
  return g_settings_get_boolean (self->settings, "mark-edited-unread");
}

gboolean
cq_settings_get_mark_read_on_open (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), TRUE);
  return g_settings_get_boolean (self->settings, "mark-read-on-open");
}

gboolean
cq_settings_get_load_remote_images (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), FALSE);
  return g_settings_get_boolean (self->settings, "load-remote-images");
}

/**
 * cq_settings_get_check_pages_days:
 *
 * Returns: how many last days' statement pages are checked again after
 *   each sync; 0 for none
 */
guint
cq_settings_get_check_pages_days (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), 14);
  return g_settings_get_uint (self->settings, "check-pages-days");
}

/**
 * cq_settings_get_sync_interval:
 *
 * Returns: the minutes between updates of each source
 */
guint
cq_settings_get_sync_interval (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), 30);
  return g_settings_get_uint (self->settings, "sync-interval");
}

/**
 * cq_settings_get_max_items_per_source:
 *
 * Returns: how many items each source keeps, newest first; 0 for all
 */
guint
cq_settings_get_max_items_per_source (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), 0);
  return g_settings_get_uint (self->settings, "max-items-per-source");
}

/**
 * cq_settings_get_last_item:
 *
 * Returns: the id of the statement open when the window last closed, or 0
 */
gint64
cq_settings_get_last_item (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), 0);
  return g_settings_get_int64 (self->settings, "last-item");
}

void
cq_settings_set_last_item (CqSettings *self,
                           gint64      item_id)
{
  g_return_if_fail (CQ_IS_SETTINGS (self));
  g_settings_set_int64 (self->settings, "last-item", item_id);
}

/**
 * cq_settings_get_list_width:
 *
 * Returns: the news list's width, as the user last dragged it
 */
int
cq_settings_get_list_width (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), 300);
  return g_settings_get_int (self->settings, "list-width");
}

void
cq_settings_set_list_width (CqSettings *self,
                            int         width)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_int32 (width));

  g_return_if_fail (CQ_IS_SETTINGS (self));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "list-width");
  if (g_settings_schema_key_range_check (key, value))
    g_settings_set_value (self->settings, "list-width", value);
}

/**
 * cq_settings_get_citation_style:
 *
 * Returns: the style Copy Citation uses: the one last chosen from its menu
 */
CqCitationStyle
cq_settings_get_citation_style (CqSettings *self)
{
  g_autofree char *name = NULL;
  CqCitationStyle style = CQ_CITATION_RECORD;

  g_return_val_if_fail (CQ_IS_SETTINGS (self), CQ_CITATION_RECORD);
  name = g_settings_get_string (self->settings, "citation-style");
  cq_citation_style_from_string (name, &style);
  return style;
}

void
cq_settings_set_citation_style (CqSettings      *self,
                                CqCitationStyle  style)
{
  g_return_if_fail (CQ_IS_SETTINGS (self));
  g_return_if_fail (style < CQ_CITATION_N_STYLES);
  g_settings_set_string (self->settings, "citation-style", cq_citation_style_to_string (style));
}

/**
 * cq_settings_get_clock_format:
 *
 * Returns: the desktop's clock format, 24-hour when the desktop does not say
 */
CqClockFormat
cq_settings_get_clock_format (CqSettings *self)
{
  g_return_val_if_fail (CQ_IS_SETTINGS (self), CQ_CLOCK_FORMAT_24H);
  return self->clock_format;
}

/**
 * cq_settings_dup_document_font:
 *
 * Returns: (transfer full) (nullable): the desktop's document font, as
 *   pango_font_description_from_string() reads it, or %NULL
 */
char *
cq_settings_dup_document_font (CqSettings *self)
{
  g_autofree char *font = NULL;

  g_return_val_if_fail (CQ_IS_SETTINGS (self), NULL);

  if (!self->has_document_font)
    return NULL;
  font = g_settings_get_string (self->desktop, "document-font-name");
  return *font != '\0' ? g_steal_pointer (&font) : NULL;
}

/**
 * cq_settings_bind_window_state:
 *
 * Makes @window open at the size it was left at, maximized if it was.
 */
void
cq_settings_bind_window_state (CqSettings *self,
                               GtkWindow  *window)
{
  g_return_if_fail (CQ_IS_SETTINGS (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_settings_bind (self->settings, "window-width", window, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", window, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", window, "maximized", G_SETTINGS_BIND_DEFAULT);
}
