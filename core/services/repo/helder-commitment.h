/* helder-commitment.h — what became of a promise, as an append-only history
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_commitment_record (HelderStore *store,
                                      const HelderAuditActor *actor,
                                      const char *commitment,
                                      const char *status,
                                      const char *note,
                                      const char *author,
                                      GError **error);
JsonObject *helder_commitment_record_evidence (HelderStore *store,
                                               const HelderAuditActor *actor,
                                               const char *commitment,
                                               const char *status,
                                               const char *note,
                                               const char *evidence_url,
                                               const char *author,
                                               GError **error);
JsonArray *helder_commitment_history (HelderStore *store, const char *commitment, GError **error);

G_END_DECLS
