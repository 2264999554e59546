/* test-inv-csv.c — `helder item import|export`, through the real binary
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 2,000-row application list with one bad row: the dry run lists it and
 * writes nothing, the import writes nothing, the mended file imports every
 * row; imported again, every row is unchanged; exported and imported
 * again, nothing changes. Every bad row of a file is listed, Dutch and
 * English headers are read, --map names an unforeseen one.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "helder-test-utils.h"

#define ROWS 2000

typedef struct
{
  char *db;
  char *dir;
  HelderStore *store;
} Fixture;

#define OK(...) helder_test_runv_ok (f->db, (const char *const[]){ __VA_ARGS__, NULL })

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

  f->dir = g_dir_make_tmp ("helder-inv-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  OK ("init", "--name", "Inventaris");
  OK ("person", "add", "--name", "Anna Jansen", "--email", "anna@voorbeeld.nl");
  OK ("person", "add", "--name", "Bram Smit", "--email", "bram@voorbeeld.nl");
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* An application list as a spreadsheet exports it (Dutch headers, `;`),
 * with an owner nobody knows on @bad_row (0: none). */
static char *
application_list (guint bad_row)
{
  GString *csv =
    g_string_new ("Naam;Versie;Leverancier;Functioneel beheerder;Domein;Kerngebruikers;"
                  "Omschrijving\r\n");

  for (guint i = 1; i <= ROWS; i++)
    g_string_append_printf (csv,
                            "Applicatie %04u;%u.%u;Leverancier %u;%s;Domein %u;%s;\"Regel %u; "
                            "met scheidingsteken\"\r\n",
                            i, i % 7, i % 3, i % 25,
                            i == bad_row ? "niemand@voorbeeld.nl"
                            : i % 2 == 0 ? "anna@voorbeeld.nl"
                                         : "Bram Smit",
                            i % 9, i % 50 == 0 ? "anna@voorbeeld.nl, bram@voorbeeld.nl" : "", i);
  return g_string_free (csv, FALSE);
}

static int
import (Fixture *f, char **out, char **err, const char *const *args)
{
  return helder_test_runv (f->db, NULL, args, out, err);
}

static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *bad_csv = application_list (1234);
  g_autofree char *good_csv = application_list (0);
  g_autofree char *bad = write_file (f, "applicaties.csv", bad_csv);
  g_autofree char *good = NULL;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autoptr (JsonObject) result = NULL;

  /* The dry run lists the bad row (line 1235: the header is line 1). */
  g_assert_cmpint (
    import (f, &out, &err,
            (const char *const[]){ "item", "import", "application", bad, "--dry-run", NULL }),
    ==, 1);
  g_assert_nonnull (strstr (err, "applicaties.csv:1235: column “Functioneel beheerder”:"));
  g_assert_nonnull (strstr (err, "niemand@voorbeeld.nl"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&after, g_free);
  /* The import writes nothing. */
  g_assert_cmpint (
    import (f, &out, &err, (const char *const[]){ "item", "import", "application", bad, NULL }), ==,
    1);
  g_assert_nonnull (strstr (err, "applicaties.csv:1235"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The mended file: a dry run says what would happen, the import does it. */
  good = write_file (f, "applicaties-goed.csv", good_csv);
  g_assert_cmpint (import (f, &out, &err,
                           (const char *const[]){ "item", "import", "application", good,
                                                  "--dry-run", "--json", NULL }),
                   ==, 0);
  result = helder_test_object (out);
  g_assert_cmpint (json_object_get_int_member (result, "added"), ==, ROWS);
  g_clear_pointer (&after, g_free);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&result, json_object_unref);
  g_assert_cmpint (
    import (f, &out, &err,
            (const char *const[]){ "item", "import", "application", good, "--json", NULL }),
    ==, 0);
  result = helder_test_object (out);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, ROWS);
  g_assert_cmpint (json_object_get_int_member (result, "added"), ==, ROWS);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'application'"), ==,
                   ROWS);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'supplier'"), ==, 25);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE owner IS NOT NULL"), ==, ROWS);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_key_user"), ==, 2 * (ROWS / 50));
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE description LIKE '%; met%'"), ==,
                   ROWS);
  /* Imported again: every row unchanged, nothing written. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&before, g_free);
  before = helder_test_fingerprint (f->store);
  g_assert_cmpint (
    import (f, &out, &err,
            (const char *const[]){ "item", "import", "application", good, "--json", NULL }),
    ==, 0);
  result = helder_test_object (out);
  g_assert_cmpint (json_object_get_int_member (result, "unchanged"), ==, ROWS);
  g_clear_pointer (&after, g_free);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_every_bad_row (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "koppelingen.csv",
                                      "Van,Naar,Protocol,Intern of extern,Richting,Eigenaar\n"
                                      "Key2,srv,StUF,intern,eenrichting,anna@voorbeeld.nl\n"
                                      "Key2,srv,REST,overal,eenrichting,\n"
                                      "Key2,Niets,SFTP,extern,,\n"
                                      "Key2,srv,SOAP,extern,diagonaal,\n"
                                      "Key2,srv,SMB,,,niemand\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  OK ("item", "add", "application", "Key2");
  OK ("item", "add", "component", "srv");
  before = helder_test_fingerprint (f->store);
  g_assert_cmpint (
    import (f, &out, &err, (const char *const[]){ "item", "import", "koppeling", path, NULL }), ==,
    1);
  g_assert_nonnull (strstr (err, "koppelingen.csv:3: column “Intern of extern”: “overal”"));
  g_assert_nonnull (strstr (err, "koppelingen.csv:4: column “Naar”:"));
  g_assert_nonnull (strstr (err, "koppelingen.csv:5: column “Richting”: “diagonaal”"));
  g_assert_nonnull (strstr (err, "koppelingen.csv:6: column “Eigenaar”:"));
  g_assert_null (strstr (err, "koppelingen.csv:2:"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_map_and_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "contracten.csv",
                                      "Leverancier,Onderwerp,Einddatum,Termijn,Opmerking\n"
                                      "Centric,Key2 onderhoud,31-12-2027,6,niet nodig\n"
                                      "PinkRoccade,Suite4,2028-06-30,12 maanden,\n");
  g_autofree char *exported = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) result = NULL;

  OK ("item", "import", "contract", path, "--map", "Termijn=notice_months", "--map",
      "Opmerking=ignore");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'contract'"
                              " AND notice_months IN (6, 12) AND ends_on LIKE '202%'"),
                   ==, 2);
  OK ("item", "add", "application", "Key2Burgerzaken", "--supplier", "Centric", "--owner",
      "anna@voorbeeld.nl", "--version", "5.2", "--key-user", "bram@voorbeeld.nl", "--domain",
      "Burgerzaken");
  OK ("item", "add", "component", "srv-app01", "--type", "vm", "--version", "=1+1");
  OK ("item", "add", "coupling", "--from", "Key2Burgerzaken", "--to", "srv-app01", "--protocol",
      "StUF", "--scope", "intern");
  static const char *const kinds[] = { "application", "component", "coupling",
                                       "contract",    "supplier",  "process" };
  before = helder_test_fingerprint (f->store);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      OK ("item", "export", kinds[k], "--output", exported);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_clear_pointer (&result, json_object_unref);
      g_assert_cmpint (
        import (f, &out, &err,
                (const char *const[]){ "item", "import", kinds[k], exported, "--json", NULL }),
        ==, 0);
      result = helder_test_object (out);
      g_assert_cmpint (json_object_get_int_member (result, "added"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (result, "updated"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (result, "unchanged"), ==,
                       json_object_get_int_member (result, "rows"));
    }
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add ("/inv/csv/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing,
              fixture_tear_down);
  g_test_add ("/inv/csv/every-bad-row", Fixture, NULL, fixture_set_up, test_every_bad_row,
              fixture_tear_down);
  g_test_add ("/inv/csv/map-and-round-trip", Fixture, NULL, fixture_set_up, test_map_and_round_trip,
              fixture_tear_down);
  return g_test_run ();
}
