/* interview-read.c — interviews as people read them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An interview by number or slug; one interview whole (its answers beside
 * the template's questions, its notes, the items it mentioned with their
 * conflicts, the concerns raised in it); the list of interviews.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"
#include "interview-service.h"

#define SELECT                                                                             \
  "SELECT i.id, i.slug, i.kind, i.title, i.person, p.name AS person_name, i.organisation," \
  " i.person_erased, i.interviewer, q.name AS interviewer_name, i.area, i.planned_at,"     \
  " i.duration_minutes, i.location, i.online_url, i.moment, i.status, i.answers, i.notes," \
  " i.recorded_at, i.created_at, i.updated_at"                                             \
  " FROM interview i LEFT JOIN person p ON p.id = i.person"                                \
  " LEFT JOIN person q ON q.id = i.interviewer"

static const char *const statuses[] = { "planned", "recorded", "cancelled", NULL };

gint64
interview_resolve (HelderStore *store, const char *text, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id FROM interview WHERE slug = ?1 OR CAST (id AS TEXT) = ?1", error);
  int rc;

  if (stmt == NULL)
    return 0;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "interview", _ ("interview: not valid UTF-8"));
      return 0;
    }
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), 0);
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "interview",
                    _ ("interview: there is no interview “%s” (helder interview list)"), text);
  return 0;
}

static JsonObject *
parse_answers (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

/* The template's questions (for the interview's area), each with its answer. */
static JsonArray *
questions_with_answers (JsonObject *row)
{
  g_autoptr (JsonObject) template =
    interview_template (json_object_get_string_member (row, "kind"), NULL);
  g_autoptr (JsonObject) answers = parse_answers (json_object_get_string_member (row, "answers"));
  JsonArray *questions = json_object_get_array_member (template, "questions");
  const char *area = json_object_get_string_member (row, "area");
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *key = json_object_get_string_member (q, "key");
      const char *only = json_object_get_string_member_with_default (q, "area", "");
      JsonObject *entry;

      if (only[0] != '\0' && area[0] != '\0' && !g_str_equal (only, area) &&
          !json_object_has_member (answers, key))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "key", key);
      json_object_set_string_member (entry, "text", json_object_get_string_member (q, "text"));
      json_object_set_string_member (entry, "text_en",
                                     json_object_get_string_member (q, "text_en"));
      json_object_set_string_member (entry, "answer",
                                     json_object_get_string_member_with_default (answers, key, ""));
      json_array_add_object_element (out, entry);
    }
  return out;
}

static JsonArray *
concerns_of (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id FROM concern WHERE interview = ?1 ORDER BY id", error);
  g_autoptr (JsonArray) ids = NULL;
  g_autoptr (JsonArray) out = json_array_new ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((ids = interview_rows (store, stmt, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonObject *concern = concern_get (
        store, json_object_get_int_member (json_array_get_object_element (ids, i), "id"), NULL,
        error);

      if (concern == NULL)
        return NULL;
      json_array_add_object_element (out, concern);
    }
  return g_steal_pointer (&out);
}

JsonObject *
interview_get (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  JsonArray *items, *concerns;

  if ((row = interview_row_by_id (store, SELECT " WHERE i.id = ?1", id, "interview", error)) ==
      NULL)
    return NULL;
  json_object_set_boolean_member (row, "person_erased",
                                  json_object_get_int_member (row, "person_erased") != 0);
  json_object_set_array_member (row, "questions", questions_with_answers (row));
  if ((items = interview_items (store, id, error)) == NULL)
    return NULL;
  json_object_set_array_member (row, "items", items);
  if ((concerns = concerns_of (store, id, error)) == NULL)
    return NULL;
  json_object_set_array_member (row, "concerns", concerns);
  return g_steal_pointer (&row);
}

JsonArray *
interview_list (HelderStore *store, const char *status, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    SELECT " WHERE ?1 IS NULL OR i.status = ?1 ORDER BY i.planned_at IS NULL, i.planned_at, i.id",
    error);
  g_autofree char *known = g_strjoinv (", ", (char **) statuses);
  JsonArray *rows;

  if (status != NULL &&
      (!g_utf8_validate (status, -1, NULL) || !g_strv_contains (statuses, status)))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status", _ ("status: “%s” is not one of %s"),
                        g_utf8_validate (status, -1, NULL) ? status : "", known);
      return NULL;
    }
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if ((rows = interview_rows (store, stmt, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      json_object_remove_member (row, "answers");
      json_object_set_boolean_member (row, "person_erased",
                                      json_object_get_int_member (row, "person_erased") != 0);
    }
  return rows;
}
