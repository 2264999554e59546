/* survey-gate.h — the gate measure "survey"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* "survey=SLUG question=N stat=average|share|index min=X [option=N]
 * [group=SLUG] [round=last|N]", parsed. */
typedef struct
{
  char *survey;
  guint question; /* position, from 1 */
  char *stat;     /* average, share, index */
  double min;
  gboolean has_min;
  guint option; /* stat=share: the option, from 1 */
  char *group;  /* NULL: everyone */
  guint round;  /* 0: the last closed */
} SurveyGateArg;

gboolean survey_gate_arg_parse (const char *argument, SurveyGateArg *arg, GError **error);
/* Parsed, and the survey, its question (fit for the statistic), the option
 * and the group exist; @survey is the survey's id. */
gboolean survey_gate_arg_resolve (HelderStore *store,
                                  const char *argument,
                                  SurveyGateArg *arg,
                                  gint64 *survey,
                                  GError **error);
void survey_gate_arg_clear (SurveyGateArg *arg);

/* survey-gate-evaluate.c: HelderGateMeasureEvaluate of the measure. */
gboolean survey_gate_evaluate (HelderStore *store,
                               const char *argument,
                               const char *today,
                               gpointer user_data,
                               HelderGateMeasureResult *out,
                               GError **error);
/* @value with at most @decimals decimals, trailing zeros dropped, with the
 * decimal mark of @language ("nl": a comma). */
char *survey_gate_format_number (double value, guint decimals, const char *language);

G_END_DECLS
