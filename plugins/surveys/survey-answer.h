/* survey-answer.h — answering a survey, anonymously (survey-answer.c)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answering part of the contract between the surveys plugin's parts
 * (survey-service.h), with the signatures the contract gave them. Times
 * are UTC "…Z" strings; "now" comes from helder_clock_now_utc().
 * Answering is not audited per person (an entry would say who answered
 * when).
 */
#pragma once

#include "surveys-private.h"

G_BEGIN_DECLS

/* The open rounds @person is invited to and has not answered:
 * [{survey, slug, title, round, number, opens_at, closes_at, threshold,
 * questions}], questions being how many of them @person sees. */
JsonArray *survey_open_for_person (HelderStore *store, gint64 person, GError **error);

/* The questions of @round that @person sees (only-for groups/roles
 * applied), or an error that says why they may not answer: not invited
 * (HELDER_ERROR_PERMISSION), already answered, not open (yet / any more)
 * (HELDER_ERROR_CONFLICT), no such round or person (NOT_FOUND). */
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
