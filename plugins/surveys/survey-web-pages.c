/* survey-web-pages.c — the advisor's pages of surveys: the list, one
 * survey, opening and closing it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /surveys lists every survey with its kind, status, rounds and the
 * response rate of its current round, shown only once that round has at
 * least the survey's threshold of responses. GET /surveys/{id} shows the
 * questions, the rounds (their counts as allowed), the governance record
 * and what is missing before the survey may open, with the open and close
 * buttons as forms. The POSTs check the form token, call survey_open() or
 * survey_close() with the signed-in advisor as actor, and lead back to the
 * survey; a refusal comes back on the survey's page, nothing changed.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-define.h"
#include "survey-web-private.h"

static const char *
column_text (HelderStmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* A round's status as the clock says. */
static const char *
round_status (const char *stored, const char *opens_at, const char *closes_at, const char *now)
{
  if (g_str_equal (stored, "cancelled") || g_str_equal (stored, "reduced"))
    return stored;
  if (strcmp (now, opens_at) < 0)
    return "planned";
  if (strcmp (now, closes_at) < 0 && !g_str_equal (stored, "closed"))
    return "open";
  return "closed";
}

/* "12 of 40 (30 %)", or why the count is not shown. */
static char *
answered_text (gint64 answered, gint64 invited, gint64 threshold)
{
  if (answered < threshold)
    return g_strdup_printf (_ ("fewer than %" PRId64 " answers — not shown"), threshold);
  if (invited > 0)
    return g_strdup_printf (_ ("%" PRId64 " of %" PRId64 " (%" PRId64 " %%)"), answered, invited,
                            (answered * 100 + invited / 2) / invited);
  return g_strdup_printf ("%" PRId64, answered);
}

/* ---- the list ------------------------------------------------------------------ */

static const char list_sql[] =
  "SELECT s.id, s.title, s.kind, s.status, s.threshold,"
  " (SELECT count (*) FROM survey_round r WHERE r.survey = s.id AND r.status != 'cancelled'),"
  " (SELECT r.id FROM survey_round r WHERE r.survey = s.id AND r.opens_at <= ?1"
  "   AND r.status != 'cancelled' ORDER BY r.number DESC LIMIT 1)"
  " FROM survey s ORDER BY s.created_at DESC, s.id DESC";

static gboolean
round_counts (HelderStore *store, gint64 round, gint64 *invited, gint64 *answered, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT (SELECT invited FROM survey_population WHERE round = ?1 AND dimension = 'all'),"
    " (SELECT count (*) FROM survey_answered WHERE round = ?1)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return helder_store_propagate (store, SQLITE_ERROR, error);
  *invited = sqlite3_column_int64 (stmt, 0);
  *answered = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* GET /surveys */
void
survey_web_handle_list (HelderWebRequest *request)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, list_sql, &error);
  JsonArray *surveys = json_array_new ();
  int rc;

  json_object_set_array_member (context, "surveys", surveys);
  if (stmt == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 current = sqlite3_column_int64 (stmt, 6);
      g_autofree char *href = g_strdup_printf ("/surveys/%" PRId64, id);

      json_object_set_string_member (item, "href", href);
      json_object_set_string_member (item, "title", column_text (stmt, 1));
      json_object_set_string_member (item, "kind", survey_web_word (column_text (stmt, 2)));
      json_object_set_string_member (item, "status", survey_web_word (column_text (stmt, 3)));
      json_object_set_string_member (item, "status_class", column_text (stmt, 3));
      json_object_set_int_member (item, "rounds", sqlite3_column_int64 (stmt, 5));
      if (current > 0)
        {
          gint64 invited = 0, answered = 0;
          g_autofree char *rate = NULL;

          if (!round_counts (store, current, &invited, &answered, &error))
            {
              helder_web_respond_gerror (request, NULL, error);
              return;
            }
          rate = answered_text (answered, invited, sqlite3_column_int64 (stmt, 4));
          json_object_set_string_member (item, "rate", rate);
        }
      json_array_add_object_element (surveys, item);
    }
  if (!helder_store_propagate (store, rc, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_boolean_member (context, "has_surveys", json_array_get_length (surveys) > 0);
  helder_web_respond_page (request, SOUP_STATUS_OK, "surveys/list", _ ("Surveys"), context);
}

/* ---- one survey ------------------------------------------------------------------ */

static JsonArray *
questions_view (HelderStore *store, gint64 survey, gint64 *count, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT position, kind, text, required FROM survey_question WHERE survey = ?1 ORDER BY position",
    error);
  g_autoptr (JsonArray) questions = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *q = json_object_new ();

      json_object_set_int_member (q, "position", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (q, "kind", survey_web_word (column_text (stmt, 1)));
      json_object_set_string_member (q, "text", column_text (stmt, 2));
      json_object_set_boolean_member (q, "required", sqlite3_column_int (stmt, 3) != 0);
      json_array_add_object_element (questions, q);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  *count = json_array_get_length (questions);
  return g_steal_pointer (&questions);
}

static JsonArray *
rounds_view (HelderStore *store, gint64 survey, gint64 threshold, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT id, number, status, opens_at, closes_at FROM survey_round WHERE survey = ?1"
    " ORDER BY number",
    error);
  g_autoptr (JsonArray) rounds = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *round = json_object_new ();
      const char *status =
        round_status (column_text (stmt, 2), column_text (stmt, 3), column_text (stmt, 4), now);
      g_autofree char *opens = helder_web_format_datetime (column_text (stmt, 3));
      g_autofree char *closes = helder_web_format_datetime (column_text (stmt, 4));
      gint64 invited = 0, answered = 0;

      json_object_set_int_member (round, "number", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (round, "status", survey_web_word (status));
      json_object_set_string_member (round, "opens", opens);
      json_object_set_string_member (round, "closes", closes);
      if (!g_str_equal (status, "planned") && !g_str_equal (status, "cancelled"))
        {
          g_autofree char *text = NULL;

          if (!round_counts (store, sqlite3_column_int64 (stmt, 0), &invited, &answered, error))
            return NULL;
          text = answered_text (answered, invited, threshold);
          json_object_set_int_member (round, "invited", invited);
          json_object_set_string_member (round, "answered", text);
        }
      json_array_add_object_element (rounds, round);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rounds);
}

static void
add_governance (JsonObject *view, JsonObject *row)
{
  const char *council = json_object_get_string_member_with_default (row, "works_council", "");
  const char *basis = json_object_get_string_member_with_default (row, "legal_basis", "");
  const char *council_on = json_object_get_string_member_with_default (row, "works_council_on", "");

  json_object_set_string_member (view, "purpose",
                                 json_object_get_string_member_with_default (row, "purpose", ""));
  json_object_set_string_member (view, "legal_basis", survey_web_word (basis));
  json_object_set_string_member (view, "works_council", survey_web_word (council));
  if (council_on != NULL && *council_on != '\0')
    {
      g_autofree char *date = helder_web_format_date (council_on);
      json_object_set_string_member (view, "works_council_on", date);
    }
  if (json_object_has_member (row, "retention_months") &&
      !json_object_get_null_member (row, "retention_months"))
    json_object_set_int_member (view, "retention_months",
                                json_object_get_int_member (row, "retention_months"));
}

static void
add_window (JsonObject *view, JsonObject *row, const char *member)
{
  const char *utc = json_object_get_string_member_with_default (row, member, NULL);

  if (utc != NULL && *utc != '\0')
    {
      g_autofree char *text = helder_web_format_datetime (utc);
      json_object_set_string_member (view, member, text);
    }
}

static void
respond_survey (HelderWebRequest *request, guint status, gint64 survey, const GError *problem)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = survey_get (store, survey, &error);
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *view = json_object_new ();
  JsonArray *questions = NULL, *rounds = NULL;
  gint64 n_questions = 0, threshold;
  g_autofree char *missing = NULL;
  const char *state;

  json_object_set_object_member (context, "survey", view);
  if (row == NULL || (questions = questions_view (store, survey, &n_questions, &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_array_member (view, "questions", questions);
  threshold = json_object_get_int_member_with_default (row, "threshold", 5);
  if ((rounds = rounds_view (store, survey, threshold, &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_array_member (view, "rounds", rounds);
  state = json_object_get_string_member_with_default (row, "status", "draft");
  json_object_set_int_member (view, "id", survey);
  json_object_set_string_member (view, "title",
                                 json_object_get_string_member_with_default (row, "title", ""));
  json_object_set_string_member (
    view, "kind", survey_web_word (json_object_get_string_member_with_default (row, "kind", "")));
  json_object_set_string_member (view, "status", survey_web_word (state));
  json_object_set_string_member (view, "status_class", state);
  json_object_set_int_member (view, "threshold", threshold);
  add_window (view, row, "opens_at");
  add_window (view, row, "closes_at");
  add_governance (view, row);
  missing = survey_missing_governance (row, n_questions);
  if (missing != NULL && g_str_equal (state, "draft"))
    json_object_set_string_member (view, "missing", missing);
  json_object_set_boolean_member (view, "can_open",
                                  g_str_equal (state, "draft") && missing == NULL);
  json_object_set_boolean_member (view, "can_close", g_str_equal (state, "open"));
  json_object_set_boolean_member (view, "has_rounds", json_array_get_length (rounds) > 0);
  json_object_set_boolean_member (view, "may_results",
                                  helder_web_request_may (request, "surveys.results"));
  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  helder_web_respond_page (request, status, "surveys/survey",
                           json_object_get_string_member_with_default (row, "title", ""), context);
}

/* GET /surveys/{id} */
void
survey_web_handle_show (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);

  if (survey != 0)
    respond_survey (request, SOUP_STATUS_OK, survey, NULL);
}

typedef gboolean (*SurveyChange) (HelderStore *store,
                                  gint64 survey,
                                  const HelderAuditActor *actor,
                                  GError **error);

static void
change (HelderWebRequest *request, SurveyChange apply)
{
  gint64 survey = survey_web_survey_param (request);
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor;

  if (survey == 0 || (form = helder_web_read_form (request)) == NULL ||
      !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  if (!apply (helder_web_request_get_store (request), survey, &actor, &error))
    {
      guint status = helder_web_status_of (error, NULL);

      if (status >= 500)
        helder_web_respond_gerror (request, NULL, error);
      else
        respond_survey (request, status, survey, error);
      return;
    }
  {
    g_autofree char *location = g_strdup_printf ("/surveys/%" PRId64, survey);
    helder_web_redirect (request, location);
  }
}

/* POST /surveys/{id}/open */
void
survey_web_handle_open (HelderWebRequest *request)
{
  change (request, survey_open);
}

/* POST /surveys/{id}/close */
void
survey_web_handle_close (HelderWebRequest *request)
{
  change (request, survey_close);
}
