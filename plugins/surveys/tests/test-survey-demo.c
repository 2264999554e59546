/* test-survey-demo.c — the demo programme's surveys and core's demo steps
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder init --demo` with the plugins of the build tree: the pulse with
 * two closed rounds and an open one, its governance, answers that improve
 * from round 1 to 2, results that suppress small groups and show no number
 * of fewer than five answers, the comments; the readiness survey in draft;
 * the gate criterion on trust, computed; moment #27 naming the pulse. A
 * demo step that fails leaves nothing of the demo, and a plugin's steps
 * go when it unloads.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"

#define PULSE "pulse"

typedef struct
{
  char *db;
  HelderStore *store;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-survey-demo-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  if (helder_test_run (f->db, NULL, &out, &err, "init", "--demo", NULL) != 0)
    g_error ("helder init --demo: %s", err);
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
text (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static JsonObject *
results (Fixture *f, const char *round)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  if (helder_test_run (f->db, NULL, &out, &err, "survey", "results", PULSE, "--round", round,
                       "--json", NULL) != 0)
    g_error ("helder survey results: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The pulse, its governance and rounds, the readiness draft. */
static void
test_surveys (Fixture *f, gconstpointer data)
{
  g_autofree char *title = text (f, "SELECT title FROM survey WHERE slug = '" PULSE "'");
  g_autofree char *council = NULL;

  g_assert_cmpstr (title, ==, "Pulse: hoe gaat het met de transitie?");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey WHERE slug = '" PULSE "'"
                              " AND status = 'open' AND legal_basis = 'public_task'"
                              " AND works_council = 'agreed' AND retention_months = 12"
                              " AND purpose <> '' AND repeat_days = 28 AND phase = 'readiness'"),
                   ==, 1);
  /* every group is invited */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_group g JOIN survey s ON s.id ="
                              " g.survey WHERE s.slug = '" PULSE "'"),
                   ==, scalar (f, "SELECT count(*) FROM stakeholder_group"));
  council = text (f, "SELECT works_council_on < (SELECT min (opens_at) FROM survey_round)"
                     " FROM survey WHERE slug = '" PULSE "'");
  g_assert_cmpstr (council, ==, "1");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_round r JOIN survey s ON s.id ="
                              " r.survey WHERE s.slug = '" PULSE "' AND r.status = 'closed'"),
                   ==, 2);
  g_assert_cmpint (scalar (f, "SELECT number FROM survey_round r JOIN survey s ON s.id ="
                              " r.survey WHERE s.slug = '" PULSE "' AND r.status = 'open'"),
                   ==, 3);
  /* the open round has some answers, fewer than the closed ones */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_response WHERE round ="
                              " (SELECT id FROM survey_round WHERE number = 3)"),
                   >, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_response WHERE round ="
                              " (SELECT id FROM survey_round WHERE number = 3)"),
                   <,
                   scalar (f, "SELECT count(*) FROM survey_response WHERE round ="
                              " (SELECT id FROM survey_round WHERE number = 2)"));
  /* the readiness survey: a draft for key users and functional managers */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey s JOIN survey_group g ON g.survey ="
                              " s.id WHERE s.kind = 'readiness' AND s.status = 'draft'"
                              " AND g.grp IN ('key-users', 'functioneel-applicatiebeheer')"),
                   ==, 2);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_round r JOIN survey s ON s.id ="
                              " r.survey WHERE s.kind = 'readiness'"),
                   ==, 0);
}

/* Every shown cell rests on at least five answers; some are suppressed. */
static void
check_cells (JsonNode *node, guint *suppressed, guint *shown)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_cells (json_array_get_element (array, i), suppressed, shown);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  {
    JsonObject *object = json_node_get_object (node);
    g_autoptr (GList) members = json_object_get_members (object);

    if (json_object_get_boolean_member_with_default (object, "suppressed", FALSE))
      {
        (*suppressed)++;
        g_assert_false (json_object_has_member (object, "n"));
        g_assert_false (json_object_has_member (object, "responses"));
        g_assert_false (json_object_has_member (object, "average"));
        g_assert_false (json_object_has_member (object, "distribution"));
      }
    if (json_object_has_member (object, "n"))
      {
        (*shown)++;
        g_assert_cmpint (json_object_get_int_member (object, "n"), >=, 5);
      }
    if (json_object_has_member (object, "responses"))
      g_assert_cmpint (json_object_get_int_member (object, "responses"), >=, 5);
    for (GList *l = members; l != NULL; l = l->next)
      check_cells (json_object_get_member (object, l->data), suppressed, shown);
  }
}

static JsonObject *
question (JsonObject *results, gint64 position)
{
  JsonArray *questions = json_object_get_array_member (results, "questions");

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);

      if (json_object_get_int_member (q, "position") == position)
        return q;
    }
  g_assert_not_reached ();
}

static double
average (JsonObject *results, gint64 position)
{
  JsonObject *cells = json_object_get_object_member (question (results, position), "cells");

  return json_object_get_double_member (json_object_get_object_member (cells, "all"), "average");
}

static void
test_results (Fixture *f, gconstpointer data)
{
  const char *const rounds[] = { "1", "2", "3" };
  g_autoptr (JsonObject) first = results (f, "1");
  g_autoptr (JsonObject) second = results (f, "2");
  JsonNode *comments;

  for (guint r = 0; r < G_N_ELEMENTS (rounds); r++)
    {
      g_autoptr (JsonObject) doc = results (f, rounds[r]);
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), doc);
      guint suppressed = 0, shown = 0;

      check_cells (node, &suppressed, &shown);
      g_test_message ("round %s: %u cells shown, %u suppressed", rounds[r], shown, suppressed);
      g_assert_cmpuint (suppressed, >, 0);
      g_assert_cmpuint (shown, >, 0);
    }
  /* better in round 2: every principle and trust */
  for (gint64 position = 1; position <= 5; position++)
    g_assert_cmpfloat (average (second, position), >, average (first, position));
  /* a dozen comments in round 2, in Dutch */
  comments = json_object_get_member (question (second, 6), "comments");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (comments));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (comments)), ==, 12);
}

/* The gate criterion on trust, computed from the last closed round. */
static void
test_criterion (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *state = NULL;
  g_autofree char *value = NULL;
  g_autofree char *source = NULL;

  g_assert_cmpint (
    helder_test_run (f->db, NULL, &out, &err, "gate", "show", "technische-infrastructuur", NULL),
    ==, 0);
  g_assert_nonnull (strstr (out, "Vertrouwen in de transitie ≥ 6,0 in de laatste pulse"));
  state = text (f, "SELECT measure_state FROM gate_criterion WHERE measure = 'survey'");
  value = text (f, "SELECT measure_value FROM gate_criterion WHERE measure = 'survey'");
  source = text (f, "SELECT measure_source FROM gate_criterion WHERE measure = 'survey'");
  g_assert_true (g_str_equal (state, "met") || g_str_equal (state, "failed"));
  g_assert_true (g_str_has_suffix (value, "(norm ≥ 6)"));
  g_assert_nonnull (strstr (source, "Pulse: hoe gaat het met de transitie?, round 2 (closed "));
}

static void
test_moment (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE instr (body, 'De vragenlijst is"
                              " anoniem') > 0 AND instr (body, 'Pulse: hoe gaat het met de"
                              " transitie?') > 0"),
                   ==, 1);
}

/* Round 1 of the pulse closed the loop: its follow-up is an approved
 * moment to the pulse's audience, after the round closed and before round
 * 2 opened, that says what people told us and what the programme does,
 * with the day people may hold it to; the other rounds have none yet. */
/* The pulse's messages of the past went out before the demo was loaded:
 * sent, with their outbox history, none held as overdue. */
/* The demo's closed rounds keep their results as made (here by a process
 * in English); read in Dutch, every word of them is Dutch, also the name
 * of the cell of answers without a group. */
static void
test_kept_results_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *const english[] = { "survey", "results", PULSE, "--round", "2", "--json", NULL };

  g_assert_cmpint (helder_test_runv (f->db, NULL, english, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "unknown or other"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("LANGUAGE", "nl", TRUE);
  g_assert_cmpint (helder_test_runv (f->db, NULL, english, &out, &err), ==, 0);
  g_setenv ("LANGUAGE", "", TRUE);
  g_assert_nonnull (strstr (out, "onbekend of overig"));
  g_assert_null (strstr (out, "unknown or other"));
  g_assert_null (strstr (out, "fewer than"));
}

static void
test_past_messages (Fixture *f, gconstpointer data)
{
  /* Rounds 1 and 2 closed before today: all their messages went out. */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment m JOIN survey_round r"
                              " ON m.id IN (r.invitation, r.reminder, r.followup)"
                              " WHERE r.number <= 2 AND m.status <> 'sent'"),
                   ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment m JOIN survey_round r"
                              " ON m.id IN (r.invitation, r.reminder, r.followup)"
                              " WHERE m.status = 'sent' AND NOT EXISTS (SELECT 1 FROM delivery d"
                              " WHERE d.source = 'moment:' || m.id)"),
                   ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment m JOIN survey_round r"
                              " ON m.id = r.invitation WHERE m.status = 'sent'"),
                   >=, 2);
}

static void
test_followup (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM survey_round r JOIN survey s ON s.id = r.survey"
               " JOIN moment m ON m.id = r.followup WHERE s.slug = '" PULSE "' AND r.number = 1"
               " AND m.status = 'sent' AND m.scheduled_at > r.closes_at"
               " AND m.scheduled_at < (SELECT opens_at FROM survey_round WHERE survey = s.id"
               " AND number = 2)"
               " AND instr (m.body, 'besluit over je plaatsing') > 0"
               " AND instr (m.body, 'Uiterlijk **') > 0 AND m.body_en IS NOT NULL"
               " AND (SELECT count(*) FROM moment_group WHERE moment = m.id) ="
               " (SELECT count(*) FROM survey_group WHERE survey = s.id)"),
    ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_round WHERE followup IS NOT NULL"), ==,
                   1);
}

/* A step that fails takes the whole demo with it; a second try works. */
static void
test_all_or_nothing (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-survey-demo-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "helder.db", NULL);
  const char *const env[] = { "TESTADDIN_DEMO_FAIL=1", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr (HelderStore) store = NULL;

  g_assert_cmpint (helder_test_run (db, env, &out, &err, "init", "--demo", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "demo step “testaddin”: the test addin refuses the demo"));
  store = helder_store_open (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr (HelderStmt) stmt = helder_store_prepare (
      store,
      "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM programme)"
      " + (SELECT count(*) FROM survey) + (SELECT count(*) FROM testaddin_note)",
      &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  }
  g_clear_object (&store);
  g_assert_cmpint (helder_test_run (db, NULL, &out2, &err2, "init", "--demo", NULL), ==, 0);
  helder_test_remove_db (db);
}

static gboolean
has_step (HelderContext *context, const char *name)
{
  g_autoptr (GPtrArray) steps = helder_context_list_demo_steps (context);

  for (guint i = 0; i < steps->len; i++)
    if (g_str_equal (((const HelderDemoStep *) g_ptr_array_index (steps, i))->name, name))
      return TRUE;
  return FALSE;
}

/* Registered by the loaded plugins, gone when one unloads. */
static void
test_steps_unload (void)
{
  g_autoptr (HelderContext) context = helder_context_new (":memory:");

  g_assert_false (has_step (context, "surveys"));
  helder_engine_load_all (helder_context_get_engine (context));
  g_assert_true (has_step (context, "surveys"));
  g_assert_true (has_step (context, "testaddin"));
  helder_context_remove_owned (context, "surveys");
  g_assert_false (has_step (context, "surveys"));
  g_assert_true (has_step (context, "testaddin"));
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/survey-demo/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("surveys", test_surveys);
  ADD ("results", test_results);
  ADD ("criterion", test_criterion);
  ADD ("moment", test_moment);
  ADD ("followup", test_followup);
  ADD ("past-messages", test_past_messages);
  ADD ("kept-results-dutch", test_kept_results_dutch);
#undef ADD
  g_test_add_func ("/survey-demo/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/survey-demo/steps-unload", test_steps_unload);
  return g_test_run ();
}
