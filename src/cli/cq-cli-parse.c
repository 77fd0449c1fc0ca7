/* cq-cli-parse.c: `communique-cli parse` and `extract`, the parsers on a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-article.h"
#include "cq-cli-private.h"
#include "cq-feed.h"
#include "cq-calendar.h"

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is not a file."), path);
      return NULL;
    }
  /* Refused before reading, so a huge file costs nothing. */
  if (g_file_info_get_size (info) > CQ_FEED_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (CQ_FEED_MAX_SIZE);

      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                   _("“%s” is larger than %s, more than any news feed needs."), path, limit);
      return NULL;
    }

  return g_file_load_bytes (file, NULL, NULL, error);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *instant)
{
  g_autofree char *text = instant != NULL ? cq_calendar_to_iso8601 (instant) : NULL;

  cq_cli_json_add_string (builder, member, text);
}

static JsonNode *
feed_to_json (CqParsedFeed *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *items = cq_parsed_feed_get_items (feed);

  json_builder_begin_object (builder);
  cq_cli_json_add_string (builder, "format", cq_feed_format_to_string (cq_parsed_feed_get_format (feed)));
  cq_cli_json_add_string (builder, "title", cq_parsed_feed_get_title (feed));
  cq_cli_json_add_string (builder, "link", cq_parsed_feed_get_link (feed));
  if (cq_parsed_feed_get_advertised_feed (feed) != NULL)
    cq_cli_json_add_string (builder, "advertised_feed", cq_parsed_feed_get_advertised_feed (feed));
  if (cq_parsed_feed_get_next_page (feed) != NULL)
    cq_cli_json_add_string (builder, "next_page", cq_parsed_feed_get_next_page (feed));
  if (cq_parsed_feed_get_recovered (feed))
    {
      json_builder_set_member_name (builder, "recovered");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "cut_off");
      json_builder_add_int_value (builder, cq_parsed_feed_get_n_cut_off (feed));
    }
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      CqItem *item = g_ptr_array_index (items, i);

      json_builder_begin_object (builder);
      cq_cli_json_add_string (builder, "guid", cq_item_get_guid (item));
      cq_cli_json_add_string (builder, "title", cq_item_get_title (item));
      cq_cli_json_add_string (builder, "link", cq_item_get_link (item));
      add_time (builder, "published", cq_item_get_published (item));
      add_time (builder, "updated", cq_item_get_updated (item));
      cq_cli_json_add_string (builder, "author", cq_item_get_author (item));
      cq_cli_json_add_string (builder, "summary", cq_item_get_summary (item));
      cq_cli_json_add_string (builder, "content_html", cq_item_get_content (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_feed (CqParsedFeed *feed)
{
  GPtrArray *items = cq_parsed_feed_get_items (feed);
  g_autofree char *recovery = cq_parsed_feed_describe_recovery (feed);

  cq_cli_out ("%s (%s), %u items\n",
              cq_parsed_feed_get_title (feed) != NULL ? cq_parsed_feed_get_title (feed) : _("(untitled)"),
              cq_feed_format_to_string (cq_parsed_feed_get_format (feed)), items->len);
  if (recovery != NULL)
    cq_cli_out ("%s\n", recovery);
  if (cq_parsed_feed_get_advertised_feed (feed) != NULL)
    {
      cq_cli_out (_("The page advertises a feed: %s"), cq_parsed_feed_get_advertised_feed (feed));
      cq_cli_out ("\n");
    }
  for (guint i = 0; i < items->len; i++)
    {
      CqItem *item = g_ptr_array_index (items, i);
      g_autofree char *date = cq_item_get_published (item) != NULL
                              ? g_date_time_format (cq_item_get_published (item), "%Y-%m-%d")
                              : g_strdup ("          ");

      cq_cli_out ("%s  %s\n", date, cq_item_get_title (item) != NULL ? cq_item_get_title (item) : _("(untitled)"));
    }
}

int
cq_cli_parse (CqCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *base_url = NULL;
  g_autofree char *format_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CqParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  CqFeedFormat format = CQ_FEED_FORMAT_AUTO;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("Resolve relative links against this address"), N_("URL") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("“auto” (the default) or “html-list” to read a page as a news list"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("parse", "FILE", _("Parse a feed or news page and print its items."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2)
    return cq_cli_usage ("parse", argc < 2 ? _("needs a file to parse.") : _("takes one file."));
  if (format_name != NULL && !cq_feed_format_from_string (format_name, &format))
    return cq_cli_usage ("parse", _("--format must be one of auto, json-feed, rss, atom or html-list."));

  if (!(bytes = read_file (argv[1], &error)) ||
      !(feed = cq_feed_parse (bytes, base_url, format, NULL, NULL, &error)))
    return cq_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = feed_to_json (feed);

      cq_cli_print_json (root);
    }
  else
    print_feed (feed);
  return CQ_CLI_EXIT_OK;
}

static JsonNode *
article_to_json (CqArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cq_cli_json_add_string (builder, "title", article->title);
  cq_cli_json_add_string (builder, "byline", article->byline);
  add_time (builder, "published", article->published);
  cq_cli_json_add_string (builder, "lang", article->lang);
  cq_cli_json_add_string (builder, "site_name", article->site_name);
  cq_cli_json_add_string (builder, "text", article->text);
  cq_cli_json_add_string (builder, "html", article->html);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
cq_cli_extract (CqCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *base_url = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CqArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("Resolve relative links against this address"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("extract", "FILE", _("Extract the statement from a saved web page."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2)
    return cq_cli_usage ("extract", argc < 2 ? _("needs a file to read.") : _("takes one file."));

  if (!(bytes = read_file (argv[1], &error)) ||
      !(article = cq_article_extract (bytes, base_url, NULL, NULL, &error)))
    return cq_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = article_to_json (article);

      cq_cli_print_json (root);
    }
  else
    cq_cli_out ("%s\n\n%s\n", article->title != NULL ? article->title : _("(untitled)"), article->text);
  return CQ_CLI_EXIT_OK;
}
