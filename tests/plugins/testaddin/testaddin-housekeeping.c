/* testaddin-housekeeping.c — the test addin tidies up on every round
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job "testaddin.tidy" counts the rounds of the sender it ran in, in a
 * note a test made ("tidy" becomes "tidy: 1", "tidy: 2", …), in its own
 * transaction; without such a note it writes nothing, so that the other
 * tests' databases do not change. While a note says "fail housekeeping" it
 * fails instead, as a job whose work cannot be done.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include "helder.h"
#include "testaddin-private.h"

static gboolean
asked_to_fail (HelderStore *store, gboolean *fail, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT count(*) FROM testaddin_note WHERE text = 'fail housekeeping'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *fail = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

static gboolean
tidy (HelderStore *store, const char *now_utc, gpointer user_data, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  gboolean fail = FALSE;

  if (!asked_to_fail (store, &fail, error))
    return FALSE;
  if (fail)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   "a note asks the test addin's housekeeping to fail");
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (store,
                               "UPDATE testaddin_note SET text = 'tidy: ' ||"
                               " (CAST (substr (text, 7) AS INTEGER) + 1), created_at = ?1"
                               " WHERE text = 'tidy' OR text LIKE 'tidy: %'",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, now_utc, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    goto fail;
  return helder_store_commit (store, error);

fail:
  helder_store_rollback (store);
  return FALSE;
}

void
testaddin_housekeeping_register (HelderContext *context)
{
  const HelderHousekeeping job = { .name = "testaddin.tidy", .func = tidy };

  helder_context_add_housekeeping (context, &job);
}
