/* desktop-notifier.h — `helder notifier`, the desktop notifier
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "helder.h"

G_BEGIN_DECLS

/* `helder --help`: untranslated (N_()), translated on display */
extern const char desktop_notifier_summary[];

/* The GSettings schema of the notifier, nl.helder.Notifier.gschema.xml, beside it */
#define DESKTOP_NOTIFIER_SCHEMA              "nl.helder.Notifier"
#define DESKTOP_NOTIFIER_DEFAULT_SERVER      "http://127.0.0.1:8080"
#define DESKTOP_NOTIFIER_DEFAULT_INTERVAL    60
#define DESKTOP_NOTIFIER_DEFAULT_MAX_BACKOFF 900
#define DESKTOP_NOTIFIER_MIN_INTERVAL        5
#define DESKTOP_NOTIFIER_MAX_INTERVAL        3600

typedef struct
{
  const char *server_url; /* "http(s)://host[:port][/prefix]", no trailing "/" */
  const char *token;      /* the bearer token */
  guint interval;         /* seconds between polls */
  guint max_backoff;      /* the longest wait while the server is unreachable */
  gboolean once;          /* poll once, show, acknowledge, exit */
} DesktopNotifierOptions;

/* desktop-notifier-command.c: the `notifier` command */
gboolean
desktop_notifier_command_run (HelderInvocation *invocation, int argc, char **argv, GError **error);

/* desktop-notifier.c: polls, shows, acknowledges until stopped (or once) */
gboolean desktop_notifier_run (const DesktopNotifierOptions *options, GError **error);

G_END_DECLS
