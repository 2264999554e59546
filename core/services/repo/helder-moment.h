/* helder-moment.h — the steps of a moment: approve, cancel, supersede
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* Each step records who did it (@actor) in the audit log, in the same
 * transaction as the change. */
JsonObject *helder_moment_set_status (HelderStore *store,
                                      const HelderAuditActor *actor,
                                      const char *moment,
                                      const char *status,
                                      GError **error);
JsonObject *helder_moment_supersede (HelderStore *store,
                                     const HelderAuditActor *actor,
                                     const char *moment,
                                     JsonObject *changes,
                                     GError **error);

G_END_DECLS
