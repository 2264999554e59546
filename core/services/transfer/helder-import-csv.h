/* helder-import-csv.h — staff lists as HR systems export them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/util/helder-csv-map.h"
#include "services/access/helder-audit.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* One row that cannot be imported. */
typedef struct
{
  guint line;    /* the line the row starts on */
  char *column;  /* the header of the column at fault, or NULL */
  char *value;   /* what that cell holds, or NULL */
  char *message; /* "staff.csv:14: column “Afdeling”: unknown group “X” (…)" */
} HelderCsvProblem;

/* How to import: all members may be left zero. */
typedef struct
{
  HelderCsvMap *map; /* which column holds what (--map), or NULL */
  gboolean save_map; /* keep @map in import.csv_map, with the import */
  gboolean dry_run;  /* check and count, then change nothing */
} HelderCsvOptions;

typedef struct
{
  guint added;         /* people new to the database */
  guint updated;       /* people known by e-mail address whose data changed */
  guint rows;          /* rows with a person (empty lines do not count) */
  guint unchanged;     /* people known by e-mail address, already up to date */
  GStrv ignored;       /* headers of the columns that were not used */
  GPtrArray *problems; /* HelderCsvProblem: every row that cannot be imported */
  char *map;           /* the mapping that was used, as import.csv_map keeps it */
} HelderCsvResult;

void helder_import_csv_result_clear (HelderCsvResult *result);

gboolean helder_import_csv_saved_map (HelderStore *store, HelderCsvMap *map, GError **error);
gboolean helder_import_csv_data_full (HelderStore *store,
                                      const HelderAuditActor *actor,
                                      const char *data,
                                      gsize length,
                                      const char *origin,
                                      const HelderCsvOptions *options,
                                      HelderCsvResult *result,
                                      GError **error);

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
