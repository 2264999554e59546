/* helder-working-days.c — counting in working days
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A working day is a Monday to Friday that is no Dutch public holiday
 * (model/helder-holidays.c: the same days the moment warnings and the demo
 * avoid). "Answered within 10 working days" counts the days after the day
 * something came in, up to and including the day of the answer.
 *
 * Weekdays are counted with arithmetic on GDate's Julian day numbers (day
 * 1 is a Monday) and the holidays of each year in between subtracted, so
 * that neither a long span nor a large @n walks day by day.
 */
#define G_LOG_DOMAIN "helder-model"

#include "config.h"

#include "model/helder-date.h"
#include "model/helder-holidays.h"
#include "model/helder-working-days.h"

/* The last day helder_date_parse() accepts, 9999-12-31, as a Julian day. */
#define LAST_JULIAN 3652059u

/* Weekdays among Julian days 1 … @julian (day 1 was a Monday). */
static guint64
weekdays_up_to (guint32 julian)
{
  return (guint64) (julian / 7) * 5 + MIN (julian % 7, 5);
}

static gboolean
is_weekday (guint32 julian)
{
  return (julian - 1) % 7 < 5;
}

/* Public holidays on weekdays in (@from, @to]. */
static guint64
holidays_between (guint32 from, guint32 to)
{
  GDate date;
  guint first, last;
  guint64 count = 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, from + 1);
  first = g_date_get_year (&date);
  g_date_set_julian (&date, to);
  last = g_date_get_year (&date);
  for (guint year = first; year <= last; year++)
    {
      guint32 days[HELDER_HOLIDAYS_MAX_PER_YEAR];
      guint n = helder_holidays_of_year (year, days);

      for (guint i = 0; i < n; i++)
        if (days[i] > from && days[i] <= to && is_weekday (days[i]))
          count++;
    }
  return count;
}

static guint64
working_between (guint32 from, guint32 to)
{
  if (to <= from)
    return 0;
  return weekdays_up_to (to) - weekdays_up_to (from) - holidays_between (from, to);
}

static gboolean
is_working (guint32 julian)
{
  return is_weekday (julian) && holidays_between (julian - 1, julian) == 0;
}

static gboolean
parse_julian (const char *text, guint32 *julian)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!helder_date_parse (text, &date))
    return FALSE;
  *julian = g_date_get_julian (&date);
  return TRUE;
}

/**
 * helder_working_days_is_working:
 * @date: YYYY-MM-DD
 *
 * Returns: whether @date is a Monday to Friday and no public holiday
 *   (%FALSE for what is not a date)
 */
gboolean
helder_working_days_is_working (const char *date)
{
  guint32 julian;

  return parse_julian (date, &julian) && is_working (julian);
}

/**
 * helder_working_days_add:
 * @date: YYYY-MM-DD
 * @n: working days
 *
 * The day @n working days after @date: the @n-th working day after it
 * (@date itself for 0, whether it is a working day or not). Friday + 1 is
 * Monday; the day before Easter Monday + 1 is the Tuesday after it.
 *
 * Returns: (transfer full) (nullable): YYYY-MM-DD, or %NULL when @date is
 *   not a date or the result would fall after the year 9999
 */
char *
helder_working_days_add (const char *date, guint n)
{
  guint32 day;
  guint64 left = n;
  GDate result;

  if (!parse_julian (date, &day))
    return NULL;
  /* whole weeks first (k weeks hold at most 5k working days, so at least
   * one is left for the walk to land on), as long as they end before
   * 9999-12-31; then day by day */
  while (left >= 10)
    {
      guint64 weeks = MIN ((left - 1) / 5, (LAST_JULIAN - day) / 7);

      if (weeks == 0)
        break;
      left -= working_between (day, day + (guint32) (weeks * 7));
      day += (guint32) (weeks * 7);
    }
  while (left > 0)
    {
      if (++day > LAST_JULIAN)
        return NULL;
      if (is_working (day))
        left--;
    }
  g_date_clear (&result, 1);
  g_date_set_julian (&result, day);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&result), g_date_get_month (&result),
                          g_date_get_day (&result));
}

/**
 * helder_working_days_between:
 * @from: YYYY-MM-DD
 * @to: YYYY-MM-DD
 *
 * The working days after @from up to and including @to: from a Friday to
 * the Monday after is 1.
 *
 * Returns: the count; 0 when @to is not after @from or either is not a
 *   date
 */
guint
helder_working_days_between (const char *from, const char *to)
{
  guint32 a, b;

  if (!parse_julian (from, &a) || !parse_julian (to, &b))
    return 0;
  return (guint) working_between (a, b);
}
