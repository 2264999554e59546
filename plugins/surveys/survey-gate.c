/* survey-gate.c — the gate measure "survey": a gate criterion on a survey
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A criterion `--measure survey --measure-arg "survey=pulse question=5
 * stat=average min=6"` is met when the last closed round (or round=N) of
 * the survey reaches the norm: the average of a scale question, the share
 * of answers choosing an option (stat=share option=N, in %) or the XLA
 * index of a 0–10 question (stat=index), overall or for one group
 * (group=SLUG). The number comes from survey_results(), the one place
 * that suppresses: a suppressed cell, a response rate below the survey's
 * minimum or no closed round yet leave the criterion unclear, saying why.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "survey-gate.h"
#include "survey-results.h"
#include "surveys-private.h"

static const char *const stat_names[] = { "average", "share", "index", NULL };

/* ---- the argument ----------------------------------------------------- */

static gboolean
parse_number (const char *text, double *value)
{
  g_autofree char *dotted = g_strdup (text);
  char *end = NULL;

  g_strdelimit (dotted, ",", '.');
  *value = g_ascii_strtod (dotted, &end);
  return *dotted != '\0' && end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
invalid (GError **error, const char *fmt, const char *part, const char *value)
{
  g_autofree char *message = g_strdup_printf (fmt, part, value);

  helder_error_set (error, HELDER_ERROR_INVALID, "measure_arg", "%s", message);
  return FALSE;
}

static void
set_str (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
parse_part (SurveyGateArg *arg, const char *key, const char *value, GError **error)
{
  guint64 n;

  if (g_str_equal (key, "survey"))
    set_str (&arg->survey, value);
  else if (g_str_equal (key, "question"))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &n, NULL))
        return invalid (error, _ ("%s: “%s” is not a question number (1 or more)"), key, value);
      arg->question = n;
    }
  else if (g_str_equal (key, "stat"))
    {
      if (!g_strv_contains (stat_names, value))
        return invalid (error, _ ("%s: “%s” is not average, share or index"), key, value);
      set_str (&arg->stat, value);
    }
  else if (g_str_equal (key, "min"))
    {
      if (!parse_number (value, &arg->min))
        return invalid (error, _ ("%s: “%s” is not a number"), key, value);
      arg->has_min = TRUE;
    }
  else if (g_str_equal (key, "option"))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &n, NULL))
        return invalid (error, _ ("%s: “%s” is not an option number (1 or more)"), key, value);
      arg->option = n;
    }
  else if (g_str_equal (key, "group"))
    set_str (&arg->group, value);
  else if (g_str_equal (key, "round"))
    {
      if (g_str_equal (value, "last"))
        arg->round = 0;
      else if (g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &n, NULL))
        arg->round = n;
      else
        return invalid (error, _ ("%s: “%s” is not “last” nor a round number"), key, value);
    }
  else
    return invalid (error,
                    _ ("“%s=%s” is not understood (survey, question, stat, min, option, "
                       "group, round)"),
                    key, value);
  return TRUE;
}

static gboolean
parse_parts (SurveyGateArg *arg, const char *argument, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (argument, " \t", -1);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');

      if (*parts[i] == '\0')
        continue;
      if (equals == NULL || equals == parts[i] || equals[1] == '\0')
        return invalid (error, _ ("“%s” is not KEY=VALUE (%s)"), parts[i],
                        "survey=SLUG question=N stat=average min=3.5");
      *equals = '\0';
      if (!g_hash_table_add (seen, parts[i]))
        return invalid (error, _ ("%s: given twice (“%s”)"), parts[i], argument);
      if (!parse_part (arg, parts[i], equals + 1, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
required_parts (const SurveyGateArg *arg, GError **error)
{
  if (arg->survey == NULL)
    return invalid (error, _ ("%s: missing; give %s"), "survey", "survey=SLUG");
  if (arg->question == 0)
    return invalid (error, _ ("%s: missing; give %s"), "question", "question=N");
  if (arg->stat == NULL)
    return invalid (error, _ ("%s: missing; give %s"), "stat",
                    "stat=average, stat=share or stat=index");
  if (!arg->has_min)
    return invalid (error, _ ("%s: missing; give %s"), "min", "min=NUMBER");
  if (g_str_equal (arg->stat, "share") && arg->option == 0)
    return invalid (error, _ ("%s: missing; stat=share needs %s"), "option", "option=N");
  if (!g_str_equal (arg->stat, "share") && arg->option != 0)
    return invalid (error, _ ("%s: only stat=share takes an option (stat=%s)"), "option",
                    arg->stat);
  return TRUE;
}

void
survey_gate_arg_clear (SurveyGateArg *arg)
{
  g_clear_pointer (&arg->survey, g_free);
  g_clear_pointer (&arg->stat, g_free);
  g_clear_pointer (&arg->group, g_free);
}

gboolean
survey_gate_arg_parse (const char *argument, SurveyGateArg *arg, GError **error)
{
  memset (arg, 0, sizeof *arg);
  if (!parse_parts (arg, argument ? argument : "", error) || !required_parts (arg, error))
    {
      survey_gate_arg_clear (arg);
      return FALSE;
    }
  return TRUE;
}

/* ---- what the argument names must exist ------------------------------ */

static gboolean
find_survey (HelderStore *store, const char *text, gint64 *survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id FROM survey WHERE slug = ?1 OR CAST (id AS TEXT) = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *survey = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (helder_store_propagate (store, rc, error))
    invalid (error, _ ("%s: there is no survey “%s”"), "survey", text);
  return FALSE;
}

static gboolean
kind_fits (const char *stat, const char *kind)
{
  if (g_str_equal (stat, "average"))
    return g_str_equal (kind, "agree5") || g_str_equal (kind, "scale10");
  if (g_str_equal (stat, "index"))
    return g_str_equal (kind, "scale10");
  return g_str_equal (kind, "single") || g_str_equal (kind, "multiple");
}

static gboolean
check_question (HelderStore *store, gint64 survey, const SurveyGateArg *arg, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT kind, options FROM survey_question WHERE survey = ?1 AND position = ?2", error);
  g_autofree char *number = g_strdup_printf ("%u", arg->question);
  g_auto (GStrv) options = NULL;
  const char *kind;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int (stmt, 2, (int) arg->question);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error) &&
           invalid (error, _ ("%s: the survey has no question %s"), "question", number);
  kind = (const char *) sqlite3_column_text (stmt, 0);
  if (!kind_fits (arg->stat, kind))
    return invalid (error,
                    g_str_equal (arg->stat, "share")
                      ? _ ("%s: question %s is not a choice question (stat=share needs one)")
                    : g_str_equal (arg->stat, "index")
                      ? _ ("%s: question %s is not a 0–10 question (stat=index needs one)")
                      : _ ("%s: question %s is not a scale question (stat=average needs one)"),
                    "question", number);
  options = g_strsplit ((const char *) sqlite3_column_text (stmt, 1), "\n", -1);
  if (arg->option > g_strv_length (options))
    {
      g_autofree char *option = g_strdup_printf ("%u", arg->option);

      return invalid (error, _ ("%s: question has no option %s"), "option", option);
    }
  return TRUE;
}

static gboolean
check_group (HelderStore *store, const char *group, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT 1 FROM stakeholder_group WHERE slug = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  return helder_store_propagate (store, rc, error) &&
         invalid (error, _ ("%s: there is no group “%s”"), "group", group);
}

gboolean
survey_gate_arg_resolve (HelderStore *store,
                         const char *argument,
                         SurveyGateArg *arg,
                         gint64 *survey,
                         GError **error)
{
  if (!survey_gate_arg_parse (argument, arg, error))
    return FALSE;
  if (find_survey (store, arg->survey, survey, error) &&
      check_question (store, *survey, arg, error) &&
      (arg->group == NULL || check_group (store, arg->group, error)))
    return TRUE;
  survey_gate_arg_clear (arg);
  return FALSE;
}

static gboolean
measure_check (HelderStore *store, const char *argument, gpointer user_data, GError **error)
{
  SurveyGateArg arg;
  gint64 survey;

  if (!survey_gate_arg_resolve (store, argument, &arg, &survey, error))
    return FALSE;
  survey_gate_arg_clear (&arg);
  return TRUE;
}

void
surveys_gate_load (HelderContext *context)
{
  const HelderGateMeasure measure = {
    .name = "survey",
    .label = N_ ("a survey's result in its last closed round"),
    .check = measure_check,
    .evaluate = survey_gate_evaluate,
  };

  helder_context_add_gate_measure (context, &measure);
}
