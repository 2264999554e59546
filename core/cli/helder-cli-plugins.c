/* helder-cli-plugins.c — `helder plugins`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "engine/helder-engine.h"

#define PLUGINS_SUMMARY N_ ("List the plugins found and whether they are loaded")

static const char *
plugin_state (const HelderPluginInfo *info)
{
  if (info->loaded)
    return _ ("loaded");
  if (info->error != NULL)
    return info->error;
  return _ ("not loaded");
}

static void
add_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
plugins_to_json (GPtrArray *plugins)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < plugins->len; i++)
    {
      const HelderPluginInfo *info = g_ptr_array_index (plugins, i);
      g_auto (GStrv) provides = g_strsplit (info->provides, ", ", -1);

      json_builder_begin_object (builder);
      add_member (builder, "module", info->module);
      add_member (builder, "name", info->name);
      add_member (builder, "description", info->description);
      add_member (builder, "version", info->version);
      json_builder_set_member_name (builder, "provides");
      json_builder_begin_array (builder);
      for (guint p = 0; provides[p] != NULL; p++)
        if (provides[p][0] != '\0')
          json_builder_add_string_value (builder, provides[p]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "loaded");
      json_builder_add_boolean_value (builder, info->loaded);
      add_member (builder, "error", info->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static gboolean
plugins_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  const char *headers[] = { _ ("module"), _ ("name"),        _ ("provides"),
                            _ ("state"),  _ ("description"), NULL };
  g_autoptr (GPtrArray) plugins = NULL;

  if (!helder_cli_parse (invocation, NULL, NULL, PLUGINS_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: “helder plugins” takes none"), argv[1]);

  plugins = helder_engine_get_plugins (helder_context_get_engine (invocation->context));

  if (invocation->json)
    {
      g_autoptr (JsonNode) root = plugins_to_json (plugins);

      helder_cli_print_json (root);
      return TRUE;
    }

  if (plugins->len == 0)
    {
      g_print ("%s\n", _ ("No plugins found."));
      return TRUE;
    }

  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint i = 0; i < plugins->len; i++)
      {
        const HelderPluginInfo *info = g_ptr_array_index (plugins, i);
        char **row = g_new0 (char *, 6);

        /* A NULL cell would end the row early. */
        row[0] = g_strdup (info->module);
        row[1] = g_strdup (info->name != NULL ? info->name : "");
        row[2] = helder_cli_display_list (info->provides);
        row[3] = g_strdup (plugin_state (info));
        row[4] = g_strdup (info->description != NULL ? info->description : "");
        g_ptr_array_add (rows, row);
      }
    helder_cli_print_table (headers, rows);
  }
  return TRUE;
}

/**
 * helder_cli_plugins_register:
 * @context: the context to register `helder plugins` with
 */
void
helder_cli_plugins_register (HelderContext *context)
{
  static const HelderCommand command = {
    "plugins", PLUGINS_SUMMARY, "core", NULL, plugins_run, NULL
  };

  helder_context_add_command (context, &command);
}
