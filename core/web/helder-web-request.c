/* helder-web-request.c — reading what a request sends, safely
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bodies are forms (application/x-www-form-urlencoded) or JSON objects;
 * multipart is never parsed. Bad bodies are answered here with a message
 * that names the problem, so handlers only deal with good input.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/helder-export.h"
#include "web/helder-web-private.h"

const char *
helder_web_param (HelderWebRequest *request,
                  const char       *name)
{
  return request->params ? g_hash_table_lookup (request->params, name) : NULL;
}

const char *
helder_web_query (HelderWebRequest *request,
                  const char       *name)
{
  const char *value;

  if (request->query == NULL)
    return NULL;
  value = g_hash_table_lookup (request->query, name);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return NULL;
  return value;
}

/* The media type of the request body without parameters, or NULL. */
static const char *
content_type (HelderWebRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);

  return soup_message_headers_get_content_type (headers, NULL);
}

static GBytes *
body_bytes (HelderWebRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  return soup_message_body_flatten (body);
}

GHashTable *
helder_web_read_form (HelderWebRequest *request)
{
  g_autoptr(GBytes) bytes = body_bytes (request);
  g_autofree char *text = NULL;
  const char *type = content_type (request);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  GHashTable *form;
  GHashTableIter iter;
  gpointer key, value;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", NULL,
                                _("send the form as application/x-www-form-urlencoded"));
      return NULL;
    }
  text = g_strndup (data ? data : "", length);
  if (strlen (text) != length)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL,
                                _("the form contains a NUL byte"));
      return NULL;
    }
  form = soup_form_decode (text);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      {
        g_autofree char *name = g_utf8_make_valid (key, -1);

        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name,
                                  _("form field is not valid UTF-8"));
        g_hash_table_unref (form);
        return NULL;
      }
  return form;
}

JsonObject *
helder_web_read_json (HelderWebRequest *request)
{
  g_autoptr(GBytes) bytes = body_bytes (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *type = content_type (request);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_strcmp0 (type, "application/json") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", NULL,
                                _("send the body as application/json"));
      return NULL;
    }
  if (length == 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL,
                                _("the request body is empty; expected a JSON object"));
      return NULL;
    }
  root = helder_json_parse_checked (data, length, &error);
  if (root == NULL)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL, error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL,
                                _("the request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/**
 * helder_web_check_csrf:
 *
 * Forms are only accepted from a signed-in browser session that sends its
 * own CSRF token back, and never when the browser says the request comes
 * from another site. The session cookie is SameSite=Strict as well.
 */
gboolean
helder_web_check_csrf (HelderWebRequest *request,
                       GHashTable       *form)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");
  const char *sent = form ? g_hash_table_lookup (form, "csrf") : NULL;
  const char *expected = request->identity.csrf;

  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", NULL,
                                _("this form was sent from another site"));
      return FALSE;
    }
  if (expected == NULL || sent == NULL || strlen (sent) != strlen (expected) ||
      sodium_memcmp (sent, expected, strlen (expected)) != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", "csrf",
                                _("the form has expired or did not come from Helder; reload the page and try again"));
      return FALSE;
    }
  return TRUE;
}
