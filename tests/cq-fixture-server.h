/* cq-fixture-server.h: a news site on loopback, for tests and for watching
 * the app sync with no internet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CqFixtureServer CqFixtureServer;

CqFixtureServer *cq_fixture_server_new          (guint             port,
                                                 GError          **error);
void             cq_fixture_server_free         (CqFixtureServer  *self);
char            *cq_fixture_server_url          (CqFixtureServer  *self,
                                                 const char       *path);
char            *cq_fixture_server_raw_url      (CqFixtureServer  *self,
                                                 const char       *path);
void             cq_fixture_server_add_file     (CqFixtureServer  *self,
                                                 const char       *path,
                                                 GBytes           *bytes);
void             cq_fixture_server_set_archive_host (CqFixtureServer *self,
                                                     const char      *host);
void             cq_fixture_server_set_n_items  (CqFixtureServer  *self,
                                                 guint             n_items);
void             cq_fixture_server_edit_title   (CqFixtureServer  *self,
                                                 guint             number,
                                                 const char       *title);
void             cq_fixture_server_set_failing  (CqFixtureServer  *self,
                                                 guint             status);
void             cq_fixture_server_edit_statement (CqFixtureServer *self,
                                                   guint            number,
                                                   const char      *second_paragraph);
void             cq_fixture_server_withdraw_statement (CqFixtureServer *self,
                                                       guint            number,
                                                       guint            status);
guint            cq_fixture_server_get_not_modified (CqFixtureServer *self);
void             cq_fixture_server_set_statement_delay (CqFixtureServer *self,
                                                        guint            milliseconds);
guint            cq_fixture_server_get_most_statements_in_flight (CqFixtureServer *self);
guint            cq_fixture_server_get_hits     (CqFixtureServer  *self,
                                                 const char       *path);
const char      *cq_fixture_server_get_request_header (CqFixtureServer *self,
                                                       const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqFixtureServer, cq_fixture_server_free)

G_END_DECLS
