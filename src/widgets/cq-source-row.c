/* cq-source-row.c: one followed source in Preferences
 *
 * The feed's address as the title, the name the user may change in the
 * entry, a toggle to keep its full statements offline, a switch to turn the
 * source off and a button to remove it.  The row only says what the user
 * asked for, through the "source.rename", "source.keep-full",
 * "source.enable" and "source.remove" actions with the source's id; the
 * window that owns the store carries them out, and the row shows the
 * outcome when its source (kept current by the source list) changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include "cq-source-row.h"

struct _CqSourceRow
{
  AdwEntryRow  parent_instance;

  GtkSwitch   *enabled_switch;
  GtkToggleButton *keep_button;
  GtkButton   *remove_button;
  GtkImage    *error_image;

  CqSource    *source;
  gulong       notify_id;
};

G_DEFINE_FINAL_TYPE (CqSourceRow, cq_source_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name the store has is no edit of the user's: the apply button,
 * gone once a rename is applied, stays gone. */
static void
show_name (CqSourceRow *self)
{
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self), cq_source_get_name (self->source));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
}

static void
apply_cb (CqSourceRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "source.rename", "(xs)",
                              cq_source_get_id (self->source),
                              gtk_editable_get_text (GTK_EDITABLE (self)));
  /* What the store made of it shows, even when that is the name it had
   * (an emptied name is the profile's own; a refused one stays as it was). */
  show_name (self);
}

static void
enabled_changed_cb (CqSourceRow *self)
{
  gboolean active = gtk_switch_get_active (self->enabled_switch);

  if (active != cq_source_get_enabled (self->source))
    gtk_widget_activate_action (GTK_WIDGET (self), "source.enable", "(xb)",
                                cq_source_get_id (self->source), active);
}

static void
keep_changed_cb (CqSourceRow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->keep_button);

  if (active != cq_source_get_keep_full (self->source))
    gtk_widget_activate_action (GTK_WIDGET (self), "source.keep-full", "(xb)",
                                cq_source_get_id (self->source), active);
}

/* Shows what changed on the source (@pspec), or all of it (%NULL): a new
 * sync error must not put back the name the user is typing. */
static void
show_source (CqSourceRow *self,
             GParamSpec  *pspec)
{
  const char *changed = pspec != NULL ? pspec->name : NULL;
  const char *error;

  if (changed == NULL || g_str_equal (changed, "profile"))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                   cq_profile_get_feed_url (cq_source_get_profile (self->source)));
  if (changed == NULL || g_str_equal (changed, "name"))
    show_name (self);
  if (changed == NULL || g_str_equal (changed, "enabled"))
    gtk_switch_set_active (self->enabled_switch, cq_source_get_enabled (self->source));
  if (changed == NULL || g_str_equal (changed, "keep-full"))
    gtk_toggle_button_set_active (self->keep_button, cq_source_get_keep_full (self->source));
  if (changed == NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "x", cq_source_get_id (self->source));

  /* Why its last sync failed lives on the source, not in a toast. */
  if (changed == NULL || g_str_equal (changed, "last-error"))
    {
      error = cq_source_get_last_error (self->source);
      gtk_widget_set_visible (GTK_WIDGET (self->error_image), error != NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_image), error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error != NULL ? error : "", -1);
    }
}

static void
cq_source_row_dispose (GObject *object)
{
  CqSourceRow *self = CQ_SOURCE_ROW (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->notify_id, self->source);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_SOURCE_ROW);

  G_OBJECT_CLASS (cq_source_row_parent_class)->dispose (object);
}

static void
cq_source_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CqSourceRow *self = CQ_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_source_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CqSourceRow *self = CQ_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      cq_source_row_set_source (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_source_row_class_init (CqSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cq_source_row_dispose;
  object_class->get_property = cq_source_row_get_property;
  object_class->set_property = cq_source_row_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, CQ_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CqSourceRow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, CqSourceRow, keep_button);
  gtk_widget_class_bind_template_child (widget_class, CqSourceRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CqSourceRow, error_image);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_changed_cb);
}

static void
cq_source_row_init (CqSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cq_source_row_new (CqSource *source)
{
  g_return_val_if_fail (CQ_IS_SOURCE (source), NULL);

  return g_object_new (CQ_TYPE_SOURCE_ROW, "source", source, NULL);
}

/**
 * cq_source_row_get_source:
 *
 * Returns: (transfer none): the source the row shows
 */
CqSource *
cq_source_row_get_source (CqSourceRow *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE_ROW (self), NULL);

  return self->source;
}

/**
 * cq_source_row_set_source:
 *
 * Shows @source and follows it: after a rename, the row shows the name
 * that was kept.
 */
void
cq_source_row_set_source (CqSourceRow *self,
                          CqSource    *source)
{
  g_return_if_fail (CQ_IS_SOURCE_ROW (self));
  g_return_if_fail (CQ_IS_SOURCE (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_clear_signal_handler (&self->notify_id, self->source);
  g_set_object (&self->source, source);
  self->notify_id = g_signal_connect_swapped (source, "notify", G_CALLBACK (show_source), self);
  show_source (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}
