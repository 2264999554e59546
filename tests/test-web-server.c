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
#include "services/access/helder-access.h"
#include "services/access/helder-config.h"

typedef struct
{
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
header (HelderWebTestResponse *r, const char *name)
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
  g_autoptr (HelderWebTestResponse) home = helder_web_test_get (f->web, "/", NULL);
  g_autoptr (HelderWebTestResponse) api = helder_web_test_get (f->web, "/api/v1/status", NULL);
  g_autoptr (HelderWebTestResponse) me =
    helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);

  g_assert_cmpuint (home->status, ==, 200);
  g_assert_cmpstr (home->content_type, ==, "text/html");
  assert_security_headers (home);
  helder_web_test_assert_error (api, 401, NULL, "sign in");
  assert_security_headers (api);
  /* Personal data is not cached. */
  g_assert_cmpstr (header (me, "Cache-Control"), ==, "no-store");
}

/* Whether the access log at @path comes to hold @needle within 5 s. */
static gboolean
log_shows (const char *path, const char *needle)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *log = NULL;

      if (g_file_get_contents (path, &log, NULL, NULL) && strstr (log, needle) != NULL)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_body_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_malloc0 (1024 * 1024 + 1);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) too_large = NULL;
  g_autoptr (HelderWebTestResponse) chunked = NULL;

  memset (big, ' ', 1024 * 1024);
  big[0] = '{';
  too_large = helder_web_test_request (f->web, "POST", "/api/v1/moments", &f->web->advisor,
                                       "bearer", "application/json", big, 1024 * 1024 + 1, NULL);
  helder_web_test_assert_error (too_large, 413, NULL, "1 MiB");
  assert_security_headers (too_large);

  chunked =
    helder_web_test_request (f->web, "POST", "/api/v1/moments", &f->web->advisor, "bearer",
                             "application/json", "{}", 2, "Transfer-Encoding", "chunked", NULL);
  helder_web_test_assert_error (chunked, 411, NULL, "Content-Length");

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  /* Refused on the socket before the body, yet in the access log. The
   * server writes the line after the answer has gone out, so the client can
   * read the answer first: wait for the line (up to 5 s). */
  g_assert_true (
    log_shows (f->web->log_path, "\"POST /api/v1/moments\" 413 0 refused before the body"));
  g_assert_true (log_shows (f->web->log_path, "\"POST /api/v1/moments\" 411"));
}

static void
test_range_and_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) css = helder_web_test_request (
    f->web, "GET", "/static/helder.css", NULL, NULL, NULL, NULL, 0, "Range", "bytes=0-3", NULL);
  g_autoptr (HelderWebTestResponse) ws =
    helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Upgrade", "websocket",
                             "Connection", "Upgrade", NULL);

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
  g_autoptr (HelderWebTestResponse) page = helder_web_test_get (f->web, "/no/such/page", NULL);
  g_autoptr (HelderWebTestResponse) api =
    helder_web_test_get (f->web, "/api/v1/nothing", &f->web->advisor);
  g_autoptr (HelderWebTestResponse) method = helder_web_test_request (
    f->web, "DELETE", "/api/v1/me", &f->web->employee, "bearer", NULL, NULL, 0, NULL);
  g_autoptr (HelderWebTestResponse) bad_utf8 =
    helder_web_test_get (f->web, "/people/%ff%fe", &f->web->advisor);
  g_autoptr (HelderWebTestResponse) static_escape =
    helder_web_test_get (f->web, "/static/..%2Fhelder.gresource.xml", NULL);

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
  g_autoptr (HelderWebTestResponse) basic =
    helder_web_test_request (f->web, "GET", "/api/v1/me", NULL, NULL, NULL, NULL, 0,
                             "Authorization", "Basic dXNlcjpwdw==", NULL);
  g_autoptr (HelderWebTestResponse) wrong =
    helder_web_test_request (f->web, "GET", "/api/v1/me", NULL, NULL, NULL, NULL, 0,
                             "Authorization", "Bearer hld_nope", NULL);
  g_autoptr (HelderWebTestResponse) calendar_wrong =
    helder_web_test_get (f->web, "/api/v1/me/calendar.ics?token=x", NULL);

  helder_web_test_assert_error (basic, 401, NULL, "Bearer");
  helder_web_test_assert_error (wrong, 401, NULL, "revoked");
  g_assert_nonnull (header (wrong, "WWW-Authenticate"));
  helder_web_test_assert_error (calendar_wrong, 404, NULL, NULL);
}

static char *
issue_code (HelderWebTest *web, gint64 person, const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  char *code = NULL;

  g_assert_true (helder_access_issue (web->store, person, role, 0, NULL, &token, &code, &error));
  return code;
}

/* The Set-Cookie header that sets @name, of several. */
static char *
set_cookie_named (HelderWebTestResponse *r, const char *name)
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
open_login (HelderWebTest *web, const char *code, char **cookie, char **csrf)
{
  g_autofree char *path = g_strdup_printf ("/login/%s", code);
  g_autoptr (HelderWebTestResponse) page = helder_web_test_get (web, path, NULL);
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
post_login (HelderWebTest *web, const char *cookie, const char *form)
{
  return helder_web_test_request (web, "POST", "/login", NULL, NULL,
                                  "application/x-www-form-urlencoded", form, -1, "Sec-Fetch-Site",
                                  "same-origin", cookie ? "Cookie" : NULL, cookie, NULL);
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
  g_autoptr (HelderWebTestResponse) page = helder_web_test_get (f->web, path, NULL);
  g_autoptr (HelderWebTestResponse) unknown =
    helder_web_test_get (f->web, "/login/not-a-code", NULL);
  g_autoptr (HelderWebTestResponse) cross = NULL;
  g_autoptr (HelderWebTestResponse) login = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) home = NULL;

  /* Opening the link does not use it up: it asks to press a button. */
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, code));
  g_assert_cmpuint (unknown->status, ==, 404);

  open_login (f->web, code, &login_cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  cross = helder_web_test_request (f->web, "POST", "/login", NULL, NULL,
                                   "application/x-www-form-urlencoded", form, -1, "Sec-Fetch-Site",
                                   "cross-site", "Cookie", login_cookie, NULL);
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
  /* The cookie lasts as long as the session (28 days for an employee,
   * /access/session-lifetime); libsoup writes it as an expiry date. */
  g_assert_nonnull (strstr (set_cookie, "expires="));
  cookie = g_strndup (set_cookie, strcspn (set_cookie, ";"));
  /* The pre-session cookie has done its work. */
  cleared = set_cookie_named (login, "helder_login");
  g_assert_nonnull (cleared);
  g_assert_nonnull (strstr (cleared, "Max-Age=0"));

  again = post_login (f->web, login_cookie, form);
  g_assert_cmpuint (again->status, ==, 401);

  home =
    helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Cookie", cookie, NULL);
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
  g_autoptr (HelderWebTestResponse) login = NULL;

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
    g_autoptr (HelderWebTestResponse) r1 = helder_web_test_request (
      f->web, "POST", "/login", NULL, NULL, "application/x-www-form-urlencoded", none, -1, NULL);
    /* The token of the page but not the cookie, the cookie but a wrong
     * token, and the attacker's token with the victim's cookie. */
    g_autoptr (HelderWebTestResponse) r2 = post_login (f->web, NULL, good);
    g_autoptr (HelderWebTestResponse) r3 = post_login (f->web, login_cookie, bad);
    g_autoptr (HelderWebTestResponse) r4 = post_login (f->web, login_cookie, foreign);
    g_autoptr (HelderWebTestResponse) r5 = post_login (f->web, login_cookie, none);
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
  g_autoptr (HelderWebTestResponse) no_csrf = NULL;
  g_autoptr (HelderWebTestResponse) out = NULL;
  g_autoptr (HelderWebTestResponse) after = NULL;
  g_autofree char *bad = g_strdup ("csrf=wrong");

  no_csrf = helder_web_test_post_form (f->web, "/logout", &f->web->employee, bad);
  g_assert_cmpuint (no_csrf->status, ==, 403);
  out = helder_web_test_post_form (f->web, "/logout", &f->web->employee, "");
  g_assert_cmpuint (out->status, ==, 303);
  g_assert_nonnull (strstr (header (out, "Set-Cookie"), "Max-Age=0"));
  after = helder_web_test_request (f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Cookie",
                                   f->web->employee.cookie, NULL);
  /* The old cookie is anonymous now: the welcome page, not a redirect. */
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_api_csrf_for_sessions (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) without = NULL;
  g_autoptr (HelderWebTestResponse) wrong = NULL;

  without = helder_web_test_request (
    f->web, "POST", "/api/v1/groups", &f->web->advisor, "cookie", "application/json",
    "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\"}", -1, NULL);
  helder_web_test_assert_error (without, 403, NULL, "X-CSRF-Token");
  wrong = helder_web_test_request (
    f->web, "POST", "/api/v1/groups", &f->web->advisor, "cookie", "application/json",
    "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\"}", -1, "X-CSRF-Token", "nope", NULL);
  helder_web_test_assert_error (wrong, 403, NULL, "X-CSRF-Token");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_language (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) en = helder_web_test_request (
    f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "en-GB,en;q=0.8", NULL);
  g_autoptr (HelderWebTestResponse) nl = helder_web_test_request (
    f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "fr, nl;q=0.5", NULL);
  /* No preference between our languages: Dutch, the programme's own. */
  g_autoptr (HelderWebTestResponse) none = helder_web_test_request (
    f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "*", NULL);
  g_autoptr (HelderWebTestResponse) junk = helder_web_test_request (
    f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", ";;;q=\xff,,", NULL);

  g_assert_cmpstr (header (en, "Content-Language"), ==, "en");
  g_assert_nonnull (strstr (en->text, "lang=\"en\""));
  g_assert_cmpstr (header (nl, "Content-Language"), ==, "nl");
  g_assert_cmpstr (header (none, "Content-Language"), ==, "nl");
  g_assert_cmpuint (junk->status, ==, 200);

  /* The words follow the language too, also after a request in the other
   * one (gettext keeps what it found until told the language changed). */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (HelderWebTestResponse) dutch = helder_web_test_request (
        f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "nl", NULL);
      g_autoptr (HelderWebTestResponse) english = helder_web_test_request (
        f->web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "en", NULL);

      g_assert_nonnull (strstr (english->text, "Welcome to Helder"));
      g_assert_null (strstr (dutch->text, "Welcome to Helder"));
    }
}

/* Requests from here on come from @address, another loopback address. */
static void
client_from (HelderWebTest *web, const char *address)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) local = g_inet_socket_address_new (inet, 0);

  g_clear_object (&web->session);
  web->session = soup_session_new_with_options ("timeout", 60, "local-address", local, NULL);
}

/* A bearer request with @token, and X-Forwarded-For when @forwarded is set. */
static HelderWebTestResponse *
with_token (HelderWebTest *web, const char *token, const char *forwarded)
{
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);

  return helder_web_test_request (web, "GET", "/api/v1/me", NULL, NULL, NULL, NULL, 0,
                                  "Authorization", authorization,
                                  forwarded ? "X-Forwarded-For" : NULL, forwarded, NULL);
}

/* Ten wrong tokens, each different, from @forwarded (or the peer): 401. */
static void
ten_wrong (HelderWebTest *web, const char *forwarded, const char *tag)
{
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *token =
        g_strdup_printf ("hld_%02d%swrongwrongwrongwrongwrongwrongwron", i, tag);
      g_autoptr (HelderWebTestResponse) r = with_token (web, token, forwarded);

      helder_web_test_assert_error (r, 401, NULL, NULL);
    }
}

/* Ten wrong tokens from one address limit further wrong tokens from it,
 * but never a valid one: the advisor behind the same address (the
 * municipality's proxy, say) still gets in, by token, session, or a
 * sign-in link. */
static void
test_rate_limit (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) limited = NULL;
  g_autoptr (HelderWebTestResponse) valid = NULL;
  g_autoptr (HelderWebTestResponse) session = NULL;
  g_autoptr (HelderWebTestResponse) bad_link = NULL;
  g_autoptr (HelderWebTestResponse) elsewhere = NULL;
  g_autofree char *code = issue_code (f->web, f->web->advisor.person, "advisor");
  g_autofree char *login_cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autoptr (HelderWebTestResponse) login = NULL;

  client_from (f->web, "127.0.0.3");
  ten_wrong (f->web, NULL, "a");

  /* An eleventh wrong one waits … */
  limited = with_token (f->web, "hld_11wrongwrongwrongwrongwrongwrongwrongwr", NULL);
  helder_web_test_assert_error (limited, 429, NULL, NULL);
  g_assert_nonnull (header (limited, "Retry-After"));
  bad_link = helder_web_test_get (f->web, "/login/not-a-code-either", NULL);
  g_assert_cmpuint (bad_link->status, ==, 429);

  /* … a valid token, a session and a sign-in link from the same address
   * do not. */
  valid = helder_web_test_get (f->web, "/api/v1/me", &f->web->advisor);
  g_assert_cmpuint (valid->status, ==, 200);
  session = helder_web_test_request (f->web, "GET", "/dashboard", &f->web->advisor, "cookie", NULL,
                                     NULL, 0, NULL);
  g_assert_cmpuint (session->status, ==, 200);
  open_login (f->web, code, &login_cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  login = post_login (f->web, login_cookie, form);
  g_assert_cmpuint (login->status, ==, 303);

  /* Another address is not limited. */
  client_from (f->web, "127.0.0.4");
  elsewhere = with_token (f->web, "hld_12wrongwrongwrongwrongwrongwrongwrongwr", NULL);
  helder_web_test_assert_error (elsewhere, 401, NULL, NULL);
}

/* The same wrong token tried from many addresses is limited by its
 * prefix, also from an address that never failed before. */
static void
test_rate_limit_credential (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) limited = NULL;
  g_autoptr (HelderWebTestResponse) valid = NULL;
  const char *stale = "hld_StaleTokenOfSomeoneElse0123456789abcdefg";

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.1.%d", 10 + i);
      g_autoptr (HelderWebTestResponse) r = NULL;

      client_from (f->web, address);
      r = with_token (f->web, stale, NULL);
      helder_web_test_assert_error (r, 401, NULL, NULL);
    }
  client_from (f->web, "127.0.1.99");
  limited = with_token (f->web, stale, NULL);
  helder_web_test_assert_error (limited, 429, NULL, NULL);
  valid = helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);
  g_assert_cmpuint (valid->status, ==, 200);
}

/* A calendar app polling a feed whose token was revoked gets 410, one
 * with an unknown token 404; neither counts toward anyone's limit. */
static void
test_revoked_feed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = g_uri_escape_string (f->web->employee2.token, NULL, FALSE);
  g_autofree char *feed = g_strdup_printf ("/api/v1/me/calendar.ics?token=%s", escaped);
  g_autoptr (HelderWebTestResponse) wrong = NULL;

  g_assert_cmpint (helder_access_revoke (f->web->store, 0, f->web->employee2.person, &error), >, 0);
  g_assert_no_error (error);
  client_from (f->web, "127.0.0.5");
  for (int i = 0; i < 25; i++)
    {
      g_autoptr (HelderWebTestResponse) revoked = helder_web_test_get (f->web, feed, NULL);
      g_autoptr (HelderWebTestResponse) unknown =
        helder_web_test_get (f->web, "/api/v1/me/calendar.ics?token=hld_gone", NULL);

      helder_web_test_assert_error (revoked, 410, NULL, "revoked");
      helder_web_test_assert_error (unknown, 404, NULL, NULL);
    }
  /* The address has no failures: a wrong bearer token is a plain 401. */
  wrong = with_token (f->web, "hld_13wrongwrongwrongwrongwrongwrongwrongwr", NULL);
  helder_web_test_assert_error (wrong, 401, NULL, NULL);
}

/* Behind a proxy named in server.trusted_proxies, X-Forwarded-For tells
 * the clients apart; from any other peer it is ignored. */
static void
test_trusted_proxy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderWebTestResponse) first = NULL;
  g_autoptr (HelderWebTestResponse) second = NULL;
  g_autoptr (HelderWebTestResponse) spoofed = NULL;
  g_autoptr (HelderWebTestResponse) valid = NULL;
  g_autofree char *log = NULL;

  g_assert_true (
    helder_config_set (f->web->store, "server.trusted_proxies", "127.0.0.2, 10.0.0.0/8", &error));
  g_assert_no_error (error);

  /* Through the proxy: client 198.51.100.7 fails ten times. */
  client_from (f->web, "127.0.0.2");
  ten_wrong (f->web, "198.51.100.7", "p");
  first = with_token (f->web, "hld_14wrongwrongwrongwrongwrongwrongwrongwr", "198.51.100.7");
  helder_web_test_assert_error (first, 429, NULL, NULL);
  /* Another client of the same proxy (behind a second, inner proxy of
   * ours) is not limited, and a forged left-most entry changes nothing. */
  second = with_token (f->web, "hld_15wrongwrongwrongwrongwrongwrongwrongwr",
                       "198.51.100.7, 198.51.100.8, 10.1.2.3");
  helder_web_test_assert_error (second, 401, NULL, NULL);
  valid = helder_web_test_request (f->web, "GET", "/api/v1/me", &f->web->employee, "bearer", NULL,
                                   NULL, 0, "X-Forwarded-For", "198.51.100.7", NULL);
  g_assert_cmpuint (valid->status, ==, 200);

  /* Not a trusted proxy: its X-Forwarded-For is ignored, so ten failures
   * "from" ten different clients are ten from this peer. */
  client_from (f->web, "127.0.0.3");
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *forwarded = g_strdup_printf ("203.0.113.%d", i);
      g_autofree char *token = g_strdup_printf ("hld_%02duwrongwrongwrongwrongwrongwrongwron", i);
      g_autoptr (HelderWebTestResponse) r = with_token (f->web, token, forwarded);

      helder_web_test_assert_error (r, 401, NULL, NULL);
    }
  spoofed = with_token (f->web, "hld_16wrongwrongwrongwrongwrongwrongwrongwr", "203.0.113.77");
  helder_web_test_assert_error (spoofed, 429, NULL, NULL);

  /* The access log names the client the proxy vouches for. */
  g_assert_true (log_shows (f->web->log_path, " 198.51.100.7 "));
  g_file_get_contents (f->web->log_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (log, "203.0.113."));
}

/* No secret reaches the access log: not the sign-in code (in the path),
 * the session, the form tokens, nor a token (header or ?token=). */
static void
test_secrets_not_logged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = issue_code (f->web, f->web->advisor.person, "advisor");
  g_autofree char *login_cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *session = NULL;
  g_autofree char *escaped = g_uri_escape_string (f->web->employee.token, NULL, FALSE);
  g_autofree char *feed = g_strdup_printf ("/api/v1/me/calendar.ics?token=%s", escaped);
  g_autofree char *in_path = g_strdup_printf ("/api/v1/%s", f->web->hr.token);
  g_autofree char *log = NULL;
  g_autofree char *redacted = NULL;
  const char *secrets[8];
  guint n = 0;

  open_login (f->web, code, &login_cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  {
    g_autoptr (HelderWebTestResponse) login = post_login (f->web, login_cookie, form);
    g_autofree char *set_cookie = set_cookie_named (login, "helder_session");

    g_assert_cmpuint (login->status, ==, 303);
    session = g_strndup (set_cookie + strlen ("helder_session="),
                         strcspn (set_cookie, ";") - strlen ("helder_session="));
  }
  /* A used link opened again, a calendar feed, API calls by token and by
   * session, and a token pasted into a path by mistake. */
  {
    g_autofree char *path = g_strdup_printf ("/login/%s", code);
    g_autofree char *cookie = g_strdup_printf ("helder_session=%s", session);
    g_autoptr (HelderWebTestResponse) used = helder_web_test_get (f->web, path, NULL);
    g_autoptr (HelderWebTestResponse) ics = helder_web_test_get (f->web, feed, NULL);
    g_autoptr (HelderWebTestResponse) api =
      helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);
    g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
      f->web, "GET", "/dashboard", NULL, NULL, NULL, NULL, 0, "Cookie", cookie, NULL);
    g_autoptr (HelderWebTestResponse) pasted = helder_web_test_get (f->web, in_path, NULL);

    g_assert_cmpuint (used->status, ==, 404);
    g_assert_cmpuint (ics->status, ==, 200);
    g_assert_cmpuint (api->status, ==, 200);
    g_assert_cmpuint (page->status, ==, 200);
  }

  g_file_get_contents (f->web->log_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("access log:\n%s", log);
  secrets[n++] = code;
  secrets[n++] = session;
  secrets[n++] = csrf;
  secrets[n++] = f->web->employee.token;
  secrets[n++] = f->web->hr.token;
  secrets[n++] = f->web->advisor.token;
  for (guint i = 0; i < n; i++)
    {
      /* Not the secret, nor any 12 characters of it past its type. */
      g_autofree char *piece =
        g_strndup (secrets[i] + (g_str_has_prefix (secrets[i], "hl") ? 4 : 0) + 4, 12);

      if (strstr (log, secrets[i]) != NULL || strstr (log, piece) != NULL)
        g_error ("the access log holds a secret (%.8s…):\n%s", secrets[i], log);
    }
  redacted = g_strdup_printf ("\"GET /login/%.4s…[redacted]\" 200", code);
  g_assert_nonnull (strstr (log, redacted));
  g_assert_nonnull (strstr (log, "\"POST /login\" 303"));
  g_assert_nonnull (strstr (log, "\"GET /api/v1/me/calendar.ics\" 200"));
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
  ADD ("/web-server/rate-limit/credential", test_rate_limit_credential);
  ADD ("/web-server/rate-limit/revoked-feed", test_revoked_feed);
  ADD ("/web-server/trusted-proxy", test_trusted_proxy);
  ADD ("/web-server/secrets-not-logged", test_secrets_not_logged);
  return g_test_run ();
}
