/* interview-when.c — a date and time as people type them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "15-12-2026 10:00", "15/12/2026 9.30", "15 december 2026 om 10:00",
 * "15 dec 2026 10u", "2026-12-15 10:00", "2026-12-15T10:00" are wall
 * times in the programme's zone (a time that does not exist or occurs
 * twice there is refused by core's helder_clock_local_to_utc); ISO 8601
 * with an offset ("2026-12-15T10:00:00+01:00", "…Z") is that instant.
 * Months in Dutch or English, any case. Anything else is refused, naming
 * the option and what was typed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-private.h"

#define MAX_TYPED 64

static const char *const months[][4] = {
  { "januari", "january", "jan", NULL }, { "februari", "february", "feb", NULL },
  { "maart", "march", "mrt", "mar" },    { "april", "apr", NULL, NULL },
  { "mei", "may", NULL, NULL },          { "juni", "june", "jun", NULL },
  { "juli", "july", "jul", NULL },       { "augustus", "august", "aug", NULL },
  { "september", "sep", "sept", NULL },  { "oktober", "october", "okt", "oct" },
  { "november", "nov", NULL, NULL },     { "december", "dec", NULL, NULL },
};

static gboolean
all_digits (const char *s, gsize min, gsize max)
{
  gsize n = strlen (s);

  if (n < min || n > max)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static int
month_of (const char *word)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);
  gsize n = strlen (lower);

  if (n > 0 && lower[n - 1] == '.')
    lower[n - 1] = '\0';
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    for (guint i = 0; i < 4 && months[m][i] != NULL; i++)
      if (g_str_equal (lower, months[m][i]))
        return m + 1;
  return 0;
}

/* "15-12-2026", "15/12/2026", "15.12.2026", "2026-12-15". */
static gboolean
numeric_date (const char *text, int *y, int *m, int *d)
{
  g_auto (GStrv) parts = NULL;
  char sep = 0;

  for (const char *s = text; *s != '\0'; s++)
    if (*s == '-' || *s == '/' || *s == '.')
      {
        sep = *s;
        break;
      }
  if (sep == 0)
    return FALSE;
  parts = g_strsplit (text, (char[]){ sep, 0 }, -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  if (all_digits (parts[0], 4, 4) && sep == '-' && all_digits (parts[1], 1, 2) &&
      all_digits (parts[2], 1, 2))
    {
      *y = atoi (parts[0]), *m = atoi (parts[1]), *d = atoi (parts[2]);
      return TRUE;
    }
  if (all_digits (parts[0], 1, 2) && all_digits (parts[1], 1, 2) && all_digits (parts[2], 4, 4))
    {
      *d = atoi (parts[0]), *m = atoi (parts[1]), *y = atoi (parts[2]);
      return TRUE;
    }
  return FALSE;
}

/* "10:00", "9:30", "10.00", "10u", "10u30". */
static gboolean
clock_time (const char *text, int *hour, int *minute)
{
  g_auto (GStrv) parts = NULL;
  const char *sep = strpbrk (text, ":.u");

  if (sep == NULL)
    return FALSE;
  parts = g_strsplit_set (text, ":.u", 2);
  if (!all_digits (parts[0], 1, 2))
    return FALSE;
  *hour = atoi (parts[0]);
  if (*sep == 'u' && parts[1][0] == '\0')
    *minute = 0;
  else if (all_digits (parts[1], 2, 2))
    *minute = atoi (parts[1]);
  else
    return FALSE;
  return *hour <= 23 && *minute <= 59;
}

/* The words of @text: a date (one word, or day month year) and a time,
 * with "om"/"at" or a comma between them allowed. */
static gboolean
wall_time (const char *text, int *y, int *m, int *d, int *hour, int *minute)
{
  g_autofree char *copy = g_strdup (text);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_auto (GStrv) split = NULL;

  g_strdelimit (copy, ",T", ' ');
  split = g_strsplit (copy, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0' && !g_str_equal (split[i], "om") && !g_str_equal (split[i], "at"))
      g_ptr_array_add (words, split[i]);
  if (words->len == 2)
    return numeric_date (words->pdata[0], y, m, d) && clock_time (words->pdata[1], hour, minute);
  if (words->len == 4 && all_digits (words->pdata[0], 1, 2) && all_digits (words->pdata[2], 4, 4))
    {
      *d = atoi (words->pdata[0]);
      *m = month_of (words->pdata[1]);
      *y = atoi (words->pdata[2]);
      return *m != 0 && clock_time (words->pdata[3], hour, minute);
    }
  return FALSE;
}

static gboolean
has_offset (const char *text)
{
  gsize n = strlen (text);

  return n > 16 &&
         (text[n - 1] == 'Z' || strchr (text + 16, '+') != NULL || strchr (text + 16, '-') != NULL);
}

/* "2027-10-31 02:30+01:00" → "2027-10-31T02:30:00+01:00", as GLib reads it. */
static char *
with_seconds (const char *text)
{
  GString *out = g_string_new (text);
  char *t;

  if (out->len > 10 && out->str[10] == ' ')
    out->str[10] = 'T';
  t = strchr (out->str, 'T');
  if (t != NULL && strlen (t) > 6 && g_ascii_isdigit (t[1]) && g_ascii_isdigit (t[2]) &&
      t[3] == ':' && g_ascii_isdigit (t[4]) && g_ascii_isdigit (t[5]) &&
      (t[6] == '+' || t[6] == '-' || t[6] == 'Z'))
    g_string_insert (out, t - out->str + 6, ":00");
  return g_string_free (out, FALSE);
}

char *
interview_parse_when (const char *option, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;
  int y = 0, m = 0, d = 0, hour = 0, minute = 0;
  char *utc = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > MAX_TYPED)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option,
                        _ ("%s: “%s” is no date and time (like 15-12-2026 10:00)"), option,
                        text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return NULL;
    }
  if (has_offset (text))
    {
      g_autofree char *iso = with_seconds (text);
      g_autoptr (GDateTime) instant = g_date_time_new_from_iso8601 (iso, NULL);
      g_autoptr (GDateTime) in_utc = instant != NULL ? g_date_time_to_utc (instant) : NULL;

      if (in_utc != NULL && g_date_time_get_year (in_utc) >= 1900 &&
          g_date_time_get_year (in_utc) <= 9999)
        return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  else if (wall_time (text, &y, &m, &d, &hour, &minute) && y >= 1900 && y <= 9999)
    {
      utc = helder_clock_local_to_utc (y, m, d, hour, minute, 0, &local);
      if (utc != NULL)
        return utc;
      /* A day that exists: core says why the time does not (the clocks
       * changed); else the usual message. */
      if (!g_date_valid_dmy (d, m, y))
        g_clear_error (&local);
    }
  if (local != NULL)
    helder_error_set (error, HELDER_ERROR_INVALID, option, "%s: “%s”: %s", option, text,
                      local->message);
  else
    helder_error_set (error, HELDER_ERROR_INVALID, option,
                      _ ("%s: “%s” is no date and time (like 15-12-2026 10:00)"), option, text);
  return NULL;
}
