/* helder-audit-write.c — writing an audit entry, for the services that change records
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-audit"

#include "config.h"

#include <sqlite3.h>

#include "helder-clock.h"
#include "model/helder-entity.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"

/**
 * helder_audit_record:
 *
 * Adds one entry in its own transaction (or as part of the caller's).
 */
gboolean
helder_audit_record (HelderStore *store,
                     const HelderAuditActor *actor,
                     const char *action,
                     const char *entity,
                     const char *record,
                     gint64 subject,
                     const char *detail,
                     GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL && entity != NULL, FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (store,
                               "INSERT INTO audit_entry (at, actor, actor_name, actor_role, action,"
                               " entity, record, subject, detail)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  if (actor->person > 0)
    sqlite3_bind_int64 (stmt, 2, actor->person);
  sqlite3_bind_text (stmt, 3, actor->name ? actor->name : "helder", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, actor->role ? actor->role : "system", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, record ? record : "", -1, SQLITE_TRANSIENT);
  if (subject > 0)
    sqlite3_bind_int64 (stmt, 8, subject);
  sqlite3_bind_text (stmt, 9, detail ? detail : "", -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return helder_store_commit (store, error);
}

/**
 * helder_audit_subject:
 *
 * Returns: the person @row is about: a person itself, the entity's
 *   person_field, or else its "person" reference; 0 when none
 */
gint64
helder_audit_subject (const HelderEntity *entity, JsonObject *row)
{
  const char *member;
  const HelderField *field;
  JsonNode *node;

  g_return_val_if_fail (entity != NULL && row != NULL, 0);

  if (entity->owner == NULL && g_str_equal (entity->name, "person"))
    member = "id";
  else if (entity->person_field != NULL)
    member = entity->person_field;
  else
    member = "person";
  field = helder_entity_get_field (entity, member);
  if (field == NULL || (field->type == HELDER_FIELD_REF && g_strcmp0 (field->ref, "person") != 0))
    return 0;
  node = json_object_get_member (row, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/**
 * helder_audit_change:
 * @action: "create", "update" or "delete"
 * @row: the row as written (as it was, for "delete")
 * @detail: (nullable): e.g. the fields an update changed
 *
 * Records a generic change of a row when @entity is audited: in the
 * caller's transaction, so that the change and its entry go together.
 */
gboolean
helder_audit_change (HelderStore *store,
                     const HelderAuditActor *actor,
                     const HelderEntity *entity,
                     const char *action,
                     JsonObject *row,
                     const char *detail,
                     GError **error)
{
  g_autofree char *record = NULL;

  g_return_val_if_fail (entity != NULL && row != NULL, FALSE);

  if (!entity->audited)
    return TRUE;
  record = helder_repo_key_text (entity, row);
  if (!helder_audit_record (store, actor, action, entity->name, record,
                            helder_audit_subject (entity, row), detail, error))
    return FALSE;
  return helder_audit_linked (store, actor, row, error);
}

/**
 * helder_audit_linked:
 * @row: a row as written by the repository
 *
 * Records the rows the write changed besides @row (its "linked" member:
 * a placement and a role change follow each other), by the same actor.
 */
gboolean
helder_audit_linked (HelderStore *store,
                     const HelderAuditActor *actor,
                     JsonObject *row,
                     GError **error)
{
  JsonArray *linked;

  g_return_val_if_fail (row != NULL, FALSE);

  if (!json_object_has_member (row, "linked"))
    return TRUE;
  linked = json_object_get_array_member (row, "linked");
  for (guint i = 0; i < json_array_get_length (linked); i++)
    {
      JsonObject *item = json_array_get_object_element (linked, i);

      if (!helder_audit_record (store, actor, json_object_get_string_member (item, "action"),
                                json_object_get_string_member (item, "entity"),
                                json_object_get_string_member (item, "record"),
                                json_object_get_int_member (item, "subject"),
                                json_object_get_string_member (item, "detail"), error))
        return FALSE;
    }
  return TRUE;
}
