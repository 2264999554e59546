/* helder-audience.h — who a moment reaches
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

GArray *helder_audience_resolve (HelderStore *store, gint64 moment, GError **error);
gboolean helder_audience_contains (HelderStore *store,
                                   gint64 moment,
                                   gint64 person,
                                   gboolean *contains,
                                   GError **error);

G_END_DECLS
