/* test-cli-audit.c — every change on the command line is audited with its operator
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12, point 3: changing a person's e-mail, a role change, confirming
 * a placement, importing people by CSV and updating a commitment on the
 * command line each leave exactly one audit entry naming the operator (a
 * person of the programme, never the Unix account); a change without an
 * operator is refused and changes nothing; `--as` with an unknown person
 * says so; the web and the API are still audited. The demo programme runs
 * behind a real `helder serve` (helder-web-test-utils), and the command
 * line works on the same database file.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"

#define NO_OPERATOR_EN \
  "Who is doing this? Set it with `helder config set operator PERSON` or pass `--as PERSON`."
#define NO_OPERATOR_NL                                                                          \
  "Wie voert dit uit? Stel in met `helder config set operator PERSOON` of geef `--as PERSOON` " \
  "mee."

typedef struct
{
  HelderWebTest *web;
  char *config_home; /* XDG_CONFIG_HOME of the commands: the operator file */
  char *config_env;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->web = helder_web_test_start ();
  f->config_home = g_dir_make_tmp ("helder-config-XXXXXX", &error);
  g_assert_no_error (error);
  f->config_env = g_strconcat ("XDG_CONFIG_HOME=", f->config_home, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->config_home, "helder", NULL);
  g_autofree char *file = g_build_filename (folder, "operator.ini", NULL);

  g_remove (file);
  g_rmdir (folder);
  g_rmdir (f->config_home);
  g_free (f->config_home);
  g_free (f->config_env);
  helder_web_test_stop (f->web);
}

static gint64
scalar (Fixture *f, const char *sql, const char *param)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->web->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
audit_total (Fixture *f)
{
  return scalar (f, "SELECT count(*) FROM audit_entry", NULL);
}

/* Runs a command with no operator from the test helper: the operator is
 * what the command line itself finds (the file under config_home, --as). */
static int
run_as_user (Fixture *f, const char *language, char **out, char **err, const char *const *args)
{
  g_autofree char *lang = g_strconcat ("LANGUAGE=", language ? language : "", NULL);
  const char *env[] = { "HELDER_OPERATOR=", f->config_env, lang, NULL };

  return helder_test_runv (f->web->db_path, env, args, out, err);
}

static void
ok_as_user (Fixture *f, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_as_user (f, NULL, &out, &err, args);

  if (status != 0)
    g_error ("%s %s failed (%d): %s", args[0], args[1] ? args[1] : "", status, err);
}

/* The one entry a change added, as "actor|actor_name|actor_role|action|
 * entity|record|subject|detail". */
static char *
last_entries (Fixture *f, gint64 after)
{
  g_autoptr (GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (
    sqlite3_prepare_v2 (helder_store_get_db (f->web->store),
                        "SELECT coalesce (actor, ''), actor_name, actor_role, action, entity,"
                        " record, coalesce (subject, ''), detail FROM audit_entry"
                        " WHERE id > ?1 ORDER BY id",
                        -1, &stmt, NULL),
    ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, after);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 8; c++)
        g_string_append_printf (text, "%s%s", c > 0 ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
last_id (Fixture *f)
{
  return scalar (f, "SELECT coalesce (max(id), 0) FROM audit_entry", NULL);
}

/* The changes of the issue, each with exactly one entry naming the
 * operator set with `helder config set operator`. */
static void
test_changes_name_the_operator (Fixture *f, gconstpointer data)
{
  const HelderWebTestUser *advisor = &f->web->advisor;
  g_autofree char *who =
    g_strdup_printf ("%" G_GINT64_FORMAT "|%s|cli|", advisor->person, advisor->name);
  g_autofree char *advisor_key = g_strdup_printf ("%" G_GINT64_FORMAT, advisor->person);
  g_autofree char *csv = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *expected = NULL;
  gint64 before;

  {
    const char *args[] = { "config", "set", "operator", advisor_key, NULL };
    ok_as_user (f, args);
  }

  /* a person's e-mail address */
  before = last_id (f);
  {
    const char *args[] = { "person", "update", "5", "--email", "nieuw.adres@voorbeeld.nl", NULL };
    ok_as_user (f, args);
  }
  entries = last_entries (f, before);
  expected = g_strconcat (who, "update|person|5|5|email\n", NULL);
  g_assert_cmpstr (entries, ==, expected);
  g_clear_pointer (&entries, g_free);
  g_clear_pointer (&expected, g_free);

  /* a role change (the issue's own command) */
  before = last_id (f);
  {
    const char *args[] = { "role-change",    "update",   "8",       "--to-role",
                           "servicemanager", "--status", "decided", NULL };
    ok_as_user (f, args);
  }
  entries = last_entries (f, before);
  g_assert_true (g_str_has_prefix (entries, who));
  g_assert_nonnull (strstr (entries, "|update|role_change|8|"));
  {
    g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, before);

    g_assert_cmpint (
      scalar (f, "SELECT count(*) FROM audit_entry WHERE id > ?1 AND entity = 'role_change'",
              after),
      ==, 1);
  }
  g_clear_pointer (&entries, g_free);

  /* confirming a placement */
  before = last_id (f);
  {
    const char *args[] = { "placement", "update", "3", "--status", "confirmed", NULL };
    ok_as_user (f, args);
  }
  entries = last_entries (f, before);
  g_assert_true (g_str_has_prefix (entries, who));
  g_assert_nonnull (strstr (entries, "|update|placement|3|"));
  g_assert_nonnull (strstr (entries, "|status\n"));
  g_assert_cmpint (strlen (entries), ==, strcspn (entries, "\n") + 1);
  g_clear_pointer (&entries, g_free);

  /* a commitment update: by the operator, not by the Unix account */
  before = last_id (f);
  {
    const char *args[] = {
      "commitment", "update", "3", "--note", "De gesprekken zijn gepland", NULL
    };
    ok_as_user (f, args);
  }
  entries = last_entries (f, before);
  expected = g_strconcat (who, "record|commitment|3||note\n", NULL);
  g_assert_cmpstr (entries, ==, expected);
  g_clear_pointer (&entries, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (scalar (f,
                           "SELECT count(*) FROM commitment_update WHERE commitment = 3"
                           " AND note = 'De gesprekken zijn gepland' AND author = ?1",
                           advisor->name),
                   ==, 1);

  /* five people by CSV: one entry each, about them */
  csv = helder_test_write_temp ("nieuw.csv",
                                "naam;e-mailadres\n"
                                "Ilse Aalders;ilse.aalders@voorbeeld.nl\n"
                                "Jan Bos;jan.bos@voorbeeld.nl\n"
                                "Karim Chaouch;karim.chaouch@voorbeeld.nl\n"
                                "Lotte Dekker;lotte.dekker@voorbeeld.nl\n"
                                "Milan Eijk;milan.eijk@voorbeeld.nl\n",
                                -1);
  before = last_id (f);
  {
    const char *args[] = { "import", csv, NULL };
    ok_as_user (f, args);
  }
  {
    g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, before);

    g_assert_cmpint (audit_total (f) -
                       scalar (f, "SELECT count(*) FROM audit_entry WHERE id <= ?1", after),
                     ==, 5);
    g_assert_cmpint (scalar (f,
                             "SELECT count(DISTINCT a.subject) FROM audit_entry a"
                             " JOIN person p ON p.id = a.subject AND p.email LIKE '%@voorbeeld.nl'"
                             " WHERE a.id > ?1 AND a.action = 'create' AND a.entity = 'person'"
                             " AND a.actor_role = 'cli' AND a.record = a.subject"
                             " AND a.detail LIKE 'import from %nieuw.csv'",
                             after),
                     ==, 5);
    g_assert_cmpint (
      scalar (f,
              "SELECT count(*) FROM audit_entry WHERE id > ?1"
              " AND actor = (SELECT id FROM person WHERE email = 'sanne.deboer@voorbeeld.nl')",
              after),
      ==, 5);
  }
  {
    g_autofree char *dir = g_path_get_dirname (csv);
    g_remove (csv);
    g_rmdir (dir);
  }

  /* handing out a person's data: one entry, by the operator */
  before = last_id (f);
  {
    const char *args[] = { "person", "export", "5", NULL };
    ok_as_user (f, args);
  }
  entries = last_entries (f, before);
  expected = g_strconcat (who, "export|person|5|5|\n", NULL);
  g_assert_cmpstr (entries, ==, expected);
  g_clear_pointer (&entries, g_free);
  g_clear_pointer (&expected, g_free);

  /* and nothing names the Unix account */
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM audit_entry WHERE actor_name = ?1", g_get_user_name ()), ==,
    0);
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM commitment_update WHERE author = ?1", g_get_user_name ()), ==,
    0);
}

/* Without an operator every change is refused with the way to set one,
 * and nothing changes. */
static void
test_refused_without_operator (Fixture *f, gconstpointer data)
{
  g_autofree char *csv =
    helder_test_write_temp ("twee.csv", "naam;e-mailadres\nNoor Vink;noor.vink@voorbeeld.nl\n", -1);
  const char *const changes[][9] = {
    { "person", "update", "5", "--email", "nieuw@voorbeeld.nl", NULL },
    { "person", "add", "--name", "Nieuw Iemand", NULL },
    { "role-change", "update", "8", "--to-role", "servicemanager", "--status", "decided", NULL },
    { "placement", "update", "3", "--status", "confirmed", NULL },
    { "commitment", "update", "3", "--note", "Iets", NULL },
    { "import", csv, NULL },
    { "token", "issue", "5", "--role", "employee", NULL },
    { "token", "revoke", "--person", "4", NULL },
    { "person", "erase", "5", NULL },
    { "person", "export", "5", NULL },
    { "moment", "cancel", "1", NULL },
    { "gate", "decide", "technische-infrastructuur", "--decision", "postponed", "--rationale",
      "Wachten", NULL },
    { "invite", "--all", NULL },
  };
  g_autofree char *before = helder_test_fingerprint (f->web->store);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    for (guint dutch = 0; dutch < 2; dutch++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;
        int status = run_as_user (f, dutch ? "nl" : NULL, &out, &err, changes[i]);

        g_test_message ("%s %s: %s", changes[i][0], changes[i][1], err);
        g_assert_cmpint (status, ==, 1);
        g_assert_nonnull (strstr (err, dutch ? NO_OPERATOR_NL : NO_OPERATOR_EN));
        after = helder_test_fingerprint (f->web->store);
        g_assert_cmpstr (after, ==, before);
      }

  /* reading, settings and delivery need nobody to answer for them */
  {
    const char *const free_[][6] = {
      { "person", "list", NULL },
      { "status", NULL },
      { "commitment", "history", "3", NULL },
      { "config", "set", "digest.hour", "9", NULL },
      { "send", "--dry-run", NULL },
      { "invite", "--all", "--dry-run", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (free_); i++)
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (run_as_user (f, NULL, NULL, &err, free_[i]), ==, 0);
        g_assert_null (strstr (err, "operator"));
      }
  }
  {
    g_autofree char *dir = g_path_get_dirname (csv);
    g_remove (csv);
    g_rmdir (dir);
  }
}

/* --as names someone of the programme; anything else is said clearly. */
static void
test_unknown_operator (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  const char *const unknown[][8] = {
    { "--as", "niemand@voorbeeld.nl", "person", "update", "5", "--email", "x@voorbeeld.nl", NULL },
    { "--as", "9999", "commitment", "update", "3", "--note", "Iets", NULL },
    { "--as=Niemand Bekend", "placement", "update", "3", "--status", "confirmed", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autofree char *err = NULL;
      const char *typed =
        g_str_has_prefix (unknown[i][0], "--as=") ? unknown[i][0] + 5 : unknown[i][1];
      g_autofree char *said =
        g_strdup_printf ("--as: “%s” is no person of this programme; give the number, e-mail "
                         "address or name of the person who does this",
                         typed);

      g_assert_cmpint (run_as_user (f, NULL, NULL, &err, unknown[i]), ==, 1);
      g_assert_nonnull (strstr (err, said));
    }
  /* the same for the environment and the stored operator */
  {
    g_autofree char *err = NULL;
    const char *env[] = { "HELDER_OPERATOR=nobody", NULL };

    g_assert_cmpint (helder_test_run (f->web->db_path, env, NULL, &err, "person", "update", "5",
                                      "--email", "x@voorbeeld.nl", NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "HELDER_OPERATOR: “nobody” is no person of this programme"));
  }
  {
    g_autofree char *err = NULL;
    const char *args[] = { "config", "set", "operator", "niemand@voorbeeld.nl", NULL };

    g_assert_cmpint (run_as_user (f, NULL, NULL, &err, args), ==, 1);
    g_assert_nonnull (strstr (err, "operator: “niemand@voorbeeld.nl” is no person"));
  }
  /* --as without a person is a usage error */
  {
    g_autofree char *err = NULL;
    const char *args[] = { "--as", NULL };

    g_assert_cmpint (run_as_user (f, NULL, NULL, &err, args), ==, 2);
    g_assert_nonnull (strstr (err, "--as needs a person"));
  }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (after, ==, before);
}

/* --as beats HELDER_OPERATOR, which beats the stored operator; the stored
 * one belongs to this user and this database alone. */
static void
test_operator_precedence (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *entries = NULL;
  gint64 before;

  {
    const char *args[] = { "config", "set", "operator", "4", NULL };
    ok_as_user (f, args);
    const char *get[] = { "config", "get", "operator", NULL };
    g_assert_cmpint (run_as_user (f, NULL, &out, NULL, get), ==, 0);
    g_assert_true (g_str_has_prefix (out, "4 "));
    g_clear_pointer (&out, g_free);
  }

  /* HELDER_OPERATOR over the stored one */
  before = last_id (f);
  {
    const char *env[] = { "HELDER_OPERATOR=7", f->config_env, NULL };

    g_assert_cmpint (helder_test_run (f->web->db_path, env, NULL, NULL, "person", "update", "5",
                                      "--name", "Een Ander", NULL),
                     ==, 0);
  }
  entries = last_entries (f, before);
  g_assert_true (g_str_has_prefix (entries, "7|"));
  g_clear_pointer (&entries, g_free);

  /* --as over both */
  before = last_id (f);
  {
    const char *env[] = { "HELDER_OPERATOR=7", f->config_env, NULL };

    g_assert_cmpint (helder_test_run (f->web->db_path, env, NULL, NULL, "--as",
                                      "sanne.deboer@voorbeeld.nl", "person", "update", "5",
                                      "--name", "Nog Een Ander", NULL),
                     ==, 0);
  }
  entries = last_entries (f, before);
  g_assert_true (g_str_has_prefix (entries, "4|Sanne de Boer|cli|update|person|5|5|name"));
  g_clear_pointer (&entries, g_free);

  /* the operator by (a part of) the name, whatever its capitals */
  before = last_id (f);
  {
    const char *env[] = { "HELDER_OPERATOR=", f->config_env, NULL };

    g_assert_cmpint (helder_test_run (f->web->db_path, env, NULL, NULL, "--as", "sanne de boer",
                                      "person", "update", "5", "--name", "Bij Naam", NULL),
                     ==, 0);
  }
  entries = last_entries (f, before);
  g_assert_true (g_str_has_prefix (entries, "4|Sanne de Boer|cli|update|person|5|5|name"));
  g_clear_pointer (&entries, g_free);

  /* another database does not know this operator */
  {
    g_autofree char *other = NULL;
    g_autoptr (HelderStore) store = helder_test_store_new (&other);
    const char *env[] = { "HELDER_OPERATOR=", f->config_env, NULL };

    helder_test_seed (store);
    g_assert_cmpint (
      helder_test_run (other, env, NULL, &err, "person", "update", "2", "--name", "X", NULL), ==,
      1);
    g_assert_nonnull (strstr (err, NO_OPERATOR_EN));
    g_clear_pointer (&err, g_free);
    g_clear_object (&store);
    helder_test_remove_db (other);
  }

  /* unset: changes are refused again */
  {
    const char *args[] = { "config", "unset", "operator", NULL };
    const char *change[] = { "person", "update", "5", "--name", "Weer Een Ander", NULL };

    ok_as_user (f, args);
    g_assert_cmpint (run_as_user (f, NULL, NULL, &err, change), ==, 1);
    g_assert_nonnull (strstr (err, NO_OPERATOR_EN));
  }
}

/* A programme with nobody in it yet is set up without an operator: the
 * first staff list is audited as setup; after that, changes need one. */
static void
test_setup_needs_no_operator (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autofree char *csv = helder_test_write_temp (
    "eerste.csv",
    "naam;e-mailadres\nAnna de Vries;anna@voorbeeld.nl\nBram Jansen;bram@voorbeeld.nl\n", -1);
  const char *env[] = { "HELDER_OPERATOR=", f->config_env, NULL };
  g_autofree char *err = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (helder_test_run (path, env, NULL, NULL, "init", "--name", "Wolk", NULL), ==, 0);
  g_assert_cmpint (helder_test_run (path, env, NULL, &err, "import", csv, NULL), ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store),
                                       "SELECT count(*) FROM audit_entry WHERE actor IS NULL"
                                       " AND actor_name = 'setup' AND actor_role = 'setup'"
                                       " AND action = 'create' AND entity = 'person'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (path, env, NULL, &err, "person", "update", "1", "--name", "Anna", NULL), ==,
    1);
  g_assert_nonnull (strstr (err, NO_OPERATOR_EN));

  g_clear_object (&store);
  helder_test_remove_db (path);
  {
    g_autofree char *dir = g_path_get_dirname (csv);
    g_remove (csv);
    g_rmdir (dir);
  }
}

/* The web and the API stay audited, with the signed-in person. */
static void
test_web_still_audited (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) response = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *expected = NULL;
  gint64 before = last_id (f);

  response = helder_web_test_send_json (f->web, "PATCH", "/api/v1/people/5", &f->web->advisor,
                                        "{\"email\": \"via.api@voorbeeld.nl\"}");
  g_assert_cmpuint (response->status, ==, 200);
  entries = last_entries (f, before);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|advisor|update|person|5|5|email\n",
                              f->web->advisor.person, f->web->advisor.name);
  g_assert_cmpstr (entries, ==, expected);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-audit/changes-name-the-operator", test_changes_name_the_operator);
  ADD ("/cli-audit/refused-without-operator", test_refused_without_operator);
  ADD ("/cli-audit/unknown-operator", test_unknown_operator);
  ADD ("/cli-audit/operator-precedence", test_operator_precedence);
  ADD ("/cli-audit/setup-needs-no-operator", test_setup_needs_no_operator);
  ADD ("/cli-audit/web-still-audited", test_web_still_audited);
#undef ADD

  return g_test_run ();
}
