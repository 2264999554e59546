/* helder-repo-audited.h — changing a row and recording who did it, in one transaction
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the front-ends use to create, update and delete rows for a person
 * (the operator on the command line, the signed-in person on the web and
 * the API): the change and its audit entry are written together, so a
 * crash cannot keep one without the other and no front-end has to
 * remember the entry. helder_repo_create() and friends stay for the
 * services that record a step of their own (a gate decision, a
 * supersession), for the importers and for tests.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"

G_BEGIN_DECLS

/* @detail: (nullable): what the entry says; for an update %NULL names the
 * fields that changed. An entity that is not audited gets no entry. */
JsonObject *helder_repo_create_as (HelderStore *store,
                                   const HelderAuditActor *actor,
                                   const HelderEntity *entity,
                                   JsonObject *values,
                                   const char *detail,
                                   GError **error);
JsonObject *helder_repo_update_as (HelderStore *store,
                                   const HelderAuditActor *actor,
                                   const HelderEntity *entity,
                                   const char *key,
                                   JsonObject *changes,
                                   const char *detail,
                                   GError **error);
gboolean helder_repo_delete_as (HelderStore *store,
                                const HelderAuditActor *actor,
                                const HelderEntity *entity,
                                const char *key,
                                GError **error);

G_END_DECLS
