/* helder-cli.c — `helder [--db PATH] [--json] COMMAND …`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sets up gettext, finds the database, loads the plugins, and hands the
 * rest of the command line to the command it names. Exit codes: 0 success,
 * 1 a user error (one line on stderr), 2 a usage error.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "engine/helder-engine.h"

static char *
default_db_path (void)
{
  const char *env = g_getenv ("HELDER_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "helder", "helder.db", NULL);
}

static void
setup_gettext (void)
{
  const char *dir = g_getenv ("HELDER_LOCALEDIR");

  /* A Dutch user whose nl_NL locale was never generated (common on servers
   * and containers) still gets Dutch: keep the language, use C.UTF-8. */
  if (setlocale (LC_ALL, "") == NULL)
    {
      const char *wanted = g_getenv ("LC_ALL");

      if (wanted == NULL || wanted[0] == '\0')
        wanted = g_getenv ("LC_MESSAGES");
      if (wanted == NULL || wanted[0] == '\0')
        wanted = g_getenv ("LANG");
      setlocale (LC_ALL, "C.UTF-8");
      if (wanted != NULL && g_ascii_isalpha (wanted[0]) &&
          (g_getenv ("LANGUAGE") == NULL || g_getenv ("LANGUAGE")[0] == '\0'))
        {
          g_autofree char *language = g_strndup (wanted, strcspn (wanted, "_.@"));
          g_setenv ("LANGUAGE", language, TRUE);
        }
    }
  /* Messages and pages switch LANGUAGE per person (helder_language_use);
   * it must exist before any thread starts. */
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static void
print_help (HelderContext *context, FILE *to)
{
  g_autoptr (GPtrArray) commands = helder_context_list_commands (context);
  guint width = 0;

  fprintf (to, "%s\n  helder [--db PATH] [--as PERSON] [--json] %s\n\n", _ ("Usage:"),
           _ ("COMMAND [ARGUMENTS…]"));
  fprintf (
    to, "%s\n",
    _ (
      "Helder keeps everyone affected by an ICT transition clearly, timely and honestly informed."));
  fprintf (to, "\n%s\n", _ ("Commands:"));
  for (guint i = 0; i < commands->len; i++)
    width = MAX (width, strlen (((const HelderCommand *) g_ptr_array_index (commands, i))->name));
  for (guint i = 0; i < commands->len; i++)
    {
      const HelderCommand *c = g_ptr_array_index (commands, i);
      const char *summary =
        c->gettext_domain ? g_dgettext (c->gettext_domain, c->summary) : _ (c->summary);
      fprintf (to, "  %-*s  %s\n", (int) width, c->name, summary);
    }
  fprintf (to, "\n%s\n", _ ("Options:"));
  fprintf (to, "  --db PATH   %s\n",
           _ ("the database (default: $HELDER_DB or ~/.local/share/helder/helder.db)"));
  fprintf (to, "  --as PERSON %s\n",
           _ ("who does this, for the audit log (default: $HELDER_OPERATOR or `helder config "
              "set operator PERSON`)"));
  fprintf (to, "  --json      %s\n", _ ("print JSON for programs instead of text for people"));
  fprintf (to, "  --version   %s\n", _ ("print the version and exit"));
  fprintf (to, "\n%s\n", _ ("Run “helder COMMAND --help” for the options of a command."));
}

static int
exit_code_for (const GError *error)
{
  if (error->domain == G_OPTION_ERROR ||
      (error->domain == HELDER_ERROR && error->code == HELDER_ERROR_USAGE))
    return 2;
  return 1;
}

int
helder_cli_main (int argc, char **argv)
{
  g_autoptr (HelderContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;
  HelderInvocation invocation = { 0 };
  const HelderCommand *command;
  gboolean json = FALSE;
  gboolean help = FALSE;
  int first = 1;
  int status;

  setup_gettext ();

  /* A clock set wrong would quietly show and send the wrong things. */
  if (!helder_clock_init_from_env (&error))
    {
      g_printerr ("helder: %s\n", error->message);
      return 2;
    }

  /* Global options come before the command; the command parses the rest. */
  for (; first < argc; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help"))
        help = TRUE;
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("helder %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (arg, "--db"))
        {
          if (first + 1 >= argc || argv[first + 1][0] == '\0')
            {
              g_printerr ("helder: %s\n", _ ("--db needs a path"));
              return 2;
            }
          g_free (db);
          db = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (db);
          db = g_strdup (arg + strlen ("--db="));
          if (db[0] == '\0')
            {
              g_printerr ("helder: %s\n", _ ("--db needs a path"));
              return 2;
            }
        }
      else if (g_str_equal (arg, "--as") || g_str_has_prefix (arg, "--as="))
        {
          const char *who = arg[4] == '=' ? arg + 5 : (first + 1 < argc ? argv[++first] : NULL);

          if (who == NULL || who[0] == '\0')
            {
              g_printerr ("helder: %s\n", _ ("--as needs a person (an id or e-mail address)"));
              return 2;
            }
          helder_cli_operator_set_requested (who);
        }
      else if (arg[0] == '-')
        {
          g_printerr ("helder: %s\n", _ ("unknown option; run “helder --help”"));
          g_printerr ("  %s\n", arg);
          return 2;
        }
      else
        break;
    }

  if (db == NULL)
    db = default_db_path ();

  context = helder_context_new (db);
  helder_cli_programme_register (context);
  helder_cli_noun_register (context);
  helder_cli_transfer_register (context);
  helder_cli_plugins_register (context);
  helder_cli_web_register (context);
  helder_cli_delivery_register (context);
  helder_cli_invite_register (context);
  helder_engine_load_all (helder_context_get_engine (context));
  helder_cli_noun_register_plugins (context);

  if (help || first >= argc)
    {
      print_help (context, help ? stdout : stderr);
      status = help ? 0 : 2;
      goto out;
    }

  command = helder_context_lookup_command (context, argv[first]);
  if (command == NULL)
    {
      g_printerr ("helder: ");
      g_printerr (_ ("unknown command “%s”; run “helder --help” to see the commands"), argv[first]);
      g_printerr ("\n");
      status = 2;
      goto out;
    }

  invocation.context = context;
  invocation.command = command->name;
  invocation.json = json;
  invocation.user_data = command->user_data;

  if (command->func (&invocation, argc - first, argv + first, &error))
    status = 0;
  else
    {
      if (error != NULL)
        g_printerr ("helder %s: %s\n", command->name, error->message);
      else
        g_printerr ("helder %s: %s\n", command->name, _ ("failed"));
      status = error != NULL ? exit_code_for (error) : 1;
    }

out:
  helder_cli_operator_set_requested (NULL);
  helder_engine_unload_all (helder_context_get_engine (context));
  return status;
}
