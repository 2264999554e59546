/* helder-web-hr-decide.c — HR confirms or withdraws a placement on the web
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /hr/placements/{id}/confirm and POST /hr/placements/{id}/withdraw,
 * from the buttons in the board's list of placements, with the session's
 * CSRF token and nothing else. The change, the role change that follows
 * it (services/repo/helder-placement-sync.h) and their audit entries are
 * one transaction; then back to the board with a line that says what
 * happened. An unknown placement is 404, a placement in the wrong state
 * 409, and neither changes anything.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-audit.h"
#include "services/views/helder-hr.h"
#include "web/helder-web-private.h"

typedef JsonObject *(*Decide) (HelderStore *store, const char *key, GError **error);

static gboolean
only_csrf (HelderWebRequest *request, GHashTable *form)
{
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_str_equal (name, "csrf"))
      {
        g_autofree char *message =
          g_strdup_printf (_ ("%s: unknown field of this form"), (const char *) name);

        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
        return FALSE;
      }
  return TRUE;
}

/* Decides, audits and commits together; NULL with @error and nothing
 * changed otherwise. */
static JsonObject *
decide_and_audit (HelderWebRequest *request,
                  Decide decide,
                  const char *key,
                  const char *detail,
                  GError **error)
{
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name,
    helder_web_role_name (request->identity.role),
  };
  g_autoptr (JsonObject) placement = NULL;

  if (!helder_store_begin (request->store, error))
    return NULL;
  placement = decide (request->store, key, error);
  if (placement == NULL ||
      !helder_audit_change (request->store, &actor, helder_entity_lookup ("placement"), "update",
                            placement, detail, error) ||
      !helder_store_commit (request->store, error))
    {
      helder_store_rollback (request->store);
      return NULL;
    }
  return g_steal_pointer (&placement);
}

static void
handle (HelderWebRequest *request, Decide decide, const char *done, const char *detail)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *location = NULL;
  const char *key = helder_web_param (request, "id");

  if (form == NULL || !helder_web_check_csrf (request, form) || !only_csrf (request, form))
    return;
  placement = decide_and_audit (request, decide, key, detail, &error);
  if (placement == NULL)
    {
      helder_web_respond_gerror (request, helder_entity_lookup ("placement"), error);
      return;
    }
  location = g_strdup_printf ("/hr?%s=%" G_GINT64_FORMAT "#placements", done,
                              json_object_get_int_member (placement, "id"));
  helder_web_redirect (request, location);
}

void
helder_web_handle_hr_confirm (HelderWebRequest *request)
{
  handle (request, helder_hr_confirm, "confirmed", "status confirmed");
}

void
helder_web_handle_hr_withdraw (HelderWebRequest *request)
{
  handle (request, helder_hr_withdraw, "withdrawn", "status withdrawn");
}
