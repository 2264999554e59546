/* test-insights.c — the dashboard's data: heat map, ledger, role changes, timeline
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The heat map is computed from classes of people in a few queries; here
 * every cell is checked against a brute force that resolves each moment's
 * audience with helder_audience_resolve() and intersects it with each
 * group's members, on a generated programme of 600 people with extra
 * moments that mix groups, roles, statuses and named persons.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-insights.h"
#include "services/repo/helder-repo.h"

#define N_WEEKS (HELDER_INSIGHTS_WEEKS_BACK + 1 + HELDER_INSIGHTS_WEEKS_AHEAD)

/* The Monday of the first week of the window, and a day in week @week. */
static char *
window_day (const char *today, int week, int weekday_offset)
{
  GDate d;
  char buf[16];

  g_assert_true (helder_date_parse (today, &d));
  g_date_subtract_days (&d, HELDER_INSIGHTS_WEEKS_BACK * 7);
  g_date_subtract_days (&d, g_date_get_weekday (&d) - G_DATE_MONDAY);
  g_date_add_days (&d, week * 7 + weekday_offset);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);
  return g_strdup (buf);
}

static JsonObject *
create_moment (HelderStore *store, const char *day, const char *status, const char *audience)
{
  g_autofree char *json = g_strdup_printf ("{\"title\":\"Moment %s\",\"scheduled_at\":\"%sT12:00\","
                                           "\"status\":\"%s\",\"channels\":[\"email\"],%s}",
                                           day, day, status, audience);
  return helder_test_create (store, "moment", json);
}

static JsonObject *
find_group (JsonArray *groups, const char *slug)
{
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      if (g_strcmp0 (json_object_get_string_member (group, "slug"), slug) == 0)
        return group;
    }
  g_assert_not_reached ();
}

static JsonObject *
cell_of (JsonObject *insights, const char *slug, guint week)
{
  JsonObject *heatmap = json_object_get_object_member (insights, "heatmap");
  JsonObject *group = find_group (json_object_get_array_member (heatmap, "groups"), slug);

  return json_array_get_object_element (json_object_get_array_member (group, "cells"), week);
}

/* ---- the heat map against a brute force --------------------------------------- */

typedef struct
{
  gint64 messages, planned;
  gint64 moments, planned_moments;
} Expected;

static void
check_heatmap_brute_force (HelderStore *store, const char *today, gboolean expect_planned)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (store, today, &error);
  g_autofree char *first = window_day (today, 0, 0);
  g_autofree char *last = window_day (today, N_WEEKS - 1, 6);
  g_autoptr (GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) members =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree Expected *expected = NULL;
  JsonObject *heatmap;
  JsonArray *groups, *weeks;
  GDate first_day;
  guint counted_moments = 0;
  gint64 total_messages = 0, total_planned = 0;

  g_assert_no_error (error);
  g_assert_nonnull (insights);
  heatmap = json_object_get_object_member (insights, "heatmap");
  groups = json_object_get_array_member (heatmap, "groups");
  weeks = json_object_get_array_member (heatmap, "weeks");
  g_assert_cmpuint (json_array_get_length (weeks), ==, N_WEEKS);
  g_assert_cmpstr (json_object_get_string_member (heatmap, "from"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (heatmap, "to"), ==, last);
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (weeks, HELDER_INSIGHTS_WEEKS_BACK), "current"));
  helder_date_parse (first, &first_day);

  /* Every group and its members, straight from the rows. */
  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (store, "SELECT slug FROM stakeholder_group", &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (slugs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  }
  g_assert_cmpuint (json_array_get_length (groups), ==, slugs->len);
  for (guint g = 0; g < slugs->len; g++)
    {
      g_autoptr (HelderStmt) stmt =
        helder_store_prepare (store, "SELECT person FROM person_group WHERE grp = ?1", &error);
      GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (slugs, g), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (set,
                          g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
      g_ptr_array_add (members, set);
    }

  /* Every moment of the window: its audience, group by group. */
  expected = g_new0 (Expected, slugs->len * N_WEEKS + 1);
  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (store,
                            "SELECT id, status, local_date (scheduled_at)"
                            " FROM moment WHERE status != 'cancelled'",
                            &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gboolean draft = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "draft") == 0;
        const char *day = (const char *) sqlite3_column_text (stmt, 2);
        g_autoptr (GArray) audience = NULL;
        GDate date;
        guint week;

        if (strcmp (day, first) < 0 || strcmp (day, last) > 0)
          continue;
        helder_date_parse (day, &date);
        week = (guint) g_date_days_between (&first_day, &date) / 7;
        audience = helder_audience_resolve (store, id, &error);
        g_assert_no_error (error);
        counted_moments++;
        for (guint g = 0; g < slugs->len; g++)
          {
            Expected *e = &expected[g * N_WEEKS + week];
            gint64 n = 0;

            for (guint a = 0; a < audience->len; a++)
              if (g_hash_table_contains (g_ptr_array_index (members, g),
                                         &g_array_index (audience, gint64, a)))
                n++;
            if (draft)
              {
                e->planned += n;
                e->planned_moments += n > 0;
              }
            else
              {
                e->messages += n;
                e->moments += n > 0;
              }
          }
      }
  }
  g_assert_cmpuint (counted_moments, >, 5);

  for (guint g = 0; g < slugs->len; g++)
    {
      JsonObject *group = find_group (groups, g_ptr_array_index (slugs, g));
      JsonArray *cells = json_object_get_array_member (group, "cells");
      gint64 n_members = g_hash_table_size (g_ptr_array_index (members, g));
      guint run = 0;
      gboolean silence[N_WEEKS] = { FALSE };

      g_assert_cmpint (json_object_get_int_member (group, "members"), ==, n_members);
      g_assert_cmpuint (json_array_get_length (cells), ==, N_WEEKS);
      for (guint w = 0; w < N_WEEKS; w++)
        {
          Expected *e = &expected[g * N_WEEKS + w];
          run = (n_members > 0 && e->messages == 0) ? run + 1 : 0;
          if (run >= HELDER_INSIGHTS_SILENCE)
            for (guint back = w + 1 - run; back <= w; back++)
              silence[back] = TRUE;
        }
      for (guint w = 0; w < N_WEEKS; w++)
        {
          JsonObject *cell = json_array_get_object_element (cells, w);
          Expected *e = &expected[g * N_WEEKS + w];
          double average = n_members ? (double) e->messages / n_members : 0.0;

          g_assert_cmpint (json_object_get_int_member (cell, "messages"), ==, e->messages);
          g_assert_cmpint (json_object_get_int_member (cell, "planned"), ==, e->planned);
          g_assert_cmpint (json_object_get_int_member (cell, "moments"), ==, e->moments);
          g_assert_cmpint (json_object_get_int_member (cell, "planned_moments"), ==,
                           e->planned_moments);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "per_member"),
                                          average, 0.0051);
          g_assert_cmpint (json_object_get_boolean_member (cell, "overload"), ==,
                           n_members > 0 && e->messages >= HELDER_INSIGHTS_OVERLOAD * n_members);
          g_assert_cmpint (json_object_get_boolean_member (cell, "silence"), ==, silence[w]);
          total_messages += e->messages;
          total_planned += e->planned;
        }
    }
  /* The comparison means something only if there was something to count. */
  g_assert_cmpint (total_messages, >, 0);
  if (expect_planned)
    g_assert_cmpint (total_planned, >, 0);
}

static void
test_heatmap_brute_force (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  const char *today = "2026-11-25";
  g_autofree char *w3 = window_day (today, 3, 2);
  g_autofree char *w4 = window_day (today, 4, 1);
  g_autofree char *w5 = window_day (today, 5, 3);
  g_autofree char *w7 = window_day (today, 7, 4);
  g_autofree char *persons = NULL;
  gint64 ids[4] = { 0 };

  g_assert_true (helder_demo_load (store, today, 600, &error));
  g_assert_no_error (error);

  /* People in two groups and one in none, to name in moments. */
  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (store,
                            "SELECT person FROM person_group GROUP BY person"
                            " HAVING count(*) > 1 ORDER BY person LIMIT 2",
                            &error);
    guint n = 0;
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      ids[n++] = sqlite3_column_int64 (stmt, 0);
    g_assert_cmpuint (n, ==, 2);
  }
  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (store,
                            "SELECT p.id FROM person p JOIN person_group pg ON pg.person = p.id"
                            " WHERE pg.grp = 'servicedesk' ORDER BY p.id LIMIT 2",
                            &error);
    guint n = 2;
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      ids[n++] = sqlite3_column_int64 (stmt, 0);
    g_assert_cmpuint (n, ==, 4);
  }
  persons = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                             ",%" G_GINT64_FORMAT,
                             ids[0], ids[1], ids[2], ids[3]);

  /* Groups with named people inside and outside them; roles with statuses. */
  {
    g_autofree char *a = g_strdup_printf ("\"groups\":[\"servicedesk\"],\"persons\":[%s]", persons);
    g_autofree char *b =
      g_strdup_printf ("\"roles\":[\"systeembeheerder\"],\"statuses\":[\"objection\"],"
                       "\"persons\":[%s]",
                       persons);
    json_object_unref (create_moment (store, w3, "approved", a));
    json_object_unref (create_moment (store, w4, "approved", b));
    json_object_unref (create_moment (store, w5, "draft", b));
    json_object_unref (create_moment (
      store, w7, "approved",
      "\"groups\":[\"key-users\",\"management\"],\"statuses\":[\"draft\",\"decided\"]"));
  }

  check_heatmap_brute_force (store, today, TRUE);
  /* Another day moves the window and everything in it. */
  check_heatmap_brute_force (store, "2026-12-30", TRUE);
  check_heatmap_brute_force (store, "2026-10-02", FALSE);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- overload and silence, by hand ---------------------------------------------- */

static void
test_heatmap_flags (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = NULL;
  g_autofree char *today = helder_test_day (0);
  g_autofree char *w1 = window_day (today, 1, 2);
  g_autofree char *w4 = window_day (today, 4, 0);
  g_autofree char *w6 = window_day (today, 6, 2);
  g_autofree char *w8 = window_day (today, 8, 2);
  g_autofree char *w10 = window_day (today, 10, 2);
  g_autofree char *w14 = window_day (today, 14, 2);
  g_autoptr (JsonObject) cancelled = NULL;
  JsonObject *group, *cell;
  g_autofree char *id = NULL;

  helder_test_seed (store);
  /* beheer: Anna and Cor; servicedesk: Bram and Cor; leverancier: Dewi. */
  for (guint i = 0; i < 3; i++)
    json_object_unref (create_moment (store, w4, "approved", "\"groups\":[\"beheer\"]"));
  json_object_unref (create_moment (store, w1, "approved", "\"groups\":[\"servicedesk\"]"));
  json_object_unref (create_moment (store, w8, "approved", "\"groups\":[\"servicedesk\"]"));
  json_object_unref (create_moment (store, w10, "draft", "\"groups\":[\"servicedesk\"]"));
  json_object_unref (create_moment (store, w14, "approved", "\"groups\":[\"leverancier\"]"));
  cancelled = create_moment (store, w6, "approved", "\"groups\":[\"leverancier\"]");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (cancelled, "id"));
  json_object_unref (helder_moment_set_status (store, HELDER_TEST_ACTOR, id, "cancelled", &error));
  g_assert_no_error (error);

  insights = helder_insights_compute (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (insights, "today"), ==, today);

  /* Three moments to both members of beheer: 3 a member, overload. */
  cell = cell_of (insights, "beheer", 4);
  g_assert_cmpint (json_object_get_int_member (cell, "messages"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (cell, "moments"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (cell, "per_member"), ==, 3.0);
  g_assert_true (json_object_get_boolean_member (cell, "overload"));
  /* Cor is in servicedesk too: 3 messages over 2 members, no overload. */
  cell = cell_of (insights, "servicedesk", 4);
  g_assert_cmpint (json_object_get_int_member (cell, "messages"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (cell, "per_member"), ==, 1.5);
  g_assert_false (json_object_get_boolean_member (cell, "overload"));

  /* servicedesk hears something in weeks 1, 4 and 8: weeks 2–3 are a gap
   * of two (not silence), 5–7 and 9–12 are silence. */
  group = find_group (
    json_object_get_array_member (json_object_get_object_member (insights, "heatmap"), "groups"),
    "servicedesk");
  {
    static const gboolean expect[N_WEEKS] = { 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
    for (guint w = 0; w < N_WEEKS; w++)
      g_assert_cmpint (
        json_object_get_boolean_member (cell_of (insights, "servicedesk", w), "silence"), ==,
        expect[w]);
  }
  g_assert_cmpint (json_object_get_int_member (group, "silent_weeks"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (group, "overload_weeks"), ==, 0);
  /* A draft is planned, not sent: the week stays silent. */
  cell = cell_of (insights, "servicedesk", 10);
  g_assert_cmpint (json_object_get_int_member (cell, "planned"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (cell, "planned_moments"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (cell, "planned_per_member"), ==, 1.0);
  g_assert_cmpint (json_object_get_int_member (cell, "messages"), ==, 0);
  g_assert_true (json_object_get_boolean_member (cell, "silence"));

  /* leverancier: its only moment was cancelled, the other lies past the
   * window; silent all the way. */
  group = find_group (
    json_object_get_array_member (json_object_get_object_member (insights, "heatmap"), "groups"),
    "leverancier");
  g_assert_cmpint (json_object_get_int_member (group, "silent_weeks"), ==, N_WEEKS);
  g_assert_cmpint (json_object_get_int_member (cell_of (insights, "leverancier", 6), "messages"),
                   ==, 0);
  /* Rows: internal groups first, then by name. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (
                         json_object_get_object_member (insights, "heatmap"), "groups"),
                       2),
                     "slug"),
                   ==, "leverancier");

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- the ledger ------------------------------------------------------------------ */

static void
add_commitment (HelderStore *store, const char *text, int made, int due, const char *audience)
{
  g_autofree char *made_on = helder_test_day (made);
  g_autofree char *due_on = helder_test_day (due);
  g_autofree char *json = g_strdup_printf ("{\"text\":\"%s\",\"made_by\":\"HR\",\"made_on\":\"%s\","
                                           "\"due_on\":\"%s\",%s}",
                                           text, made_on, due_on, audience);
  json_object_unref (helder_test_create (store, "commitment", json));
}

static void
test_ledger (void)
{
  static const struct
  {
    const char *text, *effective;
    gint64 days_late;
  } expect[] = {
    { "F late ten", "late", 10 },      { "A late five", "late", 5 },  { "C broken", "broken", 0 },
    { "G open soon", "open", 0 },      { "B open later", "open", 0 }, { "D kept", "kept", 0 },
    { "E withdrawn", "withdrawn", 0 },
  };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = NULL;
  JsonArray *ledger;
  JsonObject *counts, *row, *update;

  helder_test_seed (store);
  add_commitment (store, "A late five", -40, -5,
                  "\"groups\":[\"beheer\",\"servicedesk\"],\"persons\":[4]");     /* 1 */
  add_commitment (store, "B open later", -40, 30, "\"groups\":[\"beheer\"]");     /* 2 */
  add_commitment (store, "C broken", -40, -20, "\"groups\":[\"servicedesk\"]");   /* 3 */
  add_commitment (store, "D kept", -40, -30, "\"groups\":[\"beheer\"]");          /* 4 */
  add_commitment (store, "E withdrawn", -40, 5, "\"persons\":[2]");               /* 5 */
  add_commitment (store, "F late ten", -40, -10, "\"groups\":[\"leverancier\"]"); /* 6 */
  add_commitment (store, "G open soon", -40, 0,
                  "\"groups\":[\"beheer\"]"); /* 7: due today, not late */
  json_object_unref (helder_commitment_record (store, HELDER_TEST_ACTOR, "3", "broken",
                                               "Budget geschrapt", "HR", &error));
  g_assert_no_error (error);
  json_object_unref (
    helder_commitment_record (store, HELDER_TEST_ACTOR, "4", "kept", "Gedaan", "HR", &error));
  g_assert_no_error (error);
  json_object_unref (helder_commitment_record (store, HELDER_TEST_ACTOR, "5", "withdrawn",
                                               "Niet meer nodig", "HR", &error));
  g_assert_no_error (error);
  json_object_unref (helder_commitment_record (store, HELDER_TEST_ACTOR, "1", NULL,
                                               "We zijn ermee bezig", "HR", &error));
  g_assert_no_error (error);

  insights = helder_insights_compute (store, NULL, &error);
  g_assert_no_error (error);
  ledger = json_object_get_array_member (insights, "ledger");
  g_assert_cmpuint (json_array_get_length (ledger), ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      row = json_array_get_object_element (ledger, i);
      g_assert_cmpstr (json_object_get_string_member (row, "text"), ==, expect[i].text);
      g_assert_cmpstr (json_object_get_string_member (row, "effective"), ==, expect[i].effective);
      g_assert_cmpint (json_object_get_int_member (row, "days_late"), ==, expect[i].days_late);
    }

  /* Late is derived: stored as open. */
  row = json_array_get_object_element (ledger, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "open");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "groups")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "persons"), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (row, "groups"), 0), "name"),
    ==, "Servicedesk");
  update = json_object_get_object_member (row, "last_update");
  g_assert_cmpstr (json_object_get_string_member (update, "note"), ==, "We zijn ermee bezig");
  g_assert_true (json_object_get_null_member (update, "status"));
  /* Broken says why. */
  row = json_array_get_object_element (ledger, 2);
  update = json_object_get_object_member (row, "last_update");
  g_assert_cmpstr (json_object_get_string_member (update, "status"), ==, "broken");
  g_assert_cmpstr (json_object_get_string_member (update, "note"), ==, "Budget geschrapt");
  g_assert_true (
    json_object_get_null_member (json_array_get_object_element (ledger, 3), "last_update"));

  counts = json_object_get_object_member (insights, "ledger_counts");
  g_assert_cmpint (json_object_get_int_member (counts, "late"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "broken"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "open"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "kept"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "withdrawn"), ==, 1);

  /* A week later "G open soon" is late too, and first of the two newly late. */
  g_clear_pointer (&insights, json_object_unref);
  {
    g_autofree char *later = helder_test_day (7);
    insights = helder_insights_compute (store, later, &error);
  }
  g_assert_no_error (error);
  ledger = json_object_get_array_member (insights, "ledger");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (ledger, 2), "text"), ==,
    "G open soon");
  g_assert_cmpint (
    json_object_get_int_member (json_array_get_object_element (ledger, 2), "days_late"), ==, 7);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (insights, "ledger_counts"), "late"),
    ==, 3);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- role changes per group ---------------------------------------------------- */

static void
test_role_changes (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = NULL;
  g_autofree char *past = helder_test_day (-3);
  g_autofree char *json = NULL;
  JsonArray *rows;
  JsonObject *beheer, *servicedesk, *leverancier, *totals;

  helder_test_seed (store);
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":1,\"to_role\":\"contractmanager\",\"status\":\"decided\"}"));
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":2,\"to_role\":\"servicedesk\",\"status\":\"decided\"}"));
  {
    g_autoptr (JsonObject) changes = helder_test_object ("{\"status\":\"discussed\"}");
    json_object_unref (
      helder_repo_update (store, helder_entity_lookup ("role_change"), "2", changes, 0, &error));
    g_assert_no_error (error);
  }
  json = g_strdup_printf ("{\"person\":3,\"decision_expected\":\"%s\"}", past);
  json_object_unref (helder_test_create (store, "role_change", json));

  insights = helder_insights_compute (store, NULL, &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (insights, "role_changes");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  beheer = find_group (rows, "beheer");
  servicedesk = find_group (rows, "servicedesk");
  leverancier = find_group (rows, "leverancier");

  /* Cor (person 3) is in both groups and counts in both. */
  g_assert_cmpint (json_object_get_int_member (beheer, "members"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (beheer, "decided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (beheer, "draft"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (beheer, "discussed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (beheer, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (beheer, "undecided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (beheer, "overdue"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (servicedesk, "discussed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (servicedesk, "draft"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (servicedesk, "decided"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (servicedesk, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (servicedesk, "undecided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (leverancier, "total"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (leverancier, "accepted"), ==, 0);

  /* The totals count everyone once. */
  totals = json_object_get_object_member (insights, "role_change_totals");
  g_assert_cmpint (json_object_get_int_member (totals, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (totals, "draft"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "decided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "discussed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "undecided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "overdue"), ==, 1);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* On the demo programme: every group's counts by status, counted per group. */
static void
test_role_changes_demo (void)
{
  static const char *const statuses[] = { "draft", "decided", "discussed", "accepted",
                                          "objection" };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = NULL;
  JsonArray *rows;
  gint64 grand_total = 0;

  g_assert_true (helder_demo_load (store, "2026-11-25", 300, &error));
  g_assert_no_error (error);
  insights = helder_insights_compute (store, "2026-11-25", &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (insights, "role_changes");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gint64 total = 0;

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        {
          g_autoptr (HelderStmt) stmt =
            helder_store_prepare (store,
                                  "SELECT count(*) FROM role_change WHERE status = ?2 AND person IN"
                                  " (SELECT person FROM person_group WHERE grp = ?1)",
                                  &error);
          g_assert_no_error (error);
          sqlite3_bind_text (stmt, 1, json_object_get_string_member (row, "slug"), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, statuses[s], -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (json_object_get_int_member (row, statuses[s]), ==,
                           sqlite3_column_int64 (stmt, 0));
          total += sqlite3_column_int64 (stmt, 0);
        }
      g_assert_cmpint (json_object_get_int_member (row, "total"), ==, total);
      grand_total += total;
    }
  g_assert_cmpint (grand_total, >, 0);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- timeline, next gate, the empty programme ---------------------------------- */

static void
test_timeline (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = NULL;
  g_autofree char *d_p20 = helder_test_day (20);
  g_autofree char *d_p200 = helder_test_day (200);
  g_autofree char *d_m100 = helder_test_day (-100);
  g_autofree char *json = NULL;
  JsonObject *timeline, *gate, *moment;
  JsonArray *phases, *gates, *moments;

  helder_test_seed (store);
  json =
    g_strdup_printf ("{\"slug\":\"infra\",\"name\":\"Infra gereed\",\"decide_on\":\"%s\"}", d_p20);
  json_object_unref (helder_test_create (store, "gate", json));
  json_object_unref (helder_test_create (store, "criterion",
                                         "{\"gate\":\"infra\",\"text\":\"A\",\"status\":\"met\"}"));
  json_object_unref (
    helder_test_create (store, "criterion", "{\"gate\":\"infra\",\"text\":\"B\"}"));
  g_free (json);
  json = g_strdup_printf (
    "{\"title\":\"Town hall\",\"scheduled_at\":\"%sT10:00\",\"status\":\"approved\","
    "\"channels\":[\"email\",\"meeting\"],\"groups\":[\"beheer\"]}",
    d_p200);
  json_object_unref (helder_test_create (store, "moment", json));

  insights = helder_insights_compute (store, NULL, &error);
  g_assert_no_error (error);
  timeline = json_object_get_object_member (insights, "timeline");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (timeline, "programme"), "name"),
    ==, "Uitbesteding ICT");
  /* The span holds the programme and the moment beyond its end. */
  g_assert_cmpstr (json_object_get_string_member (timeline, "from"), ==, d_m100);
  g_assert_cmpstr (json_object_get_string_member (timeline, "to"), ==, d_p200);

  phases = json_object_get_array_member (timeline, "phases");
  g_assert_cmpuint (json_array_get_length (phases), ==, 3);
  g_assert_false (
    json_object_get_boolean_member (json_array_get_object_element (phases, 0), "current"));
  g_assert_true (
    json_object_get_boolean_member (json_array_get_object_element (phases, 1), "current"));
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (phases, 2), "state"), ==,
    "planned");

  gates = json_object_get_array_member (timeline, "gates");
  gate = json_array_get_object_element (gates, 0);
  g_assert_true (json_object_get_null_member (gate, "decision"));
  g_assert_cmpint (json_object_get_int_member (gate, "criteria"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (gate, "open_criteria"), ==, 1);

  moments = json_object_get_array_member (timeline, "moments");
  moment = json_array_get_object_element (moments, 0);
  g_assert_cmpstr (json_object_get_string_member (moment, "channel"), ==, "meeting");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (moment, "channels")), ==,
                    2);
  g_assert_cmpstr (json_object_get_string_member (moment, "date"), ==, d_p200);

  /* The next gate comes from the status service, with its open criteria. */
  gate = json_object_get_object_member (insights, "next_gate");
  g_assert_cmpstr (json_object_get_string_member (gate, "slug"), ==, "infra");
  g_assert_cmpint (json_object_get_int_member (gate, "days_left"), ==, 20);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gate, "open_criteria")),
                    ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (insights, "current_phase"), "key"),
                   ==, "readiness");
  g_assert_nonnull (json_object_get_array_member (insights, "upcoming"));

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_empty (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (store, "2026-06-01", &error);
  JsonObject *timeline;

  g_assert_no_error (error);
  timeline = json_object_get_object_member (insights, "timeline");
  g_assert_true (json_object_get_null_member (timeline, "programme"));
  g_assert_cmpstr (json_object_get_string_member (timeline, "from"), ==, "2026-05-02");
  g_assert_cmpstr (json_object_get_string_member (timeline, "to"), ==, "2026-07-01");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (insights, "heatmap"), "groups")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (insights, "ledger")), ==,
                    0);
  g_assert_true (json_object_get_null_member (insights, "next_gate"));

  g_clear_pointer (&insights, json_object_unref);
  insights = helder_insights_compute (store, "2026-02-30", &error);
  g_assert_null (insights);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  /* The failed call left no transaction open. */
  g_assert_true (sqlite3_get_autocommit (helder_store_get_db (store)));

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- the cache ------------------------------------------------------------------- */

static void
test_cache (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (HelderStore) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (JsonObject) after_own = NULL;
  g_autoptr (JsonObject) after_other = NULL;
  g_autoptr (JsonObject) other_day = NULL;
  g_autofree char *today = helder_test_day (0);
  g_autofree char *tomorrow = helder_test_day (1);
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint_after = NULL;

  helder_test_seed (store);
  fingerprint = helder_test_fingerprint (store);
  first = helder_insights_get (store, today, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_is_immutable (first));
  again = helder_insights_get (store, today, &error);
  g_assert_no_error (error);
  g_assert_true (first == again);
  /* Reading changes nothing. */
  fingerprint_after = helder_test_fingerprint (store);
  g_assert_cmpstr (fingerprint, ==, fingerprint_after);

  /* A change through this connection. */
  json_object_unref (helder_test_create (
    store, "group", "{\"slug\":\"nieuw\",\"name\":\"Nieuw\",\"kind\":\"internal\"}"));
  after_own = helder_insights_get (store, today, &error);
  g_assert_no_error (error);
  g_assert_true (after_own != first);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (after_own, "heatmap"), "groups")),
                    ==, 4);

  /* A change through another connection (another process, say). */
  other = helder_store_open (path, &error);
  g_assert_no_error (error);
  json_object_unref (helder_test_create (
    other, "group", "{\"slug\":\"ander\",\"name\":\"Ander\",\"kind\":\"external\"}"));
  after_other = helder_insights_get (store, today, &error);
  g_assert_no_error (error);
  g_assert_true (after_other != after_own);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (after_other, "heatmap"), "groups")),
                    ==, 5);

  /* Another day is computed for that day. */
  other_day = helder_insights_get (store, tomorrow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (other_day, "today"), ==, tomorrow);

  g_clear_object (&other);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/insights/heatmap/brute-force", test_heatmap_brute_force);
  g_test_add_func ("/insights/heatmap/flags", test_heatmap_flags);
  g_test_add_func ("/insights/ledger", test_ledger);
  g_test_add_func ("/insights/role-changes", test_role_changes);
  g_test_add_func ("/insights/role-changes/demo", test_role_changes_demo);
  g_test_add_func ("/insights/timeline", test_timeline);
  g_test_add_func ("/insights/empty", test_empty);
  g_test_add_func ("/insights/cache", test_cache);
  return g_test_run ();
}
