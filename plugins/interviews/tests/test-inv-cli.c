/* test-inv-cli.c — `helder item` and `helder readiness`, through the real binary
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real plugin, loaded by the real `helder`, on a real SQLite file with
 * the clock pinned: adding, finding again, updating, showing (in Dutch
 * too) and deleting items; every wrong option refused with its exit code
 * and a message naming it, nothing changed; erasing an owner and a key
 * user; a readiness criterion on a gate that follows `helder readiness
 * set`; the whole programme exported and imported with its register.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "helder-test-utils.h"

typedef struct
{
  char *db;
  HelderStore *store;
} Fixture;

static int
run (Fixture *f, const char *const *env, char **out, char **err, const char *const *args)
{
  return helder_test_runv (f->db, env, args, out, err);
}

#define OK(...) helder_test_runv_ok (f->db, (const char *const[]){ __VA_ARGS__, NULL })

static JsonObject *
json_of (Fixture *f, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (run (f, NULL, &out, &err, args) != 0)
    g_error ("helder %s %s: %s", args[0], args[1], err);
  return helder_test_object (out);
}
#define JSON(...) json_of (f, (const char *const[]){ __VA_ARGS__, "--json", NULL })

static char *
text_of (Fixture *f, const char *const *env, const char *const *args)
{
  char *out = NULL;
  g_autofree char *err = NULL;

  if (run (f, env, &out, &err, args) != 0)
    g_error ("helder %s %s: %s", args[0], args[1], err);
  return out;
}

static gint64
scalar (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-inv-cli-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  OK ("init", "--name", "Inventaris");
  OK ("person", "add", "--name", "Anna Jansen", "--email", "anna@voorbeeld.nl");
  OK ("person", "add", "--name", "Bram Smit", "--email", "bram@voorbeeld.nl");
  OK ("person", "add", "--name", "Cor de Wit", "--email", "cor@voorbeeld.nl");
  OK ("item", "add", "application", "Key2Burgerzaken", "--version", "5.2", "--supplier", "Centric",
      "--owner", "bram@voorbeeld.nl", "--domain", "Burgerzaken", "--key-user", "cor@voorbeeld.nl");
  OK ("item", "add", "component", "srv-app01", "--type", "virtuele machine", "--version",
      "Windows Server 2019", "--domain", "Infrastructuur", "--owner", "anna@voorbeeld.nl");
  OK ("item", "add", "coupling", "--from", "Key2Burgerzaken", "--to", "srv-app01", "--protocol",
      "StUF", "--scope", "intern", "--direction", "tweerichting");
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

static void
test_commands (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (JsonObject) shown = NULL;
  g_autoptr (JsonObject) list = NULL;
  g_autoptr (JsonObject) completeness = NULL;
  g_autofree char *dutch = NULL;
  const char *const nl[] = { "LANGUAGE=nl", "LANG=C.UTF-8", NULL };

  /* Found again by its folded name: one item, nothing new to say. */
  again = JSON ("item", "add", "application", "key2 burgerzaken ", "--version", "5.2");
  g_assert_cmpint (json_object_get_int_member (again, "id"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'application'"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_source"), ==, 4);
  OK ("item", "update", "Key2Burgerzaken", "--version", "5.3");
  shown = JSON ("item", "show", "application:KEY2BURGERZAKEN");
  g_assert_cmpstr (json_object_get_string_member (shown, "version"), ==, "5.3");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (shown, "key_users")), ==,
                   1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (shown, "couplings")), ==,
                   1);
  dutch = text_of (f, nl, (const char *const[]){ "item", "show", "srv-app01", NULL });
  g_assert_nonnull (strstr (dutch, "srv-app01"));
  g_assert_nonnull (strstr (dutch, "Key2Burgerzaken"));
  /* The list and its filters, the completeness. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr (JsonNode) node = NULL;

    g_assert_cmpint (run (f, NULL, &out, &err,
                          (const char *const[]){ "item", "list", "--kind", "koppeling",
                                                 "--incomplete", "--json", NULL }),
                     ==, 0);
    node = json_from_string (out, NULL);
    g_assert_cmpint (json_array_get_length (json_node_get_array (node)), ==, 1);
  }
  completeness = JSON ("item", "completeness");
  g_assert_cmpint (json_object_get_int_member (completeness, "items"), ==,
                   scalar (f, "SELECT count(*) FROM inv_item"));
  /* A coupling's ends make it what it is. */
  {
    g_autofree char *err = NULL;
    g_autofree char *coupling = g_strdup_printf (
      "%" G_GINT64_FORMAT, scalar (f, "SELECT id FROM inv_item WHERE kind = 'coupling'"));

    g_assert_cmpint (
      run (f, NULL, NULL, &err,
           (const char *const[]){ "item", "update", coupling, "--from", "srv-app01", NULL }),
      ==, 2);
  }
  /* Deleting an application takes its coupling with it; the supplier it
   * names stays, and may not go while named. */
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run (f, NULL, NULL, &err,
                          (const char *const[]){ "item", "delete", "supplier:Centric", NULL }),
                     ==, 1);
    g_assert_nonnull (strstr (err, "Key2Burgerzaken"));
  }
  OK ("item", "delete", "Key2Burgerzaken");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'coupling'"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_key_user"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'inv_item'"
                              " AND action = 'delete'"),
                   ==, 2);
  OK ("item", "delete", "supplier:Centric");
}

typedef struct
{
  int status;
  const char *needle;
  const char *args[14];
} BadCall;

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  static const BadCall bad[] = {
    { 2, "gadget", { "item", "add", "gadget", "x" } },
    { 2, "NAME", { "item", "add", "application" } },
    { 2, "unexpected", { "item", "add", "application", "a", "b" } },
    { 2, "no verb", { "item", "frobnicate" } },
    { 1, "--type", { "item", "add", "component", "x", "--type", "broodrooster" } },
    { 1,
      "--scope",
      { "item", "add", "coupling", "--from", "Key2Burgerzaken", "--to", "srv-app01", "--protocol",
        "REST", "--scope", "overal" } },
    { 1,
      "--direction",
      { "item", "add", "coupling", "--from", "Key2Burgerzaken", "--to", "srv-app01", "--protocol",
        "REST", "--direction", "diagonaal" } },
    { 1, "Niets", { "item", "add", "coupling", "--from", "Niets", "--to", "srv-app01" } },
    { 1, "--ends-on", { "item", "add", "contract", "c", "--ends-on", "31-02-2027" } },
    { 1, "--notice-months", { "item", "add", "contract", "c", "--notice-months", "veel" } },
    { 1, "--owner", { "item", "add", "application", "a", "--owner", "niemand@voorbeeld.nl" } },
    { 1,
      "--key-user",
      { "item", "add", "application", "a", "--key-user", "niemand@voorbeeld.nl" } },
    { 1, "--from", { "item", "add", "application", "a", "--from", "srv-app01" } },
    { 1, "--version", { "item", "add", "supplier", "s", "--version", "1" } },
    { 2, "--interview", { "item", "add", "application", "a", "--interview", "twee" } },
    { 1, "interview", { "item", "add", "application", "a", "--interview", "7" } },
    { 2, "nothing to change", { "item", "update", "srv-app01" } },
    { 1, "Onbekend", { "item", "update", "Onbekend", "--version", "1" } },
    { 1, "Onbekend", { "item", "show", "Onbekend" } },
    { 1, "Onbekend", { "item", "delete", "Onbekend" } },
    { 2, "--kind", { "item", "list", "--kind", "gadget" } },
    { 2, "--interview", { "item", "list", "--interview", "x" } },
    { 1, "--supplier", { "item", "list", "--supplier", "Niemand" } },
    { 2, "KIND", { "item", "export", "gadget" } },
    { 2, "KIND", { "item", "import", "gadget", "x.csv" } },
    { 1, "nergens.csv", { "item", "import", "application", "/nergens.csv" } },
    { 2, "--map", { "item", "import", "application", "/nergens.csv", "--map", "Naam" } },
    { 2, "COMPONENT", { "readiness", "set", "srv-app01", "software" } },
    { 1, "aspect", { "readiness", "set", "srv-app01", "geluk", "done" } },
    { 1, "status", { "readiness", "set", "srv-app01", "software", "half" } },
    { 1, "--on", { "readiness", "set", "srv-app01", "software", "done", "--on", "gisteren" } },
    { 1, "component", { "readiness", "set", "Key2Burgerzaken", "software", "done" } },
    { 1, "Onbekend", { "readiness", "set", "Onbekend", "software", "done" } },
    { 2, "--aspect", { "readiness", "show", "--aspect", "geluk" } },
    { 2, "no verb", { "readiness", "bump" } },
  };
  g_autofree char *before = helder_test_fingerprint (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status = run (f, NULL, &out, &err, bad[i].args);

      if (status != bad[i].status || strstr (err, bad[i].needle) == NULL)
        g_error ("case %u (%s %s): status %d, “%s”", i, bad[i].args[0], bad[i].args[1], status,
                 err);
      after = helder_test_fingerprint (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_erase (Fixture *f, gconstpointer data)
{
  const char *const nl[] = { "LANGUAGE=nl", "LANG=C.UTF-8", NULL };
  g_autoptr (JsonObject) shown = NULL;
  g_autoptr (JsonObject) completeness = NULL;
  g_autofree char *dutch = NULL;
  JsonObject *owner;

  /* What the register keeps about Bram goes with his export. */
  {
    const char *const args[] = { "person", "export", "bram@voorbeeld.nl", NULL };
    g_autofree char *exported = text_of (f, NULL, args);
    g_assert_nonnull (strstr (exported, "\"inventory\""));
    g_assert_nonnull (strstr (exported, "Key2Burgerzaken"));
  }
  OK ("person", "erase", "bram@voorbeeld.nl");
  OK ("person", "erase", "cor@voorbeeld.nl");
  shown = JSON ("item", "show", "Key2Burgerzaken");
  owner = json_object_get_object_member (shown, "owner");
  g_assert_true (json_object_get_null_member (owner, "id"));
  g_assert_true (json_object_get_boolean_member (owner, "erased"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (shown, "key_users")), ==,
                   0);
  dutch = text_of (f, nl, (const char *const[]){ "item", "show", "Key2Burgerzaken", NULL });
  g_assert_nonnull (strstr (dutch, "gewiste persoon"));
  g_assert_cmpint (scalar (f, "SELECT owner_erased FROM inv_item WHERE name = 'Key2Burgerzaken'"),
                   ==, 1);
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM inv_claim WHERE value IN ('person:2', 'person:3')"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_claim WHERE value = 'erased'"), ==, 1);
  completeness = JSON ("item", "completeness");
  {
    JsonArray *kinds = json_object_get_array_member (completeness, "kinds");
    JsonObject *application = json_array_get_object_element (kinds, 1);
    JsonObject *owner_field =
      json_array_get_object_element (json_object_get_array_member (application, "fields"), 0);

    g_assert_cmpstr (json_object_get_string_member (owner_field, "field"), ==, "owner");
    g_assert_cmpint (json_object_get_int_member (owner_field, "missing"), ==, 1);
  }
}

static void
test_gate (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) criterion = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *id = NULL;

  OK ("phase", "add", "--key", "gereed", "--name", "Omgeving gereed maken", "--position", "1",
      "--starts-on", "2026-11-01", "--ends-on", "2027-01-31");
  OK ("gate", "add", "--slug", "technisch", "--name", "Technische infrastructuur gereed", "--phase",
      "gereed", "--decide-on", "2026-12-20");
  OK ("item", "add", "component", "srv-app02");
  OK ("readiness", "set", "srv-app02", "systeemsoftware", "klaar");
  {
    static const char *const wrong[] = { "aspect=geluk", "domain=Infra", "aspect=ip min=101",
                                         "aspect=ip kleur=rood", "aspect" };
    g_autofree char *before = helder_test_fingerprint (f->store);

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;

        g_assert_cmpint (
          run (f, NULL, NULL, &err,
               (const char *const[]){ "criterion", "add", "--gate", "technisch", "--text", "t",
                                      "--measure", "readiness", "--measure-arg", wrong[i], NULL }),
          ==, 1);
        g_assert_nonnull (strstr (err, "measure"));
        after = helder_test_fingerprint (f->store);
        g_assert_cmpstr (before, ==, after);
      }
  }
  criterion = JSON ("criterion", "add", "--gate", "technisch", "--text", "Systeemsoftware actueel",
                    "--measure", "readiness", "--measure-arg", "aspect=software");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (criterion, "id"));
  OK ("gate", "show", "technisch");
  g_assert_cmpint (
    scalar (f, "SELECT status = 'failed' FROM gate_criterion WHERE measure = 'readiness'"), ==, 1);
  OK ("readiness", "set", "srv-app01", "software", "done", "--on", "1-12-2026");
  OK ("gate", "show", "technisch");
  g_assert_cmpint (
    scalar (f, "SELECT status = 'met' FROM gate_criterion WHERE measure = 'readiness'"), ==, 1);
  after = JSON ("criterion", "show", id);
  g_assert_nonnull (strstr (json_object_get_string_member (after, "measure_value"), "2 of 2"));
  OK ("readiness", "set", "srv-app02", "software", "bezig");
  OK ("gate", "show", "technisch");
  g_assert_cmpint (
    scalar (f, "SELECT status = 'failed' FROM gate_criterion WHERE measure = 'readiness'"), ==, 1);
  {
    g_autoptr (JsonObject) failed = JSON ("criterion", "show", id);

    g_assert_nonnull (
      strstr (json_object_get_string_member (failed, "measure_source"), "srv-app02"));
  }
  /* Not applicable to every component: unclear. */
  OK ("readiness", "set", "srv-app01", "software", "nvt");
  OK ("readiness", "set", "srv-app02", "software", "n.v.t.");
  g_clear_pointer (&after, json_object_unref);
  after = JSON ("criterion", "show", id);
  g_assert_cmpstr (json_object_get_string_member (after, "measure_state"), ==, "unclear");
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-inv-copy-XXXXXX", &error);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *json = g_build_filename (dir, "export.json", NULL);
  g_autoptr (HelderStore) other = NULL;
  static const char *const tables[] = { "inv_item", "inv_source", "inv_claim", "inv_key_user",
                                        "inv_readiness" };

  /* Register sources only: the interviews themselves are exported by the
   * listening part's noun "interview", which this branch does not have. */
  OK ("item", "add", "contract", "Onderhoud", "--supplier", "Centric", "--ends-on", "31-12-2027",
      "--notice-months", "6");
  OK ("readiness", "set", "srv-app01", "wave", "open", "--value", "Golf 2", "--on", "2027-01-15",
      "--note", "Eerst testen");
  OK ("export", "--output", json);
  helder_test_runv_ok (copy, (const char *const[]){ "import", json, NULL });
  other = helder_store_open (copy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[i]);
      g_autoptr (GString) a = g_string_new (NULL);
      g_autoptr (GString) b = g_string_new (NULL);
      HelderStore *stores[] = { f->store, other };
      GString *dumps[] = { a, b };

      for (guint s = 0; s < 2; s++)
        {
          sqlite3_stmt *stmt = NULL;

          g_assert_cmpint (
            sqlite3_prepare_v2 (helder_store_get_db (stores[s]), sql, -1, &stmt, NULL), ==,
            SQLITE_OK);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count (stmt); c++)
              g_string_append_printf (dumps[s], "%s|",
                                      (const char *) sqlite3_column_text (stmt, c));
          sqlite3_finalize (stmt);
        }
      g_assert_cmpuint (a->len, >, 0);
      g_assert_cmpstr (a->str, ==, b->str);
    }
  helder_test_remove_db (copy);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add ("/inv/cli/commands", Fixture, NULL, fixture_set_up, test_commands, fixture_tear_down);
  g_test_add ("/inv/cli/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);
  g_test_add ("/inv/cli/erase", Fixture, NULL, fixture_set_up, test_erase, fixture_tear_down);
  g_test_add ("/inv/cli/gate", Fixture, NULL, fixture_set_up, test_gate, fixture_tear_down);
  g_test_add ("/inv/cli/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  return g_test_run ();
}
