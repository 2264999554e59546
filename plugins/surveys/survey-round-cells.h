/* survey-round-cells.h — a round's accumulated counts, and their JSON
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"
#include "survey-results.h"

G_BEGIN_DECLS

/* The answers of one cell: n responses, counts[i] of value first + i. */
typedef struct
{
  gint64 n;
  gint64 *counts;
} Acc;

typedef struct
{
  gint64 id;
  char *kind;
  char **options;
  guint n_values;
  int first;
  Acc *all;
  GHashTable *groups;   /* slug ("" for none) → Acc */
  GHashTable *statuses; /* status ("" for none) → Acc */
} Question;

Acc *acc_new (guint n_values);
void acc_free (gpointer data);

JsonObject *survey_round_head (HelderStore *store,
                               const SurveyRoundInfo *round,
                               gboolean running,
                               GError **error);
JsonObject *survey_question_cells (HelderStore *store,
                                   const SurveyRoundInfo *round,
                                   const Question *q,
                                   gboolean running,
                                   GError **error);

G_END_DECLS
