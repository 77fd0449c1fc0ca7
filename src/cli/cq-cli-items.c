/* cq-cli-items.c: `communique-cli list`, `show` and `mark`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-citation.h"
#include "cq-cli-private.h"
#include "cq-export.h"
#include "cq-export-pdf.h"
#include "cq-text.h"
#include "cq-calendar.h"

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *instant)
{
  g_autofree char *text = instant != NULL ? cq_calendar_to_iso8601 (instant) : NULL;

  cq_cli_json_add_string (builder, member, text);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
build_item (JsonBuilder *builder,
            CqItem      *item,
            gboolean     with_content)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, cq_item_get_id (item));
  json_builder_set_member_name (builder, "source_id");
  json_builder_add_int_value (builder, cq_item_get_source_id (item));
  cq_cli_json_add_string (builder, "source", cq_item_get_source_name (item));
  cq_cli_json_add_string (builder, "guid", cq_item_get_guid (item));
  cq_cli_json_add_string (builder, "title", cq_item_get_title (item));
  cq_cli_json_add_string (builder, "link", cq_item_get_link (item));
  add_time (builder, "published", cq_item_get_published (item));
  add_boolean (builder, "published_is_date", cq_item_get_published_is_date (item));
  add_time (builder, "updated", cq_item_get_updated (item));
  cq_cli_json_add_string (builder, "author", cq_item_get_author (item));
  cq_cli_json_add_string (builder, "summary", cq_item_get_summary (item));
  add_boolean (builder, "read", cq_item_get_read (item));
  add_boolean (builder, "starred", cq_item_get_starred (item));
  add_boolean (builder, "full_text_fetched", cq_item_get_full_text_fetched (item));
  json_builder_set_member_name (builder, "revisions");
  json_builder_add_int_value (builder, cq_item_get_revision_count (item));
  add_time (builder, "page_gone", cq_item_get_page_gone (item));
  if (with_content)
    {
      g_autofree char *text = cq_text_from_html (cq_item_get_content (item));

      cq_cli_json_add_string (builder, "content_html", cq_item_get_content (item));
      cq_cli_json_add_string (builder, "text", text);
    }
  json_builder_end_object (builder);
}

static char *
format_item_date (CqItem *item)
{
  g_autoptr(GDateTime) local = NULL;

  if (cq_item_get_published (item) == NULL)
    return g_strdup ("          ");

  local = g_date_time_to_timezone (cq_item_get_published (item), cq_item_get_home_zone (item));
  /* Translators: an item's date in a list, as strftime() reads it. */
  return g_date_time_format (local, C_("list date", "%d.%m.%Y"));
}

static void
print_item_line (CqCli  *cli,
                 CqItem *item)
{
  g_autofree char *date = format_item_date (item);

  cq_cli_out ("%6" G_GINT64_FORMAT "  %s  %s%s  %s\n",
           cq_item_get_id (item), date,
           cq_item_get_read (item) ? " " : "●",
           cq_item_get_starred (item) ? "★" : " ",
           cq_item_get_title (item) != NULL ? cq_item_get_title (item) : _("(untitled)"));
}

static gboolean
print_items (CqCli    *cli,
             GArray   *ids,
             gboolean  json,
             GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CqItem) item = cq_store_dup_item (cli->store, g_array_index (ids, gint64, i), error);

      if (item == NULL)
        return FALSE;
      if (json)
        build_item (builder, item, FALSE);
      else
        print_item_line (cli, item);
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      cq_cli_print_json (root);
    }
  return TRUE;
}

int
cq_cli_list (CqCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *search = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unread = FALSE, starred = FALSE, json = FALSE;
  gint64 source_id = 0;
  int limit = 0;
  CqItemQuery query = { 0 };
  GOptionEntry entries[] = {
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread items"), NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred items"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only items with these words (prefixes match)"), N_("WORDS") },
    { "source", 0, 0, G_OPTION_ARG_INT64, &source_id, N_("Only items of this source"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many items"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("list", "", _("List stored news items, newest first."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc > 1)
    return cq_cli_usage ("list", _("takes no arguments."));
  if (unread && starred)
    return cq_cli_usage ("list", _("--unread and --starred cannot be combined."));
  if (limit < 0)
    return cq_cli_usage ("list", _("--limit must be a positive number."));

  query.filter = unread ? CQ_ITEM_FILTER_UNREAD : starred ? CQ_ITEM_FILTER_STARRED : CQ_ITEM_FILTER_ALL;
  query.search = search;
  query.source_id = source_id;
  query.limit = (guint) limit;

  if (!cq_cli_get_store (cli, &error) ||
      !(ids = cq_store_query_ids (cli->store, &query, &error)) ||
      !print_items (cli, ids, json, &error))
    return cq_cli_fail (error);

  return CQ_CLI_EXIT_OK;
}

static void
print_item (CqCli  *cli,
            CqItem *item)
{
  g_autofree char *date = format_item_date (item);
  g_autofree char *text = cq_text_from_html (cq_item_get_content (item) != NULL
                                             ? cq_item_get_content (item)
                                             : cq_item_get_summary (item));

  cq_cli_out ("%s\n", cq_item_get_title (item) != NULL ? cq_item_get_title (item) : _("(untitled)"));
  cq_cli_out ("%s · %s\n", g_strstrip (date), cq_item_get_source_name (item));
  if (cq_item_get_link (item) != NULL)
    cq_cli_out ("%s\n", cq_item_get_link (item));
  if (*text != '\0')
    cq_cli_out ("\n%s\n", text);
}

static gboolean
parse_item_argument (const char  *command,
                     int          argc,
                     char       **argv,
                     int          expected,
                     gint64      *id,
                     int         *status)
{
  if (argc != expected)
    {
      *status = cq_cli_usage (command, argc < expected ? _("needs an item id.") : _("takes fewer arguments."));
      return FALSE;
    }
  if (!cq_cli_parse_id (argv[1], id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an item id (a positive whole number)."), argv[1]);

      *status = cq_cli_usage (command, message);
      return FALSE;
    }
  return TRUE;
}

int
cq_cli_show (CqCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  g_autofree char *cite = NULL;
  CqCitationStyle style = CQ_CITATION_RECORD;
  gint64 id = 0;
  int status = CQ_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "cite", 0, 0, G_OPTION_ARG_STRING, &cite,
      N_("Print its citation instead: record, apa, mla, chicago or link"), N_("STYLE") },
    { NULL }
  };

  if (!cq_cli_parse_options ("show", "ID", _("Show one stored item."), entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (!parse_item_argument ("show", argc, argv, 2, &id, &status))
    return status;
  if (cite != NULL && !cq_citation_style_from_string (cite, &style))
    {
      /* Translators: %s is what the user gave as a citation style. */
      g_autofree char *message = g_strdup_printf (_("--cite takes record, apa, mla, chicago or link; not “%s”."), cite);

      return cq_cli_usage ("show", message);
    }

  if (!cq_cli_get_store (cli, &error) || !(item = cq_store_dup_item (cli->store, id, &error)))
    return cq_cli_fail (error);

  if (cite != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeZone *zone = cq_item_get_home_zone (item);
      g_autofree char *citation = cq_citation_format (item, style, zone, g_time_zone_get_identifier (zone),
                                                      cq_item_get_first_seen (item) != NULL
                                                      ? cq_item_get_first_seen (item) : now);

      cq_cli_out ("%s%s", citation, g_str_has_suffix (citation, "\n") ? "" : "\n");
    }
  else if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_item (builder, item, TRUE);
      root = json_builder_get_root (builder);
      cq_cli_print_json (root);
    }
  else
    print_item (cli, item);

  return CQ_CLI_EXIT_OK;
}

int
cq_cli_mark (CqCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  const char *how;
  gint64 id = 0;
  int status = CQ_CLI_EXIT_OK;
  gboolean ok;

  if (!cq_cli_parse_options ("mark", "ID read|unread|star|unstar",
                             _("Mark an item read, unread, starred or unstarred."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc == 2)
    return cq_cli_usage ("mark", _("needs what to mark: read, unread, star or unstar."));
  if (!parse_item_argument ("mark", MIN (argc, 2), argv, 2, &id, &status) ||
      (argc > 3 && (status = cq_cli_usage ("mark", _("takes fewer arguments.")))))
    return status;

  how = argv[2];
  if (!g_str_equal (how, "read") && !g_str_equal (how, "unread") &&
      !g_str_equal (how, "star") && !g_str_equal (how, "unstar"))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of read, unread, star or unstar."), how);

      return cq_cli_usage ("mark", message);
    }

  if (!cq_cli_get_store (cli, &error))
    return cq_cli_fail (error);

  if (g_str_has_suffix (how, "read"))
    ok = cq_store_set_read (cli->store, id, g_str_equal (how, "read"), &error);
  else
    ok = cq_store_set_starred (cli->store, id, g_str_equal (how, "star"), &error);

  return ok ? CQ_CLI_EXIT_OK : cq_cli_fail (error);
}

/* `history ITEM_ID [--json] [--diff N]`: the earlier versions of a statement
 * the source edited, oldest first, or one version's word diff against the
 * version after it. */
int
cq_cli_history (CqCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int diff = 0;
  gint64 id = 0;
  int status = CQ_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "diff", 0, 0, G_OPTION_ARG_INT, &diff, N_("Print the word diff of version N against the next"), "N" },
    { NULL }
  };

  if (!cq_cli_parse_options ("history", "ITEM_ID", _("List the earlier versions of an edited statement."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (!parse_item_argument ("history", argc, argv, 2, &id, &status))
    return status;
  if (diff < 0)
    return cq_cli_usage ("history", _("--diff takes a version’s number, from 1."));
  if (!cq_cli_get_store (cli, &error))
    return cq_cli_fail (error);

  if (diff > 0)
    {
      g_autofree char *text = cq_export_revision_diff (cli->store, id, (guint) diff, &error);

      if (text == NULL)
        return cq_cli_fail (error);
      cq_cli_out ("%s", text);
      return CQ_CLI_EXIT_OK;
    }

  if (!(item = cq_store_dup_item (cli->store, id, &error)) ||
      !(revisions = cq_store_dup_revisions (cli->store, id, &error)))
    return cq_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          const CqRevision *revision = g_ptr_array_index (revisions, i);
          g_autoptr(GDateTime) replaced = g_date_time_new_from_unix_utc (revision->replaced_at);
          g_autofree char *when = replaced != NULL ? cq_calendar_to_iso8601 (replaced) : NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, i + 1);
          json_builder_set_member_name (builder, "replaced_at");
          json_builder_add_string_value (builder, when);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, revision->title);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, revision->kind == CQ_REVISION_PAGE_CHANGED ? "page-changed"
                                                                                              : "feed-edit");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cq_cli_print_json (root);
      return CQ_CLI_EXIT_OK;
    }
  if (revisions->len == 0 && cq_item_get_page_gone (item) == NULL)
    {
      cq_cli_out ("%s\n", _("The source has not changed this statement since it was first stored."));
      return CQ_CLI_EXIT_OK;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      const CqRevision *revision = g_ptr_array_index (revisions, i);
      g_autoptr(GDateTime) replaced = g_date_time_new_from_unix_utc (revision->replaced_at);
      g_autofree char *when = replaced != NULL ? cq_calendar_to_iso8601 (replaced) : g_strdup ("?");
      g_autofree char *title = cq_text_for_terminal (revision->title != NULL ? revision->title : "");

      /* Translators: a version's number, when it was replaced, and its title. */
      cq_cli_out (_("%u  replaced %s  %s"), i + 1, when, title);
      if (revision->kind == CQ_REVISION_PAGE_CHANGED)
        cq_cli_out ("  (%s)", _("statement page changed"));
      cq_cli_out ("\n");
    }
  if (cq_item_get_page_gone (item) != NULL)
    {
      g_autofree char *when = cq_calendar_to_iso8601 (cq_item_get_page_gone (item));

      /* Translators: %s is when the statement's page was found gone. */
      cq_cli_out (_("Statement page withdrawn or moved, found %s; the text kept is the last it showed."), when);
      cq_cli_out ("\n");
    }
  return CQ_CLI_EXIT_OK;
}

/* `save ITEM_ID [--format md|html] [--with-history] [-o FILE]`: the
 * statement for the record.  A file is written whole or not at all
 * (g_file_set_contents writes a temporary file and renames it). */
int
cq_cli_save (CqCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  gboolean with_history = FALSE;
  CqExportFormat format = CQ_EXPORT_MARKDOWN;
  gint64 id = 0;
  int status = CQ_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("md (the default), html or pdf (pdf needs -o)"), N_("FORMAT") },
    { "with-history", 0, 0, G_OPTION_ARG_NONE, &with_history, N_("Add every earlier version, with its word diff"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!cq_cli_parse_options ("save", "ITEM_ID", _("Write a statement out for the record: its dates, address and text."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (!parse_item_argument ("save", argc, argv, 2, &id, &status))
    return status;
  if (g_strcmp0 (format_name, "pdf") == 0)
    {
      if (output == NULL)
        return cq_cli_usage ("save", _("a PDF is written to a file: give -o FILE."));
      if (!cq_cli_get_store (cli, &error) || !cq_export_pdf (cli->store, id, with_history, output, &error))
        return cq_cli_fail (error);
      return CQ_CLI_EXIT_OK;
    }
  if (format_name != NULL && !cq_export_format_from_string (format_name, &format))
    {
      /* Translators: %s is what the user gave as a format. */
      g_autofree char *message = g_strdup_printf (_("--format takes md, html or pdf; not “%s”."), format_name);

      return cq_cli_usage ("save", message);
    }
  if (!cq_cli_get_store (cli, &error) ||
      !(text = cq_export_statement (cli->store, id, format, with_history, &error)))
    return cq_cli_fail (error);

  if (output == NULL)
    {
      cq_cli_out ("%s", text);
      return CQ_CLI_EXIT_OK;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    {
      g_autoptr(GError) saving = NULL;

      /* Translators: %s is a file name, the second %s why it could not be written. */
      saving = g_error_new (G_FILE_ERROR, error->code, _("The statement could not be saved to %s: %s"),
                            output, error->message);
      return cq_cli_fail (saving);
    }
  return CQ_CLI_EXIT_OK;
}
