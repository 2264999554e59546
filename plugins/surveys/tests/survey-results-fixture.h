/* survey-results-fixture.h — generated survey data for the results tests
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

typedef struct
{
  char *db;
  HelderContext *context;
  HelderStore *store;
} SurveyFixture;

/* A migrated database with the surveys plugin loaded. */
void survey_fixture_open (SurveyFixture *f);
void survey_fixture_close (SurveyFixture *f);

void survey_fixture_exec (SurveyFixture *f, const char *sql);
/* A survey with questions agree5, scale10, single (3 options), multiple
 * (4 options), long; returns its id. */
gint64
survey_fixture_survey (SurveyFixture *f, const char *slug, guint threshold, int retention_months);
gint64 survey_fixture_question (SurveyFixture *f,
                                gint64 survey,
                                int position,
                                const char *kind,
                                const char *options);
gint64 survey_fixture_round (SurveyFixture *f,
                             gint64 survey,
                             guint number,
                             const char *opens_at,
                             const char *closes_at);
void survey_fixture_population (SurveyFixture *f,
                                gint64 round,
                                const char *dimension,
                                const char *value,
                                gint64 invited);
/* A response with random id; returns its id in @id (16 bytes). */
void survey_fixture_response (SurveyFixture *f,
                              GRand *rand,
                              gint64 round,
                              const char *grp,
                              const char *status,
                              guint8 id[16]);
void survey_fixture_answer (SurveyFixture *f,
                            const guint8 id[16],
                            gint64 question,
                            int choice,
                            const char *text,
                            gint64 round,
                            const char *grp,
                            const char *status);
/* Random responses to every question of @survey in @round: @n of them,
 * in @n_groups groups and @n_statuses statuses (some with neither). */
void survey_fixture_generate (SurveyFixture *f,
                              GRand *rand,
                              gint64 survey,
                              gint64 round,
                              guint n,
                              guint n_groups,
                              guint n_statuses);

G_END_DECLS
