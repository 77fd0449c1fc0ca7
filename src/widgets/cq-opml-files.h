/* cq-opml-files.h: importing and exporting the sources from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cq-store.h"

G_BEGIN_DECLS

void cq_opml_files_choose_import (GtkWindow *parent,
                                  CqStore   *store);
void cq_opml_files_choose_export (GtkWindow *parent,
                                  CqStore   *store);
void cq_opml_files_import        (GtkWindow *parent,
                                  CqStore   *store,
                                  GFile     *file);
void cq_opml_files_export        (GtkWindow *parent,
                                  CqStore   *store,
                                  GFile     *file);

G_END_DECLS
