/* helder-import-csv-private.h — the rows of a staff list, for the import's driver
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder-import-csv.c turns rows into people; helder-import-csv-run.c
 * reads the file, applies the mapping, holds the transaction and reports.
 */
#pragma once

#include "services/transfer/helder-import-csv.h"
#include "services/util/helder-csv-read-private.h"

G_BEGIN_DECLS

gboolean helder_import_csv_records (HelderStore *store,
                                    const HelderAuditActor *actor,
                                    const char *origin,
                                    GPtrArray *records,
                                    guint first,
                                    const HelderCsvColumns *columns,
                                    const HelderCsvMap *map,
                                    GPtrArray *problems,
                                    HelderCsvResult *counts,
                                    GError **error);
void helder_import_csv_problem_free (gpointer problem);

G_END_DECLS
