/* survey-web.c — the surveys plugin on the web: permissions, navigation,
 * templates, routes and its part of the OpenAPI document
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The advisor manages surveys and reads their results (surveys.manage,
 * surveys.results); everyone with a person answers the surveys they are
 * invited to (surveys.answer). No route an employee may call names a
 * survey's id: the employee's routes take the round, and the service
 * checks that the caller is invited to it. Everything registered here
 * goes again when the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-web-private.h"

#define PAGE     HELDER_ROUTE_PAGE
#define PERSONAL (HELDER_ROUTE_PAGE | HELDER_ROUTE_NO_STORE)
#define API      (HELDER_ROUTE_API | HELDER_ROUTE_NO_STORE)

static const HelderPermission permissions[] = {
  { "surveys.manage", N_ ("create, open and close surveys"), HELDER_ROLE_ADVISOR, NULL },
  { "surveys.results", N_ ("read the results of surveys"), HELDER_ROLE_ADVISOR, NULL },
  { "surveys.answer", N_ ("answer the surveys one is invited to"),
    HELDER_ROLE_EMPLOYEE | HELDER_ROLE_HR | HELDER_ROLE_ADVISOR, NULL },
};

/* /surveys/new before /surveys/{id}: the first route that matches wins. */
static const HelderWebRoute routes[] = {
  { "GET", "/surveys", "surveys.manage", PERSONAL, survey_web_handle_list,
    "the surveys, their status and response rate" },
  { "GET", "/surveys/new", "surveys.manage", PERSONAL, survey_web_handle_new,
    "the form for a new survey" },
  { "POST", "/surveys/new", "surveys.manage", PERSONAL, survey_web_handle_create,
    "create a survey" },
  { "GET", "/surveys/rounds/{round}/answer", "surveys.answer", PERSONAL,
    survey_web_handle_answer_form, "the caller's form for a round of a survey" },
  { "POST", "/surveys/rounds/{round}/answer", "surveys.answer", PERSONAL,
    survey_web_handle_answer_submit, "answer a round of a survey, anonymously" },
  { "GET", "/surveys/{id}", "surveys.manage", PERSONAL, survey_web_handle_show,
    "a survey: questions, rounds, governance" },
  { "POST", "/surveys/{id}/open", "surveys.manage", PERSONAL, survey_web_handle_open,
    "open a survey" },
  { "POST", "/surveys/{id}/close", "surveys.manage", PERSONAL, survey_web_handle_close,
    "close a survey" },
  { "GET", "/surveys/{id}/governance", "surveys.manage", PERSONAL, survey_web_handle_governance,
    "the form for a survey's governance record" },
  { "POST", "/surveys/{id}/governance", "surveys.manage", PERSONAL,
    survey_web_handle_governance_save, "save a survey's governance record" },
  { "GET", "/surveys/{id}/follow-up", "surveys.manage", PERSONAL, survey_web_handle_followup,
    "the form for a closed round's follow-up: what people told us and what we do with it" },
  { "POST", "/surveys/{id}/follow-up", "surveys.manage", PERSONAL, survey_web_handle_followup_save,
    "plan a round's follow-up, a moment to everyone the survey invited" },
  { "GET", "/surveys/{id}/results", "surveys.results", PERSONAL, survey_web_handle_results,
    "a survey's results, anonymity rules applied" },
  { "GET", "/surveys/{id}/results.csv", "surveys.results", PERSONAL, survey_web_handle_results_csv,
    "a survey's results as CSV" },
  { "GET", "/api/v1/surveys/{id}/results", "surveys.results", API, survey_web_api_results,
    "a survey's results as JSON, suppressed cells marked" },
  { "GET", "/api/v1/surveys/{id}/results.csv", "surveys.results", API, survey_web_api_results_csv,
    "a survey's results as CSV" },
  { "GET", "/api/v1/me/surveys", "surveys.answer", API, survey_web_api_my_surveys,
    "the open survey rounds the caller is invited to" },
  { "GET", "/api/v1/me/surveys/{round}", "surveys.answer", API, survey_web_api_my_form,
    "the questions of a round for the caller" },
  { "POST", "/api/v1/me/surveys/{round}/answers", "surveys.answer", API, survey_web_api_my_answers,
    "answer a round, anonymously" },
};

static void
add_openapi (HelderContext *context)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) document = g_resources_lookup_data ("/nl/helder/plugins/surveys/openapi.json",
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (document == NULL)
    g_error ("surveys: %s", error->message);
  helder_context_add_openapi (context, g_bytes_get_data (document, NULL));
}

void
surveys_web_load (HelderContext *context)
{
  static const HelderNavEntry nav = {
    "/surveys", N_ ("Surveys"), "surveys.manage", 55, NULL,
  };
  static const HelderTemplates templates = {
    "/nl/helder/plugins/surveys/templates",
    "surveys",
    GETTEXT_PACKAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (permissions); i++)
    helder_context_add_permission (context, &permissions[i]);
  helder_context_add_routes (context, routes, G_N_ELEMENTS (routes));
  helder_context_add_nav_entry (context, &nav);
  helder_context_add_templates (context, &templates);
  add_openapi (context);
}
