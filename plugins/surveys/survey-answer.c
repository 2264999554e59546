/* survey-answer.c — answering a survey, anonymously
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open rounds a person is asked to answer, the form they see, and
 * their answers stored in one transaction: the "has answered" row and the
 * anonymous response (survey-answer-store.c). Answering is not audited
 * per person: an audit entry would say who answered when, which is what
 * the response must not be linked to.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-answer-private.h"
#include "survey-answer.h"

static char *
person_locale (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store, "SELECT locale FROM person WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "person",
                    _ ("person: there is no person “%" PRId64 "”"), person);
  return NULL;
}

/* The rounds open by the clock, soonest closing first. */
static GArray *
open_rounds (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GArray) rounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT r.id FROM survey_round r JOIN survey s ON s.id = r.survey"
                               " WHERE s.status = 'open' AND r.status IN ('planned', 'open')"
                               " AND r.opens_at <= ?1 AND ?1 < r.closes_at"
                               " ORDER BY r.closes_at, r.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rounds, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rounds);
}

static void
describe_round (JsonObject *object, const SurveyRoundInfo *info)
{
  json_object_set_int_member (object, "survey", info->survey);
  json_object_set_string_member (object, "slug", info->slug);
  json_object_set_string_member (object, "title", info->title);
  json_object_set_int_member (object, "round", info->id);
  json_object_set_int_member (object, "number", info->number);
  json_object_set_string_member (object, "opens_at", info->opens_at);
  json_object_set_string_member (object, "closes_at", info->closes_at);
  json_object_set_int_member (object, "threshold", info->threshold);
}

/**
 * survey_open_for_person:
 *
 * Returns: (transfer full): [{survey, slug, title, round, number, opens_at,
 *   closes_at, threshold, questions}] where questions counts those
 *   @person sees; %NULL with @error when the store fails
 */
JsonArray *
survey_open_for_person (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (JsonArray) result = json_array_new ();
  g_autoptr (GArray) rounds = NULL;
  g_autofree char *locale = person_locale (store, person, error);

  if (locale == NULL)
    return NULL;
  rounds = open_rounds (store, error);
  if (rounds == NULL)
    return NULL;
  for (guint i = 0; i < rounds->len; i++)
    {
      g_auto (SurveyRoundInfo) info = { 0 };
      g_autoptr (GError) refused = NULL;
      g_autoptr (JsonArray) questions = NULL;
      JsonObject *item;

      if (!survey_answer_round_read (store, g_array_index (rounds, gint64, i), &info, error))
        return NULL;
      if (!survey_answer_round_check (store, &info, person, &refused))
        {
          if (refused->domain != HELDER_ERROR || refused->code == HELDER_ERROR_IO)
            {
              g_propagate_error (error, g_steal_pointer (&refused));
              return NULL;
            }
          continue;
        }
      questions = survey_answer_questions (store, info.survey, person, locale, error);
      if (questions == NULL)
        return NULL;
      item = json_object_new ();
      describe_round (item, &info);
      json_object_set_int_member (item, "questions", json_array_get_length (questions));
      json_array_add_object_element (result, item);
    }
  return g_steal_pointer (&result);
}

/* The survey's introduction, in the survey's own language. */
static char *
survey_intro (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store, "SELECT intro FROM survey WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  helder_store_propagate (store, rc, error);
  return NULL;
}

/**
 * survey_form_for_person:
 *
 * Returns: (transfer full): {survey, slug, title, intro, round, number,
 *   opens_at, closes_at, threshold, language, questions: [{id, position,
 *   kind, text, options, required}]}, or %NULL with an error saying why
 *   @person may not answer
 */
JsonObject *
survey_form_for_person (HelderStore *store, gint64 round, gint64 person, GError **error)
{
  g_auto (SurveyRoundInfo) info = { 0 };
  g_autofree char *locale = NULL;
  g_autofree char *intro = NULL;
  g_autoptr (JsonArray) questions = NULL;
  JsonObject *form;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!survey_answer_round_read (store, round, &info, error) ||
      !survey_answer_round_check (store, &info, person, error))
    return NULL;
  locale = person_locale (store, person, error);
  if (locale == NULL)
    return NULL;
  questions = survey_answer_questions (store, info.survey, person, locale, error);
  intro = survey_intro (store, info.survey, error);
  if (questions == NULL || intro == NULL)
    return NULL;
  form = json_object_new ();
  describe_round (form, &info);
  json_object_set_string_member (form, "intro", intro);
  json_object_set_string_member (form, "language", locale);
  json_object_set_array_member (form, "questions", g_steal_pointer (&questions));
  return form;
}

static gboolean
submit_in_transaction (HelderStore *store,
                       gint64 round,
                       gint64 person,
                       JsonObject *answers,
                       GError **error)
{
  g_auto (SurveyRoundInfo) info = { 0 };
  g_autofree char *locale = NULL;
  g_autoptr (JsonArray) questions = NULL;
  g_autoptr (GArray) rows = NULL;

  if (!survey_answer_round_read (store, round, &info, error) ||
      !survey_answer_round_check (store, &info, person, error))
    return FALSE;
  locale = person_locale (store, person, error);
  if (locale == NULL)
    return FALSE;
  questions = survey_answer_questions (store, info.survey, person, locale, error);
  if (questions == NULL)
    return FALSE;
  rows = survey_answer_validate (questions, answers, error);
  if (rows == NULL)
    return FALSE;
  return survey_answer_store (store, &info, person, rows, error);
}

/**
 * survey_answer_submit:
 *
 * Durable when it returns %TRUE: the commit is made with `PRAGMA
 * synchronous = FULL`, so that in WAL mode it is on disk, not only in
 * the operating system's cache (the store's own level, NORMAL, survives
 * a killed process but not a power cut).
 */
gboolean
survey_answer_submit (HelderStore *store,
                      gint64 round,
                      gint64 person,
                      JsonObject *answers,
                      GError **error)
{
  gboolean nested;
  int level;
  gboolean ok;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  nested = helder_store_in_transaction (store);
  level = nested ? -1 : helder_store_set_synchronous (store, 2);
  ok = helder_store_begin (store, error);
  if (ok && !submit_in_transaction (store, round, person, answers, error))
    {
      helder_store_rollback (store);
      ok = FALSE;
    }
  else if (ok && !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      ok = FALSE;
    }
  if (level >= 0 && level != 2)
    helder_store_set_synchronous (store, level);
  return ok;
}
