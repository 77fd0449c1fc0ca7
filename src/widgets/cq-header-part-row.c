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
#include <stdio.h>

#include "cq-header-part-row.h"
#include "cq-zone-button.h"

struct _CqHeaderPartRow
{
  AdwEntryRow    parent_instance;

  CqZoneButton  *zone_button;
  GtkEntry      *value_entry;
  GtkMenuButton *date_button;
  GtkPopover    *date_popover;
  GtkCalendar   *calendar;
  GtkButton     *remove_button;

  CqHeaderPart   part;
  char          *note;
  gboolean       showing_date;   /* the calendar is being set to the date typed */   /* a counter's note, kept as it was */
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

/* A clock still called what "Add a Clock" called it takes the name of the
 * city chosen for it; a name the user gave stays. */
static void
place_chosen_cb (CqHeaderPartRow *self)
{
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *place = NULL;

  g_object_get (self->zone_button, "place-name", &place, NULL);
  if (place != NULL && (*label == '\0' || g_str_equal (label, _("New clock"))))
    gtk_editable_set_text (GTK_EDITABLE (self), place);
}

/* The calendar opens on the date typed, when it is one. */
static void
date_popover_shown_cb (CqHeaderPartRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), "%d-%d-%d", &year, &month, &day) == 3 &&
      (date = g_date_time_new_utc (year, month, day, 0, 0, 0)) != NULL)
    {
      self->showing_date = TRUE;
      gtk_calendar_select_day (self->calendar, date);
      self->showing_date = FALSE;
    }
}

static void
day_selected_cb (CqHeaderPartRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (self->showing_date)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text);
  gtk_popover_popdown (self->date_popover);
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
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, zone_button);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, date_button);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, date_popover);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, calendar);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, CqHeaderPartRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_chosen_cb);

  g_type_ensure (CQ_TYPE_ZONE_BUTTON);
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
 * @zone: the clock's zone, kept as it is (an alias too) until the user
 *   chooses another
 */
GtkWidget *
cq_header_part_row_new_clock (const char *label,
                              const char *zone)
{
  CqHeaderPartRow *self = new_row (CQ_HEADER_PART_CLOCK, _("Clock"), label);

  cq_zone_button_set_zone (self->zone_button, zone);
  gtk_widget_set_visible (GTK_WIDGET (self->zone_button), TRUE);
  return GTK_WIDGET (self);
}

GtkWidget *
cq_header_part_row_new_counter (const char *label,
                                const char *since,
                                const char *note)
{
  CqHeaderPartRow *self = new_row (CQ_HEADER_PART_COUNTER, _("Days since"), label);

  show_value (self, since, _("YYYY-MM-DD"), 10);
  gtk_widget_set_visible (GTK_WIDGET (self->date_button), TRUE);
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
  return cq_zone_button_get_zone (self->zone_button);
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

/**
 * cq_header_part_row_set_problem:
 * @problem: (nullable): what is wrong with the value, or %NULL
 *
 * Marks the value's field, so that the user sees which one to put right.
 */
void
cq_header_part_row_set_problem (CqHeaderPartRow *self,
                                const char      *problem)
{
  g_return_if_fail (CQ_IS_HEADER_PART_ROW (self));

  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_entry), problem);
}

const char *
cq_header_part_row_get_note (CqHeaderPartRow *self)
{
  g_return_val_if_fail (CQ_IS_HEADER_PART_ROW (self), NULL);
  return self->note;
}
