/* helder-status.c — where the programme stands, on one screen
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facts an advisor needs first: the phase running today, the next gate
 * and its open criteria, role changes by status, commitments open, late and
 * broken (the late ones named), and the moments of the next two weeks. The
 * result is JSON so that the CLI, `--json` and later the dashboard show the
 * same thing.
 */
#define G_LOG_DOMAIN "helder-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-hr.h"
#include "services/views/helder-lateness.h"
#include "services/views/helder-reach.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-status.h"

static JsonObject *
first_row (JsonArray *rows)
{
  if (rows == NULL || json_array_get_length (rows) == 0)
    return NULL;
  return json_object_ref (json_array_get_object_element (rows, 0));
}

static gint64
days_between (const char *from, const char *to)
{
  GDate a, b;

  if (!helder_date_parse (from, &a) || !helder_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

static gboolean
add_counts (HelderStore *store,
            JsonObject *status,
            const char *member,
            const char *sql,
            const char *today,
            const char *const *keys,
            GError **error)
{
  g_autoptr (JsonArray) rows = helder_repo_query_rows (store, sql, today, today, error);
  JsonObject *counts;

  if (rows == NULL)
    return FALSE;
  counts = json_object_new ();
  for (guint i = 0; keys[i] != NULL; i++)
    json_object_set_int_member (counts, keys[i], 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      json_object_set_int_member (counts, json_object_get_string_member (row, "status"),
                                  json_object_get_int_member (row, "n"));
    }
  json_object_set_object_member (status, member, counts);
  return TRUE;
}

/* "overdue": the moments held because they are more than the grace
 * period late (services/views/helder-lateness.c), and "overdue" with
 * "late_minutes" on those among @moments. That is a fact of now: on
 * another day than today the list is empty. */
static gboolean
add_overdue (HelderStore *store,
             JsonObject *status,
             JsonArray *moments,
             const char *today,
             GError **error)
{
  g_autofree char *now_today = helder_clock_today ();
  g_autoptr (JsonArray) overdue = NULL;

  overdue = g_strcmp0 (today, now_today) == 0 ? helder_lateness_list (store, NULL, error)
                                              : json_array_new ();
  if (overdue == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      gint64 id = json_object_get_int_member (m, "id");

      json_object_set_boolean_member (m, "overdue", FALSE);
      for (guint j = 0; j < json_array_get_length (overdue); j++)
        {
          JsonObject *o = json_array_get_object_element (overdue, j);

          if (json_object_get_int_member (o, "moment") != id)
            continue;
          json_object_set_boolean_member (m, "overdue", TRUE);
          json_object_set_int_member (m, "late_minutes",
                                      json_object_get_int_member (o, "late_minutes"));
        }
    }
  json_object_set_array_member (status, "overdue", g_steal_pointer (&overdue));
  return TRUE;
}

/* "sent": the moments sent in the last HELDER_STATUS_HORIZON_DAYS days,
 * with their reach from the outbox (never their audience of today). */
static gboolean
add_sent (HelderStore *store, JsonObject *status, const char *today, GError **error)
{
  g_autofree char *since = helder_date_add_days (today, -HELDER_STATUS_HORIZON_DAYS);
  JsonArray *sent = helder_reach_sent_between (store, since, today, error);

  if (sent == NULL)
    return FALSE;
  json_object_set_array_member (status, "sent", sent);
  return TRUE;
}

/**
 * helder_status_compute:
 * @today: (nullable): YYYY-MM-DD, %NULL for the local date
 *
 * Returns: (transfer full): the status as JSON: programme, today, phases
 *   (with state done/current/planned), current_phase, next_gate (with
 *   open_criteria), role_changes (count per status, undecided),
 *   placements (over_placed: the roles with more people intended or
 *   confirmed than FTE, as helder_hr_over_placed() gives them),
 *   commitments (count per effective status, late_items: the late ones),
 *   moments (the next HELDER_STATUS_HORIZON_DAYS days, with audience size,
 *   "overdue" and "late_minutes"), sent (the moments sent in the last
 *   HELDER_STATUS_HORIZON_DAYS days, newest first, each with its reach from
 *   the outbox: helder_reach_sent_between()), overdue
 *   (helder_lateness_list(), today only)
 */
JsonObject *
helder_status_compute (HelderStore *store, const char *today_in, GError **error)
{
  static const char *const change_keys[] = { "draft",    "decided",   "discussed",
                                             "accepted", "objection", NULL };
  static const char *const commitment_keys[] = {
    "open", "late", "kept", "broken", "withdrawn", NULL
  };
  g_autofree char *today = today_in ? g_strdup (today_in) : helder_clock_today ();
  g_autofree char *horizon = helder_date_add_days (today, HELDER_STATUS_HORIZON_DAYS);
  g_autoptr (JsonObject) status = json_object_new ();
  g_autoptr (JsonObject) programme = NULL;
  g_autoptr (JsonArray) phases = NULL;
  g_autoptr (JsonArray) gates = NULL;
  g_autoptr (JsonArray) late = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) undecided = NULL;
  JsonObject *current = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (horizon == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a date (use YYYY-MM-DD)"), today);
      return NULL;
    }

  json_object_set_string_member (status, "today", today);

  {
    g_autoptr (JsonArray) rows = helder_repo_query_rows (
      store, "SELECT name, organisation, starts_on, ends_on, time_zone FROM programme", today,
      horizon, error);
    if (rows == NULL)
      return NULL;
    programme = first_row (rows);
  }
  if (programme != NULL)
    json_object_set_object_member (status, "programme", json_object_ref (programme));
  else
    json_object_set_null_member (status, "programme");

  phases = helder_repo_query_rows (
    store,
    "SELECT key, name, starts_on, ends_on,"
    " CASE WHEN ends_on < ?1 THEN 'done' WHEN starts_on <= ?1 THEN 'current'"
    " ELSE 'planned' END AS state"
    " FROM phase ORDER BY position, key",
    today, horizon, error);
  if (phases == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (phases); i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      if (current == NULL &&
          g_str_equal (json_object_get_string_member (phase, "state"), "current"))
        {
          current = phase;
          json_object_set_int_member (
            phase, "day",
            days_between (json_object_get_string_member (phase, "starts_on"), today) + 1);
          json_object_set_int_member (
            phase, "days",
            days_between (json_object_get_string_member (phase, "starts_on"),
                          json_object_get_string_member (phase, "ends_on")) +
              1);
        }
    }
  json_object_set_array_member (status, "phases", json_array_ref (phases));
  if (current != NULL)
    json_object_set_object_member (status, "current_phase", json_object_ref (current));
  else
    json_object_set_null_member (status, "current_phase");

  gates = helder_repo_query_rows (
    store,
    "SELECT g.slug, g.name, g.phase, g.decide_on,"
    " (SELECT count(*) FROM gate_criterion c WHERE c.gate = g.slug) AS criteria"
    " FROM gate g WHERE g.decision IS NULL OR g.decision = 'postponed'"
    " ORDER BY g.decide_on, g.slug LIMIT 1",
    today, horizon, error);
  if (gates == NULL)
    return NULL;
  if (json_array_get_length (gates) > 0)
    {
      JsonObject *gate = json_array_get_object_element (gates, 0);
      g_autoptr (HelderStmt) stmt = NULL;
      JsonArray *open = json_array_new ();
      int rc;

      json_object_set_int_member (
        gate, "days_left", days_between (today, json_object_get_string_member (gate, "decide_on")));
      stmt = helder_store_prepare (store,
                                   "SELECT id, text, owner, status FROM gate_criterion"
                                   " WHERE gate = ?1 AND status != 'met' ORDER BY id",
                                   error);
      if (stmt == NULL)
        {
          json_array_unref (open);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, json_object_get_string_member (gate, "slug"), -1,
                         SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JsonObject *c = json_object_new ();
          json_object_set_int_member (c, "id", sqlite3_column_int64 (stmt, 0));
          json_object_set_string_member (c, "text", (const char *) sqlite3_column_text (stmt, 1));
          json_object_set_string_member (c, "owner", (const char *) sqlite3_column_text (stmt, 2));
          json_object_set_string_member (c, "status", (const char *) sqlite3_column_text (stmt, 3));
          json_array_add_object_element (open, c);
        }
      json_object_set_array_member (gate, "open_criteria", open);
      if (!helder_store_propagate (store, rc, error))
        return NULL;
      json_object_set_object_member (status, "next_gate", json_object_ref (gate));
    }
  else
    json_object_set_null_member (status, "next_gate");

  if (!add_counts (store, status, "role_changes",
                   "SELECT status, count(*) AS n FROM role_change GROUP BY status", today,
                   change_keys, error))
    return NULL;
  undecided = helder_repo_query_rows (
    store, "SELECT count(*) AS n FROM role_change WHERE to_role IS NULL", today, horizon, error);
  if (undecided == NULL)
    return NULL;
  json_object_set_int_member (
    json_object_get_object_member (status, "role_changes"), "undecided",
    json_object_get_int_member (json_array_get_object_element (undecided, 0), "n"));

  {
    g_autoptr (JsonArray) over = helder_hr_over_placed (store, error);
    JsonObject *placements;

    if (over == NULL)
      return NULL;
    placements = json_object_new ();
    json_object_set_array_member (placements, "over_placed", json_array_ref (over));
    json_object_set_object_member (status, "placements", placements);
  }

  if (!add_counts (
        store, status, "commitments",
        "SELECT CASE WHEN status = 'open' AND due_on < ?1 THEN 'late' ELSE status END AS status,"
        " count(*) AS n FROM commitment GROUP BY 1",
        today, commitment_keys, error))
    return NULL;
  late = helder_repo_query_rows (
    store,
    "SELECT id, text, made_by, due_on, CAST (julianday (?1) - julianday (due_on) AS INTEGER)"
    " AS days_late FROM commitment WHERE status = 'open' AND due_on < ?1"
    " ORDER BY due_on, id",
    today, horizon, error);
  if (late == NULL)
    return NULL;
  json_object_set_array_member (json_object_get_object_member (status, "commitments"), "late_items",
                                json_array_ref (late));

  /* Moments from today up to and including the horizon day, local dates. */
  moments = helder_repo_query_rows (store,
                                    "SELECT id, title, scheduled_at, status,"
                                    " audience_filter IS NOT NULL AS filtered FROM moment"
                                    " WHERE status IN ('draft', 'approved')"
                                    " AND local_date (scheduled_at) BETWEEN ?1 AND ?2"
                                    " ORDER BY scheduled_at, id",
                                    today, horizon, error);
  if (moments == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      g_autoptr (GArray) people =
        helder_audience_resolve (store, json_object_get_int_member (m, "id"), error);
      if (people == NULL)
        return NULL;
      /* A plugin's filter narrows the audience when the moment is sent
       * (a reminder: only who has not answered): until then this is the
       * most it can reach, and "filtered" says so. */
      json_object_set_int_member (m, "audience", people->len);
      json_object_set_boolean_member (m, "filtered", json_object_get_int_member (m, "filtered"));
    }
  json_object_set_array_member (status, "moments", json_array_ref (moments));
  if (!add_sent (store, status, today, error))
    return NULL;

  if (!add_overdue (store, status, moments, today, error))
    return NULL;
  return g_steal_pointer (&status);
}
