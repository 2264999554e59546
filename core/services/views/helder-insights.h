/* helder-insights.h — what the advisor's dashboard shows, as data
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder_insights_compute() returns one JSON object with these members:
 *
 * "today": the day the insights are computed for (YYYY-MM-DD).
 *
 * "timeline": the programme on one time axis.
 *   programme  {name, organisation, starts_on, ends_on} or null
 *   from, to   the span to draw: the programme's, widened to hold every
 *              phase, gate and moment (today ± 30 days when all are missing)
 *   phases     [{key, name, position, starts_on, ends_on,
 *                state "done"|"current"|"planned", current (bool)}]
 *   gates      [{slug, name, phase, decide_on, decision ("go"|"nogo"|
 *                "postponed" or null), criteria, open_criteria}]
 *   moments    [{id, title, scheduled_at (UTC), date (local YYYY-MM-DD),
 *                status, phase, channel (the main one: meeting, else
 *                a default channel, else the first by name, or null),
 *                channels [..]}]
 *
 * "heatmap": messages per stakeholder group and ISO week.
 *   Columns are the ISO weeks (Monday to Sunday, local dates) from the week
 *   that holds today − 4 weeks to the week that holds today + 8 weeks
 *   (HELDER_INSIGHTS_WEEKS_BACK / _AHEAD), 13 weeks.
 *   Rows are the stakeholder groups, internal ones first, then by name.
 *   A moment counts in the week of its scheduled local date. One moment is
 *   one message to each person in its audience, whatever its channels; the
 *   audience is exactly that of services/views/helder-audience.h.
 *   For group G and week W:
 *     members     people in G now (memberships are not historical)
 *     messages    Σ over the approved and sent moments of W of the number
 *                 of G's members in the moment's audience: the messages
 *                 G's members receive in W, together
 *     per_member  messages / members (0 when G has no members): how many
 *                 messages an average member of G receives in W
 *     moments     how many approved or sent moments of W reach at least
 *                 one member of G
 *     planned, planned_per_member, planned_moments
 *                 the same for the draft moments of W (not counted in the
 *                 figures above nor in the flags below); cancelled moments
 *                 count nowhere
 *     overload    per_member ≥ HELDER_INSIGHTS_OVERLOAD (3 a week)
 *     silence     G has members and the cell lies in a run of at least
 *                 HELDER_INSIGHTS_SILENCE consecutive weeks (3) of the
 *                 window in which no approved or sent moment reached any
 *                 member of G
 *   weeks   [{key "2026-W48", year, week, monday, sunday, current (bool),
 *             past (bool: the whole week lies before today)}]
 *   groups  [{slug, name, kind, members, overload_weeks, silent_weeks,
 *             cells [one per week, in the order of weeks]}]
 *   from, to, overload_threshold, silence_weeks, max_per_member
 *
 * "ledger": every commitment: {id, text, made_by, made_on, due_on, status
 *   (as stored), effective ("late" when open and past due, else status),
 *   days_late (0 unless late), persons (how many people it was made to by
 *   name), groups [{slug, name}], last_update {status, note, author,
 *   created_at} or null}, ordered late (longest overdue first), broken,
 *   open, kept, withdrawn; within each by due date, then id.
 * "ledger_counts": {late, broken, open, kept, withdrawn}.
 *
 * "role_changes": [{slug, name, kind, members, draft, decided, discussed,
 *   accepted, objection, total, undecided (no future role yet),
 *   overdue (undecided and the expected decision date has passed)}], one
 *   per group with the role changes of its members (a person in two groups
 *   counts in both), in the order of the heat map's rows.
 * "role_change_totals": the same counts over all role changes, each once.
 *
 * From services/views/helder-status.h: "current_phase", "next_gate" (with
 * open_criteria and days_left, or null) and "upcoming" (draft and approved
 * moments of the next HELDER_STATUS_HORIZON_DAYS days, with audience size)
 * and "sent" (the moments sent in the last HELDER_STATUS_HORIZON_DAYS days,
 * each with its reach from the outbox).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_INSIGHTS_WEEKS_BACK  4
#define HELDER_INSIGHTS_WEEKS_AHEAD 8
#define HELDER_INSIGHTS_OVERLOAD    3
#define HELDER_INSIGHTS_SILENCE     3

JsonObject *helder_insights_compute (HelderStore *store, const char *today, GError **error);

/* The insights of @today as helder_insights_compute() gives them, kept
 * with @store and computed again only when the database has changed since
 * (through this connection or any other) or for another day. The result
 * is sealed (immutable) and shared: read it, never change it. */
JsonObject *helder_insights_get (HelderStore *store, const char *today, GError **error);

G_END_DECLS
