/* helder-time.c — the programme's time zone, read from the store
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-time"

#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-time.h"

/**
 * helder_time_load_zone:
 * @store: a #HelderStore
 * @error: set when the store cannot be read or names a zone this machine
 *   does not know
 *
 * Makes the zone of the programme in @store the zone of this process (the
 * default zone when there is no programme yet). Front-ends call it when
 * they open the store, `helder serve` before each request and each round
 * of delivery, so that a changed zone reaches a running server.
 */
gboolean
helder_time_load_zone (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *zone = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  stmt = helder_store_prepare (store, "SELECT time_zone FROM programme WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    zone = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  if (!helder_clock_set_zone (zone != NULL ? zone : HELDER_DEFAULT_TIME_ZONE, error))
    {
      g_prefix_error (error, _ ("The programme’s time zone: "));
      return FALSE;
    }
  return TRUE;
}
