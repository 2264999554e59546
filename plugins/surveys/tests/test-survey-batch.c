/* test-survey-batch.c — answers that arrive together share one commit, and stay apart
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API acknowledges an answer only once it is on disk, and lets the
 * answers that arrive at the same time share the commit
 * (helder_web_respond_after_commit). Sharing must change nothing of what
 * each request gets: the real server on loopback takes many requests at
 * once — good answers, second answers of the same person, bad answers —
 * each from its own thread and connection, and each gets the answer it
 * would have got alone, while the database holds exactly one response
 * per person who got a 201.
 */
#include "config.h"

#include <libsoup/soup.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"

#define THREADS 24

typedef struct
{
  HelderWebTest *web;
  gint64 survey;
  gint64 round;
} Fixture;

typedef struct
{
  const char *base_url;
  const char *path;
  const char *token;
  char *json;
  GMutex *lock;
  GCond *go;
  gboolean *started;
  guint status;
} Call;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *opens = helder_test_day (-1);
  g_autofree char *closes = helder_test_day (10);
  g_autofree char *persons = NULL;
  g_autofree char *sql = NULL;

  f->web = helder_web_test_start ();
  persons = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, f->web->employee.person,
                             f->web->employee2.person);
  {
    const char *const args[] = { "survey",
                                 "new",
                                 "--template",
                                 "pulse",
                                 "--title",
                                 "Pulse samen",
                                 "--slug",
                                 "samen",
                                 "--persons",
                                 persons,
                                 "--opens",
                                 opens,
                                 "--closes",
                                 closes,
                                 "--purpose",
                                 "Weten hoe het gaat",
                                 "--legal-basis",
                                 "public_task",
                                 "--works-council",
                                 "not_required",
                                 "--retention-months",
                                 "12",
                                 NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  {
    const char *const args[] = { "survey", "open", "samen", NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  f->survey = helder_web_test_scalar (f->web, "SELECT id FROM survey WHERE slug = 'samen'");
  sql = g_strdup_printf ("SELECT id FROM survey_round WHERE survey = %" G_GINT64_FORMAT, f->survey);
  f->round = helder_web_test_scalar (f->web, sql);
  g_assert_cmpint (f->round, >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

/* Every question of the survey answered with @agree for the 1–5 scale. */
static char *
answers_json (Fixture *f, const char *agree)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id, kind FROM survey_question WHERE survey = %" G_GINT64_FORMAT " ORDER BY position",
    f->survey);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);
  GString *json = g_string_new ("{\"answers\": {");
  gboolean first = TRUE;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = g_str_equal (kind, "agree5")    ? agree
                          : g_str_equal (kind, "scale10") ? "7"
                                                          : "\"samen\"";

      g_string_append_printf (json, "%s\"%" G_GINT64_FORMAT "\": %s", first ? "" : ", ",
                              (gint64) sqlite3_column_int64 (stmt, 0), value);
      first = FALSE;
    }
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

/* One request from a thread of its own, on a connection of its own, sent
 * when all threads are ready. */
static gpointer
call_thread (gpointer data)
{
  Call *call = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  g_autofree char *uri = g_strconcat (call->base_url, call->path, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", call->token);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr (GBytes) body = g_bytes_new (call->json, strlen (call->json));
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_mutex_lock (call->lock);
  while (!*call->started)
    g_cond_wait (call->go, call->lock);
  g_mutex_unlock (call->lock);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  call->status = soup_message_get_status (msg);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_together (Fixture *f, gconstpointer data)
{
  g_autofree char *path =
    g_strdup_printf ("/api/v1/me/surveys/%" G_GINT64_FORMAT "/answers", f->round);
  g_autofree char *good = answers_json (f, "4");
  g_autofree char *bad = answers_json (f, "6");
  g_autofree char *sql = NULL;
  Call calls[THREADS] = { 0 };
  GThread *threads[THREADS];
  GMutex lock;
  GCond go;
  gboolean started = FALSE;
  guint created[2] = { 0, 0 }, refused_again[2] = { 0, 0 }, bad_refused = 0;

  g_mutex_init (&lock);
  g_cond_init (&go);
  for (guint i = 0; i < THREADS; i++)
    {
      /* Employee: only good answers, several at once; employee 2: bad and
       * good answers mixed. */
      gboolean second = i % 2 == 1;

      calls[i] = (Call){ f->web->base_url,
                         path,
                         second ? f->web->employee2.token : f->web->employee.token,
                         second && i % 4 == 1 ? bad : good,
                         &lock,
                         &go,
                         &started,
                         0 };
      threads[i] = g_thread_new ("answer", call_thread, &calls[i]);
    }
  g_usleep (100000);
  g_mutex_lock (&lock);
  started = TRUE;
  g_cond_broadcast (&go);
  g_mutex_unlock (&lock);
  for (guint i = 0; i < THREADS; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < THREADS; i++)
    {
      guint who = i % 2;

      if (calls[i].json == bad)
        {
          /* Refused for its value, or as a second answer when the good one
           * came first: never stored. */
          g_assert_true (calls[i].status == 400 || calls[i].status == 409);
          bad_refused++;
        }
      else if (calls[i].status == 201)
        created[who]++;
      else
        {
          g_assert_cmpuint (calls[i].status, ==, 409);
          refused_again[who]++;
        }
    }
  g_assert_cmpuint (created[0], ==, 1);
  g_assert_cmpuint (created[1], ==, 1);
  g_assert_cmpuint (refused_again[0], ==, THREADS / 2 - 1);
  g_assert_cmpuint (refused_again[1] + bad_refused, ==, THREADS / 2 - 1);
  sql = g_strdup_printf ("SELECT count (*) FROM survey_answered WHERE round = %" G_GINT64_FORMAT,
                         f->round);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM survey_response WHERE round = %" G_GINT64_FORMAT,
                         f->round);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 2);
  g_free (sql);
  /* The stored answers are the good ones: no 6 on the 1–5 scale. */
  sql = g_strdup_printf ("SELECT count (*) FROM survey_answer a JOIN survey_question q"
                         " ON q.id = a.question WHERE a.round = %" G_GINT64_FORMAT
                         " AND q.kind = 'agree5' AND a.choice <> 4",
                         f->round);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 0);
  g_mutex_clear (&lock);
  g_cond_clear (&go);
}

/* The survey routes of the API are in the OpenAPI document the server gives. */
static void
test_openapi (Fixture *f, gconstpointer data)
{
  static const char *const operations[][2] = {
    { "/api/v1/surveys/{id}/results", "get" },
    { "/api/v1/surveys/{id}/results.csv", "get" },
    { "/api/v1/me/surveys", "get" },
    { "/api/v1/me/surveys/{round}", "get" },
    { "/api/v1/me/surveys/{round}/answers", "post" },
  };
  g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
    f->web, "GET", "/api/v1/openapi.json", NULL, NULL, NULL, NULL, 0, NULL);
  g_autoptr (JsonNode) doc = helder_web_test_json (r);
  JsonObject *paths = json_object_get_object_member (json_node_get_object (doc), "paths");

  g_assert_cmpuint (r->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      JsonObject *item = json_object_get_object_member (paths, operations[i][0]);

      if (item == NULL || !json_object_has_member (item, operations[i][1]))
        g_error ("the OpenAPI document lacks %s %s", operations[i][1], operations[i][0]);
      g_assert_true (json_object_has_member (json_object_get_object_member (item, operations[i][1]),
                                             "responses"));
    }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/survey-batch/together", Fixture, NULL, fixture_set_up, test_together,
              fixture_tear_down);
  g_test_add ("/survey-batch/openapi", Fixture, NULL, fixture_set_up, test_openapi,
              fixture_tear_down);
  return g_test_run ();
}
