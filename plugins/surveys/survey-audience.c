/* survey-audience.c — whom a survey invites, and how many per breakdown
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audience is a moment's (core's services/views/helder-audience.c):
 * the members of its groups ∪ who holds one of its roles now and who will
 * (role changes discussed, accepted or under objection) ∪ its persons ∪
 * everyone whose role change has one of its statuses. Until core offers
 * its audience to plugins this is the same SQL on the survey's join
 * tables, in one function that can be swapped for core's.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-define.h"

static const char audience_sql[] =
  "SELECT pg.person FROM survey_group sg JOIN person_group pg ON pg.grp = sg.grp"
  "  WHERE sg.survey = ?1"
  " UNION SELECT p.id FROM survey_role sr JOIN person p ON p.role = sr.role"
  "  WHERE sr.survey = ?1"
  " UNION SELECT rc.person FROM survey_role sr JOIN role_change rc ON rc.to_role = sr.role"
  "  WHERE sr.survey = ?1 AND rc.status IN ('discussed', 'accepted', 'objection')"
  " UNION SELECT sp.person FROM survey_person sp WHERE sp.survey = ?1"
  " UNION SELECT rc.person FROM survey_status ss JOIN role_change rc ON rc.status = ss.status"
  "  WHERE ss.survey = ?1"
  " ORDER BY 1";

gboolean
survey_audience_resolve (HelderStore *store, gint64 survey, GArray **persons, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, audience_sql, error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  *persons = g_steal_pointer (&ids);
  return TRUE;
}

/* A person's breakdown group: their first group (by slug; groups have no
 * order of their own) among the survey's audience groups, or among all
 * their groups when the survey names none. */
static const char breakdown_sql[] =
  "SELECT pg.grp FROM person_group pg WHERE pg.person = ?2"
  " AND (NOT EXISTS (SELECT 1 FROM survey_group WHERE survey = ?1)"
  "      OR pg.grp IN (SELECT grp FROM survey_group WHERE survey = ?1))"
  " ORDER BY pg.grp LIMIT 1";

static gboolean
count_one (HelderStore *store,
           HelderStmt *stmt,
           gint64 survey,
           gint64 person,
           GHashTable *counts,
           GError **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      gpointer old = g_hash_table_lookup (counts, value);

      g_hash_table_insert (counts, g_strdup (value), GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
      rc = sqlite3_step (stmt);
    }
  return rc == SQLITE_DONE || helder_store_propagate (store, rc, error);
}

static gboolean
insert_counts (HelderStore *store,
               gint64 round,
               const char *dimension,
               GHashTable *counts,
               GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO survey_population (round, dimension, value, invited) VALUES (?1, ?2, ?3, ?4)",
    error);
  GHashTableIter iter;
  gpointer key, value;

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, round);
      sqlite3_bind_text (stmt, 2, dimension, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, GPOINTER_TO_INT (value));
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Who @round invites, counted overall ('all', ''), per breakdown group and
 * per role-change status, into survey_population (in the caller's
 * transaction). */
gboolean
survey_population_count (HelderStore *store, gint64 survey, gint64 round, GError **error)
{
  g_autoptr (GArray) persons = NULL;
  g_autoptr (HelderStmt) group = NULL;
  g_autoptr (HelderStmt) status = NULL;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!survey_audience_resolve (store, survey, &persons, error))
    return FALSE;
  group = helder_store_prepare (store, breakdown_sql, error);
  if (group == NULL)
    return FALSE;
  status = helder_store_prepare (
    store, "SELECT status FROM role_change WHERE ?1 = ?1 AND person = ?2", error);
  if (status == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      gint64 person = g_array_index (persons, gint64, i);

      if (!count_one (store, group, survey, person, groups, error) ||
          !count_one (store, status, survey, person, statuses, error))
        return FALSE;
    }
  g_hash_table_insert (all, g_strdup (""), GINT_TO_POINTER ((int) persons->len));
  return insert_counts (store, round, "all", all, error) &&
         insert_counts (store, round, "group", groups, error) &&
         insert_counts (store, round, "status", statuses, error);
}
