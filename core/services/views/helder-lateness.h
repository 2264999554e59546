/* helder-lateness.h — which moments are overdue, and how late
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

/* delivery.grace_minutes when no setting is stored */
#define HELDER_LATENESS_GRACE_MINUTES 120

guint helder_lateness_grace_minutes (HelderStore *store);
char *helder_lateness_cutoff (const char *now, guint grace_minutes);
JsonArray *helder_lateness_list (HelderStore *store, const char *now, GError **error);
char *helder_lateness_describe (gint64 minutes);

G_END_DECLS
