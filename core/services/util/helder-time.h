/* helder-time.h — the programme's time zone, read from the store
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder-clock.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

gboolean helder_time_load_zone (HelderStore *store, GError **error);

G_END_DECLS
