/* survey-cli-results.c — `helder survey results` and `helder survey export`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both show the results with the anonymity rules applied (survey-results.c);
 * the export is the same results as CSV. Raw responses are never exported.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "survey-results.h"
#include "survey-suppress.h"
#include "surveys-private.h"

#define RESULTS_SUMMARY N_ ("Show a survey's results, with small groups suppressed")
#define EXPORT_SUMMARY  N_ ("Export a survey's results (never its raw answers) as CSV")

/* A survey named by its id or slug. */
static gboolean
resolve_survey (HelderStore *store, const char *text, gint64 *survey, GError **error)
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
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, "survey",
                      _ ("There is no survey \"%s\" (give its number or slug)"), text);
  return FALSE;
}

static gboolean
parse_round (const char *text, guint *round, GError **error)
{
  guint64 value = 0;

  *round = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL))
    return helder_cli_usage_error (error, _ ("--round: \"%s\" is not a round number (1 or more)"),
                                   text);
  *round = (guint) value;
  return TRUE;
}

/* Options parsed, the one SURVEY argument resolved. */
static gboolean
prepare (HelderInvocation *invocation,
         GOptionEntry *entries,
         const char *summary,
         int *argc,
         char ***argv,
         HelderStore **store,
         gint64 *survey,
         GError **error)
{
  if (!helder_cli_parse (invocation, entries, _ ("SURVEY"), summary, argc, argv, error))
    return FALSE;
  if (*argc != 2)
    return helder_cli_usage_error (error,
                                   *argc < 2 ? _ ("Name the survey: helder %s SURVEY")
                                             : _ ("Only one survey, please: helder %s SURVEY"),
                                   invocation->command);
  *store = helder_context_get_store (invocation->context, error);
  if (*store == NULL)
    return FALSE;
  return resolve_survey (*store, (*argv)[1], survey, error);
}

static void
print_reach (JsonObject *object, const char *indent, const char *name)
{
  if (json_object_get_boolean_member_with_default (object, "suppressed", FALSE))
    g_print ("%s%s: %s\n", indent, name, json_object_get_string_member (object, "reason"));
  else if (json_object_has_member (object, "rate"))
    g_print (_ ("%s%s: %lld answers of %lld invited (%.1f%%)\n"), indent, name,
             (long long) json_object_get_int_member (object, "responses"),
             (long long) json_object_get_int_member (object, "invited"),
             json_object_get_double_member (object, "rate"));
  else
    g_print (_ ("%s%s: %lld answers\n"), indent, name,
             (long long) json_object_get_int_member (object, "responses"));
}

static void
print_cell (JsonObject *cell, const char *name)
{
  JsonArray *distribution;
  g_autoptr (GString) line = g_string_new (NULL);

  if (json_object_get_boolean_member_with_default (cell, "suppressed", FALSE))
    {
      g_print ("    %s: %s\n", name, json_object_get_string_member (cell, "reason"));
      return;
    }
  g_string_append_printf (line, _ ("n = %lld"), (long long) json_object_get_int_member (cell, "n"));
  if (json_object_has_member (cell, "average"))
    g_string_append_printf (line, _ (", average %.2f"),
                            json_object_get_double_member (cell, "average"));
  if (json_object_has_member (cell, "index"))
    g_string_append_printf (line, _ (", index %+.0f"),
                            json_object_get_double_member (cell, "index"));
  distribution = survey_json_array (cell, "distribution");
  for (guint i = 0; distribution != NULL && i < json_array_get_length (distribution); i++)
    {
      JsonObject *item = json_array_get_object_element (distribution, i);
      const char *label = json_object_get_string_member_with_default (item, "label", NULL);

      if (label != NULL)
        g_string_append_printf (line, "; %s %.0f%%", label,
                                json_object_get_double_member (item, "percent"));
      else
        g_string_append_printf (line, "; %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT,
                                json_object_get_int_member (item, "value"),
                                json_object_get_int_member (item, "count"));
    }
  g_print ("    %s: %s\n", name, line->str);
}

static const char *
cell_label (JsonObject *cell)
{
  const char *name = json_object_get_string_member_with_default (cell, "name", NULL);

  return name ? name : json_object_get_string_member_with_default (cell, "status", "");
}

static void
print_question (JsonObject *q)
{
  JsonObject *cells = survey_json_object (q, "cells");
  JsonNode *comments = json_object_get_member (q, "comments");

  g_print ("\n%" G_GINT64_FORMAT ". %s\n", json_object_get_int_member (q, "position"),
           json_object_get_string_member (q, "text"));
  if (cells == NULL)
    return;
  print_cell (json_object_get_object_member (cells, "all"), _ ("everyone"));
  for (int d = 0; d < 2; d++)
    {
      JsonArray *list = json_object_get_array_member (cells, d == 0 ? "group" : "status");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *cell = json_array_get_object_element (list, i);
          print_cell (cell, cell_label (cell));
        }
    }
  if (comments != NULL && JSON_NODE_HOLDS_ARRAY (comments))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (comments)); i++)
      g_print ("    – %s\n", json_array_get_string_element (json_node_get_array (comments), i));
  else if (comments != NULL)
    g_print (_ ("    comments: %s\n"),
             json_object_get_string_member (json_node_get_object (comments), "reason"));
}

/* A round's status in the reader's language. */
static const char *
round_status_text (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0)
    return _ ("planned");
  if (g_strcmp0 (status, "open") == 0)
    return _ ("open");
  if (g_strcmp0 (status, "closed") == 0)
    return _ ("closed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _ ("cancelled");
  if (g_strcmp0 (status, "reduced") == 0)
    return _ ("reduced to its results");
  return status;
}

static void
print_results (JsonObject *results)
{
  JsonArray *rounds = json_object_get_array_member (results, "rounds");
  JsonArray *questions = json_object_get_array_member (results, "questions");

  g_print ("%s\n", json_object_get_string_member (json_object_get_object_member (results, "survey"),
                                                  "title"));
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonObject *round = json_array_get_object_element (rounds, i);
      g_autofree char *name = g_strdup_printf (
        _ ("Round %lld (%s)"), (long long) json_object_get_int_member (round, "number"),
        round_status_text (json_object_get_string_member (round, "status")));

      if (json_object_has_member (round, "invited"))
        print_reach (round, "", name);
      else
        g_print (_ ("%s: not opened yet\n"), name);
    }
  for (guint i = 0; i < json_array_get_length (questions); i++)
    print_question (json_array_get_object_element (questions, i));
  g_print ("\n%s\n", json_object_get_string_member (results, "note"));
  survey_cli_print_followup (results);
}

gboolean
survey_cli_results (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *round_text = NULL;
  GOptionEntry entries[] = { { "round", 0, 0, G_OPTION_ARG_STRING, &round_text,
                               N_ ("The round to show (default: the latest that opened)"),
                               N_ ("N") },
                             { NULL } };
  g_autoptr (JsonObject) results = NULL;
  HelderStore *store = NULL;
  gint64 survey = 0;
  guint round = 0;

  if (!prepare (invocation, entries, RESULTS_SUMMARY, &argc, &argv, &store, &survey, error) ||
      !parse_round (round_text, &round, error))
    return FALSE;
  results = survey_results (store, survey, round, error);
  if (results == NULL)
    return FALSE;
  if (invocation->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), results);
      helder_cli_print_json (node);
    }
  else
    print_results (results);
  return TRUE;
}

gboolean
survey_cli_export (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *round_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_text,
      N_ ("The round to export (default: the latest that opened)"), N_ ("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write the CSV to this file (default: standard output)"), N_ ("FILE.csv") },
    { NULL }
  };
  g_autofree char *csv = NULL;
  g_autoptr (GError) local = NULL;
  HelderStore *store = NULL;
  gint64 survey = 0;
  guint round = 0;

  if (!prepare (invocation, entries, EXPORT_SUMMARY, &argc, &argv, &store, &survey, error) ||
      !parse_round (round_text, &round, error))
    return FALSE;
  if (output != NULL && *output == '\0')
    return helder_cli_usage_error (error, _ ("--output: give a file name"));
  csv = survey_results_csv (store, survey, round, error);
  if (csv == NULL)
    return FALSE;
  if (output == NULL)
    {
      fputs (csv, stdout);
      return TRUE;
    }
  if (!g_file_set_contents (output, csv, -1, &local))
    {
      helder_error_set (error, HELDER_ERROR_IO, "output", _ ("--output: cannot write \"%s\": %s"),
                        output, local->message);
      return FALSE;
    }
  return TRUE;
}
