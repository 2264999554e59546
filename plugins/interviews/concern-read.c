/* concern-read.c — concerns as people read them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A concern's age is counted in working days (weekends and public
 * holidays off, core's helder_working_days_between) from the day it was
 * raised to today, or to the day it was answered; an open concern older
 * than the setting concerns.late_working_days is late, like a late
 * commitment. The person who raised a concern appears only when named.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-read.h"
#include "concern-service.h"
#include "interview-private.h"

static HelderContext *settings_context;

void
concern_read_set_context (HelderContext *context)
{
  settings_context = context;
}

guint
concern_late_days (HelderStore *store)
{
  g_autoptr (JsonObject) settings = NULL;
  guint64 days = CONCERNS_LATE_DEFAULT;
  const char *value;

  if (settings_context == NULL ||
      (settings = helder_context_read_settings_from (settings_context, store, NULL)) == NULL)
    return CONCERNS_LATE_DEFAULT;
  value = json_object_get_string_member_with_default (settings, CONCERNS_LATE_SETTING, "");
  if (!g_ascii_string_to_unsigned (value, 10, 1, 60, &days, NULL))
    return CONCERNS_LATE_DEFAULT;
  return days;
}

#define SELECT                                                                                           \
  "SELECT c.id, c.text, c.theme AS theme_id, c.status, c.named, c.person, p.name AS person_name, c.via," \
  " c.interview, c.raised_on, c.answer, c.answer_moment, m.title AS answer_moment_title,"                \
  " m.scheduled_at AS answer_moment_at, k.due_on AS answer_commitment_due,"                              \
  " c.answer_commitment, k.text AS answer_commitment_text, c.answered_on, c.published,"                  \
  " c.public_question, t.slug AS theme, t.name AS theme_name, t.name_en AS theme_name_en,"               \
  " (SELECT group_concat (grp, ',') FROM (SELECT grp FROM concern_group g"                               \
  "   WHERE g.concern = c.id ORDER BY grp)) AS groups"                                                   \
  " FROM concern c LEFT JOIN concern_theme t ON t.id = c.theme"                                          \
  " LEFT JOIN person p ON p.id = c.person LEFT JOIN moment m ON m.id = c.answer_moment"                  \
  " LEFT JOIN commitment k ON k.id = c.answer_commitment"

/* Age, lateness and the groups as a list, on one row read by SELECT. */
static void
complete (JsonObject *row, const char *today, guint late_days)
{
  const char *status = json_object_get_string_member (row, "status");
  const char *raised = json_object_get_string_member (row, "raised_on");
  const char *until =
    g_str_equal (status, "open") || json_object_get_null_member (row, "answered_on")
      ? today
      : json_object_get_string_member (row, "answered_on");
  guint age = helder_working_days_between (raised, until);
  const char *groups = json_object_get_null_member (row, "groups")
                         ? ""
                         : json_object_get_string_member (row, "groups");
  g_auto (GStrv) parts = g_strsplit (groups, ",", -1);
  JsonArray *list = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      json_array_add_string_element (list, parts[i]);
  json_object_set_array_member (row, "groups", list);
  json_object_set_int_member (row, "age_working_days", age);
  json_object_set_boolean_member (row, "late", g_str_equal (status, "open") && age > late_days);
  json_object_set_boolean_member (row, "named", json_object_get_int_member (row, "named") != 0);
  json_object_set_boolean_member (row, "published",
                                  json_object_get_int_member (row, "published") != 0);
}

static gboolean
has_group (JsonObject *row, const char *group)
{
  JsonArray *groups = json_object_get_array_member (row, "groups");

  for (guint i = 0; i < json_array_get_length (groups); i++)
    if (g_str_equal (json_array_get_string_element (groups, i), group))
      return TRUE;
  return FALSE;
}

gboolean
concern_group_exists (HelderStore *store, const char *group, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM stakeholder_group WHERE slug = ?1", error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  if (!g_utf8_validate (group, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "group", _ ("group: not valid UTF-8"));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  if (!interview_scalar (store, stmt, &n, error))
    return FALSE;
  if (n == 0)
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, "group", _ ("group: there is no group “%s”"),
                      group);
  return n != 0;
}

static const char *const statuses[] = { "open", "answered", "late", "withdrawn", NULL };

JsonArray *
concern_list (HelderStore *store,
              const char *status,
              const char *theme,
              const char *group,
              const char *today,
              GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, SELECT " ORDER BY c.id", error);
  g_autoptr (JsonArray) rows = NULL;
  g_autofree char *now = today != NULL ? g_strdup (today) : helder_clock_today ();
  g_autofree char *known = g_strjoinv (", ", (char **) statuses);
  JsonArray *result;
  guint late_days = concern_late_days (store);
  gint64 theme_id = 0;

  if (status != NULL && !g_strv_contains (statuses, status))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status", _ ("status: “%s” is not one of %s"),
                        g_utf8_validate (status, -1, NULL) ? status : "", known);
      return NULL;
    }
  if (theme != NULL && !concern_theme_resolve (store, theme, &theme_id, error))
    return NULL;
  if (group != NULL && !concern_group_exists (store, group, error))
    return NULL;
  if (stmt == NULL || (rows = interview_rows (store, stmt, error)) == NULL)
    return NULL;
  result = json_array_new ();
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *row_status = json_object_get_string_member (row, "status");

      complete (row, now, late_days);
      if (status != NULL &&
          (g_str_equal (status, "late") ? !json_object_get_boolean_member (row, "late")
                                        : !g_str_equal (status, row_status)))
        continue;
      if (theme != NULL && json_object_get_int_member_with_default (row, "theme_id", 0) != theme_id)
        continue;
      if (group != NULL && !has_group (row, group))
        continue;
      json_array_add_object_element (result, json_object_ref (row));
    }
  return result;
}

JsonObject *
concern_get (HelderStore *store, gint64 id, const char *today, GError **error)
{
  g_autofree char *now = today != NULL ? g_strdup (today) : helder_clock_today ();
  JsonObject *row = interview_row_by_id (store, SELECT " WHERE c.id = ?1", id, "concern", error);

  if (row != NULL)
    complete (row, now, concern_late_days (store));
  return row;
}

JsonArray *
concern_for_person (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, SELECT " WHERE c.person = ?1 AND c.named = 1 ORDER BY c.id", error);
  g_autofree char *today = helder_clock_today ();
  JsonArray *rows;
  guint late_days;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  if ((rows = interview_rows (store, stmt, error)) == NULL)
    return NULL;
  late_days = concern_late_days (store);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    complete (json_array_get_object_element (rows, i), today, late_days);
  return rows;
}
