/* helder-web-invite.c — the advisor invites people who have no access yet
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /people/invite shows whom one can invite; with ?who=group:G,
 * role:R or all it also shows what inviting them would do (a dry run,
 * nothing written) and a button that POSTs the same choice. POST
 * /people/invite invites and shows the same report. POST
 * /api/v1/invitations {group|role|all, dry_run} does both for programs.
 * All three call helder_invite_run(), as `helder invite` does.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/delivery/helder-invite.h"
#include "web/helder-web-private.h"

/* "group:G", "role:R" or "all" into a selector borrowing from @who;
 * FALSE for anything else. */
static gboolean
parse_who (const char *who, HelderInviteSelector *selector)
{
  *selector = (HelderInviteSelector){ 0 };
  if (who == NULL)
    return FALSE;
  if (g_str_equal (who, "all"))
    selector->all = TRUE;
  else if (g_str_has_prefix (who, "group:") && who[6] != '\0')
    selector->group = who + 6;
  else if (g_str_has_prefix (who, "role:") && who[5] != '\0')
    selector->role = who + 5;
  else
    return FALSE;
  return TRUE;
}

static HelderAuditActor
actor_of (HelderWebRequest *request)
{
  return (HelderAuditActor){
    request->identity.person,
    request->identity.name ? request->identity.name : "web",
    helder_web_role_name (request->identity.role),
  };
}

static void
invite_page (HelderWebRequest *request,
             guint status,
             const char *who,
             JsonObject *report,
             const char *error)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) local = NULL;
  JsonObject *choices = helder_invite_choices (request->store, &local);

  if (choices == NULL)
    {
      helder_web_respond_gerror (request, NULL, local);
      return;
    }
  /* Mark the option chosen, for the form. */
  for (guint k = 0; k < 2; k++)
    {
      JsonArray *list = json_object_get_array_member (choices, k ? "roles" : "groups");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_array_get_object_element (list, i);
          g_autofree char *value = g_strdup_printf ("%s:%s", k ? "role" : "group",
                                                    json_object_get_string_member (item, "slug"));

          json_object_set_string_member (item, "value", value);
          json_object_set_boolean_member (item, "selected", g_strcmp0 (who, value) == 0);
        }
    }
  json_object_set_boolean_member (context, "all_selected", g_strcmp0 (who, "all") == 0);
  json_object_set_object_member (context, "choices", choices);
  json_object_set_string_member (context, "csrf",
                                 request->identity.csrf ? request->identity.csrf : "");
  if (who != NULL)
    json_object_set_string_member (context, "who", who);
  if (error != NULL)
    json_object_set_string_member (context, "error", error);
  if (report != NULL)
    {
      gboolean dry_run = json_object_get_boolean_member (report, "dry_run");
      g_autofree char *until =
        helder_web_format_datetime (json_object_get_string_member (report, "expires_at"));

      json_object_set_object_member (context, "report", json_object_ref (report));
      json_object_set_boolean_member (context, "preview", dry_run);
      json_object_set_boolean_member (context, "done", !dry_run);
      json_object_set_string_member (context, "until", until);
      json_object_set_boolean_member (
        context, "can_confirm",
        dry_run && json_object_get_int_member (json_object_get_object_member (report, "counts"),
                                               "invited") > 0);
    }
  helder_web_respond_page (request, status, "invite", _ ("Invite people"), context);
}

/* Runs the invitation for @who and shows the page with its report. */
static void
run_and_show (HelderWebRequest *request, const char *who, gboolean dry_run)
{
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (GError) error = NULL;
  HelderInviteSelector selector;
  HelderAuditActor actor = actor_of (request);

  if (!parse_who (who, &selector))
    {
      g_autofree char *message = g_strdup_printf (
        _ ("who: “%s” is not a group, a role or everyone; choose one in the list"), who);

      invite_page (request, SOUP_STATUS_BAD_REQUEST, NULL, NULL, message);
      return;
    }
  report = helder_invite_run (request->store, &selector, dry_run, &actor, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_INVALID))
        invite_page (request, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      else if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_CONFLICT))
        invite_page (request, SOUP_STATUS_CONFLICT, who, NULL, error->message);
      else
        helder_web_respond_gerror (request, NULL, error);
      return;
    }
  invite_page (request, SOUP_STATUS_OK, who, report, NULL);
}

void
helder_web_handle_invite_page (HelderWebRequest *request)
{
  const char *who = helder_web_query (request, "who");

  if (who == NULL)
    invite_page (request, SOUP_STATUS_OK, NULL, NULL, NULL);
  else
    run_and_show (request, who, TRUE);
}

void
helder_web_handle_invite (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  const char *who;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  who = g_hash_table_lookup (form, "who");
  if (who == NULL || who[0] == '\0')
    {
      invite_page (request, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                   _ ("who: choose a group, a role or everyone"));
      return;
    }
  run_and_show (request, who, FALSE);
}

/* A member of @body that must be a string (or absent). */
static gboolean
string_member (HelderWebRequest *request, JsonObject *body, const char *name, const char **value)
{
  JsonNode *node = json_object_get_member (body, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      g_autofree char *message = g_strdup_printf (_ ("%s: give a slug as a string"), name);

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
boolean_member (HelderWebRequest *request, JsonObject *body, const char *name, gboolean *value)
{
  JsonNode *node = json_object_get_member (body, name);

  *value = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *message = g_strdup_printf (_ ("%s: give true or false"), name);

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

void
helder_web_handle_api_invite (HelderWebRequest *request)
{
  g_autoptr (JsonObject) body = helder_web_read_json (request);
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) members = NULL;
  HelderInviteSelector selector = { 0 };
  HelderAuditActor actor = actor_of (request);
  gboolean dry_run;

  if (body == NULL)
    return;
  members = json_object_get_members (body);
  for (GList *m = members; m != NULL; m = m->next)
    if (!g_str_equal (m->data, "group") && !g_str_equal (m->data, "role") &&
        !g_str_equal (m->data, "all") && !g_str_equal (m->data, "dry_run"))
      {
        g_autofree char *message =
          g_strdup_printf (_ ("%s: unknown member; give one of group, role or all, and dry_run"),
                           (const char *) m->data);

        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", m->data, message);
        return;
      }
  if (!string_member (request, body, "group", &selector.group) ||
      !string_member (request, body, "role", &selector.role) ||
      !boolean_member (request, body, "all", &selector.all) ||
      !boolean_member (request, body, "dry_run", &dry_run))
    return;
  report = helder_invite_run (request->store, &selector, dry_run, &actor, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_INVALID))
        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                                  helder_error_get_field (error), error->message);
      else if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_CONFLICT))
        helder_web_respond_error (request, SOUP_STATUS_CONFLICT, "conflict", NULL, error->message);
      else
        helder_web_respond_gerror (request, NULL, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, report);
}
