/* helder-web-signin-request.c — asking for a new sign-in link
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /login/request shows a form with one field, the e-mail address;
 * the sign-in page, every 401 page and the page that refuses a used or
 * expired link point to it. POST /login/request carries the pre-session
 * form token of the sign-in form (helder-web-auth.c) and answers the
 * same page, with the same status, whether the address is known, unknown
 * or over a limit: the page never tells who has an account. Nor does
 * the time it takes: a known address does more work (a link, a message),
 * so every answer is held until ANSWER_MS after the request arrived
 * (the message is paused, the server goes on with others meanwhile).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/delivery/helder-signin-request.h"
#include "web/helder-web-private.h"

#define ANSWER_MS 200

static gboolean
unpause (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* Holds the answer to @request until @started_us + ANSWER_MS. */
static void
answer_at_the_same_time (HelderWebRequest *request, gint64 started_us)
{
  gint64 wait_ms = ANSWER_MS - (g_get_monotonic_time () - started_us) / 1000;
  GSource *source;

  if (wait_ms <= 0)
    return;
  soup_server_message_pause (request->msg);
  source = g_timeout_source_new ((guint) wait_ms);
  g_source_set_callback (source, unpause, g_object_ref (request->msg), g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

static void
request_page (HelderWebRequest *request,
              guint status,
              gboolean sent,
              const char *email,
              const char *error)
{
  g_autoptr (JsonObject) context = json_object_new ();

  if (!sent)
    {
      g_autofree char *token = helder_web_login_form_token (request);

      if (token == NULL)
        {
          helder_web_respond_error (
            request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", NULL,
            _ ("the random number generator of the system could not be used"));
          return;
        }
      json_object_set_string_member (context, "login_csrf", token);
    }
  json_object_set_boolean_member (context, "sent", sent);
  if (email != NULL)
    json_object_set_string_member (context, "email", email);
  if (error != NULL)
    json_object_set_string_member (context, "error", error);
  helder_web_respond_page (request, status, "signin-request", _ ("Ask for a new sign-in link"),
                           context);
}

void
helder_web_handle_signin_request_page (HelderWebRequest *request)
{
  request_page (request, SOUP_STATUS_OK, FALSE, NULL, NULL);
}

void
helder_web_handle_signin_request (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");
  const char *email;
  gint64 started_us = g_get_monotonic_time ();
  HelderSigninRequestOutcome outcome;
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name ? request->identity.name : "web",
    helder_web_role_name (request->identity.role),
  };

  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", "csrf",
                                _ ("this form was sent from another site"));
      return;
    }
  form = helder_web_read_form (request);
  if (form == NULL)
    return;
  email = g_hash_table_lookup (form, "email");
  if (!helder_web_login_form_check (request, g_hash_table_lookup (form, "csrf")))
    {
      request_page (
        request, SOUP_STATUS_FORBIDDEN, FALSE, email,
        _ ("csrf: this form has expired or was not opened in this browser. Send it again."));
      return;
    }
  if (!helder_signin_request (request->store, email, &actor, &outcome, &error))
    {
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_INVALID))
        request_page (request, SOUP_STATUS_BAD_REQUEST, FALSE,
                      email != NULL && strlen (email) <= HELDER_SIGNIN_REQUEST_MAX_CHARS ? email
                                                                                         : NULL,
                      error->message);
      else
        helder_web_respond_gerror (request, NULL, error);
      return;
    }
  /* The same answer, at the same time, whatever became of the request. */
  request_page (request, SOUP_STATUS_OK, TRUE, NULL, NULL);
  answer_at_the_same_time (request, started_us);
}
