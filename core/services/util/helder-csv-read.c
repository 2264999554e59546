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
#include "services/util/helder-csv-map.h"
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

/* Case- and accent-insensitive comparison key: casefolded, accents
 * dropped ("Financiën" and "financien" meet), white space collapsed. */
char *
helder_csv_match_key (const char *text)
{
  g_autofree char *collapsed = helder_csv_collapse_space (text);
  g_autofree char *folded = g_utf8_casefold (collapsed, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *bare = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  {
    g_autofree char *stripped = g_string_free (bare, FALSE);
    return g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
  }
}

/* A header as the importer compares it: helder_csv_match_key() with
 * underscores as spaces ("First_Name" is "first name"). */
char *
helder_csv_header_key (const char *text)
{
  g_autofree char *key = helder_csv_match_key (text);

  for (char *p = key; *p; p++)
    if (*p == '_')
      *p = ' ';
  return helder_csv_collapse_space (key);
}

/* The name of each column in a mapping and in messages, by HelderCsvColumn. */
static const char *const column_names[HELDER_CSV_N_COLUMNS] = {
  [HELDER_CSV_NAME] = "name",     [HELDER_CSV_FIRST_NAME] = "first_name",
  [HELDER_CSV_INFIX] = "infix",   [HELDER_CSV_LAST_NAME] = "last_name",
  [HELDER_CSV_EMAIL] = "email",   [HELDER_CSV_GROUPS] = "groups",
  [HELDER_CSV_ROLE] = "role",     [HELDER_CSV_ORGANISATION] = "organisation",
  [HELDER_CSV_LOCALE] = "locale", [HELDER_CSV_MANAGER] = "manager",
  [HELDER_CSV_DIGEST] = "digest", [HELDER_CSV_CHANNELS] = "channels",
};

static const char *const ignore_words[] = { "ignore", "negeer", "skip", "-", NULL };

/**
 * helder_csv_column_from_name:
 * @name: what a mapping says a column holds: a column's name as a header
 *   may give it (English or Dutch, any case), or "ignore"
 *
 * Returns: a #HelderCsvColumn, %HELDER_CSV_IGNORED or %HELDER_CSV_UNKNOWN
 */
int
helder_csv_column_from_name (const char *name)
{
  g_autofree char *key = helder_csv_header_key (name);

  if (g_strv_contains (ignore_words, key))
    return HELDER_CSV_IGNORED;
  for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
    if (g_str_equal (aliases[a].header, key))
      return (int) aliases[a].column;
  return HELDER_CSV_UNKNOWN;
}

const char *
helder_csv_column_name (int column)
{
  if (column >= 0 && column < HELDER_CSV_N_COLUMNS)
    return column_names[column];
  return "ignore";
}

/* "name, first_name, …, channels": the fields a column may be mapped to. */
char *
helder_csv_column_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint c = 0; c < HELDER_CSV_N_COLUMNS; c++)
    g_string_append_printf (names, "%s%s", c > 0 ? ", " : "", column_names[c]);
  return g_string_free (names, FALSE);
}

/* Words with which HR systems name the unit someone works in. */
static const char *const group_words[] = {
  "afdeling", "team",   "groep",  "department", "departement",
  "group",    "unit",   "sector", "cluster",    "organisatieonderdeel",
  "eenheid",  "dienst", NULL,
};

/**
 * helder_csv_header_looks_like_group:
 *
 * Whether a header names the department, team or unit someone belongs to
 * ("Afdeling", "Team", "Organisatie-eenheid", "Department name", …), any case
 * and accents aside: a column that should not be dropped without a word.
 */
gboolean
helder_csv_header_looks_like_group (const char *header)
{
  g_autofree char *key = helder_csv_header_key (header);
  g_auto (GStrv) words = g_regex_split_simple ("[^[:alnum:]]+", key, 0, 0);

  for (guint w = 0; words[w] != NULL; w++)
    for (guint g = 0; group_words[g] != NULL; g++)
      {
        const char *word = words[w];
        gsize len = strlen (group_words[g]);

        /* the word, its plural or a Dutch compound: "afdelingen",
         * "afdelingsnaam", "hoofdafdeling", "teams", "teamcode" */
        if (g_str_has_prefix (word, group_words[g]) || g_str_has_suffix (word, group_words[g]))
          {
            const char *rest = g_str_has_prefix (word, group_words[g]) ? word + len : "";
            if (rest[0] == '\0' || g_str_equal (rest, "s") || g_str_equal (rest, "en") ||
                g_str_equal (rest, "naam") || g_str_equal (rest, "snaam") ||
                g_str_equal (rest, "code") || g_str_equal (rest, "scode") ||
                g_str_equal (rest, "name"))
              return TRUE;
          }
      }
  return FALSE;
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

/* A column that looks like a department or team and that nobody said what
 * to do with: refused, rather than dropping people from their audiences. */
static gboolean
check_group_like (HelderCsvRecord *header,
                  const char *origin,
                  HelderCsvColumns *columns,
                  GPtrArray *unmapped,
                  GError **error)
{
  for (guint i = 0; i < unmapped->len; i++)
    {
      const char *name = g_ptr_array_index (unmapped, i);

      if (!helder_csv_header_looks_like_group (name))
        continue;
      if (columns->index[HELDER_CSV_GROUPS] >= 0)
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("%s:%u: column “%s” looks like a department or team, but the groups come "
                        "from the column “%s”; say which one holds them with "
                        "--map \"%s=group\" (and --map \"%s=ignore\"), or leave this one out "
                        "with --map \"%s=ignore\""),
                     origin, header->line, name,
                     helder_csv_column_header (columns, HELDER_CSV_GROUPS), name,
                     helder_csv_column_header (columns, HELDER_CSV_GROUPS), name);
      else
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("%s:%u: column “%s” looks like a department or team, but nothing says "
                        "what to do with it, and people would miss the messages to their group; "
                        "import it as the groups with --map \"%s=group\" (its values must be "
                        "the names or slugs of groups) or leave it out with --map \"%s=ignore\""),
                     origin, header->line, name, name, name);
      return FALSE;
    }
  return TRUE;
}

gboolean
helder_csv_map_columns (HelderCsvRecord *header,
                        const char *origin,
                        HelderCsvMap *map,
                        HelderCsvColumns *columns,
                        GError **error)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  g_autoptr (GPtrArray) unmapped = g_ptr_array_new ();

  for (guint c = 0; c < HELDER_CSV_N_COLUMNS; c++)
    columns->index[c] = -1;
  columns->headers = g_ptr_array_new_with_free_func (g_free);
  columns->ignored = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (header->cells, i);
      g_autofree char *key = helder_csv_header_key (cell);
      int column = -1;

      g_ptr_array_add (columns->headers, helder_csv_collapse_space (cell));
      if (key[0] == '\0')
        continue;
      if (helder_csv_map_lookup (map, cell, &column))
        {
          if (column == HELDER_CSV_IGNORED)
            {
              g_ptr_array_add (columns->ignored, helder_csv_collapse_space (cell));
              continue;
            }
        }
      else
        column = helder_csv_column_from_name (cell);
      if (column < 0)
        {
          g_ptr_array_add (columns->ignored, helder_csv_collapse_space (cell));
          g_ptr_array_add (unmapped, g_ptr_array_index (columns->headers, i));
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

  if (helder_csv_map_unused (map) != NULL)
    {
      g_autofree char *found = headers_found (columns);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("--map: %s has no column “%s”; the header has: %s"), origin,
                   helder_csv_map_unused (map), found[0] ? found : _ ("(nothing)"));
      return FALSE;
    }
  if (!check_group_like (header, origin, columns, unmapped, error))
    return FALSE;

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
