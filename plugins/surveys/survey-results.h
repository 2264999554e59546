/* survey-results.h — results of a survey with the anonymity rules applied
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* json-glib 1.6 has no _take_string_member nor _with_default for arrays
 * and objects. */
static inline void
survey_json_take_string (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static inline JsonArray *
survey_json_array (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
survey_json_object (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The results document of @survey (its id): every round's counts and rate,
 * for round @round_number (0: the latest that has opened) every question's
 * cells overall, per group and per role-change status, comments, and the
 * trend across rounds; suppressed as survey-suppress.c says. Closed rounds
 * keep their results in survey_round.aggregate (written here once). */
JsonObject *survey_results (HelderStore *store, gint64 survey, guint round_number, GError **error);
/* The same results as CSV (RFC 4180), one row per round, question,
 * dimension, cell and statistic; suppressed cells say so, with no number. */
char *survey_results_csv (HelderStore *store, gint64 survey, guint round_number, GError **error);

/* survey-round-compute.c: one round's results from its raw answers. */
typedef struct
{
  gint64 id;
  guint number;
  const char *status; /* planned, open, closed, cancelled, reduced: by the clock */
  const char *opens_at;
  const char *closes_at;
  guint threshold;
} SurveyRoundInfo;

JsonObject *survey_round_compute (HelderStore *store,
                                  gint64 survey,
                                  const SurveyRoundInfo *round,
                                  GError **error);
/* A round's status by the clock @now (UTC, ISO 8601). */
const char *survey_round_status_at (const char *stored,
                                    const char *opens_at,
                                    const char *closes_at,
                                    const char *now);

/* survey-followup-note.c: the chosen round's follow-up moment as the
 * results' member "followup" (null when it has none). */
gboolean
survey_followup_note (HelderStore *store, JsonObject *results, gint64 round, GError **error);

/* survey-csv.c: one RFC 4180 field appended to @out. */
void survey_csv_field (GString *out, const char *field, gboolean last);
char *survey_results_to_csv (JsonObject *results);

/* survey-retention.c: rounds whose retention ended are reduced to their
 * published aggregate; returns how many. */
gboolean survey_retention_run (HelderStore *store,
                               GDateTime *now,
                               const HelderAuditActor *actor,
                               guint *reduced,
                               GError **error);

G_END_DECLS
