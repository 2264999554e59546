/* helder-export.c — rows out as one JSON document, and back in
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export holds exactly the stored fields of every entity, in the order
 * of the descriptors, with rows in each entity's order_by order. Nothing
 * derived (such as a commitment being late) is written: the import restores
 * what was stored, and the same database always gives the same bytes.
 *
 * The way back in is the row writer both importers share: rows they have
 * checked themselves, written with cached statements and not read back.
 */
#define G_LOG_DOMAIN "helder-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-export.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-private.h"

#define EXPORT_FORMAT  "helder-export"
#define EXPORT_VERSION 1

/* Whether @row holds exactly the entity's fields, in field order, once
 * whatever else the repository added (e.g. "effective_status") is gone. */
static gboolean
row_is_plain (const HelderEntity *entity, JsonObject *row)
{
  g_autoptr (GList) members = NULL;
  GList *l;

  members = json_object_get_members (row);
  for (l = members; l != NULL; l = l->next)
    if (helder_entity_get_field (entity, l->data) == NULL)
      json_object_remove_member (row, l->data);
  if (json_object_get_size (row) != entity->n_fields)
    return FALSE;

  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (row);
  l = members;
  for (guint i = 0; i < entity->n_fields; i++, l = l->next)
    if (!g_str_equal (l->data, entity->fields[i].name))
      return FALSE;
  return TRUE;
}

/* A row with only the entity's fields, in field order, every one present. */
static JsonNode *
export_row (const HelderEntity *entity, JsonObject *row)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *out;

  /* The repository's rows are already in field order: keep them. */
  if (row_is_plain (entity, row))
    {
      json_node_set_object (node, row);
      return node;
    }

  out = json_object_new ();
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);

      if (value != NULL)
        json_object_set_member (out, field->name, json_node_copy (value));
      else if (field->type == HELDER_FIELD_REFS || field->type == HELDER_FIELD_ENUMS)
        json_object_set_array_member (out, field->name, json_array_new ());
      else
        json_object_set_null_member (out, field->name);
    }
  json_node_take_object (node, out);
  return node;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "plugins": {"surveys": ["surveys", "survey_rounds"], …}: which plugin
 * owns which of the members in @body, so that an import where a plugin
 * is missing can say which. Plugins in name order, their members in
 * entity order; a document with rows of core's nouns alone has none. */
static void
add_plugins (JsonObject *root, JsonObject *body)
{
  g_autoptr (JsonObject) plugins = json_object_new ();
  g_autoptr (GPtrArray) owners = g_ptr_array_new ();
  const HelderEntity *const *entities;
  guint n;

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (entities[i]->owner != NULL && json_object_has_member (body, entities[i]->plural) &&
        !g_ptr_array_find_with_equal_func (owners, entities[i]->owner, g_str_equal, NULL))
      g_ptr_array_add (owners, (gpointer) entities[i]->owner);
  if (owners->len == 0)
    return;
  g_ptr_array_sort (owners, compare_names);
  for (guint o = 0; o < owners->len; o++)
    {
      const char *owner = g_ptr_array_index (owners, o);
      JsonArray *members = json_array_new ();

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (entities[i]->owner, owner) == 0 &&
            json_object_has_member (body, entities[i]->plural))
          json_array_add_string_element (members, entities[i]->plural);
      json_object_set_array_member (plugins, owner, members);
    }
  json_object_set_object_member (root, "plugins", g_steal_pointer (&plugins));
}

/**
 * helder_export_document:
 *
 * Returns: (transfer full): `{"format": "helder-export", "version": 1,
 *   "plugins": {…} when plugins' nouns hold rows, "programme": {…} or
 *   null, "phases": […], …}` with one member per entity in
 *   helder_entity_all() order, or %NULL with @error set
 */
JsonNode *
helder_export_document (HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) root = json_object_new ();
  g_autoptr (JsonObject) body = json_object_new (); /* the entities' members */
  const HelderEntity *const *entities;
  gboolean own_transaction;
  guint n;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  json_object_set_string_member (root, "format", EXPORT_FORMAT);
  json_object_set_int_member (root, "version", EXPORT_VERSION);

  /* One read transaction, so that every entity is read at the same moment. */
  own_transaction = !helder_store_in_transaction (store);
  if (own_transaction && !helder_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      const HelderEntity *entity = entities[i];
      g_autoptr (JsonArray) rows = helder_repo_list (store, entity, NULL, error);
      guint n_rows;

      if (rows == NULL)
        {
          g_prefix_error (error, "%s: ", entity->plural);
          if (own_transaction)
            helder_store_exec (store, "ROLLBACK", NULL);
          return NULL;
        }
      n_rows = json_array_get_length (rows);

      if (entity->singleton)
        {
          if (n_rows > 0)
            json_object_set_member (body, entity->plural,
                                    export_row (entity, json_array_get_object_element (rows, 0)));
          else
            json_object_set_null_member (body, entity->plural);
        }
      else if (n_rows > 0 || entity->owner == NULL)
        {
          JsonArray *out = json_array_sized_new (n_rows);

          for (guint r = 0; r < n_rows; r++)
            json_array_add_element (out,
                                    export_row (entity, json_array_get_object_element (rows, r)));
          json_object_set_array_member (body, entity->plural, out);
        }
      /* A plugin's noun without rows is left out: a programme that does
       * not use the plugin exports as it would without it. */
    }

  if (own_transaction && !helder_store_exec (store, "COMMIT", error))
    return NULL;

  add_plugins (root, body);
  {
    g_autoptr (GList) members = json_object_get_members (body);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (root, l->data,
                              json_node_ref (json_object_get_member (body, l->data)));
  }
  return json_node_init_object (json_node_alloc (), root);
}

/**
 * helder_export_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the export as pretty-printed JSON (indent 2)
 *   ending in a newline, or %NULL with @error set
 */
char *
helder_export_to_data (HelderStore *store, gsize *length, GError **error)
{
  g_autoptr (JsonNode) document = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  char *data;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  document = helder_export_document (store, error);
  if (document == NULL)
    return NULL;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, document);
  text = json_generator_to_data (generator, &len);

  data = g_malloc (len + 2);
  memcpy (data, text, len);
  data[len] = '\n';
  data[len + 1] = '\0';
  if (length != NULL)
    *length = len + 1;
  return data;
}

/* ---- writing rows: the importers' fast path -------------------------- */
