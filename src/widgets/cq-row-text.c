/* cq-row-text.c: a list row's wrapped text, at most so many lines
 *
 * What a wrapping, ellipsizing GtkLabel shows, for the rows of a long list.
 * A label answers "how wide would you like to be" by laying its whole text
 * out twice, on one line and as narrow as it can go, and GTK asks that of
 * every row the list binds, before it asks for the height at the list's
 * width: three shapings of each title and summary per row, when the width
 * the list gives its rows is the user's to choose and never the text's.
 *
 * A row text asks for no width of its own (the row's first line and the
 * pane decide it) and lays its text out once, at the width it is given,
 * for its height; it draws that same layout.  Its height still follows its
 * text: a one-line title takes one line, a long one up to its limit, which
 * GtkInscription (whose height is fixed by its line count) cannot do.
 *
 * Pango shapes the whole of a paragraph to ellipsize its last line, and a
 * feed's summary is 400 characters of which a narrow list shows eighty:
 * shaping is linear in the text (121 µs for 400 characters, 34 µs for
 * 100, at 260 px), and a jump through the list re-binds 200 rows.  A
 * one-paragraph text is laid out from its beginning only, a quarter more
 * than its lines hold of the font's average characters, when that
 * beginning still runs past the last line: then it shows exactly what the
 * whole text would.  When it does not, the whole text is laid out.
 *
 * GTK 4.8 measures every row it keeps bound (200) and draws a dozen: a
 * text whose number of lines its glyphs' advances tell for sure is
 * measured without a layout (_cq_row_text_sure_lines()), and laid out
 * when drawn.  Where they leave it unsure (a line's last word close to
 * its end), the text is shaped with HarfBuzz as a layout shapes it, at a
 * fraction of a layout's cost, and told from that: 2 % of the titles in
 * the corpus at list widths are laid out to be measured, not 16 %.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <string.h>

#include "cq-row-text-private.h"

/* A text of more lines than this is always laid out to be measured. */
#define MAX_TOLD_LINES 8

/* How close a line's advances are to its layout's (a fraction of them),
 * from the font's glyphs alone, and as shaped (see
 * _cq_row_text_sure_lines()). */
#define NOMINAL_SLACK 0.9
#define SHAPED_SLACK  0.99

struct _CqRowText
{
  GtkWidget    parent_instance;

  char        *text;
  glong        n_chars;      /* -1: more than one paragraph, never cut */
  guint        lines;
  gboolean     asks_width;   /* as wide as its text on one line (a date) */
  int          text_width;   /* pixels, for asks_width; -1 until known */
  PangoLayout *layout;
  glong        laid_out;     /* characters of text in the layout, or -1 for all */
  int          whole_at;     /* the width at which a beginning did not do */
  /* From the widget's font, kept until it changes (update_font()). */
  guint        font_serial;
  int          line_height;
  int          average_advance;  /* pixels, of the font's characters */
  PangoFont   *font;             /* NULL when its glyphs cannot be told */
  const hb_position_t *ascii;    /* the font's advances of ASCII, -1 for no glyph */
  double       units_per_pango;  /* the font's advance units in Pango units */
  gboolean     rounds;           /* a layout puts each glyph at a whole pixel */
  gboolean     shapes_as_laid_out;  /* the font's units are Pango's, rounded as told */
  int          heights[MAX_TOLD_LINES + 1];  /* pixels, of n lines in it; 0 until known */

  int          last_width;       /* of the last measure */
  int          told_at;          /* the width measured without a layout, -1 for none */
  int          told_height;      /* and the height told then */
  int          untold_at;        /* the width no line count was told at, -1 for none */
  gboolean     not_told;         /* that was wrong for this text: lay it out */
};

G_DEFINE_FINAL_TYPE (CqRowText, cq_row_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LINES,
  PROP_ASKS_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_alignment (CqRowText *self)
{
  /* Each paragraph starts where its own script does, as in a label: Pango
   * reads this against the widget's direction and turns it round for a
   * paragraph that runs the other way. */
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

/* libadwaita's "numeric" style class asks for tabular digits, which a
 * GtkLabel gets from the style as a layout attribute: so does this one. */
static gboolean
tabular (CqRowText *self)
{
  return gtk_widget_has_css_class (GTK_WIDGET (self), "numeric");
}

/* The widget's own Pango context follows its CSS font (bold while unread),
 * and a layout notices when its context changed. */
static PangoLayout *
ensure_layout (CqRowText *self)
{
  if (self->layout != NULL)
    return self->layout;

  self->layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
  self->laid_out = -1;
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (self->layout, -(int) self->lines);
  if (tabular (self))
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (self->layout, attributes);
    }
  update_alignment (self);
  return self->layout;
}

/* The advances of @font's ASCII glyphs, -1 where it has none: read once
 * for each font the rows use (two or three), kept with the font. */
static const hb_position_t *
ascii_advances (PangoFont *font,
                hb_font_t *hb)
{
  static GQuark quark;
  hb_position_t *advances;
  hb_codepoint_t glyph;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cq-row-text-ascii-advances");
  advances = g_object_get_qdata (G_OBJECT (font), quark);
  if (advances != NULL)
    return advances;

  advances = g_new (hb_position_t, 128);
  for (gunichar c = 0; c < 128; c++)
    advances[c] = hb_font_get_nominal_glyph (hb, c, &glyph) ? hb_font_get_glyph_h_advance (hb, glyph) : -1;
  g_object_set_qdata_full (G_OBJECT (font), quark, advances, g_free);
  return advances;
}

/* @c's advance in the widget's font (its units), -1 when the font has no
 * glyph for it. */
static hb_position_t
glyph_advance (CqRowText *self,
               hb_font_t *hb,
               gunichar   c)
{
  hb_codepoint_t glyph;
  hb_position_t advance;

  if (c < 0x80)
    advance = self->ascii[c];
  else
    advance = hb_font_get_nominal_glyph (hb, c, &glyph) ? hb_font_get_glyph_h_advance (hb, glyph) : -1;
  return advance > 0 && self->rounds ? PANGO_UNITS_ROUND (advance) : advance;
}

/* What the widget's font says, read again when it changes (bold while
 * unread): one line's height, its average character, and its glyphs for
 * _cq_row_text_sure_lines(). */
static void
update_font (CqRowText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  g_autoptr(PangoLayout) probe = NULL;
  PangoFontMetrics *metrics;
  PangoRectangle logical;
  hb_codepoint_t glyph;
  hb_font_t *hb;

  if (self->line_height > 0 && self->font_serial == serial)
    return;
  self->font_serial = serial;
  self->whole_at = -1;
  self->text_width = -1;
  memset (self->heights, 0, sizeof self->heights);
  self->told_at = self->untold_at = -1;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                         pango_font_metrics_get_descent (metrics));
  self->average_advance = MAX (1, PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics)));
  pango_font_metrics_unref (metrics);

  g_clear_object (&self->font);
  self->ascii = NULL;
  self->font = pango_context_load_font (context, pango_context_get_font_description (context));
  if (self->font == NULL || (hb = pango_font_get_hb_font (self->font)) == NULL ||
      !hb_font_get_nominal_glyph (hb, 'n', &glyph) || hb_font_get_glyph_h_advance (hb, glyph) <= 0)
    {
      g_clear_object (&self->font);
      return;
    }
  self->ascii = ascii_advances (self->font, hb);
  /* Forty glyphs as a layout sets them, against the font's advances:
   * the same when its units are Pango's. */
  probe = pango_layout_new (context);
  pango_layout_set_text (probe, "nnnnnnnnnniiiiiiiiiimmmmmmmmmmoooooooooo", -1);
  pango_layout_get_extents (probe, NULL, &logical);
  /* A layout puts each glyph at a whole pixel when the context asks it
   * to, as GTK's does with hinted font metrics. */
  self->rounds = pango_context_get_round_glyph_positions (context);
  self->units_per_pango = 1.0;
  self->shapes_as_laid_out =
    logical.width == 10 * (glyph_advance (self, hb, 'n') + glyph_advance (self, hb, 'i') +
                           glyph_advance (self, hb, 'm') + glyph_advance (self, hb, 'o'));
  if (!self->shapes_as_laid_out)
    {
      /* Then ten n's against the font's own advances, and no rounding. */
      self->rounds = FALSE;
      pango_layout_set_text (probe, "nnnnnnnnnn", -1);
      pango_layout_get_extents (probe, NULL, &logical);
      self->units_per_pango = 10.0 * hb_font_get_glyph_h_advance (hb, glyph) / MAX (logical.width, 1);
    }
}

static int
line_height (CqRowText *self)
{
  update_font (self);
  return self->line_height;
}

static gboolean
one_paragraph (const char *text)
{
  /* Pango's paragraph separators: \n, \r and U+2029; each paragraph
   * has lines of its own. */
  return strpbrk (text, "\n\r") == NULL && strstr (text, "\xE2\x80\xA9") == NULL;
}

/* A character that belongs to the one before it, which a cut must not
 * leave without it. */
static gboolean
continues_cluster (gunichar c)
{
  return g_unichar_ismark (c) || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);
}

/* Lays out the text at @width, or as much of it as that width shows: see
 * the top of this file. */
static PangoLayout *
layout_at_width (CqRowText *self,
                 int        width)
{
  PangoLayout *layout = ensure_layout (self);
  glong fits;
  glong want;

  update_font (self);
  /* A quarter more than the lines hold of average characters. */
  fits = (glong) self->lines * (width * 5 / (4 * self->average_advance) + 1);
  want = self->n_chars > fits && width != self->whole_at ? fits : -1;
  if (want != self->laid_out)
    {
      if (want < 0)
        pango_layout_set_text (layout, self->text != NULL ? self->text : "", -1);
      else
        {
          const char *cut = g_utf8_offset_to_pointer (self->text, want);

          while (cut > self->text && continues_cluster (g_utf8_get_char (cut)))
            cut = g_utf8_prev_char (cut);
          pango_layout_set_text (layout, self->text, cut - self->text);
        }
      self->laid_out = want;
    }
  pango_layout_set_width (layout, width * PANGO_SCALE);

  /* A beginning that still runs past the last line shows what the whole
   * would: the same lines, the last cut short at the same place.  One
   * that does not (narrow characters) gives way to the whole text. */
  if (self->laid_out >= 0 && !pango_layout_is_ellipsized (layout))
    {
      pango_layout_set_text (layout, self->text, -1);
      self->laid_out = -1;
      self->whole_at = width;
    }
  return layout;
}

/* How tall @n_lines lines are when all of them are of the widget's font:
 * that many lines of it alone, laid out once. */
static int
lines_height (CqRowText *self,
              guint      n_lines)
{
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(GString) lines = NULL;
  PangoRectangle logical;

  g_assert (n_lines >= 1 && n_lines <= MAX_TOLD_LINES);
  if (self->heights[n_lines] > 0)
    return self->heights[n_lines];
  lines = g_string_new ("n");
  for (guint i = 1; i < n_lines; i++)
    g_string_append (lines, "\nn");
  probe = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  pango_layout_set_text (probe, lines->str, -1);
  pango_layout_get_pixel_extents (probe, NULL, &logical);
  self->heights[n_lines] = MAX (logical.height, 1);
  return self->heights[n_lines];
}

/* The text cut where a line may wrap, for wrapped_lines(): each stretch's
 * glyphs, and the spaces after them (which hang at a line's end). */
#define MAX_PIECES 128

typedef struct {
  struct {
    double glyphs;
    double spaces;
  } piece[MAX_PIECES];
  guint    n;
  gboolean overflowed;
} Pieces;

static void
pieces_add (Pieces   *pieces,
            double    advance,
            gboolean  hangs,
            gboolean  wraps_before)
{
  if (pieces->overflowed)
    return;
  if (pieces->n == 0 || wraps_before)
    {
      if (pieces->n == MAX_PIECES)
        {
          pieces->overflowed = TRUE;
          return;
        }
      pieces->piece[pieces->n].glyphs = pieces->piece[pieces->n].spaces = 0;
      pieces->n++;
    }
  if (hangs)
    pieces->piece[pieces->n - 1].spaces += advance;
  else
    {
      /* Spaces where no line wraps are as wide as any glyph. */
      pieces->piece[pieces->n - 1].glyphs += pieces->piece[pieces->n - 1].spaces + advance;
      pieces->piece[pieces->n - 1].spaces = 0;
    }
}

/* How many lines a greedy wrap (Pango's) makes of @pieces, each @scale
 * times as wide, in lines @line wide; 0 when a piece alone is wider than a
 * line (a layout breaks inside it then). */
static guint
wrapped_lines (const Pieces *pieces,
               double        scale,
               double        line)
{
  double x = 0, hanging = 0;
  guint lines = 1;

  if (pieces->overflowed)
    return 0;
  for (guint i = 0; i < pieces->n; i++)
    {
      double glyphs = pieces->piece[i].glyphs * scale;

      if (glyphs > line)
        return 0;
      if (x > 0 && x + hanging + glyphs > line)
        {
          lines++;
          x = hanging = 0;
        }
      x += hanging + glyphs;
      hanging = pieces->piece[i].spaces * scale;
    }
  return lines;
}

/* g_unichar_isspace(), at once for ASCII */
static inline gboolean
is_space (gunichar c)
{
  return c < 0x80 ? c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' : g_unichar_isspace (c);
}

/* A letter or digit of a script whose words are never broken (Pango
 * breaks Chinese, Japanese, Korean and Thai between any two characters),
 * or a mark on one. */
static gboolean
in_a_word (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  switch ((int) g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_YI:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
    case G_UNICODE_SCRIPT_TIBETAN:
      return FALSE;
    default:
      return g_unichar_isalnum (c) || g_unichar_ismark (c);
    }
}

/* An opening bracket or a quotation mark: the Unicode line-breaking rules
 * (which Pango follows) allow no break in the spaces after it. */
static gboolean
opens (gunichar c)
{
  GUnicodeType type;

  if (c < 0x80)
    return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'';
  type = g_unichar_type (c);
  return type == G_UNICODE_OPEN_PUNCTUATION || type == G_UNICODE_INITIAL_PUNCTUATION ||
         type == G_UNICODE_FINAL_PUNCTUATION;
}

/* Where a line surely may wrap, before @c: after a space, before a letter
 * or a digit, unless the spaces follow @before_spaces that opens. */
gboolean
_cq_row_text_surely_wraps_before (gunichar before_spaces,
                                  gunichar previous,
                                  gunichar c)
{
  return previous == ' ' && (c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c)) && !opens (before_spaces);
}

/* Where a line might wrap, before @c: anywhere but inside a word, and
 * before a space (spaces end the line they are on). */
gboolean
_cq_row_text_may_wrap_before (gunichar previous,
                              gunichar c)
{
  return !is_space (c) && (is_space (previous) || !in_a_word (previous) || !in_a_word (c));
}

/* @lines rounded up, at least one */
static guint
whole_lines (double lines)
{
  guint whole = (guint) lines;

  return MAX (1, whole < lines ? whole + 1 : whole);
}

/* A text's characters, as far as a count of them went. */
typedef struct {
  Pieces      anywhere;  /* cut wherever a line might wrap */
  Pieces      surely;    /* cut only where a line surely may */
  double      glyphs;    /* the advances of all but the spaces */
  const char *end;       /* the first character not counted */
} Count;

/* Counts the text's characters, each of its glyph's advance (or of
 * @shaped's, one for each character), until their glyphs are more than
 * @enough; FALSE for a character without a glyph or a tab (tabs go to tab
 * stops). */
static gboolean
count_text (CqRowText           *self,
            hb_font_t           *hb,
            const hb_position_t *shaped,
            double               enough,
            Count               *count)
{
  gunichar previous = ' ', before_spaces = ' ';
  const char *p = self->text;

  count->anywhere.n = count->surely.n = 0;
  count->anywhere.overflowed = count->surely.overflowed = FALSE;
  count->glyphs = 0;
  for (guint i = 0; *p != '\0' && count->glyphs <= enough; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = is_space (c);
      hb_position_t advance;

      if (c == '\t' || (advance = shaped != NULL ? shaped[i] : glyph_advance (self, hb, c)) < 0)
        return FALSE;
      pieces_add (&count->anywhere, advance, space, _cq_row_text_may_wrap_before (previous, c));
      pieces_add (&count->surely, advance, c == ' ', _cq_row_text_surely_wraps_before (before_spaces, previous, c));
      if (!space)
        count->glyphs += advance;
      if (c != ' ')
        before_spaces = c;
      previous = c;
    }
  count->end = p;
  return TRUE;
}

/* How many lines @count surely takes in lines @line wide, its advances
 * being within @slack of a layout's, or 0 when that is not sure (see
 * _cq_row_text_sure_lines()). */
static guint
lines_of_count (CqRowText   *self,
                hb_font_t   *hb,
                const Count *count,
                double       line,
                double       slack)
{
  hb_codepoint_t glyph;
  guint at_least, at_most;

  at_least = MAX (whole_lines (count->glyphs * slack / line), wrapped_lines (&count->anywhere, slack, line));
  if (at_least >= self->lines)
    return hb_font_get_nominal_glyph (hb, 0x2026, &glyph) ? self->lines : 0;
  at_most = *count->end == '\0' ? wrapped_lines (&count->surely, 1 / slack, line) : 0;
  return at_most == at_least ? at_least : 0;
}

/* Whether a layout sets a run of @script (as @c is) in the widget's own
 * font: Pango picks the font of each run for the run's language, which a
 * run of another script than the context's language takes from its
 * script.  Asked once for each script and font: kept with the font. */
static gboolean
laid_out_in_own_font (CqRowText      *self,
                      GUnicodeScript  script,
                      gunichar        c)
{
  static GQuark quark;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoLanguage *language = pango_context_get_language (context);
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) own = NULL;
  g_autoptr(PangoFontDescription) used = NULL;
  PangoFontset *fontset;
  GHashTable *verdicts;
  gpointer verdict;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cq-row-text-scripts-in-font");
  verdicts = g_object_get_qdata (G_OBJECT (self->font), quark);
  if (verdicts == NULL)
    {
      verdicts = g_hash_table_new (NULL, NULL);
      g_object_set_qdata_full (G_OBJECT (self->font), quark, verdicts, (GDestroyNotify) g_hash_table_unref);
    }
  if (g_hash_table_lookup_extended (verdicts, GINT_TO_POINTER (script), NULL, &verdict))
    return GPOINTER_TO_INT (verdict);

  if (script > G_UNICODE_SCRIPT_INHERITED && !pango_language_includes_script (language, (PangoScript) script) &&
      pango_script_get_sample_language ((PangoScript) script) != NULL)
    language = pango_script_get_sample_language ((PangoScript) script);
  fontset = pango_context_load_fontset (context, pango_context_get_font_description (context), language);
  if (fontset != NULL)
    {
      font = pango_fontset_get_font (fontset, c);
      g_object_unref (fontset);
    }
  own = pango_font_describe (self->font);
  used = font != NULL ? pango_font_describe (font) : NULL;
  verdict = GINT_TO_POINTER (used != NULL && pango_font_description_equal (own, used));
  g_hash_table_insert (verdicts, GINT_TO_POINTER (script), verdict);
  return GPOINTER_TO_INT (verdict);
}

/* The advance of each of the text's characters as HarfBuzz shapes @run
 * of it in the widget's font, kerned and with its ligatures (whose
 * advance goes to their first character), at whole pixels when a layout
 * puts its glyphs there; FALSE for a run a layout would set otherwise:
 * right to left, or in another font. */
static gboolean
shape_run (CqRowText       *self,
           hb_font_t       *hb,
           PangoScriptIter *run,
           hb_position_t   *advances)
{
  /* Widgets live on the main thread: one buffer, used again. */
  static hb_buffer_t *buffer;
  const char *start, *end;
  PangoScript script;
  hb_script_t hb_script;
  hb_glyph_info_t *info;
  hb_glyph_position_t *position;
  unsigned int n_glyphs;
  const char *p = self->text;
  guint i = 0;

  pango_script_iter_get_range (run, &start, &end, &script);
  if (!laid_out_in_own_font (self, (GUnicodeScript) script, g_utf8_get_char (start)))
    return FALSE;
  hb_script = hb_script_from_iso15924_tag (g_unicode_script_to_iso15924 ((GUnicodeScript) script));
  if (hb_script_get_horizontal_direction (hb_script) == HB_DIRECTION_RTL)
    return FALSE;

  if (buffer == NULL)
    buffer = hb_buffer_create ();
  hb_buffer_clear_contents (buffer);
  hb_buffer_add_utf8 (buffer, self->text, -1, start - self->text, end - start);
  hb_buffer_set_direction (buffer, HB_DIRECTION_LTR);
  hb_buffer_set_script (buffer, hb_script);
  hb_buffer_guess_segment_properties (buffer);
  hb_shape (hb, buffer, NULL, 0);

  info = hb_buffer_get_glyph_infos (buffer, &n_glyphs);
  position = hb_buffer_get_glyph_positions (buffer, NULL);
  /* Left to right, clusters (the byte each glyph comes from) only grow. */
  for (unsigned int g = 0; g < n_glyphs; g++)
    {
      for (; (unsigned int) (p - self->text) < info[g].cluster; p = g_utf8_next_char (p))
        i++;
      g_assert (i < (guint) self->n_chars);
      advances[i] += self->rounds ? PANGO_UNITS_ROUND (position[g].x_advance) : position[g].x_advance;
    }
  return TRUE;
}

/* The text shaped as a layout shapes it: each run of one script apart. */
static gboolean
shape_text (CqRowText     *self,
            hb_font_t     *hb,
            hb_position_t *advances)
{
  PangoScriptIter *runs = pango_script_iter_new (self->text, -1);
  gboolean shaped;

  memset (advances, 0, self->n_chars * sizeof *advances);
  do
    shaped = shape_run (self, hb, runs, advances);
  while (shaped && pango_script_iter_next (runs));
  pango_script_iter_free (runs);
  return shaped;
}

/* How many lines the text surely takes at @width, all of it that shows
 * being in the widget's own font, or 0 when only a layout can tell; then
 * it is as tall as that many lines of that font, and only the rows on
 * screen need it laid out (GTK 4.8 measures the 200 rows it keeps bound; a
 * window shows a dozen).  Every character counted must have a glyph in
 * that font.
 *
 * Pango wraps greedily, and a greedy wrap takes no fewer lines for wider
 * glyphs or fewer places to wrap.  So the text takes at least as many
 * lines as a wrap of its glyphs a little narrower than told, wherever a
 * line might wrap (anywhere but inside a word), and at least as many as
 * its glyphs, spaces aside, fill; and at most as many as a wrap of them a
 * little wider, only where a line surely may wrap (after a space, before
 * a letter or a digit).  When the two agree, or the least is past its
 * last line (then the ellipsis needs a glyph too), the text is that tall.
 *
 * First from the font's advance of each character's glyph, taken to be
 * within a tenth of a layout's (kerning, ligatures); when that leaves the
 * count unsure (a line's last word close to its end: 16 % of the titles
 * in the corpus, at list widths), from the text as HarfBuzz shapes it,
 * which a layout does too, its glyphs at whole pixels as the layout puts
 * them: then within SHAPED_SLACK, where a layout shapes runs of the text
 * apart (scripts, directions).  Shaping is a fraction of a layout: no
 * font choice for each character, no line breaking, no ellipsis. */
guint
_cq_row_text_sure_lines (CqRowText *self,
                         int        width)
{
  Count count;
  g_autofree hb_position_t *shaped = NULL;
  double line;
  guint lines;
  hb_font_t *hb;

  if (self->n_chars <= 0 || self->not_told || width <= 0 || self->lines > MAX_TOLD_LINES)
    return 0;
  update_font (self);
  if (self->font == NULL)
    return 0;
  hb = pango_font_get_hb_font (self->font);

  /* A line, in the font's advance units. */
  line = (double) width * PANGO_SCALE * self->units_per_pango;
  if (!count_text (self, hb, NULL, self->lines * line / NOMINAL_SLACK, &count))
    return 0;
  lines = lines_of_count (self, hb, &count, line, NOMINAL_SLACK);
  /* Unsure, the whole text counted (a text that ran past its last line
   * would have been sure): shaped, if a layout would shape it so. */
  if (lines > 0 || !self->shapes_as_laid_out || tabular (self) || *count.end != '\0')
    return lines;

  shaped = g_new (hb_position_t, self->n_chars);
  if (shape_text (self, hb, shaped) && count_text (self, hb, shaped, self->lines * line / SHAPED_SLACK, &count))
    lines = lines_of_count (self, hb, &count, line, SHAPED_SLACK);
  return lines;
}

/* How wide the text is on one line, for a text that asks its width: from
 * its glyphs' advances, digits as wide as the widest when they are
 * tabular, and a tenth and more to spare (kerning; and a one-line text
 * that surely fits is told its height without a layout, see _cq_row_text_sure_lines());
 * from a layout when a character has no glyph in the widget's font. */
static int
text_width (CqRowText *self)
{
  hb_position_t widest_digit = 0;
  gboolean digits_tabular;
  double sum = 0;
  hb_font_t *hb;

  update_font (self);
  if (self->text_width >= 0)
    return self->text_width;
  if (self->text == NULL || *self->text == '\0')
    return self->text_width = 0;

  digits_tabular = tabular (self);
  hb = self->font != NULL ? pango_font_get_hb_font (self->font) : NULL;
  for (gunichar c = '0'; hb != NULL && c <= '9'; c++)
    widest_digit = MAX (widest_digit, glyph_advance (self, hb, c));
  for (const char *p = self->text; hb != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      hb_position_t advance = digits_tabular && g_ascii_isdigit (c) ? widest_digit : glyph_advance (self, hb, c);

      if (advance < 0 || c == '\t' || c == '\n' || c == '\r')
        {
          hb = NULL;
          break;
        }
      sum += advance;
    }

  if (hb != NULL)
    self->text_width = (int) (sum / (self->units_per_pango * PANGO_SCALE) * 1.15) + 2;
  else
    {
      /* Laid out once, on one line: the drawing lays it out again. */
      g_autoptr(PangoLayout) layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
      PangoRectangle logical;

      pango_layout_set_text (layout, self->text, -1);
      pango_layout_set_attributes (layout, pango_layout_get_attributes (ensure_layout (self)));
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      self->text_width = logical.width;
    }
  return self->text_width;
}

static void
cq_row_text_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  CqRowText *self = CQ_ROW_TEXT (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  guint n_lines;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = self->asks_width ? text_width (self) : 0;
      return;
    }

  /* A height for no width in particular is what a list asks of each row
   * when its scrolled window sizes itself, and a guess does. */
  if (for_size < 0)
    {
      *minimum = *natural = line_height (self);
      return;
    }

  self->last_width = for_size;
  /* GTK asks again at the same width as the row lays itself out. */
  update_font (self);
  if (for_size == self->told_at)
    {
      *minimum = *natural = self->told_height;
      return;
    }
  n_lines = for_size == self->untold_at ? 0 : _cq_row_text_sure_lines (self, for_size);
  if (n_lines > 0)
    {
      *minimum = *natural = self->told_height = lines_height (self, n_lines);
      self->told_at = for_size;
      return;
    }
  self->told_at = -1;
  self->untold_at = for_size;
  layout = layout_at_width (self, for_size);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  *minimum = *natural = logical.height;
}

static GtkSizeRequestMode
cq_row_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
measure_again_cb (gpointer data)
{
  gtk_widget_queue_resize (data);
  return G_SOURCE_REMOVE;
}

static void
cq_row_text_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CqRowText *self = CQ_ROW_TEXT (widget);
  PangoLayout *layout;

  if (self->text == NULL || *self->text == '\0')
    return;
  /* Laid out here, for the rows on screen only. */
  layout = layout_at_width (self, gtk_widget_get_width (widget));
  /* A height told without a layout that the layout does not bear out
   * (never seen; a font whose lines differ in height would do it) is
   * told again from the layout, after this frame. */
  if (self->told_at == gtk_widget_get_width (widget))
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      if (logical.height != self->told_height)
        {
          self->not_told = TRUE;
          self->told_at = -1;
          g_idle_add_full (G_PRIORITY_HIGH_IDLE, measure_again_cb, g_object_ref (self), g_object_unref);
        }
    }
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0, 0, layout);
}

static void
cq_row_text_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous_direction)
{
  CqRowText *self = CQ_ROW_TEXT (widget);

  GTK_WIDGET_CLASS (cq_row_text_parent_class)->direction_changed (widget, previous_direction);
  if (self->layout != NULL)
    update_alignment (self);
}

static void
cq_row_text_finalize (GObject *object)
{
  CqRowText *self = CQ_ROW_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->font);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (cq_row_text_parent_class)->finalize (object);
}

static void
cq_row_text_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CqRowText *self = CQ_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_LINES: g_value_set_uint (value, self->lines); break;
    case PROP_ASKS_WIDTH: g_value_set_boolean (value, self->asks_width); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_row_text_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CqRowText *self = CQ_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT: cq_row_text_set_text (self, g_value_get_string (value)); break;
    case PROP_LINES: cq_row_text_set_lines (self, g_value_get_uint (value)); break;
    case PROP_ASKS_WIDTH:
      self->asks_width = g_value_get_boolean (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_row_text_class_init (CqRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cq_row_text_finalize;
  object_class->get_property = cq_row_text_get_property;
  object_class->set_property = cq_row_text_set_property;

  widget_class->measure = cq_row_text_measure;
  widget_class->get_request_mode = cq_row_text_get_request_mode;
  widget_class->snapshot = cq_row_text_snapshot;
  widget_class->direction_changed = cq_row_text_direction_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqRowText:lines:
   *
   * At most how many lines each paragraph takes; the last one shown ends
   * in an ellipsis when the text goes on.
   */
  properties[PROP_LINES] =
    g_param_spec_uint ("lines", NULL, NULL, 1, 100, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqRowText:asks-width:
   *
   * Whether the text asks to be as wide as it is on one line, as a
   * one-line label does (a row's date, beside a source name that
   * ellipsizes first); else it asks for no width of its own.  Measured
   * from its glyphs, without a layout.
   */
  properties[PROP_ASKS_WIDTH] =
    g_param_spec_boolean ("asks-width", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled as the label it stands for, by the theme and by our CSS. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cq_row_text_init (CqRowText *self)
{
  self->lines = 1;
  self->text_width = -1;
  self->laid_out = -1;
  self->whole_at = -1;
  memset (self->heights, 0, sizeof self->heights);
  self->told_at = self->untold_at = -1;
}

GtkWidget *
cq_row_text_new (void)
{
  return g_object_new (CQ_TYPE_ROW_TEXT, NULL);
}

const char *
cq_row_text_get_text (CqRowText *self)
{
  g_return_val_if_fail (CQ_IS_ROW_TEXT (self), NULL);
  return self->text;
}

/**
 * cq_row_text_set_text:
 * @text: (nullable): the text, shown as it is (no markup)
 */
void
cq_row_text_set_text (CqRowText  *self,
                      const char *text)
{
  g_return_if_fail (CQ_IS_ROW_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->n_chars = text == NULL ? 0 : one_paragraph (text) ? g_utf8_strlen (text, -1) : -1;
  if (self->layout != NULL)
    {
      pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
      self->laid_out = -1;
    }
  self->whole_at = -1;
  self->text_width = -1;
  self->not_told = FALSE;
  self->told_at = self->untold_at = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
cq_row_text_get_lines (CqRowText *self)
{
  g_return_val_if_fail (CQ_IS_ROW_TEXT (self), 1);
  return self->lines;
}

void
cq_row_text_set_lines (CqRowText *self,
                       guint      lines)
{
  g_return_if_fail (CQ_IS_ROW_TEXT (self));
  g_return_if_fail (lines >= 1);

  if (self->lines == lines)
    return;
  self->lines = lines;
  self->whole_at = -1;
  memset (self->heights, 0, sizeof self->heights);
  self->told_at = self->untold_at = -1;
  if (self->layout != NULL)
    pango_layout_set_height (self->layout, -(int) lines);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
}

/**
 * cq_row_text_is_ellipsized:
 *
 * Returns: whether the text, at the width it was last given, goes on past
 *   its last line
 */
gboolean
cq_row_text_is_ellipsized (CqRowText *self)
{
  g_return_val_if_fail (CQ_IS_ROW_TEXT (self), FALSE);
  if (self->last_width > 0)
    return pango_layout_is_ellipsized (layout_at_width (self, self->last_width));
  return pango_layout_is_ellipsized (ensure_layout (self));
}
