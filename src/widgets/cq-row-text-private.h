/* cq-row-text-private.h: where a row text takes lines to wrap, and how
 * many lines it tells without a layout, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-row-text.h"

G_BEGIN_DECLS

gboolean _cq_row_text_surely_wraps_before (gunichar before_spaces,
                                           gunichar previous,
                                           gunichar c);
gboolean _cq_row_text_may_wrap_before     (gunichar previous,
                                           gunichar c);
guint    _cq_row_text_sure_lines          (CqRowText *self,
                                           int        width);

G_END_DECLS
