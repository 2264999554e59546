/* test-import-csv-map.c — staff lists as HR exports them: column mappings,
 * values mapped to groups, group-like columns, every bad row reported
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader and the rows themselves are tested in test-import-csv.c.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "helder-test-utils.h"
#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-import-csv.h"
#include "services/util/helder-csv-read-private.h"
#include "services/repo/helder-repo.h"

static const HelderAuditActor importer = { 0, "HR-import", "cli" };

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
create (HelderStore *store, const char *entity, const char *json)
{
  g_autoptr (JsonObject) values = helder_test_object (json);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;

  row =
    helder_repo_create (store, helder_entity_lookup (entity), values, HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

/* Three groups and two roles, as in test-import-csv.c. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  create (
    f->store, "group",
    "{\"slug\": \"beheer\", \"name\": \"Systeem- en netwerkbeheer\", \"kind\": \"internal\"}");
  create (f->store, "group",
          "{\"slug\": \"servicedesk\", \"name\": \"Servicedesk\", \"kind\": \"internal\"}");
  create (f->store, "group",
          "{\"slug\": \"key-users\", \"name\": \"Key users\", \"kind\": \"internal\"}");
  create (
    f->store, "role",
    "{\"slug\": \"beheerder\", \"name\": \"Systeembeheerder\", \"kind\": \"current\", \"fate\": \"lapses\"}");
  create (
    f->store, "role",
    "{\"slug\": \"regisseur\", \"name\": \"Regisseur\", \"kind\": \"regie\", \"fate\": \"new\"}");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static gboolean
have_helder_exe (void)
{
  if (g_getenv ("HELDER_EXE") != NULL)
    return TRUE;
  g_test_skip ("HELDER_EXE is not set (run through meson test)");
  return FALSE;
}

static JsonObject *
person (Fixture *f, const char *email)
{
  g_autoptr (GError) error = NULL;
  JsonObject *row = helder_repo_get (f->store, helder_entity_lookup ("person"), email, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

static char *
groups_of (JsonObject *row)
{
  JsonArray *groups = json_object_get_array_member (row, "groups");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", json_array_get_string_element (groups, i));
  return g_string_free (s, FALSE);
}

/* Imports with a mapping: COLUMN=FIELD arguments, and group:VALUE=GROUP
 * for values of the groups column, NULL-terminated. */
static void
import_map_ok (Fixture *f,
               const char *data,
               gssize length,
               const char *origin,
               HelderCsvResult *result,
               const char *first_spec,
               ...)
{
  g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
  g_autoptr (GError) error = NULL;
  HelderCsvOptions options = { map, FALSE, FALSE };
  va_list args;

  va_start (args, first_spec);
  for (const char *spec = first_spec; spec != NULL; spec = va_arg (args, const char *))
    {
      if (g_str_has_prefix (spec, "group:"))
        helder_csv_map_add_group (map, spec + strlen ("group:"), &error);
      else
        helder_csv_map_add (map, spec, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  helder_import_csv_data_full (f->store, &importer, data,
                               length < 0 ? strlen (data) : (gsize) length, origin, &options,
                               result, &error);
  g_assert_no_error (error);
  g_assert_false (helder_store_in_transaction (f->store));
}

/* Refused, naming @expected, with nothing changed and nothing half-done. */
static void
assert_refused_map (Fixture *f,
                    const char *data,
                    gssize length,
                    const char *origin,
                    const HelderCsvOptions *options,
                    const char *expected)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };

  g_assert_false (helder_import_csv_data_full (f->store, &importer, data,
                                               length < 0 ? strlen (data) : (gsize) length, origin,
                                               options, &result, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the message “%s”", expected, error->message);
  g_assert_false (helder_store_in_transaction (f->store));
  g_assert_cmpuint (result.rows, ==, 0);
  g_assert_null (result.ignored);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* HR's own headers, mapped; department names matched to groups whatever
 * their case and accents; a BOM and semicolons as Dutch Excel writes. */
static void
test_map (Fixture *f, gconstpointer data)
{
  const char *csv =
    "\xEF\xBB\xBFPersoneelsnummer;Naam medewerker;Werkmail;Afdeling;Functietitel\r\n"
    "1001;Eva Dijkstra;eva@voorbeeld.nl;SERVICEDESK;Medewerker\r\n"
    "1002;Jan Bos;jan@voorbeeld.nl;systeem- en netwerkbeheer;Beheerder\r\n"
    "1003;Aïsha Bakker;aisha@voorbeeld.nl;Financien | key-users;Adviseur\r\n"
    "1004;Piet Kok;piet@voorbeeld.nl;;Adviseur\r\n";
  g_auto (HelderCsvResult) result = {
    0,
  };
  g_autoptr (JsonObject) eva = NULL;
  g_autoptr (JsonObject) jan = NULL;
  g_autoptr (JsonObject) aisha = NULL;
  g_autofree char *eva_groups = NULL;
  g_autofree char *jan_groups = NULL;
  g_autofree char *aisha_groups = NULL;

  create (f->store, "group",
          "{\"slug\": \"financien\", \"name\": \"Financiën\", \"kind\": \"internal\"}");
  import_map_ok (f, csv, -1, "hr.csv", &result, "naam_medewerker=name", "Werkmail=e-mail",
                 "afdeling=group", "Personeelsnummer=ignore", NULL);
  g_assert_cmpuint (result.rows, ==, 4);
  g_assert_cmpuint (result.added, ==, 4);
  g_assert_cmpstr (result.ignored[0], ==, "Personeelsnummer");
  g_assert_cmpstr (result.ignored[1], ==, "Functietitel");
  g_assert_null (result.ignored[2]);
  g_assert_cmpstr (
    result.map, ==,
    "naam_medewerker=name; Werkmail=email; afdeling=groups; Personeelsnummer=ignore");

  eva = person (f, "eva@voorbeeld.nl");
  jan = person (f, "jan@voorbeeld.nl");
  aisha = person (f, "aisha@voorbeeld.nl");
  eva_groups = groups_of (eva);
  jan_groups = groups_of (jan);
  aisha_groups = groups_of (aisha);
  g_assert_cmpstr (json_object_get_string_member (eva, "name"), ==, "Eva Dijkstra");
  g_assert_cmpstr (eva_groups, ==, "servicedesk");
  g_assert_cmpstr (jan_groups, ==, "beheer");
  g_assert_cmpstr (aisha_groups, ==, "financien,key-users");
}

/* A department the programme does not know is a bad row naming the value
 * and the groups it knows. */
static void
test_map_unknown_group (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
  HelderCsvOptions options = { map, FALSE, FALSE };

  g_assert_true (helder_csv_map_add (map, "Afdeling=group", NULL));
  assert_refused_map (f, "Naam;E-mail;Afdeling\nEva;eva@voorbeeld.nl;Burgerzaken\n", -1, "hr.csv",
                      &options,
                      "hr.csv:2: column “Afdeling”: unknown group “Burgerzaken” "
                      "(known: beheer, key-users, servicedesk)");
}

/* Departments that are not called what their groups are called: mapped
 * value by value, kept with the rest of the mapping. */
static void
test_map_values (Fixture *f, gconstpointer data)
{
  const char *csv = "Naam;E-mail;Afdeling\n"
                    "Eva;eva@voorbeeld.nl;ICT beheer\n"
                    "Jan;jan@voorbeeld.nl;Directie\n"
                    "Piet;piet@voorbeeld.nl;ict BEHEER | Servicedesk\n";
  g_auto (HelderCsvResult) result = {
    0,
  };
  g_autoptr (JsonObject) eva = NULL;
  g_autoptr (JsonObject) jan = NULL;
  g_autoptr (JsonObject) piet = NULL;
  g_autofree char *eva_groups = NULL;
  g_autofree char *jan_groups = NULL;
  g_autofree char *piet_groups = NULL;

  import_map_ok (f, csv, -1, "hr.csv", &result, "Afdeling=group",
                 "group:ICT Beheer=Systeem- en netwerkbeheer", "group:Directie=ignore", NULL);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpstr (result.map, ==,
                   "Afdeling=groups; group:ICT Beheer=Systeem- en netwerkbeheer; "
                   "group:Directie=ignore");
  eva = person (f, "eva@voorbeeld.nl");
  jan = person (f, "jan@voorbeeld.nl");
  piet = person (f, "piet@voorbeeld.nl");
  eva_groups = groups_of (eva);
  jan_groups = groups_of (jan);
  piet_groups = groups_of (piet);
  g_assert_cmpstr (eva_groups, ==, "beheer");
  g_assert_cmpstr (jan_groups, ==, "");
  g_assert_cmpstr (piet_groups, ==, "beheer,servicedesk");

  /* a value mapped to a group that does not exist is a bad row */
  {
    g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
    HelderCsvOptions options = { map, FALSE, FALSE };

    g_assert_true (helder_csv_map_add (map, "Afdeling=group", NULL));
    g_assert_true (helder_csv_map_add_group (map, "Burgerzaken=burgerzaken", NULL));
    assert_refused_map (f, "Naam;E-mail;Afdeling\nKees;kees@voorbeeld.nl;Burgerzaken\n", -1,
                        "hr.csv", &options,
                        "hr.csv:2: column “Afdeling”: “Burgerzaken” is mapped to the group "
                        "“burgerzaken”, which does not exist (known: beheer, key-users, "
                        "servicedesk)");
  }

  /* bad value mappings are named */
  {
    static const char *const bad[] = { "ICT Beheer", "=beheer", "ICT Beheer=", "a;b=beheer" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
        g_autoptr (GError) error = NULL;
        g_autofree char *expected = g_strdup_printf ("“%s” is not VALUE=GROUP", bad[i]);

        g_assert_false (helder_csv_map_add_group (map, bad[i], &error));
        if (!g_str_has_prefix (error->message, expected))
          g_error ("expected “%s” in “%s”", expected, error->message);
      }
  }
  {
    g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
    g_autoptr (GError) error = NULL;

    g_assert_true (helder_csv_map_add_group (map, "ICT Beheer=beheer", NULL));
    g_assert_false (helder_csv_map_add_group (map, "ict beheer=servicedesk", &error));
    g_assert_cmpstr (error->message, ==, "the value “ict beheer” is mapped twice; keep one");
  }
  g_assert_true (helder_csv_map_check ("Afdeling=group; group:ICT Beheer=beheer", NULL));
  g_assert_false (helder_csv_map_check ("group:ICT Beheer=beheer; group:ict beheer=-", NULL));
}

/* Bad mappings are named, with what would be right. */
static void
test_map_syntax (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *spec;
    const char *expected;
  } bad[] = {
    { "Afdeling", "“Afdeling” is not COLUMN=FIELD (e.g. Afdeling=group" },
    { "=group", "“=group” is not COLUMN=FIELD" },
    { "Afdeling=", "“Afdeling=” is not COLUMN=FIELD" },
    { "Personeelsnummer=external_id",
      "“Personeelsnummer”: Helder keeps no “external_id” for a person; map a column to one of "
      "name, first_name, infix, last_name, email, groups, role, organisation, locale, manager, "
      "digest, channels, or to ignore" },
    { "Afdeling=\xff", "not UTF-8" },
  };
  const char *csv = "Naam;E-mail;Afdeling\nEva;eva@voorbeeld.nl;Servicedesk\n";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
      g_autoptr (GError) error = NULL;

      g_assert_false (helder_csv_map_add (map, bad[i].spec, &error));
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      if (strstr (error->message, bad[i].expected) == NULL)
        g_error ("%s: expected “%s” in “%s”", bad[i].spec, bad[i].expected, error->message);
      g_assert_cmpuint (helder_csv_map_size (map), ==, 0);
    }

  /* the same column twice, and a column the file does not have */
  {
    g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
    g_autoptr (GError) error = NULL;
    HelderCsvOptions options = { map, FALSE, FALSE };

    g_assert_true (helder_csv_map_add (map, "Afdeling=group", NULL));
    g_assert_false (helder_csv_map_add (map, "AFDELING=ignore", &error));
    g_assert_nonnull (strstr (error->message, "the column “AFDELING” is mapped twice"));
    g_assert_true (helder_csv_map_add (map, "Afdelingscode=ignore", NULL));
    assert_refused_map (f, csv, -1, "hr.csv", &options,
                        "--map: hr.csv has no column “Afdelingscode”; the header has: Naam, "
                        "E-mail, Afdeling");
  }

  /* the saved list: the setting's check */
  g_assert_true (helder_csv_map_check ("Afdeling=group; Personeelsnummer=ignore\n", NULL));
  g_assert_true (helder_csv_map_check ("", NULL));
  g_assert_false (helder_csv_map_check ("Afdeling=group; afdeling=ignore", NULL));
  g_assert_false (helder_csv_map_check ("Afdeling=group; Nummer", NULL));
}

/* A column that looks like a department or team is not dropped silently. */
static void
test_group_like (Fixture *f, gconstpointer data)
{
  static const char *const headers[] = {
    "Afdeling",      "TEAM",    "Department",    "Organisatie-eenheid",
    "Sector",        "Cluster", "Business unit", "Afdelingsnaam",
    "Hoofdafdeling", "Teams",   "Département",
  };
  static const char *const not_groups[] = { "Personeelsnummer", "Teamleider", "Dienstverband",
                                            "Functietitel", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *csv =
        g_strdup_printf ("Naam;E-mail;%s\nEva;eva@voorbeeld.nl;Servicedesk\n", headers[i]);
      g_autofree char *expected = g_strdup_printf (
        "hr.csv:1: column “%s” looks like a department or team, but nothing says what to do "
        "with it, and people would miss the messages to their group; import it as the groups "
        "with --map \"%s=group\"",
        headers[i], headers[i]);

      g_assert_true (helder_csv_header_looks_like_group (headers[i]));
      assert_refused_map (f, csv, -1, "hr.csv", NULL, expected);
    }
  for (guint i = 0; not_groups[i] != NULL; i++)
    g_assert_false (helder_csv_header_looks_like_group (not_groups[i]));

  /* next to a groups column it is refused too, saying which is which */
  assert_refused_map (f, "Naam;E-mail;Groepen;Team\nEva;eva@voorbeeld.nl;servicedesk;KCC\n", -1,
                      "hr.csv", NULL,
                      "hr.csv:1: column “Team” looks like a department or team, but the groups "
                      "come from the column “Groepen”");
}

/* Every bad row is reported — line, column, value, why — and nothing is
 * written, in a dry run and in the import itself. */
static void
test_every_bad_row (Fixture *f, gconstpointer data)
{
  const char *csv = "Naam;E-mail;Groepen;Functie;Leidinggevende\n"
                    "Eva;eva@voorbeeld.nl;servicedesk;;\n"
                    "Jan;jan@;servicedesk;;\n"
                    "Piet;piet@voorbeeld.nl;Burgerzaken;;\n"
                    "\n"
                    "Kees;kees@voorbeeld.nl;beheer;Directeur;\n"
                    "Eva B;EVA@voorbeeld.nl;beheer;;\n"
                    "Anna;anna@voorbeeld.nl;beheer;;baas@voorbeeld.nl\n";
  static const struct
  {
    guint line;
    const char *column;
    const char *value;
    const char *message;
  } expected[] = {
    { 3, "E-mail", "jan@", "staff.csv:3: column “E-mail”: “jan@” is not an e-mail address" },
    { 4, "Groepen", "Burgerzaken", "staff.csv:4: column “Groepen”: unknown group “Burgerzaken”" },
    { 6, "Functie", "Directeur", "staff.csv:6: column “Functie”: unknown role “Directeur”" },
    { 7, "E-mail", "EVA@voorbeeld.nl",
      "staff.csv:7: column “E-mail”: “EVA@voorbeeld.nl” is also on line 2" },
    { 8, "Leidinggevende", "baas@voorbeeld.nl",
      "staff.csv:8: column “Leidinggevende”: no person with e-mail “baas@voorbeeld.nl”" },
  };

  for (int dry = 1; dry >= 0; dry--)
    {
      g_autofree char *before = helder_test_fingerprint (f->store);
      g_autofree char *after = NULL;
      g_autoptr (GError) error = NULL;
      g_auto (HelderCsvResult) result = {
        0,
      };
      HelderCsvOptions options = { NULL, FALSE, dry };

      g_assert_false (helder_import_csv_data_full (f->store, &importer, csv, strlen (csv),
                                                   "staff.csv", &options, &result, &error));
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==,
                       "staff.csv: 5 of 6 rows cannot be imported; nothing was imported");
      g_assert_nonnull (result.problems);
      g_assert_cmpuint (result.problems->len, ==, G_N_ELEMENTS (expected));
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          HelderCsvProblem *problem = g_ptr_array_index (result.problems, i);

          g_test_message ("%s", problem->message);
          g_assert_cmpuint (problem->line, ==, expected[i].line);
          g_assert_cmpstr (problem->column, ==, expected[i].column);
          g_assert_cmpstr (problem->value, ==, expected[i].value);
          g_assert_true (g_str_has_prefix (problem->message, expected[i].message));
        }
      g_assert_cmpuint (result.rows, ==, 0);
      g_assert_false (helder_store_in_transaction (f->store));
      after = helder_test_fingerprint (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A dry run of a good file counts what would happen and changes nothing. */
static void
test_dry_run (Fixture *f, gconstpointer data)
{
  const char *csv = "name,email,groups\nJan,jan@voorbeeld.nl,beheer\nEva,eva@voorbeeld.nl,\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };
  HelderCsvOptions options = { NULL, FALSE, TRUE };

  create (f->store, "person", "{\"name\": \"Jan (oud)\", \"email\": \"jan@voorbeeld.nl\"}");
  before = helder_test_fingerprint (f->store);
  g_assert_true (helder_import_csv_data_full (f->store, &importer, csv, strlen (csv), "staff.csv",
                                              &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 2);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_false (helder_store_in_transaction (f->store));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* In a new programme there are no groups: every row says what to do. */
static void
test_new_programme (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_auto (HelderCsvResult) result = {
    0,
  };
  const char *csv =
    "Naam;E-mail;Groep\nEva;eva@voorbeeld.nl;Servicedesk\nJan;jan@voorbeeld.nl;Beheer\n";

  g_assert_false (helder_import_csv_data_full (store, &importer, csv, strlen (csv), "hr.csv", NULL,
                                               &result, &error));
  g_assert_cmpuint (result.problems->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      HelderCsvProblem *problem = g_ptr_array_index (result.problems, i);
      g_assert_nonnull (strstr (problem->message, "this programme has no groups yet: add them "
                                                  "first with “helder group add”, or start the "
                                                  "programme with “helder init --template "
                                                  "outsourcing”"));
    }
  g_clear_object (&store);
  helder_test_remove_db (path);
}

static char *
fingerprint_of (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (path, &error);

  g_assert_no_error (error);
  return helder_test_fingerprint (store);
}

/* The monthly export on the command line: refused without a mapping,
 * every bad row in a dry run, the mapping kept with --save-map and used
 * the next month without repeating it. */
static void
test_cli_map (Fixture *f, gconstpointer data)
{
  g_autofree char *hr = helder_test_write_temp ("hr.csv",
                                                "Personeelsnummer;Naam;E-mail;Afdeling\r\n"
                                                "1001;Eva Dijkstra;eva@voorbeeld.nl;Servicedesk\r\n"
                                                "1002;Jan Bos;jan@;Burgerzaken\r\n"
                                                "1003;Piet Kok;piet@voorbeeld.nl;Burgerzaken\r\n",
                                                -1);
  g_autofree char *good =
    helder_test_write_temp ("hr-good.csv",
                            "Personeelsnummer;Naam;E-mail;Afdeling\r\n"
                            "1001;Eva Dijkstra;eva@voorbeeld.nl;Servicedesk\r\n"
                            "1004;Kees Kok;kees@voorbeeld.nl;systeem- en netwerkbeheer\r\n",
                            -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status;

  if (!have_helder_exe ())
    return;
  g_clear_object (&f->store);
  {
    /* the first run records what the loaded channels are for */
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint (helder_test_run (f->path, NULL, &out, &err, "config", "list", NULL), ==, 0);
  }
  before = fingerprint_of (f->path);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "import", hr, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "column “Afdeling” looks like a department or team"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "import", hr, "--dry-run", "--map",
                              "Afdeling=group", NULL);
    g_assert_cmpint (status, ==, 1);
    g_test_message ("%s", err);
    /* one row, one problem: the first one found in it */
    g_assert_nonnull (strstr (err, "column “E-mail”: “jan@” is not an e-mail address\n"));
    g_assert_nonnull (strstr (err, ":4: column “Afdeling”: unknown group “Burgerzaken”"));
    g_assert_nonnull (strstr (err, ": 2 of 3 rows cannot be imported; nothing was imported\n"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "--json", "import", hr, "--dry-run",
                              "--map", "Afdeling=group", NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (out, "\"line\" : 4"));
    g_assert_nonnull (strstr (out, "\"value\" : \"Burgerzaken\""));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "import", hr, "--map", "Afdeling", NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_cmpstr (err, ==,
                     "helder import: --map: “Afdeling” is not COLUMN=FIELD (e.g. Afdeling=group or "
                     "Personeelsnummer=ignore)\n");
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    /* the department HR calls Burgerzaken is the key users' group */
    status = helder_test_run (f->path, NULL, &out, &err, "import", hr, "--dry-run", "--map",
                              "Afdeling=group", "--map-group", "Burgerzaken=Key users", NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_str_has_prefix (err, "helder import: "));
    g_assert_true (
      g_str_has_suffix (err, ":3: column “E-mail”: “jan@” is not an e-mail address\n"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    status =
      helder_test_run (f->path, NULL, &out, &err, "import", hr, "--map-group", "Burgerzaken", NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "--map-group: “Burgerzaken” is not VALUE=GROUP"));
  }
  after = fingerprint_of (f->path);
  g_assert_cmpstr (before, ==, after);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expected = g_strdup_printf (
      "Dry run: 2 people would be imported (2 added, 0 updated, 0 unchanged) from %s; nothing "
      "was changed\n"
      "Columns: Afdeling=groups; Personeelsnummer=ignore\n"
      "Note: ignored the column “Personeelsnummer”\n",
      good);

    status =
      helder_test_run (f->path, NULL, &out, &err, "import", good, "--dry-run", "--map",
                       "Afdeling=group", "--map", "Personeelsnummer=ignore", "--save-map", NULL);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, expected);
    g_clear_pointer (&after, g_free);
    after = fingerprint_of (f->path);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expected = g_strdup_printf (
      "Imported 2 people (2 added, 0 updated) from %s\n"
      "Columns: Afdeling=groups; Personeelsnummer=ignore (kept for the next imports)\n"
      "Note: ignored the column “Personeelsnummer”\n",
      good);

    status = helder_test_run (f->path, NULL, &out, &err, "import", good, "--map", "Afdeling=group",
                              "--map", "Personeelsnummer=ignore", "--save-map", NULL);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, expected);
  }
  /* next month: the same export, no options */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "import", good, NULL);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Imported 2 people (0 added, 0 updated, 2 unchanged)"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    status = helder_test_run (f->path, NULL, &out, &err, "config", "get", "import.csv_map", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Afdeling=groups; Personeelsnummer=ignore"));
  }
  /* a bad saved mapping is refused by the setting's check */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = helder_test_run (f->path, NULL, &out, &err, "config", "set", "import.csv_map",
                              "Afdeling=afdeling", NULL);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "Helder keeps no “afdeling” for a person"));
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-csv/map", test_map);
  ADD ("/import-csv/map-unknown-group", test_map_unknown_group);
  ADD ("/import-csv/map-values", test_map_values);
  ADD ("/import-csv/map-syntax", test_map_syntax);
  ADD ("/import-csv/group-like", test_group_like);
  ADD ("/import-csv/every-bad-row", test_every_bad_row);
  ADD ("/import-csv/dry-run", test_dry_run);
  ADD ("/import-csv/new-programme", test_new_programme);
  ADD ("/import-csv/cli-map", test_cli_map);
#undef ADD

  return g_test_run ();
}
