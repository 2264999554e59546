/* helder-context-demo.c — what plugins add to the demo programme
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin registers a HelderDemoStep (services/transfer/helder-demo-step.h)
 * and `helder init --demo` runs it after core's demo, in the same
 * transaction. The registration is one of the context's list
 * (helder-context-registry.c) and goes when the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-context.h"
#include "engine/helder-context-private.h"

typedef struct
{
  HelderDemoStep public;
  char *name;
} DemoStepCopy;

void
helder_context_demo_step_free (gpointer data)
{
  DemoStepCopy *c = data;

  g_free (c->name);
  g_free (c);
}

/**
 * helder_context_add_demo_step:
 * @step: (transfer none): copied
 *
 * Registers what a plugin adds to the demo programme; steps run in the
 * order registered.
 */
void
helder_context_add_demo_step (HelderContext *self, const HelderDemoStep *step)
{
  DemoStepCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (step != NULL && step->name != NULL && step->func != NULL);

  c = g_new0 (DemoStepCopy, 1);
  c->name = g_strdup (step->name);
  c->public = *step;
  c->public.name = c->name;
  helder_context_add_registration (self, REG_DEMO_STEP, c);
}

/**
 * helder_context_list_demo_steps:
 *
 * Returns: (transfer container) (element-type HelderDemoStep): the steps
 *   plugins registered, in the order registered
 */
GPtrArray *
helder_context_list_demo_steps (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_DEMO_STEP);
}
