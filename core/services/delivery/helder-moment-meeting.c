/* helder-moment-meeting.c — a plugin's meeting moved or cancelled
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting a plugin made (an interview) changes as the advisor's do: a
 * draft is edited in place; an approved one is superseded by a new
 * version that is approved at once, in one transaction, so that the
 * scheduler sends everyone who was invited the updated invitation (same
 * UID, higher SEQUENCE) and the people it no longer reaches a
 * cancellation. Cancelling it sends everyone who was invited a
 * cancellation, as `helder moment cancel` does. A plugin may keep the id
 * of the first version: every function here works on the newest one.
 */
#define G_LOG_DOMAIN "helder-moment"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/delivery/helder-meeting-private.h"
#include "services/delivery/helder-moment-draft.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"

#define REASON_MAX 500

/**
 * helder_moment_current:
 * @moment: a moment's id
 * @current: (out): the newest version of it: @moment itself, or the
 *   version that superseded it, or the one that superseded that …
 *
 * Returns: %FALSE with %HELDER_ERROR_NOT_FOUND when there is no such
 *   moment
 */
gboolean
helder_moment_current (HelderStore *store, gint64 moment, gint64 *current, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (current != NULL, FALSE);

  stmt = helder_store_prepare (
    store,
    "WITH RECURSIVE chain (id) AS (SELECT id FROM moment WHERE id = ?1"
    " UNION ALL SELECT m.id FROM moment m JOIN chain c ON m.supersedes = c.id)"
    " SELECT max(id) FROM chain",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, moment);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "moment",
                        _ ("moment: there is no moment %" PRId64), moment);
      return FALSE;
    }
  *current = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
is_meeting (JsonObject *row)
{
  JsonArray *channels = json_object_get_array_member (row, "channels");

  for (guint i = 0; channels != NULL && i < json_array_get_length (channels); i++)
    if (g_strcmp0 (json_array_get_string_element (channels, i), HELDER_MEETING_CHANNEL) == 0)
      return TRUE;
  return FALSE;
}

/* The newest version of @moment, in the open transaction. */
static JsonObject *
current_row (HelderStore *store, gint64 moment, GError **error)
{
  g_autofree char *key = NULL;
  gint64 current;

  if (!helder_moment_current (store, moment, &current, error))
    return NULL;
  key = g_strdup_printf ("%" G_GINT64_FORMAT, current);
  return helder_repo_get (store, helder_entity_lookup ("moment"), key, error);
}

static void
change_text (JsonObject *changes, JsonObject *row, const char *member, const char *value)
{
  if (value != NULL && g_strcmp0 (value, json_object_get_string_member (row, member)) != 0)
    json_object_set_string_member (changes, member, value);
}

/* What @row would change into; refuses what cannot change. */
static JsonObject *
reschedule_changes (JsonObject *row,
                    const char *scheduled_at,
                    const char *location,
                    const char *online_url,
                    int duration_minutes,
                    GError **error)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  const char *status = json_object_get_string_member (row, "status");
  gint64 id = json_object_get_int_member (row, "id");

  if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "approved") != 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "moment",
                        _ ("moment %" PRId64 " is %s: only a draft or approved moment "
                           "is rescheduled"),
                        id, status);
      return NULL;
    }
  if ((location != NULL || online_url != NULL || duration_minutes != 0) && !is_meeting (row))
    {
      const char *member = location != NULL     ? "location"
                           : online_url != NULL ? "online_url"
                                                : "duration_minutes";
      helder_error_set (error, HELDER_ERROR_INVALID, member,
                        _ ("%s: moment %" PRId64 " is no meeting; only a meeting has a "
                           "place, an online link and a length"),
                        member, id);
      return NULL;
    }
  if (scheduled_at != NULL)
    {
      g_autofree char *now = helder_clock_now_utc ();
      g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (scheduled_at, NULL);

      if (when == NULL || !g_str_has_suffix (scheduled_at, "Z"))
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "scheduled_at",
                            _ ("scheduled_at: “%s” is not a time in UTC like "
                               "2026-12-08T09:00:00Z"),
                            g_utf8_validate (scheduled_at, -1, NULL) ? scheduled_at : "?");
          return NULL;
        }
      if (g_strcmp0 (scheduled_at, now) <= 0)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "scheduled_at",
                            _ ("scheduled_at: “%s” is not in the future"), scheduled_at);
          return NULL;
        }
    }
  change_text (changes, row, "scheduled_at", scheduled_at);
  change_text (changes, row, "location", location);
  change_text (changes, row, "online_url", online_url);
  if (duration_minutes != 0 &&
      duration_minutes != json_object_get_int_member (row, "duration_minutes"))
    json_object_set_int_member (changes, "duration_minutes", duration_minutes);
  return g_steal_pointer (&changes);
}

/* An approved meeting: a new version, approved at once. */
static JsonObject *
supersede_approved (HelderStore *store,
                    const HelderAuditActor *actor,
                    JsonObject *row,
                    JsonObject *changes,
                    GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autofree char *key = helder_repo_key_text (entity, row);
  g_autoptr (JsonObject) fresh = helder_moment_supersede (store, actor, key, changes, error);
  g_autofree char *fresh_key = NULL;

  if (fresh == NULL)
    return NULL;
  fresh_key = helder_repo_key_text (entity, fresh);
  return helder_moment_set_status (store, actor, fresh_key, "approved", error);
}

static char *
reschedule_detail (JsonObject *changes)
{
  g_autoptr (GString) detail = g_string_new ("rescheduled:");
  g_autoptr (GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (detail, " %s", (const char *) l->data);
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/**
 * helder_moment_reschedule_full:
 * @moment: the meeting, or any earlier version of it
 * @scheduled_at: (nullable): the new time, UTC ("2026-12-08T09:00:00Z"),
 *   in the future; %NULL: unchanged
 * @location: (nullable): the new place; %NULL: unchanged
 * @online_url: (nullable): the new online link; %NULL: unchanged
 * @duration_minutes: the new length; 0: unchanged
 * @actor: who changes it, for the audit log
 * @current: (out) (optional): the version that holds the change (a new
 *   one when the meeting was approved)
 *
 * Changes a meeting as the advisor does: a draft in place; an approved
 * meeting by a new version that supersedes it and is approved at once,
 * so that everyone already invited gets the updated invitation. Only the
 * time of a moment that is no meeting can change. Nothing is written when
 * nothing changes. One transaction, audited.
 *
 * Returns: %FALSE with @error (its field the argument at fault) when the
 *   moment does not exist, is sent or cancelled, or a value is refused;
 *   nothing is written then
 */
gboolean
helder_moment_reschedule_full (HelderStore *store,
                               gint64 moment,
                               const char *scheduled_at,
                               const char *location,
                               const char *online_url,
                               int duration_minutes,
                               const HelderAuditActor *actor,
                               gint64 *current,
                               GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) result = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  row = current_row (store, moment, error);
  if (row != NULL)
    changes = reschedule_changes (row, scheduled_at, location, online_url, duration_minutes, error);
  if (changes == NULL)
    goto fail;
  if (json_object_get_size (changes) == 0)
    result = g_steal_pointer (&row);
  else if (g_str_equal (json_object_get_string_member (row, "status"), "approved"))
    result = supersede_approved (store, actor, row, changes, error);
  else
    {
      g_autofree char *key = helder_repo_key_text (entity, row);
      g_autofree char *detail = reschedule_detail (changes);

      result = helder_repo_update_as (store, actor, entity, key, changes, detail, error);
    }
  if (result == NULL || !helder_store_commit (store, error))
    goto fail;
  if (current != NULL)
    *current = json_object_get_int_member (result, "id");
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}

/**
 * helder_moment_reschedule:
 *
 * helder_moment_reschedule_full() without asking which version holds the
 * change (helder_moment_current() tells).
 */
gboolean
helder_moment_reschedule (HelderStore *store,
                          gint64 moment,
                          const char *scheduled_at,
                          const char *location,
                          const char *online_url,
                          int duration_minutes,
                          const HelderAuditActor *actor,
                          GError **error)
{
  return helder_moment_reschedule_full (store, moment, scheduled_at, location, online_url,
                                        duration_minutes, actor, NULL, error);
}

/**
 * helder_moment_cancel:
 * @moment: the moment, or any earlier version of it
 * @reason: (nullable): why, for the audit log
 * @actor: who cancels it
 *
 * Cancels a draft or approved moment as `helder moment cancel` does: a
 * meeting whose invitations went out is followed by a cancellation
 * (iCalendar CANCEL) to everyone who was invited; an unsent moment is not
 * sent. One transaction, audited with @reason.
 *
 * Returns: %FALSE with @error when the moment does not exist, was sent
 *   (a meeting that started) or is cancelled already; nothing is written
 *   then
 */
gboolean
helder_moment_cancel (HelderStore *store,
                      gint64 moment,
                      const char *reason,
                      const HelderAuditActor *actor,
                      GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) cancelled = NULL;
  g_autofree char *key = NULL;
  const char *status;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (reason != NULL &&
      (!g_utf8_validate (reason, -1, NULL) || g_utf8_strlen (reason, -1) > REASON_MAX))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "reason",
                        _ ("reason: not UTF-8 text of at most %d characters"), REASON_MAX);
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  row = current_row (store, moment, error);
  if (row == NULL)
    goto fail;
  status = json_object_get_string_member (row, "status");
  if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "approved") != 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "moment",
                        _ ("moment %" PRId64 " is %s: only a draft or approved moment "
                           "is cancelled"),
                        json_object_get_int_member (row, "id"), status);
      goto fail;
    }
  key = helder_repo_key_text (entity, row);
  json_object_set_string_member (changes, "status", "cancelled");
  cancelled = helder_repo_update (store, entity, key, changes, HELDER_WRITE_DEFAULT, error);
  if (cancelled == NULL ||
      !helder_audit_record (store, actor, "cancel", "moment", key, 0, reason, error) ||
      !helder_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}
