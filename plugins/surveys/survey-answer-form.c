/* survey-answer-form.c — the questions one person sees
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A question with no groups and no roles is for everyone in the survey's
 * audience; one with some is for the people in one of those groups, in
 * one of those roles or moving into one of them.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include "survey-answer-private.h"

static const char questions_sql[] =
  "SELECT q.id, q.position, q.kind, q.text, q.text_en, q.options, q.options_en, q.required"
  " FROM survey_question q WHERE q.survey = ?1"
  " AND ((NOT EXISTS (SELECT 1 FROM survey_question_group g WHERE g.question = q.id)"
  "       AND NOT EXISTS (SELECT 1 FROM survey_question_role r WHERE r.question = q.id))"
  "  OR EXISTS (SELECT 1 FROM survey_question_group g JOIN person_group pg ON pg.grp = g.grp"
  "             WHERE g.question = q.id AND pg.person = ?2)"
  "  OR EXISTS (SELECT 1 FROM survey_question_role r JOIN person p ON p.role = r.role"
  "             WHERE r.question = q.id AND p.id = ?2)"
  "  OR EXISTS (SELECT 1 FROM survey_question_role r JOIN role_change rc ON rc.to_role = r.role"
  "             WHERE r.question = q.id AND rc.person = ?2))"
  " ORDER BY q.position";

/* Options are one per line; blank lines are not options. */
static JsonArray *
options_array (const char *options)
{
  g_auto (GStrv) lines = g_strsplit (options != NULL ? options : "", "\n", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        json_array_add_string_element (array, lines[i]);
    }
  return array;
}

static const char *
localised (HelderStmt *stmt, int dutch, int english, gboolean en)
{
  const char *text = (const char *) sqlite3_column_text (stmt, english);

  if (en && text != NULL && text[0] != '\0')
    return text;
  return (const char *) sqlite3_column_text (stmt, dutch);
}

JsonArray *
survey_answer_questions (HelderStore *store,
                         gint64 survey,
                         gint64 person,
                         const char *language,
                         GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) questions = json_array_new ();
  gboolean en = g_strcmp0 (language, "en") == 0;
  int rc;

  stmt = helder_store_prepare (store, questions_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int64 (stmt, 2, person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *q = json_object_new ();

      json_object_set_int_member (q, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_int_member (q, "position", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (q, "kind", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (q, "text", localised (stmt, 3, 4, en));
      json_object_set_array_member (q, "options", options_array (localised (stmt, 5, 6, en)));
      json_object_set_boolean_member (q, "required", sqlite3_column_int (stmt, 7) != 0);
      json_array_add_object_element (questions, q);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&questions);
}
