/* concern-cli.c — `helder concern theme|raise|answer|withdraw`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin's `concern` command, its verbs a table. A concern raised with
 * --person but without --named keeps nobody: the person is read only to
 * check the option, never written (concern_raise()). Writes name their
 * operator; every verb has --json.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-cli.h"
#include "concern-service.h"
#include "interview-private.h"
#include "interview-service.h"

static const char *const raise_renames[] = {
  "text",  "TEXT",    "theme", "--theme", "groups",    "--groups",    "person", "--person",
  "named", "--named", "via",   "--via",   "interview", "--interview", NULL,
};

static gboolean
print_concern (HelderInvocation *inv,
               HelderStore *store,
               gint64 id,
               const char *done,
               GError **error)
{
  g_autoptr (JsonObject) row = concern_get (store, id, NULL, error);

  if (row == NULL)
    return FALSE;
  if (inv->json)
    interview_cli_print_json_object (row);
  else
    /* TRANSLATORS: "Concern 4: raised." (raised, answered, withdrawn) */
    g_print (_ ("Concern %" PRId64 ": %s.\n"), id, done);
  return TRUE;
}

static gboolean
theme_add (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("Its name"), N_ ("TEXT") },
    { "name-en", 0, 0, G_OPTION_ARG_STRING, &name_en, N_ ("Its name in English"), N_ ("TEXT") },
    { NULL },
  };
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (inv, entries, N_ ("SLUG"), N_ ("Add a theme of concerns."), &argc, &argv,
                         error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("give the theme’s short name (SLUG)"));
  if (name == NULL)
    return helder_cli_usage_error (error, _ ("--name is required"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if (!concern_theme_add (store, &actor.actor, argv[1], name, name_en, error))
    {
      interview_cli_rename (*error, (const char *const[]){ "name", "--name", "name_en", "--name-en",
                                                           "slug", "SLUG", NULL });
      return FALSE;
    }
  if (inv->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "slug", argv[1]);
      json_object_set_string_member (o, "name", name);
      json_object_set_string_member (o, "name_en", name_en != NULL ? name_en : "");
      interview_cli_print_json_object (o);
    }
  else
    g_print (_ ("Theme “%s” added.\n"), argv[1]);
  return TRUE;
}

static gboolean
theme_list (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  const char *headers[] = { _ ("slug"), _ ("name"), _ ("name in English"), NULL };
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) rows = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, NULL, N_ ("List the themes of concerns."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (stmt = helder_store_prepare (
         store, "SELECT id, slug, name, name_en FROM concern_theme ORDER BY name", error)) ==
        NULL ||
      (rows = interview_rows (store, stmt, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_array (rows);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      char **cells = g_new0 (char *, 4);

      cells[0] = g_strdup (json_object_get_string_member (row, "slug"));
      cells[1] = g_strdup (json_object_get_string_member (row, "name"));
      cells[2] = g_strdup (json_object_get_string_member (row, "name_en"));
      g_ptr_array_add (table, cells);
    }
  if (table->len == 0)
    g_print ("%s\n", _ ("No themes yet. `helder concern theme add SLUG --name NAME` adds one."));
  else
    helder_cli_print_table (headers, table);
  return TRUE;
}

static gboolean
cli_theme (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return theme_add (inv, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return theme_list (inv, argc - 1, argv + 1, error);
  return helder_cli_usage_error (error, _ ("give “theme add SLUG --name NAME” or “theme list”"));
}

static GStrv
split_groups (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
cli_raise (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *theme = NULL, *groups = NULL, *person = NULL, *via = NULL, *interview = NULL;
  gboolean named = FALSE;
  GOptionEntry entries[] = {
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_ ("Its theme"), N_ ("THEME") },
    { "groups", 0, 0, G_OPTION_ARG_STRING, &groups, N_ ("The groups it is about"), N_ ("A,B") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_ ("Who raised it (kept only with --named)"),
      N_ ("PERSON") },
    { "named", 0, 0, G_OPTION_ARG_NONE, &named, N_ ("They agreed to be named"), NULL },
    { "via", 0, 0, G_OPTION_ARG_STRING, &via, N_ ("conversation (default) or interview"),
      N_ ("HOW") },
    { "interview", 0, 0, G_OPTION_ARG_STRING, &interview, N_ ("The interview it came up in"),
      N_ ("INTERVIEW") },
    { NULL },
  };
  g_auto (HelderCliActor) actor = { 0 };
  g_auto (GStrv) group_list = NULL;
  ConcernDraft draft = { 0 };
  HelderStore *store;
  gint64 id = 0;

  if (!helder_cli_parse (inv, entries, N_ ("TEXT"),
                         N_ ("Record a concern; without --named, nobody is kept with it."), &argc,
                         &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("give the concern’s text, once"));
  if (named && person == NULL)
    return helder_cli_usage_error (error, _ ("--named needs --person"));
  if (via != NULL && !g_str_equal (via, "conversation") && !g_str_equal (via, "interview"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "via",
                        _ ("--via: “%s” is not conversation or interview"),
                        g_utf8_validate (via, -1, NULL) ? via : "");
      return FALSE;
    }
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if ((person != NULL && !interview_person (store, "--person", person, &draft.person, error)) ||
      (interview != NULL && (draft.interview = interview_resolve (store, interview, error)) == 0))
    {
      interview_cli_rename (*error, raise_renames);
      return FALSE;
    }
  group_list = split_groups (groups);
  draft.text = argv[1];
  draft.theme = theme;
  draft.groups = (const char *const *) group_list;
  draft.named = named;
  draft.via = via;
  if (!concern_raise (store, &actor.actor, &draft, &id, error))
    {
      interview_cli_rename (*error, raise_renames);
      return FALSE;
    }
  return print_concern (inv, store, id, named ? _ ("raised, named") : _ ("raised, anonymously"),
                        error);
}

static gboolean
positive (const char *option, const char *text, gint64 *value, GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, value, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option, _ ("%s: “%s” is no number"), option,
                        g_utf8_validate (text, -1, NULL) ? text : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
cli_answer (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *text = NULL, *moment = NULL, *commitment = NULL, *public_question = NULL;
  gboolean publish = FALSE;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_ ("The answer (Markdown)"), N_ ("TEXT") },
    { "moment", 0, 0, G_OPTION_ARG_STRING, &moment, N_ ("A moment that answers it"), N_ ("ID") },
    { "commitment", 0, 0, G_OPTION_ARG_STRING, &commitment, N_ ("A commitment that answers it"),
      N_ ("ID") },
    { "publish", 0, 0, G_OPTION_ARG_NONE, &publish, N_ ("Put it on the questions-and-answers page"),
      NULL },
    { "public-question", 0, 0, G_OPTION_ARG_STRING, &public_question,
      N_ ("The question as published, naming no one"), N_ ("TEXT") },
    { NULL },
  };
  g_auto (HelderCliActor) actor = { 0 };
  ConcernAnswer answer = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, entries, N_ ("CONCERN"),
                         N_ ("Answer a concern: with a text, a moment or a commitment."), &argc,
                         &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("which concern? Give its number"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = concern_resolve (store, argv[1], error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error) ||
      !positive ("--moment", moment, &answer.moment, error) ||
      !positive ("--commitment", commitment, &answer.commitment, error))
    return FALSE;
  answer.text = text;
  answer.publish = publish;
  answer.public_question = public_question;
  if (!concern_answer (store, &actor.actor, id, &answer, error))
    {
      interview_cli_rename (*error,
                            (const char *const[]){ "text", "--text", "moment", "--moment",
                                                   "commitment", "--commitment", "public_question",
                                                   "--public-question", NULL });
      return FALSE;
    }
  return print_concern (inv, store, id, _ ("answered"), error);
}

static gboolean
cli_withdraw (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("CONCERN"), N_ ("Withdraw a concern."), &argc, &argv,
                         error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("which concern? Give its number"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = concern_resolve (store, argv[1], error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error) ||
      !concern_withdraw (store, &actor.actor, id, error))
    return FALSE;
  return print_concern (inv, store, id, _ ("withdrawn"), error);
}

static const HelderCliVerb verbs[] = {
  { "raise", cli_raise, N_ ("Record a concern (anonymous unless --named)") },
  { "list", concern_cli_list, N_ ("List concerns, with their age and lateness") },
  { "show", concern_cli_show, N_ ("Show a concern") },
  { "answer", cli_answer, N_ ("Answer a concern") },
  { "withdraw", cli_withdraw, N_ ("Withdraw a concern") },
  { "published", concern_cli_published, N_ ("The questions and answers, as everyone reads them") },
  { "summary", concern_cli_summary, N_ ("Open concerns per theme and group") },
  { "theme", cli_theme, N_ ("Themes: theme add SLUG --name NAME, theme list") },
};

static gboolean
concern_command (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder concern VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static const HelderCommand concern_cmd = {
  .name = "concern",
  .summary = N_ ("Concern: raise, list, show, answer, withdraw, published, summary, theme"),
  .owner = "interviews",
  .func = concern_command,
};

void
concern_cli_register (HelderContext *context)
{
  helder_context_add_command (context, &concern_cmd);
}
