/* cq-header-part-row.c: one clock, counter or contact line in the header editor
 *
 * The label is the row's own entry; a clock adds its time zone, a counter
 * its date, a contact its phone number or address.  The row says when it
 * was edited ("edited") and when the user wants it gone
 * ("remove-requested"); the editor reads it back through typed getters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-part-row.h"

struct _CqHeaderPartRow
{
  AdwEntryRow    parent_instance;

  GtkDropDown   *zone_dropdown;
  GtkEntry      *value_entry;
  GtkButton     *remove_button;

  CqHeaderPart   part;
  GtkStringList *zones;
  char          *note;   /* a counter's note, kept as it was */
};

G_DEFINE_FINAL_TYPE (CqHeaderPartRow, cq_header_part_row, ADW_TYPE_ENTRY_ROW)

enum {
  EDITED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
edited_cb (CqHeaderPartRow *self)
{
  g_signal_emit (self, signals[EDITED], 0);
}

static void
remove_clicked_cb (CqHeaderPartRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
cq_header_part_row_dispose (GObject *object)
{
  CqHeaderPartRow *self = CQ_HEADER_PART_ROW (object);

  g_clear_object (&self->zones);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_HEADER_PART_ROW);

  G_OBJECT_CLASS (cq_header_part_row_parent_class)->dispose (object);
}

static void
cq_header_part_row_finalize (GObject *object)
{
  CqHeaderPartRow *self = CQ_HEADER_PART_ROW (object);

  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (cq_header_part_row_parent_class)->finalize (object);
}

static void
cq_header_part_row_class_init (CqHeaderPartRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cq_header_part_row_dispose;
  object_class->finalize = cq_header_part_row_finalize;

  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-header-part-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, zone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
cq_header_part_row_init (CqHeaderPartRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static CqHeaderPartRow *
new_row (CqHeaderPart  part,
         const char   *title,
         const char   *label)
{
  CqHeaderPartRow *self = g_object_new (CQ_TYPE_HEADER_PART_ROW, "title", title, NULL);

  self->part = part;
  gtk_editable_set_text (GTK_EDITABLE (self), label != NULL ? label : "");
  return self;
}

static void
show_value (CqHeaderPartRow *self,
            const char      *value,
            const char      *placeholder,
            int              width)
{
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value != NULL ? value : "");
  gtk_entry_set_placeholder_text (self->value_entry, placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->value_entry), width);
  gtk_widget_set_visible (GTK_WIDGET (self->value_entry), TRUE);
}

/**
 * cq_header_part_row_new_clock:
 * @zones: the zones to choose from; a @zone it lacks (an alias, say) is
 *   added, never silently swapped for the first zone on the next save
 */
GtkWidget *
cq_header_part_row_new_clock (const char    *label,
                              GtkStringList *zones,
                              const char    *zone)
{
  CqHeaderPartRow *self = new_row (CQ_HEADER_PART_CLOCK, _("Clock"), label);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (zones));
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && selected == GTK_INVALID_LIST_POSITION; i++)
    if (g_strcmp0 (gtk_string_list_get_string (zones, i), zone) == 0)
      selected = i;
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      gtk_string_list_append (zones, zone);
      selected = n;
    }
  self->zones = g_object_ref (zones);
  gtk_drop_down_set_model (self->zone_dropdown, G_LIST_MODEL (zones));
  gtk_drop_down_set_selected (self->zone_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->zone_dropdown), TRUE);
  return GTK_WIDGET (self);
}

GtkWidget *
cq_header_part_row_new_counter (const char *label,
                                const char *since,
                                const char *note)
{
  CqHeaderPartRow *self = new_row (CQ_HEADER_PART_COUNTER, _("Days since"), label);

  show_value (self, since, _("YYYY-MM-DD"), 10);
  self->note = g_strdup (note);
  return GTK_WIDGET (self);
}

GtkWidget *
cq_header_part_row_new_contact (const char *label,
                                const char *value)
{
  CqHeaderPartRow *self = new_row (CQ_HEADER_PART_CONTACT, _("Contact"), label);

  show_value (self, value, _("Phone or e-mail"), 18);
  return GTK_WIDGET (self);
}

CqHeaderPart
cq_header_part_row_get_part (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), CQ_HEADER_PART_CLOCK);
  return self->part;
}

const char *
cq_header_part_row_get_label (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self));
}

/**
 * cq_header_part_row_get_zone:
 *
 * Returns: (nullable): a clock's zone, %NULL on other rows
 */
const char *
cq_header_part_row_get_zone (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), NULL);
  if (self->part != CQ_HEADER_PART_CLOCK)
    return NULL;
  return gtk_string_list_get_string (self->zones, gtk_drop_down_get_selected (self->zone_dropdown));
}

/**
 * cq_header_part_row_get_value:
 *
 * Returns: (nullable): a counter's date as typed, or a contact's number or
 *   address; %NULL on clocks
 */
const char *
cq_header_part_row_get_value (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), NULL);
  if (self->part == CQ_HEADER_PART_CLOCK)
    return NULL;
  return gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
}

const char *
cq_header_part_row_get_note (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), NULL);
  return self->note;
}
