/* survey-round-compute.c — one round's results from its raw answers
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One grouped scan of the survey_answer_results index (round, question,
 * grp, status, choice) gives every count; they are accumulated in C per
 * question overall, per group and per status, then suppressed by
 * survey-suppress.c and turned into JSON. This JSON is what a closed
 * round keeps in survey_round.aggregate.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-results.h"
#include "survey-round-cells.h"
#include "survey-suppress.h"

#define UNKNOWN_KEY ""

static Question *
question_new (gint64 id, const char *kind, const char *options)
{
  Question *q = g_new0 (Question, 1);

  q->id = id;
  q->kind = g_strdup (kind);
  q->options = g_strsplit (options != NULL ? options : "", "\n", -1);
  if (g_str_equal (kind, "agree5"))
    q->n_values = 5, q->first = 1;
  else if (g_str_equal (kind, "scale10"))
    q->n_values = 11;
  else if (g_str_equal (kind, "single") || g_str_equal (kind, "multiple"))
    q->n_values = g_strv_length (q->options);
  q->all = acc_new (q->n_values);
  q->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  q->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  return q;
}

static void
question_free (gpointer data)
{
  Question *q = data;

  g_free (q->kind);
  g_strfreev (q->options);
  acc_free (q->all);
  g_hash_table_unref (q->groups);
  g_hash_table_unref (q->statuses);
  g_free (q);
}

static Acc *
acc_for (GHashTable *table, const char *key, guint n_values)
{
  Acc *acc = g_hash_table_lookup (table, key);

  if (acc == NULL)
    {
      acc = acc_new (n_values);
      g_hash_table_insert (table, g_strdup (key), acc);
    }
  return acc;
}

static void
acc_add (Acc *acc, const Question *q, int choice, gint64 count, gboolean count_n)
{
  int index = choice - q->first;

  if (choice >= 0 && index >= 0 && (guint) index < q->n_values)
    acc->counts[index] += count;
  if (count_n)
    acc->n += count;
}

static gboolean
load_questions (HelderStore *store, gint64 survey, GPtrArray *questions, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id, kind, options FROM survey_question WHERE survey = ?1 ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (questions, question_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2)));
  return helder_store_propagate (store, rc, error);
}

static Question *
find_question (GPtrArray *questions, GHashTable *by_id, gint64 id)
{
  return g_hash_table_lookup (by_id, &id);
}

/* The one scan: counts per question, group, status and choice. For a
 * multiple choice a response has a row per option chosen, so its n comes
 * from count_multiple(). */
static gboolean
scan_answers (HelderStore *store,
              gint64 round,
              GPtrArray *questions,
              GHashTable *by_id,
              GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT question, grp, status, choice, count(*) FROM survey_answer"
                          " WHERE round = ?1 GROUP BY question, grp, status, choice",
                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Question *q = find_question (questions, by_id, sqlite3_column_int64 (stmt, 0));
      const char *grp = (const char *) sqlite3_column_text (stmt, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      int choice = sqlite3_column_int (stmt, 3);
      gint64 count = sqlite3_column_int64 (stmt, 4);
      gboolean count_n;

      if (q == NULL)
        continue;
      count_n = !g_str_equal (q->kind, "multiple");
      acc_add (q->all, q, choice, count, count_n);
      acc_add (acc_for (q->groups, grp ? grp : UNKNOWN_KEY, q->n_values), q, choice, count,
               count_n);
      acc_add (acc_for (q->statuses, status ? status : UNKNOWN_KEY, q->n_values), q, choice, count,
               count_n);
    }
  return helder_store_propagate (store, rc, error);
}

static gboolean
count_multiple (HelderStore *store, gint64 round, Question *q, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT grp, status, count(DISTINCT response) FROM survey_answer"
                          " WHERE round = ?1 AND question = ?2 GROUP BY grp, status",
                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, q->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *grp = (const char *) sqlite3_column_text (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      gint64 n = sqlite3_column_int64 (stmt, 2);

      q->all->n += n;
      acc_for (q->groups, grp ? grp : UNKNOWN_KEY, q->n_values)->n += n;
      acc_for (q->statuses, status ? status : UNKNOWN_KEY, q->n_values)->n += n;
    }
  return helder_store_propagate (store, rc, error);
}

/* Every group and status of the round's population has a cell, answered
 * or not. */
static gboolean
add_population_cells (HelderStore *store, gint64 round, GPtrArray *questions, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT dimension, value FROM survey_population WHERE round = ?1 AND dimension <> 'all'",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean group = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "group");
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      for (guint i = 0; i < questions->len; i++)
        {
          Question *q = questions->pdata[i];
          acc_for (group ? q->groups : q->statuses, value, q->n_values);
        }
    }
  return helder_store_propagate (store, rc, error);
}

JsonObject *
survey_round_compute (HelderStore *store,
                      gint64 survey,
                      const SurveyRoundInfo *round,
                      GError **error)
{
  g_autoptr (GPtrArray) questions = g_ptr_array_new_with_free_func (question_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (JsonObject) result = NULL;
  gboolean running = g_str_equal (round->status, "open");

  if (!load_questions (store, survey, questions, error))
    return NULL;
  for (guint i = 0; i < questions->len; i++)
    {
      Question *q = questions->pdata[i];
      g_hash_table_insert (by_id, &q->id, q);
    }
  if (!scan_answers (store, round->id, questions, by_id, error))
    return NULL;
  for (guint i = 0; i < questions->len; i++)
    {
      Question *q = questions->pdata[i];
      if (g_str_equal (q->kind, "multiple") && !count_multiple (store, round->id, q, error))
        return NULL;
    }
  if (!add_population_cells (store, round->id, questions, error))
    return NULL;

  result = survey_round_head (store, round, running, error);
  if (result == NULL)
    return NULL;
  {
    JsonArray *array = json_array_new ();

    for (guint i = 0; i < questions->len; i++)
      {
        JsonObject *object =
          survey_question_cells (store, round, questions->pdata[i], running, error);
        if (object == NULL)
          {
            json_array_unref (array);
            return NULL;
          }
        json_array_add_object_element (array, object);
      }
    json_object_set_array_member (result, "questions", array);
  }
  return g_steal_pointer (&result);
}

/* -1, 0, 1 as instant @a is before, at or after @b (ISO 8601, UTC when
 * without a zone); as text when either cannot be read. */
static int
compare_instants (const char *a, const char *b)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) x = a ? g_date_time_new_from_iso8601 (a, utc) : NULL;
  g_autoptr (GDateTime) y = b ? g_date_time_new_from_iso8601 (b, utc) : NULL;

  if (x == NULL || y == NULL)
    return g_strcmp0 (a, b);
  return g_date_time_compare (x, y);
}

const char *
survey_round_status_at (const char *stored,
                        const char *opens_at,
                        const char *closes_at,
                        const char *now)
{
  if (g_strcmp0 (stored, "cancelled") == 0 || g_strcmp0 (stored, "reduced") == 0)
    return stored;
  if (compare_instants (now, opens_at) < 0)
    return "planned";
  if (compare_instants (now, closes_at) < 0)
    return "open";
  return "closed";
}
