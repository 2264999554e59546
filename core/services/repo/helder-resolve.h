/* helder-resolve.h — a row as people name it: its id, slug, e-mail or part of its name
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/helder-entity.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

JsonNode *
helder_resolve (HelderStore *store, const HelderEntity *entity, const char *text, GError **error);
const char *helder_resolve_name_field (const HelderEntity *entity);
char *helder_resolve_describe (HelderStore *store, const HelderEntity *entity, JsonNode *key);

G_END_DECLS
