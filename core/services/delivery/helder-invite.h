/* helder-invite.h — inviting people to Helder, many at once
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder invite --group G | --role R | --all` and the advisor's page
 * /people/invite: everyone selected who holds no access yet (no valid
 * token or session) and has no sign-in link waiting gets a personal
 * invitation with a one-time sign-in link (valid access.invite_days),
 * through the outbox. A second run invites nobody.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/access/helder-audit.h"

G_BEGIN_DECLS

#define HELDER_INVITE_DAYS 14

/* Exactly one of them. Strings are borrowed. */
typedef struct
{
  const char *group;
  const char *role;
  gboolean all;
} HelderInviteSelector;

/**
 * helder_invite_run:
 * @selector: whom to invite
 * @dry_run: say who would be invited, write nothing
 * @actor: who invites, for the audit log (one entry per invited person)
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *   (HELDER_ERROR_INVALID with field "group"/"role"/"selector" for a bad
 *   selector, HELDER_ERROR_CONFLICT when no channel reaches addresses):
 *   {"selector": {"group"|"role"|"all": …}, "dry_run": b,
 *    "invited": [{id, name, email}], "already": [{id, name, email,
 *    "reason": "access"|"link"}], "no_address": [{id, name}],
 *    "expires_at": UTC, "counts": {"selected", "invited", "already",
 *    "no_address"}}
 */
JsonObject *helder_invite_run (HelderStore *store,
                               const HelderInviteSelector *selector,
                               gboolean dry_run,
                               const HelderAuditActor *actor,
                               GError **error);

/* Whom one can invite: {"groups": [{slug, name, people}], "roles": […],
 * "people": N}. */
JsonObject *helder_invite_choices (HelderStore *store, GError **error);

G_END_DECLS
