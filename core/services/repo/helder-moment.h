/* helder-moment.h — the steps of a moment: approve, cancel, supersede
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

JsonObject *helder_moment_set_status (HelderStore *store,
                                      const char *moment,
                                      const char *status,
                                      GError **error);
JsonObject *helder_moment_supersede (HelderStore *store,
                                     const char *moment,
                                     JsonObject *changes,
                                     GError **error);

G_END_DECLS
