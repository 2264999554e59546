/* helder-web-test-utils.c — a real `helder serve` on loopback for tests
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/access/helder-access.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-demo.h"
#include "engine/helder-engine.h"
#include "web/helder-web-server.h"

typedef struct
{
  HelderWebTest *test;
  GMutex lock;
  GCond ready;
  guint port;
  gboolean started;
  GMainContext *context;
} ServerThread;

static void
setup_gettext_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *dir = g_getenv ("HELDER_LOCALEDIR");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}

static gpointer
server_main (gpointer data)
{
  ServerThread *st = data;
  HelderWebTest *test = st->test;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderContext) helder = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autoptr (HelderWebServer) server = NULL;
  FILE *log = NULL;

  g_main_context_push_thread_default (context);
  /* The server of `helder serve`: with the plugins of HELDER_PLUGIN_PATH
   * (the test addin), their migrations, routes and sections. */
  helder = helder_context_new (test->db_path);
  helder_engine_load_all (helder_context_get_engine (helder));
  store = helder_context_open_connection (helder, &error);
  g_assert_no_error (error);
  server = helder_web_server_new (helder, store);
  helder_web_server_set_today (server, test->today);
  if (g_getenv ("HELDER_TEST_ACCESS_LOG") != NULL)
    helder_web_server_set_log (server, stderr);
  else
    {
      log = fopen (test->log_path, "w");
      g_assert_nonnull (log);
      helder_web_server_set_log (server, log);
    }
  g_assert_true (helder_web_server_listen (server, "127.0.0.1", 0, &error));
  test->loop = g_main_loop_new (context, FALSE);
  test->server = server;

  g_mutex_lock (&st->lock);
  st->port = helder_web_server_get_port (server);
  st->context = context;
  st->started = TRUE;
  g_cond_signal (&st->ready);
  g_mutex_unlock (&st->lock);

  g_main_loop_run (test->loop);

  helder_web_server_disconnect (server);
  while (g_main_context_iteration (context, FALSE))
    ;
  test->server = NULL;
  g_clear_object (&server);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  if (log != NULL)
    fclose (log);
  return NULL;
}

static gint64
person_where (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
make_user (HelderWebTest *test, HelderWebTestUser *user, const char *role, const char *where)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autofree char *code = NULL;
  g_autofree char *session = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  user->person = person_where (test->store, where);
  stmt = helder_store_prepare (test->store, "SELECT name FROM person WHERE id = ?1", NULL);
  sqlite3_bind_int64 (stmt, 1, user->person);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  user->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_assert_true (
    helder_access_issue (test->store, user->person, role, 0, NULL, &user->token, &code, &error));
  g_assert_no_error (error);
  access = helder_access_login (test->store, code, &session, &error);
  g_assert_no_error (error);
  user->cookie = g_strdup_printf ("helder_session=%s", session);
  user->csrf = g_strdup (access->csrf);
}

/**
 * helder_web_test_start:
 *
 * Returns: (transfer full): a running server on the demo programme
 */
HelderWebTest *
helder_web_test_start (void)
{
  return helder_web_test_start_people (0);
}

/**
 * helder_web_test_start_people:
 * @people: how many generated people to add to the demo (0: none)
 *
 * Returns: (transfer full): a running server on the demo programme
 */
HelderWebTest *
helder_web_test_start_people (guint people)
{
  HelderWebTest *test = g_new0 (HelderWebTest, 1);
  g_autoptr (GError) error = NULL;
  ServerThread st = { 0 };

  setup_gettext_once ();
  test->store = helder_test_store_new (&test->db_path);
  test->today = helder_clock_today ();
  test->log_path = g_strconcat (test->db_path, ".access.log", NULL);
  g_assert_true (helder_demo_load (test->store, test->today, people, &error));
  g_assert_no_error (error);

  /* Tests read English unless they ask for Dutch: the demo's people are
   * Dutch (nl), so the users get locale en, and anonymous requests say
   * Accept-Language: en (see request_va). */
  g_assert_true (helder_store_exec (test->store, "UPDATE person SET locale = 'en'", &error));
  make_user (test, &test->advisor, "advisor",
             "SELECT id FROM person WHERE role = 'strategisch-adviseur' ORDER BY id LIMIT 1");
  make_user (test, &test->hr, "hr",
             "SELECT id FROM person WHERE role = 'hr-adviseur' ORDER BY id LIMIT 1");
  make_user (test, &test->employee, "employee",
             "SELECT person FROM role_change WHERE status = 'discussed' AND to_role IS NOT NULL"
             " ORDER BY id LIMIT 1");
  make_user (test, &test->employee2, "employee",
             "SELECT person FROM role_change WHERE status = 'draft' ORDER BY id LIMIT 1");

  st.test = test;
  g_mutex_init (&st.lock);
  g_cond_init (&st.ready);
  test->thread = g_thread_new ("helder-test-server", server_main, &st);
  g_mutex_lock (&st.lock);
  while (!st.started)
    g_cond_wait (&st.ready, &st.lock);
  g_mutex_unlock (&st.lock);
  g_mutex_clear (&st.lock);
  g_cond_clear (&st.ready);

  test->base_url = g_strdup_printf ("http://127.0.0.1:%u", st.port);
  test->session = soup_session_new_with_options ("timeout", 60, NULL);
  return test;
}

static gboolean
quit_in_thread (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
clear_user (HelderWebTestUser *user)
{
  g_free (user->name);
  g_free (user->token);
  g_free (user->cookie);
  g_free (user->csrf);
}

void
helder_web_test_stop (HelderWebTest *test)
{
  if (test == NULL)
    return;
  g_main_context_invoke (g_main_loop_get_context (test->loop), quit_in_thread, test->loop);
  g_thread_join (test->thread);
  g_main_loop_unref (test->loop);
  g_clear_object (&test->session);
  g_clear_object (&test->store);
  helder_test_remove_db (test->db_path);
  g_free (test->log_path); /* removed with the database's folder */
  g_free (test->db_path);
  g_free (test->base_url);
  g_free (test->today);
  clear_user (&test->advisor);
  clear_user (&test->hr);
  clear_user (&test->employee);
  clear_user (&test->employee2);
  g_free (test);
}

static HelderWebTestResponse *
request_va (HelderWebTest *test,
            const char *method,
            const char *path,
            HelderWebTestUser *user,
            const char *auth,
            const char *content_type,
            const char *body,
            gssize body_length,
            va_list headers)
{
  g_autofree char *uri = g_strconcat (test->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *request_headers;
  HelderWebTestResponse *response;
  const char *name;
  GBytes *bytes;

  g_assert_nonnull (msg);
  /* Tests look at redirects themselves. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  request_headers = soup_message_get_request_headers (msg);
  if (user != NULL && g_strcmp0 (auth, "bearer") == 0)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", user->token);
      soup_message_headers_replace (request_headers, "Authorization", value);
    }
  else if (user != NULL && g_strcmp0 (auth, "cookie") == 0)
    soup_message_headers_replace (request_headers, "Cookie", user->cookie);

  if (body != NULL)
    {
      g_autoptr (GBytes) payload =
        g_bytes_new (body, body_length < 0 ? strlen (body) : (gsize) body_length);
      soup_message_set_request_body_from_bytes (msg, content_type, payload);
    }

  soup_message_headers_replace (request_headers, "Accept-Language", "en");
  while ((name = va_arg (headers, const char *)) != NULL)
    soup_message_headers_replace (request_headers, name, va_arg (headers, const char *));

  bytes = soup_session_send_and_read (test->session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (HelderWebTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->content_type =
    g_strdup (soup_message_headers_get_content_type (response->headers, NULL));
  {
    /* Keep a nul-terminated copy for string checks. */
    gsize length;
    const char *data = g_bytes_get_data (bytes, &length);
    char *text = g_malloc (length + 1);

    memcpy (text, data ? data : "", length);
    text[length] = '\0';
    response->body = g_bytes_new_take (text, length);
    response->text = text;
  }
  g_bytes_unref (bytes);
  return response;
}

HelderWebTestResponse *
helder_web_test_request (HelderWebTest *test,
                         const char *method,
                         const char *path,
                         HelderWebTestUser *user,
                         const char *auth,
                         const char *content_type,
                         const char *body,
                         gssize body_length,
                         ...)
{
  HelderWebTestResponse *response;
  va_list args;

  va_start (args, body_length);
  response = request_va (test, method, path, user, auth, content_type, body, body_length, args);
  va_end (args);
  return response;
}

HelderWebTestResponse *
helder_web_test_get (HelderWebTest *test, const char *path, HelderWebTestUser *user)
{
  return helder_web_test_request (test, "GET", path, user, user ? "bearer" : NULL, NULL, NULL, 0,
                                  NULL);
}

HelderWebTestResponse *
helder_web_test_post_form (HelderWebTest *test,
                           const char *path,
                           HelderWebTestUser *user,
                           const char *form)
{
  g_autofree char *body = NULL;

  if (user != NULL && (form == NULL || strstr (form, "csrf=") == NULL))
    {
      g_autofree char *csrf = g_uri_escape_string (user->csrf, NULL, FALSE);
      body = g_strdup_printf ("%s%scsrf=%s", form ? form : "", form && *form ? "&" : "", csrf);
    }
  else
    body = g_strdup (form ? form : "");
  return helder_web_test_request (test, "POST", path, user, user ? "cookie" : NULL,
                                  "application/x-www-form-urlencoded", body, -1, "Sec-Fetch-Site",
                                  "same-origin", NULL);
}

HelderWebTestResponse *
helder_web_test_send_json (HelderWebTest *test,
                           const char *method,
                           const char *path,
                           HelderWebTestUser *user,
                           const char *json)
{
  return helder_web_test_request (test, method, path, user, user ? "bearer" : NULL,
                                  "application/json", json, -1, NULL);
}

JsonNode *
helder_web_test_json (HelderWebTestResponse *response)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  if (!json_parser_load_from_data (parser, response->text, -1, &error))
    g_error ("not JSON (%s): %.200s", error->message, response->text);
  return json_node_copy (json_parser_get_root (parser));
}

void
helder_web_test_assert_error (HelderWebTestResponse *response,
                              guint status,
                              const char *field,
                              const char *in_message)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *error;

  if (response->status != status)
    g_error ("expected status %u, got %u: %.300s", status, response->status, response->text);
  root = helder_web_test_json (response);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_nonnull (error);
  g_assert_true (json_object_has_member (error, "code"));
  g_assert_true (json_object_has_member (error, "field"));
  if (in_message != NULL &&
      strstr (json_object_get_string_member (error, "message"), in_message) == NULL)
    g_error ("message “%s” does not contain “%s”", json_object_get_string_member (error, "message"),
             in_message);
  if (field != NULL)
    {
      g_assert_false (json_object_get_null_member (error, "field"));
      g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
    }
}

void
helder_web_test_response_free (HelderWebTestResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_bytes_unref (response->body);
  soup_message_headers_unref (response->headers);
  g_free (response);
}

/* The value ("name=…") of the Set-Cookie header that sets @name, or NULL. */
static char *
set_cookie_value (HelderWebTestResponse *response, const char *name)
{
  SoupMessageHeadersIter iter;
  const char *header, *value;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  soup_message_headers_iter_init (&iter, response->headers);
  while (soup_message_headers_iter_next (&iter, &header, &value))
    if (g_ascii_strcasecmp (header, "Set-Cookie") == 0 && g_str_has_prefix (value, prefix))
      return g_strndup (value, strcspn (value, ";"));
  return NULL;
}

/**
 * helder_web_test_message_sign_in:
 * @path: the path of a message's sign-in link, "/s/CODE"
 *
 * Does what a reader of a message does: opens the link (a page with one
 * button, its pre-session cookie and form token) and presses the button.
 *
 * Returns: (transfer full): the session cookie ("helder_session=…") after
 *   a 303 to /me; fails the test otherwise
 */
char *
helder_web_test_message_sign_in (HelderWebTest *test, const char *path)
{
  g_autoptr (HelderWebTestResponse) page =
    helder_web_test_request (test, "GET", path, NULL, NULL, NULL, NULL, 0, NULL);
  g_autoptr (HelderWebTestResponse) signed_in = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  char *session;
  const char *field, *end;

  if (page->status != 200)
    g_error ("GET %s: %u %s", path, page->status, page->text);
  cookie = set_cookie_value (page, "helder_link");
  g_assert_nonnull (cookie);
  field = strstr (page->text, "name=\"csrf\" value=\"");
  g_assert_nonnull (field);
  field += strlen ("name=\"csrf\" value=\"");
  end = strchr (field, '"');
  g_assert_nonnull (end);
  csrf = g_strndup (field, end - field);
  form = g_strdup_printf ("code=%s&csrf=%s", strrchr (path, '/') + 1, csrf);
  signed_in =
    helder_web_test_request (test, "POST", "/s", NULL, NULL, "application/x-www-form-urlencoded",
                             form, -1, "Sec-Fetch-Site", "same-origin", "Cookie", cookie, NULL);
  if (signed_in->status != 303)
    g_error ("POST /s: %u %s", signed_in->status, signed_in->text);
  g_assert_cmpstr (soup_message_headers_get_one (signed_in->headers, "Location"), ==, "/me");
  session = set_cookie_value (signed_in, "helder_session");
  g_assert_nonnull (session);
  return session;
}

/* ---- the advisor's pages in a form test ---------------------------------- */

void
helder_web_test_set_locale (HelderWebTest *test, gint64 person, const char *locale)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);

  json_object_set_string_member (changes, "locale", locale);
  row = helder_repo_update (test->store, helder_entity_lookup ("person"), key, changes,
                            HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

HelderWebTest *
helder_web_test_start_in_english (void)
{
  HelderWebTest *test = helder_web_test_start ();

  helder_web_test_set_locale (test, test->advisor.person, "en");
  return test;
}

HelderWebTestResponse *
helder_web_test_browse (HelderWebTest *test, const char *path)
{
  return helder_web_test_request (test, "GET", path, &test->advisor, "cookie", NULL, NULL, 0, NULL);
}

HelderWebTestResponse *
helder_web_test_post (HelderWebTest *test, const char *path, const char *form)
{
  return helder_web_test_post_form (test, path, &test->advisor, form);
}

void
helder_web_test_assert_contains (HelderWebTestResponse *response, const char *needle)
{
  if (strstr (response->text, needle) == NULL)
    {
      g_printerr ("%s\n", response->text);
      g_error ("the page (status %u) does not contain “%s”", response->status, needle);
    }
}

void
helder_web_test_assert_lacks (HelderWebTestResponse *response, const char *needle)
{
  if (strstr (response->text, needle) != NULL)
    {
      g_printerr ("%s\n", response->text);
      g_error ("the page (status %u) contains “%s”", response->status, needle);
    }
}

gint64
helder_web_test_location_id (HelderWebTestResponse *response, const char *prefix)
{
  const char *location = soup_message_headers_get_one (response->headers, "Location");
  gint64 id;

  if (response->status != 303)
    {
      g_printerr ("%s\n", response->text);
      g_error ("expected 303, got %u", response->status);
    }
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, prefix));
  id = g_ascii_strtoll (location + strlen (prefix), NULL, 10);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
helder_web_test_scalar (HelderWebTest *test, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (test->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}
