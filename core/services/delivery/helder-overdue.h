/* helder-overdue.h — the advisor's answers to an overdue moment
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/access/helder-audit.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_overdue_send_now (HelderStore *store,
                                     const char *moment,
                                     const HelderAuditActor *actor,
                                     GError **error);
JsonObject *helder_overdue_reschedule (HelderStore *store,
                                       const char *moment,
                                       const char *scheduled_at,
                                       const HelderAuditActor *actor,
                                       GError **error);
gboolean helder_overdue_add_release (HelderStore *store, JsonObject *moment, GError **error);
char *helder_overdue_format_local (const char *utc);

G_END_DECLS
