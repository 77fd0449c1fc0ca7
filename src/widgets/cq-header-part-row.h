/* cq-header-part-row.h: one clock, counter or contact line in the header editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  CQ_HEADER_PART_CLOCK,
  CQ_HEADER_PART_COUNTER,
  CQ_HEADER_PART_CONTACT,
} CqHeaderPart;

#define CQ_TYPE_HEADER_PART_ROW (cq_header_part_row_get_type ())

G_DECLARE_FINAL_TYPE (CqHeaderPartRow, cq_header_part_row, CQ, HEADER_PART_ROW, AdwEntryRow)

GtkWidget    *cq_header_part_row_new_clock   (const char      *label,
                                             const char      *zone);
GtkWidget    *cq_header_part_row_new_counter (const char      *label,
                                              const char      *since,
                                              const char      *note);
GtkWidget    *cq_header_part_row_new_contact (const char      *label,
                                              const char      *value);
CqHeaderPart  cq_header_part_row_get_part    (CqHeaderPartRow *self);
const char   *cq_header_part_row_get_label   (CqHeaderPartRow *self);
const char   *cq_header_part_row_get_zone    (CqHeaderPartRow *self);
const char   *cq_header_part_row_get_value   (CqHeaderPartRow *self);
const char   *cq_header_part_row_get_note    (CqHeaderPartRow *self);
void          cq_header_part_row_set_problem (CqHeaderPartRow *self,
                                              const char      *problem);

G_END_DECLS
