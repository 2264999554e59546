/* helder-people.h — people as other parts need them: names, and what channels need
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

GHashTable *helder_people_names (HelderStore *store, GError **error);
char *helder_people_name (HelderStore *store, gint64 id, GError **error);
JsonArray *helder_people_named (HelderStore *store,
                                const gint64 *ids,
                                guint n_ids,
                                guint limit,
                                GError **error);
gboolean helder_people_load_for_delivery (HelderStore *store,
                                          const gint64 *ids,
                                          guint n_ids,
                                          GHashTable *cache,
                                          GError **error);

G_END_DECLS
