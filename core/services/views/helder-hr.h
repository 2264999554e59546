/* helder-hr.h — HR's board: the new roles to fill and the people to place
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* The board as one JSON object:
 *
 *   "roles": the roles to fill (kind regie or fate new), by name:
 *     {slug, name, kind, fate, fte (null when unknown),
 *      confirmed: [{id, person, name, note}], intended: [same],
 *      role_changes: [{person, name, status}] (role changes leading here),
 *      n_confirmed, n_intended, n_planned (people intended or confirmed),
 *      fte_open (fte − n_confirmed; null when fte is unknown; negative
 *      when more people are confirmed than fte), over_placed (n_planned >
 *      fte), role_change_counts: [{status, n}] (in the order of their
 *      course), n_role_changes}
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
 *   "n_placements": how many placements there are
 *   "totals": {roles, roles_to_fill (FTE open > 0 or unknown), fte,
 *     n_confirmed, n_intended (distinct people), fte_open, over_placed
 *     (roles), unplaced}
 *     (fte_open sums each role's open FTE, never below zero per role)
 * Every count comes from helder_hr_counts().
 */
JsonObject *helder_hr_board (HelderStore *store, GError **error);

/* What a page shows of the board's long lists (helder-hr-board.c): at most
 * @names people per list of a role (confirmed, intended, role changes;
 * the counts stay whole), one page of the people to place and one of the
 * placements (a limit of 0: all), and only the placements of
 * @placements_role when it is set. The totals, "n_placements" and the
 * roles' counts are never cut. */
typedef struct
{
  guint names;
  guint unplaced_limit;
  guint unplaced_offset;
  guint placements_limit;
  guint placements_offset;
  const char *placements_role;
} HelderHrSlice;

JsonObject *helder_hr_board_slice (HelderStore *store, const HelderHrSlice *slice, GError **error);

/* The board's numbers from one query (helder-hr-counts.c):
 * {"roles": [{slug, name, fte, n_confirmed, n_intended, n_planned,
 *  fte_open, over_placed}], "totals": {roles, roles_to_fill, fte,
 *  fte_open, n_intended, n_confirmed, over_placed}}. People count once
 *  however many placements they have. */
JsonObject *helder_hr_counts (HelderStore *store, GError **error);

/* The roles with more people intended or confirmed than FTE, as in
 * helder_hr_counts(): for warnings on the board and in `helder status`. */
JsonArray *helder_hr_over_placed (HelderStore *store, GError **error);
/* "Servicemanager: 4 people intended or confirmed for 3 FTE", with @fte
 * as the reader writes numbers. */
char *helder_hr_over_placed_text (JsonObject *role, const char *fte);

/* Records that @person (an id, an e-mail address or an unambiguous part
 * of a name, without regard to case or accents) is intended for @role (a
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
/* The same, with its audit entry by @actor in the same transaction. */
JsonObject *helder_hr_place_as (HelderStore *store,
                                const HelderAuditActor *actor,
                                const char *person,
                                const char *role,
                                const char *note,
                                GError **error);

/* HR's decisions on a placement (helder-hr-decide.c), by its id as text:
 * confirm an intended one, withdraw an intended or confirmed one. The
 * person's role change follows (services/repo/helder-placement-sync.h);
 * the returned placement's "linked" member names what else changed.
 * Errors: HELDER_ERROR_NOT_FOUND ("placement: …") for an unknown
 * placement, HELDER_ERROR_CONFLICT for a wrong state. Nothing changes on
 * an error. */
JsonObject *helder_hr_confirm (HelderStore *store, const char *key, GError **error);
JsonObject *helder_hr_withdraw (HelderStore *store, const char *key, GError **error);

G_END_DECLS
