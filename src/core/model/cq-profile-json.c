/* cq-profile-json.c: a source profile as a JSON document, read and written
 *
 * Reading checks everything a profile promises, and every complaint names
 * the field it is about; writing is its inverse, so that what is written
 * reads back into an equal profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "cq-calendar.h"
#include "cq-json.h"
#include "cq-profile-private.h"

#define PROFILE_MAX_SIZE  (256 * 1024)
#define PROFILE_MAX_DEPTH 16
#define ID_MAX_LENGTH     64

/* Reading, with every complaint naming the field it is about. */

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         const char  *field,
         const char  *format,
         ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a field name such as “clocks[1].zone”,
   * the second says what is wrong with it. */
  g_set_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_INVALID,
               _("Invalid source profile: “%s” %s"), field, problem);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *field,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, field, "%s", _("is missing."));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, field, "%s", _("must be a string."));

  value = json_node_get_string (node);
  if (required)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (stripped[0] == '\0')
        return invalid (error, field, "%s", _("must not be empty."));
    }

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
check_web_url (const char  *value,
               const char  *field,
               GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return invalid (error, field, _("is not a web address: “%s”."), value);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return invalid (error, field, _("must be an http or https address, not “%s”."), value);

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return invalid (error, field, _("has no host name: “%s”."), value);

  return TRUE;
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  gsize length = strlen (id);

  if (length > ID_MAX_LENGTH)
    return invalid (error, "id", _("is longer than %d characters."), ID_MAX_LENGTH);

  for (const char *p = id; *p; p++)
    {
      gboolean ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) ||
                    (p != id && (*p == '-' || *p == '_' || *p == '.'));

      if (!ok)
        return invalid (error, "id", _("may hold only lower-case letters, digits, “-”, “_” and “.”, and must start with a letter or digit: “%s”."), id);
    }

  return TRUE;
}

/* A zone database name ("Europe/London", "UTC", "Etc/GMT+3"): GLib would
 * also read a file path, and a path could name a FIFO that never answers. */
static gboolean
is_zone_name (const char *zone)
{
  if (*zone == '\0' || *zone == '/' || strstr (zone, "..") != NULL || strlen (zone) > 64)
    return FALSE;
  for (const char *p = zone; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '/' && *p != '_' && *p != '-' && *p != '+')
      return FALSE;
  return TRUE;
}

static GTimeZone *
parse_time_zone (const char  *zone,
                 const char  *field,
                 GError     **error)
{
  GTimeZone *tz = is_zone_name (zone) ? g_time_zone_new_identifier (zone) : NULL;

  if (tz == NULL)
    invalid (error, field, _("is not a known time zone: “%s” (use a name such as “Europe/London”)."), zone);
  return tz;
}

static gboolean
parse_date (const char  *text,
            GDate       *date,
            const char  *field,
            GError     **error)
{
  if (!cq_calendar_parse_calendar_date (text, date))
    return invalid (error, field, _("must be a calendar date written YYYY-MM-DD, not “%s”."), text);
  return TRUE;
}

static void
silence_xml_errors (void       *user_data,
                    xmlErrorPtr error)
{
}

static gboolean
check_xpath (const char  *expression,
             const char  *field,
             GError     **error)
{
  xmlXPathCompExprPtr compiled;

  if (expression == NULL)
    return TRUE;

  xmlSetStructuredErrorFunc (NULL, silence_xml_errors);
  compiled = xmlXPathCompile ((const xmlChar *) expression);
  xmlSetStructuredErrorFunc (NULL, NULL);

  if (compiled == NULL)
    return invalid (error, field, _("is not a valid XPath expression: “%s”."), expression);

  xmlXPathFreeCompExpr (compiled);
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           gboolean    *ok,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *ok = invalid (error, member, "%s", _("must be a list."));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonNode    *node,
            const char  *field,
            GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, field, "%s", _("must be an object."));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
load_clocks (CqProfile   *self,
             JsonObject  *root,
             GError     **error)
{
  gboolean ok;
  JsonArray *array = get_array (root, "clocks", &ok, error);

  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("clocks[%u]", i);
      g_autofree char *label_field = g_strconcat (field, ".label", NULL);
      g_autofree char *zone_field = g_strconcat (field, ".zone", NULL);
      g_autoptr(GTimeZone) tz = NULL;
      JsonObject *object = get_object (json_array_get_element (array, i), field, error);
      CqClockSpec *clock;

      if (object == NULL)
        return FALSE;

      clock = g_new0 (CqClockSpec, 1);
      g_ptr_array_add (self->clocks, clock);
      if (!read_string (object, "label", label_field, TRUE, &clock->label, error) ||
          !read_string (object, "zone", zone_field, TRUE, &clock->zone, error) ||
          !(tz = parse_time_zone (clock->zone, zone_field, error)))
        return FALSE;
    }

  return ok;
}

static gboolean
load_counters (CqProfile   *self,
               JsonObject  *root,
               GError     **error)
{
  gboolean ok;
  JsonArray *array = get_array (root, "counters", &ok, error);

  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("counters[%u]", i);
      g_autofree char *label_field = g_strconcat (field, ".label", NULL);
      g_autofree char *since_field = g_strconcat (field, ".since", NULL);
      g_autofree char *note_field = g_strconcat (field, ".note", NULL);
      g_autofree char *since = NULL;
      JsonObject *object = get_object (json_array_get_element (array, i), field, error);
      CqCounterSpec *counter;

      if (object == NULL)
        return FALSE;

      counter = g_new0 (CqCounterSpec, 1);
      g_ptr_array_add (self->counters, counter);
      if (!read_string (object, "label", label_field, TRUE, &counter->label, error) ||
          !read_string (object, "since", since_field, TRUE, &since, error) ||
          !parse_date (since, &counter->since, since_field, error) ||
          !read_string (object, "note", note_field, FALSE, &counter->note, error))
        return FALSE;
    }

  return ok;
}

/* A phone number written for people, "+44 (0) 203 668 7474", dials as
 * tel:+442036687474: the "(0)" is the trunk prefix, which international
 * dialling leaves out.
 */
static char *
guess_contact_uri (const char *value)
{
  g_autoptr(GString) number = NULL;
  const char *p = value;

  if (strchr (value, '@') != NULL && strchr (value, ' ') == NULL)
    return g_strconcat ("mailto:", value, NULL);

  if (*p != '+')
    return NULL;

  number = g_string_new ("tel:+");
  for (p++; *p; p++)
    {
      if (g_str_has_prefix (p, "(0)"))
        p += 2;
      else if (g_ascii_isdigit (*p))
        g_string_append_c (number, *p);
      else if (!strchr (" -.()", *p))
        return NULL;
    }

  return number->len > 6 ? g_string_free (g_steal_pointer (&number), FALSE) : NULL;
}

static gboolean
check_contact_uri (const char  *uri,
                   const char  *field,
                   GError     **error)
{
  static const char * const allowed[] = { "tel:", "mailto:", "http:", "https:" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_ascii_strncasecmp (uri, allowed[i], strlen (allowed[i])) == 0 && uri[strlen (allowed[i])])
      return TRUE;

  return invalid (error, field, _("must be a tel:, mailto:, http: or https: address, not “%s”."), uri);
}

static gboolean
load_contacts (CqProfile   *self,
               JsonObject  *root,
               GError     **error)
{
  gboolean ok;
  JsonArray *array = get_array (root, "contacts", &ok, error);

  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("contacts[%u]", i);
      g_autofree char *label_field = g_strconcat (field, ".label", NULL);
      g_autofree char *value_field = g_strconcat (field, ".value", NULL);
      g_autofree char *uri_field = g_strconcat (field, ".uri", NULL);
      JsonObject *object = get_object (json_array_get_element (array, i), field, error);
      CqContact *contact;

      if (object == NULL)
        return FALSE;

      contact = g_new0 (CqContact, 1);
      g_ptr_array_add (self->contacts, contact);
      if (!read_string (object, "label", label_field, TRUE, &contact->label, error) ||
          !read_string (object, "value", value_field, TRUE, &contact->value, error) ||
          !read_string (object, "uri", uri_field, FALSE, &contact->uri, error))
        return FALSE;

      if (contact->uri == NULL)
        contact->uri = guess_contact_uri (contact->value);
      else if (!check_contact_uri (contact->uri, uri_field, error))
        return FALSE;
    }

  return ok;
}

static gboolean
load_html_list_rules (CqProfile   *self,
                      JsonObject  *root,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (root, "html_list");
  JsonObject *object;
  CqHtmlListRules *rules;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!(object = get_object (node, "html_list", error)))
    return FALSE;

  rules = self->html_list = g_new0 (CqHtmlListRules, 1);
  return read_string (object, "item", "html_list.item", TRUE, &rules->item, error) &&
         check_xpath (rules->item, "html_list.item", error) &&
         read_string (object, "title", "html_list.title", FALSE, &rules->title, error) &&
         check_xpath (rules->title, "html_list.title", error) &&
         read_string (object, "link", "html_list.link", FALSE, &rules->link, error) &&
         check_xpath (rules->link, "html_list.link", error) &&
         read_string (object, "date", "html_list.date", FALSE, &rules->date, error) &&
         check_xpath (rules->date, "html_list.date", error) &&
         read_string (object, "summary", "html_list.summary", FALSE, &rules->summary, error) &&
         check_xpath (rules->summary, "html_list.summary", error) &&
         read_string (object, "date_format", "html_list.date_format", FALSE, &rules->date_format, error);
}

static gboolean
load_article_rules (CqProfile   *self,
                    JsonObject  *root,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (root, "article");
  JsonObject *object;
  CqArticleRules *rules;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!(object = get_object (node, "article", error)))
    return FALSE;

  rules = self->article = g_new0 (CqArticleRules, 1);
  return read_string (object, "title", "article.title", FALSE, &rules->title, error) &&
         check_xpath (rules->title, "article.title", error) &&
         read_string (object, "content", "article.content", FALSE, &rules->content, error) &&
         check_xpath (rules->content, "article.content", error) &&
         read_string (object, "date", "article.date", FALSE, &rules->date, error) &&
         check_xpath (rules->date, "article.date", error);
}

static gboolean
load_feed (CqProfile   *self,
           JsonObject  *root,
           GError     **error)
{
  JsonObject *feed = get_object (json_object_get_member (root, "feed"), "feed", error);

  if (feed == NULL)
    return FALSE;

  if (!read_string (feed, "url", "feed.url", TRUE, &self->feed_url, error) ||
      !check_web_url (self->feed_url, "feed.url", error) ||
      !read_string (feed, "format", "feed.format", FALSE, &self->feed_format, error))
    return FALSE;

  if (self->feed_format == NULL)
    self->feed_format = g_strdup (cq_profile_feed_formats[0]);
  else if (!g_strv_contains (cq_profile_feed_formats, self->feed_format))
    return invalid (error, "feed.format",
                    _("must be one of “auto”, “json-feed”, “rss”, “atom” or “html-list”, not “%s”."),
                    self->feed_format);

  return TRUE;
}

static gboolean
check_version (JsonObject  *root,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "version");

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, "version", "%s", _("must be a whole number."));
  if (json_node_get_int (node) != 1)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      return invalid (error, "version",
                      _("is %s, but this version of Communiqué reads only version 1."), version);
    }
  return TRUE;
}

static gboolean
load_root (CqProfile   *self,
           JsonObject  *root,
           GError     **error)
{
  if (!check_version (root, error) ||
      !read_string (root, "id", "id", TRUE, &self->id, error) ||
      !check_id (self->id, error) ||
      !read_string (root, "name", "name", TRUE, &self->name, error) ||
      !read_string (root, "home_url", "home_url", FALSE, &self->home_url, error) ||
      (self->home_url != NULL && !check_web_url (self->home_url, "home_url", error)) ||
      !load_feed (self, root, error) ||
      !read_string (root, "time_zone", "time_zone", FALSE, &self->time_zone_id, error))
    return FALSE;

  self->time_zone_given = self->time_zone_id != NULL;
  if (self->time_zone_id == NULL)
    self->time_zone_id = g_strdup ("UTC");
  if (!(self->time_zone = parse_time_zone (self->time_zone_id, "time_zone", error)))
    return FALSE;

  return load_html_list_rules (self, root, error) &&
         load_article_rules (self, root, error) &&
         load_clocks (self, root, error) &&
         load_counters (self, root, error) &&
         load_contacts (self, root, error);
}

/* Every profile comes through here, whether read from a file or derived
 * from another, so that every rule above applies to it, and so does the
 * size limit on what the store will write and read back: a profile that
 * passes as compact JSON but not pretty-printed would be stored and then
 * refuse to load. */
CqProfile *
_cq_profile_new_from_json (JsonNode  *root,
                           GError   **error)
{
  g_autoptr(CqProfile) self = NULL;
  g_autofree char *written = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_SYNTAX,
                           _("Invalid source profile: the document must be a JSON object."));
      return NULL;
    }

  self = g_object_new (CQ_TYPE_PROFILE, NULL);
  if (!load_root (self, json_node_get_object (root), error))
    return NULL;

  written = cq_profile_to_data (self);
  if (strlen (written) > PROFILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (PROFILE_MAX_SIZE);

      g_set_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_INVALID,
                   _("Invalid source profile: it is too large to keep (the limit is %s)."), limit);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * cq_profile_new_from_data:
 * @data: a profile as a JSON document
 * @length: its length, or -1 when it is nul-terminated
 *
 * Returns: (transfer full): the profile, or %NULL with @error naming the
 *   field at fault and the problem
 */
CqProfile *
cq_profile_new_from_data (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  root = cq_json_parse_bounded (data, length, PROFILE_MAX_SIZE, PROFILE_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CQ_PROFILE_ERROR, CQ_PROFILE_ERROR_SYNTAX,
                   _("Invalid source profile: %s"), local_error->message);
      return NULL;
    }

  return _cq_profile_new_from_json (root, error);
}

CqProfile *
cq_profile_new_from_file (GFile   *file,
                          GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  return cq_profile_new_from_data (contents, length, error);
}

/* Writing, the inverse of reading: what cq_profile_new_from_data() reads
 * back into an equal profile.
 */

void
_cq_profile_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
build_rules (CqProfile   *self,
             JsonBuilder *builder)
{
  if (self->html_list != NULL)
    {
      json_builder_set_member_name (builder, "html_list");
      json_builder_begin_object (builder);
      _cq_profile_add_string (builder, "item", self->html_list->item);
      _cq_profile_add_string (builder, "title", self->html_list->title);
      _cq_profile_add_string (builder, "link", self->html_list->link);
      _cq_profile_add_string (builder, "date", self->html_list->date);
      _cq_profile_add_string (builder, "summary", self->html_list->summary);
      _cq_profile_add_string (builder, "date_format", self->html_list->date_format);
      json_builder_end_object (builder);
    }

  if (self->article != NULL)
    {
      json_builder_set_member_name (builder, "article");
      json_builder_begin_object (builder);
      _cq_profile_add_string (builder, "title", self->article->title);
      _cq_profile_add_string (builder, "content", self->article->content);
      _cq_profile_add_string (builder, "date", self->article->date);
      json_builder_end_object (builder);
    }
}

/* The header's three lists, each as a JSON array; derived copies replace
 * them one by one. */
JsonNode *
_cq_profile_clocks_to_json (GPtrArray *clocks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; clocks != NULL && i < clocks->len; i++)
    {
      const CqClockSpec *clock = g_ptr_array_index (clocks, i);

      json_builder_begin_object (builder);
      _cq_profile_add_string (builder, "label", clock->label);
      _cq_profile_add_string (builder, "zone", clock->zone);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

JsonNode *
_cq_profile_counters_to_json (GPtrArray *counters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; counters != NULL && i < counters->len; i++)
    {
      const CqCounterSpec *counter = g_ptr_array_index (counters, i);
      g_autofree char *since = cq_calendar_format_calendar_date (&counter->since);

      json_builder_begin_object (builder);
      _cq_profile_add_string (builder, "label", counter->label);
      _cq_profile_add_string (builder, "since", since);
      _cq_profile_add_string (builder, "note", counter->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

JsonNode *
_cq_profile_contacts_to_json (GPtrArray *contacts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      const CqContact *contact = g_ptr_array_index (contacts, i);

      json_builder_begin_object (builder);
      _cq_profile_add_string (builder, "label", contact->label);
      _cq_profile_add_string (builder, "value", contact->value);
      _cq_profile_add_string (builder, "uri", contact->uri);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
add_node (JsonBuilder *builder,
          const char  *member,
          JsonNode    *node)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, node);
}

JsonNode *
_cq_profile_to_json (CqProfile *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  _cq_profile_add_string (builder, "id", self->id);
  _cq_profile_add_string (builder, "name", self->name);
  _cq_profile_add_string (builder, "home_url", self->home_url);
  json_builder_set_member_name (builder, "feed");
  json_builder_begin_object (builder);
  _cq_profile_add_string (builder, "url", self->feed_url);
  _cq_profile_add_string (builder, "format", self->feed_format);
  json_builder_end_object (builder);
  _cq_profile_add_string (builder, "time_zone", self->time_zone_given ? self->time_zone_id : NULL);
  build_rules (self, builder);
  add_node (builder, "clocks", _cq_profile_clocks_to_json (self->clocks));
  add_node (builder, "counters", _cq_profile_counters_to_json (self->counters));
  add_node (builder, "contacts", _cq_profile_contacts_to_json (self->contacts));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * cq_profile_to_data:
 *
 * Returns: (transfer full): the profile as a JSON document
 */
char *
cq_profile_to_data (CqProfile *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CQ_IS_PROFILE (self), NULL);

  root = _cq_profile_to_json (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * cq_profile_equal:
 *
 * Returns: whether @a and @b say the same thing, read as their written forms
 */
gboolean
cq_profile_equal (CqProfile *a,
                  CqProfile *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  g_return_val_if_fail (CQ_IS_PROFILE (a), FALSE);
  g_return_val_if_fail (CQ_IS_PROFILE (b), FALSE);

  if (a == b)
    return TRUE;
  node_a = _cq_profile_to_json (a);
  node_b = _cq_profile_to_json (b);
  return json_node_equal (node_a, node_b);
}
