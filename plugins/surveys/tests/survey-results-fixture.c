/* survey-results-fixture.c — generated survey data for the results tests
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows go straight into the plugin's tables, as the schema says; the
 * plugin itself is loaded by the engine so that its migrations run.
 */
#include "config.h"

#include "helder-test-utils.h"
#include "survey-results-fixture.h"

void
survey_fixture_open (SurveyFixture *f)
{
  g_autoptr (HelderStore) core = helder_test_store_new (&f->db);
  g_autoptr (GError) error = NULL;

  g_clear_object (&core);
  f->context = helder_context_new (f->db);
  helder_engine_load_all (helder_context_get_engine (f->context));
  f->store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_version (f->store, "surveys"), >=, 1);
}

void
survey_fixture_close (SurveyFixture *f)
{
  g_clear_object (&f->context);
  helder_test_remove_db (f->db);
  g_clear_pointer (&f->db, g_free);
}

void
survey_fixture_exec (SurveyFixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;

  helder_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static gint64
last_id (SurveyFixture *f)
{
  return sqlite3_last_insert_rowid (helder_store_get_db (f->store));
}

gint64
survey_fixture_survey (SurveyFixture *f, const char *slug, guint threshold, int retention_months)
{
  g_autofree char *retention =
    retention_months > 0 ? g_strdup_printf ("%d", retention_months) : g_strdup ("NULL");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO survey (slug, title, kind, threshold, status, purpose, legal_basis,"
    " works_council, retention_months, created_at, updated_at)"
    " VALUES ('%s', 'Pulse %s', 'pulse', %u, 'open', 'Luisteren', 'public_task',"
    " 'not_required', %s, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    slug, slug, threshold, retention);

  survey_fixture_exec (f, sql);
  return last_id (f);
}

gint64
survey_fixture_question (SurveyFixture *f,
                         gint64 survey,
                         int position,
                         const char *kind,
                         const char *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store,
    "INSERT INTO survey_question (survey, position, kind, text, options, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    &error);
  g_autofree char *text = g_strdup_printf ("Vraag %d, \"%s\"", position, kind);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, options ? options : "", -1, SQLITE_TRANSIENT);
  g_assert_true (helder_store_step_done (f->store, stmt, &error));
  return last_id (f);
}

gint64
survey_fixture_round (SurveyFixture *f,
                      gint64 survey,
                      guint number,
                      const char *opens_at,
                      const char *closes_at)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO survey_round (survey, number, opens_at, closes_at, status, created_at, updated_at)"
    " VALUES (%" G_GINT64_FORMAT ", %u, '%s', '%s', 'open', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z')",
    survey, number, opens_at, closes_at);

  survey_fixture_exec (f, sql);
  return last_id (f);
}

void
survey_fixture_population (SurveyFixture *f,
                           gint64 round,
                           const char *dimension,
                           const char *value,
                           gint64 invited)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO survey_population (round, dimension, value, invited)"
                     " VALUES (%" G_GINT64_FORMAT ", '%s', '%s', %" G_GINT64_FORMAT ")",
                     round, dimension, value, invited);

  survey_fixture_exec (f, sql);
}

static void
bind_or_null (HelderStmt *stmt, int column, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

void
survey_fixture_response (SurveyFixture *f,
                         GRand *rand,
                         gint64 round,
                         const char *grp,
                         const char *status,
                         guint8 id[16])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store, "INSERT INTO survey_response (id, round, grp, status) VALUES (?1, ?2, ?3, ?4)",
    &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 16; i++)
    id[i] = (guint8) g_rand_int_range (rand, 0, 256);
  sqlite3_bind_blob (stmt, 1, id, 16, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, round);
  bind_or_null (stmt, 3, grp);
  bind_or_null (stmt, 4, status);
  g_assert_true (helder_store_step_done (f->store, stmt, &error));
}

void
survey_fixture_answer (SurveyFixture *f,
                       const guint8 id[16],
                       gint64 question,
                       int choice,
                       const char *text,
                       gint64 round,
                       const char *grp,
                       const char *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store,
    "INSERT INTO survey_answer (response, question, choice, text, round, grp, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_blob (stmt, 1, id, 16, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, question);
  sqlite3_bind_int (stmt, 3, choice);
  bind_or_null (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, round);
  bind_or_null (stmt, 6, grp);
  bind_or_null (stmt, 7, status);
  g_assert_true (helder_store_step_done (f->store, stmt, &error));
}

typedef struct
{
  gint64 id;
  char *kind;
  guint n_options;
} Q;

static GArray *
questions_of (SurveyFixture *f, gint64 survey)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store, "SELECT id, kind, options FROM survey_question WHERE survey = ?1 ORDER BY position",
    &error);
  GArray *array = g_array_new (FALSE, TRUE, sizeof (Q));

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, survey);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *options = (const char *) sqlite3_column_text (stmt, 2);
      g_auto (GStrv) lines = g_strsplit (options, "\n", -1);
      Q q = { sqlite3_column_int64 (stmt, 0),
              g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
              *options ? g_strv_length (lines) : 0 };

      g_array_append_val (array, q);
    }
  return array;
}

static void
answer_one (SurveyFixture *f,
            GRand *rand,
            const Q *q,
            const guint8 id[16],
            gint64 round,
            const char *grp,
            const char *status)
{
  if (g_str_equal (q->kind, "agree5"))
    survey_fixture_answer (f, id, q->id, g_rand_int_range (rand, 1, 6), NULL, round, grp, status);
  else if (g_str_equal (q->kind, "scale10"))
    survey_fixture_answer (f, id, q->id, g_rand_int_range (rand, 0, 11), NULL, round, grp, status);
  else if (g_str_equal (q->kind, "single"))
    survey_fixture_answer (f, id, q->id, g_rand_int_range (rand, 0, q->n_options), NULL, round, grp,
                           status);
  else if (g_str_equal (q->kind, "multiple"))
    {
      int first = g_rand_int_range (rand, 0, q->n_options);

      survey_fixture_answer (f, id, q->id, first, NULL, round, grp, status);
      for (guint o = 0; o < q->n_options; o++)
        if ((int) o != first && g_rand_boolean (rand))
          survey_fixture_answer (f, id, q->id, o, NULL, round, grp, status);
    }
  else
    {
      g_autofree char *text =
        g_strdup_printf ("Opmerking %u, met \"komma\"", g_rand_int_range (rand, 0, 1000));
      survey_fixture_answer (f, id, q->id, -1, text, round, grp, status);
    }
}

void
survey_fixture_generate (SurveyFixture *f,
                         GRand *rand,
                         gint64 survey,
                         gint64 round,
                         guint n,
                         guint n_groups,
                         guint n_statuses)
{
  g_autoptr (GArray) questions = questions_of (f, survey);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_begin (f->store, &error));
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *grp = NULL;
      g_autofree char *status = NULL;
      guint8 id[16];

      if (n_groups > 0 && g_rand_int_range (rand, 0, 10) > 0)
        grp = g_strdup_printf ("groep-%02d", g_rand_int_range (rand, 0, n_groups));
      if (n_statuses > 0 && g_rand_int_range (rand, 0, 10) > 0)
        status = g_strdup_printf ("status-%d", g_rand_int_range (rand, 0, n_statuses));
      survey_fixture_response (f, rand, round, grp, status, id);
      for (guint i = 0; i < questions->len; i++)
        if (g_rand_int_range (rand, 0, 10) > 0)
          answer_one (f, rand, &g_array_index (questions, Q, i), id, round, grp, status);
    }
  g_assert_true (helder_store_commit (f->store, &error));
  for (guint i = 0; i < questions->len; i++)
    g_free (g_array_index (questions, Q, i).kind);
}
