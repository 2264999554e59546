/* helder-repo.c — generic create/read/update/delete driven by HelderEntity
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL here is built from the entity descriptors (never from input) and
 * every value is bound, so one code path serves every noun. Each write runs
 * in its own transaction, or in a savepoint when the caller holds one.
 */
#define G_LOG_DOMAIN "helder-repo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-rules.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-private.h"

gboolean
helder_repo_key_is_int (const HelderEntity *entity)
{
  const HelderField *key = helder_entity_get_key (entity);
  return key != NULL && key->type == HELDER_FIELD_INT;
}

const char *
helder_repo_key_column (const HelderEntity *entity)
{
  const HelderField *key = helder_entity_get_key (entity);
  return key != NULL ? key->name : "id";
}

const HelderEntity *
helder_repo_ref_entity (const HelderField *field)
{
  return field->ref != NULL ? helder_entity_lookup (field->ref) : NULL;
}

void
helder_repo_bind_node (sqlite3_stmt *stmt, int index, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
}

static JsonNode *
column_node (sqlite3_stmt *stmt, int col, const HelderField *field)
{
  int type = sqlite3_column_type (stmt, col);
  const HelderEntity *target;

  if (type == SQLITE_NULL)
    return json_node_init_null (json_node_alloc ());

  switch (field->type)
    {
    case HELDER_FIELD_INT:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
    case HELDER_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, col));
    case HELDER_FIELD_REF:
    case HELDER_FIELD_REFS:
      target = helder_repo_ref_entity (field);
      if (target != NULL && helder_repo_key_is_int (target))
        return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
      G_GNUC_FALLTHROUGH;
    default:
      return json_node_init_string (json_node_alloc (),
                                    (const char *) sqlite3_column_text (stmt, col));
    }
}

char *
helder_repo_key_text (const HelderEntity *entity, JsonObject *row)
{
  JsonNode *key = json_object_get_member (row, helder_repo_key_column (entity));

  if (key == NULL || JSON_NODE_HOLDS_NULL (key))
    return g_strdup ("");
  if (json_node_get_value_type (key) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
  return g_strdup (json_node_get_string (key));
}

/* SELECT list of the stored fields, in field order. */
static char *
select_sql (const HelderEntity *entity, const char *where)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean first = TRUE;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (!helder_field_is_stored (&entity->fields[i]))
        continue;
      g_string_append_printf (sql, "%s\"%s\"", first ? "" : ", ", entity->fields[i].name);
      first = FALSE;
    }
  g_string_append_printf (sql, " FROM \"%s\"", entity->table);
  if (where != NULL)
    g_string_append_printf (sql, " WHERE %s", where);
  return g_string_free (sql, FALSE);
}

static gboolean
load_join (HelderStore *store,
           const HelderEntity *entity,
           const HelderField *field,
           JsonObject *row,
           GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ?1 ORDER BY 1",
                                          field->join_value, field->join, field->join_owner);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  JsonArray *values;
  int rc;

  if (stmt == NULL)
    return FALSE;
  helder_repo_bind_node (stmt, 1, json_object_get_member (row, helder_repo_key_column (entity)));
  values = json_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_element (values, column_node (stmt, 0, field));
  json_object_set_array_member (row, field->name, values);
  return helder_store_propagate (store, rc, error);
}

void
helder_repo_decorate (const HelderEntity *entity, JsonObject *row)
{
  if (g_str_equal (entity->name, "commitment"))
    {
      g_autofree char *today = helder_clock_today ();
      json_object_set_string_member (
        row, "effective_status",
        helder_rules_commitment_status (json_object_get_string_member (row, "status"),
                                        json_object_get_string_member (row, "due_on"), today));
    }
}

static JsonObject *
read_row (HelderStore *store, const HelderEntity *entity, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (JsonObject) row = json_object_new ();
  int col = 0;

  for (guint i = 0; i < entity->n_fields; i++)
    if (helder_field_is_stored (&entity->fields[i]))
      json_object_set_member (row, entity->fields[i].name,
                              column_node (stmt, col++, &entity->fields[i]));
  for (guint i = 0; i < entity->n_fields; i++)
    if (!helder_field_is_stored (&entity->fields[i]) &&
        !load_join (store, entity, &entity->fields[i], row, error))
      return NULL;

  /* Keep members in field order: joins were appended at the end. */
  {
    g_autoptr (JsonObject) ordered = json_object_new ();
    for (guint i = 0; i < entity->n_fields; i++)
      json_object_set_member (
        ordered, entity->fields[i].name,
        json_node_copy (json_object_get_member (row, entity->fields[i].name)));
    helder_repo_decorate (entity, ordered);
    return g_steal_pointer (&ordered);
  }
}

JsonObject *
helder_repo_get_by_node (HelderStore *store,
                         const HelderEntity *entity,
                         JsonNode *key,
                         GError **error)
{
  g_autofree char *where = g_strdup_printf ("\"%s\" = ?1", helder_repo_key_column (entity));
  g_autofree char *sql = select_sql (entity, where);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  helder_repo_bind_node (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (store, entity, stmt, error);
  if (rc == SQLITE_DONE)
    {
      g_autoptr (JsonNode) copy = json_node_copy (key);
      g_autofree char *text =
        JSON_NODE_HOLDS_VALUE (copy) && json_node_get_value_type (copy) == G_TYPE_INT64
          ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (copy))
          : g_strdup (json_node_get_string (copy));
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no %s “%s”"),
                   helder_entity_get_label (entity), text);
      return NULL;
    }
  helder_store_propagate (store, rc, error);
  return NULL;
}

/**
 * helder_repo_resolve_key:
 * @key: a key as typed or found in JSON: an integer id, its text, a slug,
 *   or — for people — an e-mail address
 *
 * Returns: (transfer full): the stored key of an existing row, or %NULL with
 *   %HELDER_ERROR_NOT_FOUND
 */
JsonNode *
helder_repo_resolve_key (HelderStore *store,
                         const HelderEntity *entity,
                         JsonNode *key,
                         GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  if (entity->singleton)
    return json_node_init_int (json_node_alloc (), 1);

  if (helder_repo_key_is_int (entity) && JSON_NODE_HOLDS_VALUE (key) &&
      json_node_get_value_type (key) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (key);
      gint64 id;

      if (g_str_equal (entity->name, "person") && strchr (text, '@') != NULL)
        {
          g_autoptr (HelderStmt) by_mail =
            helder_store_prepare (store, "SELECT id FROM person WHERE email = ?1", error);
          if (by_mail == NULL)
            return NULL;
          sqlite3_bind_text (by_mail, 1, text, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (by_mail);
          if (rc == SQLITE_ROW)
            return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (by_mail, 0));
          if (rc != SQLITE_DONE)
            {
              helder_store_propagate (store, rc, error);
              return NULL;
            }
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                       _ ("no person with e-mail “%s”"), text);
          return NULL;
        }
      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                       _ ("no %s “%s” (expected a number)"), helder_entity_get_label (entity),
                       text);
          return NULL;
        }
      node = json_node_init_int (json_node_alloc (), id);
    }
  else if (!helder_repo_key_is_int (entity) && JSON_NODE_HOLDS_VALUE (key) &&
           json_node_get_value_type (key) == G_TYPE_INT64)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
      node = json_node_init_string (json_node_alloc (), text);
    }
  else
    node = json_node_copy (key);

  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1", entity->table,
                         helder_repo_key_column (entity));
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  helder_repo_bind_node (stmt, 1, node);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&node);
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  {
    g_autofree char *text =
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
        ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node))
        : g_strdup (json_node_get_string (node));
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("unknown %s “%s”"),
                 helder_entity_get_label (entity), text);
  }
  return NULL;
}

JsonNode *
helder_repo_text_key_node (const HelderEntity *entity, const char *key)
{
  return json_node_init_string (json_node_alloc (), key);
}

JsonObject *
helder_repo_get (HelderStore *store, const HelderEntity *entity, const char *key, GError **error)
{
  g_autoptr (JsonNode) typed = NULL;
  g_autoptr (JsonNode) resolved = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (entity->singleton)
    {
      g_autoptr (JsonNode) one = json_node_init_int (json_node_alloc (), 1);
      JsonObject *row = helder_repo_get_by_node (store, entity, one, error);
      return row;
    }

  g_return_val_if_fail (key != NULL, NULL);
  typed = helder_repo_text_key_node (entity, key);
  resolved = helder_repo_resolve_key (store, entity, typed, error);
  if (resolved == NULL)
    return NULL;
  return helder_repo_get_by_node (store, entity, resolved, error);
}

/* Builds the WHERE clause of a list; returns the values to bind in order. */
static gboolean
build_filter (HelderStore *store,
              const HelderEntity *entity,
              GHashTable *equals,
              GString *where,
              GPtrArray *binds,
              GError **error)
{
  GHashTableIter iter;
  gpointer k, v;

  if (equals == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, equals);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const HelderField *field = helder_entity_get_field (entity, k);
      g_autoptr (JsonNode) value = NULL;
      const char *text = v;

      if (field == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_USAGE,
                       _ ("cannot filter %s by “%s”: no such field"),
                       helder_entity_get_label (entity), (const char *) k);
          return FALSE;
        }

      if (where->len > 0)
        g_string_append (where, " AND ");

      /* "late" is not stored: it is an open promise past its due date. */
      if (g_str_equal (entity->name, "commitment") && g_str_equal (field->name, "status") &&
          (g_str_equal (text, "late") || g_str_equal (text, "open")))
        {
          g_string_append_printf (where, "status = 'open' AND due_on %s ?%u",
                                  g_str_equal (text, "late") ? "<" : ">=", binds->len + 1);
          {
            g_autofree char *today = helder_clock_today ();
            g_ptr_array_add (binds, json_node_init_string (json_node_alloc (), today));
          }
          continue;
        }

      {
        const HelderField item = {
          .name = field->name,
          .type = field->type == HELDER_FIELD_REFS    ? HELDER_FIELD_REF
                  : field->type == HELDER_FIELD_ENUMS ? HELDER_FIELD_ENUM
                                                      : field->type,
          .flags = field->flags & HELDER_FIELD_CHANNELS,
          .choices = field->choices,
          .ref = field->ref,
        };
        value = helder_field_parse_text (&item, text, error);
        if (value == NULL)
          return FALSE;
      }
      if (field->ref != NULL && !JSON_NODE_HOLDS_NULL (value))
        {
          JsonNode *resolved =
            helder_repo_resolve_key (store, helder_repo_ref_entity (field), value, error);
          if (resolved == NULL)
            {
              helder_error_prefix_field (error, field->name, "%s: ", field->name);
              return FALSE;
            }
          json_node_unref (value);
          value = resolved;
        }

      if (!helder_field_is_stored (field))
        g_string_append_printf (where, "\"%s\" IN (SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ?%u)",
                                helder_repo_key_column (entity), field->join_owner, field->join,
                                field->join_value, binds->len + 1);
      else if (JSON_NODE_HOLDS_NULL (value))
        {
          g_string_append_printf (where, "\"%s\" IS NULL", field->name);
          continue;
        }
      else
        g_string_append_printf (where, "\"%s\" = ?%u", field->name, binds->len + 1);
      g_ptr_array_add (binds, g_steal_pointer (&value));
    }
  return TRUE;
}

JsonArray *
helder_repo_list (HelderStore *store,
                  const HelderEntity *entity,
                  const HelderQuery *query,
                  GError **error)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *sql = NULL;
  g_autofree char *base = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (!build_filter (store, entity, query ? query->equals : NULL, where, binds, error))
    return NULL;

  base = select_sql (entity, where->len > 0 ? where->str : NULL);
  sql = g_strdup_printf ("%s ORDER BY %s LIMIT %d OFFSET %u", base, entity->order_by,
                         query && query->limit > 0 ? (int) query->limit : -1,
                         query ? query->offset : 0);
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    helder_repo_bind_node (stmt, (int) i + 1, g_ptr_array_index (binds, i));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = read_row (store, entity, stmt, error);
      if (row == NULL)
        return NULL;
      json_array_add_object_element (rows, row);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

gint64
helder_repo_count (HelderStore *store, const HelderEntity *entity, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", entity->table);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * helder_repo_count_query:
 * @query: (nullable): the filters of helder_repo_list() (limit and offset
 *   are ignored)
 *
 * Returns: how many rows helder_repo_list() would return without a limit,
 *   or -1 with @error set
 */
gint64
helder_repo_count_query (HelderStore *store,
                         const HelderEntity *entity,
                         const HelderQuery *query,
                         GError **error)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), -1);
  g_return_val_if_fail (entity != NULL, -1);

  if (!build_filter (store, entity, query ? query->equals : NULL, where, binds, error))
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"%s%s", entity->table,
                         where->len > 0 ? " WHERE " : "", where->str);
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  for (guint i = 0; i < binds->len; i++)
    helder_repo_bind_node (stmt, (int) i + 1, g_ptr_array_index (binds, i));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * helder_repo_column_value:
 * @stmt: a statement on a row
 * @col: a column
 *
 * Returns: (transfer full): the column's value as JSON: null, an integer,
 *   a number or a string, as SQLite holds it
 */
JsonNode *
helder_repo_column_value (sqlite3_stmt *stmt, int col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      return json_node_init_null (json_node_alloc ());
    case SQLITE_INTEGER:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
    case SQLITE_FLOAT:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, col));
    default:
      return json_node_init_string (json_node_alloc (),
                                    (const char *) sqlite3_column_text (stmt, col));
    }
}

/**
 * helder_repo_query_rows:
 * @p1: (nullable): bound to ?1
 * @p2: (nullable): bound to ?2
 *
 * Runs a read-only @sql of core's own and returns the rows as objects
 * whose members are the column names (for reports such as status and
 * insights).
 */
JsonArray *
helder_repo_query_rows (HelderStore *store,
                        const char *sql,
                        const char *p1,
                        const char *p2,
                        GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  if (p1 != NULL)
    sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  if (p2 != NULL)
    sqlite3_bind_text (stmt, 2, p2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        json_object_set_member (row, sqlite3_column_name (stmt, c),
                                helder_repo_column_value (stmt, c));
      json_array_add_object_element (rows, row);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * helder_repo_programme_name:
 *
 * Returns: (transfer full) (nullable): the programme's name, or %NULL
 *   before there is a programme
 */
char *
helder_repo_programme_name (HelderStore *store)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name FROM programme WHERE id = 1", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
