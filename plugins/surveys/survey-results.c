/* survey-results.c — a survey's results document
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * {survey, threshold, round, rounds: [head of each round], questions:
 * [question with the chosen round's cells, comments and the trend across
 * rounds], note}. A round that is open or just closed is computed from its
 * answers (survey-round-compute.c); a closed round keeps what it computed
 * in survey_round.aggregate, and a reduced round (its answers deleted when
 * retention ended) has nothing else. So the numbers of a round never change
 * after it closed, and every number went through survey-suppress.c.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-results.h"
#include "survey-suppress.h"

typedef struct
{
  SurveyRoundInfo info;
  char *stored_status;
  char *opens_at;
  char *closes_at;
  char *aggregate;
  JsonObject *document;
} Round;

static void
round_clear (gpointer data)
{
  Round *round = data;

  g_free (round->stored_status);
  g_free (round->opens_at);
  g_free (round->closes_at);
  g_free (round->aggregate);
  g_clear_pointer (&round->document, json_object_unref);
}

static JsonObject *
read_survey (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT slug, title, kind, threshold, language FROM survey WHERE id = ?1", error);
  JsonObject *object;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (helder_store_propagate (store, rc, error))
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "survey", _ ("There is no survey %lld"),
                          (long long) survey);
      return NULL;
    }
  object = json_object_new ();
  json_object_set_int_member (object, "id", survey);
  json_object_set_string_member (object, "slug", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (object, "title", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (object, "kind", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_int_member (object, "threshold", sqlite3_column_int (stmt, 3));
  json_object_set_string_member (object, "language", (const char *) sqlite3_column_text (stmt, 4));
  return object;
}

static gboolean
read_rounds (HelderStore *store, gint64 survey, guint threshold, GArray *rounds, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT id, number, status, opens_at, closes_at, aggregate FROM survey_round"
    " WHERE survey = ?1 ORDER BY number",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Round round = { 0 };

      round.info.id = sqlite3_column_int64 (stmt, 0);
      round.info.number = sqlite3_column_int (stmt, 1);
      round.stored_status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      round.opens_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      round.closes_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      round.aggregate = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      round.info.status =
        survey_round_status_at (round.stored_status, round.opens_at, round.closes_at, now);
      round.info.opens_at = round.opens_at;
      round.info.closes_at = round.closes_at;
      round.info.threshold = threshold;
      g_array_append_val (rounds, round);
    }
  return helder_store_propagate (store, rc, error);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

static char *
object_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* A closed round keeps its results, written once. */
static gboolean
keep_aggregate (HelderStore *store, Round *round, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *text = object_text (round->document);

  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (store,
                               "UPDATE survey_round SET aggregate = ?2"
                               " WHERE id = ?1 AND aggregate IS NULL",
                               error);
  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, round->info.id),
                       sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT),
                       !helder_store_step_done (store, stmt, error)))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return helder_store_commit (store, error);
}

/* The round's document: its aggregate once it has one, else computed. */
static gboolean
round_document (HelderStore *store, gint64 survey, Round *round, GError **error)
{
  const char *status = round->info.status;

  if (round->aggregate != NULL &&
      (g_str_equal (status, "closed") || g_str_equal (status, "reduced")))
    {
      round->document = parse_object (round->aggregate);
      if (round->document != NULL)
        {
          g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), round->document);

          /* its status is today's, not the one it had when it was kept,
           * and its words are the reader's */
          json_object_set_string_member (round->document, "status", status);
          survey_suppress_translate (node);
          return TRUE;
        }
    }
  if (g_str_equal (status, "reduced"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "aggregate",
                        _ ("Round %u was reduced but kept no results"), round->info.number);
      return FALSE;
    }
  round->document = survey_round_compute (store, survey, &round->info, error);
  if (round->document == NULL)
    return FALSE;
  if (g_str_equal (status, "closed") && round->aggregate == NULL)
    return keep_aggregate (store, round, error);
  return TRUE;
}

static gboolean
has_results (const Round *round)
{
  return !g_str_equal (round->info.status, "planned") &&
         !g_str_equal (round->info.status, "cancelled");
}

static JsonObject *
find_question (JsonObject *document, gint64 id)
{
  JsonArray *questions = json_object_get_array_member (document, "questions");

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      if (json_object_get_int_member (q, "id") == id)
        return q;
    }
  return NULL;
}

static JsonArray *
trend (GArray *rounds, gint64 question)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < rounds->len; i++)
    {
      Round *round = &g_array_index (rounds, Round, i);
      JsonObject *q = round->document ? find_question (round->document, question) : NULL;
      JsonObject *all, *item;

      if (q == NULL)
        continue;
      all = json_object_get_object_member (json_object_get_object_member (q, "cells"), "all");
      item = json_object_new ();
      json_object_set_int_member (item, "round", round->info.id);
      json_object_set_int_member (item, "number", round->info.number);
      json_object_set_string_member (item, "status", round->info.status);
      {
        GList *members = json_object_get_members (all);

        for (GList *l = members; l != NULL; l = l->next)
          if (!g_str_equal (l->data, "distribution"))
            json_object_set_member (item, l->data, json_object_dup_member (all, l->data));
        g_list_free (members);
      }
      json_array_add_object_element (array, item);
    }
  return array;
}

/* The questions in order, with their text and options in the survey's
 * language, the chosen round's cells and the trend. */
static JsonArray *
questions (HelderStore *store, gint64 survey, GArray *rounds, Round *chosen, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT id, position, kind, text, options FROM survey_question WHERE survey = ?1"
    " ORDER BY position",
    error);
  g_autoptr (JsonArray) array = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *options = (const char *) sqlite3_column_text (stmt, 4);
      JsonObject *object = json_object_new ();
      JsonObject *cells = chosen && chosen->document ? find_question (chosen->document, id) : NULL;
      g_auto (GStrv) lines = g_strsplit (options, "\n", -1);
      JsonArray *list = json_array_new ();

      json_object_set_int_member (object, "id", id);
      json_object_set_int_member (object, "position", sqlite3_column_int (stmt, 1));
      json_object_set_string_member (object, "kind", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (object, "text", (const char *) sqlite3_column_text (stmt, 3));
      for (guint i = 0; *options != '\0' && lines[i] != NULL; i++)
        json_array_add_string_element (list, lines[i]);
      json_object_set_array_member (object, "options", list);
      if (cells != NULL)
        {
          json_object_set_member (object, "cells", json_object_dup_member (cells, "cells"));
          if (json_object_has_member (cells, "comments"))
            json_object_set_member (object, "comments", json_object_dup_member (cells, "comments"));
        }
      json_object_set_array_member (object, "trend", trend (rounds, id));
      json_array_add_object_element (array, object);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&array);
}

static Round *
choose_round (GArray *rounds, guint number, GError **error)
{
  Round *latest = NULL;

  for (guint i = 0; i < rounds->len; i++)
    {
      Round *round = &g_array_index (rounds, Round, i);

      if (number != 0 && round->info.number == number)
        return round;
      if (number == 0 && has_results (round))
        latest = round;
    }
  if (number != 0)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "round",
                        _ ("The survey has no round %u (it has %u)"), number, rounds->len);
      return NULL;
    }
  return latest;
}

static JsonObject *
head_of (Round *round)
{
  JsonObject *head = json_object_new ();
  GList *members = json_object_get_members (round->document);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "questions"))
      json_object_set_member (head, l->data, json_object_dup_member (round->document, l->data));
  g_list_free (members);
  return head;
}

static JsonObject *
planned_head (Round *round)
{
  JsonObject *head = json_object_new ();

  json_object_set_int_member (head, "id", round->info.id);
  json_object_set_int_member (head, "number", round->info.number);
  json_object_set_string_member (head, "status", round->info.status);
  json_object_set_string_member (head, "opens_at", round->opens_at);
  json_object_set_string_member (head, "closes_at", round->closes_at);
  return head;
}

JsonObject *
survey_results (HelderStore *store, gint64 survey, guint round_number, GError **error)
{
  g_autoptr (JsonObject) info = NULL;
  g_autoptr (JsonObject) result = NULL;
  g_autoptr (GArray) rounds = g_array_new (FALSE, TRUE, sizeof (Round));
  JsonArray *heads, *list;
  Round *chosen;
  guint threshold;

  g_array_set_clear_func (rounds, round_clear);
  info = read_survey (store, survey, error);
  if (info == NULL)
    return NULL;
  threshold = MAX (5, json_object_get_int_member (info, "threshold"));
  if (!read_rounds (store, survey, threshold, rounds, error))
    return NULL;
  chosen = choose_round (rounds, round_number, error);
  if (chosen == NULL && round_number != 0)
    return NULL;
  heads = json_array_new ();
  result = json_object_new ();
  json_object_set_object_member (result, "survey", g_steal_pointer (&info));
  json_object_set_int_member (result, "threshold", threshold);
  json_object_set_array_member (result, "rounds", heads);
  for (guint i = 0; i < rounds->len; i++)
    {
      Round *round = &g_array_index (rounds, Round, i);

      if (has_results (round) && !round_document (store, survey, round, error))
        return NULL;
      json_array_add_object_element (heads,
                                     round->document ? head_of (round) : planned_head (round));
    }
  if (chosen != NULL)
    json_object_set_int_member (result, "round", chosen->info.number);
  else
    json_object_set_null_member (result, "round");
  list = questions (store, survey, rounds, chosen, error);
  if (list == NULL ||
      !survey_followup_note (store, result, chosen != NULL ? chosen->info.id : 0, error))
    return NULL;
  json_object_set_array_member (result, "questions", list);
  survey_json_take_string (
    result, "note",
    g_strdup_printf (
      _ ("Numbers from fewer than %u answers are not shown, also not where they could "
         "be worked out from a total; comments need %u answers."),
      threshold, MAX (threshold, SURVEY_COMMENTS_MIN)));
  return g_steal_pointer (&result);
}

char *
survey_results_csv (HelderStore *store, gint64 survey, guint round_number, GError **error)
{
  g_autoptr (JsonObject) results = survey_results (store, survey, round_number, error);

  if (results == NULL)
    return NULL;
  return survey_results_to_csv (results);
}
