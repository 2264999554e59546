/* survey-cli-show.c — `helder survey list|show|template list`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an advisor reads before and while a survey runs: its questions,
 * its rounds with their status and how many each invited, its governance
 * and what it still lacks before it can open. Times in the programme's
 * zone.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-cli.h"
#include "survey-rows.h"

static void
print_node (JsonNode *node)
{
  helder_cli_print_json (node);
}

static const char *
str (JsonObject *row, const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "—";
  return json_node_get_string (node)[0] != '\0' ? json_node_get_string (node) : "—";
}

static char *
local (JsonObject *row, const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  return helder_cli_local_time (json_node_get_string (node));
}

/* A survey's or round's status in the reader's language. */
static const char *
status_label (JsonObject *row)
{
  static const char *const labels[] = { N_ ("draft"),   N_ ("open"),      N_ ("closed"),
                                        N_ ("planned"), N_ ("cancelled"), N_ ("reduced") };
  const char *status = str (row, "status");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (status, labels[i]))
      return _ (labels[i]);
  return status;
}

/* A stored value in the reader's words; unknown values as they are. */
static const char *
word (const char *const *pairs, const char *value)
{
  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (g_strcmp0 (pairs[i], value) == 0)
      return _ (pairs[i + 1]);
  return value;
}

static const char *const kind_words[] = {
  "pulse",      N_ ("pulse"),
  "readiness",  N_ ("readiness"),
  "experience", N_ ("experience (XLA)"),
  "evaluation", N_ ("evaluation"),
  "custom",     N_ ("own questions"),
  NULL,
};
static const char *const question_words[] = {
  "agree5", N_ ("agree–disagree, 1–5"), "scale10",  N_ ("scale 0–10"),
  "single", N_ ("one choice"),          "multiple", N_ ("several choices"),
  "short",  N_ ("short answer"),        "long",     N_ ("free text"),
  NULL,
};
static const char *const basis_words[] = {
  "public_task",
  N_ ("public task"),
  "legitimate_interest",
  N_ ("legitimate interest"),
  "legal_obligation",
  N_ ("legal obligation"),
  NULL,
};
static const char *const council_words[] = {
  "agreed",  N_ ("agreed"),  "not_required", N_ ("not required"), "pending", N_ ("not yet decided"),
  "refused", N_ ("refused"), NULL,
};

/* "servicedesk, werkplekondersteuning; 2 people by name" — who is asked. */
static char *
audience_text (JsonObject *row)
{
  static const char *const parts[] = { "groups", "roles", "statuses" };
  g_autoptr (GString) text = g_string_new (NULL);
  JsonArray *persons = json_object_get_array_member (row, "persons");
  guint n_persons = persons != NULL ? json_array_get_length (persons) : 0;

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      JsonArray *values = json_object_get_array_member (row, parts[p]);

      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                                json_array_get_string_element (values, i));
    }
  if (n_persons > 0)
    {
      g_autofree char *people = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u person by name", "%u people by name", n_persons),
        n_persons);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", people);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup ("—");
}

gboolean
survey_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { _ ("slug"),  _ ("title"),  _ ("kind"), _ ("status"),
                            _ ("opens"), _ ("closes"), NULL };
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, NULL, N_ ("List every survey."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (rows = survey_rows_query (store,
                                 "SELECT id, slug, title, kind, status, opens_at, closes_at"
                                 " FROM survey WHERE ?1 = ?1 ORDER BY id",
                                 0, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), rows);
      print_node (node);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      char **cells = g_new0 (char *, 7);

      cells[0] = g_strdup (str (row, "slug"));
      cells[1] = g_strdup (str (row, "title"));
      cells[2] = g_strdup (word (kind_words, str (row, "kind")));
      cells[3] = g_strdup (status_label (row));
      cells[4] = local (row, "opens_at");
      cells[5] = local (row, "closes_at");
      g_ptr_array_add (table, cells);
    }
  if (table->len == 0)
    g_print ("%s\n", _ ("No survey yet. `helder survey new --template pulse` makes one."));
  else
    helder_cli_print_table (headers, table);
  return TRUE;
}

/* The survey with its questions, rounds (with how many each invited) and
 * what it lacks before it can open. */
static JsonObject *
describe (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  JsonArray *questions, *rounds;
  char *missing;

  if (!helder_store_begin (store, error))
    return NULL;
  if (!survey_rounds_follow_clock (store, id, error) || !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return NULL;
    }
  if ((row = survey_get (store, id, error)) == NULL)
    return NULL;
  questions = survey_rows_query (store,
                                 "SELECT id, position, kind, text, text_en, options, required"
                                 " FROM survey_question WHERE survey = ?1 ORDER BY position",
                                 id, error);
  if (questions == NULL)
    return NULL;
  json_object_set_array_member (row, "questions", questions);
  rounds = survey_rows_query (
    store,
    "SELECT r.id, r.number, r.opens_at, r.closes_at, r.status,"
    " (SELECT invited FROM survey_population p WHERE p.round = r.id AND dimension = 'all')"
    " AS invited FROM survey_round r WHERE r.survey = ?1 ORDER BY r.number",
    id, error);
  if (rounds == NULL)
    return NULL;
  json_object_set_array_member (row, "rounds", rounds);
  missing = json_object_get_string_member (row, "status")[0] == 'd'
              ? survey_missing_governance (row, json_array_get_length (questions))
              : NULL;
  if (missing != NULL)
    json_object_set_string_member (row, "missing", missing);
  else
    json_object_set_null_member (row, "missing");
  g_free (missing);
  return g_steal_pointer (&row);
}

static void
print_survey (JsonObject *row)
{
  JsonArray *questions = json_object_get_array_member (row, "questions");
  JsonArray *rounds = json_object_get_array_member (row, "rounds");
  g_autofree char *opens = local (row, "opens_at");
  g_autofree char *closes = local (row, "closes_at");
  g_autofree char *audience = audience_text (row);

  g_print ("%s (%s)\n", str (row, "title"), str (row, "slug"));
  g_print ("  %-22s %s\n", _ ("status:"), status_label (row));
  g_print ("  %-22s %s\n", _ ("kind:"), word (kind_words, str (row, "kind")));
  g_print ("  %-22s %s\n", _ ("audience:"), audience);
  g_print ("  %-22s %s — %s\n", _ ("window:"), opens, closes);
  g_print ("  %-22s %" PRId64 "\n", _ ("threshold:"),
           json_object_get_int_member (row, "threshold"));
  g_print ("%s\n", _ ("Governance"));
  g_print ("  %-22s %s\n", _ ("purpose:"), str (row, "purpose"));
  g_print ("  %-22s %s\n", _ ("legal basis:"), word (basis_words, str (row, "legal_basis")));
  g_print ("  %-22s %s %s\n", _ ("works council:"),
           word (council_words, str (row, "works_council")),
           json_object_get_null_member (row, "works_council_on")
             ? ""
             : json_object_get_string_member (row, "works_council_on"));
  if (json_object_get_null_member (row, "retention_months"))
    g_print ("  %-22s —\n", _ ("retention (months):"));
  else
    g_print ("  %-22s %" PRId64 "\n", _ ("retention (months):"),
             json_object_get_int_member (row, "retention_months"));
  if (!json_object_get_null_member (row, "missing"))
    g_print (_ ("Before it can open, it lacks: %s\n"), str (row, "missing"));
  g_print ("%s\n", _ ("Questions"));
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);

      g_print ("  %" PRId64 ". [%s] %s\n", json_object_get_int_member (q, "position"),
               word (question_words, str (q, "kind")), str (q, "text"));
    }
  g_print ("%s\n", _ ("Rounds"));
  if (json_array_get_length (rounds) == 0)
    g_print ("  %s\n", _ ("none yet: rounds are made when the survey opens"));
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonObject *r = json_array_get_object_element (rounds, i);
      g_autofree char *ro = local (r, "opens_at");
      g_autofree char *rc = local (r, "closes_at");

      g_print (
        _ ("  round %" PRId64 ": %s — %s, %s, %" PRId64 " invited\n"),
        json_object_get_int_member (r, "number"), ro, rc, status_label (r),
        json_object_get_null_member (r, "invited") ? 0 : json_object_get_int_member (r, "invited"));
    }
}

gboolean
survey_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("SURVEY"),
                         N_ ("Show a survey: its questions, rounds and governance."), &argc, &argv,
                         error))
    return FALSE;
  if (argc != 2)
    return argc < 2
             ? helder_cli_usage_error (error, _ ("which survey? Give its slug, number or title"))
             : helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = survey_resolve (store, argv[1], error)) == 0 ||
      (row = describe (store, id, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), row);
      print_node (node);
    }
  else
    print_survey (row);
  return TRUE;
}

gboolean
survey_cli_template (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  const char *language = g_str_has_prefix (g_getenv ("LANGUAGE") ?: "", "en") ? "en" : "nl";
  g_autoptr (JsonArray) all = json_array_new ();

  if (!helder_cli_parse (inv, NULL, N_ ("list"), N_ ("List the questionnaire templates."), &argc,
                         &argv, error))
    return FALSE;
  if (argc != 2 || !g_str_equal (argv[1], "list"))
    return helder_cli_usage_error (error, _ ("usage: helder survey template list [--json]"));
  for (guint i = 0; survey_template_names[i] != NULL; i++)
    {
      JsonObject *t = survey_template_load (survey_template_names[i], error);

      if (t == NULL)
        return FALSE;
      json_array_add_object_element (all, t);
      if (!inv->json)
        g_print (
          "%-12s %s — %s (%u)\n", survey_template_names[i],
          json_object_get_string_member (json_object_get_object_member (t, "title"), language),
          json_object_get_string_member (json_object_get_object_member (t, "description"),
                                         language),
          json_array_get_length (json_object_get_array_member (t, "questions")));
    }
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), all);
      print_node (node);
    }
  return TRUE;
}
