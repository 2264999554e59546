/* helder-hr.c — HR's board: the new roles to fill and the people to place
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HR fills the roles of the regie organisation (DESIGN.md §3: a role of
 * kind regie, or any role whose fate is new) with people whose own role
 * lapses or changes. The board counts, per role, the people confirmed and
 * intended (the placement table), and lists who still has nowhere to go:
 * no confirmed placement and no decided future role. Placements are plain
 * rows of the placement entity, written through the repository so that
 * its rules (only roles to fill) apply.
 */
#define G_LOG_DOMAIN "helder-hr"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/views/helder-hr.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-placement-sync.h"

/* The role-change statuses that mean the future role is decided. */
#define DECIDED_STATUSES HELDER_PLACEMENT_DECIDING_SQL

static JsonArray *
ensure_array (JsonObject *object, const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
  return json_object_get_array_member (object, name);
}

static JsonObject *
find_by (GHashTable *index, JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_hash_table_lookup (index, key);
    }
  return g_hash_table_lookup (index, json_node_get_string (node));
}

static GHashTable *
index_rows (JsonArray *rows, const char *member)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonNode *node = json_object_get_member (row, member);

      if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_hash_table_insert (index, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)),
                             row);
      else
        g_hash_table_insert (index, g_strdup (json_node_get_string (node)), row);
    }
  return index;
}

/**
 * helder_hr_board:
 *
 * Returns: (transfer full): the board described in helder-hr.h, or %NULL
 *   with @error set when the store cannot be read
 */
JsonObject *
helder_hr_board (HelderStore *store, GError **error)
{
  g_autoptr (JsonArray) roles = NULL;
  g_autoptr (JsonArray) placements = NULL;
  g_autoptr (JsonArray) changes = NULL;
  g_autoptr (JsonArray) unplaced = NULL;
  g_autoptr (GHashTable) role_index = NULL;
  g_autoptr (GHashTable) person_index = NULL;
  g_autoptr (JsonObject) board = json_object_new ();
  g_autoptr (JsonObject) counts = NULL;
  JsonObject *totals;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  roles = helder_repo_query_rows (store,
                                  "SELECT slug, name, kind, fate, fte FROM role"
                                  " WHERE kind = 'regie' OR fate = 'new'"
                                  " ORDER BY name COLLATE NOCASE, slug",
                                  NULL, NULL, error);
  if (roles == NULL)
    return NULL;
  placements = helder_repo_query_rows (
    store,
    "SELECT pl.id, pl.role, r.name AS role_name, pl.person,"
    " p.name AS person_name, pl.status, pl.note, pl.created_at, pl.updated_at"
    " FROM placement pl"
    " JOIN role r ON r.slug = pl.role"
    " JOIN person p ON p.id = pl.person"
    " ORDER BY r.name COLLATE NOCASE, p.name COLLATE NOCASE, pl.id",
    NULL, NULL, error);
  if (placements == NULL)
    return NULL;
  changes = helder_repo_query_rows (store,
                                    "SELECT rc.to_role, rc.person, p.name, rc.status"
                                    " FROM role_change rc JOIN person p ON p.id = rc.person"
                                    " JOIN role r ON r.slug = rc.to_role"
                                    " WHERE r.kind = 'regie' OR r.fate = 'new'"
                                    " ORDER BY p.name COLLATE NOCASE, rc.id",
                                    NULL, NULL, error);
  if (changes == NULL)
    return NULL;
  unplaced = helder_repo_query_rows (
    store,
    "SELECT p.id AS person, p.name, cur.slug AS role, cur.name AS role_name,"
    " cur.fate, rc.id AS role_change, rc.status, rc.to_role,"
    " tr.name AS to_role_name, rc.decision_expected, rc.effective_on"
    " FROM person p"
    " LEFT JOIN role_change rc ON rc.person = p.id"
    " LEFT JOIN role cur ON cur.slug = coalesce (p.role, rc.from_role)"
    " LEFT JOIN role tr ON tr.slug = rc.to_role"
    " WHERE (cur.fate IN ('lapses', 'changes')"
    "        OR (rc.id IS NOT NULL AND rc.to_role IS NULL))"
    "   AND NOT EXISTS (SELECT 1 FROM placement pl"
    "                   WHERE pl.person = p.id AND pl.status = 'confirmed')"
    "   AND NOT (rc.to_role IS NOT NULL AND rc.status IN " DECIDED_STATUSES ")"
    " ORDER BY p.name COLLATE NOCASE, p.id",
    NULL, NULL, error);
  if (unplaced == NULL)
    return NULL;

  role_index = index_rows (roles, "slug");
  person_index = index_rows (unplaced, "person");

  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);

      ensure_array (role, "confirmed");
      ensure_array (role, "intended");
      ensure_array (role, "role_changes");
    }
  for (guint i = 0; i < json_array_get_length (unplaced); i++)
    ensure_array (json_array_get_object_element (unplaced, i), "intended");

  for (guint i = 0; i < json_array_get_length (placements); i++)
    {
      JsonObject *placement = json_array_get_object_element (placements, i);
      const char *status = json_object_get_string_member (placement, "status");
      JsonObject *role = find_by (role_index, placement, "role");
      JsonObject *person = find_by (person_index, placement, "person");

      if (g_str_equal (status, "withdrawn"))
        continue;
      if (role != NULL)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_int_member (entry, "id", json_object_get_int_member (placement, "id"));
          json_object_set_int_member (entry, "person",
                                      json_object_get_int_member (placement, "person"));
          json_object_set_string_member (entry, "name",
                                         json_object_get_string_member (placement, "person_name"));
          json_object_set_string_member (entry, "note",
                                         json_object_get_string_member (placement, "note"));
          json_array_add_object_element (ensure_array (role, status), entry);
        }
      if (person != NULL && g_str_equal (status, "intended"))
        {
          JsonObject *entry = json_object_new ();

          json_object_set_int_member (entry, "id", json_object_get_int_member (placement, "id"));
          json_object_set_string_member (entry, "role",
                                         json_object_get_string_member (placement, "role"));
          json_object_set_string_member (entry, "role_name",
                                         json_object_get_string_member (placement, "role_name"));
          json_array_add_object_element (ensure_array (person, "intended"), entry);
        }
    }

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *role = find_by (role_index, change, "to_role");
      JsonObject *entry;

      if (role == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_int_member (entry, "person", json_object_get_int_member (change, "person"));
      json_object_set_string_member (entry, "name", json_object_get_string_member (change, "name"));
      json_object_set_string_member (entry, "status",
                                     json_object_get_string_member (change, "status"));
      json_array_add_object_element (ensure_array (role, "role_changes"), entry);
    }

  counts = helder_hr_counts (store, error);
  if (counts == NULL)
    return NULL;
  {
    JsonArray *counted = json_object_get_array_member (counts, "roles");

    for (guint i = 0; i < json_array_get_length (counted); i++)
      {
        JsonObject *count = json_array_get_object_element (counted, i);
        JsonObject *role = find_by (role_index, count, "slug");
        static const char *const members[] = { "fte",        "fte_open",  "n_confirmed",
                                               "n_intended", "n_planned", "over_placed" };

        if (role == NULL)
          continue;
        for (guint m = 0; m < G_N_ELEMENTS (members); m++)
          json_object_set_member (role, members[m],
                                  json_node_copy (json_object_get_member (count, members[m])));
      }
  }
  totals = json_object_ref (json_object_get_object_member (counts, "totals"));
  json_object_set_int_member (totals, "unplaced", json_array_get_length (unplaced));

  json_object_set_array_member (board, "roles", g_steal_pointer (&roles));
  json_object_set_array_member (board, "unplaced", g_steal_pointer (&unplaced));
  json_object_set_array_member (board, "placements", g_steal_pointer (&placements));
  json_object_set_object_member (board, "totals", totals);
  return g_steal_pointer (&board);
}

/**
 * helder_hr_candidates:
 *
 * Returns: (transfer full): the people HR may place, or %NULL with @error
 */
JsonArray *
helder_hr_candidates (HelderStore *store, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  return helder_repo_query_rows (store,
                                 "SELECT p.id AS person, p.name, r.name AS role_name"
                                 " FROM person p JOIN role r ON r.slug = p.role"
                                 " WHERE r.kind = 'current'"
                                 " ORDER BY p.name COLLATE NOCASE, p.id",
                                 NULL, NULL, error);
}

/* The stored placement of @person_id for @role, or NULL. */
static JsonObject *
existing_placement (HelderStore *store,
                    gint64 person_id,
                    const char *role,
                    gboolean *failed,
                    GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *key = NULL;
  int rc;

  *failed = FALSE;
  stmt =
    helder_store_prepare (store, "SELECT id FROM placement WHERE person = ?1 AND role = ?2", error);
  if (stmt == NULL)
    {
      *failed = TRUE;
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      *failed = TRUE;
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  g_clear_pointer (&stmt, helder_store_stmt_release);
  {
    JsonObject *row = helder_repo_get (store, helder_entity_lookup ("placement"), key, error);
    if (row == NULL)
      *failed = TRUE;
    return row;
  }
}

/* Resolves the text of a reference field to its stored key, as an
 * invalid-input error that names @field when nothing matches. */
static JsonNode *
resolve (HelderStore *store,
         const char *entity_name,
         const char *field,
         const char *text,
         GError **error)
{
  g_autoptr (JsonNode) typed = json_node_init_string (json_node_alloc (), text);
  g_autoptr (GError) local = NULL;
  JsonNode *key =
    helder_repo_resolve_key (store, helder_entity_lookup (entity_name), typed, &local);

  if (key != NULL)
    return key;
  if (g_error_matches (local, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    helder_error_set (error, HELDER_ERROR_INVALID, field, "%s: %s", field, local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

static JsonObject *
place_in_transaction (HelderStore *store,
                      const char *person,
                      const char *role,
                      const char *note,
                      GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("placement");
  g_autoptr (JsonNode) person_key = NULL;
  g_autoptr (JsonNode) role_key = NULL;
  g_autoptr (JsonObject) existing = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  gboolean failed;

  person_key = resolve (store, "person", "person", person, error);
  if (person_key == NULL)
    return NULL;
  role_key = resolve (store, "role", "role", role, error);
  if (role_key == NULL)
    return NULL;

  existing = existing_placement (store, json_node_get_int (person_key),
                                 json_node_get_string (role_key), &failed, error);
  if (failed)
    return NULL;
  json_object_set_string_member (values, "note", note != NULL ? note : "");
  if (existing != NULL)
    {
      const char *status = json_object_get_string_member (existing, "status");
      g_autofree char *key = NULL;

      if (!g_str_equal (status, "withdrawn"))
        {
          g_autoptr (JsonObject) who =
            helder_repo_get (store, helder_entity_lookup ("person"), person, NULL);
          g_autoptr (JsonObject) what = helder_repo_get (store, helder_entity_lookup ("role"),
                                                         json_node_get_string (role_key), NULL);
          const char *who_name = who != NULL ? json_object_get_string_member (who, "name") : person;
          const char *what_name =
            what != NULL ? json_object_get_string_member (what, "name") : role;

          if (g_str_equal (status, "confirmed"))
            helder_error_set (error, HELDER_ERROR_CONFLICT, "person",
                              _ ("person: %s is already confirmed for “%s”"), who_name, what_name);
          else
            helder_error_set (error, HELDER_ERROR_CONFLICT, "person",
                              _ ("person: %s is already intended for “%s”"), who_name, what_name);
          return NULL;
        }
      json_object_set_string_member (values, "status", "intended");
      key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (existing, "id"));
      return helder_repo_update (store, entity, key, values, HELDER_WRITE_DEFAULT, error);
    }

  json_object_set_member (values, "person", g_steal_pointer (&person_key));
  json_object_set_member (values, "role", g_steal_pointer (&role_key));
  json_object_set_string_member (values, "status", "intended");
  return helder_repo_create (store, entity, values, HELDER_WRITE_DEFAULT, error);
}

/**
 * helder_hr_place:
 * @person: the person: an id or an e-mail address
 * @role: the slug of a new or regie role
 * @note: (nullable): why, or what is still needed (Markdown)
 *
 * Returns: (transfer full): the stored placement, or %NULL with @error set
 *   and nothing changed
 */
JsonObject *
helder_hr_place (HelderStore *store,
                 const char *person,
                 const char *role,
                 const char *note,
                 GError **error)
{
  JsonObject *placement;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (person == NULL || g_strcmp0 (person, "") == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "person", "%s",
                        _ ("person: choose the person to place"));
      return NULL;
    }
  if (role == NULL || g_strcmp0 (role, "") == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "role", "%s",
                        _ ("role: choose the role to fill"));
      return NULL;
    }
  if (!g_utf8_validate (person, -1, NULL) || !g_utf8_validate (role, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID,
                        !g_utf8_validate (person, -1, NULL) ? "person" : "role", "%s",
                        !g_utf8_validate (person, -1, NULL) ? _ ("person: not valid UTF-8")
                                                            : _ ("role: not valid UTF-8"));
      return NULL;
    }

  if (!helder_store_begin (store, error))
    return NULL;
  placement = place_in_transaction (store, person, role, note, error);
  if (placement == NULL || !helder_store_commit (store, error))
    {
      g_clear_pointer (&placement, json_object_unref);
      helder_store_rollback (store);
      return NULL;
    }
  return placement;
}
