/* survey-templates.c — the questionnaire templates in the plugin's resources
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each template is questionnaires/NAME.json: its kind, a title, a
 * description and an introduction, and its questions, every text in Dutch
 * ("nl") and English ("en").
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-define.h"

const char *const survey_template_names[] = { "pulse", "readiness", "experience", "evaluation",
                                              NULL };

JsonObject *
survey_template_load (const char *name, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (name == NULL || !g_strv_contains (survey_template_names, name))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) survey_template_names);

      helder_error_set (error, HELDER_ERROR_INVALID, "template",
                        _ ("--template: “%s” is no questionnaire template; choose one of %s"),
                        name != NULL ? name : "", names);
      return NULL;
    }
  path = g_strdup_printf ("/nl/helder/plugins/surveys/questionnaires/%s.json", name);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
    return NULL;
  root = json_parser_get_root (parser);
  return json_object_ref (json_node_get_object (root));
}
