/* cq-export-pdf.c: a statement on pages, for print and for PDF
 *
 * The statement's Pango markup (cq_export_statement's third form) is laid
 * out once at the page's width, then cut into pages between lines: a line
 * is never split across two pages.  The window prints with the same pages
 * (GtkPrintOperation hands each page a cairo context); `communique-cli save
 * --format pdf` draws them on a cairo PDF surface, A4, in a file written
 * under a temporary name and renamed when whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-record"

#include "config.h"

#include <errno.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cq-export-pdf.h"

/* A4 in points, and a margin of about two centimetres. */
#define A4_WIDTH 595.28
#define A4_HEIGHT 841.89
#define MARGIN 56.0

struct _CqPages
{
  PangoLayout *layout;
  GArray      *starts;   /* double: where each page starts in the layout, in points */
  double       page_height;
};

/**
 * cq_export_setup_layout:
 * @width: the text's width, in the layout's units (points)
 *
 * The statement's markup in the reading font, wrapped to @width.
 */
void
cq_export_setup_layout (PangoLayout *layout,
                        const char  *markup,
                        double       width)
{
  PangoFontDescription *font = pango_font_description_from_string ("Serif 11");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
}

/**
 * cq_pages_new:
 * @layout: the whole text, laid out at the page's width
 * @page_height: the height text may take on a page, in points
 *
 * Returns: (transfer full): the layout's pages
 */
CqPages *
cq_pages_new (PangoLayout *layout,
              double       page_height)
{
  CqPages *self = g_new0 (CqPages, 1);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double start = 0;

  self->layout = g_object_ref (layout);
  self->page_height = page_height;
  self->starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->starts, start);
  do
    {
      PangoRectangle line;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      top = (double) line.y / PANGO_SCALE;
      bottom = (double) (line.y + line.height) / PANGO_SCALE;
      /* A line that would cross the page's foot starts the next page. */
      if (bottom - start > page_height && top > start)
        {
          start = top;
          g_array_append_val (self->starts, start);
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return self;
}

guint
cq_pages_get_n (CqPages *self)
{
  return self->starts->len;
}

/**
 * cq_pages_draw:
 * @cr: where the page's text area begins, at (0, 0)
 *
 * Draws page @page (from 0): the lines that start on it, none cut.
 */
void
cq_pages_draw (CqPages *self,
               cairo_t *cr,
               guint    page)
{
  double start, end;

  g_return_if_fail (page < self->starts->len);

  start = g_array_index (self->starts, double, page);
  end = page + 1 < self->starts->len ? g_array_index (self->starts, double, page + 1) : start + self->page_height;
  cairo_save (cr);
  cairo_rectangle (cr, -MARGIN, 0, 10000, end - start);
  cairo_clip (cr);
  cairo_translate (cr, 0, -start);
  pango_cairo_update_layout (cr, self->layout);
  pango_cairo_show_layout (cr, self->layout);
  cairo_restore (cr);
}

void
cq_pages_free (CqPages *self)
{
  g_clear_object (&self->layout);
  g_array_unref (self->starts);
  g_free (self);
}

static gboolean
pdf_failed (cairo_surface_t *surface,
            const char      *path,
            GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return FALSE;
  /* Translators: %s is a file name, the second %s why it could not be written. */
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("The statement could not be saved to %s: %s"), path,
               cairo_status_to_string (status));
  return TRUE;
}

/**
 * cq_export_pdf:
 * @path: the PDF file to write; replaced only once the new one is whole
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing written
 */
gboolean
cq_export_pdf (CqStore     *store,
               gint64       item_id,
               gboolean     with_history,
               const char  *path,
               GError     **error)
{
  g_autofree char *markup = NULL;
  g_autofree char *temporary = NULL;
  g_autoptr(CqPages) pages = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int fd;
  gboolean failed;

  g_return_val_if_fail (CQ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(markup = cq_export_statement (store, item_id, CQ_EXPORT_PANGO_MARKUP, with_history, error)))
    return FALSE;

  /* Beside the file it will replace, so that the rename cannot fail half way. */
  temporary = g_strconcat (path, ".XXXXXX", NULL);
  if ((fd = g_mkstemp (temporary)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("The statement could not be saved to %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (temporary, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  /* A PDF's unit is the point: type is set at 72 units to the inch. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cq_export_setup_layout (layout, markup, A4_WIDTH - 2 * MARGIN);
  pages = cq_pages_new (layout, A4_HEIGHT - 2 * MARGIN);
  for (guint i = 0; i < cq_pages_get_n (pages); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      cq_pages_draw (pages, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  failed = pdf_failed (surface, path, error);
  cairo_surface_destroy (surface);

  if (!failed && g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("The statement could not be saved to %s: %s"),
                   path, g_strerror (saved));
      failed = TRUE;
    }
  if (failed)
    g_unlink (temporary);
  return !failed;
}
