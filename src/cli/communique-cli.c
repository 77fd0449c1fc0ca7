/* communique-cli.c: Communiqué without a window, for scripts, cron and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>

#include "cq-cli-private.h"
#include "cq-text.h"

static const struct {
  const char       *name;
  CqCliCommandFunc  func;
  const char       *summary;
} commands[] = {
  { "header", cq_cli_header, N_("Print the date line, clocks, counters and contacts") },
  { "list", cq_cli_list, N_("List stored news items, newest first") },
  { "show", cq_cli_show, N_("Show one stored item") },
  { "mark", cq_cli_mark, N_("Mark an item read, unread, starred or unstarred") },
  { "history", cq_cli_history, N_("List the earlier versions of an edited statement") },
  { "save", cq_cli_save, N_("Write a statement out for the record, with its history") },
  { "sources", cq_cli_sources, N_("List the news sources") },
  { "add", cq_cli_add, N_("Add a news source by its address") },
  { "remove", cq_cli_remove, N_("Remove a source and its items") },
  { "sync", cq_cli_sync, N_("Fetch new items from the sources") },
  { "fetch-full", cq_cli_fetch_full, N_("Fetch and store an item’s full statement") },
  { "import", cq_cli_import, N_("Add the sources listed in an OPML file") },
  { "export", cq_cli_export, N_("Write the sources as OPML") },
  { "parse", cq_cli_parse, N_("Parse a feed or news page from a file") },
  { "extract", cq_cli_extract, N_("Extract the statement from a saved web page") },
};

/* JSON is UTF-8 whatever the locale says, and so is everything else we
 * print: g_print() would turn every Cyrillic letter into "?" under cron's
 * C locale. */
static void G_GNUC_PRINTF (2, 0)
write_utf8 (FILE       *stream,
            const char *format,
            va_list     args)
{
  g_autofree char *raw = g_strdup_vprintf (format, args);
  g_autofree char *text = cq_text_for_terminal (raw);

  /* Titles, names and reason phrases come from the web, and may hide
   * terminal escapes: none reaches the terminal. */
  fputs (text, stream);
}

void
cq_cli_out (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  write_utf8 (stdout, format, args);
  va_end (args);
}

void
cq_cli_err (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  write_utf8 (stderr, format, args);
  va_end (args);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: communique-cli [--data-dir DIR] COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “communique-cli COMMAND --help” for a command’s options."));
  fprintf (out, "%s\n", _("The data directory is also read from $COMMUNIQUE_DATA_DIR."));
}

CqStore *
cq_cli_get_store (CqCli   *cli,
                  GError **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = cq_store_default_path (cli->data_dir);
  cli->store = cq_store_open (path, error);
  return cli->store;
}

gboolean
cq_cli_parse_options (const char    *command,
                      const char    *parameters,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv)
{
  g_autofree char *title = g_strdup_printf ("%s %s", command, parameters);
  g_autoptr(GOptionContext) context = g_option_context_new (title);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cq_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

int
cq_cli_fail (const GError *error)
{
  cq_cli_err ("communique-cli: %s\n", error->message);
  return CQ_CLI_EXIT_ERROR;
}

int
cq_cli_usage (const char *command,
              const char *message)
{
  cq_cli_err ("communique-cli %s: %s\n", command, message);
  cq_cli_err (_("Run “communique-cli %s --help” for its options."), command);
  cq_cli_err ("\n");
  return CQ_CLI_EXIT_USAGE;
}

void
cq_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  cq_cli_out ("%s\n", text);
}

/* Absent values are written as null, so every object has the same members. */
void
cq_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

gboolean
cq_cli_parse_id (const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static int
run_command (CqCli  *cli,
             int     argc,
             char  **argv)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[0], commands[i].name) == 0)
      return commands[i].func (cli, argc, argv);

  cq_cli_err (_("communique-cli: “%s” is not a command."), argv[0]);
  cq_cli_err ("\n");
  print_help (stderr);
  return CQ_CLI_EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  CqCli cli = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  /* Arguments and output are UTF-8 even under the C locale of cron and
   * CI, where GOption would otherwise refuse a Cyrillic search. */
  if (g_strcmp0 (nl_langinfo (CODESET), "UTF-8") != 0)
    setlocale (LC_CTYPE, "C.UTF-8");
  /* COMMUNIQUE_LOCALEDIR: the build tree's catalogues, for meson devenv. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMMUNIQUE_LOCALEDIR") != NULL
                                   ? g_getenv ("COMMUNIQUE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_help (stdout);
      return CQ_CLI_EXIT_OK;
    }
  if (argc > 1 && g_str_equal (argv[1], "--version"))
    {
      cq_cli_out ("communique-cli %s\n", PACKAGE_VERSION);
      return CQ_CLI_EXIT_OK;
    }

  if (argc > 1 && g_str_has_prefix (argv[1], "--data-dir="))
    {
      cli.data_dir = argv[1] + strlen ("--data-dir=");
      first = 2;
    }
  else if (argc > 1 && g_str_equal (argv[1], "--data-dir"))
    {
      if (argc < 3)
        {
          cq_cli_err ("%s\n", _("communique-cli: --data-dir needs a directory."));
          return CQ_CLI_EXIT_USAGE;
        }
      cli.data_dir = argv[2];
      first = 3;
    }

  if (first >= argc)
    {
      print_help (stderr);
      return CQ_CLI_EXIT_USAGE;
    }

  status = run_command (&cli, argc - first, argv + first);
  g_clear_object (&cli.store);
  return status;
}
