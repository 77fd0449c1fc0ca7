/* cq-header.h: what the header shows for a profile at one instant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-profile.h"
#include "cq-calendar.h"

G_BEGIN_DECLS

typedef struct {
  char *label;
  char *zone;
  char *time;
} CqHeaderClock;

typedef struct {
  char *label;
  char *since;   /* YYYY-MM-DD */
  int   days;
  char *text;
  char *note;
} CqHeaderCounter;

typedef struct {
  char      *date;
  GPtrArray *clocks;    /* CqHeaderClock */
  GPtrArray *counters;  /* CqHeaderCounter */
  GPtrArray *contacts;  /* CqContact */
  CqProfile *profile;
} CqHeader;

#define CQ_TYPE_HEADER (cq_header_get_type ())

GType     cq_header_get_type (void) G_GNUC_CONST;
CqHeader *cq_header_new      (CqProfile     *profile,
                              GDateTime     *now,
                              CqClockFormat  format);
CqHeader *cq_header_ref      (CqHeader      *self);
void      cq_header_unref    (CqHeader      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqHeader, cq_header_unref)

G_END_DECLS
