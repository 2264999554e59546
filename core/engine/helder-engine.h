/* helder-engine.h — finds and loads the plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "engine/helder-addin.h"
#include "engine/helder-channel.h"
#include "engine/helder-context.h"
#include "engine/helder-plugin-info.h"

G_BEGIN_DECLS

/**
 * HELDER_PLUGIN_PATH_ENV:
 *
 * The environment variable with extra plugin folders, separated by ':'.
 * They are searched before the installed plugins, so a plugin found there
 * wins over an installed one with the same module name.
 */
#define HELDER_PLUGIN_PATH_ENV "HELDER_PLUGIN_PATH"

/**
 * HELDER_DISABLED_PLUGINS_ENV:
 *
 * The environment variable that names plugins (by module, separated by
 * commas) not to load, e.g. "email,desktop". `helder plugins` lists them
 * as disabled; the messages of a disabled channel wait in the outbox.
 */
#define HELDER_DISABLED_PLUGINS_ENV "HELDER_DISABLED_PLUGINS"

#define HELDER_TYPE_ENGINE (helder_engine_get_type ())
G_DECLARE_FINAL_TYPE (HelderEngine, helder_engine, HELDER, ENGINE, GObject)

HelderEngine *helder_engine_new (HelderContext *context);
HelderContext *helder_engine_get_context (HelderEngine *self);
void helder_engine_load_all (HelderEngine *self);
void helder_engine_unload_all (HelderEngine *self);
GPtrArray *helder_engine_get_plugins (HelderEngine *self);
GPtrArray *helder_engine_get_channels (HelderEngine *self);
HelderChannel *helder_engine_find_channel (HelderEngine *self, const char *name);

G_END_DECLS
