/* interviews-web-import.c — importing a list of items pasted from a
 * spreadsheet, with a dry run first
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /inventory/import: the form (the kind of item, the list as CSV
 * pasted into a text field — the server parses no multipart uploads —,
 * and an optional mapping "Header=field;…"). POST /inventory/import with
 * action "dry-run" checks the list and shows what would happen and every
 * bad row, changing nothing; with action "import" it imports all of it or,
 * when one row is bad, nothing (inv_csv_import(), the staff import's
 * rules). The list comes back in the form, to mend and send again.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "interviews-web-private.h"
#include "inv-service.h"

/* What the import is called in the sources of the items it notes. */
#define ORIGIN "web-import.csv"

static void
respond_import (HelderWebRequest *request,
                guint status,
                GHashTable *form,
                const InvCsvResult *result,
                gboolean dry_run,
                const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto (GStrv) kind_values = NULL;
  const char *kind = helder_web_form_text (form, "kind");

  for (guint k = 0; inv_kinds[k] != NULL; k++)
    g_strv_builder_add (kinds, inv_kinds[k]);
  kind_values = g_strv_builder_end (kinds);
  json_object_set_array_member (context, "kinds",
                                iv_web_options ((const char *const *) kind_values, inv_kind_label,
                                                *kind ? kind : "application"));
  json_object_set_string_member (context, "map", helder_web_form_text (form, "map"));
  json_object_set_string_member (context, "csv", helder_web_form_text (form, "csv"));
  if (result != NULL && result->problems != NULL)
    {
      JsonArray *problems = json_array_new ();

      for (guint i = 0; i < result->problems->len; i++)
        json_array_add_string_element (problems, result->problems->pdata[i]);
      json_object_set_boolean_member (context, "has_problems", result->problems->len > 0);
      json_object_set_array_member (context, "problems", problems);
      json_object_set_boolean_member (context, "has_result", result->problems->len == 0);
      json_object_set_boolean_member (context, "dry_run", dry_run);
      json_object_set_int_member (context, "rows", result->rows);
      json_object_set_int_member (context, "added", result->added);
      json_object_set_int_member (context, "updated", result->updated);
      json_object_set_int_member (context, "unchanged", result->unchanged);
      if (result->ignored != NULL && result->ignored[0] != NULL)
        {
          g_autofree char *ignored = g_strjoinv (", ", result->ignored);
          json_object_set_string_member (context, "ignored", ignored);
        }
    }
  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  helder_web_respond_page (request, status, "interviews/import", _ ("Import items"), context);
}

/* GET /inventory/import */
void
iv_web_handle_import (HelderWebRequest *request)
{
  respond_import (request, SOUP_STATUS_OK, NULL, NULL, FALSE, NULL);
}

/* POST /inventory/import */
void
iv_web_handle_import_run (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };
  g_auto (InvCsvResult) result = { 0 };
  const char *action, *csv, *map;
  InvCsvOptions options = { 0 };

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  action = helder_web_form_text (form, "action");
  csv = helder_web_form_text (form, "csv");
  map = helder_web_form_text (form, "map");
  options.kind = helder_web_form_text (form, "kind");
  options.map = helder_web_blank (map) ? NULL : map;
  options.dry_run = !g_str_equal (action, "import");
  if (!g_str_equal (action, "import") && !g_str_equal (action, "dry-run"))
    helder_error_set (&error, HELDER_ERROR_INVALID, "action",
                      _ ("action: “%s” is not dry-run or import"), action);
  else if (helder_web_blank (csv))
    helder_error_set (&error, HELDER_ERROR_INVALID, "csv",
                      _ ("csv: paste the list, with its header row"));
  else if (g_utf8_strlen (map, -1) > 2000)
    helder_error_set (&error, HELDER_ERROR_INVALID, "map", _ ("%s: is too long"), "map");
  if (error != NULL || !inv_csv_import (helder_web_request_get_store (request), &actor, csv,
                                        strlen (csv), ORIGIN, &options, &result, &error))
    {
      respond_import (request, helder_web_status_of (error, NULL), form, &result, options.dry_run,
                      error);
      return;
    }
  respond_import (request, SOUP_STATUS_OK, form, &result, options.dry_run, NULL);
}
