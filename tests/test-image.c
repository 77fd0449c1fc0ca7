/* test-image.c: a picture's size is read before any decoder trusts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cq-image.h"

static GBytes *
png_header (guint32 width,
            guint32 height)
{
  guint8 data[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  data[16] = width >> 24; data[17] = width >> 16; data[18] = width >> 8; data[19] = width;
  data[20] = height >> 24; data[21] = height >> 16; data[22] = height >> 8; data[23] = height;
  data[24] = 8;
  data[25] = 2;
  return g_bytes_new (data, sizeof data);
}

static void
check_ok (GBytes *bytes,
          guint   expected_width,
          guint   expected_height)
{
  g_autoptr(GError) error = NULL;
  guint width, height;

  g_assert_true (cq_image_check (bytes, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, expected_width);
  g_assert_cmpuint (height, ==, expected_height);
}

static void
check_refused (GBytes     *bytes,
               const char *words)
{
  g_autoptr(GError) error = NULL;
  guint width, height;

  g_assert_false (cq_image_check (bytes, &width, &height, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_formats (void)
{
  g_autoptr(GBytes) png = png_header (48, 24);
  /* GIF: 300 × 2, little-endian. */
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x2c\x01\x02\x00\x80\x00\x00", 13);
  /* JPEG: SOI, an APP0 segment to skip, then SOF0 saying 640 × 480. */
  static const guint8 jpeg[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x06, 'J', 'F', 'I', 'F',
    0xff, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03,
  };
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);

  check_ok (png, 48, 24);
  check_ok (gif, 300, 2);
  check_ok (jpeg_bytes, 640, 480);
}

static void
test_hostile (void)
{
  g_autoptr(GBytes) bomb = png_header (60000, 60000);
  g_autoptr(GBytes) empty_png = png_header (0, 10);
  g_autoptr(GBytes) truncated = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 18);
  g_autoptr(GBytes) svg = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  /* A JPEG whose segment lengths run off its end, or loop on zero. */
  g_autoptr(GBytes) jpeg_runs_off = g_bytes_new_static ("\xff\xd8\xff\xe0\xff\xf0", 6);
  g_autoptr(GBytes) jpeg_zero = g_bytes_new_static ("\xff\xd8\xff\xe0\x00\x00\xff\xc0", 8);

  check_refused (bomb, "too large to show (60000 × 60000 pixels)");
  check_refused (empty_png, "no pixels");
  check_refused (truncated, "not a PNG, JPEG or GIF");
  check_refused (svg, "not a PNG, JPEG or GIF");
  check_refused (nothing, "not a PNG, JPEG or GIF");
  check_refused (jpeg_runs_off, "not a PNG, JPEG or GIF");
  check_refused (jpeg_zero, "not a PNG, JPEG or GIF");
}

/* Every prefix of a good header is either read or refused, never read
 * past its end (the sanitizer build checks the "never"). */
static void
test_every_prefix (void)
{
  static const guint8 jpeg[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 'J', 'F', 'I', 'F',
    0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03,
  };

  for (gsize n = 0; n <= sizeof jpeg; n++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new (jpeg, n);
      guint width, height;

      /* Read once the frame header's size fields (ending at byte 19) are in. */
      g_assert_true (cq_image_check (prefix, &width, &height, NULL) == (n >= 19));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/image/formats", test_formats);
  g_test_add_func ("/cq/image/hostile", test_hostile);
  g_test_add_func ("/cq/image/every-prefix", test_every_prefix);

  return g_test_run ();
}
