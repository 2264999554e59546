/* desktop-notifier-command.c — `helder notifier [--server URL] [--token TOKEN] [--once] [--interval
 * SECONDS]`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the settings of the GSettings schema nl.helder.Notifier (server-url,
 * token, interval, max-backoff), lets the options override them, checks
 * them, and runs the notifier (desktop-notifier.c). Without the schema
 * installed, the options alone are used.
 */
#define G_LOG_DOMAIN "helder-desktop"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "helder.h"

#include "desktop-notifier.h"

const char desktop_notifier_summary[] = N_ ("Show your Helder notifications on your desktop");

typedef struct
{
  char *server_url;
  char *token;
  guint interval;
  guint max_backoff;
  gboolean have_schema;
} Settings;

static void
settings_clear (Settings *settings)
{
  g_clear_pointer (&settings->server_url, g_free);
  g_clear_pointer (&settings->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Settings, settings_clear)

/* The schema's values; its defaults when it is not installed. An older
 * schema without some key keeps that key's default instead of aborting. */
static void
read_settings (Settings *settings)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) gsettings = NULL;

  settings->server_url = g_strdup (DESKTOP_NOTIFIER_DEFAULT_SERVER);
  settings->token = g_strdup ("");
  settings->interval = DESKTOP_NOTIFIER_DEFAULT_INTERVAL;
  settings->max_backoff = DESKTOP_NOTIFIER_DEFAULT_MAX_BACKOFF;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, DESKTOP_NOTIFIER_SCHEMA, TRUE);
  settings->have_schema = schema != NULL;
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed: options only", DESKTOP_NOTIFIER_SCHEMA);
      return;
    }

  gsettings = g_settings_new_full (schema, NULL, NULL);
  if (g_settings_schema_has_key (schema, "server-url"))
    {
      g_free (settings->server_url);
      settings->server_url = g_settings_get_string (gsettings, "server-url");
    }
  if (g_settings_schema_has_key (schema, "token"))
    {
      g_free (settings->token);
      settings->token = g_settings_get_string (gsettings, "token");
    }
  if (g_settings_schema_has_key (schema, "interval"))
    settings->interval = g_settings_get_uint (gsettings, "interval");
  if (g_settings_schema_has_key (schema, "max-backoff"))
    settings->max_backoff = g_settings_get_uint (gsettings, "max-backoff");
}

/* "https://helder.example.nl/" → "https://helder.example.nl"; %NULL when
 * it is not an http(s) address. @where names the option or setting. */
static char *
check_server_url (const char *url, const char *where, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  g_autofree char *normal = NULL;
  gsize length;

  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      helder_cli_usage_error (
        error,
        _ ("%s: “%s” is not the address of a Helder server; "
           "give one like http://127.0.0.1:8080 or https://helder.example.nl"),
        where, url);
      return NULL;
    }
  normal = g_strdup (url);
  length = strlen (normal);
  while (length > 0 && normal[length - 1] == '/')
    normal[--length] = '\0';
  return g_steal_pointer (&normal);
}

/* A token is one printable word; a space or line break is a copying
 * mistake and would corrupt the Authorization header. */
static gboolean
check_token (const char *token, const char *where, GError **error)
{
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return helder_cli_usage_error (error,
                                     _ ("%s: the token contains a space or another character "
                                        "that tokens do not have; copy it again from the output "
                                        "of “helder token issue”"),
                                     where);
  return TRUE;
}

/**
 * desktop_notifier_command_run:
 *
 * `helder notifier`: shows the person's notifications on the desktop.
 */
gboolean
desktop_notifier_command_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *server_url = NULL;
  g_auto (Settings) settings = { 0 };
  gboolean once = FALSE;
  int interval = -1;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_ ("The Helder server (default: the setting server-url, http://127.0.0.1:8080)"),
      N_ ("URL") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_ ("Your personal access token (default: the setting token)"), N_ ("TOKEN") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_ ("Ask once, show and acknowledge what is new, and exit"), NULL },
    { "interval", 0, 0, G_OPTION_ARG_INT, &interval,
      N_ (
        "Seconds between two questions to the server, 5–3600 (default: the setting interval, 60)"),
      N_ ("SECONDS") },
    { NULL }
  };
  DesktopNotifierOptions options = { 0 };
  const char *token_from;
  const char *server_from;

  if (!helder_cli_parse (invocation, entries, NULL, desktop_notifier_summary, &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: “helder notifier” takes options only"), argv[1]);

  read_settings (&settings);

  if (server != NULL)
    server_from = "--server";
  else
    {
      server = g_strdup (settings.server_url);
      server_from = settings.have_schema ? DESKTOP_NOTIFIER_SCHEMA " server-url" : "--server";
    }
  g_strstrip (server);
  server_url = check_server_url (server, server_from, error);
  if (server_url == NULL)
    return FALSE;

  if (token != NULL)
    token_from = "--token";
  else
    {
      token = g_strdup (settings.token);
      token_from = DESKTOP_NOTIFIER_SCHEMA " token";
    }
  g_strstrip (token);
  if (token[0] == '\0')
    {
      if (settings.have_schema)
        return helder_cli_usage_error (
          error,
          _ ("no token: give your personal access token with --token TOKEN, "
             "or store it once with “gsettings set %s token TOKEN”; "
             "ask your Helder administrator for one "
             "(made with “helder token issue PERSON --role employee”)"),
          DESKTOP_NOTIFIER_SCHEMA);
      return helder_cli_usage_error (
        error,
        _ ("no token: give your personal access token with --token TOKEN "
           "(settings cannot be read: the GSettings schema %s is not installed); "
           "ask your Helder administrator for one "
           "(made with “helder token issue PERSON --role employee”)"),
        DESKTOP_NOTIFIER_SCHEMA);
    }
  if (!check_token (token, token_from, error))
    return FALSE;

  if (interval != -1 &&
      (interval < DESKTOP_NOTIFIER_MIN_INTERVAL || interval > DESKTOP_NOTIFIER_MAX_INTERVAL))
    return helder_cli_usage_error (error, _ ("--interval: %d is not between %d and %d seconds"),
                                   interval, DESKTOP_NOTIFIER_MIN_INTERVAL,
                                   DESKTOP_NOTIFIER_MAX_INTERVAL);

  options.server_url = server_url;
  options.token = token;
  options.interval = interval != -1 ? (guint) interval : settings.interval;
  options.interval =
    CLAMP (options.interval, DESKTOP_NOTIFIER_MIN_INTERVAL, DESKTOP_NOTIFIER_MAX_INTERVAL);
  options.max_backoff = MAX (settings.max_backoff, options.interval);
  options.once = once;
  return desktop_notifier_run (&options, error);
}
