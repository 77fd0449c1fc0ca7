/* cq-calendar.h: dates, clocks and day counters as pure functions of "now"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  CQ_CLOCK_FORMAT_24H,
  CQ_CLOCK_FORMAT_12H,
} CqClockFormat;

char          *cq_calendar_format_date           (GDateTime     *now,
                                              GTimeZone     *zone);
char          *cq_calendar_format_clock          (GDateTime     *now,
                                              GTimeZone     *zone,
                                              CqClockFormat  format);
char          *cq_calendar_format_relative       (GDateTime     *when,
                                                  GDateTime     *now,
                                                  GTimeZone     *zone,
                                                  gboolean       is_date,
                                                  CqClockFormat  format);
int            cq_calendar_days_since            (const GDate   *since,
                                              GDateTime     *now,
                                              GTimeZone     *zone);
char          *cq_calendar_format_counter        (int            days,
                                              const char    *label);
GDateTime     *cq_calendar_next_minute           (GDateTime     *now);
GDateTime     *cq_calendar_next_midnight         (GDateTime     *now,
                                              GTimeZone     *zone);
GDateTime     *cq_calendar_parse_iso8601         (const char    *text);
gboolean       cq_calendar_parse_calendar_date   (const char    *text,
                                              GDate         *date);
char          *cq_calendar_to_iso8601            (GDateTime     *instant);
char          *cq_calendar_format_calendar_date  (const GDate   *date);
GSettings     *cq_calendar_dup_desktop_interface (void);
CqClockFormat  cq_calendar_read_clock_format     (GSettings     *desktop);
GStrv          cq_calendar_list_zones            (void);

G_END_DECLS
