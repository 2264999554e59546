/* helder-audit-record.h — who did it, and writing it in the audit log
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of services/repo/helder-audit-write.h that plugins use (through
 * core/helder.h): the actor a service is told, and one entry of the audit
 * log, written in the caller's transaction.
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderAuditActor:
 * @person: the acting person's id, 0 for the system or setup
 * @name: their name ("setup" while a programme has nobody yet)
 * @role: "advisor", "hr", "employee", "cli" (the operator on the command
 *   line), "system" or "setup"
 */
typedef struct
{
  gint64 person;
  const char *name;
  const char *role;
} HelderAuditActor;

/* @action: "read", "create", "update", "approve", "cancel", "decide",
 * "login", "token", …; @entity and @record name what was touched;
 * @subject: the person whose data it is, 0 when none. */
gboolean helder_audit_record (HelderStore *store,
                              const HelderAuditActor *actor,
                              const char *action,
                              const char *entity,
                              const char *record,
                              gint64 subject,
                              const char *detail,
                              GError **error);

G_END_DECLS
