/* cq-window.c: the main window
 *
 * For now the header (date, twin clocks), the counters strip and a page
 * saying what is stored; the news list and the reader come next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-counters-strip.h"
#include "cq-first-frame.h"
#include "cq-header-title.h"
#include "cq-item-list.h"
#include "cq-news-row.h"
#include "cq-opml-files.h"
#include "cq-reader-view.h"
#include "cq-settings.h"
#include "cq-source-list.h"
#include "cq-sync-scheduler.h"
#include "cq-calendar.h"
#include "cq-window.h"

struct _CqWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwToast             *message_toast;
  gboolean              show_source_names;
  int                   drag_start_width;
  int                   list_width;       /* the list's natural width, as dragged */   /* weak: the last message shown, while it is */
  CqHeaderTitle        *header_title;
  CqCountersStrip      *counters_strip;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *pane_handle;
  GtkWidget            *narrow_clocks;
  guint                 compact_idle_id;
  GtkWidget            *reader_pane;
  GtkSearchBar         *search_bar;
  GtkDropDown          *source_dropdown;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *all_button;
  GtkToggleButton      *unread_button;
  GtkToggleButton      *starred_button;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *status_page;
  GtkWidget            *add_source_button;
  CqReaderView         *reader;

  CqStore              *store;
  CqClock              *clock;
  CqProfile            *profile;
  CqSourceList         *sources;
  CqSource             *header_source;  /* the one whose header shows, watched for edits */
  gboolean              sources_changing;
  gboolean              was_at_top;    /* the list showed its first row when items arrived */
  guint                 n_new_above;   /* statements arrived above the part of the list shown */
  gboolean              changing_query; /* the user changed what the list shows, not the store */
  GtkRevealer          *new_items_revealer;
  GtkButton            *new_items_button;
  gboolean              changing_filter;
  CqItemList           *items;
  GtkSingleSelection   *selection;
  CqSyncScheduler      *scheduler;
  GtkRevealer          *saving_revealer;
  GtkLabel             *saving_label;
  GtkProgressBar       *saving_bar;
  char                 *notice;     /* the calm banner under the header bar, or NULL */
  CqSettings           *settings;
};

G_DEFINE_FINAL_TYPE (CqWindow, cq_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_PROFILE,
  PROP_SOURCES,
  PROP_SCHEDULER,
  PROP_NOTICE,
  PROP_SHOW_SOURCE_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_enabled_source (CqWindow *self)
{
  for (guint i = 0; self->sources != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      g_autoptr(CqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (cq_source_get_enabled (source))
        return TRUE;
    }
  return FALSE;
}

/* What the list pane says when it has nothing to show. */
static void
update_status (CqWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  const char *search = cq_item_list_get_search (self->items);
  CqItemFilter filter = cq_item_list_get_filter (self->items);

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->add_source_button, FALSE);
  if (n > 0)
    return;

  if (search != NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "edit-find-symbolic");
      adw_status_page_set_title (self->status_page, _("No Results"));
      adw_status_page_set_description (self->status_page, _("No stored statement has these words. Try others."));
    }
  else if (filter == CQ_ITEM_FILTER_UNREAD)
    {
      adw_status_page_set_icon_name (self->status_page, "object-select-symbolic");
      adw_status_page_set_title (self->status_page, _("All Read"));
      adw_status_page_set_description (self->status_page, _("There is nothing new to read."));
    }
  else if (filter == CQ_ITEM_FILTER_STARRED)
    {
      adw_status_page_set_icon_name (self->status_page, "starred-symbolic");
      adw_status_page_set_title (self->status_page, _("No Starred Statements"));
      adw_status_page_set_description (self->status_page, _("Star a statement to keep it here."));
    }
  else if (has_enabled_source (self))
    {
      /* Sources, but nothing fetched yet: a first start offline, or a
       * source that cannot be reached.  Adding one would not help. */
      gboolean syncing = self->scheduler != NULL && cq_sync_scheduler_get_syncing (self->scheduler);

      adw_status_page_set_icon_name (self->status_page, "io.github.communique.Communique-symbolic");
      adw_status_page_set_title (self->status_page, syncing ? _("Fetching Statements…") : _("No Statements Yet"));
      adw_status_page_set_description (self->status_page,
                                       syncing ? _("The first statements arrive in a moment.")
                                               : _("None could be fetched from your sources yet; they are tried again regularly."));
      gtk_button_set_label (GTK_BUTTON (self->add_source_button), _("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_source_button), "app.refresh");
      gtk_widget_set_visible (self->add_source_button, !syncing);
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "io.github.communique.Communique-symbolic");
      adw_status_page_set_title (self->status_page, _("No News Yet"));
      adw_status_page_set_description (self->status_page, _("Stored statements and news will be listed here."));
      gtk_button_set_label (GTK_BUTTON (self->add_source_button), _("_Add a Source"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_source_button), "app.preferences");
      gtk_widget_set_visible (self->add_source_button, TRUE);
    }
}

static void
selection_changed_cb (CqWindow *self)
{
  CqItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  /* The template's selection outlives the reader while it is taken down. */
  if (self->reader == NULL || self->items == NULL)
    return;
  /* A new filter that hides the statement being read does not close it. */
  if (item == NULL && self->changing_filter)
    return;
  cq_reader_view_set_item (self->reader, item);
  /* Read now, it stays in an Unread list until the reader moves on. */
  cq_item_list_set_kept_id (self->items, item != NULL ? cq_item_get_id (item) : 0);
  if (item == NULL)
    return;

  cq_settings_set_last_item (self->settings, cq_item_get_id (item));
  if (cq_settings_get_mark_read_on_open (self->settings) &&
      !cq_store_set_read (self->store, cq_item_get_id (item), TRUE, &error))
    cq_window_show_message (self, error->message);
}

/* Narrow, one click on a row opens it (two were needed: the first only
 * selected, and already marked it read).  Seen in the capture phase, after
 * the row's own press has selected it; nothing is claimed. */
static void
list_click_released_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        CqWindow        *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
row_activated_cb (CqWindow *self,
                  guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
back_clicked_cb (CqWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
search_changed_cb (CqWindow *self)
{
  self->changing_query = TRUE;
  cq_item_list_set_search (self->items, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->changing_query = FALSE;
}

static void follow_header_source (CqWindow *self);

/* Rows name their source when the list shows more than one. */
static void
update_show_source_names (CqWindow *self)
{
  gboolean show = self->items != NULL && cq_item_list_get_source_id (self->items) == 0 &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 1;

  if (show == self->show_source_names)
    return;
  self->show_source_names = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SOURCE_NAMES]);
}

/* While the sources change under it, the selector's own selection moves;
 * what it shows is put back once they have changed. */
static void
source_selected_cb (CqWindow *self)
{
  CqSource *selected = gtk_drop_down_get_selected_item (self->source_dropdown);

  if (self->items == NULL || self->sources_changing || selected == NULL)
    return;
  self->changing_query = TRUE;
  cq_item_list_set_source_id (self->items, cq_source_get_id (selected));
  self->changing_query = FALSE;
  update_show_source_names (self);
  follow_header_source (self);
}

/* "All Sources" (a source with no id), then the live list of sources; the
 * template's factory labels each with its name, following renames. */
static void
bind_source_selector (CqWindow *self)
{
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  GListStore *all = g_list_store_new (CQ_TYPE_SOURCE);
  g_autoptr(GtkFlattenListModel) choices = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  g_autoptr(CqProfile) profile = cq_profile_new_default ();
  g_autoptr(CqSource) every = cq_source_new (0, profile, _("All Sources"), TRUE);

  g_list_store_append (all, every);
  g_list_store_append (parts, all);
  g_list_store_append (parts, self->sources);
  g_object_unref (all);
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (choices));
}

/* The header is the source's whose statement is open; with none open,
 * the chosen source's, or the first source's when all are shown; the
 * built-in one's until a source has been added.  It follows the edits
 * of whichever it is. */
static void
update_profile (CqWindow *self)
{
  g_autoptr(CqProfile) profile = NULL;

  if (self->header_source != NULL)
    profile = g_object_ref (cq_source_get_profile (self->header_source));
  else
    profile = cq_profile_new_default ();
  if (self->profile != NULL && cq_profile_equal (self->profile, profile))
    return;
  g_set_object (&self->profile, profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static CqSource *
dup_header_source (CqWindow *self)
{
  CqItem *open = self->reader != NULL ? cq_reader_view_get_item (self->reader) : NULL;
  gint64 chosen = self->items != NULL ? cq_item_list_get_source_id (self->items) : 0;
  guint position = G_MAXUINT;

  if (open != NULL)
    position = cq_source_list_find (self->sources, cq_item_get_source_id (open));
  if (position == G_MAXUINT && chosen != 0)
    position = cq_source_list_find (self->sources, chosen);
  return g_list_model_get_item (G_LIST_MODEL (self->sources), position != G_MAXUINT ? position : 0);
}

static void
follow_header_source (CqWindow *self)
{
  g_autoptr(CqSource) source = NULL;

  if (self->sources == NULL)
    return;
  source = dup_header_source (self);
  if (source != self->header_source)
    {
      if (self->header_source != NULL)
        g_signal_handlers_disconnect_by_func (self->header_source, update_profile, self);
      g_set_object (&self->header_source, source);
      if (source != NULL)
        g_signal_connect_object (source, "notify::profile", G_CALLBACK (update_profile), self, G_CONNECT_SWAPPED);
    }
  update_profile (self);
}

static void
sources_changing_cb (CqWindow *self)
{
  self->sources_changing = TRUE;
}

/* Runs after the selector has seen the change: the source shown stays
 * chosen, and a source that is gone gives way to all of them. */
static void
sources_changed_cb (CqWindow *self)
{
  gint64 shown = cq_item_list_get_source_id (self->items);
  guint position = shown != 0 ? cq_source_list_find (self->sources, shown) : G_MAXUINT;

  self->sources_changing = FALSE;
  gtk_drop_down_set_selected (self->source_dropdown, position != G_MAXUINT ? position + 1 : 0);
  if (position == G_MAXUINT)
    cq_item_list_set_source_id (self->items, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->source_dropdown),
                          g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 1);
  update_show_source_names (self);
  follow_header_source (self);
  update_status (self);
}

static void
filter_toggled_cb (CqWindow *self)
{
  g_autoptr(CqItem) shown = NULL;
  guint position;

  /* The statement being read stays in the reader whatever the new filter
   * shows, and stays selected when the new list holds it. */
  if (cq_reader_view_get_item (self->reader) != NULL)
    shown = g_object_ref (cq_reader_view_get_item (self->reader));
  self->changing_filter = TRUE;
  if (gtk_toggle_button_get_active (self->unread_button))
    cq_item_list_set_filter (self->items, CQ_ITEM_FILTER_UNREAD);
  else if (gtk_toggle_button_get_active (self->starred_button))
    cq_item_list_set_filter (self->items, CQ_ITEM_FILTER_STARRED);
  else
    cq_item_list_set_filter (self->items, CQ_ITEM_FILTER_ALL);
  self->changing_filter = FALSE;

  if (shown != NULL && (position = cq_item_list_find (self->items, cq_item_get_id (shown))) != G_MAXUINT &&
      gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
}

/* The item read last time is selected again, if it is still stored. */
static void
restore_selection (CqWindow *self)
{
  gint64 last = cq_settings_get_last_item (self->settings);
  guint position = last > 0 ? cq_item_list_find (self->items, last) : G_MAXUINT;

  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
}

static GtkAdjustment *
list_adjustment (CqWindow *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}

/* Seen before the list view moves for them: were new items arriving at
 * the top while the user was at the top? */
static void
show_new_above (CqWindow *self,
                guint     n)
{
  g_autofree char *label = NULL;

  self->n_new_above = n;
  if (n > 0)
    {
      label = g_strdup_printf (g_dngettext (NULL, "%u New Statement", "%u New Statements", n), n);
      gtk_button_set_label (self->new_items_button, label);
    }
  gtk_revealer_set_reveal_child (self->new_items_revealer, n > 0);
}

static void
items_arriving_cb (CqWindow *self,
                   guint     position,
                   guint     removed,
                   guint     added)
{
  GtkAdjustment *adjustment = list_adjustment (self);
  gboolean at_top = adjustment != NULL &&
                    gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 1;

  /* New statements come at the top, or (a large sync's, which the list
   * shows a slice at a time, the newest first) just under those already
   * come. */
  gboolean above = position <= self->n_new_above && added > removed;

  self->was_at_top = position == 0 && added > removed && at_top;
  /* Below the top, new statements arrive out of sight: a pill says how
   * many, and takes the user up to them. */
  if (self->changing_query || self->changing_filter)
    show_new_above (self, 0);
  else if (above && !at_top)
    show_new_above (self, self->n_new_above + added - removed);
}

static void
new_items_clicked_cb (CqWindow *self)
{
  show_new_above (self, 0);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

/* Scrolled up to them: the pill has said its piece. */
static void
list_scrolled_cb (CqWindow *self)
{
  GtkAdjustment *adjustment = list_adjustment (self);

  if (self->n_new_above > 0 && adjustment != NULL &&
      gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 1)
    show_new_above (self, 0);
}

static gboolean
back_to_top_cb (gpointer data)
{
  CqWindow *self = data;

  if (self->list_view != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

/* The list view keeps the row that was first in place, so that reading
 * down the list is never disturbed; at the very top, though, the newest
 * statements are what the user is looking at, and they show. */
static void
items_arrived_cb (CqWindow *self)
{
  if (!self->was_at_top)
    return;
  self->was_at_top = FALSE;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, back_to_top_cb, g_object_ref (self), g_object_unref);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CqWindow                 *self)
{
  GtkWidget *row = g_object_new (CQ_TYPE_NEWS_ROW, "clock", self->clock, NULL);

  g_object_bind_property (self, "show-source-names", row, "show-source", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (list_item, row);
}

/* GTK 4.8's signal factory unbinds and binds again every row whose
 * position moves: new statements coming in above 150 rows bound 150 rows
 * afresh, 8-13 ms of each frame that took a slice of a sync's.  A row
 * keeps its item through the unbind (there is no handler), so that being
 * bound to the same item again is nothing; a row the list lets go of is
 * destroyed, and lets go of its item then. */
static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CqWindow                 *self)
{
  cq_news_row_set_item (CQ_NEWS_ROW (gtk_list_item_get_child (list_item)), gtk_list_item_get_item (list_item));
}


/* The least a row can be (its date line and a title of one line, no
 * summary), for how many rows the first frame can show: a guess on the
 * low side makes a few rows too many, never a gap at the bottom. */
#define ROW_MIN_HEIGHT 48

static guint
rows_first_shown (CqWindow *self)
{
  int width = 0, height = 0;

  if (gtk_window_is_maximized (GTK_WINDOW (self)) || gtk_window_is_fullscreen (GTK_WINDOW (self)))
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

      for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          height = MAX (height, geometry.height);
        }
    }
  else
    /* GTK 4.8 writes both: no NULL for the width. */
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Not known: as many as a tall screen shows. */
  if (height <= 0)
    height = 2160;
  return height / ROW_MIN_HEIGHT + 1;
}

/* The selection is the template's; the rows are told the window's clock and
 * whether to name their sources; the items are the store's, so they come
 * once the store is known. */
static void
setup_list (CqWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (row_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "released", G_CALLBACK (list_click_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  }

  /* The first frame needs the newest rows and the one read last. */
  self->items = cq_item_list_new_first_page (self->store, cq_settings_get_last_item (self->settings),
                                             rows_first_shown (self));
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (items_arriving_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->items));
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (items_arrived_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (list_adjustment (self), "value-changed", G_CALLBACK (list_scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

/* The sources could not be read: the last good list stays, and the user
 * is told why. */
static void
sources_error_cb (CqWindow *self)
{
  if (cq_source_list_get_error (self->sources) != NULL)
    cq_window_show_message (self, cq_source_list_get_error (self->sources)->message);
}

/* "Saving statements: 14 of 40" under the list while full statements are
 * fetched for offline reading; gone when there are none left to save. */
static void
update_saving (CqWindow *self)
{
  guint done = self->scheduler != NULL ? cq_sync_scheduler_get_saving_done (self->scheduler) : 0;
  guint total = self->scheduler != NULL ? cq_sync_scheduler_get_saving_total (self->scheduler) : 0;
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->saving_revealer, total > 0);
  if (total == 0)
    return;
  /* Translators: full statements fetched for offline reading so far, and in all. */
  text = g_strdup_printf (_("Saving statements: %u of %u"), done, total);
  gtk_label_set_label (self->saving_label, text);
  gtk_progress_bar_set_fraction (self->saving_bar, (double) done / total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->saving_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* The template's bindings to the scheduler's state; @this is whatever
 * object the binding is on, and is not needed. */
static char *
refresh_page_cb (gpointer this,
                 gboolean syncing)
{
  return g_strdup (syncing ? "spinner" : "button");
}

static char *
refresh_tooltip_cb (gpointer this,
                    gboolean online)
{
  return g_strdup (online ? _("Refresh") : _("Offline"));
}

static gboolean
has_notice_cb (gpointer    this,
               const char *notice)
{
  return notice != NULL;
}

/* One calm banner, never a toast that stays: offline, or every source
 * turned on failing its last sync (a first start without a network). What
 * went wrong with one source lives on that source, in Preferences. */
static void
update_notice (CqWindow *self)
{
  const char *notice = NULL;
  guint enabled = 0, failing = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      g_autoptr(CqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (!cq_source_get_enabled (source))
        continue;
      enabled++;
      failing += cq_source_get_last_sync_failed (source);
    }

  if (self->scheduler != NULL && !cq_sync_scheduler_get_online (self->scheduler))
    notice = _("Offline — showing the statements saved on this computer");
  else if (enabled > 0 && failing == enabled)
    notice = enabled == 1 ? _("The source cannot be reached — showing the statements saved on this computer")
                          : _("No source can be reached — showing the statements saved on this computer");

  if (g_strcmp0 (notice, self->notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/* A source's last error comes with the sources; items do not change it. */
static void
store_changed_cb (CqWindow *self,
                  guint     what)
{
  if (what & CQ_STORE_CHANGE_SOURCES)
    update_notice (self);
}

/* "Unread 12": how many are waiting, on the filter that shows them, the
 * digits grouped as the user's locale groups them. */
static gboolean
unread_label_cb (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint n = g_value_get_uint (from);

  /* Translators: the Unread filter's label with how many statements are
   * unread; %'u groups the digits as the locale does ("1,204"). */
  g_value_take_string (to, n > 0 ? g_strdup_printf (_("Unread %'u"), n) : g_strdup (_("Unread")));
  return TRUE;
}

/* The list is as wide as the user dragged it when the window has room, and
 * narrower, down to its own minimum, when it has not: the dragged width is
 * the list's natural width, never its minimum, so a wide list never stops
 * the window from narrowing (and the leaflet from folding) to 360 px. */
#define LIST_MIN_WIDTH 260
#define READER_MIN_WIDTH 360

static void
list_pane_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = CQ_IS_WINDOW (root) ? CQ_WINDOW (root)->list_width : LIST_MIN_WIDTH;

  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, LIST_MIN_WIDTH);
      *natural = MAX (*minimum, width);
    }
}

static void
list_pane_allocate (GtkWidget *widget,
                    int        width,
                    int        height,
                    int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static GtkSizeRequestMode
list_pane_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
set_list_width (CqWindow *self,
                int       width)
{
  self->list_width = MAX (width, LIST_MIN_WIDTH);
  gtk_widget_queue_resize (self->list_pane);
}

/* The handle moves under the pointer as the list widens, so the drag is
 * measured in the window's coordinates; and it is the window's gesture, in
 * the capture phase, because a gesture on the handle itself did not see
 * most presses (something above it, the leaflet's swipe tracking as far as
 * we can tell, takes them first).  A press off the handle is not a drag. */
static void
pane_drag_begin_cb (GtkGestureDrag *gesture,
                    double          start_x,
                    double          start_y,
                    CqWindow       *self)
{
  graphene_rect_t bounds;

  if (adw_leaflet_get_folded (self->leaflet) ||
      !gtk_widget_compute_bounds (self->pane_handle, GTK_WIDGET (self), &bounds) ||
      !graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (start_x, start_y)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start_width = gtk_widget_get_width (self->list_pane);
}

static void
pane_drag_update_cb (GtkGestureDrag *gesture,
                     double          offset_x,
                     double          offset_y,
                     CqWindow       *self)
{
  int width;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset_x = -offset_x;
  width = self->drag_start_width + (int) offset_x;
  set_list_width (self, MIN (width, gtk_widget_get_width (GTK_WIDGET (self->leaflet)) - READER_MIN_WIDTH));
}

static void
pane_drag_end_cb (GtkGestureDrag *gesture,
                  double          offset_x,
                  double          offset_y,
                  CqWindow       *self)
{
  cq_settings_set_list_width (self->settings, self->list_width);
}

/* Narrow, the header bar has no room for the clocks: they move under it,
 * and the date takes its short form.  The leaflet folds while it is being
 * allocated, so the change waits for the allocation to end. */
static gboolean
update_compact_idle (gpointer data)
{
  CqWindow *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->compact_idle_id = 0;
  g_object_set (self->header_title, "compact", folded, NULL);
  gtk_widget_set_visible (self->narrow_clocks, folded && *gtk_label_get_label (GTK_LABEL (self->narrow_clocks)) != '\0');
  return G_SOURCE_REMOVE;
}

static void
folded_changed_cb (CqWindow *self)
{
  if (self->compact_idle_id == 0)
    self->compact_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_compact_idle, self, NULL);
}

/* A link to a statement stored here opens it here, not in a browser. */
static gboolean
reader_link_cb (CqWindow   *self,
                const char *uri)
{
  g_autoptr(GError) error = NULL;
  CqItem *shown = cq_reader_view_get_item (self->reader);
  gint64 id;
  guint position;

  /* The statement's own address (Open in Browser) goes to the browser. */
  if (shown != NULL && g_strcmp0 (cq_item_get_link (shown), uri) == 0)
    return FALSE;
  id = cq_store_find_item_by_link (self->store, uri, &error);
  if (id <= 0 || (shown != NULL && id == cq_item_get_id (shown)))
    return FALSE;
  position = cq_item_list_find (self->items, id);
  if (position != G_MAXUINT)
    cq_window_select (self, position);
  else
    {
      g_autoptr(CqItem) item = cq_store_dup_item (self->store, id, NULL);

      if (item == NULL)
        return FALSE;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      cq_reader_view_set_item (self->reader, item);
    }
  return TRUE;
}

static void
cq_window_constructed (GObject *object)
{
  CqWindow *self = CQ_WINDOW (object);

  G_OBJECT_CLASS (cq_window_parent_class)->constructed (object);

  g_assert (CQ_IS_STORE (self->store));
  g_assert (CQ_IS_CLOCK (self->clock));

  /* The selector's flatten model is told of a change after these two. */
  /* "Unread 12" can say its number a moment after the first frame. */
  self->sources = cq_source_list_new_counting_later (self->store);
  g_signal_connect_object (self->sources, "items-changed", G_CALLBACK (sources_changing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "items-changed", G_CALLBACK (sources_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->sources, "notify::error", G_CALLBACK (sources_error_cb), self, G_CONNECT_SWAPPED);
  /* After the source list has read the change (it connected first). */
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (object, properties[PROP_SOURCES]);
  g_object_bind_property_full (self->sources, "unread-count", self->unread_button, "label", G_BINDING_SYNC_CREATE,
                               unread_label_cb, NULL, NULL, NULL);

  cq_settings_bind_window_state (self->settings, GTK_WINDOW (self));
  set_list_width (self, cq_settings_get_list_width (self->settings));
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->header_title, "notify::clocks-text", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_compact_idle (self);
  g_object_bind_property (self->settings, "clock-format", self->header_title, "clock-format", G_BINDING_SYNC_CREATE);
  cq_reader_view_set_store (self->reader, self->store, NULL);
  g_signal_connect_object (self->reader, "notify::item", G_CALLBACK (follow_header_source), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "activate-link", G_CALLBACK (reader_link_cb), self, G_CONNECT_SWAPPED);
  setup_list (self);
  bind_source_selector (self);
  sources_changed_cb (self);
  sources_error_cb (self);
  update_notice (self);
  restore_selection (self);
  /* No type-to-search: its key capture took j, k, s, m and o from the
   * single-letter shortcuts (a UI test presses real keys to keep it so).
   * Ctrl+F and the search button open the search bar. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  /* For the start-up benchmark; nothing happens unless the variable is set. */
  if (g_getenv ("COMMUNIQUE_REPORT_FIRST_FRAME") != NULL)
    cq_first_frame_report (GTK_WINDOW (self), g_strcmp0 (g_getenv ("COMMUNIQUE_REPORT_FIRST_FRAME"), "exit") == 0);
}

static void
cq_window_dispose (GObject *object)
{
  CqWindow *self = CQ_WINDOW (object);

  /* The reader empties as it goes: the header has nothing left to follow. */
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_func (self->reader, follow_header_source, self);
  g_clear_weak_pointer (&self->message_toast);
  g_clear_handle_id (&self->compact_idle_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->items);
  g_clear_object (&self->header_source);
  g_clear_pointer (&self->notice, g_free);
  g_clear_object (&self->sources);
  g_clear_object (&self->profile);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_WINDOW);

  G_OBJECT_CLASS (cq_window_parent_class)->dispose (object);
}

static void
cq_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CqWindow *self = CQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    case PROP_SOURCES: g_value_set_object (value, self->sources); break;
    case PROP_SCHEDULER: g_value_set_object (value, self->scheduler); break;
    case PROP_NOTICE: g_value_set_string (value, self->notice); break;
    case PROP_SHOW_SOURCE_NAMES: g_value_set_boolean (value, self->show_source_names); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CqWindow *self = CQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      /* Told, so that the template's bindings pass it on. */
      self->clock = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_window_class_init (CqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cq_window_constructed;
  object_class->dispose = cq_window_dispose;
  object_class->get_property = cq_window_get_property;
  object_class->set_property = cq_window_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CQ_TYPE_STORE, construct);
  properties[PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, CQ_TYPE_CLOCK, construct);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, CQ_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, CQ_TYPE_SOURCE_LIST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What syncs: the header shows its progress and the network. */
  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, CQ_TYPE_SYNC_SCHEDULER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the banner under the header bar says: offline, or no source can
   * be reached; NULL hides it. */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the list's rows name their sources: when it shows several. */
  properties[PROP_SHOW_SOURCE_NAMES] =
    g_param_spec_boolean ("show-source-names", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CQ_TYPE_HEADER_TITLE);
  g_type_ensure (CQ_TYPE_COUNTERS_STRIP);
  g_type_ensure (CQ_TYPE_READER_VIEW);
  g_type_ensure (CQ_TYPE_NEWS_ROW);
  g_type_ensure (CQ_TYPE_SOURCE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, header_title);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, counters_strip);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, saving_revealer);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, saving_label);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, saving_bar);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, reader_pane);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, all_button);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, unread_button);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, starred_button);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, new_items_revealer);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, new_items_button);
  gtk_widget_class_bind_template_callback (widget_class, new_items_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, add_source_button);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, reader);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, pane_handle);
  gtk_widget_class_bind_template_child (widget_class, CqWindow, narrow_clocks);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.read-on", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, "win.read-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "win.toggle-read", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.mark-all-read", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "win.open-in-browser", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "win.read-full", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "win.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, 0, "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CqWindow *self = user_data;

  /* Narrow and reading, the search is on the list's side: go there. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_message_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  cq_window_show_message (CQ_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/* When the list has the keyboard, the focus follows the selection, so that
 * no ring is left on the row before (GTK 4.8 has no call to focus a row:
 * its row widget is found among the list's children, those near the view). */
static void
focus_selected_row (CqWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  CqItem *selected = gtk_single_selection_get_selected_item (self->selection);

  if (focus == NULL || selected == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (CQ_IS_NEWS_ROW (row) && cq_news_row_get_item (CQ_NEWS_ROW (row)) == selected)
        {
          gtk_widget_grab_focus (child);
          return;
        }
    }
}

static void
move_selection (CqWindow *self,
                int       delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = 0;
  else if (delta < 0)
    next = selected > 0 ? selected - 1 : 0;
  else
    next = MIN (selected + 1, n - 1);

  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);
  focus_selected_row (self);
}

static void
next_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  move_selection (user_data, +1);
}

static void
previous_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  move_selection (user_data, -1);
}

/* No app opened a link: said, with the link to copy and open elsewhere. */
static void
show_link_failure_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CqWindow *self = user_data;
  const char *message, *uri;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s)", &message, &uri);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Copy Link"));
  adw_toast_set_action_name (toast, "win.copy-text");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
copy_text_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (user_data)), g_variant_get_string (parameter, NULL));
  cq_window_show_message (CQ_WINDOW (user_data), _("Link copied"));
}

static void
import_sources_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  cq_opml_files_choose_import (GTK_WINDOW (user_data), CQ_WINDOW (user_data)->store);
}

static void
export_sources_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  cq_opml_files_choose_export (GTK_WINDOW (user_data), CQ_WINDOW (user_data)->store);
}

static void
read_back_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  cq_reader_view_page_up (CQ_WINDOW (user_data)->reader);
}

/* Space reads on: a page further down, or the next statement at its end. */
static void
read_on_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CqWindow *self = user_data;

  if (!cq_reader_view_page_down (self->reader))
    move_selection (self, +1);
}

static void
toggle_star_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  cq_reader_view_toggle_star (CQ_WINDOW (user_data)->reader);
}

static void
toggle_read_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CqWindow *self = user_data;
  CqItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  if (item != NULL && !cq_store_set_read (self->store, cq_item_get_id (item), !cq_item_get_read (item), &error))
    cq_window_show_message (self, error->message);
}

static void
undo_mark_all_cb (AdwToast *toast,
                  CqWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "ids");
  g_autoptr(GError) error = NULL;

  if (ids != NULL && !cq_store_mark_unread_again (self->store, ids, &error))
    cq_window_show_message (self, error->message);
}

/* Every statement shown (of the chosen source, or all) read at once, with
 * Undo for a few seconds. */
static void
mark_all_read_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  CqWindow *self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!(ids = cq_store_mark_all_read (self->store, cq_item_list_get_source_id (self->items), &error)))
    {
      cq_window_show_message (self, error->message);
      return;
    }
  if (ids->len == 0)
    {
      cq_window_show_message (self, _("There is nothing unread."));
      return;
    }
  title = g_strdup_printf (g_dngettext (NULL, "%u statement marked as read", "%u statements marked as read", ids->len),
                           ids->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 6);
  g_object_set_data_full (G_OBJECT (toast), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_mark_all_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The row menu's actions: on the item whose row was clicked, open or not. */
static CqItem *
dup_item_of (CqWindow *self,
             GVariant *parameter)
{
  g_autoptr(GError) error = NULL;
  CqItem *item = cq_store_dup_item (self->store, g_variant_get_int64 (parameter), &error);

  if (item == NULL)
    cq_window_show_message (self, error->message);
  return item;
}

static void
item_toggle_read_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CqWindow *self = user_data;
  g_autoptr(CqItem) item = dup_item_of (self, parameter);
  g_autoptr(GError) error = NULL;

  if (item != NULL && !cq_store_set_read (self->store, cq_item_get_id (item), !cq_item_get_read (item), &error))
    cq_window_show_message (self, error->message);
}

static void
item_toggle_star_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CqWindow *self = user_data;
  g_autoptr(CqItem) item = dup_item_of (self, parameter);
  g_autoptr(GError) error = NULL;

  if (item != NULL && !cq_store_set_starred (self->store, cq_item_get_id (item), !cq_item_get_starred (item), &error))
    cq_window_show_message (self, error->message);
}

static void
item_copy_link_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CqWindow *self = user_data;
  g_autoptr(CqItem) item = dup_item_of (self, parameter);

  if (item == NULL)
    return;
  if (cq_item_get_link (item) == NULL)
    {
      cq_window_show_message (self, _("This statement has no link."));
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), cq_item_get_link (item));
  cq_window_show_message (self, _("Link copied"));
}

/* Shown in the reader first, so that what opens is what the user sees. */
static void
item_open_in_browser_activated (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  CqWindow *self = user_data;

  cq_window_show_item (self, g_variant_get_int64 (parameter));
  cq_reader_view_open_in_browser (self->reader);
}

static void
read_full_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  cq_reader_view_read_full (CQ_WINDOW (user_data)->reader);
}

static void
copy_citation_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  cq_reader_view_copy_citation (CQ_WINDOW (user_data)->reader);
}

static void
history_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  cq_reader_view_show_history (CQ_WINDOW (user_data)->reader);
}

static void
open_browser_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  cq_reader_view_open_in_browser (CQ_WINDOW (user_data)->reader);
}

/* The shortcuts window is built when it is asked for, not with every
 * window, as GtkApplication builds its automatic help overlay (a tenth of
 * the window's making at start-up, bench-startup). */
static void
show_shortcuts_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/cq-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (user_data));
  gtk_window_present (shortcuts);
}

/* Alt+Left and Escape: from the reader back to the list, when they are
 * shown one at a time. */
static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CqWindow *self = user_data;

  if (adw_leaflet_get_folded (self->leaflet))
    back_clicked_cb (self);
}

static const GActionEntry win_actions[] = {
  { "search", search_activated },
  { "show-message", show_message_activated, "s" },
  { "next", next_activated },
  { "read-on", read_on_activated },
  { "read-back", read_back_activated },
  { "import-sources", import_sources_activated },
  { "show-link-failure", show_link_failure_activated, "(ss)" },
  { "copy-text", copy_text_activated, "s" },
  { "export-sources", export_sources_activated },
  { "previous", previous_activated },
  { "toggle-star", toggle_star_activated },
  { "toggle-read", toggle_read_activated },
  { "mark-all-read", mark_all_read_activated },
  { "read-full", read_full_activated },
  { "item-toggle-read", item_toggle_read_activated, "x" },
  { "item-toggle-star", item_toggle_star_activated, "x" },
  { "item-copy-link", item_copy_link_activated, "x" },
  { "item-open-in-browser", item_open_in_browser_activated, "x" },
  { "copy-citation", copy_citation_activated },
  { "history", history_activated },
  { "open-in-browser", open_browser_activated },
  { "back", back_activated },
  { "show-help-overlay", show_shortcuts_activated },
};

/* Space and Shift+Space read on and back wherever the focus is in the list
 * or the reader: taken before a focused row (which would select with it)
 * or button (which would be pressed) sees them.  Elsewhere, in the search
 * entry say, Space is what it always is. */
static void
add_reading_keys (GtkWidget *pane)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                          gtk_named_action_new ("win.read-on")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.read-back")));
  gtk_widget_add_controller (pane, keys);
}

/* Tab leaves the list for the reader's buttons rather than walking every
 * row (GTK 4.8's list view tabs from row to row); Shift+Tab goes back to
 * the filters.  Where the reader is not shown (a narrow window), Tab is
 * left to do what it does. */
static gboolean
list_tab_cb (GtkWidget *list_view,
             GVariant  *args,
             gpointer   user_data)
{
  CqWindow *self = CQ_WINDOW (gtk_widget_get_root (list_view));
  gboolean backward = g_variant_get_boolean (args);

  if (backward)
    {
      GtkWidget *filter = gtk_toggle_button_get_active (self->unread_button) ? GTK_WIDGET (self->unread_button)
                          : gtk_toggle_button_get_active (self->starred_button) ? GTK_WIDGET (self->starred_button)
                          : GTK_WIDGET (self->all_button);

      return gtk_widget_grab_focus (filter);
    }
  return gtk_widget_get_mapped (GTK_WIDGET (self->reader)) && cq_reader_view_focus_buttons (self->reader);
}

static void
add_list_tab_keys (GtkWidget *list_view)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                                                                         gtk_callback_action_new (list_tab_cb, NULL, NULL),
                                                                         "b", FALSE));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new_with_arguments (
                                          gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK),
                                                                       gtk_keyval_trigger_new (GDK_KEY_Tab, GDK_SHIFT_MASK)),
                                          gtk_callback_action_new (list_tab_cb, NULL, NULL), "b", TRUE));
  gtk_widget_add_controller (list_view, keys);
}

static void
cq_window_init (CqWindow *self)
{
  self->settings = g_object_ref (cq_settings_get_default ());
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  add_reading_keys (GTK_WIDGET (self->list_view));
  add_reading_keys (GTK_WIDGET (self->reader));
  add_list_tab_keys (GTK_WIDGET (self->list_view));
  self->list_width = LIST_MIN_WIDTH;
  {
    GtkGesture *drag = gtk_gesture_drag_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (pane_drag_begin_cb), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (pane_drag_update_cb), self);
    g_signal_connect (drag, "drag-end", G_CALLBACK (pane_drag_end_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  }
  gtk_widget_set_layout_manager (self->list_pane, gtk_custom_layout_new (list_pane_request_mode, list_pane_measure,
                                                                        list_pane_allocate));
  cq_window_style_edge (GTK_WINDOW (self));
}

/**
 * cq_window_style_edge:
 *
 * Gives @window the main window's edge: where no compositor draws its
 * shadow, style.css draws libadwaita 1.2's edge, pixel for pixel, in
 * primitives GTK's renderer paints at a seventh of the cost (see
 * style.css).  Another libadwaita draws its own edge, whatever it looks
 * like.
 */
void
cq_window_style_edge (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (adw_get_major_version () == 1 && adw_get_minor_version () == 2)
    gtk_widget_add_css_class (GTK_WIDGET (window), "adw-1-2-edge");
}

/**
 * cq_window_set_scheduler:
 * @scheduler: what syncs; the header shows its progress and the network
 */
void
cq_window_set_scheduler (CqWindow        *self,
                         CqSyncScheduler *scheduler)
{
  g_return_if_fail (CQ_IS_WINDOW (self));
  g_return_if_fail (CQ_IS_SYNC_SCHEDULER (scheduler));

  if (g_set_object (&self->scheduler, scheduler))
    {
      g_signal_connect_object (scheduler, "notify::online", G_CALLBACK (update_notice), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "notify::saving-done", G_CALLBACK (update_saving), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "notify::syncing", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "notify::saving-total", G_CALLBACK (update_saving), self, G_CONNECT_SWAPPED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULER]);
    }
  update_notice (self);
  update_saving (self);
  update_status (self);
}

/**
 * cq_window_set_engine:
 * @engine: what fetches full statements
 */
void
cq_window_set_engine (CqWindow     *self,
                      CqSyncEngine *engine)
{
  g_return_if_fail (CQ_IS_WINDOW (self));
  cq_reader_view_set_store (self->reader, self->store, engine);
}

/**
 * cq_window_get_sources:
 *
 * Returns: (transfer none): the live list of sources the window shows
 */
CqSourceList *
cq_window_get_sources (CqWindow *self)
{
  g_return_val_if_fail (CQ_IS_WINDOW (self), NULL);
  return self->sources;
}

/**
 * cq_window_get_list:
 *
 * Returns: (transfer none): the list the window shows, filtered and searched
 */
GListModel *
cq_window_get_list (CqWindow *self)
{
  g_return_val_if_fail (CQ_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * cq_window_get_header_source:
 *
 * Returns: (transfer none) (nullable): the source whose header shows: the
 *   open statement's, else the chosen one's, else the first
 */
CqSource *
cq_window_get_header_source (CqWindow *self)
{
  g_return_val_if_fail (CQ_IS_WINDOW (self), NULL);
  return self->header_source;
}

/**
 * cq_window_show_item:
 *
 * Shows the item with @item_id, clearing filters and search when they
 * hide it.
 */
void
cq_window_show_item (CqWindow *self,
                     gint64    item_id)
{
  guint position;

  g_return_if_fail (CQ_IS_WINDOW (self));

  position = cq_item_list_find (self->items, item_id);
  if (position == G_MAXUINT)
    {
      gtk_toggle_button_set_active (self->all_button, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      cq_item_list_set_search (self->items, NULL);
      position = cq_item_list_find (self->items, item_id);
    }
  if (position != G_MAXUINT)
    row_activated_cb (self, position);
}

/**
 * cq_window_select:
 *
 * Selects the item at @position, as a click on its row does.
 */
void
cq_window_select (CqWindow *self,
                  guint     position)
{
  g_return_if_fail (CQ_IS_WINDOW (self));
  row_activated_cb (self, position);
}

/**
 * cq_window_new:
 * @application: (nullable): the application, or %NULL in tests
 * @store: where the news is kept
 * @clock: what "now" is; a fixed clock in tests
 *
 * Returns: (transfer floating): a new window
 */
CqWindow *
cq_window_new (GtkApplication *application,
               CqStore        *store,
               CqClock        *clock)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CQ_IS_CLOCK (clock), NULL);

  return g_object_new (CQ_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "clock", clock,
                       NULL);
}

/**
 * cq_window_show_message:
 * @message: something the user must know, in words
 */
void
cq_window_show_message (CqWindow   *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (CQ_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast says what the user just did, and goes (as the HIG asks).  The
   * answer to what they did last replaces the one before at once, rather
   * than queueing behind it: the toast shown takes the new words
   * (dismissing it during its animation crashes libadwaita 1.2, as
   * netease-cloud-music-gtk#209 found). */
  if (self->message_toast != NULL)
    {
      adw_toast_set_title (self->message_toast, message);
      return;
    }
  toast = adw_toast_new (message);
  g_set_weak_pointer (&self->message_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
