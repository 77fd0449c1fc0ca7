/* cq-image.h: a remote picture's format and size, read before decoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Forty million pixels: a large photograph, never a decompression bomb. */
#define CQ_IMAGE_MAX_PIXELS (40u * 1000u * 1000u)

gboolean cq_image_check (GBytes  *bytes,
                         guint   *width,
                         guint   *height,
                         GError **error);

G_END_DECLS
