/* cq-cli-sources.c: `communique-cli sources`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-cli-private.h"
#include "cq-calendar.h"

static void
add_unix_time (JsonBuilder *builder,
               const char  *member,
               gint64       seconds)
{
  g_autoptr(GDateTime) instant = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  g_autofree char *text = instant != NULL ? cq_calendar_to_iso8601 (instant) : NULL;

  cq_cli_json_add_string (builder, member, text);
}

static void
build_source (JsonBuilder *builder,
              CqSource    *source,
              CqSyncState *state)
{
  CqProfile *profile = cq_source_get_profile (source);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, cq_source_get_id (source));
  cq_cli_json_add_string (builder, "key", cq_profile_get_id (profile));
  cq_cli_json_add_string (builder, "name", cq_source_get_name (source));
  cq_cli_json_add_string (builder, "home_url", cq_profile_get_home_url (profile));
  cq_cli_json_add_string (builder, "feed_url", cq_profile_get_feed_url (profile));
  cq_cli_json_add_string (builder, "format", cq_profile_get_feed_format (profile));
  cq_cli_json_add_string (builder, "time_zone", cq_profile_get_time_zone_id (profile));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, cq_source_get_enabled (source));
  add_unix_time (builder, "last_success", state->last_success);
  cq_cli_json_add_string (builder, "last_error", state->last_error);
  json_builder_end_object (builder);
}

static void
print_source (CqSource    *source,
              CqSyncState *state)
{
  CqProfile *profile = cq_source_get_profile (source);

  cq_cli_out ("%4" G_GINT64_FORMAT "  %s  %s%s\n",
           cq_source_get_id (source), cq_source_get_name (source),
           cq_profile_get_feed_url (profile),
           cq_source_get_enabled (source) ? "" : _(" (disabled)"));
  if (state->last_error != NULL)
    cq_cli_out ("      %s\n", state->last_error);
}

int
cq_cli_sources (CqCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!cq_cli_parse_options ("sources", "", _("List the news sources."), entries, &argc, &argv))
    return CQ_CLI_EXIT_USAGE;
  if (argc > 1)
    return cq_cli_usage ("sources", _("takes no arguments."));

  if (!cq_cli_get_store (cli, &error) || !(sources = cq_store_dup_sources (cli->store, &error)))
    return cq_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (sources, i);
      g_autoptr(CqSyncState) state = cq_store_dup_sync_state (cli->store, cq_source_get_id (source), &error);

      if (state == NULL)
        return cq_cli_fail (error);
      if (json)
        build_source (builder, source, state);
      else
        print_source (source, state);
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      cq_cli_print_json (root);
    }
  return CQ_CLI_EXIT_OK;
}
