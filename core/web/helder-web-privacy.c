/* helder-web-privacy.c — a person's data on request, for the advisor
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/people/{key}/export and POST /api/v1/people/{key}/erase
 * (permission "persons.privacy"): the same service as `helder person
 * export|erase`, with the plugins' HelderPersonData hooks.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-audit.h"
#include "services/transfer/helder-person-data.h"
#include "web/helder-web-private.h"

/* {key}: a person's id; anything else is answered 400 naming it. */
static gboolean
person_param (HelderWebRequest *request, gint64 *person)
{
  const char *key = helder_web_param (request, "key");
  guint64 number = 0;

  if (key == NULL || !g_ascii_string_to_unsigned (key, 10, 1, G_MAXINT64, &number, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (key ? key : "", -1);
      g_autofree char *message =
        g_strdup_printf (_ ("key: “%s” is not a person's id (a whole number from 1)"), shown);

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "key", message);
      return FALSE;
    }
  *person = (gint64) number;
  return TRUE;
}

void
helder_web_handle_api_person_export (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hooks = NULL;
  g_autoptr (JsonObject) export = NULL;
  g_autofree char *record = NULL;
  gint64 person;

  if (!person_param (request, &person))
    return;
  hooks = helder_context_list_person_data (request->context);
  export = helder_person_data_export (request->store, person, hooks, &error);
  if (export == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  record = g_strdup_printf ("%" PRId64, person);
  helder_web_audit (request, "export", "person", record, person, NULL);
  helder_web_respond_object (request, SOUP_STATUS_OK, export);
}

void
helder_web_handle_api_person_erase (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hooks = NULL;
  g_autoptr (JsonObject) result = json_object_new ();
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name,
    helder_web_role_name (request->identity.role),
  };
  gint64 person;

  if (!person_param (request, &person))
    return;
  hooks = helder_context_list_person_data (request->context);
  if (!helder_person_data_erase (request->store, person, hooks, &actor, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_int_member (result, "erased", person);
  helder_web_respond_object (request, SOUP_STATUS_OK, result);
}
