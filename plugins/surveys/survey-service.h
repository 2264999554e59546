/* survey-service.h — the surveys plugin's services: the contract between
 * its parts (CLI, web, digest, gate measures)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function that writes does so in one transaction, audited with
 * @actor, and on bad input sets a HELDER_ERROR (helder_error_set) that
 * names the field and changes nothing. Times are UTC "…Z" strings,
 * dates "YYYY-MM-DD"; "now" comes from helder_clock_now_utc().
 */
#pragma once

#include "surveys-private.h"

G_BEGIN_DECLS

/* ---- survey-define.c: surveys, questions, templates, governance ------- */

/* The questionnaire templates (questionnaires/NAME.json in the
 * resources): [{name, kind, title, description, questions}] in
 * @language ("nl" or "en"). */
JsonArray *survey_templates_list (const char *language);

/* Creates a draft survey (and its questions) from template @template_name
 * (NULL: from scratch, no questions) with the members of @fields
 * overriding the template's: title, slug, language, intro, phase,
 * threshold, opens_at, closes_at, repeat_days, repeat_until,
 * remind_days, min_rate, groups, roles, persons, statuses, channels,
 * purpose, legal_basis, works_council, works_council_on,
 * retention_months. */
gboolean survey_create (HelderStore *store,
                        const char *template_name,
                        JsonObject *fields,
                        const HelderAuditActor *actor,
                        gint64 *id,
                        GError **error);

/* The survey with its questions, rounds (each with its status as the
 * clock says, invited, answered count — shown only when ≥ threshold or
 * the round is closed, see survey-results.h) and governance. */
JsonObject *survey_get (HelderStore *store, gint64 survey, GError **error);
/* Finds a survey by id or slug. */
gboolean survey_resolve (HelderStore *store, const char *text, gint64 *survey, GError **error);

/* What is missing before the survey may open: NULL when nothing;
 * else the governance fields that are missing or wrong, each named. */
gboolean survey_check_governance (JsonObject *survey, GError **error);

/* Opens: governance complete, questions present, window valid; creates
 * the rounds (one, or every repeat_days until repeat_until), counts each
 * round's population when it opens, and plans the invitation and the
 * reminder of each round as moments. */
gboolean
survey_open (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error);
/* Closes now: the open round closes, planned rounds and their moments are
 * cancelled, the published aggregates of the round are kept. */
gboolean
survey_close (HelderStore *store, gint64 survey, const HelderAuditActor *actor, GError **error);

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

/* ---- survey-results.c: results with the anonymity rules applied -------- */

/* The results of @survey (all rounds; @round > 0: that round only as the
 * "current" one) with every breakdown, suppressed cells marked
 * {"suppressed": true} and carrying no number: see survey-suppress.h. */
JsonObject *survey_results (HelderStore *store, gint64 survey, gint64 round, GError **error);

/* The same results as CSV (one row per cell; suppressed cells say so). */
char *survey_results_csv (JsonObject *results);

G_END_DECLS
