/* inv-picture-model.c — what the architecture picture shows
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the register (inv_item) and applies the filter, with no Graphviz:
 * components and applications are drawn; couplings go from from_item to
 * to_item. A domain or supplier filter selects its items, every coupling
 * that touches one of them, and the other ends of those couplings as
 * context ("outside the filter"). "External" keeps only external
 * couplings and their ends. A coupling's end of another kind (a supplier
 * as chain partner, a process) is drawn too, so that no coupling the
 * filter selects is left out. Suppliers, contracts and processes are not
 * drawn on their own.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "inv-picture-private.h"

static void
item_free (InvPictureItem *item)
{
  g_free (item->kind);
  g_free (item->name);
  g_free (item->type);
  g_free (item->domain);
  g_free (item->supplier_name);
  g_free (item->owner_name);
  g_free (item);
}

static void
coupling_free (InvPictureCoupling *coupling)
{
  g_free (coupling->protocol);
  g_free (coupling->scope);
  g_free (coupling->direction);
  g_free (coupling->owner_name);
  g_free (coupling);
}

static void
group_free (InvPictureGroup *group)
{
  g_free (group->key);
  g_free (group->label);
  g_free (group->dom_id);
  g_free (group);
}

void
inv_picture_model_free (InvPictureModel *model)
{
  if (model == NULL)
    return;
  g_free ((char *) model->options.domain);
  g_free ((char *) model->options.lang);
  g_free (model->filter_text);
  g_clear_pointer (&model->by_id, g_hash_table_unref);
  g_clear_pointer (&model->couplings, g_ptr_array_unref);
  g_clear_pointer (&model->items, g_ptr_array_unref);
  g_clear_pointer (&model->groups, g_ptr_array_unref);
  g_free (model);
}

/* English pictures look their words up in a domain that has no
 * translations, so gettext gives the source text back. */
const char *
inv_picture_domain (const InvPictureModel *model)
{
  return g_strcmp0 (model->options.lang, "en") == 0 ? "helder-source-text" : GETTEXT_PACKAGE;
}

const char *
inv_picture_tr (const InvPictureModel *model, const char *msgid)
{
  return g_dgettext (inv_picture_domain (model), msgid);
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
load_items (HelderStore *store, InvPictureModel *model, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT i.id, i.kind, i.name, i.type, i.domain, IFNULL (i.supplier, 0),"
    " IFNULL (s.name, ''), IFNULL (i.owner, 0), IFNULL (p.name, ''), i.owner_erased"
    " FROM inv_item i LEFT JOIN inv_item s ON s.id = i.supplier"
    " LEFT JOIN person p ON p.id = i.owner WHERE i.kind <> 'coupling' ORDER BY i.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      InvPictureItem *item = g_new0 (InvPictureItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->kind = column_text (stmt, 1);
      item->name = column_text (stmt, 2);
      item->type = column_text (stmt, 3);
      item->domain = column_text (stmt, 4);
      item->supplier = sqlite3_column_int64 (stmt, 5);
      item->supplier_name = column_text (stmt, 6);
      item->owner = sqlite3_column_int64 (stmt, 7);
      item->owner_name = column_text (stmt, 8);
      item->owner_erased = sqlite3_column_int (stmt, 9) != 0;
      g_ptr_array_add (model->items, item);
      g_hash_table_insert (model->by_id, &item->id, item);
    }
  return helder_store_propagate (store, rc, error);
}

gboolean
inv_picture_item_unowned (const InvPictureItem *item)
{
  return item->owner == 0 &&
         (g_str_equal (item->kind, "component") || g_str_equal (item->kind, "application") ||
          g_str_equal (item->kind, "process"));
}

static gboolean
drawable (const InvPictureItem *item)
{
  return g_str_equal (item->kind, "component") || g_str_equal (item->kind, "application");
}

/* The filter's own items: drawable, in the domain, of the supplier. */
static gboolean
matches (const InvPictureModel *model, const InvPictureItem *item)
{
  const InvPictureOptions *o = &model->options;

  return drawable (item) && (o->domain == NULL || g_str_equal (item->domain, o->domain)) &&
         (o->supplier == 0 || item->supplier == o->supplier);
}

static gboolean
filtered (const InvPictureModel *model)
{
  return model->options.domain != NULL || model->options.supplier != 0;
}

static gboolean
coupling_selected (const InvPictureModel *model,
                   const InvPictureItem *from,
                   const InvPictureItem *to,
                   const char *scope)
{
  if (model->options.external_only && !g_str_equal (scope, "external"))
    return FALSE;
  return !filtered (model) || matches (model, from) || matches (model, to);
}

static void
select_end (InvPictureModel *model, InvPictureItem *item)
{
  if (item->selected)
    return;
  item->selected = TRUE;
  item->context = filtered (model) && !matches (model, item);
}

static gboolean
load_couplings (HelderStore *store, InvPictureModel *model, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT c.id, c.from_item, c.to_item, c.protocol, c.scope, c.direction,"
    " IFNULL (c.owner, 0), IFNULL (p.name, ''), c.owner_erased"
    " FROM inv_item c LEFT JOIN person p ON p.id = c.owner"
    " WHERE c.kind = 'coupling' AND c.from_item IS NOT NULL AND c.to_item IS NOT NULL"
    " ORDER BY c.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 from_id = sqlite3_column_int64 (stmt, 1), to_id = sqlite3_column_int64 (stmt, 2);
      InvPictureItem *from = g_hash_table_lookup (model->by_id, &from_id);
      InvPictureItem *to = g_hash_table_lookup (model->by_id, &to_id);
      const char *scope = (const char *) sqlite3_column_text (stmt, 4);
      InvPictureCoupling *c;

      /* a coupling between couplings is not a thing the register makes */
      if (from == NULL || to == NULL || !coupling_selected (model, from, to, scope))
        continue;
      c = g_new0 (InvPictureCoupling, 1);
      c->id = sqlite3_column_int64 (stmt, 0);
      c->from = from;
      c->to = to;
      c->protocol = column_text (stmt, 3);
      c->scope = column_text (stmt, 4);
      c->direction = column_text (stmt, 5);
      c->owner = sqlite3_column_int64 (stmt, 6);
      c->owner_name = column_text (stmt, 7);
      c->owner_erased = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (model->couplings, c);
      select_end (model, from);
      select_end (model, to);
    }
  return helder_store_propagate (store, rc, error);
}

static const char *
group_key (const InvPictureModel *model, const InvPictureItem *item)
{
  return model->options.group_by == INV_GROUP_SUPPLIER ? item->supplier_name : item->domain;
}

static int
compare_groups (gconstpointer a, gconstpointer b)
{
  const InvPictureGroup *x = *(InvPictureGroup *const *) a, *y = *(InvPictureGroup *const *) b;
  g_autofree char *fx = helder_text_fold (x->key);
  g_autofree char *fy = helder_text_fold (y->key);

  if ((x->key[0] == '\0') != (y->key[0] == '\0'))
    return x->key[0] == '\0' ? 1 : -1;
  return g_strcmp0 (fx, fy) != 0 ? g_strcmp0 (fx, fy) : g_strcmp0 (x->key, y->key);
}

/* A domain's number: its place among every domain of the register, so
 * that "domain-3" is the same domain whatever the filter. */
static char *
group_dom_id (const InvPictureModel *model, GPtrArray *domains, const InvPictureItem *item)
{
  if (model->options.group_by == INV_GROUP_SUPPLIER)
    return g_strdup_printf ("supplier-%" G_GINT64_FORMAT, item->supplier);
  for (guint i = 0; i < domains->len; i++)
    if (g_str_equal (g_ptr_array_index (domains, i), item->domain))
      return g_strdup_printf ("domain-%u", i + 1);
  return g_strdup ("domain-0");
}

static gboolean
make_groups (HelderStore *store, InvPictureModel *model, GError **error)
{
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) domains = inv_picture_domains (store, error);

  if (domains == NULL)
    return FALSE;
  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);
      const char *key = group_key (model, item);
      InvPictureGroup *group;

      if (drawable (item))
        model->n_register++;
      if (!item->selected)
        continue;
      model->n_selected++;
      if ((group = g_hash_table_lookup (index, key)) == NULL)
        {
          group = g_new0 (InvPictureGroup, 1);
          group->key = g_strdup (key);
          group->dom_id = group_dom_id (model, domains, item);
          group->label = g_strdup (
            key[0] != '\0' ? key
                           : inv_picture_tr (model, model->options.group_by == INV_GROUP_SUPPLIER
                                                      ? N_ ("no supplier")
                                                      : N_ ("no domain")));
          g_ptr_array_add (model->groups, group);
          g_hash_table_insert (index, group->key, group);
        }
      if (item->context)
        group->context++;
      else if (g_str_equal (item->kind, "application"))
        group->applications++;
      else if (g_str_equal (item->kind, "component"))
        group->components++;
      else
        group->others++;
    }
  g_ptr_array_sort (model->groups, compare_groups);
  for (guint g = 0; g < model->groups->len; g++)
    g_hash_table_insert (index, ((InvPictureGroup *) g_ptr_array_index (model->groups, g))->key,
                         GINT_TO_POINTER (g + 1));
  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);

      if (item->selected)
        item->group = GPOINTER_TO_INT (g_hash_table_lookup (index, group_key (model, item))) - 1;
    }
  return TRUE;
}

static gboolean
check_options (HelderStore *store, const InvPictureOptions *options, GError **error)
{
  g_autofree char *domain = NULL;
  g_autofree char *supplier = NULL;

  if (options->domain != NULL &&
      (domain = inv_picture_resolve_domain (store, options->domain, error)) == NULL)
    return FALSE;
  if (options->supplier != 0)
    {
      supplier = g_strdup_printf ("%" G_GINT64_FORMAT, options->supplier);
      if (inv_picture_resolve_supplier (store, supplier, error) == 0)
        return FALSE;
    }
  if (options->group_by != INV_GROUP_DOMAIN && options->group_by != INV_GROUP_SUPPLIER)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "group_by", _ ("group by: “%d” is unknown"),
                        (int) options->group_by);
      return FALSE;
    }
  if (options->layout != INV_LAYOUT_AUTO && options->layout != INV_LAYOUT_DETAIL &&
      options->layout != INV_LAYOUT_OVERVIEW)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "layout", _ ("layout: “%d” is unknown"),
                        (int) options->layout);
      return FALSE;
    }
  return TRUE;
}

InvPictureModel *
inv_picture_model_load (HelderStore *store, const InvPictureOptions *options, GError **error)
{
  g_autoptr (InvPictureModel) model = g_new0 (InvPictureModel, 1);

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  if (!check_options (store, options, error))
    return NULL;
  model->options = *options;
  model->options.domain = NULL;
  model->options.lang = g_strdup (options->lang);
  if (options->domain != NULL)
    model->options.domain = inv_picture_resolve_domain (store, options->domain, NULL);
  model->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  model->couplings = g_ptr_array_new_with_free_func ((GDestroyNotify) coupling_free);
  model->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  model->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!load_items (store, model, error) || !load_couplings (store, model, error))
    return NULL;
  if (!options->external_only)
    for (guint i = 0; i < model->items->len; i++)
      {
        InvPictureItem *item = g_ptr_array_index (model->items, i);

        if (matches (model, item))
          select_end (model, item);
      }
  if (!make_groups (store, model, error))
    return NULL;
  return g_steal_pointer (&model);
}

gboolean
inv_picture_model_layout (InvPictureModel *model, InvLayout *layout, GError **error)
{
  gboolean large = model->n_selected > INV_PICTURE_AUTO_MAX_ITEMS ||
                   model->couplings->len > INV_PICTURE_AUTO_MAX_COUPLINGS;
  guint64 cost = 0;

  if (model->options.layout == INV_LAYOUT_OVERVIEW)
    return (*layout = INV_LAYOUT_OVERVIEW, TRUE);
  if (!large)
    cost = inv_picture_model_rank_cost (model);
  if (model->options.layout == INV_LAYOUT_AUTO && (large || cost > INV_PICTURE_AUTO_MAX_COST))
    return (*layout = INV_LAYOUT_OVERVIEW, TRUE);
  if (model->n_selected > INV_PICTURE_DETAIL_MAX_ITEMS ||
      model->couplings->len > INV_PICTURE_DETAIL_MAX_COUPLINGS)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "layout",
                        _ ("layout: a detailed picture of %u items and %u couplings cannot be "
                           "drawn in time (at most %u items and %u couplings); choose one domain "
                           "or supplier, or the overview"),
                        model->n_selected, model->couplings->len, INV_PICTURE_DETAIL_MAX_ITEMS,
                        INV_PICTURE_DETAIL_MAX_COUPLINGS);
      return FALSE;
    }
  if ((cost != 0 ? cost : inv_picture_model_rank_cost (model)) > INV_PICTURE_DETAIL_MAX_COST)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "layout",
                        _ ("layout: the couplings of these %u items cross so many levels that a "
                           "detailed picture cannot be drawn in time; choose one domain or "
                           "supplier, or the overview"),
                        model->n_selected);
      return FALSE;
    }
  *layout = INV_LAYOUT_DETAIL;
  return TRUE;
}

/* ---- what dot will cost ------------------------------------------------------ */

typedef struct
{
  GArray *out; /* per node: GArray of node indexes */
} Adjacency;

/* dot's work grows with the virtual nodes it adds where an edge spans
 * ranks, not with the items alone (measured: 1,000 items with 3,000
 * couplings made 26,000 nodes, a domain of 735 items with 2,000
 * couplings 74,000 and ten times the time). This estimates that number
 * as dot ranks: back edges of a depth-first search reversed, the longest
 * path from the sources, sources then moved down next to their first
 * successor; the sum over the couplings of the ranks each spans. */
guint64
inv_picture_model_rank_cost (InvPictureModel *model)
{
  g_autoptr (GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new ();
  g_autofree guint *from = NULL, *to = NULL, *rank = NULL, *indegree = NULL, *state = NULL;
  g_autofree guint *order = NULL, *stack = NULL, *edge_at = NULL, *first = NULL, *next = NULL;
  guint n, m = model->couplings->len, done = 0, top = 0;
  guint64 cost;

  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);

      if (item->selected)
        {
          g_hash_table_insert (index, &item->id, GUINT_TO_POINTER (nodes->len));
          g_ptr_array_add (nodes, item);
        }
    }
  n = nodes->len;
  cost = n;
  if (n == 0)
    return 0;
  from = g_new (guint, m);
  to = g_new (guint, m);
  first = g_new (guint, n);
  next = g_new (guint, m);
  for (guint v = 0; v < n; v++)
    first[v] = G_MAXUINT;
  for (guint e = 0; e < m; e++)
    {
      InvPictureCoupling *c = g_ptr_array_index (model->couplings, e);

      from[e] = GPOINTER_TO_UINT (g_hash_table_lookup (index, &c->from->id));
      to[e] = GPOINTER_TO_UINT (g_hash_table_lookup (index, &c->to->id));
      next[e] = first[from[e]];
      first[from[e]] = e;
    }
  /* depth-first search without recursion: an edge to a node on the
   * stack is a back edge, reversed as dot reverses it */
  state = g_new0 (guint, n); /* 0 new, 1 on the stack, 2 done */
  stack = g_new (guint, n);
  edge_at = g_new (guint, n);
  for (guint s = 0; s < n; s++)
    {
      if (state[s] != 0)
        continue;
      stack[top++] = s;
      state[s] = 1;
      edge_at[s] = first[s];
      while (top > 0)
        {
          guint v = stack[top - 1], e = edge_at[v];

          if (e == G_MAXUINT)
            {
              state[v] = 2;
              top--;
              continue;
            }
          edge_at[v] = next[e];
          if (state[to[e]] == 1)
            {
              guint t = to[e];

              to[e] = from[e];
              from[e] = t;
            }
          else if (state[to[e]] == 0)
            {
              state[to[e]] = 1;
              edge_at[to[e]] = first[to[e]];
              stack[top++] = to[e];
            }
        }
    }
  /* the longest path from the sources, in topological order */
  rank = g_new0 (guint, n);
  indegree = g_new0 (guint, n);
  order = g_new (guint, n);
  for (guint v = 0; v < n; v++)
    first[v] = G_MAXUINT;
  for (guint e = 0; e < m; e++)
    {
      if (from[e] == to[e])
        continue;
      next[e] = first[from[e]];
      first[from[e]] = e;
      indegree[to[e]]++;
    }
  for (guint v = 0; v < n; v++)
    if (indegree[v] == 0)
      order[top++] = v;
  while (done < top)
    {
      guint v = order[done++];

      for (guint e = first[v]; e != G_MAXUINT; e = next[e])
        {
          rank[to[e]] = MAX (rank[to[e]], rank[v] + 1);
          if (--indegree[to[e]] == 0)
            order[top++] = to[e];
        }
    }
  for (guint v = 0; v < n; v++)
    {
      guint lowest = G_MAXUINT;

      if (rank[v] != 0 || first[v] == G_MAXUINT)
        continue;
      for (guint e = first[v]; e != G_MAXUINT; e = next[e])
        lowest = MIN (lowest, rank[to[e]]);
      rank[v] = lowest - 1;
    }
  for (guint e = 0; e < m; e++)
    if (from[e] != to[e])
      cost += (rank[to[e]] > rank[from[e]] ? rank[to[e]] - rank[from[e]] : 1) - 1;
  return cost;
}
