/* helder-hr.h — HR's board: the new roles to fill and the people to place
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

/* The board as one JSON object:
 *
 *   "roles": the roles to fill (kind regie or fate new), by name:
 *     {slug, name, kind, fate, fte (null when unknown),
 *      confirmed: [{id, person, name, note}], intended: [same],
 *      role_changes: [{person, name, status}] (role changes leading here),
 *      n_confirmed, n_intended, fte_open (fte − n_confirmed; null when
 *      fte is unknown; negative when more people are confirmed than fte)}
 *   "unplaced": people whose current role lapses or changes, or whose role
 *     change has no future role yet, who have no confirmed placement and
 *     whose role change does not lead to a decided role (status decided,
 *     discussed or accepted), by name:
 *     {person, name, role, role_name, fate, role_change (id or null),
 *      status (null without a role change), to_role, to_role_name,
 *      decision_expected, effective_on, intended: [{id, role, role_name}]}
 *   "placements": every placement, by role name, then person name:
 *     {id, role, role_name, person, person_name, status, note, created_at,
 *      updated_at}
 *   "totals": {roles, fte, n_confirmed, n_intended, fte_open, unplaced}
 *     (fte_open sums each role's open FTE, never below zero per role)
 */
JsonObject *helder_hr_board (HelderStore *store, GError **error);

/* The people HR may place: everyone whose current role is one of the
 * organisation's own (kind current), by name: [{person, name, role_name}]. */
JsonArray *helder_hr_candidates (HelderStore *store, GError **error);

/* Records that @person (an id or e-mail address) is intended for @role (a
 * slug of a new or regie role), with an optional @note. A withdrawn
 * placement of the same person for the same role is intended again.
 * Errors name the field: "person: …", "role: …", "note: …"; bad input is
 * HELDER_ERROR_INVALID, an existing intended or confirmed placement
 * HELDER_ERROR_CONFLICT. On an error nothing is changed.
 *
 * Returns: (transfer full): the stored placement */
JsonObject *helder_hr_place (HelderStore *store,
                             const char *person,
                             const char *role,
                             const char *note,
                             GError **error);

G_END_DECLS
