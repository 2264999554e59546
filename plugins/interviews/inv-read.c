/* inv-read.c — the register: one item, the list with its filters, and
 * completeness
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are read with one query (inv_item joined to its supplier, owner
 * and ends); what completeness asks that an item lacks ("missing") is
 * computed from its resolved columns, so the list, the item and the
 * completeness count agree. inv_item_get() adds the sources with what
 * each said, the conflicts with each value and its sources, the key
 * users, readiness and couplings (inv-read-item.c).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

char *
inv_item_name (HelderStore *store, gint64 id)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name FROM inv_item WHERE id = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
resolve_query (HelderStore *store,
               const char *sql,
               const char *a,
               const char *b,
               const char *c,
               const char *text,
               GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  gint64 id = 0;
  guint found = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (c != NULL)
    sqlite3_bind_text (stmt, 3, c, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      found++;
    }
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), 0);
  if (found == 1)
    return id;
  if (found == 0)
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, "item", _ ("item: there is no item “%s”"),
                      text);
  else
    helder_error_set (error, HELDER_ERROR_INVALID, "item",
                      _ ("item: “%s” names %u items; say which with KIND:NAME or its number"), text,
                      found);
  return 0;
}

gint64
inv_item_resolve (HelderStore *store, const char *text, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *key = NULL;
  const char *colon = strchr (copy, ':');
  guint64 id;

  if (g_ascii_string_to_unsigned (copy, 10, 1, G_MAXINT64, &id, NULL))
    return resolve_query (store, "SELECT id FROM inv_item WHERE id = CAST (?1 AS INTEGER)", copy,
                          NULL, NULL, copy, error);
  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (copy, colon - copy);
      const char *kind = inv_kind_parse (prefix);

      if (kind != NULL)
        {
          key = inv_match_fold (colon + 1);
          return resolve_query (store,
                                "SELECT id FROM inv_item WHERE kind = ?1 AND (match_key = ?2"
                                " OR (kind = 'coupling' AND name = ?3))",
                                kind, key, colon + 1, copy, error);
        }
    }
  key = inv_match_fold (copy);
  return resolve_query (store,
                        "SELECT id FROM inv_item WHERE (kind <> 'coupling' AND match_key = ?1)"
                        " OR (kind = 'coupling' AND name = ?2)",
                        key, copy, NULL, copy, error);
}

/* ---- rows -------------------------------------------------------------- */

#define ROW_SELECT                                                                           \
  "SELECT i.id, i.kind, i.name, i.type, i.domain, i.supplier, sup.name, i.owner, p.name,"    \
  " i.owner_erased, i.version, i.from_item, f.name, i.to_item, t.name, i.protocol, i.scope," \
  " i.direction, i.subject, i.ends_on, i.notice_months, i.description, i.conflicts,"         \
  " (SELECT count(*) FROM inv_source s WHERE s.item = i.id), p.email FROM inv_item i"        \
  " LEFT JOIN inv_item sup ON sup.id = i.supplier LEFT JOIN person p ON p.id = i.owner"      \
  " LEFT JOIN inv_item f ON f.id = i.from_item LEFT JOIN inv_item t ON t.id = i.to_item"

static void
set_ref (JsonObject *row, const char *member, HelderStmt *stmt, int id_col, int name_col)
{
  JsonObject *ref;

  if (sqlite3_column_type (stmt, id_col) == SQLITE_NULL)
    {
      json_object_set_null_member (row, member);
      return;
    }
  ref = json_object_new ();
  json_object_set_int_member (ref, "id", sqlite3_column_int64 (stmt, id_col));
  json_object_set_string_member (ref, "name", (const char *) sqlite3_column_text (stmt, name_col));
  json_object_set_object_member (row, member, ref);
}

static void
set_text (JsonObject *row, const char *member, HelderStmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  json_object_set_string_member (row, member, text != NULL ? text : "");
}

static void
set_owner (JsonObject *row, HelderStmt *stmt)
{
  JsonObject *owner;

  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL || !sqlite3_column_int (stmt, 9))
    {
      set_ref (row, "owner", stmt, 7, 8);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL && sqlite3_column_text (stmt, 24) != NULL)
        json_object_set_string_member (json_object_get_object_member (row, "owner"), "email",
                                       (const char *) sqlite3_column_text (stmt, 24));
      return;
    }
  owner = json_object_new ();
  json_object_set_null_member (owner, "id");
  json_object_set_string_member (owner, "name", _ ("erased person"));
  json_object_set_boolean_member (owner, "erased", TRUE);
  json_object_set_object_member (row, "owner", owner);
}

/* What completeness asks of the row that it lacks. */
static JsonArray *
row_missing (JsonObject *row)
{
  const char *kind = json_object_get_string_member (row, "kind");
  const char *const *required = inv_fields_required (kind);
  JsonArray *missing = json_array_new ();

  for (guint i = 0; required[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (row, required[i]);
      gboolean lacks =
        node == NULL || JSON_NODE_HOLDS_NULL (node) ||
        (JSON_NODE_HOLDS_OBJECT (node) &&
         json_object_get_null_member (json_node_get_object (node), "id")) ||
        (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         *json_node_get_string (node) == '\0');

      if (lacks)
        json_array_add_string_element (missing, required[i]);
    }
  return missing;
}

static JsonObject *
read_row (HelderStmt *stmt)
{
  JsonObject *row = json_object_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);

  json_object_set_int_member (row, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (row, "kind", kind);
  json_object_set_string_member (row, "kind_label", inv_kind_label (kind));
  set_text (row, "name", stmt, 2);
  set_text (row, "type", stmt, 3);
  set_text (row, "domain", stmt, 4);
  set_ref (row, "supplier", stmt, 5, 6);
  set_owner (row, stmt);
  set_text (row, "version", stmt, 10);
  set_ref (row, "from", stmt, 11, 12);
  set_ref (row, "to", stmt, 13, 14);
  set_text (row, "protocol", stmt, 15);
  set_text (row, "scope", stmt, 16);
  set_text (row, "direction", stmt, 17);
  set_text (row, "subject", stmt, 18);
  if (sqlite3_column_type (stmt, 19) == SQLITE_NULL)
    json_object_set_null_member (row, "ends_on");
  else
    set_text (row, "ends_on", stmt, 19);
  if (sqlite3_column_type (stmt, 20) == SQLITE_NULL)
    json_object_set_null_member (row, "notice_months");
  else
    json_object_set_int_member (row, "notice_months", sqlite3_column_int64 (stmt, 20));
  set_text (row, "description", stmt, 21);
  json_object_set_int_member (row, "conflicts", sqlite3_column_int64 (stmt, 22));
  json_object_set_int_member (row, "sources", sqlite3_column_int64 (stmt, 23));
  json_object_set_array_member (row, "missing", row_missing (row));
  return row;
}

static gboolean
row_matches (JsonObject *row, const InvFilter *filter)
{
  if (filter->text != NULL && *filter->text != '\0' &&
      !helder_text_fold_contains (json_object_get_string_member (row, "name"), filter->text) &&
      !helder_text_fold_contains (json_object_get_string_member (row, "description"), filter->text))
    return FALSE;
  if (filter->incomplete &&
      json_array_get_length (json_object_get_array_member (row, "missing")) == 0)
    return FALSE;
  return TRUE;
}

JsonArray *
inv_read_rows (HelderStore *store, const InvFilter *filter, gint64 id, GError **error)
{
  static const InvFilter none = { 0 };
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  if (filter == NULL)
    filter = &none;
  if (filter->kind != NULL && !inv_kind_check (filter->kind, error))
    return NULL;
  stmt = helder_store_prepare (
    store,
    ROW_SELECT " WHERE (?1 IS NULL OR i.kind = ?1) AND (?2 IS NULL OR i.domain = ?2 COLLATE NOCASE)"
               " AND (?3 = 0 OR i.supplier = ?3) AND (?4 = 0 OR i.conflicts > 0)"
               " AND (?5 = 0 OR EXISTS (SELECT 1 FROM inv_source s WHERE s.item = i.id"
               " AND s.interview = ?5)) AND (?6 = 0 OR i.id = ?6)"
               " ORDER BY CASE i.kind WHEN 'component' THEN 1 WHEN 'application' THEN 2"
               " WHEN 'coupling' THEN 3 WHEN 'supplier' THEN 4 WHEN 'contract' THEN 5 ELSE 6 END,"
               " i.name COLLATE NOCASE, i.id",
    error);
  if (stmt == NULL)
    return NULL;
  if (filter->kind != NULL)
    sqlite3_bind_text (stmt, 1, filter->kind, -1, SQLITE_TRANSIENT);
  if (filter->domain != NULL)
    sqlite3_bind_text (stmt, 2, filter->domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, filter->supplier);
  sqlite3_bind_int (stmt, 4, filter->conflicts);
  sqlite3_bind_int64 (stmt, 5, filter->interview);
  sqlite3_bind_int64 (stmt, 6, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = read_row (stmt);

      if (row_matches (row, filter))
        json_array_add_object_element (rows, row);
      else
        json_object_unref (row);
    }
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  return g_steal_pointer (&rows);
}

JsonArray *
inv_item_list (HelderStore *store, const InvFilter *filter, GError **error)
{
  return inv_read_rows (store, filter, 0, error);
}

JsonArray *
inv_item_missing (HelderStore *store, gint64 item, GError **error)
{
  g_autoptr (JsonArray) rows = inv_read_rows (store, NULL, item, error);

  if (rows == NULL || json_array_get_length (rows) == 0)
    return NULL;
  return json_array_ref (
    json_object_get_array_member (json_array_get_object_element (rows, 0), "missing"));
}

/* ---- completeness ------------------------------------------------------- */

static JsonObject *
kind_completeness (JsonArray *rows, const char *kind, guint *incomplete)
{
  const char *const *required = inv_fields_required (kind);
  JsonObject *out = json_object_new ();
  JsonArray *fields = json_array_new ();
  guint items = 0;

  json_object_set_string_member (out, "kind", kind);
  json_object_set_string_member (out, "label", inv_kind_label (kind));
  for (guint f = 0; required[f] != NULL; f++)
    {
      JsonObject *field = json_object_new ();
      JsonArray *lacking = json_array_new ();

      json_object_set_string_member (field, "field", required[f]);
      json_object_set_string_member (field, "label", inv_field_label (required[f]));
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          JsonArray *missing = json_object_get_array_member (row, "missing");

          if (!g_str_equal (json_object_get_string_member (row, "kind"), kind))
            continue;
          for (guint m = 0; m < json_array_get_length (missing); m++)
            if (g_str_equal (json_array_get_string_element (missing, m), required[f]))
              {
                JsonObject *item = json_object_new ();

                json_object_set_int_member (item, "id", json_object_get_int_member (row, "id"));
                json_object_set_string_member (item, "name",
                                               json_object_get_string_member (row, "name"));
                json_array_add_object_element (lacking, item);
              }
        }
      json_object_set_int_member (field, "missing", json_array_get_length (lacking));
      json_object_set_array_member (field, "items", lacking);
      json_array_add_object_element (fields, field);
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (!g_str_equal (json_object_get_string_member (row, "kind"), kind))
        continue;
      items++;
      *incomplete += json_array_get_length (json_object_get_array_member (row, "missing")) > 0;
    }
  json_object_set_int_member (out, "items", items);
  json_object_set_array_member (out, "fields", fields);
  return out;
}

JsonObject *
inv_completeness (HelderStore *store, GError **error)
{
  g_autoptr (JsonArray) rows = inv_read_rows (store, NULL, 0, error);
  JsonObject *out;
  JsonArray *kinds;
  guint incomplete = 0;

  if (rows == NULL)
    return NULL;
  out = json_object_new ();
  kinds = json_array_new ();
  for (guint k = 0; inv_kinds[k] != NULL; k++)
    json_array_add_object_element (kinds, kind_completeness (rows, inv_kinds[k], &incomplete));
  json_object_set_array_member (out, "kinds", kinds);
  json_object_set_int_member (out, "items", json_array_get_length (rows));
  json_object_set_int_member (out, "incomplete", incomplete);
  return out;
}
