/* helder-actions.h — the workflow steps that touch more than one row
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_commitment_record  (HelderStore  *store,
                                       const char   *commitment,
                                       const char   *status,
                                       const char   *note,
                                       const char   *author,
                                       GError      **error);
JsonArray  *helder_commitment_history (HelderStore  *store,
                                       const char   *commitment,
                                       GError      **error);
JsonObject *helder_moment_set_status  (HelderStore  *store,
                                       const char   *moment,
                                       const char   *status,
                                       GError      **error);
JsonObject *helder_moment_supersede   (HelderStore  *store,
                                       const char   *moment,
                                       JsonObject   *changes,
                                       GError      **error);
JsonObject *helder_gate_decide        (HelderStore  *store,
                                       const char   *gate,
                                       const char   *decision,
                                       const char   *rationale,
                                       const char   *decided_by,
                                       const char   *override_note,
                                       GError      **error);

G_END_DECLS
