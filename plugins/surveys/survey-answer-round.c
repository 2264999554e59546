/* survey-answer-round.c — may this person answer this round now?
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round is open to a person when they are in the survey's audience, the
 * clock is inside its window (opens_at ≤ now < closes_at), neither the
 * round nor the survey is cancelled, reduced or closed, and they have not
 * answered it. Each refusal says which of these it is.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-answer-private.h"

void
survey_round_info_clear (SurveyRoundInfo *info)
{
  g_clear_pointer (&info->slug, g_free);
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->opens_at, g_free);
  g_clear_pointer (&info->closes_at, g_free);
  g_clear_pointer (&info->status, g_free);
  g_clear_pointer (&info->survey_status, g_free);
}

static char *
column_dup (HelderStmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
survey_answer_round_read (HelderStore *store, gint64 round, SurveyRoundInfo *info, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  memset (info, 0, sizeof *info);
  stmt = helder_store_prepare (store,
                               "SELECT r.id, r.survey, r.number, s.threshold, s.slug, s.title,"
                               " r.opens_at, r.closes_at, r.status, s.status"
                               " FROM survey_round r JOIN survey s ON s.id = r.survey"
                               " WHERE r.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "round",
                        _ ("round: there is no survey round “%" PRId64 "”"), round);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  info->id = sqlite3_column_int64 (stmt, 0);
  info->survey = sqlite3_column_int64 (stmt, 1);
  info->number = sqlite3_column_int64 (stmt, 2);
  info->threshold = sqlite3_column_int64 (stmt, 3);
  info->slug = column_dup (stmt, 4);
  info->title = column_dup (stmt, 5);
  info->opens_at = column_dup (stmt, 6);
  info->closes_at = column_dup (stmt, 7);
  info->status = column_dup (stmt, 8);
  info->survey_status = column_dup (stmt, 9);
  return TRUE;
}

static gboolean
has_answered (HelderStore *store, gint64 round, gint64 person, gboolean *answered, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (
    store, "SELECT 1 FROM survey_answered WHERE round = ?1 AND person = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  *answered = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
person_exists (HelderStore *store, gint64 person, gboolean *exists, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store, "SELECT 1 FROM person WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The window and the statuses, by the clock. */
static gboolean
check_window (const SurveyRoundInfo *info, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *opens = helder_clock_local_date (info->opens_at);
  g_autofree char *closes = helder_clock_local_date (info->closes_at);

  if (g_strcmp0 (info->status, "cancelled") == 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("round: round %" PRId64 " of survey “%s” was cancelled"), info->number,
                        info->title);
      return FALSE;
    }
  if (g_strcmp0 (info->survey_status, "draft") == 0 || strcmp (now, info->opens_at) < 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("round: survey “%s” is not open yet — it opens on %s"), info->title,
                        opens ? opens : info->opens_at);
      return FALSE;
    }
  if (g_strcmp0 (info->status, "reduced") == 0 || g_strcmp0 (info->status, "closed") == 0 ||
      g_strcmp0 (info->survey_status, "closed") == 0 || strcmp (now, info->closes_at) >= 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("round: survey “%s” closed on %s"), info->title,
                        closes ? closes : info->closes_at);
      return FALSE;
    }
  return TRUE;
}

gboolean
survey_answer_round_check (HelderStore *store,
                           const SurveyRoundInfo *info,
                           gint64 person,
                           GError **error)
{
  gboolean exists = FALSE;
  gboolean invited = FALSE;
  gboolean answered = FALSE;

  if (!person_exists (store, person, &exists, error))
    return FALSE;
  if (!exists)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "person",
                        _ ("person: there is no person “%" PRId64 "”"), person);
      return FALSE;
    }
  if (!has_answered (store, info->id, person, &answered, error))
    return FALSE;
  if (answered)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("round: you already answered round %" PRId64
                           " of survey “%s”; you can answer once per round"),
                        info->number, info->title);
      return FALSE;
    }
  if (!survey_audience_contains (store, info->survey, person, &invited, error))
    return FALSE;
  if (!invited)
    {
      helder_error_set (error, HELDER_ERROR_PERMISSION, "round",
                        _ ("round: you are not invited to survey “%s”"), info->title);
      return FALSE;
    }
  return check_window (info, error);
}
