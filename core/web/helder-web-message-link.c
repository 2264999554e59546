/* helder-web-message-link.c — signing in from the link in a message
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every message to a person ends with a personal sign-in link, BASE/s/CODE
 * (services/access/helder-message-link.h). Mail gateways open every link
 * of an e-mail before the person does, so GET /s/CODE changes nothing: it
 * shows a page with one button, also to a browser that is signed in
 * already. The button POSTs the code to /s, which signs the reader in as
 * an employee and takes them to their own page (303 to /me).
 *
 * The form carries a CSRF token tied to a pre-session cookie, as POST
 * /login does (helder-web-auth.c): helder_link, HttpOnly, SameSite=Strict,
 * Path=/s, set when the page is shown; another site can make a browser
 * post a code but cannot set or read that cookie. A link that is unknown,
 * expired, used up or revoked gets a page that says so and leads to
 * /login/request, where the person asks for a new link.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-access.h"
#include "services/access/helder-message-link.h"
#include "web/helder-web-private.h"

#define SESSION_COOKIE "helder_session"
#define LINK_COOKIE    "helder_link"
#define LINK_COOKIE_S  3600 /* the page's form token lives an hour */
#define CODE_MAX       256

/* Whether @code can be one of our codes at all: URL-safe base64 of a
 * sensible length. Anything else is refused before it is looked up. */
static gboolean
code_well_formed (const char *code)
{
  gsize length = code != NULL ? strlen (code) : 0;

  if (length == 0 || length > CODE_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (code[i]) && code[i] != '-' && code[i] != '_')
      return FALSE;
  return TRUE;
}

/* The page: with @code, its button; without, @error and the way to a new
 * link. */
static void
link_page (HelderWebRequest *request, guint status, const char *code, const char *error)
{
  g_autoptr (JsonObject) context = json_object_new ();

  if (code != NULL)
    {
      g_autofree char *token = helder_web_request_cookie (request, LINK_COOKIE);
      g_autofree char *header = NULL;

      /* Two tabs of the page share one token. */
      if (token == NULL || strlen (token) < 32 || !code_well_formed (token))
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
      header =
        g_strdup_printf (LINK_COOKIE "=%s; Path=/s; Max-Age=%d; HttpOnly; SameSite=Strict%s", token,
                         LINK_COOKIE_S, helder_web_request_secure (request) ? "; Secure" : "");
      soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                                   "Set-Cookie", header);
      json_object_set_string_member (context, "code", code);
      json_object_set_string_member (context, "link_csrf", token);
    }
  if (error != NULL)
    json_object_set_string_member (context, "error", error);
  helder_web_respond_page (request, status, "message-link", _ ("Open your own page"), context);
}

static const char *
refused_text (void)
{
  return _ ("This link from your message is unknown, has expired, was used too often or was "
            "revoked. Ask for a new sign-in link below.");
}

/* GET /s/{code}: the page with the button; nothing is written. */
void
helder_web_handle_message_link_page (HelderWebRequest *request)
{
  const char *code = helder_web_param (request, "code");

  if (!code_well_formed (code))
    {
      link_page (request, SOUP_STATUS_BAD_REQUEST, NULL,
                 _ ("code: this is not the code of a sign-in link (it must be letters, digits, "
                    "“-” and “_”, at most 256 of them); copy the whole link from your message"));
      return;
    }
  if (!helder_message_link_usable (request->store, code))
    {
      if (helder_web_refuse_credential (request, code))
        return;
      link_page (request, SOUP_STATUS_NOT_FOUND, NULL, refused_text ());
      return;
    }
  link_page (request, SOUP_STATUS_OK, code, NULL);
}

/* POST /s (code, csrf): signs the link's person in as an employee. */
void
helder_web_handle_message_link (HelderWebRequest *request)
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
  expected = helder_web_request_cookie (request, LINK_COOKIE);
  if (!helder_access_secret_equal (expected, g_hash_table_lookup (form, "csrf")))
    {
      /* The link is left as it was: opening it again works. */
      link_page (request, SOUP_STATUS_FORBIDDEN, NULL,
                 _ ("csrf: this form has expired or was not opened in this browser; open the link "
                    "in your message again"));
      return;
    }
  code = g_hash_table_lookup (form, "code");
  if (!code_well_formed (code))
    {
      link_page (request, SOUP_STATUS_BAD_REQUEST, NULL,
                 _ ("code: the code of the sign-in link is missing or is not one"));
      return;
    }
  access = helder_message_link_sign_in (request->store, code, &session, &error);
  if (access == NULL)
    {
      if (!g_error_matches (error, HELDER_ERROR, HELDER_ERROR_PERMISSION))
        helder_web_respond_gerror (request, NULL, error);
      else if (!helder_web_refuse_credential (request, code))
        link_page (request, SOUP_STATUS_UNAUTHORIZED, NULL, refused_text ());
      return;
    }

  helder_web_set_session_cookie (request, session, access->role, LINK_COOKIE "=; Path=/s");
  request->identity.person = access->person;
  request->identity.role = HELDER_WEB_EMPLOYEE;
  g_free (request->identity.name);
  request->identity.name = g_strdup (access->name);
  helder_web_audit (request, "login", "session", "", access->person, "employee (message link)");
  helder_web_redirect (request, "/me");
}
