/* test-plugin-moments.c — moments a plugin makes, and audiences it narrows
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the surveys plugin needs of core to send invitations and reminders:
 * helder_moment_create_from() makes a moment with the checks of `helder
 * moment add`, audited, in one transaction; an audience filter a plugin
 * registers (the test addin's "testaddin-except") narrows the audience in
 * the scheduler's transaction; a moment whose filter is not registered is
 * not sent but reported, by the sender and by `helder send`. A meeting a
 * plugin plans (the test addin's `helder testmeeting`) is invited with a
 * calendar object, moved with an updated invitation and cancelled with a
 * cancellation, in the real outbox.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "engine/helder-sender.h"
#include "services/delivery/helder-moment-draft.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  char *dir;
  char *db;
  HelderContext *context;
  HelderStore *store;
} Fixture;

static void
setup (Fixture *f, gconstpointer load_plugins)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-plugin-moments-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  f->context = helder_context_new (f->db);
  if (GPOINTER_TO_INT (load_plugins))
    helder_engine_load_all (helder_context_get_engine (f->context));
  else
    helder_test_register_channels ();
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
count (HelderStore *store, const char *sql, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
announce (Fixture *f, const char *filter)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  const char *const groups[] = { "beheer", NULL };
  HelderMomentDraft draft = {
    .title = "Herinnering",
    .body = "Vul de vragenlijst in.",
    .audience = { .groups = groups },
    .scheduled_at = now,
    .approved = TRUE,
    .audience_filter = filter,
  };
  gint64 id = 0;

  g_assert_true (helder_moment_create_from (f->store, &draft, HELDER_TEST_ACTOR, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
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

static JsonArray *
problems (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderSender) sender = helder_sender_new (f->context, &error);
  JsonArray *list;

  g_assert_no_error (error);
  list = helder_sender_problems (sender, &error);
  g_assert_no_error (error);
  return list;
}

static const char *
status_of (Fixture *f, gint64 id)
{
  static char status[16];
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonObject) row =
    helder_repo_get (f->store, helder_entity_lookup ("moment"), key, &error);

  g_assert_no_error (error);
  g_strlcpy (status, json_object_get_string_member (row, "status"), sizeof status);
  return status;
}

#define DELIVERIES "SELECT count(*) FROM delivery WHERE source = 'moment:' || ?1"

/* A moment made from a draft: approved, on the usual channels, audited as
 * its actor, the filter kept. */
static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = announce (f, "testaddin-except:1");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonObject) row =
    helder_repo_get (f->store, helder_entity_lookup ("moment"), key, &error);
  JsonArray *channels;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (row, "audience_filter"), ==,
                   "testaddin-except:1");
  channels = json_object_get_array_member (row, "channels");
  g_assert_cmpuint (json_array_get_length (channels), >, 0);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM audit_entry WHERE entity = 'moment'"
                          " AND action = 'create' AND record = ?1 AND actor_name = 'test'",
                          id),
                   ==, 1);
}

/* Each bad draft is refused naming what is wrong, and nothing changes. */
static void
test_create_refuses (Fixture *f, gconstpointer data)
{
  static const char *const beheer[] = { "beheer", NULL };
  static const char *const nowhere[] = { "nergens", NULL };
  static const char *const words[] = { "twaalf", NULL };
  static const char *const pigeon[] = { "duif", NULL };
  static const struct
  {
    HelderMomentDraft draft;
    const char *field;
  } cases[] = {
    { { .title = "", .audience = { .groups = beheer }, .scheduled_at = "2026-12-05T09:00:00Z" },
      "title" },
    { { .title = "Leeg", .scheduled_at = "2026-12-05T09:00:00Z", .approved = TRUE }, "groups" },
    { { .title = "X", .audience = { .groups = nowhere }, .scheduled_at = "2026-12-05T09:00:00Z" },
      "groups" },
    { { .title = "X", .audience = { .persons = words }, .scheduled_at = "2026-12-05T09:00:00Z" },
      "persons" },
    { { .title = "X", .audience = { .groups = beheer }, .scheduled_at = "morgen" },
      "scheduled_at" },
    { { .title = "X", .audience = { .groups = beheer } }, "scheduled_at" },
    { { .title = "X",
        .phase = "maan",
        .audience = { .groups = beheer },
        .scheduled_at = "2026-12-05T09:00:00Z" },
      "phase" },
    { { .title = "X",
        .audience = { .groups = beheer },
        .channels = pigeon,
        .scheduled_at = "2026-12-05T09:00:00Z" },
      "channels" },
    { { .title = "X",
        .audience = { .groups = beheer },
        .scheduled_at = "2026-12-05T09:00:00Z",
        .audience_filter = ":7" },
      "audience_filter" },
    { { .title = "X",
        .audience = { .groups = beheer },
        .scheduled_at = "2026-12-05T09:00:00Z",
        .audience_filter = "geen filter" },
      "audience_filter" },
  };
  g_autofree char *before = helder_test_fingerprint (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;
      gint64 id = -1;

      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_false (
        helder_moment_create_from (f->store, &cases[i].draft, HELDER_TEST_ACTOR, &id, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == HELDER_ERROR);
      g_assert_true (strstr (error->message, cases[i].field) != NULL);
      g_assert_cmpint (id, ==, -1);
      after = helder_test_fingerprint (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* With the addin loaded its filter leaves out who it lists, in the same
 * round; the rest get the moment. */
static void
test_filter_applied (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonArray) found = NULL;
  gint64 id = announce (f, "testaddin-except:1");
  gint64 plain = announce (f, NULL);

  g_assert_true (schedule (f, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_sent, ==, 2);
  g_assert_cmpuint (report.moments_unfiltered, ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "sent");
  g_assert_cmpint (count (f->store, DELIVERIES " AND person = 1", plain), >, 0);
  g_assert_cmpint (count (f->store, DELIVERIES " AND person = 1", id), ==, 0);
  g_assert_cmpint (count (f->store,
                          "SELECT count(DISTINCT person) FROM delivery"
                          " WHERE source = 'moment:' || ?1",
                          id),
                   ==,
                   count (f->store,
                          "SELECT count(DISTINCT person) FROM delivery"
                          " WHERE source = 'moment:' || ?1",
                          plain) -
                     1);
  found = problems (f);
  g_assert_cmpuint (json_array_get_length (found), ==, 0);
}

/* A filter that leaves nobody: an empty audience, as any other. */
static void
test_filter_empties (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonArray) found = NULL;
  gint64 id = announce (f, "testaddin-except:1,2,3,4,5,6,7,8,9,10");

  g_assert_true (schedule (f, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_empty, ==, 1);
  g_assert_cmpstr (status_of (f, id), ==, "approved");
  found = problems (f);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (found, 0), "problem"), ==,
    "empty-audience");
}

/* A filter that fails fails the round; nothing is sent. */
static void
test_filter_fails (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  gint64 id = announce (f, "testaddin-except:fail");

  g_assert_false (schedule (f, &report, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (status_of (f, id), ==, "approved");
  g_assert_cmpint (count (f->store, DELIVERIES, id), ==, 0);
}

/* Without the addin the moment waits, approved, and the problems say which
 * filter is missing; `helder send` says so too. */
static void
test_filter_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  g_autoptr (JsonArray) found = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *plugins = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "plugins", NULL);
  g_autofree char *path = g_strconcat ("HELDER_PLUGIN_PATH=", plugins, NULL);
  const char *const env[] = { path, NULL };
  gint64 id = announce (f, "testaddin-except:1");
  JsonObject *problem;

  g_assert_true (schedule (f, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_unfiltered, ==, 1);
  g_assert_cmpuint (report.moments_sent, ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "approved");
  g_assert_cmpint (count (f->store, DELIVERIES, id), ==, 0);
  found = problems (f);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  problem = json_array_get_object_element (found, 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "problem"), ==, "filter-missing");
  g_assert_cmpstr (json_object_get_string_member (problem, "filter"), ==, "testaddin-except");
  g_assert_cmpint (json_object_get_int_member (problem, "moment"), ==, id);

  g_assert_cmpint (helder_test_run (f->db, env, &out, &err, "send", "--queue-only", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "“testaddin-except” is not registered"));
  g_assert_nonnull (strstr (out, "Herinnering"));
  g_assert_cmpstr (status_of (f, id), ==, "approved");
}

/* The addin's filter goes when it unloads. */
static void
test_filter_unloads (Fixture *f, gconstpointer data)
{
  HelderEngine *engine = helder_context_get_engine (f->context);
  g_autoptr (GPtrArray) loaded = helder_context_list_audience_filters (f->context);
  g_autoptr (GPtrArray) unloaded = NULL;

  g_assert_nonnull (helder_audience_filter_find (loaded, "testaddin-except"));
  helder_engine_unload_all (engine);
  unloaded = helder_context_list_audience_filters (f->context);
  g_assert_null (helder_audience_filter_find (unloaded, "testaddin-except"));
}

/* A plugin's command makes a moment as the operator; a bad one changes
 * nothing. */
static void
test_cli_announce (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bad_out = NULL;
  g_autofree char *bad_err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "note", "announce", "beheer",
                                    "Van de testaddin", "testaddin-except:2", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Created moment"));
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM moment WHERE title = 'Van de testaddin'"
                          " AND audience_filter = 'testaddin-except:2' AND status = 'approved'"
                          " AND ?1",
                          1),
                   ==, 1);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM audit_entry WHERE entity = 'moment'"
                          " AND action = 'create' AND actor_role = 'cli' AND ?1",
                          1),
                   ==, 1);
  before = helder_test_fingerprint (f->store);
  g_assert_cmpint (helder_test_run (f->db, NULL, &bad_out, &bad_err, "note", "announce", "nergens",
                                    "Nergens heen", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (bad_err, "nergens"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* A new version of an approved moment keeps the plugin's filter. */
static void
test_supersede_keeps_filter (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) fresh = NULL;
  gint64 id = announce (f, "testaddin-except:2");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_object_set_string_member (changes, "title", "Herinnering, nieuwe versie");
  fresh = helder_moment_supersede (f->store, HELDER_TEST_ACTOR, key, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (fresh, "audience_filter"), ==,
                   "testaddin-except:2");
  g_assert_cmpstr (status_of (f, id), ==, "cancelled");
}

/* ---- meetings a plugin makes, moves and cancels ------------------------ */

/* The meetings follow the clock (the clock matrix runs this at other
 * times): 09:00 UTC four days ahead, within the invitations' lead time;
 * moved to 13:00 a day later; and a time three days past. Set in main(). */
static char meeting_at[21], moved_to[21], past_at[21];
#define MEETING_AT meeting_at
#define MOVED_TO   moved_to

static void
set_meeting_times (void)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) utc = g_date_time_to_utc (now);
  g_autoptr (GDateTime) day =
    g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                         g_date_time_get_day_of_month (utc), 9, 0, 0);
  g_autoptr (GDateTime) at = g_date_time_add_days (day, 4);
  g_autoptr (GDateTime) moved = g_date_time_add_full (day, 0, 0, 5, 4, 0, 0);
  g_autoptr (GDateTime) past = g_date_time_add_days (day, -3);
  g_autofree char *a = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *m = g_date_time_format (moved, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *p = g_date_time_format (past, "%Y-%m-%dT%H:%M:%SZ");

  g_strlcpy (meeting_at, a, sizeof meeting_at);
  g_strlcpy (moved_to, m, sizeof moved_to);
  g_strlcpy (past_at, p, sizeof past_at);
}

/* Runs the test addin's `helder testmeeting …`; returns its output. */
static char *
testmeeting (Fixture *f, int expect, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  g_ptr_array_add (args, (char *) "testmeeting");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (f->db, NULL, (const char *const *) args->pdata, &out, &err);
  g_test_message ("testmeeting %s: exit %d: %s%s", first, status, out, err);
  g_assert_cmpint (status, ==, expect);
  return g_strstrip (g_strdup (expect == 0 ? out : err));
}

/* The calendar object of the meeting message @source_like sent to Anna. */
static char *
calendar_of (Fixture *f, const char *source_like)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store,
    "SELECT m.calendar FROM delivery d JOIN delivery_message m ON m.delivery = d.id"
    " WHERE d.source LIKE ?1 AND d.person = 1 AND m.calendar != '' ORDER BY d.id LIMIT 1",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, source_like, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
ical_value (const char *calendar, const char *name)
{
  g_autofree char *prefix = g_strconcat ("\n", name, NULL);
  const char *at = strstr (calendar, prefix);
  const char *end;

  g_assert_nonnull (at);
  at = strchr (at + 1, ':') + 1;
  end = strpbrk (at, "\r\n");
  return g_strndup (at, (gsize) (end - at));
}

static void
assert_ical_value (const char *calendar, const char *name, const char *expected)
{
  g_autofree char *value = ical_value (calendar, name);

  g_assert_cmpstr (value, ==, expected);
}

static void
schedule_ok (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderScheduleReport) report = { 0 };

  g_assert_true (schedule (f, &report, &error));
  g_assert_no_error (error);
}

/* The test addin plans an interview with Anna as a meeting: the real
 * outbox gets an invitation with a calendar object; moved, the updated
 * invitation (same UID, higher SEQUENCE, the new place); cancelled, a
 * cancellation. Each step is audited as the operator. */
static void
test_meeting_through_plugin (Fixture *f, gconstpointer data)
{
  g_autofree char *planned =
    testmeeting (f, 0, "plan", "1", MEETING_AT, "Kamer 1.14", "Interview applicatiebeheer", NULL);
  g_autofree char *moved = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *invite = NULL;
  g_autofree char *update = NULL;
  g_autofree char *cancel = NULL;
  g_autofree char *source = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *expected = NULL;
  gint64 id = g_ascii_strtoll (strrchr (planned, ' ') + 1, NULL, 10);
  gint64 current = 0;
  JsonArray *channels;

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr (JsonObject) row =
      helder_repo_get (f->store, helder_entity_lookup ("moment"), key, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "approved");
    g_assert_cmpstr (json_object_get_string_member (row, "location"), ==, "Kamer 1.14");
    g_assert_cmpint (json_object_get_int_member (row, "duration_minutes"), ==, 45);
    channels = json_object_get_array_member (row, "channels");
    g_assert_cmpuint (json_array_get_length (channels), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (channels, 0), ==, "meeting");
  }

  schedule_ok (f);
  source = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":invite", id);
  invite = calendar_of (f, source);
  g_assert_nonnull (invite);
  g_assert_nonnull (strstr (invite, "METHOD:REQUEST"));
  g_assert_nonnull (strstr (invite, "SUMMARY:Interview applicatiebeheer"));
  g_assert_nonnull (strstr (invite, "LOCATION:Kamer 1.14"));
  g_assert_nonnull (strstr (invite, "RSVP=TRUE"));
  uid = ical_value (invite, "UID");
  assert_ical_value (invite, "SEQUENCE", "0");

  /* Moved by its first id: a new version, approved, reinvites Anna. */
  moved = testmeeting (f, 0, "move", strrchr (planned, ' ') + 1, MOVED_TO, "Kamer 2.01", NULL);
  g_assert_true (helder_moment_current (f->store, id, &current, NULL));
  g_assert_cmpint (current, >, id);
  expected = g_strdup_printf ("now moment %" G_GINT64_FORMAT, current);
  g_assert_nonnull (strstr (moved, expected));
  g_assert_cmpstr (status_of (f, id), ==, "cancelled");
  g_assert_cmpstr (status_of (f, current), ==, "approved");
  schedule_ok (f);
  g_clear_pointer (&source, g_free);
  source = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":invite%%", current);
  update = calendar_of (f, source);
  g_assert_nonnull (update);
  g_assert_nonnull (strstr (update, "METHOD:REQUEST"));
  g_assert_nonnull (strstr (update, "LOCATION:Kamer 2.01"));
  assert_ical_value (update, "UID", uid);
  assert_ical_value (update, "SEQUENCE", "1");
  /* the old version is not cancelled to Anna: she has the new one */
  g_clear_pointer (&source, g_free);
  source = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":cancel%%", id);
  g_assert_null (calendar_of (f, source));

  /* Cancelled, again by its first id: Anna gets the cancellation. */
  cancelled = testmeeting (f, 0, "cancel", strrchr (planned, ' ') + 1, "Interview vervalt", NULL);
  g_assert_cmpstr (status_of (f, current), ==, "cancelled");
  schedule_ok (f);
  g_clear_pointer (&source, g_free);
  source = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":cancel%%", current);
  cancel = calendar_of (f, source);
  g_assert_nonnull (cancel);
  g_assert_nonnull (strstr (cancel, "METHOD:CANCEL"));
  assert_ical_value (cancel, "UID", uid);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM audit_entry WHERE entity = 'moment' AND record = ?1"
                          " AND action = 'cancel' AND detail = 'Interview vervalt'",
                          current),
                   ==, 1);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM audit_entry WHERE entity = 'moment'"
                          " AND action = 'supersede' AND record = ?1",
                          id),
                   ==, 1);
}

/* Bad input changes nothing and says what is wrong. */
static void
test_meeting_refuses (Fixture *f, gconstpointer data)
{
  g_autofree char *planned =
    testmeeting (f, 0, "plan", "1", MEETING_AT, "Kamer 1.14", "Interview applicatiebeheer", NULL);
  const char *id = strrchr (planned, ' ') + 1;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *not_future =
    g_strdup_printf ("scheduled_at: “%s” is not in the future", past_at);
  const struct
  {
    const char *verb, *moment, *when, *message;
  } cases[] = {
    { "move", "999", MOVED_TO, "moment: there is no moment 999" },
    { "move", NULL, past_at, not_future },
    { "move", NULL, "morgen", "scheduled_at: “morgen” is not a time in UTC" },
    { "move", NULL, "2026-12-09T14:00:00+01:00", "is not a time in UTC" },
    { "cancel", "999", "weg", "moment: there is no moment 999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = testmeeting (
        f, 1, cases[i].verb, cases[i].moment ? cases[i].moment : id, cases[i].when, NULL);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
  {
    g_autofree char *person =
      testmeeting (f, 1, "plan", "999", MEETING_AT, "Kamer", "Interview", NULL);
    g_autofree char *when = testmeeting (f, 1, "plan", "1", "gisteren", "Kamer", "Interview", NULL);
    g_assert_nonnull (strstr (person, "999"));
    g_assert_nonnull (strstr (when, "scheduled_at"));
  }
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);

  /* Cancelled once, it is not cancelled again, nor moved. */
  g_free (testmeeting (f, 0, "cancel", id, "Vervalt", NULL));
  g_free (before);
  before = helder_test_fingerprint (f->store);
  {
    g_autofree char *again = testmeeting (f, 1, "cancel", id, "Nog eens", NULL);
    g_autofree char *move = testmeeting (f, 1, "move", id, MOVED_TO, NULL);
    g_assert_nonnull (strstr (again, "is cancelled: only a draft or approved moment"));
    g_assert_nonnull (strstr (move, "is cancelled: only a draft or approved moment"));
  }
  g_free (after);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* In the library: a draft meeting changes in place; nothing to change
 * writes nothing; a moment that is no meeting has no place; a draft with
 * a place must be a meeting. */
static void
test_meeting_draft_in_place (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const persons[] = { "2", NULL };
  HelderMomentDraft draft = {
    .title = "Gesprek",
    .audience = { .persons = persons },
    .scheduled_at = MEETING_AT,
    .meeting = TRUE,
    .online_url = "https://meet.voorbeeld.nl/gesprek",
  };
  HelderMomentDraft plain = {
    .title = "Nieuwsbrief",
    .audience = { .persons = persons },
    .scheduled_at = MEETING_AT,
    .location = "Kamer 3",
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = 0, current = 0, other = 0;

  g_assert_true (helder_moment_create_from (f->store, &draft, HELDER_TEST_ACTOR, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, id), ==, "draft");
  g_assert_true (helder_moment_reschedule_full (f->store, id, MOVED_TO, "Kamer 3", NULL, 30,
                                                HELDER_TEST_ACTOR, &current, &error));
  g_assert_no_error (error);
  g_assert_cmpint (current, ==, id);
  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM moment WHERE id = ?1 AND scheduled_at = '%s'"
                       " AND location = 'Kamer 3' AND duration_minutes = 30"
                       " AND online_url = 'https://meet.voorbeeld.nl/gesprek'",
                       MOVED_TO);

    g_assert_cmpint (count (f->store, sql, id), ==, 1);
  }

  before = helder_test_fingerprint (f->store);
  g_assert_true (helder_moment_reschedule (f->store, id, MOVED_TO, "Kamer 3", NULL, 30,
                                           HELDER_TEST_ACTOR, &error));
  g_assert_no_error (error);
  g_assert_false (helder_moment_reschedule (f->store, id, NULL, NULL, "ftp://nergens", 0,
                                            HELDER_TEST_ACTOR, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "online_url");
  g_clear_error (&error);
  g_assert_false (
    helder_moment_reschedule (f->store, id, NULL, NULL, NULL, 2, HELDER_TEST_ACTOR, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "duration_minutes");
  g_clear_error (&error);
  g_assert_false (helder_moment_create_from (f->store, &plain, HELDER_TEST_ACTOR, &other, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "location");
  g_clear_error (&error);
  g_assert_false (helder_moment_cancel (f->store, id, "\xff", HELDER_TEST_ACTOR, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "reason");
  g_clear_error (&error);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);

  /* a moment that is no meeting moves in time only */
  plain.location = NULL;
  g_assert_true (helder_moment_create_from (f->store, &plain, HELDER_TEST_ACTOR, &other, &error));
  g_assert_false (helder_moment_reschedule (f->store, other, NULL, "Kamer 4", NULL, 0,
                                            HELDER_TEST_ACTOR, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "location");
  g_clear_error (&error);
  g_assert_true (
    helder_moment_reschedule (f->store, other, MOVED_TO, NULL, NULL, 0, HELDER_TEST_ACTOR, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  set_meeting_times ();
#define ADD(path, plugins, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (plugins), setup, func, teardown)
  ADD ("/plugin-moments/create", FALSE, test_create);
  ADD ("/plugin-moments/create-refuses", FALSE, test_create_refuses);
  ADD ("/plugin-moments/filter-applied", TRUE, test_filter_applied);
  ADD ("/plugin-moments/filter-empties", TRUE, test_filter_empties);
  ADD ("/plugin-moments/filter-fails", TRUE, test_filter_fails);
  ADD ("/plugin-moments/filter-missing", FALSE, test_filter_missing);
  ADD ("/plugin-moments/filter-unloads", TRUE, test_filter_unloads);
  ADD ("/plugin-moments/cli-announce", TRUE, test_cli_announce);
  ADD ("/plugin-moments/supersede-keeps-filter", FALSE, test_supersede_keeps_filter);
  ADD ("/plugin-moments/meeting-through-plugin", TRUE, test_meeting_through_plugin);
  ADD ("/plugin-moments/meeting-refuses", TRUE, test_meeting_refuses);
  ADD ("/plugin-moments/meeting-draft-in-place", FALSE, test_meeting_draft_in_place);
  return g_test_run ();
}
