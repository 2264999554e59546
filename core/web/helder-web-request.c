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
#include "services/transfer/helder-export.h"
#include "web/helder-web-private.h"

const char *
helder_web_param (HelderWebRequest *request, const char *name)
{
  return request->params ? g_hash_table_lookup (request->params, name) : NULL;
}

const char *
helder_web_query (HelderWebRequest *request, const char *name)
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

/* ---- bounded decoding ------------------------------------------------------ */

/* soup_form_decode() and json-glib keep names in unseeded g_str_hash tables:
 * names that collide in that hash (blocks like "Ez" and "FY") make decoding
 * quadratic, 17 s of the one main loop for a 1 MiB body. So the names are
 * counted, in linear time, before anything is decoded. */

/**
 * helder_web_form_decode:
 * @data: the body, application/x-www-form-urlencoded
 * @length: its length
 * @error: %HELDER_ERROR_INVALID when the body is not a form of valid UTF-8
 *   text; %HELDER_ERROR_PERMISSION when it has more than
 *   %HELDER_WEB_MAX_FORM_FIELDS fields
 * @field: (out) (optional) (transfer full): the field a problem is about
 *
 * Returns: (transfer full): name → value, or %NULL
 */
GHashTable *
helder_web_form_decode (const char *data, gsize length, char **field, GError **error)
{
  g_autofree char *text = NULL;
  GHashTable *form;
  GHashTableIter iter;
  gpointer key, value;
  gsize fields = 1;

  if (data == NULL)
    length = 0;
  if (memchr (data ? data : "", '\0', length) != NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("the form contains a NUL byte"));
      return NULL;
    }
  for (gsize i = 0; i < length; i++)
    if (data[i] == '&' && ++fields > HELDER_WEB_MAX_FORM_FIELDS)
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
                     _ ("the form has more than %u fields"), (guint) HELDER_WEB_MAX_FORM_FIELDS);
        return NULL;
      }
  text = g_strndup (data ? data : "", length);
  form = soup_form_decode (text);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      {
        if (field != NULL)
          *field = g_utf8_make_valid (key, -1);
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("form field is not valid UTF-8"));
        g_hash_table_unref (form);
        return NULL;
      }
  return form;
}

/* Counts the members of every object in @data (JSON text, not yet known to
 * be valid) without decoding anything: a ':' outside strings, directly in
 * an object, is one member. Nesting deeper than the stack is left to the
 * depth check of helder_json_parse_checked(). */
static gboolean
check_members (const char *data, gsize length, GError **error)
{
  guint counts[HELDER_JSON_MAX_DEPTH + 1];
  gboolean is_object[HELDER_JSON_MAX_DEPTH + 1];
  guint depth = 0;
  gsize total = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          if (depth == HELDER_JSON_MAX_DEPTH)
            return TRUE;
          depth++;
          counts[depth] = 0;
          is_object[depth] = c == '{';
          break;
        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;
        case ':':
          if (depth > 0 && is_object[depth])
            {
              if (++counts[depth] > HELDER_WEB_MAX_JSON_MEMBERS)
                {
                  g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
                               _ ("a JSON object has more than %u members"),
                               (guint) HELDER_WEB_MAX_JSON_MEMBERS);
                  return FALSE;
                }
              if (++total > HELDER_WEB_MAX_JSON_TOTAL)
                {
                  g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
                               _ ("the JSON body has more than %u members in all"),
                               (guint) HELDER_WEB_MAX_JSON_TOTAL);
                  return FALSE;
                }
            }
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/**
 * helder_web_json_decode:
 * @data: the body, a JSON object
 * @length: its length
 * @error: %HELDER_ERROR_INVALID when it is not a JSON object;
 *   %HELDER_ERROR_PERMISSION when an object has more than
 *   %HELDER_WEB_MAX_JSON_MEMBERS members or all together more than
 *   %HELDER_WEB_MAX_JSON_TOTAL
 *
 * Returns: (transfer full): the object, or %NULL
 */
JsonObject *
helder_web_json_decode (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  if (data == NULL || length == 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the request body is empty; expected a JSON object"));
      return NULL;
    }
  if (!check_members (data, length, error))
    return NULL;
  root = helder_json_parse_checked (data, length, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* 400 for a bad body, 413 for one over a limit. */
static void
respond_body_error (HelderWebRequest *request, const char *field, const GError *error)
{
  if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_PERMISSION))
    helder_web_respond_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", field,
                              error->message);
  else
    helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, error->message);
}

GHashTable *
helder_web_read_form (HelderWebRequest *request)
{
  g_autoptr (GBytes) bytes = body_bytes (request);
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;
  const char *type = content_type (request);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  GHashTable *form;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                "unsupported_media_type", NULL,
                                _ ("send the form as application/x-www-form-urlencoded"));
      return NULL;
    }
  form = helder_web_form_decode (data, length, &field, &error);
  if (form == NULL)
    respond_body_error (request, field, error);
  return form;
}

JsonObject *
helder_web_read_json (HelderWebRequest *request)
{
  g_autoptr (GBytes) bytes = body_bytes (request);
  g_autoptr (GError) error = NULL;
  const char *type = content_type (request);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object;

  if (g_strcmp0 (type, "application/json") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                "unsupported_media_type", NULL,
                                _ ("send the body as application/json"));
      return NULL;
    }
  object = helder_web_json_decode (data, length, &error);
  if (object == NULL)
    respond_body_error (request, NULL, error);
  return object;
}

/**
 * helder_web_check_csrf:
 *
 * Forms are only accepted from a signed-in browser session that sends its
 * own CSRF token back, and never when the browser says the request comes
 * from another site. The session cookie is SameSite=Strict as well.
 */
gboolean
helder_web_check_csrf (HelderWebRequest *request, GHashTable *form)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");
  const char *sent = form ? g_hash_table_lookup (form, "csrf") : NULL;
  const char *expected = request->identity.csrf;

  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", NULL,
                                _ ("this form was sent from another site"));
      return FALSE;
    }
  if (expected == NULL || sent == NULL || strlen (sent) != strlen (expected) ||
      sodium_memcmp (sent, expected, strlen (expected)) != 0)
    {
      helder_web_respond_error (
        request, SOUP_STATUS_FORBIDDEN, "csrf", "csrf",
        _ ("the form has expired or did not come from Helder; reload the page and try again"));
      return FALSE;
    }
  return TRUE;
}

/* ---- For handlers in plugins (helder-web.h) ---------------------------- */

HelderStore *
helder_web_request_get_store (HelderWebRequest *request)
{
  return request->store;
}

HelderContext *
helder_web_request_get_context (HelderWebRequest *request)
{
  return request->context;
}

/**
 * helder_web_request_get_person:
 *
 * Returns: the id of the person asking, 0 when not signed in
 */
gint64
helder_web_request_get_person (HelderWebRequest *request)
{
  return request->identity.person;
}

HelderRole
helder_web_request_get_role (HelderWebRequest *request)
{
  return request->identity.role;
}

/**
 * helder_web_request_get_lang:
 *
 * Returns: "nl" or "en": the language of the answer
 */
const char *
helder_web_request_get_lang (HelderWebRequest *request)
{
  return request->lang;
}

/**
 * helder_web_request_unlogged:
 *
 * Keeps this request out of the access log (what `helder serve` prints
 * unless --quiet): for a route where writing down who asked, and when,
 * would link a person to something they gave anonymously. Sparing the
 * audit log is the route's own business.
 */
void
helder_web_request_unlogged (HelderWebRequest *request)
{
  g_object_set_data (G_OBJECT (request->msg), "helder-unlogged", GINT_TO_POINTER (1));
}

/**
 * helder_web_request_get_today:
 *
 * Returns: today (YYYY-MM-DD) in the programme's time zone, fixed for the
 *   whole request
 */
const char *
helder_web_request_get_today (HelderWebRequest *request)
{
  return request->today;
}

const char *
helder_web_request_get_method (HelderWebRequest *request)
{
  return request->method;
}

/**
 * helder_web_request_may:
 *
 * Returns: whether the caller's role holds @permission: for what a page
 *   shows beyond what its route's permission allows
 */
gboolean
helder_web_request_may (HelderWebRequest *request, const char *permission)
{
  return request->context != NULL &&
         helder_context_role_may (request->context, request->identity.role, permission);
}
