/* test-clock.c — the one clock and the programme's time zone
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test sets the clock itself, and the process's own TZ is set to a
 * zone far from Amsterdam, so that nothing here can pass by reading the
 * machine's time or zone.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <sqlite3.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo.h"
#include "services/util/helder-time.h"

static void
set_clock (const char *iso)
{
  g_autoptr (GError) error = NULL;

  helder_clock_set (iso, &error);
  g_assert_no_error (error);
}

static void
use_zone (const char *zone)
{
  g_autoptr (GError) error = NULL;

  helder_clock_set_zone (zone, &error);
  g_assert_no_error (error);
}

static void
test_env_values (void)
{
  static const char *const good[][2] = {
    { "2026-12-04T10:00:00+01:00", "2026-12-04T09:00:00Z" },
    { "2026-12-04T09:00:00Z", "2026-12-04T09:00:00Z" },
    { "2027-03-28T03:30:00+02:00", "2027-03-28T01:30:00Z" },
    { "2026-12-31T23:30:00-05:00", "2027-01-01T04:30:00Z" },
  };
  static const char *const bad[] = {
    "",
    "morgen",
    "2026-12-04",
    "2026-12-04T10:00:00",
    "2026-12-04 10:00",
    "2026-13-01T10:00:00Z",
    "2026-02-30T10:00:00Z",
    "10:00+01:00",
    "1900-01-01T00:00:00Z",
    "2026-12-04T10:00:00+01:00 extra",
    "\xff\xfe",
  };

  g_autofree char *since = g_strdup (g_getenv (HELDER_NOW_SINCE_VARIABLE));

  g_unsetenv (HELDER_NOW_SINCE_VARIABLE);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *now = NULL;

      g_setenv (HELDER_NOW_VARIABLE, good[i][0], TRUE);
      g_assert_true (helder_clock_init_from_env (NULL));
      g_assert_true (helder_clock_is_set ());
      now = helder_clock_now_utc ();
      /* The clock runs on from the instant it was set to: within seconds. */
      g_assert_cmpstr (now, ==, good[i][1]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_setenv (HELDER_NOW_VARIABLE, bad[i], TRUE);
      if (bad[i][0] == '\0')
        {
          /* Empty is unset: the system's clock. */
          g_assert_true (helder_clock_init_from_env (&error));
          g_assert_false (helder_clock_is_set ());
          continue;
        }
      g_assert_false (helder_clock_init_from_env (&error));
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      /* The message names the variable and shows the form expected. */
      g_assert_nonnull (strstr (error->message, "HELDER_NOW"));
      g_assert_nonnull (strstr (error->message, "2026-12-04T10:00:00+01:00"));
    }

  /* HELDER_NOW_SINCE: HELDER_NOW held an hour ago, so it is an hour later
   * now; that is how every process of a test runs one clock. */
  {
    g_autofree char *hour_ago =
      g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC - 3600);
    g_autofree char *now = NULL;
    static const char *const bad_since[] = { "gisteren", "-5", "1.5", "99999999999999999999" };

    g_setenv (HELDER_NOW_VARIABLE, "2026-12-04T10:00:00+01:00", TRUE);
    g_setenv (HELDER_NOW_SINCE_VARIABLE, hour_ago, TRUE);
    g_assert_true (helder_clock_init_from_env (NULL));
    now = helder_clock_now_utc ();
    g_assert_true (g_str_has_prefix (now, "2026-12-04T10:00:0"));
    for (guint i = 0; i < G_N_ELEMENTS (bad_since); i++)
      {
        g_autoptr (GError) error = NULL;

        g_setenv (HELDER_NOW_SINCE_VARIABLE, bad_since[i], TRUE);
        g_assert_false (helder_clock_init_from_env (&error));
        g_assert_nonnull (strstr (error->message, "HELDER_NOW_SINCE"));
      }
  }

  g_setenv (HELDER_NOW_SINCE_VARIABLE, since, TRUE);
  g_setenv (HELDER_NOW_VARIABLE, HELDER_TEST_NOW, TRUE);
  g_assert_true (helder_clock_init_from_env (NULL));
}

static void
test_runs_on (void)
{
  g_autoptr (GDateTime) a = NULL;
  g_autoptr (GDateTime) b = NULL;

  set_clock ("2026-12-04T10:00:00+01:00");
  a = helder_clock_now ();
  g_usleep (20000);
  b = helder_clock_now ();
  g_assert_cmpint (g_date_time_difference (b, a), >=, 20000);
  g_assert_cmpint (g_date_time_difference (b, a), <, 5 * G_USEC_PER_SEC);
}

/* "Today" is the programme's day, not the machine's or UTC's. */
static void
test_today_in_zone (void)
{
  g_autofree char *late_evening = NULL;
  g_autofree char *new_york = NULL;
  g_autofree char *tokyo_local = NULL;

  use_zone ("Europe/Amsterdam");
  /* 23:30 UTC on 31 December is already New Year in Amsterdam. */
  set_clock ("2026-12-31T23:30:00Z");
  late_evening = helder_clock_today ();
  g_assert_cmpstr (late_evening, ==, "2027-01-01");

  use_zone ("America/New_York");
  new_york = helder_clock_today ();
  g_assert_cmpstr (new_york, ==, "2026-12-31");

  use_zone ("Europe/Amsterdam");
  set_clock ("2026-12-04T00:30:00+01:00");
  tokyo_local = helder_clock_today ();
  g_assert_cmpstr (tokyo_local, ==, "2026-12-04");
  set_clock (HELDER_TEST_NOW);
}

static void
test_zone_names (void)
{
  static const char *const good[] = { "Europe/Amsterdam", "UTC", "America/New_York",
                                      "Asia/Kolkata" };
  static const char *const bad[] = {
    "",
    "Mars/Olympus_Mons",
    "+01:00",
    "CET+1",
    "../../etc/passwd",
    "/etc/localtime",
    "Europe/Amsterdam ",
    "europe amsterdam",
    "\xff",
    "Europe/../Europe/Amsterdam",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (helder_clock_check_zone (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      if (helder_clock_check_zone (bad[i], &error))
        g_error ("accepted “%s” as a time zone", bad[i]);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Europe/Amsterdam"));
      /* A refused zone does not become the zone. */
      g_assert_false (helder_clock_set_zone (bad[i], NULL));
      g_assert_cmpstr (helder_clock_zone_name (), ==, "Europe/Amsterdam");
    }
}

/* A time without an offset is the programme's wall time; the two days a
 * year the clocks change, a skipped or doubled time is refused with a
 * message that says so, and an explicit offset chooses. */
static void
test_daylight_saving (void)
{
  struct
  {
    const char *text;
    const char *utc; /* NULL: refused */
    const char *message;
  } cases[] = {
    { "2026-12-01 13:30", "2026-12-01T12:30:00Z", NULL },
    { "2026-07-01T13:30", "2026-07-01T11:30:00Z", NULL },
    { "2027-03-28 01:59", "2027-03-28T00:59:00Z", NULL },
    { "2027-03-28 02:00", NULL, "does not exist in Europe/Amsterdam" },
    { "2027-03-28 02:30", NULL, "does not exist in Europe/Amsterdam" },
    { "2027-03-28 03:00", "2027-03-28T01:00:00Z", NULL },
    { "2026-10-25 01:59", "2026-10-24T23:59:00Z", NULL },
    { "2026-10-25 02:00", NULL, "occurs twice in Europe/Amsterdam" },
    { "2026-10-25 02:30", NULL,
      "2026-10-25 02:30+02:00 (the first) or 2026-10-25 02:30+01:00 (the second)" },
    { "2026-10-25 03:00", "2026-10-25T02:00:00Z", NULL },
    { "2026-10-25 02:30+02:00", "2026-10-25T00:30:00Z", NULL },
    { "2026-10-25 02:30+01:00", "2026-10-25T01:30:00Z", NULL },
    { "2027-03-28T02:30:00Z", "2027-03-28T02:30:00Z", NULL },
  };

  use_zone ("Europe/Amsterdam");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *utc = helder_date_parse_datetime (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].utc != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (utc, ==, cases[i].utc);
        }
      else
        {
          g_assert_null (utc);
          g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
          if (strstr (error->message, cases[i].message) == NULL)
            g_error ("“%s”: “%s” lacks “%s”", cases[i].text, error->message, cases[i].message);
        }
    }

  /* Through a field, the message names the field too. */
  {
    g_autoptr (GError) error = NULL;
    const HelderField *field =
      helder_entity_get_field (helder_entity_lookup ("moment"), "scheduled_at");
    g_autoptr (JsonNode) value = helder_field_parse_text (field, "2027-03-28 02:30", &error);

    g_assert_null (value);
    g_assert_true (g_str_has_prefix (error->message, "scheduled_at: "));
  }

  /* New York changes on other days, at its own 02:00. */
  use_zone ("America/New_York");
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *gap = helder_date_parse_datetime ("2027-03-14 02:30", &error);
    g_autofree char *amsterdam_gap = helder_date_parse_datetime ("2027-03-28 02:30", NULL);

    g_assert_null (gap);
    g_assert_nonnull (strstr (error->message, "America/New_York"));
    g_assert_cmpstr (amsterdam_gap, ==, "2027-03-28T06:30:00Z");
  }
  use_zone ("Europe/Amsterdam");
}

static void
test_day_start (void)
{
  g_autofree char *winter = NULL;
  g_autofree char *summer = NULL;
  g_autofree char *change = NULL;

  use_zone ("Europe/Amsterdam");
  winter = helder_clock_day_start_utc ("2026-12-04");
  summer = helder_clock_day_start_utc ("2026-07-01");
  change = helder_clock_day_start_utc ("2027-03-28");
  g_assert_cmpstr (winter, ==, "2026-12-03T23:00:00Z");
  g_assert_cmpstr (summer, ==, "2026-06-30T22:00:00Z");
  g_assert_cmpstr (change, ==, "2027-03-27T23:00:00Z");
  g_assert_null (helder_clock_day_start_utc ("2026-02-30"));
}

/* SQL's local_date() is the programme's day, whatever the process's TZ. */
static void
test_sql_local_date (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (HelderStmt) stmt = NULL;

  use_zone ("Europe/Amsterdam");
  stmt = helder_store_prepare (
    store,
    "SELECT local_date ('2026-12-04T23:30:00Z'), local_date ('2026-07-01T22:30:00Z'),"
    " local_date (NULL), local_date ('morgen')",
    NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2026-12-05");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2026-07-02");
  g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_column_type (stmt, 3), ==, SQLITE_NULL);
  g_clear_pointer (&stmt, helder_store_stmt_release);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* The programme's zone: a field with a default, checked, and loaded into
 * the process from the store. */
static void
test_programme_zone (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  const HelderEntity *programme = helder_entity_lookup ("programme");
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changed = NULL;
  g_autoptr (JsonObject) bad = helder_test_object ("{\"time_zone\": \"Mars/Olympus_Mons\"}");
  g_autoptr (JsonObject) ny = helder_test_object ("{\"time_zone\": \"America/New_York\"}");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (helder_time_load_zone (store, NULL));
  g_assert_cmpstr (helder_clock_zone_name (), ==, "Europe/Amsterdam");

  row = helder_test_create (
    store, "programme",
    "{\"name\": \"Wolk\", \"starts_on\": \"2026-01-01\", \"ends_on\": \"2027-12-31\"}");
  g_assert_cmpstr (json_object_get_string_member (row, "time_zone"), ==, "Europe/Amsterdam");

  before = helder_test_fingerprint (store);
  g_assert_null (helder_repo_update (store, programme, NULL, bad, HELDER_WRITE_DEFAULT, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "time_zone: "));
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);

  changed = helder_repo_update (store, programme, NULL, ny, HELDER_WRITE_DEFAULT, NULL);
  g_assert_nonnull (changed);
  g_assert_true (helder_time_load_zone (store, NULL));
  g_assert_cmpstr (helder_clock_zone_name (), ==, "America/New_York");

  use_zone ("Europe/Amsterdam");
  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  /* A process zone far from Amsterdam: nothing may follow it. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tzset ();
  helder_test_init (&argc, &argv);

  g_test_add_func ("/clock/env-values", test_env_values);
  g_test_add_func ("/clock/runs-on", test_runs_on);
  g_test_add_func ("/clock/today-in-zone", test_today_in_zone);
  g_test_add_func ("/clock/zone-names", test_zone_names);
  g_test_add_func ("/clock/daylight-saving", test_daylight_saving);
  g_test_add_func ("/clock/day-start", test_day_start);
  g_test_add_func ("/clock/sql-local-date", test_sql_local_date);
  g_test_add_func ("/clock/programme-zone", test_programme_zone);
  return g_test_run ();
}
