/* helder-demo-step.c — what a plugin's demo step may write of core
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin adds its part to the demo programme (HelderDemoStep) and may
 * need a core row with it — a gate criterion its measure computes, a
 * moment that points at its page. These write such rows through the
 * repository, checked and audited, as the command line would.
 */
#define G_LOG_DOMAIN "helder-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo-audited.h"
#include "services/transfer/helder-demo-step.h"

static const HelderEntity *
lookup (const char *name, GError **error)
{
  const HelderEntity *entity = helder_entity_lookup (name);

  if (entity == NULL)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("There is no noun “%s”"), name);
  return entity;
}

/**
 * helder_demo_create:
 * @entity: a noun's name
 * @values: (transfer none): its fields
 *
 * Returns: (transfer full) (nullable): the stored row, or %NULL with @error
 */
JsonObject *
helder_demo_create (HelderStore *store,
                    const HelderAuditActor *actor,
                    const char *entity,
                    JsonObject *values,
                    GError **error)
{
  const HelderEntity *e = lookup (entity, error);

  if (e == NULL)
    return NULL;
  return helder_repo_create_as (store, actor, e, values, NULL, error);
}

/**
 * helder_demo_update:
 * @key: the row's key
 * @changes: (transfer none): the fields that change
 *
 * Returns: (transfer full) (nullable): the stored row, or %NULL with @error
 */
JsonObject *
helder_demo_update (HelderStore *store,
                    const HelderAuditActor *actor,
                    const char *entity,
                    const char *key,
                    JsonObject *changes,
                    GError **error)
{
  const HelderEntity *e = lookup (entity, error);

  if (e == NULL)
    return NULL;
  return helder_repo_update_as (store, actor, e, key, changes, NULL, error);
}

/**
 * helder_demo_moment_sent:
 * @moment: an approved moment a step made for the demo's past
 *
 * Records that a moment of the demo's past went out: an approved moment
 * whose time has come is marked sent, and, once every step ran, core's demo
 * gives it the outbox rows it would have had (delivered to its audience as
 * the scheduler resolves it), as every sent moment of the demo has. A
 * moment still to come is left as it is.
 *
 * Returns: %FALSE with @error when the store failed
 */
gboolean
helder_demo_moment_sent (HelderStore *store, gint64 moment, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "UPDATE moment SET status = 'sent', updated_at = ?2"
                          " WHERE id = ?1 AND status = 'approved' AND scheduled_at <= ?2",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, moment);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}
