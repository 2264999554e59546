/* helder-context-measures.c — the computed gate criteria plugins bring
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin registers a HelderGateMeasure (services/repo/helder-gate-measure.h)
 * and core computes the criteria that name it: before the CLI, the web and
 * the API show gates, and on every round of the sender. The registration
 * is one of the context's list (helder-context-registry.c) and goes when
 * the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-context.h"
#include "engine/helder-context-private.h"

typedef struct
{
  HelderGateMeasure public;
  char *name;
  char *label;
  char *gettext_domain;
} MeasureCopy;

void
helder_context_gate_measure_free (gpointer data)
{
  MeasureCopy *c = data;

  g_free (c->name);
  g_free (c->label);
  g_free (c->gettext_domain);
  g_free (c);
}

/**
 * helder_context_add_gate_measure:
 * @measure: (transfer none): copied
 *
 * Registers a measure that computes gate criteria. A name is taken once;
 * adding it again is a programming error and is ignored with a warning.
 */
void
helder_context_add_gate_measure (HelderContext *self, const HelderGateMeasure *measure)
{
  g_autoptr (GPtrArray) known = NULL;
  MeasureCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (measure != NULL && measure->name != NULL && measure->label != NULL);
  g_return_if_fail (measure->evaluate != NULL);

  known = helder_context_list_gate_measures (self);
  if (helder_gate_measure_find (known, measure->name) != NULL)
    {
      g_warning ("gate measure “%s” of %s ignored: it is registered already", measure->name,
                 self->owner ? self->owner : "core");
      return;
    }
  c = g_new0 (MeasureCopy, 1);
  c->name = g_strdup (measure->name);
  c->label = g_strdup (measure->label);
  c->gettext_domain = g_strdup (measure->gettext_domain);
  c->public = *measure;
  c->public.name = c->name;
  c->public.label = c->label;
  c->public.gettext_domain = c->gettext_domain;
  helder_context_add_registration (self, REG_GATE_MEASURE, c);
}

/**
 * helder_context_list_gate_measures:
 *
 * Returns: (transfer container) (element-type HelderGateMeasure): the
 *   measures plugins registered, in the order registered
 */
GPtrArray *
helder_context_list_gate_measures (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_GATE_MEASURE);
}

/**
 * helder_context_refresh_gate_measures:
 * @store: the connection to compute over
 *
 * helder_gate_measures_refresh() with the registered measures, its status
 * changes audited as the system: what a measure decides nobody typed.
 *
 * Returns: %FALSE with @error when the store fails
 */
gboolean
helder_context_refresh_gate_measures (HelderContext *self, HelderStore *store, GError **error)
{
  static const HelderAuditActor system = { 0, "Helder", "system" };
  g_autoptr (GPtrArray) measures = NULL;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);

  measures = helder_context_list_gate_measures (self);
  return helder_gate_measures_refresh (store, measures, &system, error);
}
