/* test-web-news.c — /me marks what is new since the previous visit
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real server on loopback with the demo programme (issue 11, points 4
 * and 5): the personal page opens with what is new since the person's
 * previous visit, by the same rule as the digest; a visit is written once
 * per visit, never by the advisor's look at the page; a partner's page has
 * no role or transition; a person turns their weekly overview on and off
 * with POST /me/digest, and bad input changes nothing.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/access/helder-access.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static char *
text_of (HelderStore *store, const char *sql, gint64 arg)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec (HelderStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* The "new since your last visit" section of a page, up to the next one. */
static char *
news_of (const char *page)
{
  const char *start = strstr (page, "aria-labelledby=\"news\"");
  const char *end = start != NULL ? strstr (start, "</section>") : NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static HelderWebTestResponse *
me (Fixture *f, HelderWebTestUser *user)
{
  HelderWebTestResponse *r =
    helder_web_test_request (f->web, "GET", "/me", user, "cookie", NULL, NULL, 0, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

static void
test_new_since_visit (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  HelderWebTestUser *kees = &web->employee;
  g_autoptr (HelderWebTestResponse) first = NULL;
  g_autoptr (HelderWebTestResponse) second = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) later = NULL;
  g_autoptr (HelderWebTestResponse) advisor = NULL;
  g_autofree char *since = NULL;
  g_autofree char *visit = NULL;
  g_autofree char *news = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *path = NULL;
  g_autofree char *after_advisor = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *week_ago = helder_test_day (-7);
  g_autoptr (JsonObject) promise = NULL;

  /* A first visit: "new" is the past week, and the visit is recorded. */
  first = me (f, kees);
  g_assert_nonnull (strstr (first->text, "New since your last visit"));
  since = text_of (web->store, "SELECT since FROM person_visit WHERE person = ?1", kees->person);
  expected = helder_clock_day_start_utc (week_ago);
  g_assert_cmpstr (since, ==, expected);

  /* That visit began two hours ago; since then a promise was made to him. */
  exec (web->store, "UPDATE person_visit SET visit_at = strftime ('%Y-%m-%dT%H:%M:%SZ',"
                    " visit_at, '-2 hours')");
  visit = text_of (web->store, "SELECT visit_at FROM person_visit WHERE person = ?1", kees->person);
  sql = g_strdup_printf (
    "{\"text\":\"Een laptop naar keuze\",\"made_by\":\"HR\","
    "\"made_on\":\"%s\",\"due_on\":\"2099-01-01\",\"persons\":[%" G_GINT64_FORMAT "]}",
    web->today, kees->person);
  promise = helder_test_create (web->store, "commitment", sql);

  /* The next visit shows it as new, in the list and marked in its place. */
  second = me (f, kees);
  news = news_of (second->text);
  g_assert_nonnull (strstr (news, "New promise"));
  g_assert_nonnull (strstr (news, "Een laptop naar keuze"));
  g_assert_nonnull (strstr (second->text, "new since your last visit"));
  g_clear_pointer (&since, g_free);
  since = text_of (web->store, "SELECT since FROM person_visit WHERE person = ?1", kees->person);
  g_assert_cmpstr (since, ==, visit);

  /* A reload is the same visit: still new, and nothing written. */
  again = me (f, kees);
  g_clear_pointer (&news, g_free);
  news = news_of (again->text);
  g_assert_nonnull (strstr (news, "Een laptop naar keuze"));
  g_clear_pointer (&since, g_free);
  since = text_of (web->store, "SELECT since FROM person_visit WHERE person = ?1", kees->person);
  g_assert_cmpstr (since, ==, visit);

  /* The advisor's look at his page records no visit of his. */
  g_clear_pointer (&visit, g_free);
  visit = text_of (web->store, "SELECT visit_at || since FROM person_visit WHERE person = ?1",
                   kees->person);
  path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, kees->person);
  advisor =
    helder_web_test_request (web, "GET", path, &web->advisor, "cookie", NULL, NULL, 0, NULL);
  g_assert_cmpuint (advisor->status, ==, 200);
  g_assert_nonnull (strstr (advisor->text, "New since your last visit"));
  after_advisor = text_of (
    web->store, "SELECT visit_at || since FROM person_visit WHERE person = ?1", kees->person);
  g_assert_cmpstr (after_advisor, ==, visit);

  /* A visit after the promise was made: it is no longer new. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE commitment SET created_at = strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ',"
                         " created_at, '-3 hours') WHERE id = %" G_GINT64_FORMAT,
                         json_object_get_int_member (promise, "id"));
  exec (web->store, sql);
  {
    g_autofree char *now = helder_clock_now_utc ();
    g_autofree char *hour_ago = g_strdup_printf (
      "UPDATE person_visit SET visit_at = strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', '%s', '-1 hours')",
      now);

    exec (web->store, hour_ago);
  }
  later = me (f, kees);
  g_clear_pointer (&news, g_free);
  news = news_of (later->text);
  g_assert_null (strstr (news, "Een laptop naar keuze"));
  g_assert_nonnull (strstr (later->text, "Een laptop naar keuze")); /* still in the picture */
}

/* A supplier's page: what is meant for their organisation. */
static void
test_partner_page (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *robert_id = NULL;
  HelderWebTestUser robert = { 0 };
  gint64 id;

  robert_id =
    text_of (web->store, "SELECT id FROM person WHERE name = 'Robert van Houten' AND ?1", 1);
  g_assert_nonnull (robert_id);
  id = g_ascii_strtoll (robert_id, NULL, 10);
  g_assert_cmpint (id, >, 0);
  g_assert_true (helder_access_issue (web->store, id, "employee", 1, NULL, &token, &code, &error));
  g_assert_no_error (error);
  robert.person = id;
  robert.token = token;
  page = helder_web_test_get (web, "/me", &robert);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "What is happening for Nimbus Cloud Services B.V."));
  g_assert_nonnull (strstr (page->text, "Commitments to Nimbus Cloud Services B.V."));
  g_assert_null (strstr (page->text, "Your role now"));
  g_assert_null (strstr (page->text, "Your future role"));
  g_assert_null (strstr (page->text, "Accountmanager"));
  /* Off by default for him, and the page says how to turn it on. */
  g_assert_nonnull (strstr (page->text, "You get no weekly overview by e-mail."));
  g_assert_nonnull (strstr (page->text, "name=\"digest\" value=\"weekly\""));
}

static void
test_digest_choice (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  HelderWebTestUser *kees = &web->employee;
  static const char *const bad[] = {
    "digest=daily", "digest=", "csrf_missing_digest=weekly", "digest=weekly&extra=1", "digest=%FF",
  };
  g_autofree char *before = helder_test_fingerprint (web->store);
  g_autofree char *choice = NULL;
  g_autofree char *audited = NULL;
  g_autoptr (HelderWebTestResponse) done = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post_form (web, "/me/digest", kees, bad[i]);
      g_autofree char *after = helder_test_fingerprint (web->store);

      g_assert_cmpuint (r->status, ==, 400);
      g_assert_cmpstr (after, ==, before);
    }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (web, "/me/digest", kees, "digest=daily");

    /* a page: the error page names the field and the value */
    g_assert_cmpuint (r->status, ==, 400);
    g_assert_nonnull (strstr (r->text, "Digest: “daily” is not one of default, weekly, off"));
  }

  done = helder_web_test_post_form (web, "/me/digest", kees, "digest=off");
  g_assert_cmpuint (done->status, ==, 303);
  choice = text_of (web->store, "SELECT digest FROM person WHERE id = ?1", kees->person);
  g_assert_cmpstr (choice, ==, "off");
  audited = text_of (web->store,
                     "SELECT detail FROM audit_entry WHERE action = 'update' AND subject = ?1"
                     " ORDER BY id DESC LIMIT 1",
                     kees->person);
  g_assert_cmpstr (audited, ==, "digest off");
  page = me (f, kees);
  g_assert_nonnull (strstr (page->text, "You get no weekly overview by e-mail."));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/web-news/new-since-visit", test_new_since_visit);
  ADD ("/web-news/partner-page", test_partner_page);
  ADD ("/web-news/digest-choice", test_digest_choice);
  return g_test_run ();
}
