/* cq-profile-private.h: what the profile's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cq-profile.h"

G_BEGIN_DECLS

struct _CqProfile
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  char            *home_url;
  char            *feed_url;
  char            *feed_format;   /* one of cq_profile_feed_formats */
  char            *time_zone_id;
  GTimeZone       *time_zone;
  gboolean         time_zone_given;   /* by the profile, not UTC for want of one */
  CqHtmlListRules *html_list;
  CqArticleRules  *article;
  GPtrArray       *clocks;
  GPtrArray       *counters;
  GPtrArray       *contacts;
};

CqProfile *_cq_profile_new_from_json (JsonNode   *root,
                                      GError    **error);
JsonNode  *_cq_profile_to_json       (CqProfile  *self);

JsonNode  *_cq_profile_clocks_to_json   (GPtrArray   *clocks);
JsonNode  *_cq_profile_counters_to_json (GPtrArray   *counters);
JsonNode  *_cq_profile_contacts_to_json (GPtrArray   *contacts);
void       _cq_profile_add_string       (JsonBuilder *builder,
                                         const char  *member,
                                         const char  *value);

G_END_DECLS
