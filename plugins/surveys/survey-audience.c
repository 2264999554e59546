/* survey-audience.c — how many a round invites, per breakdown
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audience itself is core's (survey-audience-spec.c); this counts it
 * once when a round is made, overall, per breakdown group and per
 * role-change status: the denominators of response rates.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-define.h"

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
