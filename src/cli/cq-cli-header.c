/* cq-cli-header.c: `communique-cli header`, the header as the window shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-cli-private.h"
#include "cq-header.h"

static JsonNode *
header_to_json (CqHeader *header)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cq_cli_json_add_string (builder, "date", header->date);

  json_builder_set_member_name (builder, "clocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->clocks->len; i++)
    {
      CqHeaderClock *clock = g_ptr_array_index (header->clocks, i);

      json_builder_begin_object (builder);
      cq_cli_json_add_string (builder, "label", clock->label);
      cq_cli_json_add_string (builder, "zone", clock->zone);
      cq_cli_json_add_string (builder, "time", clock->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->counters->len; i++)
    {
      CqHeaderCounter *counter = g_ptr_array_index (header->counters, i);

      json_builder_begin_object (builder);
      cq_cli_json_add_string (builder, "label", counter->label);
      cq_cli_json_add_string (builder, "since", counter->since);
      json_builder_set_member_name (builder, "days");
      json_builder_add_int_value (builder, counter->days);
      cq_cli_json_add_string (builder, "text", counter->text);
      cq_cli_json_add_string (builder, "note", counter->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->contacts->len; i++)
    {
      const CqContact *contact = g_ptr_array_index (header->contacts, i);

      json_builder_begin_object (builder);
      cq_cli_json_add_string (builder, "label", contact->label);
      cq_cli_json_add_string (builder, "value", contact->value);
      cq_cli_json_add_string (builder, "uri", contact->uri);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_header (CqHeader *header)
{
  cq_cli_out ("%s\n", header->date);
  for (guint i = 0; i < header->clocks->len; i++)
    {
      CqHeaderClock *clock = g_ptr_array_index (header->clocks, i);

      cq_cli_out ("%s: %s\n", clock->label, clock->time);
    }
  for (guint i = 0; i < header->counters->len; i++)
    {
      CqHeaderCounter *counter = g_ptr_array_index (header->counters, i);

      cq_cli_out ("%s\n", counter->text);
    }
  for (guint i = 0; i < header->contacts->len; i++)
    {
      const CqContact *contact = g_ptr_array_index (header->contacts, i);

      cq_cli_out ("%s: %s\n", contact->label, contact->value);
    }
}

/* The header of the chosen source, else of the first stored one, else of
 * the profile that ships with the app.  A missing store is not made. */
static CqProfile *
choose_profile (CqCli   *cli,
                gint64   source_id,
                GError **error)
{
  g_autofree char *path = cq_store_default_path (cli->data_dir);
  g_autoptr(CqSource) source = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  CqStore *store;

  if (source_id == 0 && !g_file_test (path, G_FILE_TEST_EXISTS))
    return cq_profile_new_default ();

  if (!(store = cq_cli_get_store (cli, error)))
    return NULL;

  if (source_id != 0)
    {
      source = cq_store_dup_source (store, source_id, error);
      return source != NULL ? g_object_ref (cq_source_get_profile (source)) : NULL;
    }

  if (!(sources = cq_store_dup_sources (store, error)))
    return NULL;
  if (sources->len == 0)
    return cq_profile_new_default ();
  return g_object_ref (cq_source_get_profile (g_ptr_array_index (sources, 0)));
}

static gboolean
parse_clock_format (const char    *text,
                    CqClockFormat *format)
{
  if (text == NULL)
    {
      g_autoptr(GSettings) desktop = cq_calendar_dup_desktop_interface ();

      *format = cq_calendar_read_clock_format (desktop);
    }
  else if (g_str_equal (text, "24h"))
    *format = CQ_CLOCK_FORMAT_24H;
  else if (g_str_equal (text, "12h"))
    *format = CQ_CLOCK_FORMAT_12H;
  else
    return FALSE;
  return TRUE;
}

int
cq_cli_header (CqCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *at = NULL;
  g_autofree char *clock_format = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(CqHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  gboolean json = FALSE;
  gboolean discover = FALSE;
  gboolean dry_run = FALSE;
  gint64 source_id = 0;
  CqClockFormat format;
  GOptionEntry entries[] = {
    { "discover", 0, 0, G_OPTION_ARG_NONE, &discover, N_("Read the header the source’s own page shows, and keep it"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("With --discover: the numbers of the parts to keep, “all” (the default) or “none”"), N_("LIST") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("With --discover: only show what the page shows"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Show the header at this instant (ISO 8601)"), N_("TIME") },
    { "source", 0, 0, G_OPTION_ARG_INT64, &source_id, N_("The source whose header to show"), N_("ID") },
    { "clock-format", 0, 0, G_OPTION_ARG_STRING, &clock_format, N_("“24h” or “12h”; the desktop’s setting by default"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("header", "", _("Print the header as the window shows it."),
                             entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc > 1)
    return cq_cli_usage ("header", _("takes no arguments."));
  if (!parse_clock_format (clock_format, &format))
    return cq_cli_usage ("header", _("--clock-format must be “24h” or “12h”."));
  if (discover && source_id == 0)
    return cq_cli_usage ("header", _("--discover needs --source ID (see “communique-cli sources”)."));
  if ((keep != NULL || dry_run) && !discover)
    return cq_cli_usage ("header", _("--keep and --dry-run go with --discover."));
  if (discover)
    return cq_cli_discover_header (cli, source_id, keep, dry_run);

  if (at == NULL)
    now = g_date_time_new_now_utc ();
  else if (!(now = cq_calendar_parse_iso8601 (at)))
    return cq_cli_usage ("header", _("--at must be a date and time in ISO 8601, such as 2019-06-16T19:40:00Z."));

  if (!(profile = choose_profile (cli, source_id, &error)))
    return cq_cli_fail (error);

  header = cq_header_new (profile, now, format);
  if (json)
    {
      g_autoptr(JsonNode) node = header_to_json (header);

      cq_cli_print_json (node);
    }
  else
    print_header (header);

  return CQ_CLI_EXIT_OK;
}
