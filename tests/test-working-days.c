/* test-working-days.c — counting in working days, against a day-by-day walk
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference asks about every single day: a weekday (GDate) and no
 * public holiday by name (helder_holidays_name()), the way a person would
 * count on a calendar. Over 2024–2031 (Easter between 24 March and 21
 * April, King's Day on a Sunday in 2025, New Year on a Saturday in 2028
 * and on a Friday in 2027) every start day is held against it.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include "helder-test-utils.h"
#include "helder.h"
#include "model/helder-holidays.h"

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
walk_is_working (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY &&
         helder_holidays_name (g_date_get_year (date), g_date_get_month (date),
                               g_date_get_day (date)) == NULL;
}

static void
test_examples (void)
{
  static const struct
  {
    const char *date;
    guint n;
    const char *expected;
  } cases[] = {
    { "2026-12-04", 0, "2026-12-04" }, /* a Friday, itself */
    { "2026-12-05", 0, "2026-12-05" }, /* a Saturday, itself too */
    { "2026-12-04", 1, "2026-12-07" }, /* Friday + 1: Monday */
    { "2026-12-05", 1, "2026-12-07" },
    { "2026-12-04", 10, "2026-12-18" },
    { "2026-12-24", 1, "2026-12-28" }, /* Christmas on a Friday */
    { "2026-12-31", 1, "2027-01-04" }, /* New Year's Day on a Friday */
    { "2026-04-02", 1, "2026-04-03" }, /* Good Friday works */
    { "2026-04-03", 1, "2026-04-07" }, /* Easter Monday 6 April */
    { "2026-04-24", 1, "2026-04-28" }, /* King's Day, Monday 27 April */
    { "2025-04-25", 1, "2025-04-28" }, /* 27 April a Sunday: the 26th, a Saturday */
    { "2026-05-13", 1, "2026-05-15" }, /* Ascension Day 14 May */
    { "2026-05-22", 1, "2026-05-26" }, /* Whit Monday 25 May */
    { "2026-05-04", 1, "2026-05-06" }, /* Liberation Day */
    { "2026-02-28", 1, "2026-03-02" },
    { "2028-02-28", 1, "2028-02-29" }, /* a leap day */
    { "9999-12-30", 1, "9999-12-31" },
    { "9999-12-31", 1, NULL }, /* no day after */
    { "9999-12-01", 100, NULL },
    { "2026-12-04", G_MAXUINT, NULL },
    { "2026-02-30", 1, NULL },
    { "04-12-2026", 1, NULL },
    { "", 1, NULL },
    { NULL, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = helder_working_days_add (cases[i].date, cases[i].n);
      g_test_message ("%s + %u", cases[i].date, cases[i].n);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
  g_assert_cmpuint (helder_working_days_between ("2026-12-04", "2026-12-07"), ==, 1);
  g_assert_cmpuint (helder_working_days_between ("2026-12-07", "2026-12-04"), ==, 0);
  g_assert_cmpuint (helder_working_days_between ("2026-12-04", "2026-12-04"), ==, 0);
  g_assert_cmpuint (helder_working_days_between ("2026-12-24", "2027-01-04"), ==, 5);
  g_assert_cmpuint (helder_working_days_between ("nonsense", "2027-01-04"), ==, 0);
  g_assert_cmpuint (helder_working_days_between ("2026-12-24", NULL), ==, 0);
  g_assert_true (helder_working_days_is_working ("2026-12-04"));
  g_assert_false (helder_working_days_is_working ("2026-12-05"));
  g_assert_false (helder_working_days_is_working ("2026-12-25"));
  g_assert_false (helder_working_days_is_working ("2026-13-01"));
}

/* Every start day of 2024–2031: add() for n up to 70 and between() for
 * every end day up to 100 days later (and some before) equal the walk. */
static void
test_brute_force (void)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2024);
  while (g_date_get_year (&start) < 2032)
    {
      g_autofree char *from = iso (&start);
      GDate day = start;
      guint count = 0;
      guint n = 0;

      g_assert_cmpint (helder_working_days_is_working (from), ==, walk_is_working (&start));
      {
        g_autofree char *same = helder_working_days_add (from, 0);
        g_assert_cmpstr (same, ==, from);
      }
      for (guint step = 1; step <= 100; step++)
        {
          g_autofree char *to = NULL;

          g_date_add_days (&day, 1);
          to = iso (&day);
          if (walk_is_working (&day))
            {
              count++;
              if (n < 70)
                {
                  g_autofree char *added = helder_working_days_add (from, ++n);
                  g_assert_cmpstr (added, ==, to);
                }
            }
          g_assert_cmpuint (helder_working_days_between (from, to), ==, count);
          if (step <= 7)
            g_assert_cmpuint (helder_working_days_between (to, from), ==, 0);
        }
      g_date_add_days (&start, 1);
    }
}

/* Over years the arithmetic holds too: the walk from 1990 to 2060. */
static void
test_long_spans (void)
{
  GDate day;
  guint count = 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 1, 1990);
  while (g_date_get_year (&day) < 2060)
    {
      g_date_add_days (&day, 1);
      if (walk_is_working (&day))
        {
          g_autofree char *to = iso (&day);

          count++;
          if (count % 97 == 0 || g_date_get_day (&day) <= 7)
            {
              g_autofree char *added = helder_working_days_add ("1990-01-01", count);
              g_assert_cmpstr (added, ==, to);
              g_assert_cmpuint (helder_working_days_between ("1990-01-01", to), ==, count);
            }
        }
    }
}

/* A year's list of holidays is exactly the days that have a name. */
static void
test_holidays_of_year (void)
{
  for (guint year = 1583; year <= 9999; year += (year < 2100 ? 1 : 37))
    {
      guint32 days[HELDER_HOLIDAYS_MAX_PER_YEAR];
      guint n = helder_holidays_of_year (year, days);
      guint named = 0;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, (GDateYear) year);
      for (; g_date_get_year (&date) == year; g_date_add_days (&date, 1))
        if (helder_holidays_name (year, g_date_get_month (&date), g_date_get_day (&date)))
          {
            g_assert_cmpuint (named, <, n);
            g_assert_cmpuint (days[named], ==, g_date_get_julian (&date));
            named++;
          }
      g_assert_cmpuint (named, ==, n);
    }
  {
    guint32 days[HELDER_HOLIDAYS_MAX_PER_YEAR];
    g_assert_cmpuint (helder_holidays_of_year (1582, days), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/working-days/examples", test_examples);
  g_test_add_func ("/working-days/brute-force", test_brute_force);
  g_test_add_func ("/working-days/long-spans", test_long_spans);
  g_test_add_func ("/working-days/holidays-of-year", test_holidays_of_year);
  return g_test_run ();
}
