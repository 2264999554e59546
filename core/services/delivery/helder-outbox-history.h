/* helder-outbox-history.h — the outbox of a programme loaded with its past
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

gboolean helder_outbox_history_record (HelderStore *store,
                                       const char *bounce_error,
                                       guint *rows,
                                       GError **error);

G_END_DECLS
