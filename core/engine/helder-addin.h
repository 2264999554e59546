/* helder-addin.h — the extension point for feature plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "engine/helder-context.h"

G_BEGIN_DECLS

/**
 * SECTION:helder-addin
 * @title: HelderAddin
 * @short_description: a feature plugin
 *
 * A #HelderAddin adds a feature to Helder: surveys, interviews, recruitment.
 * The engine creates one instance per plugin that provides it and calls
 * helder_addin_load() once, after core registered its own commands and
 * before any command runs or the store is opened.
 *
 * On load an addin may register, always under its own component name (its
 * module name, as in its `.plugin` file):
 *
 * - store migrations with helder_context_add_migration(); they are applied
 *   when the store opens, after core's, each version once;
 * - CLI commands with helder_context_add_command(), with its module name
 *   as @owner and its own gettext domain;
 * - and, as core grows the registries for them, web routes and pages,
 *   digest sections and insight rules.
 *
 * On unload it removes every one of them again
 * (helder_context_remove_command(), helder_context_remove_migrations()),
 * so that the context looks as if the addin had never been there. Tables
 * an addin created stay in the database: its data is not lost when the
 * plugin is missing for a while.
 *
 * Core never depends on an addin: every core feature works when no addin
 * is loaded, and an addin talks to core only through its public headers.
 */

#define HELDER_TYPE_ADDIN (helder_addin_get_type ())
G_DECLARE_INTERFACE (HelderAddin, helder_addin, HELDER, ADDIN, GObject)

/**
 * HelderAddinInterface:
 * @parent_iface: the parent interface
 * @load: registers what the addin adds to @context
 * @unload: removes all of it again
 *
 * The virtual methods of #HelderAddin. Both are optional.
 */
struct _HelderAddinInterface
{
  GTypeInterface parent_iface;

  void (*load) (HelderAddin *self, HelderContext *context);
  void (*unload) (HelderAddin *self, HelderContext *context);
};

void helder_addin_load (HelderAddin *self, HelderContext *context);
void helder_addin_unload (HelderAddin *self, HelderContext *context);

G_END_DECLS
