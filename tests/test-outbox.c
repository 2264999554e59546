/* test-outbox.c — the outbox, the scheduler and the digest (DESIGN.md §4, §6)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-scheduler.h"

static const HelderOutboxPolicy policy = { .max_attempts = 3,
                                           .retry_seconds = 60,
                                           .lease_seconds = 300 };
static const char *email_only[] = { "email", NULL };

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static gint64
scalar (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The first column of the first row; freed when the test ends. */
static const char *
text (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);
  char *value;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_test_queue_free (value);
  return value;
}

static void
queue_one (HelderStore *store,
           const char *source,
           gint64 person,
           const char *channel,
           gboolean expect_new)
{
  g_autofree char *now = helder_clock_now_utc ();
  HelderOutboxMessage m = { source, person, channel, "Onderwerp", "Tekst", "nl", "", NULL };
  g_autoptr (GError) error = NULL;
  gboolean inserted = !expect_new;

  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_outbox_queue (store, &m, now, &inserted, &error));
  g_assert_no_error (error);
  g_assert_true (helder_store_commit (store, &error));
  g_assert_cmpint (inserted, ==, expect_new);
}

static void
test_queue_idempotent (Fixture *f, gconstpointer data)
{
  queue_one (f->store, "moment:1", 1, "email", TRUE);
  queue_one (f->store, "moment:1", 1, "email", FALSE);
  queue_one (f->store, "moment:1", 1, "desktop", TRUE);
  queue_one (f->store, "moment:1", 2, "email", TRUE);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 3);
}

static JsonArray *
claim (HelderStore *store, guint limit, const HelderOutboxPolicy *p)
{
  g_autoptr (GError) error = NULL;
  JsonArray *rows = helder_outbox_claim (store, email_only, limit, p, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_claim_lease (Fixture *f, gconstpointer data)
{
  HelderOutboxPolicy short_lease = policy;
  g_autoptr (JsonArray) first = NULL;
  g_autoptr (JsonArray) second = NULL;
  g_autoptr (JsonArray) again = NULL;
  JsonObject *row;

  queue_one (f->store, "moment:1", 1, "email", TRUE);
  queue_one (f->store, "moment:1", 2, "email", TRUE);
  queue_one (f->store, "moment:1", 3, "desktop", TRUE);

  short_lease.lease_seconds = 1;
  first = claim (f->store, 10, &short_lease);
  g_assert_cmpuint (json_array_get_length (first), ==, 2); /* not the desktop row */
  row = json_array_get_object_element (first, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "sending");
  g_assert_cmpint (json_object_get_int_member (row, "attempts"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, "moment:1/1/email");

  /* Held: nobody else takes them while the lease runs. */
  second = claim (f->store, 10, &short_lease);
  g_assert_cmpuint (json_array_get_length (second), ==, 0);

  /* The holder died: once the lease ran out, the next worker takes over. */
  g_usleep (2100 * 1000);
  again = claim (f->store, 10, &short_lease);
  g_assert_cmpuint (json_array_get_length (again), ==, 2);
  g_assert_cmpint (
    json_object_get_int_member (json_array_get_object_element (again, 0), "attempts"), ==, 2);
}

static void
record_one (HelderStore *store, gint64 id, HelderOutboxOutcome outcome, const char *reason)
{
  g_autoptr (GError) error = NULL;
  HelderOutboxResult r = { id, outcome, (char *) reason };

  g_assert_true (helder_outbox_record (store, &r, 1, &policy, &error));
  g_assert_no_error (error);
}

static void
test_record_outcomes (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) rows = NULL;
  const char *next = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  queue_one (f->store, "moment:1", 1, "email", TRUE);
  queue_one (f->store, "moment:1", 2, "email", TRUE);
  queue_one (f->store, "moment:1", 3, "email", TRUE);
  rows = claim (f->store, 10, &policy);
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);

  record_one (f->store, 1, HELDER_OUTBOX_SENT, NULL);
  record_one (f->store, 2, HELDER_OUTBOX_TRANSIENT, "451 4.3.0 Try again later");
  record_one (f->store, 3, HELDER_OUTBOX_PERMANENT, "550 5.1.1 Mailbox unavailable");

  g_assert_cmpint (scalar (f->store, "SELECT sent_at IS NOT NULL FROM delivery WHERE id = 1"), ==,
                   1);
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 1"), ==, "sent");
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 2"), ==, "failed");
  g_assert_cmpstr (text (f->store, "SELECT last_error FROM delivery WHERE id = 2"), ==,
                   "451 4.3.0 Try again later");
  next = text (f->store, "SELECT next_attempt_at FROM delivery WHERE id = 2");
  g_assert_cmpstr (next, >, now); /* backed off, not due at once */
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 3"), ==, "dead");
  g_assert_cmpstr (text (f->store, "SELECT last_error FROM delivery WHERE id = 3"), ==,
                   "550 5.1.1 Mailbox unavailable");

  /* The failed row is not due yet. */
  {
    g_autoptr (JsonArray) none = claim (f->store, 10, &policy);
    g_assert_cmpuint (json_array_get_length (none), ==, 0);
  }
}

static void
test_backoff_and_dead (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (helder_outbox_backoff (&policy, 1), ==, 60);
  g_assert_cmpint (helder_outbox_backoff (&policy, 2), ==, 120);
  g_assert_cmpint (helder_outbox_backoff (&policy, 3), ==, 240);
  g_assert_cmpint (helder_outbox_backoff (&policy, 30), ==, HELDER_OUTBOX_MAX_BACKOFF_SECONDS);

  queue_one (f->store, "moment:1", 1, "email", TRUE);
  for (guint attempt = 1; attempt <= policy.max_attempts; attempt++)
    {
      g_autoptr (JsonArray) rows = NULL;

      /* Make it due again, as time would. */
      g_assert_true (helder_store_exec (
        f->store, "UPDATE delivery SET next_attempt_at = '2000-01-01T00:00:00Z'", NULL));
      rows = claim (f->store, 10, &policy);
      g_assert_cmpuint (json_array_get_length (rows), ==, 1);
      record_one (f->store, 1, HELDER_OUTBOX_TRANSIENT, "connection refused");
    }
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 1"), ==, "dead");
  g_assert_cmpint (scalar (f->store, "SELECT attempts FROM delivery WHERE id = 1"), ==,
                   policy.max_attempts);
}

static void
test_retry (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  queue_one (f->store, "moment:1", 1, "email", TRUE);
  queue_one (f->store, "moment:1", 2, "email", TRUE);
  rows = claim (f->store, 10, &policy);
  record_one (f->store, 1, HELDER_OUTBOX_PERMANENT, "no address");
  record_one (f->store, 2, HELDER_OUTBOX_SENT, NULL);

  before = helder_test_fingerprint (f->store);
  g_assert_false (helder_outbox_retry (f->store, 2, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "sent"));
  g_clear_error (&error);
  g_assert_false (helder_outbox_retry (f->store, 99, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (helder_outbox_retry (f->store, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 1"), ==, "pending");
  g_assert_cmpint (scalar (f->store, "SELECT attempts FROM delivery WHERE id = 1"), ==, 0);
}

static void
test_counts_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonObject) counts = NULL;
  g_autoptr (JsonObject) list = NULL;

  queue_one (f->store, "moment:1", 1, "email", TRUE);
  queue_one (f->store, "moment:1", 2, "email", TRUE);
  queue_one (f->store, "moment:1", 3, "desktop", TRUE);
  rows = claim (f->store, 1, &policy);
  record_one (f->store, json_object_get_int_member (json_array_get_object_element (rows, 0), "id"),
              HELDER_OUTBOX_SENT, NULL);

  counts = helder_outbox_counts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, 3);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (counts, "by_status"), "sent"), ==,
    1);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (counts, "by_status"), "pending"), ==,
    2);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (
                                  json_object_get_object_member (counts, "by_channel"), "desktop"),
                                "pending"),
    ==, 1);

  list = helder_outbox_list (f->store, "pending", NULL, 10, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (list, "total"), ==, 2);
  g_assert_null (helder_outbox_list (f->store, "lost", NULL, 10, 0, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lost"));
}

static void
test_offered_acknowledge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonArray) offered = NULL;
  g_autoptr (JsonObject) ack = NULL;
  g_autoptr (JsonObject) again = NULL;
  const char *desktop[] = { "desktop", NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  queue_one (f->store, "moment:1", 1, "desktop", TRUE);
  rows = helder_outbox_claim (f->store, desktop, 10, &policy, &error);
  g_assert_no_error (error);
  record_one (f->store, 1, HELDER_OUTBOX_OFFERED, NULL);
  g_assert_cmpstr (text (f->store, "SELECT status FROM delivery WHERE id = 1"), ==, "offered");

  offered = helder_outbox_offered_list (f->store, 1, "desktop", 50, &error);
  g_assert_cmpuint (json_array_get_length (offered), ==, 1);

  /* Someone else cannot acknowledge it, and nothing changes. */
  before = helder_test_fingerprint (f->store);
  g_assert_null (helder_outbox_offered_acknowledge (f->store, 2, "desktop", 1, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);

  ack = helder_outbox_offered_acknowledge (f->store, 1, "desktop", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "sent");
  again = helder_outbox_offered_acknowledge (f->store, 1, "desktop", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (again, "acknowledged_at"), ==,
                   json_object_get_string_member (ack, "acknowledged_at"));
  g_clear_pointer (&offered, json_array_unref);
  offered = helder_outbox_offered_list (f->store, 1, "desktop", 50, &error);
  g_assert_cmpuint (json_array_get_length (offered), ==, 0);
}

/* ---- the scheduler --------------------------------------------------------- */

static gint64
approved_moment (HelderStore *store, const char *json)
{
  g_autoptr (JsonObject) m = helder_test_create (store, "moment", json);
  g_autofree char *key =
    g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (m, "id"));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) approved =
    helder_moment_set_status (store, HELDER_TEST_ACTOR, key, "approved", &error);

  g_assert_no_error (error);
  helder_test_make_due (store);
  g_assert_nonnull (approved);
  return json_object_get_int_member (m, "id");
}

static void
run_scheduler (HelderStore *store, HelderScheduleOptions *options, HelderScheduleReport *report)
{
  g_autoptr (GError) error = NULL;

  options->base_url = "https://helder.voorbeeld.nl";
  options->digest_weekday = 1;
  options->digest_hour = options->now != NULL ? 0 : 8;
  g_assert_true (helder_scheduler_run (store, options, report, &error));
  g_assert_no_error (error);
}

static void
test_scheduler_moment (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_auto (HelderScheduleReport) twice = { 0 };
  HelderScheduleOptions options = { .moments = TRUE };
  gint64 id;

  /* Dewi reads English: she gets the translation. Anna takes desktop too. */
  g_assert_true (helder_store_exec (
    f->store, "INSERT INTO person_channel VALUES (1, 'email'), (1, 'desktop')", NULL));
  id = approved_moment (
    f->store,
    "{\"title\":\"Nieuwe werkplekken\",\"title_en\":\"New workplaces\","
    "\"body\":\"De *werkplekken* worden vervangen.\",\"body_en\":\"Workplaces are *replaced*.\","
    "\"scheduled_at\":\"2020-01-01T09:00:00Z\",\"channels\":[\"email\",\"desktop\"],"
    "\"groups\":[\"beheer\",\"leverancier\"]}");
  run_scheduler (f->store, &options, &report);
  g_assert_cmpuint (report.moments_sent, ==, 1);
  /* Anna: email + desktop; Cor: email (no channel chosen); Dewi: email */
  g_assert_cmpuint (report.messages, ==, 4);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 1"), ==, 2);
  g_assert_cmpstr (text (f->store, "SELECT status FROM moment WHERE id = 1"), ==, "sent");
  g_assert_cmpstr (
    text (f->store,
          "SELECT subject FROM delivery JOIN delivery_message ON delivery = id WHERE person = 4"),
    ==, "New workplaces");
  g_assert_nonnull (strstr (
    text (f->store,
          "SELECT body FROM delivery JOIN delivery_message ON delivery = id WHERE person = 4"),
    "Workplaces are *replaced*."));
  g_assert_nonnull (strstr (
    text (
      f->store,
      "SELECT body FROM delivery JOIN delivery_message ON delivery = id WHERE person = 1 AND channel = 'email'"),
    "https://helder.voorbeeld.nl/me"));
  g_assert_cmpstr (
    text (f->store,
          "SELECT subject FROM delivery JOIN delivery_message ON delivery = id WHERE person = 3"),
    ==, "Nieuwe werkplekken");
  g_assert_cmpstr (text (f->store, "SELECT source FROM delivery WHERE person = 3"), ==, "moment:1");
  (void) id;

  /* Nothing is queued twice. */
  run_scheduler (f->store, &options, &twice);
  g_assert_cmpuint (twice.messages, ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 4);
}

static void
test_scheduler_dry_run (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonArray) plan = json_array_new ();
  HelderScheduleOptions options = {
    .moments = TRUE, .digests = TRUE, .force_digests = TRUE, .dry_run = TRUE
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  approved_moment (f->store, "{\"title\":\"Bericht\",\"scheduled_at\":\"2020-01-01T09:00:00Z\","
                             "\"channels\":[\"email\"],\"groups\":[\"servicedesk\"]}");
  options.plan = plan;
  before = helder_test_fingerprint (f->store);
  run_scheduler (f->store, &options, &report);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report.messages, ==, 2); /* Bram, Cor */
  /* Dewi, of the supplier, gets no digest unless she asks for one. */
  g_assert_cmpuint (report.digests, ==, 3);
  g_assert_cmpuint (json_array_get_length (plan), ==, 5);
}

static void
test_scheduler_empty_audience (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  HelderScheduleOptions options = { .moments = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) problems = NULL;

  /* A role nobody holds. */
  approved_moment (f->store,
                   "{\"title\":\"Voor contractmanagers\",\"scheduled_at\":\"2020-01-01T09:00:00Z\","
                   "\"channels\":[\"email\"],\"roles\":[\"contractmanager\"]}");
  run_scheduler (f->store, &options, &report);
  g_assert_cmpuint (report.moments_empty, ==, 1);
  g_assert_cmpuint (report.moments_sent, ==, 0);
  g_assert_cmpstr (text (f->store, "SELECT status FROM moment WHERE id = 1"), ==, "approved");
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 0);
  problems = helder_scheduler_problems (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (problems, 0), "problem"), ==,
    "empty-audience");
}

static void
test_scheduler_future_and_meetings (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  HelderScheduleOptions options = { .moments = TRUE };

  approved_moment (f->store, "{\"title\":\"Later\",\"scheduled_at\":\"2999-01-01T09:00:00Z\","
                             "\"channels\":[\"email\"],\"groups\":[\"beheer\"]}");
  approved_moment (f->store, "{\"title\":\"Teamoverleg\",\"scheduled_at\":\"2020-01-01T09:00:00Z\","
                             "\"channels\":[\"meeting\"],\"groups\":[\"beheer\"]}");
  run_scheduler (f->store, &options, &report);
  g_assert_cmpuint (report.moments_sent, ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 0);
  /* A meeting that started is not announced late: it is over, marked sent
   * (its invitation went out ahead of time, tests/test-meeting.c). */
  g_assert_cmpuint (report.meetings_started, ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM moment WHERE status = 'approved'"), ==,
                   1);
}

/* ---- digests --------------------------------------------------------------- */

static void
test_digest_unchanged_and_off (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) first = { 0 };
  g_auto (HelderScheduleReport) second = { 0 };
  g_auto (HelderScheduleReport) third = { 0 };
  HelderScheduleOptions options = { .digests = TRUE, .force_digests = TRUE };

  g_assert_true (
    helder_store_exec (f->store, "UPDATE person SET digest = 'off' WHERE id = 2", NULL));
  run_scheduler (f->store, &options, &first);
  /* Anna and Cor: Bram chose none, Dewi is external and did not ask */
  g_assert_cmpuint (first.digests, ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 2"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 4"), ==, 0);

  /* Next week, nothing changed for anyone: no empty mail. (These
   * digests become last week's: their week and when they were queued.) */
  g_assert_true (
    helder_store_exec (f->store,
                       "UPDATE delivery SET source = replace (source, ':20', ':19'),"
                       " created_at = strftime ('%Y-%m-%dT%H:%M:%SZ', created_at, '-7 days')",
                       NULL));
  run_scheduler (f->store, &options, &second);
  g_assert_cmpuint (second.digests, ==, 0);
  g_assert_cmpuint (second.digests_unchanged, ==, 2);

  /* A promise to Anna changes her digest, and only hers. */
  json_object_unref (helder_test_create (
    f->store, "commitment",
    "{\"text\":\"Iedereen krijgt een opleidingsbudget\",\"made_by\":\"directie\",\"made_on\":\"2026-01-10\","
    "\"due_on\":\"2099-01-01\",\"persons\":[1]}"));
  run_scheduler (f->store, &options, &third);
  g_assert_cmpuint (third.digests, ==, 1);
  g_assert_cmpuint (third.digests_unchanged, ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 1"), ==, 2);
}

/* `helder serve` runs the scheduler every half minute: once a week's
 * digests were composed for everyone, later rounds compose nothing. */
static void
test_digest_week_once (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) first = { 0 };
  g_auto (HelderScheduleReport) second = { 0 };
  HelderScheduleOptions options = { .digests = TRUE, .now = "2026-11-29T12:00:00Z" };
  g_autoptr (GError) error = NULL;

  run_scheduler (f->store, &options, &first);
  g_assert_true (first.digests_due);
  g_assert_cmpuint (first.digests, ==, 3); /* not Dewi, who is external */
  /* Someone's digest goes (dead, say): the week still counts as done. */
  g_assert_true (helder_store_exec (f->store, "DELETE FROM delivery WHERE person = 1", &error));
  run_scheduler (f->store, &options, &second);
  g_assert_true (second.digests_due);
  g_assert_cmpuint (second.digests, ==, 0);
  g_assert_cmpuint (second.digests_unchanged, ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM digest_week"), ==, 1);
}

static void
test_digest_does_not_reveal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderDigest) digest = { 0 };

  json_object_unref (helder_test_create (
    f->store, "role_change",
    "{\"person\":1,\"from_role\":\"systeembeheerder\",\"to_role\":\"contractmanager\",\"status\":\"decided\","
    "\"changes\":\"Je gaat contracten beheren\",\"contact\":3}"));
  g_assert_true (helder_digest_compose (f->store, 1, "2026-W48", "2026-11-28", "https://h.example",
                                        NULL, &digest, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (digest.body, "Contractmanager"));
  g_assert_null (strstr (digest.body, "contracten beheren"));
  g_assert_nonnull (strstr (digest.body, "Cor van den Berg")); /* who the conversation is with */
  g_assert_cmpstr (digest.source, ==, "digest:1:2026-W48");
  g_assert_nonnull (strstr (digest.body, "https://h.example/me"));
  helder_digest_clear (&digest);

  g_assert_true (helder_store_exec (f->store, "UPDATE role_change SET status = 'discussed'", NULL));
  g_assert_true (helder_digest_compose (f->store, 1, "2026-W48", "2026-11-28", "https://h.example",
                                        NULL, &digest, &error));
  g_assert_nonnull (strstr (digest.body, "Contractmanager"));
}

static void
test_markdown_to_text (void)
{
  g_autofree char *t = helder_markdown_to_text (
    "# Kop\n\nDe *werkplekken* en [de pagina](https://x.nl).\n\n- een\n- twee\n", 0);
  g_autofree char *cut = helder_markdown_to_text ("Één twee drie vier", 6);

  g_assert_cmpstr (t, ==, "Kop\nDe werkplekken en de pagina.\n• een\n• twee");
  g_assert_cmpstr (cut, ==, "Één t…");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/outbox/queue-idempotent", test_queue_idempotent);
  ADD ("/outbox/claim-lease", test_claim_lease);
  ADD ("/outbox/record-outcomes", test_record_outcomes);
  ADD ("/outbox/backoff-dead", test_backoff_and_dead);
  ADD ("/outbox/retry", test_retry);
  ADD ("/outbox/counts-list", test_counts_and_list);
  ADD ("/outbox/offered-acknowledge", test_offered_acknowledge);
  ADD ("/scheduler/moment", test_scheduler_moment);
  ADD ("/scheduler/dry-run", test_scheduler_dry_run);
  ADD ("/scheduler/empty-audience", test_scheduler_empty_audience);
  ADD ("/scheduler/future-and-meetings", test_scheduler_future_and_meetings);
  ADD ("/digest/unchanged-and-off", test_digest_unchanged_and_off);
  ADD ("/digest/week-once", test_digest_week_once);
  ADD ("/digest/does-not-reveal", test_digest_does_not_reveal);
  g_test_add_func ("/digest/markdown-to-text", test_markdown_to_text);
  return g_test_run ();
}
