/* helder-csv-read-private.h — reading a staff list: records and columns
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the CSV import that knows about bytes and headers, not about
 * people (services/util/helder-csv-read.c); services/transfer/helder-import-csv.c uses it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One row of the file, with the physical line it starts on. */
typedef struct
{
  guint line;       /* where the record starts */
  GPtrArray *cells; /* char * */
} HelderCsvRecord;

/* The columns the importer understands, whatever the header calls them. */
typedef enum
{
  HELDER_CSV_NAME,
  HELDER_CSV_FIRST_NAME,
  HELDER_CSV_INFIX,
  HELDER_CSV_LAST_NAME,
  HELDER_CSV_EMAIL,
  HELDER_CSV_GROUPS,
  HELDER_CSV_ROLE,
  HELDER_CSV_ORGANISATION,
  HELDER_CSV_LOCALE,
  HELDER_CSV_MANAGER,
  HELDER_CSV_DIGEST,
  HELDER_CSV_CHANNELS,
  HELDER_CSV_N_COLUMNS
} HelderCsvColumn;

/* What a mapping may say besides a column: leave it out, or nothing known. */
#define HELDER_CSV_IGNORED (-1)
#define HELDER_CSV_UNKNOWN (-2)

typedef struct
{
  int index[HELDER_CSV_N_COLUMNS]; /* cell of each column, -1 when absent */
  GPtrArray *headers;              /* the header cells as written, white space collapsed */
  GPtrArray *ignored;              /* the headers we do not use */
} HelderCsvColumns;

typedef struct _HelderCsvMap HelderCsvMap;

void helder_csv_record_free (gpointer record);
gboolean helder_csv_check_utf8 (const char *data, gsize length, const char *origin, GError **error);
GPtrArray *helder_csv_read (const char *data, gsize length, const char *origin, GError **error);
gboolean helder_csv_record_is_empty (HelderCsvRecord *record);
gboolean helder_csv_map_columns (HelderCsvRecord *header,
                                 const char *origin,
                                 HelderCsvMap *map,
                                 HelderCsvColumns *columns,
                                 GError **error);
void helder_csv_columns_clear (HelderCsvColumns *columns);
const char *helder_csv_column_header (const HelderCsvColumns *columns, HelderCsvColumn column);
char *helder_csv_collapse_space (const char *text);
char *helder_csv_match_key (const char *text);
char *helder_csv_header_key (const char *text);
int helder_csv_column_from_name (const char *name);
const char *helder_csv_column_name (int column);
char *helder_csv_column_names (void);
gboolean helder_csv_header_looks_like_group (const char *header);

G_END_DECLS
