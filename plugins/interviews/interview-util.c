/* interview-util.c — rows, audit entries, typed times and people
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small helpers interviews and concerns share: a statement's rows as
 * JSON objects (column name → value), the plugin's audit entries, a time
 * as a Dutch or English user types it, in the programme's zone, and the
 * person an option names.
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

/* "10:00", "9:30", "10.00", "10u" → hour and minute. */
static gboolean
parse_clock (const char *text, int *hour, int *minute)
{
  char sep = 0, rest = 0;

  *minute = 0;
  if (sscanf (text, "%2d%c%2d%c", hour, &sep, minute, &rest) == 3 && (sep == ':' || sep == '.') &&
      strlen (text) >= 4)
    ;
  else if (sscanf (text, "%2du%c", hour, &rest) == 1 && g_str_has_suffix (text, "u"))
    *minute = 0;
  else
    return FALSE;
  return *hour >= 0 && *hour <= 23 && *minute >= 0 && *minute <= 59;
}

/* "DATE TIME", "DATE om TIME", "DATE, TIME" with DATE as core reads a typed day. */
static char *
parse_split (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *space = strrchr (copy, ' ');
  g_autofree char *day = NULL;
  int hour, minute;

  if (space == NULL || !parse_clock (space + 1, &hour, &minute))
    return NULL;
  *space = '\0';
  g_strchomp (copy);
  if (g_str_has_suffix (copy, " om") || g_str_has_suffix (copy, " at"))
    copy[strlen (copy) - 3] = '\0';
  if (g_str_has_suffix (copy, ","))
    copy[strlen (copy) - 1] = '\0';
  day = helder_date_parse_typed (g_strchomp (copy));
  if (day == NULL)
    return NULL;
  return g_strdup_printf ("%sT%02d:%02d", day, hour, minute);
}

char *
interview_parse_when (const char *option, const char *text, GError **error)
{
  g_autofree char *typed = NULL;
  char *utc;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 64)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option,
                        _ ("%s: “%s” is no date and time (like 15-12-2026 10:00)"), option,
                        text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return NULL;
    }
  typed = parse_split (text);
  utc = helder_date_parse_datetime (typed != NULL ? typed : text, NULL);
  if (utc == NULL)
    helder_error_set (error, HELDER_ERROR_INVALID, option,
                      _ ("%s: “%s” is no date and time (like 15-12-2026 10:00)"), option, text);
  return utc;
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
