/* helder-cli-transfer.c — `helder import`, `helder export` and `helder backup`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"
#include "services/transfer/helder-import-csv.h"
#include "services/repo/helder-repo.h"
#include "store/helder-store.h"

typedef enum
{
  FORMAT_UNKNOWN,
  FORMAT_CSV,
  FORMAT_JSON,
} Format;

static Format
format_from_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_equal (lower, "csv"))
    return FORMAT_CSV;
  if (g_str_equal (lower, "json"))
    return FORMAT_JSON;
  return FORMAT_UNKNOWN;
}

static Format
format_from_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt"))
    return FORMAT_CSV;
  if (g_str_has_suffix (lower, ".json"))
    return FORMAT_JSON;
  return FORMAT_UNKNOWN;
}

/* "8 phases", "1 group", … for the entities of core. */
static char *
count_text (const HelderEntity *entity, gint64 n)
{
  const char *name = entity->name;
  gulong k = (gulong) n;
  const char *format;

  if (g_str_equal (name, "phase"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu phase", "%lu phases", k);
  else if (g_str_equal (name, "group"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu group", "%lu groups", k);
  else if (g_str_equal (name, "role"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu role", "%lu roles", k);
  else if (g_str_equal (name, "person"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu person", "%lu people", k);
  else if (g_str_equal (name, "role_change"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu role change", "%lu role changes", k);
  else if (g_str_equal (name, "commitment"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu commitment", "%lu commitments", k);
  else if (g_str_equal (name, "commitment_update"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu commitment update", "%lu commitment updates", k);
  else if (g_str_equal (name, "moment"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu moment", "%lu moments", k);
  else if (g_str_equal (name, "moment_slot"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu meeting slot", "%lu meeting slots", k);
  else if (g_str_equal (name, "gate"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu gate", "%lu gates", k);
  else if (g_str_equal (name, "criterion"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu gate criterion", "%lu gate criteria", k);
  else if (g_str_equal (name, "placement"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu placement", "%lu placements", k);
  else
    return g_strdup_printf ("%s: %lu", entity->plural, k);
  return g_strdup_printf (format, k);
}

/* Every row that cannot be imported, one line each (the error that
 * follows says how many); a single one is the error itself. */
static void
print_problems (GPtrArray *problems)
{
  if (problems == NULL || problems->len < 2)
    return;
  for (guint i = 0; i < problems->len; i++)
    {
      HelderCsvProblem *problem = g_ptr_array_index (problems, i);
      g_printerr ("%s\n", problem->message);
    }
}

static void
add_problems_json (JsonBuilder *builder, GPtrArray *problems)
{
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      HelderCsvProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "column");
      if (problem->column != NULL)
        json_builder_add_string_value (builder, problem->column);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "value");
      if (problem->value != NULL)
        json_builder_add_string_value (builder, problem->value);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_csv_summary (const HelderCsvResult *result,
                   const HelderCsvOptions *options,
                   const char *origin)
{
  if (options->dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Dry run: %u person would be imported (%u added, %u updated, %u "
                          "unchanged) from %s; nothing was changed\n",
                          "Dry run: %u people would be imported (%u added, %u updated, %u "
                          "unchanged) from %s; nothing was changed\n",
                          result->rows),
             result->rows, result->added, result->updated, result->unchanged, origin);
  else if (result->unchanged > 0)
    g_print (g_dngettext (
               GETTEXT_PACKAGE, "Imported %u person (%u added, %u updated, %u unchanged) from %s\n",
               "Imported %u people (%u added, %u updated, %u unchanged) from %s\n", result->rows),
             result->rows, result->added, result->updated, result->unchanged, origin);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u person (%u added, %u updated) from %s\n",
                          "Imported %u people (%u added, %u updated) from %s\n", result->rows),
             result->rows, result->added, result->updated, origin);

  if (result->map != NULL && result->map[0] != '\0')
    {
      if (options->save_map && !options->dry_run)
        g_print (_ ("Columns: %s (kept for the next imports)\n"), result->map);
      else
        g_print (_ ("Columns: %s\n"), result->map);
    }
}

static gboolean
import_csv (HelderInvocation *invocation,
            HelderStore *store,
            const char *data,
            gsize length,
            const char *origin,
            const HelderCsvOptions *options,
            GError **error)
{
  g_auto (HelderCsvResult) result = {
    0,
  };
  g_auto (HelderCliActor) who = { 0 };

  /* The first staff list of a programme with nobody in it yet is setup;
   * a dry run writes nothing and needs no operator. */
  if (options->dry_run)
    who.actor = (HelderAuditActor){ 0, "dry run", "cli" };
  else if (!helder_cli_actor_for_write (invocation, store, &who, error))
    return FALSE;
  if (!helder_import_csv_data_full (store, &who.actor, data, length, origin, options, &result,
                                    error))
    {
      if (invocation->json && result.problems != NULL)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          g_autoptr (JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "format");
          json_builder_add_string_value (builder, "csv");
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, origin);
          json_builder_set_member_name (builder, "dry_run");
          json_builder_add_boolean_value (builder, options->dry_run);
          add_problems_json (builder, result.problems);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          helder_cli_print_json (root);
        }
      else
        print_problems (result.problems);
      return FALSE;
    }

  if (invocation->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "csv");
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, origin);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, options->dry_run);
      json_builder_set_member_name (builder, "map");
      json_builder_add_string_value (builder, result.map != NULL ? result.map : "");
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, result.rows);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, result.added);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, result.updated);
      json_builder_set_member_name (builder, "unchanged");
      json_builder_add_int_value (builder, result.unchanged);
      json_builder_set_member_name (builder, "ignored_columns");
      json_builder_begin_array (builder);
      for (guint i = 0; result.ignored != NULL && result.ignored[i] != NULL; i++)
        json_builder_add_string_value (builder, result.ignored[i]);
      json_builder_end_array (builder);
      add_problems_json (builder, NULL);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      helder_cli_print_json (root);
      return TRUE;
    }

  print_csv_summary (&result, options, origin);

  if (result.ignored != NULL && result.ignored[0] != NULL)
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint i = 0; result.ignored[i] != NULL; i++)
        g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", result.ignored[i]);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Note: ignored the column %s\n",
                            "Note: ignored the columns %s\n", g_strv_length (result.ignored)),
               list->str);
    }
  return TRUE;
}

static gboolean
import_json (HelderInvocation *invocation,
             HelderStore *store,
             const char *data,
             gsize length,
             const char *origin,
             GError **error)
{
  const HelderEntity *const *entities;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean has_programme = FALSE;
  guint n;

  if (!helder_import_json_data (store, data, length, error))
    {
      g_prefix_error (error, "%s: ", origin);
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "json");
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, origin);

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      gint64 count = helder_repo_count (store, entities[i], error);

      if (count < 0)
        return FALSE;
      if (entities[i]->singleton)
        {
          has_programme = count > 0;
          continue;
        }
      json_builder_set_member_name (builder, entities[i]->plural);
      json_builder_add_int_value (builder, count);
      {
        g_autofree char *item = count_text (entities[i], count);
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", item);
      }
    }
  json_builder_set_member_name (builder, "programme");
  json_builder_add_boolean_value (builder, has_programme);
  json_builder_end_object (builder);

  if (invocation->json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      helder_cli_print_json (root);
    }
  else if (has_programme)
    g_print (_ ("Imported the programme from %s: %s\n"), origin, text->str);
  else
    g_print (_ ("Imported from %s (no programme): %s\n"), origin, text->str);
  return TRUE;
}

/* The mapping for a staff list: the one kept by --save-map, then --map. */
static HelderCsvMap *
build_map (HelderStore *store, char **specs, char **group_specs, GError **error)
{
  g_autoptr (HelderCsvMap) map = helder_csv_map_new ();

  if (!helder_import_csv_saved_map (store, map, error))
    return NULL;
  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    if (!helder_csv_map_add (map, specs[i], error))
      {
        g_prefix_error (error, "--map: ");
        return NULL;
      }
  for (guint i = 0; group_specs != NULL && group_specs[i] != NULL; i++)
    if (!helder_csv_map_add_group (map, group_specs[i], error))
      {
        g_prefix_error (error, "--map-group: ");
        return NULL;
      }
  return g_steal_pointer (&map);
}

static gboolean
import_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *format_name = NULL;
  g_autofree char *data = NULL;
  g_auto (GStrv) map_specs = NULL;
  g_auto (GStrv) group_specs = NULL;
  g_autoptr (HelderCsvMap) map = NULL;
  HelderCsvOptions options = { NULL, FALSE, FALSE };
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_ ("csv (a staff list) or json (a Helder export); by default from the file name"),
      N_ ("FORMAT") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &map_specs,
      N_ ("A staff list's COLUMN holds FIELD (name, first_name, infix, last_name, email, groups, "
          "role, organisation, locale, manager, digest, channels) or is left out (ignore); "
          "repeat for more columns"),
      N_ ("COLUMN=FIELD") },
    { "map-group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &group_specs,
      N_ ("In the groups column, VALUE means the group GROUP (a slug or name), or no group "
          "(ignore); repeat for more values"),
      N_ ("VALUE=GROUP") },
    { "save-map", 0, 0, G_OPTION_ARG_NONE, &options.save_map,
      N_ ("Keep the mapping for the next imports (the setting import.csv_map)"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &options.dry_run,
      N_ ("Check a staff list and report every row that cannot be imported; change nothing"),
      NULL },
    { NULL }
  };
  HelderStore *store;
  const char *path;
  const char *origin;
  Format format;
  gsize length = 0;

  if (!helder_cli_parse (invocation, entries, N_ ("FILE"),
                         N_ ("Import a staff list (CSV) or a whole programme (a JSON export). "
                             "FILE may be - for standard input."),
                         &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error,
                                   _ ("expected one FILE to import (or - for standard input)"));
  path = argv[1];

  if (format_name != NULL)
    {
      format = format_from_name (format_name);
      if (format == FORMAT_UNKNOWN)
        return helder_cli_usage_error (error, _ ("--format: “%s” is not csv or json"), format_name);
    }
  else
    {
      format = format_from_path (path);
      if (format == FORMAT_UNKNOWN)
        return helder_cli_usage_error (error,
                                       _ ("cannot tell the format of “%s” from its name; "
                                          "add --format csv or --format json"),
                                       path);
    }

  if (format != FORMAT_CSV &&
      (map_specs != NULL || group_specs != NULL || options.save_map || options.dry_run))
    return helder_cli_usage_error (
      error, _ ("--map, --map-group, --save-map and --dry-run are for a staff list (CSV), not a "
                "JSON export"));

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  if (format == FORMAT_CSV)
    {
      map = build_map (store, map_specs, group_specs, error);
      if (map == NULL)
        return FALSE;
      options.map = map;
    }
  data = helder_cli_read_file (path, &length, error);
  if (data == NULL)
    return FALSE;

  origin = g_str_equal (path, "-") ? _ ("standard input") : path;
  if (format == FORMAT_CSV)
    return import_csv (invocation, store, data, length, origin, &options, error);
  return import_json (invocation, store, data, length, origin, error);
}

static gboolean
export_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *output = NULL;
  g_autofree char *data = NULL;
  GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                               N_ ("write to FILE instead of standard output"), N_ ("FILE") },
                             { NULL } };
  HelderStore *store;
  gsize length = 0;

  if (!helder_cli_parse (invocation, entries, NULL,
                         N_ ("Export the whole programme as JSON, to import elsewhere with "
                             "“helder import”. It holds personal data: keep it safe."),
                         &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”; use --output FILE"),
                                   argv[1]);

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  data = helder_export_to_data (store, &length, error);
  if (data == NULL)
    return FALSE;

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                       _ ("cannot write to standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr (GError) local = NULL;

    /* Written whole or not at all, readable only by its owner. */
    if (!g_file_set_contents_full (output, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, &local))
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "%s", local->message);
        return FALSE;
      }
  }

  if (invocation->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, output);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, (gint64) length);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      helder_cli_print_json (root);
    }
  else
    g_print (_ ("Exported the programme to %s\n"), output);
  return TRUE;
}

/* helder backup FILE: a copy of the database that is safe to make while
 * helder serve writes to it (helder_store_backup). */
static gboolean
backup_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *size_text = NULL;
  HelderStore *store;
  gint64 size = 0;

  if (!helder_cli_parse (
        invocation, NULL, N_ ("FILE"),
        N_ ("Copy the database into the new FILE, also while helder serve runs: the copy holds "
            "everything committed before it began. To restore, stop helder serve and put the "
            "copy in the database's place, or open it with helder --db FILE."),
        &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    return helder_cli_usage_error (error, "%s", _ ("give the FILE to copy the database into"));
  if (argc > 2)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  if (!helder_store_backup (store, argv[1], &size, error))
    return FALSE;

  if (invocation->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, size);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      helder_cli_print_json (root);
      return TRUE;
    }
  size_text = g_format_size ((guint64) size);
  g_print (_ ("Backed up the database to %s (%s), checked with SQLite's integrity check.\n"),
           argv[1], size_text);
  return TRUE;
}

void
helder_cli_transfer_register (HelderContext *context)
{
  static const HelderCommand commands[] = {
    { "import", N_ ("Import a staff list (CSV) or a whole programme (JSON)"), "core", NULL,
      import_run, NULL },
    { "export", N_ ("Export the whole programme as JSON"), "core", NULL, export_run, NULL },
    { "backup", N_ ("Copy the database safely, also while the server runs"), "core", NULL,
      backup_run, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    helder_context_add_command (context, &commands[i]);
}
