/* bench-survey-results.c — results with every breakdown over 10,000 responses
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 12-question pulse (ten 1–5 agreements, a 0–10 trust score and a single
 * choice) answered by 10,000 people in 10 groups × 5 role-change statuses;
 * times survey_results() on the open round (computed from the answers each
 * time), best and median of 11 runs. Target (issue 13): under 50 ms.
 * Prints one figure a line, like tests/bench/bench-core.
 */
#include "config.h"

#include "helder-test-utils.h"
#include "survey-results-fixture.h"
#include "survey-results.h"

#define RESPONSES 10000
#define RUNS      11

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  SurveyFixture f = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  double times[RUNS];
  gint64 survey, round;

  if (g_getenv ("HELDER_PLUGIN_PATH") == NULL)
    g_setenv ("HELDER_PLUGIN_PATH", PLUGINS_BUILDDIR, TRUE);
  helder_test_init (&argc, &argv);
  survey_fixture_open (&f);
  survey = survey_fixture_survey (&f, "pulse", 5, 0);
  for (int i = 1; i <= 10; i++)
    survey_fixture_question (&f, survey, i, "agree5", NULL);
  survey_fixture_question (&f, survey, 11, "scale10", NULL);
  survey_fixture_question (&f, survey, 12, "single", "Ja\nNee\nWeet niet");
  round = survey_fixture_round (&f, survey, 1, "2026-12-01T08:00:00Z", "2026-12-20T17:00:00Z");
  survey_fixture_population (&f, round, "all", "", 12000);
  survey_fixture_generate (&f, rand, survey, round, RESPONSES, 10, 5);

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (JsonObject) doc = survey_results (f.store, survey, 0, &error);

      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  g_print ("survey results, %d responses x 12 questions, 10 groups x 5 statuses: "
           "best %.1f ms, median %.1f ms (target < 50 ms)\n",
           RESPONSES, times[0], times[RUNS / 2]);
  survey_fixture_close (&f);
  return 0;
}
