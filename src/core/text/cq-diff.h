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

/* What a statement's page says now, against the text kept from it. */
typedef enum {
  CQ_STATEMENT_SAME,       /* the same words, spacing aside */
  CQ_STATEMENT_EDITED,     /* the same statement, its text changed */
  CQ_STATEMENT_NOT_THERE,  /* less than half of it, or another text */
} CqStatementCheck;

CqStatementCheck cq_diff_check_statement (const char *kept,
                                          const char *now);
GPtrArray *cq_diff_words         (const char          *before,
                                  const char          *after);
void       cq_diff_segment_words (const CqDiffSegment *segment,
                                  gsize               *start,
                                  gsize               *end);
char      *cq_diff_version_text  (const char          *title,
                                  const char          *summary,
                                  const char          *content);

G_END_DECLS
