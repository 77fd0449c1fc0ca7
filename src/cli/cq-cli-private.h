/* cq-cli-private.h: what the commands of communique-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cq-store.h"

G_BEGIN_DECLS

#define CQ_CLI_EXIT_OK    0
#define CQ_CLI_EXIT_ERROR 1
#define CQ_CLI_EXIT_USAGE 2

typedef struct {
  const char *data_dir;
  CqStore    *store;
} CqCli;

typedef int (*CqCliCommandFunc) (CqCli  *cli,
                                 int     argc,
                                 char  **argv);

void      cq_cli_out            (const char   *format,
                                 ...) G_GNUC_PRINTF (1, 2);
void      cq_cli_err            (const char   *format,
                                 ...) G_GNUC_PRINTF (1, 2);
CqStore  *cq_cli_get_store      (CqCli        *cli,
                                 GError      **error);
gboolean  cq_cli_parse_options  (const char   *command,
                                 const char   *parameters,
                                 const char   *summary,
                                 GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv);
int       cq_cli_fail           (const GError *error);
int       cq_cli_usage          (const char   *command,
                                 const char   *message);
void      cq_cli_print_json     (JsonNode     *node);
void      cq_cli_json_add_string (JsonBuilder *builder,
                                  const char  *member,
                                  const char  *value);
gboolean  cq_cli_parse_id       (const char   *text,
                                 gint64       *id);

int       cq_cli_discover_header (CqCli       *cli,
                                  gint64       source_id,
                                  const char  *keep,
                                  gboolean     dry_run);

int       cq_cli_header         (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_list           (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_show           (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_history        (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_save           (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_mark           (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_parse          (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_extract        (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_add            (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_remove         (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_sync           (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_fetch_full     (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_import         (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_export         (CqCli        *cli,
                                 int           argc,
                                 char        **argv);
int       cq_cli_sources        (CqCli        *cli,
                                 int           argc,
                                 char        **argv);

G_END_DECLS
