/* test-row-text.c: a news row's title and summary, as cheap to size as the
 * list needs and as readable as a label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cq-row-text-private.h"
#include "cq-test-ui.h"

#define LONG_TEXT "Statement of the delegation on the fisheries agreement, the harbour season, " \
                  "the consular hours over the holidays and the exhibition that opens next week " \
                  "at the memorial hall, with the scholarship results for the coming year"

/* A text in a window of its own, so that it has the theme's font. */
static GtkWidget *
show_text (const char *text,
           guint       lines,
           GtkWidget **window)
{
  GtkWidget *row_text = cq_row_text_new ();

  cq_row_text_set_text (CQ_ROW_TEXT (row_text), text);
  cq_row_text_set_lines (CQ_ROW_TEXT (row_text), lines);
  *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*window), row_text);
  gtk_window_set_default_size (GTK_WINDOW (*window), 400, 300);
  gtk_window_present (GTK_WINDOW (*window));
  cq_test_ui_wait_mapped (*window);
  cq_test_ui_settle ();
  return row_text;
}

static int
height_at (GtkWidget *widget,
           int        width)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural);
  return natural;
}

/* Lines of text are a fraction of a pixel each; n of them round once. */
static void
assert_lines (int height,
              int n,
              int line)
{
  g_assert_cmpint (height, >=, n * line - n);
  g_assert_cmpint (height, <=, n * line);
}

/* The list decides a row's width; what a text would like never enters into
 * it, however long the text is. */
static void
test_asks_no_width (void)
{
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 3, &window);
  int minimum, natural;

  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  g_assert_cmpint (natural, ==, 0);

  cq_row_text_set_text (CQ_ROW_TEXT (text), LONG_TEXT LONG_TEXT LONG_TEXT);
  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  g_assert_cmpint (natural, ==, 0);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A short title takes one line, a long one wraps to its limit and ends in
 * an ellipsis; given room, it takes one line again. */
static void
test_height_follows_text (void)
{
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 3, &window);
  int line = height_at (text, 200);

  g_assert_cmpint (line, >, 5);
  g_assert_false (cq_row_text_is_ellipsized (CQ_ROW_TEXT (text)));

  cq_row_text_set_text (CQ_ROW_TEXT (text), LONG_TEXT);
  assert_lines (height_at (text, 200), 3, line);
  g_assert_true (cq_row_text_is_ellipsized (CQ_ROW_TEXT (text)));

  cq_row_text_set_lines (CQ_ROW_TEXT (text), 2);
  assert_lines (height_at (text, 200), 2, line);

  cq_row_text_set_text (CQ_ROW_TEXT (text), "Two words");
  g_assert_cmpint (height_at (text, 200), ==, line);
  g_assert_false (cq_row_text_is_ellipsized (CQ_ROW_TEXT (text)));

  /* Set before or after the first layout, the limit is the same. */
  cq_row_text_set_text (CQ_ROW_TEXT (text), LONG_TEXT);
  g_assert_cmpint (height_at (text, 6000), ==, line);
  g_assert_false (cq_row_text_is_ellipsized (CQ_ROW_TEXT (text)));
  assert_lines (height_at (text, 200), 2, line);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Bold while unread is a CSS change on a text already laid out: its size
 * follows the new font, not the old layout's. */
static void
test_follows_css_font (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 3, &window);
  int line = height_at (text, 300);
  int large;

  gtk_css_provider_load_from_data (provider, "label.large-text { font-size: 40px; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (text, "large-text");
  cq_test_ui_settle ();
  large = height_at (text, 300);
  g_assert_cmpint (large, >=, 2 * line);
  /* The measure for no width in particular follows the font too. */
  g_assert_cmpint (height_at (text, -1), >=, 2 * line);

  gtk_widget_remove_css_class (text, "large-text");
  cq_test_ui_settle ();
  g_assert_cmpint (height_at (text, 300), ==, line);
  g_assert_cmpint (height_at (text, -1), ==, line);

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
drawn_bounds (GtkWidget       *widget,
              graphene_rect_t *bounds)
{
  g_autoptr(GskRenderNode) node = cq_test_ui_render_node (widget);

  if (node == NULL)
    graphene_rect_init (bounds, 0, 0, 0, 0);
  else
    gsk_render_node_get_bounds (node, bounds);
}

/* The text is drawn where its reader starts: a Latin title on the left, a
 * Hebrew one on the right, in either locale; an empty text draws nothing. */
static void
test_draws_from_the_start (void)
{
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 2, &window);
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (text);

  g_assert_cmpint (width, >=, 300);
  drawn_bounds (text, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.origin.x, <, width / 4);

  cq_row_text_set_text (CQ_ROW_TEXT (text), "שלום עולם");
  cq_test_ui_settle ();
  drawn_bounds (text, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.origin.x, >, width / 2);

  gtk_widget_set_direction (text, GTK_TEXT_DIR_RTL);
  cq_test_ui_settle ();
  drawn_bounds (text, &bounds);
  g_assert_cmpfloat (bounds.origin.x, >, width / 2);

  cq_row_text_set_text (CQ_ROW_TEXT (text), "Short");
  cq_test_ui_settle ();
  drawn_bounds (text, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.origin.x, <, width / 4);

  cq_row_text_set_text (CQ_ROW_TEXT (text), "");
  cq_test_ui_settle ();
  drawn_bounds (text, &bounds);
  g_assert_cmpfloat (bounds.size.width, ==, 0);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* What @text draws at @width, and what a layout of its whole text draws
 * there, are the same render nodes, glyph for glyph. */
static void
assert_draws_as_whole (GtkWidget  *text,
                       const char *whole,
                       int         width)
{
  g_autoptr(GtkSnapshot) ours = gtk_snapshot_new ();
  g_autoptr(GtkSnapshot) reference = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) ours_node = NULL;
  g_autoptr(GskRenderNode) reference_node = NULL;
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GBytes) reference_bytes = NULL;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (text, whole);
  PangoRectangle logical;

  gtk_widget_set_size_request (text, width, -1);
  gtk_widget_set_halign (text, GTK_ALIGN_START);
  cq_test_ui_settle ();
  g_assert_cmpint (gtk_widget_get_width (text), ==, width);
  GTK_WIDGET_GET_CLASS (text)->snapshot (text, ours);
  ours_node = gtk_snapshot_free_to_node (g_steal_pointer (&ours));

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -(int) cq_row_text_get_lines (CQ_ROW_TEXT (text)));
  pango_layout_set_width (layout, width * PANGO_SCALE);
  /* Left, which Pango turns round for a paragraph that runs right to left. */
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  gtk_snapshot_render_layout (reference, gtk_widget_get_style_context (text), 0, 0, layout);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  g_assert_cmpint (height_at (text, width), ==, logical.height);
  reference_node = gtk_snapshot_free_to_node (g_steal_pointer (&reference));

  g_assert_nonnull (ours_node);
  g_assert_nonnull (reference_node);
  ours_bytes = gsk_render_node_serialize (ours_node);
  reference_bytes = gsk_render_node_serialize (reference_node);
  if (!g_bytes_equal (ours_bytes, reference_bytes))
    g_error ("At %d px, “%.40s…” draws otherwise than its whole text", width, whole);
}

/* A summary of thousands of characters is laid out from its beginning
 * only, and draws exactly what the whole text draws, in any script and at
 * any width, narrow letters included.  Each paragraph of a longer text
 * keeps its own lines. */
static void
test_long_text_draws_as_whole (void)
{
  static const char * const pieces[] = {
    LONG_TEXT ", ",
    "Заявление посольства о переговорах, консульских вопросах и выставке, ",
    "בהודעת השגרירות על השיחות והתערוכה, ",
    "大使馆关于会谈、领事事务和展览的声明，",
    "iiiiiiiiiiiiiiiiii lllllllllll ",
    "e\xCC\x81\xCC\x81\xCC\x81 a\xCC\x80 ",
  };
  g_autofree char *two = NULL;
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 2, &window);
  int line = height_at (text, 200);

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GString) paragraph = g_string_new ("");

      while (paragraph->len < 4000)
        g_string_append (paragraph, pieces[i]);
      cq_row_text_set_text (CQ_ROW_TEXT (text), paragraph->str);
      for (int width = 120; width <= 1200; width += 270)
        assert_draws_as_whole (text, paragraph->str, width);
      g_assert_true (cq_row_text_is_ellipsized (CQ_ROW_TEXT (text)));
    }

  /* Two paragraphs, two lines each. */
  two = g_strconcat (LONG_TEXT LONG_TEXT LONG_TEXT, "\n", LONG_TEXT LONG_TEXT LONG_TEXT, NULL);
  cq_row_text_set_text (CQ_ROW_TEXT (text), two);
  assert_lines (height_at (text, 200), 4, line);

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

static void
assert_height_as_laid_out (GtkWidget  *text,
                           const char *string,
                           guint       lines,
                           int         width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (text, string);
  PangoRectangle logical;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -(int) lines);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (height_at (text, width) != logical.height)
    g_error ("“%s” in %u lines at %d px: measured %d, laid out %d",
             string, lines, width, height_at (text, width), logical.height);
}

/* A text whose line count its glyphs' advances tell for sure (one that
 * fits on its first line, one that runs past its last, a title that wraps
 * to two lines whichever way its words fall) is measured without being
 * laid out: the rows off screen never are.  Its height is still exactly
 * what its layout says, for any number of lines, at any width, in the
 * widget's font or with others mixed in, wherever it may wrap. */
static void
test_height_without_layout (void)
{
  static const char * const texts[] = {
    LONG_TEXT " " LONG_TEXT,
    "Заявление посольства о переговорах, консульских вопросах и выставке, которая откроется на будущей неделе.",
    "A statement with a flag 🇬🇧 and an emoji 🙂 in its first line, then words enough to fill its lines and more of them.",
    "Statement on the talks 会谈 and the exhibition 展览, with words enough to fill several lines at every width tried.",
    "Short title",
    "Two lines, perhaps, at the narrowest widths and one at the widest",
    /* Where no line may wrap: inside brackets and quotation marks, before
     * punctuation, at a no-break space; and where one may inside a word. */
    "Talks ( with the delegation ) resumed , after “ a long pause ” — and the co-operation/partnership goes on !",
    "Visit of the Minister\u00A0of\u00A0Foreign\u00A0Affairs on 12\u00A0June\u00A0 2019 at 10\u00A0a.m. to the memorial hall",
    "A link: https://www.example.org/statements/2019/06/12/statement-on-the-talks-and-the-exhibition",
    "illicit little lilies fill it till it is still; iiii llll iiii llll iiii llll iiii",
    "WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW",
    "Заявление МИД России о ситуации вокруг консульского отдела и выдачи виз гражданам",
  };
  /* Long words around places where no line may wrap (after an opening
   * bracket's space, before a closing mark's), and where one may inside a
   * word: a wrap put in the wrong place moves a long word to a line of
   * its own somewhere, at some width. */
  static const char * const wraps[] = {
    "Consular questions ( scholarship applications ) considerations acknowledged",
    "Consular questions scholarship applications ! considerations acknowledged",
    "Consular questions « scholarship applications » considerations acknowledged",
    "Consular questions scholarship-applications-considerations acknowledged",
    "Consular questions scholarship/applications/considerations acknowledged",
  };
  static const char sentence[] = "The embassy's statement on the fisheries talks, the harbour season and the "
                                 "exhibition that opens next week at the memorial hall, with its opening hours";
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 1, &window);
  guint told[4][4] = { { 0 } };  /* [lines][lines told, 0 for none] */

  for (guint lines = 1; lines <= 3; lines++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          cq_row_text_set_lines (CQ_ROW_TEXT (text), lines);
          cq_row_text_set_text (CQ_ROW_TEXT (text), texts[i]);
          for (int width = 60; width <= 900; width += 70)
            assert_height_as_laid_out (text, texts[i], lines, width);
        }
      /* Titles of every length, at widths around a list's: one, two or
       * three lines, and the wrap falling at every word. */
      for (gsize length = 8; length < sizeof sentence; length += 5)
        {
          g_autofree char *title = g_strndup (sentence, length);

          cq_row_text_set_lines (CQ_ROW_TEXT (text), lines);
          cq_row_text_set_text (CQ_ROW_TEXT (text), title);
          for (int width = 180; width <= 420; width += 17)
            {
              assert_height_as_laid_out (text, title, lines, width);
              told[lines][_cq_row_text_sure_lines (CQ_ROW_TEXT (text), width)]++;
            }
        }
      for (guint i = 0; i < G_N_ELEMENTS (wraps); i++)
        {
          cq_row_text_set_lines (CQ_ROW_TEXT (text), lines);
          cq_row_text_set_text (CQ_ROW_TEXT (text), wraps[i]);
          for (int width = 100; width <= 700; width += 3)
            assert_height_as_laid_out (text, wraps[i], lines, width);
        }
    }

  /* And the titles are told, not laid out, in the most part: on one line,
   * on two whichever way they wrap, on three past which they go on. */
  for (guint n = 1; n <= 3; n++)
    {
      g_assert_cmpuint (told[3][n], >, 0);
      g_assert_cmpuint (told[3][0], <, told[3][1] + told[3][2] + told[3][3]);
    }

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Most titles end a line close to its end at some width, where the font's
 * advances alone cannot tell whether the last word fits: the text is
 * shaped then, as a layout shapes it (kerned, with ligatures, each glyph
 * at a whole pixel), and told from that, still exactly as tall as its
 * layout.  Words that kern hard (“AV”, “Ty”, “Wa”), ligatures (“ffi”,
 * “fl”), accents and other scripts; the bold of an unread title and the
 * plain summary. */
static void
test_height_told_when_shaped (void)
{
  static const char * const words[] = {
    "AVOW", "Typewriter", "Tower", "Wave", "Yawning", "Voyage", "Taft", "Lawyer", "affluent", "waffle",
    "Avowal", "Tyrol", "Waterway", "fjord", "LT", "P.", "Y,", "r.", "office", "flow", "Kvetch", "statement",
    "on", "the", "talks", "Заявление", "посольства", "Überraschende", "Đại", "café", "(Vol.", "7)",
  };
  static const char * const styles[] = { "title", "summary" };
  GtkWidget *window;
  GtkWidget *text = show_text ("Short", 3, &window);
  GRand *rand = g_rand_new_with_seed (7);
  guint told = 0, untold = 0;

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      guint lines = s == 0 ? 3 : 2;

      gtk_widget_add_css_class (text, styles[s]);
      cq_row_text_set_lines (CQ_ROW_TEXT (text), lines);
      for (guint i = 0; i < 60; i++)
        {
          g_autoptr(GString) title = g_string_new (NULL);
          guint n_words = g_rand_int_range (rand, 3, 16);

          for (guint w = 0; w < n_words; w++)
            g_string_append_printf (title, "%s%s", w > 0 ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          cq_row_text_set_text (CQ_ROW_TEXT (text), title->str);
          for (int width = 180; width <= 420; width += 5)
            {
              assert_height_as_laid_out (text, title->str, lines, width);
              if (_cq_row_text_sure_lines (CQ_ROW_TEXT (text), width) > 0)
                told++;
              else
                untold++;
            }
        }
      gtk_widget_remove_css_class (text, styles[s]);
    }

  /* From the font's advances alone, nearly one in five of such titles is not
   * told, at one width or another; shaped, one in fifty. */
  g_test_message ("told %u, laid out %u", told, untold);
  g_assert_cmpuint (untold * 25, <, told + untold);

  g_rand_free (rand);
  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* A row's date asks to be as wide as it is, measured from its glyphs:
 * never narrower than its one-line layout (it would be cut), and not much
 * wider; with libadwaita's "numeric" class its digits are tabular, as a
 * label's are, in the width asked and in what is drawn.  Its one line is
 * as tall as its layout at that width.  A text that does not ask asks
 * for no width. */
static void
test_asks_width (void)
{
  static const char * const dates[] = {
    "14.06.2019", "· 14.06.2019", "11:11", "1 Jan 2011", "Yesterday, 18:40", "16 июня 2019", "Wednesday 30 November",
    "· 会谈 2019", "",
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *date = g_object_new (CQ_TYPE_ROW_TEXT, "asks-width", TRUE, NULL);
  GtkWidget *plain = cq_row_text_new ();
  int minimum, natural;

  gtk_widget_add_css_class (date, "caption");
  gtk_widget_add_css_class (date, "numeric");
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  cq_test_ui_wait_mapped (window);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (date, dates[i]);
      g_autoptr(PangoAttrList) tabular = pango_attr_list_new ();
      PangoRectangle logical;

      pango_attr_list_insert (tabular, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, tabular);
      pango_layout_get_pixel_extents (layout, NULL, &logical);

      cq_row_text_set_text (CQ_ROW_TEXT (date), dates[i]);
      cq_row_text_set_text (CQ_ROW_TEXT (plain), dates[i]);
      gtk_widget_measure (date, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (minimum, ==, natural);
      if (natural < logical.width || natural > logical.width * 5 / 4 + 3)
        g_error ("“%s” asks for %d px, laid out %d", dates[i], natural, logical.width);
      if (*dates[i] != '\0')
        g_assert_cmpint (height_at (date, natural), ==, logical.height);

      gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (natural, ==, 0);
    }

  cq_test_ui_destroy_window (GTK_WINDOW (window));
}

/* Where a row text takes lines to wrap, when it tells a height without a
 * layout, agrees with Pango's own rules: surely only where Pango may wrap,
 * and wherever Pango may, it might. */
static void
test_wraps_where_pango_does (void)
{
  static const char * const texts[] = {
    "Talks ( with the delegation ) resumed , after “ a long pause ” — and the co-operation/partnership goes on !",
    "aa ( bb ) cc ! dd « ee » ff-gg/hh “ii” jj 'kk' ll \"mm\" nn : oo ; pp , qq ? rr [ss] {tt} <uu> vv % ww $ xx",
    "Visit on 12\u00A0June at 10:30, e.g. the U.S. delegation; 12,345.67 roubles, #tag @user a&b x+y=z 50% $5 …",
    "Заявление МИД России — о визах (консульский отдел), «выставке» и «стипендиях»: итоги-2019/2020.",
    "Ανακοίνωση της πρεσβείας για τις συνομιλίες· έκθεση; «ναι»",
    "הודעת השגרירות על השיחות (והתערוכה) — ״מחר״.",
    "بيان السفارة حول المحادثات (والمعرض) — «غداً»، ٢٠١٩.",
    "大使馆关于会谈、领事事务和展览的声明（二〇一九年）。日本語のテキスト、한국어 텍스트 입니다.",
    "ข่าวสารจากสถานทูต เกี่ยวกับการเจรจา",
    "soft\u00ADhyphen zero\u200Bwidth e\u0301te\u0301 ami\u0300 tab\tafter em\u2003space",
    "Flags 🇬🇧🇷🇺 and emoji 🙂👍🏽 in words, 1/2 ½ — “quoted” ‘single’ „low“ ‹angle›",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      glong n = g_utf8_strlen (texts[t], -1);
      g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n + 1);
      gunichar previous = 0, before_spaces = 0;
      const char *p = texts[t];

      pango_get_log_attrs (texts[t], -1, -1, pango_language_from_string ("en"), attrs, n + 1);
      for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (i > 0 && _cq_row_text_surely_wraps_before (before_spaces, previous, c) && !attrs[i].is_line_break)
            g_error ("“%s”: a row text wraps before character %ld, U+%04X, where Pango does not", texts[t], i, c);
          if (i > 0 && attrs[i].is_line_break && !_cq_row_text_may_wrap_before (previous, c))
            g_error ("“%s”: Pango may wrap before character %ld, U+%04X, where a row text thinks not", texts[t], i, c);
          if (c != ' ')
            before_spaces = c;
          previous = c;
        }
    }
}

static void
test_properties (void)
{
  g_autoptr(GtkWidget) text = g_object_ref_sink (cq_row_text_new ());
  g_autofree char *value = NULL;
  guint lines = 0;

  g_object_set (text, "text", "A title", "lines", 4u, NULL);
  g_object_get (text, "text", &value, "lines", &lines, NULL);
  g_assert_cmpstr (value, ==, "A title");
  g_assert_cmpuint (lines, ==, 4);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)), ==, GTK_ACCESSIBLE_ROLE_LABEL);
  cq_row_text_set_text (CQ_ROW_TEXT (text), NULL);
  g_assert_null (cq_row_text_get_text (CQ_ROW_TEXT (text)));
}

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/cq/row-text/asks-no-width", test_asks_no_width);
  g_test_add_func ("/cq/row-text/height-follows-text", test_height_follows_text);
  g_test_add_func ("/cq/row-text/follows-css-font", test_follows_css_font);
  g_test_add_func ("/cq/row-text/draws-from-the-start", test_draws_from_the_start);
  g_test_add_func ("/cq/row-text/long-text-draws-as-whole", test_long_text_draws_as_whole);
  g_test_add_func ("/cq/row-text/height-without-layout", test_height_without_layout);
  g_test_add_func ("/cq/row-text/height-told-when-shaped", test_height_told_when_shaped);
  g_test_add_func ("/cq/row-text/wraps-where-pango-does", test_wraps_where_pango_does);
  g_test_add_func ("/cq/row-text/asks-width", test_asks_width);
  g_test_add_func ("/cq/row-text/properties", test_properties);

  return g_test_run ();
}
