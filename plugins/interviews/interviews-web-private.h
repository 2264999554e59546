/* interviews-web-private.h — what the interviews plugin's web files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interviews-web.c registers the permissions, routes, navigation, panels
 * and the OpenAPI part; the pages are one file per subject: interviews
 * (interviews-web-interviews.c), the register and readiness
 * (interviews-web-inventory.c), importing a pasted list
 * (interviews-web-import.c), the picture and its worker thread
 * (interviews-web-picture.c), concerns and the questions and answers
 * (interviews-web-concerns.c), raising a concern from /me
 * (interviews-web-raise.c), the panels on /me and the dashboard
 * (interviews-web-panels.c) and the JSON API (interviews-web-api.c). The
 * helpers below (interviews-web-util.c) are the plugin's own; core's form
 * helpers (helder_web_form_text(), helder_web_add_errors(), …) are in
 * helder.h.
 */
#pragma once

#include "interviews-private.h"
#include "inv-picture.h"
#include "inv-service.h"

G_BEGIN_DECLS

/* The route's {id} as a row of @table: answers 404 naming @what and
 * returns 0 when there is none. */
gint64 iv_web_id_param (HelderWebRequest *request, const char *table, const char *what);
/* Refuses a text longer than @max characters: answers 400 naming @field. */
gboolean
iv_web_check_length (HelderWebRequest *request, const char *field, const char *text, glong max);
/* A member that is an array, object or string, else NULL (no warning). */
JsonArray *iv_web_array (JsonObject *object, const char *member);
JsonObject *iv_web_object (JsonObject *object, const char *member);
const char *iv_web_string (JsonObject *object, const char *member);
/* A member that is a person or an item ({id, name}), a list of them,
 * text, a number or a truth, as text ("" when absent). */
char *iv_web_text_of (JsonObject *object, const char *member);
/* Options of a <select> {value, label, selected}. */
JsonArray *iv_web_options (const char *const *values,
                           const char *(*label) (const char *value),
                           const char *selected);
/* The word for a kind, status, scope or direction. */
const char *iv_web_word (const char *value);
/* The concern themes {value (slug), label (name in the language), selected}. */
JsonArray *iv_web_theme_options (HelderWebRequest *request, const char *selected, GError **error);
/* The stakeholder groups {name ("group-SLUG"), value, label, checked}. */
JsonArray *iv_web_group_checkboxes (HelderWebRequest *request, GHashTable *form, GError **error);
/* The groups ticked in @form, as slugs (NULL-terminated). */
GStrv iv_web_groups_ticked (HelderWebRequest *request, GHashTable *form, GError **error);

/* interviews-web-interviews.c */
void iv_web_handle_interviews (HelderWebRequest *request);
void iv_web_handle_interview_plan (HelderWebRequest *request);
void iv_web_handle_interview (HelderWebRequest *request);
void iv_web_handle_interview_record (HelderWebRequest *request);
/* The record form's fields as interview_record()'s JSON; NULL with
 * @error naming the field. */
JsonObject *iv_web_record_from_form (GHashTable *form, GError **error);
/* interviews-web-inventory.c */
void iv_web_handle_register (HelderWebRequest *request);
void iv_web_handle_item (HelderWebRequest *request);
void iv_web_handle_readiness (HelderWebRequest *request);
void iv_web_handle_readiness_set (HelderWebRequest *request);
/* The register's filter from the query; FALSE after answering 400. */
gboolean iv_web_inv_filter (HelderWebRequest *request, InvFilter *filter);
/* interviews-web-import.c */
void iv_web_handle_import (HelderWebRequest *request);
void iv_web_handle_import_run (HelderWebRequest *request);
/* interviews-web-picture.c */
void iv_web_handle_picture (HelderWebRequest *request);
void iv_web_handle_picture_svg (HelderWebRequest *request);
void iv_web_api_picture (HelderWebRequest *request);
void iv_web_api_picture_table (HelderWebRequest *request);
/* interviews-web-concerns.c */
void iv_web_handle_concerns (HelderWebRequest *request);
void iv_web_handle_concern_answer (HelderWebRequest *request);
void iv_web_handle_theme_add (HelderWebRequest *request);
void iv_web_handle_qa (HelderWebRequest *request);
/* interviews-web-panels.c */
void iv_web_add_panels (HelderContext *context);
/* interviews-web-raise.c */
void iv_web_handle_me_concern (HelderWebRequest *request);
void iv_web_api_me_concern (HelderWebRequest *request);
/* The concern form's context: themes, groups, what @form had (may be NULL). */
gboolean iv_web_concern_form_context (HelderWebRequest *request,
                                      JsonObject *context,
                                      GHashTable *form,
                                      GError **error);
/* interviews-web-api.c */
void iv_web_api_readiness (HelderWebRequest *request);
void iv_web_api_completeness (HelderWebRequest *request);
void iv_web_api_concern_summary (HelderWebRequest *request);
void iv_web_api_qa (HelderWebRequest *request);
void iv_web_api_record (HelderWebRequest *request);

G_END_DECLS
