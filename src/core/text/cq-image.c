/* cq-image.c: a remote picture's format and size, read before decoding
 *
 * A picture of a few kilobytes may unpack into gigabytes: its header says
 * how many pixels it has, and decoders believe it.  So before any decoder
 * sees the bytes, this reads the size from the header itself, for the three
 * formats statements use (PNG, JPEG, GIF), and refuses every other format,
 * a truncated header, and a picture larger than CQ_IMAGE_MAX_PIXELS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-image.h"

static guint
read_be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint
read_be32 (const guint8 *p)
{
  return (guint) p[0] << 24 | (guint) p[1] << 16 | (guint) p[2] << 8 | p[3];
}

static guint
read_le16 (const guint8 *p)
{
  return (guint) p[1] << 8 | p[0];
}

/* The first frame header (SOFn) holds the size; markers before it are
 * skipped by their lengths. */
static gboolean
jpeg_size (const guint8 *data,
           gsize         size,
           guint        *width,
           guint        *height)
{
  gsize at = 2;

  while (at + 4 <= size)
    {
      guint8 marker;
      guint length;

      if (data[at] != 0xff)
        return FALSE;
      marker = data[at + 1];
      if (marker == 0xff)
        {
          at++;
          continue;
        }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          at += 2;
          continue;
        }
      length = read_be16 (data + at + 2);
      if (length < 2)
        return FALSE;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (at + 9 > size)
            return FALSE;
          *height = read_be16 (data + at + 5);
          *width = read_be16 (data + at + 7);
          return TRUE;
        }
      at += 2 + length;
    }
  return FALSE;
}

/**
 * cq_image_check:
 * @width: (out): the picture's width in pixels
 * @height: (out): its height
 *
 * Returns: %TRUE if @bytes start like a PNG, JPEG or GIF picture of a
 *   showable size; otherwise %FALSE with @error saying why in words
 */
gboolean
cq_image_check (GBytes  *bytes,
                guint   *width,
                guint   *height,
                GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean known = FALSE;

  *width = *height = 0;
  if (size >= 24 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      *width = read_be32 (data + 16);
      *height = read_be32 (data + 20);
      known = TRUE;
    }
  else if (size >= 10 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      *width = read_le16 (data + 6);
      *height = read_le16 (data + 8);
      known = TRUE;
    }
  else if (size >= 4 && data[0] == 0xff && data[1] == 0xd8)
    known = jpeg_size (data, size, width, height);

  if (!known)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a PNG, JPEG or GIF picture, or its beginning is missing."));
      return FALSE;
    }
  if (*width == 0 || *height == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The picture says it has no pixels."));
      return FALSE;
    }
  if ((guint64) *width * *height > CQ_IMAGE_MAX_PIXELS)
    {
      /* Translators: the two numbers are a picture's width and height. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("The picture is too large to show (%u × %u pixels)."),
                   *width, *height);
      return FALSE;
    }
  return TRUE;
}
