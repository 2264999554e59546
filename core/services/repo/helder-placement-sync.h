/* helder-placement-sync.h — a role change and an HR placement tell one story
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's future can be written down twice: by the advisor as their role
 * change (DESIGN.md §3: to_role, status draft → decided → discussed →
 * accepted | objection) and by HR as a placement in a role to fill (a
 * regie role or one whose fate is new; status intended | confirmed |
 * withdrawn). The two cannot disagree. The one rule:
 *
 *   placement (P, R) is confirmed
 *     ⇔ P's role change leads to R with a deciding status
 *       (decided, discussed or accepted)
 *
 * and every write keeps it, in the write's own transaction:
 *
 *   placement → confirmed     the role change leads to R and is decided
 *                             (created, decided, when there is none; a
 *                             draft or objection becomes decided; a role
 *                             change already discussed or accepted into
 *                             another role is a conflict: it was told to
 *                             the person, so the advisor changes it first)
 *   placement confirmed → intended or withdrawn
 *                             the role change is reopened: back to draft,
 *                             its to_role kept as the proposal
 *   role change decides R     the placement (P, R) is confirmed (created
 *                             when there is none); any other confirmed
 *                             placement of P becomes intended
 *   role change stops deciding R (another role, no role, objection)
 *                             the placement (P, R) is reopened: intended
 *
 * A confirmed placement, and a role change that decides a role to fill,
 * are not deleted: withdraw the placement first. Restoring an export keeps
 * rows as they were (the doctor names disagreements).
 *
 * The rows changed this way are named in the written row's "linked"
 * member, [{entity, record, subject, action, detail}], so that whoever
 * audits the write audits them too (helder_audit_change does).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/helder-entity.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* The role-change statuses that decide its to_role. */
#define HELDER_PLACEMENT_DECIDING_SQL "('decided', 'discussed', 'accepted')"

gboolean helder_placement_sync_status_decides (const char *role_change_status);

/* After @row (of a placement or a role change) was written over @old
 * (%NULL for a new row): brings the other side in line and names what it
 * changed in @row's "linked" member. Other entities: nothing. */
gboolean helder_placement_sync_after_write (HelderStore *store,
                                            const HelderEntity *entity,
                                            JsonObject *old,
                                            JsonObject *row,
                                            GError **error);

/* Before deleting the row @key of @entity: refuses a confirmed placement
 * and a role change that decides a role to fill. */
gboolean helder_placement_sync_check_delete (HelderStore *store,
                                             const HelderEntity *entity,
                                             JsonNode *key,
                                             GError **error);

/* The people whose role change and placements disagree, for the doctor:
 * [{person, name, role, placement_status, role_change_status, to_role}]. */
JsonArray *helder_placement_sync_disagreements (HelderStore *store, GError **error);

G_END_DECLS
