/* helder-web-test-utils.h — a real `helder serve` on loopback for tests
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder_web_test_start() loads the demo programme into a temporary
 * database, issues an API token and a browser session for one person of
 * each role, and runs the real HelderWebServer on 127.0.0.1, port 0, in a
 * thread of its own (a synchronous client in the server's thread would
 * deadlock). Tests talk HTTP to it with libsoup's client and may open the
 * same database file with their own HelderStore to check what changed.
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 person;
  char *name;
  char *token;  /* the bearer token */
  char *cookie; /* "helder_session=…" of a signed-in browser session */
  char *csrf;   /* that session's form token */
} HelderWebTestUser;

typedef struct
{
  char *db_path;
  HelderStore *store; /* the test's own connection */
  char *base_url;     /* "http://127.0.0.1:PORT" */
  char *today;        /* the server's pinned today */
  char *log_path;     /* the server's access log (stderr instead with HELDER_TEST_ACCESS_LOG) */
  SoupSession *session;
  HelderWebTestUser advisor;
  HelderWebTestUser hr;
  HelderWebTestUser employee;  /* a person with a discussed role change */
  HelderWebTestUser employee2; /* a person with a role change still in draft */
  GThread *thread;
  GMainLoop *loop;
  gpointer server; /* HelderWebServer, owned by the server thread */
} HelderWebTest;

typedef struct
{
  guint status;
  char *content_type;
  GBytes *body;
  const char *text; /* body as a nul-terminated string */
  SoupMessageHeaders *headers;
} HelderWebTestResponse;

HelderWebTest *helder_web_test_start (void);
/* The same with @people generated people added to the demo. */
HelderWebTest *helder_web_test_start_people (guint people);
void helder_web_test_stop (HelderWebTest *test);

/* One request. @user: NULL for anonymous; @auth: "bearer", "cookie" or NULL.
 * @body: (nullable) sent with @content_type. Extra headers as
 * NULL-terminated name, value pairs. */
HelderWebTestResponse *helder_web_test_request (HelderWebTest *test,
                                                const char *method,
                                                const char *path,
                                                HelderWebTestUser *user,
                                                const char *auth,
                                                const char *content_type,
                                                const char *body,
                                                gssize body_length,
                                                ...) G_GNUC_NULL_TERMINATED;
/* Shorthands: GET with the bearer token; POST a form with the session
 * cookie (the session's csrf is added unless the form has one). */
HelderWebTestResponse *
helder_web_test_get (HelderWebTest *test, const char *path, HelderWebTestUser *user);
HelderWebTestResponse *helder_web_test_post_form (HelderWebTest *test,
                                                  const char *path,
                                                  HelderWebTestUser *user,
                                                  const char *form);
HelderWebTestResponse *helder_web_test_send_json (HelderWebTest *test,
                                                  const char *method,
                                                  const char *path,
                                                  HelderWebTestUser *user,
                                                  const char *json);
/* The body parsed as JSON; fails the test when it is not JSON. */
JsonNode *helder_web_test_json (HelderWebTestResponse *response);
/* Asserts an API error {"error":{"code","message","field"}} with @status,
 * whose message contains @in_message and whose field is @field (NULL: any). */
void helder_web_test_assert_error (HelderWebTestResponse *response,
                                   guint status,
                                   const char *field,
                                   const char *in_message);
void helder_web_test_response_free (HelderWebTestResponse *response);
/* Opens a message's sign-in link ("/s/CODE") and presses its button;
 * returns the session cookie ("helder_session=…"). */
char *helder_web_test_message_sign_in (HelderWebTest *test, const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderWebTestResponse, helder_web_test_response_free)

/* ---- the advisor's pages in a form test ---------------------------------- */

/* helder_web_test_start() with the advisor reading English, so that a test
 * can match the source strings. */
HelderWebTest *helder_web_test_start_in_english (void);
void helder_web_test_set_locale (HelderWebTest *test, gint64 person, const char *locale);
/* GET @path, and POST @form to @path, as the advisor with their cookie. */
HelderWebTestResponse *helder_web_test_browse (HelderWebTest *test, const char *path);
HelderWebTestResponse *
helder_web_test_post (HelderWebTest *test, const char *path, const char *form);
/* Fails, printing the page, when @needle is missing from it (or present). */
void helder_web_test_assert_contains (HelderWebTestResponse *response, const char *needle);
void helder_web_test_assert_lacks (HelderWebTestResponse *response, const char *needle);
/* The id at the end of a 303's Location that starts with @prefix. */
gint64 helder_web_test_location_id (HelderWebTestResponse *response, const char *prefix);
/* The first column of the first row of @sql. */
gint64 helder_web_test_scalar (HelderWebTest *test, const char *sql);

G_END_DECLS
