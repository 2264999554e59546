/* helder-web-input.c — what every route handler, core's or a plugin's,
 * needs around a request: who acts, form and query values, errors next
 * to their fields, the HTTP status of an error, ids from text
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "web/helder-web-private.h"

/**
 * helder_web_request_actor:
 * @request: the request
 * @actor: (out caller-allocates): who the request's writes are audited as
 *
 * Fills @actor with the signed-in person, their role's name ("advisor",
 * "hr", "employee") and their name (the role's name when there is none).
 * The strings belong to @request and live as long as it does.
 */
void
helder_web_request_actor (HelderWebRequest *request, HelderAuditActor *actor)
{
  actor->person = request->identity.person;
  actor->role = helder_web_role_name (request->identity.role);
  actor->name = request->identity.name != NULL && request->identity.name[0] != '\0'
                  ? request->identity.name
                  : actor->role;
}

/**
 * helder_web_form_text:
 * @form: (nullable): a form from helder_web_read_form()
 * @name: a field
 *
 * Returns: (transfer none): the field's value, "" when absent
 */
const char *
helder_web_form_text (GHashTable *form, const char *name)
{
  const char *value = form != NULL ? g_hash_table_lookup (form, name) : NULL;

  return value != NULL ? value : "";
}

/**
 * helder_web_form_multiline:
 * @form: (nullable): a form from helder_web_read_form()
 * @name: a field (a textarea)
 *
 * Browsers send a textarea's lines ending in CRLF; the store keeps LF.
 *
 * Returns: (transfer full): the field's value with CRLF as LF, "" when absent
 */
char *
helder_web_form_multiline (GHashTable *form, const char *name)
{
  const char *text = helder_web_form_text (form, name);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/**
 * helder_web_blank:
 * @text: (nullable): text
 *
 * Returns: whether @text is %NULL, empty or only white space
 */
gboolean
helder_web_blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * helder_web_query_text:
 * @request: the request
 * @name: a query parameter
 *
 * Returns: (transfer none): the parameter's value, "" when absent
 */
const char *
helder_web_query_text (HelderWebRequest *request, const char *name)
{
  const char *value = helder_web_query (request, name);

  return value != NULL ? value : "";
}

/**
 * helder_web_parse_id:
 * @text: (nullable): text
 *
 * Returns: the positive integer @text spells (decimal, at most 15
 *   digits), or -1
 */
gint64
helder_web_parse_id (const char *text)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 15 ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return -1;
  return (gint64) value;
}

/**
 * helder_web_status_of:
 * @error: an error
 * @code: (out) (optional) (transfer none): the API's error code ("invalid",
 *   "not_found", "conflict", "forbidden", "internal")
 *
 * Returns: the HTTP status of @error: invalid or usage → 400, not found →
 *   404, conflict → 409, permission → 403, anything else 500
 */
guint
helder_web_status_of (const GError *error, const char **code)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *name = "internal";

  if (error->domain == HELDER_ERROR)
    switch (error->code)
      {
      case HELDER_ERROR_INVALID:
      case HELDER_ERROR_USAGE:
        status = SOUP_STATUS_BAD_REQUEST;
        name = "invalid";
        break;
      case HELDER_ERROR_NOT_FOUND:
        status = SOUP_STATUS_NOT_FOUND;
        name = "not_found";
        break;
      case HELDER_ERROR_CONFLICT:
        status = SOUP_STATUS_CONFLICT;
        name = "conflict";
        break;
      case HELDER_ERROR_PERMISSION:
        status = SOUP_STATUS_FORBIDDEN;
        name = "forbidden";
        break;
      default:
        break;
      }
  if (code != NULL)
    *code = name;
  return status;
}
