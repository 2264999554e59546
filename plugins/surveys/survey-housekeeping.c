/* survey-housekeeping.c — what the surveys plugin does on every round of
 * the sender
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core runs the job "surveys.housekeeping" (helder_context_add_housekeeping)
 * before the scheduler in `helder send` and `helder serve`'s delivery loop:
 *
 * 1. rounds follow the clock (planned → open → closed), and a round that
 *    has closed keeps its results, suppressed, in survey_round.aggregate;
 * 2. rounds whose retention ended are reduced to that aggregate and their
 *    answers deleted, audited (survey_retention_run), with secure_delete
 *    on so that the deleted answers do not stay readable in free pages;
 * 3. the write-ahead log is checkpointed and truncated (it keeps every
 *    answer's pages until a checkpoint overwrites them) when a round
 *    closed or was reduced, and when answers were written since the last
 *    run, at most once a minute for the latter.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-results.h"
#include "surveys-private.h"

/* Answers since the last checkpoint are checkpointed at most this often. */
#define CHECKPOINT_EVERY_SECONDS 60

typedef struct
{
  gint64 answered;       /* survey_answered rows at the last checkpoint, -1: none yet */
  char *checkpointed_at; /* UTC of the last checkpoint */
} State;

static State state = { -1, NULL };

static gint64
count_answered (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM survey_answered", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return (helder_store_propagate (store, rc, error), -1);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
exec_now (HelderStore *store, const char *sql, const char *now, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

typedef struct
{
  gint64 id;
  gint64 survey;
  SurveyRoundInfo info;
  char *opens_at;
  char *closes_at;
} Closed;

static void
closed_clear (gpointer data)
{
  Closed *c = data;

  g_free (c->opens_at);
  g_free (c->closes_at);
}

static GArray *
closed_without_aggregate (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT r.id, r.survey, r.number, r.opens_at, r.closes_at, s.threshold FROM survey_round r"
    " JOIN survey s ON s.id = r.survey WHERE r.status = 'closed' AND r.aggregate IS NULL"
    " ORDER BY r.id",
    error);
  g_autoptr (GArray) rounds = g_array_new (FALSE, TRUE, sizeof (Closed));
  int rc;

  g_array_set_clear_func (rounds, closed_clear);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Closed c = { .id = sqlite3_column_int64 (stmt, 0),
                   .survey = sqlite3_column_int64 (stmt, 1),
                   .opens_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
                   .closes_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4)) };

      c.info = (SurveyRoundInfo){ .id = c.id,
                                  .number = sqlite3_column_int (stmt, 2),
                                  .status = "closed",
                                  .opens_at = c.opens_at,
                                  .closes_at = c.closes_at,
                                  .threshold = MAX (5, sqlite3_column_int (stmt, 5)) };
      g_array_append_val (rounds, c);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rounds);
}

static gboolean
keep_aggregate (HelderStore *store, Closed *round, GError **error)
{
  g_autoptr (JsonObject) document =
    survey_round_compute (store, round->survey, &round->info, error);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *text = NULL;

  if (document == NULL)
    return FALSE;
  node = json_node_init_object (json_node_alloc (), document);
  text = json_to_string (node, FALSE);
  stmt = helder_store_prepare (
    store, "UPDATE survey_round SET aggregate = ?2 WHERE id = ?1 AND aggregate IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round->id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* Rounds follow the clock; those that closed keep their aggregate. Sets
 * @closed to how many rounds closed now. */
static gboolean
close_rounds (HelderStore *store, const char *now, guint *closed, GError **error)
{
  g_autoptr (GArray) rounds = NULL;

  if (!helder_store_begin (store, error))
    return FALSE;
  if (!exec_now (store,
                 "UPDATE survey_round SET status = 'open', updated_at = ?1"
                 " WHERE status = 'planned' AND opens_at <= ?1 AND closes_at > ?1",
                 now, error) ||
      !exec_now (store,
                 "UPDATE survey_round SET status = 'closed', updated_at = ?1"
                 " WHERE status IN ('planned', 'open') AND closes_at <= ?1",
                 now, error) ||
      (rounds = closed_without_aggregate (store, error)) == NULL)
    goto fail;
  for (guint i = 0; i < rounds->len; i++)
    if (!keep_aggregate (store, &g_array_index (rounds, Closed, i), error))
      goto fail;
  *closed = rounds->len;
  return helder_store_commit (store, error);

fail:
  helder_store_rollback (store);
  return FALSE;
}

/* Retention with secure_delete on for this connection while it deletes. */
static gboolean
reduce (HelderStore *store, const char *now, guint *reduced, GError **error)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (now, NULL);
  const HelderAuditActor system = { 0, "helder", "system" };
  gboolean ok;

  if (at == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "now", "“%s” is not a time", now);
      return FALSE;
    }
  if (!helder_store_exec (store, "PRAGMA secure_delete = ON", error))
    return FALSE;
  ok = survey_retention_run (store, at, &system, reduced, error);
  return helder_store_exec (store, "PRAGMA secure_delete = OFF", ok ? error : NULL) && ok;
}

static gboolean
checkpoint_due (const char *now, gint64 answered, gboolean changed)
{
  g_autoptr (GDateTime) last = NULL;
  g_autoptr (GDateTime) at = NULL;

  if (changed)
    return TRUE;
  if (answered == state.answered)
    return FALSE;
  if (state.checkpointed_at == NULL)
    return TRUE;
  last = g_date_time_new_from_iso8601 (state.checkpointed_at, NULL);
  at = g_date_time_new_from_iso8601 (now, NULL);
  return last == NULL || at == NULL ||
         g_date_time_difference (at, last) >= CHECKPOINT_EVERY_SECONDS * G_TIME_SPAN_SECOND ||
         g_date_time_difference (at, last) < 0;
}

/**
 * survey_housekeeping_run:
 *
 * The job: see above. Each step is its own transaction; the checkpoint
 * runs outside one.
 */
gboolean
survey_housekeeping_run (HelderStore *store, const char *now, gpointer user_data, GError **error)
{
  guint closed = 0, reduced = 0;
  gint64 answered;

  if (!close_rounds (store, now, &closed, error) || !reduce (store, now, &reduced, error) ||
      (answered = count_answered (store, error)) < 0)
    return FALSE;
  if (!checkpoint_due (now, answered, closed + reduced > 0))
    return TRUE;
  if (!helder_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  state.answered = answered;
  g_free (state.checkpointed_at);
  state.checkpointed_at = g_strdup (now);
  return TRUE;
}

void
surveys_housekeeping_load (HelderContext *context)
{
  const HelderHousekeeping job = { .name = "surveys.housekeeping",
                                   .func = survey_housekeeping_run };

  helder_context_add_housekeeping (context, &job);
}
