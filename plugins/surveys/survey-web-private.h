/* survey-web-private.h — what the surveys plugin's web files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages and the API of the surveys plugin (survey-web.c registers
 * them): the advisor's pages (survey-web-pages.c, survey-web-new.c,
 * survey-web-results.c, survey-web-followup.c), the employee's answer page (survey-web-answer.c)
 * and the JSON API (survey-web-api.c). Core's form helpers
 * (helder_web_form_text(), helder_web_add_errors(), …) are in helder.h.
 */
#pragma once

#include "surveys-private.h"

G_BEGIN_DECLS

/* The survey of the route's {id}: answers 404 itself and returns 0 when
 * it does not name one. */
gint64 survey_web_survey_param (HelderWebRequest *request);
/* A member that is an array or an object, else NULL (no warning). */
JsonArray *survey_web_array (JsonObject *object, const char *member);
JsonObject *survey_web_object (JsonObject *object, const char *member);
/* "4 – Agree": a value of the 1–5 agreement scale in words. */
char *survey_web_agree_label (gint64 value);
/* The word for a survey's, round's or question's kind or status. */
const char *survey_web_word (const char *value);

/* survey-web-pages.c */
void survey_web_handle_list (HelderWebRequest *request);
void survey_web_handle_show (HelderWebRequest *request);
void survey_web_handle_open (HelderWebRequest *request);
void survey_web_handle_close (HelderWebRequest *request);
/* survey-web-new.c */
void survey_web_handle_new (HelderWebRequest *request);
void survey_web_handle_create (HelderWebRequest *request);
void survey_web_handle_governance (HelderWebRequest *request);
void survey_web_handle_governance_save (HelderWebRequest *request);
/* survey-web-results.c */
void survey_web_handle_results (HelderWebRequest *request);
void survey_web_handle_results_csv (HelderWebRequest *request);
JsonObject *survey_web_results_view (JsonObject *results);
/* ?round=N: 0 when absent; -1 after answering 400 when it is no round. */
gint64 survey_web_round_query (HelderWebRequest *request);
/* survey-web-followup.c */
void survey_web_handle_followup (HelderWebRequest *request);
void survey_web_handle_followup_save (HelderWebRequest *request);
/* survey-web-answer.c */
void survey_web_handle_answer_form (HelderWebRequest *request);
void survey_web_handle_answer_submit (HelderWebRequest *request);
/* survey-web-api.c */
void survey_web_api_results (HelderWebRequest *request);
void survey_web_api_results_csv (HelderWebRequest *request);
void survey_web_api_my_surveys (HelderWebRequest *request);
void survey_web_api_my_form (HelderWebRequest *request);
void survey_web_api_my_answers (HelderWebRequest *request);

G_END_DECLS
