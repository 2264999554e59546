/* helder-import-json.h — a whole programme restored from a Helder export
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

gboolean helder_import_json_document (HelderStore *store, JsonNode *document, GError **error);
gboolean
helder_import_json_data (HelderStore *store, const char *data, gsize length, GError **error);
gboolean helder_import_json_store_is_empty (HelderStore *store, GError **error);

G_END_DECLS
