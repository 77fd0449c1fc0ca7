/* cq-item-body.h: a statement's body as the reader shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-item.h"

G_BEGIN_DECLS

GPtrArray *cq_item_body_blocks (CqItem     *item,
                                const char *html);

G_END_DECLS
