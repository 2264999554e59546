/* helder-json.h — JSON from outside, checked before and while it is parsed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HELDER_JSON_MAX_DEPTH 64

JsonNode *helder_json_parse_checked (const char *data, gsize length, GError **error);
gboolean helder_json_check_depth (const char *data, gsize length, guint max_depth, GError **error);

G_END_DECLS
