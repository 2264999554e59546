/* helder-scheduler-problems.c — due moments that are not sent, and why
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `helder send`, `helder outbox`, `helder serve` and the API report
 * after a round of the scheduler (helder-scheduler.c): the moments held
 * because they are more than the grace period late
 * (services/views/helder-lateness.c), those nobody is in the audience
 * of, and those whose audience filter no loaded plugin registered.
 */
#define G_LOG_DOMAIN "helder-scheduler"

#include "config.h"

#include "helder-clock.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-audience-filter.h"
#include "services/views/helder-lateness.h"
#include "services/delivery/helder-scheduler.h"

/* A moment that is a meeting is core's own, not a delivery channel. */
#define MEETING "meeting"

/**
 * helder_scheduler_problems_full:
 * @store: a #HelderStore
 * @now: (nullable): UTC "…Z"; %NULL for the current time
 * @audience_filters: (nullable) (element-type HelderAudienceFilter): the
 *   filters loaded plugins registered; %NULL: none
 * @error: set when the store fails
 *
 * Due approved moments that are not sent: those more than the grace
 * period late that nobody released (the advisor sends them anyway,
 * reschedules or cancels them), those nobody is in the audience of, after
 * their audience filter (the advisor widens the audience or cancels them),
 * and those whose audience filter is not registered because its plugin is
 * not loaded (load the plugin or cancel them).
 *
 * Returns: (transfer full): `[{"moment": ID, "title": …, "scheduled_at": …,
 *   "problem": "empty-audience"}, {… "problem": "filter-missing",
 *   "filter": "NAME"}, {"moment": ID, "title": …, "scheduled_at": …,
 *   "problem": "overdue", "due_local": "2026-12-04 11:00", "late_minutes": N,
 *   "actions": ["send-now", "reschedule", "cancel"]}]`, the overdue ones first
 */
JsonArray *
helder_scheduler_problems_full (HelderStore *store,
                                const char *now_in,
                                GPtrArray *audience_filters,
                                GError **error)
{
  g_autofree char *now = now_in != NULL ? g_strdup (now_in) : helder_clock_now_utc ();
  g_autofree char *overdue_before = NULL;
  g_autoptr (JsonArray) problems = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  problems = helder_lateness_list (store, now, error);
  if (problems == NULL)
    return NULL;
  overdue_before = helder_lateness_cutoff (now, helder_lateness_grace_minutes (store));
  /* Due, not overdue (or released), and nobody to send it to. */
  stmt =
    helder_store_prepare (store,
                          "SELECT m.id, m.title, m.scheduled_at, m.audience_filter FROM moment m"
                          " WHERE m.status = 'approved' AND m.scheduled_at <= ?1"
                          " AND (m.scheduled_at >= ?2 OR EXISTS (SELECT 1 FROM moment_release r"
                          "                                      WHERE r.moment = m.id))"
                          " AND EXISTS (SELECT 1 FROM moment_channel c WHERE c.moment = m.id"
                          "             AND c.channel <> '" MEETING "')"
                          " ORDER BY m.scheduled_at, m.id",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, overdue_before, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *filter = (const char *) sqlite3_column_text (stmt, 3);
      g_autoptr (GArray) audience = helder_audience_resolve (store, id, error);
      gboolean applied = FALSE;
      JsonObject *problem;

      if (audience == NULL || !helder_audience_filter_apply (store, audience_filters, filter,
                                                             audience, &applied, error))
        return NULL;
      if (applied && audience->len > 0)
        continue;
      problem = json_object_new ();
      json_object_set_int_member (problem, "moment", id);
      json_object_set_string_member (problem, "title",
                                     (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (problem, "scheduled_at",
                                     (const char *) sqlite3_column_text (stmt, 2));
      if (!applied)
        {
          g_autofree char *name = NULL;
          g_autofree char *argument = NULL;

          helder_audience_filter_split (filter, &name, &argument);
          json_object_set_string_member (problem, "problem", "filter-missing");
          json_object_set_string_member (problem, "filter", name != NULL ? name : filter);
        }
      else
        json_object_set_string_member (problem, "problem", "empty-audience");
      json_array_add_object_element (problems, problem);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&problems);
}

/**
 * helder_scheduler_problems:
 *
 * helder_scheduler_problems_full() with no audience filters registered.
 */
JsonArray *
helder_scheduler_problems (HelderStore *store, const char *now, GError **error)
{
  return helder_scheduler_problems_full (store, now, NULL, error);
}
