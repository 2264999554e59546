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

static const char *const whys[] = {
  [SURVEY_SUPPRESSED_FEW] = "few",
  [SURVEY_SUPPRESSED_COMPLEMENT] = "complement",
  [SURVEY_SUPPRESSED_RUNNING] = "running",
};

/* Why a cell is not shown, in the reader's language. */
static char *
reason_text (SurveySuppression state, guint threshold)
{
  switch (state)
    {
    case SURVEY_SUPPRESSED_RUNNING:
      return g_strdup_printf (_ ("fewer than %u answers so far"), threshold);
    case SURVEY_SUPPRESSED_COMPLEMENT:
      return g_strdup (_ ("hidden so that a hidden group cannot be worked out from the total"));
    case SURVEY_SUPPRESSED_FEW:
    case SURVEY_SHOWN:
    default:
      return g_strdup_printf (_ ("fewer than %u answers"), threshold);
    }
}

/* The mark keeps why ("few", "complement", "running") and the threshold
 * beside the reason in words, so that the results a closed round keeps
 * (survey_round.aggregate) are read in the reader's language, whoever
 * first read them (survey_suppress_translate). */
JsonObject *
survey_suppress_mark (SurveySuppression state, guint threshold)
{
  JsonObject *object = json_object_new ();
  g_autofree char *reason = reason_text (state, threshold);
  SurveySuppression why =
    state == SURVEY_SUPPRESSED_COMPLEMENT || state == SURVEY_SUPPRESSED_RUNNING
      ? state
      : SURVEY_SUPPRESSED_FEW;

  json_object_set_boolean_member (object, "suppressed", TRUE);
  json_object_set_string_member (object, "reason", reason);
  json_object_set_string_member (object, "why", whys[why]);
  json_object_set_int_member (object, "threshold", threshold);
  return object;
}

void
survey_suppress_translate (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        survey_suppress_translate (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *why = json_object_get_string_member_with_default (object, "why", NULL);
      g_autoptr (GList) members = NULL;

      if (why != NULL && json_object_get_boolean_member_with_default (object, "suppressed", FALSE))
        for (guint s = 0; s < G_N_ELEMENTS (whys); s++)
          if (whys[s] != NULL && g_str_equal (why, whys[s]))
            {
              g_autofree char *reason = reason_text (
                s, (guint) json_object_get_int_member_with_default (object, "threshold", 5));
              json_object_set_string_member (object, "reason", reason);
              break;
            }
      /* The cell of answers without a group or status kept its name too. */
      if (json_object_has_member (object, "name") &&
          ((json_object_has_member (object, "slug") &&
            json_object_get_null_member (object, "slug")) ||
           (json_object_has_member (object, "status") &&
            json_object_get_null_member (object, "status"))))
        json_object_set_string_member (object, "name", _ ("unknown or other"));
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        survey_suppress_translate (json_object_get_member (object, l->data));
    }
}

/* What the CSV says in place of a number. */
const char *
survey_suppress_word (void)
{
  return _ ("suppressed");
}
