/* survey-demo.h — the surveys of the demo programme
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

#define SURVEY_DEMO_PULSE     "pulse"
#define SURVEY_DEMO_READINESS "gereedheid-migratieweekend"

/* survey-demo-days.c: working days (no weekend, no Dutch public holiday). */
gboolean survey_demo_is_workday (const GDate *date);
/* @date moved back to the nearest working day (itself when it is one). */
void survey_demo_workday_before (GDate *date);
/* "YYYY-MM-DD HH:MM" of @date, for survey_parse_when(). */
char *survey_demo_when (const GDate *date, const char *time);

/* survey-demo-answers.c: the demo's people answer round @round (its
 * number @number, 1…3) of the pulse, with the clock inside the round. */
gboolean survey_demo_answer_round (HelderStore *store,
                                   gint64 survey,
                                   gint64 round,
                                   guint number,
                                   GRand *rand,
                                   GError **error);

/* survey-demo-followup.c: round 1's follow-up, a week after @closed. */
gboolean survey_demo_followup (HelderStore *store,
                               gint64 survey,
                               const GDate *closed,
                               const HelderAuditActor *actor,
                               GError **error);

G_END_DECLS
