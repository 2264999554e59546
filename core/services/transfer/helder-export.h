/* helder-export.h — the whole programme as one JSON document, and back
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document: { "format": "helder-export", "version": 1, "programme": {…},
 * "phases": […], "groups": […], … } — one member per entity (its plural),
 * rows in the entity's order_by order, every field present (null when
 * empty). A plugin's noun is there when it holds rows, and then "plugins"
 * (after "version") says which plugin owns which members: {"surveys":
 * ["surveys", …]}; an import refuses rows of a plugin that is not loaded,
 * naming it. Exporting, importing into an empty database and exporting again
 * gives the same bytes.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/helder-entity.h"
#include "services/util/helder-json.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonNode *helder_export_document (HelderStore *store, GError **error);
char *helder_export_to_data (HelderStore *store, gsize *length, GError **error);

G_END_DECLS
