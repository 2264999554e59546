/* helder-repo-audited.c — changing a row and recording who did it, in one transaction
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-repo"

#include "config.h"

#include "services/repo/helder-repo-audited.h"

/* Writes the entry for @row and commits; rolls back when @row is NULL
 * (the change failed) or the entry cannot be written. */
static gboolean
audit_and_commit (HelderStore *store,
                  const HelderAuditActor *actor,
                  const HelderEntity *entity,
                  const char *action,
                  JsonObject *row,
                  const char *detail,
                  GError **error)
{
  if (row == NULL || !helder_audit_change (store, actor, entity, action, row, detail, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* "email, role": the fields an update names. */
static char *
changed_names (JsonObject *changes)
{
  g_autoptr (GList) members = json_object_get_members (changes);
  g_autoptr (GString) names = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", (const char *) l->data);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * helder_repo_create_as:
 * @actor: who creates it
 *
 * helder_repo_create() with the audit entry "create" by @actor.
 */
JsonObject *
helder_repo_create_as (HelderStore *store,
                       const HelderAuditActor *actor,
                       const HelderEntity *entity,
                       JsonObject *values,
                       const char *detail,
                       GError **error)
{
  g_autoptr (JsonObject) row = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && entity != NULL && values != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = helder_repo_create (store, entity, values, HELDER_WRITE_DEFAULT, error);
  if (!audit_and_commit (store, actor, entity, "create", row, detail, error))
    return NULL;
  return g_steal_pointer (&row);
}

/**
 * helder_repo_update_as:
 * @actor: who changes it
 *
 * helder_repo_update() with the audit entry "update" by @actor.
 */
JsonObject *
helder_repo_update_as (HelderStore *store,
                       const HelderAuditActor *actor,
                       const HelderEntity *entity,
                       const char *key,
                       JsonObject *changes,
                       const char *detail,
                       GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *names = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && entity != NULL && changes != NULL, NULL);

  if (detail == NULL)
    detail = names = changed_names (changes);
  if (!helder_store_begin (store, error))
    return NULL;
  row = helder_repo_update (store, entity, key, changes, HELDER_WRITE_DEFAULT, error);
  if (!audit_and_commit (store, actor, entity, "update", row, detail, error))
    return NULL;
  return g_steal_pointer (&row);
}

/**
 * helder_repo_delete_as:
 * @actor: who deletes it
 *
 * helder_repo_delete() with the audit entry "delete" by @actor, which
 * names the row as it was.
 */
gboolean
helder_repo_delete_as (HelderStore *store,
                       const HelderAuditActor *actor,
                       const HelderEntity *entity,
                       const char *key,
                       GError **error)
{
  g_autoptr (JsonObject) old = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && entity != NULL && key != NULL, FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  if (entity->audited)
    {
      old = helder_repo_get (store, entity, key, error);
      if (old == NULL)
        {
          helder_store_rollback (store);
          return FALSE;
        }
    }
  if (!helder_repo_delete (store, entity, key, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  if (old != NULL)
    return audit_and_commit (store, actor, entity, "delete", old, NULL, error);
  if (helder_store_commit (store, error))
    return TRUE;
  helder_store_rollback (store);
  return FALSE;
}
