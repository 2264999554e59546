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
#include "helder-text.h"

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

/* The months as people write them: in English and, through gettext, in
 * their language (the same names the pages show). */
static const char *const month_names[] = {
  N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
  N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
  N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
};

/* "december", "Dec", "okt" → 12, 12, 10; 0 when @word is no month. A
 * shortening needs three letters and must fit one month only. */
static guint
month_from_name (const char *word)
{
  g_autofree char *typed = helder_text_fold (word);
  gsize len = strlen (typed);
  guint found = 0;

  if (len < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    {
      g_autofree char *english = helder_text_fold (month_names[m]);
      g_autofree char *local = helder_text_fold (_ (month_names[m]));

      if (g_str_equal (typed, english) || g_str_equal (typed, local))
        return m + 1;
      if (g_str_has_prefix (english, typed) || g_str_has_prefix (local, typed))
        {
          if (found != 0 && found != m + 1)
            return 0;
          found = m + 1;
        }
    }
  return found;
}

static gboolean
number (const char *word, gsize min_digits, gsize max_digits, guint *value)
{
  guint64 v;
  gsize len = strlen (word);

  if (len < min_digits || len > max_digits || !is_digits (word, len))
    return FALSE;
  if (!g_ascii_string_to_unsigned (word, 10, 0, 9999, &v, NULL))
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

/**
 * helder_date_parse_typed:
 * @text: a date as somebody types it: "2026-12-04", "04-12-2026",
 *   "4-12-2026", "4/12/2026", "4.12.2026", "4 december 2026", "4 dec
 *   2026", "4 December 2026" (months in English or in the user's
 *   language, case and accents do not matter)
 *
 * Returns: (transfer full) (nullable): the day as YYYY-MM-DD when @text
 *   names one that exists (years 1900–9999), else %NULL
 */
char *
helder_date_parse_typed (const char *text)
{
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  guint d = 0, m = 0, y = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 64)
    return NULL;
  if (helder_date_parse (text, NULL))
    return g_strdup (text);
  words = g_strsplit_set (text, " \t-/.,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (parts, words[i]);
  if (parts->len != 3)
    return NULL;
  if (number (g_ptr_array_index (parts, 0), 4, 4, &y))
    {
      /* 2026/12/04, 2026.12.04 */
      if (!number (g_ptr_array_index (parts, 1), 1, 2, &m) ||
          !number (g_ptr_array_index (parts, 2), 1, 2, &d))
        return NULL;
    }
  else if (!number (g_ptr_array_index (parts, 0), 1, 2, &d) ||
           !number (g_ptr_array_index (parts, 2), 4, 4, &y) ||
           (!number (g_ptr_array_index (parts, 1), 1, 2, &m) &&
            (m = month_from_name (g_ptr_array_index (parts, 1))) == 0))
    return NULL;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
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
  /* "4 december 2026 10:00", "04-12-2026 10:00": the day as typed. */
  if (len <= 80)
    {
      const char *space = strrchr (text, ' ');
      g_autofree char *day_text = space != NULL ? g_strndup (text, space - text) : NULL;
      g_autofree char *day = day_text != NULL ? helder_date_parse_typed (day_text) : NULL;

      if (day != NULL && !g_str_equal (day, day_text))
        {
          g_autofree char *iso_text = g_strconcat (day, space, NULL);
          g_autoptr (GError) local = NULL;
          char *utc = helder_date_parse_datetime (iso_text, &local);

          /* The message quotes what was typed, not what it became. */
          if (utc == NULL && local != NULL)
            {
              g_autoptr (GString) message = g_string_new (local->message);

              g_string_replace (message, iso_text, text, 0);
              g_free (local->message);
              local->message = g_string_free (g_steal_pointer (&message), FALSE);
              g_propagate_error (error, g_steal_pointer (&local));
            }
          return utc;
        }
    }
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
