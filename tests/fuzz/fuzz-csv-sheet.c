/* fuzz-csv-sheet.c — the generic CSV reader plugins import their lists with
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An input is a file, or a --map, a zero byte and a file. Any outcome is
 * fine except a crash, a leak, a refusal without a message, a cell that is
 * not UTF-8 or not trimmed, rows out of line order, or a sheet that does
 * not read back as itself once written with helder_csv_append_row().
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helder-error.h"
#include "services/util/helder-csv-sheet.h"

enum
{
  FUZZ_SHEET_N_FIELDS = 4
};

static const char *const fuzz_sheet_name[] = { "Name", "Naam", NULL };
static const char *const fuzz_sheet_version[] = { "Version", "Versie", NULL };
static const char *const fuzz_sheet_owner[] = { "Owner", "Eigenaar", "Functioneel beheerder",
                                                NULL };

static const HelderCsvField fuzz_sheet_fields[FUZZ_SHEET_N_FIELDS] = {
  { "name", fuzz_sheet_name, TRUE },
  { "version", fuzz_sheet_version, FALSE },
  { "owner", fuzz_sheet_owner, FALSE },
  { "notes", NULL, FALSE },
};

static void
fuzz_sheet_check_cell (const char *cell)
{
  gsize len = strlen (cell);

  if (!g_utf8_validate (cell, -1, NULL))
    abort ();
  if (len > 0 && (g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[len - 1])))
    abort ();
}

/* Written out (with a column that keeps every row from being empty) and
 * read again, the sheet holds the same cells. */
static void
fuzz_sheet_round_trip (const HelderCsvSheet *sheet)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (HelderCsvSheet) again = NULL;
  const char *header[FUZZ_SHEET_N_FIELDS + 1] = { "row" };
  guint n = helder_csv_sheet_n_rows (sheet);

  for (guint f = 0; f < FUZZ_SHEET_N_FIELDS; f++)
    header[f + 1] = fuzz_sheet_fields[f].name;
  helder_csv_append_row (out, header, FUZZ_SHEET_N_FIELDS + 1);
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *number = g_strdup_printf ("%u", r);
      const char *cells[FUZZ_SHEET_N_FIELDS + 1] = { number };

      for (guint f = 0; f < FUZZ_SHEET_N_FIELDS; f++)
        cells[f + 1] = helder_csv_sheet_get (sheet, r, f);
      helder_csv_append_row (out, cells, FUZZ_SHEET_N_FIELDS + 1);
    }
  again = helder_csv_sheet_read (out->str, out->len, "again.csv", fuzz_sheet_fields,
                                 FUZZ_SHEET_N_FIELDS, NULL, NULL);
  if (again == NULL || helder_csv_sheet_n_rows (again) != n)
    abort ();
  for (guint r = 0; r < n; r++)
    for (guint f = 0; f < FUZZ_SHEET_N_FIELDS; f++)
      if (strcmp (helder_csv_sheet_get (sheet, r, f), helder_csv_sheet_get (again, r, f)) != 0)
        abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *zero = memchr (data, '\0', size);
  g_autofree char *map = NULL;
  g_autoptr (HelderCsvSheet) sheet = NULL;
  g_autoptr (GError) error = NULL;
  const char *file = (const char *) data;
  gsize length = size;
  guint last_line = 0;

  if (zero != NULL)
    {
      map = g_strndup ((const char *) data, (gsize) (zero - data));
      file = (const char *) zero + 1;
      length = size - (gsize) (zero - data) - 1;
    }
  sheet = helder_csv_sheet_read (length > 0 ? file : "", length, "fuzz.csv", fuzz_sheet_fields,
                                 FUZZ_SHEET_N_FIELDS, map, &error);
  if (sheet == NULL)
    {
      if (error == NULL || error->domain != HELDER_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (error != NULL || !helder_csv_sheet_has (sheet, 0) || helder_csv_sheet_ignored (sheet) == NULL)
    abort ();
  for (guint r = 0; r < helder_csv_sheet_n_rows (sheet); r++)
    {
      if (helder_csv_sheet_line (sheet, r) <= last_line)
        abort ();
      last_line = helder_csv_sheet_line (sheet, r);
      for (guint f = 0; f < FUZZ_SHEET_N_FIELDS; f++)
        fuzz_sheet_check_cell (helder_csv_sheet_get (sheet, r, f));
    }
  for (guint f = 0; f < FUZZ_SHEET_N_FIELDS; f++)
    if (!g_utf8_validate (helder_csv_sheet_header (sheet, f), -1, NULL))
      abort ();
  fuzz_sheet_round_trip (sheet);
  return 0;
}
