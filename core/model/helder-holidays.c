/* helder-holidays.c — Dutch public holidays, and the date of Easter
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The days on which the Netherlands do not work: the general holidays of
 * the Algemene termijnenwet (New Year's Day, Easter Sunday and Monday,
 * King's Day, Ascension Day, Whit Sunday and Monday, Christmas Day and
 * the day after) and Liberation Day, a day off every year under the
 * municipalities' collective agreement. Good Friday is not: it is no
 * general day off, and a message on it reaches people at work.
 *
 * King's Day is 27 April, or 26 April when the 27th is a Sunday (since
 * 2014); before that, Queen's Day was 30 April, or the 29th when the 30th
 * was a Sunday. Easter is the Gregorian computus, written out twice:
 * Meeus/Jones/Butcher and Gauss with its two exceptions.
 */
#define G_LOG_DOMAIN "helder-holidays"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "model/helder-holidays.h"

#define FIRST_YEAR 1583
#define LAST_YEAR  9999

/**
 * helder_holidays_easter:
 * @year: 1583 to 9999
 * @month: (out): 3 or 4
 * @day: (out): the day of the month
 *
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus, Jones,
 * Butcher).
 *
 * Returns: %FALSE when @year is outside the Gregorian calendar's range
 */
gboolean
helder_holidays_easter (guint year, guint *month, guint *day)
{
  guint a, b, c, d, e, f, g, h, i, k, l, m;

  if (year < FIRST_YEAR || year > LAST_YEAR)
    return FALSE;
  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i + 7 * 7 - h - k) % 7; /* + 49 keeps it unsigned */
  m = (a + 11 * h + 22 * l) / 451;
  *month = (h + l - 7 * m + 114) / 31;
  *day = (h + l - 7 * m + 114) % 31 + 1;
  return TRUE;
}

/**
 * helder_holidays_easter_gauss:
 * @year: 1583 to 9999
 * @month: (out): 3 or 4
 * @day: (out): the day of the month
 *
 * Easter Sunday by Gauss's method for the Gregorian calendar, with the
 * exceptions for 26 and 25 April.
 *
 * Returns: %FALSE when @year is outside the Gregorian calendar's range
 */
gboolean
helder_holidays_easter_gauss (guint year, guint *month, guint *day)
{
  guint a, b, c, k, p, q, M, N, d, e;

  if (year < FIRST_YEAR || year > LAST_YEAR)
    return FALSE;
  a = year % 19;
  b = year % 4;
  c = year % 7;
  k = year / 100;
  p = (13 + 8 * k) / 25;
  q = k / 4;
  M = (15 + 30 * 100 - p + k - q) % 30; /* 30 × 100 keeps it unsigned */
  N = (4 + k - q) % 7;
  d = (19 * a + M) % 30;
  e = (2 * b + 4 * c + 6 * d + N) % 7;
  if (22 + d + e <= 31)
    {
      *month = 3;
      *day = 22 + d + e;
      return TRUE;
    }
  *month = 4;
  *day = d + e - 9;
  if (d == 29 && e == 6)
    *day = 19;
  else if (d == 28 && e == 6 && (11 * M + 11) % 30 < 19)
    *day = 18;
  return TRUE;
}

/* Days from Easter Sunday to @month/@day of the same @year, or G_MININT
 * when it is not a date. */
static int
days_from_easter (guint year, guint month, guint day, guint easter_month, guint easter_day)
{
  GDate date, easter;

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return G_MININT;
  g_date_clear (&date, 1);
  g_date_clear (&easter, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_set_dmy (&easter, (GDateDay) easter_day, (GDateMonth) easter_month, (GDateYear) year);
  return g_date_days_between (&easter, &date);
}

static gboolean
is_sunday (guint year, guint month, guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_weekday (&date) == G_DATE_SUNDAY;
}

/* The King's (Queen's) birthday as celebrated in @year: its day in April. */
static guint
royal_day (guint year)
{
  guint day = year >= 2014 ? 27 : 30;

  return is_sunday (year, 4, day) ? day - 1 : day;
}

/**
 * helder_holidays_name:
 * @year: the year
 * @month: 1 to 12
 * @day: 1 to 31
 *
 * Returns: (nullable): the name of the Dutch public holiday on that day,
 *   translated, or %NULL
 */
const char *
helder_holidays_name (guint year, guint month, guint day)
{
  guint easter_month, easter_day;
  int offset;

  if (year < FIRST_YEAR || year > LAST_YEAR ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;
  if (month == 1 && day == 1)
    return _ ("New Year's Day");
  if (month == 12 && day == 25)
    return _ ("Christmas Day");
  if (month == 12 && day == 26)
    return _ ("Second Christmas Day");
  if (month == 5 && day == 5)
    return _ ("Liberation Day");
  if (month == 4 && day == royal_day (year))
    return year >= 2014 ? _ ("King's Day") : _ ("Queen's Day");

  helder_holidays_easter (year, &easter_month, &easter_day);
  offset = days_from_easter (year, month, day, easter_month, easter_day);
  switch (offset)
    {
    case 0:
      return _ ("Easter Sunday");
    case 1:
      return _ ("Easter Monday");
    case 39:
      return _ ("Ascension Day");
    case 49:
      return _ ("Whit Sunday");
    case 50:
      return _ ("Whit Monday");
    default:
      return NULL;
    }
}

static guint32
julian_of (guint year, guint month, guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static int
compare_julian (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * helder_holidays_of_year:
 * @year: the year
 * @julian: (out caller-allocates) (array fixed-size=10): receives the days
 *
 * The days helder_holidays_name() names in @year, as Julian day numbers
 * in order, each once (Liberation Day can be Ascension Day): for counting
 * working days over long spans without asking about every day.
 *
 * Returns: how many, 0 for a year outside 1583–9999
 */
guint
helder_holidays_of_year (guint year, guint32 julian[HELDER_HOLIDAYS_MAX_PER_YEAR])
{
  static const int from_easter[] = { 0, 1, 39, 49, 50 };
  guint easter_month, easter_day;
  guint32 easter;
  guint n = 0, kept = 0;

  if (year < FIRST_YEAR || year > LAST_YEAR)
    return 0;
  helder_holidays_easter (year, &easter_month, &easter_day);
  easter = julian_of (year, easter_month, easter_day);
  julian[n++] = julian_of (year, 1, 1);
  julian[n++] = julian_of (year, 4, royal_day (year));
  julian[n++] = julian_of (year, 5, 5);
  julian[n++] = julian_of (year, 12, 25);
  julian[n++] = julian_of (year, 12, 26);
  for (guint i = 0; i < G_N_ELEMENTS (from_easter); i++)
    julian[n++] = easter + (guint32) from_easter[i];
  qsort (julian, n, sizeof julian[0], compare_julian);
  for (guint i = 0; i < n; i++)
    if (kept == 0 || julian[kept - 1] != julian[i])
      julian[kept++] = julian[i];
  return kept;
}
