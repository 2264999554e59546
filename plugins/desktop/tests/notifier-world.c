/* notifier-world.c — the real parts the notifier tests run against
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See notifier-world.h. The notifier runs as its own process, as people
 * run it; what it showed is read from python-dbusmock's call log
 * (org.freedesktop.DBus.Mock.GetMethodCalls), what the server recorded
 * from `helder outbox --json`.
 */
#define G_LOG_DOMAIN "test-notifier"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "helder-clock.h"
#include "helder-test-utils.h"

#include "notifier-world.h"

#define MOCK_PATH  "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

World world;

void
shown_free (Shown *shown)
{
  g_free (shown->app);
  g_free (shown->summary);
  g_free (shown->body);
  g_strfreev (shown->actions);
  g_free (shown);
}

/* ---- running things --------------------------------------------------------- */

/* Background processes end with the test, also when it fails: otherwise
 * they would hold the test's output open until meson's timeout. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_background (GSubprocessFlags flags, const char *const *argv, GSubprocessLauncher *launcher)
{
  g_autoptr (GSubprocessLauncher) own = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  if (launcher == NULL)
    launcher = own = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static char *helder_ok (const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

/* Runs `helder --db DB ARGS…`, asserts exit 0, returns stdout. */
static char *
helder_ok (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;
  int status;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (world.db, NULL, (const char *const *) args->pdata, &out, &err);
  if (status != 0)
    g_error ("helder %s failed (%d): %s", first_arg, status, err);
  return out;
}

JsonNode *
helder_json (const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *node;
  va_list ap;

  g_ptr_array_add (args, (char *) "--json");
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (helder_test_runv (world.db, NULL, (const char *const *) args->pdata, &out, &err),
                   ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

/* The environment every notifier gets, then @extra ("NAME=value"). */
static GStrv
notifier_env (const char *const *extra)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *state = g_strconcat ("XDG_STATE_HOME=", world.state_home, NULL);
  g_autofree char *config = g_strconcat ("XDG_CONFIG_HOME=", world.config_home, NULL);
  g_autofree char *data = g_strconcat ("XDG_DATA_HOME=", world.data_home, NULL);

  g_strv_builder_add (builder, state);
  g_strv_builder_add (builder, config);
  g_strv_builder_add (builder, data);
  g_strv_builder_add (builder, "GSETTINGS_BACKEND=memory");
  g_strv_builder_add (builder, "G_MESSAGES_DEBUG=");
  if (extra != NULL)
    g_strv_builder_addv (builder, (const char **) extra);
  return g_strv_builder_end (builder);
}

/* `helder notifier ARGS…` to its end; returns the exit status. */

int
notifier_run (const char *const *extra_env, char **out, char **err, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = notifier_env (extra_env);
  va_list ap;

  g_ptr_array_add (args, (char *) "notifier");
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return helder_test_runv (NULL, (const char *const *) env, (const char *const *) args->pdata, out,
                           err);
}

/* `helder notifier ARGS…` in the background, its output in files. */
Running *
notifier_start (const char *const *extra_env, const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = notifier_env (extra_env);
  static guint n;
  Running *running = g_new0 (Running, 1);

  running->out_path = g_strdup_printf ("%s/notifier-%u.out", world.dir, ++n);
  running->err_path = g_strdup_printf ("%s/notifier-%u.err", world.dir, n);
  g_subprocess_launcher_set_stdout_file_path (launcher, running->out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, running->err_path);
  for (guint i = 0; env[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("HELDER_EXE"));
  g_ptr_array_add (argv, (char *) "notifier");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  running->process =
    spawn_background (G_SUBPROCESS_FLAGS_NONE, (const char *const *) argv->pdata, launcher);
  return running;
}

static gboolean
process_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_waited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Iterates the main context (a test server may run on it) until @done
 * says so or @seconds passed. */
gboolean
wait_for (gboolean (*done) (gpointer), gpointer data, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
    }
  return TRUE;
}

void
sleep_iterating (double seconds)
{
  gboolean never = FALSE;

  wait_for (process_done, &never, seconds);
}

/* SIGTERM, then the exit status; the notifier must end cleanly and soon. */
int
notifier_stop (Running *running, char **out, char **err)
{
  gboolean done = FALSE;
  int status;

  g_subprocess_send_signal (running->process, SIGTERM);
  g_subprocess_wait_async (running->process, NULL, on_waited, &done);
  g_assert_true (wait_for (process_done, &done, 10));
  g_assert_true (g_subprocess_get_if_exited (running->process));
  status = g_subprocess_get_exit_status (running->process);
  g_assert_true (g_file_get_contents (running->out_path, out, NULL, NULL));
  g_assert_true (g_file_get_contents (running->err_path, err, NULL, NULL));
  g_object_unref (running->process);
  g_free (running->out_path);
  g_free (running->err_path);
  g_free (running);
  return status;
}

guint
count_lines (const char *text, const char *containing)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && (containing == NULL || strstr (lines[i], containing) != NULL))
      n++;
  return n;
}

/* ---- the notification daemon ------------------------------------------------ */

GVariant *
mock_call (const char *method, GVariant *parameters, const char *reply_type)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (
    world.connection, MOCK_NAME, MOCK_PATH, MOCK_IFACE, method, parameters,
    reply_type ? G_VARIANT_TYPE (reply_type) : NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

/* Argument @i of a logged call: a string or a string array, copied. */
static gpointer
notify_arg (GVariant *args, gsize i, const GVariantType *type)
{
  g_autoptr (GVariant) boxed = g_variant_get_child_value (args, i);
  g_autoptr (GVariant) value = g_variant_get_variant (boxed);

  g_assert_true (g_variant_is_of_type (value, type));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  return g_variant_dup_strv (value, NULL);
}

/* What was shown since the last call, oldest first; forgets it. */
GPtrArray *
take_shown (void)
{
  g_autoptr (GVariant) reply =
    mock_call ("GetMethodCalls", g_variant_new ("(s)", "Notify"), "(a(tav))");
  g_autoptr (GVariant) calls = g_variant_get_child_value (reply, 0);
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  g_autoptr (GVariant) cleared = NULL;

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr (GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr (GVariant) args = g_variant_get_child_value (call, 1);
      Shown *s = g_new0 (Shown, 1);

      /* app_name, replaces_id, app_icon, summary, body, actions, hints, timeout */
      g_assert_cmpuint (g_variant_n_children (args), ==, 8);
      s->id = ++world.notify_total;
      s->app = notify_arg (args, 0, G_VARIANT_TYPE_STRING);
      s->summary = notify_arg (args, 3, G_VARIANT_TYPE_STRING);
      s->body = notify_arg (args, 4, G_VARIANT_TYPE_STRING);
      s->actions = notify_arg (args, 5, G_VARIANT_TYPE_STRING_ARRAY);
      g_ptr_array_add (shown, s);
    }
  cleared = mock_call ("ClearCalls", NULL, NULL);
  return shown;
}

gboolean
shown_something (gpointer data)
{
  g_autoptr (GVariant) reply =
    mock_call ("GetMethodCalls", g_variant_new ("(s)", "Notify"), "(a(tav))");
  g_autoptr (GVariant) calls = g_variant_get_child_value (reply, 0);

  return g_variant_n_children (calls) > 0;
}

static void
mock_start (void)
{
  g_autofree char *log = g_build_filename (world.dir, "dbusmock.log", NULL);
  const char *argv[] = { "/usr/bin/python3",
                         "-m",
                         "dbusmock",
                         "--session",
                         "-t",
                         "notification_daemon",
                         "-p",
                         "{\"capabilities\": \"body body-markup actions\"}",
                         "-l",
                         log,
                         NULL };
  g_autoptr (GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  world.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (world.bus);
  world.connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (world.bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  /* Its stdout would mix with our TAP output. */
  world.mock = spawn_background (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, argv, NULL);

  for (;;)
    {
      g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
        world.connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        "NameHasOwner", g_variant_new ("(s)", MOCK_NAME), G_VARIANT_TYPE ("(b)"),
        G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      gboolean owned = FALSE;

      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &owned);
      if (owned)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (50 * 1000);
    }
}

static void
mock_stop (void)
{
  g_subprocess_force_exit (world.mock);
  g_subprocess_wait (world.mock, NULL, NULL);
  g_clear_object (&world.mock);
  g_dbus_connection_close_sync (world.connection, NULL, NULL);
  g_clear_object (&world.connection);
  g_test_dbus_down (world.bus);
  g_clear_object (&world.bus);
}

/* ---- the server and its outbox ---------------------------------------------- */

static void
server_start (void)
{
  g_autofree char *db_arg = g_strconcat ("--db=", world.db, NULL);
  const char *argv[] = { g_getenv ("HELDER_EXE"), db_arg, "serve", "--port", "0", "--quiet", NULL };
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;

  world.server = spawn_background (G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv, NULL);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (world.server));
  /* "Helder serves DB at http://127.0.0.1:PORT (Ctrl+C stops)" */
  while (world.server_url == NULL)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      const char *url;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      url = strstr (line, "http://127.0.0.1:");
      if (url != NULL)
        {
          world.server_url = g_strndup (url, strcspn (url, " "));
          if (g_str_has_suffix (world.server_url, "/"))
            world.server_url[strlen (world.server_url) - 1] = '\0';
        }
    }
}

void
server_stop (void)
{
  g_subprocess_send_signal (world.server, SIGTERM);
  g_subprocess_wait (world.server, NULL, NULL);
  g_clear_object (&world.server);
}

char *
outbox_status (gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) row = helder_json ("outbox", "show", key, NULL);

  return g_strdup (json_object_get_string_member (json_node_get_object (row), "status"));
}

gboolean
row_has_status (gpointer data)
{
  RowWait *wait = data;
  g_autofree char *status = outbox_status (wait->id);

  return g_strcmp0 (status, wait->status) == 0;
}

/* A moment for our person on the desktop channel, approved and sent the
 * way an advisor does it; returns the outbox row's id. */
gint64
add_delivery (const char *title, const char *body)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  g_autoptr (GDateTime) earlier = g_date_time_add_hours (now, -1);
  g_autofree char *when = g_date_time_format (earlier, "%Y-%m-%dT%H:%M%:z");
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, world.person);
  g_autoptr (JsonNode) moment =
    helder_json ("moment", "add", "--title", title, "--body", body, "--scheduled-at", when,
                 "--channels", "desktop", "--persons", person, NULL);
  g_autofree char *moment_id = g_strdup_printf (
    "%" G_GINT64_FORMAT, json_object_get_int_member (json_node_get_object (moment), "id"));
  g_autofree char *source = g_strconcat ("moment:", moment_id, NULL);
  g_autofree char *approved = helder_ok ("moment", "approve", moment_id, NULL);
  g_autofree char *sent = helder_ok ("send", "--no-digests", NULL);
  g_autoptr (JsonNode) outbox =
    helder_json ("outbox", "--channel", "desktop", "--limit", "1000", NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (outbox), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *row = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (row, "source"), source) &&
          json_object_get_int_member (row, "person") == world.person)
        {
          RowWait wait = { json_object_get_int_member (row, "id"), "offered" };

          /* `helder serve` delivers too: the row may be in its hands. */
          g_assert_true (wait_for (row_has_status, &wait, 15));
          return wait.id;
        }
    }
  g_error ("no desktop row for %s in the outbox", source);
  return -1;
}

/* What the server offers the person now, as the notifier reads it. */
JsonArray *
offered_items (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (world.server_url, "/api/v1/me/notifications", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", world.token, NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "items"));
}

/* Acknowledges, as the notifier would, all that the server offers now. */
static void
acknowledge_everything (void)
{
  g_autoptr (JsonArray) items = offered_items ();
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (world.server_url, "/api/v1/me/notifications/ack", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", world.token, NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *json =
        g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT "}", json_object_get_int_member (item, "id"));
      g_autoptr (SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr (GBytes) request = g_bytes_new (json, strlen (json));
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    authorization);
      soup_message_set_request_body_from_bytes (message, "application/json", request);
      body = soup_session_send_and_read (session, message, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (message), ==, 200);
    }
  g_clear_pointer (&items, json_array_unref);
  items = offered_items ();
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

/* Pretends the acknowledgement of @id never reached the server. */
void
unacknowledge (gint64 id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (world.db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE delivery SET status = 'offered', sent_at = NULL, "
                                       "acknowledged_at = NULL WHERE id = ?1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

void
write_file (const char *path, const char *contents, int mode)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
}

/* GSettings as a person would have stored them, through the keyfile
 * backend (GSETTINGS_BACKEND=keyfile) in XDG_CONFIG_HOME. */
void
write_settings (const char *server_url, const char *token, guint interval, guint max_backoff)
{
  g_autofree char *path =
    g_build_filename (world.config_home, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[nl/helder/Notifier]\n"
                                               "server-url='%s'\n"
                                               "token='%s'\n"
                                               "interval=%u\n"
                                               "max-backoff=%u\n",
                                               server_url, token, interval, max_backoff);

  write_file (path, contents, 0600);
}

/* ---- the world -------------------------------------------------------------- */

static void
write_browser (void)
{
  g_autofree char *script = g_build_filename (world.dir, "browser.sh", NULL);
  g_autofree char *script_text =
    g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", world.opened);
  g_autofree char *desktop =
    g_build_filename (world.data_home, "applications", "helder-test-browser.desktop", NULL);
  g_autofree char *desktop_text =
    g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test browser\n"
                     "Exec=%s %%u\nNoDisplay=true\n"
                     "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                     script);
  g_autofree char *mimeapps = g_build_filename (world.config_home, "mimeapps.list", NULL);

  write_file (script, script_text, 0700);
  write_file (desktop, desktop_text, 0600);
  write_file (mimeapps,
              "[Default Applications]\n"
              "x-scheme-handler/http=helder-test-browser.desktop\n"
              "x-scheme-handler/https=helder-test-browser.desktop\n",
              0600);
}

void
world_setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *init = NULL;
  g_autofree char *maildir = NULL;
  g_autofree char *set = NULL;
  g_autofree char *sent = NULL;
  g_autoptr (JsonNode) people = NULL;
  g_autoptr (JsonNode) token = NULL;
  g_autofree char *person = NULL;
  JsonArray *rows;

  world.dir = g_dir_make_tmp ("helder-notifier-XXXXXX", &error);
  g_assert_no_error (error);
  world.db = g_build_filename (world.dir, "helder.db", NULL);
  world.state_home = g_build_filename (world.dir, "state", NULL);
  world.config_home = g_build_filename (world.dir, "config", NULL);
  world.data_home = g_build_filename (world.dir, "data", NULL);
  world.empty_dir = g_build_filename (world.dir, "no-schemas", NULL);
  world.opened = g_build_filename (world.dir, "opened.txt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (world.empty_dir, 0700), ==, 0);
  write_browser ();

  init = helder_ok ("init", "--demo", NULL);
  /* `helder serve` delivers e-mail too (digests): into a folder here,
   * never to a mail server that may listen on this machine. Without the
   * e-mail plugin (-Demail=disabled) there is no e-mail to send. */
#if NOTIFIER_TEST_WITH_EMAIL
  maildir = g_build_filename (world.dir, "maildir", NULL);
  set = helder_ok ("config", "set", "email.maildir", maildir, NULL);
  g_clear_pointer (&set, g_free);
  set = helder_ok ("config", "set", "email.mode", "maildir", NULL);
#endif

  /* The first person of the demo who chose desktop notifications. */
  people = helder_json ("person", "list", NULL);
  rows = json_node_get_array (people);
  for (guint i = 0; i < json_array_get_length (rows) && world.person == 0; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *channels = json_object_get_array_member (row, "channels");

      for (guint j = 0; j < json_array_get_length (channels); j++)
        if (g_str_equal (json_array_get_string_element (channels, j), "desktop"))
          world.person = json_object_get_int_member (row, "id");
    }
  g_assert_cmpint (world.person, >, 0);
  person = g_strdup_printf ("%" G_GINT64_FORMAT, world.person);
  token = helder_json ("token", "issue", person, "--role", "employee", NULL);
  world.token = g_strdup (json_object_get_string_member (json_node_get_object (token), "token"));

  /* What the demo has due at the test's hour reaches this person first and
   * is acknowledged, so that each test sees only what it adds itself,
   * whatever the hour the clock is pinned at. */
  sent = helder_ok ("send", NULL);
  server_start ();
  acknowledge_everything ();
  mock_start ();
}

void
world_teardown (void)
{
  g_autofree char *rm = NULL;

  if (world.server != NULL)
    server_stop ();
  mock_stop ();
  rm = g_strdup_printf ("rm -rf '%s'", world.dir);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
  g_free (world.dir);
  g_free (world.db);
  g_free (world.state_home);
  g_free (world.config_home);
  g_free (world.data_home);
  g_free (world.empty_dir);
  g_free (world.opened);
  g_free (world.server_url);
  g_free (world.token);
}
