/* test-survey-gate.c — gate criteria computed from a survey
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo programme, served on loopback with the surveys plugin
 * loaded: a criterion `--measure survey` fails on the last closed round
 * and is met once a round with better answers closes; it stays open and
 * unclear with a response rate below the survey's minimum, on a
 * suppressed group cell and before any round closed; bad arguments are
 * refused on the command line and in the web form, naming the part, with
 * nothing changed; the gate page shows the value, the linked source and
 * the flag.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "survey-results-fixture.h"

#define GATE "technische-infrastructuur"

typedef struct
{
  HelderWebTest *web;
  SurveyFixture data; /* the web test's store, for the fixture's inserts */
  GRand *rand;
  char *group; /* a group of the demo */
  gint64 survey, q_agree, q_single;
} Fixture;

static char *
instant (int days)
{
  g_autofree char *day = helder_test_day (days);

  return g_strdup_printf ("%sT08:00:00Z", day);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  f->web = helder_web_test_start_in_english ();
  f->data.store = f->web->store;
  f->data.db = f->web->db_path;
  f->rand = g_rand_new_with_seed (13);
  stmt = helder_store_prepare (f->web->store,
                               "SELECT slug FROM stakeholder_group ORDER BY slug LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  f->group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  f->survey = survey_fixture_survey (&f->data, "stemming", 5, 12);
  f->q_agree = survey_fixture_question (&f->data, f->survey, 1, "agree5", NULL);
  f->q_single =
    survey_fixture_question (&f->data, f->survey, 2, "single", "Klaar\nBijna\nNiet klaar");
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_rand_free (f->rand);
  g_free (f->group);
  helder_web_test_stop (f->web);
}

/* A round from @opens to @closes days from today, @invited people, of
 * whom @in_group in the fixture's group. */
static gint64
round_of (Fixture *f, guint number, int opens, int closes, gint64 invited, gint64 in_group)
{
  g_autofree char *from = instant (opens);
  g_autofree char *to = instant (closes);
  gint64 round = survey_fixture_round (&f->data, f->survey, number, from, to);

  survey_fixture_population (&f->data, round, "all", "", invited);
  survey_fixture_population (&f->data, round, "group", f->group, in_group);
  return round;
}

/* @n responses answering @agree and option @option (0-based). */
static void
answer (Fixture *f, gint64 round, guint n, const char *grp, int agree, int option)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 id[16];

      survey_fixture_response (&f->data, f->rand, round, grp, NULL, id);
      survey_fixture_answer (&f->data, id, f->q_agree, agree, NULL, round, grp, NULL);
      survey_fixture_answer (&f->data, id, f->q_single, option, NULL, round, grp, NULL);
    }
}

static int
add_criterion (Fixture *f, const char *text, const char *argument, char **err)
{
  const char *const args[] = { "criterion", "add",    "--gate",        GATE,     "--text", text,
                               "--measure", "survey", "--measure-arg", argument, NULL };
  g_autofree char *out = NULL;

  return helder_test_runv (f->web->db_path, NULL, args, &out, err);
}

static gint64
criterion (Fixture *f, const char *text, const char *argument)
{
  g_autofree char *err = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM gate_criterion WHERE text = '%s'", text);

  g_assert_cmpint (add_criterion (f, text, argument, &err), ==, 0);
  return helder_web_test_scalar (f->web, sql);
}

/* Computes the gate's criteria as `helder gate show` does. */
static void
refresh (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (helder_test_run (f->web->db_path, NULL, &out, &err, "gate", "show", GATE, NULL),
                   ==, 0);
}

static char *
column (Fixture *f, const char *name, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM gate_criterion WHERE id = ?1", name);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define ASSERT_COLUMN(f, name, id, expected)        \
  G_STMT_START                                      \
  {                                                 \
    g_autofree char *value_ = column (f, name, id); \
    g_assert_cmpstr (value_, ==, expected);         \
  }                                                 \
  G_STMT_END

#define ASSERT_COLUMN_HAS(f, name, id, part)                    \
  G_STMT_START                                                  \
  {                                                             \
    g_autofree char *value_ = column (f, name, id);             \
    if (value_ == NULL || strstr (value_, part) == NULL)        \
      g_error ("%s is “%s”, without “%s”", name, value_, part); \
  }                                                             \
  G_STMT_END

/* Round 1 (closed) averages 3 and fails the norm 3,5; round 2, open with
 * better answers, changes nothing until it closes: then the criterion is
 * met, its source round 2 with its count and rate, linked. */
static void
test_failed_then_met (Fixture *f, gconstpointer data)
{
  gint64 id = criterion (f, "Vertrouwen", "survey=stemming question=1 stat=average min=3.5");
  gint64 r2;
  g_autofree char *link = NULL;

  answer (f, round_of (f, 1, -40, -20, 20, 10), 12, NULL, 3, 0);
  r2 = round_of (f, 2, -10, 5, 20, 10);
  answer (f, r2, 15, NULL, 4, 0);
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "failed");
  ASSERT_COLUMN (f, "measure_value", id, "3 (norm ≥ 3,5)");
  ASSERT_COLUMN_HAS (f, "measure_source", id, "Pulse stemming, round 1 (closed ");
  ASSERT_COLUMN_HAS (f, "measure_source", id, "): 12 answers, response 60 %");

  {
    g_autofree char *closes = instant (-1);
    g_autofree char *sql = g_strdup_printf (
      "UPDATE survey_round SET closes_at = '%s' WHERE id = %" G_GINT64_FORMAT, closes, r2);

    survey_fixture_exec (&f->data, sql);
  }
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "met");
  ASSERT_COLUMN (f, "measure_state", id, "met");
  ASSERT_COLUMN (f, "measure_value", id, "4 (norm ≥ 3,5)");
  ASSERT_COLUMN_HAS (f, "measure_source", id, "round 2 (closed ");
  ASSERT_COLUMN_HAS (f, "measure_source", id, "): 15 answers, response 75 %");
  link = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results?round=2", f->survey);
  ASSERT_COLUMN (f, "measure_link", id, link);
}

/* A share of an option, and a chosen round: 8 of 10 ready is 80 %. */
static void
test_share (Fixture *f, gconstpointer data)
{
  gint64 id =
    criterion (f, "Gereed", "survey=stemming question=2 stat=share option=1 min=80 round=1");
  gint64 r1 = round_of (f, 1, -40, -20, 20, 10);

  answer (f, r1, 8, NULL, 4, 0);
  answer (f, r1, 2, NULL, 4, 2);
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "met");
  ASSERT_COLUMN (f, "measure_value", id, "80 % (norm ≥ 80 %)");
}

/* Before any round closed, the criterion is open and says so. */
static void
test_no_closed_round (Fixture *f, gconstpointer data)
{
  gint64 id = criterion (f, "Nog niets", "survey=stemming question=1 stat=average min=3");

  answer (f, round_of (f, 1, -3, 10, 20, 10), 12, NULL, 4, 0);
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "open");
  ASSERT_COLUMN (f, "measure_state", id, "unclear");
  ASSERT_COLUMN (f, "measure_value", id, "no closed round yet");
}

/* 12 answers of 100 invited: too few to judge, however good they are. */
static void
test_low_response (Fixture *f, gconstpointer data)
{
  gint64 id = criterion (f, "Respons", "survey=stemming question=1 stat=average min=3");

  answer (f, round_of (f, 1, -40, -20, 100, 50), 12, NULL, 5, 0);
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "open");
  ASSERT_COLUMN (f, "measure_state", id, "unclear");
  ASSERT_COLUMN (f, "measure_value", id, "too few answers to judge (response 12 %, at least 30 %)");
}

/* The group answered 3 times: its cell is suppressed, and the criterion
 * never shows the number behind it. */
static void
test_suppressed_group (Fixture *f, gconstpointer data)
{
  g_autofree char *argument =
    g_strdup_printf ("survey=stemming question=1 stat=average min=2 group=%s", f->group);
  gint64 id = criterion (f, "Groep", argument);
  gint64 r1 = round_of (f, 1, -40, -20, 20, 6);
  g_autofree char *value = NULL;

  answer (f, r1, 3, f->group, 5, 0);
  answer (f, r1, 10, NULL, 1, 0);
  refresh (f);
  ASSERT_COLUMN (f, "status", id, "open");
  ASSERT_COLUMN (f, "measure_state", id, "unclear");
  value = column (f, "measure_value", id);
  g_assert_true (g_str_has_prefix (value, "too few answers to judge"));
  g_test_message ("%s", value);
  g_assert_null (strstr (value, "norm"));
  g_assert_null (strstr (value, "3"));
}

/* The gate page flags the failed criterion with its value and source. */
static void
test_gate_page (Fixture *f, gconstpointer data)
{
  g_autofree char *link =
    g_strdup_printf ("<a href=\"/surveys/%" G_GINT64_FORMAT "/results?round=1\">", f->survey);
  g_autoptr (HelderWebTestResponse) page = NULL;

  criterion (f, "Vertrouwen in de transitie", "survey=stemming question=1 stat=average min=4");
  answer (f, round_of (f, 1, -40, -20, 20, 10), 12, NULL, 3, 0);
  page = helder_web_test_browse (f->web, "/gates/" GATE);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "Vertrouwen in de transitie");
  helder_web_test_assert_contains (page, "3 (norm ≥ 4)");
  helder_web_test_assert_contains (page, link);
  helder_web_test_assert_contains (page, "12 answers, response 60 %");
  helder_web_test_assert_contains (page, "not met");
}

/* Every wrong part of the argument, on the command line and in the web
 * form: refused, naming it, nothing changed. */
static void
test_bad_arguments (Fixture *f, gconstpointer data)
{
  static const char *const cases[][2] = {
    { "", "survey: missing" },
    { "survey=stemming", "question: missing" },
    { "survey=stemming question=1", "stat: missing" },
    { "survey=stemming question=1 stat=average", "min: missing" },
    { "survey=nope question=1 stat=average min=3", "survey: there is no survey “nope”" },
    { "survey=stemming question=0 stat=average min=3", "question: “0” is not a question number" },
    { "survey=stemming question=9 stat=average min=3", "question: the survey has no question 9" },
    { "survey=stemming question=1 stat=mean min=3", "stat: “mean” is not average, share or index" },
    { "survey=stemming question=1 stat=average min=veel", "min: “veel” is not a number" },
    { "survey=stemming question=1 stat=share option=1 min=80",
      "question: question 1 is not a choice" },
    { "survey=stemming question=2 stat=share min=80", "option: missing" },
    { "survey=stemming question=2 stat=share option=4 min=80", "option: question has no option 4" },
    { "survey=stemming question=2 stat=share option=x min=80", "option: “x” is not an option" },
    { "survey=stemming question=1 stat=average option=1 min=3", "option: only stat=share" },
    { "survey=stemming question=1 stat=index min=0", "question 1 is not a 0–10 question" },
    { "survey=stemming question=2 stat=average min=3", "question 2 is not a scale question" },
    { "survey=stemming question=1 stat=average min=3 group=nope",
      "group: there is no group “nope”" },
    { "survey=stemming question=1 stat=average min=3 round=laatste", "round: “laatste” is not" },
    { "survey=stemming question=1 stat=average min=3 colour=red",
      "“colour=red” is not understood" },
    { "survey=stemming question=1 question=2 stat=average min=3", "question: given twice" },
    { "survey=stemming question", "“question” is not KEY=VALUE" },
  };
  g_autofree char *before = helder_test_fingerprint (f->web->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      g_autofree char *body = NULL;
      g_autofree char *escaped = g_uri_escape_string (cases[i][0], NULL, FALSE);
      g_autoptr (HelderWebTestResponse) form = NULL;

      g_assert_cmpint (add_criterion (f, "Fout", cases[i][0], &err), ==, 1);
      if (strstr (err, cases[i][1]) == NULL)
        g_error ("“%s”: %s lacks “%s”", cases[i][0], err, cases[i][1]);
      body = g_strdup_printf ("text=Fout&status=open&measure=survey&measure_arg=%s", escaped);
      form = helder_web_test_post (f->web, "/gates/" GATE "/criteria", body);
      g_assert_cmpuint (form->status, ==, 400);
      helder_web_test_assert_contains (form, cases[i][1]);
      after = helder_test_fingerprint (f->web->store);
      g_assert_cmpstr (before, ==, after);
    }
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/survey-gate/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("failed-then-met", test_failed_then_met);
  ADD ("share", test_share);
  ADD ("no-closed-round", test_no_closed_round);
  ADD ("low-response", test_low_response);
  ADD ("suppressed-group", test_suppressed_group);
  ADD ("gate-page", test_gate_page);
  ADD ("bad-arguments", test_bad_arguments);
#undef ADD
  return g_test_run ();
}
