/* survey-web-results.c — a survey's results as management reads them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /surveys/{id}/results[?round=N] renders survey_results(), which has
 * already applied the anonymity rules: per question a bar chart (SVG, its
 * words in <title> and <desc>) and a table with the same numbers, the
 * breakdowns per group and per role-change status, the trend across
 * rounds, the XLA index, response rates, and comments where the results
 * give them. A suppressed cell is shown as "fewer than 5 answers — not
 * shown" and never with a number: this page adds no number of its own,
 * so it cannot publish what the results withheld. GET
 * /surveys/{id}/results.csv is the same results as CSV; the API's
 * /api/v1/surveys/{id}/results gives survey_results() as it is.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-results.h"
#include "survey-svg.h"
#include "survey-web-private.h"

/* ---- numbers as people read them ---------------------------------------- */

static char *
decimal (double value, int digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *dot;

  g_ascii_formatd (buf, sizeof buf, digits == 2 ? "%.2f" : "%.1f", value);
  if (g_str_has_suffix (buf, digits == 2 ? ".00" : ".0"))
    buf[strlen (buf) - (digits == 2 ? 3 : 2)] = '\0';
  /* TRANSLATORS: the decimal mark of numbers on the results page */
  if ((dot = strchr (buf, '.')) != NULL)
    *dot = _ (".")[0];
  return g_strdup (buf);
}

static gboolean
is_suppressed (JsonObject *cell)
{
  return cell == NULL || json_object_get_boolean_member_with_default (cell, "suppressed", FALSE);
}

/* "fewer than 5 answers — not shown" */
static char *
suppressed_text (JsonObject *cell)
{
  const char *reason =
    cell != NULL ? json_object_get_string_member_with_default (cell, "reason", "") : "";

  if (*reason == '\0')
    return g_strdup (_ ("not shown"));
  return g_strdup_printf (_ ("%s — not shown"), reason);
}

static gboolean
is_scale (const char *kind)
{
  return g_strcmp0 (kind, "agree5") == 0 || g_strcmp0 (kind, "scale10") == 0;
}

/* The name of a group or status cell. */
static const char *
cell_name (JsonObject *cell)
{
  const char *name = json_object_get_string_member_with_default (cell, "name", NULL);

  if (name != NULL)
    return name;
  name = json_object_get_string_member_with_default (cell, "status", NULL);
  return name != NULL ? survey_web_word (name) : "";
}

/* A row of a breakdown table and its bar: n, average, index, or why not. */
static void
add_cell (JsonArray *rows, JsonArray *bars, const char *name, JsonObject *cell)
{
  JsonObject *row = json_object_new ();
  JsonObject *bar = json_object_new ();

  json_object_set_string_member (row, "name", name);
  json_object_set_string_member (bar, "label", name);
  if (is_suppressed (cell))
    {
      g_autofree char *text = suppressed_text (cell);

      json_object_set_string_member (row, "suppressed", text);
      json_object_set_boolean_member (bar, "suppressed", TRUE);
      json_object_set_string_member (bar, "text", text);
    }
  else
    {
      gint64 n = json_object_get_int_member_with_default (cell, "n", 0);
      g_autofree char *count = g_strdup_printf ("%" PRId64, n);

      json_object_set_string_member (row, "n", count);
      if (json_object_has_member (cell, "average"))
        {
          double average = json_object_get_double_member (cell, "average");
          g_autofree char *text = decimal (average, 2);
          g_autofree char *said = g_strdup_printf (_ ("average %s (%s answers)"), text, count);

          json_object_set_string_member (row, "average", text);
          json_object_set_double_member (bar, "value", average);
          json_object_set_string_member (bar, "text", said);
        }
      else
        {
          g_autofree char *said = g_strdup_printf (_ ("%s answers"), count);
          json_object_set_double_member (bar, "value", n);
          json_object_set_string_member (bar, "text", said);
        }
      if (json_object_has_member (cell, "index"))
        {
          g_autofree char *index = decimal (json_object_get_double_member (cell, "index"), 1);
          json_object_set_string_member (row, "index", index);
        }
    }
  json_array_add_object_element (rows, row);
  json_array_add_object_element (bars, bar);
}

/* ---- one question ------------------------------------------------------------ */

static void
add_distribution (JsonObject *view, JsonObject *q, JsonObject *all)
{
  JsonArray *distribution = survey_web_array (all, "distribution");
  g_autoptr (JsonArray) bars = json_array_new ();
  JsonArray *rows = json_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *svg = NULL;

  for (guint i = 0; distribution != NULL && i < json_array_get_length (distribution); i++)
    {
      JsonObject *item = json_array_get_object_element (distribution, i);
      JsonObject *row = json_object_new ();
      JsonObject *bar = json_object_new ();
      gint64 count = json_object_get_int_member_with_default (item, "count", 0);
      double percent = json_object_get_double_member_with_default (item, "percent", 0);
      g_autofree char *label = NULL;
      g_autofree char *pct = decimal (percent, 1);
      g_autofree char *count_text = g_strdup_printf ("%" PRId64, count);
      g_autofree char *said = g_strdup_printf (_ ("%s (%s %%)"), count_text, pct);

      if (json_object_has_member (item, "label"))
        label = g_strdup (json_object_get_string_member (item, "label"));
      else if (g_strcmp0 (json_object_get_string_member_with_default (q, "kind", ""), "agree5") ==
               0)
        label = survey_web_agree_label (json_object_get_int_member_with_default (item, "value", 0));
      else
        label =
          g_strdup_printf ("%" PRId64, json_object_get_int_member_with_default (item, "value", 0));
      json_object_set_string_member (row, "label", label);
      json_object_set_string_member (row, "count", count_text);
      json_object_set_string_member (row, "percent", pct);
      json_object_set_string_member (bar, "label", label);
      json_object_set_double_member (bar, "value", percent);
      json_object_set_string_member (bar, "text", said);
      json_array_add_object_element (rows, row);
      json_array_add_object_element (bars, bar);
    }
  json_object_set_boolean_member (view, "has_distribution", json_array_get_length (rows) > 0);
  json_object_set_array_member (view, "distribution", rows);
  if (json_array_get_length (bars) == 0)
    return;
  title =
    g_strdup_printf (_ ("Answers to question %" PRId64 ", in per cent of %" PRId64 " answers"),
                     json_object_get_int_member_with_default (q, "position", 0),
                     json_object_get_int_member_with_default (all, "n", 0));
  svg = survey_svg_bars (title, bars, 100);
  json_object_set_string_member (view, "chart", svg);
}

/* A breakdown (per group, per status, per round) after the others. */
static void
add_part (JsonObject *view, JsonObject *part)
{
  if (!json_object_has_member (view, "breakdowns"))
    json_object_set_array_member (view, "breakdowns", json_array_new ());
  json_array_add_object_element (survey_web_array (view, "breakdowns"), part);
}

static void
add_breakdown (JsonObject *view, JsonArray *cells, const char *kind, const char *title)
{
  g_autoptr (JsonArray) bars = json_array_new ();
  JsonArray *rows = json_array_new ();
  g_autofree char *svg = NULL;

  for (guint i = 0; cells != NULL && i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      add_cell (rows, bars, cell_name (cell), cell);
    }
  if (json_array_get_length (rows) == 0)
    {
      json_array_unref (rows);
      return;
    }
  {
    JsonObject *part = json_object_new ();

    json_object_set_array_member (part, "rows", rows);
    json_object_set_string_member (part, "title", title);
    if (is_scale (kind))
      {
        svg = survey_svg_bars (title, bars, g_str_equal (kind, "scale10") ? 10 : 5);
        json_object_set_string_member (part, "chart", svg);
      }
    add_part (view, part);
  }
}

static void
add_trend (JsonObject *view, JsonArray *trend, const char *kind, gint64 position)
{
  g_autoptr (JsonArray) bars = json_array_new ();
  JsonArray *rows = json_array_new ();

  for (guint i = 0; trend != NULL && i < json_array_get_length (trend); i++)
    {
      JsonObject *cell = json_array_get_object_element (trend, i);
      g_autofree char *name = g_strdup_printf (
        _ ("round %" PRId64), json_object_get_int_member_with_default (cell, "number", 0));
      add_cell (rows, bars, name, cell);
    }
  if (json_array_get_length (rows) < 2)
    {
      json_array_unref (rows);
      return;
    }
  {
    JsonObject *part = json_object_new ();
    g_autofree char *title =
      g_strdup_printf (_ ("Question %" PRId64 " across the rounds"), position);

    json_object_set_array_member (part, "rows", rows);
    json_object_set_string_member (part, "title", title);
    if (is_scale (kind))
      {
        g_autofree char *svg =
          survey_svg_bars (title, bars, g_str_equal (kind, "scale10") ? 10 : 5);
        json_object_set_string_member (part, "chart", svg);
      }
    add_part (view, part);
  }
}

static JsonObject *
question_view (JsonObject *q)
{
  JsonObject *view = json_object_new ();
  const char *kind = json_object_get_string_member_with_default (q, "kind", "");
  JsonObject *cells = survey_web_object (q, "cells");
  JsonObject *all = cells != NULL ? survey_web_object (cells, "all") : NULL;
  gint64 position = json_object_get_int_member_with_default (q, "position", 0);
  JsonNode *comments = json_object_get_member (q, "comments");

  json_object_set_int_member (view, "position", position);
  json_object_set_string_member (view, "text",
                                 json_object_get_string_member_with_default (q, "text", ""));
  json_object_set_string_member (view, "kind", survey_web_word (kind));
  if (is_suppressed (all))
    {
      g_autofree char *text = suppressed_text (all);
      json_object_set_string_member (view, "suppressed", text);
    }
  else
    {
      g_autofree char *n =
        g_strdup_printf ("%" PRId64, json_object_get_int_member_with_default (all, "n", 0));

      json_object_set_string_member (view, "n", n);
      if (json_object_has_member (all, "average"))
        {
          g_autofree char *average = decimal (json_object_get_double_member (all, "average"), 2);
          json_object_set_string_member (view, "average", average);
        }
      if (json_object_has_member (all, "index"))
        {
          g_autofree char *index = decimal (json_object_get_double_member (all, "index"), 1);
          json_object_set_string_member (view, "index", index);
        }
      add_distribution (view, q, all);
    }
  /* Breakdowns of a question whose total is withheld would only repeat
   * that nothing is shown. */
  if (cells != NULL && !is_suppressed (all))
    {
      g_autofree char *by_group = g_strdup_printf (_ ("Question %" PRId64 " per group"), position);
      g_autofree char *by_status =
        g_strdup_printf (_ ("Question %" PRId64 " per status of the role change"), position);

      add_breakdown (view, survey_web_array (cells, "group"), kind, by_group);
      add_breakdown (view, survey_web_array (cells, "status"), kind, by_status);
    }
  add_trend (view, survey_web_array (q, "trend"), kind, position);
  if (comments != NULL && JSON_NODE_HOLDS_ARRAY (comments))
    json_object_set_boolean_member (view, "has_comments",
                                    json_array_get_length (json_node_get_array (comments)) > 0);
  if (comments != NULL && JSON_NODE_HOLDS_ARRAY (comments))
    json_object_set_array_member (view, "comments",
                                  json_array_ref (json_node_get_array (comments)));
  else if (comments != NULL && JSON_NODE_HOLDS_OBJECT (comments))
    {
      g_autofree char *text = suppressed_text (json_node_get_object (comments));
      json_object_set_string_member (view, "comments_suppressed", text);
    }
  return view;
}

/* ---- response rates ------------------------------------------------------------ */

static JsonObject *
rate_row (const char *name, JsonObject *cell)
{
  JsonObject *row = json_object_new ();

  json_object_set_string_member (row, "name", name);
  if (json_object_has_member (cell, "invited"))
    {
      g_autofree char *invited =
        g_strdup_printf ("%" PRId64, json_object_get_int_member (cell, "invited"));
      json_object_set_string_member (row, "invited", invited);
    }
  if (is_suppressed (cell) || !json_object_has_member (cell, "responses"))
    {
      g_autofree char *text = suppressed_text (cell);
      json_object_set_string_member (row, "suppressed", text);
    }
  else
    {
      g_autofree char *responses =
        g_strdup_printf ("%" PRId64, json_object_get_int_member (cell, "responses"));
      json_object_set_string_member (row, "responses", responses);
      if (json_object_has_member (cell, "rate"))
        {
          g_autofree char *rate = decimal (json_object_get_double_member (cell, "rate"), 1);
          json_object_set_string_member (row, "rate", rate);
        }
    }
  return row;
}

static void
add_rates (JsonObject *view, JsonArray *rounds, gint64 current, gint64 survey)
{
  JsonArray *rows = json_array_new ();
  JsonArray *links = json_array_new ();

  for (guint i = 0; rounds != NULL && i < json_array_get_length (rounds); i++)
    {
      JsonObject *round = json_array_get_object_element (rounds, i);
      gint64 number = json_object_get_int_member_with_default (round, "number", 0);
      g_autofree char *name = g_strdup_printf (_ ("round %" PRId64), number);
      g_autofree char *href =
        g_strdup_printf ("/surveys/%" PRId64 "/results?round=%" PRId64, survey, number);
      JsonObject *row = rate_row (name, round);
      JsonObject *link = json_object_new ();

      json_object_set_string_member (
        row, "status",
        survey_web_word (json_object_get_string_member_with_default (round, "status", "")));
      json_array_add_object_element (rows, row);
      json_object_set_string_member (link, "name", name);
      json_object_set_string_member (link, "href", href);
      json_object_set_boolean_member (link, "current", number == current);
      json_array_add_object_element (links, link);
      if (number == current)
        {
          JsonArray *groups = survey_web_array (round, "groups");
          JsonArray *group_rows = json_array_new ();

          for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
            {
              JsonObject *cell = json_array_get_object_element (groups, g);
              json_array_add_object_element (group_rows, rate_row (cell_name (cell), cell));
            }
          json_object_set_boolean_member (view, "has_group_rates",
                                          json_array_get_length (group_rows) > 0);
          json_object_set_array_member (view, "group_rates", group_rows);
        }
    }
  json_object_set_array_member (view, "rates", rows);
  json_object_set_boolean_member (view, "several_rounds", json_array_get_length (links) > 1);
  json_object_set_array_member (view, "round_links", links);
}

/* ---- the round's follow-up -------------------------------------------------------- */

/* "What we do with the results: TITLE — sent on DATE", linked to its
 * moment; for a closed round without one, where the form is
 * (plan_followup, which the handler drops for whoever may not manage). */
static void
add_followup (JsonObject *view, JsonObject *results, gint64 current, gint64 survey)
{
  JsonObject *note = survey_web_object (results, "followup");
  JsonArray *rounds = survey_web_array (results, "rounds");
  const char *status = NULL;

  if (note != NULL)
    {
      JsonObject *out = json_object_new ();
      const char *at = json_object_get_null_member (note, "scheduled_at")
                         ? NULL
                         : json_object_get_string_member (note, "scheduled_at");
      g_autofree char *when = at != NULL ? helder_web_format_datetime (at) : g_strdup ("");
      g_autofree char *href = g_strdup_printf (
        "/moments/%" PRId64, json_object_get_int_member_with_default (note, "moment", 0));

      json_object_set_string_member (
        out, "title", json_object_get_string_member_with_default (note, "title", ""));
      json_object_set_string_member (out, "when", when);
      json_object_set_string_member (out, "href", href);
      json_object_set_boolean_member (
        out, "sent",
        g_strcmp0 (json_object_get_string_member_with_default (note, "status", ""), "sent") == 0);
      json_object_set_object_member (view, "followup", out);
      return;
    }
  for (guint i = 0; rounds != NULL && i < json_array_get_length (rounds); i++)
    {
      JsonObject *round = json_array_get_object_element (rounds, i);

      if (json_object_get_int_member_with_default (round, "number", 0) == current)
        status = json_object_get_string_member_with_default (round, "status", "");
    }
  if (g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "reduced") == 0)
    {
      g_autofree char *href =
        g_strdup_printf ("/surveys/%" PRId64 "/follow-up?round=%" PRId64, survey, current);
      json_object_set_string_member (view, "plan_followup", href);
    }
}

JsonObject *
survey_web_results_view (JsonObject *results)
{
  JsonObject *view = json_object_new ();
  JsonObject *survey = survey_web_object (results, "survey");
  JsonArray *questions = survey_web_array (results, "questions");
  JsonArray *views = json_array_new ();
  gint64 id = survey != NULL ? json_object_get_int_member_with_default (survey, "id", 0) : 0;
  gint64 current = json_object_get_int_member_with_default (results, "round", 0);
  gint64 threshold = json_object_get_int_member_with_default (results, "threshold", 5);
  g_autofree char *rule = g_strdup_printf (
    _ ("Numbers from fewer than %" PRId64 " answers are not shown, nor comments from fewer than "
       "10, also where they could be worked out from the others."),
    threshold);

  json_object_set_int_member (view, "id", id);
  json_object_set_string_member (
    view, "title",
    survey != NULL ? json_object_get_string_member_with_default (survey, "title", "") : "");
  json_object_set_string_member (
    view, "kind",
    survey_web_word (
      survey != NULL ? json_object_get_string_member_with_default (survey, "kind", "") : ""));
  json_object_set_int_member (view, "round", current);
  /* The results' own note says the rule where they give one. */
  if (json_object_has_member (results, "note"))
    json_object_set_string_member (
      view, "rule", json_object_get_string_member_with_default (results, "note", ""));
  else
    json_object_set_string_member (view, "rule", rule);
  add_rates (view, survey_web_array (results, "rounds"), current, id);
  add_followup (view, results, current, id);
  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    json_array_add_object_element (views,
                                   question_view (json_array_get_object_element (questions, i)));
  json_object_set_array_member (view, "questions", views);
  return view;
}

/* ---- handlers ------------------------------------------------------------------- */

/* ?round=N: 0 when absent; -1 (after answering 400) when it is no number. */
gint64
survey_web_round_query (HelderWebRequest *request)
{
  const char *text = helder_web_query (request, "round");
  gint64 round;

  if (text == NULL || *text == '\0')
    return 0;
  round = helder_web_parse_id (text);
  if (round < 1 || round > 10000)
    {
      g_autofree char *message =
        g_strdup_printf (_ ("round: “%s” is not the number of a round (1, 2, …)"), text);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "round", message);
      return -1;
    }
  return round;
}

/* GET /surveys/{id}/results */
void
survey_web_handle_results (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  gint64 round;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) results = NULL;
  g_autoptr (JsonObject) context = NULL;
  g_autofree char *title = NULL;
  JsonObject *view;

  if (survey == 0 || (round = survey_web_round_query (request)) < 0)
    return;
  results = survey_results (helder_web_request_get_store (request), survey, round, &error);
  if (results == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  context = json_object_new ();
  view = survey_web_results_view (results);
  if (!helder_web_request_may (request, "surveys.manage"))
    json_object_remove_member (view, "plan_followup");
  json_object_set_object_member (context, "results", view);
  title =
    g_strdup_printf (_ ("Results: %s"), json_object_get_string_member_with_default (
                                          survey_web_object (results, "survey"), "title", ""));
  helder_web_respond_page (request, SOUP_STATUS_OK, "surveys/results", title, context);
}

/* GET /api/v1/surveys/{id}/results[?round=N] */
void
survey_web_api_results (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  gint64 round;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) results = NULL;

  if (survey == 0 || (round = survey_web_round_query (request)) < 0)
    return;
  results = survey_results (helder_web_request_get_store (request), survey, round, &error);
  if (results == NULL)
    helder_web_respond_gerror (request, NULL, error);
  else
    helder_web_respond_object (request, SOUP_STATUS_OK, results);
}

/* GET /api/v1/surveys/{id}/results.csv[?round=N] */
void
survey_web_api_results_csv (HelderWebRequest *request)
{
  survey_web_handle_results_csv (request);
}

/* GET /surveys/{id}/results.csv */
void
survey_web_handle_results_csv (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  gint64 round;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (GBytes) body = NULL;

  if (survey == 0 || (round = survey_web_round_query (request)) < 0)
    return;
  csv = survey_results_csv (helder_web_request_get_store (request), survey, round, &error);
  if (csv == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  {
    gsize length = strlen (csv);
    body = g_bytes_new_take (g_steal_pointer (&csv), length);
  }
  helder_web_respond_bytes (request, SOUP_STATUS_OK, "text/csv; charset=utf-8", body);
}
