/* helder-csv-sheet.h — a CSV file with named fields, for plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff import's rules for any list a plugin imports: UTF-8 only (the
 * bad line named), a byte order mark skipped, the separator (`,` `;` or
 * tab) taken from the header line, headers matched in English or Dutch,
 * any case, accents and white space aside, and a mapping (--map) for the
 * headers nobody foresaw. And the other way: one CSV line, guarded against
 * formulas, that reads back as it was written.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One field a plugin reads from a file. */
typedef struct
{
  const char *name;           /* the field as --map names it ("version") */
  const char *const *headers; /* NULL-terminated header names that mean it (English and Dutch) */
  gboolean required;          /* the file must have a column for it */
} HelderCsvField;

typedef struct _HelderCsvSheet HelderCsvSheet;

HelderCsvSheet *helder_csv_sheet_read (const char *data,
                                       gsize length,
                                       const char *origin,
                                       const HelderCsvField *fields,
                                       guint n_fields,
                                       const char *map,
                                       GError **error);
guint helder_csv_sheet_n_rows (const HelderCsvSheet *sheet);
guint helder_csv_sheet_line (const HelderCsvSheet *sheet, guint row);
gboolean helder_csv_sheet_has (const HelderCsvSheet *sheet, guint field);
const char *helder_csv_sheet_get (const HelderCsvSheet *sheet, guint row, guint field);
const char *helder_csv_sheet_header (const HelderCsvSheet *sheet, guint field);
const char *const *helder_csv_sheet_ignored (const HelderCsvSheet *sheet);
char *helder_csv_sheet_problem (const HelderCsvSheet *sheet,
                                guint row,
                                guint field,
                                const char *format,
                                ...) G_GNUC_PRINTF (4, 5);
void helder_csv_sheet_free (HelderCsvSheet *sheet);

void helder_csv_append_row (GString *out, const char *const *cells, guint n_cells);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderCsvSheet, helder_csv_sheet_free)

G_END_DECLS
