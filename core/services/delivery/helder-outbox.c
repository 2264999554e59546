/* helder-outbox.c — the outbox: one row per message, person and channel
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are made by the scheduler in the transaction that decides they must
 * be sent (helder_outbox_queue, idempotent by key). A worker claims due
 * rows with a lease (helder_outbox_claim), hands them to their channels
 * and records what happened (helder_outbox_record). A worker that dies
 * leaves its rows "sending" with a lease that runs out; the next claim
 * takes them over, so a crash re-sends at most the rows that were in
 * flight and loses none. Every count is derived from the rows.
 */
#define G_LOG_DOMAIN "helder-outbox"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-message-link.h"
#include "services/delivery/helder-outbox.h"
#include "services/repo/helder-repo.h"

/* A row and its message: FROM ROW_TABLES. */
#define ROW_COLUMNS                                                                            \
  "d.id, d.source, d.person, d.channel, m.subject, m.body, m.locale, m.link, d.status,"        \
  " d.attempts, d.next_attempt_at, d.lease_until, d.last_error, d.sent_at, d.acknowledged_at," \
  " d.created_at, d.updated_at, m.calendar"
#define ROW_TABLES "delivery d JOIN delivery_message m ON m.delivery = d.id"

static const char *statuses[] = { "pending", "sending", "offered", "sent", "failed", "dead", NULL };

/* @now plus @seconds, in the store's timestamp format. */
static char *
timestamp_after (const char *now, gint64 seconds)
{
  g_autoptr (GDateTime) base = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) later = NULL;

  if (base == NULL)
    base = helder_clock_now ();
  later = g_date_time_add_seconds (base, (gdouble) seconds);
  return g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_column (JsonObject *object, const char *name, sqlite3_stmt *stmt, int column)
{
  json_object_set_member (object, name, helder_repo_column_value (stmt, column));
}

/* One row of ROW_COLUMNS (plus the person's name when @with_name), with
 * the delivery key that channels derive message ids from. */
static JsonObject *
row_to_json (sqlite3_stmt *stmt, gboolean with_name)
{
  static const char *names[] = {
    "id",         "source",  "person",          "channel",    "subject",         "body",
    "locale",     "link",    "status",          "attempts",   "next_attempt_at", "lease_until",
    "last_error", "sent_at", "acknowledged_at", "created_at", "updated_at",      "calendar",
  };
  JsonObject *row = json_object_new ();
  g_autofree char *key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    set_column (row, names[i], stmt, (int) i);
  if (with_name)
    set_column (row, "person_name", stmt, G_N_ELEMENTS (names));
  key = g_strdup_printf (
    "%s/%" G_GINT64_FORMAT "/%s", json_object_get_string_member (row, "source"),
    json_object_get_int_member (row, "person"), json_object_get_string_member (row, "channel"));
  json_object_set_string_member (row, "key", key);
  return row;
}

static gboolean
queue_row (HelderStore *store,
           const HelderOutboxMessage *message,
           const char *now,
           const HelderOutboxPast *past,
           gboolean *inserted,
           GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) content = NULL;
  gboolean added;

  stmt = helder_store_prepare (store,
                               "INSERT INTO delivery (source, person, channel, fingerprint, status,"
                               " attempts, next_attempt_at, sent_at, acknowledged_at, last_error,"
                               " created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?6, ?7, ?5, ?8, ?9, ?10, ?5, ?11)"
                               " ON CONFLICT (source, person, channel) DO NOTHING",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, message->person);
  sqlite3_bind_text (stmt, 3, message->channel, -1, SQLITE_TRANSIENT);
  if (message->fingerprint != NULL)
    sqlite3_bind_text (stmt, 4, message->fingerprint, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, past != NULL ? past->status : "pending", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, past != NULL ? 1 : 0);
  if (past != NULL && past->sent_at != NULL)
    sqlite3_bind_text (stmt, 8, past->sent_at, -1, SQLITE_TRANSIENT);
  if (past != NULL && past->acknowledged_at != NULL)
    sqlite3_bind_text (stmt, 9, past->acknowledged_at, -1, SQLITE_TRANSIENT);
  if (past != NULL && past->last_error != NULL)
    sqlite3_bind_text (stmt, 10, past->last_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, past != NULL ? past->updated_at : now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  added = sqlite3_changes (helder_store_get_db (store)) > 0;
  if (inserted != NULL)
    *inserted = added;
  if (!added)
    return TRUE;

  content =
    helder_store_prepare (store,
                          "INSERT INTO delivery_message (delivery, subject, body, locale, link,"
                          " calendar) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          error);
  if (content == NULL)
    return FALSE;
  sqlite3_bind_int64 (content, 1, sqlite3_last_insert_rowid (helder_store_get_db (store)));
  sqlite3_bind_text (content, 2, message->subject ? message->subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (content, 3, message->body ? message->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (content, 4, message->locale ? message->locale : "nl", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (content, 5, message->link ? message->link : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (content, 6, message->calendar ? message->calendar : "", -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, content, error);
}

/**
 * helder_outbox_queue:
 * @store: a #HelderStore, inside the caller's transaction
 * @message: what to send to whom on which channel
 * @now: the current time, as the store writes it
 * @inserted: (out) (optional): whether a new row was made
 * @error: set when the store cannot be written
 *
 * Queues one message. A row with the same key (source, person, channel)
 * already there is left as it is: queueing is idempotent, so a scheduler
 * that ran before a crash can run again.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_outbox_queue (HelderStore *store,
                     const HelderOutboxMessage *message,
                     const char *now,
                     gboolean *inserted,
                     GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (message != NULL && message->source != NULL && message->channel != NULL,
                        FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return queue_row (store, message, now, NULL, inserted, error);
}

/**
 * helder_outbox_queue_past:
 * @store: a #HelderStore, inside the caller's transaction
 * @message: what was sent to whom on which channel
 * @queued_at: when it was queued, as the store writes it
 * @past: what became of it: a final status ("sent" or "dead") after one
 *   attempt, and when
 * @inserted: (out) (optional): whether a new row was made
 * @error: set when the store cannot be written
 *
 * Records a message that went out before the programme was loaded
 * (helder-outbox-history.c), as helder_outbox_queue() would have queued it
 * and the sender would have recorded it. It is never claimed: no sender
 * sees it.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_outbox_queue_past (HelderStore *store,
                          const HelderOutboxMessage *message,
                          const char *queued_at,
                          const HelderOutboxPast *past,
                          gboolean *inserted,
                          GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (message != NULL && message->source != NULL && message->channel != NULL,
                        FALSE);
  g_return_val_if_fail (queued_at != NULL && past != NULL && past->updated_at != NULL, FALSE);
  g_return_val_if_fail (
    g_strcmp0 (past->status, "sent") == 0 || g_strcmp0 (past->status, "dead") == 0, FALSE);

  return queue_row (store, message, queued_at, past, inserted, error);
}

/* "?1, ?2, …" for the channel names, bound from @first. */
static char *
placeholders (const char *const *channels, int first)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; channels[i] != NULL; i++)
    g_string_append_printf (out, "%s?%d", i > 0 ? ", " : "", first + (int) i);
  if (out->len == 0)
    g_string_append (out, "NULL");
  return g_string_free (out, FALSE);
}

static void
bind_channels (sqlite3_stmt *stmt, const char *const *channels, int first)
{
  for (guint i = 0; channels[i] != NULL; i++)
    sqlite3_bind_text (stmt, first + (int) i, channels[i], -1, SQLITE_TRANSIENT);
}

/* The rows a worker may take: due pending or failed rows, and rows whose
 * sender's lease ran out. */
#define DUE_CONDITION                                             \
  " ((status IN ('pending', 'failed') AND next_attempt_at <= ?1)" \
  "  OR (status = 'sending' AND lease_until <= ?1))"

/**
 * helder_outbox_claim:
 * @store: a #HelderStore, not in a transaction
 * @channels: the names of the channels that can deliver now
 * @limit: the most rows to take
 * @policy: the lease length
 * @error: set when the store fails
 *
 * Takes up to @limit due rows of @channels, oldest first, in one
 * transaction: each becomes "sending" with a lease, and its attempts are
 * counted up. A row whose link is the person's own page gets a new
 * sign-in link of that person instead, in "link" and in the body
 * (helder_message_link_attach()); the stored row keeps the plain link.
 *
 * Returns: (transfer full): the claimed rows
 */
JsonArray *
helder_outbox_claim (HelderStore *store,
                     const char *const *channels,
                     guint limit,
                     const HelderOutboxPolicy *policy,
                     GError **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GString) ids = g_string_new ("[");
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *lease = NULL;
  g_autofree char *in = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (channels != NULL && policy != NULL, NULL);

  if (channels[0] == NULL || limit == 0)
    return g_steal_pointer (&rows);

  lease = timestamp_after (now, policy->lease_seconds);
  in = placeholders (channels, 4);
  /* The oldest due rows of each kind, each found through its index and
   * cut at the limit, then the oldest of those: a single WHERE with OR
   * would sort every due row on every claim. */
  sql =
    g_strdup_printf ("UPDATE delivery SET status = 'sending', lease_until = ?2,"
                     " attempts = attempts + 1, updated_at = ?1"
                     " WHERE id IN (SELECT id FROM ("
                     "   SELECT * FROM (SELECT id, next_attempt_at AS due FROM delivery"
                     "     WHERE status = 'pending' AND next_attempt_at <= ?1 AND channel IN (%s)"
                     "     ORDER BY next_attempt_at, id LIMIT ?3)"
                     "   UNION ALL SELECT * FROM (SELECT id, next_attempt_at FROM delivery"
                     "     WHERE status = 'failed' AND next_attempt_at <= ?1 AND channel IN (%s)"
                     "     ORDER BY next_attempt_at, id LIMIT ?3)"
                     "   UNION ALL SELECT * FROM (SELECT id, lease_until FROM delivery"
                     "     WHERE status = 'sending' AND lease_until <= ?1 AND channel IN (%s)"
                     "     ORDER BY lease_until, id LIMIT ?3))"
                     " ORDER BY due, id LIMIT ?3)"
                     " RETURNING id",
                     in, in, in);
  if (!helder_store_begin (store, error))
    return NULL;
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lease, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  bind_channels (stmt, channels, 4);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (ids, "%s%" PRId64, ids->len > 1 ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  g_clear_pointer (&stmt, helder_store_stmt_release);
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      helder_store_rollback (store);
      return NULL;
    }
  g_string_append_c (ids, ']');

  /* The claimed rows with their messages. */
  stmt = helder_store_prepare (
    store,
    "SELECT " ROW_COLUMNS " FROM " ROW_TABLES
    " WHERE d.id IN (SELECT value FROM json_each (?1)) ORDER BY d.next_attempt_at, d.id",
    error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, ids->str, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (rows, row_to_json (stmt, FALSE));
  g_clear_pointer (&stmt, helder_store_stmt_release);
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      helder_store_rollback (store);
      return NULL;
    }
  /* Each message on its way gets its own sign-in link. */
  if (!helder_message_link_attach (store, rows, now, error))
    {
      helder_store_rollback (store);
      return NULL;
    }
  if (!helder_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * helder_outbox_backoff:
 * @policy: the retry policy
 * @attempts: how many attempts have failed so far (1 or more)
 *
 * Returns: the seconds to wait before the next attempt: retry_seconds,
 *   doubled for each further attempt, at most six hours
 */
gint64
helder_outbox_backoff (const HelderOutboxPolicy *policy, guint attempts)
{
  gint64 wait = MAX (policy->retry_seconds, 1);

  for (guint i = 1; i < attempts && wait < HELDER_OUTBOX_MAX_BACKOFF_SECONDS; i++)
    wait *= 2;
  return MIN (wait, HELDER_OUTBOX_MAX_BACKOFF_SECONDS);
}

/**
 * helder_outbox_record:
 * @store: a #HelderStore, not in a transaction
 * @results: what became of claimed rows
 * @n_results: how many
 * @policy: when to retry and when to give up
 * @error: set when the store fails; then nothing is recorded and the rows
 *   are taken over again once their lease runs out
 *
 * Records outcomes in one transaction: sent rows are done, offered rows
 * wait for their acknowledgement, transient failures are retried with
 * back-off until max_attempts and are dead then, permanent failures are
 * dead at once. The reason of a failure is kept with the row.
 *
 * Returns: %TRUE when everything is recorded
 */
gboolean
helder_outbox_record (HelderStore *store,
                      const HelderOutboxResult *results,
                      guint n_results,
                      const HelderOutboxPolicy *policy,
                      GError **error)
{
  g_autoptr (HelderStmt) done = NULL;
  g_autoptr (HelderStmt) failed = NULL;
  g_autoptr (HelderStmt) attempts = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (results != NULL || n_results == 0, FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  if (n_results == 0)
    return TRUE;
  if (!helder_store_begin (store, error))
    return FALSE;
  done =
    helder_store_prepare (store,
                          "UPDATE delivery SET status = ?2, lease_until = NULL, last_error = NULL,"
                          " sent_at = CASE WHEN ?2 = 'sent' THEN ?3 ELSE sent_at END,"
                          " updated_at = ?3 WHERE id = ?1 AND status = 'sending'",
                          error);
  failed = done == NULL
             ? NULL
             : helder_store_prepare (
                 store,
                 "UPDATE delivery SET status = ?2, lease_until = NULL, last_error = ?3,"
                 " next_attempt_at = ?4, updated_at = ?5 WHERE id = ?1 AND status = 'sending'",
                 error);
  attempts = failed == NULL
               ? NULL
               : helder_store_prepare (store, "SELECT attempts FROM delivery WHERE id = ?1", error);
  if (attempts == NULL)
    goto fail;

  for (guint i = 0; i < n_results; i++)
    {
      const HelderOutboxResult *r = &results[i];

      if (r->outcome == HELDER_OUTBOX_SENT || r->outcome == HELDER_OUTBOX_OFFERED)
        {
          sqlite3_reset (done);
          sqlite3_bind_int64 (done, 1, r->id);
          sqlite3_bind_text (done, 2, r->outcome == HELDER_OUTBOX_SENT ? "sent" : "offered", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (done, 3, now, -1, SQLITE_TRANSIENT);
          if (!helder_store_step_done (store, done, error))
            goto fail;
        }
      else
        {
          gint64 tries = 0;
          gboolean dead = r->outcome == HELDER_OUTBOX_PERMANENT;
          g_autofree char *next = NULL;
          int rc;

          sqlite3_reset (attempts);
          sqlite3_bind_int64 (attempts, 1, r->id);
          rc = sqlite3_step (attempts);
          if (rc == SQLITE_ROW)
            tries = sqlite3_column_int64 (attempts, 0);
          else if (rc != SQLITE_DONE)
            {
              helder_store_propagate (store, rc, error);
              goto fail;
            }
          if (tries >= policy->max_attempts)
            dead = TRUE;
          next = timestamp_after (
            now, dead ? 0 : helder_outbox_backoff (policy, (guint) MAX (tries, 1)));
          sqlite3_reset (failed);
          sqlite3_bind_int64 (failed, 1, r->id);
          sqlite3_bind_text (failed, 2, dead ? "dead" : "failed", -1, SQLITE_STATIC);
          sqlite3_bind_text (failed, 3, r->error != NULL ? r->error : "", -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (failed, 4, next, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (failed, 5, now, -1, SQLITE_TRANSIENT);
          if (!helder_store_step_done (store, failed, error))
            goto fail;
        }
    }
  g_clear_pointer (&done, helder_store_stmt_release);
  g_clear_pointer (&failed, helder_store_stmt_release);
  g_clear_pointer (&attempts, helder_store_stmt_release);
  return helder_store_commit (store, error);

fail:
  g_clear_pointer (&done, helder_store_stmt_release);
  g_clear_pointer (&failed, helder_store_stmt_release);
  g_clear_pointer (&attempts, helder_store_stmt_release);
  helder_store_rollback (store);
  return FALSE;
}

static JsonObject *
get_row (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT " ROW_COLUMNS ", p.name FROM " ROW_TABLES
                               " LEFT JOIN person p ON p.id = d.person WHERE d.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return row_to_json (stmt, TRUE);
  if (rc != SQLITE_DONE)
    helder_store_propagate (store, rc, error);
  else
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                 _ ("there is no message %" PRId64 " in the outbox"), id);
  return NULL;
}

/**
 * helder_outbox_get:
 * @store: a #HelderStore
 * @id: a row's id
 * @error: %HELDER_ERROR_NOT_FOUND for an unknown id
 *
 * Returns: (transfer full): the row, with `key` and `person_name`
 */
JsonObject *
helder_outbox_get (HelderStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  return get_row (store, id, error);
}

/**
 * helder_outbox_retry:
 * @store: a #HelderStore
 * @id: a dead or failed row
 * @error: %HELDER_ERROR_NOT_FOUND for an unknown id,
 *   %HELDER_ERROR_CONFLICT for a row that is not dead or failed
 *
 * Queues a dead (or failed) row again, now, with its attempts reset.
 *
 * Returns: %TRUE when the row is pending again
 */
gboolean
helder_outbox_retry (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  const char *status;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  row = get_row (store, id, error);
  if (row == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  status = json_object_get_string_member (row, "status");
  if (g_strcmp0 (status, "dead") != 0 && g_strcmp0 (status, "failed") != 0)
    {
      helder_store_rollback (store);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("message %" PRId64 " is %s, not dead or failed: there is nothing to retry"),
                   id, status);
      return FALSE;
    }
  stmt = helder_store_prepare (
    store,
    "UPDATE delivery SET status = 'pending', attempts = 0, lease_until = NULL,"
    " next_attempt_at = ?2, updated_at = ?2 WHERE id = ?1",
    error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    {
      g_clear_pointer (&stmt, helder_store_stmt_release);
      helder_store_rollback (store);
      return FALSE;
    }
  g_clear_pointer (&stmt, helder_store_stmt_release);
  return helder_store_commit (store, error);
}

static gboolean
known_status (const char *status)
{
  return status == NULL || g_strv_contains (statuses, status);
}

/**
 * helder_outbox_list:
 * @store: a #HelderStore
 * @status: (nullable): only rows with this status
 * @channel: (nullable): only rows of this channel
 * @limit: the most rows
 * @offset: rows to skip
 * @error: %HELDER_ERROR_INVALID for an unknown status
 *
 * Rows, the newest change first, without their bodies.
 *
 * Returns: (transfer full): `{"total": N, "items": [...]}`
 */
JsonObject *
helder_outbox_list (HelderStore *store,
                    const char *status,
                    const char *channel,
                    guint limit,
                    guint offset,
                    GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (JsonArray) items = json_array_new ();
  g_autoptr (HelderStmt) count = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!known_status (status))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) statuses);

      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not an outbox status; use one of %s"), status, known);
      return NULL;
    }
  count = helder_store_prepare (store,
                                "SELECT count(*) FROM delivery WHERE (?1 IS NULL OR status = ?1)"
                                " AND (?2 IS NULL OR channel = ?2)",
                                error);
  if (count == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (count, 1, status, -1, SQLITE_TRANSIENT);
  if (channel != NULL)
    sqlite3_bind_text (count, 2, channel, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  json_object_set_int_member (result, "total", sqlite3_column_int64 (count, 0));

  stmt = helder_store_prepare (
    store,
    "SELECT " ROW_COLUMNS ", p.name FROM " ROW_TABLES " LEFT JOIN person p ON p.id = d.person"
    " WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR d.channel = ?2)"
    " ORDER BY d.updated_at DESC, d.id DESC LIMIT ?3 OFFSET ?4",
    error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (channel != NULL)
    sqlite3_bind_text (stmt, 2, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = row_to_json (stmt, TRUE);

      json_object_remove_member (row, "body");
      json_array_add_object_element (items, row);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  json_object_set_array_member (result, "items", g_steal_pointer (&items));
  return g_steal_pointer (&result);
}

/**
 * helder_outbox_counts:
 * @store: a #HelderStore
 * @error: set when the store fails
 *
 * Returns: (transfer full): `{"total": N, "by_status": {status: N, …},
 *   "by_channel": {channel: {status: N, …}, …}}`, every status present
 */
JsonObject *
helder_outbox_counts (HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (JsonObject) by_status = json_object_new ();
  g_autoptr (JsonObject) by_channel = json_object_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  gint64 total = 0;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  for (guint i = 0; statuses[i] != NULL; i++)
    json_object_set_int_member (by_status, statuses[i], 0);
  stmt = helder_store_prepare (store,
                               "SELECT channel, status, count(*) FROM delivery"
                               " GROUP BY channel, status ORDER BY channel",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *channel = (const char *) sqlite3_column_text (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      gint64 n = sqlite3_column_int64 (stmt, 2);
      JsonObject *per;

      if (!json_object_has_member (by_channel, channel))
        {
          per = json_object_new ();
          for (guint i = 0; statuses[i] != NULL; i++)
            json_object_set_int_member (per, statuses[i], 0);
          json_object_set_object_member (by_channel, channel, per);
        }
      per = json_object_get_object_member (by_channel, channel);
      json_object_set_int_member (per, status, n);
      json_object_set_int_member (by_status, status,
                                  json_object_get_int_member (by_status, status) + n);
      total += n;
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  json_object_set_int_member (result, "total", total);
  json_object_set_object_member (result, "by_status", g_steal_pointer (&by_status));
  json_object_set_object_member (result, "by_channel", g_steal_pointer (&by_channel));
  return g_steal_pointer (&result);
}

/**
 * helder_outbox_count_due:
 * @store: a #HelderStore
 * @channels: channel names
 * @error: set when the store fails
 *
 * Returns: how many rows of @channels a worker may take now, or -1
 */
gint64
helder_outbox_count_due (HelderStore *store, const char *const *channels, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *in = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), -1);

  in = placeholders (channels, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM delivery WHERE" DUE_CONDITION " AND channel IN (%s)",
                         in);
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  bind_channels (stmt, channels, 2);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * helder_outbox_sent_since:
 * @store: a #HelderStore
 * @since: a timestamp
 * @error: set when the store fails
 *
 * Returns: how many rows were sent at or after @since, or -1
 */
gint64
helder_outbox_sent_since (HelderStore *store, const char *since, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), -1);

  stmt = helder_store_prepare (
    store, "SELECT count(*) FROM delivery WHERE sent_at IS NOT NULL AND sent_at >= ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * helder_outbox_offered_list:
 * @store: a #HelderStore
 * @person: whose rows
 * @channel: the name of the channel whose rows people fetch
 * @limit: the most rows
 * @error: set when the store fails
 *
 * Each row comes with a new sign-in link of the person in "link" and in
 * its body (helder_message_link_attach()), so this writes: one transaction.
 *
 * Returns: (transfer full): the person's rows of @channel that wait for
 *   their acknowledgement, oldest first
 */
JsonArray *
helder_outbox_offered_list (HelderStore *store,
                            gint64 person,
                            const char *channel,
                            guint limit,
                            GError **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (channel != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  stmt =
    helder_store_prepare (store,
                          "SELECT " ROW_COLUMNS " FROM " ROW_TABLES " WHERE d.person = ?1"
                          " AND d.channel = ?2 AND d.status = 'offered' ORDER BY d.id LIMIT ?3",
                          error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (rows, row_to_json (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      goto fail;
    }
  /* The person's client shows them now: each with its own sign-in link,
   * as in an e-mail (the link opened from a notification lands in a
   * browser that may not be signed in). */
  if (!helder_message_link_attach (store, rows, now, error) || !helder_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&rows);

fail:
  helder_store_rollback (store);
  return NULL;
}

/**
 * helder_outbox_offered_acknowledge:
 * @store: a #HelderStore
 * @person: who acknowledges
 * @channel: the name of the channel whose rows people fetch
 * @id: the row
 * @error: %HELDER_ERROR_NOT_FOUND when @id is not an offered or
 *   acknowledged row of @person on @channel
 *
 * Marks an offered row sent, now. Acknowledging twice is harmless: the
 * row keeps its first acknowledgement.
 *
 * Returns: (transfer full): the row
 */
JsonObject *
helder_outbox_offered_acknowledge (HelderStore *store,
                                   gint64 person,
                                   const char *channel,
                                   gint64 id,
                                   GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  const char *status;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = get_row (store, id, &local);
  status = row != NULL ? json_object_get_string_member (row, "status") : NULL;
  if (row == NULL || json_object_get_int_member (row, "person") != person ||
      g_strcmp0 (json_object_get_string_member (row, "channel"), channel) != 0 ||
      (g_strcmp0 (status, "offered") != 0 && json_object_get_null_member (row, "acknowledged_at")))
    {
      helder_store_rollback (store);
      if (local != NULL && local->code != HELDER_ERROR_NOT_FOUND)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                     _ ("there is no notification %" PRId64 " for you"), id);
      return NULL;
    }
  if (g_strcmp0 (status, "offered") == 0)
    {
      stmt = helder_store_prepare (
        store,
        "UPDATE delivery SET status = 'sent', sent_at = ?2, acknowledged_at = ?2,"
        " updated_at = ?2 WHERE id = ?1",
        error);
      if (stmt == NULL)
        {
          helder_store_rollback (store);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (store, stmt, error))
        {
          g_clear_pointer (&stmt, helder_store_stmt_release);
          helder_store_rollback (store);
          return NULL;
        }
      g_clear_pointer (&stmt, helder_store_stmt_release);
      g_clear_pointer (&row, json_object_unref);
      row = get_row (store, id, error);
      if (row == NULL)
        {
          helder_store_rollback (store);
          return NULL;
        }
    }
  if (!helder_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&row);
}

/**
 * helder_outbox_waiting_channels:
 *
 * Returns: (transfer full): the channels that messages wait for (pending,
 *   failed and to be retried, or being sent), each once
 */
GStrv
helder_outbox_waiting_channels (HelderStore *store, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT DISTINCT channel FROM delivery"
                          " WHERE status IN ('pending', 'failed', 'sending')",
                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_strv_builder_end (builder);
}
