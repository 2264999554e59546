/* bench-inv-import.c — importing 5,000 applications from CSV
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of the pass/fail suite (tests/bench/run-inventory-bench.sh runs
 * it). Generates an application list of HELDER_BENCH_ITEMS (default
 * 5,000) rows with Dutch headers, suppliers, owners and key users, and
 * times, each on a fresh database made by the real `helder`:
 *   - `helder item import application FILE` (the whole command: process
 *     start, plugins, one transaction);
 *   - inv_csv_import() in-process (the import alone);
 *   - the same file imported again (every row unchanged);
 * one figure a line, against the target of 1 s.
 */
#include "config.h"

#include <stdio.h>

#include "helder-test-utils.h"
#include "inv-private.h"

static char *
make_csv (guint n)
{
  GString *csv =
    g_string_new ("Naam;Versie;Leverancier;Eigenaar;Domein;Kerngebruikers;Omschrijving\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv,
                            "Applicatie %05u;%u.%u;Leverancier %u;p%u@voorbeeld.nl;Domein %u;%s;"
                            "Applicatie voor taak %u\n",
                            i, i % 9, i % 4, i % 40, i % 30, i % 12,
                            i % 10 == 0 ? "p1@voorbeeld.nl" : "", i);
  return g_string_free (csv, FALSE);
}

static char *
make_db (const char *dir, const char *name)
{
  char *db = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autoptr (GString) people = g_string_new ("INSERT INTO person (id, name, email, created_at,"
                                             " updated_at) VALUES ");

  helder_test_runv_ok (db, (const char *const[]){ "init", "--name", "Bench", NULL });
  store = helder_store_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (people,
                            "%s(%u, 'Persoon %u', 'p%u@voorbeeld.nl', '2026-11-01T00:00:00Z',"
                            " '2026-11-01T00:00:00Z')",
                            i > 0 ? ", " : "", i + 1, i, i);
  g_assert_true (helder_store_exec (store, people->str, &error));
  return db;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
report (const char *what, guint n, double seconds)
{
  printf ("inventory-import: %s: %u applications in %.3f s (%.0f rows/s; target < 1 s) %s\n", what,
          n, seconds, n / seconds, seconds < 1.0 ? "ok" : "SLOW");
}

int
main (int argc, char **argv)
{
  const char *env_n = g_getenv ("HELDER_BENCH_ITEMS");
  guint n = env_n != NULL ? (guint) g_ascii_strtoull (env_n, NULL, 10) : 5000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-inv-bench-XXXXXX", &error);
  g_autofree char *csv = make_csv (n);
  g_autofree char *file = g_build_filename (dir, "applicaties.csv", NULL);
  g_autofree char *cli_db = NULL;
  g_autofree char *lib_db = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_auto (InvCsvResult) result = { 0 };
  g_auto (InvCsvResult) again = { 0 };
  InvCsvOptions options = { .kind = "application" };
  gint64 start;
  int status;

  g_setenv ("HELDER_OPERATOR", "1", TRUE);
  helder_test_init (&argc, &argv);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, csv, -1, &error));

  cli_db = make_db (dir, "cli.db");
  start = g_get_monotonic_time ();
  status = helder_test_runv (
    cli_db, NULL, (const char *const[]){ "item", "import", "application", file, NULL }, NULL, NULL);
  if (status != 0)
    g_error ("helder item import failed (%d)", status);
  report ("helder item import (whole command)", n, seconds_since (start));

  lib_db = make_db (dir, "lib.db");
  store = helder_store_open (lib_db, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!inv_csv_import (store, HELDER_TEST_ACTOR, csv, strlen (csv), "applicaties.csv", &options,
                       &result, &error))
    g_error ("%s", error->message);
  report ("inv_csv_import in-process", n, seconds_since (start));
  g_assert_cmpuint (result.added, ==, n);
  start = g_get_monotonic_time ();
  if (!inv_csv_import (store, HELDER_TEST_ACTOR, csv, strlen (csv), "applicaties.csv", &options,
                       &again, &error))
    g_error ("%s", error->message);
  report ("the same file again, all unchanged", n, seconds_since (start));
  g_assert_cmpuint (again.unchanged, ==, n);
  g_clear_object (&store);
  helder_test_remove_db (cli_db);
  helder_test_remove_db (lib_db);
  return 0;
}
