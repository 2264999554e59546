/* helder-moment.c — the steps of a moment: approve, cancel, supersede
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Superseding a moment cancels the old version and drafts the new one in
 * one transaction.
 */
#define G_LOG_DOMAIN "helder-moment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-moment.h"

static JsonObject *
set_status (HelderStore *store, const char *moment, const char *status, GError **error)
{
  g_autoptr (JsonObject) changes = json_object_new ();

  json_object_set_string_member (changes, "status", status);
  return helder_repo_update (store, helder_entity_lookup ("moment"), moment, changes,
                             HELDER_WRITE_DEFAULT, error);
}

/* What the audit log calls a move to @status: "approve", "cancel", … */
static const char *
status_action (const char *status)
{
  if (g_str_equal (status, "approved"))
    return "approve";
  if (g_str_equal (status, "cancelled"))
    return "cancel";
  return status;
}

/**
 * helder_moment_set_status:
 * @actor: who does it, for the audit entry written with the change
 *
 * Approves or cancels a moment (the rules say which moves are allowed),
 * and records who did it, in one transaction.
 *
 * Returns: (transfer full): the moment as it is now
 */
JsonObject *
helder_moment_set_status (HelderStore *store,
                          const HelderAuditActor *actor,
                          const char *moment,
                          const char *status,
                          GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *record = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && moment != NULL && status != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = set_status (store, moment, status, error);
  if (row != NULL)
    record = helder_repo_key_text (helder_entity_lookup ("moment"), row);
  if (row == NULL ||
      !helder_audit_record (store, actor, status_action (status), "moment", record, 0, NULL,
                            error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&row);
}

/* A meeting's personal slots go with it to its new version. */
static gboolean
copy_slots (HelderStore *store, gint64 from, gint64 to, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO moment_slot (moment, person, starts_at, ends_at, with_whom, created_at,"
    " updated_at) SELECT ?2, person, starts_at, ends_at, with_whom, ?3, ?3 FROM moment_slot"
    " WHERE moment = ?1 ORDER BY id",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/**
 * helder_moment_supersede:
 * @changes: what the new version changes (title, body, scheduled_at, audience …)
 *
 * An approved moment cannot be edited; it is superseded: the old version is
 * cancelled and a new draft that says which moment it supersedes takes its
 * place, in one transaction.
 *
 * Returns: (transfer full): the new draft
 */
JsonObject *
helder_moment_supersede (HelderStore *store,
                         const HelderAuditActor *actor,
                         const char *moment,
                         JsonObject *changes,
                         GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) old = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GList) members = NULL;
  JsonObject *fresh = NULL;
  g_autofree char *record = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;

  old = helder_repo_get (store, entity, moment, error);
  if (old == NULL)
    goto fail;
  if (g_strcmp0 (json_object_get_string_member (old, "status"), "approved") != 0)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        _ ("moment %s is %s: only an approved moment is superseded (edit a draft directly)"),
        moment, json_object_get_string_member (old, "status"));
      goto fail;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      /* The new version keeps the plugin's audience filter. */
      if ((field->flags & (HELDER_FIELD_KEY | HELDER_FIELD_SYSTEM) &&
           !g_str_equal (field->name, "audience_filter")) ||
          g_str_equal (field->name, "status"))
        continue;
      json_object_set_member (values, field->name,
                              json_node_copy (json_object_get_member (old, field->name)));
    }
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (values, l->data,
                            json_node_copy (json_object_get_member (changes, l->data)));
  json_object_set_string_member (values, "status", "draft");
  json_object_set_member (values, "supersedes",
                          json_node_copy (json_object_get_member (old, "id")));

  {
    g_autoptr (JsonObject) cancelled = set_status (store, moment, "cancelled", error);
    if (cancelled == NULL)
      goto fail;
  }
  fresh = helder_repo_create (store, entity, values, HELDER_WRITE_SYSTEM, error);
  if (fresh == NULL || !copy_slots (store, json_object_get_int_member (old, "id"),
                                    json_object_get_int_member (fresh, "id"), error))
    goto fail;
  record = helder_repo_key_text (entity, old);
  draft = helder_repo_key_text (entity, fresh);
  detail = g_strdup_printf (_ ("superseded by draft %s"), draft);
  if (!helder_audit_record (store, actor, "supersede", "moment", record, 0, detail, error) ||
      !helder_store_commit (store, error))
    goto fail;
  return fresh;

fail:
  g_clear_pointer (&fresh, json_object_unref);
  helder_store_rollback (store);
  return NULL;
}
