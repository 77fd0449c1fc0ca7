/* cq-diff.h: what changed between two versions of a statement, word by word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CQ_DIFF_SAME,
  CQ_DIFF_REMOVED,
  CQ_DIFF_ADDED,
} CqDiffKind;

typedef struct {
  CqDiffKind  kind;
  char       *text;
} CqDiffSegment;

GPtrArray *cq_diff_words         (const char          *before,
                                  const char          *after);
void       cq_diff_segment_words (const CqDiffSegment *segment,
                                  gsize               *start,
                                  gsize               *end);
char      *cq_diff_version_text  (const char          *title,
                                  const char          *summary,
                                  const char          *content);

G_END_DECLS
