/* helder-personal.h — one person's own transition, in sections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/util/helder-markdown.h"

G_BEGIN_DECLS

/* How many earlier messages the "past" section keeps. */
#define HELDER_PERSONAL_PAST_LIMIT 20

JsonObject *
helder_personal_compute (HelderStore *store, gint64 person, const char *today, GError **error);
JsonArray *helder_personal_moments (HelderStore *store, gint64 person, GError **error);
JsonArray *helder_personal_gates (HelderStore *store, gint64 person, GError **error);
char *helder_personal_to_markdown (JsonObject *sections, GError **error);

/* Labels shared by the personal page and the digest, in the current
 * gettext language, so that both say the same thing. */
char *helder_personal_promise_label (JsonObject *promise);
const char *helder_personal_decision_label (const char *decision);
const char *helder_personal_change_status_label (const char *status);
char *helder_personal_gate_title (const char *name);
char *helder_personal_datetime_label (const char *utc);

G_END_DECLS
