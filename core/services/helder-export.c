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
#include "services/helder-export.h"
#include "services/helder-repo.h"
#include "services/helder-repo-private.h"

#define EXPORT_FORMAT  "helder-export"
#define EXPORT_VERSION 1

/* Whether @row holds exactly the entity's fields, in field order, once
 * whatever else the repository added (e.g. "effective_status") is gone. */
static gboolean
row_is_plain (const HelderEntity *entity,
              JsonObject         *row)
{
  g_autoptr(GList) members = NULL;
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
export_row (const HelderEntity *entity,
            JsonObject         *row)
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

/**
 * helder_export_document:
 *
 * Returns: (transfer full): `{"format": "helder-export", "version": 1,
 *   "programme": {…} or null, "phases": […], …}` with one member per entity
 *   in helder_entities() order, or %NULL with @error set
 */
JsonNode *
helder_export_document (HelderStore  *store,
                        GError      **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  const HelderEntity * const *entities;
  gboolean own_transaction;
  guint n;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  json_object_set_string_member (root, "format", EXPORT_FORMAT);
  json_object_set_int_member (root, "version", EXPORT_VERSION);

  /* One read transaction, so that every entity is read at the same moment. */
  own_transaction = !helder_store_in_transaction (store);
  if (own_transaction && !helder_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;

  entities = helder_entities (&n);
  for (guint i = 0; i < n; i++)
    {
      const HelderEntity *entity = entities[i];
      g_autoptr(JsonArray) rows = helder_repo_list (store, entity, NULL, error);
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
            json_object_set_member (root, entity->plural,
                                    export_row (entity, json_array_get_object_element (rows, 0)));
          else
            json_object_set_null_member (root, entity->plural);
        }
      else
        {
          JsonArray *out = json_array_sized_new (n_rows);

          for (guint r = 0; r < n_rows; r++)
            json_array_add_element (out, export_row (entity, json_array_get_object_element (rows, r)));
          json_object_set_array_member (root, entity->plural, out);
        }
    }

  if (own_transaction && !helder_store_exec (store, "COMMIT", error))
    return NULL;

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
helder_export_to_data (HelderStore  *store,
                       gsize        *length,
                       GError      **error)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
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

static gboolean
is_timestamp (const HelderField *field)
{
  return g_str_equal (field->name, "created_at") || g_str_equal (field->name, "updated_at");
}

/**
 * helder_import_complete_row:
 * @row: checked values (as from helder_field_normalize(), references
 *   resolved); on return every field of @entity is present
 * @now: the time for missing timestamps
 *
 * Fills in what helder_repo_create() would: timestamps, defaults, empty
 * sets and nulls.
 *
 * Returns: %FALSE with "field: is required" when a required field is missing
 */
gboolean
helder_import_complete_row (const HelderEntity  *entity,
                            JsonObject          *row,
                            const char          *now,
                            GError             **error)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);
      gboolean text = field->type == HELDER_FIELD_TEXT || field->type == HELDER_FIELD_MARKDOWN;

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        continue;
      if (is_timestamp (field))
        json_object_set_string_member (row, field->name, now);
      else if (value != NULL)
        {
          if (text && field->def != NULL)
            json_object_set_string_member (row, field->name, field->def);
        }
      else if (field->flags & HELDER_FIELD_AUTO)
        json_object_set_null_member (row, field->name);
      else if (field->flags & HELDER_FIELD_REQUIRED)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _("%s: is required"), field->name);
          return FALSE;
        }
      else if (field->type == HELDER_FIELD_REFS || field->type == HELDER_FIELD_ENUMS)
        json_object_set_array_member (row, field->name, json_array_new ());
      else if (field->def != NULL)
        {
          JsonNode *def = helder_field_parse_text (field, field->def, error);
          if (def == NULL)
            return FALSE;
          json_object_set_member (row, field->name, def);
        }
      else
        json_object_set_null_member (row, field->name);
    }
  return TRUE;
}

/**
 * helder_import_insert_row:
 * @row: a complete row (see helder_import_complete_row()) whose values are
 *   checked and whose references exist; an integer key left null is set to
 *   the id the row gets
 * @restore: %TRUE when the row is restored as it was exported
 *
 * Runs the entity's rules and inserts the row and its sets with cached
 * prepared statements, without reading the row back: what lets the
 * importers write 10,000 people in well under a second. The caller holds
 * the transaction and has checked unique fields.
 */
gboolean
helder_import_insert_row (HelderStore         *store,
                          const HelderEntity  *entity,
                          JsonObject          *row,
                          gboolean             restore,
                          GError             **error)
{
  const HelderField *key_field = helder_entity_get_key (entity);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO \"");
  g_autoptr(HelderStmt) stmt = NULL;
  guint n = 0;
  JsonNode *key;

  if (entity->check != NULL && !entity->check (entity, store, NULL, row, restore, error))
    return FALSE;

  /* Every stored column, so the text (the statement cache's key) is the
   * same for every row; a null integer key gets the next id. */
  g_string_append (sql, entity->table);
  g_string_append (sql, entity->singleton ? "\" (\"id\"" : "\" (");
  for (guint i = 0; i < entity->n_fields; i++)
    if (helder_field_is_stored (&entity->fields[i]))
      {
        g_string_append (sql, n++ > 0 || entity->singleton ? ", \"" : "\"");
        g_string_append (sql, entity->fields[i].name);
        g_string_append_c (sql, '"');
      }
  g_string_append (sql, entity->singleton ? ") VALUES (1" : ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 || entity->singleton ? ", ?" : "?");
  g_string_append_c (sql, ')');

  stmt = helder_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  n = 0;
  for (guint i = 0; i < entity->n_fields; i++)
    if (helder_field_is_stored (&entity->fields[i]))
      helder_repo_bind_node (stmt, (int) ++n, json_object_get_member (row, entity->fields[i].name));
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;

  if (key_field == NULL)
    return TRUE;
  key = json_object_get_member (row, key_field->name);
  if (JSON_NODE_HOLDS_NULL (key))
    json_object_set_int_member (row, key_field->name,
                                sqlite3_last_insert_rowid (helder_store_get_db (store)));
  key = json_object_get_member (row, key_field->name);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      g_autofree char *join_sql = NULL;
      JsonArray *items;

      if (helder_field_is_stored (field))
        continue;
      items = json_object_get_array_member (row, field->name);
      if (items == NULL || json_array_get_length (items) == 0)
        continue;
      join_sql = g_strconcat ("INSERT INTO \"", field->join, "\" (\"", field->join_owner, "\", \"",
                              field->join_value, "\") VALUES (?1, ?2)", NULL);
      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          g_autoptr(HelderStmt) join = helder_store_prepare (store, join_sql, error);

          if (join == NULL)
            return FALSE;
          helder_repo_bind_node (join, 1, key);
          helder_repo_bind_node (join, 2, json_array_get_element (items, j));
          if (!helder_store_step_done (store, join, error))
            {
              g_prefix_error (error, "%s[%u]: ", field->name, j);
              return FALSE;
            }
        }
    }
  return TRUE;
}
