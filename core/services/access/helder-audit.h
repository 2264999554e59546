/* helder-audit.h — who read or changed which personal record, when
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: every read or change of a personal record by someone else
 * is in the audit log. Entries are only ever added.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/helder-entity.h"
#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* Newest first: {"items":[{id, at, actor, actor_name, actor_role, action,
 * entity, record, subject, subject_name, detail}], "total": N}. */
JsonObject *helder_audit_list (HelderStore *store, guint limit, guint offset, GError **error);

G_END_DECLS
