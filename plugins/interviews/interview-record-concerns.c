/* interview-record-concerns.c — the concerns an interview raised
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each concern of a record ({text, theme, groups, named}) is raised via
 * the interview, in the record's transaction; it names the interviewee
 * only when "named" is true (they agreed), and then the interviewee must
 * be a person in Helder.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"

static gboolean
string_member (JsonObject *o,
               const char *member,
               const char *field,
               const char **value,
               GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: give it as text"), field);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/* "groups": ["a", "b"] or "a,b". */
static GStrv
groups_of (JsonObject *o, const char *field, GError **error)
{
  JsonNode *node = json_object_get_member (o, "groups");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strv_builder_end (builder);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto (GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (g_strstrip (parts[i])[0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      return g_strv_builder_end (builder);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            break;
          g_strv_builder_add (builder, json_node_get_string (e));
          if (i + 1 == json_array_get_length (array))
            return g_strv_builder_end (builder);
        }
      if (json_array_get_length (array) == 0)
        return g_strv_builder_end (builder);
    }
  helder_error_set (error, HELDER_ERROR_INVALID, field,
                    _ ("%s: give the groups as a list of short names"), field);
  return NULL;
}

static gboolean
raise_one (HelderStore *store,
           const HelderAuditActor *actor,
           gint64 interview,
           gint64 person,
           JsonNode *node,
           guint index,
           GError **error)
{
  g_autofree char *field = g_strdup_printf ("concerns[%u]", index + 1);
  g_auto (GStrv) groups = NULL;
  ConcernDraft draft = { 0 };
  JsonObject *o;
  JsonNode *named;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: give a concern as an object with its text"), field);
      return FALSE;
    }
  o = json_node_get_object (node);
  named = json_object_get_member (o, "named");
  if (named != NULL &&
      (!JSON_NODE_HOLDS_VALUE (named) || json_node_get_value_type (named) != G_TYPE_BOOLEAN))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: named is true or false"),
                        field);
      return FALSE;
    }
  if (!string_member (o, "text", field, &draft.text, error) ||
      !string_member (o, "theme", field, &draft.theme, error) ||
      (groups = groups_of (o, field, error)) == NULL)
    return FALSE;
  draft.groups = (const char *const *) groups;
  draft.named = named != NULL && json_node_get_boolean (named);
  draft.person = person;
  draft.via = "interview";
  draft.interview = interview;
  if (draft.named && person == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: the interviewee is no person in Helder, so the concern cannot "
                           "name them"),
                        field);
      return FALSE;
    }
  if (!concern_raise (store, actor, &draft, NULL, error))
    {
      g_prefix_error (error, "%s: ", field);
      return FALSE;
    }
  return TRUE;
}

gboolean
interview_record_concerns (HelderStore *store,
                           const HelderAuditActor *actor,
                           gint64 interview,
                           gint64 person,
                           JsonArray *concerns,
                           GError **error)
{
  for (guint i = 0; i < json_array_get_length (concerns); i++)
    if (!raise_one (store, actor, interview, person, json_array_get_element (concerns, i), i,
                    error))
      return FALSE;
  return TRUE;
}
