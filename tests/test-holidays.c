/* test-holidays.c — Easter, twice, and the Dutch public holidays
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "helder-test-utils.h"
#include "model/helder-holidays.h"

/* Easter Sunday as published (including the years in which Gauss's
 * method needs its exceptions: 1981 and 2076 on 19 April, 1954 and 2049
 * on 18 April; and the earliest and latest dates, 22 March and 25 April). */
static const struct
{
  guint year, month, day;
} known[] = {
  { 1900, 4, 15 }, { 1943, 4, 25 }, { 1954, 4, 18 }, { 1961, 4, 2 },  { 1981, 4, 19 },
  { 2000, 4, 23 }, { 2008, 3, 23 }, { 2011, 4, 24 }, { 2016, 3, 27 }, { 2019, 4, 21 },
  { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 },  { 2027, 3, 28 }, { 2038, 4, 25 },
  { 2049, 4, 18 }, { 2076, 4, 19 }, { 2100, 3, 28 }, { 2285, 3, 22 },
};

static void
test_known_easters (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      guint m1 = 0, d1 = 0, m2 = 0, d2 = 0;

      g_test_message ("Easter %u", known[i].year);
      g_assert_true (helder_holidays_easter (known[i].year, &m1, &d1));
      g_assert_true (helder_holidays_easter_gauss (known[i].year, &m2, &d2));
      g_assert_cmpuint (m1, ==, known[i].month);
      g_assert_cmpuint (d1, ==, known[i].day);
      g_assert_cmpuint (m2, ==, known[i].month);
      g_assert_cmpuint (d2, ==, known[i].day);
    }
}

/* The two methods agree every year, each Easter is a Sunday between 22
 * March and 25 April. */
static void
test_methods_agree (void)
{
  for (guint year = 1900; year <= 2300; year++)
    {
      guint m1 = 0, d1 = 0, m2 = 0, d2 = 0;
      GDate date;

      g_assert_true (helder_holidays_easter (year, &m1, &d1));
      g_assert_true (helder_holidays_easter_gauss (year, &m2, &d2));
      if (m1 != m2 || d1 != d2)
        g_error ("%u: %u-%u and %u-%u", year, m1, d1, m2, d2);
      g_assert_true ((m1 == 3 && d1 >= 22) || (m1 == 4 && d1 <= 25));
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) d1, (GDateMonth) m1, (GDateYear) year);
      g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_SUNDAY);
    }
  g_assert_false (helder_holidays_easter (1582, &(guint){ 0 }, &(guint){ 0 }));
  g_assert_false (helder_holidays_easter_gauss (10000, &(guint){ 0 }, &(guint){ 0 }));
}

static void
test_holidays (void)
{
  static const struct
  {
    guint year, month, day;
    const char *name; /* NULL: a working day */
  } days[] = {
    { 2026, 1, 1, "New Year's Day" },
    { 2026, 4, 3, NULL }, /* Good Friday: no general day off */
    { 2026, 4, 5, "Easter Sunday" },
    { 2026, 4, 6, "Easter Monday" },
    { 2026, 4, 7, NULL },
    { 2026, 4, 27, "King's Day" },
    { 2025, 4, 26, "King's Day" }, /* the 27th was a Sunday */
    { 2025, 4, 27, NULL },
    { 2014, 4, 26, "King's Day" },
    { 2013, 4, 30, "Queen's Day" },
    { 2006, 4, 29, "Queen's Day" }, /* the 30th was a Sunday */
    { 2026, 5, 5, "Liberation Day" },
    { 2026, 5, 14, "Ascension Day" },
    { 2026, 5, 24, "Whit Sunday" },
    { 2026, 5, 25, "Whit Monday" },
    { 2026, 12, 24, NULL },
    { 2026, 12, 25, "Christmas Day" },
    { 2026, 12, 26, "Second Christmas Day" },
    { 2026, 12, 31, NULL },
    { 2026, 2, 29, NULL }, /* not a date */
    { 2026, 13, 1, NULL },
    { 0, 1, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_test_message ("%u-%u-%u", days[i].year, days[i].month, days[i].day);
      g_assert_cmpstr (helder_holidays_name (days[i].year, days[i].month, days[i].day), ==,
                       days[i].name);
    }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/holidays/known-easters", test_known_easters);
  g_test_add_func ("/holidays/methods-agree", test_methods_agree);
  g_test_add_func ("/holidays/names", test_holidays);
  return g_test_run ();
}
