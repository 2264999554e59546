/* survey-suppress.c — the one suppression service of the surveys plugin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: no number shown derives from fewer than k answers
 * (k = survey.threshold, never below 5), also not by subtraction.
 *
 * A cell is (round, question, dimension, value); its count n is the
 * number of responses to that question in it. Within a dimension (group
 * or role-change status) the cells partition the total: responses without
 * a group or status form a cell of their own ("unknown"), so that the sum
 * of every cell is the total.
 *
 * Primary suppression: a cell with n < k shows nothing, not its count,
 * not its distribution, not its average: it is marked suppressed, not
 * rounded.
 *
 * Complementary suppression: when the total is published, a reader can
 * compute total − Σ published = Σ suppressed. That sum must therefore be
 * 0 or at least k. While it lies in 1…k−1, the smallest published cell
 * that has answers is suppressed too, and again, until it holds (it ends:
 * with every cell suppressed the sum is the total, which is only
 * published when ≥ k).
 *
 * Distributions: a published cell (n ≥ k) shows its counts per value,
 * small ones included (one "strongly disagree" among twenty is not a
 * person). Subtracting the published cells' distributions from the
 * total's yields the distribution of the suppressed cells taken
 * together, and by the rule above those are 0 or at least k responses:
 * the same guarantee as any published cell. Averages and the index are
 * functions of a distribution and inherit it. Different questions are
 * suppressed independently, each over its own answers; the round's own
 * response counts per group and status are a dimension too.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-suppress.h"

SurveySuppression
survey_suppress_count (gint64 n, guint threshold, gboolean running)
{
  if (n >= MAX (threshold, 5))
    return SURVEY_SHOWN;
  return running ? SURVEY_SUPPRESSED_RUNNING : SURVEY_SUPPRESSED_FEW;
}

static gint64
suppressed_sum (const SurveyCell *cells, guint n_cells)
{
  gint64 sum = 0;

  for (guint i = 0; i < n_cells; i++)
    if (cells[i].state != SURVEY_SHOWN)
      sum += cells[i].n;
  return sum;
}

/* The published cell with the fewest answers (but some), or -1. */
static int
smallest_published (const SurveyCell *cells, guint n_cells)
{
  int best = -1;

  for (guint i = 0; i < n_cells; i++)
    if (cells[i].state == SURVEY_SHOWN && cells[i].n > 0 &&
        (best < 0 || cells[i].n < cells[best].n))
      best = (int) i;
  return best;
}

void
survey_suppress_cells (SurveyCell *cells,
                       guint n_cells,
                       gboolean total_published,
                       guint threshold,
                       gboolean running)
{
  guint k = MAX (threshold, 5);

  for (guint i = 0; i < n_cells; i++)
    cells[i].state = survey_suppress_count (cells[i].n, k, running);
  if (!total_published)
    return;
  for (;;)
    {
      gint64 sum = suppressed_sum (cells, n_cells);
      int next;

      if (sum == 0 || sum >= k)
        return;
      next = smallest_published (cells, n_cells);
      if (next < 0)
        return;
      cells[next].state = SURVEY_SUPPRESSED_COMPLEMENT;
    }
}

gboolean
survey_suppress_comments_shown (gint64 n, guint threshold)
{
  return n >= MAX (MAX (threshold, 5), SURVEY_COMMENTS_MIN);
}

JsonObject *
survey_suppress_mark (SurveySuppression state, guint threshold)
{
  JsonObject *object = json_object_new ();
  g_autofree char *reason = NULL;

  switch (state)
    {
    case SURVEY_SUPPRESSED_RUNNING:
      reason = g_strdup_printf (_ ("fewer than %u answers so far"), threshold);
      break;
    case SURVEY_SUPPRESSED_COMPLEMENT:
      reason = g_strdup (_ ("hidden so that a hidden group cannot be worked out from the total"));
      break;
    case SURVEY_SUPPRESSED_FEW:
    case SURVEY_SHOWN:
    default:
      reason = g_strdup_printf (_ ("fewer than %u answers"), threshold);
      break;
    }
  json_object_set_boolean_member (object, "suppressed", TRUE);
  json_object_set_string_member (object, "reason", reason);
  return object;
}

/* What the CSV says in place of a number. */
const char *
survey_suppress_word (void)
{
  return _ ("suppressed");
}
