/* survey-gate-evaluate.c — computing a survey criterion of a gate
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number comes out of survey_results(), suppressed as it is for any
 * other reader: a suppressed cell is never looked behind, it only makes
 * the criterion unclear. So is a round whose response rate is below the
 * survey's minimum (survey.min_rate), and a survey with no closed round.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-gate.h"
#include "survey-results.h"

typedef struct
{
  char *title;
  char *language;
  int min_rate;
} SurveyHead;

char *
survey_gate_format_number (double value, guint decimals, const char *language)
{
  char *text = g_strdup_printf ("%.*f", (int) decimals, value);

  if (strchr (text, '.') != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_has_prefix (language, "nl"))
    g_strdelimit (text, ".", ',');
  if (g_str_equal (text, "-0"))
    text[0] = '0', text[1] = '\0';
  return text;
}

static gboolean
read_head (HelderStore *store, gint64 survey, SurveyHead *head, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT title, language, min_rate FROM survey WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  head->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  head->language = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  head->min_rate = sqlite3_column_int (stmt, 2);
  return TRUE;
}

/* The round to judge: @wanted, or the last closed one (0 when none). */
static gboolean
pick_round (HelderStore *store,
            gint64 survey,
            guint wanted,
            guint *number,
            gboolean *closed,
            GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT number, status, opens_at, closes_at FROM survey_round WHERE survey = ?1"
    " ORDER BY number",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  *number = 0;
  *closed = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = sqlite3_column_int (stmt, 0);
      const char *status = survey_round_status_at (
        (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
        (const char *) sqlite3_column_text (stmt, 3), now);
      gboolean done = g_str_equal (status, "closed") || g_str_equal (status, "reduced");

      if ((wanted == 0 && done) || (wanted != 0 && n == wanted))
        {
          *number = n;
          *closed = done;
        }
    }
  return helder_store_propagate (store, rc, error);
}

static JsonObject *
find_in (JsonArray *array, const char *member, const char *key, gint64 number)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      JsonNode *node = json_object_get_member (item, member);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (key != NULL ? g_strcmp0 (json_node_get_string (node), key) == 0
                      : json_node_get_int (node) == number)
        return item;
    }
  return NULL;
}

static gboolean
suppressed (JsonObject *cell)
{
  return cell == NULL || json_object_get_boolean_member_with_default (cell, "suppressed", FALSE);
}

static void
set_unclear (HelderGateMeasureResult *out, char *value)
{
  out->state = HELDER_GATE_MEASURE_UNCLEAR;
  out->value = value;
}

static char *
closed_on (JsonObject *round)
{
  const char *closes = json_object_get_string_member_with_default (round, "closes_at", NULL);

  return closes ? helder_clock_local_date (closes) : g_strdup ("?");
}

/* The statistic of @cell, or FALSE when the cell has none. */
static gboolean
statistic (JsonObject *cell, const SurveyGateArg *arg, double *value)
{
  if (g_str_equal (arg->stat, "share"))
    {
      JsonArray *distribution = survey_json_array (cell, "distribution");

      if (distribution == NULL || arg->option > json_array_get_length (distribution))
        return FALSE;
      *value = json_object_get_double_member (
        json_array_get_object_element (distribution, arg->option - 1), "percent");
      return TRUE;
    }
  if (!json_object_has_member (cell, arg->stat))
    return FALSE;
  *value = json_object_get_double_member (cell, arg->stat);
  return TRUE;
}

static char *
value_text (double value, const SurveyGateArg *arg, const char *language)
{
  g_autofree char *shown = survey_gate_format_number (value, 2, language);
  g_autofree char *norm = survey_gate_format_number (arg->min, 2, language);

  if (g_str_equal (arg->stat, "share"))
    /* TRANSLATORS: a share of answers and its norm: "82 % (norm ≥ 80 %)" */
    return g_strdup_printf (_ ("%s %% (norm ≥ %s %%)"), shown, norm);
  if (g_str_equal (arg->stat, "index") && value > 0)
    return g_strdup_printf (_ ("+%s (norm ≥ %s)"), shown, norm);
  /* TRANSLATORS: an average and its norm: "3,8 (norm ≥ 3,5)" */
  return g_strdup_printf (_ ("%s (norm ≥ %s)"), shown, norm);
}

/* Judges the criterion's cell (everyone or the group) of the chosen round. */
static void
judge (JsonObject *results,
       const SurveyHead *head,
       const SurveyGateArg *arg,
       HelderGateMeasureResult *out)
{
  JsonObject *question =
    find_in (survey_json_array (results, "questions"), "position", NULL, arg->question);
  JsonObject *cells = question ? survey_json_object (question, "cells") : NULL;
  JsonObject *cell = NULL;
  double value;

  if (cells != NULL)
    cell = arg->group ? find_in (survey_json_array (cells, "group"), "slug", arg->group, 0)
                      : survey_json_object (cells, "all");
  if (suppressed (cell))
    {
      set_unclear (out, cell ? g_strdup_printf (
                                 _ ("too few answers to judge (%s)"),
                                 json_object_get_string_member_with_default (cell, "reason", ""))
                             : g_strdup (_ ("too few answers to judge (none from this group)")));
      return;
    }
  if (!statistic (cell, arg, &value))
    {
      set_unclear (out, g_strdup (_ ("too few answers to judge (no answer to this question)")));
      return;
    }
  out->state = value + 1e-9 >= arg->min ? HELDER_GATE_MEASURE_MET : HELDER_GATE_MEASURE_FAILED;
  out->value = value_text (value, arg, head->language);
}

static char *
source_text (JsonObject *round, JsonObject *reach, const SurveyHead *head, const SurveyGateArg *arg)
{
  g_autofree char *date = closed_on (round);
  g_autofree char *rate =
    json_object_has_member (reach, "rate")
      ? survey_gate_format_number (json_object_get_double_member (reach, "rate"), 1, head->language)
      : NULL;
  g_autofree char *where = arg->group
                             ? g_strdup_printf (_ ("%s, group %s"), head->title, arg->group)
                             : g_strdup (head->title);

  if (suppressed (reach) || rate == NULL)
    /* TRANSLATORS: "Pulse, ronde 2 (gesloten 2026-11-20)" */
    return g_strdup_printf (_ ("%s, round %u (closed %s)"), where,
                            (guint) json_object_get_int_member (round, "number"), date);
  /* TRANSLATORS: "Pulse, ronde 2 (gesloten 2026-11-20): 42 antwoorden, respons 61,8 %" */
  return g_strdup_printf (_ ("%s, round %u (closed %s): %lld answers, response %s %%"), where,
                          (guint) json_object_get_int_member (round, "number"), date,
                          (long long) json_object_get_int_member (reach, "responses"), rate);
}

static void
evaluate_round (JsonObject *results,
                guint number,
                const SurveyHead *head,
                const SurveyGateArg *arg,
                HelderGateMeasureResult *out)
{
  JsonObject *round = find_in (survey_json_array (results, "rounds"), "number", NULL, number);
  JsonObject *reach = round;

  if (round != NULL && arg->group != NULL)
    reach = find_in (survey_json_array (round, "groups"), "slug", arg->group, 0);
  if (round == NULL)
    {
      set_unclear (out, g_strdup (_ ("no closed round yet")));
      return;
    }
  if (reach == NULL)
    {
      out->source = g_strdup_printf (_ ("%s, round %u"), head->title, number);
      set_unclear (out, g_strdup (_ ("too few answers to judge (none from this group)")));
      return;
    }
  out->source = source_text (round, reach, head, arg);
  if (suppressed (reach))
    set_unclear (
      out, g_strdup_printf (_ ("too few answers to judge (%s)"),
                            json_object_get_string_member_with_default (reach, "reason", "")));
  else if (!json_object_has_member (reach, "rate") ||
           json_object_get_double_member (reach, "rate") < head->min_rate)
    {
      g_autofree char *rate =
        json_object_has_member (reach, "rate")
          ? survey_gate_format_number (json_object_get_double_member (reach, "rate"), 1,
                                       head->language)
          : g_strdup ("?");

      set_unclear (out,
                   g_strdup_printf (_ ("too few answers to judge (response %s %%, at least %d %%)"),
                                    rate, head->min_rate));
    }
  else
    judge (results, head, arg, out);
}

gboolean
survey_gate_evaluate (HelderStore *store,
                      const char *argument,
                      const char *today,
                      gpointer user_data,
                      HelderGateMeasureResult *out,
                      GError **error)
{
  SurveyGateArg arg;
  SurveyHead head = { 0 };
  g_autoptr (JsonObject) results = NULL;
  gint64 survey;
  guint number;
  gboolean closed, ok = FALSE;

  if (!survey_gate_arg_resolve (store, argument, &arg, &survey, error))
    return FALSE;
  if (!read_head (store, survey, &head, error) ||
      !pick_round (store, survey, arg.round, &number, &closed, error))
    goto out;
  ok = TRUE;
  if (number != 0)
    out->link = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results?round=%u", survey, number);
  if (number == 0 || !closed)
    {
      out->source = number == 0 ? g_strdup (head.title)
                                : g_strdup_printf (_ ("%s, round %u"), head.title, number);
      set_unclear (out, arg.round == 0 ? g_strdup (_ ("no closed round yet"))
                        : number == 0
                          ? g_strdup_printf (_ ("the survey has no round %u"), arg.round)
                          : g_strdup_printf (_ ("round %u has not closed yet"), arg.round));
      goto out;
    }
  results = survey_results (store, survey, number, error);
  if (results == NULL)
    ok = FALSE;
  else
    evaluate_round (results, number, &head, &arg, out);
out:
  g_free (head.title);
  g_free (head.language);
  survey_gate_arg_clear (&arg);
  return ok;
}
