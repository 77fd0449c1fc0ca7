/* cq-header-discovery.h: an organisation's header, read from its own page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cq-profile.h"

G_BEGIN_DECLS

typedef enum {
  CQ_FOUND_CLOCK,
  CQ_FOUND_COUNTER,
  CQ_FOUND_CONTACT,
} CqFoundKind;

typedef struct {
  CqFoundKind    kind;
  char          *evidence;   /* the page's own words it was read from */
  CqClockSpec    clock;
  CqCounterSpec  counter;
  CqContact      contact;
} CqFoundPart;

typedef struct {
  char      *date_text;   /* the page's date line, as written, or NULL */
  GDate      date;        /* the page's day, which its counters count to */
  GPtrArray *parts;       /* CqFoundPart, in the page's order */
} CqFoundHeader;

#define CQ_TYPE_FOUND_HEADER (cq_found_header_get_type ())

GType          cq_found_header_get_type  (void) G_GNUC_CONST;
CqFoundHeader *cq_header_discover        (GBytes        *page,
                                          const char    *declared_charset,
                                          GDateTime     *moment,
                                          GTimeZone     *home,
                                          GError       **error);
CqFoundHeader *cq_found_header_ref       (CqFoundHeader *self);
void           cq_found_header_unref     (CqFoundHeader *self);
char          *cq_found_part_describe    (const CqFoundPart *part);
CqProfile     *cq_found_header_apply     (CqFoundHeader *self,
                                          CqProfile     *profile,
                                          const gboolean *keep,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqFoundHeader, cq_found_header_unref)

G_END_DECLS
