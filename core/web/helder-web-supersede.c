/* helder-web-supersede.c — a new version of an approved moment
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An approved moment is frozen: it can be cancelled or superseded. GET
 * /moments/{id}/supersede shows the moment form filled with its content;
 * POST saves that as a new draft through helder_moment_supersede(), the
 * service `helder moment supersede` and the API use: in one transaction
 * the approved version is cancelled and the draft says which moment it
 * supersedes. The draft is approved as usual on its own page. With a
 * problem the form comes back as typed and nothing changes.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-forms-private.h"

/* Only an approved moment has a new version; the same words as the
 * service's refusal. */
static gboolean
check_approved (JsonObject *row, GError **error)
{
  const char *status = json_object_get_string_member (row, "status");

  if (g_strcmp0 (status, "approved") == 0)
    return TRUE;
  g_set_error (
    error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
    _ ("moment %" PRId64 " is %s: only an approved moment is superseded (edit a draft directly)"),
    json_object_get_int_member (row, "id"), helder_web_form_status_label (status));
  return FALSE;
}

/* The page: the form of @row, or as typed in @typed, with @problem. */
static void
respond_supersede (HelderWebRequest *request,
                   guint status,
                   JsonObject *row,
                   GHashTable *typed,
                   const GError *problem)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *moment = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 id = json_object_get_int_member (row, "id");
  g_autofree char *action = g_strdup_printf ("/moments/%" PRId64 "/supersede", id);
  g_autofree char *title = NULL;
  JsonObject *form;

  form = helder_web_form_moment_form_context (request, row, typed, action,
                                              _ ("Save the new version as a draft"), &error);
  if (form == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  json_object_set_object_member (context, "form", form);
  json_object_set_object_member (context, "moment", moment);
  json_object_set_int_member (moment, "id", id);
  json_object_set_string_member (moment, "title", json_object_get_string_member (row, "title"));
  if (problem != NULL)
    helder_web_form_add_error (context, helder_web_form_moment_form_fields,
                               G_N_ELEMENTS (helder_web_form_moment_form_fields), problem);
  title = g_strdup_printf (_ ("New version of %s"), json_object_get_string_member (row, "title"));
  helder_web_respond_page (request, status, "moment-supersede", title, context);
}

/* GET /moments/{id}/supersede */
void
helder_web_handle_moment_supersede_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) row = helder_web_form_lookup (request, "moment", "id");
  g_autoptr (GError) error = NULL;

  if (row == NULL)
    return;
  if (!check_approved (row, &error))
    helder_web_form_respond_moment (request, 409, row, error);
  else
    respond_supersede (request, 200, row, NULL, NULL);
}

/* POST /moments/{id}/supersede */
void
helder_web_handle_moment_supersede (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) fresh = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *fresh_key = NULL;
  HelderAuditActor actor;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  if (!check_approved (row, &error))
    {
      helder_web_form_respond_moment (request, 409, row, error);
      return;
    }

  values = helder_web_form_moment_form_values (request, form, &error);
  helder_web_request_actor (request, &actor);
  if (values != NULL)
    fresh = helder_moment_supersede (request->store, &actor, key, values, &error);
  if (fresh == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_supersede (request, helder_web_form_input_error_status (error), row, form, error);
      return;
    }
  fresh_key = helder_web_form_id_key (fresh);
  helder_web_form_redirect_to (request, "/moments", fresh_key, "?done=superseded");
}
