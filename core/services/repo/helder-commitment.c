/* helder-commitment.c — what became of a promise, as an append-only history
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recording an update appends it and moves the commitment's status in one
 * transaction.
 */
#define G_LOG_DOMAIN "helder-commitment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-commitment.h"

/**
 * helder_commitment_record:
 * @actor: who records it, for the audit log
 * @status: (nullable): the new status, or %NULL for a note only
 * @author: (nullable): whom the update names as its author; %NULL: @actor
 *
 * Appends an update to a commitment and records who did it in the audit
 * log, in one transaction. "late" is not a status one records: it follows
 * from the due date.
 *
 * Returns: (transfer full): the commitment after the update
 */
JsonObject *
helder_commitment_record (HelderStore *store,
                          const HelderAuditActor *actor,
                          const char *commitment,
                          const char *status,
                          const char *note,
                          const char *author,
                          GError **error)
{
  return helder_commitment_record_evidence (store, actor, commitment, status, note, NULL, author,
                                            error);
}

/**
 * helder_commitment_record_evidence:
 * @status: (nullable): the new status, or %NULL for a note only
 * @evidence_url: (nullable): an http:// or https:// address of what shows
 *   the update (minutes, a decision), or %NULL or "" for none
 *
 * helder_commitment_record() with a link to the evidence.
 *
 * Returns: (transfer full): the commitment after the update
 */
JsonObject *
helder_commitment_record_evidence (HelderStore *store,
                                   const HelderAuditActor *actor,
                                   const char *commitment,
                                   const char *status,
                                   const char *note,
                                   const char *evidence_url,
                                   const char *author,
                                   GError **error)
{
  const HelderEntity *update = helder_entity_lookup ("commitment_update");
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) promise = NULL;
  g_autofree char *record = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && commitment != NULL, NULL);

  if (g_strcmp0 (status, "late") == 0)
    {
      helder_error_set (
        error, HELDER_ERROR_INVALID, "status",
        _ (
          "status: “late” is not recorded: a commitment is late when it is open past its due date"));
      return NULL;
    }

  json_object_set_string_member (values, "commitment", commitment);
  if (status != NULL)
    json_object_set_string_member (values, "status", status);
  json_object_set_string_member (values, "note", note ? note : "");
  if (evidence_url != NULL)
    json_object_set_string_member (values, "evidence_url", evidence_url);
  if (author == NULL)
    author = actor->name;
  if (author != NULL)
    json_object_set_string_member (values, "author", author);

  if (!helder_store_begin (store, error))
    return NULL;
  row = helder_repo_create (store, update, values, HELDER_WRITE_DEFAULT, error);
  if (row != NULL)
    promise = helder_repo_get (store, helder_entity_lookup ("commitment"), commitment, error);
  if (promise != NULL)
    record = helder_repo_key_text (helder_entity_lookup ("commitment"), promise);
  if (promise == NULL ||
      !helder_audit_record (store, actor, "record", "commitment", record, 0,
                            status != NULL ? status : "note", error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&promise);
}

JsonArray *
helder_commitment_history (HelderStore *store, const char *commitment, GError **error)
{
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };

  g_hash_table_insert (equals, (char *) "commitment", (char *) commitment);
  return helder_repo_list (store, helder_entity_lookup ("commitment_update"), &query, error);
}
