/* helder-moment-warnings.c — what the advisor should know before approving
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment's time, read in the programme's zone, is worth a second look
 * when it lies in the past (it goes at once, or is held as overdue), at
 * night (22:00–07:00), at the weekend or on a Dutch public holiday
 * (model/helder-holidays.c), and when the moment comes after what it is
 * about. What a moment is about the model knows in one place: its phase.
 * A moment of a phase that has ended by its day tells people about
 * something that is over. (A gate's decision is told after it falls, by
 * design; a meeting moment is the meeting itself.)
 *
 * These are warnings, not errors: the advisor may approve anyway.
 */
#define G_LOG_DOMAIN "helder-moment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-holidays.h"
#include "services/views/helder-lateness.h"
#include "services/delivery/helder-moment-warnings.h"

#define NIGHT_FROM  22
#define NIGHT_UNTIL 7

static void
add (JsonArray *warnings, const char *code, char *message)
{
  JsonObject *w = json_object_new ();

  json_object_set_string_member (w, "code", code);
  json_object_set_string_member (w, "message", message);
  json_array_add_object_element (warnings, w);
  g_free (message);
}

/* The phase's name and last day, when the moment has a phase. */
static gboolean
phase_end (HelderStore *store, const char *phase, char **name, char **ends_on, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name, ends_on FROM phase WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, phase, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *ends_on = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

static void
check_past (HelderStore *store, JsonArray *warnings, GDateTime *when, GDateTime *now)
{
  gint64 minutes = g_date_time_difference (now, when) / G_TIME_SPAN_MINUTE;
  g_autofree char *late = NULL;

  if (g_date_time_compare (when, now) >= 0)
    return;
  late = helder_lateness_describe (minutes);
  if (minutes > (gint64) helder_lateness_grace_minutes (store))
    add (
      warnings, "past",
      g_strdup_printf (
        _ (
          "The time is in the past (%s ago), more than the grace period: the moment is held as overdue until you send it anyway or reschedule it."),
        late));
  else
    add (
      warnings, "past",
      g_strdup_printf (_ ("The time is in the past (%s ago): the moment goes out at once."), late));
}

static void
check_calendar (JsonArray *warnings, GDateTime *local)
{
  int hour = g_date_time_get_hour (local);
  int weekday = g_date_time_get_day_of_week (local);
  const char *holiday = helder_holidays_name ((guint) g_date_time_get_year (local),
                                              (guint) g_date_time_get_month (local),
                                              (guint) g_date_time_get_day_of_month (local));
  g_autofree char *clock = g_date_time_format (local, "%H:%M");
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

  if (hour >= NIGHT_FROM || hour < NIGHT_UNTIL)
    add (
      warnings, "night",
      g_strdup_printf (_ ("%s is at night (between %02d:00 and %02d:00): few people read it then."),
                       clock, NIGHT_FROM, NIGHT_UNTIL));
  if (weekday >= 6)
    add (warnings, "weekend",
         g_strdup_printf (weekday == 6 ? _ ("%s is a Saturday: most people do not work then.")
                                       : _ ("%s is a Sunday: most people do not work then."),
                          day));
  if (holiday != NULL)
    add (warnings, "holiday",
         g_strdup_printf (_ ("%s is %s, a public holiday: most people do not work then."), day,
                          holiday));
}

/**
 * helder_moment_warnings_list:
 * @store: a #HelderStore
 * @moment: a moment as helder_repo_get() reads it (scheduled_at, phase)
 * @now: (nullable): UTC "…Z"; %NULL for the current time
 * @error: set when the store fails
 *
 * Returns: (transfer full): `[{"code": "past" | "night" | "weekend" |
 *   "holiday" | "after-event", "message": …}]`, empty when the time is fine
 */
JsonArray *
helder_moment_warnings_list (HelderStore *store,
                             JsonObject *moment,
                             const char *now_in,
                             GError **error)
{
  g_autoptr (JsonArray) warnings = json_array_new ();
  g_autofree char *now_text = now_in != NULL ? g_strdup (now_in) : helder_clock_now_utc ();
  const char *scheduled_at =
    json_object_get_string_member_with_default (moment, "scheduled_at", NULL);
  const char *phase = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 (now_text, NULL);

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  when = scheduled_at != NULL ? g_date_time_new_from_iso8601 (scheduled_at, NULL) : NULL;
  if (when == NULL || now == NULL)
    return g_steal_pointer (&warnings);
  local = g_date_time_to_timezone (when, helder_clock_zone ());

  check_past (store, warnings, when, now);
  check_calendar (warnings, local);

  if (json_object_has_member (moment, "phase") && !json_object_get_null_member (moment, "phase"))
    phase = json_object_get_string_member (moment, "phase");
  if (phase != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *ends_on = NULL;
      g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

      if (!phase_end (store, phase, &name, &ends_on, error))
        return NULL;
      if (ends_on != NULL && g_strcmp0 (day, ends_on) > 0)
        add (
          warnings, "after-event",
          g_strdup_printf (
            _ (
              "%s is after the end of its phase “%s” (%s): it tells people about something that is over."),
            day, name, ends_on));
    }
  return g_steal_pointer (&warnings);
}

/**
 * helder_moment_warnings_text:
 * @warnings: from helder_moment_warnings_list()
 *
 * Returns: (transfer full): one line per warning, each ending in a newline
 */
char *
helder_moment_warnings_text (JsonArray *warnings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    g_string_append_printf (
      text, _ ("Warning: %s\n"),
      json_object_get_string_member (json_array_get_object_element (warnings, i), "message"));
  return g_string_free (text, FALSE);
}
