/* test-signin.c — asking for a new sign-in link, and bulk invitations
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service on a real store with the clock pinned (time passes through
 * helder_clock_set), the pages and the API on a real server on loopback,
 * and `helder invite` as a process.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/access/helder-access.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-invite.h"
#include "services/delivery/helder-signin-request.h"

#define BASE_URL "https://helder.voorbeeld.nl"

static const HelderAuditActor visitor = { 0, "web", "anonymous" };

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_clock_set (HELDER_TEST_NOW, &error));
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
  /* Eva has no e-mail address. */
  json_object_unref (helder_test_create (f->store, "person",
                                         "{\"name\":\"Eva Zonder\",\"groups\":[\"servicedesk\"]}"));
  g_assert_true (helder_config_set (f->store, "server.base_url", BASE_URL "/", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
  helder_clock_set (HELDER_TEST_NOW, NULL);
}

static gint64
scalar (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
text (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static HelderSigninRequestOutcome
ask (HelderStore *store, const char *address)
{
  g_autoptr (GError) error = NULL;
  HelderSigninRequestOutcome outcome = 99;

  g_assert_true (helder_signin_request (store, address, &visitor, &outcome, &error));
  g_assert_no_error (error);
  return outcome;
}

static void
pass_time (const char *iso)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_clock_set (iso, &error));
  g_assert_no_error (error);
}

/* A known address gets one message with a link from server.base_url; an
 * unknown one gets nothing; both are audited, the unknown one without the
 * address. */
static void
test_request_known_unknown (Fixture *f, gconstpointer data)
{
  g_autofree char *link = NULL;
  g_autofree char *source = NULL;
  g_autofree char *body = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *role = NULL;

  g_assert_cmpint (ask (f->store, "  Anna@Voorbeeld.NL "), ==, HELDER_SIGNIN_REQUEST_SENT);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 1);
  link = text (f->store, "SELECT link FROM delivery_message");
  g_assert_true (g_str_has_prefix (link, BASE_URL "/login/"));
  source = text (f->store, "SELECT source FROM delivery");
  g_assert_true (g_str_has_prefix (source, "signin:1:"));
  g_assert_cmpint (scalar (f->store, "SELECT person FROM delivery"), ==, 1);
  body = text (f->store, "SELECT body FROM delivery_message");
  g_assert_nonnull (strstr (body, link));
  /* The link signs in as employee: Anna holds no other access. */
  role = text (f->store, "SELECT role FROM access_token WHERE kind = 'login'");
  g_assert_cmpstr (role, ==, "employee");
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM audit_entry WHERE action ="
                                     " 'request-link' AND subject = 1"),
                   ==, 1);

  g_assert_cmpint (ask (f->store, "niemand@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_UNKNOWN);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM access_token"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM audit_entry WHERE action ="
                                     " 'request-link' AND subject IS NULL"),
                   ==, 1);
  detail = text (f->store, "SELECT group_concat (detail || record || actor_name) FROM audit_entry");
  g_assert_null (strstr (detail, "niemand"));
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM access_request"
                                     " WHERE address_hash LIKE '%niemand%'"),
                   ==, 0);
}

/* A person's link has the role they hold, never more. */
static void
test_request_role (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *role = NULL;

  g_assert_true (helder_access_issue (f->store, 2, "advisor", 0, NULL, &token, &code, &error));
  g_assert_cmpint (ask (f->store, "bram@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  role = text (f->store, "SELECT role FROM access_token WHERE kind = 'login' AND parent IS NULL");
  g_assert_cmpstr (role, ==, "advisor");
  /* Revoked: the next link is an employee's. */
  g_assert_cmpint (helder_access_revoke (f->store, 0, 2, &error), >=, 1);
  g_free (role);
  pass_time ("2026-12-04T12:00:00+01:00");
  g_assert_cmpint (ask (f->store, "bram@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  role = text (f->store, "SELECT role FROM access_token WHERE kind = 'login' AND parent IS NULL"
                         " AND revoked_at IS NULL");
  g_assert_cmpstr (role, ==, "employee");
}

/* A link that came alone, and its session, end with `token revoke
 * --person`. */
static void
test_request_revoke (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (HelderAccess) still = NULL;
  g_autofree char *session = NULL;
  g_autofree char *link = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpint (ask (f->store, "anna@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  link = text (f->store, "SELECT link FROM delivery_message");
  code = g_strdup (strrchr (link, '/') + 1);
  access = helder_access_login (f->store, code, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (access->role, ==, "employee");
  /* The session lasts as long as an employee's, not as long as the link. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM access_token WHERE kind = 'session'"
                                     " AND parent IS NULL AND expires_at = '2027-01-01T09:00:00Z'"),
                   ==, 1);
  g_assert_cmpint (helder_access_revoke (f->store, 0, 1, &error), ==, 1);
  still = helder_access_verify_session (f->store, session, NULL);
  g_assert_null (still);
}

static void
test_request_limit_address (Fixture *f, gconstpointer data)
{
  for (int i = 0; i < HELDER_SIGNIN_REQUEST_PER_HOUR; i++)
    g_assert_cmpint (ask (f->store, "anna@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  g_assert_cmpint (ask (f->store, "anna@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_LIMITED);
  g_assert_cmpint (ask (f->store, "ANNA@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_LIMITED);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==,
                   HELDER_SIGNIN_REQUEST_PER_HOUR);
  /* Unknown addresses are limited alike, and every request is audited. */
  for (int i = 0; i < HELDER_SIGNIN_REQUEST_PER_HOUR; i++)
    g_assert_cmpint (ask (f->store, "x@y.nl"), ==, HELDER_SIGNIN_REQUEST_UNKNOWN);
  g_assert_cmpint (ask (f->store, "x@y.nl"), ==, HELDER_SIGNIN_REQUEST_LIMITED);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM audit_entry WHERE action ="
                                     " 'request-link'"),
                   ==, 2 * HELDER_SIGNIN_REQUEST_PER_HOUR + 3);
  /* An hour later the address may ask again. */
  pass_time ("2026-12-04T11:00:01+01:00");
  g_assert_cmpint (ask (f->store, "anna@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
}

static void
test_request_limit_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  static const char *hours[] = { "10", "11", "12", "13", "14", "15" };

  g_assert_true (helder_config_set (f->store, "access.request_per_hour", "100", &error));
  g_assert_true (helder_config_set (f->store, "access.request_per_day", "2", &error));
  g_assert_cmpint (ask (f->store, "cor@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  g_assert_cmpint (ask (f->store, "cor@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
  for (guint i = 0; i < G_N_ELEMENTS (hours); i++)
    {
      g_autofree char *at = g_strdup_printf ("2026-12-04T%s:30:00+01:00", hours[i]);

      pass_time (at);
      g_assert_cmpint (ask (f->store, "cor@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_LIMITED);
    }
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 3"), ==, 2);
  pass_time ("2026-12-05T10:00:01+01:00");
  g_assert_cmpint (ask (f->store, "cor@voorbeeld.nl"), ==, HELDER_SIGNIN_REQUEST_SENT);
}

static void
test_request_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *longest = g_strnfill (260, 'a');
  g_autofree char *too_long = g_strconcat (longest, "@voorbeeld.nl", NULL);
  const char *bad[] = { NULL,
                        "",
                        "   ",
                        "anna",
                        "anna@",
                        "an na@voorbeeld.nl",
                        too_long,
                        "anna@voorbeeld.nl\n"
                        "x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      HelderSigninRequestOutcome outcome;

      g_assert_false (helder_signin_request (f->store, bad[i], &visitor, &outcome, &error));
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_cmpstr (helder_error_get_field (error), ==, "email");
      g_assert_true (g_str_has_prefix (error->message, "email: "));
    }
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM access_request"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM audit_entry"), ==, 0);
}

static JsonObject *
invite (HelderStore *store, const char *group, const char *role, gboolean all, gboolean dry_run)
{
  g_autoptr (GError) error = NULL;
  HelderInviteSelector selector = { group, role, all };
  HelderAuditActor actor = { 0, "helder CLI", "cli" };
  JsonObject *report = helder_invite_run (store, &selector, dry_run, &actor, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
count (JsonObject *report, const char *name)
{
  return json_object_get_int_member (json_object_get_object_member (report, "counts"), name);
}

static void
test_invite_group (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) preview = NULL;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonObject) everyone = NULL;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *link = NULL;
  JsonArray *no_address;

  /* servicedesk: Bram, Cor, and Eva without an address. */
  preview = invite (f->store, "servicedesk", NULL, FALSE, TRUE);
  g_assert_cmpint (count (preview, "invited"), ==, 2);
  g_assert_cmpint (count (preview, "no_address"), ==, 1);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 0);

  first = invite (f->store, "servicedesk", NULL, FALSE, FALSE);
  g_assert_cmpint (count (first, "invited"), ==, 2);
  g_assert_cmpint (count (first, "already"), ==, 0);
  no_address = json_object_get_array_member (first, "no_address");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (no_address, 0), "name"), ==,
    "Eva Zonder");
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE source LIKE 'invite:%'"),
                   ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM audit_entry WHERE action = 'invite'"),
                   ==, 2);
  link = text (f->store, "SELECT link FROM delivery_message LIMIT 1");
  g_assert_true (g_str_has_prefix (link, BASE_URL "/login/"));
  /* Fourteen days from the pinned clock, which runs on (minutes, under the
   * sanitizers). */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM access_token WHERE kind = 'login'"
                                     " AND expires_at BETWEEN '2026-12-18T09:00:00Z'"
                                     " AND '2026-12-18T09:10:00Z'"),
                   ==, 2);

  second = invite (f->store, "servicedesk", NULL, FALSE, FALSE);
  g_assert_cmpint (count (second, "invited"), ==, 0);
  g_assert_cmpint (count (second, "already"), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 2);

  /* Everyone: Anna and Dewi are new, Bram and Cor have a link waiting. */
  everyone = invite (f->store, NULL, NULL, TRUE, FALSE);
  g_assert_cmpint (count (everyone, "invited"), ==, 2);
  g_assert_cmpint (count (everyone, "already"), ==, 2);
  g_assert_cmpint (count (everyone, "selected"), ==, 5);

  /* When the invitations expire unused, a new run invites again. */
  pass_time ("2026-12-19T10:00:00+01:00");
  g_clear_pointer (&second, json_object_unref);
  second = invite (f->store, "servicedesk", NULL, FALSE, FALSE);
  g_assert_cmpint (count (second, "invited"), ==, 2);
}

/* Someone with a token is not invited. */
static void
test_invite_has_access (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autoptr (JsonObject) report = NULL;
  JsonObject *already;

  g_assert_true (helder_access_issue (f->store, 1, "employee", 0, NULL, &token, &code, &error));
  report = invite (f->store, NULL, "systeembeheerder", FALSE, FALSE);
  /* Anna (token) and Cor. */
  g_assert_cmpint (count (report, "invited"), ==, 1);
  already = json_array_get_object_element (json_object_get_array_member (report, "already"), 0);
  g_assert_cmpstr (json_object_get_string_member (already, "name"), ==, "Anna de Vries");
  g_assert_cmpstr (json_object_get_string_member (already, "reason"), ==, "access");
}

static void
test_invite_bad_selector (Fixture *f, gconstpointer data)
{
  struct
  {
    HelderInviteSelector selector;
    const char *field;
    const char *in_message;
  } cases[] = {
    { { NULL, NULL, FALSE }, "selector", "one group" },
    { { "servicedesk", NULL, TRUE }, "selector", "one group" },
    { { "servicedesk", "servicedesk", FALSE }, "selector", "one group" },
    { { "nope", NULL, FALSE }, "group", "“nope” (known: beheer, leverancier, servicedesk)" },
    { { NULL, "nope", FALSE }, "role", "known: contractmanager, servicedesk, systeembeheerder" },
  };
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      HelderAuditActor actor = { 0, "helder CLI", "cli" };
      JsonObject *report = helder_invite_run (f->store, &cases[i].selector, FALSE, &actor, &error);

      g_assert_null (report);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_cmpstr (helder_error_get_field (error), ==, cases[i].field);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the command line ----------------------------------------------------- */

static void
test_invite_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) report = NULL;
  int rc;

  g_clear_object (&f->store);
  rc = helder_test_run (f->path, NULL, &out, &err, "invite", NULL);
  g_assert_cmpint (rc, ==, 2);
  g_assert_nonnull (strstr (err, "--group"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  rc = helder_test_run (f->path, NULL, &out, &err, "invite", "--all", "--role", "x", NULL);
  g_assert_cmpint (rc, ==, 2);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  rc = helder_test_run (f->path, NULL, &out, &err, "invite", "--group", "nope", NULL);
  if (rc != 1 || strstr (err, "--group: no group matches “nope” (known: beheer") == NULL)
    g_error ("invite --group nope: %d %s", rc, err);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  rc = helder_test_run (f->path, NULL, &out, &err, "invite", "--group", "servicedesk", "--dry-run",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_nonnull (strstr (out, "Dry run: 2 people would be invited"));
  g_assert_nonnull (strstr (out, "Eva Zonder"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  rc =
    helder_test_run (f->path, NULL, &out, &err, "--json", "invite", "--group", "servicedesk", NULL);
  g_assert_cmpint (rc, ==, 0);
  report = helder_test_object (out);
  g_assert_cmpint (count (report, "invited"), ==, 2);
  g_assert_cmpint (count (report, "no_address"), ==, 1);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  rc = helder_test_run (f->path, NULL, &out, &err, "invite", "--group", "servicedesk", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_nonnull (strstr (out, "Nobody was invited"));
  f->store = helder_store_open (f->path, NULL);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery"), ==, 2);
}

/* ---- the web ------------------------------------------------------------- */

typedef struct
{
  HelderWebTest *web;
} WebFixture;

static void
web_set_up (WebFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_clock_set (HELDER_TEST_NOW, &error));
  f->web = helder_web_test_start ();
  g_assert_true (helder_config_set (f->web->store, "server.base_url", BASE_URL, &error));
}

static void
web_tear_down (WebFixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
  helder_clock_set (HELDER_TEST_NOW, NULL);
}

/* The form page: its pre-session cookie and the form's token. */
static void
open_form (HelderWebTest *web, char **cookie, char **csrf)
{
  g_autoptr (HelderWebTestResponse) page = helder_web_test_get (web, "/login/request", NULL);
  SoupMessageHeadersIter iter;
  const char *h, *value, *field, *end;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "name=\"email\""));
  *cookie = NULL;
  soup_message_headers_iter_init (&iter, page->headers);
  while (soup_message_headers_iter_next (&iter, &h, &value))
    if (g_ascii_strcasecmp (h, "Set-Cookie") == 0 && g_str_has_prefix (value, "helder_login="))
      *cookie = g_strndup (value, strcspn (value, ";"));
  g_assert_nonnull (*cookie);
  field = strstr (page->text, "name=\"csrf\" value=\"");
  g_assert_nonnull (field);
  field += strlen ("name=\"csrf\" value=\"");
  end = strchr (field, '"');
  *csrf = g_strndup (field, end - field);
}

static HelderWebTestResponse *
post (HelderWebTest *web, const char *path, const char *cookie, const char *form)
{
  return helder_web_test_request (web, "POST", path, NULL, NULL,
                                  "application/x-www-form-urlencoded", form, -1, "Sec-Fetch-Site",
                                  "same-origin", cookie ? "Cookie" : NULL, cookie, NULL);
}

static char *
email_of (HelderWebTest *web, gint64 person)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT email FROM person WHERE id = %" G_GINT64_FORMAT, person);

  return text (web->store, sql);
}

static void
test_web_same_answer (WebFixture *f, gconstpointer data)
{
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *known = email_of (f->web, f->web->employee.person);
  g_autofree char *known_form = NULL;
  g_autofree char *unknown_form = NULL;
  g_autoptr (HelderWebTestResponse) a = NULL;
  g_autoptr (HelderWebTestResponse) b = NULL;
  g_autoptr (HelderWebTestResponse) limited = NULL;
  gint64 queued = scalar (f->web->store, "SELECT count(*) FROM delivery");
  g_autofree char *subject = NULL;
  g_autofree char *dutch = g_strdup_printf (
    "UPDATE person SET locale = 'nl' WHERE id = %" G_GINT64_FORMAT, f->web->employee.person);
  g_autoptr (GError) error = NULL;

  /* The known person reads Dutch, the page is English: the message is
   * written in Dutch, and the page stays English (as for the unknown). */
  g_assert_true (helder_store_exec (f->web->store, dutch, &error));
  gint64 start;

  open_form (f->web, &cookie, &csrf);
  known_form = g_strdup_printf ("csrf=%s&email=%s", csrf, known);
  unknown_form = g_strdup_printf ("csrf=%s&email=onbekend%%40voorbeeld.nl", csrf);
  /* Both answers take at least the same time (200 ms), whatever the
   * known address costs the server more. */
  start = g_get_monotonic_time ();
  a = post (f->web, "/login/request", cookie, known_form);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200000);
  start = g_get_monotonic_time ();
  b = post (f->web, "/login/request", cookie, unknown_form);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200000);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, a->status);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_nonnull (strstr (a->text, "<html lang=\"en\""));
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM delivery"), ==, queued + 1);
  subject = text (f->web->store, "SELECT m.subject FROM delivery d JOIN delivery_message m"
                                 " ON m.delivery = d.id WHERE d.source LIKE 'signin:%'");
  g_assert_cmpstr (subject, ==, "Je nieuwe inloglink voor Helder");
  /* Over the limit: the same page again, nothing queued. */
  for (int i = 0; i < 2; i++)
    helder_web_test_response_free (post (f->web, "/login/request", cookie, known_form));
  limited = post (f->web, "/login/request", cookie, known_form);
  g_assert_cmpstr (limited->text, ==, a->text);
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM delivery"), ==, queued + 3);
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM audit_entry"
                                          " WHERE action = 'request-link'"),
                   ==, 5);
}

/* The link in the queued message signs in once; the second time the page
 * says how to ask for a new one. */
static void
test_web_link_signs_in_once (WebFixture *f, gconstpointer data)
{
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *known = email_of (f->web, f->web->employee2.person);
  g_autofree char *form = NULL;
  g_autofree char *link = NULL;
  g_autofree char *login_cookie = NULL;
  g_autofree char *login_csrf = NULL;
  g_autofree char *login_form = NULL;
  g_autoptr (HelderWebTestResponse) asked = NULL;
  g_autoptr (HelderWebTestResponse) first = NULL;
  g_autoptr (HelderWebTestResponse) second = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  const char *code;

  open_form (f->web, &cookie, &csrf);
  form = g_strdup_printf ("csrf=%s&email=%s", csrf, known);
  asked = post (f->web, "/login/request", cookie, form);
  g_assert_cmpuint (asked->status, ==, 200);
  link = text (f->web->store, "SELECT m.link FROM delivery d JOIN delivery_message m"
                              " ON m.delivery = d.id WHERE d.source LIKE 'signin:%'");
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, BASE_URL "/login/"));
  code = link + strlen (BASE_URL "/login/");

  /* As a browser opens it: a page with a button; the GET uses nothing. */
  {
    g_autofree char *path = g_strdup_printf ("/login/%s", code);
    g_autoptr (HelderWebTestResponse) confirm = helder_web_test_get (f->web, path, NULL);
    SoupMessageHeadersIter iter;
    const char *h, *value, *field, *end;

    g_assert_cmpuint (confirm->status, ==, 200);
    soup_message_headers_iter_init (&iter, confirm->headers);
    while (soup_message_headers_iter_next (&iter, &h, &value))
      if (g_ascii_strcasecmp (h, "Set-Cookie") == 0 && g_str_has_prefix (value, "helder_login="))
        login_cookie = g_strndup (value, strcspn (value, ";"));
    field = strstr (confirm->text, "name=\"csrf\" value=\"") + strlen ("name=\"csrf\" value=\"");
    end = strchr (field, '"');
    login_csrf = g_strndup (field, end - field);
  }
  login_form = g_strdup_printf ("code=%s&csrf=%s", code, login_csrf);
  first = post (f->web, "/login", login_cookie, login_form);
  g_assert_cmpuint (first->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Location"), ==, "/me");
  second = post (f->web, "/login", login_cookie, login_form);
  g_assert_cmpuint (second->status, ==, 401);
  g_assert_nonnull (strstr (second->text, "href=\"/login/request\""));
  {
    g_autofree char *path = g_strdup_printf ("/login/%s", code);

    page = helder_web_test_get (f->web, path, NULL);
  }
  g_assert_cmpuint (page->status, ==, 404);
  g_assert_nonnull (strstr (page->text, "href=\"/login/request\""));
}

static void
test_web_links_to_form (WebFixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) me = helder_web_test_get (f->web, "/me", NULL);
  g_autoptr (HelderWebTestResponse) home = helder_web_test_get (f->web, "/", NULL);

  g_assert_cmpuint (me->status, ==, 401);
  g_assert_nonnull (strstr (me->text, "href=\"/login/request\""));
  g_assert_nonnull (strstr (home->text, "href=\"/login/request\""));
}

static void
test_web_bad_input (WebFixture *f, gconstpointer data)
{
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *big = NULL;
  gint64 audited = scalar (f->web->store, "SELECT count(*) FROM audit_entry");
  struct
  {
    const char *form;
    guint status;
    const char *in_text;
  } cases[] = {
    { "csrf=%s&email=", 400, "email: enter the e-mail address" },
    { "csrf=%s", 400, "email: enter the e-mail address" },
    { "csrf=%s&email=geen-adres", 400, "email: “geen-adres” is not an e-mail address" },
    { "csrf=%s&email=a%%00b%%40c.nl", 400, "email: " },
    { "csrf=wrong%.0s&email=a%%40b.nl", 403, "csrf: " },
    { "email=a%%40b.nl%.0s", 403, "csrf: " },
  };

  open_form (f->web, &cookie, &csrf);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *form = g_strdup_printf (cases[i].form, csrf);
      g_autoptr (HelderWebTestResponse) r = post (f->web, "/login/request", cookie, form);

      if (r->status != cases[i].status || strstr (r->text, cases[i].in_text) == NULL)
        g_error ("%s: %u %s", form, r->status, r->text);
    }
  {
    g_autofree char *form = g_strdup_printf ("csrf=%s&email=a%%40b.nl", csrf);
    g_autofree char *long_form = NULL;
    g_autofree char *filler = g_strnfill (300, 'a');
    g_autoptr (HelderWebTestResponse) no_cookie = post (f->web, "/login/request", NULL, form);
    g_autoptr (HelderWebTestResponse) put =
      helder_web_test_request (f->web, "PUT", "/login/request", NULL, NULL,
                               "application/x-www-form-urlencoded", form, -1, NULL);
    g_autoptr (HelderWebTestResponse) json =
      helder_web_test_request (f->web, "POST", "/login/request", NULL, NULL, "application/json",
                               "{}", -1, "Cookie", cookie, NULL);
    g_autoptr (HelderWebTestResponse) huge = NULL;
    g_autoptr (HelderWebTestResponse) too_long = NULL;

    long_form = g_strdup_printf ("csrf=%s&email=%s%%40b.nl", csrf, filler);
    too_long = post (f->web, "/login/request", cookie, long_form);
    g_assert_cmpuint (too_long->status, ==, 400);
    g_assert_nonnull (strstr (too_long->text, "at most 254 characters"));
    g_assert_null (strstr (too_long->text, filler));
    g_assert_cmpuint (no_cookie->status, ==, 403);
    g_assert_cmpuint (put->status, ==, 405);
    g_assert_cmpuint (json->status, ==, 415);
    big = g_strnfill (2 * 1024 * 1024, 'a');
    huge = helder_web_test_request (f->web, "POST", "/login/request", NULL, NULL,
                                    "application/x-www-form-urlencoded", big, -1, "Cookie", cookie,
                                    NULL);
    g_assert_cmpuint (huge->status, ==, 413);
  }
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM audit_entry"), ==, audited);
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM access_request"), ==, 0);
}

static void
test_web_invite (WebFixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) form = NULL;
  g_autoptr (HelderWebTestResponse) preview = NULL;
  g_autoptr (HelderWebTestResponse) denied = NULL;
  g_autoptr (HelderWebTestResponse) bad = NULL;
  g_autoptr (HelderWebTestResponse) done = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) no_csrf = NULL;
  g_autoptr (HelderWebTestResponse) api_bad = NULL;
  g_autoptr (HelderWebTestResponse) api_type = NULL;
  g_autoptr (HelderWebTestResponse) api_dry = NULL;
  g_autofree char *post_form = NULL;
  gint64 queued = scalar (f->web->store, "SELECT count(*) FROM delivery");
  gint64 invited;

  form = helder_web_test_request (f->web, "GET", "/people/invite", &f->web->advisor, "cookie", NULL,
                                  NULL, 0, NULL);
  g_assert_cmpuint (form->status, ==, 200);
  g_assert_nonnull (strstr (form->text, "value=\"group:servicedesk\""));
  denied = helder_web_test_request (f->web, "GET", "/people/invite", &f->web->employee, "cookie",
                                    NULL, NULL, 0, NULL);
  g_assert_cmpuint (denied->status, ==, 403);
  preview = helder_web_test_request (f->web, "GET", "/people/invite?who=group:servicedesk",
                                     &f->web->advisor, "cookie", NULL, NULL, 0, NULL);
  g_assert_cmpuint (preview->status, ==, 200);
  g_assert_nonnull (strstr (preview->text, "action=\"/people/invite\""));
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM delivery"), ==, queued);
  bad = helder_web_test_request (f->web, "GET", "/people/invite?who=group:nope", &f->web->advisor,
                                 "cookie", NULL, NULL, 0, NULL);
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_nonnull (strstr (bad->text, "group: there is no “nope”"));

  no_csrf = helder_web_test_request (f->web, "POST", "/people/invite", &f->web->advisor, "cookie",
                                     "application/x-www-form-urlencoded", "who=group:servicedesk",
                                     -1, NULL);
  g_assert_cmpuint (no_csrf->status, ==, 403);
  post_form = g_strdup_printf ("csrf=%s&who=group:servicedesk", f->web->advisor.csrf);
  done = helder_web_test_request (f->web, "POST", "/people/invite", &f->web->advisor, "cookie",
                                  "application/x-www-form-urlencoded", post_form, -1, NULL);
  g_assert_cmpuint (done->status, ==, 200);
  invited = scalar (f->web->store, "SELECT count(*) FROM delivery WHERE source LIKE 'invite:%'");
  g_assert_cmpint (invited, >, 0);
  again = helder_web_test_request (f->web, "POST", "/people/invite", &f->web->advisor, "cookie",
                                   "application/x-www-form-urlencoded", post_form, -1, NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM delivery WHERE source LIKE"
                                          " 'invite:%'"),
                   ==, invited);

  api_bad = helder_web_test_send_json (f->web, "POST", "/api/v1/invitations", &f->web->advisor,
                                       "{\"role\":\"nope\"}");
  helder_web_test_assert_error (api_bad, 400, "role", "there is no “nope”");
  api_type = helder_web_test_send_json (f->web, "POST", "/api/v1/invitations", &f->web->advisor,
                                        "{\"all\":\"yes\"}");
  helder_web_test_assert_error (api_type, 400, "all", "true or false");
  api_dry = helder_web_test_send_json (f->web, "POST", "/api/v1/invitations", &f->web->advisor,
                                       "{\"all\":true,\"dry_run\":true}");
  g_assert_cmpuint (api_dry->status, ==, 200);
  g_assert_nonnull (strstr (api_dry->text, "\"dry_run\":true"));
  g_assert_cmpint (scalar (f->web->store, "SELECT count(*) FROM delivery WHERE source LIKE"
                                          " 'invite:%'"),
                   ==, invited);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
#define WEB(path, fn) g_test_add (path, WebFixture, NULL, web_set_up, fn, web_tear_down)
  ADD ("/signin/request/known-unknown", test_request_known_unknown);
  ADD ("/signin/request/role", test_request_role);
  ADD ("/signin/request/revoke", test_request_revoke);
  ADD ("/signin/request/limit-address", test_request_limit_address);
  ADD ("/signin/request/limit-person", test_request_limit_person);
  ADD ("/signin/request/bad-input", test_request_bad_input);
  ADD ("/signin/invite/group", test_invite_group);
  ADD ("/signin/invite/has-access", test_invite_has_access);
  ADD ("/signin/invite/bad-selector", test_invite_bad_selector);
  ADD ("/signin/invite/cli", test_invite_cli);
  WEB ("/signin/web/same-answer", test_web_same_answer);
  WEB ("/signin/web/link-signs-in-once", test_web_link_signs_in_once);
  WEB ("/signin/web/links-to-form", test_web_links_to_form);
  WEB ("/signin/web/bad-input", test_web_bad_input);
  WEB ("/signin/web/invite", test_web_invite);
  return g_test_run ();
}
