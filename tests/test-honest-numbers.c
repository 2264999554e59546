/* test-honest-numbers.c — every count Helder shows, recomputed by brute force
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: every count a page, e-mail or CLI shows is what the records
 * say now, and a test can recompute it by brute force. This one reads the
 * rows through the repository and the outbox listing (no SQL of its own),
 * counts in C, and compares with what the views compute:
 *
 * - `helder status` and /api/v1/status (helder_status_compute()): role
 *   changes per status and undecided, commitments per effective status and
 *   the late ones, the next gate with its criteria and open ones, the
 *   moments of the next 14 days with their audience, the moments sent in
 *   the last 14 days with their reach;
 * - the dashboard (helder_insights_compute(), whose figures the tiles
 *   show): the ledger counts, role changes per status in total and per
 *   group, group members, every heat-map cell (messages, moments,
 *   overload, silence) and so the overload and silence tiles, each gate's
 *   criteria and open criteria;
 * - a moment's reach (helder_reach_get()): per channel and in total the
 *   people with a message, delivered, read, waiting, given up, and the
 *   people of today's audience who joined later — after newsletter #15
 *   went out and people were added, as in issue 12;
 *
 * (What the people who joined later read of it: test-web-numbers.)
 * Each on the demo programme and on a generated 10,000-person programme.
 */
#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "model/helder-date.h"
#include "model/helder-entity.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-scheduler.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-insights.h"
#include "services/views/helder-personal.h"
#include "services/views/helder-reach.h"
#include "services/views/helder-status.h"

/* The demo's newsletter that goes out on the test's day at 11:00. */
#define NEWSLETTER 15

typedef struct
{
  char *path;
  HelderStore *store;
  char *today;
  GTimeZone *zone;
  JsonArray *people;
  JsonArray *changes;
  JsonArray *commitments;
  JsonArray *gates;
  JsonArray *criteria;
  JsonArray *moments;
  JsonArray *groups;
  GHashTable *change_of; /* person id → role change */
  GHashTable *person_of; /* person id → person */
} World;

static const char *
s (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static gint64
n (JsonObject *object, const char *name)
{
  return json_object_get_int_member_with_default (object, name, -1);
}

static gboolean
has_string (JsonArray *array, const char *value)
{
  for (guint i = 0; array != NULL && value != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_int (JsonArray *array, gint64 value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (json_array_get_int_element (array, i) == value)
      return TRUE;
  return FALSE;
}

static JsonArray *
list (HelderStore *store, const char *entity)
{
  g_autoptr (GError) error = NULL;
  JsonArray *rows = helder_repo_list (store, helder_entity_lookup (entity), NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static void
world_read (World *w)
{
  g_clear_pointer (&w->people, json_array_unref);
  g_clear_pointer (&w->changes, json_array_unref);
  g_clear_pointer (&w->commitments, json_array_unref);
  g_clear_pointer (&w->gates, json_array_unref);
  g_clear_pointer (&w->criteria, json_array_unref);
  g_clear_pointer (&w->moments, json_array_unref);
  g_clear_pointer (&w->groups, json_array_unref);
  g_clear_pointer (&w->change_of, g_hash_table_unref);
  g_clear_pointer (&w->person_of, g_hash_table_unref);
  w->people = list (w->store, "person");
  w->changes = list (w->store, "role_change");
  w->commitments = list (w->store, "commitment");
  w->gates = list (w->store, "gate");
  w->criteria = list (w->store, "criterion");
  w->moments = list (w->store, "moment");
  w->groups = list (w->store, "group");
  w->change_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  w->person_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (w->people); i++)
    {
      JsonObject *person = json_array_get_object_element (w->people, i);

      g_hash_table_insert (w->person_of, g_memdup2 (&(gint64){ n (person, "id") }, sizeof (gint64)),
                           person);
    }
  for (guint i = 0; i < json_array_get_length (w->changes); i++)
    {
      JsonObject *rc = json_array_get_object_element (w->changes, i);

      g_hash_table_insert (w->change_of, g_memdup2 (&(gint64){ n (rc, "person") }, sizeof (gint64)),
                           rc);
    }
}

static void
world_setup (World *w, gconstpointer data)
{
  guint people = GPOINTER_TO_UINT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) programme = NULL;

  w->store = helder_test_store_new (&w->path);
  g_assert_true (helder_demo_load (w->store, NULL, people, &error));
  g_assert_no_error (error);
  w->today = helder_clock_today ();
  programme = list (w->store, "programme");
  w->zone = g_time_zone_new_identifier (
    s (json_array_get_object_element (programme, 0), "time_zone") ?: "Europe/Amsterdam");
  g_assert_nonnull (w->zone);
  world_read (w);
  if (people > 0)
    g_assert_cmpuint (json_array_get_length (w->people), ==, people);
}

static void
world_teardown (World *w, gconstpointer data)
{
  g_clear_pointer (&w->people, json_array_unref);
  g_clear_pointer (&w->changes, json_array_unref);
  g_clear_pointer (&w->commitments, json_array_unref);
  g_clear_pointer (&w->gates, json_array_unref);
  g_clear_pointer (&w->criteria, json_array_unref);
  g_clear_pointer (&w->moments, json_array_unref);
  g_clear_pointer (&w->groups, json_array_unref);
  g_clear_pointer (&w->change_of, g_hash_table_unref);
  g_clear_pointer (&w->person_of, g_hash_table_unref);
  g_clear_pointer (&w->zone, g_time_zone_unref);
  g_clear_object (&w->store);
  helder_test_remove_db (w->path);
  g_free (w->path);
  g_free (w->today);
  helder_clock_init_from_env (NULL);
}

/* The local date of a UTC timestamp in the programme's zone. */
static char *
local_date (World *w, const char *utc)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr (GDateTime) local = NULL;

  g_assert_nonnull (at);
  local = g_date_time_to_timezone (at, w->zone);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* ---- the audience, from the rows ---------------------------------------------- */

static gboolean
in_audience (World *w, JsonObject *moment, JsonObject *person)
{
  gint64 id = n (person, "id");
  JsonObject *change = g_hash_table_lookup (w->change_of, &id);
  JsonArray *groups = json_object_get_array_member (person, "groups");
  const char *status = change ? s (change, "status") : NULL;

  for (guint g = 0; g < json_array_get_length (groups); g++)
    if (has_string (json_object_get_array_member (moment, "groups"),
                    json_array_get_string_element (groups, g)))
      return TRUE;
  if (has_string (json_object_get_array_member (moment, "roles"), s (person, "role")))
    return TRUE;
  if (change != NULL &&
      (g_strcmp0 (status, "discussed") == 0 || g_strcmp0 (status, "accepted") == 0 ||
       g_strcmp0 (status, "objection") == 0) &&
      has_string (json_object_get_array_member (moment, "roles"), s (change, "to_role")))
    return TRUE;
  if (has_int (json_object_get_array_member (moment, "persons"), id))
    return TRUE;
  return change != NULL && has_string (json_object_get_array_member (moment, "statuses"), status);
}

/* Returns: a set of the ids (gint64 *, owned) in @moment's audience. */
static GHashTable *
audience (World *w, JsonObject *moment)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (w->people); i++)
    {
      JsonObject *person = json_array_get_object_element (w->people, i);

      if (in_audience (w, moment, person))
        g_hash_table_add (set, g_memdup2 (&(gint64){ n (person, "id") }, sizeof (gint64)));
    }
  return set;
}

static JsonObject *
moment_by_id (World *w, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (w->moments); i++)
    if (n (json_array_get_object_element (w->moments, i), "id") == id)
      return json_array_get_object_element (w->moments, i);
  g_assert_not_reached ();
}

/* ---- status --------------------------------------------------------------------- */

static const char *
effective (World *w, JsonObject *commitment)
{
  if (g_strcmp0 (s (commitment, "status"), "open") == 0 &&
      g_strcmp0 (s (commitment, "due_on"), w->today) < 0)
    return "late";
  return s (commitment, "status");
}

static void
check_change_counts (World *w, JsonObject *counts, gboolean with_overdue)
{
  static const char *const keys[] = { "draft", "decided", "discussed", "accepted", "objection" };
  gint64 undecided = 0, overdue = 0;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gint64 count = 0;

      for (guint i = 0; i < json_array_get_length (w->changes); i++)
        count +=
          g_strcmp0 (s (json_array_get_object_element (w->changes, i), "status"), keys[k]) == 0;
      g_assert_cmpint (n (counts, keys[k]), ==, count);
    }
  for (guint i = 0; i < json_array_get_length (w->changes); i++)
    {
      JsonObject *rc = json_array_get_object_element (w->changes, i);

      if (s (rc, "to_role") != NULL)
        continue;
      undecided++;
      if (g_strcmp0 (s (rc, "decision_expected"), w->today) < 0)
        overdue++;
    }
  g_assert_cmpint (n (counts, "undecided"), ==, undecided);
  if (with_overdue)
    {
      g_assert_cmpint (n (counts, "overdue"), ==, overdue);
      g_assert_cmpint (n (counts, "total"), ==, json_array_get_length (w->changes));
    }
}

static void
check_commitment_counts (World *w, JsonObject *counts)
{
  static const char *const keys[] = { "open", "late", "kept", "broken", "withdrawn" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gint64 count = 0;

      for (guint i = 0; i < json_array_get_length (w->commitments); i++)
        count += g_strcmp0 (effective (w, json_array_get_object_element (w->commitments, i)),
                            keys[k]) == 0;
      g_assert_cmpint (n (counts, keys[k]), ==, count);
    }
}

static void
count_criteria (World *w, const char *gate, gint64 *total, gint64 *open)
{
  *total = *open = 0;
  for (guint i = 0; i < json_array_get_length (w->criteria); i++)
    {
      JsonObject *c = json_array_get_object_element (w->criteria, i);

      if (g_strcmp0 (s (c, "gate"), gate) != 0)
        continue;
      (*total)++;
      *open += g_strcmp0 (s (c, "status"), "met") != 0;
    }
}

static void
check_next_gate (World *w, JsonObject *status)
{
  JsonObject *best = NULL;
  JsonNode *next = json_object_get_member (status, "next_gate");
  gint64 total, open;

  for (guint i = 0; i < json_array_get_length (w->gates); i++)
    {
      JsonObject *g = json_array_get_object_element (w->gates, i);
      int order;

      if (s (g, "decision") != NULL && g_strcmp0 (s (g, "decision"), "postponed") != 0)
        continue;
      order = best ? g_strcmp0 (s (g, "decide_on"), s (best, "decide_on")) : -1;
      if (order < 0 || (order == 0 && g_strcmp0 (s (g, "slug"), s (best, "slug")) < 0))
        best = g;
    }
  if (best == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (next));
      return;
    }
  g_assert_cmpstr (s (json_node_get_object (next), "slug"), ==, s (best, "slug"));
  {
    GDate from, to;

    g_assert_true (helder_date_parse (w->today, &from));
    g_assert_true (helder_date_parse (s (best, "decide_on"), &to));
    g_assert_cmpint (n (json_node_get_object (next), "days_left"), ==,
                     g_date_days_between (&from, &to));
  }
  count_criteria (w, s (best, "slug"), &total, &open);
  g_assert_cmpint (n (json_node_get_object (next), "criteria"), ==, total);
  g_assert_cmpint (json_array_get_length (
                     json_object_get_array_member (json_node_get_object (next), "open_criteria")),
                   ==, open);
}

static int
compare_scheduled (gconstpointer a, gconstpointer b)
{
  JsonObject *ma = *(JsonObject **) a, *mb = *(JsonObject **) b;
  int order = g_strcmp0 (s (ma, "scheduled_at"), s (mb, "scheduled_at"));

  return order != 0 ? order : (n (ma, "id") > n (mb, "id")) - (n (ma, "id") < n (mb, "id"));
}

/* The moments with one of @statuses whose local date lies from @from to @to,
 * by time (@newest_first: the other way round). */
static GPtrArray *
moments_between (World *w,
                 const char *const *statuses,
                 const char *from,
                 const char *to,
                 gboolean newest_first)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (w->moments); i++)
    {
      JsonObject *m = json_array_get_object_element (w->moments, i);
      g_autofree char *day = local_date (w, s (m, "scheduled_at"));

      if (g_strv_contains (statuses, s (m, "status")) && g_strcmp0 (day, from) >= 0 &&
          g_strcmp0 (day, to) <= 0)
        g_ptr_array_add (found, m);
    }
  g_ptr_array_sort (found, compare_scheduled);
  if (newest_first)
    for (guint i = 0; i < found->len / 2; i++)
      {
        gpointer t = found->pdata[i];
        found->pdata[i] = found->pdata[found->len - 1 - i];
        found->pdata[found->len - 1 - i] = t;
      }
  return found;
}

static void check_reach (World *w, JsonArray *rows, JsonObject *moment, JsonObject *reach);

static JsonObject *
find_row (JsonArray *rows, gint64 id)
{
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    if (n (json_array_get_object_element (rows, i), "id") == id)
      return json_array_get_object_element (rows, i);
  return NULL;
}
static JsonArray *outbox_rows (World *w);

static void
check_status (World *w)
{
  static const char *const coming[] = { "draft", "approved", NULL };
  static const char *const sent[] = { "sent", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) status = helder_status_compute (w->store, w->today, &error);
  g_autofree char *horizon = helder_date_add_days (w->today, HELDER_STATUS_HORIZON_DAYS);
  g_autofree char *since = helder_date_add_days (w->today, -HELDER_STATUS_HORIZON_DAYS);
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (JsonArray) rows = outbox_rows (w);
  JsonArray *moments;
  JsonArray *late;
  gint64 n_late = 0;

  g_assert_no_error (error);
  check_change_counts (w, json_object_get_object_member (status, "role_changes"), FALSE);
  check_commitment_counts (w, json_object_get_object_member (status, "commitments"));
  late = json_object_get_array_member (json_object_get_object_member (status, "commitments"),
                                       "late_items");
  for (guint i = 0; i < json_array_get_length (w->commitments); i++)
    {
      JsonObject *c = json_array_get_object_element (w->commitments, i);
      gboolean listed = FALSE;

      if (g_strcmp0 (effective (w, c), "late") != 0)
        continue;
      n_late++;
      for (guint j = 0; j < json_array_get_length (late); j++)
        listed |= n (json_array_get_object_element (late, j), "id") == n (c, "id");
      g_assert_true (listed);
    }
  g_assert_cmpint (json_array_get_length (late), ==, n_late);
  check_next_gate (w, status);

  moments = json_object_get_array_member (status, "moments");
  expected = moments_between (w, coming, w->today, horizon, FALSE);
  g_assert_cmpuint (json_array_get_length (moments), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      JsonObject *got = json_array_get_object_element (moments, i);
      g_autoptr (GHashTable) people = audience (w, g_ptr_array_index (expected, i));

      g_assert_cmpint (n (got, "id"), ==, n (g_ptr_array_index (expected, i), "id"));
      g_assert_cmpint (n (got, "audience"), ==, g_hash_table_size (people));
    }

  moments = json_object_get_array_member (status, "sent");
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = moments_between (w, sent, since, w->today, TRUE);
  g_assert_cmpuint (json_array_get_length (moments), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      JsonObject *got = json_array_get_object_element (moments, i);

      g_assert_cmpint (n (got, "id"), ==, n (g_ptr_array_index (expected, i), "id"));
      check_reach (w, rows, g_ptr_array_index (expected, i),
                   json_object_get_object_member (got, "reach"));
    }
}

/* ---- the dashboard --------------------------------------------------------------- */

static gboolean
in_group (JsonObject *person, const char *group)
{
  return has_string (json_object_get_array_member (person, "groups"), group);
}

static void
check_role_changes_per_group (World *w, JsonArray *rows)
{
  static const char *const keys[] = { "draft", "decided", "discussed", "accepted", "objection" };

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
      gint64 counts[G_N_ELEMENTS (keys)] = { 0 };
      gint64 total = 0, undecided = 0, overdue = 0;

      for (guint i = 0; i < json_array_get_length (w->people); i++)
        {
          JsonObject *person = json_array_get_object_element (w->people, i);
          gint64 id = n (person, "id");
          JsonObject *rc = g_hash_table_lookup (w->change_of, &id);

          if (rc == NULL || !in_group (person, s (row, "slug")))
            continue;
          total++;
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            counts[k] += g_strcmp0 (s (rc, "status"), keys[k]) == 0;
          if (s (rc, "to_role") == NULL)
            {
              undecided++;
              overdue += g_strcmp0 (s (rc, "decision_expected"), w->today) < 0;
            }
        }
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_cmpint (n (row, keys[k]), ==, counts[k]);
      {
        gint64 members = 0;

        for (guint i = 0; i < json_array_get_length (w->people); i++)
          members += in_group (json_array_get_object_element (w->people, i), s (row, "slug"));
        g_assert_cmpint (n (row, "members"), ==, members);
      }
      g_assert_cmpint (n (row, "total"), ==, total);
      g_assert_cmpint (n (row, "undecided"), ==, undecided);
      g_assert_cmpint (n (row, "overdue"), ==, overdue);
    }
}

/* The messages the members of a group receive in @week from @moments,
 * and how many of @moments reach at least one of them. */
static void
count_week (World *w,
            GPtrArray *moments,
            GPtrArray *audiences,
            JsonObject *week,
            GArray *members,
            gint64 *messages,
            gint64 *reaching)
{
  for (guint m = 0; m < moments->len; m++)
    {
      g_autofree char *day = local_date (w, s (g_ptr_array_index (moments, m), "scheduled_at"));
      gint64 here = 0;

      if (g_strcmp0 (day, s (week, "monday")) < 0 || g_strcmp0 (day, s (week, "sunday")) > 0)
        continue;
      for (guint p = 0; p < members->len; p++)
        here += g_hash_table_contains (g_ptr_array_index (audiences, m),
                                       &g_array_index (members, gint64, p));
      *messages += here;
      *reaching += here > 0;
    }
}

/* Every cell of the heat map: the messages a group's members receive in a
 * week (approved and sent moments, one per person whatever the channels),
 * overload and runs of silence; and the two tiles made of them. */
static void
check_heatmap (World *w, JsonObject *heatmap, gint64 *overload_tile, gint64 *silent_tile)
{
  static const char *const counted[] = { "approved", "sent", NULL };
  static const char *const drafts[] = { "draft", NULL };
  JsonArray *weeks = json_object_get_array_member (heatmap, "weeks");
  JsonArray *rows = json_object_get_array_member (heatmap, "groups");
  guint n_weeks = json_array_get_length (weeks);
  g_autoptr (GPtrArray) audiences =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr (GPtrArray) in_window = NULL;
  g_autoptr (GPtrArray) planned = NULL;
  g_autoptr (GPtrArray) planned_audiences =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  const char *from = s (json_array_get_object_element (weeks, 0), "monday");
  const char *to = s (json_array_get_object_element (weeks, n_weeks - 1), "sunday");

  in_window = moments_between (w, counted, from, to, FALSE);
  for (guint m = 0; m < in_window->len; m++)
    g_ptr_array_add (audiences, audience (w, g_ptr_array_index (in_window, m)));
  planned = moments_between (w, drafts, from, to, FALSE);
  for (guint m = 0; m < planned->len; m++)
    g_ptr_array_add (planned_audiences, audience (w, g_ptr_array_index (planned, m)));
  g_assert_cmpuint (json_array_get_length (rows), ==, json_array_get_length (w->groups));
  *overload_tile = *silent_tile = 0;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
      JsonArray *cells = json_object_get_array_member (row, "cells");
      g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree gint64 *reached = g_new0 (gint64, n_weeks);
      gint64 overload_weeks = 0, silent_weeks = 0;

      for (guint i = 0; i < json_array_get_length (w->people); i++)
        if (in_group (json_array_get_object_element (w->people, i), s (row, "slug")))
          g_array_append_val (members,
                              (gint64){ n (json_array_get_object_element (w->people, i), "id") });
      g_assert_cmpint (n (row, "members"), ==, members->len);
      g_assert_cmpuint (json_array_get_length (cells), ==, n_weeks);

      for (guint k = 0; k < n_weeks; k++)
        {
          JsonObject *week = json_array_get_object_element (weeks, k);
          JsonObject *cell = json_array_get_object_element (cells, k);
          gint64 messages = 0, moments = 0;
          gboolean overload;

          count_week (w, in_window, audiences, week, members, &messages, &moments);
          reached[k] = moments;
          {
            gint64 planned_messages = 0, planned_moments = 0;

            count_week (w, planned, planned_audiences, week, members, &planned_messages,
                        &planned_moments);
            g_assert_cmpint (n (cell, "planned"), ==, planned_messages);
            g_assert_cmpint (n (cell, "planned_moments"), ==, planned_moments);
          }
          overload =
            members->len > 0 && (double) messages / members->len >= HELDER_INSIGHTS_OVERLOAD - 1e-9;
          g_assert_cmpint (n (cell, "messages"), ==, messages);
          g_assert_cmpint (n (cell, "moments"), ==, moments);
          g_assert_cmpint (json_object_get_boolean_member (cell, "overload"), ==, overload);
          overload_weeks += overload;
        }
      /* Silence: runs of HELDER_INSIGHTS_SILENCE weeks or more without a message. */
      for (guint k = 0; k < n_weeks; k++)
        {
          guint start = k, end = k;
          gboolean silence = FALSE;

          if (members->len > 0 && reached[k] == 0)
            {
              while (start > 0 && reached[start - 1] == 0)
                start--;
              while (end + 1 < n_weeks && reached[end + 1] == 0)
                end++;
              silence = end - start + 1 >= HELDER_INSIGHTS_SILENCE;
            }
          g_assert_cmpint (
            json_object_get_boolean_member (json_array_get_object_element (cells, k), "silence"),
            ==, silence);
          silent_weeks += silence;
          if (silence &&
              json_object_get_boolean_member (json_array_get_object_element (weeks, k), "current"))
            (*silent_tile)++;
        }
      g_assert_cmpint (n (row, "overload_weeks"), ==, overload_weeks);
      g_assert_cmpint (n (row, "silent_weeks"), ==, silent_weeks);
      *overload_tile += overload_weeks;
    }
}

/* Each commitment once, with the people it was made to by name and how
 * many days it is late. */
static void
check_ledger (World *w, JsonArray *ledger)
{
  g_assert_cmpuint (json_array_get_length (ledger), ==, json_array_get_length (w->commitments));
  for (guint i = 0; i < json_array_get_length (w->commitments); i++)
    {
      JsonObject *c = json_array_get_object_element (w->commitments, i);
      JsonObject *row = find_row (ledger, n (c, "id"));
      gint64 days_late = 0;

      g_assert_nonnull (row);
      g_assert_cmpint (n (row, "persons"), ==,
                       json_array_get_length (json_object_get_array_member (c, "persons")));
      g_assert_cmpstr (s (row, "effective"), ==, effective (w, c));
      if (g_strcmp0 (effective (w, c), "late") == 0)
        {
          GDate due, today;

          g_assert_true (helder_date_parse (s (c, "due_on"), &due));
          g_assert_true (helder_date_parse (w->today, &today));
          days_late = g_date_days_between (&due, &today);
        }
      g_assert_cmpint (n (row, "days_late"), ==, days_late);
    }
}

static void
check_insights (World *w)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (w->store, w->today, &error);
  JsonArray *gates;
  JsonArray *groups;
  gint64 overload = 0, silent = 0;

  g_assert_no_error (error);
  check_commitment_counts (w, json_object_get_object_member (insights, "ledger_counts"));
  check_ledger (w, json_object_get_array_member (insights, "ledger"));
  check_change_counts (w, json_object_get_object_member (insights, "role_change_totals"), TRUE);
  check_role_changes_per_group (w, json_object_get_array_member (insights, "role_changes"));
  check_next_gate (w, insights);

  gates =
    json_object_get_array_member (json_object_get_object_member (insights, "timeline"), "gates");
  g_assert_cmpuint (json_array_get_length (gates), ==, json_array_get_length (w->gates));
  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *gate = json_array_get_object_element (gates, i);
      gint64 total, open;

      count_criteria (w, s (gate, "slug"), &total, &open);
      g_assert_cmpint (n (gate, "criteria"), ==, total);
      g_assert_cmpint (n (gate, "open_criteria"), ==, open);
    }

  check_heatmap (w, json_object_get_object_member (insights, "heatmap"), &overload, &silent);
  /* Every group of the heat map has its row of role changes, if any. */
  groups = json_object_get_array_member (insights, "role_changes");
  g_assert_cmpuint (json_array_get_length (groups), <=, json_array_get_length (w->groups));
  g_test_message ("tiles: %" G_GINT64_FORMAT " group-weeks with overload, %" G_GINT64_FORMAT
                  " groups silent now",
                  overload, silent);
}

/* ---- reach ------------------------------------------------------------------------ */

typedef struct
{
  GHashTable *people, *sent, *read, *pending, *failed; /* sets of person ids */
} Tally;

static void
tally_init (Tally *t)
{
  t->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  t->sent = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  t->read = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  t->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  t->failed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
tally_clear (Tally *t)
{
  g_hash_table_unref (t->people);
  g_hash_table_unref (t->sent);
  g_hash_table_unref (t->read);
  g_hash_table_unref (t->pending);
  g_hash_table_unref (t->failed);
}

static void
add_id (GHashTable *set, gint64 id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static void
tally_add (Tally *t, JsonObject *row)
{
  const char *status = s (row, "status");
  gint64 person = n (row, "person");

  add_id (t->people, person);
  if (g_strcmp0 (status, "sent") == 0)
    add_id (t->sent, person);
  if (s (row, "acknowledged_at") != NULL)
    add_id (t->read, person);
  if (g_strcmp0 (status, "dead") == 0)
    add_id (t->failed, person);
  else if (g_strcmp0 (status, "sent") != 0)
    add_id (t->pending, person);
}

static void
tally_check (Tally *t, JsonObject *counts)
{
  g_assert_cmpint (n (counts, "people"), ==, g_hash_table_size (t->people));
  g_assert_cmpint (n (counts, "sent"), ==, g_hash_table_size (t->sent));
  g_assert_cmpint (n (counts, "read"), ==, g_hash_table_size (t->read));
  g_assert_cmpint (n (counts, "pending"), ==, g_hash_table_size (t->pending));
  g_assert_cmpint (n (counts, "failed"), ==, g_hash_table_size (t->failed));
}

static JsonArray *
outbox_rows (World *w)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) page = helder_outbox_list (w->store, NULL, NULL, G_MAXINT, 0, &error);

  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (page, "items"));
}

/* Whether outbox row @row is @moment's message or one of its meeting's
 * invitations. */
static gboolean
row_of (JsonObject *row, gint64 moment)
{
  g_autofree char *message = g_strdup_printf ("moment:%" G_GINT64_FORMAT, moment);
  g_autofree char *invite = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":invite", moment);
  g_autofree char *reinvite = g_strconcat (invite, ":", NULL);
  const char *source = s (row, "source");

  return g_strcmp0 (source, message) == 0 || g_strcmp0 (source, invite) == 0 ||
         g_str_has_prefix (source, reinvite);
}

static void
check_reach (World *w, JsonArray *rows, JsonObject *moment, JsonObject *reach)
{
  g_autoptr (GHashTable) by_channel =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) people = audience (w, moment);
  JsonArray *channels = json_object_get_array_member (reach, "channels");
  g_autofree char *first_at = NULL;
  gint64 not_reached = 0, joined_later = 0;
  Tally all;
  GHashTableIter iter;
  gpointer key;

  tally_init (&all);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      Tally *t;

      if (!row_of (row, n (moment, "id")))
        continue;
      t = g_hash_table_lookup (by_channel, s (row, "channel"));
      if (t == NULL)
        {
          t = g_new0 (Tally, 1);
          tally_init (t);
          g_hash_table_insert (by_channel, g_strdup (s (row, "channel")), t);
        }
      tally_add (t, row);
      tally_add (&all, row);
      if (first_at == NULL || g_strcmp0 (s (row, "created_at"), first_at) < 0)
        {
          g_free (first_at);
          first_at = g_strdup (s (row, "created_at"));
        }
    }

  g_assert_cmpint (json_object_get_boolean_member (reach, "recorded"), ==, first_at != NULL);
  tally_check (&all, reach);
  g_assert_cmpuint (json_array_get_length (channels), ==, g_hash_table_size (by_channel));
  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonObject *channel = json_array_get_object_element (channels, i);
      Tally *t = g_hash_table_lookup (by_channel, s (channel, "channel"));

      g_assert_nonnull (t);
      tally_check (t, channel);
    }

  g_hash_table_iter_init (&iter, people);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (all.people, key))
        continue;
      not_reached++;
      if (first_at != NULL &&
          g_strcmp0 (s (g_hash_table_lookup (w->person_of, key), "created_at"), first_at) > 0)
        joined_later++;
    }
  g_assert_cmpint (n (reach, "audience_now"), ==, g_hash_table_size (people));
  g_assert_cmpint (n (reach, "not_reached"), ==, not_reached);
  g_assert_cmpint (n (reach, "joined_later"), ==, joined_later);

  g_hash_table_iter_init (&iter, by_channel);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    tally_clear (key);
  tally_clear (&all);
}

/* Every moment's reach, against the outbox rows. */
static void
check_all_reach (World *w)
{
  g_autoptr (JsonArray) rows = outbox_rows (w);

  for (guint i = 0; i < json_array_get_length (w->moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (w->moments, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) reach = helder_reach_get (w->store, n (moment, "id"), &error);

      g_assert_no_error (error);
      check_reach (w, rows, moment, reach);
    }
}

/* Newsletter #15 goes out (and the meetings of the next week are
 * invited); some messages are delivered, some given up, some failed and
 * waiting, some desktop notifications read; then people join. */
static void
send_newsletter_and_add_people (World *w, gint64 *newcomer, gint64 *recipient)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *later = NULL;
  HelderScheduleOptions options = { .moments = TRUE,
                                    .base_url = "https://helder.voorbeeld.nl",
                                    .include_overdue = TRUE,
                                    .meeting_invite_days = 7 };
  HelderScheduleReport report = { 0 };
  HelderOutboxPolicy policy = { .max_attempts = 5, .retry_seconds = 60, .lease_seconds = 300 };
  const char *email[] = { "email", NULL };
  const char *desktop[] = { "desktop", NULL };
  g_autoptr (JsonArray) claimed = NULL;
  g_autoptr (JsonArray) offered = NULL;
  g_autofree HelderOutboxResult *results = NULL;
  JsonObject *newsletter;
  const char *group;
  g_autofree char *json = NULL;
  g_autoptr (JsonObject) row = NULL;

  /* Due five minutes ago, whatever day and hour the clock is pinned to (the
   * demo moves today's plans off a weekend); people join three hours on. */
  {
    g_autoptr (GDateTime) now = helder_clock_now ();
    g_autoptr (GDateTime) utc = g_date_time_to_utc (now);
    g_autoptr (GDateTime) due = g_date_time_add_minutes (utc, -5);
    g_autoptr (GDateTime) then = g_date_time_add_hours (now, 3);
    g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *sql =
      g_strdup_printf ("UPDATE moment SET scheduled_at = '%s' WHERE id = %d", due_text, NEWSLETTER);

    g_assert_true (helder_store_exec (w->store, sql, &error));
    later = g_date_time_format_iso8601 (then);
  }
  g_assert_true (helder_scheduler_run (w->store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.moments_sent, >=, 1);
  helder_scheduler_report_clear (&report);

  /* E-mail: 20 delivered, 3 given up, 2 failed and to be retried. */
  claimed = helder_outbox_claim (w->store, email, 25, &policy, &error);
  g_assert_no_error (error);
  results = g_new0 (HelderOutboxResult, json_array_get_length (claimed));
  for (guint i = 0; i < json_array_get_length (claimed); i++)
    {
      results[i].id = n (json_array_get_object_element (claimed, i), "id");
      results[i].outcome = i < 20   ? HELDER_OUTBOX_SENT
                           : i < 23 ? HELDER_OUTBOX_PERMANENT
                                    : HELDER_OUTBOX_TRANSIENT;
      results[i].error = i < 20 ? NULL : g_strdup ("550 mailbox unavailable");
    }
  g_assert_true (
    helder_outbox_record (w->store, results, json_array_get_length (claimed), &policy, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (claimed); i++)
    g_free (results[i].error);
  g_clear_pointer (&results, g_free);
  g_clear_pointer (&claimed, json_array_unref);

  /* Desktop: 10 offered to the notifier, 4 of them acknowledged. */
  claimed = helder_outbox_claim (w->store, desktop, 10, &policy, &error);
  g_assert_no_error (error);
  results = g_new0 (HelderOutboxResult, json_array_get_length (claimed));
  for (guint i = 0; i < json_array_get_length (claimed); i++)
    {
      results[i].id = n (json_array_get_object_element (claimed, i), "id");
      results[i].outcome = HELDER_OUTBOX_OFFERED;
    }
  g_assert_true (
    helder_outbox_record (w->store, results, json_array_get_length (claimed), &policy, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4 && i < json_array_get_length (claimed); i++)
    {
      JsonObject *c = json_array_get_object_element (claimed, i);
      g_autoptr (JsonObject) ack = helder_outbox_offered_acknowledge (
        w->store, n (c, "person"), "desktop", n (c, "id"), &error);

      g_assert_no_error (error);
      g_assert_nonnull (ack);
    }
  *recipient = n (json_array_get_object_element (claimed, 0), "person");

  /* Three people join the newsletter's first group in the afternoon. */
  g_assert_true (helder_clock_set (later, &error));
  newsletter = moment_by_id (w, NEWSLETTER);
  group = json_array_get_string_element (json_object_get_array_member (newsletter, "groups"), 0);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&json, g_free);
      g_clear_pointer (&row, json_object_unref);
      json = g_strdup_printf ("{\"name\":\"Nieuwe Collega %u\",\"email\":\"nieuw%u@voorbeeld.nl\","
                              "\"groups\":[\"%s\"]}",
                              i, i, group);
      row = helder_test_create (w->store, "person", json);
      *newcomer = n (row, "id");
    }
  world_read (w);
}

/* ---- the tests ---------------------------------------------------------------------- */

static void
test_counts (World *w, gconstpointer data)
{
  check_status (w);
  check_insights (w);
  check_all_reach (w);
}

static void
test_after_sending (World *w, gconstpointer data)
{
  gint64 newcomer = 0, recipient = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) reach = NULL;

  send_newsletter_and_add_people (w, &newcomer, &recipient);
  g_assert_cmpstr (s (moment_by_id (w, NEWSLETTER), "status"), ==, "sent");

  /* The newsletter's reach is what was queued, not its audience now. */
  reach = helder_reach_get (w->store, NEWSLETTER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n (reach, "joined_later"), ==, 3);
  g_assert_cmpint (n (reach, "audience_now"), ==, n (reach, "people") + n (reach, "not_reached"));
  g_assert_cmpint (n (reach, "people"), >, 0);

  check_status (w);
  check_insights (w);
  check_all_reach (w);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/honest-numbers/demo/counts", World, GUINT_TO_POINTER (0), world_setup, test_counts,
              world_teardown);
  g_test_add ("/honest-numbers/demo/after-sending", World, GUINT_TO_POINTER (0), world_setup,
              test_after_sending, world_teardown);
  g_test_add ("/honest-numbers/10000/counts", World, GUINT_TO_POINTER (10000), world_setup,
              test_counts, world_teardown);
  g_test_add ("/honest-numbers/10000/after-sending", World, GUINT_TO_POINTER (10000), world_setup,
              test_after_sending, world_teardown);
  return g_test_run ();
}
