/* cq-places.h: the names people give places and zones, to IANA zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;   /* as people know it, in the language it was found in */
  char *zone;   /* an IANA identifier */
  char *country; /* where it is, in the desktop's language, or NULL */
} CqPlace;

GPtrArray *cq_places_find_zones (const char *name,
                                 const char *language);
GPtrArray *cq_places_search     (const char *query,
                                 guint       max_results);
char      *cq_places_zone_label (const char *zone);
gboolean   cq_places_have_cities (void);
void       cq_place_free        (gpointer    place);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqPlace, cq_place_free)

G_END_DECLS
