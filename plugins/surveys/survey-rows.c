/* survey-rows.c — a survey's row and its audience as JSON, and writing them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * survey-define.c's store work: reading a row into a JsonObject with the
 * column names as members, writing the columns a caller gave, and keeping
 * the audience's join tables, each reference checked first so that a
 * wrong name is an error that names it rather than a failed constraint.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-rows.h"

/* The columns of survey a caller may set (status and times are the
 * service's). */
const char *const survey_columns[] = { "slug",
                                       "title",
                                       "kind",
                                       "template",
                                       "language",
                                       "intro",
                                       "phase",
                                       "threshold",
                                       "opens_at",
                                       "closes_at",
                                       "repeat_days",
                                       "repeat_until",
                                       "remind_days",
                                       "min_rate",
                                       "purpose",
                                       "legal_basis",
                                       "works_council",
                                       "works_council_on",
                                       "retention_months",
                                       NULL };

const SurveyJoin survey_joins[] = {
  { "groups", "survey_group", "grp", "SELECT 1 FROM stakeholder_group WHERE slug = ?1" },
  { "roles", "survey_role", "role", "SELECT 1 FROM role WHERE slug = ?1" },
  { "persons", "survey_person", "person", "SELECT 1 FROM person WHERE id = ?1" },
  { "statuses", "survey_status", "status", NULL },
  { "channels", "survey_channel", "channel", NULL },
  { NULL }
};

static const char *const change_statuses[] = { "draft",    "decided",   "discussed",
                                               "accepted", "objection", NULL };

JsonObject *
survey_row_read (HelderStmt *stmt)
{
  JsonObject *row = json_object_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_NULL:
          json_object_set_null_member (row, name);
          break;
        default:
          json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
  return row;
}

/* One row of @sql with ?1 = @id, or NULL (with @error unset when there is
 * none). */
JsonObject *
survey_row_query (HelderStore *store, const char *sql, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return survey_row_read (stmt);
  helder_store_propagate (store, rc, error);
  return NULL;
}

JsonArray *
survey_rows_query (HelderStore *store, const char *sql, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (rows, survey_row_read (stmt));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static void
bind_node (HelderStmt *stmt, int index, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
}

/* UPDATE survey SET each member of @fields that is a column. */
gboolean
survey_row_write (HelderStore *store, gint64 survey, JsonObject *fields, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("UPDATE survey SET updated_at = ?1");
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (GPtrArray) given = g_ptr_array_new ();

  for (guint i = 0; survey_columns[i] != NULL; i++)
    if (json_object_has_member (fields, survey_columns[i]))
      {
        g_ptr_array_add (given, (gpointer) survey_columns[i]);
        g_string_append_printf (sql, ", %s = ?%u", survey_columns[i], given->len + 1);
      }
  g_string_append_printf (sql, " WHERE id = %" PRId64, survey);
  stmt = helder_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < given->len; i++)
    bind_node (stmt, (int) i + 2, json_object_get_member (fields, given->pdata[i]));
  return helder_store_step_done (store, stmt, error);
}

static gboolean
check_value (HelderStore *store, const SurveyJoin *join, JsonNode *value, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *text = NULL;
  int rc;

  if (json_node_get_value_type (value) == G_TYPE_INT64)
    text = g_strdup_printf ("%" PRId64, json_node_get_int (value));
  else
    text = g_strdup (json_node_get_string (value));
  if (g_str_equal (join->member, "statuses"))
    {
      if (g_strv_contains (change_statuses, text))
        return TRUE;
      helder_error_set (error, HELDER_ERROR_INVALID, "statuses",
                        _ ("statuses: “%s” is no role-change status; choose from draft, decided, "
                           "discussed, accepted, objection"),
                        text);
      return FALSE;
    }
  if (join->exists_sql == NULL)
    return TRUE;
  stmt = helder_store_prepare (store, join->exists_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_node (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, join->member, _ ("%s: there is no “%s”"),
                    join->member, text);
  return FALSE;
}

/* Replaces the join rows of each audience member @fields holds (an array
 * of keys), each key checked first. */
gboolean
survey_joins_write (HelderStore *store, gint64 survey, JsonObject *fields, GError **error)
{
  for (const SurveyJoin *join = survey_joins; join->member != NULL; join++)
    {
      g_autofree char *del = NULL;
      g_autofree char *ins = NULL;
      g_autoptr (HelderStmt) stmt = NULL;
      JsonArray *values;

      if (!json_object_has_member (fields, join->member))
        continue;
      values = json_object_get_array_member (fields, join->member);
      del = g_strdup_printf ("DELETE FROM %s WHERE survey = %" PRId64, join->table, survey);
      if (!helder_store_exec (store, del, error))
        return FALSE;
      ins = g_strdup_printf ("INSERT OR IGNORE INTO %s (survey, %s) VALUES (?1, ?2)", join->table,
                             join->column);
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          JsonNode *value = json_array_get_element (values, i);

          if (!check_value (store, join, value, error))
            return FALSE;
          g_clear_pointer (&stmt, helder_store_stmt_release);
          stmt = helder_store_prepare (store, ins, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, survey);
          bind_node (stmt, 2, value);
          if (!helder_store_step_done (store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The audience members of @row, read from the join tables. */
gboolean
survey_joins_read (HelderStore *store, gint64 survey, JsonObject *row, GError **error)
{
  for (const SurveyJoin *join = survey_joins; join->member != NULL; join++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE survey = ?1 ORDER BY 1",
                                              join->column, join->table);
      g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
      JsonArray *values = json_array_new ();
      int rc;

      json_object_set_array_member (row, join->member, values);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, survey);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
          json_array_add_int_element (values, sqlite3_column_int64 (stmt, 0));
        else
          json_array_add_string_element (values, (const char *) sqlite3_column_text (stmt, 0));
      if (!helder_store_propagate (store, rc, error))
        return FALSE;
    }
  return TRUE;
}
