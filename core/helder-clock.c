/* helder-clock.c — the one clock of Helder and the programme's time zone
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every layer asks this file for "now" and "today", never the system:
 * HELDER_NOW (or a test, in process) sets the clock, which then runs on
 * from that instant, so that a test, a reproduction of what somebody saw
 * on a given day, or a preview of a coming date sees one consistent time.
 *
 * Times people type and read are in the programme's time zone (IANA name,
 * Europe/Amsterdam unless the programme says otherwise), whatever the TZ
 * of the process; stored timestamps are UTC. The zone is process-wide: one
 * database holds one programme, and the services layer sets it from there.
 */
#define G_LOG_DOMAIN "helder-clock"

#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"

/* The clock: real time plus an offset, so that a set clock runs on. */
static GMutex clock_lock;
static gboolean clock_ready;
static gboolean clock_set;
static gint64 clock_offset; /* µs added to the real time */
static char *clock_setting; /* the instant it was set to, UTC */

/* The zone: every zone ever used stays alive, so that callers may borrow
 * the current one while another thread switches it. */
static GMutex zone_lock;
static GHashTable *zones; /* identifier → GTimeZone */
static GTimeZone *zone_current;
static const char *zone_current_name;

static GDateTime *
parse_instant (const char *text, const char *what, GError **error)
{
  g_autoptr (GDateTime) dt = NULL;
  int year;

  if (text != NULL && g_utf8_validate (text, -1, NULL) && strlen (text) <= 64)
    dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        /* TRANSLATORS: the first %s is HELDER_NOW or an option */
        _ (
          "%s: “%s” is not a time with an offset (use ISO 8601, e.g. 2026-12-04T10:00:00+01:00 or 2026-12-04T09:00:00Z)"),
        what, text != NULL && g_utf8_validate (text, -1, NULL) ? text : "?");
      return NULL;
    }
  year = g_date_time_get_year (dt);
  if (year < 1970 || year > 9999)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ (
          "%s: “%s” is outside the years 1970 to 9999 (use ISO 8601, e.g. 2026-12-04T10:00:00+01:00)"),
        what, text);
      return NULL;
    }
  return g_steal_pointer (&dt);
}

/* @since: the real time (µs) at which the clock showed @text, or -1 for now */
static gboolean
set_clock_locked (const char *text, const char *what, gint64 since, GError **error)
{
  g_autoptr (GDateTime) dt = parse_instant (text, what, error);
  g_autoptr (GDateTime) utc = NULL;

  if (dt == NULL)
    return FALSE;
  utc = g_date_time_to_utc (dt);
  clock_offset = g_date_time_to_unix (utc) * G_USEC_PER_SEC + g_date_time_get_microsecond (utc) -
                 (since >= 0 ? since : g_get_real_time ());
  g_free (clock_setting);
  clock_setting = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  clock_set = TRUE;
  clock_ready = TRUE;
  return TRUE;
}

/**
 * helder_clock_init_from_env:
 * @error: set when HELDER_NOW holds no valid time
 *
 * Reads HELDER_NOW (ISO 8601 with an offset). Without it the clock is the
 * system's. Front-ends call this at start and refuse a bad value; code that
 * asks the clock without it reads the variable on first use.
 *
 * Returns: %FALSE with @error set when HELDER_NOW is set but wrong
 */
/* HELDER_NOW_SINCE: when given, the real time (Unix seconds) at which
 * HELDER_NOW held; every process then runs the same clock, however late it
 * starts (a test and the commands and servers it starts). */
static gboolean
since_from_env (gint64 *since, GError **error)
{
  const char *text = g_getenv (HELDER_NOW_SINCE_VARIABLE);
  guint64 seconds;

  *since = -1;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64 / G_USEC_PER_SEC, &seconds, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%s: “%s” is not a number of seconds since 1970 (e.g. 1764838800)"),
                   HELDER_NOW_SINCE_VARIABLE, g_utf8_validate (text, -1, NULL) ? text : "?");
      return FALSE;
    }
  *since = (gint64) seconds * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
init_from_env_locked (GError **error)
{
  const char *text = g_getenv (HELDER_NOW_VARIABLE);
  gint64 since;

  clock_ready = TRUE;
  if (text == NULL || text[0] == '\0')
    {
      clock_set = FALSE;
      clock_offset = 0;
      g_clear_pointer (&clock_setting, g_free);
      return TRUE;
    }
  return since_from_env (&since, error) &&
         set_clock_locked (text, HELDER_NOW_VARIABLE, since, error);
}

gboolean
helder_clock_init_from_env (GError **error)
{
  gboolean ok;

  g_mutex_lock (&clock_lock);
  ok = init_from_env_locked (error);
  g_mutex_unlock (&clock_lock);
  return ok;
}

/**
 * helder_clock_set:
 * @iso8601: an instant with its offset, "2026-12-04T10:00:00+01:00"
 *
 * Sets the clock of this process to @iso8601, from where it runs on.
 */
gboolean
helder_clock_set (const char *iso8601, GError **error)
{
  gboolean ok;

  g_mutex_lock (&clock_lock);
  ok = set_clock_locked (iso8601, HELDER_NOW_VARIABLE, -1, error);
  g_mutex_unlock (&clock_lock);
  return ok;
}

/**
 * helder_clock_set_day:
 * @date: a day, YYYY-MM-DD
 *
 * Sets the clock of this process to @date at the programme's current time
 * of day (noon where that time does not exist on @date): `--on DATE`.
 */
gboolean
helder_clock_set_day (const char *date, GError **error)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  g_autofree char *utc = NULL;
  int y, m, d;
  char tail;

  if (date == NULL || strlen (date) != 10 ||
      sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1970)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a date (use YYYY-MM-DD, a day that exists)"),
                   date != NULL && g_utf8_validate (date, -1, NULL) ? date : "?");
      return FALSE;
    }
  utc =
    helder_clock_local_to_utc (y, m, d, g_date_time_get_hour (now), g_date_time_get_minute (now),
                               g_date_time_get_second (now), NULL);
  if (utc == NULL)
    utc = helder_clock_local_to_utc (y, m, d, 12, 0, 0, error);
  return utc != NULL && helder_clock_set (utc, error);
}

/* Back to the system's clock (tests). */
void
helder_clock_reset (void)
{
  g_mutex_lock (&clock_lock);
  clock_set = FALSE;
  clock_offset = 0;
  clock_ready = TRUE;
  g_clear_pointer (&clock_setting, g_free);
  g_mutex_unlock (&clock_lock);
}

static gint64
now_usec (void)
{
  gint64 offset;

  g_mutex_lock (&clock_lock);
  if (!clock_ready)
    {
      g_autoptr (GError) error = NULL;

      if (!init_from_env_locked (&error))
        g_warning ("%s", error->message);
    }
  offset = clock_offset;
  g_mutex_unlock (&clock_lock);
  return g_get_real_time () + offset;
}

/* Whether the clock was set (HELDER_NOW or a test) rather than the system's. */
gboolean
helder_clock_is_set (void)
{
  gboolean set;

  now_usec ();
  g_mutex_lock (&clock_lock);
  set = clock_set;
  g_mutex_unlock (&clock_lock);
  return set;
}

/**
 * helder_clock_describe:
 *
 * Returns: (nullable): for a set clock, the local time it was set to
 *   ("2026-12-04 10:00 Europe/Amsterdam"), or %NULL for the system's clock
 */
char *
helder_clock_describe (void)
{
  g_autofree char *setting = NULL;
  g_autoptr (GDateTime) local = NULL;

  now_usec ();
  g_mutex_lock (&clock_lock);
  setting = clock_set ? g_strdup (clock_setting) : NULL;
  g_mutex_unlock (&clock_lock);
  if (setting == NULL)
    return NULL;
  local = helder_clock_to_local (setting);
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

/**
 * helder_clock_now:
 *
 * Returns: (transfer full): now, in UTC
 */
GDateTime *
helder_clock_now (void)
{
  gint64 usec = now_usec ();
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/**
 * helder_clock_now_local:
 *
 * Returns: (transfer full): now, in the programme's time zone
 */
GDateTime *
helder_clock_now_local (void)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  return g_date_time_to_timezone (now, helder_clock_zone ());
}

/* Now in UTC as YYYY-MM-DDTHH:MM:SSZ, the form of every stored timestamp. */
char *
helder_clock_now_utc (void)
{
  g_autoptr (GDateTime) now = helder_clock_now ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Today in the programme's time zone as YYYY-MM-DD. */
char *
helder_clock_today (void)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* ---- the programme's time zone -------------------------------------------- */

static gboolean
identifier_is_plain (const char *identifier)
{
  gsize len;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return FALSE;
  len = strlen (identifier);
  if (len == 0 || len > 64 || identifier[0] == '/' || strstr (identifier, "..") != NULL)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (identifier[i]) && strchr ("/_-+", identifier[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Only names of the tz database: GLib would also read "CET+1" as a POSIX
 * rule. It looks in $TZDIR or /usr/share/zoneinfo, as we do here. */
static gboolean
zone_file_exists (const char *identifier)
{
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path = g_build_filename (
    dir != NULL && dir[0] != '\0' ? dir : "/usr/share/zoneinfo", identifier, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The zone for @identifier, loaded once; %NULL when there is none. */
static GTimeZone *
zone_lookup_locked (const char *identifier)
{
  GTimeZone *zone;

  if (zones == NULL)
    zones = g_hash_table_new (g_str_hash, g_str_equal);
  zone = g_hash_table_lookup (zones, identifier);
  if (zone == NULL && identifier_is_plain (identifier) && zone_file_exists (identifier))
    {
      zone = g_time_zone_new_identifier (identifier);
      /* GLib also takes "+01:00" and falls back in ways we do not want:
       * only a zone that calls itself by the name asked for counts. */
      if (zone != NULL && g_strcmp0 (g_time_zone_get_identifier (zone), identifier) != 0)
        g_clear_pointer (&zone, g_time_zone_unref);
      if (zone != NULL)
        g_hash_table_insert (zones, g_strdup (identifier), zone);
    }
  return zone;
}

/**
 * helder_clock_check_zone:
 * @identifier: an IANA time zone name, "Europe/Amsterdam"
 *
 * Returns: %FALSE with @error set when this machine knows no such zone
 */
gboolean
helder_clock_check_zone (const char *identifier, GError **error)
{
  GTimeZone *zone;

  g_mutex_lock (&zone_lock);
  zone = zone_lookup_locked (identifier);
  g_mutex_unlock (&zone_lock);
  if (zone == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a time zone (use an IANA name such as Europe/Amsterdam)"),
                   identifier != NULL && g_utf8_validate (identifier, -1, NULL) ? identifier : "?");
      return FALSE;
    }
  return TRUE;
}

static void
ensure_zone_locked (void)
{
  if (zone_current != NULL)
    return;
  zone_current = zone_lookup_locked (HELDER_DEFAULT_TIME_ZONE);
  zone_current_name = HELDER_DEFAULT_TIME_ZONE;
  if (zone_current == NULL)
    {
      /* A machine without tzdata: say so once and keep to UTC. */
      g_warning ("No time zone data for %s on this machine; times are shown in UTC",
                 HELDER_DEFAULT_TIME_ZONE);
      zone_current = g_time_zone_new_utc ();
      zone_current_name = "UTC";
    }
}

/**
 * helder_clock_set_zone:
 * @identifier: the programme's time zone
 *
 * Makes @identifier the zone of every time this process reads or shows.
 */
gboolean
helder_clock_set_zone (const char *identifier, GError **error)
{
  GTimeZone *zone;

  g_mutex_lock (&zone_lock);
  zone = zone_lookup_locked (identifier);
  if (zone != NULL)
    {
      zone_current = zone;
      zone_current_name = g_time_zone_get_identifier (zone);
    }
  g_mutex_unlock (&zone_lock);
  if (zone == NULL)
    return helder_clock_check_zone (identifier, error);
  return TRUE;
}

/* The programme's time zone; borrowed, valid for the life of the process. */
GTimeZone *
helder_clock_zone (void)
{
  GTimeZone *zone;

  g_mutex_lock (&zone_lock);
  ensure_zone_locked ();
  zone = zone_current;
  g_mutex_unlock (&zone_lock);
  return zone;
}

const char *
helder_clock_zone_name (void)
{
  const char *name;

  g_mutex_lock (&zone_lock);
  ensure_zone_locked ();
  name = zone_current_name;
  g_mutex_unlock (&zone_lock);
  return name;
}

/**
 * helder_clock_to_local:
 * @utc: a stored timestamp ("…Z") or any ISO 8601 instant with an offset
 *
 * Returns: (transfer full) (nullable): @utc in the programme's time zone
 */
GDateTime *
helder_clock_to_local (const char *utc)
{
  g_autoptr (GDateTime) parsed = NULL;

  if (utc == NULL)
    return NULL;
  parsed = g_date_time_new_from_iso8601 (utc, NULL);
  if (parsed == NULL)
    return NULL;
  return g_date_time_to_timezone (parsed, helder_clock_zone ());
}

/* The programme's day (YYYY-MM-DD) of the instant @utc; %NULL if not one. */
char *
helder_clock_local_date (const char *utc)
{
  g_autoptr (GDateTime) local = helder_clock_to_local (utc);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
}

static gint32
offset_at (GTimeZone *zone, gint64 unix_utc)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_utc);
  return g_time_zone_get_offset (zone, interval);
}

/* The instants (UTC, seconds) at which the zone's clocks show the wall time
 * @naive (seconds as if it were UTC): none in a gap when the clocks go
 * forward, two in the hour that repeats when they go back. */
static guint
instants_of (GTimeZone *zone, gint64 naive, gint64 found[2])
{
  /* Any zone changes its offset at most once in two days. */
  gint32 offsets[3] = { offset_at (zone, naive - 2 * 86400), offset_at (zone, naive),
                        offset_at (zone, naive + 2 * 86400) };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 utc = naive - offsets[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < n; j++)
        seen |= found[j] == utc;
      if (!seen && n < 2 && offset_at (zone, utc) == offsets[i])
        found[n++] = utc;
    }
  if (n == 2 && found[0] > found[1])
    {
      gint64 t = found[0];
      found[0] = found[1];
      found[1] = t;
    }
  return n;
}

static char *
format_offset (gint64 utc, GTimeZone *zone)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M%:z");
}

/**
 * helder_clock_local_to_utc:
 *
 * The instant at which the programme's clocks show the given wall time.
 * A time that does not exist (the hour skipped when daylight saving time
 * starts) or that occurs twice (the hour repeated when it ends) is refused
 * with a message that says so and, for the latter, how to choose one: by
 * typing the offset.
 *
 * Returns: (nullable): the instant in UTC as YYYY-MM-DDTHH:MM:SSZ
 */
char *
helder_clock_local_to_utc (int year,
                           int month,
                           int day,
                           int hour,
                           int minute,
                           int second,
                           GError **error)
{
  GTimeZone *zone = helder_clock_zone ();
  g_autoptr (GDateTime) wall = NULL;
  g_autoptr (GDateTime) utc = NULL;
  gint64 found[2];
  guint n;

  wall = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (wall == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%04d-%02d-%02d %02d:%02d is not a date and time"), year, month, day, hour,
                   minute);
      return NULL;
    }
  n = instants_of (zone, g_date_time_to_unix (wall), found);
  if (n == 0)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ (
          "%04d-%02d-%02d %02d:%02d does not exist in %s: the clocks go forward that night; choose another time"),
        year, month, day, hour, minute, helder_clock_zone_name ());
      return NULL;
    }
  if (n == 2)
    {
      g_autofree char *first = format_offset (found[0], zone);
      g_autofree char *second_one = format_offset (found[1], zone);
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ (
          "%04d-%02d-%02d %02d:%02d occurs twice in %s: the clocks go back that night; give the offset to choose, %s (the first) or %s (the second)"),
        year, month, day, hour, minute, helder_clock_zone_name (), first, second_one);
      return NULL;
    }
  utc = g_date_time_new_from_unix_utc (found[0]);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * helder_clock_day_start_utc:
 * @date: a day, YYYY-MM-DD
 *
 * Returns: (nullable): the first instant of @date in the programme's time
 *   zone, in UTC ("…Z"); %NULL when @date is not a day
 */
char *
helder_clock_day_start_utc (const char *date)
{
  GTimeZone *zone = helder_clock_zone ();
  g_autoptr (GDateTime) wall = NULL;
  g_autoptr (GDateTime) utc = NULL;
  int y, m, d;
  gint64 found[2];

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  wall = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (wall == NULL)
    return NULL;
  /* Where midnight is skipped (some zones change at 00:00), the day starts
   * at the first wall time that exists: try each quarter of an hour. */
  for (int quarter = 0; quarter < 4 * 3; quarter++)
    if (instants_of (zone, g_date_time_to_unix (wall) + quarter * 900, found) > 0)
      {
        utc = g_date_time_new_from_unix_utc (found[0]);
        return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      }
  return NULL;
}
