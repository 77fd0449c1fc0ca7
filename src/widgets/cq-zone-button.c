/* cq-zone-button.c: a time zone, chosen by any part of a city's or zone's name
 *
 * A button showing the zone; its popover searches libgweather's cities (in
 * English and the desktop's language) and the system's zones for any part
 * of a name, as GNOME Clocks does: "Tokyo", "york" and "Токио" all find a
 * zone.  Choosing a city says its name too ("place-name"), so that a new
 * clock can take it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cq-places.h"
#include "cq-zone-button.h"

/* A search shows at most this many places; a longer list is no help. */
#define MAX_RESULTS 50

struct _CqZoneButton
{
  GtkWidget       parent_instance;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *results;
  GtkLabel       *none_label;

  char           *zone;
  char           *place_name;
  GPtrArray      *places;   /* CqPlace, as the results list shows them */
};

G_DEFINE_FINAL_TYPE (CqZoneButton, cq_zone_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZONE,
  PROP_PLACE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_results (CqZoneButton *self,
              const char   *query)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  self->places = cq_places_search (query, MAX_RESULTS);

  for (guint i = 0; i < self->places->len; i++)
    {
      CqPlace *place = g_ptr_array_index (self->places, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), place->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_autofree char *where = place->country != NULL ? g_strdup_printf ("%s · %s", place->country, place->zone)
                                                      : g_strdup (place->zone);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->results, row);
    }

  if (self->places->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "results");
  else
    {
      gtk_label_set_label (self->none_label, *query == '\0' ? _("Type the name of a city or a time zone.")
                                                           : _("No city or time zone has that name."));
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
}

static void
search_changed_cb (CqZoneButton *self)
{
  show_results (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
popover_shown_cb (CqZoneButton *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_results (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * cq_zone_button_choose:
 * @result: the position of a place in the results of the last search
 *
 * Takes that place's zone and name, as a click on it does.
 */
void
cq_zone_button_choose (CqZoneButton *self,
                       guint         result)
{
  CqPlace *place;

  g_return_if_fail (CQ_IS_ZONE_BUTTON (self));
  g_return_if_fail (self->places != NULL && result < self->places->len);

  place = g_ptr_array_index (self->places, result);
  g_free (self->place_name);
  self->place_name = g_strdup (place->name);
  cq_zone_button_set_zone (self, place->zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_NAME]);
  gtk_popover_popdown (self->popover);
}

static void
row_activated_cb (CqZoneButton  *self,
                  GtkListBoxRow *row)
{
  cq_zone_button_choose (self, (guint) gtk_list_box_row_get_index (row));
}

/* Enter takes the first place found. */
static void
search_activated_cb (CqZoneButton *self)
{
  if (self->places != NULL && self->places->len > 0)
    cq_zone_button_choose (self, 0);
}

static void
cq_zone_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CqZoneButton *self = CQ_ZONE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      g_value_set_string (value, self->zone);
      break;
    case PROP_PLACE_NAME:
      g_value_set_string (value, self->place_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_zone_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CqZoneButton *self = CQ_ZONE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      cq_zone_button_set_zone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_zone_button_dispose (GObject *object)
{
  CqZoneButton *self = CQ_ZONE_BUTTON (object);

  g_clear_pointer (&self->places, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_ZONE_BUTTON);

  G_OBJECT_CLASS (cq_zone_button_parent_class)->dispose (object);
}

static void
cq_zone_button_finalize (GObject *object)
{
  CqZoneButton *self = CQ_ZONE_BUTTON (object);

  g_free (self->zone);
  g_free (self->place_name);

  G_OBJECT_CLASS (cq_zone_button_parent_class)->finalize (object);
}

static void
cq_zone_button_class_init (CqZoneButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cq_zone_button_get_property;
  object_class->set_property = cq_zone_button_set_property;
  object_class->dispose = cq_zone_button_dispose;
  object_class->finalize = cq_zone_button_finalize;

  /**
   * CqZoneButton:zone:
   *
   * The IANA identifier of the zone chosen.
   */
  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, "UTC",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqZoneButton:place-name:
   *
   * The name of the city last chosen, or %NULL.
   */
  properties[PROP_PLACE_NAME] =
    g_param_spec_string ("place-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-zone-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, button);
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, popover);
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, stack);
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, results);
  gtk_widget_class_bind_template_child (widget_class, CqZoneButton, none_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
cq_zone_button_init (CqZoneButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zone = g_strdup ("UTC");
  gtk_menu_button_set_label (self->button, self->zone);
}

GtkWidget *
cq_zone_button_new (const char *zone)
{
  return g_object_new (CQ_TYPE_ZONE_BUTTON, "zone", zone, NULL);
}

const char *
cq_zone_button_get_zone (CqZoneButton *self)
{
  g_return_val_if_fail (CQ_IS_ZONE_BUTTON (self), NULL);
  return self->zone;
}

void
cq_zone_button_set_zone (CqZoneButton *self,
                         const char   *zone)
{
  g_return_if_fail (CQ_IS_ZONE_BUTTON (self));

  if (zone == NULL || g_strcmp0 (zone, self->zone) == 0)
    return;
  g_free (self->zone);
  self->zone = g_strdup (zone);
  gtk_menu_button_set_label (self->button, zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE]);
}

/**
 * cq_zone_button_search:
 *
 * Searches as typing @query in the popover does.
 */
void
cq_zone_button_search (CqZoneButton *self,
                       const char   *query)
{
  g_return_if_fail (CQ_IS_ZONE_BUTTON (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  show_results (self, query);
}

guint
cq_zone_button_get_n_results (CqZoneButton *self)
{
  g_return_val_if_fail (CQ_IS_ZONE_BUTTON (self), 0);
  return self->places != NULL ? self->places->len : 0;
}
