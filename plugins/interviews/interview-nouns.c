/* interview-nouns.c — the listening part's nouns, personal data and setting
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interview, concern_theme and concern (with its groups, the join table
 * concern_group) as HelderEntity descriptors: the platform gives them API
 * collections (/api/v1/interviews, /api/v1/concern-themes,
 * /api/v1/concerns), export and import, and erasure. Interviews and
 * concerns change only through their services (planning makes a meeting,
 * a concern keeps nobody unless named), so the generic writes are refused
 * but an import's. Erasing a person: as interviewee the interview stays
 * with person_erased set (the hook below, before the descriptor's
 * anonymising), as interviewer the reference goes, and a named concern
 * stays (it still counts) without them.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "interview-private.h"
#include "interviews-private.h"

static const char *const kinds[] = { "internal-admin", "supplier", "chain-partner",
                                     "process-owner",  "employee", NULL };
static const char *const areas[] = { "", "tab", "fab", "ia", "geo", "bi", NULL };
static const char *const interview_statuses[] = { "planned", "recorded", "cancelled", NULL };
static const char *const vias[] = { "interview", "conversation", "personal-page", NULL };
static const char *const concern_statuses[] = { "open", "answered", "withdrawn", NULL };

#define KEY_ID                                                                                 \
  {                                                                                            \
    "id", HELDER_FIELD_INT,                                                                    \
      HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("id") \
  }

static const HelderField interview_fields[] = {
  KEY_ID,
  { "slug", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_UNIQUE | HELDER_FIELD_LIST,
    N_ ("slug"), .max_length = 64 },
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("kind"), kinds },
  { "title", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("title") },
  { "person", HELDER_FIELD_REF, 0, N_ ("interviewee"), .ref = "person" },
  { "organisation", HELDER_FIELD_TEXT, 0, N_ ("organisation"), .def = "" },
  { "person_erased", HELDER_FIELD_INT, 0, N_ ("interviewee erased"), .min = 0, .max = 1,
    .def = "0" },
  { "interviewer", HELDER_FIELD_REF, 0, N_ ("interviewer"), .ref = "person" },
  { "area", HELDER_FIELD_ENUM, 0, N_ ("area"), areas, .def = "" },
  { "planned_at", HELDER_FIELD_DATETIME, HELDER_FIELD_LIST, N_ ("planned at") },
  { "duration_minutes", HELDER_FIELD_INT, 0, N_ ("duration (minutes)"), .min = 5, .max = 600,
    .def = "60" },
  { "location", HELDER_FIELD_TEXT, 0, N_ ("location"), .def = "" },
  { "online_url", HELDER_FIELD_TEXT, 0, N_ ("online link"), .def = "" },
  { "moment", HELDER_FIELD_REF, 0, N_ ("meeting moment"), .ref = "moment" },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), interview_statuses,
    .def = "planned" },
  { "answers", HELDER_FIELD_MARKDOWN, 0, N_ ("answers"), .max_length = 4000000, .def = "{}" },
  { "notes", HELDER_FIELD_MARKDOWN, 0, N_ ("notes"), .max_length = 4000000, .def = "" },
  { "recorded_at", HELDER_FIELD_DATETIME, 0, N_ ("recorded") },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated") },
};

/* Only an import writes these rows through the descriptor. */
static gboolean
service_only (const HelderEntity *entity,
              gpointer store,
              JsonObject *old,
              JsonObject *row,
              gboolean restore,
              GError **error)
{
  if (restore)
    return TRUE;
  if (g_str_equal (entity->name, "interview"))
    helder_error_set (error, HELDER_ERROR_PERMISSION, "interview",
                      _ ("interviews change through `helder interview plan|update|cancel|record`, "
                         "so that their meeting follows"));
  else
    helder_error_set (error, HELDER_ERROR_PERMISSION, "concern",
                      _ ("concerns change through `helder concern raise|answer|withdraw`, so that "
                         "an anonymous one keeps nobody"));
  return FALSE;
}

static const HelderEntity interview_entity = {
  .name = "interview",
  .plural = "interviews",
  .table = "interview",
  .label = N_ ("interview"),
  .order_by = "id",
  .fields = interview_fields,
  .n_fields = G_N_ELEMENTS (interview_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .path = "interviews",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
  .person_field = "person",
  .erase = HELDER_ERASE_ANONYMISE,
};

static const HelderField theme_fields[] = {
  KEY_ID,
  { "slug", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_UNIQUE | HELDER_FIELD_LIST,
    N_ ("slug"), .max_length = 40 },
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name"),
    .max_length = 100 },
  { "name_en", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("name in English"), .max_length = 100,
    .def = "" },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") },
};

static const HelderEntity theme_entity = {
  .name = "concern_theme",
  .plural = "concern_themes",
  .table = "concern_theme",
  .label = N_ ("theme of concerns"),
  .order_by = "id",
  .fields = theme_fields,
  .n_fields = G_N_ELEMENTS (theme_fields),
  .deletable = TRUE,
  .owner = INTERVIEWS_COMPONENT,
  .path = "concern-themes",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static const HelderField concern_fields[] = {
  KEY_ID,
  { "text", HELDER_FIELD_MARKDOWN, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("concern"),
    .max_length = 4000 },
  { "theme", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("theme"), .ref = "concern_theme" },
  { "named", HELDER_FIELD_INT, 0, N_ ("named"), .min = 0, .max = 1, .def = "0" },
  { "person", HELDER_FIELD_REF, 0, N_ ("raised by"), .ref = "person" },
  { "via", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED, N_ ("raised via"), vias },
  { "interview", HELDER_FIELD_REF, 0, N_ ("interview"), .ref = "interview" },
  { "raised_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("raised on") },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), concern_statuses,
    .def = "open" },
  { "answer", HELDER_FIELD_MARKDOWN, 0, N_ ("answer"), .max_length = 20000, .def = "" },
  { "answer_moment", HELDER_FIELD_REF, 0, N_ ("answered by moment"), .ref = "moment" },
  { "answer_commitment", HELDER_FIELD_REF, 0, N_ ("answered by commitment"), .ref = "commitment" },
  { "answered_on", HELDER_FIELD_DATE, 0, N_ ("answered on") },
  { "published", HELDER_FIELD_INT, 0, N_ ("published"), .min = 0, .max = 1, .def = "0" },
  { "public_question", HELDER_FIELD_TEXT, 0, N_ ("public question"), .max_length = 1000,
    .def = "" },
  { "groups", HELDER_FIELD_REFS, 0, N_ ("groups"), .ref = "group", .join = "concern_group",
    .join_owner = "concern", .join_value = "grp" },
};

static const HelderEntity concern_entity = {
  .name = "concern",
  .plural = "concerns",
  .table = "concern",
  .label = N_ ("concern"),
  .order_by = "id",
  .fields = concern_fields,
  .n_fields = G_N_ELEMENTS (concern_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .path = "concerns",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
  .person_field = "person",
  .erase = HELDER_ERASE_ANONYMISE,
};

/* The descriptors export what is about the person; nothing more to add. */
static gboolean
interviewee_export (HelderStore *store,
                    gint64 person,
                    JsonObject *into,
                    gpointer user_data,
                    GError **error)
{
  return TRUE;
}

/* Before the descriptor empties interview.person: remember that there was
 * an interviewee, now erased. */
static gboolean
interviewee_erase (HelderStore *store, gint64 person, gpointer user_data, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "UPDATE interview SET person = NULL, person_erased = 1 WHERE person = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  return helder_store_step_done (store, stmt, error);
}

static const HelderPersonData interviewee_data = {
  .name = "interviewee",
  .export = interviewee_export,
  .erase = interviewee_erase,
};

static gboolean
check_late_days (const char *value, GError **error)
{
  return helder_setting_check_uint (value, 1, 60, error);
}

static const HelderSetting late_setting = {
  .name = CONCERNS_LATE_SETTING,
  .summary = N_ ("Working days after which an unanswered concern is late (1–60)"),
  .default_value =
    G_STRINGIFY (CONCERNS_LATE_DEFAULT), .check = check_late_days, .owner = INTERVIEWS_COMPONENT,
  };

void
interview_nouns_register (HelderContext *context)
{
  const HelderEntity *entities[] = { &interview_entity, &theme_entity, &concern_entity };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!helder_context_add_entity (context, entities[i], &error))
        g_warning ("interviews: %s", error->message);
    }
  helder_context_add_person_data (context, &interviewee_data);
  helder_context_add_setting (context, &late_setting);
}
