/* cq-parsed-feed.c: what a parser found in a document: plain data for the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-parsed-feed.h"

struct _CqParsedFeed
{
  GObject       parent_instance;

  CqFeedFormat  format;
  char         *title;
  char         *link;
  char         *advertised_feed;
  char         *next_page;
  GPtrArray    *items;
  GHashTable   *guids;
  gboolean      overflowed;
  gboolean      recovered;
  guint         n_cut_off;
  char         *content_hash;
};

G_DEFINE_FINAL_TYPE (CqParsedFeed, cq_parsed_feed, G_TYPE_OBJECT)

static void
cq_parsed_feed_finalize (GObject *object)
{
  CqParsedFeed *self = CQ_PARSED_FEED (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->advertised_feed, g_free);
  g_clear_pointer (&self->next_page, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->guids, g_hash_table_unref);
  g_clear_pointer (&self->content_hash, g_free);

  G_OBJECT_CLASS (cq_parsed_feed_parent_class)->finalize (object);
}

static void
cq_parsed_feed_class_init (CqParsedFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cq_parsed_feed_finalize;
}

static void
cq_parsed_feed_init (CqParsedFeed *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->guids = g_hash_table_new (g_str_hash, g_str_equal);
}

CqParsedFeed *
cq_parsed_feed_new (CqFeedFormat format)
{
  CqParsedFeed *self = g_object_new (CQ_TYPE_PARSED_FEED, NULL);

  self->format = format;
  return self;
}

/**
 * cq_parsed_feed_get_format:
 *
 * Returns: the format the document turned out to be
 */
CqFeedFormat
cq_parsed_feed_get_format (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), CQ_FEED_FORMAT_AUTO);
  return self->format;
}

const char *
cq_parsed_feed_get_title (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->title;
}

void
cq_parsed_feed_set_title (CqParsedFeed *self,
                          const char   *title)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * cq_parsed_feed_get_link:
 *
 * Returns: (nullable): the site the feed belongs to
 */
const char *
cq_parsed_feed_get_link (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->link;
}

void
cq_parsed_feed_set_link (CqParsedFeed *self,
                         const char   *link)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_free (self->link);
  self->link = g_strdup (link);
}

/**
 * cq_parsed_feed_get_advertised_feed:
 *
 * Returns: (nullable): for an HTML page, the feed it advertises with
 *   `<link rel="alternate">`, which a reader should prefer to the page
 */
const char *
cq_parsed_feed_get_advertised_feed (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->advertised_feed;
}

void
cq_parsed_feed_set_advertised_feed (CqParsedFeed *self,
                                    const char   *url)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_free (self->advertised_feed);
  self->advertised_feed = g_strdup (url);
}

/**
 * cq_parsed_feed_get_next_page:
 *
 * Returns: (nullable): for an HTML news list, the page of older news
 *   ("next", "older", "all messages", the next page number)
 */
const char *
cq_parsed_feed_get_next_page (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->next_page;
}

void
cq_parsed_feed_set_next_page (CqParsedFeed *self,
                              const char   *url)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_free (self->next_page);
  self->next_page = g_strdup (url);
}

/**
 * cq_parsed_feed_get_content_hash:
 *
 * Returns: (nullable): the SHA-256 of the bytes the feed was read from,
 *   as the sync keeps it to know the same bytes again; set by the worker
 *   that read them
 */
const char *
cq_parsed_feed_get_content_hash (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->content_hash;
}

void
cq_parsed_feed_set_content_hash (CqParsedFeed *self,
                                 const char   *hash)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_free (self->content_hash);
  self->content_hash = g_strdup (hash);
}

/**
 * cq_parsed_feed_get_items:
 *
 * Returns: (transfer none) (element-type CqItem): the items, in document order
 */
GPtrArray *
cq_parsed_feed_get_items (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);
  return self->items;
}

/**
 * cq_parsed_feed_add_item:
 *
 * Adds @item unless an item with the same guid is there already: feeds
 * repeat items, and the store keys items by guid.
 */
void
cq_parsed_feed_add_item (CqParsedFeed *self,
                         CqItem       *item)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  g_return_if_fail (CQ_IS_ITEM (item));

  if (g_hash_table_contains (self->guids, cq_item_get_guid (item)))
    return;
  if (self->items->len >= CQ_FEED_MAX_ITEMS)
    {
      self->overflowed = TRUE;
      return;
    }
  g_ptr_array_add (self->items, g_object_ref (item));
  g_hash_table_add (self->guids, (gpointer) cq_item_get_guid (item));
}

/**
 * cq_parsed_feed_get_overflowed:
 *
 * Returns: whether the document listed more than %CQ_FEED_MAX_ITEMS items,
 *   those past the cap not kept
 */
gboolean
cq_parsed_feed_get_overflowed (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), FALSE);
  return self->overflowed;
}

/**
 * cq_parsed_feed_set_recovered:
 * @n_cut_off: items the document ended (or broke) inside, not kept
 *
 * Says that the document was not well-formed and was read as far as it
 * could be: what it holds may be cut short, so a sync adds what is new
 * from it but takes no stored statement to be edited.
 */
void
cq_parsed_feed_set_recovered (CqParsedFeed *self,
                              guint         n_cut_off)
{
  g_return_if_fail (CQ_IS_PARSED_FEED (self));
  self->recovered = TRUE;
  self->n_cut_off = n_cut_off;
}

/**
 * cq_parsed_feed_get_recovered:
 *
 * Returns: whether the document was not well-formed and was read in
 *   recovery (see cq_parsed_feed_set_recovered())
 */
gboolean
cq_parsed_feed_get_recovered (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), FALSE);
  return self->recovered;
}

/**
 * cq_parsed_feed_get_n_cut_off:
 *
 * Returns: how many items a recovered document broke off inside
 */
guint
cq_parsed_feed_get_n_cut_off (CqParsedFeed *self)
{
  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), 0);
  return self->n_cut_off;
}

/**
 * cq_parsed_feed_describe_recovery:
 *
 * Returns: (transfer full) (nullable): what a recovered document means for
 *   its reader, in words, or %NULL for a well-formed one
 */
char *
cq_parsed_feed_describe_recovery (CqParsedFeed *self)
{
  guint n_items;

  g_return_val_if_fail (CQ_IS_PARSED_FEED (self), NULL);

  if (!self->recovered)
    return NULL;
  n_items = self->items->len;
  if (self->n_cut_off > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The feed ended early: %u statement was read; what was cut short was left out.",
                                         "The feed ended early: %u statements were read; what was cut short was left out.",
                                         n_items),
                            n_items);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The feed is not well-formed: %u statement was read as far as it could be.",
                                       "The feed is not well-formed: %u statements were read as far as they could be.",
                                       n_items),
                          n_items);
}
