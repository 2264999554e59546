/* helder-personal-private.h — what helder-personal.c and helder-personal-text.c share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Typed members of sections that may be missing or null. */
static inline JsonNode *
member_value (JsonObject *object, const char *member, GType type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static inline const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_STRING);
  return node ? json_node_get_string (node) : NULL;
}

static inline gboolean
member_true (JsonObject *object, const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_BOOLEAN);
  return node ? json_node_get_boolean (node) : FALSE;
}

static inline gint64
member_int (JsonObject *object, const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_INT64);
  return node ? json_node_get_int (node) : 0;
}

static inline JsonObject *
member_object (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static inline JsonArray *
member_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

G_END_DECLS
