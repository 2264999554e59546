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
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-resolve.h"

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

/* The person HR typed: an id, an e-mail address or (part of) a name,
 * compared without case and accents (services/repo/helder-resolve.h). A
 * name that fits several people lists them; every error names the field. */
static JsonNode *
resolve_person (HelderStore *store, const char *text, GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("person");
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonNode) key = helder_resolve (store, entity, text, &local);
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *id = NULL;

  if (key == NULL)
    {
      if (local->domain != HELDER_ERROR ||
          (local->code != HELDER_ERROR_NOT_FOUND && local->code != HELDER_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      helder_error_set (error, HELDER_ERROR_INVALID, "person", "person: %s", local->message);
      return NULL;
    }
  /* a number is an id, also one nobody has */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
  row = helder_repo_get (store, entity, id, &local);
  if (row != NULL)
    return g_steal_pointer (&key);
  if (g_error_matches (local, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    helder_error_set (error, HELDER_ERROR_INVALID, "person", "person: %s", local->message);
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

  person_key = resolve_person (store, person, error);
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
          g_autofree char *who_key =
            g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (person_key));
          g_autoptr (JsonObject) who =
            helder_repo_get (store, helder_entity_lookup ("person"), who_key, NULL);
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
 * @person: the person: an id, an e-mail address or (part of) a name
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
  return helder_hr_place_as (store, NULL, person, role, note, error);
}

/**
 * helder_hr_place_as:
 * @actor: (nullable): who records it; its audit entry ("create", or
 *   "update" when a withdrawn placement is intended again) is written in
 *   the same transaction. %NULL: no entry (tests, importers).
 *
 * helder_hr_place(), audited.
 */
JsonObject *
helder_hr_place_as (HelderStore *store,
                    const HelderAuditActor *actor,
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
  if (placement != NULL && actor != NULL)
    {
      g_autofree char *detail =
        g_strdup_printf ("intended for %s", json_object_get_string_member (placement, "role"));

      if (!helder_audit_change (store, actor, helder_entity_lookup ("placement"), "create",
                                placement, detail, error))
        g_clear_pointer (&placement, json_object_unref);
    }
  if (placement == NULL || !helder_store_commit (store, error))
    {
      g_clear_pointer (&placement, json_object_unref);
      helder_store_rollback (store);
      return NULL;
    }
  return placement;
}
