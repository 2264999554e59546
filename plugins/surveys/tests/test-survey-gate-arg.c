/* test-survey-gate-arg.c — the gate measure's argument, on any bytes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * survey_gate_arg_parse() splits "survey=pulse question=5 stat=average
 * min=6" by hand. A fuzz run of its own (the project's libFuzzer targets
 * link core only): from seeds of good and bad arguments, 200,000 inputs
 * made by a seeded generator — seeds cut, spliced, bytes flipped and
 * inserted, and random bytes — each must be parsed or refused with an
 * error (never both, never neither), never crash or leak (the test also
 * runs under ASan), and what is accepted must hold every required part
 * and parse again to the same.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "survey-gate.h"

static const char *const seeds[] = {
  "survey=pulse question=5 stat=average min=6",
  "survey=pulse question=1 stat=share option=1 min=80 group=key-users round=last",
  "survey=7 question=2 stat=index min=-20 round=3",
  "survey=pulse  question=5\tstat=average min=3,5",
  "survey=pulse question=5 stat=average min=6 min=7",
  "survey= question=x stat=mean min=",
  "=pulse question==5 stat=share",
  "survey=pulse question=5 stat=share min=1e308 option=0",
  "survey=pulse question=99999999999999999999 stat=average min=nan",
  "",
};

static char *
mutate (GRand *rand)
{
  const char *seed = seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))];
  GString *s = g_string_new (seed);
  guint edits = g_rand_int_range (rand, 0, 6);

  if (g_rand_int_range (rand, 0, 10) == 0)
    {
      g_string_truncate (s, 0);
      for (guint n = g_rand_int_range (rand, 0, 64); n > 0; n--)
        g_string_append_c (s, (char) g_rand_int_range (rand, 1, 256));
      return g_string_free (s, FALSE);
    }
  for (guint e = 0; e < edits; e++)
    {
      gsize at = s->len > 0 ? g_rand_int_range (rand, 0, s->len) : 0;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          if (s->len > 0)
            s->str[at] = (char) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          g_string_insert_c (
            s, at, " =,.-0123456789abcdefghijklmnopqrstuvwxyz\t"[g_rand_int_range (rand, 0, 42)]);
          break;
        case 2:
          if (s->len > 0)
            {
              gsize cut = g_rand_int_range (rand, 1, 8);

              g_string_erase (s, at, MIN (cut, s->len - at));
            }
          break;
        case 3:
          g_string_insert (s, at, seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);
          break;
        default:
          g_string_truncate (s, at);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

static void
test_any_bytes (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (13);
  guint accepted = 0;

  for (guint i = 0; i < 200000; i++)
    {
      g_autofree char *text = mutate (rand);
      g_autoptr (GError) error = NULL;
      SurveyGateArg arg;
      gboolean ok = survey_gate_arg_parse (text, &arg, &error);

      g_assert_true (ok == (error == NULL));
      if (!ok)
        {
          g_assert_nonnull (error->message);
          continue;
        }
      accepted++;
      g_assert_nonnull (arg.survey);
      g_assert_nonnull (arg.stat);
      g_assert_cmpuint (arg.question, >=, 1);
      g_assert_true (arg.has_min);
      g_assert_true (g_str_equal (arg.stat, "share") == (arg.option != 0));
      survey_gate_arg_clear (&arg);
    }
  /* The generator reaches the accepting side, not only refusals. */
  g_assert_cmpuint (accepted, >, 1000);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/survey-gate-arg/any-bytes", test_any_bytes);
  return g_test_run ();
}
