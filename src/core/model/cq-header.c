/* cq-header.c: what the header shows for a profile at one instant
 *
 * The window and `communique-cli header` both show this, so that what a
 * script prints is exactly what a person sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-header.h"
#include "cq-places.h"

G_DEFINE_BOXED_TYPE (CqHeader, cq_header, cq_header_ref, cq_header_unref)

typedef struct {
  CqHeader header;
  gatomicrefcount ref_count;
} CqHeaderReal;

static void
header_clock_free (gpointer data)
{
  CqHeaderClock *clock = data;

  g_free (clock->label);
  g_free (clock->zone);
  g_free (clock->time);
  g_free (clock);
}

static void
header_counter_free (gpointer data)
{
  CqHeaderCounter *counter = data;

  g_free (counter->label);
  g_free (counter->since);
  g_free (counter->text);
  g_free (counter->note);
  g_free (counter);
}

/* Labels of the built-in profile are in the catalogue; a label of the
 * user's own is not, and comes back as it is. */
static char *
translated (const char *text)
{
  return text != NULL ? g_strdup (g_dgettext (GETTEXT_PACKAGE, text)) : NULL;
}

static void
add_clock (CqHeader      *self,
           const char    *label,
           GTimeZone     *zone,
           GDateTime     *now,
           CqClockFormat  format)
{
  CqHeaderClock *clock = g_new0 (CqHeaderClock, 1);

  clock->label = g_strdup (label);
  clock->zone = g_strdup (g_time_zone_get_identifier (zone));
  clock->time = cq_calendar_format_clock (now, zone, format);
  g_ptr_array_add (self->clocks, clock);
}

/* A source with no clocks of its own shows its home's and the user's, or
 * the user's alone when that is its home too, or it has none. */
static void
add_twin_clocks (CqHeader      *self,
                 GTimeZone     *local,
                 GDateTime     *now,
                 CqClockFormat  format)
{
  const char *home_id = cq_profile_get_time_zone_id (self->profile);
  const char *local_id = g_time_zone_get_identifier (local);
  g_autofree char *home_label = cq_places_zone_label (home_id);
  g_autofree char *local_label = cq_places_zone_label (local_id);

  if (cq_profile_has_time_zone (self->profile) && !g_str_equal (home_id, local_id))
    add_clock (self, home_label, cq_profile_get_time_zone (self->profile), now, format);
  add_clock (self, local_label, local, now, format);
}

static void
add_clocks (CqHeader      *self,
            GDateTime     *now,
            CqClockFormat  format)
{
  for (guint i = 0; i < cq_profile_get_n_clocks (self->profile); i++)
    {
      const CqClockSpec *spec = cq_profile_get_clock (self->profile, i);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (spec->zone);
      CqHeaderClock *clock = g_new0 (CqHeaderClock, 1);

      /* The profile checked the zone when it was loaded. */
      g_assert (zone != NULL);
      clock->label = translated (spec->label);
      clock->zone = g_strdup (spec->zone);
      clock->time = cq_calendar_format_clock (now, zone, format);
      g_ptr_array_add (self->clocks, clock);
    }
}

static void
add_counters (CqHeader  *self,
              GDateTime *now)
{
  GTimeZone *home = cq_profile_get_time_zone (self->profile);

  for (guint i = 0; i < cq_profile_get_n_counters (self->profile); i++)
    {
      const CqCounterSpec *spec = cq_profile_get_counter (self->profile, i);
      CqHeaderCounter *counter = g_new0 (CqHeaderCounter, 1);

      counter->label = translated (spec->label);
      counter->since = cq_calendar_format_calendar_date (&spec->since);
      counter->days = cq_calendar_days_since (&spec->since, now, home);
      counter->text = cq_calendar_format_counter (counter->days, counter->label);
      counter->note = translated (spec->note);
      g_ptr_array_add (self->counters, counter);
    }
}

/**
 * cq_header_new:
 * @profile: the source whose header this is
 * @now: the instant to show
 * @format: 12- or 24-hour clocks
 *
 * Returns: (transfer full): the date line, clocks, counters and contacts
 */
CqHeader *
cq_header_new (CqProfile     *profile,
               GDateTime     *now,
               CqClockFormat  format)
{
  CqHeaderReal *real;
  CqHeader *self;

  g_return_val_if_fail (CQ_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  real = g_new0 (CqHeaderReal, 1);
  g_atomic_ref_count_init (&real->ref_count);
  self = &real->header;
  self->profile = g_object_ref (profile);
  self->date = cq_calendar_format_date (now, cq_profile_get_time_zone (profile));
  self->clocks = g_ptr_array_new_with_free_func (header_clock_free);
  self->counters = g_ptr_array_new_with_free_func (header_counter_free);
  self->contacts = g_ptr_array_new_with_free_func (cq_contact_free);

  if (cq_profile_get_n_clocks (profile) > 0)
    add_clocks (self, now, format);
  else
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      add_twin_clocks (self, local, now, format);
    }
  add_counters (self, now);
  for (guint i = 0; i < cq_profile_get_n_contacts (profile); i++)
    {
      const CqContact *spec = cq_profile_get_contact (profile, i);
      CqContact *contact = g_new0 (CqContact, 1);

      contact->label = translated (spec->label);
      contact->value = g_strdup (spec->value);
      contact->uri = g_strdup (spec->uri);
      g_ptr_array_add (self->contacts, contact);
    }

  return self;
}

CqHeader *
cq_header_ref (CqHeader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&((CqHeaderReal *) self)->ref_count);
  return self;
}

void
cq_header_unref (CqHeader *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&((CqHeaderReal *) self)->ref_count))
    return;

  g_free (self->date);
  g_ptr_array_unref (self->clocks);
  g_ptr_array_unref (self->counters);
  g_ptr_array_unref (self->contacts);
  g_object_unref (self->profile);
  g_free (self);
}
