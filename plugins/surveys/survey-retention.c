/* survey-retention.c — answers are kept no longer than the survey says
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a round's retention ended (its closes_at + the survey's
 * retention_months), its results are computed once more with suppression
 * and kept in survey_round.aggregate, its responses and answers are
 * deleted, the round becomes 'reduced' with reduced_at set, and the audit
 * log says so: all in one transaction per round. The round's results are
 * from then on read from the aggregate (survey-results.c).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-results.h"

typedef struct
{
  gint64 id;
  gint64 survey;
  guint number;
  guint threshold;
  char *opens_at;
  char *closes_at;
  char *aggregate;
} Due;

static void
due_clear (gpointer data)
{
  Due *due = data;

  g_free (due->opens_at);
  g_free (due->closes_at);
  g_free (due->aggregate);
}

static char *
utc_text (GDateTime *when)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Whether @closes_at + @months lies at or before @now. */
static gboolean
retention_ended (const char *closes_at, int months, GDateTime *now)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) closed = g_date_time_new_from_iso8601 (closes_at, utc);
  g_autoptr (GDateTime) end = closed ? g_date_time_add_months (closed, months) : NULL;

  return end != NULL && g_date_time_compare (end, now) <= 0;
}

static gboolean
find_due (HelderStore *store, GDateTime *now, GArray *due, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT r.id, r.survey, r.number, s.threshold, r.opens_at, r.closes_at, r.aggregate,"
    " s.retention_months FROM survey_round r JOIN survey s ON s.id = r.survey"
    " WHERE r.status NOT IN ('reduced', 'cancelled') AND s.retention_months IS NOT NULL"
    " ORDER BY r.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *closes_at = (const char *) sqlite3_column_text (stmt, 5);
      Due item = { 0 };

      if (!retention_ended (closes_at, sqlite3_column_int (stmt, 7), now))
        continue;
      item.id = sqlite3_column_int64 (stmt, 0);
      item.survey = sqlite3_column_int64 (stmt, 1);
      item.number = sqlite3_column_int (stmt, 2);
      item.threshold = MAX (5, sqlite3_column_int (stmt, 3));
      item.opens_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      item.closes_at = g_strdup (closes_at);
      item.aggregate = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_array_append_val (due, item);
    }
  return helder_store_propagate (store, rc, error);
}

static gboolean
exec_round (HelderStore *store,
            const char *sql,
            gint64 round,
            const char *a,
            const char *b,
            GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  if (a != NULL)
    sqlite3_bind_text (stmt, 2, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 3, b, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* The audit entry says what retention did, in the round's transaction. */
static gboolean
audit (HelderStore *store,
       const HelderAuditActor *actor,
       const Due *due,
       gint64 deleted,
       GError **error)
{
  g_autofree char *record = g_strdup_printf ("%" G_GINT64_FORMAT, due->id);
  g_autofree char *detail =
    g_strdup_printf ("retention ended: round %u of survey %" G_GINT64_FORMAT
                     " reduced to its published results, %" G_GINT64_FORMAT " responses deleted",
                     due->number, due->survey, deleted);

  return helder_audit_record (store, actor, "reduce", "survey_round", record, 0, detail, error);
}

static char *
aggregate_of (HelderStore *store, Due *due, GError **error)
{
  SurveyRoundInfo info = { .id = due->id,
                           .number = due->number,
                           .status = "closed",
                           .opens_at = due->opens_at,
                           .closes_at = due->closes_at,
                           .threshold = due->threshold };
  g_autoptr (JsonObject) document = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (due->aggregate != NULL)
    return g_strdup (due->aggregate);
  document = survey_round_compute (store, due->survey, &info, error);
  if (document == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), document);
  return json_to_string (node, FALSE);
}

static gboolean
reduce (HelderStore *store, Due *due, const HelderAuditActor *actor, const char *at, GError **error)
{
  g_autofree char *aggregate = NULL;
  gint64 deleted;

  if (!helder_store_begin (store, error))
    return FALSE;
  aggregate = aggregate_of (store, due, error);
  if (aggregate == NULL ||
      !exec_round (store, "DELETE FROM survey_answer WHERE round = ?1", due->id, NULL, NULL,
                   error) ||
      !exec_round (store, "DELETE FROM survey_response WHERE round = ?1", due->id, NULL, NULL,
                   error))
    goto fail;
  deleted = sqlite3_changes64 (helder_store_get_db (store));
  if (!exec_round (store,
                   "UPDATE survey_round SET status = 'reduced', aggregate = ?2, reduced_at = ?3,"
                   " updated_at = ?3 WHERE id = ?1",
                   due->id, aggregate, at, error) ||
      !audit (store, actor, due, deleted, error))
    goto fail;
  return helder_store_commit (store, error);

fail:
  helder_store_rollback (store);
  return FALSE;
}

gboolean
survey_retention_run (HelderStore *store,
                      GDateTime *now,
                      const HelderAuditActor *actor,
                      guint *reduced,
                      GError **error)
{
  g_autoptr (GArray) due = g_array_new (FALSE, TRUE, sizeof (Due));
  g_autofree char *at = utc_text (now);

  g_array_set_clear_func (due, due_clear);
  if (reduced != NULL)
    *reduced = 0;
  if (!find_due (store, now, due, error))
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      if (!reduce (store, &g_array_index (due, Due, i), actor, at, error))
        return FALSE;
      if (reduced != NULL)
        (*reduced)++;
    }
  return TRUE;
}
