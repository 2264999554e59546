/* inv-cli-csv.c — `helder item import KIND FILE` and `helder item export KIND`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the staff import: --map HEADER=FIELD (or =ignore), --dry-run; every
 * bad row listed, then nothing written (inv-csv.c).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

static const char *
parse_kind (const char *text, GError **error)
{
  const char *kind = inv_kind_parse (text);

  if (kind == NULL)
    helder_cli_usage_error (error,
                            _ ("KIND: “%s” is not component, application, coupling, supplier, "
                               "contract or process"),
                            text);
  return kind;
}

static void
print_result (HelderInvocation *inv, const InvCsvResult *result, gboolean dry_run)
{
  if (inv->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();
      JsonArray *problems = json_array_new ();

      json_object_set_int_member (out, "rows", result->rows);
      json_object_set_int_member (out, "added", result->added);
      json_object_set_int_member (out, "updated", result->updated);
      json_object_set_int_member (out, "unchanged", result->unchanged);
      json_object_set_boolean_member (out, "dry_run", dry_run);
      for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
        json_array_add_string_element (problems, g_ptr_array_index (result->problems, i));
      json_object_set_array_member (out, "problems", problems);
      inv_cli_print_object (out);
      return;
    }
  for (guint i = 0; result->ignored != NULL && result->ignored[i] != NULL; i++)
    g_print (_ ("Column “%s” is not used.\n"), result->ignored[i]);
  if (result->problems != NULL && result->problems->len > 0)
    {
      for (guint i = 0; i < result->problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (result->problems, i));
      return;
    }
  g_print (dry_run ? _ ("Dry run: %u rows, %u would be added, %u updated, %u unchanged; nothing "
                        "was written.\n")
                   : _ ("%u rows: %u added, %u updated, %u unchanged.\n"),
           result->rows, result->added, result->updated, result->unchanged);
}

gboolean
inv_cli_import (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (GStrv) maps = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_ ("Read column HEADER as FIELD (or =ignore); again for more"), N_ ("HEADER=FIELD") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Check every row and say what would change; write nothing"), NULL },
    { NULL }
  };
  g_auto (HelderCliActor) actor = { 0 };
  g_auto (InvCsvResult) result = { 0 };
  g_autofree char *data = NULL;
  g_autofree char *map = NULL;
  g_autofree char *origin = NULL;
  InvCsvOptions options = { 0 };
  HelderStore *store;
  gsize length;
  gboolean ok;

  if (!helder_cli_parse (inv, entries, N_ ("KIND FILE"),
                         N_ ("Import one kind of item from CSV: all rows or none."), &argc, &argv,
                         error))
    return FALSE;
  if (argc < 3)
    return helder_cli_usage_error (error, _ ("give KIND and FILE"));
  if (argc > 3)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[3]);
  if ((options.kind = parse_kind (argv[1], error)) == NULL)
    return FALSE;
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (strchr (maps[i], '=') == NULL)
      return helder_cli_usage_error (error, _ ("--map: “%s” is not HEADER=FIELD"), maps[i]);
  if ((data = helder_cli_read_file (argv[2], &length, error)) == NULL ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (!dry_run && !helder_cli_actor_for_write (inv, store, &actor, error)))
    return FALSE;
  if (dry_run && actor.actor.role == NULL)
    helder_cli_actor_for_read (inv, store, &actor);
  map = maps != NULL ? g_strjoinv (";", maps) : NULL;
  options.map = map;
  options.dry_run = dry_run;
  origin = g_path_get_basename (argv[2]);
  ok = inv_csv_import (store, &actor.actor, data, length, origin, &options, &result, error);
  print_result (inv, &result, dry_run);
  return ok;
}

gboolean
inv_cli_export (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                               N_ ("Write to FILE, not to the screen"), N_ ("FILE") },
                             { NULL } };
  g_autofree char *csv = NULL;
  HelderStore *store;
  const char *kind;

  if (!helder_cli_parse (inv, entries, N_ ("KIND"), N_ ("Export one kind of item as CSV."), &argc,
                         &argv, error))
    return FALSE;
  if (argc < 2)
    return helder_cli_usage_error (error, _ ("give KIND"));
  if (argc > 2)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);
  if ((kind = parse_kind (argv[1], error)) == NULL ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (csv = inv_csv_export (store, kind, error)) == NULL)
    return FALSE;
  if (output == NULL)
    {
      fputs (csv, stdout);
      return TRUE;
    }
  if (!g_file_set_contents (output, csv, -1, error))
    return FALSE;
  if (!inv->json)
    g_print (_ ("Written to %s.\n"), output);
  return TRUE;
}
