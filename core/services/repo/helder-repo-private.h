/* helder-repo-private.h — shared between the reading and writing halves
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/repo/helder-repo.h"

G_BEGIN_DECLS

gboolean helder_repo_key_is_int (const HelderEntity *entity);
const char *helder_repo_key_column (const HelderEntity *entity);
const HelderEntity *helder_repo_ref_entity (const HelderField *field);
void helder_repo_bind_node (sqlite3_stmt *stmt, int index, JsonNode *node);
JsonObject *helder_repo_get_by_node (HelderStore *store,
                                     const HelderEntity *entity,
                                     JsonNode *key,
                                     GError **error);
void helder_repo_decorate (const HelderEntity *entity, JsonObject *row);
JsonNode *helder_repo_text_key_node (const HelderEntity *entity, const char *key);

G_END_DECLS
