/* cq-opml.c: sources in and out as OPML, as every feed reader does
 *
 * Export writes OPML 2.0 with one outline per source; an HTML-list source
 * says so in a cqFormat attribute, which other readers ignore.  Import
 * takes every outline with an xmlUrl, however deep in folders, adds the
 * ones not stored yet and changes nothing when the file is not OPML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "cq-charset.h"
#include "cq-feed-format.h"
#include "cq-html.h"
#include "cq-opml.h"
#include "cq-parse-error.h"


static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

/**
 * cq_opml_export:
 * @sources: (element-type CqSource): what to write
 *
 * Returns: (transfer full): an OPML 2.0 document
 */
char *
cq_opml_export (GPtrArray *sources)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n"
                               "    <title>Communiqué sources</title>\n");

  g_return_val_if_fail (sources != NULL, NULL);

  g_string_append_printf (out, "    <dateCreated>%s</dateCreated>\n  </head>\n  <body>\n", date);
  for (guint i = 0; i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);
      CqProfile *profile = cq_source_get_profile (source);
      CqFeedFormat format = cq_feed_format_for_profile (profile);

      g_string_append (out, "    <outline type=\"rss\"");
      append_attribute (out, "text", cq_source_get_name (source));
      append_attribute (out, "title", cq_source_get_name (source));
      append_attribute (out, "xmlUrl", cq_profile_get_feed_url (profile));
      append_attribute (out, "htmlUrl", cq_profile_get_home_url (profile));
      if (format == CQ_FEED_FORMAT_HTML_LIST)
        append_attribute (out, "cqFormat", cq_feed_format_to_string (format));
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </body>\n</opml>\n");
  return g_string_free (out, FALSE);
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static void
collect_outlines (xmlNodePtr  parent,
                  GPtrArray  *found,
                  guint       depth)
{
  if (depth > 32)
    return;
  for (xmlNodePtr node = parent->children; node != NULL; node = node->next)
    {
      if (!is_element (node, "outline"))
        continue;
      if (cq_html_get_attribute (node, "xmlUrl") != NULL)
        g_ptr_array_add (found, node);
      collect_outlines (node, found, depth + 1);
    }
}

static CqProfile *
profile_for_outline (CqStore    *store,
                     xmlNodePtr  outline,
                     GHashTable *ids)
{
  const char *url = cq_html_get_attribute (outline, "xmlUrl");
  const char *name = cq_html_get_attribute (outline, "title");
  const char *home = cq_html_get_attribute (outline, "htmlUrl");
  const char *format_name = cq_html_get_attribute (outline, "cqFormat");
  CqFeedFormat format = CQ_FEED_FORMAT_AUTO;
  g_autofree char *id = cq_store_make_source_id (store, url, ids);
  CqProfile *profile;

  if (name == NULL || *name == '\0')
    name = cq_html_get_attribute (outline, "text");
  if (name == NULL || *name == '\0')
    name = url;
  if (format_name != NULL)
    cq_feed_format_from_string (format_name, &format);

  profile = cq_profile_new_for_feed (id, name, home, url, cq_feed_format_to_string (format));
  if (profile == NULL)  /* an htmlUrl that is not a web address */
    profile = cq_profile_new_for_feed (id, name, NULL, url, cq_feed_format_to_string (format));
  if (profile != NULL)
    g_hash_table_add (ids, g_strdup (id));
  return profile;
}

static void
silence (void        *user_data,
         xmlErrorPtr  error)
{
}

/**
 * cq_opml_import:
 * @added: (out) (optional): how many sources were added
 * @skipped: (out) (optional): how many were stored already or unusable
 *
 * Returns: %TRUE, or %FALSE with @error set when @bytes is not OPML or
 *   the sources could not be stored (then none is)
 */
gboolean
cq_opml_import (CqStore  *store,
                GBytes   *bytes,
                guint    *added,
                guint    *skipped,
                GError  **error)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new ();
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) known_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *utf8 = NULL;
  gsize length = 0, size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDocPtr doc;
  xmlNodePtr root, body = NULL;
  guint n_added = 0, n_skipped = 0;

  g_return_val_if_fail (CQ_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (size > CQ_OPML_MAX_SIZE)
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                           _("The file is too large to be a list of sources."));
      return FALSE;
    }
  if (!(utf8 = cq_charset_to_utf8 (data != NULL ? data : "", size, NULL, &length, error)) ||
      !(sources = cq_store_dup_sources (store, error)))
    return FALSE;

  xmlSetStructuredErrorFunc (NULL, silence);
  doc = xmlReadMemory (utf8, (int) length, NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  for (xmlNodePtr node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    if (is_element (node, "body"))
      body = node;

  if (root == NULL || !is_element (root, "opml") || body == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                           _("The file is not an OPML list of sources."));
      return FALSE;
    }

  /* Known addresses and given ids in hash sets, and every source added in
   * one transaction: thousands of outlines cost their number, and an
   * import that fails leaves nothing half done. */
  collect_outlines (body, outlines, 0);
  for (guint i = 0; i < sources->len; i++)
    g_hash_table_add (known_urls, g_strdup (cq_profile_get_feed_url (cq_source_get_profile (sources->pdata[i]))));
  for (guint i = 0; i < outlines->len; i++)
    {
      CqProfile *profile;
      const char *url = cq_html_get_attribute (outlines->pdata[i], "xmlUrl");

      if (g_hash_table_contains (known_urls, url) || !(profile = profile_for_outline (store, outlines->pdata[i], ids)))
        {
          n_skipped++;
          continue;
        }
      g_hash_table_add (known_urls, g_strdup (url));
      g_ptr_array_add (profiles, profile);
    }
  xmlFreeDoc (doc);

  if (!cq_store_add_sources (store, profiles, error))
    return FALSE;
  n_added = profiles->len;

  if (added != NULL)
    *added = n_added;
  if (skipped != NULL)
    *skipped = n_skipped;
  return TRUE;
}
