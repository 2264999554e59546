/* helder-plugin-info.h — what the engine knows about one plugin it found
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * HelderPluginInfo:
 * @module: the module name from the `.plugin` file, e.g. "email"; for a
 *   `.plugin` file that could not be read, the file's name without
 *   ".plugin"
 * @name: (nullable): the plugin's name for people; %NULL when its `.plugin`
 *   file could not be read
 * @description: (nullable): one sentence about what it does
 * @version: (nullable): its version
 * @loaded: whether it loaded
 * @error: (nullable): why it did not load; %NULL when @loaded
 * @provides: what it provides: "addin", "channel", "addin, channel", or
 *   "" when it is not loaded or provides neither
 *
 * What the engine knows about one plugin it found.
 */
typedef struct
{
  char *module;
  char *name;
  char *description;
  char *version;
  gboolean loaded;
  char *error;
  char *provides;
} HelderPluginInfo;

#define HELDER_TYPE_PLUGIN_INFO (helder_plugin_info_get_type ())
GType helder_plugin_info_get_type (void) G_GNUC_CONST;
HelderPluginInfo *helder_plugin_info_copy (const HelderPluginInfo *info);
void helder_plugin_info_free (HelderPluginInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderPluginInfo, helder_plugin_info_free)

G_END_DECLS
