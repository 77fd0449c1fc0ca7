/* cq-places.c: the names people give places and zones, to IANA zones
 *
 * A page's clock says "Moscow 22:40" or "Лондон 20:40"; a person looking for
 * a zone types "Tokyo" or "york".  Both are answered from libgweather's
 * location database, as GNOME Clocks answers them: some four thousand
 * cities, each with its zone, in English and in every language the database
 * is translated into.  The translations are read straight from its catalogue
 * for the language asked about, so a Russian page is read in Russian
 * whatever language the desktop speaks.  Without libgweather, the system's
 * zone names ("Europe/London" is London) are all there is.
 *
 * libgweather's world is not safe to share between threads, and discovery
 * runs on a worker: every call into it is made here, under one lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-time"

#include "config.h"

#include <libintl.h>
#include <string.h>

#ifdef HAVE_GWEATHER
#include <libgweather/gweather.h>
#endif

#include "cq-calendar.h"
#include "cq-places.h"

#define LOCATIONS_DOMAIN "libgweather-4.0-locations"

/* A catalogue bigger than this is not one we know. */
#define MAX_CATALOGUE_SIZE (64 * 1024 * 1024)

typedef struct {
  char       *english;
  char       *name;      /* in the desktop's language */
  char       *country;
  const char *zone;      /* interned */
  char       *folded;    /* both names, normalised, for searching */
} City;

typedef struct {
  GHashTable *zones_by_name;     /* normalised name → GPtrArray of interned zones */
  GPtrArray  *cities;            /* City */
  GHashTable *catalogues;        /* language → GHashTable (normalised name → English), or a miss */
  char       *locale_dir;
} Places;

static GMutex lock;
static Places *places;

static void
city_free (gpointer data)
{
  City *city = data;

  g_free (city->english);
  g_free (city->name);
  g_free (city->country);
  g_free (city->folded);
  g_free (city);
}

void
cq_place_free (gpointer data)
{
  CqPlace *place = data;

  if (place == NULL)
    return;
  g_free (place->name);
  g_free (place->zone);
  g_free (place->country);
  g_free (place);
}

/* One spelling for comparing names: no accents, no case, words apart by
 * one space.  "São Paulo", "sao paulo" and "SAO-PAULO" are one name. */
static char *
normalise (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  GString *plain;
  gboolean space = FALSE;

  if (decomposed == NULL)
    return g_strdup ("");

  plain = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (!g_unichar_isalnum (c))
        {
          space = plain->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (plain, ' ');
      space = FALSE;
      g_string_append_unichar (plain, g_unichar_tolower (c));
    }
  return g_string_free (plain, FALSE);
}

static void
add_zone_name (Places     *self,
               const char *name,
               const char *zone)
{
  g_autofree char *key = normalise (name);
  GPtrArray *zones;

  if (*key == '\0')
    return;
  zones = g_hash_table_lookup (self->zones_by_name, key);
  if (zones == NULL)
    {
      zones = g_ptr_array_new ();
      g_hash_table_insert (self->zones_by_name, g_steal_pointer (&key), zones);
    }
  zone = g_intern_string (zone);
  if (!g_ptr_array_find (zones, zone, NULL))
    g_ptr_array_add (zones, (gpointer) zone);
}

/* "America/Argentina/Buenos_Aires" is Buenos Aires. */
static char *
city_of_zone (const char *zone)
{
  const char *slash = strrchr (zone, '/');
  char *city = g_strdup (slash != NULL ? slash + 1 : zone);

  g_strdelimit (city, "_", ' ');
  return city;
}

#ifdef HAVE_GWEATHER
static void
add_cities (Places           *self,
            GWeatherLocation *location)
{
  g_autoptr(GWeatherLocation) child = NULL;

  if (gweather_location_get_level (location) == GWEATHER_LOCATION_CITY &&
      gweather_location_get_timezone_str (location) != NULL)
    {
      City *city = g_new0 (City, 1);
      g_autofree char *english = normalise (gweather_location_get_english_name (location));
      g_autofree char *name = normalise (gweather_location_get_name (location));

      city->english = g_strdup (gweather_location_get_english_name (location));
      city->name = g_strdup (gweather_location_get_name (location));
      city->country = gweather_location_get_country_name (location);
      city->zone = g_intern_string (gweather_location_get_timezone_str (location));
      city->folded = g_strconcat (english, "\n", name, NULL);
      g_ptr_array_add (self->cities, city);
      add_zone_name (self, city->english, city->zone);
      add_zone_name (self, city->name, city->zone);
    }

  while ((child = gweather_location_next_child (location, child)) != NULL)
    add_cities (self, child);
}
#endif

static Places *
places_get (void)
{
  g_auto(GStrv) zones = NULL;

  if (places != NULL)
    return places;

  places = g_new0 (Places, 1);
  places->zones_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
  places->cities = g_ptr_array_new_with_free_func (city_free);
  places->catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);

#ifdef HAVE_GWEATHER
  {
    g_autoptr(GWeatherLocation) world = gweather_location_get_world ();
    const char *dir;

    if (world != NULL)
      add_cities (places, world);
    /* libgweather has bound its catalogue by now; ask where. */
    dir = bindtextdomain (LOCATIONS_DOMAIN, NULL);
    places->locale_dir = g_strdup (dir != NULL ? dir : "/usr/share/locale");
  }
#endif

  /* The system's own names come after the database's cities. */
  zones = cq_calendar_list_zones ();
  for (guint i = 0; zones[i] != NULL; i++)
    {
      g_autofree char *city = city_of_zone (zones[i]);

      add_zone_name (places, city, zones[i]);
    }
  return places;
}

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* A gettext catalogue, read as data: translated name → English name.  The
 * catalogue is checked at every step; a damaged one is no catalogue. */
static GHashTable *
read_catalogue (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GHashTable) names = NULL;
  const guint8 *data;
  gsize size;
  guint32 n, originals, translations;
  gboolean swap;

  if (file == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 20 || size > MAX_CATALOGUE_SIZE)
    return NULL;
  if (read_u32 (data, 0, FALSE) == 0x950412de)
    swap = FALSE;
  else if (read_u32 (data, 0, TRUE) == 0x950412de)
    swap = TRUE;
  else
    return NULL;

  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);
  if (n > size / 16 || originals > size - (gsize) n * 8 || translations > size - (gsize) n * 8)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_length = read_u32 (data, originals + i * 8, swap);
      guint32 id_offset = read_u32 (data, originals + i * 8 + 4, swap);
      guint32 text_length = read_u32 (data, translations + i * 8, swap);
      guint32 text_offset = read_u32 (data, translations + i * 8 + 4, swap);
      g_autofree char *id = NULL;
      g_autofree char *key = NULL;
      const char *english;

      if (id_offset > size || id_length > size - id_offset ||
          text_offset > size || text_length > size - text_offset || text_length == 0)
        continue;
      id = g_strndup ((const char *) data + id_offset, id_length);
      /* "City in Russia\004Moscow": the context goes. */
      english = strchr (id, '\004') != NULL ? strchr (id, '\004') + 1 : id;
      key = g_strndup ((const char *) data + text_offset, text_length);
      if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (english, -1, NULL))
        continue;
      g_hash_table_replace (names, normalise (key), g_strdup (english));
    }
  return g_steal_pointer (&names);
}

/* A page says what language it is in; only a tag that looks like one
 * ("ru", "pt-BR", "zh_TW") names a folder to read. */
static GHashTable *
catalogue_for (Places     *self,
               const char *language)
{
  g_autofree char *tag = NULL;
  g_autofree char *path = NULL;
  GHashTable *names;
  gpointer found;

  if (language == NULL || self->locale_dir == NULL)
    return NULL;
  tag = g_strdup (language);
  g_strdelimit (tag, "-", '_');
  if (strlen (tag) < 2 || strlen (tag) > 8 || strspn (tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") != strlen (tag))
    return NULL;
  if (g_hash_table_lookup_extended (self->catalogues, tag, NULL, &found))
    return found;

  path = g_build_filename (self->locale_dir, tag, "LC_MESSAGES", LOCATIONS_DOMAIN ".mo", NULL);
  names = read_catalogue (path);
  if (names == NULL && strchr (tag, '_') != NULL)
    {
      /* "pt_BR" has its own catalogue; "ru_RU" is "ru". */
      g_autofree char *base = g_strndup (tag, strcspn (tag, "_"));

      names = catalogue_for (self, base);
      names = names != NULL ? g_hash_table_ref (names) : NULL;
    }
  if (names == NULL)
    names = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->catalogues, g_steal_pointer (&tag), names);
  return names;
}

/* "GMT+3", "UTC−05:00", "UTC": zones by offset, as the tz database names
 * them (whose signs are the other way round). */
static char *
zone_for_offset_name (const char *name)
{
  static GRegex *regex;
  static gsize once;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *minutes = NULL;
  guint64 h;

  if (g_once_init_enter (&once))
    {
      regex = g_regex_new ("^\\s*(?:GMT|UTC)\\s*(?:([+\\-−])\\s*(\\d{1,2})(?::?(\\d{2}))?)?\\s*$",
                           G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  if (!g_regex_match (regex, name, 0, &match))
    return NULL;
  sign = g_match_info_fetch (match, 1);
  hours = g_match_info_fetch (match, 2);
  minutes = g_match_info_fetch (match, 3);
  if (hours == NULL || *hours == '\0')
    return g_strdup ("UTC");
  h = g_ascii_strtoull (hours, NULL, 10);
  if (h > 14 || (minutes != NULL && *minutes != '\0' && !g_str_equal (minutes, "00")))
    return NULL;
  if (h == 0)
    return g_strdup ("UTC");
  return g_strdup_printf ("Etc/GMT%c%u", g_str_equal (sign, "+") ? '-' : '+', (guint) h);
}

static void
add_zones (GPtrArray  *result,
           GPtrArray  *zones,
           const char *key)
{
  /* The zone named after the place first: London is Europe/London before
   * it is London, Ontario. */
  for (guint pass = 0; pass < 2 && zones != NULL; pass++)
    for (guint i = 0; i < zones->len; i++)
      {
        const char *zone = g_ptr_array_index (zones, i);
        g_autofree char *city = city_of_zone (zone);
        g_autofree char *normal = normalise (city);
        gboolean named = g_str_equal (normal, key);

        if ((pass == 0) == named && !g_ptr_array_find_with_equal_func (result, zone, g_str_equal, NULL))
          g_ptr_array_add (result, g_strdup (zone));
      }
}

/**
 * cq_places_find_zones:
 * @name: a city or zone name as a page writes it ("Moscow", "Лондон",
 *   "New York", "GMT+3")
 * @language: (nullable): the language of the page it was found on
 *
 * Returns: (transfer full): the IANA zones a place of that name may be in,
 *   the likeliest first (the zone named after it); empty when the name is
 *   no place known
 */
GPtrArray *
cq_places_find_zones (const char *name,
                      const char *language)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  const char * const *languages = g_get_language_names ();
  char *offset;
  Places *self;

  g_return_val_if_fail (name != NULL, result);

  if ((offset = zone_for_offset_name (name)) != NULL)
    {
      g_ptr_array_add (result, offset);
      return result;
    }

  key = normalise (name);
  if (*key == '\0')
    return result;

  g_mutex_lock (&lock);
  self = places_get ();
  add_zones (result, g_hash_table_lookup (self->zones_by_name, key), key);

  /* Not a name the database knows in English or the desktop's language:
   * in the page's language, then in the user's others. */
  for (int i = -1; result->len == 0 && (i < 0 || languages[i] != NULL); i++)
    {
      GHashTable *catalogue = catalogue_for (self, i < 0 ? language : languages[i]);
      const char *english = catalogue != NULL ? g_hash_table_lookup (catalogue, key) : NULL;
      g_autofree char *english_key = english != NULL ? normalise (english) : NULL;

      if (english_key != NULL)
        add_zones (result, g_hash_table_lookup (self->zones_by_name, english_key), english_key);
    }
  g_mutex_unlock (&lock);
  return result;
}

/* How well @query names a place whose names are @folded: 0 when it is
 * one of its words ("york" in "New York"), 1 when a word starts with it
 * ("york" in "Yorkton"), 2 anywhere else, 3 not at all. */
static guint
match_rank (const char *folded,
            const char *query)
{
  gsize length = strlen (query);
  guint best = 3;

  for (const char *found = strstr (folded, query); found != NULL && best > 0; found = strstr (found + 1, query))
    {
      gboolean starts = found == folded || found[-1] == ' ' || found[-1] == '\n';
      gboolean ends = found[length] == '\0' || found[length] == ' ' || found[length] == '\n';

      best = MIN (best, starts ? (ends ? 0 : 1) : 2);
    }
  return best;
}

/**
 * cq_places_search:
 * @query: any part of a city's name, in English or the desktop's language,
 *   or of a zone's identifier ("Tokyo", "york", "Europe/")
 * @max_results: at most this many
 *
 * Returns: (transfer full) (element-type CqPlace): places whose name holds
 *   @query: those with it as a word first, then those with a word that
 *   starts with it, then the rest
 */
GPtrArray *
cq_places_search (const char *query,
                  guint       max_results)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (cq_place_free);
  g_autofree char *key = NULL;
  g_auto(GStrv) zones = NULL;
  Places *self;

  g_return_val_if_fail (query != NULL, result);

  key = normalise (query);
  if (*key == '\0')
    return result;

  g_mutex_lock (&lock);
  self = places_get ();
  for (guint rank = 0; rank < 3; rank++)
    for (guint i = 0; i < self->cities->len && result->len < max_results; i++)
      {
        City *city = g_ptr_array_index (self->cities, i);
        CqPlace *place;

        if (match_rank (city->folded, key) != rank)
          continue;
        place = g_new0 (CqPlace, 1);
        place->name = g_strdup (city->name);
        place->zone = g_strdup (city->zone);
        place->country = g_strdup (city->country);
        g_ptr_array_add (result, place);
      }
  g_mutex_unlock (&lock);

  /* The system's zones, for a place the database does not have. */
  zones = cq_calendar_list_zones ();
  for (guint i = 0; zones[i] != NULL && result->len < max_results; i++)
    {
      g_autofree char *normal = normalise (zones[i]);
      g_autofree char *city = city_of_zone (zones[i]);
      gboolean known = FALSE;

      if (strstr (normal, key) == NULL)
        continue;
      for (guint j = 0; j < result->len && !known; j++)
        known = g_str_equal (((CqPlace *) g_ptr_array_index (result, j))->zone, zones[i]);
      if (!known)
        {
          CqPlace *place = g_new0 (CqPlace, 1);

          place->name = g_steal_pointer (&city);
          place->zone = g_strdup (zones[i]);
          g_ptr_array_add (result, place);
        }
    }
  return result;
}

/**
 * cq_places_zone_label:
 * @zone: an IANA identifier
 *
 * Returns: (transfer full): the name of the place a clock in @zone is
 *   named after, in the desktop's language: "London" for Europe/London
 */
char *
cq_places_zone_label (const char *zone)
{
  g_autofree char *city = NULL;
  g_autofree char *key = NULL;
  const char *interned;
  Places *self;

  g_return_val_if_fail (zone != NULL, NULL);

  if (g_str_has_prefix (zone, "Etc/") || strchr (zone, '/') == NULL)
    return g_strdup (g_str_has_prefix (zone, "Etc/") ? zone + 4 : zone);

  city = city_of_zone (zone);
  key = normalise (city);
  interned = g_intern_string (zone);
  g_mutex_lock (&lock);
  self = places_get ();
  for (guint i = 0; i < self->cities->len; i++)
    {
      City *known = g_ptr_array_index (self->cities, i);
      g_autofree char *english = NULL;

      /* Cities keep their zone interned: one pointer to compare. */
      if (known->zone != interned)
        continue;
      english = normalise (known->english);
      if (g_str_equal (english, key))
        {
          g_free (city);
          city = g_strdup (known->name);
          break;
        }
    }
  g_mutex_unlock (&lock);
  return g_steal_pointer (&city);
}

/**
 * cq_places_have_cities:
 *
 * Returns: whether city names come from libgweather's database, or only
 *   from the system's zone names
 */
gboolean
cq_places_have_cities (void)
{
  gboolean have;

  g_mutex_lock (&lock);
  have = places_get ()->cities->len > 0;
  g_mutex_unlock (&lock);
  return have;
}
