/* cq-item-list.c: the store's items as a GListModel, fetched as they are shown
 *
 * The list keeps only the ids of the items it holds, in order; an item is
 * read from the store when a view asks for it.  When the store changes, the
 * ids are read again and compared with the old ones, and items-changed
 * reports just the span between the unchanged head and tail, so that a view
 * keeps its scroll position and its rows.  After a sync's write (a
 * background change), the ids are read on the store's worker and the list
 * catches up a moment later, so that the window keeps drawing; any other
 * change, and any change of what the list shows, is read at once.
 *
 * A background read that adds many items in one place (a sync's newest,
 * above the rows listed; the rest of a first page, below them) shows them
 * a slice at a time, 30 ms apart: GTK 4.8 makes and binds a row for each
 * new item among the 200 around the rows on screen, and 185 of them in one
 * frame were 11-18 ms of a post-sync frame (bench-sync-stall).  The first
 * slice is the top of the new items, so that a list scrolled to its top
 * shows the newest at once and keeps them; then the slices next to the
 * rows listed before, where a list scrolled down keeps its place; the
 * rest, in between, makes few rows.
 *
 * A list view binds a screenful of rows at a time (GTK 4.8's keeps 200),
 * in order, and a query for each would be most of a scroll's frame: the
 * list reads the items around the one asked for together, and keeps them
 * while they are at those places.  The store keeps them up to date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-store"

#include "config.h"

#include "cq-item-list.h"
#include "cq-latest-read.h"
#include "cq-list-span.h"

struct _CqItemList
{
  GObject       parent_instance;

  CqStore      *store;
  gulong        changed_id;
  GArray       *ids;
  GError       *error;

  CqItemFilter  filter;
  char         *search;
  gint64        source_id;
  gint64        kept_id;

  GCancellable *pending;   /* a background read not yet shown */

  GPtrArray    *window;    /* CqItem or NULL, from window_start on */
  guint         window_start;

  gboolean      partial;   /* the first page, the rest on its way */
  guint         rest_id;   /* reading the rest, once the loop is idle */

  GArray       *arriving;     /* a background read's ids, shown a slice at a time */
  guint         arriving_at;  /* where its new ids begin, here and there */
  guint         n_arriving;   /* how many new ids it has */
  guint         shown_above;  /* of them, the first ones shown */
  guint         shown_below;  /* and the last ones shown */
  gboolean      rows_above;   /* the rows listed before are above them */
  guint         arrive_id;    /* the next slice */
};

/* What a window's first frame needs of the list.  The newest FIRST_PAGE
 * ids are read at once, to know whether the item to select is among them;
 * the list holds as many of them as the window can show, unless that item
 * is further down.  GTK 4.8 makes a row for every item up to 200, and
 * making and binding 200 rows is most of what the list costs that frame
 * (42 ms of a start at 100,000 items, perf); 48 rows, where a window of
 * the default size shows 16 at most, were still a twentieth of the start
 * (bench-startup). */
#define FIRST_PAGE 256

/* How many items are read together, and how many of them come before the
 * one asked for: a view scrolled up binds the rows above it. */
#define WINDOW_SIZE   64
#define WINDOW_BEHIND 8

/* How many new items a background read shows at a time, how long after
 * the last (about two frames), and how many in slices at most: once the
 * slices cover the rows a list view binds around the ones shown (GTK
 * 4.8's 200), the rest make no rows and come at once. */
#define ARRIVING_SLICE       48
#define ARRIVING_INTERVAL_MS 30
#define ARRIVING_IN_SLICES   200

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CqItemList, cq_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_SEARCH,
  PROP_SOURCE_ID,
  PROP_KEPT_ID,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cq_item_list_get_item_type (GListModel *model)
{
  return CQ_TYPE_ITEM;
}

static guint
cq_item_list_get_n_items (GListModel *model)
{
  return CQ_ITEM_LIST (model)->ids->len;
}

static CqItem *
window_item (CqItemList *self,
             guint       position,
             gint64      item_id)
{
  CqItem *item;

  if (self->window == NULL || position < self->window_start ||
      position - self->window_start >= self->window->len)
    return NULL;
  item = g_ptr_array_index (self->window, position - self->window_start);
  return item != NULL && cq_item_get_id (item) == item_id ? item : NULL;
}

static void
read_window (CqItemList *self,
             guint       position)
{
  guint start = position > WINDOW_BEHIND ? position - WINDOW_BEHIND : 0;
  guint n = MIN (WINDOW_SIZE, self->ids->len - start);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->window, g_ptr_array_unref);
  self->window = cq_store_dup_items (self->store, &g_array_index (self->ids, gint64, start), n, &error);
  self->window_start = start;
  if (self->window == NULL)
    g_debug ("Items from %u could not be read: %s", start, error->message);
}

static gpointer
cq_item_list_get_item (GListModel *model,
                       guint       position)
{
  CqItemList *self = CQ_ITEM_LIST (model);
  g_autoptr(GError) error = NULL;
  CqItem *item;
  gint64 item_id;

  if (position >= self->ids->len)
    return NULL;

  item_id = g_array_index (self->ids, gint64, position);
  /* Items moved by new ones above them are asked for again at their new
   * places (GTK 4.8 asks for every row it keeps after the change): the
   * rows hold them still. */
  if (window_item (self, position, item_id) == NULL && (item = cq_store_dup_loaded_item (self->store, item_id)))
    return item;
  if (window_item (self, position, item_id) == NULL)
    read_window (self, position);
  if ((item = window_item (self, position, item_id)) != NULL)
    return g_object_ref (item);

  /* Gone since the list was read, or the read failed: say which. */
  item = cq_store_dup_item (self->store, item_id, &error);
  if (item == NULL)
    g_debug ("Item at %u could not be read: %s", position, error->message);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cq_item_list_get_item_type;
  iface->get_n_items = cq_item_list_get_n_items;
  iface->get_item = cq_item_list_get_item;
}

/* Reports the smallest single span that turns the old order into the new. */
typedef struct {
  GArray *old;
  GArray *ids;
} IdLists;

static gboolean
same_id (guint    old_index,
         guint    new_index,
         gpointer user_data)
{
  IdLists *lists = user_data;

  return g_array_index (lists->old, gint64, old_index) == g_array_index (lists->ids, gint64, new_index);
}

/* Reports the smallest single span that turns the old order into the new. */
static void
replace_ids (CqItemList *self,
             GArray     *ids)
{
  g_autoptr(GArray) old = self->ids;
  IdLists lists = { old, ids };
  guint head, tail;

  cq_list_changed_span (old->len, ids->len, same_id, &lists, &head, &tail);
  self->ids = g_array_ref (ids);

  if (head == old->len && head == ids->len)
    return;
  /* Items have moved: what is read next is read around its new place. */
  g_clear_pointer (&self->window, g_ptr_array_unref);

  g_list_model_items_changed (G_LIST_MODEL (self), head,
                              old->len - head - tail, ids->len - head - tail);
  if (old->len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
stop_arriving (CqItemList *self)
{
  g_clear_handle_id (&self->arrive_id, g_source_remove);
  g_clear_pointer (&self->arriving, g_array_unref);
}

/* Shows @n more of the new items that are arriving (see the top of the
 * file), or all of them. */
static void
arrive (CqItemList *self,
        guint       n)
{
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GArray) ids = g_array_ref (self->arriving);
  guint at = self->arriving_at;
  guint total;

  n = MIN (n, self->n_arriving - self->shown_above - self->shown_below);
  if (self->rows_above || self->shown_above == 0)
    self->shown_above += n;
  else
    self->shown_below += n;
  total = self->shown_above + self->shown_below;
  if (total >= self->n_arriving || total >= ARRIVING_IN_SLICES)
    {
      stop_arriving (self);
      replace_ids (self, ids);
      return;
    }
  /* The list as it will be, less the new items not shown yet: a list it
   * could have been, so that every step is exact. */
  shown = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len - self->n_arriving + total);
  g_array_append_vals (shown, ids->data, at + self->shown_above);
  g_array_append_vals (shown, &g_array_index (ids, gint64, at + self->n_arriving - self->shown_below),
                       ids->len - (at + self->n_arriving - self->shown_below));
  replace_ids (self, shown);
}

static gboolean
arrive_cb (gpointer data)
{
  CqItemList *self = data;

  self->arrive_id = 0;
  arrive (self, ARRIVING_SLICE);
  if (self->arriving != NULL)
    self->arrive_id = g_timeout_add (ARRIVING_INTERVAL_MS, arrive_cb, self);
  return G_SOURCE_REMOVE;
}

/* A background read's new order: many new items in one place are shown
 * a slice at a time (see the top of the file); anything else at once. */
static void
catch_up (CqItemList *self,
          GArray     *ids)
{
  IdLists lists = { self->ids, ids };
  guint head, tail;

  stop_arriving (self);
  cq_list_changed_span (self->ids->len, ids->len, same_id, &lists, &head, &tail);
  if (head + tail != self->ids->len || ids->len - head - tail <= ARRIVING_SLICE)
    {
      replace_ids (self, ids);
      return;
    }
  /* The rows on screen are among those listed before: next to the larger
   * part of them. */
  self->arriving = g_array_ref (ids);
  self->arriving_at = head;
  self->n_arriving = ids->len - head - tail;
  self->shown_above = self->shown_below = 0;
  self->rows_above = head >= tail;
  arrive_cb (self);
}

/* Whatever is still arriving, shown now. */
static void
arrive_all (CqItemList *self)
{
  if (self->arriving != NULL)
    arrive (self, G_MAXUINT / 2);
}

/* What the list shows, as the store is asked for it. */
static CqItemQuery
list_query (CqItemList *self,
            guint       limit)
{
  CqItemQuery query = {
    .filter = self->filter,
    .source_id = self->source_id,
    .search = self->search,
    .kept_id = self->kept_id,
    .limit = limit,
  };

  return query;
}

static void
reload (CqItemList *self)
{
  g_autoptr(GArray) ids = NULL;
  CqItemQuery query = list_query (self, 0);

  /* What is read now is newer than any read still on its way. */
  cq_latest_read_forget (&self->pending);
  stop_arriving (self);
  self->partial = FALSE;

  g_clear_error (&self->error);
  ids = cq_store_query_ids (self->store, &query, &self->error);
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  replace_ids (self, ids);
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CqItemList) self = cq_latest_read_end (user_data);
  g_autoptr(GArray) ids = cq_store_query_ids_finish (CQ_STORE (object), result, NULL);

  /* A newer read, or the list's end, came first: this one is stale. */
  if (self == NULL)
    return;
  if (ids == NULL)
    {
      /* Read here, then, and say what went wrong as a reload does. */
      reload (self);
      return;
    }
  g_clear_error (&self->error);
  self->partial = FALSE;
  catch_up (self, ids);
}

/* A sync's write: read the new order on the store's worker. */
static void
reload_in_background (CqItemList *self)
{
  CqItemQuery query = list_query (self, 0);
  CqLatestRead *read = cq_latest_read_begin (self, &self->pending);

  cq_store_query_ids_async (self->store, &query, self->pending, reloaded_cb, read);
}

static guint
position_of (GArray *ids,
             gint64  item_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == item_id)
      return i;
  return G_MAXUINT;
}

static gboolean
read_rest_cb (gpointer data)
{
  CqItemList *self = data;

  self->rest_id = 0;
  if (self->partial)
    reload_in_background (self);
  return G_SOURCE_REMOVE;
}

/* The newest items at once, the rest on the store's worker once the main
 * loop has nothing more urgent (the first frame), unless the item the
 * window selects first is not among them. */
static void
reload_first_page (CqItemList *self,
                   gint64      must_hold,
                   guint       n_rows)
{
  g_autoptr(GArray) ids = NULL;
  CqItemQuery query = list_query (self, FIRST_PAGE);
  guint must_hold_at;
  gboolean whole;

  ids = cq_store_query_ids (self->store, &query, NULL);
  must_hold_at = ids != NULL && must_hold != 0 ? position_of (ids, must_hold) : G_MAXUINT;
  if (ids == NULL || (ids->len == FIRST_PAGE && must_hold != 0 && must_hold_at == G_MAXUINT))
    {
      /* Read all, and say what went wrong as a reload does. */
      reload (self);
      return;
    }
  /* A short first page is the whole list. */
  whole = ids->len < FIRST_PAGE;
  if (ids->len > n_rows && (must_hold_at < n_rows || must_hold_at == G_MAXUINT))
    {
      g_array_set_size (ids, n_rows);
      whole = FALSE;
    }
  replace_ids (self, ids);
  if (!whole)
    {
      self->partial = TRUE;
      self->rest_id = g_idle_add_full (G_PRIORITY_LOW, read_rest_cb, self, NULL);
    }
}

static void
store_changed_cb (CqItemList *self,
                  guint       what)
{
  /* Read and starred changes move items only in a list filtered by them. */
  if (what == CQ_STORE_CHANGE_STATE && self->filter == CQ_ITEM_FILTER_ALL)
    return;
  if (what == CQ_STORE_CHANGE_SOURCES)
    return;
  if (what & CQ_STORE_CHANGE_BACKGROUND)
    reload_in_background (self);
  else
    reload (self);
}

static void
cq_item_list_dispose (GObject *object)
{
  CqItemList *self = CQ_ITEM_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  cq_latest_read_forget (&self->pending);
  stop_arriving (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cq_item_list_parent_class)->dispose (object);
}

static void
cq_item_list_finalize (GObject *object)
{
  CqItemList *self = CQ_ITEM_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->window, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cq_item_list_parent_class)->finalize (object);
}

static void
cq_item_list_constructed (GObject *object)
{
  CqItemList *self = CQ_ITEM_LIST (object);

  G_OBJECT_CLASS (cq_item_list_parent_class)->constructed (object);

  g_assert (CQ_IS_STORE (self->store));
  self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  /* The constructors read the list: all of it, or its first page. */
}

static void
cq_item_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CqItemList *self = CQ_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_FILTER: g_value_set_int (value, self->filter); break;
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_SOURCE_ID: g_value_set_int64 (value, self->source_id); break;
    case PROP_KEPT_ID: g_value_set_int64 (value, self->kept_id); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->ids->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_item_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CqItemList *self = CQ_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_FILTER: cq_item_list_set_filter (self, g_value_get_int (value)); break;
    case PROP_SEARCH: cq_item_list_set_search (self, g_value_get_string (value)); break;
    case PROP_SOURCE_ID: cq_item_list_set_source_id (self, g_value_get_int64 (value)); break;
    case PROP_KEPT_ID: cq_item_list_set_kept_id (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cq_item_list_class_init (CqItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cq_item_list_constructed;
  object_class->dispose = cq_item_list_dispose;
  object_class->finalize = cq_item_list_finalize;
  object_class->get_property = cq_item_list_get_property;
  object_class->set_property = cq_item_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CQ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A CqItemFilter; an int so that a .ui file can bind a dropdown to it. */
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL,
                      CQ_ITEM_FILTER_ALL, CQ_ITEM_FILTER_STARRED, CQ_ITEM_FILTER_ALL, rw);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE_ID] = g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* The item open in the reader, listed whatever the filter says. */
  properties[PROP_KEPT_ID] = g_param_spec_int64 ("kept-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cq_item_list_init (CqItemList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * cq_item_list_new:
 *
 * Returns: (transfer full): every item of @store, newest first
 */
CqItemList *
cq_item_list_new (CqStore *store)
{
  CqItemList *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  self = g_object_new (CQ_TYPE_ITEM_LIST, "store", store, NULL);
  reload (self);
  return self;
}

/**
 * cq_item_list_new_first_page:
 * @must_hold: the item that must be listed at once (the one to select
 *   first), or 0
 * @n_rows: how many rows the window's first frame can show (at least one)
 *
 * The list of cq_item_list_new(), for a window's first frame: the newest
 * @n_rows items are read at once, the rest on the store's worker once
 * the main loop is idle (after the first frame), and then the list grows
 * by them.  When @must_hold is further down, the list holds the newest
 * 256 at once, and when it is not among them, all.  cq_item_list_find()
 * always finds what is stored.
 *
 * Returns: (transfer full): every item of @store, newest first
 */
CqItemList *
cq_item_list_new_first_page (CqStore *store,
                             gint64   must_hold,
                             guint    n_rows)
{
  CqItemList *self;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);
  g_return_val_if_fail (n_rows > 0, NULL);

  self = g_object_new (CQ_TYPE_ITEM_LIST, "store", store, NULL);
  reload_first_page (self, must_hold, MIN (n_rows, FIRST_PAGE));
  return self;
}

CqItemFilter
cq_item_list_get_filter (CqItemList *self)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), CQ_ITEM_FILTER_ALL);
  return self->filter;
}

void
cq_item_list_set_filter (CqItemList   *self,
                         CqItemFilter  filter)
{
  g_return_if_fail (CQ_IS_ITEM_LIST (self));
  g_return_if_fail (filter <= CQ_ITEM_FILTER_STARRED);

  if (self->filter == filter)
    return;
  self->filter = filter;
  /* A new filter is a new view: it shows what it says, the open item too. */
  if (self->kept_id != 0)
    {
      self->kept_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT_ID]);
    }
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

const char *
cq_item_list_get_search (CqItemList *self)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), NULL);
  return self->search;
}

/**
 * cq_item_list_set_search:
 * @search: (nullable): words to find, as the user typed them
 */
void
cq_item_list_set_search (CqItemList *self,
                         const char *search)
{
  g_return_if_fail (CQ_IS_ITEM_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

gint64
cq_item_list_get_source_id (CqItemList *self)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), 0);
  return self->source_id;
}

/**
 * cq_item_list_set_source_id:
 * @source_id: the one source to list, or 0 for all
 */
void
cq_item_list_set_source_id (CqItemList *self,
                            gint64      source_id)
{
  g_return_if_fail (CQ_IS_ITEM_LIST (self));

  if (self->source_id == source_id)
    return;
  self->source_id = source_id;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}

/**
 * cq_item_list_get_error:
 *
 * Returns: (nullable): why the list could not be read the last time, or
 *   %NULL; the list is then empty
 */
const GError *
cq_item_list_get_error (CqItemList *self)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), NULL);
  return self->error;
}

/**
 * cq_item_list_find:
 *
 * Returns: the position of the item, or %GTK_INVALID_LIST_POSITION's value
 *   (%G_MAXUINT) when the list does not hold it
 */
guint
cq_item_list_find (CqItemList *self,
                   gint64      item_id)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == item_id)
      return i;
  /* Not among the first page, or not shown yet: the rest now, not a
   * moment later. */
  if (self->partial)
    {
      reload (self);
      return cq_item_list_find (self, item_id);
    }
  if (self->arriving != NULL)
    {
      arrive_all (self);
      return cq_item_list_find (self, item_id);
    }
  return G_MAXUINT;
}

gint64
cq_item_list_get_kept_id (CqItemList *self)
{
  g_return_val_if_fail (CQ_IS_ITEM_LIST (self), 0);
  return self->kept_id;
}

/**
 * cq_item_list_set_kept_id:
 * @item_id: the item to list whatever the filter says, or 0
 *
 * The item open in the reader stays in an Unread or Starred list once read
 * or unstarred, until the reader moves on, as in every reader.  Choosing
 * another filter forgets it.
 */
void
cq_item_list_set_kept_id (CqItemList *self,
                          gint64      item_id)
{
  g_return_if_fail (CQ_IS_ITEM_LIST (self));

  if (self->kept_id == item_id)
    return;
  self->kept_id = item_id;
  if (self->filter != CQ_ITEM_FILTER_ALL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT_ID]);
}
