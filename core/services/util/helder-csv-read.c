/* helder-csv-read.c — a staff list's bytes into records and known columns
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcsv does the quoting; we feed it one physical line at a time so that
 * every record knows the line it starts on, pick the separator from the
 * header line, refuse anything that is not UTF-8 (naming the line), and map
 * header names — English or Dutch, any case — onto the columns the
 * importer understands.
 */
#define G_LOG_DOMAIN "helder-import"

#include "config.h"

#include <string.h>
#include <csv.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-csv-read-private.h"

/* libcsv 3's parser state "inside a field" (csv_parser.pstate); with
 * csv_parser.quoted set it means a quoted field whose closing quote has not
 * come yet. libcsv only reports that in strict mode, which we do not use
 * because HR exports contain stray quotes in unquoted names. */
#define LIBCSV_FIELD_BEGUN 2

/* ---- reading records -------------------------------------------------- */

void
helder_csv_record_free (gpointer data)
{
  HelderCsvRecord *record = data;

  g_ptr_array_unref (record->cells);
  g_free (record);
}

typedef struct
{
  GPtrArray *records;
  GPtrArray *cells;
  guint record_line; /* 0 while between records */
} Reader;

static void
on_field (void *text, size_t length, void *data)
{
  Reader *reader = data;

  if (reader->cells == NULL)
    reader->cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (reader->cells, g_strndup (text != NULL ? text : "", length));
}

static void
on_record (int terminator, void *data)
{
  Reader *reader = data;
  HelderCsvRecord *record = g_new0 (HelderCsvRecord, 1);

  record->line = reader->record_line;
  record->cells = reader->cells != NULL ? reader->cells : g_ptr_array_new_with_free_func (g_free);
  reader->cells = NULL;
  reader->record_line = 0;
  g_ptr_array_add (reader->records, record);
}

static gboolean
helder_csv_line_has_content (const char *line, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
      return TRUE;
  return FALSE;
}

/* Feeds libcsv one physical line at a time, so that we know on which line
 * each record starts (libcsv itself does not count lines). A line ends in
 * "\n", "\r\n" or a lone "\r". */
static GPtrArray *
read_records (const char *data, gsize length, char separator, const char *origin, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (helder_csv_record_free);
  struct csv_parser parser;
  Reader reader = { records, NULL, 0 };
  gsize pos = 0;
  guint line = 1;
  gboolean ok = TRUE;

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("%s: cannot start the CSV reader"),
                   origin);
      return NULL;
    }
  csv_set_delim (&parser, (unsigned char) separator);

  while (pos < length && ok)
    {
      gsize end = pos;
      gsize parsed;

      while (end < length && data[end] != '\n' && data[end] != '\r')
        end++;
      if (end < length)
        end += (data[end] == '\r' && end + 1 < length && data[end + 1] == '\n') ? 2 : 1;

      if (reader.record_line == 0 && helder_csv_line_has_content (data + pos, end - pos))
        reader.record_line = line;

      parsed = csv_parse (&parser, data + pos, end - pos, on_field, on_record, &reader);
      if (parsed != end - pos)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s:%u: cannot read the CSV: %s"), origin, line,
                       csv_strerror (csv_error (&parser)));
          ok = FALSE;
        }
      pos = end;
      line++;
    }

  if (ok && parser.quoted && parser.pstate == LIBCSV_FIELD_BEGUN)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("%s:%u: a quoted value that starts on this row is never closed (a \" is missing)"),
        origin, reader.record_line);
      ok = FALSE;
    }
  if (ok && csv_fini (&parser, on_field, on_record, &reader) != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s:%u: cannot read the CSV: %s"),
                   origin, reader.record_line, csv_strerror (csv_error (&parser)));
      ok = FALSE;
    }
  csv_free (&parser);
  g_clear_pointer (&reader.cells, g_ptr_array_unref);

  return ok ? g_steal_pointer (&records) : NULL;
}

/* The separator the header line uses most, outside quotes. */
static char
detect_separator (const char *data, gsize length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = {
    0,
  };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          /* Skip blank lines before the header. */
          if (counts[0] + counts[1] + counts[2] > 0 || helder_csv_line_has_content (data, i))
            break;
        }
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > best_count)
      {
        best = candidates[k];
        best_count = counts[k];
      }
  return best;
}

/* ---- columns ---------------------------------------------------------- */

static const struct
{
  HelderCsvColumn column;
  const char *header; /* lower case, single spaces, no underscores */
} aliases[] = {
  { HELDER_CSV_NAME, "name" },
  { HELDER_CSV_NAME, "naam" },
  { HELDER_CSV_NAME, "full name" },
  { HELDER_CSV_NAME, "volledige naam" },
  { HELDER_CSV_NAME, "display name" },
  { HELDER_CSV_NAME, "weergavenaam" },
  { HELDER_CSV_FIRST_NAME, "first name" },
  { HELDER_CSV_FIRST_NAME, "firstname" },
  { HELDER_CSV_FIRST_NAME, "given name" },
  { HELDER_CSV_FIRST_NAME, "voornaam" },
  { HELDER_CSV_FIRST_NAME, "roepnaam" },
  { HELDER_CSV_INFIX, "tussenvoegsel" },
  { HELDER_CSV_INFIX, "tussenvoegsels" },
  { HELDER_CSV_INFIX, "infix" },
  { HELDER_CSV_LAST_NAME, "last name" },
  { HELDER_CSV_LAST_NAME, "lastname" },
  { HELDER_CSV_LAST_NAME, "surname" },
  { HELDER_CSV_LAST_NAME, "family name" },
  { HELDER_CSV_LAST_NAME, "achternaam" },
  { HELDER_CSV_EMAIL, "email" },
  { HELDER_CSV_EMAIL, "e-mail" },
  { HELDER_CSV_EMAIL, "emailadres" },
  { HELDER_CSV_EMAIL, "e-mailadres" },
  { HELDER_CSV_EMAIL, "e-mail adres" },
  { HELDER_CSV_EMAIL, "email address" },
  { HELDER_CSV_EMAIL, "e-mail address" },
  { HELDER_CSV_EMAIL, "mail" },
  { HELDER_CSV_EMAIL, "mailadres" },
  { HELDER_CSV_GROUPS, "groups" },
  { HELDER_CSV_GROUPS, "group" },
  { HELDER_CSV_GROUPS, "groep" },
  { HELDER_CSV_GROUPS, "groepen" },
  { HELDER_CSV_ROLE, "role" },
  { HELDER_CSV_ROLE, "rol" },
  { HELDER_CSV_ROLE, "functie" },
  { HELDER_CSV_ROLE, "current role" },
  { HELDER_CSV_ROLE, "huidige rol" },
  { HELDER_CSV_ORGANISATION, "organisation" },
  { HELDER_CSV_ORGANISATION, "organization" },
  { HELDER_CSV_ORGANISATION, "organisatie" },
  { HELDER_CSV_LOCALE, "locale" },
  { HELDER_CSV_LOCALE, "language" },
  { HELDER_CSV_LOCALE, "taal" },
  { HELDER_CSV_MANAGER, "manager" },
  { HELDER_CSV_MANAGER, "leidinggevende" },
  { HELDER_CSV_DIGEST, "digest" },
  { HELDER_CSV_CHANNELS, "channels" },
  { HELDER_CSV_CHANNELS, "kanalen" },
};

/* Collapses every run of white space (newlines included) into one space and
 * trims the ends: for values that are a single line. */
char *
helder_csv_collapse_space (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Case-insensitive comparison key: casefolded, white space collapsed. */
char *
helder_csv_match_key (const char *text)
{
  g_autofree char *collapsed = helder_csv_collapse_space (text);
  g_autofree char *folded = g_utf8_casefold (collapsed, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static char *
header_key (const char *text)
{
  g_autofree char *key = helder_csv_match_key (text);

  for (char *p = key; *p; p++)
    if (*p == '_')
      *p = ' ';
  return helder_csv_collapse_space (key);
}

void
helder_csv_columns_clear (HelderCsvColumns *columns)
{
  g_clear_pointer (&columns->headers, g_ptr_array_unref);
  g_clear_pointer (&columns->ignored, g_ptr_array_unref);
}

const char *
helder_csv_column_header (const HelderCsvColumns *columns, HelderCsvColumn column)
{
  return g_ptr_array_index (columns->headers, columns->index[column]);
}

static char *
headers_found (const HelderCsvColumns *columns)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < columns->headers->len; i++)
    {
      const char *h = g_ptr_array_index (columns->headers, i);
      if (h[0] == '\0')
        continue;
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", h);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
helder_csv_map_columns (HelderCsvRecord *header,
                        const char *origin,
                        HelderCsvColumns *columns,
                        GError **error)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();

  for (guint c = 0; c < HELDER_CSV_N_COLUMNS; c++)
    columns->index[c] = -1;
  columns->headers = g_ptr_array_new_with_free_func (g_free);
  columns->ignored = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (header->cells, i);
      g_autofree char *key = header_key (cell);
      int column = -1;

      g_ptr_array_add (columns->headers, helder_csv_collapse_space (cell));
      if (key[0] == '\0')
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (aliases) && column < 0; a++)
        if (g_str_equal (aliases[a].header, key))
          column = (int) aliases[a].column;
      if (column < 0)
        {
          g_ptr_array_add (columns->ignored, helder_csv_collapse_space (cell));
          continue;
        }
      if (columns->index[column] >= 0)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s:%u: the columns “%s” and “%s” mean the same; keep one of them"),
                       origin, header->line,
                       helder_csv_column_header (columns, (HelderCsvColumn) column),
                       (const char *) g_ptr_array_index (columns->headers, i));
          return FALSE;
        }
      columns->index[column] = (int) i;
    }

  if (columns->index[HELDER_CSV_NAME] < 0 &&
      !(columns->index[HELDER_CSV_FIRST_NAME] >= 0 && columns->index[HELDER_CSV_LAST_NAME] >= 0))
    g_ptr_array_add (missing, _ ("“name” (or “first name” and “last name”)"));
  if (columns->index[HELDER_CSV_EMAIL] < 0)
    g_ptr_array_add (missing, _ ("“email”"));
  if (missing->len > 0)
    {
      g_autofree char *found = headers_found (columns);
      g_ptr_array_add (missing, NULL);
      {
        g_autofree char *list = g_strjoinv (_ (" and "), (char **) missing->pdata);
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("%s:%u: missing column %s; the header has: %s"), origin, header->line, list,
                     found[0] ? found : _ ("(nothing)"));
      }
      return FALSE;
    }
  return TRUE;
}

gboolean
helder_csv_record_is_empty (HelderCsvRecord *record)
{
  for (guint i = 0; i < record->cells->len; i++)
    {
      const char *c = g_ptr_array_index (record->cells, i);
      if (helder_csv_line_has_content (c, strlen (c)))
        return FALSE;
    }
  return TRUE;
}

/* Refuses anything but UTF-8, naming the line of the first bad byte. */
gboolean
helder_csv_check_utf8 (const char *data, gsize length, const char *origin, GError **error)
{
  const char *end;
  gsize offset;
  gsize line = 1;
  gsize line_start = 0;

  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                      ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("%s:1: the file is UTF-16 (“Unicode text”); save the file as UTF-8 (CSV UTF-8)"),
        origin);
      return FALSE;
    }

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  offset = (gsize) (end - data);
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= length || data[i + 1] != '\n')))
      {
        line++;
        line_start = i + 1;
      }
  if (data[offset] == '\0')
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("%s:%zu: contains a zero byte (column %zu); "
                    "this is not a text file"),
                 origin, line, offset - line_start + 1);
  else
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("%s:%zu: byte 0x%02X (column %zu) is not UTF-8; "
                    "save the file as UTF-8 (in Excel: “CSV UTF-8”)"),
                 origin, line, (guchar) data[offset], offset - line_start + 1);
  return FALSE;
}

/**
 * helder_csv_read:
 * @origin: the file name for messages
 *
 * Splits a UTF-8 staff list into records, the separator being the one its
 * header line uses most outside quotes.
 *
 * Returns: (transfer full) (element-type HelderCsvRecord): the records, or
 *   %NULL with @error naming the line
 */
GPtrArray *
helder_csv_read (const char *data, gsize length, const char *origin, GError **error)
{
  return read_records (data, length, detect_separator (data, length), origin, error);
}
