/* fixture-site.c: the test site, served by hand, to watch the app sync
 * with no internet: `_build/tests/fixture-site [PORT]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "cq-fixture-server.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *home = NULL;
  g_autofree char *feed = NULL;
  guint port = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 8088;

  server = cq_fixture_server_new (port, &error);
  if (server == NULL)
    {
      fprintf (stderr, "fixture-site: %s\n", error->message);
      return 1;
    }

  home = cq_fixture_server_url (server, "/");
  feed = cq_fixture_server_url (server, "/feed.xml");
  printf ("Serving the fixture site at %s (RSS: %s). Ctrl+C stops it.\n", home, feed);
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
