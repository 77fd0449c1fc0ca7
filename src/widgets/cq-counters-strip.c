/* cq-counters-strip.c: the day counters and contact lines under the header
 *
 * Counters and contacts sit in a flow box, so a narrow window wraps them
 * onto more lines instead of cutting them off.  The counts follow the
 * clock: at midnight in the profile's home zone they go up by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-counters-strip.h"
#include "cq-header.h"

struct _CqCountersStrip
{
  GtkWidget   parent_instance;

  GtkFlowBox *flow_box;

  CqClock    *clock;
  CqProfile  *profile;
  gulong      now_handler;
  GPtrArray  *counter_labels;   /* GtkLabel, one per counter */
};

G_DEFINE_FINAL_TYPE (CqCountersStrip, cq_counters_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_counter_label (const CqHeaderCounter *counter)
{
  GtkWidget *label = gtk_label_new (counter->text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, counter->note);
  gtk_widget_add_css_class (label, "counter");
  return label;
}

static GtkWidget *
make_contact_label (const CqContact *contact)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", contact->label, contact->value);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *uri = contact->uri != NULL ? g_markup_escape_text (contact->uri, -1) : NULL;
  g_autofree char *markup = uri != NULL ? g_strdup_printf ("<a href=\"%s\">%s</a>", uri, escaped) : NULL;
  GtkWidget *label = gtk_label_new (NULL);

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), markup == NULL);
  gtk_widget_add_css_class (label, "contact");
  return label;
}

/* Rebuilding the children is for a new profile; a new minute only changes
 * the counters' text. */
static void
rebuild (CqCountersStrip *self)
{
  g_autoptr(CqHeader) header = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  g_ptr_array_set_size (self->counter_labels, 0);

  if (self->clock == NULL || self->profile == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  header = cq_header_new (self->profile, cq_clock_get_now (self->clock), CQ_CLOCK_FORMAT_24H);
  for (guint i = 0; i < header->counters->len; i++)
    {
      GtkWidget *label = make_counter_label (g_ptr_array_index (header->counters, i));

      g_ptr_array_add (self->counter_labels, label);
      gtk_flow_box_append (self->flow_box, label);
    }
  for (guint i = 0; i < header->contacts->len; i++)
    gtk_flow_box_append (self->flow_box, make_contact_label (g_ptr_array_index (header->contacts, i)));

  gtk_widget_set_visible (GTK_WIDGET (self), header->counters->len + header->contacts->len > 0);
}

static void
now_changed_cb (CqCountersStrip *self)
{
  g_autoptr(CqHeader) header = NULL;

  if (self->profile == NULL)
    return;

  header = cq_header_new (self->profile, cq_clock_get_now (self->clock), CQ_CLOCK_FORMAT_24H);
  g_assert (header->counters->len == self->counter_labels->len);
  for (guint i = 0; i < header->counters->len; i++)
    {
      CqHeaderCounter *counter = g_ptr_array_index (header->counters, i);

      gtk_label_set_label (g_ptr_array_index (self->counter_labels, i), counter->text);
    }
}

static void
cq_counters_strip_dispose (GObject *object)
{
  CqCountersStrip *self = CQ_COUNTERS_STRIP (object);

  g_clear_signal_handler (&self->now_handler, self->clock);
  g_clear_object (&self->clock);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->counter_labels, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_COUNTERS_STRIP);

  G_OBJECT_CLASS (cq_counters_strip_parent_class)->dispose (object);
}

static void
cq_counters_strip_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CqCountersStrip *self = CQ_COUNTERS_STRIP (object);

  switch (prop_id)
    {
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_counters_strip_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CqCountersStrip *self = CQ_COUNTERS_STRIP (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      if (self->clock == g_value_get_object (value))
        break;
      g_clear_signal_handler (&self->now_handler, self->clock);
      g_set_object (&self->clock, g_value_get_object (value));
      if (self->clock != NULL)
        self->now_handler = g_signal_connect_swapped (self->clock, "notify::now",
                                                      G_CALLBACK (now_changed_cb), self);
      rebuild (self);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_PROFILE:
      if (g_set_object (&self->profile, g_value_get_object (value)))
        {
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_counters_strip_class_init (CqCountersStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cq_counters_strip_dispose;
  object_class->get_property = cq_counters_strip_get_property;
  object_class->set_property = cq_counters_strip_set_property;

  properties[PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, CQ_TYPE_CLOCK, flags);
  properties[PROP_PROFILE] = g_param_spec_object ("profile", NULL, NULL, CQ_TYPE_PROFILE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-counters-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, CqCountersStrip, flow_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countersstrip");
}

static void
cq_counters_strip_init (CqCountersStrip *self)
{
  self->counter_labels = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cq_counters_strip_new (void)
{
  return g_object_new (CQ_TYPE_COUNTERS_STRIP, NULL);
}
