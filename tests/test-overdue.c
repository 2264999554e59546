/* test-overdue.c — nothing late without saying so: overdue moments are
 * held and reported, the advisor's answers, honest counts, and the
 * warnings about a moment's time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock is pinned (helder-test-utils.c); every time here is relative
 * to it, or passed explicitly, so the tests pass at any hour and in any
 * process time zone.
 */
#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-moment-warnings.h"
#include "services/delivery/helder-overdue.h"
#include "services/delivery/helder-scheduler.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-lateness.h"
#include "services/views/helder-status.h"

typedef struct
{
  char *path;
  HelderStore *store;
} Fixture;

static const HelderAuditActor advisor = { 0, "Yvonne Peeters", "cli" };

static void
setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

/* The pinned clock moved by @minutes, as stored: "…Z". */
static char *
minutes_from_now (int minutes)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) then = g_date_time_add_minutes (now, minutes);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* An approved moment by e-mail to the group "beheer" (Anna and Cor),
 * @minutes from now. */
static gint64
moment_at (Fixture *f, const char *title, int minutes, const char *status)
{
  g_autofree char *when = minutes_from_now (minutes);
  g_autofree char *json = g_strdup_printf ("{\"title\":\"%s\",\"scheduled_at\":\"%s\","
                                           "\"status\":\"%s\",\"channels\":[\"email\"],"
                                           "\"groups\":[\"beheer\"]}",
                                           title, when, status);
  g_autoptr (JsonObject) row = helder_test_create (f->store, "moment", json);

  return json_object_get_int_member (row, "id");
}

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
deliveries_of (Fixture *f, gint64 moment)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM delivery WHERE source = 'moment:%" G_GINT64_FORMAT "'", moment);
  return scalar (f, sql);
}

static const char *
status_of (Fixture *f, gint64 moment)
{
  static char status[32];
  g_autofree char *sql =
    g_strdup_printf ("SELECT status FROM moment WHERE id = %" G_GINT64_FORMAT, moment);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (status, (const char *) sqlite3_column_text (stmt, 0), sizeof status);
  return status;
}

static void
run_round (Fixture *f, gboolean include_overdue, HelderScheduleReport *report)
{
  HelderScheduleOptions options = { .moments = TRUE,
                                    .base_url = "https://helder.voorbeeld.nl",
                                    .include_overdue = include_overdue };
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_scheduler_run (f->store, &options, report, &error));
  g_assert_no_error (error);
}

static gboolean
has_problem (JsonArray *problems, gint64 moment, const char *kind)
{
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);

      if (json_object_get_int_member (p, "moment") == moment &&
          g_strcmp0 (json_object_get_string_member (p, "problem"), kind) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- the scheduler holds and reports ------------------------------------- */

static void
test_held_and_reported (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  gint64 late = moment_at (f, "Drie uur te laat", -180, "approved");
  gint64 recent = moment_at (f, "Een uur te laat", -60, "approved");
  JsonObject *p;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *due_local = NULL;

  run_round (f, FALSE, &report);
  /* One hour late goes as before; three hours late is held. */
  g_assert_cmpuint (report.moments_sent, ==, 1);
  g_assert_cmpuint (report.moments_overdue, ==, 1);
  g_assert_cmpint (deliveries_of (f, recent), ==, 2);
  g_assert_cmpstr (status_of (f, recent), ==, "sent");
  g_assert_cmpint (deliveries_of (f, late), ==, 0);
  g_assert_cmpstr (status_of (f, late), ==, "approved");

  problems = helder_scheduler_problems (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_true (has_problem (problems, late, "overdue"));
  p = json_array_get_object_element (problems, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "title"), ==, "Drie uur te laat");
  g_assert_cmpint (json_object_get_int_member (p, "late_minutes"), >=, 180);
  g_assert_cmpint (json_object_get_int_member (p, "late_minutes"), <, 190);
  /* When it was due, in the programme's zone, whatever the process's TZ. */
  due = g_date_time_new_from_iso8601 (json_object_get_string_member (p, "scheduled_at"), NULL);
  local = g_date_time_to_timezone (due, helder_clock_zone ());
  due_local = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (json_object_get_string_member (p, "due_local"), ==, due_local);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "actions")), ==, 3);

  /* Another round holds it still, and sends nothing twice. */
  {
    g_auto (HelderScheduleReport) again = { 0 };

    run_round (f, FALSE, &again);
    g_assert_cmpuint (again.moments_sent, ==, 0);
    g_assert_cmpuint (again.messages, ==, 0);
    g_assert_cmpuint (again.moments_overdue, ==, 1);
    g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery"), ==, 2);
  }
}

static void
test_grace_setting (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 id = moment_at (f, "Drie uur te laat", -180, "approved");

  g_assert_cmpuint (helder_lateness_grace_minutes (f->store), ==, 120);
  g_assert_true (helder_config_set (f->store, "delivery.grace_minutes", "240", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (helder_lateness_grace_minutes (f->store), ==, 240);
  run_round (f, FALSE, &report);
  g_assert_cmpuint (report.moments_sent, ==, 1);
  g_assert_cmpint (deliveries_of (f, id), ==, 2);
}

static void
test_include_overdue (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_auto (HelderScheduleReport) again = { 0 };
  g_autoptr (JsonArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = moment_at (f, "Tien uur te laat", -600, "approved");

  run_round (f, TRUE, &report);
  g_assert_cmpuint (report.moments_sent, ==, 1);
  g_assert_cmpuint (report.moments_overdue, ==, 0);
  g_assert_cmpint (deliveries_of (f, id), ==, 2);
  g_assert_cmpstr (status_of (f, id), ==, "sent");
  problems = helder_scheduler_problems (f->store, NULL, &error);
  g_assert_cmpuint (json_array_get_length (problems), ==, 0);

  run_round (f, TRUE, &again);
  g_assert_cmpuint (again.messages, ==, 0);
  g_assert_cmpint (deliveries_of (f, id), ==, 2);
}

/* ---- the advisor's answers ------------------------------------------------ */

static void
test_send_now (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) first = { 0 };
  g_auto (HelderScheduleReport) second = { 0 };
  g_auto (HelderScheduleReport) third = { 0 };
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  gint64 id = moment_at (f, "Drie uur te laat", -180, "approved");

  run_round (f, FALSE, &first);
  g_assert_cmpint (deliveries_of (f, id), ==, 0);

  key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  row = helder_overdue_send_now (f->store, key, &advisor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "released_by"), ==, "Yvonne Peeters");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE action = 'send-now'"), ==, 1);
  /* Deciding twice changes nothing. */
  again = helder_overdue_send_now (f->store, key, &advisor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment_release"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE action = 'send-now'"), ==, 1);

  run_round (f, FALSE, &second);
  g_assert_cmpuint (second.moments_sent, ==, 1);
  g_assert_cmpuint (second.moments_overdue, ==, 0);
  g_assert_cmpint (deliveries_of (f, id), ==, 2);
  g_assert_cmpstr (status_of (f, id), ==, "sent");

  run_round (f, FALSE, &third);
  g_assert_cmpuint (third.messages, ==, 0);
  g_assert_cmpint (deliveries_of (f, id), ==, 2);
}

static void
test_reschedule (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *later = minutes_from_now (24 * 60);
  gint64 id = moment_at (f, "Drie uur te laat", -180, "approved");

  key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  row = helder_overdue_reschedule (f->store, key, later, &advisor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "scheduled_at"), ==, later);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "approved");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE action = 'reschedule'"), ==,
                   1);
  run_round (f, FALSE, &report);
  g_assert_cmpuint (report.moments_overdue, ==, 0);
  g_assert_cmpint (deliveries_of (f, id), ==, 0);
}

/* Each bad answer says what is wrong and changes nothing. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *later = minutes_from_now (24 * 60);
  gint64 draft = moment_at (f, "Concept", -180, "draft");
  gint64 future = moment_at (f, "Later", 600, "approved");
  gint64 sent = moment_at (f, "Verstuurd", -30, "approved");
  gint64 cancelled = moment_at (f, "Geannuleerd", -300, "approved");
  gint64 late = moment_at (f, "Te laat", -300, "approved");
  g_autofree char *before = NULL;
  struct
  {
    gint64 moment; /* 0: the text below */
    const char *text;
    const char *when; /* NULL: send now */
    int code;
    const char *says;
  } cases[] = {
    { 0, "999", NULL, HELDER_ERROR_NOT_FOUND, "999" },
    { 0, "abc", NULL, HELDER_ERROR_NOT_FOUND, "abc" },
    { draft, NULL, NULL, HELDER_ERROR_CONFLICT, "draft" },
    { sent, NULL, NULL, HELDER_ERROR_CONFLICT, "already sent" },
    { cancelled, NULL, NULL, HELDER_ERROR_CONFLICT, "cancelled" },
    { future, NULL, NULL, HELDER_ERROR_CONFLICT, "not due" },
    { 0, "999", later, HELDER_ERROR_NOT_FOUND, "999" },
    { draft, NULL, later, HELDER_ERROR_CONFLICT, "draft" },
    { sent, NULL, later, HELDER_ERROR_CONFLICT, "already sent" },
    { late, NULL, "morgen", HELDER_ERROR_INVALID, "scheduled_at" },
    { late, NULL, "2026-02-30T10:00", HELDER_ERROR_INVALID, "scheduled_at" },
    { late, NULL, "2020-01-01T10:00", HELDER_ERROR_INVALID, "not in the future" },
    { late, NULL, "", HELDER_ERROR_INVALID, "scheduled_at" },
  };

  {
    g_auto (HelderScheduleReport) report = { 0 };

    run_round (f, FALSE, &report); /* sends "Verstuurd" */
    g_assert_cmpstr (status_of (f, sent), ==, "sent");
  }
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, cancelled);
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonObject) row = NULL;
    g_autoptr (JsonObject) changes = json_object_new ();

    json_object_set_string_member (changes, "status", "cancelled");
    row = helder_repo_update (f->store, helder_entity_lookup ("moment"), key, changes,
                              HELDER_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
  }

  before = helder_test_fingerprint (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = cases[i].moment != 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, cases[i].moment)
                               : g_strdup (cases[i].text);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) row =
        cases[i].when == NULL
          ? helder_overdue_send_now (f->store, key, &advisor, &error)
          : helder_overdue_reschedule (f->store, key, cases[i].when, &advisor, &error);
      g_autofree char *after = NULL;

      g_test_message ("case %u: %s %s", i, key, cases[i].when ? cases[i].when : "send-now");
      g_assert_null (row);
      g_assert_error (error, HELDER_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      after = helder_test_fingerprint (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* ---- honest counts ------------------------------------------------------- */

/* Overdue, by brute force: every moment read whole, the rule applied in C. */
static guint
count_overdue_by_hand (Fixture *f)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store, "SELECT id, status, scheduled_at FROM moment ORDER BY id", NULL);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr (GDateTime) at =
        g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 2), NULL);
      g_autofree char *channels_sql =
        g_strdup_printf ("SELECT count(*) FROM moment_channel WHERE moment = %" G_GINT64_FORMAT
                         " AND channel <> 'meeting'",
                         id);
      g_autofree char *released_sql = g_strdup_printf (
        "SELECT count(*) FROM moment_release WHERE moment = %" G_GINT64_FORMAT, id);

      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "approved") != 0)
        continue;
      if (g_date_time_difference (now, at) <= 120 * G_TIME_SPAN_MINUTE)
        continue;
      if (scalar (f, channels_sql) == 0 || scalar (f, released_sql) > 0)
        continue;
      n++;
    }
  return n;
}

static void
test_status_counts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) status = NULL;
  g_autoptr (JsonArray) problems = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  JsonArray *moments;
  guint marked = 0, by_hand;
  gint64 released = moment_at (f, "Vrijgegeven", -400, "approved");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, released);

  /* Around the boundary, long ago, drafts, meetings, released, coming. */
  moment_at (f, "Net binnen", -119, "approved");
  moment_at (f, "Net buiten", -125, "approved");
  moment_at (f, "Gisteren", -24 * 60, "approved");
  moment_at (f, "Vorige week", -7 * 24 * 60, "approved");
  moment_at (f, "Concept", -300, "draft");
  moment_at (f, "Straks", 60, "approved");
  json_object_unref (helder_test_create (f->store, "moment",
                                         "{\"title\":\"Teamoverleg\","
                                         "\"scheduled_at\":\"2020-01-01T09:00:00Z\","
                                         "\"status\":\"approved\","
                                         "\"channels\":[\"meeting\"],"
                                         "\"groups\":[\"beheer\"]}"));
  json_object_unref (helder_overdue_send_now (f->store, key, &advisor, &error));
  g_assert_no_error (error);

  by_hand = count_overdue_by_hand (f);
  g_assert_cmpuint (by_hand, ==, 3);
  status = helder_status_compute (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "overdue")), ==,
                    by_hand);
  /* Those in the coming two weeks (from today) are marked in the list. */
  moments = json_object_get_array_member (status, "moments");
  for (guint i = 0; i < json_array_get_length (moments); i++)
    marked +=
      json_object_get_boolean_member (json_array_get_object_element (moments, i), "overdue");
  {
    g_autofree char *today = helder_clock_today ();
    guint today_overdue = 0;
    JsonArray *overdue = json_object_get_array_member (status, "overdue");

    for (guint i = 0; i < json_array_get_length (overdue); i++)
      {
        g_autofree char *day = helder_clock_local_date (json_object_get_string_member (
          json_array_get_object_element (overdue, i), "scheduled_at"));

        today_overdue += g_strcmp0 (day, today) == 0;
      }
    g_assert_cmpuint (marked, ==, today_overdue);
  }

  run_round (f, FALSE, &report);
  g_assert_cmpuint (report.moments_overdue, ==, by_hand);
  problems = helder_scheduler_problems (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (problems), ==, count_overdue_by_hand (f));
  g_assert_cmpuint (count_overdue_by_hand (f), ==, by_hand);
}

/* ---- warnings at approval -------------------------------------------------- */

static gboolean
warns (JsonArray *warnings, const char *code, const char *says)
{
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_strcmp0 (json_object_get_string_member (w, "code"), code) == 0)
        return says == NULL || strstr (json_object_get_string_member (w, "message"), says) != NULL;
    }
  return FALSE;
}

static void
test_warnings (Fixture *f, gconstpointer data)
{
  /* All in Europe/Amsterdam; "now" is given, so the hour of the run does not matter. */
  const char *now = "2026-12-01T09:00:00Z";
  struct
  {
    const char *at;
    const char *phase;
    const char *code; /* NULL: no warning at all */
    const char *says;
  } cases[] = {
    { "2026-12-08T09:00:00Z", NULL, NULL, NULL },       /* Tuesday 10:00 */
    { "2027-07-06T08:00:00Z", NULL, NULL, NULL },       /* Tuesday 10:00 in summer time */
    { "2027-07-06T05:30:00Z", NULL, NULL, NULL },       /* 07:30 CEST: morning */
    { "2026-12-08T05:30:00Z", NULL, "night", "06:30" }, /* 06:30 CET */
    { "2026-12-08T21:30:00Z", NULL, "night", "22:30" },
    { "2026-11-30T09:00:00Z", NULL, "past", "held" },    /* a day ago */
    { "2026-12-01T08:30:00Z", NULL, "past", "at once" }, /* half an hour ago */
    { "2026-12-12T09:00:00Z", NULL, "weekend", "Saturday" },
    { "2026-12-13T09:00:00Z", NULL, "weekend", "Sunday" },
    { "2026-12-25T09:00:00Z", NULL, "holiday", "Christmas Day" },
    { "2027-01-01T09:00:00Z", NULL, "holiday", "New Year's Day" },
    { "2027-03-29T08:00:00Z", NULL, "holiday", "Easter Monday" },
    { "2027-04-27T08:00:00Z", NULL, "holiday", "King's Day" },
    { "2027-05-05T08:00:00Z", NULL, "holiday", "Liberation Day" },
    { "2027-05-06T08:00:00Z", NULL, "holiday", "Ascension Day" },
    { "2027-05-17T08:00:00Z", NULL, "holiday", "Whit Monday" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) moment = json_object_new ();
      g_autoptr (JsonArray) warnings = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].at);
      json_object_set_string_member (moment, "scheduled_at", cases[i].at);
      if (cases[i].phase != NULL)
        json_object_set_string_member (moment, "phase", cases[i].phase);
      else
        json_object_set_null_member (moment, "phase");
      warnings = helder_moment_warnings_list (f->store, moment, now, &error);
      g_assert_no_error (error);
      if (cases[i].code == NULL)
        g_assert_cmpuint (json_array_get_length (warnings), ==, 0);
      else
        g_assert_true (warns (warnings, cases[i].code, cases[i].says));
    }

  /* Good Friday is no general day off: no warning (2027-03-26, 10:00). */
  {
    g_autoptr (JsonObject) moment =
      helder_test_object ("{\"scheduled_at\":\"2027-03-26T09:00:00Z\"}");
    g_autoptr (JsonArray) warnings = helder_moment_warnings_list (f->store, moment, now, NULL);

    g_assert_cmpuint (json_array_get_length (warnings), ==, 0);
  }
  /* A moment of a phase that ended (ten days before today): after the event. */
  {
    g_autoptr (JsonObject) moment = helder_test_object ("{\"phase\":\"inventory\"}");
    g_autoptr (JsonArray) warnings = NULL;
    g_autofree char *day = helder_test_day (0);
    g_autofree char *at = g_strdup_printf ("%sT09:00:00Z", day);

    json_object_set_string_member (moment, "scheduled_at", at);
    warnings = helder_moment_warnings_list (f->store, moment, now, NULL);
    g_assert_true (warns (warnings, "after-event", "Inventarisatie"));
  }
  /* A phase that runs on: no warning. */
  {
    g_autoptr (JsonObject) moment =
      helder_test_object ("{\"scheduled_at\":\"2026-12-08T09:00:00Z\",\"phase\":\"readiness\"}");
    g_autoptr (JsonArray) warnings = NULL;
    g_autofree char *day = helder_test_day (5);
    g_autofree char *at = g_strdup_printf ("%sT09:00:00Z", day);

    json_object_set_string_member (moment, "scheduled_at", at);
    warnings = helder_moment_warnings_list (f->store, moment, now, NULL);
    g_assert_false (warns (warnings, "after-event", NULL));
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/overdue/held-and-reported", test_held_and_reported);
  ADD ("/overdue/grace-setting", test_grace_setting);
  ADD ("/overdue/include-overdue", test_include_overdue);
  ADD ("/overdue/send-now", test_send_now);
  ADD ("/overdue/reschedule", test_reschedule);
  ADD ("/overdue/bad-input", test_bad_input);
  ADD ("/overdue/status-counts", test_status_counts);
  ADD ("/overdue/warnings", test_warnings);
#undef ADD
  return g_test_run ();
}
