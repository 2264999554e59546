/* survey-service.h — the contract between the surveys plugin's parts
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definition and lifecycle: survey-define.h. Results: survey-results.h.
 * Answering, below.
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

/* ---- survey-answer.c: answering, anonymously ---------------------------- */

/* The open rounds @person is invited to and has not answered:
 * [{survey, slug, title, round, number, closes_at, questions}]. */
JsonArray *survey_open_for_person (HelderStore *store, gint64 person, GError **error);

/* The questions of @round that @person sees (only-for groups/roles
 * applied), or an error that says why they may not answer: not invited,
 * already answered, not open (yet / any more). */
JsonObject *
survey_form_for_person (HelderStore *store, gint64 round, gint64 person, GError **error);

/* Stores @person's answers to @round: @answers maps question ids (as
 * strings) to a number (agree5, scale10, single: the option's index), an
 * array of indexes (multiple) or a string (short, long). One transaction:
 * the "has answered" row and the anonymous response; refused with nothing
 * written when the person already answered, is not invited, the round is
 * not open, or an answer is invalid (the error names the question). */
gboolean survey_answer_submit (HelderStore *store,
                               gint64 round,
                               gint64 person,
                               JsonObject *answers,
                               GError **error);

G_END_DECLS
