/* test-web-reach.c — a moment's reach on its page, the dashboard and the API
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12: after newsletter #15 went to 62 people, importing more people
 * made its page say "Bereikt 66 personen". On a real server: the newsletter
 * goes out, people join its group, and the moment page, the dashboard,
 * /api/v1/status and GET /api/v1/moments/{key}/reach say what the outbox
 * holds (compared with helder_reach_get(), which test-honest-numbers
 * recomputes by brute force), never the audience of today; the new people
 * read it on their page as not received. Bad requests change nothing.
 */
#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/delivery/helder-scheduler.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-personal.h"
#include "services/views/helder-reach.h"

#define NEWSLETTER 15

typedef struct
{
  HelderWebTest *web;
  gint64 newcomer;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *send_at = NULL;
  g_autofree char *later = NULL;
  HelderScheduleOptions options = { .moments = TRUE,
                                    .base_url = "https://helder.voorbeeld.nl",
                                    .include_overdue = TRUE };
  HelderScheduleReport report = { 0 };

  f->web = helder_web_test_start ();
  send_at = g_strdup_printf ("%sT11:05:00+01:00", f->web->today);
  later = g_strdup_printf ("%sT15:00:00+01:00", f->web->today);
  g_assert_true (helder_clock_set (send_at, &error));
  g_assert_true (helder_scheduler_run (f->web->store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_sent, ==, 1);
  helder_scheduler_report_clear (&report);

  /* Two people join the servicedesk in the afternoon, as an import would. */
  g_assert_true (helder_clock_set (later, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"name\":\"Later Erbij %u\",\"email\":\"later%u@voorbeeld.nl\","
                         "\"groups\":[\"servicedesk\"]}",
                         i, i);
      g_autoptr (JsonObject) row = helder_test_create (f->web->store, "person", json);

      f->newcomer = json_object_get_int_member (row, "id");
    }
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
  helder_clock_init_from_env (NULL);
}

static JsonObject *
reach_of (Fixture *f, gint64 moment)
{
  g_autoptr (GError) error = NULL;
  JsonObject *reach = helder_reach_get (f->web->store, moment, &error);

  g_assert_no_error (error);
  return reach;
}

static void
test_moment_page (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) reach = reach_of (f, NEWSLETTER);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) audience = helder_audience_resolve (f->web->store, NEWSLETTER, &error);
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autofree char *sent_to = NULL;
  g_autofree char *today = NULL;
  g_autofree char *reaches_now = NULL;
  gint64 people = json_object_get_int_member (reach, "people");

  g_assert_no_error (error);
  /* The newsletter went to the people of then; two more are in its audience now. */
  g_assert_cmpint (json_object_get_int_member (reach, "joined_later"), ==, 2);
  g_assert_cmpint (audience->len, ==, people + json_object_get_int_member (reach, "not_reached"));

  page = helder_web_test_request (f->web, "GET", "/moments/15", &f->web->advisor, "cookie", NULL,
                                  NULL, 0, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  sent_to = g_strdup_printf ("Sent to %" G_GINT64_FORMAT " people.", people);
  today = g_strdup_printf ("In its audience today: %u people.", audience->len);
  reaches_now = g_strdup_printf ("Reaches %u people.", audience->len);
  g_assert_nonnull (strstr (page->text, sent_to));
  g_assert_nonnull (strstr (page->text, today));
  g_assert_null (strstr (page->text, reaches_now));
  g_assert_nonnull (strstr (page->text, "2 people joined later and did not get this message."));
  g_assert_nonnull (strstr (page->text, "id=\"reach-caption\""));

  /* A moment sent without the outbox (the demo's earlier ones) reaches nobody on record. */
  g_clear_pointer (&page, helder_web_test_response_free);
  page = helder_web_test_request (f->web, "GET", "/moments/1", &f->web->advisor, "cookie", NULL,
                                  NULL, 0, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "Helder has no record of delivering this moment"));

  /* A draft has no reach yet: only its audience. */
  g_clear_pointer (&page, helder_web_test_response_free);
  page = helder_web_test_request (f->web, "GET", "/moments/20", &f->web->advisor, "cookie", NULL,
                                  NULL, 0, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_null (strstr (page->text, "id=\"reach-title\""));
  g_assert_nonnull (strstr (page->text, "Reaches "));
}

static void
test_api (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) expected = reach_of (f, NEWSLETTER);
  g_autoptr (HelderWebTestResponse) response =
    helder_web_test_get (f->web, "/api/v1/moments/15/reach", &f->web->advisor);
  g_autoptr (JsonNode) got = NULL;
  g_autoptr (JsonNode) want = json_node_init_object (json_node_alloc (), expected);
  g_autoptr (HelderWebTestResponse) status = NULL;
  g_autoptr (JsonNode) status_json = NULL;
  JsonArray *sent;
  gboolean listed = FALSE;

  g_assert_cmpuint (response->status, ==, 200);
  got = helder_web_test_json (response);
  g_assert_true (json_node_equal (got, want));

  status = helder_web_test_get (f->web, "/api/v1/status", &f->web->advisor);
  g_assert_cmpuint (status->status, ==, 200);
  status_json = helder_web_test_json (status);
  sent = json_object_get_array_member (json_node_get_object (status_json), "sent");
  for (guint i = 0; i < json_array_get_length (sent); i++)
    {
      JsonObject *m = json_array_get_object_element (sent, i);
      g_autoptr (JsonNode) reach = NULL;

      if (json_object_get_int_member (m, "id") != NEWSLETTER)
        continue;
      listed = TRUE;
      reach =
        json_node_init_object (json_node_alloc (), json_object_get_object_member (m, "reach"));
      g_assert_true (json_node_equal (reach, want));
    }
  g_assert_true (listed);
}

static void
test_dashboard (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) reach = reach_of (f, NEWSLETTER);
  g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
    f->web, "GET", "/dashboard", &f->web->advisor, "cookie", NULL, NULL, 0, NULL);
  g_autofree char *line = g_strdup_printf (
    "sent to %" G_GINT64_FORMAT " people: %" G_GINT64_FORMAT " delivered, %" G_GINT64_FORMAT
    " read, %" G_GINT64_FORMAT " waiting, %" G_GINT64_FORMAT " failed",
    json_object_get_int_member (reach, "people"), json_object_get_int_member (reach, "sent"),
    json_object_get_int_member (reach, "read"), json_object_get_int_member (reach, "pending"),
    json_object_get_int_member (reach, "failed"));

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "id=\"sent-title\""));
  g_assert_nonnull (strstr (page->text, line));
  g_assert_nonnull (strstr (page->text, "no delivery recorded"));
}

/* The one who joined later: "sent before you joined", never as received. */
static void
test_joined_later (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) sections =
    helder_personal_compute (f->web->store, f->newcomer, f->web->today, &error);
  g_autofree char *markdown = NULL;
  JsonArray *past;
  gboolean found = FALSE;

  g_assert_no_error (error);
  past = json_object_get_array_member (sections, "past");
  for (guint i = 0; i < json_array_get_length (past); i++)
    {
      JsonObject *m = json_array_get_object_element (past, i);

      if (json_object_get_int_member (m, "id") != NEWSLETTER)
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (m, "not_received"));
      g_assert_true (json_object_get_boolean_member (m, "joined_later"));
    }
  g_assert_true (found);
  markdown = helder_personal_to_markdown (sections, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown, "Sent before you joined: you did not receive this message."));
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  struct
  {
    const char *path;
    HelderWebTestUser *user;
    guint status;
  } cases[] = {
    { "/api/v1/moments/999999/reach", &f->web->advisor, 404 },
    { "/api/v1/moments/abc/reach", &f->web->advisor, 404 },
    { "/api/v1/moments/15/reach?channel=email", &f->web->advisor, 400 },
    { "/api/v1/moments/15/reach", &f->web->employee, 403 },
    { "/api/v1/moments/15/reach", NULL, 401 },
    { "/moments/999999", &f->web->advisor, 404 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) response =
        helder_web_test_get (f->web, cases[i].path, cases[i].user);

      g_test_message ("%s", cases[i].path);
      g_assert_cmpuint (response->status, ==, cases[i].status);
    }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (f->web, "/api/v1/moments/15/reach?channel=email", &f->web->advisor);

    helder_web_test_assert_error (response, 400, "channel", "takes no query parameters");
  }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/web-reach/moment-page", Fixture, NULL, setup, test_moment_page, teardown);
  g_test_add ("/web-reach/api", Fixture, NULL, setup, test_api, teardown);
  g_test_add ("/web-reach/dashboard", Fixture, NULL, setup, test_dashboard, teardown);
  g_test_add ("/web-reach/joined-later", Fixture, NULL, setup, test_joined_later, teardown);
  g_test_add ("/web-reach/refused", Fixture, NULL, setup, test_refused, teardown);
  return g_test_run ();
}
