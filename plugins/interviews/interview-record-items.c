/* interview-record-items.c — the items an interview mentioned
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each item of a record ({"kind", "name", FIELD: value…}) is noted in the
 * inventory with the interview as its source (inv_item_note), in the
 * record's transaction: the same item named by two interviews is one item
 * with two sources, and where they disagree the inventory shows the
 * conflict. An error names the item by its place in the record.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "interview-private.h"
#include "inv-service.h"

static gboolean
text_member (JsonObject *o,
             const char *member,
             const char *field,
             const char **value,
             GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: an item needs its %s as text"),
                        field, member);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
note_one (HelderStore *store,
          const HelderAuditActor *actor,
          gint64 interview,
          JsonNode *node,
          guint index,
          GError **error)
{
  g_autofree char *field = g_strdup_printf ("items[%u]", index + 1);
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (GList) members = NULL;
  const char *kind, *name;
  JsonObject *o;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: give an item as an object with its kind and name"), field);
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!text_member (o, "kind", field, &kind, error) ||
      !text_member (o, "name", field, &name, error))
    return FALSE;
  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "kind") && !g_str_equal (l->data, "name"))
      json_object_set_member (fields, l->data,
                              json_node_copy (json_object_get_member (o, l->data)));
  if (!inv_item_note (store, actor, interview, NULL, kind, name, fields, NULL, error))
    {
      g_prefix_error (error, "%s: ", field);
      return FALSE;
    }
  return TRUE;
}

gboolean
interview_record_items (HelderStore *store,
                        const HelderAuditActor *actor,
                        gint64 interview,
                        JsonArray *items,
                        GError **error)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!note_one (store, actor, interview, json_array_get_element (items, i), i, error))
      return FALSE;
  return TRUE;
}

JsonArray *
interview_items (HelderStore *store, gint64 interview, GError **error)
{
  InvFilter filter = { 0 };

  filter.interview = interview;
  return inv_item_list (store, &filter, error);
}
