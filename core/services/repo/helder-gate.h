/* helder-gate.h — a Go/No-Go decision, and the moment that tells about it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_gate_decide (HelderStore *store,
                                const HelderAuditActor *actor,
                                const char *gate,
                                const char *decision,
                                const char *rationale,
                                const char *decided_by,
                                const char *override_note,
                                GError **error);

G_END_DECLS
