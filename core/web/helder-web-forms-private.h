/* helder-web-forms-private.h — what the advisor's form pages share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder-web-forms.c (the shared helpers and the moment pages) and
 * helder-web-decisions.c (commitment updates and gate decisions) read
 * forms, show errors next to their fields and name things the same way.
 */
#pragma once

#include "web/helder-web-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *value;
  const char *label;
} Choice;

typedef struct
{
  const char *field;  /* as the service names it */
  const char *key;    /* errors.KEY in the template */
  const char *anchor; /* the id the error summary links to */
  const char *label;
} FormField;

void helder_web_form_add_banner (JsonObject *context,
                                 HelderWebRequest *request,
                                 const Choice *banners,
                                 guint n_banners);
void helder_web_form_add_error (JsonObject *context,
                                const FormField *fields,
                                guint n_fields,
                                const GError *error);
/* Core's public form readers (helder-web-input.c), under the names the
 * form pages use. */
#define helder_web_form_blank helder_web_blank
const char *
helder_web_form_choice_label (const Choice *choices, guint n_choices, const char *value);
JsonArray *helder_web_form_choice_options (const Choice *choices,
                                           guint n_choices,
                                           GPtrArray *chosen,
                                           const char *flag);
#define helder_web_form_form_multiline helder_web_form_multiline
#define helder_web_form_form_text      helder_web_form_text
char *helder_web_form_format_date (const char *date);
char *helder_web_form_id_key (JsonObject *row);
guint helder_web_form_input_error_status (const GError *error);
gboolean helder_web_form_is_input_error (const GError *error);
char *helder_web_form_join_names (JsonArray *keys, GHashTable *names);
JsonObject *
helder_web_form_lookup (HelderWebRequest *request, const char *entity_name, const char *param);
char *helder_web_form_markdown_or_empty (const char *markdown);
GHashTable *helder_web_form_name_map (HelderStore *store,
                                      const char *entity_name,
                                      JsonArray **rows_out,
                                      GError **error);
char *helder_web_form_person_names (HelderStore *store, JsonArray *persons, GError **error);
void helder_web_form_redirect_to (HelderWebRequest *request,
                                  const char *path,
                                  const char *key,
                                  const char *query);
const char *helder_web_form_status_label (const char *status);
void helder_web_form_respond_moment (HelderWebRequest *request,
                                     guint status,
                                     JsonObject *row,
                                     const GError *problem);
const char *helder_web_form_string_or_null (JsonObject *row, const char *member);
GPtrArray *helder_web_form_array_to_strings (JsonArray *array);
GPtrArray *helder_web_form_form_list (HelderWebRequest *request, const char *name);
char *helder_web_form_join_choices (JsonArray *values, const Choice *choices, guint n_choices);
gboolean helder_web_form_strings_contain (GPtrArray *strings, const char *value);
JsonArray *helder_web_form_strings_to_array (GPtrArray *strings);
/* Every problem of a form's @values at once (helder-web-form-check.c). */
gboolean helder_web_form_check_values (HelderStore *store,
                                       const HelderEntity *entity,
                                       JsonObject *values,
                                       const char *const *required,
                                       GError **error);
JsonArray *helder_web_form_row_choices (HelderStore *store,
                                        const char *entity_name,
                                        GPtrArray *chosen,
                                        const char *flag,
                                        GError **error);

/* Small tables, one copy per file that uses them. */
static const FormField helder_web_form_commitment_form_fields[] = {
  { "status", "status", "status", N_ ("New status") },
  { "note", "note", "note", N_ ("Note") },
  { "evidence_url", "evidence_url", "evidence_url", N_ ("Evidence link") },
};

static const Choice helder_web_form_decision_choices[] = {
  { "go", N_ ("go") },
  { "nogo", N_ ("no go") },
  { "postponed", N_ ("postponed") },
};

static const FormField helder_web_form_gate_form_fields[] = {
  { "decision", "decision", "decision-go", N_ ("Decision") },
  { "rationale", "rationale", "rationale", N_ ("Rationale") },
  { "override_note", "override_note", "override_note", N_ ("Override note") },
};

static const Choice helder_web_form_change_status_choices[] = {
  { "draft", N_ ("draft") },         { "decided", N_ ("decided") },
  { "discussed", N_ ("discussed") }, { "accepted", N_ ("accepted") },
  { "objection", N_ ("objection") },
};

static const FormField helder_web_form_moment_form_fields[] = {
  { "title", "title", "title", N_ ("Title") },
  { "body", "body", "body", N_ ("Message") },
  { "phase", "phase", "phase", N_ ("Phase") },
  { "scheduled_at", "scheduled_at", "scheduled-date", N_ ("Scheduled for") },
  { "channels", "channels", "channels", N_ ("Channels") },
  { "groups", "audience", "audience", N_ ("Audience") },
  { "roles", "audience", "audience", N_ ("Audience") },
  { "statuses", "audience", "audience", N_ ("Audience") },
  { "persons", "persons", "persons", N_ ("Persons") },
  { "location", "location", "location", N_ ("Place") },
  { "online_url", "online_url", "online_url", N_ ("Online link") },
  { "duration_minutes", "duration_minutes", "duration_minutes", N_ ("Duration in minutes") },
  /* The form that adds a personal conversation (helder-web-slots.c). */
  { "person", "slot_person", "slot-person", N_ ("Person") },
  { "starts_at", "slot_starts", "slot-date", N_ ("Date and start") },
  { "ends_at", "slot_ends", "slot-end", N_ ("End") },
  { "with_whom", "slot_with", "slot-with", N_ ("With whom") },
  { "moment", "slot_person", "slot-person", N_ ("Meeting") },
};

/* The moment's page with @problem (helder-web-forms.c). */
void helder_web_form_respond_moment (HelderWebRequest *request,
                                     guint status,
                                     JsonObject *row,
                                     const GError *problem);
/* The moment form for a new version of @row (helder-web-forms.c). */
JsonObject *helder_web_form_moment_form_context (HelderWebRequest *request,
                                                 JsonObject *row,
                                                 GHashTable *typed,
                                                 const char *action,
                                                 const char *submit,
                                                 GError **error);
JsonObject *
helder_web_form_moment_form_values (HelderWebRequest *request, GHashTable *form, GError **error);

G_END_DECLS
