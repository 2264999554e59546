/* helder-gate-measure.h — gate criteria a plugin computes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/repo/helder-audit-record.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderGateMeasureState:
 * @HELDER_GATE_MEASURE_MET: the criterion is met
 * @HELDER_GATE_MEASURE_FAILED: it is not
 * @HELDER_GATE_MEASURE_UNCLEAR: too few data to tell (a response rate too
 *   low); the criterion stays open
 */
typedef enum
{
  HELDER_GATE_MEASURE_MET,
  HELDER_GATE_MEASURE_FAILED,
  HELDER_GATE_MEASURE_UNCLEAR,
} HelderGateMeasureState;

/**
 * HelderGateMeasureResult:
 * @state: what the measure says
 * @value: (nullable): the value as people read it: "3,8 of 5"; g_free()d by core
 * @source: (nullable): where it comes from: "Pulse round 3, 42 answers,
 *   closed 2 December 2026"; g_free()d by core
 * @link: (nullable): a page with the details, "/surveys/7/results";
 *   g_free()d by core
 *
 * What evaluating a measure gives, in the programme's language.
 */
typedef struct
{
  HelderGateMeasureState state;
  char *value;
  char *source;
  char *link;
} HelderGateMeasureResult;

void helder_gate_measure_result_clear (HelderGateMeasureResult *result);

/* Whether @argument is one the measure understands; @error says what is
 * wrong with it (HELDER_ERROR_INVALID). */
typedef gboolean (*HelderGateMeasureCheck) (HelderStore *store,
                                            const char *argument,
                                            gpointer user_data,
                                            GError **error);
/* Fills @out for @argument as of @today (YYYY-MM-DD, the programme's day). */
typedef gboolean (*HelderGateMeasureEvaluate) (HelderStore *store,
                                               const char *argument,
                                               const char *today,
                                               gpointer user_data,
                                               HelderGateMeasureResult *out,
                                               GError **error);

/**
 * HelderGateMeasure:
 * @name: what a criterion's measure names: "survey-score"
 * @label: N_() in @gettext_domain: what it measures, for the forms
 * @gettext_domain: (nullable): the domain of @label; %NULL for "helder"
 * @check: validates a criterion's argument
 * @evaluate: computes the criterion
 * @user_data: passed to both
 *
 * A computed gate criterion a plugin brings
 * (helder_context_add_gate_measure()): a criterion with this measure gets
 * its status from @evaluate, not by hand.
 */
typedef struct
{
  const char *name;
  const char *label;
  const char *gettext_domain;
  HelderGateMeasureCheck check;
  HelderGateMeasureEvaluate evaluate;
  gpointer user_data;
} HelderGateMeasure;

const HelderGateMeasure *helder_gate_measure_find (GPtrArray *measures, const char *name);
gboolean helder_gate_measure_check (HelderStore *store,
                                    GPtrArray *measures,
                                    const char *name,
                                    const char *argument,
                                    GError **error);
const char *helder_gate_measure_state_label (const char *state);
gboolean helder_gate_measures_refresh (HelderStore *store,
                                       GPtrArray *measures,
                                       const HelderAuditActor *actor,
                                       GError **error);

G_END_DECLS
