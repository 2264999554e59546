/* survey-rows.h — a survey's row and its audience as JSON (survey-rows.c)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

typedef struct
{
  const char *member;     /* "groups" */
  const char *table;      /* "survey_group" */
  const char *column;     /* "grp" */
  const char *exists_sql; /* whether ?1 names a row, or NULL */
} SurveyJoin;

extern const char *const survey_columns[];
extern const SurveyJoin survey_joins[];

JsonObject *survey_row_read (HelderStmt *stmt);
JsonObject *survey_row_query (HelderStore *store, const char *sql, gint64 id, GError **error);
JsonArray *survey_rows_query (HelderStore *store, const char *sql, gint64 id, GError **error);
gboolean survey_row_write (HelderStore *store, gint64 survey, JsonObject *fields, GError **error);
gboolean survey_joins_write (HelderStore *store, gint64 survey, JsonObject *fields, GError **error);
gboolean survey_joins_read (HelderStore *store, gint64 survey, JsonObject *row, GError **error);

G_END_DECLS
