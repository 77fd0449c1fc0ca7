/* cq-source.c: a news source as stored: its profile and the user's choices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include "cq-source-private.h"

struct _CqSource
{
  GObject    parent_instance;

  gint64     id;
  CqProfile *profile;
  char      *name;
  char      *last_error;
  gboolean   last_sync_failed;
  gboolean   enabled;
  gboolean   keep_full;
  guint      unread_count;
};

G_DEFINE_FINAL_TYPE (CqSource, cq_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROFILE,
  PROP_NAME,
  PROP_ENABLED,
  PROP_KEEP_FULL,
  PROP_LAST_ERROR,
  PROP_UNREAD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cq_source_finalize (GObject *object)
{
  CqSource *self = CQ_SOURCE (object);

  g_clear_object (&self->profile);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (cq_source_parent_class)->finalize (object);
}

static void
cq_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CqSource *self = CQ_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_KEEP_FULL: g_value_set_boolean (value, self->keep_full); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_UNREAD_COUNT: g_value_set_uint (value, self->unread_count); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_source_class_init (CqSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cq_source_finalize;
  object_class->get_property = cq_source_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROFILE] = g_param_spec_object ("profile", NULL, NULL, CQ_TYPE_PROFILE, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  /* Whether its full statements are fetched after each sync, for offline. */
  properties[PROP_KEEP_FULL] = g_param_spec_boolean ("keep-full", NULL, NULL, FALSE, flags);
  /* Why its last sync failed, in words, or NULL when it went well. */
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  /* How many of its statements are unread; kept current by the source list. */
  properties[PROP_UNREAD_COUNT] = g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_source_init (CqSource *self)
{
}

/**
 * cq_source_new:
 * @id: the store's id for the source
 * @profile: what the source is
 * @name: (nullable): the name the user gave it, or %NULL for the profile's
 * @enabled: whether it is synced
 *
 * Returns: (transfer full): a new source
 */
CqSource *
cq_source_new (gint64      id,
               CqProfile  *profile,
               const char *name,
               gboolean    enabled)
{
  CqSource *self;

  g_return_val_if_fail (CQ_IS_PROFILE (profile), NULL);

  self = g_object_new (CQ_TYPE_SOURCE, NULL);
  self->id = id;
  self->profile = g_object_ref (profile);
  self->name = g_strdup (name != NULL ? name : cq_profile_get_name (profile));
  self->enabled = !!enabled;
  return self;
}

gint64
cq_source_get_id (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), 0);
  return self->id;
}

/**
 * cq_source_get_profile:
 *
 * Returns: (transfer none): the source's profile
 */
CqProfile *
cq_source_get_profile (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), NULL);
  return self->profile;
}

const char *
cq_source_get_name (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), NULL);
  return self->name;
}

/**
 * cq_source_get_last_error:
 *
 * Returns: (nullable): what went wrong in the source's last sync, in
 *   words: why it failed, or what it could not read of a document it read
 *   in part; %NULL when it went well (or has not run)
 */
const char *
cq_source_get_last_error (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), NULL);
  return self->last_error;
}

/**
 * cq_source_get_last_sync_failed:
 *
 * Returns: whether the source's last sync failed (the source could not be
 *   reached, or what it sent could not be read at all); a sync that read a
 *   broken document in part did not
 */
gboolean
cq_source_get_last_sync_failed (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), FALSE);
  return self->last_sync_failed;
}

void
_cq_source_set_last_error (CqSource   *self,
                           const char *last_error,
                           gboolean    failed)
{
  g_assert (CQ_IS_SOURCE (self));

  self->last_sync_failed = last_error != NULL && failed;
  if (g_strcmp0 (self->last_error, last_error) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (last_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

guint
cq_source_get_unread_count (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), 0);
  return self->unread_count;
}

void
_cq_source_set_unread_count (CqSource *self,
                             guint     unread_count)
{
  g_assert (CQ_IS_SOURCE (self));

  if (self->unread_count == unread_count)
    return;
  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

gboolean
cq_source_get_enabled (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), FALSE);
  return self->enabled;
}

/**
 * cq_source_get_keep_full:
 *
 * Returns: whether the full statement behind each new item is fetched and
 *   kept after each sync ("Keep full statements")
 */
gboolean
cq_source_get_keep_full (CqSource *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE (self), FALSE);
  return self->keep_full;
}

void
_cq_source_set_keep_full (CqSource *self,
                          gboolean  keep_full)
{
  g_assert (CQ_IS_SOURCE (self));

  if (self->keep_full == !!keep_full)
    return;
  self->keep_full = !!keep_full;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_FULL]);
}

/*
 * _cq_source_assign:
 * @from: the same source, as the store has it now
 *
 * Makes @self show what @from holds, telling watchers of each property
 * that changed, so that a source handed out once stays current.
 *
 * Returns: whether anything changed
 */
gboolean
_cq_source_assign (CqSource *self,
                   CqSource *from)
{
  gboolean changed = FALSE;

  g_assert (CQ_IS_SOURCE (self));
  g_assert (CQ_IS_SOURCE (from));
  g_assert (self->id == from->id);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, from->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (from->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      changed = TRUE;
    }
  if (self->enabled != from->enabled)
    {
      self->enabled = from->enabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
      changed = TRUE;
    }
  if (self->keep_full != from->keep_full)
    {
      _cq_source_set_keep_full (self, from->keep_full);
      changed = TRUE;
    }
  if (g_strcmp0 (self->last_error, from->last_error) != 0 || self->last_sync_failed != from->last_sync_failed)
    {
      _cq_source_set_last_error (self, from->last_error, from->last_sync_failed);
      changed = TRUE;
    }
  if (!cq_profile_equal (self->profile, from->profile))
    {
      g_set_object (&self->profile, from->profile);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}
