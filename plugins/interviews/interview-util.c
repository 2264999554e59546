/* interview-util.c — rows, audit entries and people
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small helpers interviews and concerns share: a statement's rows as
 * JSON objects (column name → value), the plugin's audit entries, the
 * person an option names and the checks of text (typed times are
 * interview-when.c's).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-private.h"

static JsonObject *
row_object (HelderStmt *stmt)
{
  JsonObject *row = json_object_new ();
  int n = sqlite3_column_count (stmt);

  for (int c = 0; c < n; c++)
    {
      const char *name = sqlite3_column_name (stmt, c);

      switch (sqlite3_column_type (stmt, c))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, c));
          break;
        case SQLITE_NULL:
          json_object_set_null_member (row, name);
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (row, name, sqlite3_column_double (stmt, c));
          break;
        default:
          json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, c));
          break;
        }
    }
  return row;
}

JsonArray *
interview_rows (HelderStore *store, HelderStmt *stmt, GError **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (rows, row_object (stmt));
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  return g_steal_pointer (&rows);
}

JsonObject *
interview_row_by_id (HelderStore *store,
                     const char *sql,
                     gint64 id,
                     const char *what,
                     GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) rows = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rows = interview_rows (store, stmt, error)) == NULL)
    return NULL;
  if (json_array_get_length (rows) == 0)
    {
      if (g_str_equal (what, "concern"))
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, what,
                          _ ("concern: there is no concern %" PRId64), id);
      else
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, what,
                          _ ("interview: there is no interview %" PRId64), id);
      return NULL;
    }
  return json_object_ref (json_array_get_object_element (rows, 0));
}

gboolean
interview_scalar (HelderStore *store, HelderStmt *stmt, gint64 *value, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
interview_audit (HelderStore *store,
                 const HelderAuditActor *actor,
                 const char *action,
                 const char *entity,
                 gint64 record,
                 gint64 subject,
                 const char *detail,
                 GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, record);

  return helder_audit_record (store, actor, action, entity, key, subject, detail, error);
}

gboolean
interview_person (HelderStore *store,
                  const char *option,
                  const char *text,
                  gint64 *person,
                  GError **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option, _ ("%s: not valid UTF-8"), option);
      return FALSE;
    }
  return helder_cli_resolve_person (store, option, text, person, error);
}

char *
interview_person_name (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name FROM person WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    helder_store_propagate (store, rc, error);
  return NULL;
}

static gboolean
check_text (const char *field, const char *text, HelderTextKind kind, gsize max, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!helder_text_check (text, kind, &local))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, "%s: %s", field, local->message);
      return FALSE;
    }
  if (strlen (text) > max)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: longer than %u bytes"), field,
                        (guint) max);
      return FALSE;
    }
  return TRUE;
}

gboolean
interview_check_line (const char *field, const char *text, gsize max, GError **error)
{
  return check_text (field, text, HELDER_TEXT_LINE, max, error);
}

gboolean
interview_check_markdown (const char *field, const char *text, gsize max, GError **error)
{
  return check_text (field, text, HELDER_TEXT_MULTILINE, max, error);
}
