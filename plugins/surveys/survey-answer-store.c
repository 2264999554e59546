/* survey-answer-store.c — writing one anonymous response
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "has answered" row (round, person) and the response (a random
 * 16-byte id, the round, the breakdown attributes copied now) share
 * nothing but the round; no row holds a time, and the response's id,
 * drawn from libsodium, gives its rows no order that follows who answered
 * when (DESIGN.md §6).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "survey-answer-private.h"

#define RESPONSE_ID_SIZE 16

/* The population of @value in @dimension for the round, 0 when none. */
static gboolean
population (HelderStore *store,
            gint64 round,
            const char *dimension,
            const char *value,
            gint64 *invited,
            GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  *invited = 0;
  stmt = helder_store_prepare (store,
                               "SELECT invited FROM survey_population"
                               " WHERE round = ?1 AND dimension = ?2 AND value = ?3",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_text (stmt, 2, dimension, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *invited = sqlite3_column_int64 (stmt, 0);
  return helder_store_propagate (store, rc, error);
}

/* The first text of a one-column query, or NULL. */
static gboolean
first_text (HelderStmt *stmt, HelderStore *store, char **text, GError **error)
{
  int rc = sqlite3_step (stmt);

  *text = NULL;
  if (rc == SQLITE_ROW)
    *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return helder_store_propagate (store, rc, error);
}

/* The person's breakdown group: their first group (in the order of the
 * groups' slugs) among the survey's audience groups, or among all their
 * groups when the survey names none. */
static gboolean
breakdown_group (HelderStore *store, gint64 survey, gint64 person, char **grp, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;

  stmt = helder_store_prepare (
    store,
    "SELECT pg.grp FROM person_group pg JOIN stakeholder_group g ON g.slug = pg.grp"
    " WHERE pg.person = ?2"
    " AND (NOT EXISTS (SELECT 1 FROM survey_group WHERE survey = ?1)"
    "      OR EXISTS (SELECT 1 FROM survey_group sg WHERE sg.survey = ?1 AND sg.grp = pg.grp))"
    " ORDER BY g.slug LIMIT 1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int64 (stmt, 2, person);
  return first_text (stmt, store, grp, error);
}

static gboolean
change_status (HelderStore *store, gint64 person, char **status, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;

  stmt = helder_store_prepare (store, "SELECT status FROM role_change WHERE person = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  return first_text (stmt, store, status, error);
}

/* Keeps @value only when its population is at least the threshold. */
static gboolean
keep_if_populous (HelderStore *store,
                  const SurveyRoundInfo *info,
                  const char *dimension,
                  char **value,
                  GError **error)
{
  gint64 invited = 0;

  if (*value == NULL)
    return TRUE;
  if (!population (store, info->id, dimension, *value, &invited, error))
    return FALSE;
  if (invited < info->threshold)
    g_clear_pointer (value, g_free);
  return TRUE;
}

gboolean
survey_answer_attributes (HelderStore *store,
                          const SurveyRoundInfo *info,
                          gint64 person,
                          char **grp,
                          char **status,
                          GError **error)
{
  g_autofree char *g = NULL;
  g_autofree char *s = NULL;

  if (!breakdown_group (store, info->survey, person, &g, error) ||
      !keep_if_populous (store, info, "group", &g, error) ||
      !change_status (store, person, &s, error) ||
      !keep_if_populous (store, info, "status", &s, error))
    return FALSE;
  *grp = g_steal_pointer (&g);
  *status = g_steal_pointer (&s);
  return TRUE;
}

static gboolean
insert_answered (HelderStore *store, const SurveyRoundInfo *info, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store, "INSERT INTO survey_answered (round, person) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->id);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      /* Someone answered as this person at the same moment. */
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("round: you already answered round %" PRId64
                           " of survey “%s”; you can answer once per round"),
                        info->number, info->title);
      return FALSE;
    }
  return helder_store_propagate (store, rc, error);
}

static void
bind_nullable (HelderStmt *stmt, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_response (HelderStore *store,
                 const guint8 *id,
                 gint64 round,
                 const char *grp,
                 const char *status,
                 GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;

  stmt = helder_store_prepare (store,
                               "INSERT INTO survey_response (id, round, grp, status)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, id, RESPONSE_ID_SIZE, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, round);
  bind_nullable (stmt, 3, grp);
  bind_nullable (stmt, 4, status);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
insert_answers (HelderStore *store,
                const guint8 *id,
                gint64 round,
                const char *grp,
                const char *status,
                GArray *rows,
                GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;

  stmt = helder_store_prepare (store,
                               "INSERT INTO survey_answer"
                               " (response, question, choice, text, round, grp, status)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const SurveyAnswerRow *row = &g_array_index (rows, SurveyAnswerRow, i);

      sqlite3_reset (stmt);
      sqlite3_bind_blob (stmt, 1, id, RESPONSE_ID_SIZE, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, row->question);
      sqlite3_bind_int64 (stmt, 3, row->choice);
      bind_nullable (stmt, 4, row->text);
      sqlite3_bind_int64 (stmt, 5, round);
      bind_nullable (stmt, 6, grp);
      bind_nullable (stmt, 7, status);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
survey_answer_store (HelderStore *store,
                     const SurveyRoundInfo *info,
                     gint64 person,
                     GArray *rows,
                     GError **error)
{
  g_autofree char *grp = NULL;
  g_autofree char *status = NULL;
  guint8 id[RESPONSE_ID_SIZE];

  if (sodium_init () < 0)
    {
      helder_error_set (error, HELDER_ERROR_IO, NULL, _ ("the random generator cannot start"));
      return FALSE;
    }
  randombytes_buf (id, sizeof id);
  return survey_answer_attributes (store, info, person, &grp, &status, error) &&
         insert_answered (store, info, person, error) &&
         insert_response (store, id, info->id, grp, status, error) &&
         insert_answers (store, id, info->id, grp, status, rows, error);
}
