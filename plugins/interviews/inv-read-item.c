/* inv-read-item.c — one item with its sources, conflicts, key users,
 * readiness and couplings
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A claim's value is shown as people read it: "person:ID" as the person's
 * name, "item:ID" as the item's, "erased" as "erased person". A conflict
 * lists every value the interviews gave, each with its sources.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

static char *
claim_display (HelderStore *store, const char *value)
{
  g_autoptr (HelderStmt) stmt = NULL;

  if (g_str_equal (value, "erased"))
    return g_strdup (_ ("erased person"));
  if (g_str_has_prefix (value, "item:"))
    {
      char *name = inv_item_name (store, g_ascii_strtoll (value + 5, NULL, 10));

      return name != NULL ? name : g_strdup (value);
    }
  if (!g_str_has_prefix (value, "person:"))
    return g_strdup (value);
  stmt = helder_store_prepare (store, "SELECT name FROM person WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup (value);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (value + 7, NULL, 10));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (value);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static JsonObject *
source_ref (HelderStmt *stmt)
{
  JsonObject *source = json_object_new ();

  json_object_set_int_member (source, "id", sqlite3_column_int64 (stmt, 0));
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    {
      json_object_set_null_member (source, "interview");
      json_object_set_null_member (source, "interview_title");
    }
  else
    {
      json_object_set_int_member (source, "interview", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (source, "interview_title",
                                     (const char *) sqlite3_column_text (stmt, 2));
    }
  json_object_set_string_member (source, "origin", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_string_member (source, "noted_at", (const char *) sqlite3_column_text (stmt, 4));
  return source;
}

/* field → value (display) → array of source refs, for the conflicts. */
static void
remember_value (GHashTable *by_field, const char *field, const char *value, JsonObject *source)
{
  GHashTable *values = g_hash_table_lookup (by_field, field);
  JsonArray *sources;

  if (values == NULL)
    {
      values =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
      g_hash_table_insert (by_field, g_strdup (field), values);
    }
  sources = g_hash_table_lookup (values, value);
  if (sources == NULL)
    {
      sources = json_array_new ();
      g_hash_table_insert (values, g_strdup (value), sources);
    }
  json_array_add_object_element (sources, json_object_ref (source));
}

static JsonArray *
conflicts_of (GHashTable *by_field, GHashTable *register_fields)
{
  JsonArray *conflicts = json_array_new ();
  g_autoptr (GList) fields = g_hash_table_get_keys (by_field);

  fields = g_list_sort (fields, (GCompareFunc) g_strcmp0);
  for (GList *l = fields; l != NULL; l = l->next)
    {
      GHashTable *values = g_hash_table_lookup (by_field, l->data);
      g_autoptr (GList) keys = NULL;
      JsonObject *conflict;
      JsonArray *list;

      if (g_hash_table_size (values) < 2 || g_hash_table_contains (register_fields, l->data))
        continue;
      conflict = json_object_new ();
      list = json_array_new ();
      json_object_set_string_member (conflict, "field", l->data);
      json_object_set_string_member (conflict, "label", inv_field_label (l->data));
      keys = g_list_sort (g_hash_table_get_keys (values), (GCompareFunc) g_strcmp0);
      for (GList *k = keys; k != NULL; k = k->next)
        {
          JsonObject *value = json_object_new ();

          json_object_set_string_member (value, "value", k->data);
          json_object_set_array_member (value, "sources",
                                        json_array_ref (g_hash_table_lookup (values, k->data)));
          json_array_add_object_element (list, value);
        }
      json_object_set_array_member (conflict, "values", list);
      json_array_add_object_element (conflicts, conflict);
    }
  return conflicts;
}

static gboolean
add_sources (HelderStore *store, gint64 item, JsonObject *out, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT s.id, s.interview, iv.title, s.origin, s.noted_at, c.field, c.value FROM inv_source s"
    " LEFT JOIN interview iv ON iv.id = s.interview LEFT JOIN inv_claim c ON c.source = s.id"
    " WHERE s.item = ?1 ORDER BY s.interview IS NOT NULL, s.id, c.field",
    error);
  g_autoptr (GHashTable) by_field =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GHashTable) register_fields =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *sources = json_array_new ();
  JsonObject *source = NULL;
  int rc;

  json_object_set_array_member (out, "sources", sources);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *value = NULL;

      if (source == NULL ||
          json_object_get_int_member (source, "id") != sqlite3_column_int64 (stmt, 0))
        {
          source = source_ref (stmt);
          json_object_set_object_member (source, "claims", json_object_new ());
          json_array_add_object_element (sources, source);
        }
      if (field == NULL)
        continue;
      value = claim_display (store, (const char *) sqlite3_column_text (stmt, 6));
      json_object_set_string_member (json_object_get_object_member (source, "claims"), field,
                                     value);
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        g_hash_table_add (register_fields, g_strdup (field));
      else
        {
          g_autoptr (JsonObject) ref = json_object_new ();

          json_object_set_int_member (ref, "id", sqlite3_column_int64 (stmt, 0));
          json_object_set_int_member (ref, "interview", sqlite3_column_int64 (stmt, 1));
          json_object_set_string_member (ref, "interview_title",
                                         (const char *) sqlite3_column_text (stmt, 2));
          remember_value (by_field, field, value, ref);
        }
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  json_object_set_int_member (out, "conflict_count", json_object_get_int_member (out, "conflicts"));
  json_object_set_array_member (out, "conflicts", conflicts_of (by_field, register_fields));
  return TRUE;
}

static gboolean
add_key_users (HelderStore *store, gint64 item, JsonObject *out, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT p.id, p.name FROM inv_key_user k JOIN person p ON p.id = k.person WHERE k.item = ?1"
    " ORDER BY p.name, p.id",
    error);
  JsonArray *people = json_array_new ();
  int rc;

  json_object_set_array_member (out, "key_users", people);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *person = json_object_new ();

      json_object_set_int_member (person, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_array_add_object_element (people, person);
    }
  return rc == SQLITE_DONE || helder_store_propagate (store, rc, error);
}

static gboolean
add_readiness (HelderStore *store, gint64 item, JsonObject *out, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT status, value, on_date, note FROM inv_readiness WHERE item = ?1 AND aspect = ?2",
    error);
  JsonArray *aspects = json_array_new ();

  json_object_set_array_member (out, "readiness", aspects);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; inv_readiness_aspects[i] != NULL; i++)
    {
      JsonObject *aspect = json_object_new ();
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, item);
      sqlite3_bind_text (stmt, 2, inv_readiness_aspects[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      json_object_set_string_member (aspect, "aspect", inv_readiness_aspects[i]);
      json_object_set_string_member (aspect, "label",
                                     inv_readiness_label (inv_readiness_aspects[i]));
      json_object_set_string_member (
        aspect, "status", rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : "open");
      json_object_set_string_member (
        aspect, "status_label",
        inv_status_label (json_object_get_string_member (aspect, "status")));
      json_object_set_string_member (
        aspect, "value", rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 1) : "");
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        json_object_set_string_member (aspect, "on_date",
                                       (const char *) sqlite3_column_text (stmt, 2));
      else
        json_object_set_null_member (aspect, "on_date");
      json_object_set_string_member (
        aspect, "note", rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 3) : "");
      json_array_add_object_element (aspects, aspect);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return helder_store_propagate (store, rc, error);
    }
  return TRUE;
}

static gboolean
add_couplings (HelderStore *store, gint64 item, JsonObject *out, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT c.id, c.name, c.from_item = ?1, o.id, o.name, c.protocol, c.scope, c.direction"
    " FROM inv_item c JOIN inv_item o ON o.id = CASE WHEN c.from_item = ?1 THEN c.to_item"
    " ELSE c.from_item END WHERE c.kind = 'coupling' AND (c.from_item = ?1 OR c.to_item = ?1)"
    " ORDER BY c.name, c.id",
    error);
  JsonArray *couplings = json_array_new ();
  int rc;

  json_object_set_array_member (out, "couplings", couplings);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *coupling = json_object_new ();
      JsonObject *other = json_object_new ();

      json_object_set_int_member (coupling, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (coupling, "name",
                                     (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (coupling, "way", sqlite3_column_int (stmt, 2) ? "out" : "in");
      json_object_set_int_member (other, "id", sqlite3_column_int64 (stmt, 3));
      json_object_set_string_member (other, "name", (const char *) sqlite3_column_text (stmt, 4));
      json_object_set_object_member (coupling, "other", other);
      json_object_set_string_member (coupling, "protocol",
                                     (const char *) sqlite3_column_text (stmt, 5));
      json_object_set_string_member (coupling, "scope",
                                     (const char *) sqlite3_column_text (stmt, 6));
      json_object_set_string_member (coupling, "direction",
                                     (const char *) sqlite3_column_text (stmt, 7));
      json_array_add_object_element (couplings, coupling);
    }
  return rc == SQLITE_DONE || helder_store_propagate (store, rc, error);
}

JsonObject *
inv_item_get (HelderStore *store, gint64 item, GError **error)
{
  g_autoptr (JsonArray) rows = inv_read_rows (store, NULL, item, error);
  g_autoptr (JsonObject) out = NULL;

  if (rows == NULL)
    return NULL;
  if (json_array_get_length (rows) == 0)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "item",
                        _ ("item: there is no item %" PRId64), item);
      return NULL;
    }
  out = json_object_ref (json_array_get_object_element (rows, 0));
  if (!add_sources (store, item, out, error) || !add_key_users (store, item, out, error) ||
      (g_str_equal (json_object_get_string_member (out, "kind"), "component") &&
       !add_readiness (store, item, out, error)) ||
      !add_couplings (store, item, out, error))
    return NULL;
  return g_steal_pointer (&out);
}
