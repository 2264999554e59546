/* helder-command.h — CLI commands that core and addins register
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HelderContext HelderContext;

/**
 * HelderInvocation:
 * @context: the running context (database, engine, registries)
 * @command: the name the command was invoked as
 * @json: %TRUE when the user asked for `--json`
 * @user_data: the command's @user_data
 *
 * What a command gets when it runs.
 */
typedef struct
{
  HelderContext *context;
  const char *command;
  gboolean json;
  gpointer user_data;
} HelderInvocation;

/**
 * HelderCommandFunc:
 * @argv: the arguments after the command name, argv[0] being the command
 *
 * Runs a command. Return %FALSE with @error set on failure: errors in
 * %G_OPTION_ERROR or %HELDER_ERROR_USAGE exit with 2, others with 1.
 */
typedef gboolean (*HelderCommandFunc) (HelderInvocation *invocation,
                                       int argc,
                                       char **argv,
                                       GError **error);

/**
 * HelderCommand:
 * @name: what the user types, e.g. "import"
 * @summary: one line for `helder --help`, marked with N_() (translated on display
 *   in the domain @gettext_domain, or Helder's own when %NULL)
 * @owner: "core" or the module name of the plugin that registered it
 * @func: runs it
 * @user_data: passed on in the invocation
 */
typedef struct
{
  const char *name;
  const char *summary;
  const char *owner;
  const char *gettext_domain;
  HelderCommandFunc func;
  gpointer user_data;
} HelderCommand;

G_END_DECLS
