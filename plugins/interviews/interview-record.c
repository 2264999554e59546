/* interview-record.c — recording an interview
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record (interview-service.h) holds answers to the template's
 * questions, notes, the items the interview mentioned and the concerns
 * raised in it. It is checked member by member (an answer to a question
 * the template lacks is refused naming its key) and stored in one
 * transaction with its audit entry: the answers merged into those given
 * before, the notes replaced, each item noted with the interview as its
 * source (interview-record-items.c), each concern raised via the
 * interview, named only when the interviewee agreed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"
#include "interview-service.h"

#define MAX_ANSWER 20000
#define MAX_NOTES  200000

static const char *const record_members[] = { "answers", "notes", "items", "concerns", NULL };

static JsonObject *
load (HelderStore *store, gint64 id, GError **error)
{
  return interview_row_by_id (
    store, "SELECT kind, area, status, person, answers, notes FROM interview WHERE id = ?1", id,
    "interview", error);
}

static gboolean
check_members (JsonObject *record, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (record);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (record_members, l->data))
      {
        helder_error_set (error, HELDER_ERROR_INVALID, l->data,
                          _ ("%s: a record holds only answers, notes, items and concerns"),
                          (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* The question @key of @template for an interview in @area, or NULL. */
static JsonObject *
find_question (JsonObject *template, const char *key, const char *area)
{
  JsonArray *questions = json_object_get_array_member (template, "questions");

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *only = json_object_get_string_member_with_default (q, "area", "");

      if (g_str_equal (json_object_get_string_member (q, "key"), key) &&
          (only[0] == '\0' || area[0] == '\0' || g_str_equal (only, area)))
        return q;
    }
  return NULL;
}

/* @given merged into @stored (the answers before), each checked. */
static gboolean
merge_answers (JsonObject *row, JsonNode *given, JsonObject *stored, GError **error)
{
  g_autoptr (JsonObject) template =
    interview_template (json_object_get_string_member (row, "kind"), error);
  const char *area = json_object_get_string_member (row, "area");
  g_autoptr (GList) keys = NULL;

  if (template == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (given))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "answers",
                        _ ("answers: give an object of question keys and answers"));
      return FALSE;
    }
  keys = json_object_get_members (json_node_get_object (given));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (given), l->data);
      g_autofree char *field = g_strdup_printf ("answers.%s", (const char *) l->data);

      if (find_question (template, l->data, area) == NULL)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "answers",
                            _ ("answers: “%s” is no question of this interview’s template "
                               "(helder interview template show %s)"),
                            (const char *) l->data, json_object_get_string_member (row, "kind"));
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: give the answer as text"),
                            field);
          return FALSE;
        }
      if (!interview_check_markdown (field, json_node_get_string (value), MAX_ANSWER, error))
        return FALSE;
      if (json_node_get_string (value)[0] == '\0')
        json_object_remove_member (stored, l->data);
      else
        json_object_set_string_member (stored, l->data, json_node_get_string (value));
    }
  return TRUE;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static char *
to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static gboolean
store_row (HelderStore *store, gint64 id, const char *answers, const char *notes, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "UPDATE interview SET answers = ?2, notes = ?3, status = 'recorded', recorded_at = ?4,"
    " updated_at = ?4 WHERE id = ?1",
    error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, answers, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
check_notes (JsonNode *notes, GError **error)
{
  if (notes == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (notes) || json_node_get_value_type (notes) != G_TYPE_STRING)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "notes", _ ("notes: give the notes as text"));
      return FALSE;
    }
  return interview_check_markdown ("notes", json_node_get_string (notes), MAX_NOTES, error);
}

static gboolean
check_array (JsonObject *record, const char *member, GError **error)
{
  JsonNode *node = json_object_get_member (record, member);

  if (node == NULL || JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, member, _ ("%s: give a list"), member);
  return FALSE;
}

/* Everything of @record stored, in the caller's transaction. */
static gboolean
record_in (HelderStore *store,
           const HelderAuditActor *actor,
           gint64 id,
           JsonObject *row,
           JsonObject *record,
           GError **error)
{
  g_autoptr (JsonObject) answers = parse_object (json_object_get_string_member (row, "answers"));
  JsonNode *notes = json_object_get_member (record, "notes");
  g_autofree char *answers_text = NULL;
  gint64 person = json_object_get_int_member_with_default (row, "person", 0);

  if (json_object_has_member (record, "answers") &&
      !merge_answers (row, json_object_get_member (record, "answers"), answers, error))
    return FALSE;
  answers_text = to_text (answers);
  return store_row (store, id, answers_text,
                    notes != NULL ? json_node_get_string (notes)
                                  : json_object_get_string_member (row, "notes"),
                    error) &&
         interview_audit (store, actor, "record", "interview", id, person, NULL, error) &&
         (!json_object_has_member (record, "items") ||
          interview_record_items (store, actor, id, json_object_get_array_member (record, "items"),
                                  error)) &&
         (!json_object_has_member (record, "concerns") ||
          interview_record_concerns (store, actor, id, person,
                                     json_object_get_array_member (record, "concerns"), error));
}

gboolean
interview_record (HelderStore *store,
                  const HelderAuditActor *actor,
                  gint64 id,
                  JsonObject *record,
                  GError **error)
{
  g_autoptr (JsonObject) row = NULL;

  g_return_val_if_fail (record != NULL, FALSE);
  if ((row = load (store, id, error)) == NULL || !check_members (record, error) ||
      !check_notes (json_object_get_member (record, "notes"), error) ||
      !check_array (record, "items", error) || !check_array (record, "concerns", error))
    return FALSE;
  if (g_str_equal (json_object_get_string_member (row, "status"), "cancelled"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("interview: it was cancelled; plan a new one to record it"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  if (!record_in (store, actor, id, row, record, error) || !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
