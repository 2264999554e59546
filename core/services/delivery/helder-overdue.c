/* helder-overdue.c — the advisor's answers to an overdue moment: send it
 * anyway or give it a new time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A due moment more than the grace period late is held by the scheduler
 * (helder-scheduler.c). The advisor releases it (send now: a row in
 * moment_release that says who decided; the next round sends it, once)
 * or gives it a new time; what it says and to whom stays as approved, so
 * neither needs a new approval. Both are in the audit log. Cancelling is
 * the moment's own step (repo/helder-moment.c).
 */
#define G_LOG_DOMAIN "helder-overdue"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-date.h"
#include "services/repo/helder-repo.h"
#include "services/delivery/helder-overdue.h"

/* The moment @moment inside the caller's transaction, which must be
 * approved; the error says what it is instead and what to do. */
static JsonObject *
approved_moment (HelderStore *store, const char *moment, const char *doing, GError **error)
{
  g_autoptr (JsonObject) row =
    helder_repo_get (store, helder_entity_lookup ("moment"), moment, error);
  const char *status;

  if (row == NULL)
    return NULL;
  status = json_object_get_string_member (row, "status");
  if (g_strcmp0 (status, "approved") == 0)
    return g_steal_pointer (&row);
  if (g_strcmp0 (status, "draft") == 0)
    helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                      /* TRANSLATORS: the second %s is "send it now" or "reschedule it" */
                      _ ("moment %s is a draft: approve it before you %s"), moment, doing);
  else if (g_strcmp0 (status, "sent") == 0)
    helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                      _ ("moment %s was already sent: nothing is sent twice"), moment);
  else
    helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                      _ ("moment %s is %s: only an approved moment can be sent or rescheduled"),
                      moment, status);
  return NULL;
}

/**
 * helder_overdue_send_now:
 * @store: a #HelderStore, not in a transaction
 * @moment: the moment's id as typed
 * @actor: who decides, for the record and the audit log
 * @error: unknown moment (%HELDER_ERROR_NOT_FOUND), not approved or not
 *   yet due (%HELDER_ERROR_CONFLICT)
 *
 * Releases a due approved moment that the scheduler holds because it is
 * more than the grace period late: the next round sends it, once.
 * Releasing it twice changes nothing.
 *
 * Returns: (transfer full): the moment, with "released_by" and "released_at"
 */
JsonObject *
helder_overdue_send_now (HelderStore *store,
                         const char *moment,
                         const HelderAuditActor *actor,
                         GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *id = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = approved_moment (store, moment, _ ("send it now"), error);
  if (row == NULL)
    goto fail;
  if (g_strcmp0 (json_object_get_string_member (row, "scheduled_at"), now) > 0)
    {
      g_autofree char *when =
        helder_overdue_format_local (json_object_get_string_member (row, "scheduled_at"));

      helder_error_set (error, HELDER_ERROR_CONFLICT, "scheduled_at",
                        _ ("moment %s is not due until %s: it goes then by itself"), moment, when);
      goto fail;
    }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "id"));
  stmt = helder_store_prepare (store,
                               "INSERT INTO moment_release (moment, decided_by, decided_at)"
                               " VALUES (?1, ?2, ?3) ON CONFLICT (moment) DO NOTHING",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (row, "id"));
  sqlite3_bind_text (stmt, 2, actor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (helder_store_get_db (store)) > 0 &&
      !helder_audit_record (store, actor, "send-now", "moment", id, 0,
                            _ ("overdue moment released to be sent"), error))
    goto fail;
  if (!helder_overdue_add_release (store, row, error) || !helder_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&row);

fail:
  helder_store_rollback (store);
  return NULL;
}

/**
 * helder_overdue_reschedule:
 * @store: a #HelderStore, not in a transaction
 * @moment: the moment's id as typed
 * @scheduled_at: the new time as typed (helder_date_parse_datetime())
 * @actor: who decides, for the audit log
 * @error: unknown moment, not approved, a time that is not one or not in
 *   the future (field "scheduled_at")
 *
 * Gives an approved moment a new time; what it says and to whom stays as
 * approved. A release to send it now is withdrawn with the old time.
 *
 * Returns: (transfer full): the moment as it is now
 */
JsonObject *
helder_overdue_reschedule (HelderStore *store,
                           const char *moment,
                           const char *scheduled_at,
                           const HelderAuditActor *actor,
                           GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (HelderStmt) update = NULL;
  g_autoptr (HelderStmt) unrelease = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *utc = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id = NULL;
  gint64 key;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  utc = helder_date_parse_datetime (scheduled_at, error);
  if (utc == NULL)
    {
      helder_error_prefix_field (error, "scheduled_at", "%s: ", "scheduled_at");
      return NULL;
    }
  if (g_strcmp0 (utc, now) <= 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "scheduled_at",
                        _ ("scheduled_at: “%s” is not in the future"), scheduled_at);
      return NULL;
    }
  if (!helder_store_begin (store, error))
    return NULL;
  row = approved_moment (store, moment, _ ("reschedule it"), error);
  if (row == NULL)
    goto fail;
  key = json_object_get_int_member (row, "id");
  update = helder_store_prepare (store,
                                 "UPDATE moment SET scheduled_at = ?2, updated_at = ?3"
                                 " WHERE id = ?1 AND status = 'approved'",
                                 error);
  unrelease =
    update ? helder_store_prepare (store, "DELETE FROM moment_release WHERE moment = ?1", error)
           : NULL;
  if (unrelease == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, key);
  sqlite3_bind_text (update, 2, utc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (unrelease, 1, key);
  if (!helder_store_step_done (store, update, error) ||
      !helder_store_step_done (store, unrelease, error))
    goto fail;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, key);
  detail = g_strdup_printf (_ ("rescheduled from %s to %s"),
                            json_object_get_string_member (row, "scheduled_at"), utc);
  if (!helder_audit_record (store, actor, "reschedule", "moment", id, 0, detail, error))
    goto fail;
  g_clear_pointer (&row, json_object_unref);
  row = helder_repo_get (store, helder_entity_lookup ("moment"), id, error);
  if (row == NULL || !helder_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&row);

fail:
  helder_store_rollback (store);
  return NULL;
}

/**
 * helder_overdue_add_release:
 * @store: a #HelderStore
 * @moment: a moment as helder_repo_get() reads it
 * @error: set when the store fails
 *
 * Adds "released_by" and "released_at" to @moment when the advisor
 * released it to be sent although it is overdue.
 *
 * Returns: %TRUE on success
 */
gboolean
helder_overdue_add_release (HelderStore *store, JsonObject *moment, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT decided_by, decided_at FROM moment_release WHERE moment = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (moment, "id"));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_object_set_string_member (moment, "released_by",
                                     (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (moment, "released_at",
                                     (const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

/**
 * helder_overdue_format_local:
 * @utc: a stored time, "…Z"
 *
 * Returns: (transfer full): "2026-12-04 11:00" in the programme's zone
 */
char *
helder_overdue_format_local (const char *utc)
{
  g_autoptr (GDateTime) local = helder_clock_to_local (utc);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (utc);
}
