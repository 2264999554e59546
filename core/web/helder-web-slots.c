/* helder-web-slots.c — personal conversations on a meeting's page
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting of personal conversations gives each person of its audience
 * their own slot: a time and whom they meet (the noun moment_slot). The
 * advisor sees the slots on the meeting's page, adds one with a small
 * form and removes one with a button; the scheduler invites each person
 * for their own slot (services/delivery/helder-meeting-invite.c).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-people.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "web/helder-web-private.h"
#include "web/helder-web-forms-private.h"

static gboolean
is_meeting (JsonObject *row)
{
  JsonArray *channels = json_object_get_array_member (row, "channels");

  for (guint i = 0; channels != NULL && i < json_array_get_length (channels); i++)
    if (g_strcmp0 (json_array_get_string_element (channels, i), "meeting") == 0)
      return TRUE;
  return FALSE;
}

static char *
local_text (const char *utc, const char *format)
{
  g_autoptr (GDateTime) local = helder_clock_to_local (utc);

  return local != NULL ? g_date_time_format (local, format) : g_strdup ("");
}

/**
 * helder_web_slots_context:
 * @row: a moment
 *
 * Returns: (transfer full) (nullable): for a meeting, its slots
 *   (`items`: id, person_name, when, until, with_whom) and whether they
 *   may still change (`editable`); %NULL for another moment
 */
JsonObject *
helder_web_slots_context (HelderWebRequest *request, JsonObject *row)
{
  g_autoptr (GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
  g_autoptr (JsonArray) slots = NULL;
  const char *status = json_object_get_string_member (row, "status");
  JsonObject *context;
  JsonArray *items;
  HelderQuery query = { filters, 0, 0 };

  if (!is_meeting (row))
    return NULL;
  g_hash_table_insert (filters, (gpointer) "moment", id);
  slots = helder_repo_list (request->store, helder_entity_lookup ("moment_slot"), &query, NULL);
  if (slots == NULL)
    return NULL;
  context = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonObject *item = json_object_new ();
      g_autofree char *name =
        helder_people_name (request->store, json_object_get_int_member (slot, "person"), NULL);
      g_autofree char *when =
        helder_web_format_datetime (json_object_get_string_member (slot, "starts_at"));
      g_autofree char *until =
        local_text (json_object_get_string_member (slot, "ends_at"), "%H:%M");

      json_object_set_int_member (item, "id", json_object_get_int_member (slot, "id"));
      json_object_set_string_member (item, "person_name", name ? name : "");
      json_object_set_string_member (item, "when", when);
      json_object_set_string_member (item, "until", until);
      json_object_set_string_member (item, "with_whom",
                                     json_object_get_string_member (slot, "with_whom"));
      json_array_add_object_element (items, item);
    }
  json_object_set_boolean_member (context, "has_items", json_array_get_length (items) > 0);
  json_object_set_array_member (context, "items", items);
  json_object_set_boolean_member (
    context, "editable", g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "approved") == 0);
  json_object_set_string_member (context, "time_zone", helder_clock_zone_name ());
  return context;
}

/* The page again, with what went wrong next to the form. */
static void
refuse (HelderWebRequest *request, JsonObject *row, const GError *error)
{
  helder_web_form_respond_moment (request, helder_web_form_input_error_status (error), row, error);
}

/* POST /moments/{id}/slots (person, date, start, end, with_whom) */
void
helder_web_handle_slot_create (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment_slot");
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *person = NULL;
  g_autofree char *date = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *key = NULL;
  g_autofree char *location = NULL;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  person = g_strstrip (g_strdup (helder_web_form_form_text (form, "person")));
  date = g_strstrip (g_strdup (helder_web_form_form_text (form, "date")));
  start = g_strstrip (g_strdup (helder_web_form_form_text (form, "start")));
  end = g_strstrip (g_strdup (helder_web_form_form_text (form, "end")));
  if (person[0] == '\0' || date[0] == '\0' || start[0] == '\0' || end[0] == '\0')
    {
      helder_error_set (
        &error, HELDER_ERROR_INVALID, person[0] == '\0' ? "person" : "starts_at", "%s",
        person[0] == '\0'
          ? _ ("person: give the person's number or e-mail address")
          : _ ("starts_at: give the date, the start and the end of the conversation"));
      refuse (request, row, error);
      return;
    }
  json_object_set_int_member (values, "moment", json_object_get_int_member (row, "id"));
  json_object_set_string_member (values, "person", person);
  {
    g_autofree char *starts = g_strdup_printf ("%sT%s", date, start);
    g_autofree char *ends = g_strdup_printf ("%sT%s", date, end);

    json_object_set_string_member (values, "starts_at", starts);
    json_object_set_string_member (values, "ends_at", ends);
  }
  json_object_set_string_member (values, "with_whom",
                                 helder_web_form_form_text (form, "with_whom") ?: "");
  helder_web_request_actor (request, &actor);
  created = helder_repo_create_as (request->store, &actor, entity, values, NULL, &error);
  if (created == NULL)
    {
      if (helder_web_form_is_input_error (error))
        refuse (request, row, error);
      else
        helder_web_respond_gerror (request, entity, error);
      return;
    }
  location = g_strdup_printf ("/moments/%" PRId64 "#slots", json_object_get_int_member (row, "id"));
  helder_web_redirect (request, location);
}

/* POST /moments/{id}/slots/{slot}/delete */
void
helder_web_handle_slot_delete (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment_slot");
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) slot = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *location = NULL;
  const char *key = helder_web_param (request, "slot");
  const char *status;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  slot = helder_repo_get (request->store, entity, key, &error);
  if (slot == NULL ||
      json_object_get_int_member (slot, "moment") != json_object_get_int_member (row, "id"))
    {
      g_autofree char *message = g_strdup_printf (_ ("slot: meeting %" PRId64 " has no slot “%s”"),
                                                  json_object_get_int_member (row, "id"),
                                                  g_utf8_validate (key, -1, NULL) ? key : "?");

      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "slot", message);
      return;
    }
  status = json_object_get_string_member (row, "status");
  if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "approved") != 0)
    {
      g_set_error (&error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("moment: %" PRId64 " is %s: its slots can no longer change"),
                   json_object_get_int_member (row, "id"), status);
      refuse (request, row, error);
      return;
    }
  helder_web_request_actor (request, &actor);
  if (!helder_repo_delete_as (request->store, &actor, entity, key, &error))
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  location = g_strdup_printf ("/moments/%" PRId64 "#slots", json_object_get_int_member (row, "id"));
  helder_web_redirect (request, location);
}
