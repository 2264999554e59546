/* test-interview-when.c — typed dates and times, and 20,000 mutations of them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interview_parse_when() in-process: the forms people type (Dutch and
 * English), in the programme's zone whatever TZ says; the night the
 * clocks change; and seeds cut, spliced, flipped and filled with random
 * bytes: each input is parsed or refused (with a message naming the
 * option), never both, never a crash — also under ASan.
 */
#include "config.h"

#include <string.h>

#include "interview-private.h"
#include "helder-test-utils.h"

static const char *const good[][2] = {
  { "15-12-2026 10:00", "2026-12-15T09:00:00Z" },
  { "15/12/2026 9.30", "2026-12-15T08:30:00Z" },
  { "15.12.2026 10u", "2026-12-15T09:00:00Z" },
  { "15 december 2026 om 10:00", "2026-12-15T09:00:00Z" },
  { "15 Dec. 2026 10u30", "2026-12-15T09:30:00Z" },
  { "1 mrt 2027, 8:05", "2027-03-01T07:05:00Z" },
  { "1 march 2027 at 08:05", "2027-03-01T07:05:00Z" },
  { "2026-12-15 10:00", "2026-12-15T09:00:00Z" },
  { "2026-12-15T10:00", "2026-12-15T09:00:00Z" },
  { "15-6-2027 10:00", "2027-06-15T08:00:00Z" },
  { "2026-12-15T10:00:00Z", "2026-12-15T10:00:00Z" },
  { "2027-10-31 02:30+02:00", "2027-10-31T00:30:00Z" },
  { "2027-10-31T02:30+01:00", "2027-10-31T01:30:00Z" },
};

static const char *const bad[] = {
  "",
  "morgen",
  "15-12-2026",
  "10:00",
  "31-02-2026 10:00",
  "15-12-2026 24:00",
  "15-12-2026 10:60",
  "15-13-2026 10:00",
  "15 decembre 2026 10:00",
  "2026-12-15 10",
  "28-03-2027 02:30",
  "31-10-2027 02:30",
  "15-12-26 10:00",
  "15--12-2026 10:00",
  "15-12-2026 10:00:00:00",
  "0-12-2026 10:00",
  "15-12-0000 10:00",
};

static void
test_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *utc = interview_parse_when ("--at", good[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (utc, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *utc = interview_parse_when ("--at", bad[i], &error);

      if (utc != NULL)
        g_error ("“%s” was read as %s", bad[i], utc);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "--at: "));
    }
}

static char *
mutate (GRand *rand, const char *a, const char *b)
{
  GString *out = g_string_new (NULL);
  gsize la = strlen (a), lb = strlen (b);

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0: /* splice */
      g_string_append_len (out, a, g_rand_int_range (rand, 0, la + 1));
      g_string_append (out, b + g_rand_int_range (rand, 0, lb + 1));
      break;
    case 1: /* flip bytes */
      g_string_append (out, a);
      for (int n = g_rand_int_range (rand, 1, 4); n > 0 && out->len > 0; n--)
        out->str[g_rand_int_range (rand, 0, out->len)] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 2: /* random bytes */
      for (int n = g_rand_int_range (rand, 0, 40); n > 0; n--)
        g_string_append_c (out, (char) g_rand_int_range (rand, 1, 256));
      break;
    case 3: /* digits and separators */
      for (int n = g_rand_int_range (rand, 0, 30); n > 0; n--)
        g_string_append_c (out, "0123456789-/.: TZ+u"[g_rand_int_range (rand, 0, 19)]);
      break;
    default: /* cut */
      g_string_append_len (out, a, g_rand_int_range (rand, 0, la + 1));
      break;
    }
  return g_string_free (out, FALSE);
}

static void
test_mutations (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261204);
  guint parsed = 0;

  for (guint i = 0; i < 20000; i++)
    {
      const char *a = good[g_rand_int_range (rand, 0, G_N_ELEMENTS (good))][0];
      const char *b = i % 2 ? bad[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad))]
                            : good[g_rand_int_range (rand, 0, G_N_ELEMENTS (good))][0];
      g_autofree char *input = mutate (rand, a, b);
      g_autoptr (GError) error = NULL;
      g_autofree char *utc = interview_parse_when ("--at", input, &error);

      g_assert_true ((utc == NULL) != (error == NULL));
      if (utc != NULL)
        {
          g_autoptr (GDateTime) instant = g_date_time_new_from_iso8601 (utc, NULL);

          if (instant == NULL)
            g_error ("“%s” → %s", input, utc);
          g_assert_true (g_str_has_suffix (utc, "Z"));
          parsed++;
        }
      else
        g_assert_true (g_str_has_prefix (error->message, "--at: "));
    }
  g_assert_cmpuint (parsed, >, 100);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add_func ("/interview/when/forms", test_forms);
  g_test_add_func ("/interview/when/mutations", test_mutations);
  return g_test_run ();
}
