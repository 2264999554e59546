/* test-web-overdue.c — overdue moments and time warnings on the web: the
 * dashboard and the moment page say how late, the buttons POST with the
 * CSRF token, and the moment API answers the same. Against a real server
 * on loopback and the demo programme, with the clock pinned.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
exec (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (f->web->store, sql, &error));
  g_assert_no_error (error);
}

/* Moment @id is due @minutes from the pinned now. */
static void
set_time (Fixture *f, int id, int minutes)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) then = g_date_time_add_minutes (now, minutes);
  g_autofree char *when = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *sql =
    g_strdup_printf ("UPDATE moment SET scheduled_at = '%s' WHERE id = %d", when, id);

  exec (f, sql);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *sql = NULL;

  f->web = helder_web_test_start ();
  sql =
    g_strdup_printf ("UPDATE person SET locale = 'en' WHERE id = %" PRId64, f->web->advisor.person);
  exec (f, sql);
  /* Only the newsletter is late: the other approved moments come later. */
  exec (f, "UPDATE moment SET scheduled_at = '2099-01-01T09:00:00Z' WHERE status = 'approved'");
  set_time (f, 15, -180);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static void
test_pages_show_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/moments/15");
  g_autoptr (HelderWebTestResponse) other = helder_web_test_browse (f->web, "/moments/17");
  g_autofree char *csrf = g_strdup_printf ("name=\"csrf\" value=\"%s\"", f->web->advisor.csrf);

  g_assert_cmpuint (dashboard->status, ==, 200);
  helder_web_test_assert_contains (dashboard, "Late moments, held (1)");
  helder_web_test_assert_contains (dashboard, "late: 3 h ");
  helder_web_test_assert_contains (dashboard, "action=\"/moments/15/send-now\"");
  helder_web_test_assert_contains (dashboard, "action=\"/moments/15/cancel\"");
  helder_web_test_assert_contains (dashboard, "href=\"/moments/15#overdue-title\"");
  helder_web_test_assert_contains (dashboard, csrf);

  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "Late, not sent: 3 h ");
  helder_web_test_assert_contains (page, "action=\"/moments/15/send-now\"");
  helder_web_test_assert_contains (page, "action=\"/moments/15/reschedule\"");
  helder_web_test_assert_contains (page, "action=\"/moments/15/cancel\"");
  helder_web_test_assert_contains (page, csrf);
  /* The overdue box says it: no separate "in the past" warning. */
  helder_web_test_assert_lacks (page, "The time is in the past");

  g_assert_cmpuint (other->status, ==, 200);
  helder_web_test_assert_lacks (other, "Late, not sent");
}

static void
test_send_now_button (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) refused = NULL;
  g_autoptr (HelderWebTestResponse) opened = NULL;
  g_autoptr (HelderWebTestResponse) done = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) dashboard = NULL;
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;

  /* Without the form token, or opened with GET (a link scanner): nothing. */
  refused = helder_web_test_post (f->web, "/moments/15/send-now", "csrf=wrong");
  g_assert_cmpuint (refused->status, ==, 403);
  opened = helder_web_test_browse (f->web, "/moments/15/send-now");
  g_assert_cmpuint (opened->status, !=, 200);
  g_assert_cmpuint (opened->status, !=, 303);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  done = helder_web_test_post (f->web, "/moments/15/send-now", "");
  g_assert_cmpuint (done->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (done->headers, "Location"), ==,
                   "/moments/15?done=released");
  g_assert_cmpint (
    helder_web_test_scalar (f->web, "SELECT count(*) FROM moment_release WHERE moment = 15"), ==,
    1);
  g_assert_cmpint (
    helder_web_test_scalar (f->web, "SELECT count(*) FROM audit_entry WHERE action = 'send-now'"
                                    " AND record = '15' AND actor_role = 'advisor'"),
    ==, 1);
  page = helder_web_test_browse (f->web, "/moments/15?done=released");
  helder_web_test_assert_contains (page, "goes out with the next delivery round");
  helder_web_test_assert_lacks (page, "Late, not sent");
  dashboard = helder_web_test_browse (f->web, "/dashboard");
  helder_web_test_assert_lacks (dashboard, "Late moments, held");
}

static void
test_reschedule_form (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) done = NULL;
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  const struct
  {
    const char *form;
    const char *says;
  } bad[] = {
    { "scheduled_at=", "give the new date and time" },
    { "scheduled_at=morgen", "morgen" },
    { "scheduled_at=2030-02-30T10%3A00", "2030-02-30" },
    { "scheduled_at=2020-01-01T10%3A00", "not in the future" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post (f->web, "/moments/15/reschedule", bad[i].form);
      g_autofree char *after = NULL;

      g_test_message ("%s", bad[i].form);
      g_assert_cmpuint (r->status, >=, 400);
      g_assert_cmpuint (r->status, <, 500);
      helder_web_test_assert_contains (r, bad[i].says);
      helder_web_test_assert_contains (r, "href=\"#scheduled-date\"");
      after = helder_test_fingerprint (f->web->store);
      g_assert_cmpstr (before, ==, after);
    }

  done = helder_web_test_post (f->web, "/moments/15/reschedule", "scheduled_at=2030-01-08T10%3A00");
  g_assert_cmpuint (done->status, ==, 303);
  g_assert_cmpint (helder_web_test_scalar (
                     f->web, "SELECT count(*) FROM moment WHERE id = 15 AND status = 'approved'"
                             " AND scheduled_at = '2030-01-08T09:00:00Z'"),
                   ==, 1);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  const struct
  {
    const char *path;
    guint status;
    const char *says;
  } cases[] = {
    { "/moments/20/send-now", 409, "draft" },   { "/moments/14/send-now", 409, "already sent" },
    { "/moments/17/send-now", 409, "not due" }, { "/moments/999/send-now", 404, "999" },
    { "/moments/999/reschedule", 404, "999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post (f->web, cases[i].path, "scheduled_at=2030-01-08T10%3A00");
      g_autofree char *after = NULL;

      g_test_message ("%s", cases[i].path);
      g_assert_cmpuint (r->status, ==, cases[i].status);
      helder_web_test_assert_contains (r, cases[i].says);
      after = helder_test_fingerprint (f->web->store);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_api (Fixture *f, gconstpointer data)
{
  HelderWebTestUser *advisor = &f->web->advisor;
  g_autofree char *before = NULL;

  /* Approving returns the warnings: Christmas Day, at night. */
  {
    g_autoptr (HelderWebTestResponse) r = NULL;
    g_autoptr (JsonNode) root = NULL;
    JsonArray *warnings;
    gboolean holiday = FALSE, night = FALSE;

    exec (f, "UPDATE moment SET scheduled_at = '2030-12-25T22:30:00Z' WHERE id = 20");
    r = helder_web_test_send_json (f->web, "POST", "/api/v1/moments/20/approve", advisor, "{}");
    g_assert_cmpuint (r->status, ==, 200);
    root = helder_web_test_json (r);
    warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
    for (guint i = 0; i < json_array_get_length (warnings); i++)
      {
        const char *code =
          json_object_get_string_member (json_array_get_object_element (warnings, i), "code");

        holiday |= g_strcmp0 (code, "holiday") == 0;
        night |= g_strcmp0 (code, "night") == 0;
      }
    g_assert_true (holiday);
    g_assert_true (night);
  }

  before = helder_test_fingerprint (f->web->store);
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      f->web, "POST", "/api/v1/moments/15/reschedule", advisor, "{\"scheduled_at\":\"morgen\"}");
    helder_web_test_assert_error (r, 400, "scheduled_at", "morgen");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      f->web, "POST", "/api/v1/moments/15/reschedule", advisor, "{\"when\":\"2030-01-08T10:00\"}");
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", "/api/v1/moments/21/send-now", advisor, NULL);
    helder_web_test_assert_error (r, 409, "status", "draft");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      f->web, "POST", "/api/v1/moments/15/send-now", advisor, "{\"now\":true}");
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", "/api/v1/moments/15/send-now", advisor, NULL);
    g_autoptr (JsonNode) root = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    root = helder_web_test_json (r);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "released_by"), ==,
                     advisor->name);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", "/api/v1/moments/15/reschedule", advisor,
                                 "{\"scheduled_at\":\"2030-01-08T10:00\"}");
    g_autoptr (JsonNode) root = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    root = helder_web_test_json (r);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "scheduled_at"),
                     ==, "2030-01-08T09:00:00Z");
    g_assert_nonnull (json_object_get_array_member (json_node_get_object (root), "warnings"));
    /* A new time withdraws the release that went with the old one. */
    g_assert_cmpint (
      helder_web_test_scalar (f->web, "SELECT count(*) FROM moment_release WHERE moment = 15"), ==,
      0);
  }
  /* Employees may not. */
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      f->web, "POST", "/api/v1/moments/15/send-now", &f->web->employee, NULL);

    g_assert_cmpuint (r->status, ==, 403);
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-overdue/pages", test_pages_show_overdue);
  ADD ("/web-overdue/send-now", test_send_now_button);
  ADD ("/web-overdue/reschedule", test_reschedule_form);
  ADD ("/web-overdue/refusals", test_refusals);
  ADD ("/web-overdue/api", test_api);
#undef ADD
  return g_test_run ();
}
