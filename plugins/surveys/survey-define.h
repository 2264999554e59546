/* survey-define.h — defining a survey and its lifecycle (draft, open, closed)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Surveys are created from a questionnaire template or from scratch,
 * found by id, slug or part of their title, checked for a complete
 * governance record (DESIGN.md §6) and opened into rounds, each with the
 * population it invited; closing ends the open round and cancels the
 * planned ones. Every change is one transaction with its audit entry.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* survey-templates.c: the questionnaires in the plugin's resources. */
extern const char *const survey_template_names[]; /* pulse, readiness, experience, evaluation */
JsonObject *survey_template_load (const char *name, GError **error);

/* survey-define.c */
gint64 survey_create (HelderStore *store,
                      JsonObject *fields,
                      const char *template_name,
                      const HelderAuditActor *actor,
                      GError **error);
JsonObject *survey_get (HelderStore *store, gint64 survey, GError **error);
gint64 survey_resolve (HelderStore *store, const char *text, GError **error);
gboolean survey_update (HelderStore *store,
                        gint64 survey,
                        JsonObject *fields,
                        const HelderAuditActor *actor,
                        GError **error);
char *survey_missing_governance (JsonObject *survey, gint64 n_questions);
gboolean survey_check_governance (HelderStore *store, gint64 survey, GError **error);
gboolean
survey_open (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error);
gboolean
survey_close (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error);
gboolean survey_rounds_follow_clock (HelderStore *store, gint64 survey, GError **error);

/* survey-fields.c: checking what a survey may hold */
gboolean survey_check_legal_basis (const char *value, GError **error);
gboolean survey_check_fields (JsonObject *row, GError **error);
char *survey_parse_when (const char *option, const char *text, gboolean end_of_day, GError **error);

/* survey-audience-spec.c: a survey's audience as core's HelderAudienceSpec
 * (@spec points into the lists) */
typedef struct
{
  GStrv groups, roles, persons, statuses;
  HelderAudienceSpec spec;
} SurveyAudience;

void survey_audience_clear (SurveyAudience *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SurveyAudience, survey_audience_clear)
gboolean survey_audience_is_empty (const SurveyAudience *self);
gboolean
survey_audience_load (HelderStore *store, gint64 survey, SurveyAudience *out, GError **error);
gboolean
survey_audience_resolve (HelderStore *store, gint64 survey, GArray **persons, GError **error);
/* survey-audience.c */
gboolean survey_population_count (HelderStore *store, gint64 survey, gint64 round, GError **error);

/* survey-audit.c */
gboolean survey_audit (HelderStore *store,
                       const HelderAuditActor *actor,
                       const char *action,
                       const char *entity,
                       gint64 record,
                       const char *detail,
                       GError **error);

G_END_DECLS
