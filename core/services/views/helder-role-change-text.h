/* helder-role-change-text.h — does "what changes" still say what the status says?
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

/* [{code, message}] about a role change whose text contradicts its status
 * (code "text-undecided": the status decides the future role, the text
 * says it is not decided yet). Empty when they agree. */
JsonArray *helder_role_change_text_warnings (JsonObject *row);
/* The same for @person's role change, read from @store. */
JsonArray *helder_role_change_text_warnings_for (HelderStore *store, gint64 person, GError **error);

G_END_DECLS
