/* cq-profile.c: a source profile, what one news source is and how it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-profile-private.h"
#include "cq-text.h"



G_DEFINE_FINAL_TYPE (CqProfile, cq_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (cq-profile-error-quark, cq_profile_error)

const char * const cq_profile_feed_formats[] = {
  "auto", "json-feed", "rss", "atom", "html-list", NULL,
};

static void
clock_spec_free (gpointer data)
{
  CqClockSpec *clock = data;

  g_free (clock->label);
  g_free (clock->zone);
  g_free (clock);
}

static void
counter_spec_free (gpointer data)
{
  CqCounterSpec *counter = data;

  g_free (counter->label);
  g_free (counter->note);
  g_free (counter);
}

/**
 * cq_contact_free:
 *
 * Frees a contact line.
 */
void
cq_contact_free (gpointer data)
{
  CqContact *contact = data;

  g_free (contact->label);
  g_free (contact->value);
  g_free (contact->uri);
  g_free (contact);
}

static void
html_list_rules_free (CqHtmlListRules *rules)
{
  g_free (rules->item);
  g_free (rules->title);
  g_free (rules->link);
  g_free (rules->date);
  g_free (rules->summary);
  g_free (rules->date_format);
  g_free (rules);
}

static void
article_rules_free (CqArticleRules *rules)
{
  g_free (rules->title);
  g_free (rules->content);
  g_free (rules->date);
  g_free (rules);
}

static void
cq_profile_finalize (GObject *object)
{
  CqProfile *self = CQ_PROFILE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->home_url, g_free);
  g_clear_pointer (&self->feed_url, g_free);
  g_clear_pointer (&self->time_zone_id, g_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->feed_format, g_free);
  g_clear_pointer (&self->html_list, html_list_rules_free);
  g_clear_pointer (&self->article, article_rules_free);
  g_clear_pointer (&self->clocks, g_ptr_array_unref);
  g_clear_pointer (&self->counters, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (cq_profile_parent_class)->finalize (object);
}

static void
cq_profile_class_init (CqProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cq_profile_finalize;
}

static void
cq_profile_init (CqProfile *self)
{
  self->clocks = g_ptr_array_new_with_free_func (clock_spec_free);
  self->counters = g_ptr_array_new_with_free_func (counter_spec_free);
  self->contacts = g_ptr_array_new_with_free_func (cq_contact_free);
}

/* The built-in profile's words, for translators: the JSON and the store
 * hold them in English, and the header (cq-header.c) shows each in the
 * user's language where the catalogue has it. */
static const char * const default_profile_strings[] G_GNUC_UNUSED = {
  N_("Embassy of the Russian Federation in the UK"),
  N_("Moscow"),
  N_("London"),
  /* Translators: ends “469 days have passed since …”; in Russian, the genitive. */
  N_("the Salisbury incident"),
  /* Translators: ends “461 days have passed since …”; in Russian, the genitive. */
  N_("the death of Nikolay Glushkov on British soil"),
  N_("No credible information or response from the British authorities"),
  N_("Consular queries"),
};

/**
 * cq_profile_new_default:
 *
 * Returns: (transfer full): the profile that ships with the application
 */
CqProfile *
cq_profile_new_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CqProfile *profile;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/default-profile.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in profile is missing: %s", error->message);

  profile = cq_profile_new_from_data (g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error);
  if (profile == NULL)
    g_error ("The built-in profile is invalid: %s", error->message);

  return profile;
}

/* New profiles and changed copies.  Every one is made the same way: the
 * profile written out as JSON (_cq_profile_to_json), the change made there,
 * and the result read back through every check a profile read from a file
 * meets (_cq_profile_new_from_json), so no copy can hold what no file could.
 */

/**
 * cq_profile_new_for_feed:
 * @home_url: (nullable): the site
 * @format: one of #cq_profile_feed_formats
 *
 * A profile for a source added by its address, with no clocks or counters.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL when the
 *   values are not valid for one
 */
CqProfile *
cq_profile_new_for_feed (const char *id,
                         const char *name,
                         const char *home_url,
                         const char *feed_url,
                         const char *format)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  /* The name comes from a remote title: a line, never a megabyte. */
  g_autofree char *short_name = cq_text_shorten (name, CQ_TEXT_MAX_NAME_CHARS);

  json_builder_begin_object (builder);
  _cq_profile_add_string (builder, "id", id);
  _cq_profile_add_string (builder, "name", short_name);
  _cq_profile_add_string (builder, "home_url", home_url);
  json_builder_set_member_name (builder, "feed");
  json_builder_begin_object (builder);
  _cq_profile_add_string (builder, "url", feed_url);
  _cq_profile_add_string (builder, "format", format);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return _cq_profile_new_from_json (root, NULL);
}

/**
 * cq_profile_copy_with_feed_url:
 *
 * Returns: (transfer full) (nullable): the same profile, its feed at
 *   @feed_url, or %NULL with @error set when that is no web address
 */
CqProfile *
cq_profile_copy_with_feed_url (CqProfile   *self,
                               const char  *feed_url,
                               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *feed;

  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  root = _cq_profile_to_json (self);
  feed = json_object_get_object_member (json_node_get_object (root), "feed");
  json_object_set_string_member (feed, "url", feed_url);
  return _cq_profile_new_from_json (root, error);
}

/**
 * cq_profile_copy_with_time_zone:
 * @zone: (nullable): the source's home zone, an IANA identifier; %NULL for
 *   none (UTC, and no home clock)
 *
 * Returns: (transfer full) (nullable): the same profile at home in @zone,
 *   or %NULL with @error set when that is no known zone
 */
CqProfile *
cq_profile_copy_with_time_zone (CqProfile   *self,
                                const char  *zone,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);

  root = _cq_profile_to_json (self);
  if (zone != NULL)
    json_object_set_string_member (json_node_get_object (root), "time_zone", zone);
  else
    json_object_remove_member (json_node_get_object (root), "time_zone");
  return _cq_profile_new_from_json (root, error);
}

/**
 * cq_profile_copy_with_header:
 * @clocks: (element-type CqClockSpec): the clocks, in order
 * @counters: (element-type CqCounterSpec): the counters
 * @contacts: (element-type CqContact): the contact lines
 *
 * The same source with other clocks, counters and contacts, checked as a
 * profile read from a file is: an empty label or an unknown zone is refused
 * with the field named.
 *
 * Returns: (transfer full): the new profile, or %NULL with @error set
 */
CqProfile *
cq_profile_copy_with_header (CqProfile  *self,
                             GPtrArray  *clocks,
                             GPtrArray  *counters,
                             GPtrArray  *contacts,
                             GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);

  root = _cq_profile_to_json (self);
  object = json_node_get_object (root);
  json_object_set_member (object, "clocks", _cq_profile_clocks_to_json (clocks));
  json_object_set_member (object, "counters", _cq_profile_counters_to_json (counters));
  json_object_set_member (object, "contacts", _cq_profile_contacts_to_json (contacts));
  return _cq_profile_new_from_json (root, error);
}

const char *
cq_profile_get_id (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->id;
}

const char *
cq_profile_get_name (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->name;
}

const char *
cq_profile_get_home_url (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->home_url;
}

const char *
cq_profile_get_feed_url (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->feed_url;
}

/**
 * cq_profile_get_feed_format:
 *
 * Returns: the name of the feed's format, one of #cq_profile_feed_formats
 */
const char *
cq_profile_get_feed_format (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->feed_format;
}

/**
 * cq_profile_get_time_zone:
 *
 * Returns: (transfer none): the source's home zone: counters count days in
 *   it and date-only items start their day in it
 */
GTimeZone *
cq_profile_get_time_zone (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->time_zone;
}

const char *
cq_profile_get_time_zone_id (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->time_zone_id;
}

/**
 * cq_profile_has_time_zone:
 *
 * Returns: whether the profile names its home zone, rather than counting
 *   in UTC for want of one
 */
gboolean
cq_profile_has_time_zone (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), FALSE);
  return self->time_zone_given;
}

/**
 * cq_profile_get_html_list_rules:
 *
 * Returns: (nullable): the XPath rules for an HTML news list, or %NULL to
 *   let the built-in recogniser find the list
 */
const CqHtmlListRules *
cq_profile_get_html_list_rules (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->html_list;
}

const CqArticleRules *
cq_profile_get_article_rules (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  return self->article;
}

const CqClockSpec *
cq_profile_get_clock (CqProfile *self,
                      guint      index)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->clocks->len, NULL);
  return g_ptr_array_index (self->clocks, index);
}

guint
cq_profile_get_n_clocks (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), 0);
  return self->clocks->len;
}

const CqCounterSpec *
cq_profile_get_counter (CqProfile *self,
                        guint      index)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->counters->len, NULL);
  return g_ptr_array_index (self->counters, index);
}

guint
cq_profile_get_n_counters (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), 0);
  return self->counters->len;
}

const CqContact *
cq_profile_get_contact (CqProfile *self,
                        guint      index)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->contacts->len, NULL);
  return g_ptr_array_index (self->contacts, index);
}

guint
cq_profile_get_n_contacts (CqProfile *self)
{
  g_return_val_if_fail (CQ_IS_PROFILE (self), 0);
  return self->contacts->len;
}
