/* helder-web-notifications.c — /api/v1/me/notifications for the desktop notifier
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop channel does not push: it offers a row, the person's
 * notifier fetches it here with their token and acknowledges it once shown,
 * and only then is the row sent (DESIGN.md §4). A person sees only their
 * own rows; acknowledging twice is harmless.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "web/helder-web-private.h"

#define DESKTOP_CHANNEL "desktop"
#define NOTIFICATIONS_LIMIT 50
#define TEXT_CHARS 300

static JsonObject *
notification_json (JsonObject *row)
{
  JsonObject *item = json_object_new ();
  g_autofree char *text = helder_markdown_to_text (json_object_get_string_member (row, "body"), TEXT_CHARS);

  json_object_set_int_member (item, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (item, "source", json_object_get_string_member (row, "source"));
  json_object_set_string_member (item, "subject", json_object_get_string_member (row, "subject"));
  json_object_set_string_member (item, "text", text);
  json_object_set_string_member (item, "body", json_object_get_string_member (row, "body"));
  json_object_set_string_member (item, "link", json_object_get_string_member (row, "link"));
  json_object_set_string_member (item, "created_at", json_object_get_string_member (row, "created_at"));
  return item;
}

void
helder_web_handle_api_notifications (HelderWebRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *items = json_array_new ();

  rows = helder_outbox_offered (request->store, request->identity.person, DESKTOP_CHANNEL,
                                NOTIFICATIONS_LIMIT, &error);
  if (rows == NULL)
    {
      json_array_unref (items);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    json_array_add_object_element (items, notification_json (json_array_get_object_element (rows, i)));
  json_object_set_array_member (body, "items", items);
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

/* POST /api/v1/me/notifications/ack {"id": 12}: the id travels in the
 * body, not the path, so that no route of employees names a record; the
 * service checks that the row is the caller's. */
void
helder_web_handle_api_notification_ack (HelderWebRequest *request)
{
  g_autoptr(JsonObject) in = helder_web_read_json (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonNode *id;

  if (in == NULL)
    return;
  id = json_object_get_member (in, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) < 1 || json_object_get_size (in) != 1)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "id",
                                _("send {\"id\": N} with the id of one notification you were shown"));
      return;
    }
  row = helder_outbox_acknowledge (request->store, request->identity.person, DESKTOP_CHANNEL,
                                   json_node_get_int (id), &error);
  if (row == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  body = json_object_new ();
  json_object_set_int_member (body, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (body, "status", json_object_get_string_member (row, "status"));
  json_object_set_string_member (body, "acknowledged_at", json_object_get_string_member (row, "acknowledged_at"));
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}
