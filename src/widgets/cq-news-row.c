/* cq-news-row.c: one item in the news list
 *
 * The source's name (when the list shows more than one source), the date,
 * an "Edited" badge and the star on the first line, the title (bold while
 * unread), then two lines of summary.  The window's list factory gives the
 * row its item; rows are recycled, so everything a row shows follows the
 * item it is given, including later changes to read and starred state, to
 * its text and revisions, and to the source's home zone.
 *
 * Dates are relative, by the source's calendar and on its clock, as the
 * source dates its statements: "Today 14:05", "Yesterday 09:10", then the
 * date.  The row reads "now" from the window's clock, so they turn over at
 * midnight without a rebind.
 *
 * A right click (or a long press) opens the row's menu: read or unread,
 * star, copy link, open in browser.  Its entries are the window's item
 * actions with this row's item id, so the row needs no store of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-calendar.h"
#include "cq-news-row.h"
#include "cq-row-text.h"
#include "cq-settings.h"

struct _CqNewsRow
{
  GtkWidget  parent_instance;

  GtkBox    *first_line;
  CqRowText *date_label;
  /* Made when a row first needs them: most rows never do, and the list
   * makes two hundred rows as it starts. */
  GtkLabel  *source_label;
  GtkWidget *edited_label;
  GtkWidget *star_image;
  CqRowText *title_label;
  CqRowText *summary_label;

  CqItem    *item;
  gulong     notify_id;
  CqClock   *clock;
  gboolean   show_source;
  GtkWidget *menu;      /* the context menu, while there is one */
};

G_DEFINE_FINAL_TYPE (CqNewsRow, cq_news_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_CLOCK,
  PROP_SHOW_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Setting a visible widget's tooltip asks the display where the pointer
 * is, a round trip to the X server: every row made for the list paid it
 * twice, so a badge is made only when a row first shows it; and a badge
 * is hidden while its tooltip is set, since show_badge() shows it anyway
 * (a re-sync that edited 10,000 statements made the badges of a screenful
 * of rows at once, and those round trips held one frame back by 30 to 70
 * ms, bench-sync-stall). */
static void
set_badge_tooltip (GtkWidget  *badge,
                   const char *text)
{
  gtk_widget_set_visible (badge, FALSE);
  gtk_widget_set_tooltip_text (badge, text);
}

static GtkWidget *
make_star (CqNewsRow *self)
{
  GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_add_css_class (star, "star");
  set_badge_tooltip (star, _("Starred"));
  gtk_box_append (self->first_line, star);
  return star;
}

static GtkWidget *
make_edited_badge (CqNewsRow *self)
{
  GtkWidget *badge = gtk_label_new (_("Edited"));

  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_add_css_class (badge, "edited-badge");
  set_badge_tooltip (badge, _("The source changed this text after it was first published"));
  gtk_box_insert_child_after (self->first_line, badge, GTK_WIDGET (self->date_label));
  return badge;
}

static GtkLabel *
make_source_label (CqNewsRow *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "source");
  gtk_box_prepend (self->first_line, label);
  return GTK_LABEL (label);
}

static void
show_badge (CqNewsRow   *self,
            GtkWidget  **badge,
            gboolean     shown,
            GtkWidget *(*make) (CqNewsRow *self))
{
  if (shown && *badge == NULL)
    *badge = make (self);
  if (*badge != NULL)
    gtk_widget_set_visible (*badge, shown);
}

static void
update_state (CqNewsRow *self)
{
  gboolean unread = self->item != NULL && !cq_item_get_read (self->item);
  gboolean starred = self->item != NULL && cq_item_get_starred (self->item);

  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
  show_badge (self, &self->star_image, starred, make_star);
  show_badge (self, &self->edited_label, self->item != NULL && cq_item_get_revision_count (self->item) > 0,
              make_edited_badge);
}

static void
update_title (CqNewsRow *self)
{
  const char *title = self->item != NULL ? cq_item_get_title (self->item) : NULL;
  const char *summary = self->item != NULL ? cq_item_get_summary (self->item) : NULL;

  cq_row_text_set_text (self->title_label, title != NULL ? title : _("Untitled"));
  cq_row_text_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && *summary != '\0');
}

static void
update_date (CqNewsRow *self)
{
  GDateTime *published = self->item != NULL ? cq_item_get_published (self->item) : NULL;
  const char *source = self->item != NULL ? cq_item_get_source_name (self->item) : NULL;
  gboolean show_source = self->show_source && source != NULL && *source != '\0';
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *accessible = NULL;

  if (published != NULL)
    {
      g_autoptr(GDateTime) now = self->clock != NULL ? g_date_time_ref (cq_clock_get_now (self->clock))
                                                    : g_date_time_new_now_utc ();

      date = cq_calendar_format_relative (published, now, cq_item_get_home_zone (self->item),
                                          cq_item_get_published_is_date (self->item),
                                          cq_settings_get_clock_format (cq_settings_get_default ()));
    }
  if (show_source && self->source_label == NULL)
    self->source_label = make_source_label (self);
  if (self->source_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->source_label), show_source);
  if (show_source)
    {
      gtk_label_set_label (self->source_label, source);
      /* The separator goes with the date, so that a long name ellipsizes before it. */
      shown = date != NULL ? g_strdup_printf ("· %s", date) : NULL;
    }
  cq_row_text_set_text (self->date_label, shown != NULL ? shown : date != NULL ? date : "");

  accessible = g_strjoin (", ", cq_row_text_get_text (self->title_label),
                          show_source ? source : date != NULL ? date : "",
                          show_source && date != NULL ? date : NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* One handler for all the item's changes: a row is bound and unbound as
 * often as the list scrolls, and six detailed handlers cost six times. */
static void
item_notify_cb (CqItem     *item,
                GParamSpec *pspec,
                CqNewsRow  *self)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "read") || g_str_equal (name, "starred") || g_str_equal (name, "revision-count"))
    update_state (self);
  else if (g_str_equal (name, "summary"))
    update_title (self);
  else if (g_str_equal (name, "title") || g_str_equal (name, "home-zone"))
    {
      /* The row's accessible name starts with the title. */
      update_title (self);
      update_date (self);
    }
}

static void
disconnect_item (CqNewsRow *self)
{
  if (self->item == NULL)
    return;
  g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
}

static void
cq_news_row_dispose (GObject *object)
{
  CqNewsRow *self = CQ_NEWS_ROW (object);
  GtkWidget *child;

  disconnect_item (self);
  cq_news_row_set_clock (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_NEWS_ROW);
  /* The first line's other children went with it. */
  self->source_label = NULL;
  self->edited_label = NULL;
  self->star_image = NULL;
  /* Any child the template does not name goes by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cq_news_row_parent_class)->dispose (object);
}

static void
cq_news_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CqNewsRow *self = CQ_NEWS_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM: g_value_set_object (value, self->item); break;
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_SHOW_SOURCE: g_value_set_boolean (value, self->show_source); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_news_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CqNewsRow *self = CQ_NEWS_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM: cq_news_row_set_item (self, g_value_get_object (value)); break;
    case PROP_CLOCK: cq_news_row_set_clock (self, g_value_get_object (value)); break;
    case PROP_SHOW_SOURCE: cq_news_row_set_show_source (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_news_row_class_init (CqNewsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cq_news_row_dispose;
  object_class->get_property = cq_news_row_get_property;
  object_class->set_property = cq_news_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CQ_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqNewsRow:clock:
   *
   * What "now" is, for "Today" and "Yesterday"; the system's when unset.
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, CQ_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqNewsRow:show-source:
   *
   * Whether the row names its source: when the list shows several.
   */
  properties[PROP_SHOW_SOURCE] =
    g_param_spec_boolean ("show-source", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CQ_TYPE_ROW_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-news-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CqNewsRow, first_line);
  gtk_widget_class_bind_template_child (widget_class, CqNewsRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, CqNewsRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CqNewsRow, summary_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "newsrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GMenuModel *
build_menu (CqNewsRow *self)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  gint64 id = cq_item_get_id (self->item);
  g_autoptr(GMenuItem) read = g_menu_item_new (cq_item_get_read (self->item) ? _("Mark as _Unread") : _("Mark as _Read"), NULL);
  g_autoptr(GMenuItem) star = g_menu_item_new (cq_item_get_starred (self->item) ? _("Un_star") : _("_Star"), NULL);
  g_autoptr(GMenuItem) copy = g_menu_item_new (_("_Copy Link"), NULL);
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open in Browser"), NULL);

  g_menu_item_set_action_and_target (read, "win.item-toggle-read", "x", id);
  g_menu_item_set_action_and_target (star, "win.item-toggle-star", "x", id);
  g_menu_item_set_action_and_target (copy, "win.item-copy-link", "x", id);
  g_menu_item_set_action_and_target (open, "win.item-open-in-browser", "x", id);
  g_menu_append_item (menu, read);
  g_menu_append_item (menu, star);
  g_menu_append_item (section, copy);
  g_menu_append_item (section, open);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

/**
 * cq_news_row_popup_menu:
 * @x: where, in the row
 * @y: where, in the row
 *
 * Opens the row's menu, as a right click there does.
 */
void
cq_news_row_popup_menu (CqNewsRow *self,
                        double     x,
                        double     y)
{
  g_autoptr(GMenuModel) model = NULL;
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  g_return_if_fail (CQ_IS_NEWS_ROW (self));

  if (self->item == NULL)
    return;
  model = build_menu (self);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/**
 * cq_news_row_get_menu:
 *
 * Returns: (transfer none) (nullable): the context menu, once opened
 */
GtkWidget *
cq_news_row_get_menu (CqNewsRow *self)
{
  g_return_val_if_fail (CQ_IS_NEWS_ROW (self), NULL);
  return self->menu;
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CqNewsRow       *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cq_news_row_popup_menu (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 CqNewsRow           *self)
{
  cq_news_row_popup_menu (self, x, y);
}

static void
cq_news_row_init (CqNewsRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

GtkWidget *
cq_news_row_new (void)
{
  return g_object_new (CQ_TYPE_NEWS_ROW, NULL);
}

/**
 * cq_news_row_get_item:
 *
 * Returns: (transfer none) (nullable): the item the row shows
 */
CqItem *
cq_news_row_get_item (CqNewsRow *self)
{
  g_return_val_if_fail (CQ_IS_NEWS_ROW (self), NULL);
  return self->item;
}

/**
 * cq_news_row_set_item:
 * @item: (nullable): the item to show, or %NULL when the row is recycled
 */
void
cq_news_row_set_item (CqNewsRow *self,
                      CqItem    *item)
{
  g_return_if_fail (CQ_IS_NEWS_ROW (self));
  g_return_if_fail (item == NULL || CQ_IS_ITEM (item));

  if (self->item == item)
    return;

  disconnect_item (self);
  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->notify_id = g_signal_connect (item, "notify", G_CALLBACK (item_notify_cb), self);
      update_title (self);
      update_date (self);
      update_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * cq_news_row_set_clock:
 * @clock: (nullable): what "now" is
 */
void
cq_news_row_set_clock (CqNewsRow *self,
                       CqClock   *clock)
{
  g_return_if_fail (CQ_IS_NEWS_ROW (self));
  g_return_if_fail (clock == NULL || CQ_IS_CLOCK (clock));

  if (self->clock == clock)
    return;
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_func (self->clock, update_date, self);
  g_set_object (&self->clock, clock);
  /* It ticks each minute: a label that reads the same is not set again (GtkLabel
   * sees that), so rows change only at midnight or when a statement turns a day old. */
  if (clock != NULL)
    g_signal_connect_object (clock, "notify::now", G_CALLBACK (update_date), self, G_CONNECT_SWAPPED);
  update_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

/**
 * cq_news_row_set_show_source:
 * @show_source: whether the row names its source
 */
void
cq_news_row_set_show_source (CqNewsRow *self,
                             gboolean   show_source)
{
  g_return_if_fail (CQ_IS_NEWS_ROW (self));

  show_source = !!show_source;
  if (self->show_source == show_source)
    return;
  self->show_source = show_source;
  update_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SOURCE]);
}
