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

/* Dutch months, whatever language the reader set: Helder's programmes
 * are Dutch, and people type "1 maart" in an English session too. "mrt"
 * is the usual Dutch shortening that is no prefix. */
static const char *const dutch_months[] = {
  "januari", "februari", "maart",     "april",   "mei",      "juni",
  "juli",    "augustus", "september", "oktober", "november", "december",
};

/* "december", "Dec", "okt", "mrt" → 12, 12, 10, 3; 0 when @word is no
 * month. A shortening needs three letters and must fit one month only. */
static guint
month_from_name (const char *word)
{
  g_autofree char *typed = helder_text_fold (word);
  gsize len = strlen (typed);
  guint found = 0;

  if (len < 3)
    return 0;
  if (g_str_equal (typed, "mrt"))
    return 3;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    {
      g_autofree char *english = helder_text_fold (month_names[m]);
      g_autofree char *local = helder_text_fold (_ (month_names[m]));
      const char *dutch = dutch_months[m];

      if (g_str_equal (typed, english) || g_str_equal (typed, local) || g_str_equal (typed, dutch))
        return m + 1;
      if (g_str_has_prefix (english, typed) || g_str_has_prefix (local, typed) ||
          g_str_has_prefix (dutch, typed))
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

/* The clock time people type after a day, made plain: "om 9.30", "at
 * 9:30", "10u", "10 uur" become " 09:30"/" 10:00" ("15 december 2026 om
 * 9.30" → "15 december 2026 09:30"). NULL when @text ends in no such time,
 * or already reads plainly; ISO times with seconds or an offset are left
 * to the caller. */
static char *
typed_time_plain (const char *text)
{
  g_auto (GStrv) all = g_strsplit (text, " ", -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GString) out = NULL;
  const char *last;
  guint hour = 0, minute = 0, n;
  int consumed = 0;

  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0')
      g_ptr_array_add (words, all[i]);
  n = words->len;
  if (n < 2)
    return NULL;
  last = g_ptr_array_index (words, n - 1);
  if (g_ascii_strcasecmp (last, "uur") == 0 && n >= 3)
    {
      /* "10 uur" */
      if (!number (g_ptr_array_index (words, n - 2), 1, 2, &hour))
        return NULL;
      consumed = 2;
    }
  else
    {
      /* "10u", "10u30", "9.30", "9:30", "09:30" */
      const char *sep = strpbrk (last, ":.uU");
      g_autofree char *h = NULL;

      if (sep == NULL)
        return NULL;
      h = g_strndup (last, sep - last);
      if (!number (h, 1, 2, &hour))
        return NULL;
      if (sep[1] == '\0' && (*sep == 'u' || *sep == 'U'))
        minute = 0;
      else if (!number (sep + 1, 2, 2, &minute))
        return NULL;
      consumed = 1;
    }
  if (hour > 23 || minute > 59)
    return NULL;
  n -= consumed;
  /* "om 10:00", "at 10:00" */
  if (n >= 2 && (g_ascii_strcasecmp (g_ptr_array_index (words, n - 1), "om") == 0 ||
                 g_ascii_strcasecmp (g_ptr_array_index (words, n - 1), "at") == 0))
    n--;
  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (words, i));
  g_string_append_printf (out, " %02u:%02u", hour, minute);
  if (g_str_equal (out->str, text))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_date_parse_datetime:
 * @error: (nullable): says what is wrong
 *
 * Accepts ISO 8601 as "2026-12-01T09:30", "2026-12-01 09:30:00+01:00",
 * "2026-12-01T08:30:00Z", and a day as people type it followed by a time
 * as they type it ("1-12-2026 9:30", "1 december 2026 om 9.30", "1 dec
 * 2026 10u", "1-12-2026 10 uur"); without an offset the time is a wall time in the
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

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    goto invalid;
  len = strlen (text);
  /* "4 december 2026 om 9.30", "4-12-2026 10u": the time made plain. */
  if (len <= 80)
    {
      g_autofree char *plain = typed_time_plain (text);

      if (plain != NULL)
        {
          g_autoptr (GError) local = NULL;
          char *utc = helder_date_parse_datetime (plain, &local);

          /* The message quotes what was typed, not what it became. */
          if (utc == NULL && local != NULL)
            {
              g_autoptr (GString) message = g_string_new (local->message);

              g_string_replace (message, plain, text, 0);
              g_free (local->message);
              local->message = g_string_free (g_steal_pointer (&message), FALSE);
              g_propagate_error (error, g_steal_pointer (&local));
            }
          return utc;
        }
    }
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
