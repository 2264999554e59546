/* helder-demo-step.h — what a plugin adds to the demo programme
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-record.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* Adds the plugin's part to the demo programme that is being made in
 * @store, inside its transaction; changes audited as @actor. */
typedef gboolean (*HelderDemoStepFunc) (HelderStore *store,
                                        const HelderAuditActor *actor,
                                        gpointer user_data,
                                        GError **error);

/**
 * HelderDemoStep:
 * @name: what the step adds, for errors: "surveys"
 * @func: adds it
 * @user_data: passed to @func
 *
 * A plugin's addition to `helder init --demo`
 * (helder_context_add_demo_step()): run after core's demo, in the same
 * transaction, so that the demo is made whole or not at all.
 */
typedef struct
{
  const char *name;
  HelderDemoStepFunc func;
  gpointer user_data;
} HelderDemoStep;

/* For a demo step: a row of a core noun (@entity: "criterion", "moment",
 * …) created from @values, or the row @key changed by @changes, written
 * with its audit entry as @actor, as the command line writes it. */
JsonObject *helder_demo_create (HelderStore *store,
                                const HelderAuditActor *actor,
                                const char *entity,
                                JsonObject *values,
                                GError **error);
JsonObject *helder_demo_update (HelderStore *store,
                                const HelderAuditActor *actor,
                                const char *entity,
                                const char *key,
                                JsonObject *changes,
                                GError **error);

gboolean helder_demo_moment_sent (HelderStore *store, gint64 moment, GError **error);

G_END_DECLS
