/* helder-cli-template.c — `helder init --template NAME` and `--template list`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The programme's texts (phase, group and gate names, criteria) are in its
 * language: --language, or the language Helder speaks to whoever runs
 * `helder init` (LANGUAGE, LC_MESSAGES, LANG), English when that is
 * neither Dutch nor English.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli-template-private.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-programme-template.h"

/**
 * helder_cli_template_language:
 * @given: (nullable): what --language says
 *
 * Returns: "nl" or "en", or %NULL with @error naming --language
 */
const char *
helder_cli_template_language (const char *given, GError **error)
{
  const char *const *names;

  if (given != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (given, -1);

      if (g_str_equal (lower, "nl") || g_str_equal (lower, "nederlands") ||
          g_str_equal (lower, "dutch"))
        return "nl";
      if (g_str_equal (lower, "en") || g_str_equal (lower, "english") ||
          g_str_equal (lower, "engels"))
        return "en";
      helder_error_set (error, HELDER_ERROR_INVALID, "language",
                        _ ("--language: “%s” is not nl or en"), given);
      return NULL;
    }
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return "nl";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C") ||
          g_str_equal (names[i], "POSIX"))
        return "en";
    }
  return "en";
}

/* `helder init --template list`: the templates, in @language. */
gboolean
helder_cli_template_list (HelderInvocation *inv, const char *language, GError **error)
{
  g_autoptr (GPtrArray) list = helder_programme_template_list (language, error);

  if (list == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonArray) array = json_array_new ();
      g_autoptr (JsonNode) node = NULL;

      for (guint i = 0; i < list->len; i++)
        {
          HelderProgrammeTemplate *t = g_ptr_array_index (list, i);
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "name", t->name);
          json_object_set_string_member (o, "title", t->title);
          json_object_set_string_member (o, "summary", t->summary);
          json_array_add_object_element (array, o);
        }
      node = json_node_init_array (json_node_alloc (), array);
      helder_cli_print_json (node);
      return TRUE;
    }
  g_print ("%s\n", _ ("Templates for a new programme (helder init --template NAME):"));
  for (guint i = 0; i < list->len; i++)
    {
      HelderProgrammeTemplate *t = g_ptr_array_index (list, i);
      g_print ("  %s — %s\n    %s\n", t->name, t->title, t->summary);
    }
  return TRUE;
}

/* Fills the empty @store from the template; errors name the option. */
gboolean
helder_cli_template_create (HelderStore *store,
                            const char *template_name,
                            const char *language,
                            JsonObject *programme,
                            GError **error)
{
  static const char *const options[][2] = {
    { "starts_on", "--start" },
    { "ends_on", "--end" },
  };
  const char *field;

  if (helder_programme_template_load (store, template_name, language, programme, error))
    return TRUE;
  field = helder_error_get_field (*error);
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *prefix = g_strconcat (options[i][0], ": ", NULL);

      if (g_str_equal (field, options[i][0]) && g_str_has_prefix ((*error)->message, prefix))
        {
          g_autofree char *message =
            g_strconcat (options[i][1], ": ", (*error)->message + strlen (prefix), NULL);
          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&message);
        }
    }
  return FALSE;
}

/* Before the database is made: the template and its language exist. */
gboolean
helder_cli_template_check (const char *template_name, const char *language, GError **error)
{
  if (helder_programme_template_check (template_name, language, error))
    return TRUE;
  if (g_strcmp0 (helder_error_get_field (*error), "template") == 0)
    g_prefix_error (error, "--template: ");
  else if (g_strcmp0 (helder_error_get_field (*error), "language") == 0)
    g_prefix_error (error, "--language: ");
  return FALSE;
}

/* "8 phases, 10 groups, 3 gates with 18 criteria", after creating. */
void
helder_cli_template_print_summary (HelderStore *store, const char *template_name)
{
  gint64 phases = helder_repo_count (store, helder_entity_lookup ("phase"), NULL);
  gint64 groups = helder_repo_count (store, helder_entity_lookup ("group"), NULL);
  gint64 gates = helder_repo_count (store, helder_entity_lookup ("gate"), NULL);
  gint64 criteria = helder_repo_count (store, helder_entity_lookup ("criterion"), NULL);

  /* TRANSLATORS: after helder init --template: the template's name, then
   * how many phases, groups, gates and gate criteria it made */
  g_print (_ ("From the template %s: %" PRId64 " phases, %" PRId64 " groups, %" PRId64
              " gates with %" PRId64 " criteria; change them with helder phase|group|gate|"
              "criterion update."),
           template_name, phases, groups, gates, criteria);
  g_print ("\n");
}
