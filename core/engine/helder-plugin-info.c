/* helder-plugin-info.c — what the engine knows about one plugin it found
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-plugin-info.h"

G_DEFINE_BOXED_TYPE (HelderPluginInfo,
                     helder_plugin_info,
                     helder_plugin_info_copy,
                     helder_plugin_info_free)

/**
 * helder_plugin_info_copy:
 * @info: a #HelderPluginInfo
 *
 * Returns: (transfer full): a deep copy of @info
 */
HelderPluginInfo *
helder_plugin_info_copy (const HelderPluginInfo *info)
{
  HelderPluginInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (HelderPluginInfo, 1);
  copy->module = g_strdup (info->module);
  copy->name = g_strdup (info->name);
  copy->description = g_strdup (info->description);
  copy->version = g_strdup (info->version);
  copy->loaded = info->loaded;
  copy->error = g_strdup (info->error);
  copy->provides = g_strdup (info->provides);
  return copy;
}

void
helder_plugin_info_free (HelderPluginInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->module);
  g_free (info->name);
  g_free (info->description);
  g_free (info->version);
  g_free (info->error);
  g_free (info->provides);
  g_free (info);
}
