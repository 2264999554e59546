/* helder-cli-verbs.c — `helder NOUN VERB …` for a command whose verbs are
 * a table: --help lists them, an unknown verb names the known ones
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cli/helder-cli.h"

static void
print_verbs (const char *usage,
             const HelderCliVerb *verbs,
             guint n_verbs,
             const char *gettext_domain)
{
  int width = 0;

  for (guint i = 0; i < n_verbs; i++)
    width = MAX (width, (int) strlen (verbs[i].name));
  g_print ("%s\n\n", g_dgettext (gettext_domain, usage));
  for (guint i = 0; i < n_verbs; i++)
    g_print ("  %-*s %s\n", width + 1, verbs[i].name,
             g_dgettext (gettext_domain, verbs[i].summary));
}

/**
 * helder_cli_run_verb:
 * @inv: the invocation of the noun's command
 * @argc: the number of @argv
 * @argv: the noun's arguments, argv[1] the verb
 * @usage: the untranslated "Usage: helder NOUN VERB [OPTION…]" line
 * @verbs: (array length=n_verbs): the verbs, their summaries untranslated
 * @n_verbs: how many
 * @gettext_domain: the domain @usage and the summaries are translated in
 * @error: a usage error for an unknown verb
 *
 * Without a verb or with --help (-h) prints @usage and the verbs with
 * their summaries, and succeeds. Otherwise runs the verb argv[1] with the
 * arguments from there on, @inv's command being "NOUN VERB" while it
 * runs; an unknown verb is a usage error that names it and the known ones.
 *
 * Returns: what the verb returned, %TRUE after the help
 */
gboolean
helder_cli_run_verb (HelderInvocation *inv,
                     int argc,
                     char **argv,
                     const char *usage,
                     const HelderCliVerb *verbs,
                     guint n_verbs,
                     const char *gettext_domain,
                     GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);
  const char *parent = inv->command;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_verbs (usage, verbs, n_verbs, gettext_domain);
      return TRUE;
    }
  for (guint i = 0; i < n_verbs; i++)
    if (g_str_equal (argv[1], verbs[i].name))
      {
        g_autofree char *command = g_strdup_printf ("%s %s", parent, verbs[i].name);
        gboolean ok;

        inv->command = command;
        ok = verbs[i].func (inv, argc - 1, argv + 1, error);
        inv->command = parent;
        return ok;
      }
  for (guint i = 0; i < n_verbs; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", verbs[i].name);
  /* TRANSLATORS: "item: “ad” is no verb; one of add, update, show" */
  return helder_cli_usage_error (error, _ ("%s: “%s” is no verb; one of %s"), parent,
                                 g_utf8_validate (argv[1], -1, NULL) ? argv[1] : "", known->str);
}
