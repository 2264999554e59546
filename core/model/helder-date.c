/* helder-date.c — dates and times as people type them, checked
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-date.h"

static gboolean
is_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * helder_date_parse:
 *
 * Accepts exactly YYYY-MM-DD naming a day that exists (no 2027-02-29).
 */
gboolean
helder_date_parse (const char *text, GDate *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !is_digits (text, 4) || !is_digits (text + 5, 2) || !is_digits (text + 8, 2))
    return FALSE;

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1900 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/**
 * helder_date_parse_datetime:
 * @error: (nullable): says what is wrong
 *
 * Accepts ISO 8601 as "2026-12-01T09:30", "2026-12-01 09:30:00+01:00",
 * "2026-12-01T08:30:00Z"; without an offset the time is a wall time in the
 * programme's time zone, and one that does not exist or occurs twice there
 * (on the days daylight saving time starts or ends) is refused.
 *
 * Returns: (nullable): the instant in UTC as YYYY-MM-DDTHH:MM:SSZ, or %NULL
 */
char *
helder_date_parse_datetime (const char *text, GError **error)
{
  g_autofree char *iso = NULL;
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GDateTime) utc = NULL;
  gsize len;

  if (text == NULL)
    goto invalid;
  len = strlen (text);
  if (len < 16 || len > 40)
    goto invalid;
  {
    char day[11];
    memcpy (day, text, 10);
    day[10] = '\0';
    if (!helder_date_parse (day, NULL))
      goto invalid;
  }

  iso = g_strdup (text);
  if (iso[10] == ' ')
    iso[10] = 'T';
  if (iso[10] != 'T')
    goto invalid;
  /* GLib wants seconds; "HH:MM" alone is common in forms. */
  if (len == 16 || (len > 16 && (iso[16] == 'Z' || iso[16] == '+' || iso[16] == '-')))
    {
      g_autofree char *with_secs = g_strdup_printf ("%.16s:00%s", iso, iso + 16);
      g_free (iso);
      iso = g_steal_pointer (&with_secs);
    }

  /* With an offset, the text names its instant; without one, it is the
   * wall time of the programme's zone, which may be skipped or doubled. */
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      g_autoptr (GTimeZone) utc_zone = g_time_zone_new_utc ();
      g_autoptr (GDateTime) wall = g_date_time_new_from_iso8601 (iso, utc_zone);
      if (wall == NULL)
        goto invalid;
      return helder_clock_local_to_utc (g_date_time_get_year (wall), g_date_time_get_month (wall),
                                        g_date_time_get_day_of_month (wall),
                                        g_date_time_get_hour (wall), g_date_time_get_minute (wall),
                                        g_date_time_get_second (wall), error);
    }
  utc = g_date_time_to_utc (dt);
  if (g_date_time_get_year (utc) < 1900 || g_date_time_get_year (utc) > 9999)
    goto invalid;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

invalid:
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               _ ("“%s” is not a date and time (use YYYY-MM-DD HH:MM)"),
               text != NULL && g_utf8_validate (text, -1, NULL) ? text : "?");
  return NULL;
}

/* @date plus @days, as YYYY-MM-DD; @date must be valid. */
char *
helder_date_add_days (const char *date, int days)
{
  GDate d;
  char buf[16];

  if (!helder_date_parse (date, &d))
    return NULL;
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);
  return g_strdup (buf);
}
