/* helder-demo-private.h — between the demo loader and its generator
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HELDER_DEMO_RESOURCE "/org/helder/Helder/demo/programme.json"
#define HELDER_DEMO_URI      "resource://" HELDER_DEMO_RESOURCE
#define HELDER_DEMO_SEED     0x48656c64u /* "Held" */

gboolean helder_demo_dates_resolve (JsonNode *document, const char *today, GError **error);
gboolean helder_demo_generate (JsonObject *root, guint total, GError **error);

G_END_DECLS
