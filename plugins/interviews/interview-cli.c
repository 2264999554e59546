/* interview-cli.c — `helder interview plan|update|cancel|template`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin's `interview` command: its verbs are a table. Options are
 * read into an InterviewPlan and checked by the service, whose messages
 * name the option as it was typed (--at, --duration, …). Writes name
 * their operator (helder_cli_actor_for_write), and every verb has --json.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-cli.h"
#include "interview-private.h"
#include "interview-service.h"

static const char *const renames[] = {
  "when",          "--at",         "duration_minutes",
  "--duration",    "online_url",   "--online-url",
  "person",        "--person",     "interviewer",
  "--interviewer", "organisation", "--organisation",
  "title",         "--title",      "area",
  "--area",        "kind",         "--kind",
  "location",      "--location",   NULL,
};

void
interview_cli_rename (GError *error, const char *const *pairs)
{
  if (error == NULL || error->domain != HELDER_ERROR)
    return;
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_autofree char *prefix = g_strconcat (pairs[i], ": ", NULL);

      if (g_str_has_prefix (error->message, prefix))
        {
          char *renamed = g_strconcat (pairs[i + 1], ": ", error->message + strlen (prefix), NULL);

          g_free (error->message);
          error->message = renamed;
          return;
        }
    }
}

void
interview_cli_print_json_object (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  helder_cli_print_json (node);
}

void
interview_cli_print_json_array (JsonArray *array)
{
  g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), array);

  helder_cli_print_json (node);
}

typedef struct
{
  char *kind, *title, *person, *organisation, *interviewer, *area, *at, *duration, *location,
    *online_url;
} PlanOptions;

static void
options_clear (PlanOptions *o)
{
  char **all = (char **) o;

  for (guint i = 0; i < sizeof (*o) / sizeof (char *); i++)
    g_clear_pointer (&all[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanOptions, options_clear)

#define PLAN_ENTRIES(o)                                                                                 \
  { "title",    0, 0, G_OPTION_ARG_STRING, &o.title, N_ ("Its title (default: from the template)"),     \
    N_ ("TEXT") },                                                                                      \
    { "person",                                                                                         \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.person,                                                                                        \
      N_ ("The interviewee, a person in Helder"),                                                       \
      N_ ("PERSON") },                                                                                  \
    { "organisation",                                                                                   \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.organisation,                                                                                  \
      N_ ("The interviewee’s organisation (a supplier, a chain partner)"),                              \
      N_ ("NAME") },                                                                                    \
    { "interviewer", 0, 0, G_OPTION_ARG_STRING, &o.interviewer, N_ ("Who interviews"), N_ ("PERSON") }, \
    { "area",     0,                                                                                    \
      0,          G_OPTION_ARG_STRING,                                                                  \
      &o.area,    N_ ("A process owner’s area: tab, fab, ia, geo or bi"),                               \
      N_ ("AREA") },                                                                                    \
    { "at",                                                                                             \
      0,                                                                                                \
      0,                                                                                                \
      G_OPTION_ARG_STRING,                                                                              \
      &o.at,                                                                                            \
      N_ ("When, in the programme’s time zone"),                                                        \
      N_ ("DATE HH:MM") },                                                                              \
    { "duration",    0, 0, G_OPTION_ARG_STRING, &o.duration, N_ ("How long, in minutes (5–600)"),       \
      N_ ("MINUTES") },                                                                                 \
    { "location", 0, 0, G_OPTION_ARG_STRING, &o.location, N_ ("Where"), N_ ("PLACE") },                 \
  {                                                                                                     \
    "online-url", 0, 0, G_OPTION_ARG_STRING, &o.online_url, N_ ("The link to meet online"),             \
      N_ ("URL")                                                                                        \
  }

static gboolean
read_plan (PlanOptions *o, InterviewPlan *plan, GError **error)
{
  gint64 minutes = 0;

  plan->kind = o->kind;
  plan->title = o->title;
  plan->person = o->person;
  plan->organisation = o->organisation;
  plan->interviewer = o->interviewer;
  plan->area = o->area;
  plan->when = o->at;
  plan->location = o->location;
  plan->online_url = o->online_url;
  if (o->duration != NULL && !g_ascii_string_to_signed (o->duration, 10, 5, 600, &minutes, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "duration_minutes",
                        _ ("--duration: “%s” is not a whole number of minutes from 5 to 600"),
                        g_utf8_validate (o->duration, -1, NULL) ? o->duration : "");
      return FALSE;
    }
  plan->duration_minutes = minutes;
  return TRUE;
}

/* What became of the interview, said once after a write. */
static gboolean
print_result (HelderInvocation *inv,
              HelderStore *store,
              gint64 id,
              const char *done,
              GError **error)
{
  g_autoptr (JsonObject) row = interview_get (store, id, error);
  g_autofree char *when = NULL;

  if (row == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_object (row);
      return TRUE;
    }
  /* TRANSLATORS: "Interview 3 “…” planned." (done: planned, changed, cancelled, recorded) */
  g_print (_ ("Interview %" PRId64 " “%s”: %s.\n"), id,
           json_object_get_string_member (row, "title"), done);
  if (json_object_get_null_member (row, "planned_at") ||
      !g_str_equal (json_object_get_string_member (row, "status"), "planned"))
    return TRUE;
  when = helder_cli_local_time (json_object_get_string_member (row, "planned_at"));
  g_print (_ ("When: %s, %" PRId64 " minutes\n"), when,
           json_object_get_int_member (row, "duration_minutes"));
  if (!json_object_get_null_member (row, "moment"))
    g_print (_ ("Meeting moment %" PRId64 ": the invitation with a calendar goes to %s.\n"),
             json_object_get_int_member (row, "moment"),
             json_object_get_string_member (row, "person_name"));
  else if (json_object_get_null_member (row, "person"))
    g_print ("%s\n", _ ("No meeting moment: the interviewee is an organisation without a person "
                        "in Helder; invite them yourself."));
  return TRUE;
}

static gboolean
cli_plan (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (PlanOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind,
      N_ ("internal-admin, supplier, chain-partner, process-owner or employee"), N_ ("KIND") },
    PLAN_ENTRIES (o),
    { NULL },
  };
  g_auto (HelderCliActor) actor = { 0 };
  InterviewPlan plan = { 0 };
  HelderStore *store;
  gint64 id = 0;

  if (!helder_cli_parse (inv, entries, NULL,
                         N_ ("Plan an interview; with a time and a person, invite them."), &argc,
                         &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (o.kind == NULL)
    return helder_cli_usage_error (error, _ ("--kind is required"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if (!read_plan (&o, &plan, error) || !interview_plan (store, &actor.actor, &plan, &id, error))
    {
      interview_cli_rename (*error, renames);
      return FALSE;
    }
  return print_result (inv, store, id, _ ("planned"), error);
}

static gint64
one_interview (HelderStore *store, int argc, char **argv, GError **error)
{
  if (argc < 2)
    return (helder_cli_usage_error (error, _ ("which interview? Give its number or slug")), 0);
  if (argc > 2)
    return (helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]), 0);
  return interview_resolve (store, argv[1], error);
}

static gboolean
cli_update (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (PlanOptions) o = { 0 };
  GOptionEntry entries[] = { PLAN_ENTRIES (o), { NULL } };
  g_auto (HelderCliActor) actor = { 0 };
  InterviewPlan plan = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, entries, N_ ("INTERVIEW"),
                         N_ ("Change an interview; its meeting moment follows."), &argc, &argv,
                         error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_interview (store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if (!read_plan (&o, &plan, error) || !interview_update (store, &actor.actor, id, &plan, error))
    {
      interview_cli_rename (*error, renames);
      return FALSE;
    }
  return print_result (inv, store, id, _ ("changed"), error);
}

static gboolean
cli_cancel (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("INTERVIEW"),
                         N_ ("Cancel an interview; its meeting moment is cancelled too."), &argc,
                         &argv, error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_interview (store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error) ||
      !interview_cancel (store, &actor.actor, id, error))
    return FALSE;
  return print_result (inv, store, id, _ ("cancelled"), error);
}

gboolean
interview_cli_one (HelderStore *store, int argc, char **argv, gint64 *id, GError **error)
{
  *id = one_interview (store, argc, argv, error);
  return *id != 0;
}

static const HelderCliVerb verbs[] = {
  { "plan", cli_plan, N_ ("Plan an interview (and invite the interviewee)") },
  { "update", cli_update, N_ ("Move or change an interview") },
  { "cancel", cli_cancel, N_ ("Cancel an interview") },
  { "record", interview_cli_record, N_ ("Record answers, notes, items and concerns") },
  { "show", interview_cli_show, N_ ("Show an interview whole") },
  { "list", interview_cli_list, N_ ("List the interviews") },
  { "template", interview_cli_template, N_ ("The templates: template list, template show KIND") },
};

static gboolean
interview_command (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder interview VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static const HelderCommand interview_cmd = {
  .name = "interview",
  .summary = N_ ("Interview: plan, update, cancel, record, show, list, template"),
  .owner = "interviews",
  .func = interview_command,
};

void
interview_cli_register (HelderContext *context)
{
  helder_context_add_command (context, &interview_cmd);
}
