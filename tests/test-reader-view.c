/* test-reader-view.c: the reader pane: a statement's body, its pictures and its links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cq-fixture-server.h"
#include "cq-reader-view.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"

static guint
count_pictures (GtkWidget *widget)
{
  guint n = GTK_IS_PICTURE (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_pictures (child);
  return n;
}

/* A reader alone in an 800×600 window, shown and mapped. */
static GtkWidget *
show_reader (CqStore      *store,
             CqSyncEngine *engine,
             const char   *title,
             CqReaderView **reader)
{
  GtkWidget *window = gtk_window_new ();

  *reader = CQ_READER_VIEW (cq_reader_view_new ());
  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (window), title);
  cq_reader_view_set_store (*reader, store, engine);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (*reader));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (window);
  return window;
}

/* Runs the main loop until @window shows @n pictures, or ten seconds. */
static void
wait_for_pictures (GtkWidget *window,
                   guint      n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (count_pictures (window) < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* Remote images stay links until the user turns them on; then each shows
 * in place, fetched through the engine, and a broken one stays a link. */
static void
test_remote_images (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *seal = cq_fixture_server_url (server, "/images/seal.png");
  g_autofree char *broken = cq_fixture_server_url (server, "/images/broken.png");
  g_autofree char *bomb = cq_fixture_server_url (server, "/images/bomb.png");
  g_autofree char *html = g_strdup_printf ("<p>Before the seal.</p><p><img src=\"%s\" alt=\"The seal\"></p>"
                                           "<p><img src=\"%s\" alt=\"A vast picture\"></p>"
                                           "<p><img src=\"%s\" alt=\"A torn picture\"></p>", seal, bomb, broken);
  g_autoptr(CqItem) item = cq_test_item ("img-1", "With pictures", "2019-06-14T10:00:00Z", NULL, html);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *reader = cq_reader_view_new ();
  GtkWidget *picture = NULL;
  g_autofree char *text = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "load-remote-images", FALSE);
  cq_reader_view_set_store (CQ_READER_VIEW (reader), fixture->store, engine);
  gtk_window_set_child (GTK_WINDOW (window), reader);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (window);

  /* Off (the default): nothing is asked of the server. */
  cq_reader_view_set_item (CQ_READER_VIEW (reader), item);
  cq_test_ui_settle ();
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 0);
  text = cq_reader_view_dup_text (CQ_READER_VIEW (reader));
  g_assert_nonnull (strstr (text, "The seal"));
  g_clear_pointer (&text, g_free);

  /* On: the picture appears in the body, at its own size. */
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (picture == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cq_fixture_server_get_hits (server, "/images/broken.png") > 0)
        picture = cq_test_ui_find_optional (window, GTK_TYPE_PICTURE);
    }
  g_assert_nonnull (picture);
  cq_test_ui_settle ();
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 48);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 24);
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 1);
  /* The torn one and the one that would unpack to gigabytes are refused
   * quietly; their descriptions stay readable. */
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/bomb.png"), ==, 1);
  g_assert_cmpuint (count_pictures (window), ==, 1);
  text = cq_reader_view_dup_text (CQ_READER_VIEW (reader));
  g_assert_nonnull (strstr (text, "A torn picture"));
  g_assert_nonnull (strstr (text, "A vast picture"));
  cq_test_ui_screenshot (window, "reader-images");

  g_settings_reset (settings, "load-remote-images");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static gboolean
link_opened_cb (CqReaderView *reader,
                const char   *uri,
                GPtrArray    *opened)
{
  g_ptr_array_add (opened, g_strdup (uri));
  return TRUE;
}

/* What a hover or a click on @text would open. */
static const char *
link_under (CqReaderView *reader,
            GtkWidget    *window,
            const char   *text)
{
  int x, y;

  cq_test_ui_text_point (GTK_TEXT_VIEW (cq_test_ui_find (window, GTK_TYPE_TEXT_VIEW, NULL)), text, &x, &y);
  return cq_reader_view_get_link_at (reader, x, y);
}

/* A right click on a link offers Open Link and Copy Link Address; on plain
 * words, the text's own menu. */
static void
test_link_context_menu (CqTestStore   *fixture,
                        gconstpointer  data)
{
  g_autoptr(CqItem) item =
    cq_test_item ("link-2", "With a link", "2019-06-14T10:00:00Z", NULL,
                  "<p>Plain words first, nothing to open here at all.</p>"
                  "<p>Read <a href=\"https://news.example.org/statements/full\">the full statement online</a>.</p>");
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  CqReaderView *reader;
  GtkWidget *window = show_reader (fixture->store, NULL, "cq-test-link-menu", &reader);
  GtkWidget *menu;
  GMenuModel *model;
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;

  g_signal_connect (reader, "activate-link", G_CALLBACK (link_opened_cb), opened);
  cq_reader_view_set_item (reader, item);
  cq_test_ui_settle ();

  cq_test_ui_click_text (window, 3, "nothing to open");
  g_assert_null (cq_reader_view_get_link_menu (reader));
  /* That was the text's own menu (Copy, Select All): closed as a user would. */
  cq_test_ui_press_key ("Escape");

  cq_test_ui_click_text (window, 3, "full statement");
  menu = cq_reader_view_get_link_menu (reader);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (model, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "_Copy Link Address");
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "reader.open-link");
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target));
  g_assert_cmpstr (target, ==, "https://news.example.org/statements/full");
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* Its entries do what they say. */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.open-link", "s", target);
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (opened->pdata[0], ==, "https://news.example.org/statements/full");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A real click on a link in the body, through the X server: the link is
 * offered to the reader's holder, which may open it its own way; a click
 * on plain text opens nothing. */
static void
test_click_a_link (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(CqItem) item =
    cq_test_item ("link-1", "With a link", "2019-06-14T10:00:00Z", NULL,
                  "<p>Plain words first, nothing to open here at all.</p>"
                  "<p>Read <a href=\"https://news.example.org/statements/full\">the full statement online</a>.</p>"
                  "<p>Or call <a href=\"tel:+442036687474\">the consular line</a> instead.</p>"
                  "<p>Or write to <a href=\"mailto:press@example.org?subject=Query&amp;attach=%2Fetc%2Fpasswd\">the press office</a> today.</p>");
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  CqReaderView *reader;
  GtkWidget *window = show_reader (fixture->store, NULL, "cq-test-click-a-link", &reader);

  g_signal_connect (reader, "activate-link", G_CALLBACK (link_opened_cb), opened);
  cq_reader_view_set_item (reader, item);
  cq_test_ui_settle ();

  /* A hover shows where a link goes: the body asks for its tooltip, and
   * over the link's words it is the link's address; over plain words,
   * none.  The clicks below land where these say. */
  g_assert_true (gtk_widget_get_has_tooltip (cq_test_ui_find (window, GTK_TYPE_TEXT_VIEW, NULL)));
  g_assert_cmpstr (link_under (reader, window, "full statement"), ==, "https://news.example.org/statements/full");
  g_assert_null (link_under (reader, window, "nothing to open"));
  g_assert_cmpstr (link_under (reader, window, "consular line"), ==, "tel:+442036687474");

  cq_test_ui_click_text (window, 1, "nothing to open");
  g_assert_cmpuint (opened->len, ==, 0);

  cq_test_ui_click_text (window, 1, "full statement");
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (opened->pdata[0], ==, "https://news.example.org/statements/full");

  /* Only web and mail links leave the app, whatever the stored HTML holds. */
  cq_test_ui_click_text (window, 1, "consular line");
  g_assert_cmpuint (opened->len, ==, 1);

  /* A mail link opens without what the page tried to attach. */
  cq_test_ui_click_text (window, 1, "press office");
  g_assert_cmpuint (opened->len, ==, 2);
  g_assert_cmpstr (opened->pdata[1], ==, "mailto:press@example.org?subject=Query");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A statement with many pictures shows the first sixteen; the rest stay
 * links and are never fetched. */
static void
test_many_pictures (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *url = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(CqItem) item = NULL;
  CqReaderView *reader;
  GtkWidget *window;

  g_assert_no_error (error);
  url = cq_fixture_server_url (server, "/images/seal.png");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (html, "<p><img src=\"%s?n=%u\" alt=\"Seal %u\"></p>", url, i, i);
  item = cq_test_item ("pictures", "Many pictures", "2019-06-14T10:00:00Z", NULL, html->str);
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  window = show_reader (fixture->store, engine, NULL, &reader);
  cq_reader_view_set_item (reader, item);

  wait_for_pictures (window, 16);
  cq_test_ui_run_for (300);
  g_assert_cmpuint (count_pictures (window), ==, 16);
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 16);

  g_settings_reset (settings, "load-remote-images");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Pictures within the per-picture cap share one budget: of three of 12
 * million pixels each, the budget of 32 million shows two; the third stays
 * its description. */
static void
test_pixel_budget (CqTestStore   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autoptr(GdkPixbuf) large = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(CqItem) item = NULL;
  g_autofree char *text = NULL;
  CqReaderView *reader;
  GtkWidget *window;
  gchar *buffer = NULL;
  gsize size = 0;

  g_assert_no_error (error);
  gdk_pixbuf_fill (large, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (large, &buffer, &size, "png", &error, NULL));
  png = g_bytes_new_take (buffer, size);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/images/large-%u.png", i);
      g_autofree char *url = cq_fixture_server_url (server, path);

      cq_fixture_server_add_file (server, path, png);
      g_string_append_printf (html, "<p><img src=\"%s\" alt=\"Large picture %u\"></p>", url, i);
    }
  item = cq_test_item ("large", "Large pictures", "2019-06-14T10:00:00Z", NULL, html->str);
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  window = show_reader (fixture->store, engine, NULL, &reader);
  cq_reader_view_set_item (reader, item);

  wait_for_pictures (window, 2);
  while (cq_fixture_server_get_hits (server, "/images/large-2.png") == 0)
    g_main_context_iteration (NULL, TRUE);
  cq_test_ui_run_for (1500);
  g_assert_cmpuint (count_pictures (window), ==, 2);
  text = cq_reader_view_dup_text (reader);
  g_assert_nonnull (strstr (text, "Large picture 2"));

  g_settings_reset (settings, "load-remote-images");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A picture far down a long statement is fetched when the reader scrolls
 * near it, not when the statement opens. */
static void
test_pictures_load_when_near (CqTestStore   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqSyncEngine) engine = cq_sync_engine_new (fixture->store);
  g_autofree char *seal = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(CqItem) item = NULL;
  CqReaderView *reader;
  GtkWidget *window;
  GtkAdjustment *adjustment;

  g_assert_no_error (error);
  seal = cq_fixture_server_url (server, "/images/seal.png");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (html, "<p>Paragraph %u of a long statement, before its one picture.</p>", i);
  g_string_append_printf (html, "<p><img src=\"%s\" alt=\"The seal at the end\"></p>", seal);
  item = cq_test_item ("long", "A long statement", "2019-06-14T10:00:00Z", NULL, html->str);
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  window = show_reader (fixture->store, engine, NULL, &reader);
  cq_reader_view_set_item (reader, item);
  cq_test_ui_run_for (500);
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 0);

  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (cq_test_ui_find (window, GTK_TYPE_TEXT_VIEW, NULL), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for_pictures (window, 1);
  g_assert_cmpuint (count_pictures (window), ==, 1);
  g_assert_cmpuint (cq_fixture_server_get_hits (server, "/images/seal.png"), ==, 1);

  g_settings_reset (settings, "load-remote-images");
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A stored title of 200 KB (from before titles were capped) is shown cut
 * to a readable length, never laid out whole. */
static void
test_huge_title (CqTestStore   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(CqItem) item = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *reader = cq_reader_view_new ();
  const char *shown = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  while (title->len < 200 * 1024)
    g_string_append (title, "A very long statement title ");
  item = cq_test_item ("huge-title", title->str, "2019-06-14T10:00:00Z", NULL, "<p>Body.</p>");
  gtk_window_set_child (GTK_WINDOW (window), reader);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  cq_reader_view_set_item (CQ_READER_VIEW (reader), item);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (window);

  labels = cq_test_ui_collect_labels (window);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (labels->pdata[i], "A very long statement title"))
      shown = labels->pdata[i];
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, 1000);
  g_assert_true (g_str_has_suffix (shown, "…"));
  cq_test_ui_screenshot (window, "reader-huge-title");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* The longest line of the body as laid out, in characters. */
static int
longest_line (GtkTextView *view)
{
  GtkTextIter line, next;
  int longest = 0;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &line);
  do
    {
      next = line;
      if (!gtk_text_view_forward_display_line (view, &next))
        gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &next);
      longest = MAX (longest, gtk_text_iter_get_offset (&next) - gtk_text_iter_get_offset (&line));
      line = next;
    }
  while (!gtk_text_iter_is_end (&line));
  return longest;
}

static GtkTextView *
find_body (GtkWidget *root)
{
  GtkWidget *body = cq_test_ui_find (root, GTK_TYPE_TEXT_VIEW, NULL);

  return GTK_TEXT_VIEW (body);
}

/* However wide the window, a line of the statement is about 70 characters,
 * in the desktop's document font, as GNOME's readers set it. */
static void
test_reading_measure_and_font (CqTestStore   *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSettings) desktop = g_settings_new ("org.gnome.desktop.interface");
  g_autoptr(GString) html = g_string_new ("<p>");
  g_autoptr(CqItem) item = NULL;
  CqReaderView *reader;
  GtkWidget *window;
  GtkTextTag *document;
  PangoFontDescription *font = NULL;
  int longest;

  for (int i = 0; i < 12; i++)
    g_string_append (html, "The consular section reopens on Monday with longer hours for visa and passport "
                           "applications, and appointments can be made by telephone or in writing. ");
  g_string_append (html, "</p>");
  item = cq_test_item ("long-1", "A long statement", "2019-06-14T10:00:00Z", NULL, html->str);

  window = show_reader (fixture->store, NULL, NULL, &reader);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  cq_reader_view_set_item (reader, item);
  cq_test_ui_settle ();
  longest = longest_line (find_body (window));
  g_test_message ("longest line at 1400 px: %d characters", longest);
  g_assert_cmpint (longest, >=, 60);
  g_assert_cmpint (longest, <=, 82);
  cq_test_ui_screenshot (window, "reader-measure-1400");

  /* The desktop's document font, followed when it changes. */
  g_settings_set_string (desktop, "document-font-name", "Serif 13");
  cq_test_ui_settle ();
  document = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (find_body (window))),
                                        "document");
  g_object_get (document, "font-desc", &font, NULL);
  g_assert_cmpstr (pango_font_description_get_family (font), ==, "Serif");
  g_assert_cmpint (pango_font_description_get_size (font), ==, 13 * PANGO_SCALE);
  pango_font_description_free (font);
  longest = longest_line (find_body (window));
  g_test_message ("longest line in Serif 13: %d characters", longest);
  g_assert_cmpint (longest, >=, 60);
  g_assert_cmpint (longest, <=, 82);
  g_settings_reset (desktop, "document-font-name");

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static double
luminance (const GdkRGBA *c)
{
  double rgb[3] = { c->red, c->green, c->blue };

  for (int i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* WCAG 2's contrast ratio, from 1 to 21. */
static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Body links meet WCAG AA (4.5:1) on the reader's background, in light and in dark. */
static void
test_link_contrast (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(CqItem) item = cq_test_item ("link-1", "With a link", "2019-06-14T10:00:00Z", NULL,
                                         "<p>Read <a href=\"https://news.example.org/full\">the full text</a>.</p>");
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  const char *names[] = { "reader-link-light", "reader-link-dark" };
  CqReaderView *reader;
  GtkWidget *window = show_reader (fixture->store, NULL, NULL, &reader);

  cq_reader_view_set_item (reader, item);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkTextTag *link;
      GdkRGBA *color = NULL;
      GdkRGBA background;
      double ratio;

      adw_style_manager_set_color_scheme (style, schemes[i]);
      cq_test_ui_settle ();
      link = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (find_body (window))),
                                        "link");
      g_object_get (link, "foreground-rgba", &color, NULL);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (window), "window_bg_color",
                                                     &background));
G_GNUC_END_IGNORE_DEPRECATIONS
      ratio = contrast (color, &background);
      g_assert_cmpfloat (ratio, >=, 4.5);
      cq_test_ui_screenshot (window, names[i]);
      gdk_rgba_free (color);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

#define ADD(path, func) \
  g_test_add ("/cq/reader-view/" path, CqTestStore, NULL, cq_test_store_setup, func, cq_test_store_teardown)

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  ADD ("remote-images", test_remote_images);
  ADD ("click-a-link", test_click_a_link);
  ADD ("link-context-menu", test_link_context_menu);
  ADD ("huge-title", test_huge_title);
  ADD ("many-pictures", test_many_pictures);
  ADD ("pictures-load-when-near", test_pictures_load_when_near);
  ADD ("pixel-budget", test_pixel_budget);
  ADD ("reading-measure-and-font", test_reading_measure_and_font);
  ADD ("link-contrast", test_link_contrast);

  return g_test_run ();
}
