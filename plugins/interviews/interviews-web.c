/* interviews-web.c — the interviews plugin on the web: permissions,
 * navigation, templates, routes, panels and its part of the OpenAPI document
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ICT project leader and the advisor (role advisor) plan and record
 * interviews and keep the inventory, its picture and readiness
 * (interviews.*, inventory.*); the advisor manages concerns
 * (concerns.manage); everyone signed in with a person raises a concern
 * from /me and reads the questions and answers (concerns.raise, qa.read).
 * HR holds none of the advisor's permissions. No route an employee may
 * call names a record's id. Everything registered here goes again when
 * the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "interviews-web-private.h"

#define PERSONAL (HELDER_ROUTE_PAGE | HELDER_ROUTE_NO_STORE)
#define API      (HELDER_ROUTE_API | HELDER_ROUTE_NO_STORE)
#define EVERYONE (HELDER_ROLE_EMPLOYEE | HELDER_ROLE_HR | HELDER_ROLE_ADVISOR)

/* The nouns (inventory and listening parts) may have registered some of
 * these names for their API collections already: those stay as they are. */
static const HelderPermission permissions[] = {
  { "interviews.read", N_ ("read interviews"), HELDER_ROLE_ADVISOR, NULL },
  { "interviews.write", N_ ("plan and record interviews"), HELDER_ROLE_ADVISOR, NULL },
  { "inventory.read", N_ ("read the inventory, its picture and readiness"), HELDER_ROLE_ADVISOR,
    NULL },
  { "inventory.write", N_ ("change the inventory and readiness"), HELDER_ROLE_ADVISOR, NULL },
  { "concerns.manage", N_ ("read and answer concerns, manage their themes"), HELDER_ROLE_ADVISOR,
    NULL },
  { "concerns.raise", N_ ("ask a question or share a concern"), EVERYONE, NULL },
  { "qa.read", N_ ("read the questions and answers"), EVERYONE, NULL },
};

/* Literal paths before {id}: the first route that matches wins. */
static const HelderWebRoute routes[] = {
  { "GET", "/interviews", "interviews.read", PERSONAL, iv_web_handle_interviews,
    "the interviews, filtered by status and kind, with the form to plan one" },
  { "POST", "/interviews", "interviews.write", PERSONAL, iv_web_handle_interview_plan,
    "plan an interview" },
  { "GET", "/interviews/{id}", "interviews.read", PERSONAL, iv_web_handle_interview,
    "an interview: details, the record form, the items and concerns it brought" },
  { "POST", "/interviews/{id}/record", "interviews.write", PERSONAL, iv_web_handle_interview_record,
    "record an interview: answers, notes and items at once" },
  { "GET", "/inventory", "inventory.read", PERSONAL, iv_web_handle_register,
    "the register of items, filtered, with counts and completeness" },
  { "GET", "/inventory/picture", "inventory.read", PERSONAL, iv_web_handle_picture,
    "the architecture picture, filtered, and the same as a table" },
  { "GET", "/inventory/picture.svg", "inventory.read", PERSONAL, iv_web_handle_picture_svg,
    "the architecture picture as a downloadable SVG" },
  { "GET", "/inventory/readiness", "inventory.read", PERSONAL, iv_web_handle_readiness,
    "readiness of the components per aspect, with what is missing" },
  { "POST", "/inventory/readiness", "inventory.write", PERSONAL, iv_web_handle_readiness_set,
    "set a component's readiness on one aspect" },
  { "GET", "/inventory/import", "inventory.write", PERSONAL, iv_web_handle_import,
    "the form to import items from a list pasted from a spreadsheet" },
  { "POST", "/inventory/import", "inventory.write", PERSONAL, iv_web_handle_import_run,
    "check (dry run) or import a pasted list of items, all or nothing" },
  { "GET", "/inventory/items/{id}", "inventory.read", PERSONAL, iv_web_handle_item,
    "an item: its fields, its sources and what each said, its conflicts" },
  { "GET", "/concerns", "concerns.manage", PERSONAL, iv_web_handle_concerns,
    "the concerns, filtered by theme, group, status and lateness, and their themes" },
  { "POST", "/concerns/themes", "concerns.manage", PERSONAL, iv_web_handle_theme_add,
    "add a theme for concerns" },
  { "POST", "/concerns/{id}/answer", "concerns.manage", PERSONAL, iv_web_handle_concern_answer,
    "answer a concern: directly, by a moment or by a commitment" },
  { "GET", "/qa", "qa.read", PERSONAL, iv_web_handle_qa,
    "the published questions and answers, anonymised, by theme" },
  { "POST", "/me/concerns", "concerns.raise", PERSONAL, iv_web_handle_me_concern,
    "ask a question or share a concern, named only when one agrees" },
  { "GET", "/api/v1/inventory/picture.svg", "inventory.read", API, iv_web_api_picture,
    "the architecture picture as SVG, or as DOT with ?format=dot" },
  { "GET", "/api/v1/inventory/table", "inventory.read", API, iv_web_api_picture_table,
    "the architecture picture's content as a table" },
  { "GET", "/api/v1/inventory/readiness", "inventory.read", API, iv_web_api_readiness,
    "readiness totals per aspect, with what is missing" },
  { "GET", "/api/v1/inventory/completeness", "inventory.read", API, iv_web_api_completeness,
    "which items lack which fields" },
  { "GET", "/api/v1/concerns/summary", "concerns.manage", API, iv_web_api_concern_summary,
    "open concerns per theme and per group, their age and how many are late" },
  { "GET", "/api/v1/qa", "qa.read", API, iv_web_api_qa,
    "the published questions and answers, anonymised" },
  { "POST", "/api/v1/me/concerns", "concerns.raise", API, iv_web_api_me_concern,
    "ask a question or share a concern" },
  { "POST", "/api/v1/interviews/{id}/record", "interviews.write", API, iv_web_api_record,
    "record an interview: answers, notes, items and concerns" },
};

static const HelderNavEntry nav[] = {
  { "/interviews", N_ ("Interviews"), "interviews.read", 60, NULL },
  { "/inventory", N_ ("Inventory"), "inventory.read", 61, NULL },
  { "/concerns", N_ ("Concerns and questions"), "concerns.manage", 62, NULL },
  { "/qa", N_ ("Questions and answers"), "qa.read", 63, NULL },
};

static void
add_openapi (HelderContext *context)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) document = g_resources_lookup_data (
    "/nl/helder/plugins/interviews/openapi.json", G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (document == NULL)
    g_error ("interviews: %s", error->message);
  helder_context_add_openapi (context, g_bytes_get_data (document, NULL));
}

void
interviews_web_load (HelderContext *context)
{
  static const HelderTemplates templates = {
    "/nl/helder/plugins/interviews/templates",
    "interviews",
    GETTEXT_PACKAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (permissions); i++)
    if (helder_context_lookup_permission (context, permissions[i].name) == NULL)
      helder_context_add_permission (context, &permissions[i]);
  helder_context_add_routes (context, routes, G_N_ELEMENTS (routes));
  for (guint i = 0; i < G_N_ELEMENTS (nav); i++)
    helder_context_add_nav_entry (context, &nav[i]);
  helder_context_add_templates (context, &templates);
  iv_web_add_panels (context);
  add_openapi (context);
}
