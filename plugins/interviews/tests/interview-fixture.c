/* interview-fixture.c — the listening part's tests: a demo programme and `helder`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "interview-fixture.h"

int
fixture_run (Fixture *f, const char *now, char **out, char **err, const char *const *args)
{
  const char *env[] = { now, NULL };

  return helder_test_runv (f->db, env, args, out, err);
}

char *
fixture_ok (Fixture *f, const char *now, const char *const *args)
{
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = fixture_run (f, now, &out, &err, args);

  if (status != 0)
    g_error ("helder %s %s: status %d: %s", args[0], args[1] ? args[1] : "", status, err);
  return out;
}

void
fixture_refused (Fixture *f, const char *now, const char *needle, const char *const *args)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = fixture_run (f, now, &out, &err, args);

  if (status == 0 || strstr (err, needle) == NULL)
    g_error ("helder %s %s %s: status %d, wanted “%s” in: %s", args[0], args[1] ? args[1] : "",
             args[1] && args[2] ? args[2] : "", status, needle, err);
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

JsonNode *
fixture_json (Fixture *f, const char *now, const char *const *args)
{
  g_autofree char *out = fixture_ok (f, now, args);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-listen-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  OK ("init", "--demo");
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
  /* Without the demo's own interviews and concerns: the tests count every
   * row and audit entry they make. */
  fixture_exec (f, "DELETE FROM concern; DELETE FROM concern_theme; DELETE FROM interview;"
                   " DELETE FROM audit_entry WHERE entity IN ('concern', 'concern_theme',"
                   " 'interview')");
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

gint64
fixture_scalar (Fixture *f, const char *sql)
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

char *
fixture_text (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

void
fixture_exec (Fixture *f, const char *sql)
{
  g_assert_cmpint (sqlite3_exec (helder_store_get_db (f->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}
