/* survey-answer-private.h — what the answering part's files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "surveys-private.h"

G_BEGIN_DECLS

/* A round as the answering part needs it. */
typedef struct
{
  gint64 id;
  gint64 survey;
  gint64 number;
  gint64 threshold;
  char *slug;
  char *title;
  char *opens_at;  /* UTC "…Z" */
  char *closes_at; /* UTC "…Z" */
  char *status;    /* the round's */
  char *survey_status;
} SurveyRoundInfo;

void survey_round_info_clear (SurveyRoundInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SurveyRoundInfo, survey_round_info_clear)

/* survey-audience-contains.c: whether @person is in @survey's audience
 * (groups ∪ roles ∪ persons ∪ role-change statuses, like a moment's). */
gboolean survey_audience_contains (HelderStore *store,
                                   gint64 survey,
                                   gint64 person,
                                   gboolean *contains,
                                   GError **error);

/* survey-answer-round.c: reads @round (an error naming "round" when there
 * is none) and checks that @person may answer it now: invited, not yet
 * answered, open by the clock. */
gboolean
survey_answer_round_read (HelderStore *store, gint64 round, SurveyRoundInfo *info, GError **error);
gboolean survey_answer_round_check (HelderStore *store,
                                    const SurveyRoundInfo *info,
                                    gint64 person,
                                    GError **error);

/* survey-answer-form.c: the questions of @survey that @person sees, in
 * order: [{id, position, kind, text, options: [..], required}] in
 * @language ("nl" or "en"; English falls back to Dutch). */
JsonArray *survey_answer_questions (HelderStore *store,
                                    gint64 survey,
                                    gint64 person,
                                    const char *language,
                                    GError **error);

/* survey-answer-validate.c: one stored answer row. */
typedef struct
{
  gint64 question;
  gint64 choice;
  char *text; /* free text, trimmed; NULL for a choice */
} SurveyAnswerRow;

/* Checks @answers against @questions (those the person sees, in Dutch)
 * and returns the rows to store; an error names the question. */
GArray *survey_answer_validate (JsonArray *questions, JsonObject *answers, GError **error);

/* survey-answer-store.c: the person's breakdown attributes, each NULL
 * when its population in @round is below @threshold. */
gboolean survey_answer_attributes (HelderStore *store,
                                   const SurveyRoundInfo *info,
                                   gint64 person,
                                   char **grp,
                                   char **status,
                                   GError **error);
/* Writes the answered row, the response and its answers (in the caller's
 * transaction). */
gboolean survey_answer_store (HelderStore *store,
                              const SurveyRoundInfo *info,
                              gint64 person,
                              GArray *rows,
                              GError **error);

G_END_DECLS
