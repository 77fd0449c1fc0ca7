/* cq-cli-sync.c: `communique-cli add`, `remove`, `sync` and `fetch-full`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-cli-private.h"
#include "cq-text.h"
#include "cq-opml.h"
#include "cq-sync-engine.h"

/* The engine is asynchronous; the CLI waits for each answer in turn. */
typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  return wait->result;
}

static CqSyncEngine *
make_engine (CqCli    *cli,
             int       timeout,
             GError  **error)
{
  CqSyncEngine *engine;

  if (!cq_cli_get_store (cli, error))
    return NULL;
  engine = cq_sync_engine_new (cli->store);
  if (timeout > 0)
    cq_sync_engine_set_timeout (engine, (guint) timeout);
  return engine;
}

/* "1,3" keeps the first and third of @n parts; NULL keeps them all. */
static gboolean *
parse_keep (const char  *keep,
            guint        n,
            GError     **error)
{
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (n, 1));
  g_auto(GStrv) numbers = NULL;

  if (keep == NULL || g_str_equal (keep, "all"))
    {
      for (guint i = 0; i < n; i++)
        kept[i] = TRUE;
      return g_steal_pointer (&kept);
    }
  if (g_str_equal (keep, "none"))
    return g_steal_pointer (&kept);
  numbers = g_strsplit (keep, ",", -1);
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (g_strstrip (numbers[i]), 10, 1, MAX (n, 1), &number, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--keep takes the numbers of the parts found, from 1 to %u, “all” or “none”; not “%s”."),
                       n, numbers[i]);
          return NULL;
        }
      kept[number - 1] = TRUE;
    }
  return g_steal_pointer (&kept);
}

/* What a page's header showed, numbered, and which of it is kept; the kept
 * parts are saved to the source unless this is only a look. */
static int
keep_found_header (CqCli         *cli,
                   CqSource      *source,
                   CqFoundHeader *found,
                   const char    *keep,
                   gboolean       dry_run)
{
  g_autofree gboolean *kept = NULL;
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (found == NULL || found->parts->len == 0)
    {
      cq_cli_out (_("No clocks, counters or contact lines were found on the page."));
      cq_cli_out ("\n");
      return CQ_CLI_EXIT_OK;
    }
  if (!(kept = parse_keep (keep, found->parts->len, &error)))
    return cq_cli_usage ("header", error->message);

  cq_cli_out (dry_run ? _("The page’s header shows:") : _("Read from the page’s header:"));
  cq_cli_out ("\n");
  for (guint i = 0; i < found->parts->len; i++)
    {
      g_autofree char *said = cq_found_part_describe (g_ptr_array_index (found->parts, i));
      g_autofree char *shown = cq_text_for_terminal (said);

      cq_cli_out ("%3u  %s%s\n", i + 1, shown, dry_run || kept[i] ? "" : _(" (dropped)"));
    }
  if (dry_run)
    return CQ_CLI_EXIT_OK;

  if (!(profile = cq_found_header_apply (found, cq_source_get_profile (source), kept, &error)) ||
      !cq_store_set_source_profile (cli->store, cq_source_get_id (source), profile, &error))
    return cq_cli_fail (error);
  return CQ_CLI_EXIT_OK;
}

int
cq_cli_discover_header (CqCli      *cli,
                        gint64      source_id,
                        const char *keep,
                        gboolean    dry_run)
{
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CqFoundHeader) found = NULL;
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL, NULL };

  if (!(engine = make_engine (cli, 0, &error)) ||
      !(source = cq_store_dup_source (cli->store, source_id, &error)))
    return cq_cli_fail (error);
  wait.loop = g_main_loop_new (NULL, FALSE);
  cq_sync_engine_discover_header_async (engine, source_id, NULL, done_cb, &wait);
  result = wait_for (&wait);
  if (!(found = cq_sync_engine_discover_header_finish (engine, result, &error)))
    return cq_cli_fail (error);
  return keep_found_header (cli, source, found, keep, dry_run);
}

int
cq_cli_add (CqCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *number = NULL;
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSource) source = NULL;
  CqFeedFormat format = CQ_FEED_FORMAT_AUTO;
  Wait wait = { NULL, NULL };
  gboolean no_header = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name to show for the source"), N_("NAME") },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header, N_("Do not keep the clocks, counters and contact lines the page shows"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("“auto” (the default) or “html-list” to keep a page that advertises a feed"), N_("FORMAT") },
    { NULL }
  };

  if (!cq_cli_parse_options ("add", "URL", _("Add a news source by its address."), entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2)
    return cq_cli_usage ("add", _("needs one address."));
  if (format_name != NULL && !cq_feed_format_from_string (format_name, &format))
    return cq_cli_usage ("add", _("--format must be “auto” or “html-list”."));

  if (!(engine = make_engine (cli, 0, &error)))
    return cq_cli_fail (error);
  wait.loop = g_main_loop_new (NULL, FALSE);
  cq_sync_engine_add_source_async (engine, argv[1], name, format, NULL, done_cb, &wait);
  result = wait_for (&wait);
  if (!(id = cq_sync_engine_add_source_finish (engine, result, &error)) ||
      !(source = cq_store_dup_source (cli->store, id, &error)))
    return cq_cli_fail (error);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  cq_cli_out (_("Added source %s, “%s”, %s"), number, cq_source_get_name (source),
              cq_profile_get_feed_url (cq_source_get_profile (source)));
  cq_cli_out ("\n");

  /* The page the address led to showed a header: said, and kept unless
   * asked not to (Preferences, or `header --source`, edit it after). */
  if (cq_sync_engine_add_source_get_found_header (engine, result) != NULL &&
      cq_sync_engine_add_source_get_found_header (engine, result)->parts->len > 0)
    return keep_found_header (cli, source, cq_sync_engine_add_source_get_found_header (engine, result),
                              no_header ? "none" : NULL, FALSE);
  return CQ_CLI_EXIT_OK;
}

int
cq_cli_remove (CqCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 id;

  if (!cq_cli_parse_options ("remove", "ID", _("Remove a source and its items."), entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2 || !cq_cli_parse_id (argv[1], &id))
    return cq_cli_usage ("remove", _("needs the id of a source (see “communique-cli sources”)."));

  if (!cq_cli_get_store (cli, &error) || !cq_store_remove_source (cli->store, id, &error))
    return cq_cli_fail (error);
  return CQ_CLI_EXIT_OK;
}

static void
add_report (JsonBuilder        *builder,
            CqSource           *source,
            const CqSyncReport *report,
            const GError       *error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source_id");
  json_builder_add_int_value (builder, cq_source_get_id (source));
  cq_cli_json_add_string (builder, "source", cq_source_get_name (source));
  json_builder_set_member_name (builder, "new");
  json_builder_add_int_value (builder, report != NULL ? report->added : 0);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, report != NULL ? report->updated : 0);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, report != NULL ? report->unchanged : 0);
  json_builder_set_member_name (builder, "not_modified");
  json_builder_add_boolean_value (builder, report != NULL && report->not_modified);
  cq_cli_json_add_string (builder, "moved_to", report != NULL ? report->moved_to : NULL);
  cq_cli_json_add_string (builder, "error", error != NULL ? error->message : NULL);
  json_builder_end_object (builder);
}

static gboolean
sync_one (CqCli         *cli,
          CqSyncEngine  *engine,
          CqSource      *source,
          gboolean       json,
          JsonBuilder   *builder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqSyncReport) report = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  /* One source at a time: each line of output is one source's. */
  cq_sync_engine_sync_source_async (engine, cq_source_get_id (source), NULL, done_cb, &wait);
  result = wait_for (&wait);
  report = cq_sync_engine_sync_source_finish (engine, result, &error);

  if (json)
    add_report (builder, source, report, error);
  if (error != NULL)
    {
      cq_cli_err ("%s: %s\n", cq_source_get_name (source), error->message);
      return FALSE;
    }
  if (!json)
    {
      if (report->not_modified)
        cq_cli_out (_("%s: no change"), cq_source_get_name (source));
      else
        cq_cli_out (_("%s: %u new, %u updated, %u unchanged"), cq_source_get_name (source),
                    report->added, report->updated, report->unchanged);
      cq_cli_out ("\n");
      if (report->moved_to != NULL)
        {
          cq_cli_out (_("%s has moved for good to %s; the source now uses the new address."),
                      cq_source_get_name (source), report->moved_to);
          cq_cli_out ("\n");
        }
    }
  return TRUE;
}

/* `sync --full`: the full statements not stored yet, fetched two at a
 * time per host at most, with a pause between; said as it goes on standard
 * error, and in the end on standard output. */
static void
keep_progress_cb (guint    done,
                  guint    total,
                  gpointer data)
{
  if (total > 0 && !GPOINTER_TO_INT (data))
    {
      /* Over the line before, on a terminal. */
      cq_cli_err ("\r");
      /* Translators: progress, on the terminal: statements saved so far, and in all. */
      cq_cli_err (_("Saving statements: %u of %u"), done, total);
    }
}

/* Each statement whose page was found changed or gone, one line each. */
static void
say_pages (CqStore    *store,
           GArray     *ids,
           const char *what)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CqItem) item = cq_store_dup_item (store, id, NULL);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: "Statement page changed: 12 “Title”"; the first %s says what happened. */
      cq_cli_out (_("%s: %s “%s”"), what, number, item != NULL ? cq_item_get_title (item) : "");
      cq_cli_out ("\n");
    }
}

static gboolean
keep_full_texts (CqSyncEngine *engine,
                 CqStore      *store,
                 gint64        source_id,
                 guint         check_days,
                 guint         pause_ms,
                 gboolean      json)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) gone = NULL;
  guint fetched = 0, failed = 0;

  cq_sync_engine_keep_full_texts_async (engine, source_id, check_days, pause_ms, keep_progress_cb,
                                        GINT_TO_POINTER (json), NULL, done_cb, &wait);
  result = wait_for (&wait);
  if (!cq_sync_engine_keep_full_texts_finish (engine, result, &fetched, &failed, &changed, &gone, &error))
    {
      cq_cli_fail (error);
      return FALSE;
    }
  if (!json)
    {
      say_pages (store, changed, _("Statement page changed"));
      say_pages (store, gone, _("Statement page withdrawn or moved"));
    }
  if (!json)
    {
      cq_cli_err ("\n");
      cq_cli_out (g_dngettext (GETTEXT_PACKAGE, "Stored %u full statement", "Stored %u full statements", fetched),
                  fetched);
      if (failed > 0)
        {
          cq_cli_out ("; ");
          cq_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u could not be fetched (tried again next time)",
                                   "%u could not be fetched (tried again next time)", failed), failed);
        }
      cq_cli_out (".\n");
    }
  return TRUE;
}

int
cq_cli_sync (CqCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 source_id = 0;
  gboolean json = FALSE, all_ok = TRUE, full = FALSE;
  int timeout = 0;
  int pause = 500;
  int check_days = 14;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_INT64, &source_id, N_("Sync only this source"), N_("ID") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Then store the full statements not stored yet"), NULL },
    { "check-days", 0, 0, G_OPTION_ARG_INT, &check_days,
      N_("With --full, check again the pages of statements first stored in the last N days (14 by default, 0 for none)"), N_("N") },
    { "pause", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &pause, "Milliseconds between requests to one host", "MS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on a source after this many seconds (30 by default)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("sync", "", _("Fetch new items from the sources."), entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc > 1)
    return cq_cli_usage ("sync", _("takes no arguments."));
  if (timeout < 0)
    return cq_cli_usage ("sync", _("--timeout must be a positive number of seconds."));
  if (check_days < 0 || check_days > 3650)
    return cq_cli_usage ("sync", _("--check-days must be a number of days from 0 to 3650."));

  if (!(engine = make_engine (cli, timeout, &error)) || !(sources = cq_store_dup_sources (cli->store, &error)))
    return cq_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);

      if ((source_id != 0 && cq_source_get_id (source) != source_id) ||
          (source_id == 0 && !cq_source_get_enabled (source)))
        continue;
      all_ok &= sync_one (cli, engine, source, json, builder);
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      cq_cli_print_json (root);
    }
  if (full && !keep_full_texts (engine, cli->store, source_id, (guint) check_days, (guint) MAX (pause, 0), json))
    all_ok = FALSE;
  return all_ok ? CQ_CLI_EXIT_OK : CQ_CLI_EXIT_ERROR;
}

int
cq_cli_fetch_full (CqCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CqItem) item = NULL;
  Wait wait = { NULL, NULL };
  GOptionEntry entries[] = { { NULL } };
  gint64 id;

  if (!cq_cli_parse_options ("fetch-full", "ITEM_ID", _("Fetch and store an item’s full statement."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2 || !cq_cli_parse_id (argv[1], &id))
    return cq_cli_usage ("fetch-full", _("needs an item id."));

  if (!(engine = make_engine (cli, 0, &error)))
    return cq_cli_fail (error);
  wait.loop = g_main_loop_new (NULL, FALSE);
  cq_sync_engine_fetch_full_async (engine, id, NULL, done_cb, &wait);
  result = wait_for (&wait);
  if (!(item = cq_sync_engine_fetch_full_finish (engine, result, &error)))
    return cq_cli_fail (error);

  cq_cli_out (_("Stored the full statement of “%s”."), cq_item_get_title (item));
  cq_cli_out ("\n");
  return CQ_CLI_EXIT_OK;
}

int
cq_cli_import (CqCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  guint added = 0, skipped = 0;

  if (!cq_cli_parse_options ("import", "FILE.opml", _("Add the sources listed in an OPML file."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc != 2)
    return cq_cli_usage ("import", _("needs one OPML file."));

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !cq_cli_get_store (cli, &error) ||
      !cq_opml_import (cli->store, bytes, &added, &skipped, &error))
    return cq_cli_fail (error);

  cq_cli_out (g_dngettext (GETTEXT_PACKAGE, "Added %u source", "Added %u sources", added), added);
  if (skipped > 0)
    {
      cq_cli_out ("; ");
      cq_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u was there already", "%u were there already", skipped),
                  skipped);
    }
  cq_cli_out (".\n");
  return CQ_CLI_EXIT_OK;
}

int
cq_cli_export (CqCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  gboolean as_opml = TRUE;
  GOptionEntry entries[] = {
    { "opml", 0, 0, G_OPTION_ARG_NONE, &as_opml, N_("Write OPML (the only format, for now)"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("export", "", _("Write the sources as OPML to standard output."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc > 1)
    return cq_cli_usage ("export", _("takes no arguments."));

  if (!cq_cli_get_store (cli, &error) || !(sources = cq_store_dup_sources (cli->store, &error)))
    return cq_cli_fail (error);
  opml = cq_opml_export (sources);
  cq_cli_out ("%s", opml);
  return CQ_CLI_EXIT_OK;
}
