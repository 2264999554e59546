/* helder-status.h — where the programme stands, on one screen
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_STATUS_HORIZON_DAYS 14

JsonObject *helder_status_compute (HelderStore *store, const char *today, GError **error);

G_END_DECLS
