/* test-email-delivery.c — `helder send`, `helder outbox` and `helder serve`
 * delivering e-mail to a real SMTP server on loopback
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole path as a user meets it: an approved moment is due, `helder
 * send` queues and delivers it through the e-mail plugin to
 * tests/smtp-sink.py, and `helder outbox` says what happened, also when
 * the server answers 4xx or 5xx, is down, or hangs up in the middle of a
 * message, when a person has no address and when nobody is in the
 * audience. Nothing is ever lost: every row ends sent, waiting or dead
 * with its reason.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "helder-test-utils.h"
#include "email-test-sink.h"

typedef struct
{
  char *dir;
  char *db;
  char *maildir;
  Sink *sink;
} Fixture;

/* Set by a test to run helder with the e-mail plugin disabled. */
static gboolean email_disabled;
/* Set by a test to run helder in another process time zone ("TZ=…"). */
static const char *process_tz;

static int
helder (Fixture *f, char **out, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { "HELDER_PLUGIN_PATH=" EMAIL_PLUGIN_PATH,
                        process_tz != NULL ? process_tz : "HELDER_PLUGIN_PATH=" EMAIL_PLUGIN_PATH,
                        email_disabled ? "HELDER_DISABLED_PLUGINS=email" : NULL, NULL };
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (f->db, env, (const char *const *) args->pdata, out, &err);
  g_test_message ("helder %s: exit %d: %s%s", first, status, out && *out ? *out : "",
                  err ? err : "");
  return status;
}

#define OK(f, out, ...) g_assert_cmpint (helder (f, out, __VA_ARGS__, NULL), ==, 0)

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
exec (Fixture *f, const char *sql)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);
  helder_test_make_due (store);
}

/* A small programme (the test seed) with moment 1, due, by e-mail to the
 * group "beheer": Anna and Cor. */
static void
setup (Fixture *f, gconstpointer data)
{
  const char *mode = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autofree char *path = NULL;

  store = helder_test_store_new (&path);
  helder_test_seed (store);
  g_assert_true (helder_store_exec (
    store,
    "INSERT INTO moment (id, title, title_en, body, body_en, scheduled_at, status, created_at, updated_at)"
    " VALUES (1, 'Nieuwe werkplekken', 'New workplaces', 'De **werkplekken** worden vervangen.',"
    "         'Workplaces are *replaced*.', '2020-01-01T09:00:00Z', 'approved',"
    "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
    "INSERT INTO moment_channel VALUES (1, 'email');"
    "INSERT INTO moment_group VALUES (1, 'beheer');",
    &error));
  g_assert_no_error (error);
  helder_test_make_due (store);
  g_clear_object (&store);
  f->db = g_steal_pointer (&path);
  f->dir = g_path_get_dirname (f->db);
  f->maildir = g_build_filename (f->dir, "sink", NULL);
  if (mode != NULL)
    {
      f->sink = email_test_sink_start (f->maildir, mode, NULL);
      OK (f, NULL, "config", "set", "smtp.url", f->sink->url);
    }
  OK (f, NULL, "config", "set", "email.from", "Programma Wolk <wolk@voorbeeld.nl>");
  OK (f, NULL, "config", "set", "delivery.retry_seconds", "1");
  OK (f, NULL, "config", "set", "delivery.rate_per_second", "0");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  if (f->sink != NULL)
    email_test_sink_stop (f->sink);
  if (g_getenv ("KEEP_DB") == NULL)
    helder_test_remove_db (f->db);
  else
    g_printerr ("kept %s\n", f->db);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->maildir);
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

static void
test_delivered (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) messages = NULL;

  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 sent");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent'"), ==, 2);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 1 AND status = 'sent'"), ==,
                   1);
  messages = email_test_maildir_messages (f->maildir);
  g_assert_cmpuint (messages->len, ==, 2);
  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr (GMimeMessage) m = email_test_parse_message (g_ptr_array_index (messages, i));

      g_assert_cmpstr (g_mime_message_get_subject (m), ==, "Nieuwe werkplekken");
    }

  /* Again: nothing is due, nothing goes twice. */
  g_clear_pointer (&out, g_free);
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "0 sent");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
}

static void
test_tempfail_then_retry (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;

  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 to retry later");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'failed'"), ==, 2);
  OK (f, &box, "outbox", "--status", "failed");
  assert_contains (box, "451 4.3.0 Try again later");

  /* After the back-off the retry goes through, once. */
  g_usleep (2100 * 1000);
  g_clear_pointer (&out, g_free);
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 sent");
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent' AND attempts = 2"), ==, 2);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
}

static void
test_permfail (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;
  g_autofree char *retried = NULL;
  g_autofree char *id = NULL;

  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 dead");
  OK (f, &box, "outbox", "--status", "dead");
  assert_contains (box, "550 5.1.1 Mailbox unavailable");
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM delivery WHERE status = 'dead' AND attempts = 1"), ==, 2);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, scalar (f, "SELECT min(id) FROM delivery"));
  OK (f, &retried, "outbox", "retry", id);
  assert_contains (retried, "queued again");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'pending'"), ==, 1);
}

static void
test_close_mid_data (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;

  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 to retry later");
  OK (f, &box, "outbox");
  assert_contains (box, "closed the connection");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'failed'"), ==, 2);
}

static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", email_test_unused_port ());
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;

  OK (f, NULL, "config", "set", "smtp.url", url);
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 to retry later");
  OK (f, &box, "outbox");
  assert_contains (box, "could not connect");
  assert_contains (box, url);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'failed'"), ==, 2);
}

static void
test_invalid_stored_url (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;
  int status;

  /* `helder config set` refuses it … */
  status = helder (f, &out, "config", "set", "smtp.url", "ftp://relay.voorbeeld.nl", NULL);
  g_assert_cmpint (status, ==, 1);
  /* … but a database edited by hand may hold one: the channel waits. */
  exec (
    f,
    "INSERT OR REPLACE INTO setting VALUES ('smtp.url', 'ftp://relay.voorbeeld.nl', '2026-01-01T00:00:00Z')");
  g_clear_pointer (&out, g_free);
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "Channel email is unavailable");
  assert_contains (out, "smtp.url");
  OK (f, &box, "outbox");
  assert_contains (box, "smtp.url");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'pending'"), ==, 2);
}

static void
test_no_address_and_empty_audience (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *box = NULL;

  exec (f, "UPDATE person SET email = NULL WHERE id = 3;"
           "INSERT INTO moment (id, title, scheduled_at, status, created_at, updated_at)"
           " VALUES (2, 'Voor contractmanagers', '2020-01-01T09:00:00Z', 'approved',"
           "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
           "INSERT INTO moment_channel VALUES (2, 'email');"
           "INSERT INTO moment_role VALUES (2, 'contractmanager');");
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "1 sent");
  assert_contains (out, "1 dead");
  assert_contains (out, "nobody is in its audience");
  OK (f, &box, "outbox");
  assert_contains (box, "has no e-mail address");
  assert_contains (box, "Moment 2");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 2 AND status = 'approved'"),
                   ==, 1);
}

static void
test_english_translation (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) messages = NULL;
  gboolean english = FALSE;

  exec (f, "UPDATE person SET locale = 'en' WHERE id = 1");
  OK (f, NULL, "send", "--no-digests");
  messages = email_test_maildir_messages (f->maildir);
  g_assert_cmpuint (messages->len, ==, 2);
  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr (GMimeMessage) m = email_test_parse_message (g_ptr_array_index (messages, i));

      english |= g_strcmp0 (g_mime_message_get_subject (m), "New workplaces") == 0;
    }
  g_assert_true (english);

  /* Without a translation English readers get the original, but the
   * closing line is in their language, and Dutch readers' in Dutch. */
  exec (f, "INSERT INTO moment (id, title, body, scheduled_at, status, created_at, updated_at)"
           " VALUES (4, 'Alleen in het Nederlands', 'Tekst.', '2020-01-01T09:00:00Z', 'approved',"
           "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
           "INSERT INTO moment_channel VALUES (4, 'email');"
           "INSERT INTO moment_group VALUES (4, 'beheer');");
  OK (f, NULL, "send", "--no-digests");
  g_assert_cmpint (
    scalar (f,
            "SELECT count(*) FROM delivery d JOIN delivery_message m ON m.delivery = d.id"
            " WHERE d.source = 'moment:4' AND d.person = 1"
            " AND m.body LIKE '%You get this message%' AND m.subject = 'Alleen in het Nederlands'"),
    ==, 1);
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM delivery d JOIN delivery_message m ON m.delivery = d.id"
               " WHERE d.source = 'moment:4' AND d.person = 3"
               " AND m.body LIKE '%Je krijgt dit bericht%'"),
    ==, 1);
}

/* The text/plain part of @m. */
static char *
plain_text (GMimeMessage *m)
{
  GMimeObject *body = g_mime_message_get_mime_part (m);

  if (GMIME_IS_MULTIPART (body))
    body = g_mime_multipart_get_part (GMIME_MULTIPART (body), 0);
  g_assert_true (GMIME_IS_TEXT_PART (body));
  return g_mime_text_part_get_text (GMIME_TEXT_PART (body));
}

/* A meeting typed as 13:30, with the server's TZ at UTC: 13:30 when the
 * CLI shows it and in the weekly digest e-mail that announces it. */
static void
test_wall_time (Fixture *f, gconstpointer data)
{
  g_autofree char *day = helder_test_day (3);
  g_autofree char *when = g_strdup_printf ("%s 13:30", day);
  g_autofree char *added = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *id = NULL;
  g_autoptr (JsonNode) row = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  guint digests = 0;

  process_tz = "TZ=UTC";
  OK (f, &added, "--json", "moment", "add", "--title", "Persoonlijk gesprek", "--scheduled-at",
      when, "--channels", "meeting", "--persons", "1");
  row = json_from_string (added, NULL);
  g_assert_nonnull (row);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_node_get_object (row), "id"));
  OK (f, NULL, "moment", "approve", id);
  OK (f, &shown, "moment", "show", id);
  assert_contains (shown, when);
  OK (f, &sent, "send", "--digests-now", "--no-moments");
  process_tz = NULL;

  messages = email_test_maildir_messages (f->maildir);
  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr (GMimeMessage) m = email_test_parse_message (g_ptr_array_index (messages, i));
      InternetAddressList *to = g_mime_message_get_to (m);
      g_autofree char *text = NULL;

      if (g_strcmp0 (internet_address_mailbox_get_addr (
                       INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 0))),
                     "anna@voorbeeld.nl") != 0)
        continue;
      text = plain_text (m);
      if (strstr (text, "Persoonlijk gesprek") == NULL)
        continue;
      digests++;
      assert_contains (text, ", 13:30");
    }
  g_assert_cmpuint (digests, ==, 1);
}

/* With the e-mail plugin disabled its messages wait, not lost and not
 * marked sent, and go once it is back. */
static void
test_plugin_disabled (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *plugins = NULL;
  g_autofree char *sent = NULL;

  email_disabled = TRUE;
  OK (f, &plugins, "plugins");
  assert_contains (plugins, "disabled by HELDER_DISABLED_PLUGINS");
  OK (f, &out, "send", "--no-digests");
  email_disabled = FALSE;
  assert_contains (out, "Channel email is unavailable");
  assert_contains (out, "2 messages wait");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'pending'"), ==, 2);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 0);

  OK (f, &sent, "send", "--no-digests");
  assert_contains (sent, "2 sent");
}

/* The relay is not flooded: at most delivery.rate_per_second, and no more
 * than delivery.rate_per_hour; the rest waits. */
static void
test_rate_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  gint64 started;
  double seconds;

  exec (f, "INSERT INTO moment_group VALUES (1, 'servicedesk'), (1, 'leverancier')");
  OK (f, NULL, "config", "set", "delivery.rate_per_second", "2");
  started = g_get_monotonic_time ();
  OK (f, &out, "send", "--no-digests");
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  assert_contains (out, "4 sent");
  /* four messages at two a second: the last goes 1.5 s after the first */
  g_assert_cmpfloat (seconds, >=, 1.4);

  exec (f,
        "INSERT INTO moment (id, title, scheduled_at, status, created_at, updated_at)"
        " VALUES (5, 'Nog een', '2020-01-01T09:00:00Z', 'approved',"
        "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
        "INSERT INTO moment_channel VALUES (5, 'email');"
        "INSERT INTO moment_group VALUES (5, 'beheer'), (5, 'servicedesk'), (5, 'leverancier');");
  OK (f, NULL, "config", "set", "delivery.rate_per_second", "0");
  OK (f, NULL, "config", "set", "delivery.rate_per_hour", "6");
  g_clear_pointer (&out, g_free);
  OK (f, &out, "send", "--no-digests");
  assert_contains (out, "2 sent");
  assert_contains (out, "delivery.rate_per_hour");
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:5' AND status = 'pending'"),
    ==, 2);
  OK (f, &again, "send", "--no-digests");
  assert_contains (again, "0 sent");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 6);
}

/* `helder serve` delivers in the background and stops cleanly. */
static void
test_serve_delivers (Fixture *f, gconstpointer data)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) serve = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = {
    g_getenv ("HELDER_EXE"), "--db", f->db, "serve", "--port", "0", "--quiet", NULL
  };

  OK (f, NULL, "config", "set", "delivery.interval", "1");
  /* The digests of this week first, so that only the moments are left. */
  OK (f, NULL, "send", "--queue-only", "--digests-now", "--no-moments");
  exec (f, "UPDATE delivery SET status = 'dead' WHERE source LIKE 'digest:%'");
  g_subprocess_launcher_setenv (launcher, "HELDER_PLUGIN_PATH", EMAIL_PLUGIN_PATH, TRUE);
  serve = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  for (guint i = 0;
       i < 100 && scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent'") < 2; i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent'"), ==, 2);

  /* A moment approved while it runs goes out in the next round. */
  exec (f, "INSERT INTO moment (id, title, scheduled_at, status, created_at, updated_at)"
           " VALUES (3, 'Later op de dag', '2020-01-01T10:00:00Z', 'approved',"
           "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
           "INSERT INTO moment_channel VALUES (3, 'email');"
           "INSERT INTO moment_group VALUES (3, 'servicedesk');");
  for (guint i = 0;
       i < 100 && scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent'") < 4; i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE status = 'sent'"), ==, 4);

  g_subprocess_send_signal (serve, SIGTERM);
  g_subprocess_communicate_utf8 (serve, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (serve));
  g_assert_cmpint (g_subprocess_get_exit_status (serve), ==, 0);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);
}

int
main (int argc, char **argv)
{
  g_mime_init ();
  helder_test_init (&argc, &argv);
#define ADD(name, mode, fn) g_test_add (name, Fixture, mode, setup, fn, teardown)
  ADD ("/email-delivery/delivered", "ok", test_delivered);
  ADD ("/email-delivery/tempfail-then-retry", "tempfail-first", test_tempfail_then_retry);
  ADD ("/email-delivery/permfail", "permfail", test_permfail);
  ADD ("/email-delivery/close-mid-data", "close-mid-data", test_close_mid_data);
  ADD ("/email-delivery/unreachable", NULL, test_unreachable);
  ADD ("/email-delivery/invalid-stored-url", "ok", test_invalid_stored_url);
  ADD ("/email-delivery/no-address-empty-audience", "ok", test_no_address_and_empty_audience);
  ADD ("/email-delivery/english", "ok", test_english_translation);
  ADD ("/email-delivery/plugin-disabled", "ok", test_plugin_disabled);
  ADD ("/email-delivery/rate-limits", "ok", test_rate_limits);
  ADD ("/email-delivery/wall-time", "ok", test_wall_time);
  ADD ("/email-delivery/serve", "ok", test_serve_delivers);
#undef ADD
  return g_test_run ();
}
