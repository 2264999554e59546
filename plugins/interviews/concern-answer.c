/* concern-answer.c — answering and withdrawing a concern
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The advisor answers a concern directly (Markdown), by a moment or by a
 * commitment, and may publish the answer on the questions-and-answers
 * page, rephrased so that it names no one. Answering again replaces the
 * answer; the day it was first answered stays. A withdrawn concern is no
 * longer answered nor published.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"

#define MAX_ANSWER 20000

static JsonObject *
load (HelderStore *store, gint64 id, GError **error)
{
  return interview_row_by_id (store,
                              "SELECT id, status, person, answered_on FROM concern WHERE id = ?1",
                              id, "concern", error);
}

static gboolean
row_exists (HelderStore *store, const char *table, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?1", table);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!interview_scalar (store, stmt, &n, error))
    return FALSE;
  if (n == 0 && g_str_equal (table, "moment"))
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, table,
                      _ ("moment: there is no moment %" PRId64), id);
  else if (n == 0)
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, table,
                      _ ("commitment: there is no commitment %" PRId64), id);
  return n != 0;
}

static gboolean
check_answer (HelderStore *store, const ConcernAnswer *a, GError **error)
{
  if ((a->text == NULL || a->text[0] == '\0') && a->moment == 0 && a->commitment == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "text",
                        _ ("text: answer with a text, a moment or a commitment"));
      return FALSE;
    }
  if (a->text != NULL && !interview_check_markdown ("text", a->text, MAX_ANSWER, error))
    return FALSE;
  if (a->moment < 0 || a->commitment < 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, a->moment < 0 ? "moment" : "commitment",
                        _ ("%s: give a positive number"), a->moment < 0 ? "moment" : "commitment");
      return FALSE;
    }
  if ((a->moment != 0 && !row_exists (store, "moment", a->moment, error)) ||
      (a->commitment != 0 && !row_exists (store, "commitment", a->commitment, error)))
    return FALSE;
  if (a->public_question != NULL &&
      !interview_check_line ("public_question", a->public_question, 1000, error))
    return FALSE;
  if (a->public_question != NULL && !a->publish)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "public_question",
                        _ ("public_question: only a published answer has a public question"));
      return FALSE;
    }
  return TRUE;
}

gboolean
concern_answer (HelderStore *store,
                const HelderAuditActor *actor,
                gint64 id,
                const ConcernAnswer *answer,
                GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *today = helder_clock_today ();

  g_return_val_if_fail (answer != NULL, FALSE);
  if ((row = load (store, id, error)) == NULL || !check_answer (store, answer, error))
    return FALSE;
  if (g_str_equal (json_object_get_string_member (row, "status"), "withdrawn"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("concern: it was withdrawn and is no longer answered"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (
    store,
    "UPDATE concern SET status = 'answered', answer = ?2, answer_moment = nullif (?3, 0),"
    " answer_commitment = nullif (?4, 0), answered_on = coalesce (answered_on, ?5),"
    " published = ?6, public_question = ?7 WHERE id = ?1",
    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, answer->text != NULL ? answer->text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, answer->moment);
  sqlite3_bind_int64 (stmt, 4, answer->commitment);
  sqlite3_bind_text (stmt, 5, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, answer->publish ? 1 : 0);
  sqlite3_bind_text (stmt, 7, answer->public_question != NULL ? answer->public_question : "", -1,
                     SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error) ||
      !interview_audit (store, actor, "answer", "concern", id,
                        json_object_get_int_member_with_default (row, "person", 0), NULL, error) ||
      !helder_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  helder_store_rollback (store);
  return FALSE;
}

gboolean
concern_withdraw (HelderStore *store, const HelderAuditActor *actor, gint64 id, GError **error)
{
  g_autoptr (JsonObject) row = load (store, id, error);
  g_autoptr (HelderStmt) stmt = NULL;

  if (row == NULL)
    return FALSE;
  if (g_str_equal (json_object_get_string_member (row, "status"), "withdrawn"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("concern: it was withdrawn already"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (
    store, "UPDATE concern SET status = 'withdrawn', published = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!helder_store_step_done (store, stmt, error) ||
      !interview_audit (store, actor, "withdraw", "concern", id,
                        json_object_get_int_member_with_default (row, "person", 0), NULL, error) ||
      !helder_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  helder_store_rollback (store);
  return FALSE;
}
