/* test-web-rsvp.c — answering a meeting's invitation, over real HTTP
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The personal links of an invitation (made as the scheduler makes them)
 * against a real `helder serve` on loopback: a GET changes nothing, only
 * the confirm button's POST records, once per change; foreign, garbled,
 * expired links and forms from elsewhere are refused with nothing
 * written; the personal page answers too; the advisor's counts are what
 * the records say.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/delivery/helder-rsvp.h"

typedef struct
{
  HelderWebTest *web;
  gint64 meeting;   /* for employee and employee2 */
  gint64 other;     /* another meeting, for employee only */
  char *link;       /* employee's link to the meeting, path without ?answer */
  char *link2;      /* employee2's */
  char *other_link; /* employee's link to the other meeting */
} Fixture;

static char *
utc_in_days (int days)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
add_meeting (HelderStore *store, const char *title, int days, gint64 a, gint64 b)
{
  g_autofree char *when = utc_in_days (days);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO moment (title, scheduled_at, status, location, created_at, updated_at)"
    " VALUES ('%s', '%s', 'approved', 'Raadzaal', '%s', '%s')",
    title, when, when, when);
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (helder_store_exec (store, sql, &error));
  id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO moment_channel VALUES (%" G_GINT64_FORMAT ", 'meeting');"
                         "INSERT INTO moment_person VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         ");",
                         id, id, a);
  g_assert_true (helder_store_exec (store, sql, &error));
  if (b > 0)
    {
      g_free (sql);
      sql = g_strdup_printf (
        "INSERT INTO moment_person VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");", id, b);
      g_assert_true (helder_store_exec (store, sql, &error));
    }
  g_assert_no_error (error);
  return id;
}

/* The path of @person's answer link to @meeting, as the invitation says it. */
static char *
make_link (Fixture *f, gint64 meeting, gint64 person)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expires = utc_in_days (3);
  const char *start, *end;

  g_assert_true (helder_store_begin (f->web->store, &error));
  g_assert_true (helder_rsvp_links (f->web->store, meeting, person, expires, f->web->base_url,
                                    &markdown, &text, &error));
  g_assert_true (helder_store_commit (f->web->store, &error));
  start = strstr (text, f->web->base_url);
  g_assert_nonnull (start);
  start += strlen (f->web->base_url);
  end = strstr (start, "?answer=");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start ();
  f->meeting = add_meeting (f->web->store, "Persoonlijk gesprek", 3, f->web->employee.person,
                            f->web->employee2.person);
  f->other = add_meeting (f->web->store, "Teamoverleg", 2, f->web->employee.person, 0);
  f->link = make_link (f, f->meeting, f->web->employee.person);
  f->link2 = make_link (f, f->meeting, f->web->employee2.person);
  f->other_link = make_link (f, f->other, f->web->employee.person);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
  g_free (f->link);
  g_free (f->link2);
  g_free (f->other_link);
}

static gint64
count (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
fingerprint (Fixture *f)
{
  return helder_test_fingerprint (f->web->store);
}

static HelderWebTestResponse *
get (Fixture *f, const char *path, const char *answer, HelderWebTestUser *user)
{
  g_autofree char *url = answer ? g_strdup_printf ("%s?answer=%s", path, answer) : g_strdup (path);

  return helder_web_test_request (f->web, "GET", url, user, user ? "cookie" : NULL, NULL, NULL, 0,
                                  NULL);
}

/* The value="…" of the hidden csrf field, and the cookie it came with. */
static void
form_token (HelderWebTestResponse *page, char **csrf, char **cookie)
{
  const char *field = strstr (page->text, "name=\"csrf\" value=\"");
  const char *set = soup_message_headers_get_list (page->headers, "Set-Cookie");
  const char *end;

  g_assert_nonnull (field);
  field += strlen ("name=\"csrf\" value=\"");
  end = strchr (field, '"');
  *csrf = g_strndup (field, end - field);
  g_assert_nonnull (set);
  g_assert_true (g_str_has_prefix (set, "helder_rsvp="));
  *cookie = g_strndup (set, strchr (set, ';') - set);
}

static HelderWebTestResponse *
post (Fixture *f, const char *path, const char *answer, const char *csrf, const char *cookie)
{
  g_autofree char *body = g_strdup_printf ("answer=%s&csrf=%s", answer, csrf ? csrf : "");

  if (cookie != NULL)
    return helder_web_test_request (f->web, "POST", path, NULL, NULL,
                                    "application/x-www-form-urlencoded", body, -1, "Cookie", cookie,
                                    "Sec-Fetch-Site", "same-origin", NULL);
  return helder_web_test_request (f->web, "POST", path, NULL, NULL,
                                  "application/x-www-form-urlencoded", body, -1, "Sec-Fetch-Site",
                                  "same-origin", NULL);
}

/* Opens the link and presses the button. */
static HelderWebTestResponse *
answer (Fixture *f, const char *path, const char *value)
{
  g_autoptr (HelderWebTestResponse) page = get (f, path, value, NULL);
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  form_token (page, &csrf, &cookie);
  return post (f, path, value, csrf, cookie);
}

static void
test_get_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *before = fingerprint (f);
  static const char *const answers[] = { "yes", "no", "maybe" };

  /* A link scanner opens every link of the message, twice. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
      {
        g_autoptr (HelderWebTestResponse) page = get (f, f->link, answers[i], NULL);
        g_autofree char *after = NULL;

        g_assert_cmpuint (page->status, ==, 200);
        g_assert_nonnull (strstr (page->text, "Persoonlijk gesprek"));
        g_assert_nonnull (strstr (page->text, "method=\"post\""));
        g_assert_nonnull (strstr (page->text, "No answer yet"));
        after = fingerprint (f);
        g_assert_cmpstr (after, ==, before);
      }
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 0);
}

static void
test_post_records_once (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) yes = answer (f, f->link, "yes");
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) no = NULL;
  g_autoptr (HelderWebTestResponse) replay = NULL;
  g_autoptr (HelderWebTestResponse) summary = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *api = NULL;
  JsonObject *counts;

  g_assert_cmpuint (yes->status, ==, 200);
  g_assert_nonnull (strstr (yes->text, "Your answer is recorded"));
  g_assert_nonnull (strstr (yes->text, "Yes, I will come"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_entry WHERE action = 'rsvp'"), ==, 1);

  /* The same answer again records nothing new. */
  again = answer (f, f->link, "yes");
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 1);

  /* Another answer is a change, recorded once. */
  no = answer (f, f->link, "no");
  g_assert_cmpuint (no->status, ==, 200);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_entry WHERE action = 'rsvp'"), ==, 2);

  /* The form's token was used up: the POST without its cookie is refused. */
  {
    g_autoptr (HelderWebTestResponse) page = get (f, f->link, "maybe", NULL);
    g_autofree char *csrf = NULL;
    g_autofree char *cookie = NULL;
    g_autoptr (HelderWebTestResponse) used = NULL;

    form_token (page, &csrf, &cookie);
    used = post (f, f->link, "maybe", csrf, cookie);
    g_assert_cmpuint (used->status, ==, 200);
    g_assert_nonnull (
      strstr (soup_message_headers_get_list (used->headers, "Set-Cookie"), "Max-Age=0"));
    replay = post (f, f->link, "yes", csrf, NULL);
    g_assert_cmpuint (replay->status, ==, 403);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 3);

  /* Who comes, for the advisor, from the records: recomputed by hand. */
  api = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/rsvp", f->meeting);
  summary = helder_web_test_get (f->web, api, &f->web->advisor);
  g_assert_cmpuint (summary->status, ==, 200);
  node = helder_web_test_json (summary);
  counts = json_object_get_object_member (json_node_get_object (node), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "maybe"), ==,
                   count (f, "SELECT count(*) FROM rsvp r WHERE r.id = (SELECT max(id) FROM rsvp"
                             " WHERE person = r.person AND root = r.root) AND answer = 'maybe'"));
  g_assert_cmpint (json_object_get_int_member (counts, "maybe"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "yes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "no"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "none"), ==, 1);
  {
    g_autoptr (HelderWebTestResponse) denied = helder_web_test_get (f->web, api, &f->web->employee);
    g_autofree char *page = g_strdup_printf ("/moments/%" G_GINT64_FORMAT, f->meeting);
    g_autoptr (HelderWebTestResponse) moment = NULL;

    g_assert_cmpuint (denied->status, ==, 403);
    moment = helder_web_test_request (f->web, "GET", page, &f->web->advisor, "cookie", NULL, NULL,
                                      0, NULL);
    g_assert_cmpuint (moment->status, ==, 200);
    g_assert_nonnull (strstr (moment->text, "Who comes"));
    g_assert_nonnull (strstr (moment->text, "Maybe (1)"));
    g_assert_nonnull (strstr (moment->text, "No answer yet (1)"));
  }
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *before = fingerprint (f);
  g_autofree char *token = g_strdup (strrchr (f->link, '/') + 1);
  g_autofree char *foreign = g_strdup_printf ("/rsvp/%" G_GINT64_FORMAT "/%s", f->other, token);
  g_autofree char *garbled =
    g_strdup_printf ("/rsvp/%" G_GINT64_FORMAT "/%.20sXYZ", f->meeting, token);
  g_autofree char *unknown = g_strdup_printf ("/rsvp/%" G_GINT64_FORMAT "/%s", f->meeting,
                                              "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = NULL;
  struct
  {
    const char *path, *answer;
    guint status;
    const char *says;
  } cases[] = {
    { foreign, "yes", 403, "belongs to another meeting" },
    { garbled, "yes", 404, "not complete or not known" },
    { unknown, "yes", 404, "not complete or not known" },
    { "/rsvp/abc/def", "yes", 404, "not complete or not known" },
    { f->link, "sure", 400, "“sure” is not yes, no or maybe" },
    { f->link, NULL, 400, "is not yes, no or maybe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) page = get (f, cases[i].path, cases[i].answer, NULL);
      g_autoptr (HelderWebTestResponse) pressed = NULL;

      g_test_message ("case %u: %s", i, cases[i].path);
      g_assert_cmpuint (page->status, ==, cases[i].status);
      g_assert_nonnull (strstr (page->text, cases[i].says));
      g_assert_null (strstr (page->text, "method=\"post\""));
      /* Posting to it anyway changes nothing either. */
      pressed = post (f, cases[i].path, cases[i].answer ? cases[i].answer : "", "x", NULL);
      g_assert_cmpuint (pressed->status, >=, 400);
    }

  /* A form from elsewhere: without the page's cookie, or another site. */
  {
    g_autoptr (HelderWebTestResponse) page = get (f, f->link, "yes", NULL);
    g_autoptr (HelderWebTestResponse) no_cookie = NULL;
    g_autoptr (HelderWebTestResponse) cross = NULL;
    g_autofree char *body = NULL;

    form_token (page, &csrf, &cookie);
    no_cookie = post (f, f->link, "yes", csrf, NULL);
    g_assert_cmpuint (no_cookie->status, ==, 403);
    g_assert_nonnull (strstr (no_cookie->text, "Open the link in your invitation again"));
    body = g_strdup_printf ("answer=yes&csrf=%s", csrf);
    cross = helder_web_test_request (f->web, "POST", f->link, NULL, NULL,
                                     "application/x-www-form-urlencoded", body, -1, "Cookie",
                                     cookie, "Sec-Fetch-Site", "cross-site", NULL);
    g_assert_cmpuint (cross->status, ==, 403);
  }

  /* Signed in as someone else: the link is not theirs. */
  {
    g_autoptr (HelderWebTestResponse) page = get (f, f->link, "yes", &f->web->employee2);

    g_assert_cmpuint (page->status, ==, 403);
    g_assert_nonnull (strstr (page->text, "for someone else"));
  }

  {
    g_autofree char *after = fingerprint (f);

    g_assert_cmpstr (after, ==, before);
  }

  /* Once the meeting is cancelled, its links no longer answer. */
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE moment SET status = 'cancelled' WHERE id = %" G_GINT64_FORMAT, f->meeting);
    g_autoptr (HelderWebTestResponse) page = NULL;
    g_autoptr (HelderWebTestResponse) pressed = NULL;

    g_assert_true (helder_store_exec (f->web->store, sql, NULL));
    page = get (f, f->link, "yes", NULL);
    g_assert_cmpuint (page->status, ==, 410);
    g_assert_nonnull (strstr (page->text, "no longer takes answers"));
    pressed = post (f, f->link, "yes", csrf, cookie);
    g_assert_cmpuint (pressed->status, ==, 410);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp"), ==, 0);
}

static void
test_me_page (Fixture *f, gconstpointer data)
{
  HelderWebTestUser *employee = &f->web->employee;
  g_autoptr (HelderWebTestResponse) me = get (f, "/me", NULL, employee);
  g_autoptr (HelderWebTestResponse) answered = NULL;
  g_autoptr (HelderWebTestResponse) after = NULL;
  g_autofree char *form = g_strdup_printf ("moment=%" G_GINT64_FORMAT "&answer=maybe", f->meeting);
  g_autofree char *not_mine = g_strdup_printf ("moment=%" G_GINT64_FORMAT "&answer=yes", f->other);
  g_autofree char *before = NULL;

  g_assert_cmpuint (me->status, ==, 200);
  g_assert_nonnull (strstr (me->text, "action=\"/me/rsvp\""));
  g_assert_nonnull (strstr (me->text, "Will you come?"));
  answered = helder_web_test_post_form (f->web, "/me/rsvp", employee, form);
  g_assert_cmpuint (answered->status, ==, 303);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rsvp WHERE answer = 'maybe'"), ==, 1);
  after = get (f, "/me", NULL, employee);
  g_assert_nonnull (strstr (after->text, "<strong class=\"rsvp-current\">Maybe</strong>"));

  /* Bad input, case by case: nothing written. */
  before = fingerprint (f);
  {
    struct
    {
      HelderWebTestUser *user;
      const char *form;
      guint status;
      const char *field;
    } cases[] = {
      { &f->web->employee2, not_mine, 404, "moment" },
      { employee, "moment=abc&answer=yes", 400, "moment" },
      { employee, "answer=yes", 400, "moment" },
      { employee, "moment=999999&answer=yes", 404, "moment" },
      { employee, "moment=1&answer=perhaps", 400, "answer" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_post_form (f->web, "/me/rsvp", cases[i].user, cases[i].form);

        g_test_message ("case %u: %s", i, cases[i].form);
        g_assert_cmpuint (r->status, ==, cases[i].status);
      }
    {
      g_autoptr (HelderWebTestResponse) no_csrf =
        helder_web_test_post_form (f->web, "/me/rsvp", employee, "moment=1&answer=yes&csrf=wrong");

      g_assert_cmpuint (no_csrf->status, ==, 403);
    }
  }
  {
    g_autofree char *now = fingerprint (f);

    g_assert_cmpstr (now, ==, before);
  }
}

static gint64
count_slots (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM moment_slot WHERE moment = %" G_GINT64_FORMAT, f->meeting);

  return count (f, sql);
}

/* The advisor gives people their own time on the meeting's page. */
static void
test_slots_form (Fixture *f, gconstpointer data)
{
  HelderWebTestUser *advisor = &f->web->advisor;
  g_autofree char *action = g_strdup_printf ("/moments/%" G_GINT64_FORMAT "/slots", f->meeting);
  g_autofree char *page_path = g_strdup_printf ("/moments/%" G_GINT64_FORMAT, f->meeting);
  g_autofree char *day = NULL;
  g_autofree char *good = NULL;
  g_autofree char *before = NULL;
  g_autoptr (HelderWebTestResponse) added = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (GDateTime) when = NULL;
  gint64 slot;

  {
    g_autoptr (GDateTime) now = helder_clock_now_local ();

    when = g_date_time_add_days (now, 3);
    day = g_date_time_format (when, "%Y-%m-%d");
  }
  good = g_strdup_printf ("person=%" G_GINT64_FORMAT "&date=%s&start=09:00&end=09:45"
                          "&with_whom=Ruud+Hendriks+en+HR",
                          f->web->employee.person, day);
  added = helder_web_test_post_form (f->web, action, advisor, good);
  g_assert_cmpuint (added->status, ==, 303);
  g_assert_cmpint (count_slots (f), ==, 1);
  slot = count (f, "SELECT max(id) FROM moment_slot");
  g_assert_cmpint (count_slots (f), ==, 1);
  page = helder_web_test_request (f->web, "GET", page_path, advisor, "cookie", NULL, NULL, 0, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "Personal conversations"));
  g_assert_nonnull (strstr (page->text, f->web->employee.name));
  g_assert_nonnull (strstr (page->text, "09:00–09:45"));
  g_assert_nonnull (strstr (page->text, "Ruud Hendriks en HR"));

  /* Bad input, case by case: the page says what and where, nothing written. */
  before = fingerprint (f);
  {
    g_autofree char *twice = g_strdup_printf (
      "person=%" G_GINT64_FORMAT "&date=%s&start=10:00&end=10:30", f->web->employee.person, day);
    g_autofree char *backwards = g_strdup_printf (
      "person=%" G_GINT64_FORMAT "&date=%s&start=10:00&end=09:30", f->web->employee2.person, day);
    g_autofree char *no_date = g_strdup_printf ("person=%" G_GINT64_FORMAT "&start=10:00&end=10:30",
                                                f->web->employee2.person);
    g_autofree char *bad_date =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&date=2026-02-30&start=10:00&end=10:30",
                       f->web->employee2.person);
    g_autofree char *nobody = g_strdup_printf ("person=987654&date=%s&start=10:00&end=10:30", day);
    g_autofree char *no_one = g_strdup_printf ("date=%s&start=10:00&end=10:30", day);
    struct
    {
      const char *form;
      guint status;
      const char *says;
    } cases[] = {
      { twice, 409, "already has slot" },
      { backwards, 400, "is not after the start" },
      { no_date, 400, "give the date, the start and the end" },
      { bad_date, 400, "2026-02-30" },
      { nobody, 400, "987654" },
      { no_one, 400, "give the person" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_post_form (f->web, action, advisor, cases[i].form);

        g_test_message ("case %u: %s → %u", i, cases[i].form, r->status);
        g_assert_cmpuint (r->status, ==, cases[i].status);
        g_assert_nonnull (strstr (r->text, cases[i].says));
        g_assert_nonnull (strstr (r->text, "error-summary"));
      }
    {
      g_autoptr (HelderWebTestResponse) employee =
        helder_web_test_post_form (f->web, action, &f->web->employee, good);

      g_assert_cmpuint (employee->status, ==, 403);
    }
  }
  {
    g_autofree char *after = fingerprint (f);

    g_assert_cmpstr (after, ==, before);
  }

  /* Removed with its button. */
  {
    g_autofree char *remove = g_strdup_printf (
      "/moments/%" G_GINT64_FORMAT "/slots/%" G_GINT64_FORMAT "/delete", f->meeting, slot);
    g_autofree char *foreign = g_strdup_printf (
      "/moments/%" G_GINT64_FORMAT "/slots/%" G_GINT64_FORMAT "/delete", f->other, slot);
    g_autoptr (HelderWebTestResponse) wrong =
      helder_web_test_post_form (f->web, foreign, advisor, NULL);
    g_autoptr (HelderWebTestResponse) gone = NULL;

    g_assert_cmpuint (wrong->status, ==, 404);
    g_assert_cmpint (count_slots (f), ==, 1);
    gone = helder_web_test_post_form (f->web, remove, advisor, NULL);
    g_assert_cmpuint (gone->status, ==, 303);
    g_assert_cmpint (count_slots (f), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, setup, fn, teardown)
  ADD ("/web-rsvp/get-changes-nothing", test_get_changes_nothing);
  ADD ("/web-rsvp/post-records-once", test_post_records_once);
  ADD ("/web-rsvp/refused", test_refused);
  ADD ("/web-rsvp/me-page", test_me_page);
  ADD ("/web-rsvp/slots-form", test_slots_form);
#undef ADD
  return g_test_run ();
}
