/* cq-header-editor.c: the header's clocks, counters and contacts, edited live
 *
 * Every change is checked as a whole profile is (a zone must exist, a date
 * must be a date) and saved to the store at once when it passes; the
 * window's header follows the store.  While a change does not pass, the
 * page says why, in the profile's own words, and the store keeps the last
 * good header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-editor.h"
#include "cq-header-part-row.h"
#include "cq-calendar.h"

struct _CqHeaderEditor
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *clocks_group;
  AdwPreferencesGroup *counters_group;
  AdwPreferencesGroup *contacts_group;
  GtkLabel            *problem_label;
  GPtrArray           *clock_rows;
  GPtrArray           *counter_rows;
  GPtrArray           *contact_rows;
  GtkStringList       *zones;

  CqSourceList        *sources;
  CqStore             *store;
  CqSource            *source;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (CqHeaderEditor, cq_header_editor, ADW_TYPE_PREFERENCES_PAGE)

static void save (CqHeaderEditor *self);

static void
changed_cb (CqHeaderEditor *self)
{
  if (!self->loading)
    save (self);
}

static GPtrArray *
rows_of (CqHeaderEditor *self,
         CqHeaderPart    part)
{
  switch (part)
    {
    case CQ_HEADER_PART_CLOCK: return self->clock_rows;
    case CQ_HEADER_PART_COUNTER: return self->counter_rows;
    case CQ_HEADER_PART_CONTACT: return self->contact_rows;
    default: g_assert_not_reached ();
    }
}

static AdwPreferencesGroup *
group_of (CqHeaderEditor *self,
          CqHeaderPart    part)
{
  switch (part)
    {
    case CQ_HEADER_PART_CLOCK: return self->clocks_group;
    case CQ_HEADER_PART_COUNTER: return self->counters_group;
    case CQ_HEADER_PART_CONTACT: return self->contacts_group;
    default: g_assert_not_reached ();
    }
}

static void
remove_requested_cb (CqHeaderEditor  *self,
                     CqHeaderPartRow *row)
{
  CqHeaderPart part = cq_header_part_row_get_part (row);

  g_ptr_array_remove (rows_of (self, part), row);
  adw_preferences_group_remove (group_of (self, part), GTK_WIDGET (row));
  save (self);
}

/* Every row lives in its part's group and list, and saves when edited. */
static void
attach_row (CqHeaderEditor *self,
            GtkWidget      *row)
{
  CqHeaderPart part = cq_header_part_row_get_part (CQ_HEADER_PART_ROW (row));

  g_signal_connect_object (row, "edited", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (remove_requested_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (rows_of (self, part), row);
  adw_preferences_group_add (group_of (self, part), row);
}

static void
add_clock_row (CqHeaderEditor *self,
               const char     *label,
               const char     *zone)
{
  attach_row (self, cq_header_part_row_new_clock (label, self->zones, zone));
}

static void
add_counter_row (CqHeaderEditor *self,
                 const char     *label,
                 const char     *since,
                 const char     *note)
{
  attach_row (self, cq_header_part_row_new_counter (label, since, note));
}

static void
add_contact_row (CqHeaderEditor *self,
                 const char     *label,
                 const char     *value)
{
  attach_row (self, cq_header_part_row_new_contact (label, value));
}

static void
add_clock_cb (CqHeaderEditor *self)
{
  add_clock_row (self, _("New clock"), "UTC");
  save (self);
}

static void
add_counter_cb (CqHeaderEditor *self)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");

  add_counter_row (self, _("the event"), date, NULL);
  save (self);
}

static void
add_contact_cb (CqHeaderEditor *self)
{
  add_contact_row (self, _("Phone"), "+44 20 0000 0000");
  save (self);
}

static void
clock_spec_clear (gpointer data)
{
  g_free (data);
}

/* The rows, read back into the profile's own structures. */
static void
save (CqHeaderEditor *self)
{
  g_autoptr(GPtrArray) clocks = g_ptr_array_new_with_free_func (clock_spec_clear);
  g_autoptr(GPtrArray) counters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (self->source == NULL)
    return;

  for (guint i = 0; i < self->clock_rows->len; i++)
    {
      CqHeaderPartRow *row = g_ptr_array_index (self->clock_rows, i);
      CqClockSpec *clock = g_new0 (CqClockSpec, 1);

      clock->label = (char *) cq_header_part_row_get_label (row);
      clock->zone = (char *) cq_header_part_row_get_zone (row);
      g_ptr_array_add (clocks, clock);
    }
  for (guint i = 0; i < self->counter_rows->len; i++)
    {
      CqHeaderPartRow *row = g_ptr_array_index (self->counter_rows, i);
      CqCounterSpec *counter = g_new0 (CqCounterSpec, 1);

      counter->label = (char *) cq_header_part_row_get_label (row);
      counter->note = (char *) cq_header_part_row_get_note (row);
      if (!cq_calendar_parse_calendar_date (cq_header_part_row_get_value (row), &counter->since))
        {
          /* Translators: %s is what was typed where a date belongs. */
          g_autofree char *text = g_strdup_printf (_("“%s” is not a date written YYYY-MM-DD."),
                                                   cq_header_part_row_get_value (row));

          gtk_label_set_label (self->problem_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
          g_free (counter);
          return;
        }
      g_ptr_array_add (counters, counter);
    }
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      CqHeaderPartRow *row = g_ptr_array_index (self->contact_rows, i);
      CqContact *contact = g_new0 (CqContact, 1);

      contact->label = (char *) cq_header_part_row_get_label (row);
      contact->value = (char *) cq_header_part_row_get_value (row);
      g_ptr_array_add (contacts, contact);
    }

  profile = cq_profile_copy_with_header (cq_source_get_profile (self->source), clocks, counters, contacts, &error);
  if (profile == NULL || !cq_store_set_source_profile (self->store, cq_source_get_id (self->source), profile, &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

static void
load (CqHeaderEditor *self)
{
  g_autoptr(CqSource) first = g_list_model_get_item (G_LIST_MODEL (self->sources), 0);
  CqProfile *profile;

  if (first == NULL)
    {
      adw_preferences_group_set_description (self->clocks_group, _("Add a source first: the header is the first source’s."));
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  self->loading = TRUE;
  self->source = g_steal_pointer (&first);
  profile = cq_source_get_profile (self->source);
  for (guint i = 0; i < cq_profile_get_n_clocks (profile); i++)
    add_clock_row (self, cq_profile_get_clock (profile, i)->label, cq_profile_get_clock (profile, i)->zone);
  for (guint i = 0; i < cq_profile_get_n_counters (profile); i++)
    {
      const CqCounterSpec *counter = cq_profile_get_counter (profile, i);
      g_autofree char *since = cq_calendar_format_calendar_date (&counter->since);

      add_counter_row (self, counter->label, since, counter->note);
    }
  for (guint i = 0; i < cq_profile_get_n_contacts (profile); i++)
    add_contact_row (self, cq_profile_get_contact (profile, i)->label, cq_profile_get_contact (profile, i)->value);
  self->loading = FALSE;
}

static GtkWidget *
add_button (const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
cq_header_editor_dispose (GObject *object)
{
  CqHeaderEditor *self = CQ_HEADER_EDITOR (object);

  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->sources);
  g_clear_object (&self->zones);
  g_clear_pointer (&self->clock_rows, g_ptr_array_unref);
  g_clear_pointer (&self->counter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cq_header_editor_parent_class)->dispose (object);
}

static void
cq_header_editor_class_init (CqHeaderEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cq_header_editor_dispose;
}

static AdwPreferencesGroup *
make_group (CqHeaderEditor *self,
            const char     *title,
            const char     *description,
            const char     *add_tooltip,
            GCallback       add_cb)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *add = add_button (add_tooltip);

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  g_signal_connect_swapped (add, "clicked", add_cb, self);
  adw_preferences_group_set_header_suffix (group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
  return group;
}

static void
cq_header_editor_init (CqHeaderEditor *self)
{
  g_auto(GStrv) zones = cq_calendar_list_zones ();
  AdwPreferencesGroup *problems = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->clock_rows = g_ptr_array_new ();
  self->counter_rows = g_ptr_array_new ();
  self->contact_rows = g_ptr_array_new ();
  self->zones = gtk_string_list_new ((const char * const *) zones);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Header"));
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "header");
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "preferences-system-time-symbolic");
  self->clocks_group = make_group (self, _("Clocks"), _("Shown beside today’s date."),
                                   _("Add a Clock"), G_CALLBACK (add_clock_cb));
  self->counters_group = make_group (self, _("Counters"),
                                     _("“N days have passed since …”, counted in the source’s time zone."),
                                     _("Add a Counter"), G_CALLBACK (add_counter_cb));
  self->contacts_group = make_group (self, _("Contact Lines"), _("Phone numbers and e-mail addresses open when clicked."),
                                     _("Add a Contact Line"), G_CALLBACK (add_contact_cb));

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  adw_preferences_group_add (problems, GTK_WIDGET (self->problem_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), problems);
}

/**
 * cq_header_editor_new:
 *
 * Returns: (transfer floating): a page editing the first source's header
 */
GtkWidget *
cq_header_editor_new (CqSourceList *sources)
{
  CqHeaderEditor *self;

  g_return_val_if_fail (CQ_IS_SOURCE_LIST (sources), NULL);

  self = g_object_new (CQ_TYPE_HEADER_EDITOR, NULL);
  self->sources = g_object_ref (sources);
  self->store = g_object_ref (cq_source_list_get_store (sources));
  load (self);
  return GTK_WIDGET (self);
}
