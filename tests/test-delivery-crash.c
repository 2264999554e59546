/* test-delivery-crash.c — kill -9 the sender 20 times while it delivers
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: "a crash or kill -9 at any moment loses no queued
 * message". 2,000 e-mails are queued for a real SMTP sink on loopback
 * (tests/smtp-sink.py); `helder send` is started and killed with SIGKILL
 * at random moments, 20 times, then run to the end. Afterwards every row
 * is sent, every message arrived at least once (by its Message-ID, which
 * the e-mail channel derives from the delivery key), and the duplicates
 * are no more than the rows that were in flight at the 20 kills.
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <string.h>

#include "helder-test-utils.h"

#define KILLS    20
#define MESSAGES 2000
/* two batches of delivery.workers × 16 rows: what one kill can leave unrecorded */
#define WORKERS   4
#define IN_FLIGHT (2 * WORKERS * 16)

static char *
plugin_path (void)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "plugins", NULL);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn (const char *const *argv, GSubprocessFlags flags)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autofree char *plugins = plugin_path ();
  g_autoptr (GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_setenv (launcher, "HELDER_PLUGIN_PATH", plugins, TRUE);
  /* If this test dies, so does the sink: an orphan holding the test's
   * stderr kept meson waiting until its timeout. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return proc;
}

static void
helder_ok (const char *db, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("HELDER_EXE"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = spawn ((const char *const *) args->pdata,
                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("helder %s failed: %s%s", first, out, err);
}

static gint64
scalar (const char *db, const char *sql)
{
  g_autoptr (HelderStore) store = helder_store_open (db, NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Message-ID → how often it arrived */
static GHashTable *
read_maildir (const char *dir, guint *total)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *new_dir = g_build_filename (dir, "new", NULL);
  g_autoptr (GDir) d = g_dir_open (new_dir, 0, NULL);
  const char *name;

  *total = 0;
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (new_dir, name, NULL);
      g_autofree char *contents = NULL;
      const char *line;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      line = strstr (contents, "\nMessage-Id: ");
      if (line == NULL)
        line = strstr (contents, "\nMessage-ID: ");
      g_assert_nonnull (line);
      {
        const char *start = strchr (line, '<');
        const char *end = start ? strchr (start, '>') : NULL;
        g_autofree char *id = NULL;

        g_assert_nonnull (end);
        id = g_strndup (start + 1, end - start - 1);
        g_hash_table_insert (
          ids, g_strdup (id),
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ids, id)) + 1));
      }
      (*total)++;
    }
  return ids;
}

static void
test_kill_while_sending (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-delivery-crash-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "helder.db", NULL);
  g_autofree char *maildir = g_build_filename (dir, "mail", NULL);
  g_autofree char *sink_script =
    g_build_filename (g_getenv ("G_TEST_SRCDIR"), "smtp-sink.py", NULL);
  g_autoptr (GSubprocess) sink = NULL;
  g_autoptr (GDataInputStream) sink_out = NULL;
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) ids = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autoptr (HelderStmt) keys = NULL;
  gint64 rows;
  guint total, kills_landed = 0, duplicates;
  const char *exe = g_getenv ("HELDER_EXE");

  /* The programme: 2,000 people, one moment for all of them by e-mail. */
  {
    g_autofree char *people = g_strdup_printf ("%d", MESSAGES);
    helder_ok (db, "init", "--demo", "--people", people, NULL);
  }
  store = helder_store_open (db, &error);
  g_assert_no_error (error);
  /* Only this moment's messages: the demo's history (delivered before it
   * was loaded) is not part of what is sent here. */
  g_assert_true (helder_store_exec (
    store,
    "DELETE FROM delivery;"
    "UPDATE person SET email = 'p' || id || '@voorbeeld.nl' WHERE email IS NULL OR email = '';"
    "DELETE FROM person_channel; INSERT INTO person_channel SELECT id, 'email' FROM person;"
    "UPDATE moment SET status = 'cancelled' WHERE status = 'approved';"
    "INSERT INTO moment (id, title, body, scheduled_at, status, created_at, updated_at)"
    " VALUES (9000, 'Iedereen', 'Voor iedereen.', '2020-01-01T09:00:00Z', 'approved',"
    "         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
    "INSERT INTO moment_channel VALUES (9000, 'email');"
    "INSERT INTO moment_person SELECT 9000, id FROM person ORDER BY id LIMIT 2000;",
    &error));
  g_assert_no_error (error);
  helder_test_make_due (store);
  g_clear_object (&store);

  /* The sink. */
  {
    const char *argv[] = { "/usr/bin/python3", sink_script, "--maildir", maildir,
                           "--port",           "0",         NULL };

    sink = spawn (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    sink_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sink));
    port = g_data_input_stream_read_line_utf8 (sink_out, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (port);
  }
  url = g_strdup_printf ("smtp://127.0.0.1:%s", port);
  helder_ok (db, "config", "set", "smtp.url", url, NULL);
  helder_ok (db, "config", "set", "email.from", "Programma Wolk <wolk@voorbeeld.nl>", NULL);
  /* 1,000 a second: the senders have work for two seconds in all, more
   * than the twenty kills at 30–400 ms leave them (each first starts up),
   * so the kills land while mail goes out, however fast the machine: at
   * full speed all 2,000 were sometimes gone before half the kills. */
  helder_ok (db, "config", "set", "delivery.rate_per_second", "1000", NULL);
  helder_ok (db, "config", "set", "delivery.lease_seconds", "1", NULL);
  helder_ok (db, "config", "set", "delivery.retry_seconds", "1", NULL);
  helder_ok (db, "config", "set", "delivery.workers", G_STRINGIFY (WORKERS), NULL);
  helder_ok (db, "send", "--queue-only", "--no-digests", NULL);
  rows = scalar (db, "SELECT count(*) FROM delivery WHERE channel = 'email'");
  g_assert_cmpint (rows, ==, MESSAGES);

  /* Twenty kills at random moments. */
  for (guint k = 0; k < KILLS; k++)
    {
      const char *argv[] = { exe, "--db", db, "send", "--no-digests", NULL };
      g_autofree char *plugins = plugin_path ();
      g_autofree char *plugin_env = g_strconcat ("HELDER_PLUGIN_PATH=", plugins, NULL);
      g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "HELDER_PLUGIN_PATH", plugins, TRUE);
      gulong delay = (gulong) g_test_rand_int_range (30, 400);
      GPid pid;
      int status;

      g_assert_true (g_spawn_async (NULL, (char **) argv, env,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                      G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_usleep (delay * 1000);
      if (waitpid (pid, &status, WNOHANG) == 0)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          kills_landed++;
        }
      g_spawn_close_pid (pid);
      g_test_message ("kill %u after %lu ms: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " sent",
                      k + 1, delay,
                      scalar (db, "SELECT count(*) FROM delivery WHERE status = 'sent'"), rows);
      if (k % 5 == 4)
        g_usleep (1100 * 1000); /* let leases of killed senders run out now and then */
    }
  g_assert_cmpuint (kills_landed, >=, KILLS / 2);

  /* Then to the end: leases of the killed senders run out, the rest goes. */
  for (guint round = 0;
       round < 10 && scalar (db, "SELECT count(*) FROM delivery WHERE status <> 'sent'") > 0;
       round++)
    {
      g_usleep (1200 * 1000);
      helder_ok (db, "send", "--no-digests", NULL);
    }
  g_assert_cmpint (scalar (db, "SELECT count(*) FROM delivery WHERE status = 'sent'"), ==, rows);

  /* Every message arrived, and duplicates stay within the in-flight window. */
  g_usleep (300 * 1000);
  ids = read_maildir (maildir, &total);
  store = helder_store_open (db, &error);
  keys = helder_store_prepare (
    store, "SELECT source || '/' || person || '/' || channel FROM delivery", &error);
  while (sqlite3_step (keys) == SQLITE_ROW)
    {
      g_autofree char *hash = g_compute_checksum_for_string (
        G_CHECKSUM_SHA256, (const char *) sqlite3_column_text (keys, 0), -1);
      g_autofree char *id = g_strdup_printf ("helder-%.32s@voorbeeld.nl", hash);

      if (!g_hash_table_contains (ids, id))
        g_error ("message %s (%s) never arrived", id, sqlite3_column_text (keys, 0));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, rows);
  duplicates = total - g_hash_table_size (ids);
  g_test_message ("%u messages arrived for %" G_GINT64_FORMAT " rows: %u duplicates after %u kills"
                  " (at most %u allowed)",
                  total, rows, duplicates, kills_landed, kills_landed * IN_FLIGHT);
  g_assert_cmpuint (duplicates, <=, kills_landed * IN_FLIGHT);

  g_subprocess_send_signal (sink, SIGTERM);
  g_subprocess_wait (sink, NULL, NULL);
  g_clear_pointer (&keys, helder_store_stmt_release);
  g_clear_object (&store);
  helder_test_remove_db (db);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/delivery/kill-while-sending", test_kill_while_sending);
  return g_test_run ();
}
