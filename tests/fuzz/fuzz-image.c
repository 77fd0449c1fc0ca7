/* fuzz-image.c: libFuzzer target for reading a picture's size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cq-image.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The oracle: a picture let through is never over the bound, and a refusal
 * always says why. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  guint width, height;

  if (cq_image_check (bytes, &width, &height, &error))
    g_assert (width > 0 && height > 0 && (guint64) width * height <= CQ_IMAGE_MAX_PIXELS);
  else
    g_assert (error != NULL && error->message[0] != '\0');
  return 0;
}
