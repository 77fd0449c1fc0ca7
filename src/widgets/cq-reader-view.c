/* cq-reader-view.c: one statement, calmly: title, date, source, body
 *
 * The body is drawn by a GtkTextView from the blocks and spans the core
 * makes of the stored, sanitised HTML: no web engine, nothing runs.  Links
 * open on click, with a hand cursor over them; text can be selected; the
 * column stays at a readable width.  Remote images are fetched only when
 * the user turned them on; until then (and when one fails) an image is its
 * description, a link to the picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cq-citation.h"
#include "cq-export-pdf.h"
#include "cq-history-window.h"
#include "cq-html.h"
#include "cq-image.h"
#include "cq-item-body.h"
#include "cq-reader-view.h"
#include "cq-rich-text.h"
#include "cq-settings.h"
#include "cq-text.h"

struct _CqReaderView
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkScrolledWindow *scrolled;
  AdwClamp      *clamp;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkWidget     *edited_label;
  GtkWidget     *gone_label;
  GtkToggleButton *star_button;
  AdwSplitButton *cite_button;
  GtkTextView   *body_view;
  GtkButton     *full_button;
  GtkSpinner    *full_spinner;
  GtkButton     *browser_button;
  GtkLabel      *error_label;

  CqStore       *store;
  CqSyncEngine  *engine;
  CqItem        *item;
  CqSettings    *settings;
  GCancellable  *cancellable;
  GCancellable  *images_cancellable;
  GPtrArray     *waiting_images;   /* ImageJob not fetched until near the view */
  guint          images_idle_id;
  gulong         content_id;
  gulong         starred_id;
  gulong         badges_id;
  gboolean       updating;
  GHashTable    *link_targets;   /* GtkTextTag → href, for the body shown */
  GtkWidget     *link_menu;      /* a link's context menu, once opened */
  gboolean       with_history;   /* saved and printed statements carry their earlier versions */
  GdkRGBA        link_color;     /* the style's accent: readable in light and dark */
  guint          link_color_idle_id;
  int            laid_out_width;  /* the width the body was last laid out at */
  guint          settle_tick_id;
  gint64         settle_until;
  PangoFontDescription *document_font;  /* the desktop's, or NULL for the widget's */
};

G_DEFINE_FINAL_TYPE (CqReaderView, cq_reader_view, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ITEM,
  PROP_WITH_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Characters on a line of the body, as GNOME's readers set their measure. */
#define READER_MEASURE 70
/* The body's margins, both sides, as the template sets them. */
#define READER_MARGINS 36

static void
ensure_tags (CqReaderView  *self,
             GtkTextBuffer *buffer)
{
  if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "bold") != NULL)
    return;

  /* First, so that every other tag (a heading's scale, bold) goes over it. */
  gtk_text_buffer_create_tag (buffer, "document", "font-desc", self->document_font, NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "strike", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "sub", "rise", -4 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
  gtk_text_buffer_create_tag (buffer, "sup", "rise", 6 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
  gtk_text_buffer_create_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE, "foreground-rgba", &self->link_color,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "heading1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6,
                              "pixels-above-lines", 12, "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "heading2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.35,
                              "pixels-above-lines", 10, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "heading3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.15,
                              "pixels-above-lines", 8, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "list", "left-margin", 28, "indent", -16, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "left-margin", 24, "right-margin", 24, "style", PANGO_STYLE_ITALIC,
                              "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "pre", "family", "monospace", "wrap-mode", GTK_WRAP_NONE,
                              "pixels-below-lines", 12, NULL);
}

static void
insert_span (GtkTextBuffer    *buffer,
             GtkTextIter      *end,
             const CqTextSpan *span,
             const char       *block_tag,
             GHashTable       *link_targets)
{
  GtkTextTag *tags[10] = { NULL };
  guint n = 0;
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  int start_offset = gtk_text_iter_get_offset (end);
  GtkTextIter start;

  gtk_text_buffer_insert (buffer, end, span->text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);

  tags[n++] = gtk_text_tag_table_lookup (table, block_tag);
  if (span->style & CQ_SPAN_BOLD) tags[n++] = gtk_text_tag_table_lookup (table, "bold");
  if (span->style & CQ_SPAN_ITALIC) tags[n++] = gtk_text_tag_table_lookup (table, "italic");
  if (span->style & CQ_SPAN_CODE) tags[n++] = gtk_text_tag_table_lookup (table, "code");
  if (span->style & CQ_SPAN_UNDERLINE) tags[n++] = gtk_text_tag_table_lookup (table, "underline");
  if (span->style & CQ_SPAN_STRIKE) tags[n++] = gtk_text_tag_table_lookup (table, "strike");
  if (span->style & CQ_SPAN_SUB) tags[n++] = gtk_text_tag_table_lookup (table, "sub");
  if (span->style & CQ_SPAN_SUP) tags[n++] = gtk_text_tag_table_lookup (table, "sup");
  for (guint i = 0; i < n; i++)
    gtk_text_buffer_apply_tag (buffer, tags[i], &start, end);

  /* Each link gets a tag of its own; the view remembers where it goes. */
  if (span->style & CQ_SPAN_LINK && span->href != NULL)
    {
      GtkTextTag *link = gtk_text_buffer_create_tag (buffer, NULL, NULL);

      g_hash_table_insert (link_targets, g_object_ref (link), g_strdup (span->href));
      gtk_text_buffer_apply_tag (buffer, link, &start, end);
      gtk_text_buffer_apply_tag_by_name (buffer, "link", &start, end);
    }
}

static const char *
block_tag (const CqTextBlock *block,
           char              *scratch)
{
  switch (block->kind)
    {
    case CQ_BLOCK_HEADING:
      g_snprintf (scratch, 16, "heading%u", MIN (block->level, 3u));
      return scratch;
    case CQ_BLOCK_LIST_ITEM: return "list";
    case CQ_BLOCK_QUOTE: return "quote";
    case CQ_BLOCK_PRE: return "pre";
    case CQ_BLOCK_PARAGRAPH:
    default: return "paragraph";
    }
}

/* Images: their size is read from the header first (cq_image_check), so a
 * small file that unpacks into a huge picture never reaches the decoder. */
#define IMAGE_MAX_WIDTH 640

/* One statement's pictures share a budget of decoded pixels, and only so
 * many are fetched: a page of a thousand pictures, or of a few that unpack
 * into hundreds of megabytes, shows what fits and leaves the rest as links. */
#define READER_MAX_IMAGES 16
#define READER_MAX_IMAGE_PIXELS (16 * 1000 * 1000)
#define READER_MAX_ITEM_PIXELS (32 * 1000 * 1000)
/* Decoded no wider than a HiDPI screen shows them. */
#define IMAGE_DECODE_MAX_WIDTH (2 * IMAGE_MAX_WIDTH)

typedef struct {
  gatomicrefcount ref_count;
  gint            pixels_left;   /* atomic */
} ImageBudget;

static ImageBudget *
image_budget_new (void)
{
  ImageBudget *budget = g_new0 (ImageBudget, 1);

  g_atomic_ref_count_init (&budget->ref_count);
  budget->pixels_left = READER_MAX_ITEM_PIXELS;
  return budget;
}

static ImageBudget *
image_budget_ref (ImageBudget *budget)
{
  g_atomic_ref_count_inc (&budget->ref_count);
  return budget;
}

static void
image_budget_unref (ImageBudget *budget)
{
  if (g_atomic_ref_count_dec (&budget->ref_count))
    g_free (budget);
}

/* Takes @pixels from the budget, or says why not. */
static gboolean
image_budget_take (ImageBudget  *budget,
                   guint64       pixels,
                   GError      **error)
{
  if (pixels > READER_MAX_IMAGE_PIXELS)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY,
                           _("The picture is too large to show."));
      return FALSE;
    }
  if (g_atomic_int_add (&budget->pixels_left, -(gint) pixels) < (gint) pixels)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY,
                           _("The statement's pictures together are too large to show."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  CqReaderView       *self;
  GtkTextChildAnchor *anchor;
  ImageBudget        *budget;
  char               *href;
} ImageJob;

static void
image_job_free (ImageJob *job)
{
  g_object_unref (job->anchor);
  image_budget_unref (job->budget);
  g_free (job->href);
  g_free (job);
}

typedef struct {
  GBytes      *bytes;
  ImageBudget *budget;
} DecodeJob;

static void
decode_job_free (DecodeJob *job)
{
  g_bytes_unref (job->bytes);
  image_budget_unref (job->budget);
  g_free (job);
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height)
{
  if (width > IMAGE_DECODE_MAX_WIDTH)
    gdk_pixbuf_loader_set_size (loader, IMAGE_DECODE_MAX_WIDTH,
                                MAX (1, (int) ((gint64) height * IMAGE_DECODE_MAX_WIDTH / width)));
}

static GdkTexture *
decode_image (GBytes       *bytes,
              ImageBudget  *budget,
              GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GBytes) pixels = NULL;
  GdkPixbuf *pixbuf;
  guint width, height;

  if (!cq_image_check (bytes, &width, &height, error) ||
      !image_budget_take (budget, (guint64) width * height, error))
    return NULL;
  if (width > IMAGE_DECODE_MAX_WIDTH)
    {
      height = MAX (1, (guint) ((guint64) height * IMAGE_DECODE_MAX_WIDTH / width));
      width = IMAGE_DECODE_MAX_WIDTH;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || (guint) gdk_pixbuf_get_width (pixbuf) != width || (guint) gdk_pixbuf_get_height (pixbuf) != height)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE, _("The picture could not be read."));
      return NULL;
    }
  pixels = gdk_pixbuf_read_pixel_bytes (pixbuf);
  return gdk_memory_texture_new (width, height,
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 pixels, gdk_pixbuf_get_rowstride (pixbuf));
}

/* The description stays, a link to the picture, without the line kept for
 * it; why is logged. */
static void
drop_image (ImageJob     *job,
            const GError *error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (job->self->body_view);
  GtkTextIter start, end;

  g_debug ("An image was not shown: %s", error->message);
  gtk_text_buffer_get_iter_at_child_anchor (buffer, &start, job->anchor);
  end = start;
  gtk_text_iter_forward_chars (&end, 2);
  gtk_text_buffer_delete (buffer, &start, &end);
  image_job_free (job);
}

static void
image_decoded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImageJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *picture;
  int width, height;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_text_child_anchor_get_deleted (job->anchor))
    {
      image_job_free (job);
      return;
    }
  if (texture == NULL)
    {
      drop_image (job, error);
      return;
    }

  width = MIN (gdk_texture_get_width (texture), IMAGE_MAX_WIDTH);
  height = MAX (1, (int) ((gint64) gdk_texture_get_height (texture) * width / gdk_texture_get_width (texture)));
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, width, height);
  gtk_widget_add_css_class (picture, "statement-image");
  gtk_text_view_add_child_at_anchor (job->self->body_view, picture, job->anchor);
  image_job_free (job);
}

/* Decoding a large photograph takes long enough to stall scrolling: it
 * happens on a worker, and only memory textures cross back. */
static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeJob *job = task_data;
  GError *error = NULL;
  GdkTexture *texture = decode_image (job->bytes, job->budget, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
image_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImageJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cq_sync_engine_fetch_image_finish (CQ_SYNC_ENGINE (object), result, &error);
  g_autoptr(GTask) task = NULL;
  DecodeJob *decode;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_text_child_anchor_get_deleted (job->anchor))
    {
      image_job_free (job);
      return;
    }
  if (bytes == NULL)
    {
      drop_image (job, error);
      return;
    }

  decode = g_new0 (DecodeJob, 1);
  decode->bytes = g_steal_pointer (&bytes);
  decode->budget = image_budget_ref (job->budget);
  task = g_task_new (NULL, job->self->images_cancellable, image_decoded_cb, job);
  g_task_set_source_tag (task, image_fetched_cb);
  g_task_set_task_data (task, decode, (GDestroyNotify) decode_job_free);
  g_task_run_in_thread (task, decode_thread);
}

/* Each picture goes in its own line, above its description. */
static void
insert_image (CqReaderView     *self,
              GtkTextBuffer    *buffer,
              GtkTextIter      *end,
              const CqTextSpan *span,
              ImageBudget      *budget)
{
  ImageJob *job = g_new0 (ImageJob, 1);

  job->self = self;
  job->budget = image_budget_ref (budget);
  job->href = g_strdup (span->href);
  job->anchor = g_object_ref (gtk_text_buffer_create_child_anchor (buffer, end));
  gtk_text_buffer_insert (buffer, end, "\n", -1);
  g_ptr_array_add (self->waiting_images, job);
}

/* Pictures are fetched and decoded as they come near the view (a page
 * ahead), not all at once when the statement opens: one far down a long
 * page costs nothing until the reader gets there. */
#define IMAGES_LOOK_AHEAD_PAGES 1.0

static gboolean
near_view (CqReaderView       *self,
           GtkTextChildAnchor *anchor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_point_t in_view, in_content;
  GdkRectangle location;
  double y_in_page;
  GtkTextIter iter;
  int x, y;

  gtk_text_buffer_get_iter_at_child_anchor (buffer, &iter, anchor);
  gtk_text_view_get_iter_location (self->body_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (self->body_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
  in_view = GRAPHENE_POINT_INIT (x, y);
  /* In the scrolled content's own coordinates, then against the scroll
   * position: right after a scroll the content has not moved yet. */
  if (!gtk_widget_compute_point (GTK_WIDGET (self->body_view), GTK_WIDGET (self->clamp), &in_view, &in_content))
    return FALSE;
  y_in_page = in_content.y - gtk_adjustment_get_value (adjustment);
  return y_in_page < page * (1 + IMAGES_LOOK_AHEAD_PAGES) && y_in_page > -page;
}

static gboolean
fetch_visible_images (gpointer user_data)
{
  CqReaderView *self = user_data;

  self->images_idle_id = 0;
  for (guint i = 0; i < self->waiting_images->len; )
    {
      ImageJob *job = g_ptr_array_index (self->waiting_images, i);

      if (gtk_text_child_anchor_get_deleted (job->anchor) || !near_view (self, job->anchor))
        {
          i++;
          continue;
        }
      g_ptr_array_steal_index (self->waiting_images, i);
      cq_sync_engine_fetch_image_async (self->engine, job->href, self->images_cancellable, image_fetched_cb, job);
    }
  return G_SOURCE_REMOVE;
}

/* Asked again whenever the view scrolls or its content is laid out anew. */
static void
queue_visible_images (CqReaderView *self)
{
  if (self->waiting_images != NULL && self->images_idle_id == 0 && self->waiting_images->len > 0)
    self->images_idle_id = g_idle_add_full (G_PRIORITY_LOW, fetch_visible_images, self, NULL);
}

/* Links in the style's accent colour, which Adwaita makes readable on its
 * own backgrounds (#1c71d8 in light, #78aeed in dark: WCAG AA both). */
static void
update_link_color (CqReaderView *self)
{
  GtkTextTag *tag;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self->body_view)), "accent_color",
                                       &self->link_color))
G_GNUC_END_IGNORE_DEPRECATIONS
    gdk_rgba_parse (&self->link_color, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                       ? "#78aeed" : "#1c71d8");
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->body_view)), "link");
  if (tag != NULL)
    g_object_set (tag, "foreground-rgba", &self->link_color, NULL);
}

static gboolean
update_link_color_idle (gpointer data)
{
  CqReaderView *self = data;

  self->link_color_idle_id = 0;
  update_link_color (self);
  return G_SOURCE_REMOVE;
}

/* The style manager says "dark" before the new style sheet is read: look
 * the accent up once it is. */
static void
style_changed_cb (CqReaderView *self)
{
  if (self->link_color_idle_id == 0)
    self->link_color_idle_id = g_idle_add (update_link_color_idle, self);
}

/* The desktop's document font, and a column about READER_MEASURE
 * characters of it wide, measured on a sample of ordinary text. */
static void
update_reading_font (CqReaderView *self)
{
  static const char sample[] = "The embassy said on Monday that the consular section would reopen after the holiday.";
  g_autofree char *font = cq_settings_dup_document_font (self->settings);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->body_view), sample);
  GtkTextTag *tag;
  int width;

  g_clear_pointer (&self->document_font, pango_font_description_free);
  g_clear_handle_id (&self->link_color_idle_id, g_source_remove);
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
  if (font != NULL)
    self->document_font = pango_font_description_from_string (font);
  pango_layout_set_font_description (layout, self->document_font);
  pango_layout_get_pixel_size (layout, &width, NULL);
  adw_clamp_set_maximum_size (self->clamp, READER_MEASURE * width / (int) g_utf8_strlen (sample, -1) + READER_MARGINS);
  adw_clamp_set_tightening_threshold (self->clamp, adw_clamp_get_maximum_size (self->clamp) * 3 / 4);

  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->body_view)), "document");
  if (tag != NULL)
    g_object_set (tag, "font-desc", self->document_font, NULL);
}

/* GtkTextView learns its height only as it lays its lines out, and it
 * lays out only the lines it shows: measured before that, a new body is
 * 0 px high, and the first frame would show the statement without its
 * text and its buttons where the text should be.  So when the body is new,
 * or the width changes, it is first allocated at least a screenful and a
 * half high, which lays out every line that can be seen, and then
 * released and allocated again, now at the body's true height, all before
 * anything is painted.  Lines further down are laid out after; for a
 * second, each frame checks that the body has grown with them. */
#define SETTLE_MIN_HEIGHT 1200

static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  CqReaderView *self = CQ_READER_VIEW (widget);
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (self->body_view), GTK_ORIENTATION_VERTICAL,
                      gtk_widget_get_width (GTK_WIDGET (self->body_view)), &minimum, &natural, NULL, NULL);
  if (natural != gtk_widget_get_height (GTK_WIDGET (self->body_view)))
    gtk_widget_queue_resize (GTK_WIDGET (self->body_view));
  if (gdk_frame_clock_get_frame_time (clock) < self->settle_until)
    return G_SOURCE_CONTINUE;
  self->settle_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static GtkSizeRequestMode
cq_reader_view_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (CQ_READER_VIEW (widget)->stack));
}

static void
cq_reader_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (CQ_READER_VIEW (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cq_reader_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CqReaderView *self = CQ_READER_VIEW (widget);
  gboolean settle = width != self->laid_out_width && self->item != NULL;

  if (settle)
    gtk_widget_set_size_request (GTK_WIDGET (self->body_view), -1, MAX (height * 3 / 2, SETTLE_MIN_HEIGHT));
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  if (!settle)
    return;
  /* Laid out now: allocated again at its true height, before any paint. */
  self->laid_out_width = width;
  gtk_widget_set_size_request (GTK_WIDGET (self->body_view), -1, -1);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  self->settle_until = g_get_monotonic_time () + G_USEC_PER_SEC;
  if (self->settle_tick_id == 0)
    self->settle_tick_id = gtk_widget_add_tick_callback (widget, settle_tick_cb, NULL, NULL);
}

static void
render_body (CqReaderView *self,
             const char   *html)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  g_autoptr(GPtrArray) blocks = cq_item_body_blocks (self->item, html);
  gboolean images = self->engine != NULL && cq_settings_get_load_remote_images (self->settings);
  ImageBudget *budget = image_budget_new ();
  guint n_images = 0;
  GtkTextIter end;

  g_hash_table_remove_all (self->link_targets);

  g_cancellable_cancel (self->images_cancellable);
  g_clear_object (&self->images_cancellable);
  self->images_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->waiting_images, 0);

  ensure_tags (self, buffer);
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; i < blocks->len; i++)
    {
      CqTextBlock *block = g_ptr_array_index (blocks, i);
      char scratch[16];
      const char *tag = block_tag (block, scratch);

      if (i > 0)
        gtk_text_buffer_insert (buffer, &end, "\n", -1);
      if (block->marker != NULL)
        {
          g_autofree char *marker = g_strdup_printf ("%s\t", block->marker);
          CqTextSpan span = { marker, 0, NULL };

          insert_span (buffer, &end, &span, tag, self->link_targets);
        }
      for (guint j = 0; j < block->spans->len; j++)
        {
          const CqTextSpan *span = g_ptr_array_index (block->spans, j);

          if (images && span->style & CQ_SPAN_IMAGE && span->href != NULL && n_images++ < READER_MAX_IMAGES)
            insert_image (self, buffer, &end, span, budget);
          insert_span (buffer, &end, span, tag, self->link_targets);
        }
    }

  {
    GtkTextIter start;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_apply_tag_by_name (buffer, "document", &start, &end);
  }
  gtk_text_view_set_buffer (self->body_view, buffer);
  self->laid_out_width = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  image_budget_unref (budget);
  queue_visible_images (self);
  g_object_unref (buffer);
}

/* "16 June 2019, 20:40 · Embassy news"; a date-only item shows its day. */
static char *
format_meta (CqReaderView *self)
{
  GDateTime *published = cq_item_get_published (self->item);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (published == NULL)
    return g_strdup (cq_item_get_source_name (self->item));

  local = g_date_time_to_timezone (published, cq_item_get_home_zone (self->item));
  date = g_date_time_format (local, cq_item_get_published_is_date (self->item)
                                    /* Translators: an item's date in the reader, as strftime() reads it. */
                                    ? C_("reader date", "%-d %B %Y")
                                    /* Translators: an item's date and time in the reader. */
                                    : C_("reader date and time", "%-d %B %Y, %H:%M"));
  /* An item not (or no longer) in the store has no source to name. */
  if (cq_item_get_source_name (self->item) == NULL)
    return g_steal_pointer (&date);
  return g_strdup_printf ("%s · %s", date, cq_item_get_source_name (self->item));
}

static void browser_clicked_cb (CqReaderView *self);
static void full_clicked_cb (CqReaderView *self);

/* "Edited" when the statement has earlier versions; "Withdrawn or Moved"
 * when its page was found gone, with the day in the tooltip.  Both open
 * the history. */
static void
show_badges (CqReaderView *self)
{
  GDateTime *gone = self->item != NULL ? cq_item_get_page_gone (self->item) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->edited_label),
                          self->item != NULL && cq_item_get_revision_count (self->item) > 0);
  gtk_widget_set_visible (self->gone_label, gone != NULL);
  if (gone != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (gone);
      /* Translators: a date as strftime() reads it. */
      g_autofree char *date = g_date_time_format (local, _("%-d %B %Y"));
      /* Translators: %s is the day the statement's page was found gone. */
      g_autofree char *tip = g_strdup_printf (_("The statement’s page was found withdrawn or moved on %s. "
                                                "This is the text it last showed."), date);

      gtk_widget_set_tooltip_text (self->gone_label, tip);
    }
}

static void
item_notify_cb (CqReaderView *self,
                GParamSpec   *pspec)
{
  if (g_str_equal (pspec->name, "page-gone") || g_str_equal (pspec->name, "revision-count"))
    show_badges (self);
}

static void
update_star (CqReaderView *self)
{
  gboolean starred = self->item != NULL && cq_item_get_starred (self->item);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->star_button, starred);
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button), starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), starred ? _("Unstar") : _("Star"));
  self->updating = FALSE;
}

static void
star_toggled_cb (CqReaderView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->item == NULL || self->store == NULL)
    return;
  if (!cq_store_set_starred (self->store, cq_item_get_id (self->item),
                             gtk_toggle_button_get_active (self->star_button), &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
  update_star (self);
}

static void
copy_citation (CqReaderView    *self,
               CqCitationStyle  style)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *citation = NULL;
  g_autofree char *message = NULL;
  GTimeZone *zone;
  GDateTime *retrieved;

  if (self->item == NULL)
    return;
  zone = cq_item_get_home_zone (self->item);
  retrieved = cq_item_get_first_seen (self->item) != NULL ? cq_item_get_first_seen (self->item) : now;
  citation = cq_citation_format (self->item, style, zone, g_time_zone_get_identifier (zone), retrieved);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
  /* Translators: %s is a citation style, such as "APA" or "Full Record". */
  message = g_strdup_printf (_("Citation copied: %s"), cq_citation_style_get_label (style));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
}

/* The button copies in the style last chosen from its menu. */
static void
cite_clicked_cb (CqReaderView *self)
{
  copy_citation (self, cq_settings_get_citation_style (self->settings));
}

static void
update_cite_tooltip (CqReaderView *self)
{
  /* Translators: a button's tooltip; %s is a citation style, such as "APA". */
  g_autofree char *tooltip = g_strdup_printf (_("Copy Citation (%s)"),
                                              cq_citation_style_get_label (cq_settings_get_citation_style (self->settings)));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cite_button), tooltip);
}

/* A style chosen from the menu is copied, and is the button's from then on. */
static void
cite_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CqReaderView *self = CQ_READER_VIEW (widget);
  CqCitationStyle style;

  if (!cq_citation_style_from_string (g_variant_get_string (parameter, NULL), &style))
    return;
  cq_settings_set_citation_style (self->settings, style);
  update_cite_tooltip (self);
  copy_citation (self, style);
}

static GMenuModel *
citation_menu_new (void)
{
  GMenu *menu = g_menu_new ();

  for (CqCitationStyle style = 0; style < CQ_CITATION_N_STYLES; style++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (cq_citation_style_get_label (style), NULL);

      g_menu_item_set_action_and_target (entry, "reader.cite", "s", cq_citation_style_to_string (style));
      g_menu_append_item (menu, entry);
    }
  return G_MENU_MODEL (menu);
}

static void
history_clicked_cb (CqReaderView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->item == NULL || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (cq_history_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         self->store, self->item)));
}

/**
 * cq_reader_view_read_full:
 *
 * Fetches the full statement, as Read Full Statement does, when that is
 * offered for the statement shown.
 */
void
cq_reader_view_read_full (CqReaderView *self)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->full_button)) && gtk_widget_get_sensitive (GTK_WIDGET (self->full_button)))
    full_clicked_cb (self);
}

/**
 * cq_reader_view_copy_citation:
 *
 * Copies the statement's citation, as Copy Citation does.
 */
void
cq_reader_view_copy_citation (CqReaderView *self)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));
  cite_clicked_cb (self);
}

/**
 * cq_reader_view_show_history:
 *
 * Opens the statement's earlier versions, as History does.
 */
void
cq_reader_view_show_history (CqReaderView *self)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));
  history_clicked_cb (self);
}

/**
 * cq_reader_view_page_down:
 *
 * Scrolls the statement by most of a page.
 *
 * Returns: %FALSE when its end is shown already, so the caller moves on
 */
gboolean
cq_reader_view_page_down (CqReaderView *self)
{
  GtkAdjustment *adjustment;
  double value, limit;

  g_return_val_if_fail (CQ_IS_READER_VIEW (self), FALSE);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  value = gtk_adjustment_get_value (adjustment);
  limit = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  if (self->item == NULL || value >= limit - 1)
    return FALSE;
  gtk_adjustment_set_value (adjustment, MIN (value + gtk_adjustment_get_page_size (adjustment) * 0.9, limit));
  return TRUE;
}

/**
 * cq_reader_view_focus_buttons:
 *
 * Gives the keyboard to the statement's first button (Star), where Tab
 * from the list lands.
 *
 * Returns: %FALSE when no statement is shown
 */
gboolean
cq_reader_view_focus_buttons (CqReaderView *self)
{
  g_return_val_if_fail (CQ_IS_READER_VIEW (self), FALSE);

  return self->item != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->star_button));
}

/**
 * cq_reader_view_page_up:
 *
 * Scrolls the statement back by most of a page, as Shift+Space does.
 */
void
cq_reader_view_page_up (CqReaderView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (CQ_IS_READER_VIEW (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  gtk_adjustment_set_value (adjustment, MAX (gtk_adjustment_get_value (adjustment) -
                                             gtk_adjustment_get_page_size (adjustment) * 0.9, 0));
}

/**
 * cq_reader_view_toggle_star:
 *
 * Stars the item shown, or unstars it.
 */
void
cq_reader_view_toggle_star (CqReaderView *self)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));

  if (self->item != NULL)
    gtk_toggle_button_set_active (self->star_button, !gtk_toggle_button_get_active (self->star_button));
}

/**
 * cq_reader_view_open_in_browser:
 */
void
cq_reader_view_open_in_browser (CqReaderView *self)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));
  browser_clicked_cb (self);
}

static void
update (CqReaderView *self)
{
  g_autofree char *meta = NULL;
  g_autofree char *title = NULL;
  const char *content;

  if (self->item == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  meta = format_meta (self);
  content = cq_item_get_content (self->item);
  /* Items stored before titles were capped may carry a huge one: laying
   * out a megabyte in a label would freeze the window. */
  title = cq_text_shorten (cq_item_get_title (self->item), CQ_TEXT_MAX_TITLE_CHARS);
  gtk_label_set_label (self->title_label, title != NULL ? title : _("Untitled"));
  gtk_label_set_label (self->meta_label, meta);
  render_body (self, content != NULL ? content : cq_item_get_summary (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->full_button),
                          cq_item_get_link (self->item) != NULL && !cq_item_get_full_text_fetched (self->item));
  gtk_widget_set_sensitive (GTK_WIDGET (self->browser_button), cq_item_get_link (self->item) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  show_badges (self);
  update_star (self);
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CqReaderView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) item = cq_sync_engine_fetch_full_finish (CQ_SYNC_ENGINE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->full_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_button), TRUE);
  if (item == NULL)
    {
      /* Translators: %s says why the full statement could not be fetched. */
      g_autofree char *text = g_strdup_printf (_("The full statement could not be fetched: %s"), error->message);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  update (self);
}

static void
full_clicked_cb (CqReaderView *self)
{
  if (self->item == NULL || self->engine == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->full_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  cq_sync_engine_fetch_full_async (self->engine, cq_item_get_id (self->item), self->cancellable,
                                   fetched_cb, self);
}

typedef struct
{
  GWeakRef  reader;
  char     *uri;
} Launch;

static Launch *
launch_new (CqReaderView *self,
            const char   *uri)
{
  Launch *launch = g_new0 (Launch, 1);

  g_weak_ref_init (&launch->reader, self);
  launch->uri = g_strdup (uri);
  return launch;
}

static void
launch_free (Launch *launch)
{
  g_weak_ref_clear (&launch->reader);
  g_free (launch->uri);
  g_free (launch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_free)

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Launch) launch = user_data;
  g_autoptr(CqReaderView) self = g_weak_ref_get (&launch->reader);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || self == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup (_("The link could not be opened: no app on this computer opens such links."));
  else
    /* Translators: %s says why, in the system's words. */
    message = g_strdup_printf (_("The link could not be opened: %s"), error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-link-failure", "(ss)", message, launch->uri);
}

/* Whoever holds the reader may open a link its own way (as GtkLabel's
 * activate-link); left alone, the desktop's browser opens it. */
static void
open_uri (CqReaderView *self,
          const char   *uri)
{
  g_autofree char *safe = cq_html_link_to_open (uri);
  g_autoptr(GdkAppLaunchContext) context = NULL;
  gboolean handled = FALSE;

  /* Checked again at the click, whatever the stored HTML says. */
  if (safe == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s",
                                  _("This link is not a web or mail address, so it is not opened."));
      return;
    }
  g_signal_emit (self, signals[ACTIVATE_LINK], 0, safe, &handled);
  if (handled)
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  /* Through the OpenURI portal in the Flatpak; a failure is told, with the link to copy. */
  g_app_info_launch_default_for_uri_async (safe, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb,
                                           launch_new (self, safe));
}

static void
browser_clicked_cb (CqReaderView *self)
{
  if (self->item != NULL && cq_item_get_link (self->item) != NULL)
    open_uri (self, cq_item_get_link (self->item));
}

static const char *
link_at (CqReaderView *self,
         double        x,
         double        y)
{
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->body_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->body_view, &iter, bx, by))
    return NULL;
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = self->link_targets != NULL ? g_hash_table_lookup (self->link_targets, l->data) : NULL;

      if (href != NULL)
        return href;
    }
  return NULL;
}

static void
body_released_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CqReaderView    *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  const char *href;

  /* A click that ends a selection is not a click on a link. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  if ((href = link_at (self, x, y)) != NULL)
    open_uri (self, href);
}

/* Saving and printing: the statement for the record, as communique-cli
 * save writes it (the core's cq_export_*), with its earlier versions when
 * "Include Earlier Versions" is on. */

/**
 * cq_reader_view_save_to:
 * @file: where; .md, .html or .pdf says the form (Markdown otherwise)
 *
 * Writes the statement shown to @file, replacing it only once the new one
 * is whole, and says what happened in a toast.
 */
void
cq_reader_view_save_to (CqReaderView *self,
                        GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  gint64 id;
  gboolean saved;

  g_return_if_fail (CQ_IS_READER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->item == NULL || self->store == NULL || path == NULL)
    return;
  id = cq_item_get_id (self->item);
  if (g_str_has_suffix (name, ".pdf"))
    saved = cq_export_pdf (self->store, id, self->with_history, path, &error);
  else
    {
      CqExportFormat format = g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".htm")
                              ? CQ_EXPORT_HTML : CQ_EXPORT_MARKDOWN;
      g_autofree char *text = cq_export_statement (self->store, id, format, self->with_history, &error);

      saved = text != NULL && g_file_set_contents (path, text, -1, &error);
      if (!saved && error != NULL && error->domain == G_FILE_ERROR)
        g_prefix_error (&error, _("The statement could not be saved to %s: "), name);
    }
  if (saved)
    /* Translators: %s is a file's name. */
    message = g_strdup_printf (_("Statement saved to %s"), name);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", saved ? message : error->message);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(CqReaderView) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    cq_reader_view_save_to (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CqReaderView *self = CQ_READER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->item == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Statement"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Markdown"), "text/markdown", "md");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Web Page"), "text/html", "html");
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF Document"), "application/pdf", "pdf");
  /* The title, made a file name: no slashes, not too long. */
  name = cq_text_shorten (cq_item_get_title (self->item) != NULL ? cq_item_get_title (self->item) : _("Statement"), 80);
  g_strdelimit (name, "/\\:", '-');
  {
    g_autofree char *file_name = g_strconcat (name, ".md", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  char    *markup;
  CqPages *pages;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_free (job->markup);
  g_clear_pointer (&job->pages, cq_pages_free);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);

  cq_export_setup_layout (layout, job->markup, gtk_print_context_get_width (context));
  job->pages = cq_pages_new (layout, gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) cq_pages_get_n (job->pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  cq_pages_draw (job->pages, gtk_print_context_get_cairo_context (context), (guint) page);
}

/**
 * cq_reader_view_print:
 * @export_to: (nullable): a PDF file to print to without asking, or %NULL
 *   for the print dialog (where "Print to File" makes a PDF too)
 *
 * Prints the statement shown, laid out as the saved PDF is.
 */
void
cq_reader_view_print (CqReaderView *self,
                      const char   *export_to)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  PrintJob *job;

  g_return_if_fail (CQ_IS_READER_VIEW (self));

  if (self->item == NULL || self->store == NULL)
    return;
  job = g_new0 (PrintJob, 1);
  if (!(job->markup = cq_export_statement (self->store, cq_item_get_id (self->item), CQ_EXPORT_PANGO_MARKUP,
                                           self->with_history, &error)))
    {
      print_job_free (job);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "cq-print-job", job, print_job_free);
  gtk_print_operation_set_job_name (operation, cq_item_get_title (self->item));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (export_to != NULL)
    gtk_print_operation_set_export_filename (operation, export_to);
  else
    gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, export_to != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cq_reader_view_print (CQ_READER_VIEW (widget), NULL);
}

/* A right click (or a long press) on a link: Open Link and Copy Link
 * Address, as browsers offer; elsewhere the text view's own menu. */
static void
popup_link_menu (CqReaderView *self,
                 const char   *href,
                 double        x,
                 double        y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open Link"), NULL);
  g_autoptr(GMenuItem) copy = g_menu_item_new (_("_Copy Link Address"), NULL);
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  g_menu_item_set_action_and_target (open, "reader.open-link", "s", href);
  g_menu_item_set_action_and_target (copy, "reader.copy-link", "s", href);
  g_menu_append_item (menu, open);
  g_menu_append_item (menu, copy);
  if (self->link_menu == NULL)
    {
      self->link_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->link_menu, GTK_WIDGET (self->body_view));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->link_menu), FALSE);
      gtk_widget_set_halign (self->link_menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->link_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->link_menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->link_menu));
}

static void
body_secondary_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           CqReaderView    *self)
{
  const char *href = link_at (self, x, y);

  if (href == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_link_menu (self, href, x, y);
}

static void
body_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      CqReaderView        *self)
{
  const char *href = link_at (self, x, y);

  if (href != NULL)
    popup_link_menu (self, href, x, y);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_uri (CQ_READER_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  gtk_widget_activate_action (widget, "win.show-message", "s", _("Link copied"));
}

/**
 * cq_reader_view_get_link_menu:
 *
 * Returns: (transfer none) (nullable): the menu a link's right click opens,
 *   once one has
 */
GtkWidget *
cq_reader_view_get_link_menu (CqReaderView *self)
{
  g_return_val_if_fail (CQ_IS_READER_VIEW (self), NULL);
  return self->link_menu;
}

/**
 * cq_reader_view_get_link_at:
 * @x: across the statement's body, in its own coordinates
 * @y: down the statement's body
 *
 * What the pointer there would open: the address a hover shows and a click
 * follows.
 *
 * Returns: (nullable): the link's address, or %NULL where there is none
 */
const char *
cq_reader_view_get_link_at (CqReaderView *self,
                            double        x,
                            double        y)
{
  g_return_val_if_fail (CQ_IS_READER_VIEW (self), NULL);
  return link_at (self, x, y);
}

/* Where a link goes, before it is followed. */
static gboolean
body_query_tooltip_cb (GtkWidget    *widget,
                       int           x,
                       int           y,
                       gboolean      keyboard,
                       GtkTooltip   *tooltip,
                       CqReaderView *self)
{
  const char *href = keyboard ? NULL : link_at (self, x, y);

  if (href == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, href);
  return TRUE;
}

static void
body_motion_cb (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                CqReaderView             *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->body_view), link_at (self, x, y) != NULL ? "pointer" : "text");
}

static void
cq_reader_view_dispose (GObject *object)
{
  CqReaderView *self = CQ_READER_VIEW (object);

  g_clear_pointer (&self->link_menu, gtk_widget_unparent);
  g_clear_pointer (&self->link_targets, g_hash_table_unref);
  g_clear_handle_id (&self->images_idle_id, g_source_remove);
  g_clear_pointer (&self->waiting_images, g_ptr_array_unref);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->images_cancellable != NULL)
    g_cancellable_cancel (self->images_cancellable);
  g_clear_object (&self->images_cancellable);
  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->content_id, self->item);
      g_clear_signal_handler (&self->starred_id, self->item);
      g_clear_signal_handler (&self->badges_id, self->item);
    }
  g_clear_object (&self->item);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->document_font, pango_font_description_free);
  g_clear_handle_id (&self->link_color_idle_id, g_source_remove);
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CQ_TYPE_READER_VIEW);

  G_OBJECT_CLASS (cq_reader_view_parent_class)->dispose (object);
}

static void
cq_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CqReaderView *self = CQ_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_WITH_HISTORY:
      g_value_set_boolean (value, self->with_history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_reader_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CqReaderView *self = CQ_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      cq_reader_view_set_item (self, g_value_get_object (value));
      break;
    case PROP_WITH_HISTORY:
      if (self->with_history != g_value_get_boolean (value))
        {
          self->with_history = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_reader_view_class_init (CqReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CqReaderView::activate-link:
   * @uri: the address of the link the user opened
   *
   * Emitted when the user opens a link in the statement, or the statement
   * itself with Open in Browser.  Return %TRUE to have opened it; otherwise
   * the desktop's browser does.
   */
  signals[ACTIVATE_LINK] =
    g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  object_class->dispose = cq_reader_view_dispose;
  object_class->get_property = cq_reader_view_get_property;
  object_class->set_property = cq_reader_view_set_property;

  /**
   * CqReaderView:item:
   *
   * The statement shown, or %NULL.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CQ_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CqReaderView:with-history:
   *
   * Whether a saved or printed statement carries its earlier versions.
   */
  properties[PROP_WITH_HISTORY] =
    g_param_spec_boolean ("with-history", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cq-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, clamp);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, edited_label);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, gone_label);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, star_button);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, cite_button);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, body_view);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, full_button);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, full_spinner);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, browser_button);
  gtk_widget_class_bind_template_child (widget_class, CqReaderView, error_label);
  gtk_widget_class_bind_template_callback (widget_class, full_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, browser_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, star_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, cite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
  gtk_widget_class_install_action (widget_class, "reader.cite", "s", cite_action);
  gtk_widget_class_install_action (widget_class, "reader.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "reader.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "reader.print", NULL, print_action);
  gtk_widget_class_install_property_action (widget_class, "reader.with-history", "with-history");
  gtk_widget_class_install_action (widget_class, "reader.copy-link", "s", copy_link_action);
  widget_class->get_request_mode = cq_reader_view_get_request_mode;
  widget_class->measure = cq_reader_view_measure;
  widget_class->size_allocate = cq_reader_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "readerview");
}

static void
cq_reader_view_init (CqReaderView *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  self->link_targets = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->waiting_images = g_ptr_array_new_with_free_func ((GDestroyNotify) image_job_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Pictures further down are fetched as the statement scrolls to them,
   * and when its layout changes (the first frame, a new width). */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "value-changed",
                           G_CALLBACK (queue_visible_images), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "changed",
                           G_CALLBACK (queue_visible_images), self, G_CONNECT_SWAPPED);

  /* Turning images on or off shows at once. */
  self->settings = g_object_ref (cq_settings_get_default ());
  g_signal_connect_object (self->settings, "notify::load-remote-images", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);

  /* The reading font and its measure, and links readable in light and dark. */
  g_signal_connect_object (self->settings, "notify::document-font", G_CALLBACK (update_reading_font), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (update_reading_font), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (style_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_reading_font (self);
  update_link_color (self);

  {
    g_autoptr(GMenuModel) menu = citation_menu_new ();

    adw_split_button_set_menu_model (self->cite_button, menu);
    update_cite_tooltip (self);
  }

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->body_view), TRUE);
  g_signal_connect (self->body_view, "query-tooltip", G_CALLBACK (body_query_tooltip_cb), self);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (body_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), GTK_EVENT_CONTROLLER (click));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (body_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), GTK_EVENT_CONTROLLER (click));
  {
    GtkGesture *press = gtk_gesture_long_press_new ();

    gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
    g_signal_connect (press, "pressed", G_CALLBACK (body_long_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->body_view), GTK_EVENT_CONTROLLER (press));
  }
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (body_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), motion);
}

GtkWidget *
cq_reader_view_new (void)
{
  return g_object_new (CQ_TYPE_READER_VIEW, NULL);
}

/**
 * cq_reader_view_set_store:
 * @engine: (nullable): what fetches full statements; without one the
 *   button is hidden
 */
void
cq_reader_view_set_store (CqReaderView *self,
                          CqStore      *store,
                          CqSyncEngine *engine)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->engine, engine);
}

/**
 * cq_reader_view_set_item:
 * @item: (nullable): the item to show
 */
void
cq_reader_view_set_item (CqReaderView *self,
                         CqItem       *item)
{
  g_return_if_fail (CQ_IS_READER_VIEW (self));

  if (self->item == item)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->full_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_button), TRUE);
  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->content_id, self->item);
      g_clear_signal_handler (&self->starred_id, self->item);
      g_clear_signal_handler (&self->badges_id, self->item);
    }
  g_set_object (&self->item, item);
  if (item != NULL)
    {
      self->content_id = g_signal_connect_swapped (item, "notify::content", G_CALLBACK (update), self);
      self->starred_id = g_signal_connect_swapped (item, "notify::starred", G_CALLBACK (update_star), self);
      self->badges_id = g_signal_connect_swapped (item, "notify", G_CALLBACK (item_notify_cb), self);
    }
  update (self);
  if (self->engine == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->full_button), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * cq_reader_view_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown
 */
CqItem *
cq_reader_view_get_item (CqReaderView *self)
{
  g_return_val_if_fail (CQ_IS_READER_VIEW (self), NULL);
  return self->item;
}

/**
 * cq_reader_view_dup_text:
 *
 * Returns: (transfer full): the body as shown, for tests and copying
 */
char *
cq_reader_view_dup_text (CqReaderView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CQ_IS_READER_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
