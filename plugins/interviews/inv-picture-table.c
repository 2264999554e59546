/* inv-picture-table.c — the picture's content as a table, and its counts
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those who cannot read the picture: the same selection as rows (the
 * items drawn, the couplings drawn), and the overview's numbers (per group
 * its items and the couplings inside; per pair of groups the couplings
 * between them), which the overview picture shows too.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "inv-picture-private.h"

guint
inv_picture_group_inside (InvPictureModel *model, int group, guint *external)
{
  guint inside = 0;

  *external = 0;
  for (guint i = 0; i < model->couplings->len; i++)
    {
      InvPictureCoupling *c = g_ptr_array_index (model->couplings, i);

      if (c->from->group == group && c->to->group == group)
        {
          inside++;
          *external += g_str_equal (c->scope, "external");
        }
    }
  return inside;
}

/* One link per pair of groups with couplings between them, in the order
 * of the groups. */
GPtrArray *
inv_picture_links (InvPictureModel *model)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < model->couplings->len; i++)
    {
      InvPictureCoupling *c = g_ptr_array_index (model->couplings, i);
      int a = MIN (c->from->group, c->to->group), b = MAX (c->from->group, c->to->group);
      gint64 key = (gint64) a * 1000000 + b;
      InvPictureLink *link;

      if (a == b)
        continue;
      if ((link = g_hash_table_lookup (index, &key)) == NULL)
        {
          gint64 *stored = g_new (gint64, 1);

          link = g_new0 (InvPictureLink, 1);
          link->a = a;
          link->b = b;
          *stored = key;
          g_ptr_array_add (links, link);
          g_hash_table_insert (index, stored, link);
        }
      link->couplings++;
      link->external += g_str_equal (c->scope, "external");
      if (g_str_equal (c->direction, "two-way"))
        link->both++;
      else if (g_str_equal (c->direction, "one-way"))
        (*(c->from->group == a ? &link->a_to_b : &link->b_to_a))++;
      else
        link->unknown++;
    }
  return links;
}

static JsonNode *
ref (gint64 id, const char *name)
{
  JsonObject *o;
  JsonNode *node;

  if (id == 0)
    return json_node_new (JSON_NODE_NULL);
  o = json_object_new ();
  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "name", name);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

static JsonNode *
owner (const InvPictureModel *model, gint64 id, const char *name, gboolean erased)
{
  if (id == 0 && erased)
    return json_node_init_string (json_node_alloc (), inv_picture_tr (model, N_ ("erased person")));
  return ref (id, name);
}

static JsonObject *
item_row (const InvPictureModel *model, const InvPictureItem *item)
{
  JsonObject *row = json_object_new ();
  InvPictureGroup *group = g_ptr_array_index (model->groups, item->group);

  json_object_set_int_member (row, "id", item->id);
  json_object_set_string_member (row, "kind", item->kind);
  json_object_set_string_member (row, "name", item->name);
  json_object_set_string_member (row, "type", item->type);
  json_object_set_string_member (row, "domain", item->domain);
  json_object_set_member (row, "supplier", ref (item->supplier, item->supplier_name));
  json_object_set_member (row, "owner",
                          owner (model, item->owner, item->owner_name, item->owner_erased));
  json_object_set_boolean_member (row, "owner_missing", inv_picture_item_unowned (item));
  json_object_set_boolean_member (row, "context", item->context);
  json_object_set_string_member (row, "group", group->dom_id);
  return row;
}

static JsonObject *
coupling_row (const InvPictureModel *model, const InvPictureCoupling *c)
{
  JsonObject *row = json_object_new ();

  json_object_set_int_member (row, "id", c->id);
  json_object_set_member (row, "from", ref (c->from->id, c->from->name));
  json_object_set_member (row, "to", ref (c->to->id, c->to->name));
  json_object_set_string_member (row, "protocol", c->protocol);
  json_object_set_string_member (row, "scope", c->scope);
  json_object_set_string_member (row, "direction", c->direction);
  json_object_set_member (row, "owner", owner (model, c->owner, c->owner_name, c->owner_erased));
  return row;
}

static JsonArray *
group_rows (InvPictureModel *model)
{
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < model->groups->len; i++)
    {
      InvPictureGroup *group = g_ptr_array_index (model->groups, i);
      JsonObject *row = json_object_new ();
      guint external = 0, inside = inv_picture_group_inside (model, i, &external);

      json_object_set_string_member (row, "id", group->dom_id);
      json_object_set_string_member (row, "name", group->key);
      json_object_set_string_member (row, "label", group->label);
      json_object_set_int_member (row, "applications", group->applications);
      json_object_set_int_member (row, "components", group->components);
      json_object_set_int_member (row, "other_items", group->others);
      json_object_set_int_member (row, "outside_filter", group->context);
      json_object_set_int_member (row, "couplings_inside", inside);
      json_object_set_int_member (row, "external_inside", external);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
link_rows (InvPictureModel *model)
{
  g_autoptr (GPtrArray) links = inv_picture_links (model);
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < links->len; i++)
    {
      InvPictureLink *link = g_ptr_array_index (links, i);
      InvPictureGroup *a = g_ptr_array_index (model->groups, link->a);
      InvPictureGroup *b = g_ptr_array_index (model->groups, link->b);
      g_autofree char *id =
        g_strdup_printf ("link-%s-%s", strchr (a->dom_id, '-') + 1, strchr (b->dom_id, '-') + 1);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "id", id);
      json_object_set_string_member (row, "from", a->dom_id);
      json_object_set_string_member (row, "to", b->dom_id);
      json_object_set_int_member (row, "couplings", link->couplings);
      json_object_set_int_member (row, "external", link->external);
      json_object_set_int_member (row, "one_way_from_to", link->a_to_b);
      json_object_set_int_member (row, "one_way_to_from", link->b_to_a);
      json_object_set_int_member (row, "two_way", link->both);
      json_object_set_int_member (row, "direction_unknown", link->unknown);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static const char *
layout_word (InvLayout layout)
{
  return layout == INV_LAYOUT_OVERVIEW ? "overview" : "detail";
}

JsonObject *
inv_picture_table (HelderStore *store, const InvPictureOptions *options, GError **error)
{
  g_autoptr (InvPictureModel) model = inv_picture_model_load (store, options, error);
  JsonObject *table;
  JsonArray *items, *couplings;
  InvLayout layout;

  if (model == NULL)
    return NULL;
  if (!inv_picture_model_layout (model, &layout, NULL))
    layout = INV_LAYOUT_DETAIL; /* a table has no size limit */
  table = json_object_new ();
  items = json_array_new ();
  couplings = json_array_new ();
  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);

      if (item->selected)
        json_array_add_object_element (items, item_row (model, item));
    }
  for (guint i = 0; i < model->couplings->len; i++)
    json_array_add_object_element (couplings,
                                   coupling_row (model, g_ptr_array_index (model->couplings, i)));
  json_object_set_string_member (table, "layout", layout_word (layout));
  json_object_set_string_member (table, "group_by",
                                 options->group_by == INV_GROUP_SUPPLIER ? "supplier" : "domain");
  json_object_set_array_member (table, "items", items);
  json_object_set_array_member (table, "couplings", couplings);
  json_object_set_array_member (table, "groups", group_rows (model));
  json_object_set_array_member (table, "links", link_rows (model));
  return table;
}
