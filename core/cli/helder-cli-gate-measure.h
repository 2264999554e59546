/* helder-cli-gate-measure.h — computed gate criteria on the command line
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "engine/helder-command.h"
#include "model/helder-entity.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

gboolean helder_cli_gate_measure_refresh (HelderInvocation *invocation,
                                          HelderStore *store,
                                          const HelderEntity *entity,
                                          GError **error);
gboolean helder_cli_gate_measure_check (HelderInvocation *invocation,
                                        HelderStore *store,
                                        const HelderEntity *entity,
                                        JsonObject *values,
                                        GError **error);

G_END_DECLS
