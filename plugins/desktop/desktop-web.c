/* desktop-web.c — the desktop plugin's routes: the notifications a person's
 * notifier fetches, and their acknowledgement
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop channel does not push: it offers a row, the person's
 * notifier fetches it from GET /api/v1/me/notifications with their token
 * and acknowledges it with POST /api/v1/me/notifications/ack once shown,
 * and only then is the row sent (DESIGN.md §4). A person sees only their
 * own rows; acknowledging twice is harmless. The routes, their permission
 * and their part of the OpenAPI document are registered when the plugin
 * loads and go when it unloads: with the plugin disabled they answer 404.
 */
#define G_LOG_DOMAIN "helder-desktop"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "helder.h"

#include "desktop-web.h"

#define NOTIFICATIONS_LIMIT 50
#define TEXT_CHARS          300

static JsonObject *
notification_json (JsonObject *row)
{
  JsonObject *item = json_object_new ();
  g_autofree char *text =
    helder_markdown_to_text (json_object_get_string_member (row, "body"), TEXT_CHARS);

  json_object_set_int_member (item, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (item, "source", json_object_get_string_member (row, "source"));
  json_object_set_string_member (item, "subject", json_object_get_string_member (row, "subject"));
  json_object_set_string_member (item, "text", text);
  json_object_set_string_member (item, "body", json_object_get_string_member (row, "body"));
  json_object_set_string_member (item, "link", json_object_get_string_member (row, "link"));
  json_object_set_string_member (item, "created_at",
                                 json_object_get_string_member (row, "created_at"));
  return item;
}

/* GET /api/v1/me/notifications: the caller's offered rows, oldest first. */
static void
handle_notifications (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonObject) body = json_object_new ();
  JsonArray *items = json_array_new ();

  rows = helder_outbox_offered_list (helder_web_request_get_store (request),
                                     helder_web_request_get_person (request), DESKTOP_CHANNEL_NAME,
                                     NOTIFICATIONS_LIMIT, &error);
  if (rows == NULL)
    {
      json_array_unref (items);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    json_array_add_object_element (items,
                                   notification_json (json_array_get_object_element (rows, i)));
  json_object_set_array_member (body, "items", items);
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

/* POST /api/v1/me/notifications/ack {"id": 12}: the id travels in the
 * body, not the path, so that no route of employees names a record; the
 * outbox checks that the row is the caller's. */
static void
handle_acknowledge (HelderWebRequest *request)
{
  g_autoptr (JsonObject) in = helder_web_read_json (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) body = NULL;
  JsonNode *id;

  if (in == NULL)
    return;
  id = json_object_get_member (in, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) < 1 || json_object_get_size (in) != 1)
    {
      helder_web_respond_error (
        request, SOUP_STATUS_BAD_REQUEST, "invalid", "id",
        _ ("send {\"id\": N} with the id of one notification you were shown"));
      return;
    }
  row = helder_outbox_offered_acknowledge (helder_web_request_get_store (request),
                                           helder_web_request_get_person (request),
                                           DESKTOP_CHANNEL_NAME, json_node_get_int (id), &error);
  if (row == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  body = json_object_new ();
  json_object_set_int_member (body, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (body, "status", json_object_get_string_member (row, "status"));
  json_object_set_string_member (body, "acknowledged_at",
                                 json_object_get_string_member (row, "acknowledged_at"));
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

/* The two routes in the OpenAPI document; the $refs are core's. */
static const char openapi_part[] =
  "{\n"
  "  \"paths\": {\n"
  "    \"/api/v1/me/notifications\": {\n"
  "      \"get\": {\n"
  "        \"operationId\": \"getMyNotifications\",\n"
  "        \"summary\": \"My desktop notifications to show\",\n"
  "        \"tags\": [\n"
  "          \"me\"\n"
  "        ],\n"
  "        \"description\": \"The caller's messages on the desktop channel that wait to be shown (status offered), oldest first, at most 50. The desktop notifier (`helder notifier`) polls this, shows each item once and acknowledges it.\",\n"
  "        \"responses\": {\n"
  "          \"200\": {\n"
  "            \"description\": \"Notifications\",\n"
  "            \"content\": {\n"
  "              \"application/json\": {\n"
  "                \"schema\": {\n"
  "                  \"type\": \"object\",\n"
  "                  \"required\": [\n"
  "                    \"items\"\n"
  "                  ],\n"
  "                  \"properties\": {\n"
  "                    \"items\": {\n"
  "                      \"type\": \"array\",\n"
  "                      \"items\": {\n"
  "                        \"type\": \"object\",\n"
  "                        \"required\": [\n"
  "                          \"id\",\n"
  "                          \"source\",\n"
  "                          \"subject\",\n"
  "                          \"text\",\n"
  "                          \"body\",\n"
  "                          \"link\",\n"
  "                          \"created_at\"\n"
  "                        ],\n"
  "                        \"properties\": {\n"
  "                          \"id\": {\n"
  "                            \"type\": \"integer\"\n"
  "                          },\n"
  "                          \"source\": {\n"
  "                            \"type\": \"string\",\n"
  "                            \"example\": \"moment:12\"\n"
  "                          },\n"
  "                          \"subject\": {\n"
  "                            \"type\": \"string\"\n"
  "                          },\n"
  "                          \"text\": {\n"
  "                            \"type\": \"string\",\n"
  "                            \"description\": \"Plain text, at most 300 characters\"\n"
  "                          },\n"
  "                          \"body\": {\n"
  "                            \"type\": \"string\",\n"
  "                            \"description\": \"CommonMark\"\n"
  "                          },\n"
  "                          \"link\": {\n"
  "                            \"type\": \"string\"\n"
  "                          },\n"
  "                          \"created_at\": {\n"
  "                            \"type\": \"string\",\n"
  "                            \"format\": \"date-time\"\n"
  "                          }\n"
  "                        }\n"
  "                      }\n"
  "                    }\n"
  "                  }\n"
  "                }\n"
  "              }\n"
  "            }\n"
  "          },\n"
  "          \"401\": {\n"
  "            \"$ref\": \"#/components/responses/Unauthorized\"\n"
  "          }\n"
  "        }\n"
  "      }\n"
  "    },\n"
  "    \"/api/v1/me/notifications/ack\": {\n"
  "      \"post\": {\n"
  "        \"operationId\": \"acknowledgeNotification\",\n"
  "        \"summary\": \"Acknowledge a shown notification\",\n"
  "        \"tags\": [\n"
  "          \"me\"\n"
  "        ],\n"
  "        \"description\": \"Marks one of the caller's offered desktop messages as sent. Acknowledging again answers the same.\",\n"
  "        \"responses\": {\n"
  "          \"200\": {\n"
  "            \"description\": \"Acknowledged\",\n"
  "            \"content\": {\n"
  "              \"application/json\": {\n"
  "                \"schema\": {\n"
  "                  \"type\": \"object\",\n"
  "                  \"properties\": {\n"
  "                    \"id\": {\n"
  "                      \"type\": \"integer\"\n"
  "                    },\n"
  "                    \"status\": {\n"
  "                      \"type\": \"string\"\n"
  "                    },\n"
  "                    \"acknowledged_at\": {\n"
  "                      \"type\": \"string\",\n"
  "                      \"format\": \"date-time\"\n"
  "                    }\n"
  "                  }\n"
  "                }\n"
  "              }\n"
  "            }\n"
  "          },\n"
  "          \"401\": {\n"
  "            \"$ref\": \"#/components/responses/Unauthorized\"\n"
  "          },\n"
  "          \"404\": {\n"
  "            \"$ref\": \"#/components/responses/NotFound\"\n"
  "          },\n"
  "          \"400\": {\n"
  "            \"$ref\": \"#/components/responses/BadRequest\"\n"
  "          }\n"
  "        },\n"
  "        \"requestBody\": {\n"
  "          \"required\": true,\n"
  "          \"content\": {\n"
  "            \"application/json\": {\n"
  "              \"schema\": {\n"
  "                \"type\": \"object\",\n"
  "                \"required\": [\n"
  "                  \"id\"\n"
  "                ],\n"
  "                \"additionalProperties\": false,\n"
  "                \"properties\": {\n"
  "                  \"id\": {\n"
  "                    \"type\": \"integer\",\n"
  "                    \"minimum\": 1\n"
  "                  }\n"
  "                }\n"
  "              }\n"
  "            }\n"
  "          }\n"
  "        }\n"
  "      }\n"
  "    }\n"
  "  }\n"
  "}\n";

/**
 * desktop_web_register:
 * @context: the context the plugin loads into
 *
 * Registers the permission, the routes and the OpenAPI part of the
 * notifier's API. The context removes them when the plugin unloads.
 */
void
desktop_web_register (HelderContext *context)
{
  static const HelderPermission read = {
    .name = DESKTOP_PERMISSION,
    .label = N_ ("fetch and acknowledge one’s own desktop notifications"),
    .roles = HELDER_ROLES_SIGNED_IN,
    .gettext_domain = GETTEXT_PACKAGE,
  };
  static const HelderWebRoute routes[] = {
    { "GET", "/api/v1/me/notifications", DESKTOP_PERMISSION,
      HELDER_ROUTE_API | HELDER_ROUTE_NO_STORE, handle_notifications,
      "my desktop notifications to show" },
    { "POST", "/api/v1/me/notifications/ack", DESKTOP_PERMISSION,
      HELDER_ROUTE_API | HELDER_ROUTE_NO_STORE, handle_acknowledge,
      "acknowledge a shown notification" },
  };

  helder_context_add_permission (context, &read);
  helder_context_add_routes (context, routes, G_N_ELEMENTS (routes));
  helder_context_add_openapi (context, openapi_part);
}
