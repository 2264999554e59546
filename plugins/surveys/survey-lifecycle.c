/* survey-lifecycle.c — a survey's governance, opening into rounds, closing
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey opens only with its governance record complete (purpose, a
 * legal basis that is not consent, the works council's agreement with its
 * date or its not being required, a retention period), at least one
 * question and a window that closes in the future. Opening makes its
 * rounds — one, or one every repeat_days from opens_at until repeat_until
 * or the end of the survey's phase, each as long as the first — and
 * counts each round's population. A round's status follows the clock:
 * planned before it opens, open until it closes, then closed. Closing a
 * survey ends its open round now and cancels the planned ones.
 *
 * Opening also makes each round's invitation and reminder, and closing
 * cancels those not sent yet (survey-messages.c).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-messages.h"
#include "survey-rows.h"

static gint64
count_questions (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (JsonObject) row = survey_row_query (
    store, "SELECT count(*) AS n FROM survey_question WHERE survey = ?1", survey, error);

  return row != NULL ? json_object_get_int_member (row, "n") : -1;
}

static gboolean
blank (JsonObject *row, const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ||
         (json_node_get_value_type (node) == G_TYPE_STRING &&
          !helder_text_has_visible (json_node_get_string (node)));
}

/**
 * survey_missing_governance:
 *
 * Returns: (nullable): what @survey still lacks before it can open, as one
 * sentence naming every missing field, or %NULL when nothing.
 */
char *
survey_missing_governance (JsonObject *survey, gint64 n_questions)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  const char *council = json_object_get_string_member_with_default (survey, "works_council", "");

  if (blank (survey, "purpose"))
    g_ptr_array_add (missing, _ ("purpose"));
  if (blank (survey, "legal_basis"))
    g_ptr_array_add (missing, _ ("legal basis"));
  if (!g_str_equal (council, "agreed") && !g_str_equal (council, "not_required"))
    g_ptr_array_add (missing, _ ("works council (agreed, with its date, or not required)"));
  else if (g_str_equal (council, "agreed") && blank (survey, "works_council_on"))
    g_ptr_array_add (missing, _ ("works council’s date of agreement"));
  if (blank (survey, "retention_months"))
    g_ptr_array_add (missing, _ ("retention (months)"));
  if (n_questions == 0)
    g_ptr_array_add (missing, _ ("at least one question"));
  if (blank (survey, "opens_at"))
    g_ptr_array_add (missing, _ ("opens"));
  if (blank (survey, "closes_at"))
    g_ptr_array_add (missing, _ ("closes"));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  return g_strjoinv (", ", (char **) missing->pdata);
}

gboolean
survey_check_governance (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, survey, error);
  g_autofree char *missing = NULL;
  gint64 n;

  if (row == NULL || (n = count_questions (store, survey, error)) < 0)
    return FALSE;
  missing = survey_missing_governance (row, n);
  if (missing == NULL)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, "governance",
                    _ ("survey “%s” cannot open yet; missing: %s"),
                    json_object_get_string_member (row, "slug"), missing);
  return FALSE;
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The last moment rounds may start: the end of repeat_until's day, else
 * of the phase's last day, else the first round only. */
static char *
rounds_limit (HelderStore *store, JsonObject *survey, GError **error)
{
  const char *until = json_object_get_string_member_with_default (survey, "repeat_until", NULL);
  g_autoptr (JsonObject) phase = NULL;

  if (json_object_get_null_member (survey, "repeat_until"))
    until = NULL;
  if (until == NULL && !json_object_get_null_member (survey, "phase"))
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (HelderStmt) stmt =
        helder_store_prepare (store, "SELECT ends_on FROM phase WHERE key = ?1", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, json_object_get_string_member (survey, "phase"), -1,
                         SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *start = NULL;
          g_autoptr (GDateTime) next = NULL;
          g_autoptr (GDateTime) day = NULL;

          start = helder_clock_day_start_utc ((const char *) sqlite3_column_text (stmt, 0));
          day = start ? g_date_time_new_from_iso8601 (start, NULL) : NULL;
          next = day ? g_date_time_add_days (day, 1) : NULL;
          return next ? format_utc (next) : NULL;
        }
    }
  if (until != NULL)
    {
      g_autofree char *start = helder_clock_day_start_utc (until);
      g_autoptr (GDateTime) day = start ? g_date_time_new_from_iso8601 (start, NULL) : NULL;
      g_autoptr (GDateTime) next = day ? g_date_time_add_days (day, 1) : NULL;

      return next ? format_utc (next) : NULL;
    }
  return g_strdup ("");
}

static const char *
status_at (const char *opens, const char *closes, const char *now)
{
  if (g_strcmp0 (now, opens) < 0)
    return "planned";
  return g_strcmp0 (now, closes) < 0 ? "open" : "closed";
}

static gboolean
insert_round (HelderStore *store,
              gint64 survey,
              int number,
              GDateTime *opens,
              GDateTime *closes,
              GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO survey_round (survey, number, opens_at, closes_at, status, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    error);
  g_autofree char *o = format_utc (opens);
  g_autofree char *c = format_utc (closes);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_text (stmt, 3, o, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, status_at (o, c, now), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  return survey_population_count (store, survey,
                                  sqlite3_last_insert_rowid (helder_store_get_db (store)), error);
}

/* Round 1 is the survey's window; with repeat_days, one more every
 * repeat_days days (in the programme's zone, so 09:00 stays 09:00 across
 * daylight saving) while it starts before the limit. */
static gboolean
make_rounds (HelderStore *store, gint64 survey, JsonObject *row, GError **error)
{
  const char *opens_text = json_object_get_string_member (row, "opens_at");
  const char *closes_text = json_object_get_string_member (row, "closes_at");
  g_autoptr (GDateTime) opens = helder_clock_to_local (opens_text);
  g_autoptr (GDateTime) closes = helder_clock_to_local (closes_text);
  GTimeSpan length = g_date_time_difference (closes, opens);
  gint64 every = json_object_get_null_member (row, "repeat_days")
                   ? 0
                   : json_object_get_int_member (row, "repeat_days");
  g_autofree char *limit = NULL;

  if (!insert_round (store, survey, 1, opens, closes, error))
    return FALSE;
  if (every == 0)
    return TRUE;
  limit = rounds_limit (store, row, error);
  if (limit == NULL)
    return FALSE;
  if (limit[0] == '\0')
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "repeat_until",
                        _ ("repeat_until: a survey repeated every %d days needs an end: a date "
                           "(--until) or a phase"),
                        (int) every);
      return FALSE;
    }
  for (int n = 2; n <= 1000; n++)
    {
      g_autoptr (GDateTime) start = g_date_time_add_days (opens, (int) every * (n - 1));
      g_autoptr (GDateTime) end = g_date_time_add (start, length);
      g_autofree char *start_utc = format_utc (start);

      if (g_strcmp0 (start_utc, limit) >= 0)
        break;
      if (!insert_round (store, survey, n, start, end, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_status (HelderStore *store, gint64 survey, const char *status, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "UPDATE survey SET status = ?2, updated_at = ?3 WHERE id = ?1", error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
check_can_open (HelderStore *store, JsonObject *row, gint64 survey, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  const char *status = json_object_get_string_member (row, "status");

  if (!g_str_equal (status, "draft"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("survey “%s” is %s already; only a draft opens"),
                        json_object_get_string_member (row, "slug"), status);
      return FALSE;
    }
  if (!survey_check_governance (store, survey, error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (row, "closes_at"), now) <= 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "closes_at",
                        _ ("closes_at: “%s” has passed; a survey must close in the future"),
                        json_object_get_string_member (row, "closes_at"));
      return FALSE;
    }
  return survey_check_fields (row, error);
}

/**
 * survey_open:
 *
 * Opens a draft survey: checks it (see above), makes its rounds with
 * their populations and sets it open, in one transaction with its audit
 * entry.
 */
gboolean
survey_open (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, survey, error);

  if (row == NULL || !check_can_open (store, row, survey, error) ||
      !helder_store_begin (store, error))
    return FALSE;
  if (!make_rounds (store, survey, row, error) ||
      !survey_round_plan_messages (store, survey, actor, error) ||
      !set_status (store, survey, "open", error) ||
      !survey_audit (store, actor, "open", "survey", survey, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_bound (HelderStore *store, const char *sql, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* Planned rounds whose time came open, open ones whose time passed close
 * (in the caller's transaction, or its own). */
static const char follow_open_sql[] =
  "UPDATE survey_round SET status = 'open', updated_at = ?2"
  " WHERE survey = ?1 AND status = 'planned' AND opens_at <= ?2 AND closes_at > ?2";
static const char follow_closed_sql[] =
  "UPDATE survey_round SET status = 'closed', updated_at = ?2"
  " WHERE survey = ?1 AND status IN ('planned', 'open') AND closes_at <= ?2";

gboolean
survey_rounds_follow_clock (HelderStore *store, gint64 survey, GError **error)
{
  return exec_bound (store, follow_open_sql, survey, error) &&
         exec_bound (store, follow_closed_sql, survey, error);
}

/**
 * survey_close:
 *
 * Closes an open survey now: its open round closes at this moment, its
 * planned rounds are cancelled.
 */
gboolean
survey_close (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, survey, error);

  if (row == NULL)
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (row, "status"), "open"))
    {
      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "status", _ ("survey “%s” is %s; only an open survey closes"),
        json_object_get_string_member (row, "slug"), json_object_get_string_member (row, "status"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  if (!survey_rounds_follow_clock (store, survey, error) ||
      !exec_bound (store,
                   "UPDATE survey_round SET status = 'closed', closes_at = ?2, updated_at = ?2"
                   " WHERE survey = ?1 AND status = 'open'",
                   survey, error) ||
      !exec_bound (store,
                   "UPDATE survey_round SET status = 'cancelled', updated_at = ?2"
                   " WHERE survey = ?1 AND status = 'planned'",
                   survey, error) ||
      !survey_cancel_messages (store, survey, actor, error) ||
      !set_status (store, survey, "closed", error) ||
      !survey_audit (store, actor, "close", "survey", survey, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
