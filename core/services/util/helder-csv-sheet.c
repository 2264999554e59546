/* helder-csv-sheet.c — a CSV file with named fields, for plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes go through the staff import's reader (helder-csv-read.c:
 * libcsv, UTF-8 check, separator from the header line, header keys); what
 * is new here is only that the fields are the caller's, not a person's.
 * Every cell a field uses is trimmed once while reading, so that getting
 * one is an array look-up.
 *
 * Writing guards a cell that a spreadsheet would run as a formula (one
 * starting with = + - or @) with a leading apostrophe, as OWASP advises;
 * reading takes that apostrophe off again, so that what a plugin exports
 * reads back as it was. A cell that itself starts with apostrophes before
 * such a character gets one more, so both directions stay exact.
 */
#define G_LOG_DOMAIN "helder-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-csv-read-private.h"
#include "services/util/helder-csv-sheet.h"

/* A --map longer than this is not a mapping. */
#define SHEET_MAP_MAX      200
#define SHEET_MAP_TEXT_MAX 200

struct _HelderCsvSheet
{
  char *origin;
  guint n_fields;
  char **names;   /* n_fields: each field's name */
  char **headers; /* n_fields: the header as written, NULL when absent (not a GStrv) */
  int *index;     /* n_fields: the cell of each field, -1 when absent */
  GStrv ignored;
  guint n_rows;
  guint *lines;         /* n_rows */
  const char **cells;   /* n_rows × n_fields, NULL when absent */
  GStringChunk *values; /* holds the cells */
};

typedef struct
{
  char *header; /* as given, white space collapsed */
  char *key;    /* helder_csv_header_key () of it */
  int field;    /* index into the fields, or -1: ignore */
  gboolean used;
} MapEntry;

static void
map_entry_free (gpointer data)
{
  MapEntry *entry = data;

  g_free (entry->header);
  g_free (entry->key);
  g_free (entry);
}

/* ---- the fields ------------------------------------------------------- */

static gboolean
field_means (const HelderCsvField *field, const char *key)
{
  g_autofree char *name = helder_csv_header_key (field->name);

  if (g_str_equal (name, key))
    return TRUE;
  for (guint h = 0; field->headers != NULL && field->headers[h] != NULL; h++)
    {
      g_autofree char *header = helder_csv_header_key (field->headers[h]);
      if (g_str_equal (header, key))
        return TRUE;
    }
  return FALSE;
}

/* The field a header or a --map field names, or -1. */
static int
find_field (const HelderCsvField *fields, guint n_fields, const char *text)
{
  g_autofree char *key = helder_csv_header_key (text);

  for (guint f = 0; f < n_fields; f++)
    if (field_means (&fields[f], key))
      return (int) f;
  return -1;
}

static char *
field_names (const HelderCsvField *fields, guint n_fields)
{
  GString *names = g_string_new (NULL);

  for (guint f = 0; f < n_fields; f++)
    g_string_append_printf (names, "%s%s", f > 0 ? ", " : "", fields[f].name);
  return g_string_free (names, FALSE);
}

/* ---- the mapping ------------------------------------------------------ */

static gboolean
not_an_entry (const char *spec, GError **error)
{
  g_autofree char *valid = g_utf8_make_valid (spec, -1);
  g_autofree char *shown = helder_csv_collapse_space (valid);

  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               _ ("--map: “%s” is not COLUMN=FIELD (a header of the file, “=”, and the field it "
                  "holds or ignore)"),
               shown);
  return FALSE;
}

/* "Versie=version" → an entry, or NULL with @error. */
static MapEntry *
parse_map_entry (const char *spec, const HelderCsvField *fields, guint n_fields, GError **error)
{
  const char *equals = strrchr (spec, '=');
  g_autofree char *raw = NULL;
  g_autofree char *header = NULL;
  g_autofree char *field = NULL;
  MapEntry *entry;
  int f;

  if (equals == NULL)
    {
      not_an_entry (spec, error);
      return NULL;
    }
  raw = g_strndup (spec, (gsize) (equals - spec));
  header = helder_csv_collapse_space (raw);
  field = helder_csv_collapse_space (equals + 1);
  if (header[0] == '\0' || field[0] == '\0' || g_utf8_strlen (header, -1) > SHEET_MAP_TEXT_MAX ||
      g_utf8_strlen (field, -1) > SHEET_MAP_TEXT_MAX)
    {
      not_an_entry (spec, error);
      return NULL;
    }

  f = find_field (fields, n_fields, field);
  if (f < 0 && helder_csv_column_from_name (field) != HELDER_CSV_IGNORED)
    {
      g_autofree char *names = field_names (fields, n_fields);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("--map: “%s”: there is no field “%s”; map a column to one of %s, or to "
                      "ignore"),
                   header, field, names);
      return NULL;
    }
  entry = g_new0 (MapEntry, 1);
  entry->key = helder_csv_header_key (header);
  entry->header = g_steal_pointer (&header);
  entry->field = f;
  return entry;
}

/* @map's entries ("HEADER=FIELD", separated by ; or new lines). */
static GPtrArray *
parse_map (const char *map, const HelderCsvField *fields, guint n_fields, GError **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (map_entry_free);
  g_auto (GStrv) parts = NULL;

  if (map == NULL)
    return g_steal_pointer (&entries);
  if (!g_utf8_validate (map, -1, NULL))
    {
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _ ("--map: not UTF-8 text; give COLUMN=FIELD"));
      return NULL;
    }
  parts = g_strsplit_set (map, ";\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *spec = helder_csv_collapse_space (parts[i]);
      MapEntry *entry;

      if (spec[0] == '\0')
        continue;
      if (entries->len >= SHEET_MAP_MAX)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("--map: more than %u columns mapped"), SHEET_MAP_MAX);
          return NULL;
        }
      entry = parse_map_entry (spec, fields, n_fields, error);
      if (entry == NULL)
        return NULL;
      for (guint k = 0; k < entries->len; k++)
        if (g_str_equal (((MapEntry *) g_ptr_array_index (entries, k))->key, entry->key))
          {
            g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                         _ ("--map: the column “%s” is mapped twice; keep one"), entry->header);
            map_entry_free (entry);
            return NULL;
          }
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static MapEntry *
map_find (GPtrArray *entries, const char *key)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MapEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

/* ---- the header ------------------------------------------------------- */

static char *
headers_found (GPtrArray *cells)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *header = helder_csv_collapse_space (g_ptr_array_index (cells, i));
      if (header[0] != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", header);
    }
  if (out->len == 0)
    g_string_append (out, _ ("(nothing)"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The field a header cell means: by --map, else by its name; -1 for none
 * (or ignore), -2 for an empty header. */
static int
header_field (const char *cell, GPtrArray *entries, const HelderCsvField *fields, guint n_fields)
{
  g_autofree char *key = helder_csv_header_key (cell);
  MapEntry *entry;

  if (key[0] == '\0')
    return -2;
  entry = map_find (entries, key);
  if (entry != NULL)
    {
      entry->used = TRUE;
      return entry->field >= 0 ? entry->field : -1;
    }
  return find_field (fields, n_fields, cell);
}

static gboolean
check_map_used (HelderCsvSheet *sheet, GPtrArray *entries, HelderCsvRecord *header, GError **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MapEntry *entry = g_ptr_array_index (entries, i);

      if (!entry->used)
        {
          g_autofree char *found = headers_found (header->cells);
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("--map: %s has no column “%s”; the header has: %s"), sheet->origin,
                       entry->header, found);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_required (HelderCsvSheet *sheet,
                const HelderCsvField *fields,
                HelderCsvRecord *header,
                GError **error)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < sheet->n_fields; f++)
    if (fields[f].required && sheet->index[f] < 0)
      g_ptr_array_add (missing, g_strdup_printf ("“%s”", fields[f].name));
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  {
    g_autofree char *list = g_strjoinv (_ (" and "), (char **) missing->pdata);
    g_autofree char *found = headers_found (header->cells);
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("%s:%u: missing column %s; the header has: %s"), sheet->origin, header->line,
                 list, found);
  }
  return FALSE;
}

static gboolean
map_header (HelderCsvSheet *sheet,
            HelderCsvRecord *header,
            const HelderCsvField *fields,
            const char *map,
            GError **error)
{
  g_autoptr (GPtrArray) entries = parse_map (map, fields, sheet->n_fields, error);
  g_autoptr (GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (header->cells, i);
      int f = header_field (cell, entries, fields, sheet->n_fields);

      if (f == -2)
        continue;
      if (f < 0)
        {
          g_ptr_array_add (ignored, helder_csv_collapse_space (cell));
          continue;
        }
      if (sheet->index[f] >= 0)
        {
          g_autofree char *second = helder_csv_collapse_space (cell);
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s:%u: the columns “%s” and “%s” mean the same; keep one of them"),
                       sheet->origin, header->line, sheet->headers[f], second);
          return FALSE;
        }
      sheet->index[f] = (int) i;
      sheet->headers[f] = helder_csv_collapse_space (cell);
    }
  if (!check_map_used (sheet, entries, header, error) ||
      !check_required (sheet, fields, header, error))
    return FALSE;
  g_ptr_array_add (ignored, NULL);
  sheet->ignored = (GStrv) g_ptr_array_free (g_steal_pointer (&ignored), FALSE);
  return TRUE;
}

/* ---- the rows --------------------------------------------------------- */

/* Whether @cell starts with apostrophes and then a character a spreadsheet
 * takes for a formula: =, +, - or @. */
static gboolean
looks_guarded (const char *cell, gboolean need_apostrophe)
{
  const char *p = cell;

  while (*p == '\'')
    p++;
  if (need_apostrophe && p == cell)
    return FALSE;
  return *p == '=' || *p == '+' || *p == '-' || *p == '@';
}

/* A cell as a plugin gets it: trimmed, the formula guard taken off. */
static const char *
keep_cell (GStringChunk *values, const char *cell)
{
  const char *start = cell;
  const char *end = cell + strlen (cell);

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end - start > 1 && looks_guarded (start, TRUE))
    start++;
  return g_string_chunk_insert_len (values, start, end - start);
}

static void
read_rows (HelderCsvSheet *sheet, GPtrArray *records, guint first)
{
  guint n = 0;

  for (guint i = first; i < records->len; i++)
    if (!helder_csv_record_is_empty (g_ptr_array_index (records, i)))
      n++;
  sheet->n_rows = n;
  sheet->lines = g_new0 (guint, MAX (n, 1));
  sheet->cells = g_new0 (const char *, MAX ((gsize) n * sheet->n_fields, 1));
  n = 0;
  for (guint i = first; i < records->len; i++)
    {
      HelderCsvRecord *record = g_ptr_array_index (records, i);

      if (helder_csv_record_is_empty (record))
        continue;
      sheet->lines[n] = record->line;
      for (guint f = 0; f < sheet->n_fields; f++)
        {
          int cell = sheet->index[f];
          if (cell >= 0 && (guint) cell < record->cells->len)
            sheet->cells[(gsize) n * sheet->n_fields + f] =
              keep_cell (sheet->values, g_ptr_array_index (record->cells, cell));
        }
      n++;
    }
}

static HelderCsvSheet *
sheet_new (const char *origin, const HelderCsvField *fields, guint n_fields)
{
  HelderCsvSheet *sheet = g_new0 (HelderCsvSheet, 1);

  sheet->origin = g_strdup (origin != NULL ? origin : "CSV");
  sheet->n_fields = n_fields;
  sheet->names = g_new0 (char *, n_fields + 1);
  sheet->headers = g_new0 (char *, n_fields + 1);
  sheet->index = g_new (int, MAX (n_fields, 1));
  for (guint f = 0; f < n_fields; f++)
    {
      sheet->names[f] = g_strdup (fields[f].name);
      sheet->index[f] = -1;
    }
  sheet->values = g_string_chunk_new (4096);
  return sheet;
}

static HelderCsvSheet *
empty_file (HelderCsvSheet *sheet, const HelderCsvField *fields, GError **error)
{
  g_autoptr (GString) example = g_string_new (NULL);

  for (guint f = 0; f < sheet->n_fields; f++)
    if (fields[f].required)
      g_string_append_printf (example, "%s%s", example->len > 0 ? ";" : "", fields[f].name);
  if (example->len == 0 && sheet->n_fields > 0)
    g_string_append (example, fields[0].name);
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               _ ("%s: the file is empty; expected a header row such as “%s”"), sheet->origin,
               example->str);
  helder_csv_sheet_free (sheet);
  return NULL;
}

/**
 * helder_csv_sheet_read:
 * @data: the file's bytes
 * @origin: (nullable): the file name for messages
 * @fields: (array length=n_fields): the fields the caller reads
 * @map: (nullable): "HEADER=FIELD" entries separated by `;` or new lines,
 *   FIELD being a field's name or `ignore`
 *
 * Reads a CSV file by the staff import's rules: UTF-8 (a byte order mark
 * skipped), `,` `;` or tab as the header line has it, quoted values over
 * several lines; the first line with something in it is the header, and its
 * headers mean the fields whose names or headers they are (any case,
 * accents and white space aside), unless @map says otherwise. Headers
 * that mean no field are ignored (helder_csv_sheet_ignored()).
 *
 * Returns: (transfer full): the sheet, or %NULL with a translated
 *   %HELDER_ERROR_INVALID naming the file and the line
 */
HelderCsvSheet *
helder_csv_sheet_read (const char *data,
                       gsize length,
                       const char *origin,
                       const HelderCsvField *fields,
                       guint n_fields,
                       const char *map,
                       GError **error)
{
  g_autoptr (HelderCsvSheet) sheet = NULL;
  g_autoptr (GPtrArray) records = NULL;
  guint first;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (fields != NULL || n_fields == 0, NULL);

  sheet = sheet_new (origin, fields, n_fields);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0)
    return empty_file (g_steal_pointer (&sheet), fields, error);
  if (!helder_csv_check_utf8 (data, length, sheet->origin, error))
    return NULL;
  records = helder_csv_read (data, length, sheet->origin, error);
  if (records == NULL)
    return NULL;
  for (first = 0; first < records->len; first++)
    if (!helder_csv_record_is_empty (g_ptr_array_index (records, first)))
      break;
  if (first == records->len)
    return empty_file (g_steal_pointer (&sheet), fields, error);
  if (!map_header (sheet, g_ptr_array_index (records, first), fields, map, error))
    return NULL;
  read_rows (sheet, records, first + 1);
  return g_steal_pointer (&sheet);
}

/* ---- what a sheet holds ----------------------------------------------- */

/* Data rows: the lines after the header with something in them. */
guint
helder_csv_sheet_n_rows (const HelderCsvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);

  return sheet->n_rows;
}

/* The physical line (from 1) on which @row starts, for messages. */
guint
helder_csv_sheet_line (const HelderCsvSheet *sheet, guint row)
{
  g_return_val_if_fail (sheet != NULL, 0);
  g_return_val_if_fail (row < sheet->n_rows, 0);

  return sheet->lines[row];
}

/* Whether the file has a column for @field. */
gboolean
helder_csv_sheet_has (const HelderCsvSheet *sheet, guint field)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (field < sheet->n_fields, FALSE);

  return sheet->index[field] >= 0;
}

/* The cell of @field in @row, white space trimmed; "" when absent. */
const char *
helder_csv_sheet_get (const HelderCsvSheet *sheet, guint row, guint field)
{
  const char *cell;

  g_return_val_if_fail (sheet != NULL, "");
  g_return_val_if_fail (row < sheet->n_rows && field < sheet->n_fields, "");

  cell = sheet->cells[(gsize) row * sheet->n_fields + field];
  return cell != NULL ? cell : "";
}

/* The header of @field as the file writes it, or the field's name. */
const char *
helder_csv_sheet_header (const HelderCsvSheet *sheet, guint field)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (field < sheet->n_fields, NULL);

  return sheet->headers[field] != NULL ? sheet->headers[field] : sheet->names[field];
}

/* The headers no field uses, as written: NULL-terminated. */
const char *const *
helder_csv_sheet_ignored (const HelderCsvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  return (const char *const *) sheet->ignored;
}

/**
 * helder_csv_sheet_problem:
 *
 * A message about one cell, as the staff import words them:
 * "ORIGIN:LINE: column “HEADER”: MESSAGE".
 *
 * Returns: (transfer full): the message
 */
char *
helder_csv_sheet_problem (const HelderCsvSheet *sheet,
                          guint row,
                          guint field,
                          const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_val_if_fail (sheet != NULL && format != NULL, NULL);
  g_return_val_if_fail (row < sheet->n_rows && field < sheet->n_fields, NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return g_strdup_printf (_ ("%s:%u: column “%s”: %s"), sheet->origin, sheet->lines[row],
                          helder_csv_sheet_header (sheet, field), message);
}

void
helder_csv_sheet_free (HelderCsvSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->origin);
  g_strfreev (sheet->names);
  /* not a NULL-terminated list: a field without a column has none */
  for (guint f = 0; f < sheet->n_fields; f++)
    g_free (sheet->headers[f]);
  g_free (sheet->headers);
  g_free (sheet->index);
  g_strfreev (sheet->ignored);
  g_free (sheet->lines);
  g_free (sheet->cells);
  g_string_chunk_free (sheet->values);
  g_free (sheet);
}

/* ---- writing ---------------------------------------------------------- */

static void
append_cell (GString *out, const char *cell)
{
  gboolean guard = looks_guarded (cell, FALSE);

  if (!guard && strpbrk (cell, ",;\t\"\r\n") == NULL)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * helder_csv_append_row:
 * @cells: (array length=n_cells): the cells; %NULL ones are empty
 *
 * Appends one CSV line to @out: cells separated by `,`, quoted as RFC 4180
 * says (also when they hold `;` or a tab, so that the separator is never
 * in doubt), the line ended by CRLF. A cell a spreadsheet would run as a
 * formula (starting with = + - or @) is written with a leading apostrophe,
 * which helder_csv_sheet_read() takes off again.
 */
void
helder_csv_append_row (GString *out, const char *const *cells, guint n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_cell (out, cells[i] != NULL ? cells[i] : "");
    }
  g_string_append (out, "\r\n");
}
