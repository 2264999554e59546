/* helder-import-csv-run.c — one import of a staff list, all or nothing
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the file (UTF-8, a byte order mark skipped, `,` `;` or tab),
 * applies the mapping of its columns, and writes every row in one
 * transaction. A bad row does not stop the others from being checked:
 * every bad row is reported, and then nothing is written. A dry run checks
 * and counts in the same way and always rolls back.
 */
#define G_LOG_DOMAIN "helder-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-config.h"
#include "services/transfer/helder-import-csv.h"
#include "services/transfer/helder-import-csv-private.h"
#include "services/util/helder-csv-map.h"

/**
 * helder_import_csv_result_clear:
 *
 * Frees what a #HelderCsvResult holds and zeroes it.
 */
void
helder_import_csv_result_clear (HelderCsvResult *result)
{
  g_return_if_fail (result != NULL);

  g_strfreev (result->ignored);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result->map);
  memset (result, 0, sizeof *result);
}

/**
 * helder_import_csv_saved_map:
 * @map: receives the entries kept in the setting import.csv_map
 *
 * Adds the mapping kept by an earlier `helder import --save-map` to @map,
 * before the entries of the command line (which override them).
 */
gboolean
helder_import_csv_saved_map (HelderStore *store, HelderCsvMap *map, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (map != NULL, FALSE);

  saved = helder_config_get (store, HELDER_CSV_MAP_SETTING, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (saved == NULL)
    return TRUE;
  if (!helder_csv_map_add_list (map, saved, error))
    {
      g_prefix_error (error, "%s: ", HELDER_CSV_MAP_SETTING);
      return FALSE;
    }
  return TRUE;
}

/* The header row: the first record with something in it. */
static HelderCsvRecord *
find_header (GPtrArray *records, guint *first)
{
  for (*first = 0; *first < records->len; (*first)++)
    {
      HelderCsvRecord *record = g_ptr_array_index (records, *first);
      if (!helder_csv_record_is_empty (record))
        {
          (*first)++;
          return record;
        }
    }
  return NULL;
}

static gboolean
empty_file (const char *origin, GError **error)
{
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               _ ("%s: the file is empty; expected a header row such as “name;email;groups”"),
               origin);
  return FALSE;
}

/* The rows' problems as one error: the problem itself when there is one,
 * how many otherwise (the caller lists them from the result). */
static void
set_problems_error (GPtrArray *problems, guint rows, const char *origin, GError **error)
{
  if (problems->len == 1)
    {
      HelderCsvProblem *problem = g_ptr_array_index (problems, 0);
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID, problem->message);
      return;
    }
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s: %u of %u row cannot be imported; nothing was imported",
                            "%s: %u of %u rows cannot be imported; nothing was imported", rows),
               origin, problems->len, rows);
}

/* The records after the header, in one transaction (rolled back after a
 * dry run or a bad row), with the mapping kept when asked. */
static gboolean
write_records (HelderStore *store,
               const HelderAuditActor *actor,
               const char *origin,
               GPtrArray *records,
               guint first,
               const HelderCsvColumns *columns,
               const HelderCsvOptions *options,
               GPtrArray *problems,
               HelderCsvResult *counts,
               GError **error)
{
  gboolean ok;

  if (!helder_store_begin (store, error))
    return FALSE;
  ok = helder_import_csv_records (store, actor, origin, records, first, columns, options->map,
                                  problems, counts, error);
  if (ok && problems->len == 0 && options->save_map && !options->dry_run)
    {
      g_autofree char *text = helder_csv_map_to_string (options->map);
      ok = text[0] != '\0' ? helder_config_set (store, HELDER_CSV_MAP_SETTING, text, error)
                           : helder_config_unset (store, HELDER_CSV_MAP_SETTING, error);
    }
  if (ok && problems->len == 0 && !options->dry_run)
    return helder_store_commit (store, error);
  helder_store_rollback (store);
  return ok;
}

/**
 * helder_import_csv_data_full:
 * @actor: who imports, for the audit entry of each person added or
 *   changed (in the import's transaction)
 * @data: the file's bytes
 * @origin: (nullable): the file name used in messages
 * @options: (nullable): the mapping, a dry run, whether to keep the mapping
 * @result: (out caller-allocates) (optional): zero-initialised; receives the
 *   counts and the columns that were ignored, or, when rows are bad, every
 *   bad row in @problems. Free with helder_import_csv_result_clear().
 *
 * Imports a staff list: one person per row, matched on e-mail address; people
 * already known are updated with what the file says (empty cells leave a
 * value as it is). Columns: name (or first name, infix, last name), email,
 * groups (slugs or names separated by | or ,), role (slug or name),
 * organisation, locale, manager (an e-mail address in the file or the
 * database), digest, channels — by their English or Dutch names, or as
 * @options' map says. A column that looks like a department or team and is
 * neither mapped nor a known column is refused. One transaction: on any
 * error nothing changes; with a dry run nothing changes either.
 */
gboolean
helder_import_csv_data_full (HelderStore *store,
                             const HelderAuditActor *actor,
                             const char *data,
                             gsize length,
                             const char *origin,
                             const HelderCsvOptions *options,
                             HelderCsvResult *result,
                             GError **error)
{
  static const HelderCsvOptions no_options = { NULL, FALSE, FALSE };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  HelderCsvColumns columns = {
    { 0 },
  };
  HelderCsvResult counts = {
    0,
  };
  HelderCsvRecord *header;
  guint first = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (origin == NULL)
    origin = "CSV";
  if (options == NULL)
    options = &no_options;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0)
    return empty_file (origin, error);
  if (!helder_csv_check_utf8 (data, length, origin, error))
    return FALSE;

  records = helder_csv_read (data, length, origin, error);
  if (records == NULL)
    return FALSE;
  header = find_header (records, &first);
  if (header == NULL)
    return empty_file (origin, error);

  if (!helder_csv_map_columns (header, origin, options->map, &columns, error))
    {
      helder_csv_columns_clear (&columns);
      return FALSE;
    }

  problems = g_ptr_array_new_with_free_func (helder_import_csv_problem_free);
  if (!write_records (store, actor, origin, records, first, &columns, options, problems, &counts,
                      error))
    {
      helder_csv_columns_clear (&columns);
      return FALSE;
    }

  if (problems->len > 0)
    {
      guint rows = 0;

      for (guint i = first; i < records->len; i++)
        if (!helder_csv_record_is_empty (g_ptr_array_index (records, i)))
          rows++;
      set_problems_error (problems, rows, origin, error);
      if (result != NULL)
        {
          memset (result, 0, sizeof *result);
          result->problems = g_steal_pointer (&problems);
        }
      helder_csv_columns_clear (&columns);
      return FALSE;
    }

  if (result != NULL)
    {
      *result = counts;
      g_ptr_array_add (columns.ignored, NULL);
      result->ignored = (GStrv) g_ptr_array_free (g_steal_pointer (&columns.ignored), FALSE);
      result->problems = g_steal_pointer (&problems);
      result->map = helder_csv_map_to_string (options->map);
    }
  helder_csv_columns_clear (&columns);
  return TRUE;
}

/**
 * helder_import_csv_data:
 *
 * helder_import_csv_data_full() without a mapping, imported for real.
 */
gboolean
helder_import_csv_data (HelderStore *store,
                        const HelderAuditActor *actor,
                        const char *data,
                        gsize length,
                        const char *origin,
                        HelderCsvResult *result,
                        GError **error)
{
  return helder_import_csv_data_full (store, actor, data, length, origin, NULL, result, error);
}
