/* survey-followup-note.c — the follow-up of a round, as a note on its results
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "What you told us and what we do with it" is a moment linked to a round
 * (survey_round.followup, survey-messages-followup.c). The results show it:
 * {"followup": {"moment", "title", "scheduled_at", "status"}}, or null.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-results.h"

/**
 * survey_followup_note:
 * @results: the results document; gets the member "followup"
 * @round: the chosen round's id, 0 when none
 */
gboolean
survey_followup_note (HelderStore *store, JsonObject *results, gint64 round, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT m.id, m.title, m.scheduled_at, m.status FROM survey_round r"
                          " JOIN moment m ON m.id = r.followup WHERE r.id = ?1",
                          error);
  JsonObject *note;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      json_object_set_null_member (results, "followup");
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  note = json_object_new ();
  json_object_set_int_member (note, "moment", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (note, "title", (const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    json_object_set_null_member (note, "scheduled_at");
  else
    json_object_set_string_member (note, "scheduled_at",
                                   (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (note, "status", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_object_member (results, "followup", note);
  return TRUE;
}
