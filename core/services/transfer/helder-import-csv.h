/* helder-import-csv.h — staff lists as HR systems export them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/access/helder-audit.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint added;     /* people new to the database */
  guint updated;   /* people known by e-mail address whose data changed */
  guint rows;      /* rows with a person (empty lines do not count) */
  guint unchanged; /* people known by e-mail address, already up to date */
  GStrv ignored;   /* headers of the columns that were not used */
} HelderCsvResult;

void helder_import_csv_result_clear (HelderCsvResult *result);

/* @actor: who imports, for the audit entry of each person added or
 * changed (the same transaction as the import). */
gboolean helder_import_csv_data (HelderStore *store,
                                 const HelderAuditActor *actor,
                                 const char *data,
                                 gsize length,
                                 const char *origin,
                                 HelderCsvResult *result,
                                 GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderCsvResult, helder_import_csv_result_clear)

G_END_DECLS
