/* survey-nouns.c — the surveys plugin's nouns and the personal data it keeps
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * survey, survey_question and survey_round as HelderEntity descriptors:
 * the platform makes `helder survey-question add|list|update|delete`,
 * `helder survey-round list|show`, the export and import and the audit
 * entries from them (the plugin's own `survey` command comes first, so
 * core makes no generic one). A survey's status changes only through
 * opening and closing; its questions are frozen once anyone could have
 * answered; its rounds are made by opening, never by hand. Who answered
 * a round is personal data: exported with the person, erased with them
 * (the answers stay: they are nobody's).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "survey-rows.h"
#include "surveys-private.h"

static const char *const survey_kinds[] = { "pulse",      "readiness", "experience",
                                            "evaluation", "custom",    NULL };
static const char *const survey_statuses[] = { "draft", "open", "closed", NULL };
static const char *const languages[] = { "nl", "en", NULL };
static const char *const change_statuses[] = { "draft",    "decided",   "discussed",
                                               "accepted", "objection", NULL };
static const char *const no_channels[] = { NULL };
static const char *const question_kinds[] = { "agree5", "scale10", "single", "multiple",
                                              "short",  "long",    NULL };
static const char *const round_statuses[] = { "planned",   "open",    "closed",
                                              "cancelled", "reduced", NULL };

#define KEY_ID                                                                                 \
  {                                                                                            \
    "id", HELDER_FIELD_INT,                                                                    \
      HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("id") \
  }
#define STAMPS                                                                  \
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") }, \
  {                                                                             \
    "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated")    \
  }

static const HelderField survey_fields[] = {
  KEY_ID,
  { "slug", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_UNIQUE | HELDER_FIELD_LIST,
    N_ ("slug"), .max_length = 64 },
  { "title", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("title") },
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("kind"), survey_kinds, .def = "custom" },
  { "template", HELDER_FIELD_TEXT, HELDER_FIELD_FIXED, N_ ("template") },
  { "language", HELDER_FIELD_ENUM, 0, N_ ("language"), languages, .def = "nl" },
  { "intro", HELDER_FIELD_MARKDOWN, 0, N_ ("introduction"), .def = "" },
  { "phase", HELDER_FIELD_REF, 0, N_ ("phase"), .ref = "phase" },
  { "threshold", HELDER_FIELD_INT, 0, N_ ("anonymity threshold"), .min = 5, .max = 1000,
    .def = "5" },
  { "opens_at", HELDER_FIELD_DATETIME, HELDER_FIELD_LIST, N_ ("opens") },
  { "closes_at", HELDER_FIELD_DATETIME, HELDER_FIELD_LIST, N_ ("closes") },
  { "repeat_days", HELDER_FIELD_INT, 0, N_ ("repeated every (days)"), .min = 7, .max = 366 },
  { "repeat_until", HELDER_FIELD_DATE, 0, N_ ("repeated until") },
  { "remind_days", HELDER_FIELD_INT, 0, N_ ("reminder (days before closing)"), .min = 0, .max = 60,
    .def = "2" },
  { "min_rate", HELDER_FIELD_INT, 0, N_ ("minimum response rate (%)"), .min = 0, .max = 100,
    .def = "30" },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_SYSTEM | HELDER_FIELD_LIST, N_ ("status"),
    survey_statuses },
  { "purpose", HELDER_FIELD_MARKDOWN, 0, N_ ("purpose"), .def = "" },
  { "legal_basis", HELDER_FIELD_TEXT, 0, N_ ("legal basis"), .def = "" },
  { "works_council", HELDER_FIELD_TEXT, 0, N_ ("works council"), .def = "" },
  { "works_council_on", HELDER_FIELD_DATE, 0, N_ ("works council agreed on") },
  { "retention_months", HELDER_FIELD_INT, 0, N_ ("retention (months)"), .min = 1, .max = 120 },
  STAMPS,
  { "groups", HELDER_FIELD_REFS, 0, N_ ("audience groups"), .ref = "group", .join = "survey_group",
    .join_owner = "survey", .join_value = "grp" },
  { "roles", HELDER_FIELD_REFS, 0, N_ ("audience roles"), .ref = "role", .join = "survey_role",
    .join_owner = "survey", .join_value = "role" },
  { "persons", HELDER_FIELD_REFS, 0, N_ ("audience persons"), .ref = "person",
    .join = "survey_person", .join_owner = "survey", .join_value = "person" },
  { "statuses", HELDER_FIELD_ENUMS, 0, N_ ("audience by role-change status"), change_statuses,
    .join = "survey_status", .join_owner = "survey", .join_value = "status" },
  { "channels", HELDER_FIELD_ENUMS, HELDER_FIELD_CHANNELS, N_ ("channels"), no_channels,
    .join = "survey_channel", .join_owner = "survey", .join_value = "channel" },
};

static const char *const governance_fields[] = {
  "purpose",    "legal_basis", "works_council", "works_council_on", "retention_months",
  "updated_at", NULL
};

/* Once a survey is no longer a draft (the API's PATCH, like `helder survey
 * update`), only its governance may change. */
static gboolean
only_governance_changed (JsonObject *old, JsonObject *row, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (row);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *before = json_object_get_member (old, l->data);

      if (g_strv_contains (governance_fields, l->data) || before == NULL ||
          json_node_equal (before, json_object_get_member (row, l->data)))
        continue;
      helder_error_set (error, HELDER_ERROR_CONFLICT, l->data,
                        _ ("%s: the survey is no longer a draft; only its governance (purpose, "
                           "legal basis, works council, retention) can still change"),
                        (const char *) l->data);
      return FALSE;
    }
  return TRUE;
}

static gboolean
survey_entity_check (const HelderEntity *entity,
                     gpointer store,
                     JsonObject *old,
                     JsonObject *row,
                     gboolean restore,
                     GError **error)
{
  if (restore)
    return TRUE;
  if (old != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (old, "status", "draft"), "draft") !=
        0 &&
      !only_governance_changed (old, row, error))
    return FALSE;
  return survey_check_fields (row, error);
}

static const HelderEntity survey_entity = {
  .name = "survey",
  .plural = "surveys",
  .table = "survey",
  .label = N_ ("survey"),
  .order_by = "id",
  .fields = survey_fields,
  .n_fields = G_N_ELEMENTS (survey_fields),
  .deletable = TRUE,
  .check = survey_entity_check,
  .owner = "surveys",
  .path = "surveys",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static const HelderField question_fields[] = {
  KEY_ID,
  { "survey", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("survey"), .ref = "survey" },
  { "position", HELDER_FIELD_INT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("position"),
    .min = 1, .max = 200 },
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("question kind"),
    question_kinds },
  { "text", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("question"),
    .max_length = 1000 },
  { "text_en", HELDER_FIELD_TEXT, 0, N_ ("question in English"), .max_length = 1000, .def = "" },
  { "options", HELDER_FIELD_MARKDOWN, 0, N_ ("options (one per line)"), .def = "" },
  { "options_en", HELDER_FIELD_MARKDOWN, 0, N_ ("options in English (one per line)"), .def = "" },
  { "required", HELDER_FIELD_INT, 0, N_ ("required (1) or not (0)"), .min = 0, .max = 1,
    .def = "0" },
  STAMPS,
  { "groups", HELDER_FIELD_REFS, 0, N_ ("only for groups"), .ref = "group",
    .join = "survey_question_group", .join_owner = "question", .join_value = "grp" },
  { "roles", HELDER_FIELD_REFS, 0, N_ ("only for roles"), .ref = "role",
    .join = "survey_question_role", .join_owner = "question", .join_value = "role" },
};

/* Whether anyone could have answered @survey: it has a round that is or
 * was open. */
static gboolean
survey_answerable (HelderStore *store, gint64 survey, gboolean *answerable, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT EXISTS (SELECT 1 FROM survey_round WHERE survey = ?1"
    " AND (status IN ('open', 'closed', 'reduced') OR (status = 'planned' AND opens_at <= ?2)))",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *answerable = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
question_check (const HelderEntity *entity,
                gpointer store,
                JsonObject *old,
                JsonObject *row,
                gboolean restore,
                GError **error)
{
  gboolean answerable = FALSE;
  const char *kind = json_object_get_string_member (row, "kind");
  const char *options = json_object_get_string_member_with_default (row, "options", "");

  if (restore)
    return TRUE;
  if (!survey_answerable (store, json_object_get_int_member (row, "survey"), &answerable, error))
    return FALSE;
  if (answerable)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "survey",
                        _ ("survey: its questions can no longer change, because people could "
                           "already answer it"));
      return FALSE;
    }
  if ((g_str_equal (kind, "single") || g_str_equal (kind, "multiple")) &&
      strchr (options != NULL ? options : "", '\n') == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "options",
                        _ ("options: a %s question needs at least two options, one per line"),
                        kind);
      return FALSE;
    }
  return TRUE;
}

static const HelderEntity question_entity = {
  .name = "survey_question",
  .plural = "survey_questions",
  .table = "survey_question",
  .label = N_ ("survey question"),
  .order_by = "survey, position",
  .fields = question_fields,
  .n_fields = G_N_ELEMENTS (question_fields),
  .deletable = TRUE,
  .check = question_check,
  .owner = "surveys",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static const HelderField round_fields[] = {
  KEY_ID,
  { "survey", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("survey"), .ref = "survey" },
  { "number", HELDER_FIELD_INT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("round"), .min = 1,
    .max = 10000 },
  { "opens_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("opens") },
  { "closes_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("closes") },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), round_statuses,
    .def = "planned" },
  { "invitation", HELDER_FIELD_REF, 0, N_ ("invitation"), .ref = "moment" },
  { "reminder", HELDER_FIELD_REF, 0, N_ ("reminder"), .ref = "moment" },
  { "followup", HELDER_FIELD_REF, 0, N_ ("follow-up"), .ref = "moment" },
  { "aggregate", HELDER_FIELD_MARKDOWN, 0, N_ ("published results"), .max_length = 4000000 },
  { "reduced_at", HELDER_FIELD_DATETIME, 0, N_ ("reduced") },
  STAMPS,
};

static gboolean
round_check (const HelderEntity *entity,
             gpointer store,
             JsonObject *old,
             JsonObject *row,
             gboolean restore,
             GError **error)
{
  if (restore)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_PERMISSION, "survey_round",
                    _ ("survey rounds are made by `helder survey open` and follow the clock; "
                       "they are not changed by hand"));
  return FALSE;
}

static const HelderEntity round_entity = {
  .name = "survey_round",
  .plural = "survey_rounds",
  .table = "survey_round",
  .label = N_ ("survey round"),
  .order_by = "survey, number",
  .fields = round_fields,
  .n_fields = G_N_ELEMENTS (round_fields),
  .deletable = FALSE,
  .check = round_check,
  .owner = "surveys",
  .read_roles = HELDER_ROLE_ADVISOR,
  /* The advisor holds the write permission (every route's permission is
   * someone's), but round_check refuses every write but an import's. */
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static gboolean
answered_export (HelderStore *store,
                 gint64 person,
                 JsonObject *into,
                 gpointer user_data,
                 GError **error)
{
  g_autoptr (JsonArray) rows =
    survey_rows_query (store,
                       "SELECT s.slug AS survey, s.title, r.number AS round FROM survey_answered a"
                       " JOIN survey_round r ON r.id = a.round JOIN survey s ON s.id = r.survey"
                       " WHERE a.person = ?1 ORDER BY s.id, r.number",
                       person, error);

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (into, "survey_answered", g_steal_pointer (&rows));
  return TRUE;
}

static gboolean
answered_erase (HelderStore *store, gint64 person, gpointer user_data, GError **error)
{
  g_autoptr (HelderStmt) answered =
    helder_store_prepare (store, "DELETE FROM survey_answered WHERE person = ?1", error);
  g_autoptr (HelderStmt) audience = NULL;

  if (answered == NULL)
    return FALSE;
  sqlite3_bind_int64 (answered, 1, person);
  if (!helder_store_step_done (store, answered, error))
    return FALSE;
  audience = helder_store_prepare (store, "DELETE FROM survey_person WHERE person = ?1", error);
  if (audience == NULL)
    return FALSE;
  sqlite3_bind_int64 (audience, 1, person);
  return helder_store_step_done (store, audience, error);
}

static const HelderPersonData answered_data = {
  .name = "survey_answered",
  .export = answered_export,
  .erase = answered_erase,
};

void
surveys_define_load (HelderContext *context)
{
  const HelderEntity *entities[] = { &survey_entity, &question_entity, &round_entity };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!helder_context_add_entity (context, entities[i], &error))
        g_warning ("surveys: %s", error->message);
    }
  helder_context_add_person_data (context, &answered_data);
  survey_cli_register (context);
}
