/* survey-demo-days.c — the demo's surveys fall on working days
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the rest of the demo: no weekend, no Dutch public holiday (New Year,
 * Easter Monday, King's Day, Liberation Day, Ascension Day, Whit Monday,
 * Christmas).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-demo.h"

/* Easter Sunday of @year (the anonymous Gregorian algorithm). */
static void
easter (GDateYear year, GDate *out)
{
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_set_dmy (out, day, month, year);
}

static gboolean
is_holiday (const GDate *date)
{
  GDateDay day = g_date_get_day (date);
  GDateMonth month = g_date_get_month (date);
  GDate sunday;
  gint diff;

  if ((month == 1 && day == 1) || (month == 4 && day == 27) || (month == 5 && day == 5) ||
      (month == 12 && (day == 25 || day == 26)))
    return TRUE;
  /* King's Day on a Sunday moves to the Saturday: a weekend either way. */
  easter (g_date_get_year (date), &sunday);
  diff = g_date_days_between (&sunday, date);
  return diff == 1 || diff == 39 || diff == 50 || diff == -2;
}

gboolean
survey_demo_is_workday (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY && !is_holiday (date);
}

void
survey_demo_workday_before (GDate *date)
{
  while (!survey_demo_is_workday (date))
    g_date_subtract_days (date, 1);
}

char *
survey_demo_when (const GDate *date, const char *time)
{
  return g_strdup_printf ("%04u-%02u-%02u %s", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), time);
}
