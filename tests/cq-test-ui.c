/* cq-test-ui.c: helpers for tests that show real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cq-row-text.h"
#include "cq-test-ui.h"

/**
 * cq_test_ui_init:
 *
 * Starts GTK and libadwaita for a test program, with the app's icons and
 * style.  Inside flatpak-builder there is no display: the program is then
 * skipped, not failed.
 *
 * Returns: whether to run the tests
 */
gboolean
cq_test_ui_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display to show windows on\n");
      return FALSE;
    }

  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  cq_test_ui_load_app_resources ();
  return TRUE;
}

CqClock *
cq_test_ui_seed_clock (void)
{
  g_autoptr(GDateTime) seed = cq_test_date_time (CQ_TEST_UI_SEED_MOMENT);

  return cq_clock_new_fixed (seed);
}

/**
 * cq_test_ui_fill_builtin:
 *
 * The fixture items, under the built-in source, so that the header shows
 * its clocks and counters as a real first source would.
 */
void
cq_test_ui_fill_builtin (CqTestStore *fixture)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(CqProfile) profile = cq_profile_new_default ();

  g_assert_true (cq_store_remove_source (fixture->store, fixture->source_id, NULL));
  fixture->source_id = cq_store_add_source (fixture->store, profile, NULL);
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, NULL);
}

/**
 * cq_test_ui_show_window:
 *
 * Returns: (transfer none): a main window @width wide, shown and mapped,
 *   as on a first start (nothing remembered)
 */
CqWindow *
cq_test_ui_show_window (CqStore *store,
                        CqClock *clock,
                        int      width)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CqWindow *window;

  g_settings_reset (settings, "last-item");
  g_settings_reset (settings, "citation-style");
  window = cq_window_new (NULL, store, clock);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 640);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

/**
 * cq_test_ui_press_key:
 * @key: a key as xdotool names it: "j", "ctrl+f"
 *
 * Presses @key through the X server, as a user does.
 */
void
cq_test_ui_press_key (const char *key)
{
  g_autofree char *command = g_strdup_printf ("xdotool key %s", key);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* The X server delivers the press a little later than xdotool returns:
   * sleep in the main loop (not spin) until it surely has. */
  cq_test_ui_run_for (550);
}

/* What GtkApplication would do for the real app: its icons and style. */
void
cq_test_ui_load_app_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PREFIX "/icons");
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
cq_test_ui_wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  cq_test_ui_settle ();
}

/* Lets layout and drawing catch up: a few frames' worth of idle work. */
void
cq_test_ui_settle (void)
{
  cq_test_ui_run_for (150);
}

/**
 * cq_test_ui_run_for:
 *
 * Runs the main loop, sleeping when idle, for @milliseconds.
 */
void
cq_test_ui_run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
collect (GtkWidget *widget,
         GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  /* A news row's title and summary read as labels do. */
  if (CQ_IS_ROW_TEXT (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, g_strdup (cq_row_text_get_text (CQ_ROW_TEXT (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, texts);
}

/**
 * cq_test_ui_collect_labels:
 *
 * Returns: (transfer full): the text of every visible label under @root,
 *   as a user would read it
 */
GPtrArray *
cq_test_ui_collect_labels (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect (root, texts);
  return texts;
}

gboolean
cq_test_ui_has_label (GtkWidget  *root,
                      const char *text)
{
  g_autoptr(GPtrArray) texts = cq_test_ui_collect_labels (root);

  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return TRUE;

  g_test_message ("No label says “%s”; the labels are:", text);
  for (guint i = 0; i < texts->len; i++)
    g_test_message ("  “%s”", (char *) texts->pdata[i]);
  return FALSE;
}

/* What @widget draws now, at its size, as render nodes: (transfer full)
 * (nullable) %NULL when it draws nothing. */
GskRenderNode *
cq_test_ui_render_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* The one node @node draws its child through, for the kinds of node that
 * wrap one (an opacity, a transform, a clip): (transfer none) (nullable). */
GskRenderNode *
cq_test_ui_node_child (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_OPACITY_NODE:
      return gsk_opacity_node_get_child (node);
    case GSK_TRANSFORM_NODE:
      return gsk_transform_node_get_child (node);
    case GSK_CLIP_NODE:
      return gsk_clip_node_get_child (node);
    case GSK_ROUNDED_CLIP_NODE:
      return gsk_rounded_clip_node_get_child (node);
    case GSK_DEBUG_NODE:
      return gsk_debug_node_get_child (node);
    default:
      return NULL;
    }
}

/* Saved under the build directory's tests/screenshots, for people to look at. */
void
cq_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A loaded machine may not have drawn the window yet: give it a moment;
   * a screenshot is for people, so none is no failure. */
  for (guint attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      node = cq_test_ui_render_node (widget);
      if (node == NULL)
        cq_test_ui_settle ();
    }
  if (node == NULL)
    {
      g_test_message ("No screenshot %s: nothing was drawn", name);
      return;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/**
 * cq_test_ui_text_point:
 *
 * Where @text is drawn in @view (a little into it), in @view's own
 * coordinates.
 */
void
cq_test_ui_text_point (GtkTextView *view,
                       const char  *text,
                       int         *x,
                       int         *y)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, match_start, match_end;
  GdkRectangle rect;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  gtk_text_iter_forward_chars (&match_start, 3);
  gtk_text_view_get_iter_location (view, &match_start, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height / 2, x, y);
}

/**
 * cq_test_ui_click_text:
 * @window: a window with a title, for xdotool to find it by
 * @button: 1 for a click, 3 for a right click
 *
 * Clicks, through the X server, on @text in the first text view of @window.
 */
void
cq_test_ui_click_text (GtkWidget  *window,
                       int         button,
                       const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (cq_test_ui_find (window, GTK_TYPE_TEXT_VIEW, NULL));
  graphene_point_t in_view, in_window;
  double surface_x, surface_y;
  g_autofree char *command = NULL;
  int x, y;

  cq_test_ui_text_point (view, text, &x, &y);
  in_view = GRAPHENE_POINT_INIT (x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), window, &in_view, &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &surface_x, &surface_y);
  command = g_strdup_printf ("xdotool search --name %s mousemove --window %%1 %d %d click %d",
                             gtk_window_get_title (GTK_WINDOW (window)), (int) (in_window.x + surface_x),
                             (int) (in_window.y + surface_y), button);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  cq_test_ui_run_for (550);
}

/**
 * cq_test_ui_find_where:
 * @match: says whether a widget is the one
 *
 * Returns: (transfer none) (nullable): the first widget under @root, itself
 *   included, shown or not, that @match accepts
 */
GtkWidget *
cq_test_ui_find_where (GtkWidget     *root,
                       CqTestUiMatch  match,
                       gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cq_test_ui_find_where (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
cq_test_ui_destroy_window (GtkWindow *window)
{
  GtkWindow *watched = window;

  g_object_add_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
  gtk_window_destroy (window);
  while (watched != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (watched);
}

static GtkWidget *
find (GtkWidget  *widget,
      GType       type,
      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    {
      const char *text = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;

      /* An icon button is known by its tooltip, as the user knows it; a
       * row by its title. */
      if (text == NULL && ADW_IS_PREFERENCES_ROW (widget))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      if (text == NULL)
        text = gtk_widget_get_tooltip_text (widget);

      if (label == NULL || g_strcmp0 (text, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How long cq_test_ui_find() waits for a widget to show. */
#define FIND_PATIENCE_MS 5000

/**
 * cq_test_ui_find:
 * @label: (nullable): for buttons, the label (or an icon's tooltip) the user reads
 *
 * Waits, running the main loop, up to FIND_PATIENCE_MS for it to show.
 *
 * Returns: (transfer none): the first visible widget of @type under @root
 */
GtkWidget *
cq_test_ui_find (GtkWidget  *root,
                 GType       type,
                 const char *label)
{
  GtkWidget *found = find (root, type, label);
  gint64 deadline = g_get_monotonic_time () + FIND_PATIENCE_MS * 1000;

  /* What the window shows after work on a worker (a count read once the
   * first frame is out) may come later on a busy machine: a while yet. */
  while (found == NULL && g_get_monotonic_time () < deadline)
    {
      cq_test_ui_run_for (50);
      found = find (root, type, label);
    }
  if (found == NULL)
    g_error ("No visible %s%s%s under the window", g_type_name (type),
             label != NULL ? " labelled " : "", label != NULL ? label : "");
  return found;
}

/**
 * cq_test_ui_find_optional:
 *
 * Returns: (transfer none) (nullable): the first visible widget of @type
 *   under @root, if there is one yet
 */
GtkWidget *
cq_test_ui_find_optional (GtkWidget *root,
                          GType      type)
{
  return find (root, type, NULL);
}
