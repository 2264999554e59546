/* helder-outbox-offered.h — the outbox rows a person fetches: for plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the plugin API (core/helder.h). A channel whose messages people
 * fetch rather than receive (the desktop plugin's notifier) delivers a row
 * by offering it (HELDER_DELIVERY_OFFERED): the row waits in the outbox
 * until the person's client has shown it and acknowledges it, and only
 * then counts as sent. The plugin's own routes serve the offered rows and
 * take the acknowledgements with these two functions, which live in
 * helder-outbox.c.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

JsonArray *helder_outbox_offered_list (HelderStore *store,
                                       gint64 person,
                                       const char *channel,
                                       guint limit,
                                       GError **error);
JsonObject *helder_outbox_offered_acknowledge (HelderStore *store,
                                               gint64 person,
                                               const char *channel,
                                               gint64 id,
                                               GError **error);

G_END_DECLS
