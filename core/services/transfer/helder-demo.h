/* helder-demo.h — the demo programme "Gemeente Voorbeeld", and a generator
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/transfer/helder-demo-step.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonNode *helder_demo_document (const char *today, guint people, GError **error);
gboolean helder_demo_load (HelderStore *store, const char *today, guint people, GError **error);
/* The same, then @steps (HelderDemoStep, nullable) in the same transaction. */
gboolean helder_demo_load_with_steps (HelderStore *store,
                                      const char *today,
                                      guint people,
                                      GPtrArray *steps,
                                      GError **error);

G_END_DECLS
