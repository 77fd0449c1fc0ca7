/* cq-profile.h: a source profile, what one news source is and how it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CQ_PROFILE_ERROR (cq_profile_error_quark ())

typedef enum {
  CQ_PROFILE_ERROR_SYNTAX,
  CQ_PROFILE_ERROR_INVALID,
} CqProfileError;

/* The names a profile's "feed.format" may take, %NULL-terminated; the
 * formats layer's CqFeedFormat numbers them in this order. */
extern const char * const cq_profile_feed_formats[];

typedef struct {
  char *label;
  char *zone;
} CqClockSpec;

typedef struct {
  char  *label;
  GDate  since;
  char  *note;
} CqCounterSpec;

typedef struct {
  char *label;
  char *value;
  char *uri;
} CqContact;

/* XPath expressions; item is evaluated on the page, the others on each item. */
typedef struct {
  char *item;
  char *title;
  char *link;
  char *date;
  char *summary;
  char *date_format;
} CqHtmlListRules;

typedef struct {
  char *title;
  char *content;
  char *date;
} CqArticleRules;

#define CQ_TYPE_PROFILE (cq_profile_get_type ())

G_DECLARE_FINAL_TYPE (CqProfile, cq_profile, CQ, PROFILE, GObject)

GQuark                 cq_profile_error_quark       (void);

CqProfile             *cq_profile_new_from_data     (const char    *data,
                                                     gssize         length,
                                                     GError       **error);
CqProfile             *cq_profile_new_from_file     (GFile         *file,
                                                     GError       **error);
CqProfile             *cq_profile_new_default       (void);
char                  *cq_profile_to_data           (CqProfile     *self);
gboolean               cq_profile_equal             (CqProfile     *a,
                                                     CqProfile     *b);
CqProfile             *cq_profile_new_for_feed      (const char    *id,
                                                     const char    *name,
                                                     const char    *home_url,
                                                     const char    *feed_url,
                                                     const char    *format);
CqProfile             *cq_profile_copy_with_feed_url (CqProfile    *self,
                                                      const char   *feed_url,
                                                      GError      **error);
CqProfile             *cq_profile_copy_with_time_zone (CqProfile   *self,
                                                       const char  *zone,
                                                       GError     **error);
CqProfile             *cq_profile_copy_with_header  (CqProfile     *self,
                                                     GPtrArray     *clocks,
                                                     GPtrArray     *counters,
                                                     GPtrArray     *contacts,
                                                     GError       **error);

const char            *cq_profile_get_id            (CqProfile     *self);
const char            *cq_profile_get_name          (CqProfile     *self);
const char            *cq_profile_get_home_url      (CqProfile     *self);
const char            *cq_profile_get_feed_url      (CqProfile     *self);
const char            *cq_profile_get_feed_format   (CqProfile     *self);
GTimeZone             *cq_profile_get_time_zone     (CqProfile     *self);
const char            *cq_profile_get_time_zone_id  (CqProfile     *self);
gboolean               cq_profile_has_time_zone     (CqProfile     *self);
const CqHtmlListRules *cq_profile_get_html_list_rules (CqProfile   *self);
const CqArticleRules  *cq_profile_get_article_rules (CqProfile     *self);
const CqClockSpec     *cq_profile_get_clock         (CqProfile     *self,
                                                     guint          index);
guint                  cq_profile_get_n_clocks      (CqProfile     *self);
const CqCounterSpec   *cq_profile_get_counter       (CqProfile     *self,
                                                     guint          index);
guint                  cq_profile_get_n_counters    (CqProfile     *self);
const CqContact       *cq_profile_get_contact       (CqProfile     *self,
                                                     guint          index);
guint                  cq_profile_get_n_contacts    (CqProfile     *self);

void                   cq_contact_free              (gpointer       contact);

G_END_DECLS
