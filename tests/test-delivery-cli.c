/* test-delivery-cli.c — `helder send`, `outbox`, `digest` and `config` as users type them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These run without the e-mail and desktop plugins (the test plugin path
 * holds only the test addin): their channels are unavailable, so every
 * message must wait in the outbox, neither lost nor marked sent.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  int status;
  g_autofree char *err = NULL;

  f->dir = g_dir_make_tmp ("helder-delivery-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  status = helder_test_run (f->db, NULL, NULL, &err, "init", "--demo", NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

static char *
fingerprint (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (f->db, &error);

  g_assert_no_error (error);
  return helder_test_fingerprint (store);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static int
run (Fixture *f, char **out, char **err, const char *const *args)
{
  return helder_test_runv (f->db, NULL, args, out, err);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *args[7];
    int status;
    const char *says;
  } cases[] = {
    { { "send", "extra", NULL }, 2, "extra" },
    { { "send", "--limit", "-3", NULL }, 2, "--limit" },
    { { "send", "--limit", "many", NULL }, 2, "many" },
    { { "outbox", "--status", "lost", NULL }, 1, "lost" },
    { { "outbox", "--limit", "-1", NULL }, 2, "--limit" },
    { { "outbox", "retry", NULL }, 2, "message id" },
    { { "outbox", "retry", "abc", NULL }, 2, "abc" },
    { { "outbox", "retry", "0", NULL }, 2, "“0”" },
    { { "outbox", "retry", "99999999", NULL }, 1, "99999999" },
    { { "outbox", "show", "99999999", NULL }, 1, "99999999" },
    { { "outbox", "whatever", NULL }, 2, "whatever" },
    { { "digest", NULL }, 2, "person" },
    { { "digest", "nobody@nowhere.nl", NULL }, 1, "nobody@nowhere.nl" },
    { { "digest", "5", "--format", "pdf", NULL }, 2, "pdf" },
    { { "config", "set", "smtp.nonsense", "x", NULL }, 1, "smtp.nonsense" },
    { { "config", "set", "delivery.rate_per_second", "-1", NULL }, 1, "delivery.rate_per_second" },
    { { "config", "set", "delivery.rate_per_second", "fast", NULL }, 1, "fast" },
    { { "config", "set", "delivery.max_attempts", "0", NULL }, 1, "delivery.max_attempts" },
    { { "config", "set", "digest.weekday", "8", NULL }, 1, "digest.weekday" },
    { { "config", "set", "digest.hour", "24", NULL }, 1, "24" },
    { { "config", "set", "server.base_url", "ftp://helder.nl", NULL }, 1, "ftp://helder.nl" },
    { { "config", "set", "server.base_url", "helder.nl", NULL }, 1, "server.base_url" },
    { { "config", "set", "server.base_url", "http://\xff", NULL }, 1, "UTF-8" },
    { { "config", "set", "digest.hour", NULL }, 2, "config set" },
    { { "config", "get", NULL }, 2, "config get" },
    { { "config", "get", "nope", NULL }, 1, "nope" },
    { { "config", "fly", NULL }, 2, "fly" },
    { { "config", "set", "delivery.grace_minutes", "0", NULL }, 1, "delivery.grace_minutes" },
    { { "config", "set", "delivery.grace_minutes", "10081", NULL }, 1, "delivery.grace_minutes" },
    { { "config", "set", "delivery.grace_minutes", "twee", NULL }, 1, "twee" },
    { { "moment", "send-now", NULL }, 2, "moment" },
    { { "moment", "send-now", "999", NULL }, 1, "999" },
    { { "moment", "send-now", "20", NULL }, 1, "draft" },
    { { "moment", "send-now", "14", NULL }, 1, "already sent" },
    { { "moment", "send-now", "15", "16", NULL }, 2, "16" },
    { { "moment", "reschedule", "17", NULL }, 2, "--scheduled-at" },
    { { "moment", "reschedule", "999", "--scheduled-at", "2030-01-08T10:00", NULL }, 1, "999" },
    { { "moment", "reschedule", "17", "--scheduled-at", "morgen", NULL }, 1, "morgen" },
    { { "moment", "reschedule", "17", "--scheduled-at", "2030-02-30T10:00", NULL },
      1,
      "2030-02-30" },
    { { "moment", "reschedule", "17", "--scheduled-at", "2020-01-01T10:00", NULL },
      1,
      "not in the future" },
    { { "moment", "reschedule", "20", "--scheduled-at", "2030-01-08T10:00", NULL }, 1, "draft" },
    { { "moment", "reschedule", "14", "--scheduled-at", "2030-01-08T10:00", NULL },
      1,
      "already sent" },
  };
  g_autofree char *before = fingerprint (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *now = NULL;
      int status = run (f, &out, &err, cases[i].args);

      g_test_message ("helder %s %s: exit %d: %s", cases[i].args[0],
                      cases[i].args[1] ? cases[i].args[1] : "", status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_null (strstr (err, "CRITICAL"));
      now = fingerprint (f);
      g_assert_cmpstr (now, ==, before);
    }

  /* Without the plugin whose channel carries digests, nothing renders one
   * as it goes out. */
  {
    const char *env[] = { "HELDER_DISABLED_PLUGINS=email", NULL };
    g_autofree char *err = NULL;
    g_autofree char *now = NULL;

    g_assert_cmpint (
      helder_test_run (f->db, env, NULL, &err, "digest", "5", "--format", "html", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "e-mail plugin"));
    now = fingerprint (f);
    g_assert_cmpstr (now, ==, before);
  }
}

static void
test_config_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  const char *set[] = { "config", "set", "delivery.rate_per_second", "5", NULL };
  const char *get[] = { "config", "get", "delivery.rate_per_second", NULL };
  const char *unset[] = { "config", "unset", "delivery.rate_per_second", NULL };
  const char *list[] = { "--json", "config", "list", NULL };

  g_assert_cmpint (run (f, NULL, NULL, set), ==, 0);
  g_assert_cmpint (run (f, &out, NULL, get), ==, 0);
  g_assert_cmpstr (out, ==, "5\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, NULL, NULL, unset), ==, 0);
  g_assert_cmpint (run (f, &out, NULL, get), ==, 0);
  g_assert_cmpstr (out, ==, "20\n");
  g_assert_cmpint (run (f, &json, NULL, list), ==, 0);
  g_assert_nonnull (strstr (json, "\"digest.weekday\" : \"1\""));
}

static void
test_dry_run_and_waiting (Fixture *f, gconstpointer data)
{
  g_autofree char *before = fingerprint (f);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *outbox = NULL;
  const char *dry[] = { "send", "--dry-run", "--digests-now", NULL };
  const char *send[] = { "send", "--digests-now", NULL };
  const char *box[] = { "outbox", NULL };
  const char *without_plugins[] = { "HELDER_DISABLED_PLUGINS=email,desktop", NULL };
  gint64 history;

  /* Make moment 15 (e-mail and desktop) due now. */
  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
    g_assert_true (helder_store_exec (store,
                                      "UPDATE moment SET scheduled_at = '2020-01-01T09:00:00Z'"
                                      " WHERE id = 15",
                                      NULL));
    helder_test_make_due (store);
    g_free (before);
    before = helder_test_fingerprint (store);
  }

  g_assert_cmpint (run (f, &out, NULL, dry), ==, 0);
  g_assert_nonnull (strstr (out, "moment:15"));
  g_assert_nonnull (strstr (out, "digest:"));
  after = fingerprint (f);
  g_assert_cmpstr (before, ==, after);

  /* Without the plugins nothing can go out: everything waits, also for the
   * people who chose no channel (they take e-mail, remembered in the store). */
  /* (The demo's history, delivered before it was loaded, is all that
   * is not pending.) */
  history = scalar (f, "SELECT count(*) FROM delivery WHERE status <> 'pending'");
  g_assert_cmpint (history, >, 0);
  g_assert_cmpint (helder_test_runv (f->db, without_plugins, send, &sent, NULL), ==, 0);
  g_assert_nonnull (strstr (sent, "Channel email is unavailable"));
  g_assert_nonnull (strstr (sent, "nothing is lost"));
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status <> 'pending'"), ==,
                   history);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'"), >, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'sent'"), ==,
                   1);
  g_assert_cmpint (helder_test_runv (f->db, without_plugins, box, &outbox, NULL), ==, 0);
  g_assert_nonnull (strstr (outbox, "pending"));
  g_assert_nonnull (strstr (outbox, "unavailable"));
}

static void
test_digest_preview (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  const char *digest[] = { "digest", "5", NULL };

  const char *note[] = { "note", "add", "Een notitie", NULL };
  g_autofree char *with = NULL;

  g_assert_cmpint (run (f, &out, NULL, digest), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Subject: "));
  g_assert_nonnull (strstr (out, "/me"));
  /* The test addin adds a section when there are notes. */
  g_assert_null (strstr (out, "Notes from the test addin"));
  g_assert_cmpint (run (f, NULL, NULL, note), ==, 0);
  g_assert_cmpint (run (f, &with, NULL, digest), ==, 0);
  g_assert_nonnull (strstr (with, "## Notes from the test addin"));
}

/* With the desktop plugin disabled the demo loads, without its channel;
 * a desktop channel is refused naming the field and the value; e-mail and
 * meetings work as ever. */
static void
test_desktop_disabled (Fixture *f, gconstpointer data)
{
  const char *env[] = { "HELDER_DISABLED_PLUGINS=desktop", NULL };
  g_autofree char *db = g_build_filename (f->dir, "zonder-bureaublad.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (helder_test_run (db, env, NULL, &err, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (helder_test_run (db, env, NULL, &refused, "person", "add", "--name", "Bo Bureau",
                                    "--email", "bo@voorbeeld.nl", "--channels", "email,desktop",
                                    NULL),
                   ==, 1);
  g_assert_nonnull (strstr (refused, "--channels: “desktop” is not a channel of a loaded plugin"));
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "moment", "add", "--title", "Per e-mail",
                                    "--scheduled-at", "2027-01-04 09:00", "--channels",
                                    "email,meeting", NULL),
                   ==, 0);
  /* Loaded again, the plugin's channel is there again. */
  g_assert_cmpint (helder_test_run (db, NULL, NULL, NULL, "person", "add", "--name", "Bo Bureau",
                                    "--email", "bo@voorbeeld.nl", "--channels", "email,desktop",
                                    NULL),
                   ==, 0);
  /* teardown removes the folder, with this database */
}

/* The pinned clock moved by @minutes, as stored. */
static char *
minutes_from_now (int minutes)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) then = g_date_time_add_minutes (now, minutes);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_time (Fixture *f, int moment, int minutes)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autofree char *when = minutes_from_now (minutes);
  g_autofree char *sql =
    g_strdup_printf ("UPDATE moment SET scheduled_at = '%s' WHERE id = %d", when, moment);

  g_assert_true (helder_store_exec (store, sql, NULL));
}

/* A newsletter three hours late is held and said so, by `send` and
 * `status`; the advisor sends it anyway, and it goes once. */
static void
test_overdue (Fixture *f, gconstpointer data)
{
  const char *queue[] = { "send", "--queue-only", "--no-digests", NULL };
  const char *queue_json[] = { "send", "--queue-only", "--no-digests", "--json", NULL };
  const char *status[] = { "status", NULL };
  const char *send_now[] = { "moment", "send-now", "15", NULL };
  const char *include[] = { "send", "--queue-only", "--no-digests", "--include-overdue", NULL };
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *said = NULL;
  g_autofree char *now = NULL;
  g_autofree char *released = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *problems;
  gboolean found = FALSE;
  gint64 rows;

  set_time (f, 15, -180);
  g_assert_cmpint (run (f, &out, NULL, queue), ==, 0);
  g_assert_nonnull (strstr (out, "Moment 15 “Nieuwsbrief Wolk #4"));
  g_assert_nonnull (strstr (out, " late: it is held, not sent"));
  g_assert_nonnull (strstr (out, "helder moment send-now 15"));
  g_assert_nonnull (strstr (out, "helder moment reschedule 15"));
  g_assert_nonnull (strstr (out, "helder moment cancel 15"));
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'approved'"),
                   ==, 1);

  g_assert_cmpint (run (f, &json, NULL, queue_json), ==, 0);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  g_assert_cmpint (
    json_object_get_int_member (
      json_object_get_object_member (json_node_get_object (root), "queued"), "moments_overdue"),
    >=, 1);
  problems = json_object_get_array_member (json_node_get_object (root), "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);

      if (json_object_get_int_member (p, "moment") == 15)
        {
          g_assert_cmpstr (json_object_get_string_member (p, "problem"), ==, "overdue");
          g_assert_cmpint (json_object_get_int_member (p, "late_minutes"), >=, 180);
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* In Dutch, with the lateness in Dutch too. */
  {
    const char *nl[] = { "LANGUAGE=nl", NULL };
    g_autofree char *dutch = NULL;

    g_assert_cmpint (helder_test_runv (f->db, nl, queue, &dutch, NULL), ==, 0);
    g_assert_nonnull (strstr (dutch, "Communicatiemoment 15 “Nieuwsbrief Wolk #4"));
    g_assert_nonnull (strstr (dutch, " min te laat: het wordt vastgehouden, niet verzonden"));
  }

  g_assert_cmpint (run (f, &said, NULL, status), ==, 0);
  g_assert_nonnull (strstr (said, "late and held, not sent"));
  g_assert_nonnull (strstr (said, "! #15 Nieuwsbrief Wolk #4"));

  g_assert_cmpint (run (f, &released, NULL, send_now), ==, 0);
  g_assert_nonnull (strstr (released, "Moment 15 goes out with the next round"));
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE action = 'send-now'"
                              " AND record = '15'"),
                   ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, queue), ==, 0);
  rows = scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'");
  g_assert_cmpint (rows, >, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'sent'"), ==,
                   1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, queue), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'"), ==,
                   rows);

  /* --include-overdue sends them all at once. */
  set_time (f, 17, -300);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, include), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 17 AND status = 'sent'"), ==,
                   1);
  g_assert_null (strstr (out, "is held"));
  now = fingerprint (f);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, include), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:17'"), >, 0);
  {
    g_autofree char *after = fingerprint (f);

    g_assert_cmpstr (after, ==, now);
  }
}

/* `helder serve` holds it too, says so once (not every round), and sends
 * it in the round after the advisor released it. */
static void
test_serve_holds (Fixture *f, gconstpointer data)
{
  const char *interval[] = { "config", "set", "delivery.interval", "1", NULL };
  const char *send_now[] = { "moment", "send-now", "15", NULL };
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", f->db);
  const char *argv[] = { g_getenv ("HELDER_EXE"), db_arg, "serve", "--port", "0", "--quiet", NULL };
  g_autoptr (GSubprocess) serve = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  gboolean held = FALSE;

  set_time (f, 15, -180);
  g_assert_cmpint (run (f, NULL, NULL, interval), ==, 0);
  serve = g_subprocess_newv (
    argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  while (!held)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      held = strstr (line, "Moment 15 “Nieuwsbrief Wolk #4") != NULL &&
             strstr (line, "it is held, not sent") != NULL;
    }
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'approved'"),
                   ==, 1);

  g_assert_cmpint (run (f, NULL, NULL, send_now), ==, 0);
  for (guint i = 0;
       i < 100 && scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'sent'") == 0;
       i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'sent'"), ==,
                   1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:15'"), >, 0);

  g_subprocess_send_signal (serve, SIGTERM);
  g_subprocess_wait (serve, NULL, &error);
  g_assert_no_error (error);
}

/* Approving says what is odd about the time. */
static void
test_approve_warnings (Fixture *f, gconstpointer data)
{
  const char *move[] = { "moment", "update", "20", "--scheduled-at", "2030-12-25T23:00", NULL };
  const char *approve[] = { "moment", "approve", "20", NULL };
  const char *approve_json[] = { "moment", "approve", "21", "--json", NULL };
  const char *move_21[] = { "moment", "update", "21", "--scheduled-at", "2030-01-05T10:00", NULL };
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *warnings;

  g_assert_cmpint (run (f, NULL, NULL, move), ==, 0);
  g_assert_cmpint (run (f, &out, NULL, approve), ==, 0);
  g_assert_nonnull (strstr (out, "Approved moment 20."));
  g_assert_nonnull (strstr (out, "Warning: 23:00 is at night"));
  g_assert_nonnull (strstr (out, "Warning: 2030-12-25 is Christmas Day, a public holiday"));

  g_assert_cmpint (run (f, NULL, NULL, move_21), ==, 0);
  g_assert_cmpint (run (f, &json, NULL, approve_json), ==, 0);
  root = json_from_string (json, NULL);
  warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
  g_assert_nonnull (warnings);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (warnings, 0), "code"), ==,
    "weekend");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/delivery-cli/bad-input", Fixture, NULL, setup, test_bad_input, teardown);
  g_test_add ("/delivery-cli/config", Fixture, NULL, setup, test_config_round_trip, teardown);
  g_test_add ("/delivery-cli/overdue", Fixture, NULL, setup, test_overdue, teardown);
  g_test_add ("/delivery-cli/serve-holds", Fixture, NULL, setup, test_serve_holds, teardown);
  g_test_add ("/delivery-cli/approve-warnings", Fixture, NULL, setup, test_approve_warnings,
              teardown);
  g_test_add ("/delivery-cli/dry-run-and-waiting", Fixture, NULL, setup, test_dry_run_and_waiting,
              teardown);
  g_test_add ("/delivery-cli/digest-preview", Fixture, NULL, setup, test_digest_preview, teardown);
  g_test_add ("/delivery-cli/desktop-disabled", Fixture, NULL, setup, test_desktop_disabled,
              teardown);
  return g_test_run ();
}
