/* interview-template.c — the interview templates, one per kind
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interview-templates/KIND.json, bundled as resources: the questions an
 * ICT project leader asks, in Dutch and English. A process owner's
 * template holds questions for every area; those with an "area" are for
 * that area only.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "interview-service.h"

#define TEMPLATE_PATH "/nl/helder/plugins/interviews/interview-templates/%s.json"

const char *const interview_kinds[] = { "internal-admin", "supplier", "chain-partner",
                                        "process-owner",  "employee", NULL };

JsonObject *
interview_template (const char *kind, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *known = g_strjoinv (", ", (char **) interview_kinds);
  JsonNode *root;

  if (kind == NULL || !g_strv_contains (interview_kinds, kind))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "kind",
                        _ ("kind: “%s” is no kind of interview; one of %s"),
                        kind != NULL && g_utf8_validate (kind, -1, NULL) ? kind : "", known);
      return NULL;
    }
  path = g_strdup_printf (TEMPLATE_PATH, kind);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes), NULL))
    g_error ("interviews: the template %s is missing or broken", path);
  root = json_parser_get_root (parser);
  return json_object_ref (json_node_get_object (root));
}

JsonArray *
interview_template_list (void)
{
  JsonArray *list = json_array_new ();

  for (guint i = 0; interview_kinds[i] != NULL; i++)
    {
      g_autoptr (JsonObject) template = interview_template (interview_kinds[i], NULL);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "kind", interview_kinds[i]);
      json_object_set_string_member (entry, "title",
                                     json_object_get_string_member (template, "title"));
      json_object_set_string_member (entry, "title_en",
                                     json_object_get_string_member (template, "title_en"));
      json_object_set_int_member (
        entry, "questions",
        json_array_get_length (json_object_get_array_member (template, "questions")));
      json_array_add_object_element (list, entry);
    }
  return list;
}
