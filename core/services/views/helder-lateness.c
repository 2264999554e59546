/* helder-lateness.c — which moments are overdue, and how late
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rule, for the scheduler that holds them and for status and the
 * dashboard that show them: a moment is overdue when it is approved, has
 * something to deliver (a channel other than "meeting"), its time lies
 * more than the grace period (delivery.grace_minutes) in the past, and
 * the advisor did not release it to be sent anyway (moment_release).
 */
#define G_LOG_DOMAIN "helder-lateness"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/access/helder-config.h"
#include "services/views/helder-lateness.h"

#define MAX_GRACE_MINUTES 10080

/**
 * helder_lateness_grace_minutes:
 * @store: a #HelderStore
 *
 * Returns: delivery.grace_minutes, or its default when it is not set
 */
guint
helder_lateness_grace_minutes (HelderStore *store)
{
  g_autofree char *value = helder_config_get (store, "delivery.grace_minutes", NULL);
  guint64 minutes;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 1, MAX_GRACE_MINUTES, &minutes, NULL))
    return HELDER_LATENESS_GRACE_MINUTES;
  return (guint) minutes;
}

/**
 * helder_lateness_cutoff:
 * @now: UTC "…Z"
 * @grace_minutes: the grace period
 *
 * Returns: (transfer full) (nullable): the UTC time before which a due
 *   moment is overdue, "…Z"; %NULL when @now is not a time
 */
char *
helder_lateness_cutoff (const char *now, guint grace_minutes)
{
  g_autoptr (GDateTime) utc = now != NULL ? g_date_time_new_from_iso8601 (now, NULL) : NULL;
  g_autoptr (GDateTime) before = NULL;

  if (utc == NULL)
    return NULL;
  before = g_date_time_add_minutes (utc, -(int) grace_minutes);
  return g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
}

/* An overdue moment as helder_lateness_list() reports it. */
static JsonObject *
overdue_item (gint64 id, const char *title, const char *scheduled_at, GDateTime *now)
{
  JsonObject *item = json_object_new ();
  g_autoptr (GDateTime) due = g_date_time_new_from_iso8601 (scheduled_at, NULL);
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *due_local = NULL;
  JsonArray *actions = json_array_new ();
  gint64 late = 0;

  if (due != NULL)
    {
      local = g_date_time_to_timezone (due, helder_clock_zone ());
      due_local = g_date_time_format (local, "%Y-%m-%d %H:%M");
      late = g_date_time_difference (now, due) / G_TIME_SPAN_MINUTE;
    }
  json_object_set_int_member (item, "moment", id);
  json_object_set_string_member (item, "title", title);
  json_object_set_string_member (item, "scheduled_at", scheduled_at);
  json_object_set_string_member (item, "problem", "overdue");
  json_object_set_string_member (item, "due_local", due_local != NULL ? due_local : scheduled_at);
  json_object_set_int_member (item, "late_minutes", late);
  json_array_add_string_element (actions, "send-now");
  json_array_add_string_element (actions, "reschedule");
  json_array_add_string_element (actions, "cancel");
  json_object_set_array_member (item, "actions", actions);
  return item;
}

/**
 * helder_lateness_list:
 * @store: a #HelderStore
 * @now: (nullable): UTC "…Z"; %NULL for the current time
 * @error: set when the store fails or @now is not a time
 *
 * Returns: (transfer full): the overdue moments, oldest first:
 *   `[{"moment": ID, "title": …, "scheduled_at": …, "problem": "overdue",
 *   "due_local": "2026-12-04 11:00", "late_minutes": N,
 *   "actions": ["send-now", "reschedule", "cancel"]}]`
 */
JsonArray *
helder_lateness_list (HelderStore *store, const char *now_in, GError **error)
{
  g_autoptr (JsonArray) overdue = json_array_new ();
  g_autofree char *now = now_in != NULL ? g_strdup (now_in) : helder_clock_now_utc ();
  g_autofree char *cutoff = helder_lateness_cutoff (now, helder_lateness_grace_minutes (store));
  g_autoptr (GDateTime) now_time = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (cutoff == NULL || now_time == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a time (use YYYY-MM-DDTHH:MM:SSZ)"), now);
      return NULL;
    }
  stmt = helder_store_prepare (
    store,
    "SELECT m.id, m.title, m.scheduled_at FROM moment m"
    " WHERE m.status = 'approved' AND m.scheduled_at < ?1"
    " AND NOT EXISTS (SELECT 1 FROM moment_release r WHERE r.moment = m.id)"
    " AND EXISTS (SELECT 1 FROM moment_channel c WHERE c.moment = m.id AND c.channel <> 'meeting')"
    " ORDER BY m.scheduled_at, m.id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, cutoff, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (
      overdue,
      overdue_item (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                    (const char *) sqlite3_column_text (stmt, 2), now_time));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&overdue);
}

/**
 * helder_lateness_describe:
 * @minutes: how late, in minutes
 *
 * Returns: (transfer full): "45 min", "3 h 5 min", "2 days 4 h"
 */
char *
helder_lateness_describe (gint64 minutes)
{
  if (minutes < 0)
    minutes = 0;
  if (minutes < 60)
    /* TRANSLATORS: how late a moment is, in minutes */
    return g_strdup_printf (_ ("%" PRId64 " min"), minutes);
  if (minutes < 48 * 60)
    /* TRANSLATORS: how late a moment is, in hours and minutes */
    return g_strdup_printf (_ ("%" PRId64 " h %" PRId64 " min"), minutes / 60, minutes % 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " day %" PRId64 " h",
                                       "%" PRId64 " days %" PRId64 " h",
                                       (gulong) (minutes / (24 * 60))),
                          minutes / (24 * 60), (minutes / 60) % 24);
}
