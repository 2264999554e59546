/* helder-csv-map.h — which column of a staff list holds what (--map)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name of the setting that keeps a mapping for the next imports. */
#define HELDER_CSV_MAP_SETTING "import.csv_map"

typedef struct _HelderCsvMap HelderCsvMap;

HelderCsvMap *helder_csv_map_new (void);
void helder_csv_map_free (HelderCsvMap *map);
gboolean helder_csv_map_add (HelderCsvMap *map, const char *spec, GError **error);
gboolean helder_csv_map_add_group (HelderCsvMap *map, const char *spec, GError **error);
gboolean helder_csv_map_group (const HelderCsvMap *map, const char *value, const char **group);
gboolean helder_csv_map_add_list (HelderCsvMap *map, const char *text, GError **error);
gboolean helder_csv_map_check (const char *text, GError **error);
guint helder_csv_map_size (const HelderCsvMap *map);
char *helder_csv_map_to_string (const HelderCsvMap *map);
gboolean helder_csv_map_lookup (HelderCsvMap *map, const char *header, int *column);
const char *helder_csv_map_unused (const HelderCsvMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderCsvMap, helder_csv_map_free)

G_END_DECLS
