/* test-programme-template.c — `helder init --template`: a programme that
 * starts from the method, in Dutch and in English
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-error.h"
#include "model/helder-date.h"
#include "model/helder-entity.h"
#include "model/helder-holidays.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-programme-template.h"

static const char *const phase_keys[] = { "inventory", "consultation", "tender",    "readiness",
                                          "regie",     "migration",    "aftercare", "closure" };

typedef struct
{
  const char *language;
  const char *programme;
  const char *phases[8];
  const char *groups[10]; /* names, in the template's order */
  const char *gates[3];
  const char *criterion; /* one of the technical infrastructure gate */
} Expected;

static const Expected dutch = {
  "nl",
  "ICT-uitbesteding",
  { "Inventarisatie", "Marktconsultatie", "Europese aanbesteding", "Omgeving gereed maken",
    "Regieorganisatie", "Migratie", "Nazorg", "Evaluatie en acceptatie" },
  { "Systeem- en netwerkbeheer", "Servicedesk", "Werkplekondersteuning",
    "Functioneel applicatiebeheer", "Informatieadviseurs (incl. Geo en BI/Data)", "Key users",
    "Management en opdrachtgever", "Outsourcingspartner", "Applicatieleveranciers",
    "Ketenpartners" },
  { "Go/No-Go technische infrastructuur", "Go/No-Go migratieweekend",
    "Go/No-Go in productie nemen" },
  "Het IP-adresplan is vastgesteld en gedeeld met de ketenpartners",
};

static const Expected english = {
  "en",
  "ICT outsourcing",
  { "Inventory", "Market consultation", "European tender", "Readiness",
    "Supplier management organisation", "Migration", "Aftercare", "Evaluation and acceptance" },
  { "System and network administration", "Service desk", "Workplace support",
    "Functional application management", "Information advisors (incl. Geo and BI/Data)",
    "Key users", "Management and internal client", "Outsourcing supplier", "Application suppliers",
    "Chain partners" },
  { "Go/No-Go technical infrastructure", "Go/No-Go migration weekend",
    "Go/No-Go going into production" },
  "The IP address plan is agreed and shared with the chain partners",
};

static JsonObject *
programme_values (const char *start, const char *end)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, "organisation", "Gemeente Voorbeeld");
  json_object_set_string_member (values, "starts_on", start);
  if (end != NULL)
    json_object_set_string_member (values, "ends_on", end);
  return values;
}

static void
assert_working_day (const char *text)
{
  GDate date;

  g_assert_true (helder_date_parse (text, &date));
  g_assert_cmpint (g_date_get_weekday (&date), <=, G_DATE_FRIDAY);
  g_assert_null (helder_holidays_name (g_date_get_year (&date), g_date_get_month (&date),
                                       g_date_get_day (&date)));
}

/* The phases follow each other day by day from @start to @end. */
static void
assert_phases_laid_out (JsonArray *phases, const char *start, const char *end)
{
  g_autofree char *expected_start = g_strdup (start);

  g_assert_cmpuint (json_array_get_length (phases), ==, G_N_ELEMENTS (phase_keys));
  for (guint i = 0; i < json_array_get_length (phases); i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      const char *from = json_object_get_string_member (phase, "starts_on");
      const char *to = json_object_get_string_member (phase, "ends_on");

      g_assert_cmpstr (json_object_get_string_member (phase, "key"), ==, phase_keys[i]);
      g_assert_cmpint (json_object_get_int_member (phase, "position"), ==, i + 1);
      g_assert_cmpstr (from, ==, expected_start);
      g_assert_cmpstr (from, <=, to);
      g_free (expected_start);
      expected_start = helder_date_add_days (to, 1);
    }
  if (end != NULL)
    g_assert_cmpstr (
      json_object_get_string_member (
        json_array_get_object_element (phases, json_array_get_length (phases) - 1), "ends_on"),
      ==, end);
}

/* The whole programme in one language: every name in it, nothing of the
 * other language, gates on working days inside their phase. */
static void
test_document (gconstpointer data)
{
  const Expected *expected = data;
  const Expected *other = expected == &dutch ? &english : &dutch;
  g_autoptr (JsonObject) values = programme_values ("2027-01-04", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node =
    helder_programme_template_document ("outsourcing", expected->language, values, &error);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *phases, *groups, *gates, *criteria;
  guint external = 0;

  g_assert_no_error (error);
  root = json_node_get_object (node);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (root, "programme"), "name"), ==,
    expected->programme);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "programme"),
                                                  "organisation"),
                   ==, "Gemeente Voorbeeld");
  phases = json_object_get_array_member (root, "phases");
  groups = json_object_get_array_member (root, "groups");
  gates = json_object_get_array_member (root, "gates");
  criteria = json_object_get_array_member (root, "gate_criteria");
  assert_phases_laid_out (phases, "2027-01-04", NULL);
  for (guint i = 0; i < 8; i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      g_assert_cmpstr (json_object_get_string_member (phase, "name"), ==, expected->phases[i]);
      g_assert_cmpstr (json_object_get_string_member (phase, "description"), !=, "");
      g_assert_null (strstr (text, other->phases[i]));
    }
  g_assert_cmpuint (json_array_get_length (groups), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, expected->groups[i]);
      if (g_str_equal (json_object_get_string_member (group, "kind"), "external"))
        external++;
    }
  g_assert_cmpuint (external, ==, 3); /* the supplier, application suppliers, chain partners */
  g_assert_cmpuint (json_array_get_length (gates), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *gate = json_array_get_object_element (gates, i);
      const char *phase_key = json_object_get_string_member (gate, "phase");
      const char *day = json_object_get_string_member (gate, "decide_on");
      guint n = 0;

      g_assert_cmpstr (json_object_get_string_member (gate, "name"), ==, expected->gates[i]);
      g_assert_cmpstr (phase_key, ==, i == 0 ? "readiness" : "migration");
      assert_working_day (day);
      for (guint p = 0; p < 8; p++)
        {
          JsonObject *phase = json_array_get_object_element (phases, p);
          if (g_str_equal (json_object_get_string_member (phase, "key"), phase_key))
            {
              g_assert_cmpstr (day, >=, json_object_get_string_member (phase, "starts_on"));
              g_assert_cmpstr (day, <=, json_object_get_string_member (phase, "ends_on"));
            }
        }
      for (guint c = 0; c < json_array_get_length (criteria); c++)
        if (g_str_equal (
              json_object_get_string_member (json_array_get_object_element (criteria, c), "gate"),
              json_object_get_string_member (gate, "slug")))
          n++;
      g_assert_cmpuint (n, >=, 5);
    }
  /* the migration weekend's Go/No-Go comes before going into production */
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (gates, 1), "decide_on"), <,
    json_object_get_string_member (json_array_get_object_element (gates, 2), "decide_on"));
  g_assert_nonnull (strstr (text, expected->criterion));
  g_assert_null (strstr (text, other->criterion));
  g_assert_null (strstr (text, "{\"nl\""));
}

/* With a planned end, the phases are stretched or shrunk to end on it. */
static void
test_end (void)
{
  static const char *const ends[] = { "2027-06-30", "2027-12-31", "2029-06-30" };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr (JsonObject) values = programme_values ("2027-01-04", ends[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_programme_template_document ("outsourcing", "nl", values, &error);
      JsonObject *root;

      g_assert_no_error (error);
      root = json_node_get_object (node);
      assert_phases_laid_out (json_object_get_array_member (root, "phases"), "2027-01-04", ends[i]);
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (root, "programme"), "ends_on"),
                       ==, ends[i]);
    }

  /* eight phases need eight days; an end before the start is refused */
  {
    g_autoptr (JsonObject) values = programme_values ("2027-01-04", "2027-01-10");
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node =
      helder_programme_template_document ("outsourcing", "en", values, &error);

    g_assert_null (node);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    g_assert_cmpstr (helder_error_get_field (error), ==, "ends_on");
  }
  {
    g_autoptr (JsonObject) values = programme_values ("2027-01-04", "2026-12-31");
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node =
      helder_programme_template_document ("outsourcing", "en", values, &error);

    g_assert_null (node);
    g_assert_cmpstr (helder_error_get_field (error), ==, "ends_on");
  }
}

/* An unknown template names the ones there are; an unknown language the
 * languages the template has. */
static void
test_unknown (void)
{
  g_autoptr (JsonObject) values = programme_values ("2027-01-04", NULL);
  static const char *const names[] = { "outsorcing", "", "../demo/programme", "outsourcing.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_programme_template_document (names[i], "nl", values, &error);
      g_autofree char *expected =
        g_strdup_printf ("there is no template “%s”; the templates are: outsourcing", names[i]);

      g_assert_null (node);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, expected);
    }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (helder_programme_template_check ("outsourcing", "de", &error));
    g_assert_cmpstr (error->message, ==,
                     "the template “outsourcing” is not written in “de”; it is in: nl, en");
  }
}

/* ---- the command line -------------------------------------------------- */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-template-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

static int run (Fixture *f, const char *language, char **out, char **err, const char *first, ...)
  G_GNUC_NULL_TERMINATED;

static int
run (Fixture *f, const char *language, char **out, char **err, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *env_language = g_strdup_printf ("LANGUAGE=%s", language);
  const char *env[] = { env_language, NULL };
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return helder_test_runv (f->db, env, (const char *const *) args->pdata, out, err);
}

/* `helder init --template outsourcing` in a Dutch interface makes a Dutch
 * programme that passes `helder doctor`, whose items change with the
 * ordinary commands. */
static void
test_cli_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, "nl", &out, &err, "init", "--template", "outsourcing", "--organisation",
                        "Gemeente Voorbeeld", "--start", "2027-01-04", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "“ICT-uitbesteding” aangemaakt in"));
  g_assert_nonnull (strstr (out, "8 fasen, 10 groepen, 3 Go/No-Go-momenten met 18 criteria"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, "nl", &out, &err, "doctor", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "geen problemen gevonden"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, "nl", &out, &err, "status", "--on", "2027-01-05", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "ICT-uitbesteding — Gemeente Voorbeeld\n"));
  g_assert_nonnull (strstr (out, "Inventarisatie"));
  g_assert_nonnull (strstr (out, "Go/No-Go technische infrastructuur"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* every item is an ordinary row */
  g_assert_cmpint (run (f, "nl", &out, &err, "group", "update", "servicedesk", "--name",
                        "Servicedesk en KCC", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "nl", &out, &err, "phase", "update", "regie", "--name",
                        "Regie en contractmanagement", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "nl", &out, &err, "criterion", "update", "1", "--status", "met", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "nl", &out, &err, "group", "show", "servicedesk", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Servicedesk en KCC"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "nl", &out, &err, "doctor", NULL), ==, 0);
}

/* --language en whatever the interface speaks; the English template. */
static void
test_cli_english (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, "nl", &out, &err, "init", "--template", "outsourcing", "--language",
                        "en", "--name", "Cloud move", "--start", "2027-01-04", "--end",
                        "2027-12-31", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "phase", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Supplier management organisation"));
  g_assert_nonnull (strstr (out, "2027-12-31"));
  g_assert_null (strstr (out, "Inventarisatie"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "group", "show", "service-desk", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Service desk"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "status", "--on", "2027-01-05", NULL), ==, 0);
  /* no organisation given: no dangling dash after the name */
  g_assert_true (g_str_has_prefix (out, "Cloud move\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "doctor", NULL), ==, 0);
}

/* Bad names are named with what there is, before a database is made. */
static void
test_cli_refused (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *option;
    const char *value;
    int status;
    const char *expected;
  } bad[] = {
    { "--template", "outsorcing", 1,
      "helder init: --template: there is no template “outsorcing”; the templates are: "
      "outsourcing\n" },
    { "--language", "fr", 1, "helder init: --language: “fr” is not nl or en\n" },
    { "--demo", NULL, 2, "helder init: --template and --demo do not go together\n" },
    { "--start", "2027-02-30", 1,
      "helder init: --start: “2027-02-30” is not a date (use YYYY-MM-DD, a day that exists)\n" },
    { "--end", "2027-13-01", 1,
      "helder init: --end: “2027-13-01” is not a date (use YYYY-MM-DD, a day that exists)\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *template_name = i == 0 ? bad[i].value : "outsourcing";
      int status;

      if (i == 0)
        status = run (f, "", &out, &err, "init", "--template", template_name, NULL);
      else if (bad[i].value == NULL)
        status = run (f, "", &out, &err, "init", "--template", template_name, bad[i].option, NULL);
      else
        status = run (f, "", &out, &err, "init", "--template", template_name, bad[i].option,
                      bad[i].value, NULL);
      g_assert_cmpint (status, ==, bad[i].status);
      g_assert_cmpstr (err, ==, bad[i].expected);
      if (i < 3)
        g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  /* --language without a template */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint (run (f, "", &out, &err, "init", "--language", "nl", NULL), ==, 2);
    g_assert_cmpstr (err, ==, "helder init: --language goes with --template\n");
  }
}

/* `--template list` shows the templates, in the interface's language. */
static void
test_cli_list (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, "nl", &out, &err, "init", "--template", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "outsourcing — ICT-uitbesteding volgens de methode"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "--json", "init", "--template", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"name\" : \"outsourcing\""));
  g_assert_nonnull (strstr (out, "\"title\" : \"ICT outsourcing, following the method\""));
}

/* Without a template, init still makes an empty programme. */
static void
test_cli_plain (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, "", &out, &err, "init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Created “ICT transition” in"));
  g_assert_nonnull (strstr (out, "No organisation yet: name it with helder programme update "
                                 "--organisation NAME"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "group", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing found"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, "", &out, &err, "doctor", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* a second init does not overwrite it */
  g_assert_cmpint (run (f, "", &out, &err, "init", "--template", "outsourcing", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds a programme"));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  g_test_add_data_func ("/programme-template/document/nl", &dutch, test_document);
  g_test_add_data_func ("/programme-template/document/en", &english, test_document);
  g_test_add_func ("/programme-template/end", test_end);
  g_test_add_func ("/programme-template/unknown", test_unknown);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/programme-template/cli/dutch", test_cli_dutch);
  ADD ("/programme-template/cli/english", test_cli_english);
  ADD ("/programme-template/cli/refused", test_cli_refused);
  ADD ("/programme-template/cli/list", test_cli_list);
  ADD ("/programme-template/cli/plain", test_cli_plain);
#undef ADD

  return g_test_run ();
}
