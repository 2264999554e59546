/* survey-cli.c — `helder survey new|update|open|close|list|show|template`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin's own `survey` command: its verbs are a table, so that more
 * (results, export) join it as rows. Options are parsed into the fields of
 * survey-define.c, each wrong value refused with the option and what was
 * typed, before anything is written. Writes name their operator, as core's
 * commands do (helder_cli_actor_for_write: --as, $HELDER_OPERATOR or the
 * stored operator).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-cli.h"
#include "surveys-private.h"

typedef struct
{
  char *title, *slug, *language, *groups, *roles, *persons, *statuses, *opens, *closes, *every,
    *until, *phase, *threshold, *purpose, *legal_basis, *works_council, *works_council_on,
    *retention, *remind, *template_name;
} SurveyOptions;

static void
options_clear (SurveyOptions *o)
{
  char **all = (char **) o;

  for (guint i = 0; i < sizeof (*o) / sizeof (char *); i++)
    g_clear_pointer (&all[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SurveyOptions, options_clear)

static gboolean
set_int (JsonObject *fields,
         const char *name,
         const char *option,
         const char *text,
         gint64 min,
         gint64 max,
         GError **error)
{
  gint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name,
                        _ ("%s: “%s” is not a whole number from %" PRId64 " to %" PRId64), option,
                        text, min, max);
      return FALSE;
    }
  json_object_set_int_member (fields, name, value);
  return TRUE;
}

static gboolean
set_when (JsonObject *fields,
          const char *name,
          const char *option,
          const char *text,
          gboolean end_of_day,
          GError **error)
{
  char *utc;

  if (text == NULL)
    return TRUE;
  utc = survey_parse_when (option, text, end_of_day, error);
  if (utc == NULL)
    return FALSE;
  json_object_set_string_member (fields, name, utc);
  g_free (utc);
  return TRUE;
}

static gboolean
set_date (JsonObject *fields,
          const char *name,
          const char *option,
          const char *text,
          GError **error)
{
  g_autofree char *utc = NULL;
  g_autofree char *local = NULL;

  if (text == NULL)
    return TRUE;
  utc = survey_parse_when (option, text, FALSE, error);
  if (utc == NULL)
    return FALSE;
  local = helder_clock_local_date (utc);
  json_object_set_string_member (fields, name, local);
  return TRUE;
}

/* A value typed in English or Dutch → its key in @keys (pairs of key and
 * Dutch words); an unknown one is kept as typed, for the check to name. */
static char *
choose (const char *text, const char *const *pairs)
{
  g_autofree char *folded = helder_text_fold (text);

  g_strdelimit (folded, " -", '_');
  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (g_str_equal (folded, pairs[i]) || g_str_equal (folded, pairs[i + 1]))
      return g_strdup (pairs[i]);
  return g_strdup (text);
}

static const char *const legal_pairs[] = { "public_task",
                                           "publieke_taak",
                                           "legitimate_interest",
                                           "gerechtvaardigd_belang",
                                           "legal_obligation",
                                           "wettelijke_verplichting",
                                           NULL };
static const char *const council_pairs[] = { "agreed",     "akkoord",   "not_required",
                                             "niet_nodig", "pending",   "aangevraagd",
                                             "refused",    "geweigerd", NULL };

static void
set_choice (JsonObject *fields, const char *name, const char *text, const char *const *pairs)
{
  g_autofree char *key = NULL;

  if (text == NULL)
    return;
  key = choose (text, pairs);
  json_object_set_string_member (fields, name, key);
}

static gboolean
set_list (HelderStore *store,
          JsonObject *fields,
          const char *name,
          const char *option,
          const char *text,
          const char *entity,
          GError **error)
{
  g_auto (GStrv) parts = NULL;
  JsonArray *values;

  if (text == NULL)
    return TRUE;
  values = json_array_new ();
  json_object_set_array_member (fields, name, values);
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      char *part = g_strstrip (parts[i]);
      gint64 person;

      if (part[0] == '\0')
        continue;
      if (g_str_equal (entity, "person"))
        {
          if (!helder_cli_resolve_person (store, option, part, &person, error))
            return FALSE;
          json_array_add_int_element (values, person);
          continue;
        }
      if (entity[0] == '\0')
        key = g_strdup (part);
      else if ((key = helder_cli_resolve_key (store, helder_entity_lookup (entity), part, error)) ==
               NULL)
        {
          g_prefix_error (error, "%s: ", option);
          return FALSE;
        }
      json_array_add_string_element (values, key);
    }
  return TRUE;
}

static JsonObject *
options_to_fields (HelderStore *store, SurveyOptions *o, GError **error)
{
  g_autoptr (JsonObject) f = json_object_new ();

#define TEXT(member, value) \
  if (value != NULL)        \
  json_object_set_string_member (f, member, value)
  TEXT ("title", o->title);
  TEXT ("slug", o->slug);
  TEXT ("language", o->language);
  TEXT ("purpose", o->purpose);
#undef TEXT
  set_choice (f, "legal_basis", o->legal_basis, legal_pairs);
  set_choice (f, "works_council", o->works_council, council_pairs);
  if (o->phase != NULL)
    {
      char *key = helder_cli_resolve_key (store, helder_entity_lookup ("phase"), o->phase, error);

      if (key == NULL)
        return (g_prefix_error (error, "--phase: "), NULL);
      json_object_set_string_member (f, "phase", key);
      g_free (key);
    }
  if (!set_list (store, f, "groups", "--groups", o->groups, "group", error) ||
      !set_list (store, f, "roles", "--roles", o->roles, "role", error) ||
      !set_list (store, f, "persons", "--persons", o->persons, "person", error) ||
      !set_list (store, f, "statuses", "--statuses", o->statuses, "", error) ||
      !set_when (f, "opens_at", "--opens", o->opens, FALSE, error) ||
      !set_when (f, "closes_at", "--closes", o->closes, TRUE, error) ||
      !set_date (f, "repeat_until", "--until", o->until, error) ||
      !set_date (f, "works_council_on", "--works-council-on", o->works_council_on, error) ||
      !set_int (f, "repeat_days", "--every", o->every, 7, 366, error) ||
      !set_int (f, "threshold", "--threshold", o->threshold, 5, 1000, error) ||
      !set_int (f, "retention_months", "--retention-months", o->retention, 1, 120, error) ||
      !set_int (f, "remind_days", "--remind-days", o->remind, 0, 60, error))
    return NULL;
  return g_steal_pointer (&f);
}

#define SURVEY_OPTION_ENTRIES(o)                                                                        \
  { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_ ("The survey’s title"), N_ ("TEXT") },             \
    { "slug",     0,                                                                                    \
      0,          G_OPTION_ARG_STRING,                                                                  \
      &o.slug,    N_ ("Its short name (default: from the title)"),                                      \
      N_ ("SLUG") },                                                                                    \
    { "language", 0, 0, G_OPTION_ARG_STRING, &o.language, N_ ("Its language: nl or en"), N_ ("LANG") }, \
    { "groups", 0, 0, G_OPTION_ARG_STRING, &o.groups, N_ ("Audience: these groups"), N_ ("A,B") },      \
    { "roles", 0, 0, G_OPTION_ARG_STRING, &o.roles, N_ ("Audience: these roles"), N_ ("A,B") },         \
    { "persons", 0, 0, G_OPTION_ARG_STRING, &o.persons, N_ ("Audience: these people"), N_ ("A,B") },    \
    { "statuses",  0,                                                                                   \
      0,           G_OPTION_ARG_STRING,                                                                 \
      &o.statuses, N_ ("Audience: everyone whose role change has one of these statuses"),               \
      N_ ("A,B") },                                                                                     \
    { "opens", 0, 0, G_OPTION_ARG_STRING, &o.opens, N_ ("When it opens"), N_ ("DATE[ HH:MM]") },        \
    { "closes", 0, 0, G_OPTION_ARG_STRING, &o.closes, N_ ("When it closes"), N_ ("DATE[ HH:MM]") },     \
    { "every",    0, 0, G_OPTION_ARG_STRING, &o.every, N_ ("Repeat it every DAYS days (7–366)"),        \
      N_ ("DAYS") },                                                                                    \
    { "until", 0, 0, G_OPTION_ARG_STRING, &o.until, N_ ("Repeat it until this day"), N_ ("DATE") },     \
    { "phase", 0, 0, G_OPTION_ARG_STRING, &o.phase, N_ ("The phase it belongs to"), N_ ("PHASE") },     \
    { "threshold",                                                                                      \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.threshold,                                                                                     \
      N_ ("Show no result of fewer people than this (at least 5)"),                                     \
      N_ ("N") },                                                                                       \
    { "purpose",  0, 0, G_OPTION_ARG_STRING, &o.purpose, N_ ("Governance: what it is for"),             \
      N_ ("TEXT") },                                                                                    \
    { "legal-basis",                                                                                    \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.legal_basis,                                                                                   \
      N_ ("Governance: public_task, legitimate_interest or legal_obligation (never consent)"),          \
      N_ ("BASIS") },                                                                                   \
    { "works-council",                                                                                  \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.works_council,                                                                                 \
      N_ ("Governance: agreed, not_required, pending or refused"),                                      \
      N_ ("STATUS") },                                                                                  \
    { "works-council-on",                                                                               \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.works_council_on,                                                                              \
      N_ ("Governance: the day the works council agreed"),                                              \
      N_ ("DATE") },                                                                                    \
    { "retention-months",                                                                               \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.retention,                                                                                     \
      N_ ("Governance: keep the answers this many months (1–120)"),                                     \
      N_ ("N") },                                                                                       \
  {                                                                                                     \
    "remind-days", 0, 0, G_OPTION_ARG_STRING, &o.remind,                                                \
      N_ ("Remind this many days before it closes (0–60)"), N_ ("N")                                    \
  }

static gboolean
print_saved (HelderInvocation *inv,
             HelderStore *store,
             gint64 id,
             const char *format,
             GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, id, error);

  if (row == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), row);
      helder_cli_print_json (node);
    }
  else
    g_print (format, json_object_get_string_member (row, "slug"));
  return TRUE;
}

static gboolean
cli_new (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (SurveyOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &o.template_name,
      N_ ("Start from a questionnaire: pulse, readiness, experience or evaluation"), N_ ("NAME") },
    SURVEY_OPTION_ENTRIES (o),
    { NULL }
  };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (JsonObject) fields = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, entries, NULL, N_ ("Create a survey (a draft)."), &argc, &argv,
                         error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (o.title == NULL && o.template_name == NULL)
    return helder_cli_usage_error (error, _ ("--title is required (or --template)"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      !helder_cli_actor_for_write (inv, store, &actor, error) ||
      (fields = options_to_fields (store, &o, error)) == NULL)
    return FALSE;
  id = survey_create (store, fields, o.template_name, &actor.actor, error);
  /* TRANSLATORS: %s is the new survey's slug */
  return id != 0 && print_saved (inv, store, id, _ ("Survey “%s” created (a draft).\n"), error);
}

static gint64
one_survey (HelderInvocation *inv, HelderStore *store, int argc, char **argv, GError **error)
{
  if (argc < 2)
    return (helder_cli_usage_error (error, _ ("which survey? Give its slug, number or title")), 0);
  if (argc > 2)
    return (helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]), 0);
  return survey_resolve (store, argv[1], error);
}

static gboolean
cli_update (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (SurveyOptions) o = { 0 };
  GOptionEntry entries[] = { SURVEY_OPTION_ENTRIES (o), { NULL } };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (JsonObject) fields = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (
        inv, entries, N_ ("SURVEY"),
        N_ ("Change a survey: anything while it is a draft, its governance later."), &argc, &argv,
        error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_survey (inv, store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error) ||
      (fields = options_to_fields (store, &o, error)) == NULL)
    return FALSE;
  if (json_object_get_size (fields) == 0)
    return helder_cli_usage_error (error, _ ("nothing to change: give at least one option"));
  return survey_update (store, id, fields, &actor.actor, error) &&
         print_saved (inv, store, id, _ ("Survey “%s” changed.\n"), error);
}

static gboolean
cli_open (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("SURVEY"),
                         N_ ("Open a survey: check its governance and make its rounds."), &argc,
                         &argv, error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_survey (inv, store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  return survey_open (store, id, &actor.actor, error) &&
         print_saved (inv, store, id, _ ("Survey “%s” is open.\n"), error);
}

static gboolean
cli_close (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (
        inv, NULL, N_ ("SURVEY"),
        N_ ("Close a survey now: its open round ends, planned rounds are cancelled."), &argc, &argv,
        error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_survey (inv, store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  return survey_close (store, id, &actor.actor, error) &&
         print_saved (inv, store, id, _ ("Survey “%s” is closed.\n"), error);
}

static const HelderCliVerb verbs[] = {
  { "new", cli_new, N_ ("Create a survey, from a template or from scratch") },
  { "list", survey_cli_list, N_ ("List every survey") },
  { "show", survey_cli_show, N_ ("Show a survey: questions, rounds, governance") },
  { "update", cli_update, N_ ("Change a survey") },
  { "open", cli_open, N_ ("Open a survey") },
  { "close", cli_close, N_ ("Close a survey now") },
  { "results", survey_cli_results, N_ ("Show a survey's results, with small groups suppressed") },
  { "export", survey_cli_export, N_ ("Export a survey's results (never its raw answers) as CSV") },
  { "follow-up", survey_cli_followup,
    N_ ("Tell everyone invited what they told us and what we do with it") },
  { "template", survey_cli_template, N_ ("List the questionnaire templates (template list)") },
};

static gboolean
survey_command (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder survey VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static const HelderCommand survey_cmd = {
  .name = "survey",
  .summary = N_ ("Survey: new, list, show, update, open, close, results, export, follow-up, "
                 "template list"),
  .owner = "surveys",
  .func = survey_command,
};

void
survey_cli_register (HelderContext *context)
{
  helder_context_add_command (context, &survey_cmd);
}
