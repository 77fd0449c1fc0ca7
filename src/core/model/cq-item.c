/* cq-item.c: one news item, as stored and as shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include "cq-item-private.h"

struct _CqItem
{
  GObject    parent_instance;

  gint64     id;
  gint64     source_id;
  char      *source_name;
  GTimeZone *home_zone;
  char      *guid;
  char      *title;
  char      *link;
  GDateTime *published;
  GDateTime *updated;
  char      *summary;
  char      *content;
  char      *author;
  GDateTime *first_seen;
  GDateTime *page_gone;
  guint      revision_count;

  guint      published_is_date : 1;
  guint      read : 1;
  guint      starred : 1;
  guint      full_text_fetched : 1;
};

G_DEFINE_FINAL_TYPE (CqItem, cq_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_SOURCE_NAME,
  PROP_HOME_ZONE,
  PROP_GUID,
  PROP_TITLE,
  PROP_LINK,
  PROP_PUBLISHED,
  PROP_PUBLISHED_IS_DATE,
  PROP_UPDATED,
  PROP_SUMMARY,
  PROP_CONTENT,
  PROP_AUTHOR,
  PROP_FIRST_SEEN,
  PROP_READ,
  PROP_STARRED,
  PROP_FULL_TEXT_FETCHED,
  PROP_REVISION_COUNT,
  PROP_PAGE_GONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keeps @value, which the caller gives up, unless it is what @field
 * holds already. */
static void
take_string (CqItem  *self,
             char   **field,
             char    *value,
             guint    prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_string (CqItem      *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) != 0)
    take_string (self, field, g_strdup (value), prop_id);
}

/* Whether @value is in GLib's UTC zone already, as parsed dates are. */
static gboolean
is_utc (GDateTime *value)
{
  static gsize utc;

  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, (gsize) g_time_zone_new_utc ());
  return g_date_time_get_timezone (value) == (GTimeZone *) utc;
}

static void
set_date_time (CqItem     *self,
               GDateTime **field,
               GDateTime  *value,
               guint       prop_id)
{
  if (*field == value ||
      (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = is_utc (value) ? g_date_time_ref (value) : g_date_time_to_utc (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
cq_item_finalize (GObject *object)
{
  CqItem *self = CQ_ITEM (object);

  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->home_zone, g_time_zone_unref);
  g_clear_pointer (&self->guid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->published, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->first_seen, g_date_time_unref);
  g_clear_pointer (&self->page_gone, g_date_time_unref);

  G_OBJECT_CLASS (cq_item_parent_class)->finalize (object);
}

static void
cq_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CqItem *self = CQ_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_SOURCE_ID: g_value_set_int64 (value, self->source_id); break;
    case PROP_SOURCE_NAME: g_value_set_string (value, self->source_name); break;
    case PROP_HOME_ZONE: g_value_set_boxed (value, cq_item_get_home_zone (self)); break;
    case PROP_GUID: g_value_set_string (value, self->guid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_LINK: g_value_set_string (value, self->link); break;
    case PROP_PUBLISHED: g_value_set_boxed (value, self->published); break;
    case PROP_PUBLISHED_IS_DATE: g_value_set_boolean (value, self->published_is_date); break;
    case PROP_UPDATED: g_value_set_boxed (value, self->updated); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_CONTENT: g_value_set_string (value, self->content); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_FIRST_SEEN: g_value_set_boxed (value, self->first_seen); break;
    case PROP_READ: g_value_set_boolean (value, self->read); break;
    case PROP_STARRED: g_value_set_boolean (value, self->starred); break;
    case PROP_FULL_TEXT_FETCHED: g_value_set_boolean (value, self->full_text_fetched); break;
    case PROP_REVISION_COUNT: g_value_set_uint (value, self->revision_count); break;
    case PROP_PAGE_GONE: g_value_set_boxed (value, self->page_gone); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CqItem *self = CQ_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE: cq_item_set_title (self, g_value_get_string (value)); break;
    case PROP_LINK: cq_item_set_link (self, g_value_get_string (value)); break;
    case PROP_PUBLISHED: cq_item_set_published (self, g_value_get_boxed (value)); break;
    case PROP_PUBLISHED_IS_DATE: cq_item_set_published_is_date (self, g_value_get_boolean (value)); break;
    case PROP_UPDATED: cq_item_set_updated (self, g_value_get_boxed (value)); break;
    case PROP_SUMMARY: cq_item_set_summary (self, g_value_get_string (value)); break;
    case PROP_CONTENT: cq_item_set_content (self, g_value_get_string (value)); break;
    case PROP_AUTHOR: cq_item_set_author (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name,
              GParamFlags flags)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              flags | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
date_time_param (const char  *name,
                 GParamFlags  flags)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             flags | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_param (const char  *name,
               GParamFlags  flags)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               flags | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
cq_item_class_init (CqItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE;
  const GParamFlags rw = G_PARAM_READWRITE;

  object_class->finalize = cq_item_finalize;
  object_class->get_property = cq_item_get_property;
  object_class->set_property = cq_item_set_property;

  /* Zero until the store has saved the item. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        ro | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0,
                        ro | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_NAME] = string_param ("source-name", ro);
  /* The zone whose calendar dates the item: its source's, once stored. */
  properties[PROP_HOME_ZONE] =
    g_param_spec_boxed ("home-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        ro | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Given to cq_item_new (): a construct-only property would send every
   * item (thousands a sync) down GObject's slower way of making one. */
  properties[PROP_GUID] = string_param ("guid", ro);
  properties[PROP_TITLE] = string_param ("title", rw);
  properties[PROP_LINK] = string_param ("link", rw);
  properties[PROP_PUBLISHED] = date_time_param ("published", rw);
  properties[PROP_PUBLISHED_IS_DATE] = boolean_param ("published-is-date", rw);
  properties[PROP_UPDATED] = date_time_param ("updated", rw);
  properties[PROP_SUMMARY] = string_param ("summary", rw);
  properties[PROP_CONTENT] = string_param ("content", rw);
  properties[PROP_AUTHOR] = string_param ("author", rw);
  properties[PROP_FIRST_SEEN] = date_time_param ("first-seen", ro);
  properties[PROP_READ] = boolean_param ("read", ro);
  properties[PROP_STARRED] = boolean_param ("starred", ro);
  properties[PROP_FULL_TEXT_FETCHED] = boolean_param ("full-text-fetched", ro);
  properties[PROP_REVISION_COUNT] =
    g_param_spec_uint ("revision-count", NULL, NULL, 0, G_MAXUINT, 0,
                       ro | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* When the statement's page was found withdrawn or moved, or NULL. */
  properties[PROP_PAGE_GONE] = date_time_param ("page-gone", ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_item_init (CqItem *self)
{
}

/**
 * cq_item_new:
 * @guid: the identifier the source gives the item, unique within the source
 *
 * Returns: (transfer full): a new item that is not stored yet
 */
CqItem *
cq_item_new (const char *guid)
{
  CqItem *self;

  g_return_val_if_fail (guid != NULL && *guid != '\0', NULL);

  /* The guid is read-only, set here: a sync makes thousands of items. */
  self = g_object_new (CQ_TYPE_ITEM, NULL);
  self->guid = g_strdup (guid);
  return self;
}

gint64
cq_item_get_id (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), 0);
  return self->id;
}

gint64
cq_item_get_source_id (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), 0);
  return self->source_id;
}

const char *
cq_item_get_source_name (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->source_name;
}

/**
 * cq_item_get_home_zone:
 *
 * The zone whose calendar dates the item, so that a statement made on the
 * evening of the 16th in Moscow is dated the 16th everywhere: its source's
 * home zone once the store holds it, the computer's zone before.
 *
 * Returns: (transfer none): the item's home zone
 */
GTimeZone *
cq_item_get_home_zone (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);

  if (self->home_zone == NULL)
    self->home_zone = g_time_zone_new_local ();
  return self->home_zone;
}

const char *
cq_item_get_guid (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->guid;
}

const char *
cq_item_get_title (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->title;
}

void
cq_item_set_title (CqItem     *self,
                   const char *title)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
cq_item_get_link (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->link;
}

void
cq_item_set_link (CqItem     *self,
                  const char *link)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_string (self, &self->link, link, PROP_LINK);
}

/**
 * cq_item_get_published:
 *
 * Returns: (transfer none) (nullable): when the item was published, in UTC,
 *   or %NULL when the source gave no usable date
 */
GDateTime *
cq_item_get_published (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->published;
}

void
cq_item_set_published (CqItem    *self,
                       GDateTime *published)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_date_time (self, &self->published, published, PROP_PUBLISHED);
}

/**
 * cq_item_get_published_is_date:
 *
 * Returns: %TRUE when the source gave only a day, not a time of day; the
 *   published instant is then the start of that day in the source's zone
 */
gboolean
cq_item_get_published_is_date (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), FALSE);
  return self->published_is_date;
}

void
cq_item_set_published_is_date (CqItem   *self,
                               gboolean  is_date)
{
  g_return_if_fail (CQ_IS_ITEM (self));

  is_date = !!is_date;
  if (self->published_is_date == is_date)
    return;
  self->published_is_date = is_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED_IS_DATE]);
}

GDateTime *
cq_item_get_updated (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->updated;
}

void
cq_item_set_updated (CqItem    *self,
                     GDateTime *updated)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_date_time (self, &self->updated, updated, PROP_UPDATED);
}

const char *
cq_item_get_summary (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->summary;
}

void
cq_item_set_summary (CqItem     *self,
                     const char *summary)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_string (self, &self->summary, summary, PROP_SUMMARY);
}

/**
 * cq_item_get_content:
 *
 * Returns: (nullable): the body as sanitised HTML
 */
const char *
cq_item_get_content (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->content;
}

void
cq_item_set_content (CqItem     *self,
                     const char *content)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_string (self, &self->content, content, PROP_CONTENT);
}

/**
 * _cq_item_take_body:
 * @summary: (transfer full) (nullable):
 * @content: (transfer full) (nullable):
 *
 * cq_item_set_summary() and cq_item_set_content() for a parser that has
 * just written both and needs them no more: no copies.
 */
void
_cq_item_take_body (CqItem *self,
                    char   *summary,
                    char   *content)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  take_string (self, &self->summary, summary, PROP_SUMMARY);
  take_string (self, &self->content, content, PROP_CONTENT);
}

/* A parser's new item, its strings handed over rather than copied: a
 * sync makes thousands. */
CqItem *
_cq_item_new_take (char *guid,
                   char *title,
                   char *link,
                   char *author)
{
  CqItem *self;

  g_return_val_if_fail (guid != NULL && *guid != '\0', NULL);

  self = g_object_new (CQ_TYPE_ITEM, NULL);
  self->guid = guid;
  self->title = title;
  self->link = link;
  self->author = author;
  return self;
}

const char *
cq_item_get_author (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->author;
}

void
cq_item_set_author (CqItem     *self,
                    const char *author)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_string (self, &self->author, author, PROP_AUTHOR);
}

GDateTime *
cq_item_get_first_seen (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->first_seen;
}

static void
set_flag (CqItem   *self,
          gboolean  current,
          gboolean  value,
          guint     prop_id)
{
  if (!!current == !!value)
    return;

  switch (prop_id)
    {
    case PROP_READ: self->read = !!value; break;
    case PROP_STARRED: self->starred = !!value; break;
    case PROP_FULL_TEXT_FETCHED: self->full_text_fetched = !!value; break;
    default: g_assert_not_reached ();
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
cq_item_get_read (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), FALSE);
  return self->read;
}

void
_cq_item_set_read (CqItem   *self,
                   gboolean  read)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_flag (self, self->read, read, PROP_READ);
}

gboolean
cq_item_get_starred (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), FALSE);
  return self->starred;
}

void
_cq_item_set_starred (CqItem   *self,
                      gboolean  starred)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_flag (self, self->starred, starred, PROP_STARRED);
}

gboolean
cq_item_get_full_text_fetched (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), FALSE);
  return self->full_text_fetched;
}

void
_cq_item_set_full_text_fetched (CqItem   *self,
                                gboolean  fetched)
{
  g_return_if_fail (CQ_IS_ITEM (self));
  set_flag (self, self->full_text_fetched, fetched, PROP_FULL_TEXT_FETCHED);
}

/**
 * cq_item_get_revision_count:
 *
 * Returns: how many earlier versions of the text the store kept because the
 *   source changed the item after it was first seen
 */
guint
cq_item_get_revision_count (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), 0);
  return self->revision_count;
}

/**
 * cq_item_get_page_gone:
 *
 * Returns: (nullable) (transfer none): when the statement's page was found
 *   withdrawn or moved (gone, or no longer this statement), or %NULL while
 *   it is there; the text kept is the last one seen
 */
GDateTime *
cq_item_get_page_gone (CqItem *self)
{
  g_return_val_if_fail (CQ_IS_ITEM (self), NULL);
  return self->page_gone;
}

void
_cq_item_set_page_gone (CqItem    *self,
                        GDateTime *page_gone)
{
  g_assert (CQ_IS_ITEM (self));
  set_date_time (self, &self->page_gone, page_gone, PROP_PAGE_GONE);
}

void
_cq_item_set_stored (CqItem     *self,
                     gint64      id,
                     gint64      source_id,
                     const char *source_name,
                     GDateTime  *first_seen)
{
  g_assert (CQ_IS_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  if (self->source_id != source_id)
    {
      self->source_id = source_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
    }
  set_string (self, &self->source_name, source_name, PROP_SOURCE_NAME);
  set_date_time (self, &self->first_seen, first_seen, PROP_FIRST_SEEN);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_cq_item_set_home_zone (CqItem    *self,
                        GTimeZone *zone)
{
  g_assert (CQ_IS_ITEM (self));
  g_assert (zone != NULL);

  if (self->home_zone != NULL &&
      g_strcmp0 (g_time_zone_get_identifier (self->home_zone), g_time_zone_get_identifier (zone)) == 0)
    return;
  g_clear_pointer (&self->home_zone, g_time_zone_unref);
  self->home_zone = g_time_zone_ref (zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOME_ZONE]);
}

void
_cq_item_set_revision_count (CqItem *self,
                             guint   revision_count)
{
  g_assert (CQ_IS_ITEM (self));

  if (self->revision_count == revision_count)
    return;
  self->revision_count = revision_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION_COUNT]);
}
