/* helder-csv-map.c — which column of a staff list holds what (--map)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HR systems name their columns as they like ("Afdeling",
 * "Personeelsnummer"). A mapping says what a column holds: `HEADER=FIELD`,
 * FIELD being one of the columns the importer knows (in English or Dutch,
 * as a header would name it) or `ignore`. Headers match as the importer
 * matches them: any case, accents and white space aside. A list of them
 * ("Afdeling=group; Personeelsnummer=ignore", separated by `;` or new
 * lines) is what the setting import.csv_map keeps for the next import.
 * Entries given on the command line must name a column of the file and
 * override the saved ones; saved entries for columns a file does not have
 * are passed over, so one mapping serves several exports.
 *
 * A department is not always called what its group is called: `VALUE=GROUP`
 * (--map-group, kept as `group:VALUE=GROUP`) says that a value of the
 * groups column means that group (a slug or name), or no group (`ignore`).
 */
#define G_LOG_DOMAIN "helder-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-csv-map.h"
#include "services/util/helder-csv-read-private.h"

/* A header or field name longer than this is not a header. */
#define MAP_TEXT_MAX 200
#define MAP_MAX      200

/* How the setting writes a value's group: "group:ICT Beheer=beheer". */
#define VALUE_PREFIX "group:"
/* Keys of values start with this, so no header's key is ever one. */
#define VALUE_KEY "\x01"

typedef struct
{
  char *header;   /* as given, white space collapsed; for a value: the value */
  char *key;      /* helder_csv_header_key () of it; VALUE_KEY + match key for a value */
  int column;     /* HelderCsvColumn, or HELDER_CSV_IGNORED */
  char *group;    /* for a value: the group it means, NULL for none */
  gboolean value; /* a value of the groups column, not a column */
  gboolean given; /* on the command line, not saved */
  gboolean used;
} Entry;

struct _HelderCsvMap
{
  GPtrArray *entries; /* Entry */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->header);
  g_free (entry->key);
  g_free (entry->group);
  g_free (entry);
}

HelderCsvMap *
helder_csv_map_new (void)
{
  HelderCsvMap *map = g_new0 (HelderCsvMap, 1);

  map->entries = g_ptr_array_new_with_free_func (entry_free);
  return map;
}

void
helder_csv_map_free (HelderCsvMap *map)
{
  if (map == NULL)
    return;
  g_ptr_array_unref (map->entries);
  g_free (map);
}

static Entry *
find (const HelderCsvMap *map, const char *key)
{
  for (guint i = 0; i < map->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (map->entries, i);
      if (g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

/* "ICT Beheer=systeem-netwerkbeheer" → a new entry for a value. */
static Entry *
parse_value (const char *spec, GError **error)
{
  const char *equals = strrchr (spec, '=');
  g_autofree char *value = NULL;
  g_autofree char *group = NULL;
  g_autofree char *match = NULL;
  Entry *entry;

  if (equals != NULL)
    {
      g_autofree char *raw = g_strndup (spec, (gsize) (equals - spec));
      value = helder_csv_collapse_space (raw);
      group = helder_csv_collapse_space (equals + 1);
    }
  if (!g_utf8_validate (spec, -1, NULL) || equals == NULL || value[0] == '\0' || group[0] == '\0' ||
      strchr (value, ';') != NULL || strchr (group, ';') != NULL ||
      g_utf8_strlen (value, -1) > MAP_TEXT_MAX || g_utf8_strlen (group, -1) > MAP_TEXT_MAX)
    {
      g_autofree char *shown = g_utf8_make_valid (spec, -1);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not VALUE=GROUP (e.g. \"ICT Beheer=systeem-netwerkbeheer\" or "
                      "\"Directie=ignore\")"),
                   shown);
      return NULL;
    }
  match = helder_csv_match_key (value);
  entry = g_new0 (Entry, 1);
  entry->header = g_steal_pointer (&value);
  entry->key = g_strconcat (VALUE_KEY, match, NULL);
  entry->column = HELDER_CSV_GROUPS;
  entry->value = TRUE;
  if (helder_csv_column_from_name (group) != HELDER_CSV_IGNORED)
    entry->group = g_steal_pointer (&group);
  return entry;
}

/* "Afdeling=group" → a new entry, or NULL with @error saying what is wrong. */
static Entry *
parse_entry (const char *spec, GError **error)
{
  const char *equals = strrchr (spec, '=');
  g_autofree char *header = NULL;
  g_autofree char *field = NULL;
  g_autofree char *key = NULL;
  Entry *entry;
  int column;

  if (g_ascii_strncasecmp (spec, VALUE_PREFIX, strlen (VALUE_PREFIX)) == 0)
    return parse_value (spec + strlen (VALUE_PREFIX), error);
  if (!g_utf8_validate (spec, -1, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "%s",
                   _ ("not UTF-8 text; give COLUMN=FIELD, e.g. Afdeling=group"));
      return NULL;
    }
  if (equals == NULL)
    {
      g_autofree char *shown = helder_csv_collapse_space (spec);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not COLUMN=FIELD (e.g. Afdeling=group or Personeelsnummer=ignore)"),
                   shown);
      return NULL;
    }
  {
    g_autofree char *raw = g_strndup (spec, (gsize) (equals - spec));
    header = helder_csv_collapse_space (raw);
  }
  field = helder_csv_collapse_space (equals + 1);
  if (header[0] == '\0' || field[0] == '\0' || g_utf8_strlen (header, -1) > MAP_TEXT_MAX ||
      g_utf8_strlen (field, -1) > MAP_TEXT_MAX)
    {
      g_autofree char *shown = helder_csv_collapse_space (spec);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not COLUMN=FIELD (e.g. Afdeling=group or Personeelsnummer=ignore)"),
                   shown);
      return NULL;
    }
  if (strchr (header, ';') != NULL)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("“%s”: a column whose name holds “;” cannot be mapped; rename it in the file"), header);
      return NULL;
    }
  column = helder_csv_column_from_name (field);
  if (column == HELDER_CSV_UNKNOWN)
    {
      g_autofree char *names = helder_csv_column_names ();
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s”: Helder keeps no “%s” for a person; map a column to one of %s, "
                      "or to ignore"),
                   header, field, names);
      return NULL;
    }
  key = helder_csv_header_key (header);
  entry = g_new0 (Entry, 1);
  entry->header = g_steal_pointer (&header);
  entry->key = g_steal_pointer (&key);
  entry->column = column;
  return entry;
}

/* Adds one entry given on the command line: it replaces a saved entry for
 * the same column (or value); a second one for the same is refused. */
static gboolean
add_given (HelderCsvMap *map, Entry *entry, GError **error)
{
  Entry *old = find (map, entry->key);

  if (old != NULL && old->given && entry->value)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the value “%s” is mapped twice; keep one"), entry->header);
      entry_free (entry);
      return FALSE;
    }
  if (old != NULL && old->given)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the column “%s” is mapped twice (to %s and to %s); keep one"), entry->header,
                   helder_csv_column_name (old->column), helder_csv_column_name (entry->column));
      entry_free (entry);
      return FALSE;
    }
  if (old != NULL)
    g_ptr_array_remove (map->entries, old);
  if (map->entries->len >= MAP_MAX)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("more than %u columns mapped; a staff list has fewer"), MAP_MAX);
      entry_free (entry);
      return FALSE;
    }
  entry->given = TRUE;
  g_ptr_array_add (map->entries, entry);
  return TRUE;
}

/**
 * helder_csv_map_add:
 * @spec: "COLUMN=FIELD", as given with --map
 *
 * Adds one entry given on the command line: it replaces a saved entry for
 * the same column; a second one for the same column is refused.
 */
gboolean
helder_csv_map_add (HelderCsvMap *map, const char *spec, GError **error)
{
  Entry *entry;

  g_return_val_if_fail (map != NULL && spec != NULL, FALSE);

  entry = parse_entry (spec, error);
  return entry != NULL && add_given (map, entry, error);
}

/**
 * helder_csv_map_add_group:
 * @spec: "VALUE=GROUP", as given with --map-group
 *
 * Adds what a value of the groups column means: the group GROUP (a slug
 * or name) or, with `ignore`, no group. It replaces a saved one for the
 * same value; a second one for the same value is refused.
 */
gboolean
helder_csv_map_add_group (HelderCsvMap *map, const char *spec, GError **error)
{
  Entry *entry;

  g_return_val_if_fail (map != NULL && spec != NULL, FALSE);

  entry = parse_value (spec, error);
  return entry != NULL && add_given (map, entry, error);
}

static gboolean
mapped_twice (const Entry *entry, GError **error)
{
  if (entry->value)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("the value “%s” is mapped twice; keep one"), entry->header);
  else
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("the column “%s” is mapped twice; keep one"), entry->header);
  return FALSE;
}

/**
 * helder_csv_map_add_list:
 * @text: entries separated by `;` or new lines, as the setting keeps them
 *
 * Adds saved entries, before the command line's. Nothing is added when
 * one of them is wrong.
 */
gboolean
helder_csv_map_add_list (HelderCsvMap *map, const char *text, GError **error)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (entry_free);

  g_return_val_if_fail (map != NULL && text != NULL, FALSE);

  parts = g_strsplit_set (text, ";\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *spec = helder_csv_collapse_space (parts[i]);
      Entry *entry;

      if (spec[0] == '\0')
        continue;
      entry = parse_entry (spec, error);
      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (added, entry);
      for (guint k = 0; k + 1 < added->len; k++)
        if (g_str_equal (((Entry *) g_ptr_array_index (added, k))->key, entry->key))
          return mapped_twice (entry, error);
      if (find (map, entry->key) != NULL)
        return mapped_twice (entry, error);
      if (map->entries->len + added->len > MAP_MAX)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("more than %u columns mapped; a staff list has fewer"), MAP_MAX);
          return FALSE;
        }
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (map->entries, g_steal_pointer (&added->pdata[i]));
  g_ptr_array_set_free_func (added, NULL);
  return TRUE;
}

/**
 * helder_csv_map_check:
 *
 * The check of the setting import.csv_map: whether @text is a list of
 * COLUMN=FIELD entries.
 */
gboolean
helder_csv_map_check (const char *text, GError **error)
{
  g_autoptr (HelderCsvMap) map = helder_csv_map_new ();

  return helder_csv_map_add_list (map, text, error);
}

guint
helder_csv_map_size (const HelderCsvMap *map)
{
  return map != NULL ? map->entries->len : 0;
}

/* The entries as the setting keeps them: "Afdeling=group; Nummer=ignore". */
char *
helder_csv_map_to_string (const HelderCsvMap *map)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; map != NULL && i < map->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (map->entries, i);

      if (entry->value)
        g_string_append_printf (out, "%s%s%s=%s", out->len > 0 ? "; " : "", VALUE_PREFIX,
                                entry->header, entry->group != NULL ? entry->group : "ignore");
      else
        g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "; " : "", entry->header,
                                helder_csv_column_name (entry->column));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_csv_map_lookup:
 * @header: a header cell of the file, as written
 * @column: (out): the column it holds, or %HELDER_CSV_IGNORED
 *
 * Returns: %TRUE when the map says what @header holds
 */
gboolean
helder_csv_map_lookup (HelderCsvMap *map, const char *header, int *column)
{
  g_autofree char *key = NULL;
  Entry *entry;

  if (map == NULL)
    return FALSE;
  key = helder_csv_header_key (header);
  entry = find (map, key);
  if (entry == NULL)
    return FALSE;
  entry->used = TRUE;
  *column = entry->column;
  return TRUE;
}

/* The header of the first entry from the command line that matched no
 * column of the file, or NULL. */
const char *
helder_csv_map_unused (const HelderCsvMap *map)
{
  for (guint i = 0; map != NULL && i < map->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (map->entries, i);
      if (entry->given && !entry->used && !entry->value)
        return entry->header;
    }
  return NULL;
}

/**
 * helder_csv_map_group:
 * @value: a value of the groups column, one group of it
 * @group: (out) (nullable): the group it means, a slug or name; %NULL for
 *   no group
 *
 * Returns: %TRUE when the mapping says what @value means
 */
gboolean
helder_csv_map_group (const HelderCsvMap *map, const char *value, const char **group)
{
  g_autofree char *match = NULL;
  g_autofree char *key = NULL;
  Entry *entry;

  if (map == NULL)
    return FALSE;
  match = helder_csv_match_key (value);
  key = g_strconcat (VALUE_KEY, match, NULL);
  entry = find (map, key);
  if (entry == NULL)
    return FALSE;
  *group = entry->group;
  return TRUE;
}
