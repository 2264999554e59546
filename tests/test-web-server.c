/* test-web-server.c — the server's own rules: hardening, sign-in, sessions,
 * CSRF, languages, rate limit. Against a real server on loopback.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/helder-access.h"

typedef struct {
  HelderWebTest *web;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static const char *
header (HelderWebTestResponse *r,
        const char            *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

static void
assert_security_headers (HelderWebTestResponse *r)
{
  const char *csp = header (r, "Content-Security-Policy");

  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'none'"));
  g_assert_nonnull (strstr (csp, "frame-ancestors 'none'"));
  g_assert_null (strstr (csp, "unsafe-inline"));
  g_assert_cmpstr (header (r, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (header (r, "Referrer-Policy"), ==, "no-referrer");
}

static void
test_headers (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) home = helder_web_test_get (f->web, "/", NULL);
  g_autoptr(HelderWebTestResponse) api = helder_web_test_get (f->web, "/api/v1/status", NULL);
  g_autoptr(HelderWebTestResponse) me = helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);

  g_assert_cmpuint (home->status, ==, 200);
  g_assert_cmpstr (home->content_type, ==, "text/html");
  assert_security_headers (home);
  helder_web_test_assert_error (api, 401, NULL, "sign in");
  assert_security_headers (api);
  /* Personal data is not cached. */
  g_assert_cmpstr (header (me, "Cache-Control"), ==, "no-store");
}

static void
test_body_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_malloc0 (1024 * 1024 + 1);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr(HelderWebTestResponse) too_large = NULL;
  g_autoptr(HelderWebTestResponse) chunked = NULL;

  memset (big, ' ', 1024 * 1024);
  big[0] = '{';
  too_large = helder_web_test_request (f->web, "POST", "/api/v1/moments", &f->web->advisor, "bearer",
                                       "application/json", big, 1024 * 1024 + 1, NULL);
  helder_web_test_assert_error (too_large, 413, NULL, "1 MiB");
  assert_security_headers (too_large);

  chunked = helder_web_test_request (f->web, "POST", "/api/v1/moments", &f->web->advisor, "bearer",
                                     "application/json", "{}", 2, "Transfer-Encoding", "chunked", NULL);
  helder_web_test_assert_error (chunked, 411, NULL, "Content-Length");

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_range_and_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) css = helder_web_test_request (f->web, "GET", "/static/helder.css", NULL, NULL,
                                                                  NULL, NULL, 0, "Range", "bytes=0-3", NULL);
  g_autoptr(HelderWebTestResponse) ws = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                 "Upgrade", "websocket", "Connection", "Upgrade", NULL);

  /* Range is ignored: the whole file, 200. */
  g_assert_cmpuint (css->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (css->body), >, 4);
  g_assert_null (header (css, "Content-Range"));
  g_assert_cmpstr (css->content_type, ==, "text/css");
  helder_web_test_assert_error (ws, 400, NULL, "WebSocket");
}

static void
test_not_found_and_method (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) page = helder_web_test_get (f->web, "/no/such/page", NULL);
  g_autoptr(HelderWebTestResponse) api = helder_web_test_get (f->web, "/api/v1/nothing", &f->web->advisor);
  g_autoptr(HelderWebTestResponse) method = helder_web_test_request (f->web, "DELETE", "/api/v1/me",
                                                                     &f->web->employee, "bearer", NULL, NULL, 0, NULL);
  g_autoptr(HelderWebTestResponse) bad_utf8 = helder_web_test_get (f->web, "/people/%ff%fe", &f->web->advisor);
  g_autoptr(HelderWebTestResponse) static_escape = helder_web_test_get (f->web, "/static/..%2Fhelder.gresource.xml", NULL);

  g_assert_cmpuint (page->status, ==, 404);
  g_assert_cmpstr (page->content_type, ==, "text/html");
  helder_web_test_assert_error (api, 404, NULL, NULL);
  helder_web_test_assert_error (method, 405, NULL, NULL);
  g_assert_nonnull (header (method, "Allow"));
  /* Percent-encoded bytes that are not UTF-8: refused, never passed on. */
  g_assert_true (bad_utf8->status == 400 || bad_utf8->status == 404);
  g_assert_true (static_escape->status == 400 || static_escape->status == 404);
}

static void
test_bearer (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) basic = helder_web_test_request (f->web, "GET", "/api/v1/me", NULL, NULL, NULL,
                                                                    NULL, 0, "Authorization", "Basic dXNlcjpwdw==", NULL);
  g_autoptr(HelderWebTestResponse) wrong = helder_web_test_request (f->web, "GET", "/api/v1/me", NULL, NULL, NULL,
                                                                    NULL, 0, "Authorization", "Bearer hld_nope", NULL);
  g_autoptr(HelderWebTestResponse) calendar_wrong = helder_web_test_get (f->web, "/api/v1/me/calendar.ics?token=x", NULL);

  helder_web_test_assert_error (basic, 401, NULL, "Bearer");
  helder_web_test_assert_error (wrong, 401, NULL, "revoked");
  g_assert_nonnull (header (wrong, "WWW-Authenticate"));
  helder_web_test_assert_error (calendar_wrong, 401, NULL, NULL);
}

static char *
issue_code (HelderWebTest *web,
            gint64         person,
            const char    *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  char *code = NULL;

  g_assert_true (helder_access_issue (web->store, person, role, 0, NULL, &token, &code, &error));
  return code;
}

/* The Set-Cookie header that sets @name, of several. */
static char *
set_cookie_named (HelderWebTestResponse *r,
                  const char            *name)
{
  SoupMessageHeadersIter iter;
  const char *h, *value;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  soup_message_headers_iter_init (&iter, r->headers);
  while (soup_message_headers_iter_next (&iter, &h, &value))
    if (g_ascii_strcasecmp (h, "Set-Cookie") == 0 && g_str_has_prefix (value, prefix))
      return g_strdup (value);
  return NULL;
}

/* Opens a sign-in link as a browser does: the page, its pre-session
 * cookie ("helder_login=…") and the form's CSRF token. */
static void
open_login (HelderWebTest *web,
            const char    *code,
            char         **cookie,
            char         **csrf)
{
  g_autofree char *path = g_strdup_printf ("/login/%s", code);
  g_autoptr(HelderWebTestResponse) page = helder_web_test_get (web, path, NULL);
  g_autofree char *set_cookie = NULL;
  const char *field, *end;

  g_assert_cmpuint (page->status, ==, 200);
  set_cookie = set_cookie_named (page, "helder_login");
  g_assert_nonnull (set_cookie);
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  g_assert_nonnull (strstr (set_cookie, "SameSite=Strict"));
  *cookie = g_strndup (set_cookie, strcspn (set_cookie, ";"));
  field = strstr (page->text, "name=\"csrf\" value=\"");
  g_assert_nonnull (field);
  field += strlen ("name=\"csrf\" value=\"");
  end = strchr (field, '"');
  *csrf = g_strndup (field, end - field);
  g_assert_cmpuint (strlen (*csrf), >=, 32);
  g_assert_true (g_str_has_suffix (*cookie, *csrf));
}

static HelderWebTestResponse *
post_login (HelderWebTest *web,
            const char    *cookie,
            const char    *form)
{
  return helder_web_test_request (web, "POST", "/login", NULL, NULL, "application/x-www-form-urlencoded",
                                  form, -1, "Sec-Fetch-Site", "same-origin", cookie ? "Cookie" : NULL, cookie, NULL);
}

static void
test_login_flow (Fixture *f, gconstpointer data)
{
  g_autofree char *code = issue_code (f->web, f->web->employee.person, "employee");
  g_autofree char *path = g_strdup_printf ("/login/%s", code);
  g_autofree char *login_cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *set_cookie = NULL;
  g_autofree char *cleared = NULL;
  g_autoptr(HelderWebTestResponse) page = helder_web_test_get (f->web, path, NULL);
  g_autoptr(HelderWebTestResponse) unknown = helder_web_test_get (f->web, "/login/not-a-code", NULL);
  g_autoptr(HelderWebTestResponse) cross = NULL;
  g_autoptr(HelderWebTestResponse) login = NULL;
  g_autoptr(HelderWebTestResponse) again = NULL;
  g_autoptr(HelderWebTestResponse) home = NULL;

  /* Opening the link does not use it up: it asks to press a button. */
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, code));
  g_assert_cmpuint (unknown->status, ==, 404);

  open_login (f->web, code, &login_cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  cross = helder_web_test_request (f->web, "POST", "/login", NULL, NULL, "application/x-www-form-urlencoded",
                                   form, -1, "Sec-Fetch-Site", "cross-site", "Cookie", login_cookie, NULL);
  g_assert_cmpuint (cross->status, ==, 403);

  login = post_login (f->web, login_cookie, form);
  if (login->status != 303)
    g_error ("login: %u %s", login->status, login->text);
  g_assert_cmpuint (login->status, ==, 303);
  g_assert_cmpstr (header (login, "Location"), ==, "/me");
  set_cookie = set_cookie_named (login, "helder_session");
  g_assert_nonnull (set_cookie);
  g_assert_true (g_str_has_prefix (set_cookie, "helder_session=hls_"));
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  g_assert_nonnull (strstr (set_cookie, "SameSite=Strict"));
  cookie = g_strndup (set_cookie, strcspn (set_cookie, ";"));
  /* The pre-session cookie has done its work. */
  cleared = set_cookie_named (login, "helder_login");
  g_assert_nonnull (cleared);
  g_assert_nonnull (strstr (cleared, "Max-Age=0"));

  again = post_login (f->web, login_cookie, form);
  g_assert_cmpuint (again->status, ==, 401);

  home = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Cookie", cookie, NULL);
  g_assert_cmpuint (home->status, ==, 303);
  g_assert_cmpstr (header (home, "Location"), ==, "/me");
}

/* POST /login needs the form token of the page, tied to the browser by
 * the pre-session cookie (login CSRF: another site must not sign a victim
 * in to the attacker's account). Without it: 403, a message that says
 * what to do, and the code is not used up. */
static void
test_login_csrf (Fixture *f, gconstpointer data)
{
  g_autofree char *code = issue_code (f->web, f->web->employee.person, "employee");
  g_autofree char *login_cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *other_cookie = NULL;
  g_autofree char *other_csrf = NULL;
  g_autofree char *other_code = issue_code (f->web, f->web->employee2.person, "employee");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *none = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(HelderWebTestResponse) login = NULL;

  open_login (f->web, code, &login_cookie, &csrf);
  /* An attacker opens their own link and has its token and cookie. */
  open_login (f->web, other_code, &other_cookie, &other_csrf);
  g_assert_cmpstr (csrf, !=, other_csrf);
  good = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  bad = g_strdup_printf ("code=%s&csrf=%s", code, "wrong-wrong-wrong-wrong-wrong-wrong-wrong");
  none = g_strdup_printf ("code=%s", code);
  foreign = g_strdup_printf ("code=%s&csrf=%s", code, other_csrf);

  before = helder_test_fingerprint (f->web->store);
  {
    /* No token, no cookie: an old browser without Sec-Fetch-Site, posted
     * from another site. */
    g_autoptr(HelderWebTestResponse) r1 = helder_web_test_request (f->web, "POST", "/login", NULL, NULL,
                                                                   "application/x-www-form-urlencoded", none, -1, NULL);
    /* The token of the page but not the cookie, the cookie but a wrong
     * token, and the attacker's token with the victim's cookie. */
    g_autoptr(HelderWebTestResponse) r2 = post_login (f->web, NULL, good);
    g_autoptr(HelderWebTestResponse) r3 = post_login (f->web, login_cookie, bad);
    g_autoptr(HelderWebTestResponse) r4 = post_login (f->web, login_cookie, foreign);
    g_autoptr(HelderWebTestResponse) r5 = post_login (f->web, login_cookie, none);
    HelderWebTestResponse *refused[] = { r1, r2, r3, r4, r5 };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_assert_cmpuint (refused[i]->status, ==, 403);
        g_assert_null (set_cookie_named (refused[i], "helder_session"));
        g_assert_nonnull (strstr (refused[i]->text, "Open your sign-in link again"));
        /* The refusal does not offer the code's button again. */
        g_assert_null (strstr (refused[i]->text, code));
      }
  }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (helder_access_login_usable (f->web->store, code));

  login = post_login (f->web, login_cookie, good);
  g_assert_cmpuint (login->status, ==, 303);
  g_assert_false (helder_access_login_usable (f->web->store, code));
}

static void
test_logout (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) no_csrf = NULL;
  g_autoptr(HelderWebTestResponse) out = NULL;
  g_autoptr(HelderWebTestResponse) after = NULL;
  g_autofree char *bad = g_strdup ("csrf=wrong");

  no_csrf = helder_web_test_post_form (f->web, "/logout", &f->web->employee, bad);
  g_assert_cmpuint (no_csrf->status, ==, 403);
  out = helder_web_test_post_form (f->web, "/logout", &f->web->employee, "");
  g_assert_cmpuint (out->status, ==, 303);
  g_assert_nonnull (strstr (header (out, "Set-Cookie"), "Max-Age=0"));
  after = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                   "Cookie", f->web->employee.cookie, NULL);
  /* The old cookie is anonymous now: the welcome page, not a redirect. */
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_api_csrf_for_sessions (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr(HelderWebTestResponse) without = NULL;
  g_autoptr(HelderWebTestResponse) wrong = NULL;

  without = helder_web_test_request (f->web, "POST", "/api/v1/groups", &f->web->advisor, "cookie",
                                     "application/json", "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\"}", -1,
                                     NULL);
  helder_web_test_assert_error (without, 403, NULL, "X-CSRF-Token");
  wrong = helder_web_test_request (f->web, "POST", "/api/v1/groups", &f->web->advisor, "cookie",
                                   "application/json", "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\"}", -1,
                                   "X-CSRF-Token", "nope", NULL);
  helder_web_test_assert_error (wrong, 403, NULL, "X-CSRF-Token");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_language (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) en = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                 "Accept-Language", "en-GB,en;q=0.8", NULL);
  g_autoptr(HelderWebTestResponse) nl = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                 "Accept-Language", "fr, nl;q=0.5", NULL);
  /* No preference between our languages: Dutch, the programme's own. */
  g_autoptr(HelderWebTestResponse) none = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                   "Accept-Language", "*", NULL);
  g_autoptr(HelderWebTestResponse) junk = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                   "Accept-Language", ";;;q=\xff,,", NULL);

  g_assert_cmpstr (header (en, "Content-Language"), ==, "en");
  g_assert_nonnull (strstr (en->text, "lang=\"en\""));
  g_assert_cmpstr (header (nl, "Content-Language"), ==, "nl");
  g_assert_cmpstr (header (none, "Content-Language"), ==, "nl");
  g_assert_cmpuint (junk->status, ==, 200);

  /* The words follow the language too, also after a request in the other
   * one (gettext keeps what it found until told the language changed). */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(HelderWebTestResponse) dutch = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0,
                                                                        "Accept-Language", "nl", NULL);
      g_autoptr(HelderWebTestResponse) english = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL,
                                                                          0, "Accept-Language", "en", NULL);

      g_assert_nonnull (strstr (english->text, "Welcome to Helder"));
      g_assert_null (strstr (dutch->text, "Welcome to Helder"));
    }
}

static void
test_rate_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(HelderWebTestResponse) limited = NULL;

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(HelderWebTestResponse) r = helder_web_test_request (f->web, "GET", "/api/v1/me", NULL, NULL, NULL,
                                                                    NULL, 0, "Authorization", "Bearer wrong", NULL);
      g_assert_cmpuint (r->status, ==, 401);
    }
  /* Now even a good token from this address waits. */
  limited = helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);
  helder_web_test_assert_error (limited, 429, NULL, NULL);
  g_assert_nonnull (header (limited, "Retry-After"));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-server/headers", test_headers);
  ADD ("/web-server/body-limits", test_body_limits);
  ADD ("/web-server/range-and-upgrade", test_range_and_upgrade);
  ADD ("/web-server/not-found-and-method", test_not_found_and_method);
  ADD ("/web-server/bearer", test_bearer);
  ADD ("/web-server/login-flow", test_login_flow);
  ADD ("/web-server/login-csrf", test_login_csrf);
  ADD ("/web-server/logout", test_logout);
  ADD ("/web-server/api-csrf-for-sessions", test_api_csrf_for_sessions);
  ADD ("/web-server/language", test_language);
  ADD ("/web-server/rate-limit", test_rate_limit);
  return g_test_run ();
}
