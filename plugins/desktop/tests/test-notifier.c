/* test-notifier.c — `helder notifier` against a real server and a real D-Bus
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real parts only (notifier-world.h): the demo programme in a temporary
 * database, an employee token from `helder token issue`, desktop
 * deliveries made the way an advisor makes them (`helder moment add …
 * --channels desktop`, `moment approve`, `helder send`), the real `helder
 * serve` on a free port, a private D-Bus session bus (GTestDBus) with
 * python-dbusmock's notification daemon on it, and the built `helder
 * notifier` as a separate process.
 *
 * The server-trouble test uses a small libsoup server in this process
 * instead, which answers 503 until told otherwise, to time the back-off.
 */
#define G_LOG_DOMAIN "test-notifier"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "helder-test-utils.h"
#include "services/access/helder-message-link.h"
#include "notifier-world.h"

/* ---- tests ------------------------------------------------------------------ */

static void
test_missing_token (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GPtrArray) shown = NULL;

  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url, NULL),
                   ==, 2);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no token"));
  g_assert_nonnull (strstr (err, "--token"));
  g_assert_nonnull (strstr (err, "helder token issue PERSON --role employee"));
  g_assert_nonnull (strstr (err, "gsettings set nl.helder.Notifier token"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad options are usage errors that name the option. */
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--token", world.token, "--server",
                                 "ftp://example.org", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--server: “ftp://example.org”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--token", world.token, "--interval", "1", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--interval: 1 is not between 5 and 3600 seconds"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--token", "hld_a b", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--token: the token contains a space"));
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 0);
}

static void
test_bad_token (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GPtrArray) shown = NULL;

  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", "hld_this-is-not-a-token", NULL),
                   ==, 1);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "helder notifier: the server refused the token (HTTP 401)"));
  g_assert_nonnull (strstr (err, "helder token issue PERSON --role employee"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without --once too: waiting does not make a refused token good. */
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--server", world.server_url, "--token",
                                 "hld_this-is-not-a-token", NULL),
                   ==, 1);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "(HTTP 401)"));
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 0);
}

/* Each item once, with the right summary and body, acknowledged; nothing
 * again on the next run, not even when an acknowledgement got lost. */
static void
test_show_once (void)
{
  gint64 first =
    add_delivery ("Nieuwe werkplek", "Vanaf **maandag** werkt u in de nieuwe omgeving.");
  gint64 second = add_delivery ("Servicedesk & beheer",
                                "Beheer & servicedesk verhuizen <samen> naar verdieping 3.");
  g_autoptr (JsonArray) items = offered_items ();
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status = NULL;
  g_autofree char *state_dir = g_build_filename (world.state_home, "helder", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_assert_cmpuint (json_array_get_length (items), ==, 2);

  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      Shown *s = g_ptr_array_index (shown, i);
      /* The mock says it understands markup, so the text is escaped. */
      g_autofree char *body =
        g_markup_escape_text (json_object_get_string_member (item, "text"), -1);

      g_assert_cmpstr (s->app, ==, "Helder");
      g_assert_cmpstr (s->summary, ==, json_object_get_string_member (item, "subject"));
      g_assert_cmpstr (s->body, ==, body);
      /* Nobody is left to handle a click after --once. */
      g_assert_cmpuint (g_strv_length (s->actions), ==, 0);
    }
  g_assert_cmpstr (((Shown *) g_ptr_array_index (shown, 0))->summary, ==, "Nieuwe werkplek");
  g_assert_cmpstr (((Shown *) g_ptr_array_index (shown, 1))->summary, ==, "Servicedesk & beheer");
  g_assert_nonnull (strstr (((Shown *) g_ptr_array_index (shown, 0))->body, "maandag"));
  g_assert_null (strstr (((Shown *) g_ptr_array_index (shown, 0))->body, "**"));
  g_assert_nonnull (
    strstr (((Shown *) g_ptr_array_index (shown, 1))->body, "Beheer &amp; servicedesk"));
  g_clear_pointer (&shown, g_ptr_array_unref);

  status = outbox_status (first);
  g_assert_cmpstr (status, ==, "sent");
  g_clear_pointer (&status, g_free);
  status = outbox_status (second);
  g_assert_cmpstr (status, ==, "sent");
  g_clear_pointer (&status, g_free);

  /* The acknowledgement of the first got lost (the notifier was killed
   * right after showing it): the server offers it again, a new notifier
   * acknowledges it without showing it. */
  unacknowledge (first);
  status = outbox_status (first);
  g_assert_cmpstr (status, ==, "offered");
  g_clear_pointer (&status, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 0);
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);
  status = outbox_status (first);
  g_assert_cmpstr (status, ==, "sent");
  g_clear_pointer (&status, g_free);

  /* A restart shows nothing: nothing is offered any more … */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 0);
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* … and the state lives in XDG_STATE_HOME/helder, without the token. */
  dir = g_dir_open (state_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (state_dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_str_has_prefix (name, "notifier-"));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_null (strstr (contents, world.token));
    }
}

/* Server and token from GSettings; the options are not needed. */
static void
test_gsettings (void)
{
  const char *env[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *status = NULL;
  gint64 id = add_delivery ("Uit de instellingen", "Deze melding vond de weg via GSettings.");

  write_settings (world.server_url, world.token, 60, 900);
  g_assert_cmpint (notifier_run (env, &out, &err, "--once", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (((Shown *) g_ptr_array_index (shown, 0))->summary, ==, "Uit de instellingen");
  status = outbox_status (id);
  g_assert_cmpstr (status, ==, "sent");

  /* An option beats the setting: a wrong --token is refused. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (env, &out, &err, "--once", "--token", "hld_wrong", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "(HTTP 401)"));

  /* A setting that is not an address is named as the setting. */
  write_settings ("localhost:8080", world.token, 60, 900);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (notifier_run (env, &out, &err, "--once", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nl.helder.Notifier server-url: “localhost:8080”"));
}

/* Without the schema installed, the options alone work, and a missing
 * token says why settings were not read. */
static void
test_no_schema (void)
{
  g_autofree char *schema_dir = g_strconcat ("GSETTINGS_SCHEMA_DIR=", world.empty_dir, NULL);
  const char *env[] = { schema_dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GPtrArray) shown = NULL;

  g_assert_cmpint (notifier_run (env, &out, &err, "--once", "--server", world.server_url, NULL), ==,
                   2);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "the GSettings schema nl.helder.Notifier is not installed"));
  g_assert_nonnull (strstr (err, "helder token issue PERSON --role employee"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  add_delivery ("Zonder schema", "Ook zonder GSettings-schema komt dit aan.");
  g_assert_cmpint (notifier_run (env, &out, &err, "--once", "--server", world.server_url, "--token",
                                 world.token, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (((Shown *) g_ptr_array_index (shown, 0))->summary, ==, "Zonder schema");
}

/* No notification service on the session bus: nothing is recorded as
 * shown or acknowledged, so the next run, on a working desktop, shows it. */
static void
test_no_desktop (void)
{
  g_autofree char *bus =
    g_strconcat ("DBUS_SESSION_BUS_ADDRESS=unix:path=", world.dir, "/no-bus", NULL);
  const char *env[] = { bus, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  RowWait wait = { 0, "offered" };

  wait.id = add_delivery ("Nog niet gezien", "Dit komt pas aan als er een bureaublad is.");
  g_assert_cmpint (notifier_run (env, &out, &err, "--once", "--server", world.server_url, "--token",
                                 world.token, NULL),
                   ==, 1);
  g_test_message ("stderr: %s", err);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "helder notifier: cannot show notifications on this desktop: "));
  status = outbox_status (wait.id);
  g_assert_cmpstr (status, ==, "offered");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 0);
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (((Shown *) g_ptr_array_index (shown, 0))->summary, ==, "Nog niet gezien");
  wait.status = "sent";
  g_assert_true (row_has_status (&wait));
}

static gboolean
file_has_text (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && contents[0] != '\0';
}

/* Running on: a new item is shown with the "Open my page" button, the
 * click opens the person's page in their browser, and SIGTERM ends it. */
static void
test_running_with_action (void)
{
  const char *args[] = { "--server", world.server_url, "--token", world.token, "--interval", "5",
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *opened = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autoptr (GVariant) emitted = NULL;
  g_autoptr (JsonArray) items = NULL;
  Running *running;
  RowWait wait = { 0, "sent" };
  Shown *s;

  wait.id = add_delivery ("Open je pagina", "Kijk op je eigen pagina wat er voor jou verandert.");
  items = offered_items ();
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  running = notifier_start (NULL, args);
  g_assert_true (wait_for (shown_something, NULL, 15));
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 1);
  s = g_ptr_array_index (shown, 0);
  g_assert_cmpstr (s->summary, ==, "Open je pagina");
  g_assert_cmpuint (g_strv_length (s->actions), ==, 2);
  g_assert_cmpstr (s->actions[0], ==, "open");
  g_assert_cmpstr (s->actions[1], ==, "Open my page");
  g_assert_true (wait_for (row_has_status, &wait, 15));

  /* A second notifier for the same server and token would show the same
   * items: it is turned away. */
  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 1);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "another helder notifier already shows the notifications"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The person clicks the button. */
  emitted = mock_call ("EmitSignal",
                       g_variant_new ("(sss@av)", MOCK_NAME, "ActionInvoked", "us",
                                      g_variant_new_parsed ("[<%u>, <'open'>]", s->id)),
                       NULL);
  g_assert_true (wait_for (file_has_text, world.opened, 15));
  g_assert_true (g_file_get_contents (world.opened, &opened, NULL, NULL));
  /* The person's page through a sign-in link of its own: each fetch of the
   * notifications mints a new one (services/access/helder-message-link.h). */
  {
    const char *fetched =
      json_object_get_string_member (json_array_get_object_element (items, 0), "link");
    const char *code = strstr (fetched, "/s/");
    g_autoptr (HelderStore) store = helder_store_open (world.db, NULL);

    g_assert_nonnull (code);
    g_strstrip (opened);
    g_assert_cmpuint (strlen (opened), ==, strlen (fetched));
    g_assert_true (strncmp (opened, fetched, code - fetched + 3) == 0);
    g_assert_cmpstr (opened, !=, fetched);
    g_assert_true (helder_message_link_usable (store, opened + (code - fetched) + 3));
  }

  /* Still running, it does not show it again on the next poll. */
  sleep_iterating (6);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = take_shown ();
  g_assert_cmpuint (shown->len, ==, 0);

  g_assert_cmpint (notifier_stop (running, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, world.server_url));
}

/* A server answering 503: one line when the trouble starts, one when it
 * is over, however many attempts in between, which come after the
 * interval and then twice as long, up to max-backoff. */
typedef struct
{
  gboolean healthy;
  GArray *times; /* gint64 monotonic µs of each request */
} Flaky;

static void
flaky_handler (SoupServer *server,
               SoupServerMessage *message,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  Flaky *flaky = user_data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (flaky->times, now);
  if (flaky->healthy)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"items\":[]}", strlen ("{\"items\":[]}"));
    }
  else
    {
      soup_server_message_set_status (message, 503, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC,
                                        "down for maintenance", strlen ("down for maintenance"));
    }
}

static gboolean
requests_at_least (gpointer data)
{
  Flaky *flaky = ((gpointer *) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return flaky->times->len >= n;
}

static void
test_server_trouble (void)
{
  const char *env[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  const char *args[] = { NULL };
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Flaky flaky = { FALSE, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gpointer until[2] = { &flaky, NULL };
  GSList *uris;
  Running *running;
  double gap1, gap2;

  soup_server_add_handler (server, NULL, flaky_handler, &flaky, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  write_settings (url, world.token, 5, 10);
  running = notifier_start (env, args);
  until[1] = GUINT_TO_POINTER (3);
  g_assert_true (wait_for (requests_at_least, until, 25));
  flaky.healthy = TRUE;
  until[1] = GUINT_TO_POINTER (4);
  g_assert_true (wait_for (requests_at_least, until, 20));
  sleep_iterating (0.5);
  g_assert_cmpint (notifier_stop (running, &out, &err), ==, 0);

  /* 0 s, 5 s (the interval), 15 s (twice that, which is max-backoff). */
  gap1 = (g_array_index (flaky.times, gint64, 1) - g_array_index (flaky.times, gint64, 0)) / 1e6;
  gap2 = (g_array_index (flaky.times, gint64, 2) - g_array_index (flaky.times, gint64, 1)) / 1e6;
  g_test_message ("gaps between attempts: %.1f s, %.1f s", gap1, gap2);
  g_assert_cmpfloat (gap1, >=, 4.0);
  g_assert_cmpfloat (gap1, <=, 7.0);
  g_assert_cmpfloat (gap2, >=, 9.0);
  g_assert_cmpfloat (gap2, <=, 12.5);

  g_test_message ("stderr:\n%s", err);
  g_assert_cmpuint (count_lines (err, NULL), ==, 2);
  g_assert_cmpuint (count_lines (err, "cannot reach"), ==, 1);
  g_assert_cmpuint (count_lines (err, "HTTP 503"), ==, 1);
  g_assert_cmpuint (count_lines (err, "answers again"), ==, 1);
  g_array_unref (flaky.times);
}

/* The real server stopped: --once fails with one clear line; running on,
 * the notifier says so once, whatever the number of attempts. */
static void
test_server_down (void)
{
  const char *debug_env[] = { "G_MESSAGES_DEBUG=helder-desktop", NULL };
  const char *args[] = { "--server", world.server_url, "--token", world.token, "--interval", "5",
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Running *running;

  server_stop ();

  g_assert_cmpint (notifier_run (NULL, &out, &err, "--once", "--server", world.server_url,
                                 "--token", world.token, NULL),
                   ==, 1);
  g_test_message ("stderr: %s", err);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "helder notifier: cannot reach http://127.0.0.1:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  running = notifier_start (debug_env, args);
  sleep_iterating (7);
  g_assert_cmpint (notifier_stop (running, &out, &err), ==, 0);
  g_test_message ("stderr: %s", err);
  /* Attempts at 0 s and 5 s (the debug log says so), one line for people. */
  g_assert_cmpuint (count_lines (out, "next attempt in"), >=, 2);
  g_assert_cmpuint (count_lines (err, NULL), ==, 1);
  g_assert_cmpuint (count_lines (err, "cannot reach"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  int status;

  helder_test_init (&argc, &argv);

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) || dbus_daemon == NULL)
    {
      g_test_skip ("needs /usr/bin/python3 with python3-dbusmock, and dbus-daemon");
      return g_test_run ();
    }

  /* In this order: the last one stops the server. */
  g_test_add_func ("/notifier/missing-token", test_missing_token);
  g_test_add_func ("/notifier/bad-token", test_bad_token);
  g_test_add_func ("/notifier/show-once", test_show_once);
  g_test_add_func ("/notifier/gsettings", test_gsettings);
  g_test_add_func ("/notifier/no-schema", test_no_schema);
  g_test_add_func ("/notifier/no-desktop", test_no_desktop);
  g_test_add_func ("/notifier/running-with-action", test_running_with_action);
  g_test_add_func ("/notifier/server-trouble", test_server_trouble);
  g_test_add_func ("/notifier/server-down", test_server_down);

  world_setup ();
  status = g_test_run ();
  world_teardown ();
  return status;
}
