/* survey-audit.c — the audit entries of the surveys plugin's changes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey's changes are audited with core's helder_audit_record, in the
 * caller's transaction, with the survey's (or round's) id as the record.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include "survey-define.h"

gboolean
survey_audit (HelderStore *store,
              const HelderAuditActor *actor,
              const char *action,
              const char *entity,
              gint64 record,
              const char *detail,
              GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, record);

  return helder_audit_record (store, actor, action, entity, key, 0, detail, error);
}
