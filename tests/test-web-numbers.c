/* test-web-numbers.c — the counts pages show, against what the records say
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
 *
 * The dashboard's key figures are those of the insights, which
 * test-honest-numbers recomputes by brute force; each gate's page, the
 * dashboard's next gate and its table of gates count the criteria that are
 * not met as the criteria rows do.
 */
#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/delivery/helder-scheduler.h"
#include "model/helder-entity.h"
#include "services/access/helder-access.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-insights.h"
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
  g_autofree char *later = NULL;
  HelderScheduleOptions options = { .moments = TRUE,
                                    .base_url = "https://helder.voorbeeld.nl",
                                    .include_overdue = TRUE };
  HelderScheduleReport report = { 0 };

  f->web = helder_web_test_start ();
  /* The newsletter was due five minutes ago, whatever day the clock is
   * pinned to (the demo moves today's plans off a Sunday), and two people
   * join half an hour later, well within the staff sessions' 12 hours. */
  {
    g_autoptr (GDateTime) now = helder_clock_now ();
    g_autoptr (GDateTime) utc = g_date_time_to_utc (now);
    g_autoptr (GDateTime) due = g_date_time_add_minutes (utc, -5);
    g_autoptr (GDateTime) then = g_date_time_add_minutes (now, 30);
    g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *sql =
      g_strdup_printf ("UPDATE moment SET scheduled_at = '%s' WHERE id = %d", due_text, NEWSLETTER);

    g_assert_true (helder_store_exec (f->web->store, sql, &error));
    later = g_date_time_format_iso8601 (then);
  }
  g_assert_true (helder_scheduler_run (f->web->store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_sent, ==, 1);
  helder_scheduler_report_clear (&report);

  /* Two people join the servicedesk, as an import would. */
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
  /* "Sent to" only what went out: queued messages are counted as waiting. */
  if (json_object_get_int_member (reach, "sent") == people)
    sent_to = g_strdup_printf ("Sent to %" G_GINT64_FORMAT " people.", people);
  else
    sent_to = g_strdup_printf (
      "Messages for %" G_GINT64_FORMAT " people: %" G_GINT64_FORMAT " delivered, %" G_GINT64_FORMAT
      " waiting, %" G_GINT64_FORMAT " failed.",
      people, json_object_get_int_member (reach, "sent"),
      json_object_get_int_member (reach, "pending"), json_object_get_int_member (reach, "failed"));
  today = g_strdup_printf ("In its audience today: %u people.", audience->len);
  reaches_now = g_strdup_printf ("Reaches %u people.", audience->len);
  g_assert_nonnull (strstr (page->text, sent_to));
  g_assert_nonnull (strstr (page->text, today));
  g_assert_null (strstr (page->text, reaches_now));
  g_assert_nonnull (strstr (page->text, "2 people joined later and did not get this message."));
  g_assert_nonnull (strstr (page->text, "id=\"reach-caption\""));

  /* The demo's earlier moments come with their delivery history: the
   * kick-off's invitations went to the people of then. */
  g_clear_pointer (&page, helder_web_test_response_free);
  page = helder_web_test_request (f->web, "GET", "/moments/1", &f->web->advisor, "cookie", NULL,
                                  NULL, 0, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_null (strstr (page->text, "Helder has no record of delivering this moment"));
  {
    g_autoptr (JsonObject) kickoff = reach_of (f, 1);
    g_autofree char *kickoff_sent = g_strdup_printf (
      "Sent to %" G_GINT64_FORMAT " people.", json_object_get_int_member (kickoff, "people"));

    g_assert_true (json_object_get_boolean_member (kickoff, "recorded"));
    g_assert_cmpint (json_object_get_int_member (kickoff, "people"), >, 0);
    g_assert_nonnull (strstr (page->text, kickoff_sent));
  }

  /* A moment recorded as sent without the outbox (as an import of an
   * older programme leaves it) reaches nobody on record. */
  g_assert_true (helder_store_exec (
    f->web->store, "DELETE FROM delivery WHERE source = 'meeting:1:invite'", NULL));
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
  /* The demo's moments of the last two weeks went through the outbox too. */
  g_assert_null (strstr (page->text, "no delivery recorded"));
  {
    g_autoptr (JsonObject) earlier = reach_of (f, 14);
    g_autofree char *earlier_line = g_strdup_printf (
      "sent to %" G_GINT64_FORMAT " people: %" G_GINT64_FORMAT " delivered",
      json_object_get_int_member (earlier, "people"), json_object_get_int_member (earlier, "sent"));

    g_assert_cmpint (json_object_get_int_member (earlier, "people"), >, 0);
    g_assert_nonnull (strstr (page->text, earlier_line));
  }
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

  /* It is not news to them; one who got it reads it as before. */
  {
    g_autoptr (JsonArray) news =
      helder_personal_news (f->web->store, sections, NULL, "2026-01-01T00:00:00Z", &error);
    g_autoptr (GHashTable) recipients = helder_reach_recipients (f->web->store, NEWSLETTER, &error);
    g_autoptr (JsonObject) theirs = NULL;
    GHashTableIter iter;
    gpointer recipient;

    g_assert_no_error (error);
    for (guint i = 0; i < json_array_get_length (news); i++)
      {
        JsonObject *item = json_array_get_object_element (news, i);

        g_assert_false (g_strcmp0 (json_object_get_string_member (item, "kind"), "moment") == 0 &&
                        json_object_get_int_member_with_default (item, "moment", 0) == NEWSLETTER);
      }
    g_hash_table_iter_init (&iter, recipients);
    g_assert_true (g_hash_table_iter_next (&iter, &recipient, NULL));
    theirs = helder_personal_compute (f->web->store, *(gint64 *) recipient, f->web->today, &error);
    g_assert_no_error (error);
    past = json_object_get_array_member (theirs, "past");
    for (guint i = 0; i < json_array_get_length (past); i++)
      {
        JsonObject *m = json_array_get_object_element (past, i);

        if (json_object_get_int_member (m, "id") == NEWSLETTER)
          {
            g_assert_false (json_object_get_boolean_member (m, "not_received"));
            g_assert_null (helder_personal_moment_note (m));
          }
      }
  }

  /* Their own page and /api/v1/me say the same. */
  {
    HelderWebTestUser me = { .person = f->newcomer, .name = (char *) "Later Erbij 1" };
    g_autofree char *code = NULL;
    g_autofree char *session = NULL;
    g_autoptr (HelderAccess) access = NULL;
    g_autoptr (HelderWebTestResponse) page = NULL;
    g_autoptr (HelderWebTestResponse) api = NULL;
    g_autoptr (JsonNode) json = NULL;
    JsonObject *newsletter = NULL;

    g_assert_true (helder_access_issue (f->web->store, f->newcomer, "employee", 0, NULL, &me.token,
                                        &code, &error));
    access = helder_access_login (f->web->store, code, &session, &error);
    g_assert_no_error (error);
    me.cookie = g_strdup_printf ("helder_session=%s", session);
    me.csrf = g_strdup (access->csrf);
    page = helder_web_test_request (f->web, "GET", "/me", &me, "cookie", NULL, NULL, 0, NULL);
    g_assert_cmpuint (page->status, ==, 200);
    /* In the person's language: Dutch where the translations are built. */
    g_assert_true (
      strstr (page->text, "Sent before you joined: you did not receive this message.") != NULL ||
      strstr (page->text, "Verstuurd voordat je erbij kwam: dit bericht heb je niet ontvangen.") !=
        NULL);
    api = helder_web_test_get (f->web, "/api/v1/me", &me);
    g_assert_cmpuint (api->status, ==, 200);
    json = helder_web_test_json (api);
    past = json_object_get_array_member (json_node_get_object (json), "past");
    for (guint i = 0; i < json_array_get_length (past); i++)
      if (json_object_get_int_member (json_array_get_object_element (past, i), "id") == NEWSLETTER)
        newsletter = json_array_get_object_element (past, i);
    g_assert_nonnull (newsletter);
    g_assert_true (json_object_get_boolean_member (newsletter, "not_received"));
    g_free (me.token);
    g_free (me.cookie);
    g_free (me.csrf);
  }
}

static JsonArray *
rows_of (Fixture *f, const char *entity)
{
  g_autoptr (GError) error = NULL;
  JsonArray *rows = helder_repo_list (f->web->store, helder_entity_lookup (entity), NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static JsonObject *
member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The key figures of the dashboard, in their order, as the page shows them. */
static void
test_tiles (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (f->web->store, f->web->today, &error);
  g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
    f->web, "GET", "/dashboard", &f->web->advisor, "cookie", NULL, NULL, 0, NULL);
  g_autoptr (GRegex) regex = g_regex_new ("dash-stat__value\">(-?[0-9]+)</span>", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *counts = member (insights, "ledger_counts");
  JsonObject *gate = member (insights, "next_gate");
  JsonObject *heatmap = member (insights, "heatmap");
  JsonArray *weeks = json_object_get_array_member (heatmap, "weeks");
  JsonArray *groups = json_object_get_array_member (heatmap, "groups");
  gint64 overload = 0, silent = 0;
  guint i = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (page->status, ==, 200);
  g_array_append_val (expected, (gint64){ json_object_get_int_member (counts, "late") });
  g_array_append_val (expected, (gint64){ json_object_get_int_member (counts, "broken") });
  if (gate != NULL)
    {
      gint64 days = json_object_get_int_member (gate, "days_left");
      g_array_append_val (expected, (gint64){ days >= 0 ? days : -days });
    }
  g_array_append_val (expected, (gint64){ json_object_get_int_member (
                                  member (insights, "role_change_totals"), "undecided") });
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *cells = json_object_get_array_member (group, "cells");

      overload += json_object_get_int_member (group, "overload_weeks");
      for (guint w = 0; w < json_array_get_length (weeks); w++)
        if (json_object_get_boolean_member (json_array_get_object_element (weeks, w), "current") &&
            json_object_get_boolean_member (json_array_get_object_element (cells, w), "silence"))
          silent++;
    }
  g_array_append_val (expected, overload);
  g_array_append_val (expected, silent);

  g_regex_match (regex, page->text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), i++)
    {
      g_autofree char *value = g_match_info_fetch (match, 1);

      g_assert_cmpuint (i, <, expected->len);
      g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, g_array_index (expected, gint64, i));
    }
  g_assert_cmpuint (i, ==, expected->len);
}

/* Each gate's criteria that are not met, on its page and on the dashboard. */
static void
test_gates (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) gates = rows_of (f, "gate");
  g_autoptr (JsonArray) criteria = rows_of (f, "criterion");
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_request (
    f->web, "GET", "/dashboard", &f->web->advisor, "cookie", NULL, NULL, 0, NULL);

  g_assert_cmpuint (dashboard->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (gates), >, 0);
  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      const char *slug =
        json_object_get_string_member (json_array_get_object_element (gates, i), "slug");
      g_autofree char *path = g_strdup_printf ("/gates/%s", slug);
      g_autoptr (HelderWebTestResponse) page = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *row = NULL;
      guint total = 0, open = 0;

      for (guint c = 0; c < json_array_get_length (criteria); c++)
        {
          JsonObject *criterion = json_array_get_object_element (criteria, c);

          if (g_strcmp0 (json_object_get_string_member (criterion, "gate"), slug) != 0)
            continue;
          total++;
          open += g_strcmp0 (json_object_get_string_member (criterion, "status"), "met") != 0;
        }
      page = helder_web_test_request (f->web, "GET", path, &f->web->advisor, "cookie", NULL, NULL,
                                      0, NULL);
      g_assert_cmpuint (page->status, ==, 200);
      if (total == 0)
        summary = g_strdup ("This gate has no criteria.");
      else
        summary = g_strdup_printf (total == 1 ? "%u of %u criterion is not met."
                                              : "%u of %u criteria are not met.",
                                   open, total);
      g_test_message ("%s: %s", slug, summary);
      g_assert_nonnull (strstr (page->text, summary));
      row = g_strdup_printf ("%u of %u open", open, total);
      g_assert_nonnull (strstr (dashboard->text, row));
    }
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

/* The sentence above a moment's reach says "sent" only of what went out. */
static void
test_reach_summary (void)
{
  static const struct
  {
    const char *reach;
    const char *said;
  } cases[] = {
    { "{\"people\":62,\"sent\":62,\"pending\":0,\"failed\":0}", "Sent to 62 people." },
    { "{\"people\":1,\"sent\":1,\"pending\":0,\"failed\":0}", "Sent to 1 person." },
    { "{\"people\":14,\"sent\":0,\"pending\":14,\"failed\":0}",
      "Messages for 14 people: 0 delivered, 14 waiting, 0 failed." },
    { "{\"people\":5,\"sent\":3,\"pending\":1,\"failed\":1}",
      "Messages for 5 people: 3 delivered, 1 waiting, 1 failed." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) reach = helder_test_object (cases[i].reach);
      g_autofree char *said = helder_reach_summary (reach);

      g_assert_cmpstr (said, ==, cases[i].said);
    }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-numbers/reach-summary", test_reach_summary);
  g_test_add ("/web-numbers/tiles", Fixture, NULL, setup, test_tiles, teardown);
  g_test_add ("/web-numbers/gates", Fixture, NULL, setup, test_gates, teardown);
  g_test_add ("/web-numbers/moment-page", Fixture, NULL, setup, test_moment_page, teardown);
  g_test_add ("/web-numbers/api", Fixture, NULL, setup, test_api, teardown);
  g_test_add ("/web-numbers/dashboard", Fixture, NULL, setup, test_dashboard, teardown);
  g_test_add ("/web-numbers/joined-later", Fixture, NULL, setup, test_joined_later, teardown);
  g_test_add ("/web-numbers/refused", Fixture, NULL, setup, test_refused, teardown);
  return g_test_run ();
}
