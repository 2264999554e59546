/* test-survey-results.c — survey results with the anonymity rules applied
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated data, straight into the plugin's tables, over many seeds: every
 * number the results show is recomputed from the raw rows, and none derives
 * from fewer than k answers, also not by subtracting published cells from
 * a total. Then: an open round, comments, the XLA index by hand, retention
 * with a pinned clock, the CSV, and bad input on the commands.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "survey-results-fixture.h"
#include "survey-results.h"

#define CLOSED_OPENS  "2026-11-01T08:00:00Z"
#define CLOSED_CLOSES "2026-11-20T17:00:00Z"
#define OPEN_OPENS    "2026-12-01T08:00:00Z"
#define OPEN_CLOSES   "2026-12-20T17:00:00Z"

static gint64
standard_survey (SurveyFixture *f, const char *slug, guint k, int retention)
{
  gint64 survey = survey_fixture_survey (f, slug, k, retention);

  survey_fixture_question (f, survey, 1, "agree5", NULL);
  survey_fixture_question (f, survey, 2, "scale10", NULL);
  survey_fixture_question (f, survey, 3, "single", "Klaar\nBijna\nNiet klaar");
  survey_fixture_question (f, survey, 4, "multiple", "Mail\nIntranet\nTeamoverleg\nAnders");
  survey_fixture_question (f, survey, 5, "long", NULL);
  return survey;
}

static JsonObject *
results (SurveyFixture *f, gint64 survey, guint round)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object = survey_results (f->store, survey, round, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

/* ---- the brute force ------------------------------------------------- */

static GHashTable *
true_counts (SurveyFixture *f, const char *sql, gint64 round, gint64 question)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, question);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (table, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return table;
}

static gint64
count_of (GHashTable *table, const char *key)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (table, key));
}

static const char *
cell_key (JsonObject *cell, const char *member)
{
  JsonNode *node = json_object_get_member (cell, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? "" : json_node_get_string (node);
}

static gboolean
suppressed (JsonObject *cell)
{
  return json_object_get_boolean_member_with_default (cell, "suppressed", FALSE);
}

/* One dimension: published cells equal the raw counts and have ≥ k; the
 * suppressed ones together are 0 or ≥ k whenever the total is published;
 * total − Σ published = Σ suppressed; every raw cell is there. */
static void
check_dimension (JsonArray *cells,
                 const char *member,
                 const char *count_member,
                 GHashTable *truth,
                 gint64 total,
                 gboolean total_published,
                 guint k)
{
  gint64 published = 0, hidden = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      gint64 n = count_of (truth, cell_key (cell, member));

      if (suppressed (cell))
        {
          hidden += n;
          g_assert_false (json_object_has_member (cell, count_member));
          g_assert_false (json_object_has_member (cell, "distribution"));
          g_assert_false (json_object_has_member (cell, "average"));
          g_assert_false (json_object_has_member (cell, "rate"));
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (cell, count_member), ==, n);
          g_assert_cmpint (n, >=, k);
          published += n;
        }
    }
  g_hash_table_iter_init (&iter, truth);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (cells); i++)
        found |= g_str_equal (cell_key (json_array_get_object_element (cells, i), member), key);
      g_assert_true (found || GPOINTER_TO_INT (value) == 0);
    }
  g_assert_cmpint (total - published, ==, hidden);
  if (total_published)
    g_assert_true (hidden == 0 || hidden >= k);
  else
    g_assert_cmpint (published, ==, 0);
}

static void
check_values (SurveyFixture *f, JsonObject *cell, gint64 round, gint64 question, const char *kind)
{
  g_autoptr (GHashTable) values = true_counts (
    f,
    "SELECT choice, count(*) FROM survey_answer WHERE round = ?1 AND question = ?2 GROUP BY choice",
    round, question);
  JsonArray *distribution;
  gint64 sum = 0, answered = 0;

  if (suppressed (cell) || g_str_equal (kind, "long"))
    return;
  distribution = json_object_get_array_member (cell, "distribution");
  for (guint i = 0; i < json_array_get_length (distribution); i++)
    {
      JsonObject *item = json_array_get_object_element (distribution, i);
      gint64 v = json_object_get_int_member (item, "value");
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      gint64 count = json_object_get_int_member (item, "count");

      g_assert_cmpint (count, ==, count_of (values, key));
      sum += v * count;
      answered += count;
    }
  if (g_str_equal (kind, "agree5") || g_str_equal (kind, "scale10"))
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "average"),
                                    (double) sum / answered, 0.006);
}

/* Every count the document shows anywhere, whatever its place: ≥ k. */
static void
check_no_small_counts (JsonNode *node, guint k)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        check_no_small_counts (json_array_get_element (array, i), k);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *child = json_object_get_member (object, l->data);

          if ((g_str_equal (l->data, "n") || g_str_equal (l->data, "responses")))
            g_assert_cmpint (json_node_get_int (child), >=, k);
          check_no_small_counts (child, k);
        }
      g_list_free (members);
    }
}

static void
check_round_head (SurveyFixture *f, JsonObject *head, guint k)
{
  gint64 round = json_object_get_int_member (head, "id");
  const char *dims[] = { "grp", "status" };
  const char *arrays[] = { "groups", "statuses" };
  const char *members[] = { "slug", "status" };
  g_autoptr (GHashTable) all = true_counts (
    f, "SELECT 'all', count(*) FROM survey_response WHERE round = ?1 AND ?2 = ?2", round, 0);
  gint64 total = count_of (all, "all");

  g_assert_cmpint (suppressed (head), ==, total < k);
  for (guint d = 0; d < 2; d++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT coalesce(%s, ''), count(*) FROM survey_response"
                         " WHERE round = ?1 AND ?2 = ?2 GROUP BY 1",
                         dims[d]);
      g_autoptr (GHashTable) truth = true_counts (f, sql, round, 0);

      check_dimension (json_object_get_array_member (head, arrays[d]), members[d], "responses",
                       truth, total, !suppressed (head), k);
    }
}

static void
check_question (SurveyFixture *f, JsonObject *q, gint64 round, guint k)
{
  gint64 question = json_object_get_int_member (q, "id");
  const char *kind = json_object_get_string_member (q, "kind");
  JsonObject *cells = json_object_get_object_member (q, "cells");
  JsonObject *all = json_object_get_object_member (cells, "all");
  g_autoptr (GHashTable) totals = true_counts (
    f,
    "SELECT 'all', count(DISTINCT response) FROM survey_answer WHERE round = ?1 AND question = ?2",
    round, question);
  gint64 total = count_of (totals, "all");
  const char *columns[] = { "grp", "status" };
  const char *dims[] = { "group", "status" };
  const char *members[] = { "slug", "status" };

  g_assert_cmpint (suppressed (all), ==, total < k);
  if (!suppressed (all))
    g_assert_cmpint (json_object_get_int_member (all, "n"), ==, total);
  check_values (f, all, round, question, kind);
  for (guint d = 0; d < 2; d++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT coalesce(%s, ''), count(DISTINCT response) FROM survey_answer"
                         " WHERE round = ?1 AND question = ?2 GROUP BY 1",
                         columns[d]);
      g_autoptr (GHashTable) truth = true_counts (f, sql, round, question);

      check_dimension (json_object_get_array_member (cells, dims[d]), members[d], "n", truth, total,
                       !suppressed (all), k);
    }
  if (g_str_equal (kind, "long"))
    {
      JsonNode *comments = json_object_get_member (q, "comments");

      g_assert_nonnull (comments);
      g_assert_cmpint (JSON_NODE_HOLDS_ARRAY (comments), ==, total >= MAX (k, 10));
      if (JSON_NODE_HOLDS_ARRAY (comments))
        g_assert_cmpint (json_array_get_length (json_node_get_array (comments)), ==, total);
    }
}

static void
check_document (SurveyFixture *f, JsonObject *doc)
{
  guint k = json_object_get_int_member (doc, "threshold");
  JsonArray *rounds = json_object_get_array_member (doc, "rounds");
  JsonArray *questions = json_object_get_array_member (doc, "questions");
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), doc);
  gint64 chosen = 0;

  check_no_small_counts (node, k);
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonObject *head = json_array_get_object_element (rounds, i);

      check_round_head (f, head, k);
      if (json_object_get_int_member (head, "number") == json_object_get_int_member (doc, "round"))
        chosen = json_object_get_int_member (head, "id");
    }
  for (guint i = 0; i < json_array_get_length (questions); i++)
    check_question (f, json_array_get_object_element (questions, i), chosen, k);
}

static void
test_brute_force (void)
{
  SurveyFixture f = { 0 };
  static const guint thresholds[] = { 5, 5, 6, 10 };
  guint seeds = g_test_slow () ? 400 : 80;

  survey_fixture_open (&f);
  for (guint seed = 1; seed <= seeds; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *slug = g_strdup_printf ("pulse-%u", seed);
      guint k = thresholds[g_rand_int_range (rand, 0, G_N_ELEMENTS (thresholds))];
      gint64 survey = standard_survey (&f, slug, k, 0);
      guint n_rounds = g_rand_int_range (rand, 1, 4);

      for (guint r = 1; r <= n_rounds; r++)
        {
          gboolean open = r == n_rounds && g_rand_boolean (rand);
          gint64 round = survey_fixture_round (&f, survey, r, open ? OPEN_OPENS : CLOSED_OPENS,
                                               open ? OPEN_CLOSES : CLOSED_CLOSES);
          guint groups = g_rand_int_range (rand, 0, 7), statuses = g_rand_int_range (rand, 0, 5);
          guint n = g_rand_int_range (rand, 0, 90);

          survey_fixture_population (&f, round, "all", "", n + 10);
          for (guint g = 0; g < groups; g++)
            {
              g_autofree char *value = g_strdup_printf ("groep-%02u", g);
              survey_fixture_population (&f, round, "group", value, 20);
            }
          survey_fixture_generate (&f, rand, survey, round, n, groups, statuses);
        }
      for (guint r = 0; r <= n_rounds; r++)
        {
          g_autoptr (JsonObject) doc = results (&f, survey, r);
          check_document (&f, doc);
        }
    }
  survey_fixture_close (&f);
}

/* ---- an open round ------------------------------------------------- */

static void
test_running (void)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 survey, round;
  g_autoptr (JsonObject) doc = NULL;
  JsonObject *head;

  survey_fixture_open (&f);
  survey = standard_survey (&f, "lopend", 5, 0);
  round = survey_fixture_round (&f, survey, 1, OPEN_OPENS, OPEN_CLOSES);
  survey_fixture_population (&f, round, "all", "", 40);
  survey_fixture_generate (&f, rand, survey, round, 4, 2, 2);
  doc = results (&f, survey, 0);
  head = json_array_get_object_element (json_object_get_array_member (doc, "rounds"), 0);
  g_assert_cmpstr (json_object_get_string_member (head, "status"), ==, "open");
  g_assert_true (suppressed (head));
  g_assert_false (json_object_has_member (head, "responses"));
  g_assert_false (json_object_has_member (head, "rate"));
  g_assert_nonnull (strstr (json_object_get_string_member (head, "reason"), "so far"));
  check_document (&f, doc);
  /* the round is not closed: nothing kept */
  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (f.store, "SELECT aggregate IS NULL FROM survey_round", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  }
  survey_fixture_close (&f);
}

/* ---- comments ------------------------------------------------------ */

static JsonNode *
comments_of (JsonObject *doc, guint position)
{
  JsonArray *questions = json_object_get_array_member (doc, "questions");

  return json_object_get_member (json_array_get_object_element (questions, position - 1),
                                 "comments");
}

static void
add_comments (SurveyFixture *f, GRand *rand, gint64 round, gint64 question, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Opmerking nummer %02u", i);
      guint8 id[16];

      survey_fixture_response (f, rand, round, "groep-00", NULL, id);
      survey_fixture_answer (f, id, question, -1, text, round, "groep-00", NULL);
    }
}

static void
test_comments (void)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  gint64 survey, question, nine, ten;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (JsonObject) few = NULL;
  JsonArray *shown;
  gboolean in_order = TRUE;

  survey_fixture_open (&f);
  survey = survey_fixture_survey (&f, "opmerkingen", 5, 0);
  question = survey_fixture_question (&f, survey, 1, "long", NULL);
  nine = survey_fixture_round (&f, survey, 1, CLOSED_OPENS, CLOSED_CLOSES);
  ten = survey_fixture_round (&f, survey, 2, OPEN_OPENS, OPEN_CLOSES);
  add_comments (&f, rand, nine, question, 9);
  add_comments (&f, rand, ten, question, 10);

  few = results (&f, survey, 1);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (comments_of (few, 1)));
  g_assert_true (suppressed (json_node_get_object (comments_of (few, 1))));

  first = results (&f, survey, 2);
  again = results (&f, survey, 2);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (comments_of (first, 1)));
  shown = json_node_get_array (comments_of (first, 1));
  g_assert_cmpuint (json_array_get_length (shown), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("Opmerking nummer %02u", i);

      in_order &= g_str_equal (json_array_get_string_element (shown, i), text);
      g_assert_cmpstr (
        json_array_get_string_element (shown, i), ==,
        json_array_get_string_element (json_node_get_array (comments_of (again, 1)), i));
    }
  g_assert_false (in_order);
  survey_fixture_close (&f);
}

/* ---- the XLA index by hand ----------------------------------------- */

static void
test_index (void)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  static const int scores[] = { 10, 10, 9, 9, 9, 8, 7, 6, 0, 3 };
  g_autoptr (JsonObject) doc = NULL;
  JsonObject *all;
  gint64 survey, question, round;

  survey_fixture_open (&f);
  survey = survey_fixture_survey (&f, "xla", 5, 0);
  question = survey_fixture_question (&f, survey, 1, "scale10", NULL);
  round = survey_fixture_round (&f, survey, 1, CLOSED_OPENS, CLOSED_CLOSES);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      guint8 id[16];

      survey_fixture_response (&f, rand, round, NULL, NULL, id);
      survey_fixture_answer (&f, id, question, scores[i], NULL, round, NULL, NULL);
    }
  doc = results (&f, survey, 1);
  all = json_object_get_object_member (
    json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (doc, "questions"), 0), "cells"),
    "all");
  /* 5 of 10 score 9–10, 3 score 0–6: 50 % − 30 % = +20 */
  g_assert_cmpfloat (json_object_get_double_member (all, "index"), ==, 20.0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (all, "average"), 7.1, 1e-9);
  g_assert_cmpint (json_object_get_int_member (all, "n"), ==, 10);
  survey_fixture_close (&f);
}

/* ---- retention ----------------------------------------------------- */

static gint64
count_rows (SurveyFixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The questions' cells and comments (the trend says each round's status,
 * which a reduction changes). */
static char *
questions_text (JsonObject *doc)
{
  JsonArray *questions = json_object_get_array_member (doc, "questions");
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < json_array_get_length (questions); i++)
    json_object_remove_member (json_array_get_object_element (questions, i), "trend");
  json_node_set_array (node, questions);
  return json_to_string (node, FALSE);
}

static void
retention_at (SurveyFixture *f, const char *when, guint expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  const HelderAuditActor actor = { 0, "helder", "system" };
  guint reduced = 99;

  g_assert_true (helder_clock_set (when, &error));
  now = helder_clock_now ();
  g_assert_true (survey_retention_run (f->store, now, &actor, &reduced, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reduced, ==, expected);
}

static void
test_retention (void)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  gint64 survey, round;

  survey_fixture_open (&f);
  survey = standard_survey (&f, "bewaren", 5, 2);
  round = survey_fixture_round (&f, survey, 1, "2026-09-01T08:00:00Z", "2026-09-30T17:00:00Z");
  survey_fixture_population (&f, round, "all", "", 80);
  survey_fixture_generate (&f, rand, survey, round, 60, 4, 3);

  /* the day before retention ends: nothing changes */
  g_assert_true (helder_clock_set ("2026-11-30T12:00:00+01:00", NULL));
  before = results (&f, survey, 1);
  before_text = questions_text (before);
  fingerprint = helder_test_fingerprint (f.store);
  retention_at (&f, "2026-11-30T12:00:00+01:00", 0);
  unchanged = helder_test_fingerprint (f.store);
  g_assert_cmpstr (fingerprint, ==, unchanged);
  g_assert_cmpint (count_rows (&f, "SELECT count(*) FROM survey_response"), ==, 60);

  /* the day after: answers gone, aggregate kept, audited */
  retention_at (&f, "2026-12-01T12:00:00+01:00", 1);
  g_assert_cmpint (count_rows (&f, "SELECT count(*) FROM survey_response"), ==, 0);
  g_assert_cmpint (count_rows (&f, "SELECT count(*) FROM survey_answer"), ==, 0);
  g_assert_cmpint (
    count_rows (&f, "SELECT count(*) FROM survey_round WHERE status = 'reduced'"
                    " AND reduced_at = '2026-12-01T11:00:00Z' AND aggregate IS NOT NULL"),
    ==, 1);
  g_assert_cmpint (
    count_rows (&f, "SELECT count(*) FROM audit_entry WHERE action = 'reduce'"
                    " AND entity = 'survey_round' AND detail LIKE '%60 responses deleted%'"),
    ==, 1);
  after = results (&f, survey, 1);
  after_text = questions_text (after);
  g_assert_cmpstr (before_text, ==, after_text);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (after, "rounds"), 0), "status"),
    ==, "reduced");
  /* and a second run finds nothing more to do */
  retention_at (&f, "2027-06-01T12:00:00+02:00", 0);
  g_assert_true (helder_clock_set (HELDER_TEST_NOW, NULL));
  survey_fixture_close (&f);
}

/* ---- CSV ----------------------------------------------------------- */

/* RFC 4180 read back: rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autoptr (GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (fields, g_strdup (field->str)), g_string_truncate (field, 0);
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
          p++;
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  return rows;
}

static void
test_csv_quoting (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) rows = NULL;
  const char *fields[] = { "plain", "a,b", "zei \"ja\"", "twee\r\nregels", "" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    survey_csv_field (out, fields[i], i + 1 == G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"zei \"\"ja\"\"\",\"twee\r\nregels\",\r\n");
  rows = parse_csv (out->str);
  g_assert_cmpuint (rows->len, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (((char **) rows->pdata[0])[i], ==, fields[i]);
}

/* Random rows of random fields, made of the characters that matter to
 * CSV, read back to the same fields. */
static void
test_csv_random (void)
{
  static const char alphabet[] = "a,\"\r\n é;'";
  g_autoptr (GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) rows = NULL;
      guint n_fields = g_rand_int_range (rand, 1, 6);

      for (guint i = 0; i < n_fields; i++)
        {
          g_autoptr (GString) field = g_string_new (NULL);
          guint length = g_rand_int_range (rand, 0, 8);

          for (guint c = 0; c < length; c++)
            g_string_append_c (field, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
          /* only whole UTF-8: drop a lone byte of "é" */
          if (!g_utf8_validate (field->str, -1, NULL))
            g_string_assign (field, "x");
          survey_csv_field (out, field->str, i + 1 == n_fields);
          g_ptr_array_add (expected, g_string_free (g_steal_pointer (&field), FALSE));
        }
      rows = parse_csv (out->str);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpuint (g_strv_length (rows->pdata[0]), ==, n_fields);
      for (guint i = 0; i < n_fields; i++)
        g_assert_cmpstr (((char **) rows->pdata[0])[i], ==, expected->pdata[i]);
    }
}

/* Every cell the JSON suppresses is one CSV row saying so, with no number. */
static guint
check_csv (JsonObject *doc, const char *csv)
{
  g_autoptr (GPtrArray) rows = parse_csv (csv);
  JsonArray *questions = json_object_get_array_member (doc, "questions");
  guint checked = 0;

  g_assert_cmpstr (((char **) rows->pdata[0])[6], ==, "value");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      JsonObject *cells = json_object_get_object_member (q, "cells");
      g_autofree char *position =
        g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (q, "position"));
      const char *dims[] = { "group", "status" };
      const char *members[] = { "slug", "status" };

      for (guint d = 0; d < 2; d++)
        {
          JsonArray *list = json_object_get_array_member (cells, dims[d]);

          for (guint c = 0; c < json_array_get_length (list); c++)
            {
              JsonObject *cell = json_array_get_object_element (list, c);
              const char *key = cell_key (cell, members[d]);
              guint matching = 0;

              for (guint r = 1; r < rows->len; r++)
                {
                  char **row = rows->pdata[r];

                  if (!g_str_equal (row[1], position) || !g_str_equal (row[3], dims[d]) ||
                      !g_str_equal (row[4], key))
                    continue;
                  matching++;
                  if (suppressed (cell))
                    {
                      g_assert_cmpstr (row[6], ==, "suppressed");
                      checked++;
                    }
                  else
                    g_assert_true (g_ascii_isdigit (row[6][0]) || row[6][0] == '-');
                }
              if (suppressed (cell))
                g_assert_cmpuint (matching, ==, 1);
            }
        }
    }
  return checked;
}

static void
test_csv (void)
{
  SurveyFixture f = { 0 };
  guint checked = 0;

  survey_fixture_open (&f);
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *slug = g_strdup_printf ("csv-%u", seed);
      gint64 survey = standard_survey (&f, slug, 5, 0);
      gint64 round = survey_fixture_round (&f, survey, 1, CLOSED_OPENS, CLOSED_CLOSES);
      g_autoptr (JsonObject) doc = NULL;
      g_autofree char *csv = NULL;
      g_autoptr (GError) error = NULL;

      survey_fixture_population (&f, round, "all", "", 100);
      survey_fixture_generate (&f, rand, survey, round, g_rand_int_range (rand, 20, 80), 6, 4);
      doc = results (&f, survey, 0);
      csv = survey_results_csv (f.store, survey, 0, &error);
      g_assert_no_error (error);
      checked += check_csv (doc, csv);
    }
  g_assert_cmpuint (checked, >, 0);
  survey_fixture_close (&f);
}

/* ---- the commands -------------------------------------------------- */

static void
test_commands (void)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *dir = g_dir_make_tmp ("survey-export-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "uitslag.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  gint64 survey, round;
  struct
  {
    const char *args[7];
    const char *says;
  } bad[] = {
    { { "survey", "results", NULL }, "SURVEY" },
    { { "survey", "results", "geen-enquete", NULL }, "geen-enquete" },
    { { "survey", "results", "cmd", "extra", NULL }, "one survey" },
    { { "survey", "results", "cmd", "--round", "abc", NULL }, "--round: \"abc\"" },
    { { "survey", "results", "cmd", "--round", "0", NULL }, "--round: \"0\"" },
    { { "survey", "results", "cmd", "--round", "-2", NULL }, "--round: \"-2\"" },
    { { "survey", "results", "cmd", "--round", "7", NULL }, "no round 7" },
    { { "survey", "results", "cmd", "--bogus", NULL }, "--bogus" },
    { { "survey", "export", "999", NULL }, "999" },
    { { "survey", "export", "cmd", "--round", "x1", NULL }, "--round: \"x1\"" },
    { { "survey", "export", "cmd", "--output", "/nonexistent/map/uit.csv", NULL },
      "--output: cannot write \"/nonexistent/map/uit.csv\"" },
    { { "survey", "export", "cmd", "--output", "", NULL }, "--output" },
  };

  survey_fixture_open (&f);
  survey = standard_survey (&f, "cmd", 5, 0);
  round = survey_fixture_round (&f, survey, 1, CLOSED_OPENS, CLOSED_CLOSES);
  survey_fixture_population (&f, round, "all", "", 60);
  survey_fixture_generate (&f, rand, survey, round, 40, 3, 2);

  /* the first look keeps the closed round's results; after it, reading
   * changes nothing */
  g_assert_cmpint (
    helder_test_run (f.db, NULL, &out, &err, "survey", "results", "cmd", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"threshold\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  before = helder_test_fingerprint (f.store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *now = NULL;
      int status = helder_test_runv (f.db, NULL, bad[i].args, &out, &err);

      g_test_message ("%s %s: %s", bad[i].args[0], bad[i].args[1] ? bad[i].args[1] : "", err);
      g_assert_cmpint (status, !=, 0);
      g_assert_nonnull (strstr (err, bad[i].says));
      now = helder_test_fingerprint (f.store);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  g_assert_cmpint (
    helder_test_run (f.db, NULL, &out, &err, "survey", "export", "cmd", "--output", file, NULL), ==,
    0);
  g_assert_true (g_file_get_contents (file, &written, NULL, NULL));
  expected = survey_results_csv (f.store, survey, 1, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f.db, NULL, &out, &err, "survey", "results", "cmd", NULL), ==,
                   0);
  g_assert_nonnull (strstr (out, "Pulse cmd"));
  g_unlink (file);
  g_rmdir (dir);
  survey_fixture_close (&f);
}

int
main (int argc, char **argv)
{
  /* The rounds of these tests have fixed dates around HELDER_TEST_NOW, and
   * what they prove does not depend on the hour: the clock matrix's other
   * times (HELDER_NOW) do not apply to them. */
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add_func ("/survey-results/brute-force", test_brute_force);
  g_test_add_func ("/survey-results/running", test_running);
  g_test_add_func ("/survey-results/comments", test_comments);
  g_test_add_func ("/survey-results/index", test_index);
  g_test_add_func ("/survey-results/retention", test_retention);
  g_test_add_func ("/survey-results/csv-quoting", test_csv_quoting);
  g_test_add_func ("/survey-results/csv-random", test_csv_random);
  g_test_add_func ("/survey-results/csv", test_csv);
  g_test_add_func ("/survey-results/commands", test_commands);
  return g_test_run ();
}
