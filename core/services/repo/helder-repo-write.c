/* helder-repo-write.c — creating, updating and deleting rows of any entity
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-repo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-rules.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-private.h"
#include "services/repo/helder-placement-sync.h"

static gboolean
is_timestamp (const HelderField *field)
{
  return g_str_equal (field->name, "created_at") || g_str_equal (field->name, "updated_at");
}

static int
compare_set_items (gconstpointer a, gconstpointer b)
{
  JsonNode *na = *(JsonNode *const *) a;
  JsonNode *nb = *(JsonNode *const *) b;

  if (json_node_get_value_type (na) == G_TYPE_INT64)
    {
      gint64 ia = json_node_get_int (na), ib = json_node_get_int (nb);
      return (ia > ib) - (ia < ib);
    }
  return strcmp (json_node_get_string (na), json_node_get_string (nb));
}

/* Sets come back from the store ordered by value; keep them in that order
 * from the start so a written row equals the row read back. */
static JsonNode *
sorted_set (JsonArray *items)
{
  g_autoptr (GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr (JsonArray) out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (nodes, json_array_get_element (items, i));
  g_ptr_array_sort (nodes, compare_set_items);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (out, json_node_copy (g_ptr_array_index (nodes, i)));
  return json_node_init_array (json_node_alloc (), out);
}

/* Checks one incoming value and resolves what it refers to. */
static JsonNode *
prepare_value (HelderStore *store, const HelderField *field, JsonNode *in, GError **error)
{
  g_autoptr (JsonNode) norm = helder_field_normalize (field, json_node_copy (in), error);
  const HelderEntity *target = helder_repo_ref_entity (field);

  if (norm == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_NULL (norm) && field->def != NULL &&
      (field->type == HELDER_FIELD_TEXT || field->type == HELDER_FIELD_MARKDOWN))
    return json_node_init_string (json_node_alloc (), field->def);

  if (field->type == HELDER_FIELD_ENUMS)
    return sorted_set (json_node_get_array (norm));

  if (target == NULL || JSON_NODE_HOLDS_NULL (norm))
    return g_steal_pointer (&norm);

  if (field->type == HELDER_FIELD_REF)
    {
      JsonNode *resolved = helder_repo_resolve_key (store, target, norm, error);
      if (resolved == NULL)
        helder_error_prefix_field (error, field->name, "%s: ", field->name);
      return resolved;
    }

  /* HELDER_FIELD_REFS */
  {
    JsonArray *items = json_node_get_array (norm);
    g_autoptr (JsonArray) out = json_array_new ();

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonNode *resolved =
          helder_repo_resolve_key (store, target, json_array_get_element (items, i), error);
        if (resolved == NULL)
          {
            helder_error_prefix_field (error, field->name, "%s[%u]: ", field->name, i);
            return NULL;
          }
        json_array_add_element (out, resolved);
      }
    return sorted_set (out);
  }
}

static gboolean
check_members (const HelderEntity *entity, JsonObject *values, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (values);

  for (GList *l = members; l != NULL; l = l->next)
    if (helder_entity_get_field (entity, l->data) == NULL)
      {
        helder_error_set (error, HELDER_ERROR_INVALID, (const char *) l->data,
                          _ ("%s: unknown field of a %s"), (const char *) l->data,
                          helder_entity_get_label (entity));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_unique (HelderStore *store, const HelderEntity *entity, JsonObject *row, GError **error)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      g_autofree char *sql = NULL;
      g_autoptr (HelderStmt) stmt = NULL;
      JsonNode *value = json_object_get_member (row, field->name);
      JsonNode *key = json_object_get_member (row, helder_repo_key_column (entity));

      if (!(field->flags & HELDER_FIELD_UNIQUE) || value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;
      sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ?1 COLLATE NOCASE"
                             " AND (?2 IS NULL OR \"%s\" != ?2)",
                             helder_repo_key_column (entity), entity->table, field->name,
                             helder_repo_key_column (entity));
      stmt = helder_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      helder_repo_bind_node (stmt, 1, value);
      helder_repo_bind_node (stmt, 2, key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          helder_error_set (error, HELDER_ERROR_CONFLICT, field->name,
                            _ ("%s: “%s” is already used by %s %s"), field->name,
                            json_node_get_string (value), helder_entity_get_label (entity),
                            (const char *) sqlite3_column_text (stmt, 0));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_joins (HelderStore *store,
             const HelderEntity *entity,
             JsonObject *row,
             gboolean replace,
             JsonObject *only,
             GError **error)
{
  JsonNode *key = json_object_get_member (row, helder_repo_key_column (entity));

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      g_autofree char *del_sql = NULL;
      g_autofree char *ins_sql = NULL;
      JsonArray *values;

      if (helder_field_is_stored (field))
        continue;
      if (only != NULL && !json_object_has_member (only, field->name))
        continue;

      if (replace)
        {
          g_autoptr (HelderStmt) del = NULL;
          del_sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?1", field->join,
                                     field->join_owner);
          del = helder_store_prepare (store, del_sql, error);
          if (del == NULL)
            return FALSE;
          helder_repo_bind_node (del, 1, key);
          if (!helder_store_step_done (store, del, error))
            return FALSE;
        }

      ins_sql = g_strdup_printf ("INSERT INTO \"%s\" (\"%s\", \"%s\") VALUES (?1, ?2)", field->join,
                                 field->join_owner, field->join_value);
      values = json_object_get_array_member (row, field->name);
      for (guint j = 0; values != NULL && j < json_array_get_length (values); j++)
        {
          g_autoptr (HelderStmt) ins = helder_store_prepare (store, ins_sql, error);
          if (ins == NULL)
            return FALSE;
          helder_repo_bind_node (ins, 1, key);
          helder_repo_bind_node (ins, 2, json_array_get_element (values, j));
          if (!helder_store_step_done (store, ins, error))
            {
              helder_error_prefix_field (error, field->name, "%s[%u]: ", field->name, j);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* What a write causes beyond its own row. */
static gboolean
apply_side_effects (HelderStore *store,
                    const HelderEntity *entity,
                    JsonObject *old,
                    JsonObject *row,
                    HelderWriteFlags flags,
                    GError **error)
{
  /* A placement and a role change keep telling the same story. */
  if (!(flags & HELDER_WRITE_RESTORE) &&
      !helder_placement_sync_after_write (store, entity, old, row, error))
    return FALSE;

  /* A commitment update with a status moves the commitment along with it. */
  if (g_str_equal (entity->name, "commitment_update") && !(flags & HELDER_WRITE_RESTORE) &&
      !json_object_get_null_member (row, "status"))
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (
        store, "UPDATE commitment SET status = ?1, updated_at = ?2 WHERE id = ?3", error);
      if (stmt == NULL)
        return FALSE;
      helder_repo_bind_node (stmt, 1, json_object_get_member (row, "status"));
      helder_repo_bind_node (stmt, 2, json_object_get_member (row, "created_at"));
      helder_repo_bind_node (stmt, 3, json_object_get_member (row, "commitment"));
      return helder_store_step_done (store, stmt, error);
    }
  return TRUE;
}

static JsonObject *
create_in_transaction (HelderStore *store,
                       const HelderEntity *entity,
                       JsonObject *values,
                       HelderWriteFlags flags,
                       GError **error)
{
  g_autoptr (JsonObject) row = json_object_new ();
  g_autofree char *now = helder_clock_now_utc ();
  gboolean restore = (flags & HELDER_WRITE_RESTORE) != 0;
  gboolean system = (flags & (HELDER_WRITE_RESTORE | HELDER_WRITE_SYSTEM)) != 0;
  const char *key_column = helder_repo_key_column (entity);

  if (!check_members (entity, values, error))
    return NULL;

  if (entity->singleton && helder_repo_count (store, entity, NULL) > 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("there is already a %s; update it instead"),
                   helder_entity_get_label (entity));
      return NULL;
    }

  /* The values given: checked, normalised, references resolved. */
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *in = json_object_get_member (values, field->name);
      JsonNode *value;

      if (in == NULL || (is_timestamp (field) && JSON_NODE_HOLDS_NULL (in)))
        continue;
      if ((field->flags & (HELDER_FIELD_AUTO | HELDER_FIELD_SYSTEM)) && !system)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                            _ ("%s: is set by Helder, not given"), field->name);
          return NULL;
        }
      value = prepare_value (store, field, in, error);
      if (value == NULL)
        return NULL;
      json_object_set_member (row, field->name, value);
    }

  /* Defaults, timestamps and required fields: the same as the importers. */
  if (!helder_repo_complete_row (entity, row, now, error))
    return NULL;

  if (!entity->singleton && !json_object_get_null_member (row, key_column))
    {
      g_autoptr (JsonObject) existing =
        helder_repo_get_by_node (store, entity, json_object_get_member (row, key_column), NULL);
      if (existing != NULL)
        {
          g_autofree char *key = helder_repo_key_text (entity, row);
          helder_error_set (error, HELDER_ERROR_CONFLICT, key_column,
                            _ ("%s: a %s “%s” already exists"), key_column,
                            helder_entity_get_label (entity), key);
          return NULL;
        }
    }

  if (!check_unique (store, entity, row, error) ||
      !helder_repo_insert_row (store, entity, row, restore, error) ||
      !apply_side_effects (store, entity, NULL, row, flags, error))
    return NULL;

  if (entity->singleton)
    return helder_repo_get (store, entity, NULL, error);

  /* Members in field order, as a read returns them. */
  {
    JsonObject *ordered = json_object_new ();

    for (guint i = 0; i < entity->n_fields; i++)
      json_object_set_member (
        ordered, entity->fields[i].name,
        json_node_copy (json_object_get_member (row, entity->fields[i].name)));
    if (json_object_has_member (row, "linked"))
      json_object_set_member (ordered, "linked",
                              json_node_copy (json_object_get_member (row, "linked")));
    helder_repo_decorate (entity, ordered);
    return ordered;
  }
}

/* A programme written with another time zone: this process reads and
 * shows times in it from now on (a server learns it at its next request). */
static void
follow_time_zone (const HelderEntity *entity, JsonObject *row)
{
  if (entity->singleton && json_object_has_member (row, "time_zone") &&
      !json_object_get_null_member (row, "time_zone"))
    helder_clock_set_zone (json_object_get_string_member (row, "time_zone"), NULL);
}

/**
 * helder_repo_create:
 * @values: field name → value (JSON types as in an export; references may
 *   be given as keys, ids or — for people — e-mail addresses)
 *
 * Checks every value and the entity's rules, then inserts the row and its
 * sets in one transaction (a savepoint when one is open).
 *
 * Returns: (transfer full): the row as stored, or %NULL with @error naming
 *   the field; nothing is written then.
 */
JsonObject *
helder_repo_create (HelderStore *store,
                    const HelderEntity *entity,
                    JsonObject *values,
                    HelderWriteFlags flags,
                    GError **error)
{
  JsonObject *row;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL && values != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = create_in_transaction (store, entity, values, flags, error);
  if (row == NULL || !helder_store_commit (store, error))
    {
      g_clear_pointer (&row, json_object_unref);
      helder_store_rollback (store);
      return NULL;
    }
  follow_time_zone (entity, row);
  return row;
}

static JsonObject *
update_in_transaction (HelderStore *store,
                       const HelderEntity *entity,
                       const char *key,
                       JsonObject *changes,
                       HelderWriteFlags flags,
                       GError **error)
{
  g_autoptr (JsonObject) old = NULL;
  g_autoptr (JsonObject) row = json_object_new ();
  g_autoptr (GString) sets = g_string_new (NULL);
  g_autoptr (GPtrArray) binds = g_ptr_array_new ();
  g_autoptr (GList) members = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonNode) one = NULL;
  gboolean system = (flags & (HELDER_WRITE_RESTORE | HELDER_WRITE_SYSTEM)) != 0;

  if (!check_members (entity, changes, error))
    return NULL;

  old = helder_repo_get (store, entity, entity->singleton ? NULL : key, error);
  if (old == NULL)
    return NULL;
  json_object_remove_member (old, "effective_status");

  members = json_object_get_members (old);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (row, l->data, json_node_copy (json_object_get_member (old, l->data)));

  g_list_free (g_steal_pointer (&members));
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const HelderField *field = helder_entity_get_field (entity, l->data);
      JsonNode *value;

      if (field->flags & (HELDER_FIELD_KEY | HELDER_FIELD_AUTO) ||
          ((field->flags & HELDER_FIELD_FIXED) && !system))
        {
          helder_error_set (error, HELDER_ERROR_CONFLICT, field->name,
                            _ ("%s: cannot be changed once the %s exists"), field->name,
                            helder_entity_get_label (entity));
          return NULL;
        }
      if ((field->flags & HELDER_FIELD_SYSTEM) && !system)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                            _ ("%s: is set by Helder, not given"), field->name);
          return NULL;
        }
      value = prepare_value (store, field, json_object_get_member (changes, l->data), error);
      if (value == NULL)
        return NULL;
      json_object_set_member (row, field->name, value);
    }
  json_object_set_string_member (row, "updated_at", now);

  if (entity->check != NULL && !entity->check (entity, store, old, row, FALSE, error))
    return NULL;
  if (!check_unique (store, entity, row, error))
    return NULL;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];

      if (!helder_field_is_stored (field) || (field->flags & HELDER_FIELD_KEY))
        continue;
      g_ptr_array_add (binds, json_object_get_member (row, field->name));
      g_string_append_printf (sets, "%s\"%s\" = ?%u", sets->len ? ", " : "", field->name,
                              binds->len);
    }
  if (entity->singleton)
    {
      one = json_node_init_int (json_node_alloc (), 1);
      g_ptr_array_add (binds, one);
    }
  else
    g_ptr_array_add (binds, json_object_get_member (row, helder_repo_key_column (entity)));
  sql = g_strdup_printf ("UPDATE \"%s\" SET %s WHERE \"%s\" = ?%u", entity->table, sets->str,
                         helder_repo_key_column (entity), binds->len);
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    helder_repo_bind_node (stmt, (int) i + 1, g_ptr_array_index (binds, i));
  if (!helder_store_step_done (store, stmt, error) ||
      !write_joins (store, entity, row, TRUE, changes, error) ||
      !apply_side_effects (store, entity, old, row, flags, error))
    return NULL;

  /* Every value was normalised and sets are sorted: the row is what the
   * store now holds, no need to read it back. */
  helder_repo_decorate (entity, row);
  return g_steal_pointer (&row);
}

/**
 * helder_repo_update:
 * @key: the row's key as text (for people also the e-mail address)
 * @changes: only the fields that change
 *
 * Returns: (transfer full): the row as stored after the change, or %NULL with
 *   @error set; nothing is written then.
 */
JsonObject *
helder_repo_update (HelderStore *store,
                    const HelderEntity *entity,
                    const char *key,
                    JsonObject *changes,
                    HelderWriteFlags flags,
                    GError **error)
{
  JsonObject *row;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL && changes != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = update_in_transaction (store, entity, key, changes, flags, error);
  if (row == NULL || !helder_store_commit (store, error))
    {
      g_clear_pointer (&row, json_object_unref);
      helder_store_rollback (store);
      return NULL;
    }
  follow_time_zone (entity, row);
  return row;
}

/* Names what still refers to a row, e.g. "3 × person.groups, 1 × moment.groups". */
static char *
describe_referrers (HelderStore *store, const HelderEntity *entity, JsonNode *key, GError **error)
{
  const HelderEntity *const *all;
  guint n;
  g_autoptr (GString) out = g_string_new (NULL);

  all = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    for (guint i = 0; i < all[e]->n_fields; i++)
      {
        const HelderField *field = &all[e]->fields[i];
        g_autofree char *sql = NULL;
        g_autoptr (HelderStmt) stmt = NULL;
        gint64 count;

        if (field->ref == NULL || !g_str_equal (field->ref, entity->name))
          continue;
        if (helder_field_is_stored (field))
          sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1", all[e]->table,
                                 field->name);
        else
          sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1", field->join,
                                 field->join_value);
        stmt = helder_store_prepare (store, sql, error);
        if (stmt == NULL)
          return NULL;
        helder_repo_bind_node (stmt, 1, key);
        if (sqlite3_step (stmt) != SQLITE_ROW)
          continue;
        count = sqlite3_column_int64 (stmt, 0);
        if (count > 0)
          g_string_append_printf (out, "%s%" G_GINT64_FORMAT " × %s.%s", out->len ? ", " : "",
                                  count, all[e]->name, field->name);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_repo_delete:
 *
 * Deletes a row that nothing refers to. Commitments and their updates are
 * never deleted.
 */
gboolean
helder_repo_delete (HelderStore *store, const HelderEntity *entity, const char *key, GError **error)
{
  g_autoptr (JsonNode) typed = NULL;
  g_autoptr (JsonNode) resolved = NULL;
  g_autofree char *referrers = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (entity != NULL && key != NULL, FALSE);

  if (!entity->deletable)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("a %s is never deleted: it stays part of the record"),
                   helder_entity_get_label (entity));
      return FALSE;
    }

  if (!helder_store_begin (store, error))
    return FALSE;

  typed = helder_repo_text_key_node (entity, key);
  resolved = helder_repo_resolve_key (store, entity, typed, error);
  if (resolved == NULL)
    goto fail;

  if (!helder_placement_sync_check_delete (store, entity, resolved, error))
    goto fail;
  referrers = describe_referrers (store, entity, resolved, error);
  if (referrers == NULL)
    goto fail;
  if (referrers[0] != '\0')
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("cannot delete %s “%s”: still referred to by %s"),
                   helder_entity_get_label (entity), key, referrers);
      goto fail;
    }

  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?1", entity->table,
                         helder_repo_key_column (entity));
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  helder_repo_bind_node (stmt, 1, resolved);
  if (!helder_store_step_done (store, stmt, error) || !helder_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}
