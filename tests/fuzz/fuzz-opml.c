/* fuzz-opml.c: libFuzzer target for importing a list of sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cq-opml.h"
#include "cq-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* One store for the whole run, emptied after each input. */
static CqStore *
shared_store (void)
{
  static CqStore *store;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("cq-fuzz-opml-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "communique.db", NULL);

      store = cq_store_open (path, NULL);
      g_assert (store != NULL);
    }
  return store;
}

/* The oracles: an import succeeds with exactly as many new sources as it
 * says it added, or fails in words with the store as it was. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  CqStore *store = shared_store ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint added = 0, skipped = 0;

  if (cq_opml_import (store, bytes, &added, &skipped, &error))
    g_assert (error == NULL);
  else
    g_assert (error != NULL && error->message[0] != '\0' && added == 0);

  after = cq_store_dup_sources (store, NULL);
  g_assert (after != NULL && after->len == added);
  for (guint i = 0; i < after->len; i++)
    {
      const char *name = cq_source_get_name (after->pdata[i]);

      g_assert (g_utf8_validate (name, -1, NULL));
      g_assert (g_utf8_strlen (name, -1) <= CQ_TEXT_MAX_NAME_CHARS);
      g_assert (cq_store_remove_source (store, cq_source_get_id (after->pdata[i]), NULL));
    }
  return 0;
}
