/* survey-audit.c — the audit entries of the surveys plugin's changes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core's helder_audit_record is not part of helder.h yet, so the plugin
 * adds its entries to core's audit_entry itself, in the caller's
 * transaction, in the same shape core does.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include "survey-define.h"

gboolean
survey_audit (HelderStore *store,
              const SurveyActor *actor,
              const char *action,
              const char *entity,
              gint64 record,
              const char *detail,
              GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *key = g_strdup_printf ("%" PRId64, record);

  stmt = helder_store_prepare (store,
                               "INSERT INTO audit_entry (at, actor, actor_name, actor_role, action,"
                               " entity, record, subject, detail)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  if (actor->person > 0)
    sqlite3_bind_int64 (stmt, 2, actor->person);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, actor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, actor->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, detail != NULL ? detail : "", -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}
