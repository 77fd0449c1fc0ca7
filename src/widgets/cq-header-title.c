/* cq-header-title.c: today's date and the twin clocks, for the header bar
 *
 * The text comes from CqHeader, the same snapshot `communique-cli header`
 * prints, and is rebuilt when the clock's minute turns or the profile or
 * the desktop's clock format changes.  Compact (a narrow window), the date
 * takes its short form and the clocks leave the title: the window shows
 * :clocks-text under the header bar instead, where it has the width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header.h"
#include "cq-header-title.h"

struct _CqHeaderTitle
{
  GtkWidget      parent_instance;

  GtkLabel      *date_label;
  GtkLabel      *clocks_label;

  CqClock       *clock;
  CqProfile     *profile;
  CqClockFormat  clock_format;
  gulong         now_handler;
  gboolean       compact;
  char          *clocks_text;
};

G_DEFINE_FINAL_TYPE (CqHeaderTitle, cq_header_title, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_PROFILE,
  PROP_CLOCK_FORMAT,
  PROP_COMPACT,
  PROP_CLOCKS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (CqHeaderTitle *self)
{
  g_autoptr(CqHeader) header = NULL;
  g_autoptr(GString) clocks = g_string_new (NULL);

  if (self->clock == NULL || self->profile == NULL)
    return;

  header = cq_header_new (self->profile, cq_clock_get_now (self->clock), self->clock_format);
  for (guint i = 0; i < header->clocks->len; i++)
    {
      CqHeaderClock *clock = g_ptr_array_index (header->clocks, i);

      if (clocks->len > 0)
        g_string_append (clocks, "  ·  ");
      /* Translators: a clock in the header: a place and its time. */
      g_string_append_printf (clocks, _("%s %s"), clock->label, clock->time);
    }

  if (self->compact)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (cq_clock_get_now (self->clock),
                                                            cq_profile_get_time_zone (self->profile));
      /* Translators: the header's date in a narrow window, as strftime() reads it. */
      g_autofree char *date = g_date_time_format (local, C_("short header date", "%d.%m.%Y"));

      gtk_label_set_label (self->date_label, date);
    }
  else
    gtk_label_set_label (self->date_label, header->date);
  gtk_label_set_label (self->clocks_label, clocks->str);
  gtk_widget_set_visible (GTK_WIDGET (self->clocks_label), clocks->len > 0 && !self->compact);
  if (g_strcmp0 (self->clocks_text, clocks->str) != 0)
    {
      g_free (self->clocks_text);
      self->clocks_text = g_strdup (clocks->str);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCKS_TEXT]);
    }
}

static void
set_clock (CqHeaderTitle *self,
           CqClock       *clock)
{
  if (self->clock == clock)
    return;

  g_clear_signal_handler (&self->now_handler, self->clock);
  g_set_object (&self->clock, clock);
  if (clock != NULL)
    self->now_handler = g_signal_connect_swapped (clock, "notify::now", G_CALLBACK (update), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

static void
cq_header_title_dispose (GObject *object)
{
  CqHeaderTitle *self = CQ_HEADER_TITLE (object);

  g_clear_signal_handler (&self->now_handler, self->clock);
  g_clear_object (&self->clock);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->clocks_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_HEADER_TITLE);

  G_OBJECT_CLASS (cq_header_title_parent_class)->dispose (object);
}

static void
cq_header_title_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CqHeaderTitle *self = CQ_HEADER_TITLE (object);

  switch (prop_id)
    {
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    case PROP_CLOCK_FORMAT: g_value_set_int (value, self->clock_format); break;
    case PROP_COMPACT: g_value_set_boolean (value, self->compact); break;
    case PROP_CLOCKS_TEXT: g_value_set_string (value, self->clocks_text); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_header_title_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CqHeaderTitle *self = CQ_HEADER_TITLE (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      set_clock (self, g_value_get_object (value));
      break;

    case PROP_PROFILE:
      if (g_set_object (&self->profile, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CLOCK_FORMAT:
      if (self->clock_format != (CqClockFormat) g_value_get_int (value))
        {
          self->clock_format = g_value_get_int (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_header_title_class_init (CqHeaderTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cq_header_title_dispose;
  object_class->get_property = cq_header_title_get_property;
  object_class->set_property = cq_header_title_set_property;

  properties[PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, CQ_TYPE_CLOCK, flags);
  properties[PROP_PROFILE] = g_param_spec_object ("profile", NULL, NULL, CQ_TYPE_PROFILE, flags);
  /* A CqClockFormat. */
  properties[PROP_CLOCK_FORMAT] =
    g_param_spec_int ("clock-format", NULL, NULL,
                      CQ_CLOCK_FORMAT_24H, CQ_CLOCK_FORMAT_12H, CQ_CLOCK_FORMAT_24H, flags);
  /* Short date, no clocks: for a narrow window. */
  properties[PROP_COMPACT] = g_param_spec_boolean ("compact", NULL, NULL, FALSE, flags);
  /* "Moscow 22:40  ·  London 20:40", for wherever the clocks are shown. */
  properties[PROP_CLOCKS_TEXT] =
    g_param_spec_string ("clocks-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-header-title.ui");
  gtk_widget_class_bind_template_child (widget_class, CqHeaderTitle, date_label);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderTitle, clocks_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "headertitle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cq_header_title_init (CqHeaderTitle *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
cq_header_title_new (void)
{
  return g_object_new (CQ_TYPE_HEADER_TITLE, NULL);
}
