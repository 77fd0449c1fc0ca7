/* cq-header-editor.c: the header's clocks, counters and contacts, edited live
 *
 * Every change is checked as a whole profile is (a zone must exist, a date
 * must be a date) and saved to the store at once when it passes; the
 * window's header follows the store.  While a change does not pass, the
 * page says why, in the profile's own words, and the store keeps the last
 * good header.
 *
 * The page edits one source's header, named at its top, where the user
 * can switch to another; "Read the Header from the Site" reads what that
 * source's own page shows and offers it to keep or drop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-header-editor.h"
#include "cq-header-part-row.h"
#include "cq-header-preview.h"
#include "cq-zone-button.h"
#include "cq-calendar.h"

struct _CqHeaderEditor
{
  AdwPreferencesPage   parent_instance;

  AdwComboRow         *source_row;
  AdwActionRow        *discover_row;
  AdwActionRow        *home_row;
  CqZoneButton        *home_button;
  GtkSpinner          *discover_spinner;
  AdwPreferencesGroup *clocks_group;
  AdwPreferencesGroup *counters_group;
  AdwPreferencesGroup *contacts_group;
  GtkLabel            *problem_label;
  GPtrArray           *clock_rows;
  GPtrArray           *counter_rows;
  GPtrArray           *contact_rows;

  CqSourceList        *sources;
  CqStore             *store;
  CqSyncEngine        *engine;
  CqSource            *source;
  GCancellable        *cancellable;
  gboolean             loading;
  gboolean             saving;
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
  attach_row (self, cq_header_part_row_new_clock (label, zone));
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

/* A new contact line starts empty: it is saved once it has a number or
 * an address, never as a made-up one. */
static void
add_contact_cb (CqHeaderEditor *self)
{
  add_contact_row (self, "", "");
  gtk_widget_grab_focus (g_ptr_array_index (self->contact_rows, self->contact_rows->len - 1));
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
          cq_header_part_row_set_problem (row, text);
          g_free (counter);
          return;
        }
      cq_header_part_row_set_problem (row, NULL);
      g_ptr_array_add (counters, counter);
    }
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      CqHeaderPartRow *row = g_ptr_array_index (self->contact_rows, i);
      CqContact *contact;

      /* Not yet written in full: not saved yet, and no error for it. */
      if (*cq_header_part_row_get_label (row) == '\0' || *cq_header_part_row_get_value (row) == '\0')
        continue;
      contact = g_new0 (CqContact, 1);
      contact->label = (char *) cq_header_part_row_get_label (row);
      contact->value = (char *) cq_header_part_row_get_value (row);
      g_ptr_array_add (contacts, contact);
    }

  profile = cq_profile_copy_with_header (cq_source_get_profile (self->source), clocks, counters, contacts, &error);
  self->saving = TRUE;
  if (profile == NULL || !cq_store_set_source_profile (self->store, cq_source_get_id (self->source), profile, &error))
    {
      self->saving = FALSE;
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  self->saving = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

static void
clear_rows (CqHeaderEditor *self)
{
  GPtrArray *all[] = { self->clock_rows, self->counter_rows, self->contact_rows };
  AdwPreferencesGroup *groups[] = { self->clocks_group, self->counters_group, self->contacts_group };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        adw_preferences_group_remove (groups[i], g_ptr_array_index (all[i], j));
      g_ptr_array_set_size (all[i], 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

static void
load (CqHeaderEditor *self)
{
  CqProfile *profile;

  self->loading = TRUE;
  clear_rows (self);
  if (self->source == NULL)
    {
      self->loading = FALSE;
      return;
    }
  profile = cq_source_get_profile (self->source);
  cq_zone_button_set_zone (self->home_button, cq_profile_get_time_zone_id (profile));
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

/* A header changed elsewhere (kept from the page, say) shows here; this
 * page's own saves are already on its rows. */
static void
profile_changed_cb (CqHeaderEditor *self)
{
  if (!self->saving)
    load (self);
}

static void
edit_source (CqHeaderEditor *self,
             CqSource       *source)
{
  if (source != self->source)
    {
      if (self->source != NULL)
        g_signal_handlers_disconnect_by_func (self->source, profile_changed_cb, self);
      g_set_object (&self->source, source);
      if (source != NULL)
        g_signal_connect_object (source, "notify::profile", G_CALLBACK (profile_changed_cb), self, G_CONNECT_SWAPPED);
      load (self);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->clocks_group), source != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->counters_group), source != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contacts_group), source != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discover_row), source != NULL && self->engine != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->home_row), source != NULL);
  adw_preferences_group_set_description (self->clocks_group,
                                         source != NULL ? _("Shown beside today’s date.")
                                                        : _("Add a source first: each source has its own header."));
}

/* The home zone counts the counters' days and, with no clocks of the
 * source's own, is the home half of the twin clocks. */
static void
home_zone_changed_cb (CqHeaderEditor *self)
{
  const char *zone = cq_zone_button_get_zone (self->home_button);
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->source == NULL ||
      g_strcmp0 (zone, cq_profile_get_time_zone_id (cq_source_get_profile (self->source))) == 0)
    return;
  profile = cq_profile_copy_with_time_zone (cq_source_get_profile (self->source), zone, &error);
  self->saving = TRUE;
  if (profile == NULL || !cq_store_set_source_profile (self->store, cq_source_get_id (self->source), profile, &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
  self->saving = FALSE;
}

static void
source_chosen_cb (CqHeaderEditor *self)
{
  edit_source (self, adw_combo_row_get_selected_item (self->source_row));
}

static void
toast (CqHeaderEditor *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CqHeaderEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFoundHeader) found = cq_sync_engine_discover_header_finish (CQ_SYNC_ENGINE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->discover_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discover_row), TRUE);
  if (found == NULL)
    toast (self, error->message);
  else if (found->parts->len == 0)
    toast (self, _("No clocks, counters or contact lines were found on the page."));
  else if (self->source != NULL)
    gtk_window_present (GTK_WINDOW (cq_header_preview_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                           self->store, self->source, found)));
}

static void
discover_activated_cb (CqHeaderEditor *self)
{
  if (self->source == NULL || self->engine == NULL)
    return;
  gtk_spinner_start (self->discover_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discover_row), FALSE);
  cq_sync_engine_discover_header_async (self->engine, cq_source_get_id (self->source), self->cancellable,
                                        discovered_cb, self);
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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The row may outlive the page a while; the sources must not. */
  if (self->source_row != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->source_row, source_chosen_cb, self);
      adw_combo_row_set_model (self->source_row, NULL);
      self->source_row = NULL;
    }
  g_clear_object (&self->engine);
  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->sources);
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
  AdwPreferencesGroup *problems = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  AdwPreferencesGroup *whose = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkExpression) name = gtk_property_expression_new (CQ_TYPE_SOURCE, NULL, "name");
  GtkWidget *discover_icon = gtk_image_new_from_icon_name ("find-location-symbolic");

  self->clock_rows = g_ptr_array_new ();
  self->counter_rows = g_ptr_array_new ();
  self->contact_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Header"));
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "header");
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "preferences-system-time-symbolic");

  /* Whose header this is, and a way to read it from that source's page. */
  self->source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _("Source"));
  adw_combo_row_set_expression (self->source_row, name);
  adw_preferences_group_add (whose, GTK_WIDGET (self->source_row));
  self->discover_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->discover_row), _("Read the Header from the Site"));
  adw_action_row_set_subtitle (self->discover_row, _("The clocks, counters and contact lines its page shows, to keep or drop"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->discover_row), TRUE);
  self->discover_spinner = GTK_SPINNER (gtk_spinner_new ());
  adw_action_row_add_suffix (self->discover_row, GTK_WIDGET (self->discover_spinner));
  adw_action_row_add_suffix (self->discover_row, discover_icon);
  g_signal_connect_swapped (self->discover_row, "activated", G_CALLBACK (discover_activated_cb), self);
  adw_preferences_group_add (whose, GTK_WIDGET (self->discover_row));
  self->home_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->home_row), _("Home Time Zone"));
  adw_action_row_set_subtitle (self->home_row, _("Counters count its days; with no clocks of its own, the header shows its clock beside yours"));
  self->home_button = CQ_ZONE_BUTTON (cq_zone_button_new ("UTC"));
  gtk_widget_set_valign (GTK_WIDGET (self->home_button), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->home_row, GTK_WIDGET (self->home_button));
  g_signal_connect_swapped (self->home_button, "notify::zone", G_CALLBACK (home_zone_changed_cb), self);
  adw_preferences_group_add (whose, GTK_WIDGET (self->home_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), whose);
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
 * @sources: the sources whose headers it edits
 * @engine: (nullable): what reads a header from a source's page
 *
 * Returns: (transfer floating): a page editing one source's header, the
 *   first source's to begin with
 */
GtkWidget *
cq_header_editor_new (CqSourceList *sources,
                      CqSyncEngine *engine)
{
  CqHeaderEditor *self;

  g_return_val_if_fail (CQ_IS_SOURCE_LIST (sources), NULL);

  self = g_object_new (CQ_TYPE_HEADER_EDITOR, NULL);
  self->sources = g_object_ref (sources);
  self->store = g_object_ref (cq_source_list_get_store (sources));
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));
  g_object_bind_property (sources, "n-items", self->source_row, "sensitive", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->source_row, "notify::selected-item", G_CALLBACK (source_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  source_chosen_cb (self);
  return GTK_WIDGET (self);
}

/**
 * cq_header_editor_show_source:
 * @source: (nullable): the source whose header to edit
 *
 * Chooses @source in the page's source row, as the user would.
 */
void
cq_header_editor_show_source (CqHeaderEditor *self,
                              CqSource       *source)
{
  guint position;

  g_return_if_fail (CQ_IS_HEADER_EDITOR (self));

  position = source != NULL ? cq_source_list_find (self->sources, cq_source_get_id (source)) : G_MAXUINT;
  if (position != G_MAXUINT)
    adw_combo_row_set_selected (self->source_row, position);
}
