/* helder-web-auth.c — signing in with a one-time link, signing out, and
 * what anyone may fetch (home, stylesheet, API description)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder token issue` prints a link /login/CODE. Opening it shows a
 * button (so that link previews and scanners cannot use it up); pressing
 * it POSTs the code, which is used once and opens a session: an HttpOnly,
 * SameSite=Strict cookie holding a random secret whose hash is stored.
 *
 * The sign-in form has a CSRF token like every other form. There is no
 * session yet to tie it to, so the page sets a short-lived pre-session
 * cookie (helder_login, HttpOnly, SameSite=Strict, Path=/login) and puts
 * the same random value in the form; POST /login must bring back both,
 * equal. Another site can make a browser post someone's code, but cannot
 * set or read that cookie, so it cannot sign a victim in to its own
 * account (login CSRF). Sec-Fetch-Site stays as a second check.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-access.h"
#include "web/helder-web-private.h"

#define SESSION_COOKIE "helder_session"
#define LOGIN_COOKIE   "helder_login"
#define LOGIN_COOKIE_S 3600 /* the sign-in page's form token lives an hour */

static const char *
home_for (HelderWebRole role)
{
  switch (role)
    {
    case HELDER_WEB_ADVISOR:
      return "/dashboard";
    case HELDER_WEB_HR:
      return "/hr";
    default:
      return "/me";
    }
}

void
helder_web_handle_home (HelderWebRequest *request)
{
  g_autoptr (JsonObject) context = json_object_new ();

  if (request->identity.role != HELDER_WEB_ANONYMOUS)
    {
      helder_web_redirect (request, home_for (request->identity.role));
      return;
    }
  json_object_set_boolean_member (context, "anonymous", TRUE);
  helder_web_respond_page (request, SOUP_STATUS_OK, "home", _ ("Welcome to Helder"), context);
}

/**
 * helder_web_request_cookie:
 * @name: a cookie's name
 *
 * Returns: (transfer full) (nullable): the value of the cookie @name as the
 *   browser sent it, or %NULL
 */
char *
helder_web_request_cookie (HelderWebRequest *request, const char *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *header = soup_message_headers_get_list (headers, "Cookie");
  GHashTable *cookies = header ? soup_header_parse_semi_param_list (header) : NULL;
  char *value = cookies ? g_strdup (g_hash_table_lookup (cookies, name)) : NULL;

  if (cookies != NULL)
    soup_header_free_param_list (cookies);
  return value;
}

/* Whether people reach this server over HTTPS: cookies are Secure then. */
gboolean
helder_web_request_secure (HelderWebRequest *request)
{
  return g_str_has_prefix (helder_web_server_get_base_url (request->server), "https:");
}

/**
 * helder_web_set_session_cookie:
 * @session: the new session's secret
 * @role: the session's role, for how long it lasts
 * @form_cookie: the pre-session form cookie (of the page that signed in)
 *   to remove, e.g. "helder_login=; Path=/login"
 *
 * Sets the session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS,
 * lasting as long as the session.
 */
void
helder_web_set_session_cookie (HelderWebRequest *request,
                               const char *session,
                               const char *role,
                               const char *form_cookie)
{
  g_autoptr (SoupCookie) cookie =
    soup_cookie_new (SESSION_COOKIE, session, "", "/",
                     (int) helder_access_session_hours (request->store, role) * 3600);
  g_autofree char *header = NULL;
  g_autofree char *clear =
    g_strconcat (form_cookie, "; Max-Age=0; HttpOnly; SameSite=Strict", NULL);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);

  soup_cookie_set_domain (cookie, NULL);
  soup_cookie_set_http_only (cookie, TRUE);
  soup_cookie_set_same_site_policy (cookie, SOUP_SAME_SITE_POLICY_STRICT);
  soup_cookie_set_secure (cookie, helder_web_request_secure (request));
  header = soup_cookie_to_set_cookie_header (cookie);
  soup_message_headers_append (headers, "Set-Cookie", header);
  soup_message_headers_append (headers, "Set-Cookie", clear);
}

static void
login_page (HelderWebRequest *request, guint status, const char *code, const char *error)
{
  g_autoptr (JsonObject) context = json_object_new ();

  if (code != NULL)
    {
      g_autofree char *token = helder_web_request_cookie (request, LOGIN_COOKIE);
      g_autofree char *header = NULL;

      /* Two tabs of the sign-in page share one token. */
      if (token == NULL || strlen (token) < 32)
        {
          g_free (token);
          token = helder_access_new_form_token ();
        }
      if (token == NULL)
        {
          helder_web_respond_error (
            request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", NULL,
            _ ("the random number generator of the system could not be used"));
          return;
        }
      header = g_strdup_printf (
        LOGIN_COOKIE "=%s; Path=/login; Max-Age=%d; HttpOnly; SameSite=Strict%s", token,
        LOGIN_COOKIE_S, helder_web_request_secure (request) ? "; Secure" : "");
      soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                                   "Set-Cookie", header);
      json_object_set_string_member (context, "code", code);
      json_object_set_string_member (context, "login_csrf", token);
    }
  if (error != NULL)
    json_object_set_string_member (context, "error", error);
  helder_web_respond_page (request, status, "login", _ ("Sign in"), context);
}

void
helder_web_handle_login_page (HelderWebRequest *request)
{
  const char *code = helder_web_param (request, "code");

  if (!helder_access_login_usable (request->store, code))
    {
      if (helder_web_refuse_credential (request, code))
        return;
      login_page (
        request, SOUP_STATUS_NOT_FOUND, NULL,
        _ ("This sign-in link is unknown, was already used or has expired. Ask for a new one."));
      return;
    }
  login_page (request, SOUP_STATUS_OK, code, NULL);
}

void
helder_web_handle_login (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *expected = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");
  const char *code;

  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", NULL,
                                _ ("this form was sent from another site"));
      return;
    }
  form = helder_web_read_form (request);
  if (form == NULL)
    return;
  expected = helder_web_request_cookie (request, LOGIN_COOKIE);
  if (!helder_access_secret_equal (expected, g_hash_table_lookup (form, "csrf")))
    {
      /* The code is left as it was: opening the link again works. */
      login_page (
        request, SOUP_STATUS_FORBIDDEN, NULL,
        _ (
          "This sign-in form has expired or was not opened in this browser. Open your sign-in link again."));
      return;
    }
  code = g_hash_table_lookup (form, "code");
  if (code == NULL || *code == '\0')
    {
      login_page (request, SOUP_STATUS_BAD_REQUEST, NULL, _ ("code: the sign-in code is missing"));
      return;
    }
  access = helder_access_login (request->store, code, &session, &error);
  if (access == NULL)
    {
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_PERMISSION))
        {
          if (helder_web_refuse_credential (request, code))
            return;
          login_page (
            request, SOUP_STATUS_UNAUTHORIZED, NULL,
            _ (
              "This sign-in link is unknown, was already used or has expired. Ask for a new one."));
        }
      else
        helder_web_respond_gerror (request, NULL, error);
      return;
    }

  /* The cookie lasts as long as the session it carries. */
  helder_web_set_session_cookie (request, session, access->role, LOGIN_COOKIE "=; Path=/login");

  request->identity.person = access->person;
  request->identity.role = g_str_equal (access->role, "advisor") ? HELDER_WEB_ADVISOR
                           : g_str_equal (access->role, "hr")    ? HELDER_WEB_HR
                                                                 : HELDER_WEB_EMPLOYEE;
  g_free (request->identity.name);
  request->identity.name = g_strdup (access->name);
  helder_web_audit (request, "login", "session", "", access->person, access->role);
  helder_web_redirect (request, home_for (request->identity.role));
}

void
helder_web_handle_logout (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  if (request->identity.session &&
      !helder_access_end_session (request->store, request->identity.token, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                               "Set-Cookie",
                               SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  helder_web_redirect (request, "/");
}

static void
respond_resource (HelderWebRequest *request, const char *path, const char *content_type)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  if (bytes == NULL)
    {
      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                                _ ("there is no file at this address"));
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Cache-Control", "public, max-age=3600");
  helder_web_respond_bytes (request, SOUP_STATUS_OK, content_type, bytes);
}

void
helder_web_handle_static (HelderWebRequest *request)
{
  const char *file = helder_web_param (request, "file");

  /* Only the files that exist; names are not paths. */
  if (g_strcmp0 (file, "helder.css") == 0)
    respond_resource (request, "/org/helder/Helder/web/helder.css", "text/css; charset=utf-8");
  else
    helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                              _ ("there is no file at this address"));
}

void
helder_web_handle_openapi (HelderWebRequest *request)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Cache-Control", "public, max-age=3600");
  helder_web_respond_bytes (request, SOUP_STATUS_OK, "application/json; charset=utf-8",
                            helder_web_server_get_openapi (request->server));
}

/* ---- the pre-session form token, for other forms before signing in ------ */

/**
 * helder_web_login_form_token:
 *
 * The sign-in pages' form token: the one the browser already holds in the
 * pre-session cookie, else a new one, set (again) as that cookie.
 *
 * Returns: (transfer full) (nullable): the token for the form, or %NULL
 *   when no random number could be had (the caller answers 500)
 */
char *
helder_web_login_form_token (HelderWebRequest *request)
{
  g_autofree char *token = helder_web_request_cookie (request, LOGIN_COOKIE);
  g_autofree char *header = NULL;

  if (token == NULL || strlen (token) < 32)
    {
      g_free (token);
      token = helder_access_new_form_token ();
    }
  if (token == NULL)
    return NULL;
  header =
    g_strdup_printf (LOGIN_COOKIE "=%s; Path=/login; Max-Age=%d; HttpOnly; SameSite=Strict%s",
                     token, LOGIN_COOKIE_S, helder_web_request_secure (request) ? "; Secure" : "");
  soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                               "Set-Cookie", header);
  return g_steal_pointer (&token);
}

/* Whether @sent is the form token of the browser's pre-session cookie. */
gboolean
helder_web_login_form_check (HelderWebRequest *request, const char *sent)
{
  g_autofree char *expected = helder_web_request_cookie (request, LOGIN_COOKIE);

  return helder_access_secret_equal (expected, sent);
}
