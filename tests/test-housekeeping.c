/* test-housekeeping.c — jobs a plugin has run on every round of the sender
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test addin's job "testaddin.tidy" (tests/plugins/testaddin) counts
 * the rounds of the sender in a note, before the scheduler; when it fails,
 * the failure is reported (by the sender and by `helder send`) and the due
 * moments are sent all the same. Unloading the addin removes the job.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "engine/helder-sender.h"
#include "services/delivery/helder-moment-draft.h"

typedef struct
{
  char *dir;
  char *db;
  HelderContext *context;
  HelderStore *store;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-housekeeping-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  f->context = helder_context_new (f->db);
  helder_engine_load_all (helder_context_get_engine (f->context));
  f->store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  helder_test_seed (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->context);
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

static gint64
scalar (HelderStore *store, const char *sql, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
exec (HelderStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static gint64
announce (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  const char *const groups[] = { "beheer", NULL };
  HelderMomentDraft draft = {
    .title = "Onderhoud",
    .body = "Zaterdag is het netwerk uit.",
    .audience = { .groups = groups },
    .scheduled_at = now,
    .approved = TRUE,
  };
  gint64 id = 0;

  g_assert_true (helder_moment_create_from (f->store, &draft, HELDER_TEST_ACTOR, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
schedule (Fixture *f, HelderScheduleReport *report, GError **error)
{
  g_autoptr (HelderSender) sender = helder_sender_new (f->context, error);
  HelderScheduleOptions options = { .moments = TRUE };

  g_assert_nonnull (sender);
  return helder_sender_schedule (sender, &options, report, error);
}

/* The job runs on every round, with the round's time. */
static void
test_runs_each_round (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  exec (f->store, "INSERT INTO testaddin_note (text, created_at) VALUES ('tidy', '')");
  for (int round = 1; round <= 2; round++)
    {
      g_auto (HelderScheduleReport) report = { 0 };
      g_autofree char *text = g_strdup_printf ("tidy: %d", round);
      /* The pinned clock runs on: the round's time lies between these two
       * (a slow run, under ASan, crosses a second). */
      g_autofree char *before = helder_clock_now_utc ();
      g_autofree char *after = NULL;
      g_autofree char *between = NULL;

      g_assert_true (schedule (f, &report, &error));
      g_assert_no_error (error);
      after = helder_clock_now_utc ();
      g_assert_null (report.housekeeping);
      g_assert_cmpint (
        scalar (f->store, "SELECT count(*) FROM testaddin_note WHERE text = ?1", text), ==, 1);
      between = g_strdup_printf ("SELECT count(*) FROM testaddin_note"
                                 " WHERE created_at >= '%s' AND created_at <= ?1",
                                 before);
      g_assert_cmpint (scalar (f->store, between, after), ==, 1);
    }
}

/* A failing job is reported; the due moment is sent all the same, and the
 * sender's connection is left without a transaction. */
static void
test_failure_reported_sending_goes_on (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  gint64 moment = announce (f);
  JsonObject *failed;
  g_autofree char *sql =
    g_strdup_printf ("SELECT status = 'sent' FROM moment WHERE id = %" G_GINT64_FORMAT, moment);

  exec (f->store, "INSERT INTO testaddin_note (text, created_at)"
                  " VALUES ('fail housekeeping', '2026-12-04T09:00:00Z')");
  g_test_expect_message ("helder-engine", G_LOG_LEVEL_WARNING,
                         "housekeeping “testaddin.tidy” failed: *");
  g_assert_true (schedule (f, &report, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (report.housekeeping);
  g_assert_cmpint (json_array_get_length (report.housekeeping), ==, 1);
  failed = json_array_get_object_element (report.housekeeping, 0);
  g_assert_cmpstr (json_object_get_string_member (failed, "name"), ==, "testaddin.tidy");
  g_assert_nonnull (strstr (json_object_get_string_member (failed, "error"), "asks"));
  g_assert_cmpint (report.moments_sent, ==, 1);
  g_assert_cmpint (scalar (f->store, sql, NULL), ==, 1);
  g_assert_cmpint (
    scalar (f->store, "SELECT count(*) FROM testaddin_note WHERE text LIKE 'tidy%'", NULL), ==, 0);
}

/* `helder send` says which job failed, in text and in JSON. */
static void
test_send_reports_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  const char *const text[] = { "send", "--queue-only", NULL };
  const char *const machine[] = { "--json", "send", "--queue-only", NULL };

  exec (f->store, "INSERT INTO testaddin_note (text, created_at)"
                  " VALUES ('fail housekeeping', '2026-12-04T09:00:00Z')");
  g_assert_cmpint (helder_test_runv (f->db, NULL, text, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Housekeeping “testaddin.tidy” failed (sending went on)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_runv (f->db, NULL, machine, &json, &err), ==, 0);
  g_assert_nonnull (strstr (json, "\"housekeeping_failed\""));
  g_assert_nonnull (strstr (json, "testaddin.tidy"));
}

/* Unloading the addin removes its job with the rest of what it added. */
static void
test_unload_removes_job (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) loaded = helder_context_list_housekeeping (f->context);
  g_autoptr (GPtrArray) unloaded = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < loaded->len; i++)
    found |=
      g_str_equal (((HelderHousekeeping *) g_ptr_array_index (loaded, i))->name, "testaddin.tidy");
  g_assert_true (found);
  helder_engine_unload_all (helder_context_get_engine (f->context));
  unloaded = helder_context_list_housekeeping (f->context);
  g_assert_cmpuint (unloaded->len, ==, 0);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/housekeeping/runs-each-round", Fixture, NULL, setup, test_runs_each_round,
              teardown);
  g_test_add ("/housekeeping/failure-reported", Fixture, NULL, setup,
              test_failure_reported_sending_goes_on, teardown);
  g_test_add ("/housekeeping/send-reports", Fixture, NULL, setup, test_send_reports_failure,
              teardown);
  g_test_add ("/housekeeping/unload", Fixture, NULL, setup, test_unload_removes_job, teardown);
  return g_test_run ();
}
