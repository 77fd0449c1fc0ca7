/* cq-fingerprint.h: a fingerprint of downloaded bytes, to know them again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cq_fingerprint_bytes (GBytes *bytes);

G_END_DECLS
