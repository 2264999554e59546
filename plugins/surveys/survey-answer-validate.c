/* survey-answer-validate.c — one person's answers, checked per question
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * agree5: 1–5; scale10: 0–10; single: one option's index; multiple: a set
 * of distinct indexes; short: one line of at most 200 characters; long: at
 * most 4,000. Text is valid UTF-8, stored trimmed. Required questions are
 * answered; a question the person does not see, or an id that is not a
 * question of this survey, is refused. Every problem names the question
 * by its position and text.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-answer-private.h"

#define SHORT_TEXT_MAX 200
#define LONG_TEXT_MAX  4000

static void
row_clear (gpointer data)
{
  SurveyAnswerRow *row = data;

  g_clear_pointer (&row->text, g_free);
}

static void
add_row (GArray *rows, gint64 question, gint64 choice, char *text)
{
  SurveyAnswerRow row = { question, choice, text };

  g_array_append_val (rows, row);
}

/* "question 3 (“Ik weet wat er met mijn werk gebeurt”)": how errors name it. */
static char *
question_name (JsonObject *q)
{
  return g_strdup_printf (_ ("question %" PRId64 " (“%s”)"),
                          json_object_get_int_member (q, "position"),
                          json_object_get_string_member (q, "text"));
}

static gboolean
invalid (GError **error, JsonObject *q, const char *problem)
{
  g_autofree char *name = question_name (q);
  g_autofree char *field =
    g_strdup_printf ("answers.%" PRId64, json_object_get_int_member (q, "id"));

  helder_error_set (error, HELDER_ERROR_INVALID, field, "%s: %s", name, problem);
  return FALSE;
}

/* A whole number from a JSON value (an integer, not 2.5, not "2"). */
static gboolean
whole_number (JsonNode *node, gint64 *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
check_scale (JsonObject *q, JsonNode *node, gint64 min, gint64 max, GArray *rows, GError **error)
{
  gint64 value;

  if (!whole_number (node, &value) || value < min || value > max)
    {
      g_autofree char *problem = g_strdup_printf (
        _ ("the answer must be a whole number from %" PRId64 " to %" PRId64), min, max);
      return invalid (error, q, problem);
    }
  add_row (rows, json_object_get_int_member (q, "id"), value, NULL);
  return TRUE;
}

static gboolean
check_index (JsonObject *q, JsonNode *node, gint64 *index, GError **error)
{
  guint n = json_array_get_length (json_object_get_array_member (q, "options"));

  if (!whole_number (node, index) || *index < 0 || *index >= n)
    {
      g_autofree char *problem =
        g_strdup_printf (_ ("the answer must be the number of one of its %u options, from 0 to %u"),
                         n, n > 0 ? n - 1 : 0);
      return invalid (error, q, problem);
    }
  return TRUE;
}

static gboolean
check_multiple (JsonObject *q, JsonNode *node, GArray *rows, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, q, _ ("the answer must be a list of the options chosen"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 index;

      if (!check_index (q, json_array_get_element (array, i), &index, error))
        return FALSE;
      g_array_append_val (chosen, index);
      if (g_hash_table_contains (seen, &g_array_index (chosen, gint64, chosen->len - 1)))
        return invalid (error, q, _ ("an option is chosen more than once"));
      g_hash_table_add (seen, &g_array_index (chosen, gint64, chosen->len - 1));
    }
  for (guint i = 0; i < chosen->len; i++)
    add_row (rows, json_object_get_int_member (q, "id"), g_array_index (chosen, gint64, i), NULL);
  return TRUE;
}

static gboolean
check_text (JsonObject *q, JsonNode *node, gboolean one_line, GArray *rows, GError **error)
{
  const char *text;
  g_autofree char *trimmed = NULL;
  glong max = one_line ? SHORT_TEXT_MAX : LONG_TEXT_MAX;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, q, _ ("the answer must be text"));
  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, q, _ ("the answer is not valid UTF-8"));
  trimmed = g_strstrip (g_strdup (text));
  if (one_line && strpbrk (trimmed, "\r\n") != NULL)
    return invalid (error, q, _ ("the answer must be one line"));
  if (g_utf8_strlen (trimmed, -1) > max)
    {
      g_autofree char *problem =
        g_strdup_printf (_ ("the answer is longer than %ld characters"), (long) max);
      return invalid (error, q, problem);
    }
  if (trimmed[0] == '\0')
    return TRUE; /* empty: not answered */
  add_row (rows, json_object_get_int_member (q, "id"), -1, g_steal_pointer (&trimmed));
  return TRUE;
}

static gboolean
check_one (JsonObject *q, JsonNode *node, GArray *rows, GError **error)
{
  const char *kind = json_object_get_string_member (q, "kind");
  gint64 index;

  if (strcmp (kind, "agree5") == 0)
    return check_scale (q, node, 1, 5, rows, error);
  if (strcmp (kind, "scale10") == 0)
    return check_scale (q, node, 0, 10, rows, error);
  if (strcmp (kind, "single") == 0)
    {
      if (!check_index (q, node, &index, error))
        return FALSE;
      add_row (rows, json_object_get_int_member (q, "id"), index, NULL);
      return TRUE;
    }
  if (strcmp (kind, "multiple") == 0)
    return check_multiple (q, node, rows, error);
  return check_text (q, node, strcmp (kind, "short") == 0, rows, error);
}

/* The question @id names, written as the question's id is ("7", not
 * "07" or "+7"), among those the person sees. */
static JsonObject *
find_question (JsonArray *questions, const char *id)
{
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      char text[24];

      g_snprintf (text, sizeof text, "%" PRId64, json_object_get_int_member (q, "id"));
      if (strcmp (text, id) == 0)
        return q;
    }
  return NULL;
}

static gboolean
check_members (JsonArray *questions, JsonObject *answers, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (answers);

  for (GList *l = members; l != NULL; l = l->next)
    if (find_question (questions, l->data) == NULL)
      {
        g_autofree char *field = g_strdup_printf ("answers.%s", (const char *) l->data);

        helder_error_set (error, HELDER_ERROR_INVALID, field,
                          _ ("answers: “%s” is not a question of this survey that you are "
                             "asked"),
                          (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

GArray *
survey_answer_validate (JsonArray *questions, JsonObject *answers, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (SurveyAnswerRow));

  g_array_set_clear_func (rows, row_clear);
  if (answers == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "answers",
                        _ ("answers: there are no answers"));
      return NULL;
    }
  if (!check_members (questions, answers, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, json_object_get_int_member (q, "id"));
      JsonNode *node = json_object_get_member (answers, id);
      guint before = rows->len;

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !check_one (q, node, rows, error))
        return NULL;
      if (rows->len == before && json_object_get_boolean_member (q, "required"))
        {
          invalid (error, q, _ ("this question must be answered"));
          return NULL;
        }
    }
  return g_steal_pointer (&rows);
}
