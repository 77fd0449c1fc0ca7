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

  CqStore             *store;
  CqSource            *source;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (CqHeaderEditor, cq_header_editor, ADW_TYPE_PREFERENCES_PAGE)

static void save (CqHeaderEditor *self);

static const char *
entry_text (GtkWidget *row,
            const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (row), key)));
}

static void
changed_cb (CqHeaderEditor *self)
{
  if (!self->loading)
    save (self);
}

static void remove_row_cb (GtkButton *button, CqHeaderEditor *self);

static GtkWidget *
remove_button (CqHeaderEditor *self,
               GtkWidget      *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  g_object_set_data (G_OBJECT (button), "row", row);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_row_cb), self);
  return button;
}

static GtkWidget *
label_row (CqHeaderEditor *self,
           const char     *title,
           const char     *label)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), label);
  g_object_set_data (G_OBJECT (row), "label", row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
  return row;
}

static GtkWidget *
small_entry (CqHeaderEditor *self,
             GtkWidget      *row,
             const char     *key,
             const char     *text,
             const char     *placeholder,
             int             width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row), key, entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  return entry;
}

/* Every row ends with its remove button and lives in its group's list. */
static void
attach_row (CqHeaderEditor      *self,
            GtkWidget           *row,
            GPtrArray           *list,
            AdwPreferencesGroup *group)
{
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button (self, row));
  g_object_set_data (G_OBJECT (row), "list", list);
  g_object_set_data (G_OBJECT (row), "group", group);
  g_ptr_array_add (list, row);
  adw_preferences_group_add (group, row);
}

static void
add_clock_row (CqHeaderEditor *self,
               const char     *label,
               const char     *zone)
{
  GtkWidget *row = label_row (self, _("Clock"), label);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *zones = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->zones)), g_steal_pointer (&expression));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->zones));
  guint selected = GTK_INVALID_LIST_POSITION;

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (zones), TRUE);
  gtk_widget_set_valign (zones, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (zones, _("Time zone"));
  for (guint i = 0; i < n && selected == GTK_INVALID_LIST_POSITION; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->zones, i), zone) == 0)
      selected = i;
  /* A zone the system's list lacks (an alias, say) is kept, never
   * silently swapped for the first zone on the next save. */
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      gtk_string_list_append (self->zones, zone);
      selected = n;
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (zones), selected);
  g_object_set_data (G_OBJECT (row), "zone", zones);
  g_signal_connect_swapped (zones, "notify::selected", G_CALLBACK (changed_cb), self);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), zones);
  attach_row (self, row, self->clock_rows, self->clocks_group);
}

static void
add_counter_row (CqHeaderEditor *self,
                 const char     *label,
                 const char     *since,
                 const char     *note)
{
  GtkWidget *row = label_row (self, _("Days since"), label);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), small_entry (self, row, "since", since, _("YYYY-MM-DD"), 10));
  g_object_set_data_full (G_OBJECT (row), "note", g_strdup (note), g_free);
  attach_row (self, row, self->counter_rows, self->counters_group);
}

static void
add_contact_row (CqHeaderEditor *self,
                 const char     *label,
                 const char     *value)
{
  GtkWidget *row = label_row (self, _("Contact"), label);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), small_entry (self, row, "value", value, _("Phone or e-mail"), 18));
  attach_row (self, row, self->contact_rows, self->contacts_group);
}

static void
remove_row_cb (GtkButton      *button,
               CqHeaderEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  GPtrArray *list = g_object_get_data (G_OBJECT (row), "list");
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "group");

  g_ptr_array_remove (list, row);
  adw_preferences_group_remove (group, row);
  save (self);
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
      GtkWidget *row = g_ptr_array_index (self->clock_rows, i);
      GtkDropDown *zone = g_object_get_data (G_OBJECT (row), "zone");
      CqClockSpec *clock = g_new0 (CqClockSpec, 1);

      clock->label = (char *) entry_text (row, "label");
      clock->zone = (char *) gtk_string_list_get_string (self->zones, gtk_drop_down_get_selected (zone));
      g_ptr_array_add (clocks, clock);
    }
  for (guint i = 0; i < self->counter_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->counter_rows, i);
      CqCounterSpec *counter = g_new0 (CqCounterSpec, 1);

      counter->label = (char *) entry_text (row, "label");
      counter->note = g_object_get_data (G_OBJECT (row), "note");
      if (!cq_calendar_parse_calendar_date (entry_text (row, "since"), &counter->since))
        {
          /* Translators: %s is what was typed where a date belongs. */
          g_autofree char *text = g_strdup_printf (_("“%s” is not a date written YYYY-MM-DD."),
                                                   entry_text (row, "since"));

          gtk_label_set_label (self->problem_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
          g_free (counter);
          return;
        }
      g_ptr_array_add (counters, counter);
    }
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->contact_rows, i);
      CqContact *contact = g_new0 (CqContact, 1);

      contact->label = (char *) entry_text (row, "label");
      contact->value = (char *) entry_text (row, "value");
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
  g_autoptr(GPtrArray) sources = cq_store_dup_sources (self->store, NULL);
  CqProfile *profile;

  if (sources == NULL || sources->len == 0)
    {
      adw_preferences_group_set_description (self->clocks_group, _("Add a source first: the header is the first source’s."));
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  self->loading = TRUE;
  self->source = g_object_ref (g_ptr_array_index (sources, 0));
  profile = cq_source_get_profile (self->source);
  for (guint i = 0; i < cq_profile_get_n_clocks (profile); i++)
    add_clock_row (self, cq_profile_get_clock (profile, i)->label, cq_profile_get_clock (profile, i)->zone);
  for (guint i = 0; i < cq_profile_get_n_counters (profile); i++)
    {
      const CqCounterSpec *counter = cq_profile_get_counter (profile, i);
      char since[16];

      g_date_strftime (since, sizeof since, "%Y-%m-%d", &counter->since);
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
cq_header_editor_new (CqStore *store)
{
  CqHeaderEditor *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_HEADER_EDITOR, NULL);
  self->store = g_object_ref (store);
  load (self);
  return GTK_WIDGET (self);
}
