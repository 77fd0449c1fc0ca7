/* main.c: Communiqué's entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cq-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CqApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* COMMUNIQUE_LOCALEDIR: the build tree's catalogues, for meson devenv. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMMUNIQUE_LOCALEDIR") != NULL
                                   ? g_getenv ("COMMUNIQUE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("Communiqué");
  app = cq_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
