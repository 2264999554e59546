/* test-plugin-noun.c — a plugin's noun gets everything with no code of its own
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test addin registers one noun, "memo" (tests/plugins/testaddin/
 * testaddin-noun.c): a descriptor and a migration, nothing else. With the
 * addin loaded (HELDER_PLUGIN_PATH), this proves what DESIGN.md §4 promises
 * a registered noun: `helder memo list|show|add|update|delete` with help and
 * errors in the noun's words, the API collection /api/v1/memos for the
 * roles the noun names, audit entries for every create, update and delete
 * from the CLI and the API, and an export that comes back byte for byte —
 * and that an import without the addin refuses its rows, naming it.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-plugin-noun-XXXXXX", &error);
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

/* Runs helder on @db and fails the test unless it exits 0. */
static char *
ok_on (const char *db, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (db, NULL, (const char *const *) args->pdata, &out, &err);
  if (status != 0)
    g_error ("helder %s exited %d: %s", first, status, err);
  return out;
}

static gint64
sql_int (const char *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (db, &error);
  g_autoptr (HelderStmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = helder_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A programme with two people and, when @memos, two memos about them. */
static void
seed (const char *db, gboolean memos)
{
  g_free (ok_on (db, "init", "--name", "Uitbesteding ICT", "--start", "2026-01-01", "--end",
                 "2027-06-30", NULL));
  g_free (
    ok_on (db, "person", "add", "--name", "Anna de Vries", "--email", "anna@voorbeeld.nl", NULL));
  g_free (
    ok_on (db, "person", "add", "--name", "Bram Jansen", "--email", "bram@voorbeeld.nl", NULL));
  if (!memos)
    return;
  g_free (ok_on (db, "memo", "add", "--person", "1", "--text", "Wil graag regisseur worden", NULL));
  g_free (ok_on (db, "memo", "add", "--person", "bram@voorbeeld.nl", "--text",
                 "Gesprek op 12 januari", NULL));
}

/* ---- the CLI ------------------------------------------------------------ */

static void
test_cli_help (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* `helder --help` lists the noun as a command */
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\n  memo "));
  g_assert_nonnull (strstr (out, "“memo” (from the plugin testaddin)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* its verbs, in the noun's words */
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "memo", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "helder memo VERB"));
  for (guint i = 0; i < 5; i++)
    {
      static const char *const verbs[] = { "list", "show", "add", "update", "delete" };
      g_autofree char *line = g_strdup_printf ("\n  %s ", verbs[i]);
      g_assert_nonnull (strstr (out, line));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the options of add are its fields, described by their labels */
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "memo", "add", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--person"));
  g_assert_nonnull (strstr (out, "--text"));
  g_assert_nonnull (strstr (out, "memo text"));
  g_assert_null (strstr (out, "--created-at"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Dutch: core's words in Dutch, the plugin's in its own domain */
  {
    const char *const env[] = { "LANGUAGE=nl", NULL };

    g_assert_cmpint (helder_test_run (f->db, env, &out, &err, "memo", "--help", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Beheer de rijen van “memo” (uit de plug-in testaddin)"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* an unknown verb names the noun */
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "memo", "explode", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "explode"));
  g_assert_nonnull (strstr (err, "helder memo --help"));
}

static void
test_cli_verbs (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *row;

  seed (f->db, FALSE);

  /* add: the person by id or e-mail, as for core's nouns */
  out = ok_on (f->db, "--json", "memo", "add", "--person", "anna@voorbeeld.nl", "--text",
               "Eerste gesprek", NULL);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  row = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (row, "id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "person"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "text"), ==, "Eerste gesprek");
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM testaddin_memo"), ==, 1);
  g_clear_pointer (&out, g_free);

  /* list, with people's names; filtered by a field */
  out = ok_on (f->db, "memo", "list", NULL);
  g_assert_nonnull (strstr (out, "memo text"));
  g_assert_nonnull (strstr (out, "1 Anna de Vries"));
  g_assert_nonnull (strstr (out, "Eerste gesprek"));
  g_clear_pointer (&out, g_free);
  out = ok_on (f->db, "memo", "list", "--person", "2", NULL);
  g_assert_null (strstr (out, "Eerste gesprek"));
  g_clear_pointer (&out, g_free);

  /* update and show */
  out = ok_on (f->db, "memo", "update", "1", "--text", "Tweede gesprek", NULL);
  g_assert_nonnull (strstr (out, "Updated memo 1."));
  g_clear_pointer (&out, g_free);
  out = ok_on (f->db, "memo", "show", "1", NULL);
  g_assert_nonnull (strstr (out, "Tweede gesprek"));
  g_clear_pointer (&out, g_free);

  /* bad input names the noun and the field, and changes nothing */
  g_assert_cmpint (
    helder_test_run (f->db, NULL, &out, &err, "memo", "add", "--text", "zonder persoon", NULL), ==,
    1);
  g_assert_nonnull (strstr (err, "helder memo: "));
  g_assert_nonnull (strstr (err, "person"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (f->db, NULL, &out, &err, "memo", "add", "--person", "99", "--text", "x", NULL),
    ==, 1);
  g_assert_nonnull (strstr (err, "99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "memo", "show", "7", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "memo"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM testaddin_memo"), ==, 1);

  /* delete */
  out = ok_on (f->db, "memo", "delete", "1", NULL);
  g_assert_nonnull (strstr (out, "Deleted memo 1."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM testaddin_memo"), ==, 0);
  out = ok_on (f->db, "memo", "list", NULL);
  g_assert_nonnull (strstr (out, "Nothing found."));
}

/* Every generic change of an audited noun from the CLI is in the audit
 * log, with the key and the person it is about; core's nouns too. */
static void
test_cli_audit (Fixture *f, gconstpointer data)
{
  seed (f->db, FALSE);
  g_free (ok_on (f->db, "memo", "add", "--person", "2", "--text", "Eerste gesprek", NULL));
  g_free (ok_on (f->db, "memo", "update", "1", "--text", "Tweede gesprek", NULL));
  g_free (ok_on (f->db, "memo", "delete", "1", NULL));

  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"), ==,
                   3);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"
                                   " AND record = '1' AND subject = 2 AND actor_role = 'cli'"),
                   ==, 3);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"
                                   " AND action = 'create'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"
                                   " AND action = 'update' AND detail = 'text'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"
                                   " AND action = 'delete'"),
                   ==, 1);
  /* the entries do not hold the memo's text (it is personal) */
  g_assert_cmpint (
    sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE detail LIKE '%gesprek%'"), ==, 0);

  /* core's nouns alike: a person's e-mail changed on the command line */
  g_free (ok_on (f->db, "person", "update", "1", "--email", "anna.devries@voorbeeld.nl", NULL));
  /* the first person came in while the programme had nobody: setup; the
   * second by the operator (the tests' helper: the first person) */
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'person'"
                                   " AND action = 'create' AND actor_role = 'setup'"
                                   " AND actor IS NULL"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'person'"
                                   " AND action = 'create' AND actor_role = 'cli' AND actor = 1"
                                   " AND actor_name = 'Anna de Vries'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'person'"
                                   " AND action = 'update' AND record = '1' AND subject = 1"
                                   " AND detail = 'email'"),
                   ==, 1);

  /* a refused change leaves no entry */
  g_assert_cmpint (
    helder_test_run (f->db, NULL, NULL, NULL, "memo", "update", "5", "--text", "x", NULL), ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"), ==,
                   3);
}

/* Without the plugin there is no such command, and nothing else changes. */
static void
test_cli_without_plugin (Fixture *f, gconstpointer data)
{
  const char *const disabled[] = { "HELDER_DISABLED_PLUGINS=testaddin", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  seed (f->db, TRUE);
  g_assert_cmpint (helder_test_run (f->db, disabled, &out, &err, "memo", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “memo”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f->db, disabled, &out, &err, "--help", NULL), ==, 0);
  g_assert_null (strstr (out, "memo"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (f->db, disabled, &out, NULL, "person", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Anna de Vries"));
}

/* Two contexts in one process load the same plugin (a server and a CLI in
 * a test): the noun stays until the last of them unloads it. */
static void
test_two_contexts (void)
{
  g_autoptr (HelderContext) first = helder_context_new (":memory:");
  g_autoptr (HelderContext) second = helder_context_new (":memory:");

  g_assert_null (helder_entity_lookup ("memo"));
  helder_engine_load_all (helder_context_get_engine (first));
  g_assert_nonnull (helder_entity_lookup ("memo"));
  helder_engine_load_all (helder_context_get_engine (second));
  g_assert_nonnull (helder_entity_lookup ("memo"));
  helder_engine_unload_all (helder_context_get_engine (first));
  g_assert_nonnull (helder_entity_lookup ("memo"));
  g_assert_nonnull (helder_context_lookup_permission (second, "memos.write"));
  helder_engine_unload_all (helder_context_get_engine (second));
  g_assert_null (helder_entity_lookup ("memo"));
}

/* ---- export and import -------------------------------------------------- */

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_export_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *first = g_build_filename (f->dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.json", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy", "helder.db", NULL);
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray *members;

  seed (f->db, TRUE);
  g_free (ok_on (f->db, "export", "--output", first, NULL));
  first_text = read_file (first);

  /* the document says whose the memos are */
  node = json_from_string (first_text, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);
  members =
    json_object_get_array_member (json_object_get_object_member (root, "plugins"), "testaddin");
  g_assert_cmpuint (json_array_get_length (members), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (members, 0), ==, "memos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "memos")), ==, 2);

  /* into an empty database and out again: the same bytes */
  out = ok_on (copy, "import", first, NULL);
  g_assert_nonnull (strstr (out, "2 people"));
  g_clear_pointer (&out, g_free);
  g_free (ok_on (copy, "export", "--output", second, NULL));
  second_text = read_file (second);
  g_assert_cmpstr (first_text, ==, second_text);
  g_assert_cmpint (sql_int (copy, "SELECT count(*) FROM testaddin_memo"), ==, 2);
  helder_test_remove_db (copy);
}

/* A programme that does not use the plugin exports as core alone would:
 * no "plugins", no empty "memos". */
static void
test_export_without_rows (Fixture *f, gconstpointer data)
{
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  const char *const disabled[] = { "HELDER_DISABLED_PLUGINS=testaddin", NULL };

  seed (f->db, FALSE);
  with = ok_on (f->db, "export", NULL);
  g_assert_null (strstr (with, "\"plugins\""));
  g_assert_null (strstr (with, "\"memos\""));
  g_assert_cmpint (helder_test_run (f->db, disabled, &without, NULL, "export", NULL), ==, 0);
  g_assert_cmpstr (with, ==, without);
}

/* Rows of a plugin that is not loaded are refused, naming the plugin, and
 * nothing is imported; without rows of it, the import goes ahead. */
static void
test_import_without_plugin (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy", "helder.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *const disabled[] = { "HELDER_DISABLED_PLUGINS=testaddin", NULL };

  seed (f->db, TRUE);
  g_free (ok_on (f->db, "export", "--output", file, NULL));

  g_assert_cmpint (helder_test_run (copy, disabled, NULL, NULL, "init", NULL), ==, 0);
  {
    g_autoptr (HelderStore) store = helder_store_open (copy, NULL);
    before = helder_test_fingerprint (store);
  }
  g_assert_cmpint (helder_test_run (copy, disabled, &out, &err, "import", file, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (
    strstr (err, "memos: the export holds data of the plugin “testaddin”, which is not loaded"));
  g_assert_null (strchr (strchr (err, '\n') + 1, '\n')); /* one line */
  {
    g_autoptr (HelderStore) store = helder_store_open (copy, NULL);
    after = helder_test_fingerprint (store);
  }
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* in Dutch too */
  {
    const char *const dutch[] = { "HELDER_DISABLED_PLUGINS=testaddin", "LANGUAGE=nl", NULL };

    g_assert_cmpint (helder_test_run (copy, dutch, &out, &err, "import", file, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "de plug-in “testaddin”, die niet geladen is"));
  }
  helder_test_remove_db (copy);
}

/* ---- the API ------------------------------------------------------------ */

static gint64
web_int (HelderWebTest *web, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_api_collection (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autofree char *body = NULL;
  g_autofree char *location = NULL;
  g_autofree char *where = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *row;
  gint64 id;

  /* create: 201, a Location, audited with the advisor as actor */
  body = g_strdup_printf ("{\"person\": %" G_GINT64_FORMAT ", \"text\": \"Wil graag meedenken\"}",
                          web->employee.person);
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (web, "POST", "/api/v1/memos", &web->advisor, body);
    g_assert_cmpuint (r->status, ==, 201);
    node = helder_web_test_json (r);
    row = json_node_get_object (node);
    id = json_object_get_int_member (row, "id");
    g_assert_cmpint (json_object_get_int_member (row, "person"), ==, web->employee.person);
    location = g_strdup_printf ("/api/v1/memos/%" G_GINT64_FORMAT, id);
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==, location);
  }
  where =
    g_strdup_printf ("entity = 'memo' AND action = 'create' AND record = '%" G_GINT64_FORMAT "'"
                     " AND subject = %" G_GINT64_FORMAT " AND actor = %" G_GINT64_FORMAT
                     " AND actor_role = 'advisor'",
                     id, web->employee.person, web->advisor.person);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE %s", where);
    g_assert_cmpint (web_int (web, sql), ==, 1);
  }

  /* list and get */
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (web, "/api/v1/memos", &web->advisor);
    g_autoptr (JsonNode) page = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    page = helder_web_test_json (r);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (page), "total"), ==, 1);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (web, location, &web->advisor);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (strstr (r->text, "Wil graag meedenken"));
  }

  /* update: audited with the fields it changed */
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      web, "PATCH", location, &web->advisor, "{\"text\": \"Gesprek gepland\"}");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (strstr (r->text, "Gesprek gepland"));
  }
  g_assert_cmpint (
    web_int (web, "SELECT count(*) FROM audit_entry WHERE entity = 'memo'"
                  " AND action = 'update' AND detail = 'text' AND actor_role = 'advisor'"),
    ==, 1);

  /* bad input: the field named, nothing changed */
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (web, "POST", "/api/v1/memos", &web->advisor, "{\"text\": \"x\"}");
    helder_web_test_assert_error (r, 400, "person", NULL);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      web, "POST", "/api/v1/memos", &web->advisor, "{\"person\": 1, \"text\": \"x\", \"mood\": 3}");
    helder_web_test_assert_error (r, 400, "mood", NULL);
  }
  g_assert_cmpint (web_int (web, "SELECT count(*) FROM testaddin_memo"), ==, 1);

  /* the roles the noun names: not HR, not the employee it is about */
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (web, "/api/v1/memos", &web->hr);
    g_assert_cmpuint (r->status, ==, 403);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (web, location, &web->employee);
    g_assert_cmpuint (r->status, ==, 403);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (web, "PATCH", location, &web->hr, "{\"text\": \"x\"}");
    g_assert_cmpuint (r->status, ==, 403);
  }
  g_assert_cmpint (
    web_int (web, "SELECT count(*) FROM testaddin_memo WHERE text = 'Gesprek gepland'"), ==, 1);

  helder_web_test_stop (web);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add ("/plugin-noun/cli-help", Fixture, NULL, fixture_setup, test_cli_help,
              fixture_teardown);
  g_test_add ("/plugin-noun/cli-verbs", Fixture, NULL, fixture_setup, test_cli_verbs,
              fixture_teardown);
  g_test_add ("/plugin-noun/cli-audit", Fixture, NULL, fixture_setup, test_cli_audit,
              fixture_teardown);
  g_test_add ("/plugin-noun/cli-without-plugin", Fixture, NULL, fixture_setup,
              test_cli_without_plugin, fixture_teardown);
  g_test_add_func ("/plugin-noun/two-contexts", test_two_contexts);
  g_test_add ("/plugin-noun/export-round-trip", Fixture, NULL, fixture_setup,
              test_export_round_trip, fixture_teardown);
  g_test_add ("/plugin-noun/export-without-rows", Fixture, NULL, fixture_setup,
              test_export_without_rows, fixture_teardown);
  g_test_add ("/plugin-noun/import-without-plugin", Fixture, NULL, fixture_setup,
              test_import_without_plugin, fixture_teardown);
  g_test_add_func ("/plugin-noun/api-collection", test_api_collection);

  return g_test_run ();
}
