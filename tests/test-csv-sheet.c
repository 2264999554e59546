/* test-csv-sheet.c — the generic CSV reader plugins import their lists with
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Through core/helder.h, as a plugin sees it: headers in English and
 * Dutch (any case, accents, white space), --map and ignore, every error
 * with its message, quoted values over several lines with the right line
 * numbers, the three separators, a byte order mark, and what
 * helder_csv_append_row() writes read back cell for cell.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder.h"

enum
{
  F_NAME,
  F_VERSION,
  F_SUPPLIER,
  F_OWNER,
  F_NOTES,
  N_FIELDS
};

static const char *const name_headers[] = { "Name", "Naam", "Application", "Applicatie", NULL };
static const char *const version_headers[] = { "Version", "Versie", NULL };
static const char *const supplier_headers[] = { "Supplier", "Leverancier", NULL };
static const char *const owner_headers[] = { "Functional owner", "Functioneel beheerder", NULL };
static const char *const notes_headers[] = { "Notes", "Opmerkingen", "Categorie", NULL };

static const HelderCsvField fields[N_FIELDS] = {
  [F_NAME] = { "name", name_headers, TRUE },
  [F_VERSION] = { "version", version_headers, FALSE },
  [F_SUPPLIER] = { "supplier", supplier_headers, FALSE },
  [F_OWNER] = { "functional_owner", owner_headers, FALSE },
  [F_NOTES] = { "notes", notes_headers, FALSE },
};

static HelderCsvSheet *
read_ok (const char *text, const char *map)
{
  g_autoptr (GError) error = NULL;
  HelderCsvSheet *sheet =
    helder_csv_sheet_read (text, strlen (text), "apps.csv", fields, N_FIELDS, map, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

static void
read_fails (const char *text, gssize length, const char *map, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderCsvSheet) sheet = helder_csv_sheet_read (
    text, length < 0 ? strlen (text) : (gsize) length, "apps.csv", fields, N_FIELDS, map, &error);

  g_assert_null (sheet);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_english (void)
{
  g_autoptr (HelderCsvSheet) sheet = read_ok ("Name,Version,Supplier,Employee number\n"
                                              "Zaaksysteem, 4.2 ,Acme BV,17\n"
                                              "GIS-viewer,,\"Kaart, en Co\",18\n",
                                              NULL);

  g_assert_cmpuint (helder_csv_sheet_n_rows (sheet), ==, 2);
  g_assert_true (helder_csv_sheet_has (sheet, F_NAME));
  g_assert_true (helder_csv_sheet_has (sheet, F_SUPPLIER));
  g_assert_false (helder_csv_sheet_has (sheet, F_OWNER));
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NAME), ==, "Zaaksysteem");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_VERSION), ==, "4.2");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 1, F_VERSION), ==, "");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 1, F_SUPPLIER), ==, "Kaart, en Co");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 1, F_OWNER), ==, "");
  g_assert_cmpstr (helder_csv_sheet_header (sheet, F_VERSION), ==, "Version");
  g_assert_cmpstr (helder_csv_sheet_header (sheet, F_OWNER), ==, "functional_owner");
  g_assert_cmpuint (g_strv_length ((GStrv) helder_csv_sheet_ignored (sheet)), ==, 1);
  g_assert_cmpstr (helder_csv_sheet_ignored (sheet)[0], ==, "Employee number");
  g_assert_cmpuint (helder_csv_sheet_line (sheet, 0), ==, 2);
  g_assert_cmpuint (helder_csv_sheet_line (sheet, 1), ==, 3);
}

/* Dutch headers, any case, accents and white space aside; the field's own
 * name is a header too ("functional_owner", "Functional Owner"). */
static void
test_dutch_folded (void)
{
  g_autoptr (HelderCsvSheet) sheet =
    read_ok ("APPLICATIE;  versie ;LEVERANCIER;Functioneel   Beheerder;Catégorie\n"
             "Zaaksysteem;4.2;Acme BV;Ellen Bakker;Zaakgericht werken\n",
             NULL);

  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NAME), ==, "Zaaksysteem");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_VERSION), ==, "4.2");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_SUPPLIER), ==, "Acme BV");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_OWNER), ==, "Ellen Bakker");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NOTES), ==, "Zaakgericht werken");
  g_assert_cmpstr (helder_csv_sheet_header (sheet, F_OWNER), ==, "Functioneel Beheerder");
  g_assert_cmpstr (helder_csv_sheet_header (sheet, F_NOTES), ==, "Catégorie");
  g_assert_null (helder_csv_sheet_ignored (sheet)[0]);

  {
    g_autoptr (HelderCsvSheet) by_name =
      read_ok ("name,Functional_Owner\nZaaksysteem,Ellen\n", NULL);
    g_assert_cmpstr (helder_csv_sheet_get (by_name, 0, F_OWNER), ==, "Ellen");
  }
}

/* --map names what the headers do not say, and may ignore a known one. */
static void
test_map (void)
{
  g_autoptr (HelderCsvSheet) sheet = read_ok ("Pakket;Release;Leverancier;Opmerkingen\n"
                                              "Zaaksysteem;4.2;Acme BV;vervangen in 2027\n",
                                              "Pakket=name; release = Version\nopmerkingen=ignore");

  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NAME), ==, "Zaaksysteem");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_VERSION), ==, "4.2");
  g_assert_cmpstr (helder_csv_sheet_header (sheet, F_VERSION), ==, "Release");
  g_assert_false (helder_csv_sheet_has (sheet, F_NOTES));
  g_assert_cmpstr (helder_csv_sheet_ignored (sheet)[0], ==, "Opmerkingen");
  g_assert_null (helder_csv_sheet_ignored (sheet)[1]);

  /* Dutch "negeer" is ignore too; a map may move a known header elsewhere */
  {
    g_autoptr (HelderCsvSheet) moved =
      read_ok ("Naam,Versie,Leverancier\nA,1,B\n", "Versie=negeer;Leverancier=notes");
    g_assert_false (helder_csv_sheet_has (moved, F_VERSION));
    g_assert_cmpstr (helder_csv_sheet_get (moved, 0, F_NOTES), ==, "B");
    g_assert_false (helder_csv_sheet_has (moved, F_SUPPLIER));
  }
}

static void
test_errors (void)
{
  read_fails ("Naam,Versie\nZaak\xe9systeem,1\n", -1, NULL,
              "apps.csv:2: byte 0xE9 (column 5) is not UTF-8; save the file as UTF-8 (in Excel: "
              "“CSV UTF-8”)");
  read_fails ("\xff\xfeN\0a\0", 6, NULL,
              "apps.csv:1: the file is UTF-16 (“Unicode text”); save the file as UTF-8 (CSV "
              "UTF-8)");
  read_fails ("", 0, NULL, "apps.csv: the file is empty; expected a header row such as “name”");
  read_fails ("\xEF\xBB\xBF\n \n\r\n", -1, NULL,
              "apps.csv: the file is empty; expected a header row such as “name”");
  read_fails ("Naam,Application\nA,B\n", -1, NULL,
              "apps.csv:1: the columns “Naam” and “Application” mean the same; keep one of them");
  read_fails ("\nVersie;Leverancier\n1;B\n", -1, NULL,
              "apps.csv:2: missing column “name”; the header has: Versie, Leverancier");
  read_fails ("Naam,Versie\nA,1\n", -1, "Vendor=supplier",
              "--map: apps.csv has no column “Vendor”; the header has: Naam, Versie");
  read_fails ("Naam,Versie\nA,1\n", -1, "Versie=release",
              "--map: “Versie”: there is no field “release”; map a column to one of name, "
              "version, supplier, functional_owner, notes, or to ignore");
  read_fails ("Naam,Versie\nA,1\n", -1, "Versie",
              "--map: “Versie” is not COLUMN=FIELD (a header of the file, “=”, and the field it "
              "holds or ignore)");
  read_fails ("Naam,Versie\nA,1\n", -1, "=version",
              "--map: “=version” is not COLUMN=FIELD (a header of the file, “=”, and the field it "
              "holds or ignore)");
  read_fails ("Naam,Versie\nA,1\n", -1, "versie=version;VERSIE=ignore",
              "--map: the column “VERSIE” is mapped twice; keep one");
  read_fails ("Naam,Versie\nA,1\n", -1, "Naam=version;Versie=version",
              "apps.csv:1: the columns “Naam” and “Versie” mean the same; keep one of them");
  read_fails ("Naam,Versie\nA,1\n", -1, "Naam=\xff", "--map: not UTF-8 text; give COLUMN=FIELD");
  read_fails ("Naam,Versie\nA,1\n\"B,2\nC,3\n", -1, NULL,
              "apps.csv:3: a quoted value that starts on this row is never closed (a \" is "
              "missing)");

  /* a required field mapped away is missing, and says what the header has */
  read_fails ("Naam,Versie\nA,1\n", -1, "Naam=ignore",
              "apps.csv:1: missing column “name”; the header has: Naam, Versie");
}

/* Quoted values over several lines: each row knows the line it starts on;
 * empty lines are no rows. */
static void
test_multiline (void)
{
  g_autoptr (HelderCsvSheet) sheet = read_ok ("Naam;Opmerkingen\r\n"
                                              "A;\"eerste regel\r\ntweede regel\"\r\n"
                                              "\r\n"
                                              "B;\"drie\nregels\nlang\"\n"
                                              " ; \n"
                                              "C;\n",
                                              NULL);

  g_assert_cmpuint (helder_csv_sheet_n_rows (sheet), ==, 3);
  g_assert_cmpuint (helder_csv_sheet_line (sheet, 0), ==, 2);
  g_assert_cmpuint (helder_csv_sheet_line (sheet, 1), ==, 5);
  g_assert_cmpuint (helder_csv_sheet_line (sheet, 2), ==, 9);
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NOTES), ==, "eerste regel\r\ntweede regel");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 1, F_NOTES), ==, "drie\nregels\nlang");
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 2, F_NAME), ==, "C");

  {
    g_autofree char *problem = helder_csv_sheet_problem (sheet, 1, F_NOTES, "too long (%d)", 3);
    g_autofree char *absent = helder_csv_sheet_problem (sheet, 2, F_VERSION, "required");
    g_assert_cmpstr (problem, ==, "apps.csv:5: column “Opmerkingen”: too long (3)");
    g_assert_cmpstr (absent, ==, "apps.csv:9: column “version”: required");
  }
}

/* The separator is the one the header line uses; a BOM is skipped. */
static void
test_separators (void)
{
  static const char *const files[] = {
    "Naam,Versie,Leverancier\nA;B,1,\"C;D\"\n",
    "Naam;Versie;Leverancier\nA,B;1;C;D\n",
    "Naam\tVersie\tLeverancier\nA,B\t1\tC;D\n",
    "\xEF\xBB\xBF"
    "Naam;Versie;Leverancier\r\nA,B;1;C;D\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (HelderCsvSheet) sheet = read_ok (files[i], NULL);
      const char *name = i == 0 ? "A;B" : "A,B";
      const char *supplier = i % 2 == 0 ? "C;D" : "C";

      g_assert_cmpuint (helder_csv_sheet_n_rows (sheet), ==, 1);
      g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_NAME), ==, name);
      g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_VERSION), ==, "1");
      g_assert_cmpstr (helder_csv_sheet_get (sheet, 0, F_SUPPLIER), ==, supplier);
      g_assert_cmpstr (helder_csv_sheet_header (sheet, F_NAME), ==, "Naam");
    }
}

/* A cell a spreadsheet would run is written with an apostrophe before it,
 * quoted; a cell with a separator, quote or line break is quoted. */
static void
test_append_row (void)
{
  static const char *const cells[] = { "=SUM(A1:A9)",      "+31 6 1234", "-1",  "@cmd", "'=x",
                                       "'s-Hertogenbosch", "a \"b\"",    "c;d", NULL,   "gewoon" };
  g_autoptr (GString) out = g_string_new (NULL);

  helder_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (out->str, ==,
                   "\"'=SUM(A1:A9)\",\"'+31 6 1234\",\"'-1\",\"'@cmd\",\"''=x\","
                   "'s-Hertogenbosch,\"a \"\"b\"\"\",\"c;d\",,gewoon\r\n");
}

/* A random cell: any of the awkward characters, but neither starting nor
 * ending with white space (the reader trims it). */
static char *
random_cell (GRand *rand)
{
  static const char *const pieces[] = { "a", "Z", "é", "€", ",", ";", "\t",  "\"", "\n", "\r\n",
                                        "=", "+", "-", "@", "'", " ", "x y", "0",  "😀",  "\\" };
  GString *cell = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 8);

  for (guint i = 0; i < n; i++)
    g_string_append (cell, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  while (cell->len > 0 && g_ascii_isspace (cell->str[0]))
    g_string_erase (cell, 0, 1);
  while (cell->len > 0 && g_ascii_isspace (cell->str[cell->len - 1]))
    g_string_truncate (cell, cell->len - 1);
  return g_string_free (cell, FALSE);
}

static void
test_round_trip (void)
{
  static const char *const header[N_FIELDS] = { "Naam", "Versie", "Leverancier",
                                                "Functioneel beheerder", "Opmerkingen" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (14);

  for (guint run = 0; run < 50; run++)
    {
      g_autoptr (GString) out = g_string_new ("\xEF\xBB\xBF");
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr (HelderCsvSheet) sheet = NULL;
      guint n = g_rand_int_range (rand, 1, 40);

      helder_csv_append_row (out, header, N_FIELDS);
      for (guint r = 0; r < n; r++)
        {
          char **cells = g_new0 (char *, N_FIELDS + 1);

          cells[0] = g_strdup_printf ("app %u", r); /* no row is empty */
          for (guint f = 1; f < N_FIELDS; f++)
            cells[f] = random_cell (rand);
          helder_csv_append_row (out, (const char *const *) cells, N_FIELDS);
          g_ptr_array_add (rows, cells);
        }
      sheet = read_ok (out->str, NULL);
      g_assert_cmpuint (helder_csv_sheet_n_rows (sheet), ==, n);
      for (guint r = 0; r < n; r++)
        for (guint f = 0; f < N_FIELDS; f++)
          g_assert_cmpstr (helder_csv_sheet_get (sheet, r, f), ==,
                           ((char **) g_ptr_array_index (rows, r))[f]);
    }
}

/* 5,000 rows of 10 columns, as a plugin's import reads them. */
static void
test_speed (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (HelderCsvSheet) sheet = NULL;
  g_autoptr (GError) error = NULL;
  const char *header[10] = { "Naam",  "Versie",      "Leverancier", "Functioneel beheerder",
                             "Notes", "Domein",      "Status",      "Contract",
                             "Einde", "Opzegtermijn" };
  gint64 start;
  double ms;

  helder_csv_append_row (out, header, 10);
  for (guint r = 0; r < 5000; r++)
    {
      g_autofree char *name = g_strdup_printf ("Applicatie %u", r);
      const char *cells[10] = { name,         "12.4.1",      "Leverancier BV", "Ellen de Vries",
                                "Een, twee",  "Burgerzaken", "in gebruik",     "C-2024-17",
                                "2027-12-31", "3 maanden" };
      helder_csv_append_row (out, cells, 10);
    }
  start = g_get_monotonic_time ();
  sheet = helder_csv_sheet_read (out->str, out->len, "big.csv", fields, N_FIELDS, NULL, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpuint (helder_csv_sheet_n_rows (sheet), ==, 5000);
  g_assert_cmpstr (helder_csv_sheet_get (sheet, 4999, F_NAME), ==, "Applicatie 4999");
  g_test_message ("5,000 rows × 10 columns read in %.1f ms", ms);
  /* well under 100 ms on its own; the bound leaves room for a loaded
   * machine and the sanitizers */
  g_assert_cmpfloat (ms, <, 1000.0);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/csv-sheet/english", test_english);
  g_test_add_func ("/csv-sheet/dutch-folded", test_dutch_folded);
  g_test_add_func ("/csv-sheet/map", test_map);
  g_test_add_func ("/csv-sheet/errors", test_errors);
  g_test_add_func ("/csv-sheet/multiline", test_multiline);
  g_test_add_func ("/csv-sheet/separators", test_separators);
  g_test_add_func ("/csv-sheet/append-row", test_append_row);
  g_test_add_func ("/csv-sheet/round-trip", test_round_trip);
  g_test_add_func ("/csv-sheet/speed", test_speed);
  return g_test_run ();
}
