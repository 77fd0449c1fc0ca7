/* cq-source-list.c: the store's sources as a live GListModel
 *
 * Every view of the sources (the window's source selector, its header,
 * Preferences) binds to one of these instead of asking the store again.
 * When the store says its sources changed, they are read again.  A source
 * that is still there keeps its object, updated in place with notify (a
 * rename redraws a label, it does not rebuild a row being edited);
 * items-changed reports only the span of sources added or removed.  A
 * failed read keeps the last good list and says why in the error property.
 * Each source's unread count, and the total, follow every change of items
 * or their read state (one index-only count); after a sync's write (a
 * background change) they are counted on the store's worker, so that the
 * window keeps drawing, and a change of the sources alone counts nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include "cq-latest-read.h"
#include "cq-list-span.h"
#include "cq-source-list.h"
#include "cq-source-private.h"

struct _CqSourceList
{
  GObject       parent_instance;

  CqStore      *store;
  gulong        changed_id;
  GPtrArray    *sources;
  GError       *error;
  guint         unread_count;
  GHashTable   *counts;      /* the last count read, by source id */
  GCancellable *counting;    /* a count on the worker not yet shown */
  guint         count_later_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CqSourceList, cq_source_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_ERROR,
  PROP_UNREAD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cq_source_list_get_item_type (GListModel *model)
{
  return CQ_TYPE_SOURCE;
}

static guint
cq_source_list_get_n_items (GListModel *model)
{
  return CQ_SOURCE_LIST (model)->sources->len;
}

static gpointer
cq_source_list_get_item (GListModel *model,
                         guint       position)
{
  CqSourceList *self = CQ_SOURCE_LIST (model);

  if (position >= self->sources->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sources, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cq_source_list_get_item_type;
  iface->get_n_items = cq_source_list_get_n_items;
  iface->get_item = cq_source_list_get_item;
}

typedef struct {
  GPtrArray *old;
  GPtrArray *sources;
} SourceLists;

static gboolean
same_id (guint    old_index,
         guint    new_index,
         gpointer user_data)
{
  SourceLists *lists = user_data;

  return cq_source_get_id (g_ptr_array_index (lists->old, old_index)) ==
         cq_source_get_id (g_ptr_array_index (lists->sources, new_index));
}

/* Sources still there keep their objects: @sources takes them over. */
static void
keep_source (CqSourceList *self,
             GPtrArray    *sources,
             guint         old_position,
             guint         new_position)
{
  CqSource *kept = g_ptr_array_index (self->sources, old_position);

  _cq_source_assign (kept, g_ptr_array_index (sources, new_position));
  g_object_unref (g_ptr_array_index (sources, new_position));
  g_ptr_array_index (sources, new_position) = g_object_ref (kept);
}

static void
replace_sources (CqSourceList *self,
                 GPtrArray    *sources)
{
  g_autoptr(GPtrArray) old = NULL;
  guint old_len = self->sources->len;
  SourceLists lists = { self->sources, sources };
  guint head, tail;

  cq_list_changed_span (old_len, sources->len, same_id, &lists, &head, &tail);

  /* Kept sources are brought up to date first; views told of the span
   * then find the new list in place. */
  for (guint i = 0; i < head; i++)
    keep_source (self, sources, i, i);
  for (guint i = 0; i < tail; i++)
    keep_source (self, sources, old_len - 1 - i, sources->len - 1 - i);
  old = g_steal_pointer (&self->sources);
  self->sources = g_ptr_array_ref (sources);

  if (head == old_len && head == sources->len)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail, sources->len - head - tail);
  if (old_len != sources->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
reload (CqSourceList *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  gboolean had_error = self->error != NULL;

  g_clear_error (&self->error);
  sources = cq_store_dup_sources (self->store, &self->error);
  if (sources != NULL)
    replace_sources (self, sources);
  if (had_error || self->error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
apply_counts (CqSourceList *self)
{
  guint total = 0;

  for (guint i = 0; i < self->sources->len; i++)
    {
      CqSource *source = g_ptr_array_index (self->sources, i);
      gint64 id = cq_source_get_id (source);
      guint n = self->counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, &id)) : 0;

      _cq_source_set_unread_count (source, n);
      total += n;
    }
  if (total != self->unread_count)
    {
      self->unread_count = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
    }
}

static void
take_counts (CqSourceList *self,
             GHashTable   *counts)
{
  g_clear_pointer (&self->counts, g_hash_table_unref);
  self->counts = counts;
  apply_counts (self);
}

static void
count_unread (CqSourceList *self)
{
  GHashTable *counts;

  /* What is counted now is newer than any count on its way. */
  cq_latest_read_forget (&self->counting);
  /* A count that cannot be read keeps the last one. */
  if ((counts = cq_store_count_unread (self->store, NULL)) != NULL)
    take_counts (self, counts);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CqSourceList) self = cq_latest_read_end (user_data);
  GHashTable *counts = cq_store_count_unread_finish (CQ_STORE (object), result, NULL);

  /* A newer count, or the list's end, came first: this one is stale. */
  if (self == NULL)
    g_clear_pointer (&counts, g_hash_table_unref);
  else if (counts != NULL)
    take_counts (self, counts);
}

static void
count_unread_in_background (CqSourceList *self)
{
  CqLatestRead *read = cq_latest_read_begin (self, &self->counting);

  cq_store_count_unread_async (self->store, self->counting, counted_cb, read);
}

static gboolean
count_later_cb (gpointer data)
{
  CqSourceList *self = data;

  self->count_later_id = 0;
  /* A count made meanwhile (the store changed) is as new. */
  if (self->counting == NULL && self->counts == NULL)
    count_unread_in_background (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CqSourceList *self,
                  guint         what)
{
  if (what & CQ_STORE_CHANGE_SOURCES)
    reload (self);
  if (!(what & (CQ_STORE_CHANGE_ITEMS | CQ_STORE_CHANGE_STATE)))
    apply_counts (self);      /* new sources start from the last count */
  else if (what & CQ_STORE_CHANGE_BACKGROUND)
    count_unread_in_background (self);
  else
    count_unread (self);
}

static void
cq_source_list_dispose (GObject *object)
{
  CqSourceList *self = CQ_SOURCE_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->count_later_id, g_source_remove);
  cq_latest_read_forget (&self->counting);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_source_list_parent_class)->dispose (object);
}

static void
cq_source_list_finalize (GObject *object)
{
  CqSourceList *self = CQ_SOURCE_LIST (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cq_source_list_parent_class)->finalize (object);
}

static void
cq_source_list_constructed (GObject *object)
{
  CqSourceList *self = CQ_SOURCE_LIST (object);

  G_OBJECT_CLASS (cq_source_list_parent_class)->constructed (object);

  g_assert (CQ_IS_STORE (self->store));
  self->changed_id = g_signal_connect_swapped (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  reload (self);
  /* The constructors count: at once, or on the worker. */
}

static void
cq_source_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CqSourceList *self = CQ_SOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->sources->len); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_UNREAD_COUNT: g_value_set_uint (value, self->unread_count); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_source_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CqSourceList *self = CQ_SOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_source_list_class_init (CqSourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cq_source_list_constructed;
  object_class->dispose = cq_source_list_dispose;
  object_class->finalize = cq_source_list_finalize;
  object_class->get_property = cq_source_list_get_property;
  object_class->set_property = cq_source_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CQ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many statements are unread, in every source together. */
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_source_list_init (CqSourceList *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cq_source_list_new:
 * @store: the store whose sources to list
 *
 * Returns: (transfer full): the sources in the store's order, kept current
 */
CqSourceList *
cq_source_list_new (CqStore *store)
{
  CqSourceList *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_SOURCE_LIST, "store", store, NULL);
  count_unread (self);
  return self;
}

/**
 * cq_source_list_new_counting_later:
 * @store: the store whose sources to list
 *
 * The list of cq_source_list_new(), for a window's first frame: counting
 * the unread items is a walk over all of them (23 ms of a start at
 * 100,000), so the counts are read on the store's worker and come a
 * moment later, with notify::unread-count; until then they are 0.
 *
 * Returns: (transfer full): the sources in the store's order, kept current
 */
CqSourceList *
cq_source_list_new_counting_later (CqStore *store)
{
  CqSourceList *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_SOURCE_LIST, "store", store, NULL);
  /* Once the main loop has nothing more urgent (the first frame): not
   * even the worker's core is taken from it before. */
  self->count_later_id = g_idle_add_full (G_PRIORITY_LOW, count_later_cb, self, NULL);
  return self;
}

/**
 * cq_source_list_get_store:
 *
 * Returns: (transfer none): the store the sources are read from
 */
CqStore *
cq_source_list_get_store (CqSourceList *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE_LIST (self), NULL);
  return self->store;
}

/**
 * cq_source_list_find:
 *
 * Returns: the position of the source with @source_id, or %G_MAXUINT
 */
guint
cq_source_list_get_unread_count (CqSourceList *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE_LIST (self), 0);
  return self->unread_count;
}

guint
cq_source_list_find (CqSourceList *self,
                     gint64        source_id)
{
  g_return_val_if_fail (CQ_IS_SOURCE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->sources->len; i++)
    if (cq_source_get_id (g_ptr_array_index (self->sources, i)) == source_id)
      return i;
  return G_MAXUINT;
}

/**
 * cq_source_list_lookup:
 *
 * Returns: (transfer none) (nullable): the source with @source_id, or %NULL
 *   when the store has none
 */
CqSource *
cq_source_list_lookup (CqSourceList *self,
                       gint64        source_id)
{
  guint position = cq_source_list_find (self, source_id);

  return position != G_MAXUINT ? g_ptr_array_index (self->sources, position) : NULL;
}

/**
 * cq_source_list_get_error:
 *
 * Returns: (nullable): why the last read of the sources failed, or %NULL
 */
const GError *
cq_source_list_get_error (CqSourceList *self)
{
  g_return_val_if_fail (CQ_IS_SOURCE_LIST (self), NULL);
  return self->error;
}
