/* survey-audience-contains.c — whether a survey's audience holds a person
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same five parts as a moment's audience (core's helder-audience.c):
 * the survey's groups, its roles, the people moving into those roles,
 * the people named and everyone whose role change has one of its
 * statuses, each asked for one person alone.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-answer-private.h"

static const char contains_sql[] =
  "SELECT EXISTS (SELECT 1 FROM survey_group sg JOIN person_group pg ON pg.grp = sg.grp"
  "  WHERE sg.survey = ?1 AND pg.person = ?2)"
  " OR EXISTS (SELECT 1 FROM survey_role sr JOIN person p ON p.role = sr.role"
  "  WHERE sr.survey = ?1 AND p.id = ?2)"
  " OR EXISTS (SELECT 1 FROM role_change rc CROSS JOIN survey_role sr ON sr.role = rc.to_role"
  "  WHERE sr.survey = ?1 AND rc.person = ?2 AND rc.status IN ('discussed', 'accepted', 'objection'))"
  " OR EXISTS (SELECT 1 FROM survey_person sp WHERE sp.survey = ?1 AND sp.person = ?2)"
  " OR EXISTS (SELECT 1 FROM survey_status ss JOIN role_change rc ON rc.status = ss.status"
  "  WHERE ss.survey = ?1 AND rc.person = ?2)";

/**
 * survey_audience_contains:
 * @survey: the survey's id
 * @person: a person's id
 * @contains: (out): whether the survey's audience holds @person
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
survey_audience_contains (HelderStore *store,
                          gint64 survey,
                          gint64 person,
                          gboolean *contains,
                          GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (contains != NULL, FALSE);

  *contains = FALSE;
  stmt = helder_store_prepare (store, contains_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *contains = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}
