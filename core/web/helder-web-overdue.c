/* helder-web-overdue.c — overdue moments and the warnings about a
 * moment's time, on the moment page and the dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment more than the grace period late is held (services/views/
 * helder-lateness.c). Its page and the dashboard say so, with how late,
 * and offer the advisor's three answers as buttons that POST with the
 * CSRF token: send now, reschedule (a new time), cancel (the moment's own
 * cancel, which asks first). The page of a draft or approved moment also
 * lists what is odd about its time (services/delivery/
 * helder-moment-warnings.c): before the approval and after it.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/delivery/helder-moment-warnings.h"
#include "services/delivery/helder-overdue.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-lateness.h"
#include "web/helder-web-forms-private.h"
#include "web/helder-web-overdue.h"

/**
 * helder_web_overdue_actor:
 * @request: the request
 * @actor: (out caller-allocates): who acts, for the audit log
 */
void
helder_web_overdue_actor (HelderWebRequest *request, HelderAuditActor *actor)
{
  actor->person = request->identity.person;
  actor->name = request->identity.name != NULL ? request->identity.name : "";
  actor->role = helder_web_role_name (request->identity.role);
}

static void
set_take (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

/* "was due on …, 10 h 21 min ago" for an item of helder_lateness_list() */
static char *
overdue_text (JsonObject *item)
{
  g_autofree char *late =
    helder_lateness_describe (json_object_get_int_member (item, "late_minutes"));
  g_autofree char *due =
    helder_web_format_datetime (json_object_get_string_member (item, "scheduled_at"));

  return g_strdup_printf (
    _ (
      "This moment was due %s and is %s late. It is held, not sent, until you decide: send it now, give it a new time, or cancel it."),
    due, late);
}

/* The overdue item of moment @id, or NULL. */
static JsonObject *
find_overdue (JsonArray *overdue, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (overdue); i++)
    {
      JsonObject *item = json_array_get_object_element (overdue, i);

      if (json_object_get_int_member (item, "moment") == id)
        return item;
    }
  return NULL;
}

/**
 * helder_web_overdue_moment_context:
 * @request: the request
 * @row: the moment as stored
 * @moment: the page's "moment" object, to add to
 *
 * Adds "overdue", "overdue_text" and "late_label" when the moment is
 * overdue, "released_text" when the advisor released it, and "warnings"
 * (with "has_warnings") about its time while it is a draft or approved.
 * A failing store leaves them out and logs why.
 */
void
helder_web_overdue_moment_context (HelderWebRequest *request, JsonObject *row, JsonObject *moment)
{
  const char *status = json_object_get_string_member (row, "status");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) overdue = NULL;
  g_autoptr (JsonArray) warnings = NULL;
  g_autoptr (JsonObject) released = json_object_new ();
  JsonObject *item;

  if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "approved") != 0)
    return;
  warnings = helder_moment_warnings_list (request->store, row, NULL, &error);
  overdue = warnings != NULL ? helder_lateness_list (request->store, NULL, &error) : NULL;
  json_object_set_int_member (released, "id", json_object_get_int_member (row, "id"));
  if (overdue == NULL || !helder_overdue_add_release (request->store, released, &error))
    {
      g_warning ("moment page: %s", error->message);
      return;
    }
  item = find_overdue (overdue, json_object_get_int_member (row, "id"));
  /* The overdue box says it already, with what to do. */
  for (guint i = json_array_get_length (warnings); item != NULL && i > 0; i--)
    if (g_strcmp0 (
          json_object_get_string_member (json_array_get_object_element (warnings, i - 1), "code"),
          "past") == 0)
      json_array_remove_element (warnings, i - 1);
  json_object_set_boolean_member (moment, "has_warnings", json_array_get_length (warnings) > 0);
  json_object_set_array_member (moment, "warnings", g_steal_pointer (&warnings));
  if (item != NULL)
    {
      g_autofree char *late =
        helder_lateness_describe (json_object_get_int_member (item, "late_minutes"));

      json_object_set_boolean_member (moment, "overdue", TRUE);
      set_take (moment, "overdue_text", overdue_text (item));
      json_object_set_string_member (moment, "late_label", late);
    }
  if (json_object_has_member (released, "released_by") && g_strcmp0 (status, "approved") == 0)
    {
      g_autofree char *at =
        helder_web_format_datetime (json_object_get_string_member (released, "released_at"));
      g_autofree char *text = g_strdup_printf (
        _ (
          "%s decided on %s to send it although it is late: it goes out with the next delivery round."),
        json_object_get_string_member (released, "released_by"), at);

      json_object_set_string_member (moment, "released_text", text);
    }
}

/**
 * helder_web_overdue_dashboard:
 * @request: the request
 * @context: the dashboard's context for this request, to add to
 *
 * Adds "overdue" (each with title, href, due, late, the text and the
 * moment's id for the buttons) and "has_overdue"; and marks the coming
 * moments that are overdue ("late_label").
 */
void
helder_web_overdue_dashboard (HelderWebRequest *request, JsonObject *context)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) overdue = helder_lateness_list (request->store, NULL, &error);
  JsonArray *items;
  JsonArray *upcoming;
  JsonArray *marked;

  if (overdue == NULL)
    {
      g_warning ("dashboard: %s", error->message);
      return;
    }
  items = json_array_new ();
  for (guint i = 0; i < json_array_get_length (overdue); i++)
    {
      JsonObject *o = json_array_get_object_element (overdue, i);
      JsonObject *item = json_object_new ();
      gint64 id = json_object_get_int_member (o, "moment");

      json_object_set_int_member (item, "id", id);
      set_take (item, "href", g_strdup_printf ("/moments/%" PRId64, id));
      json_object_set_string_member (item, "title", json_object_get_string_member (o, "title"));
      set_take (item, "late_label",
                helder_lateness_describe (json_object_get_int_member (o, "late_minutes")));
      set_take (item, "text", overdue_text (o));
      json_array_add_object_element (items, item);
    }
  json_object_set_boolean_member (context, "has_overdue", json_array_get_length (items) > 0);
  json_object_set_int_member (context, "overdue_count", json_array_get_length (items));
  json_object_set_array_member (context, "overdue", items);

  /* The coming moments are shared with the cached page: marked in a copy. */
  upcoming = json_object_has_member (context, "upcoming")
               ? json_object_get_array_member (context, "upcoming")
               : NULL;
  if (upcoming == NULL || json_array_get_length (overdue) == 0)
    return;
  marked = json_array_new ();
  for (guint i = 0; i < json_array_get_length (upcoming); i++)
    {
      JsonObject *u = json_array_get_object_element (upcoming, i);
      JsonObject *copy = json_object_new ();
      GList *members = json_object_get_members (u);
      const char *href = json_object_get_string_member_with_default (u, "href", "");
      gint64 id = g_ascii_strtoll (g_str_has_prefix (href, "/moments/") ? href + 9 : "0", NULL, 10);
      JsonObject *o = find_overdue (overdue, id);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                json_node_copy (json_object_get_member (u, l->data)));
      g_list_free (members);
      if (o != NULL)
        {
          g_autofree char *late =
            helder_lateness_describe (json_object_get_int_member (o, "late_minutes"));

          json_object_set_string_member (copy, "late_label", late);
        }
      json_array_add_object_element (marked, copy);
    }
  json_object_set_array_member (context, "upcoming", marked);
}

/* POST /moments/{id}/send-now */
void
helder_web_handle_moment_send_now (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) released = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  HelderAuditActor actor;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  helder_web_overdue_actor (request, &actor);
  released = helder_overdue_send_now (request->store, key, &actor, &error);
  if (released == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        helder_web_form_respond_moment (request, helder_web_form_input_error_status (error), row,
                                        error);
      return;
    }
  helder_web_form_redirect_to (request, "/moments", key, "?done=released");
}

/* POST /moments/{id}/reschedule scheduled_at=… */
void
helder_web_handle_moment_reschedule (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) moved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  const char *when;
  HelderAuditActor actor;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  when = helder_web_form_form_text (form, "scheduled_at");
  helder_web_overdue_actor (request, &actor);
  if (helder_web_form_blank (when))
    helder_error_set (&error, HELDER_ERROR_INVALID, "scheduled_at",
                      _ ("scheduled_at: give the new date and time"));
  else
    moved = helder_overdue_reschedule (request->store, key, when, &actor, &error);
  if (moved == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        helder_web_form_respond_moment (request, helder_web_form_input_error_status (error), row,
                                        error);
      return;
    }
  helder_web_form_redirect_to (request, "/moments", key, "?done=rescheduled");
}
