/* test-survey-define.c — defining surveys and their lifecycle, through `helder`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real plugin, loaded by the real binary, on the demo programme in a
 * real SQLite file, with the clock pinned: the templates, the governance
 * record, opening into rounds and closing, the populations recomputed by
 * brute force, frozen questions, the export and import, a person's export
 * and erasure, and every wrong option refused with nothing changed.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "helder-test-utils.h"

#define NOW        "HELDER_NOW=2026-12-04T10:00:00+01:00"
#define LATER      "HELDER_NOW=2026-12-10T10:00:00+01:00"
#define MUCH_LATER "HELDER_NOW=2027-01-10T10:00:00+01:00"
#define GOVERNANCE                                                                   \
  "--purpose", "Weten hoe het met medewerkers gaat", "--legal-basis", "public_task", \
    "--works-council", "agreed", "--works-council-on", "2026-11-20", "--retention-months", "12"

typedef struct
{
  char *db;
  HelderStore *store;
} Fixture;

static int
run_at (Fixture *f, const char *now, char **out, char **err, const char *const *args)
{
  const char *env[] = { now, NULL };

  return helder_test_runv (f->db, env, args, out, err);
}

static void
ok_at (Fixture *f, const char *now, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_at (f, now, &out, &err, args);

  if (status != 0)
    g_error ("helder %s %s: %s", args[0], args[1] ? args[1] : "", err);
}
#define OK(...) ok_at (f, NOW, (const char *const[]){ __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-survey-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  OK ("init", "--demo");
  OK ("survey", "list");
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
  /* Without the demo's own surveys (survey-demo.c): these tests count
   * every survey, question, round and audit entry of one. */
  g_assert_true (helder_store_exec (
    f->store, "DELETE FROM survey; DELETE FROM audit_entry WHERE entity = 'survey'", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec (Fixture *f, const char *sql)
{
  g_assert_cmpint (sqlite3_exec (helder_store_get_db (f->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static JsonObject *
show (Fixture *f, const char *now, const char *survey)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *const args[] = { "survey", "show", survey, "--json", NULL };

  g_assert_cmpint (run_at (f, now, &out, &err, args), ==, 0);
  return helder_test_object (out);
}

/* Refused with a message holding @needle, and nothing changed. */
static void
refused_at (Fixture *f, const char *now, const char *needle, const char *const *args)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_at (f, now, &out, &err, args);

  if (status == 0 || strstr (err, needle) == NULL)
    g_error ("helder %s %s %s: status %d, wanted “%s” in: %s", args[0], args[1],
             args[2] ? args[2] : "", status, needle, err);
  g_assert_null (strstr (err, "CRITICAL"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}
#define REFUSED(needle, ...) refused_at (f, NOW, needle, (const char *const[]){ __VA_ARGS__, NULL })

static void
test_templates (Fixture *f, gconstpointer data)
{
  const char *names[] = { "pulse", "readiness", "experience", "evaluation" };
  const guint questions[] = { 6, 5, 5, 6 };
  g_autofree char *out = NULL;
  const char *const list[] = { "survey", "template", "list", "--json", NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run_at (f, NOW, &out, NULL, list), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==,
                    4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *slug = g_strdup_printf ("t-%s", names[i]);
      g_autoptr (JsonObject) survey = NULL;

      OK ("survey", "new", "--template", names[i], "--slug", slug, "--groups", "servicedesk",
          "--opens", "2026-12-07", "--closes", "2026-12-18", GOVERNANCE);
      survey = show (f, NOW, slug);
      g_assert_cmpstr (json_object_get_string_member (survey, "kind"), ==, names[i]);
      g_assert_cmpstr (json_object_get_string_member (survey, "status"), ==, "draft");
      g_assert_true (json_object_get_null_member (survey, "missing"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (survey, "questions")),
                        ==, questions[i]);
      OK ("survey", "open", slug);
    }
  /* The pulse's four principles, in Dutch and English. */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_question q JOIN survey s ON s.id ="
                              " q.survey WHERE s.slug = 't-pulse' AND q.kind = 'agree5' AND"
                              " q.text_en = 'I feel heard.' AND q.text = 'Ik voel me gehoord.'"),
                   ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_question WHERE kind IN ('single')"
                              " AND options = 'Ja, ik ben klaar\nBijna\nNee, nog niet'"),
                   ==, 1);
}

static void
test_governance (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  const char *const open[] = { "survey", "open", "pulspeiling", NULL };
  const char *missing[] = { "purpose",   "legal basis", "works council",
                            "retention", "opens",       "closes" };

  OK ("survey", "new", "--template", "pulse");
  g_assert_cmpint (run_at (f, NOW, NULL, &err, open), !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_nonnull (strstr (err, missing[i]));
  REFUSED ("purpose", "survey", "open", "pulspeiling");
  REFUSED ("consent does not hold between employer and employee", "survey", "update", "pulspeiling",
           "--legal-basis", "consent");
  REFUSED ("public_task, legitimate_interest or legal_obligation", "survey", "update",
           "pulspeiling", "--legal-basis", "Toestemming");
  REFUSED ("consent", "survey", "new", "--title", "X", "--legal-basis", "consent");
  /* Agreed without its date; a date in the future. */
  REFUSED ("works_council_on", "survey", "update", "pulspeiling", "--works-council", "agreed");
  REFUSED ("works_council_on", "survey", "update", "pulspeiling", "--works-council", "agreed",
           "--works-council-on", "2027-01-01");
  /* Dutch values are understood. */
  OK ("survey", "update", "pulspeiling", "--legal-basis", "publieke taak", "--works-council",
      "niet nodig", "--purpose", "Peilen", "--retention-months", "6", "--opens", "2026-12-07",
      "--closes", "2026-12-18 17:00");
  OK ("survey", "open", "pulspeiling");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'survey' AND"
                              " action IN ('create', 'update', 'open')"),
                   ==, 3);
}

/* Who a survey invites, person by person, without the plugin's SQL. */
static gboolean
invited (Fixture *f, gint64 survey, gint64 person)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT count(*) FROM survey_person WHERE survey = %1$" G_GINT64_FORMAT
    " AND person = %2$" G_GINT64_FORMAT ")"
    " + (SELECT count(*) FROM person_group pg, survey_group sg WHERE sg.survey = %1$" G_GINT64_FORMAT
    " AND pg.grp = sg.grp AND pg.person = %2$" G_GINT64_FORMAT ")"
    " + (SELECT count(*) FROM person p, survey_role sr WHERE sr.survey = %1$" G_GINT64_FORMAT
    " AND p.role = sr.role AND p.id = %2$" G_GINT64_FORMAT ")"
    " + (SELECT count(*) FROM role_change rc, survey_role sr WHERE sr.survey = %1$" G_GINT64_FORMAT
    " AND rc.to_role = sr.role AND rc.person = %2$" G_GINT64_FORMAT
    " AND rc.status IN ('discussed', 'accepted', 'objection'))"
    " + (SELECT count(*) FROM role_change rc, survey_status ss WHERE ss.survey = %1$" G_GINT64_FORMAT
    " AND rc.status = ss.status AND rc.person = %2$" G_GINT64_FORMAT ")",
    survey, person);

  return scalar (f, sql) > 0;
}

static void
check_population (Fixture *f, gint64 survey)
{
  gint64 n_people = scalar (f, "SELECT max(id) FROM person");
  gint64 round = scalar (f, "SELECT min(id) FROM survey_round WHERE survey = (SELECT max(id) FROM"
                            " survey)");
  gint64 total = 0;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  for (gint64 p = 1; p <= n_people; p++)
    {
      g_autofree char *gsql = NULL;
      g_autofree char *ssql = NULL;
      sqlite3_stmt *stmt = NULL;

      if (!invited (f, survey, p))
        continue;
      total++;
      /* The first of their groups among the survey's, by slug. */
      gsql = g_strdup_printf (
        "SELECT grp FROM person_group WHERE person = %" G_GINT64_FORMAT
        " AND (grp IN (SELECT grp FROM survey_group WHERE survey = %" G_GINT64_FORMAT
        ") OR NOT EXISTS (SELECT 1 FROM survey_group"
        " WHERE survey = %" G_GINT64_FORMAT ")) ORDER BY grp",
        p, survey, survey);
      sqlite3_prepare_v2 (helder_store_get_db (f->store), gsql, -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *g = (const char *) sqlite3_column_text (stmt, 0);
          g_hash_table_insert (
            groups, g_strdup (g),
            GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (groups, g)) + 1));
        }
      sqlite3_finalize (stmt);
      ssql = g_strdup_printf ("SELECT status FROM role_change WHERE person = %" G_GINT64_FORMAT, p);
      sqlite3_prepare_v2 (helder_store_get_db (f->store), ssql, -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *s = (const char *) sqlite3_column_text (stmt, 0);
          g_hash_table_insert (
            statuses, g_strdup (s),
            GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (statuses, s)) + 1));
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpint (total, >, 0);
  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT invited FROM survey_population WHERE round = %" G_GINT64_FORMAT
                       " AND dimension = 'all'",
                       round);
    g_assert_cmpint (scalar (f, sql), ==, total);
  }
  for (int pass = 0; pass < 2; pass++)
    {
      GHashTable *table = pass == 0 ? groups : statuses;
      g_autofree char *count =
        g_strdup_printf ("SELECT count(*) FROM survey_population WHERE round = %" G_GINT64_FORMAT
                         " AND dimension = '%s'",
                         round, pass == 0 ? "group" : "status");

      g_assert_cmpint (scalar (f, count), ==, g_hash_table_size (table));
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT invited FROM survey_population WHERE round = %" G_GINT64_FORMAT
                             " AND dimension = '%s' AND value = '%s'",
                             round, pass == 0 ? "group" : "status", (const char *) key);
          g_assert_cmpint (scalar (f, sql), ==, GPOINTER_TO_INT (value));
        }
    }
}

static void
test_population (Fixture *f, gconstpointer data)
{
  /* Groups and a role, statuses, a person; then no groups at all (the
   * breakdown among all of a person's groups). */
  OK ("survey", "new", "--template", "pulse", "--slug", "a", "--groups", "servicedesk,key-users",
      "--statuses", "objection,discussed", "--persons", "1", "--opens", "2026-12-07", "--closes",
      "2026-12-18", GOVERNANCE);
  OK ("survey", "open", "a");
  check_population (f, scalar (f, "SELECT id FROM survey WHERE slug = 'a'"));
  OK ("survey", "new", "--template", "pulse", "--slug", "b", "--statuses", "draft,decided,accepted",
      "--persons", "2,3", "--opens", "2026-12-07", "--closes", "2026-12-18", GOVERNANCE);
  OK ("survey", "open", "b");
  check_population (f, scalar (f, "SELECT id FROM survey WHERE slug = 'b'"));
}

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) planned = NULL;
  g_autoptr (JsonObject) running = NULL;
  g_autoptr (JsonObject) closed = NULL;
  JsonArray *rounds;

  OK ("survey", "new", "--template", "pulse", "--slug", "p", "--groups", "servicedesk", "--opens",
      "2026-12-07 09:00", "--closes", "2026-12-18 17:00", "--every", "28", "--until", "2027-03-31",
      GOVERNANCE);
  OK ("survey", "open", "p");
  planned = show (f, NOW, "p");
  rounds = json_object_get_array_member (planned, "rounds");
  /* 7 Dec, 4 Jan, 1 Feb, 1 Mar, 29 Mar: every 28 days until 31 March. */
  g_assert_cmpuint (json_array_get_length (rounds), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (rounds, i), "status"), ==,
      "planned");
  /* Each round as long as the first, at 09:00 in the programme's zone. */
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (rounds, 0), "opens_at"), ==,
    "2026-12-07T08:00:00Z");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (rounds, 4), "closes_at"), ==,
    "2027-04-09T15:00:00Z");
  /* Questions may change until answering could start. */
  OK ("survey-question", "add", "--survey", "1", "--position", "7", "--kind", "short", "--text",
      "Wat is je afdeling?");
  running = show (f, LATER, "p");
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (running, "rounds"), 0),
      "status"),
    ==, "open");
  refused_at (f, LATER, "no longer change",
              (const char *const[]){ "survey-question", "add", "--survey", "1", "--position", "8",
                                     "--kind", "short", "--text", "Nog iets?", NULL });
  refused_at (f, LATER, "no longer change",
              (const char *const[]){ "survey-question", "delete", "7", NULL });
  refused_at (f, LATER, "only its governance",
              (const char *const[]){ "survey", "update", "p", "--title", "Anders", NULL });
  refused_at (f, LATER, "not changed by hand",
              (const char *const[]){ "survey-round", "update", "1", "--number", "9", NULL });
  refused_at (f, LATER, "only a draft opens", (const char *const[]){ "survey", "open", "p", NULL });
  ok_at (f, LATER,
         (const char *const[]){ "survey", "update", "p", "--retention-months", "24", NULL });
  /* Closing in round 2: it ends now, 3 to 5 are cancelled. */
  ok_at (f, MUCH_LATER, (const char *const[]){ "survey", "close", "p", NULL });
  closed = show (f, MUCH_LATER, "p");
  rounds = json_object_get_array_member (closed, "rounds");
  g_assert_cmpstr (json_object_get_string_member (closed, "status"), ==, "closed");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (rounds, 0), "status"), ==,
    "closed");
  g_assert_true (g_str_has_prefix (
    json_object_get_string_member (json_array_get_object_element (rounds, 1), "closes_at"),
    "2027-01-10T09:0"));
  for (guint i = 2; i < 5; i++)
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (rounds, i), "status"), ==,
      "cancelled");
  refused_at (f, MUCH_LATER, "only an open survey closes",
              (const char *const[]){ "survey", "close", "p", NULL });
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'survey' AND"
                              " action = 'close' AND actor_role = 'cli'"),
                   ==, 1);
}

static char *
export_all (Fixture *f, const char *db)
{
  char *out = NULL;
  const char *env[] = { NOW, NULL };
  const char *const args[] = { "export", NULL };

  g_assert_cmpint (helder_test_runv (db, env, args, &out, NULL), ==, 0);
  return out;
}

static void
test_export_import (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-survey-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "copy.db", NULL);
  const char *env[] = { NOW, NULL };

  OK ("survey", "new", "--template", "readiness", "--slug", "r", "--groups", "key-users", "--opens",
      "2026-12-07", "--closes", "2026-12-18", "--every", "7", "--until", "2026-12-31", GOVERNANCE);
  OK ("survey", "open", "r");
  OK ("survey", "new", "--template", "evaluation", "--roles", "servicedeskmedewerker");
  first = export_all (f, f->db);
  g_assert_nonnull (strstr (first, "\"survey_rounds\""));
  file = helder_test_write_temp ("export.json", first, -1);
  g_assert_cmpint (
    helder_test_runv (other, env, (const char *const[]){ "import", file, NULL }, NULL, NULL), ==,
    0);
  second = export_all (f, other);
  g_assert_cmpstr (first, ==, second);
  helder_test_remove_db (other);
}

static void
test_person_data (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  gint64 round;

  OK ("survey", "new", "--template", "pulse", "--slug", "p", "--persons", "5,6", "--opens",
      "2026-12-07", "--closes", "2026-12-18", GOVERNANCE);
  OK ("survey", "open", "p");
  round = scalar (f, "SELECT id FROM survey_round");
  /* What the answering part writes: who answered, and an answer of nobody. */
  exec (f, "INSERT INTO survey_answered (round, person) SELECT id, 5 FROM survey_round");
  exec (f, "INSERT INTO survey_response (id, round) SELECT randomblob (16), id FROM survey_round");
  g_assert_cmpint (
    run_at (f, NOW, &out, NULL, (const char *const[]){ "person", "export", "5", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "\"survey_answered\""));
  g_assert_nonnull (strstr (out, "\"survey\" : \"p\""));
  OK ("person", "erase", "5");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_answered"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_person WHERE person = 5"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_person WHERE person = 6"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_response"), ==, 1);
  g_assert_cmpint (round, >, 0);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  OK ("survey", "new", "--title", "Bestaand", "--slug", "taken");
  REFUSED ("--title", "survey", "new");
  REFUSED ("title", "survey", "new", "--title", "   ");
  REFUSED ("--template", "survey", "new", "--template", "nope");
  REFUSED ("slug", "survey", "new", "--title", "X", "--slug", "Niet Goed");
  REFUSED ("taken", "survey", "new", "--title", "X", "--slug", "taken");
  REFUSED ("language", "survey", "new", "--title", "X", "--language", "de");
  REFUSED ("--groups", "survey", "new", "--title", "X", "--groups", "bestaat-niet");
  REFUSED ("--roles", "survey", "new", "--title", "X", "--roles", "bestaat-niet");
  REFUSED ("--persons", "survey", "new", "--title", "X", "--persons", "Niemand Bestaat");
  REFUSED ("statuses", "survey", "new", "--title", "X", "--statuses", "ontslagen");
  REFUSED ("--phase", "survey", "new", "--title", "X", "--phase", "bestaat-niet");
  REFUSED ("--opens", "survey", "new", "--title", "X", "--opens", "morgen");
  REFUSED ("--opens", "survey", "new", "--title", "X", "--opens", "2026-02-30");
  REFUSED ("--closes", "survey", "new", "--title", "X", "--closes", "2026-13-01");
  REFUSED ("closes_at", "survey", "new", "--title", "X", "--opens", "2026-12-18", "--closes",
           "2026-12-07");
  REFUSED ("--every", "survey", "new", "--title", "X", "--every", "3");
  REFUSED ("--every", "survey", "new", "--title", "X", "--every", "vaak");
  REFUSED ("--until", "survey", "new", "--title", "X", "--until", "nooit");
  REFUSED ("--threshold", "survey", "new", "--title", "X", "--threshold", "3");
  REFUSED ("--threshold", "survey", "new", "--title", "X", "--threshold", "vijf");
  REFUSED ("legal basis", "survey", "new", "--title", "X", "--legal-basis", "omdat het moet");
  REFUSED ("works council", "survey", "new", "--title", "X", "--works-council", "misschien");
  REFUSED ("--works-council-on", "survey", "new", "--title", "X", "--works-council-on", "gisteren");
  REFUSED ("--retention-months", "survey", "new", "--title", "X", "--retention-months", "0");
  REFUSED ("--retention-months", "survey", "new", "--title", "X", "--retention-months", "121");
  REFUSED ("--remind-days", "survey", "new", "--title", "X", "--remind-days", "61");
  REFUSED ("unexpected argument", "survey", "new", "--title", "X", "extra");
  REFUSED ("bogus", "survey", "new", "--title", "X", "--bogus");
  REFUSED ("no verb", "survey", "frobnicate");
  REFUSED ("no survey", "survey", "show", "bestaat-niet");
  REFUSED ("which survey", "survey", "show");
  REFUSED ("no survey", "survey", "open", "bestaat-niet");
  REFUSED ("no survey", "survey", "close", "bestaat-niet");
  REFUSED ("no survey", "survey", "update", "bestaat-niet", "--title", "Y");
  REFUSED ("nothing to change", "survey", "update", "taken");
  REFUSED ("only an open survey closes", "survey", "close", "taken");
  REFUSED ("template list", "survey", "template");
  /* A window that already closed does not open. */
  OK ("survey", "update", "taken", "--opens", "2026-11-01", "--closes", "2026-11-30", "--purpose",
      "Doel", "--legal-basis", "public_task", "--works-council", "not_required",
      "--retention-months", "6");
  OK ("survey-question", "add", "--survey", "1", "--position", "1", "--kind", "long", "--text",
      "Vraag");
  REFUSED ("has passed", "survey", "open", "taken");
  REFUSED ("--every", "survey", "update", "taken", "--every", "400");
  /* Repeating without an end. */
  OK ("survey", "update", "taken", "--opens", "2026-12-07", "--closes", "2026-12-18", "--every",
      "14");
  REFUSED ("repeat_until", "survey", "open", "taken");
  /* Nobody said who does it. */
  {
    g_autofree char *before = helder_test_fingerprint (f->store);
    g_autofree char *after = NULL;
    g_autofree char *err = NULL;
    const char *env[] = { NOW, "HELDER_OPERATOR=", NULL };

    g_assert_cmpint (
      helder_test_runv (f->db, env, (const char *const[]){ "survey", "new", "--title", "X", NULL },
                        NULL, &err),
      !=, 0);
    g_assert_nonnull (strstr (err, "operator"));
    after = helder_test_fingerprint (f->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* `helder config set operator` names who works here for the plugin's
 * commands too. */
static void
test_stored_operator (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("helder-config-XXXXXX", &error);
  g_autofree char *config = g_strconcat ("XDG_CONFIG_HOME=", home, NULL);
  g_autofree char *file = g_build_filename (home, "helder", "operator.ini", NULL);
  g_autofree char *folder = g_build_filename (home, "helder", NULL);
  const char *env[] = { NOW, "HELDER_OPERATOR=", config, NULL };

  g_assert_cmpint (
    helder_test_runv (f->db, env, (const char *const[]){ "config", "set", "operator", "2", NULL },
                      NULL, NULL),
    ==, 0);
  g_assert_cmpint (
    helder_test_runv (
      f->db, env, (const char *const[]){ "survey", "new", "--title", "Door 2", NULL }, NULL, NULL),
    ==, 0);
  g_assert_cmpint (scalar (f, "SELECT actor FROM audit_entry WHERE entity = 'survey' AND"
                              " action = 'create'"),
                   ==, 2);
  g_remove (file);
  g_rmdir (folder);
  g_rmdir (home);
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *env[] = { NOW, "LANGUAGE=nl", NULL };

  OK ("survey", "new", "--template", "pulse");
  g_assert_cmpint (helder_test_runv (f->db, env,
                                     (const char *const[]){ "survey", "show", "pulspeiling", NULL },
                                     &out, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Vragen"));
  g_assert_nonnull (strstr (out, "Rondes"));
  g_assert_nonnull (strstr (out, "Voordat"));
  g_assert_nonnull (strstr (out, "Ik krijg eerlijke informatie."));
  g_assert_cmpint (helder_test_runv (f->db, env,
                                     (const char *const[]){ "survey", "update", "pulspeiling",
                                                            "--legal-basis", "toestemming", NULL },
                                     NULL, &err),
                   !=, 0);
  g_assert_nonnull (strstr (err, "toestemming"));
  g_assert_nonnull (strstr (err, "werkgever"));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/survey-define/templates", test_templates);
  ADD ("/survey-define/governance", test_governance);
  ADD ("/survey-define/population", test_population);
  ADD ("/survey-define/lifecycle", test_lifecycle);
  ADD ("/survey-define/export-import", test_export_import);
  ADD ("/survey-define/person-data", test_person_data);
  ADD ("/survey-define/bad-input", test_bad_input);
  ADD ("/survey-define/stored-operator", test_stored_operator);
  ADD ("/survey-define/dutch", test_dutch);
  return g_test_run ();
}
