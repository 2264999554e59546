/* helder-reach.h — whom a moment was delivered to, from the outbox
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_reach_get (HelderStore *store, gint64 moment, GError **error);
JsonArray *
helder_reach_sent_between (HelderStore *store, const char *from, const char *to, GError **error);
GHashTable *helder_reach_recipients (HelderStore *store, gint64 moment, GError **error);
char *helder_reach_summary (JsonObject *reach);

G_END_DECLS
