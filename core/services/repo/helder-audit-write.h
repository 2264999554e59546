/* helder-audit-write.h — writing an audit entry, for the services that change records
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: every read or change of a personal record by someone else
 * is in the audit log. Entries are only ever added. The writing lives here,
 * in the repository's layer, so that the services that change records
 * (commitments, moments, gates, and the generic repository) record who did
 * it themselves, in their own transaction, with the actor their caller
 * passes in; services/access/helder-audit.h adds reading the log.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/helder-entity.h"
#include "services/repo/helder-audit-record.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* The generic changes of a noun (create, update, delete): recorded when
 * the entity is audited, with the row's key and the person it is about;
 * nothing when it is not. */
gboolean helder_audit_change (HelderStore *store,
                              const HelderAuditActor *actor,
                              const HelderEntity *entity,
                              const char *action,
                              JsonObject *row,
                              const char *detail,
                              GError **error);
gint64 helder_audit_subject (const HelderEntity *entity, JsonObject *row);

/* The other rows a write changed (a row's "linked" member, see
 * services/repo/helder-placement-sync.h); helder_audit_change records
 * them itself. */
gboolean helder_audit_linked (HelderStore *store,
                              const HelderAuditActor *actor,
                              JsonObject *row,
                              GError **error);

G_END_DECLS
