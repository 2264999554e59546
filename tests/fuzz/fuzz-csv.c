/* fuzz-csv.c — staff-list import: separator detection, column mapping, rows
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports each input into an in-memory database that holds two groups and
 * a role, inside a transaction that is rolled back afterwards, so every
 * input meets the same database. Any outcome is fine except a crash, a
 * leak, a success without counts or a failure without a message.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "helder-error.h"
#include "services/transfer/helder-import-csv.h"

static HelderStore *fuzz_csv_store;
static const HelderAuditActor importer = { 0, "fuzz", "setup" };

static HelderStore *
fuzz_csv_get_store (void)
{
  static const char *seed =
    "INSERT INTO stakeholder_group (slug, name, kind, created_at, updated_at) VALUES"
    " ('beheer', 'Systeem- en netwerkbeheer', 'internal', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
    " ('servicedesk', 'Servicedesk', 'internal', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
    "INSERT INTO role (slug, name, kind, fate, created_at, updated_at) VALUES"
    " ('beheerder', 'Systeembeheerder', 'current', 'lapses', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
    "INSERT INTO person (id, name, email, created_at, updated_at) VALUES"
    " (1, 'Jan de Vries', 'jan@voorbeeld.nl', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');";

  if (fuzz_csv_store == NULL)
    {
      g_autoptr (GError) error = NULL;

      fuzz_csv_store = helder_store_open (":memory:", &error);
      if (fuzz_csv_store == NULL || !helder_store_migrate (fuzz_csv_store, &error) ||
          !helder_store_exec (fuzz_csv_store, seed, &error))
        g_error ("fuzz-csv: cannot set up the database: %s", error->message);
    }
  return fuzz_csv_store;
}

/* Lets the replay test free the database, so that leak checkers see a
 * clean exit. */
G_GNUC_UNUSED static void
fuzz_csv_cleanup (void)
{
  g_clear_object (&fuzz_csv_store);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HelderStore *store = fuzz_csv_get_store ();
  g_autoptr (GError) error = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };
  gboolean ok;

  if (!helder_store_begin (store, &error))
    g_error ("fuzz-csv: %s", error->message);
  ok = helder_import_csv_data (store, &importer, (const char *) data, size, "fuzz.csv", &result,
                               &error);
  helder_store_rollback (store);

  if (ok && (error != NULL || result.added + result.updated + result.unchanged != result.rows ||
             result.ignored == NULL))
    abort ();
  if (!ok && (error == NULL || error->domain != HELDER_ERROR || error->message[0] == '\0'))
    abort ();
  if (helder_store_in_transaction (store))
    abort ();
  return 0;
}
