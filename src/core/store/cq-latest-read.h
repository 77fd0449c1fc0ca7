/* cq-latest-read.h: a read on the worker whose answer counts only if it is
 * the latest one asked for and its asker still lives
 *
 * The item list and the source list both read on the store's worker after a
 * sync's write.  A newer read (or a read made at once) makes an older
 * answer stale; the read does not keep its list alive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GWeakRef       owner;
  GCancellable **slot;          /* the owner's field for its latest read */
  GCancellable  *cancellable;   /* this read's */
} CqLatestRead;

/* Cancels the read in @slot, if any, and forgets it. */
static inline void
cq_latest_read_forget (GCancellable **slot)
{
  if (*slot != NULL)
    g_cancellable_cancel (*slot);
  g_clear_object (slot);
}

/* Starts a read for @owner, whose field @slot holds its latest: the read
 * before is forgotten.  Returns the user data for the read's callback. */
static inline CqLatestRead *
cq_latest_read_begin (gpointer        owner,
                      GCancellable  **slot)
{
  CqLatestRead *read = g_new0 (CqLatestRead, 1);

  cq_latest_read_forget (slot);
  *slot = g_cancellable_new ();
  g_weak_ref_init (&read->owner, owner);
  read->slot = slot;
  read->cancellable = g_object_ref (*slot);
  return read;
}

/* In the read's callback: its owner (a new reference) when this read is
 * still the latest, which is then no longer pending; %NULL when the owner is
 * gone or a newer read was asked for.  Frees @read. */
static inline gpointer
cq_latest_read_end (CqLatestRead *read)
{
  gpointer owner = g_weak_ref_get (&read->owner);

  if (owner != NULL && *read->slot == read->cancellable && !g_cancellable_is_cancelled (read->cancellable))
    g_clear_object (read->slot);
  else
    g_clear_object (&owner);
  g_weak_ref_clear (&read->owner);
  g_object_unref (read->cancellable);
  g_free (read);
  return owner;
}

G_END_DECLS
