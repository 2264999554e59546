/* fuzz-csv-map.c — the column mappings of a staff list (--map, import.csv_map)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads each input as a saved mapping (entries separated by ; or new
 * lines, values of the groups column as group:VALUE=GROUP) and as one
 * --map entry. Any outcome is fine except a crash, a leak,
 * a refusal without a message, or a saved mapping that does not read back
 * as itself once written out.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "helder-error.h"
#include "services/util/helder-csv-map.h"
#include "services/util/helder-csv-read-private.h"

static void
fuzz_csv_map_expect_message (gboolean ok, GError *error)
{
  if (ok && error != NULL)
    abort ();
  if (!ok && (error == NULL || error->domain != HELDER_ERROR || error->message[0] == '\0'))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup (size > 0 ? (const char *) data : "", size);
  g_autoptr (HelderCsvMap) list = helder_csv_map_new ();
  g_autoptr (HelderCsvMap) one = helder_csv_map_new ();
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = helder_csv_map_add_list (list, text, &error);
  fuzz_csv_map_expect_message (ok, error);
  if (ok)
    {
      g_autoptr (HelderCsvMap) again = helder_csv_map_new ();
      g_autofree char *written = helder_csv_map_to_string (list);
      g_autofree char *rewritten = NULL;

      if (!helder_csv_map_add_list (again, written, NULL))
        abort ();
      rewritten = helder_csv_map_to_string (again);
      if (g_strcmp0 (written, rewritten) != 0 ||
          helder_csv_map_size (again) != helder_csv_map_size (list))
        abort ();
    }
  g_clear_error (&error);

  ok = helder_csv_map_add (one, text, &error);
  fuzz_csv_map_expect_message (ok, error);
  if (ok)
    {
      int column = HELDER_CSV_UNKNOWN;
      const char *equals = strrchr (text, '=');
      g_autofree char *header = g_strndup (text, (gsize) (equals - text));
      const char *group = NULL;

      /* "group:VALUE=GROUP" says what a value means, not a column */
      if (g_ascii_strncasecmp (header, "group:", 6) == 0)
        {
          if (!helder_csv_map_group (one, header + 6, &group))
            abort ();
        }
      else if (!helder_csv_map_lookup (one, header, &column) || column == HELDER_CSV_UNKNOWN)
        abort ();
    }
  if (g_utf8_validate (text, -1, NULL))
    (void) helder_csv_header_looks_like_group (text);
  return 0;
}
