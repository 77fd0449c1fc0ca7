/* cq-fingerprint.c: a fingerprint of downloaded bytes, to know them again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-sync"

#include "config.h"

#include <string.h>

#include "cq-fingerprint.h"

/* The structure and constants of xxHash64 (four lanes of 8-byte words,
 * then an avalanche): not a signature, and not meant to be one.  It tells
 * the same download sent again from another; whoever could make two
 * documents collide on purpose is the server, which could as well send
 * the same one. */
#define PRIME_1 G_GUINT64_CONSTANT (11400714785074694791)
#define PRIME_2 G_GUINT64_CONSTANT (14029467366897019727)
#define PRIME_3 G_GUINT64_CONSTANT (1609587929392839161)
#define PRIME_4 G_GUINT64_CONSTANT (9650029242287828579)
#define PRIME_5 G_GUINT64_CONSTANT (2870177450012600261)

static inline guint64
rotate_left (guint64 value,
             guint   bits)
{
  return (value << bits) | (value >> (64 - bits));
}

static inline guint64
read_word (const guchar *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return GUINT64_FROM_LE (word);
}

static inline guint64
mix_round (guint64 lane,
           guint64 word)
{
  return rotate_left (lane + word * PRIME_2, 31) * PRIME_1;
}

static inline guint64
merge_lane (guint64 hash,
            guint64 lane)
{
  return (hash ^ mix_round (0, lane)) * PRIME_1 + PRIME_4;
}

static guint64
hash64 (const guchar *p,
        gsize         length)
{
  const guchar *end = p + length;
  guint64 hash;

  if (length >= 32)
    {
      guint64 lanes[4] = { PRIME_1 + PRIME_2, PRIME_2, 0, -PRIME_1 };

      for (; end - p >= 32; p += 32)
        for (guint i = 0; i < 4; i++)
          lanes[i] = mix_round (lanes[i], read_word (p + 8 * i));
      hash = rotate_left (lanes[0], 1) + rotate_left (lanes[1], 7) +
             rotate_left (lanes[2], 12) + rotate_left (lanes[3], 18);
      for (guint i = 0; i < 4; i++)
        hash = merge_lane (hash, lanes[i]);
    }
  else
    hash = PRIME_5;
  hash += length;

  for (; end - p >= 8; p += 8)
    hash = rotate_left (hash ^ mix_round (0, read_word (p)), 27) * PRIME_1 + PRIME_4;
  if (end - p >= 4)
    {
      guint32 half;

      memcpy (&half, p, sizeof half);
      hash = rotate_left (hash ^ ((guint64) GUINT32_FROM_LE (half) * PRIME_1), 23) * PRIME_2 + PRIME_3;
      p += 4;
    }
  for (; p < end; p++)
    hash = rotate_left (hash ^ (*p * PRIME_5), 11) * PRIME_1;

  hash ^= hash >> 33;
  hash *= PRIME_2;
  hash ^= hash >> 29;
  hash *= PRIME_3;
  hash ^= hash >> 32;
  return hash;
}

/**
 * cq_fingerprint_bytes:
 * @bytes: a download
 *
 * What a sync keeps of the bytes it read, to know them when a server that
 * never answers "not modified" sends them again: sixteen hexadecimal
 * digits, read at memory speed (SHA-1, which GLib offers, took 5 ms of a
 * 4 MB feed's sync and a thread of its own).  A fingerprint an earlier
 * version kept (SHA-1 or SHA-256) only costs one more parse.
 *
 * Returns: (transfer full): the fingerprint
 */
char *
cq_fingerprint_bytes (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash64 (data, length));
}
