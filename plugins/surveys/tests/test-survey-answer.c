/* test-survey-answer.c — answering a survey, anonymously
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real surveys plugin from the build tree makes the schema and the
 * digest section; the answering services are called directly on a real
 * SQLite file with the clock pinned at HELDER_TEST_NOW (2026-12-04, 09:00
 * UTC). Surveys are written with SQL here: making and opening them is
 * another part of the plugin.
 *
 * The anonymity proof (DESIGN.md §6): from the database alone, the
 * answers of a person cannot be found, even knowing the order in which
 * people answered.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helder-test-utils.h"
#include "helder.h"
#include "model/helder-language.h"
#include "survey-answer-private.h"
#include "survey-answer.h"

#define ROUND_OPEN    1
#define ROUND_OTHER   2
#define ROUND_PLANNED 3
#define ROUND_CLOSED  4
#define ROUND_BIG     5
#define OUTSIDER      16
#define ENGLISH       17
#define BIG_FIRST     1000
#define BIG_COUNT     300
/* Chance gives one correct match on average; 8 or more has a
 * probability below 1e-5 for each ordering tried. */
#define MAX_MATCHES 8

typedef struct
{
  HelderContext *context;
  HelderStore *store;
  char *db;
} Fixture;

static void
exec (HelderStore *store, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (helder_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void execf (HelderStore *store, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
execf (HelderStore *store, const char *format, ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (store, sql);
}

static gint64
count (HelderStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* survey.phase of migration surveys/1 references phase (slug), a column
 * core's phase does not have (its key is `key`): with foreign keys on,
 * SQLite refuses every write to survey ("foreign key mismatch"). Writing
 * surveys is another part's; until its migration mends the reference,
 * this test writes them with foreign keys off. */
#define SURVEY_WRITES_BEGIN "PRAGMA foreign_keys = OFF; BEGIN;"
#define SURVEY_WRITES_END   "COMMIT; PRAGMA foreign_keys = ON;"

static void
assert_contains (const char *text, const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("expected “%s” in:\n%s", part, text ? text : "(null)");
}

#define STAMP "'2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'"

static void
add_person (HelderStore *store, gint64 id, const char *locale, const char *group)
{
  execf (store,
         "INSERT INTO person (id, name, email, locale, created_at, updated_at)"
         " VALUES (%" G_GINT64_FORMAT ", 'Persoon %" G_GINT64_FORMAT "',"
         " 'p%" G_GINT64_FORMAT "@voorbeeld.nl', '%s', " STAMP ")",
         id, id, id, locale);
  if (group != NULL)
    execf (store, "INSERT INTO person_group (person, grp) VALUES (%" G_GINT64_FORMAT ", '%s')", id,
           group);
}

static void
add_change (HelderStore *store, gint64 person, const char *status)
{
  execf (store,
         "INSERT INTO role_change (person, decision_expected, status, created_at, updated_at)"
         " VALUES (%" G_GINT64_FORMAT ", '2027-01-01', '%s', " STAMP ")",
         person, status);
}

static void
add_group (HelderStore *store, const char *slug)
{
  execf (store,
         "INSERT INTO stakeholder_group (slug, name, kind, created_at, updated_at)"
         " VALUES ('%s', '%s', 'internal', " STAMP ")",
         slug, slug);
}

static void
add_question (HelderStore *store,
              gint64 id,
              gint64 survey,
              const char *kind,
              const char *text,
              const char *options,
              gboolean required)
{
  execf (store,
         "INSERT INTO survey_question (id, survey, position, kind, text, text_en, options,"
         " required, created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
         ", %" G_GINT64_FORMAT ", '%s', '%s', 'EN %s', '%s', %d, " STAMP ")",
         id, survey, id, kind, text, text, options, required ? 1 : 0);
}

static void
add_round (HelderStore *store,
           gint64 id,
           gint64 survey,
           gint64 number,
           const char *opens,
           const char *closes)
{
  execf (store,
         "INSERT INTO survey_round (id, survey, number, opens_at, closes_at, status,"
         " created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
         ", %" G_GINT64_FORMAT ", '%s', '%s', 'planned', " STAMP ")",
         id, survey, number, opens, closes);
}

static void
add_population (HelderStore *store, gint64 round, const char *dimension, const char *value, int n)
{
  execf (store,
         "INSERT INTO survey_population (round, dimension, value, invited)"
         " VALUES (%" G_GINT64_FORMAT ", '%s', '%s', %d)",
         round, dimension, value, n);
}

static void
add_survey (HelderStore *store, gint64 id, const char *slug, const char *title)
{
  execf (store,
         "INSERT INTO survey (id, slug, title, status, purpose, legal_basis, works_council,"
         " retention_months, created_at, updated_at) VALUES (%" G_GINT64_FORMAT
         ", '%s', '%s', 'open', 'Luisteren', 'public_task', 'agreed', 12, " STAMP ")",
         id, slug, title);
}

/* Survey 1 ("Pulse december") for the groups beheer (persons 1–12 and the
 * English 17) and klein (13–15), with every kind of question and one only
 * for klein; its round 1 is open, round 3 planned for later, round 4
 * closed. Survey 2 ("Ander") has round 2 open with its own question 8.
 * Person 16 (servicedesk) is invited to neither. */
static void
seed (HelderStore *store)
{
  exec (store, SURVEY_WRITES_BEGIN);
  add_group (store, "beheer");
  add_group (store, "klein");
  add_group (store, "servicedesk");
  for (gint64 id = 1; id <= 12; id++)
    add_person (store, id, "nl", "beheer");
  for (gint64 id = 13; id <= 15; id++)
    add_person (store, id, "nl", "klein");
  add_person (store, OUTSIDER, "nl", "servicedesk");
  add_person (store, ENGLISH, "en", "beheer");
  for (gint64 id = 1; id <= 6; id++)
    add_change (store, id, "accepted");
  add_change (store, 13, "objection");

  add_survey (store, 1, "pulse", "Pulse december");
  exec (store, "INSERT INTO survey_group VALUES (1, 'beheer'), (1, 'klein')");
  add_question (store, 1, 1, "agree5", "Ik weet wat er met mijn werk gebeurt", "", TRUE);
  add_question (store, 2, 1, "scale10", "Vertrouwen", "", TRUE);
  add_question (store, 3, 1, "single", "Werkplek", "Thuis\nKantoor\nBeide", FALSE);
  add_question (store, 4, 1, "multiple", "Kanalen", "Mail\nIntranet\nTeamoverleg\nBrief", FALSE);
  add_question (store, 5, 1, "short", "Eén woord", "", FALSE);
  add_question (store, 6, 1, "long", "Toelichting", "", FALSE);
  add_question (store, 7, 1, "agree5", "Alleen klein", "", FALSE);
  exec (store, "INSERT INTO survey_question_group VALUES (7, 'klein')");
  add_round (store, ROUND_OPEN, 1, 1, "2026-12-01T08:00:00Z", "2026-12-15T11:00:00Z");
  add_round (store, ROUND_PLANNED, 1, 2, "2026-12-20T11:00:00Z", "2026-12-30T11:00:00Z");
  add_round (store, ROUND_CLOSED, 1, 3, "2026-11-01T11:00:00Z", "2026-11-20T11:00:00Z");
  add_population (store, ROUND_OPEN, "all", "", 16);
  add_population (store, ROUND_OPEN, "group", "beheer", 13);
  add_population (store, ROUND_OPEN, "group", "klein", 3);
  add_population (store, ROUND_OPEN, "status", "accepted", 6);
  add_population (store, ROUND_OPEN, "status", "objection", 1);

  add_survey (store, 2, "ander", "Ander");
  exec (store, "INSERT INTO survey_group VALUES (2, 'beheer')");
  add_question (store, 8, 2, "agree5", "Andere vraag", "", TRUE);
  add_round (store, ROUND_OTHER, 2, 1, "2026-12-01T08:00:00Z", "2026-12-15T11:00:00Z");
  exec (store, SURVEY_WRITES_END);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-survey-answer-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  f->context = helder_context_new (f->db);
  helder_engine_load_all (helder_context_get_engine (f->context));
  f->store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_version (f->store, "surveys"), >=, 1);
  seed (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->context);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

static gboolean
submit (Fixture *f, gint64 round, gint64 person, const char *json, GError **error)
{
  g_autoptr (JsonObject) answers = helder_test_object (json);

  return survey_answer_submit (f->store, round, person, answers, error);
}

static void
submit_ok (Fixture *f, gint64 round, gint64 person, const char *json)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (submit (f, round, person, json, &error));
  g_assert_no_error (error);
}

/* ---- every kind, stored as specified --------------------------------- */

static void
test_kinds (Fixture *f, gconstpointer data)
{
  submit_ok (f, ROUND_OPEN, 1,
             "{\"1\": 4, \"2\": 0, \"3\": 2, \"4\": [3, 0], \"5\": \"  snel  \","
             " \"6\": \"  Eerste regel\\nTweede regel \"}");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answered"
                                    " WHERE round = 1 AND person = 1"),
                   ==, 1);
  /* Committed with synchronous = FULL, then the store's NORMAL again. */
  g_assert_cmpint (count (f->store, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response WHERE round = 1"
                                    " AND grp = 'beheer' AND status = 'accepted'"
                                    " AND length (id) = 16"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answer"), ==, 7);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answer WHERE round = 1"
                                    " AND grp = 'beheer' AND status = 'accepted'"
                                    " AND response = (SELECT id FROM survey_response)"),
                   ==, 7);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM survey_answer WHERE"
                          " (question = 1 AND choice = 4 AND text IS NULL)"
                          " OR (question = 2 AND choice = 0)"
                          " OR (question = 3 AND choice = 2)"
                          " OR (question = 4 AND choice IN (0, 3))"
                          " OR (question = 5 AND choice = -1 AND text = 'snel')"
                          " OR (question = 6 AND choice = -1"
                          "     AND text = 'Eerste regel' || char (10) || 'Tweede regel')"),
                   ==, 7);

  /* The top of each scale, an empty multiple choice and empty text are
   * accepted; what is not answered is not stored. */
  submit_ok (f, ROUND_OPEN, 2, "{\"1\": 1, \"2\": 10, \"4\": [], \"5\": \"  \", \"6\": null}");
  submit_ok (f, ROUND_OPEN, 3, "{\"1\": 5, \"2\": 5}");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answer"), ==, 11);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response"), ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answered"), ==, 3);

  /* 200 and 4,000 characters (not bytes) are the limits. */
  {
    g_autoptr (GString) json = g_string_new ("{\"1\": 3, \"2\": 7, \"5\": \"");
    for (int i = 0; i < 200; i++)
      g_string_append (json, "é");
    g_string_append (json, "\", \"6\": \"");
    for (int i = 0; i < 4000; i++)
      g_string_append (json, "ë");
    g_string_append (json, "\"}");
    submit_ok (f, ROUND_OPEN, 4, json->str);
  }
}

/* (e) Two classes: beheer has 13 invited and keeps its name on a
 * response; klein has 3, fewer than the threshold, and stores NULL; the
 * same for role-change statuses (accepted 6, objection 1). */
static void
test_classes (Fixture *f, gconstpointer data)
{
  submit_ok (f, ROUND_OPEN, 13, "{\"1\": 2, \"2\": 3, \"7\": 4}");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response"
                                    " WHERE grp IS NULL AND status IS NULL"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answer"
                                    " WHERE grp IS NULL AND status IS NULL"),
                   ==, 3);
  submit_ok (f, ROUND_OPEN, 8, "{\"1\": 2, \"2\": 3}");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response"
                                    " WHERE grp = 'beheer' AND status IS NULL"),
                   ==, 1);
}

/* ---- refusals: each clear, nothing written --------------------------- */

typedef struct
{
  gint64 round;
  gint64 person;
  const char *json;
  const char *field;
  const char *message;
} Refusal;

static const Refusal refusals[] = {
  { ROUND_OPEN, 2, "{\"1\": 3, \"2\": 3}", "round",
    "already answered round 1 of survey “Pulse december”" },
  { ROUND_OPEN, OUTSIDER, "{\"1\": 3, \"2\": 3}", "round",
    "not invited to survey “Pulse december”" },
  { ROUND_PLANNED, 1, "{\"1\": 3, \"2\": 3}", "round", "is not open yet — it opens on 2026-12-20" },
  { ROUND_CLOSED, 1, "{\"1\": 3, \"2\": 3}", "round", "closed on 2026-11-20" },
  { 999, 1, "{\"1\": 3, \"2\": 3}", "round", "no survey round “999”" },
  { -1, 1, "{\"1\": 3, \"2\": 3}", "round", "no survey round “-1”" },
  { ROUND_OPEN, 999, "{\"1\": 3, \"2\": 3}", "person", "no person “999”" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"8\": 3}", "answers.8",
    "“8” is not a question of this survey" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"7\": 3}", "answers.7", "“7” is not a question" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"x\": 3}", "answers.x", "“x” is not a question" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"01\": 3}", "answers.01", "“01” is not a question" },
  { ROUND_OPEN, 1, "{\"2\": 3}", "answers.1",
    "question 1 (“Ik weet wat er met mijn werk gebeurt”): this question must be answered" },
  { ROUND_OPEN, 1, "{\"1\": null, \"2\": 3}", "answers.1", "must be answered" },
  { ROUND_OPEN, 1, "{\"1\": 0, \"2\": 3}", "answers.1",
    "question 1 (“Ik weet wat er met mijn werk gebeurt”): the answer must be a whole number from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": 6, \"2\": 3}", "answers.1", "from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": \"3\", \"2\": 3}", "answers.1", "from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": 2.5, \"2\": 3}", "answers.1", "from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": true, \"2\": 3}", "answers.1", "from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": [3], \"2\": 3}", "answers.1", "from 1 to 5" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 11}", "answers.2",
    "question 2 (“Vertrouwen”): the answer must be a whole number from 0 to 10" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": -1}", "answers.2", "from 0 to 10" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"3\": 3}", "answers.3",
    "question 3 (“Werkplek”): the answer must be the number of one of its 3 options, from 0 to 2" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"3\": -1}", "answers.3", "one of its 3 options" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"3\": [0]}", "answers.3", "one of its 3 options" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"4\": [0, 0]}", "answers.4",
    "question 4 (“Kanalen”): an option is chosen more than once" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"4\": [4]}", "answers.4",
    "one of its 4 options, from 0 to 3" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"4\": 1}", "answers.4", "a list of the options chosen" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"4\": [\"Mail\"]}", "answers.4", "one of its 4 options" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"5\": \"twee\\nregels\"}", "answers.5",
    "question 5 (“Eén woord”): the answer must be one line" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"5\": 5}", "answers.5", "the answer must be text" },
  { ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3, \"6\": [\"tekst\"]}", "answers.6",
    "question 6 (“Toelichting”): the answer must be text" },
};

static void
check_refused (Fixture *f,
               gint64 round,
               gint64 person,
               JsonObject *answers,
               const char *field,
               const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;

  g_assert_false (survey_answer_submit (f->store, round, person, answers, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == HELDER_ERROR);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
  g_assert_cmpstr (helder_error_get_field (error), ==, field);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (helder_store_in_transaction (f->store));
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  submit_ok (f, ROUND_OPEN, 2, "{\"1\": 3, \"2\": 3}");
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr (JsonObject) answers = helder_test_object (refusals[i].json);

      g_test_message ("refusal %u: %s", i, refusals[i].message);
      check_refused (f, refusals[i].round, refusals[i].person, answers, refusals[i].field,
                     refusals[i].message);
    }
}

/* Text over the limits, and text that is not UTF-8. */
static void
test_refused_text (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) answers = helder_test_object ("{\"1\": 3, \"2\": 3}");
  g_autofree char *short_text = g_strnfill (201, 'a');
  g_autofree char *long_text = g_strnfill (4001, 'b');

  json_object_set_string_member (answers, "5", short_text);
  check_refused (f, ROUND_OPEN, 1, answers, "answers.5", "longer than 200 characters");
  json_object_remove_member (answers, "5");
  json_object_set_string_member (answers, "6", long_text);
  check_refused (f, ROUND_OPEN, 1, answers, "answers.6", "longer than 4000 characters");
  json_object_set_string_member (answers, "6", "geen \xff UTF-8");
  check_refused (f, ROUND_OPEN, 1, answers, "answers.6", "not valid UTF-8");
  check_refused (f, ROUND_OPEN, 1, NULL, "answers", "there are no answers");
}

/* A round that the survey's own state closes, and the clock moving past
 * the window, both refuse. */
static void
test_refused_by_clock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answers = helder_test_object ("{\"1\": 3, \"2\": 3}");

  g_assert_true (helder_clock_set ("2026-12-15T11:00:00Z", &error));
  g_assert_no_error (error);
  check_refused (f, ROUND_OPEN, 1, answers, "round", "closed on 2026-12-15");
  g_assert_true (helder_clock_set ("2026-12-01T07:59:59Z", &error));
  check_refused (f, ROUND_OPEN, 1, answers, "round", "not open yet — it opens on 2026-12-01");
  helder_clock_init_from_env (&error);
  g_assert_no_error (error);
  exec (f->store, "UPDATE survey_round SET status = 'cancelled' WHERE id = 1");
  check_refused (f, ROUND_OPEN, 1, answers, "round", "was cancelled");
  exec (f->store, "UPDATE survey_round SET status = 'open' WHERE id = 1");
  exec (f->store,
        SURVEY_WRITES_BEGIN "UPDATE survey SET status = 'closed' WHERE id = 1;" SURVEY_WRITES_END);
  check_refused (f, ROUND_OPEN, 1, answers, "round", "closed on");
}

/* Two answers of one person at the same moment: the second to reach the
 * "has answered" row meets its unique key and says so; its transaction
 * is rolled back whole. */
static void
test_race (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (SurveyRoundInfo) info = { 0 };
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (SurveyAnswerRow));
  SurveyAnswerRow row = { 1, 3, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (survey_answer_round_read (f->store, ROUND_OPEN, &info, &error));
  g_assert_no_error (error);
  g_array_append_val (rows, row);
  exec (f->store, "INSERT INTO survey_answered (round, person) VALUES (1, 5)");
  before = helder_test_fingerprint (f->store);
  g_assert_true (helder_store_begin (f->store, &error));
  g_assert_false (survey_answer_store (f->store, &info, 5, rows, &error));
  helder_store_rollback (f->store);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  assert_contains (error->message, "already answered round 1 of survey “Pulse december”");
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the form and the open rounds ------------------------------------- */

static void
test_form (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) form = survey_form_for_person (f->store, ROUND_OPEN, 1, &error);
  g_autoptr (JsonObject) klein = NULL;
  g_autoptr (JsonObject) english = NULL;
  g_autoptr (JsonObject) refused = NULL;
  JsonArray *questions;
  JsonObject *q;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (form, "title"), ==, "Pulse december");
  questions = json_object_get_array_member (form, "questions");
  g_assert_cmpuint (json_array_get_length (questions), ==, 6);
  q = json_array_get_object_element (questions, 2);
  g_assert_cmpstr (json_object_get_string_member (q, "kind"), ==, "single");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (q, "options")), ==, 3);
  g_assert_true (
    json_object_get_boolean_member (json_array_get_object_element (questions, 0), "required"));

  klein = survey_form_for_person (f->store, ROUND_OPEN, 13, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (klein, "questions")), ==,
                    7);

  english = survey_form_for_person (f->store, ROUND_OPEN, ENGLISH, &error);
  g_assert_no_error (error);
  q = json_array_get_object_element (json_object_get_array_member (english, "questions"), 1);
  g_assert_cmpstr (json_object_get_string_member (q, "text"), ==, "EN Vertrouwen");

  refused = survey_form_for_person (f->store, ROUND_OPEN, OUTSIDER, &error);
  g_assert_null (refused);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
  g_clear_error (&error);
  submit_ok (f, ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3}");
  g_assert_null (survey_form_for_person (f->store, ROUND_OPEN, 1, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
}

static void
test_open_for_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) open = survey_open_for_person (f->store, 1, &error);
  g_autoptr (JsonArray) after = NULL;
  g_autoptr (JsonArray) outsider = NULL;
  JsonObject *first;

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (open), ==, 2);
  first = json_array_get_object_element (open, 0);
  g_assert_cmpint (json_object_get_int_member (first, "round"), ==, ROUND_OPEN);
  g_assert_cmpint (json_object_get_int_member (first, "questions"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (first, "closes_at"), ==, "2026-12-15T11:00:00Z");

  submit_ok (f, ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3}");
  after = survey_open_for_person (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (after), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (after, 0), "round"),
                   ==, ROUND_OTHER);

  outsider = survey_open_for_person (f->store, OUTSIDER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (outsider), ==, 0);
}

/* ---- the digest and /me section, from the real plugin ---------------- */

static char *
section (Fixture *f, gint64 person)
{
  GPtrArray *sections = helder_context_get_digest_sections (f->context);
  g_autoptr (GError) error = NULL;
  g_autofree char *today = helder_clock_today ();

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const HelderDigestSection *s = g_ptr_array_index (sections, i);
      char *markdown;

      if (g_strcmp0 (s->name, "surveys-open") != 0)
        continue;
      markdown = s->func (f->store, person, today, s->user_data, &error);
      g_assert_no_error (error);
      return markdown;
    }
  g_error ("the surveys plugin registered no section “surveys-open”");
}

static void
test_digest (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *english = NULL;
  g_autofree char *dutch = NULL;
  g_autofree char *after = NULL;
  g_autofree char *outsider = NULL;

  g_assert_true (helder_context_set_setting (f->context, "server.base_url",
                                             "https://helder.voorbeeld.nl/", &error));
  g_assert_no_error (error);
  english = section (f, 1);
  g_assert_true (g_str_has_prefix (english, "## Open surveys for you\n"));
  assert_contains (english,
                   "- [Pulse december](https://helder.voorbeeld.nl/surveys/rounds/1/answer)"
                   " — 6 questions, open until 2026-12-15");
  assert_contains (english, "](https://helder.voorbeeld.nl/surveys/rounds/2/answer) — 1 question,");
  assert_contains (english, "anonymous");

  setlocale (LC_ALL, "");
  helder_language_begin ("nl");
  dutch = section (f, 1);
  helder_language_end ();
  helder_language_use ("");
  setlocale (LC_ALL, "C");
  g_assert_true (g_str_has_prefix (dutch, "## Open vragenlijsten voor jou\n"));
  assert_contains (
    dutch, "(https://helder.voorbeeld.nl/surveys/rounds/1/answer) — 6 vragen, open tot 2026-12-15");
  assert_contains (dutch, "anoniem");

  submit_ok (f, ROUND_OPEN, 1, "{\"1\": 3, \"2\": 3}");
  submit_ok (f, ROUND_OTHER, 1, "{\"8\": 3}");
  after = section (f, 1);
  g_assert_null (after);
  outsider = section (f, OUTSIDER);
  g_assert_null (outsider);
}

/* ---- the anonymity proof ---------------------------------------------- */

/* (a) The responses have no rowid, nothing that holds a person, a token
 * or a time, and share only `round` with who answered. */
static void
test_schema (Fixture *f, gconstpointer data)
{
  static const char *const anonymous[] = { "survey_response", "survey_answer" };
  sqlite3 *db = helder_store_get_db (f->store);

  for (guint t = 0; t < G_N_ELEMENTS (anonymous); t++)
    {
      g_autofree char *rowid = g_strdup_printf ("SELECT rowid FROM %s", anonymous[t]);
      g_autofree char *columns =
        g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", anonymous[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, rowid, -1, &stmt, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, columns, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          static const char *const allowed[] = { "id",       "round",  "grp",  "status", "response",
                                                 "question", "choice", "text", NULL };

          if (!g_strv_contains (allowed, name))
            g_error ("%s has a column “%s”", anonymous[t], name);
        }
      sqlite3_finalize (stmt);
    }
  /* Only `round` in common with survey_answered, which has no rowid either. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pragma_table_info ('survey_answered') a"
                                    " WHERE a.name IN (SELECT name FROM pragma_table_info"
                                    " ('survey_response') UNION SELECT name FROM"
                                    " pragma_table_info ('survey_answer'))"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pragma_table_info ('survey_answered')"
                                    " WHERE name = 'round'"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pragma_table_info ('survey_answered')"),
                   ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                    " ('survey_response', 'survey_answer', 'survey_answered')"
                                    " AND sql LIKE '%WITHOUT ROWID%'"),
                   ==, 3);
}

/* 300 people of one group, invited to survey 3 (round 5) with one free
 * text question. */
static void
seed_big (HelderStore *store)
{
  exec (store, SURVEY_WRITES_BEGIN);
  add_group (store, "groot");
  for (gint64 i = 0; i < BIG_COUNT; i++)
    add_person (store, BIG_FIRST + i, "nl", "groot");
  add_survey (store, 3, "groot", "Groot");
  exec (store, "INSERT INTO survey_group VALUES (3, 'groot')");
  add_question (store, 20, 3, "short", "Wie ben je", "", TRUE);
  add_question (store, 21, 3, "agree5", "Eens", "", TRUE);
  add_round (store, ROUND_BIG, 3, 1, "2026-12-01T08:00:00Z", "2026-12-15T11:00:00Z");
  add_population (store, ROUND_BIG, "all", "", BIG_COUNT);
  add_population (store, ROUND_BIG, "group", "groot", BIG_COUNT);
  exec (store, SURVEY_WRITES_END);
}

/* The fingerprint of every table but the survey's answers. */
static char *
fingerprint_without_answers (HelderStore *store)
{
  g_autoptr (GString) all = g_string_new ("");
  g_autoptr (sqlite3_stmt) tables = NULL;
  sqlite3 *db = helder_store_get_db (store);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' AND name NOT IN"
                                       " ('survey_answered', 'survey_response', 'survey_answer')"
                                       " ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (const char *) sqlite3_column_text (tables, 0));
      g_autoptr (sqlite3_stmt) rows = NULL;

      g_string_append_printf (all, "%s\n", (const char *) sqlite3_column_text (tables, 0));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (all, "%s\x1f", (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (all, '\n');
        }
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, -1);
}

/* How many rows of @sql (one text column: the answer) are at the position
 * of the person who answered i-th. */
static guint
matches (HelderStore *store, const char *sql, GPtrArray *expected)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint i = 0;
  guint hits = 0;

  if (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (helder_store_get_db (store)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (i < expected->len && g_strcmp0 (text, g_ptr_array_index (expected, i)) == 0)
        hits++;
      i++;
    }
  g_assert_cmpuint (i, ==, expected->len);
  return hits;
}

/* The orderings an adversary who knows the order of answering tries. */
static const char *const orderings[] = {
  "SELECT text FROM survey_answer WHERE question = 20",
  "SELECT text FROM survey_answer NOT INDEXED WHERE question = 20",
  "SELECT text FROM survey_answer INDEXED BY survey_answer_results"
  " WHERE round = 5 AND question = 20",
  "SELECT a.text FROM survey_response r JOIN survey_answer a ON a.response = r.id"
  " AND a.question = 20",
  "SELECT a.text FROM survey_response r INDEXED BY survey_response_round"
  " JOIN survey_answer a ON a.response = r.id AND a.question = 20 WHERE r.round = 5",
  "SELECT text FROM survey_answer WHERE question = 20 ORDER BY response",
  "SELECT text FROM survey_answer WHERE question = 20 ORDER BY response DESC",
  "SELECT text FROM survey_answer WHERE question = 20 ORDER BY round, grp, status, choice",
  "SELECT text FROM survey_answer WHERE question = 20 ORDER BY hex (response)",
  "SELECT text FROM survey_answer WHERE question = 20 ORDER BY substr (response, 16)",
  "SELECT a.text FROM survey_response r JOIN survey_answer a ON a.response = r.id"
  " AND a.question = 20 ORDER BY r.id",
  "SELECT a.text FROM survey_response r JOIN survey_answer a ON a.response = r.id"
  " AND a.question = 20 ORDER BY r.id DESC",
  "SELECT a.text FROM survey_response r JOIN survey_answer a ON a.response = r.id"
  " AND a.question = 20 ORDER BY r.round, r.grp, r.status",
  /* the answers to the other question, joined by response, in its order */
  "SELECT a.text FROM survey_answer b JOIN survey_answer a ON a.response = b.response"
  " AND a.question = 20 WHERE b.question = 21",
  "SELECT a.text FROM survey_answer b JOIN survey_answer a ON a.response = b.response"
  " AND a.question = 20 WHERE b.question = 21 ORDER BY b.choice",
};

static char *
answer_text (gint64 person)
{
  return g_strdup_printf ("ik ben %" G_GINT64_FORMAT, person);
}

/* (b) 300 people answer in a known, shuffled order with answers that say
 * who they are; no ordering of the rows the database gives matches
 * position i to the i-th to answer more often than chance. (c) Who
 * answered is in person order. (d) Nothing else changed. */
static void
test_order (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = NULL;
  gint64 audit = 0;
  GStatBuf st;

  seed_big (f->store);
  for (gint64 i = 0; i < BIG_COUNT; i++)
    {
      gint64 person = BIG_FIRST + i;
      g_array_append_val (order, person);
    }
  for (guint i = order->len - 1; i > 0; i--)
    {
      guint j = g_test_rand_int_range (0, i + 1);
      gint64 t = g_array_index (order, gint64, i);
      g_array_index (order, gint64, i) = g_array_index (order, gint64, j);
      g_array_index (order, gint64, j) = t;
    }

  before = fingerprint_without_answers (f->store);
  audit = count (f->store, "SELECT count(*) FROM audit_entry");
  for (guint i = 0; i < order->len; i++)
    {
      gint64 person = g_array_index (order, gint64, i);
      g_autofree char *text = answer_text (person);
      g_autoptr (JsonObject) answers = json_object_new ();
      g_autoptr (GError) error = NULL;

      json_object_set_string_member (answers, "20", text);
      json_object_set_int_member (answers, "21", 1 + i % 5);
      g_assert_true (survey_answer_submit (f->store, ROUND_BIG, person, answers, &error));
      g_assert_no_error (error);
      g_ptr_array_add (expected, g_steal_pointer (&text));
    }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response WHERE round = 5"), ==,
                   BIG_COUNT);

  for (guint o = 0; o < G_N_ELEMENTS (orderings); o++)
    {
      guint hits = matches (f->store, orderings[o], expected);

      g_test_message ("%u of %u matched by: %s", hits, BIG_COUNT, orderings[o]);
      g_assert_cmpuint (hits, <=, MAX_MATCHES);
    }

  /* (c) survey_answered in person order, not answer order. */
  {
    g_autoptr (sqlite3_stmt) stmt = NULL;
    gint64 previous = 0;
    guint i = 0;
    guint hits = 0;

    g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store),
                                         "SELECT person FROM survey_answered WHERE round = 5", -1,
                                         &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 person = sqlite3_column_int64 (stmt, 0);

        g_assert_cmpint (person, >, previous);
        hits += person == g_array_index (order, gint64, i);
        previous = person;
        i++;
      }
    g_assert_cmpuint (i, ==, BIG_COUNT);
    g_assert_cmpuint (hits, <=, MAX_MATCHES);
  }

  /* (d) No other row anywhere: no audit entry, no delivery, nothing. */
  after = fingerprint_without_answers (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM audit_entry"), ==, audit);

  /* The write-ahead log holds the pages of each commit in commit order
   * until a checkpoint and is overwritten, not cleared, after one: told
   * here, not hidden. A TRUNCATE checkpoint empties it. */
  wal = g_strconcat (f->db, "-wal", NULL);
  if (g_stat (wal, &st) == 0)
    g_test_message ("WAL after %d answers: %lld bytes", BIG_COUNT, (long long) st.st_size);
  exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
}

/* ---- kill -9 while answering ------------------------------------------ */

#define KILLS 12

/* The child: answers for everyone of the big group who has not yet, with
 * its own connection, until killed. */
static G_GNUC_NORETURN void
answer_until_killed (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (db, &error);

  if (store == NULL)
    _exit (3);
  for (gint64 i = 0;; i = (i + 1) % BIG_COUNT)
    {
      g_autoptr (JsonObject) answers = json_object_new ();
      g_autoptr (GError) refused = NULL;
      g_autofree char *text = answer_text (BIG_FIRST + i);

      json_object_set_string_member (answers, "20", text);
      json_object_set_int_member (answers, "21", 3);
      if (!survey_answer_submit (store, ROUND_BIG, BIG_FIRST + i, answers, &refused) &&
          refused->code != HELDER_ERROR_CONFLICT)
        _exit (4);
    }
}

static void
test_kill (Fixture *f, gconstpointer data)
{
  gint64 answered;
  guint interrupted = 0;
  guint k;

  seed_big (f->store);
  for (k = 0; k < KILLS; k++)
    {
      gint64 so_far;

      gint64 before = count (f->store, "SELECT count(*) FROM survey_answered WHERE round = 5");
      pid_t pid;
      int status = 0;

      /* Everyone has answered: a child would add nothing to wait for. */
      if (before == BIG_COUNT)
        break;
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        answer_until_killed (f->db);
      /* The kill lands while it answers: after its next answer is in,
       * however slow the machine is to start it. */
      for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
           count (f->store, "SELECT count(*) FROM survey_answered WHERE round = 5") <= before &&
           g_get_monotonic_time () < deadline;)
        g_usleep (500);
      g_usleep (g_test_rand_int_range (0, 15000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      so_far = count (f->store, "SELECT count(*) FROM survey_answered WHERE round = 5");
      g_test_message ("kill %u: %" G_GINT64_FORMAT " answered", k, so_far);
      interrupted += so_far < BIG_COUNT;
    }
  /* The kills came while the child was still answering. */
  g_assert_cmpuint (interrupted, >, 0);

  answered = count (f->store, "SELECT count(*) FROM survey_answered WHERE round = 5");
  g_test_message ("%" G_GINT64_FORMAT " answered across %u kills", answered, k);
  g_assert_cmpint (answered, >, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response WHERE round = 5"), ==,
                   answered);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_answer WHERE round = 5"), ==,
                   2 * answered);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM survey_response r WHERE EXISTS"
                                    " (SELECT 1 FROM survey_question q WHERE q.survey = 3"
                                    "  AND q.required = 1 AND NOT EXISTS (SELECT 1 FROM"
                                    "  survey_answer a WHERE a.response = r.id"
                                    "  AND a.question = q.id))"),
                   ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pragma_integrity_check"
                                    " WHERE integrity_check = 'ok'"),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  /* The rounds of these tests have fixed dates around HELDER_TEST_NOW, and
   * what they prove does not depend on the hour: the clock matrix's other
   * times (HELDER_NOW) do not apply to them. */
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HELDER_LOCALEDIR") != NULL
                                     ? g_getenv ("HELDER_LOCALEDIR")
                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define ADD(name, fn) g_test_add (name, Fixture, NULL, setup, fn, teardown)
  ADD ("/survey-answer/anonymity/schema", test_schema);
  ADD ("/survey-answer/anonymity/order", test_order);
  ADD ("/survey-answer/anonymity/classes", test_classes);
  ADD ("/survey-answer/kinds", test_kinds);
  ADD ("/survey-answer/refusals", test_refusals);
  ADD ("/survey-answer/refused-text", test_refused_text);
  ADD ("/survey-answer/refused-by-clock", test_refused_by_clock);
  ADD ("/survey-answer/race", test_race);
  ADD ("/survey-answer/form", test_form);
  ADD ("/survey-answer/open-for-person", test_open_for_person);
  ADD ("/survey-answer/digest", test_digest);
  ADD ("/survey-answer/kill", test_kill);
  return g_test_run ();
}
