/* testaddin-measure.c — the test addin computes a gate criterion
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The measure "testaddin-count" is met when there are at least N notes
 * (its argument, "2"); with the argument "unclear" it cannot tell, as a
 * survey with too few answers cannot. Its demo step can fail on demand.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder.h"
#include "testaddin-private.h"

#define TESTADDIN_DOMAIN "helder-testaddin"

static gboolean
count_check (HelderStore *store, const char *argument, gpointer user_data, GError **error)
{
  guint64 n;

  if (g_str_equal (argument, "unclear") ||
      g_ascii_string_to_unsigned (argument, 10, 1, 1000, &n, NULL))
    return TRUE;
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               "“%s” is not a number of notes from 1 to 1000 (or “unclear”)", argument);
  return FALSE;
}

static gboolean
count_evaluate (HelderStore *store,
                const char *argument,
                const char *today,
                gpointer user_data,
                HelderGateMeasureResult *out,
                GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM testaddin_note", error);
  gint64 notes;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  notes = sqlite3_column_int64 (stmt, 0);
  out->source = g_strdup_printf ("Notes of the test addin, counted on %s", today);
  out->link = g_strdup ("/testaddin/board");
  if (g_str_equal (argument, "unclear"))
    {
      out->state = HELDER_GATE_MEASURE_UNCLEAR;
      out->value = g_strdup ("too few notes to tell");
      return TRUE;
    }
  out->value = g_strdup_printf ("%" G_GINT64_FORMAT " of %s notes", notes, argument);
  out->state = notes >= g_ascii_strtoll (argument, NULL, 10) ? HELDER_GATE_MEASURE_MET
                                                             : HELDER_GATE_MEASURE_FAILED;
  return TRUE;
}

void
testaddin_measure_register (HelderContext *context)
{
  const HelderGateMeasure count = {
    .name = "testaddin-count",
    .label = N_ ("at least N notes of the test addin"),
    .gettext_domain = TESTADDIN_DOMAIN,
    .check = count_check,
    .evaluate = count_evaluate,
  };

  helder_context_add_gate_measure (context, &count);
}

/* A demo step that does nothing, unless TESTADDIN_DEMO_FAIL is set: then
 * it writes a note and fails, and `helder init --demo` must leave neither
 * the note nor anything of the demo. */
static gboolean
demo_step (HelderStore *store, const HelderAuditActor *actor, gpointer user_data, GError **error)
{
  if (g_getenv ("TESTADDIN_DEMO_FAIL") == NULL)
    return TRUE;
  if (!helder_store_exec (store,
                          "INSERT INTO testaddin_note (text, created_at)"
                          " VALUES ('demo', '2026-12-01T09:00:00Z')",
                          error))
    return FALSE;
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "the test addin refuses the demo");
  return FALSE;
}

void
testaddin_demo_register (HelderContext *context)
{
  const HelderDemoStep step = { .name = "testaddin", .func = demo_step };

  helder_context_add_demo_step (context, &step);
}
