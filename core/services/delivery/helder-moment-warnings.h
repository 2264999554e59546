/* helder-moment-warnings.h — what the advisor should know before approving
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

JsonArray *helder_moment_warnings_list (HelderStore *store,
                                        JsonObject *moment,
                                        const char *now,
                                        GError **error);
char *helder_moment_warnings_text (JsonArray *warnings);

G_END_DECLS
