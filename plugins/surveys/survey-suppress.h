/* survey-suppress.h — the one suppression service of the surveys plugin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that shows a number about answers (the CLI, pages, API, CSV,
 * digest, gate measures) decides through these functions whether it may.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Free-text comments need at least this many answers in their cell. */
#define SURVEY_COMMENTS_MIN 10

typedef enum
{
  SURVEY_SHOWN = 0,
  SURVEY_SUPPRESSED_FEW,        /* n < k */
  SURVEY_SUPPRESSED_COMPLEMENT, /* would let a reader subtract a suppressed cell */
  SURVEY_SUPPRESSED_RUNNING,    /* the round is open and n < k so far */
} SurveySuppression;

/* One cell of a dimension: the cells of a dimension partition its total. */
typedef struct
{
  gint64 n;
  SurveySuppression state;
} SurveyCell;

/* Primary suppression: whether a cell of @n answers may be shown. */
SurveySuppression survey_suppress_count (gint64 n, guint threshold, gboolean running);
/* Primary and complementary suppression of the cells of one dimension
 * whose total is published (pass total_published = FALSE when it is not:
 * then only primary suppression applies). */
void survey_suppress_cells (SurveyCell *cells,
                            guint n_cells,
                            gboolean total_published,
                            guint threshold,
                            gboolean running);
/* Comments of a cell of @n answers may be shown. */
gboolean survey_suppress_comments_shown (gint64 n, guint threshold);
/* {"suppressed": true, "reason": "…"}, the reason in the reader's language. */
JsonObject *survey_suppress_mark (SurveySuppression state, guint threshold);
/* Every mark in @node (a results document) says its reason again, in the
 * language of now. */
void survey_suppress_translate (JsonNode *node);
const char *survey_suppress_word (void);

G_END_DECLS
