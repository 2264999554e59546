/* helder-insights.c — what the advisor's dashboard shows, as data
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline, the heat map of messages per group and week, the ledger of
 * commitments, role changes per group and the next gate, in one JSON
 * object (the members are described in helder-insights.h).
 *
 * The heat map must stay fast with 10,000 people, so it never walks the
 * audience of a moment person by person. People who share their groups,
 * their current role, their future role and the status of their role
 * change are reached by exactly the same moments (the audience rules of
 * helder-audience.c look at nothing else, apart from people named in a
 * moment). One query sorts the people into such classes — a few hundred
 * at most — and every moment of the window is then tested once per class;
 * people named in a moment are added where their class was not reached
 * already. tests/test-insights.c checks the figures against
 * helder_audience_resolve() moment by moment.
 */
#define G_LOG_DOMAIN "helder-insights"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-channel-names.h"
#include "services/views/helder-insights.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-status.h"

/* The separator of group slugs in a class key (ASCII unit separator). */
#define SEP "\x1f"

/* ---- queries ---------------------------------------------------------------- */

static const char *
text_or_null (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static void
widen (const char **from, const char **to, const char *date)
{
  if (date == NULL || *date == '\0')
    return;
  if (*from == NULL || strcmp (date, *from) < 0)
    *from = date;
  if (*to == NULL || strcmp (date, *to) > 0)
    *to = date;
}

/* ---- the stakeholder groups: the rows of the heat map ---------------------- */

typedef struct
{
  GPtrArray *rows;   /* JsonObject: slug, name, kind */
  GHashTable *index; /* slug → row index + 1 */
  gint64 *members;
} Groups;

static void
groups_clear (Groups *groups)
{
  g_clear_pointer (&groups->rows, g_ptr_array_unref);
  g_clear_pointer (&groups->index, g_hash_table_unref);
  g_clear_pointer (&groups->members, g_free);
}

static gboolean
groups_load (HelderStore *store, Groups *groups, GError **error)
{
  g_autoptr (JsonArray) rows =
    helder_repo_query_rows (store,
                            "SELECT slug, name, kind FROM stakeholder_group"
                            " ORDER BY kind = 'external', name, slug",
                            NULL, NULL, error);

  if (rows == NULL)
    return FALSE;
  groups->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  groups->index = g_hash_table_new (g_str_hash, g_str_equal);
  groups->members = g_new0 (gint64, json_array_get_length (rows) + 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_ptr_array_add (groups->rows, json_object_ref (row));
      g_hash_table_insert (groups->index, (gpointer) json_object_get_string_member (row, "slug"),
                           GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

/* The row indices of the groups in a class key "a\x1fb"; unknown slugs
 * (none, as memberships refer to groups) are skipped. */
static GArray *
groups_of_key (Groups *groups, const char *key)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) slugs = NULL;

  if (key == NULL || *key == '\0')
    return indices;
  slugs = g_strsplit (key, SEP, -1);
  for (guint i = 0; slugs[i] != NULL; i++)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (groups->index, slugs[i]));
      if (index > 0)
        {
          index--;
          g_array_append_val (indices, index);
        }
    }
  return indices;
}

/* ---- the heat map ------------------------------------------------------------ */

/* People who are reached by the same moments. */
typedef struct
{
  GArray *groups; /* guint row indices */
  char *role;
  char *to_role;
  char *status;
  gint64 n;
} PeopleClass;

static void
people_class_free (PeopleClass *class)
{
  g_array_unref (class->groups);
  g_free (class->role);
  g_free (class->to_role);
  g_free (class->status);
  g_free (class);
}

/* A moment of the window and its audience rules. */
typedef struct
{
  gint64 id;
  guint week;       /* column */
  gboolean planned; /* a draft */
  guint8 *groups;   /* per row: addressed */
  GPtrArray *roles;
  GPtrArray *statuses;
  guint8 *reached; /* per row: at least one member reached */
} WindowMoment;

static void
window_moment_free (WindowMoment *moment)
{
  g_free (moment->groups);
  g_free (moment->reached);
  g_ptr_array_unref (moment->roles);
  g_ptr_array_unref (moment->statuses);
  g_free (moment);
}

typedef struct
{
  gint64 messages;
  gint64 planned;
  guint moments;
  guint planned_moments;
} Cell;

static gboolean
has_string (GPtrArray *strings, const char *value)
{
  if (value == NULL)
    return FALSE;
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @moment reaches people with these groups, roles and status: the
 * rules of helder-audience.c apart from named persons. */
static gboolean
moment_reaches (WindowMoment *moment,
                GArray *groups,
                const char *role,
                const char *to_role,
                const char *status)
{
  for (guint i = 0; i < groups->len; i++)
    if (moment->groups[g_array_index (groups, guint, i)])
      return TRUE;
  return has_string (moment->roles, role) || has_string (moment->roles, to_role) ||
         has_string (moment->statuses, status);
}

/* @count people of @groups are reached by @moment. */
static void
add_reach (Cell *cells, guint n_weeks, WindowMoment *moment, GArray *groups, gint64 count)
{
  for (guint i = 0; i < groups->len; i++)
    {
      guint row = g_array_index (groups, guint, i);
      Cell *cell = &cells[row * n_weeks + moment->week];

      if (moment->planned)
        cell->planned += count;
      else
        cell->messages += count;
      if (!moment->reached[row])
        {
          moment->reached[row] = TRUE;
          if (moment->planned)
            cell->planned_moments++;
          else
            cell->moments++;
        }
    }
}

static const char window_cte[] =
  "WITH w (id, status, week) AS (SELECT id, status,"
  "   CAST ((julianday (local_date (scheduled_at)) - julianday (?1)) / 7 AS INTEGER)"
  "   FROM moment WHERE status IN ('draft', 'approved', 'sent')"
  "   AND local_date (scheduled_at) BETWEEN ?1 AND ?2) ";

/* The moments of the window and their rules: one row per moment (kind
 * NULL), then one per group (0), role (1) and status (2) it addresses. */
static gboolean
load_window (HelderStore *store,
             const char *first_monday,
             const char *last_sunday,
             guint n_weeks,
             Groups *groups,
             GHashTable *moments,
             GError **error)
{
  g_autofree char *sql = g_strconcat (
    window_cte,
    "SELECT id, status, week, NULL, NULL FROM w"
    " UNION ALL SELECT w.id, NULL, NULL, 0, mg.grp FROM w JOIN moment_group mg ON mg.moment = w.id"
    " UNION ALL SELECT w.id, NULL, NULL, 1, mr.role FROM w JOIN moment_role mr ON mr.moment = w.id"
    " UNION ALL SELECT w.id, NULL, NULL, 2, ms.status FROM w JOIN moment_status ms ON ms.moment = w.id"
    " ORDER BY 1, 4",
    NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  guint n_groups = groups->rows->len;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_monday, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last_sunday, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      WindowMoment *moment = g_hash_table_lookup (moments, &id);
      const char *value = text_or_null (stmt, 4);

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        {
          moment = g_new0 (WindowMoment, 1);
          moment->id = id;
          moment->planned = g_strcmp0 (text_or_null (stmt, 1), "draft") == 0;
          moment->week = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, (gint64) n_weeks - 1);
          moment->groups = g_new0 (guint8, n_groups + 1);
          moment->reached = g_new0 (guint8, n_groups + 1);
          moment->roles = g_ptr_array_new_with_free_func (g_free);
          moment->statuses = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (moments, &moment->id, moment);
        }
      else if (moment == NULL || value == NULL)
        continue;
      else if (sqlite3_column_int (stmt, 3) == 0)
        {
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (groups->index, value));
          if (index > 0)
            moment->groups[index - 1] = TRUE;
        }
      else
        g_ptr_array_add (sqlite3_column_int (stmt, 3) == 1 ? moment->roles : moment->statuses,
                         g_strdup (value));
    }
  return helder_store_propagate (store, rc, error);
}

/* Sorts everyone who is in at least one group into classes (see the top of
 * this file) and counts the members of each group. */
static GPtrArray *
load_classes (HelderStore *store, Groups *groups, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GPtrArray) classes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) people_class_free);
  int rc;

  stmt = helder_store_prepare (
    store,
    "SELECT x.gs, p.role,"
    " CASE WHEN rc.status IN ('discussed', 'accepted', 'objection') THEN rc.to_role END,"
    " rc.status, count(*)"
    " FROM (SELECT person, group_concat (grp, char (31)) AS gs"
    "       FROM person_group GROUP BY person) x"
    " JOIN person p ON p.id = x.person"
    " LEFT JOIN role_change rc ON rc.person = x.person"
    " GROUP BY 1, 2, 3, 4",
    error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PeopleClass *class = g_new0 (PeopleClass, 1);

      class->groups = groups_of_key (groups, text_or_null (stmt, 0));
      class->role = g_strdup (text_or_null (stmt, 1));
      class->to_role = g_strdup (text_or_null (stmt, 2));
      class->status = g_strdup (text_or_null (stmt, 3));
      class->n = sqlite3_column_int64 (stmt, 4);
      for (guint i = 0; i < class->groups->len; i++)
        groups->members[g_array_index (class->groups, guint, i)] += class->n;
      g_ptr_array_add (classes, class);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&classes);
}

/* People named in a moment of the window count where the moment does not
 * reach them by its other rules already. */
static gboolean
add_named (HelderStore *store,
           const char *first_monday,
           const char *last_sunday,
           Groups *groups,
           GHashTable *moments,
           Cell *cells,
           guint n_weeks,
           GError **error)
{
  g_autofree char *sql = g_strconcat (
    window_cte,
    "SELECT w.id, (SELECT group_concat (grp, char (31)) FROM person_group"
    "   WHERE person = mp.person), p.role,"
    " CASE WHEN rc.status IN ('discussed', 'accepted', 'objection') THEN rc.to_role END,"
    " rc.status"
    " FROM w JOIN moment_person mp ON mp.moment = w.id"
    " JOIN person p ON p.id = mp.person"
    " LEFT JOIN role_change rc ON rc.person = mp.person",
    NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_monday, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last_sunday, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      WindowMoment *moment = g_hash_table_lookup (moments, &id);
      g_autoptr (GArray) person_groups = groups_of_key (groups, text_or_null (stmt, 1));

      if (moment == NULL || person_groups->len == 0)
        continue;
      if (!moment_reaches (moment, person_groups, text_or_null (stmt, 2), text_or_null (stmt, 3),
                           text_or_null (stmt, 4)))
        add_reach (cells, n_weeks, moment, person_groups, 1);
    }
  return helder_store_propagate (store, rc, error);
}

static double
per_member (gint64 count, gint64 members)
{
  if (members <= 0)
    return 0.0;
  /* Two decimals, rounded half up (counts are never negative). */
  return (double) (gint64) ((double) count / (double) members * 100.0 + 0.5) / 100.0;
}

static JsonArray *
heatmap_weeks (const GDate *first, guint n_weeks, const GDate *today)
{
  JsonArray *weeks = json_array_new ();

  for (guint w = 0; w < n_weeks; w++)
    {
      JsonObject *week = json_object_new ();
      GDate monday = *first, sunday, thursday;
      char buf[16];
      g_autofree char *key = NULL;

      g_date_add_days (&monday, w * 7);
      sunday = monday;
      g_date_add_days (&sunday, 6);
      thursday = monday;
      g_date_add_days (&thursday, 3);
      key = g_strdup_printf ("%04u-W%02u", g_date_get_year (&thursday),
                             g_date_get_iso8601_week_of_year (&monday));
      json_object_set_string_member (week, "key", key);
      json_object_set_int_member (week, "year", g_date_get_year (&thursday));
      json_object_set_int_member (week, "week", g_date_get_iso8601_week_of_year (&monday));
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &monday);
      json_object_set_string_member (week, "monday", buf);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &sunday);
      json_object_set_string_member (week, "sunday", buf);
      json_object_set_boolean_member (week, "current",
                                      g_date_compare (&monday, today) <= 0 &&
                                        g_date_compare (today, &sunday) <= 0);
      json_object_set_boolean_member (week, "past", g_date_compare (&sunday, today) < 0);
      json_array_add_object_element (weeks, week);
    }
  return weeks;
}

static JsonObject *
heatmap_compute (HelderStore *store, const char *today, Groups *groups, GError **error)
{
  const guint n_weeks = HELDER_INSIGHTS_WEEKS_BACK + 1 + HELDER_INSIGHTS_WEEKS_AHEAD;
  g_autoptr (GHashTable) moments =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) window_moment_free);
  g_autoptr (GPtrArray) classes = NULL;
  g_autofree Cell *cells = NULL;
  g_autoptr (JsonObject) heatmap = json_object_new ();
  JsonArray *rows;
  GDate day, first, last;
  char first_monday[16], last_sunday[16];
  double max_per_member = 0.0;
  GHashTableIter iter;
  gpointer value;
  guint n_groups;

  helder_date_parse (today, &day);
  first = day;
  g_date_subtract_days (&first, HELDER_INSIGHTS_WEEKS_BACK * 7);
  g_date_subtract_days (&first, g_date_get_weekday (&first) - G_DATE_MONDAY);
  last = first;
  g_date_add_days (&last, n_weeks * 7 - 1);
  g_date_strftime (first_monday, sizeof first_monday, "%Y-%m-%d", &first);
  g_date_strftime (last_sunday, sizeof last_sunday, "%Y-%m-%d", &last);

  classes = load_classes (store, groups, error);
  if (classes == NULL)
    return NULL;
  if (!load_window (store, first_monday, last_sunday, n_weeks, groups, moments, error))
    return NULL;
  n_groups = groups->rows->len;
  cells = g_new0 (Cell, (gsize) n_groups * n_weeks + 1);

  g_hash_table_iter_init (&iter, moments);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WindowMoment *moment = value;

      for (guint c = 0; c < classes->len; c++)
        {
          PeopleClass *class = g_ptr_array_index (classes, c);
          if (moment_reaches (moment, class->groups, class->role, class->to_role, class->status))
            add_reach (cells, n_weeks, moment, class->groups, class->n);
        }
    }
  if (!add_named (store, first_monday, last_sunday, groups, moments, cells, n_weeks, error))
    return NULL;

  rows = json_array_new ();
  for (guint g = 0; g < n_groups; g++)
    {
      JsonObject *group = json_object_new ();
      JsonObject *source = g_ptr_array_index (groups->rows, g);
      JsonArray *row_cells = json_array_new ();
      gint64 members = groups->members[g];
      guint overload_weeks = 0, silent_weeks = 0;
      guint run = 0;

      json_object_set_string_member (group, "slug", json_object_get_string_member (source, "slug"));
      json_object_set_string_member (group, "name", json_object_get_string_member (source, "name"));
      json_object_set_string_member (group, "kind", json_object_get_string_member (source, "kind"));
      json_object_set_int_member (group, "members", members);
      for (guint w = 0; w < n_weeks; w++)
        {
          Cell *cell = &cells[g * n_weeks + w];
          JsonObject *out = json_object_new ();
          double average = per_member (cell->messages, members);
          gboolean overload =
            members > 0 && cell->messages >= (gint64) HELDER_INSIGHTS_OVERLOAD * members;

          json_object_set_int_member (out, "messages", cell->messages);
          json_object_set_double_member (out, "per_member", average);
          json_object_set_int_member (out, "moments", cell->moments);
          json_object_set_int_member (out, "planned", cell->planned);
          json_object_set_double_member (out, "planned_per_member",
                                         per_member (cell->planned, members));
          json_object_set_int_member (out, "planned_moments", cell->planned_moments);
          json_object_set_boolean_member (out, "overload", overload);
          json_object_set_boolean_member (out, "silence", FALSE);
          json_array_add_object_element (row_cells, out);
          if (overload)
            overload_weeks++;
          max_per_member = MAX (max_per_member, average);

          /* A run of silent weeks is marked once it is long enough. */
          run = (members > 0 && cell->messages == 0) ? run + 1 : 0;
          if (run == HELDER_INSIGHTS_SILENCE)
            {
              for (guint back = w + 1 - run; back < w; back++)
                json_object_set_boolean_member (json_array_get_object_element (row_cells, back),
                                                "silence", TRUE);
              silent_weeks += run - 1;
            }
          if (run >= HELDER_INSIGHTS_SILENCE)
            {
              json_object_set_boolean_member (out, "silence", TRUE);
              silent_weeks++;
            }
        }
      json_object_set_int_member (group, "overload_weeks", overload_weeks);
      json_object_set_int_member (group, "silent_weeks", silent_weeks);
      json_object_set_array_member (group, "cells", row_cells);
      json_array_add_object_element (rows, group);
    }

  json_object_set_string_member (heatmap, "from", first_monday);
  json_object_set_string_member (heatmap, "to", last_sunday);
  json_object_set_int_member (heatmap, "overload_threshold", HELDER_INSIGHTS_OVERLOAD);
  json_object_set_int_member (heatmap, "silence_weeks", HELDER_INSIGHTS_SILENCE);
  json_object_set_double_member (heatmap, "max_per_member", max_per_member);
  json_object_set_array_member (heatmap, "weeks", heatmap_weeks (&first, n_weeks, &day));
  json_object_set_array_member (heatmap, "groups", rows);
  return g_steal_pointer (&heatmap);
}

/* ---- the timeline ---------------------------------------------------------- */

static JsonObject *
timeline_compute (HelderStore *store, const char *today, GError **error)
{
  g_autoptr (JsonObject) timeline = json_object_new ();
  g_autoptr (JsonArray) programme = NULL;
  g_autoptr (JsonArray) phases = NULL;
  g_autoptr (JsonArray) gates = NULL;
  g_autoptr (JsonArray) moments = NULL;
  const char *from = NULL, *to = NULL;
  g_autofree char *from_default = NULL;
  g_autofree char *to_default = NULL;

  programme = helder_repo_query_rows (
    store, "SELECT name, organisation, starts_on, ends_on FROM programme WHERE id = 1", NULL, NULL,
    error);
  if (programme == NULL)
    return NULL;
  phases = helder_repo_query_rows (
    store,
    "SELECT key, name, position, starts_on, ends_on,"
    " CASE WHEN ends_on < ?1 THEN 'done' WHEN starts_on <= ?1 THEN 'current'"
    " ELSE 'planned' END AS state"
    " FROM phase ORDER BY position, key",
    today, NULL, error);
  if (phases == NULL)
    return NULL;
  gates = helder_repo_query_rows (
    store,
    "SELECT g.slug, g.name, g.phase, g.decide_on, g.decision,"
    " (SELECT count(*) FROM gate_criterion c WHERE c.gate = g.slug) AS criteria,"
    " (SELECT count(*) FROM gate_criterion c WHERE c.gate = g.slug AND c.status != 'met')"
    " AS open_criteria"
    " FROM gate g ORDER BY g.decide_on, g.slug",
    NULL, NULL, error);
  if (gates == NULL)
    return NULL;
  /* The main channel: a meeting, else a default channel (e-mail), else
   * the first by name. */
  {
    g_auto (GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);
    g_autofree char *joined = g_strjoinv (",", defaults);

    moments = helder_repo_query_rows (
      store,
      "SELECT m.id, m.title, m.scheduled_at, local_date (m.scheduled_at) AS date,"
      " m.status, m.phase,"
      " (SELECT group_concat (channel, ',') FROM moment_channel c WHERE c.moment = m.id)"
      " AS channels,"
      " (SELECT channel FROM moment_channel c WHERE c.moment = m.id"
      "  ORDER BY channel = 'meeting' DESC,"
      "  instr (',' || ?1 || ',', ',' || channel || ',') > 0 DESC, channel LIMIT 1) AS channel"
      " FROM moment m ORDER BY m.scheduled_at, m.id",
      joined, NULL, error);
  }
  if (moments == NULL)
    return NULL;

  if (json_array_get_length (programme) > 0)
    {
      JsonObject *row = json_array_get_object_element (programme, 0);
      json_object_set_object_member (timeline, "programme", json_object_ref (row));
      widen (&from, &to, json_object_get_string_member (row, "starts_on"));
      widen (&from, &to, json_object_get_string_member (row, "ends_on"));
    }
  else
    json_object_set_null_member (timeline, "programme");

  for (guint i = 0; i < json_array_get_length (phases); i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      json_object_set_boolean_member (
        phase, "current", g_str_equal (json_object_get_string_member (phase, "state"), "current"));
      widen (&from, &to, json_object_get_string_member (phase, "starts_on"));
      widen (&from, &to, json_object_get_string_member (phase, "ends_on"));
    }
  for (guint i = 0; i < json_array_get_length (gates); i++)
    widen (&from, &to,
           json_object_get_string_member (json_array_get_object_element (gates, i), "decide_on"));
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      const char *channels = json_object_get_string_member (moment, "channels");
      JsonArray *list = json_array_new ();

      if (channels != NULL)
        {
          g_auto (GStrv) split = g_strsplit (channels, ",", -1);
          for (guint c = 0; split[c] != NULL; c++)
            json_array_add_string_element (list, split[c]);
        }
      json_object_set_array_member (moment, "channels", list);
      widen (&from, &to, json_object_get_string_member (moment, "date"));
    }

  if (from == NULL)
    {
      from = from_default = helder_date_add_days (today, -30);
      to = to_default = helder_date_add_days (today, 30);
    }
  widen (&from, &to, today);
  json_object_set_string_member (timeline, "from", from);
  json_object_set_string_member (timeline, "to", to);
  json_object_set_array_member (timeline, "phases", g_steal_pointer (&phases));
  json_object_set_array_member (timeline, "gates", g_steal_pointer (&gates));
  json_object_set_array_member (timeline, "moments", g_steal_pointer (&moments));
  return g_steal_pointer (&timeline);
}

/* ---- the ledger of commitments ---------------------------------------------- */

/* Moves the members "PREFIXx" of @row into an object @name as "x"; @name is
 * null when the member @present is. */
static void
nest_members (JsonObject *row, const char *prefix, const char *name, const char *present)
{
  g_autoptr (GList) members = json_object_get_members (row);
  JsonObject *nested = json_object_get_null_member (row, present) ? NULL : json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      {
        if (nested != NULL)
          json_object_set_member (nested, (const char *) l->data + strlen (prefix),
                                  json_object_dup_member (row, l->data));
        json_object_remove_member (row, l->data);
      }
  if (nested != NULL)
    json_object_set_object_member (row, name, nested);
  else
    json_object_set_null_member (row, name);
}

static gboolean
ledger_compute (HelderStore *store, const char *today, JsonObject *insights, GError **error)
{
  static const char *const keys[] = { "late", "broken", "open", "kept", "withdrawn" };
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonArray) groups = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = NULL;
  JsonObject *counts = json_object_new ();

  json_object_set_object_member (insights, "ledger_counts", counts);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    json_object_set_int_member (counts, keys[i], 0);

  rows = helder_repo_query_rows (
    store,
    "SELECT c.id, c.text, c.made_by, c.made_on, c.due_on, c.status,"
    " CASE WHEN c.status = 'open' AND c.due_on < ?1 THEN 'late' ELSE c.status END"
    " AS effective,"
    " CASE WHEN c.status = 'open' AND c.due_on < ?1"
    " THEN CAST (julianday (?1) - julianday (c.due_on) AS INTEGER) ELSE 0 END AS days_late,"
    " (SELECT count(*) FROM commitment_person cp WHERE cp.commitment = c.id) AS persons,"
    " u.status AS update_status, u.note AS update_note, u.author AS update_author,"
    " u.created_at AS update_created_at"
    " FROM commitment c"
    " LEFT JOIN commitment_update u ON u.id ="
    "   (SELECT max (v.id) FROM commitment_update v WHERE v.commitment = c.id)"
    " ORDER BY CASE WHEN c.status = 'open' AND c.due_on < ?1 THEN 0"
    "   WHEN c.status = 'broken' THEN 1 WHEN c.status = 'open' THEN 2"
    "   WHEN c.status = 'kept' THEN 3 ELSE 4 END, c.due_on, c.id",
    today, NULL, error);
  if (rows == NULL)
    return FALSE;
  groups = helder_repo_query_rows (
    store,
    "SELECT cg.commitment, g.slug, g.name FROM commitment_group cg"
    " JOIN stakeholder_group g ON g.slug = cg.grp ORDER BY cg.commitment, g.name, g.slug",
    NULL, NULL, error);
  if (groups == NULL)
    return FALSE;

  ids = g_new0 (gint64, json_array_get_length (rows) + 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *effective = json_object_get_string_member (row, "effective");

      json_object_set_int_member (
        counts, effective, json_object_get_int_member_with_default (counts, effective, 0) + 1);
      json_object_set_array_member (row, "groups", json_array_new ());
      nest_members (row, "update_", "last_update", "update_created_at");
      ids[i] = json_object_get_int_member (row, "id");
      g_hash_table_insert (by_id, &ids[i], row);
    }
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *link = json_array_get_object_element (groups, i);
      gint64 id = json_object_get_int_member (link, "commitment");
      JsonObject *row = g_hash_table_lookup (by_id, &id);
      JsonObject *group;

      if (row == NULL)
        continue;
      group = json_object_new ();
      json_object_set_string_member (group, "slug", json_object_get_string_member (link, "slug"));
      json_object_set_string_member (group, "name", json_object_get_string_member (link, "name"));
      json_array_add_object_element (json_object_get_array_member (row, "groups"), group);
    }
  json_object_set_array_member (insights, "ledger", g_steal_pointer (&rows));
  return TRUE;
}

/* ---- role changes per group ---------------------------------------------------- */

static const char *const change_statuses[] = { "draft", "decided", "discussed", "accepted",
                                               "objection" };

static JsonObject *
change_counts_new (void)
{
  JsonObject *counts = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (change_statuses); i++)
    json_object_set_int_member (counts, change_statuses[i], 0);
  json_object_set_int_member (counts, "total", 0);
  json_object_set_int_member (counts, "undecided", 0);
  json_object_set_int_member (counts, "overdue", 0);
  return counts;
}

static void
change_counts_add (JsonObject *counts, sqlite3_stmt *stmt)
{
  const char *status = text_or_null (stmt, 1);
  gint64 n = sqlite3_column_int64 (stmt, 2);

  if (status != NULL && json_object_has_member (counts, status))
    json_object_set_int_member (counts, status, json_object_get_int_member (counts, status) + n);
  json_object_set_int_member (counts, "total", json_object_get_int_member (counts, "total") + n);
  json_object_set_int_member (counts, "undecided",
                              json_object_get_int_member (counts, "undecided") +
                                sqlite3_column_int64 (stmt, 3));
  json_object_set_int_member (counts, "overdue",
                              json_object_get_int_member (counts, "overdue") +
                                sqlite3_column_int64 (stmt, 4));
}

static gboolean
role_changes_compute (HelderStore *store,
                      const char *today,
                      Groups *groups,
                      JsonObject *insights,
                      GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (JsonObject) totals = change_counts_new ();
  JsonArray *out;
  int rc;

  for (guint g = 0; g < groups->rows->len; g++)
    {
      JsonObject *source = g_ptr_array_index (groups->rows, g);
      JsonObject *row = change_counts_new ();

      json_object_set_string_member (row, "slug", json_object_get_string_member (source, "slug"));
      json_object_set_string_member (row, "name", json_object_get_string_member (source, "name"));
      json_object_set_string_member (row, "kind", json_object_get_string_member (source, "kind"));
      json_object_set_int_member (row, "members", groups->members[g]);
      g_ptr_array_add (rows, row);
    }

  /* Per group and status, then (grp NULL) per status over everyone. */
  stmt = helder_store_prepare (store,
                               "SELECT pg.grp, rc.status, count(*), sum (rc.to_role IS NULL),"
                               " sum (rc.to_role IS NULL AND rc.decision_expected < ?1)"
                               " FROM role_change rc JOIN person_group pg ON pg.person = rc.person"
                               " GROUP BY pg.grp, rc.status"
                               " UNION ALL SELECT NULL, status, count(*), sum (to_role IS NULL),"
                               " sum (to_role IS NULL AND decision_expected < ?1)"
                               " FROM role_change GROUP BY status",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *grp = text_or_null (stmt, 0);
      guint index = grp ? GPOINTER_TO_UINT (g_hash_table_lookup (groups->index, grp)) : 0;

      if (grp == NULL)
        change_counts_add (totals, stmt);
      else if (index > 0)
        change_counts_add (g_ptr_array_index (rows, index - 1), stmt);
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;

  out = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (out, json_object_ref (g_ptr_array_index (rows, i)));
  json_object_set_array_member (insights, "role_changes", out);
  json_object_set_object_member (insights, "role_change_totals", g_steal_pointer (&totals));
  return TRUE;
}

/* ---- together ------------------------------------------------------------------- */

static void
copy_member (JsonObject *to, JsonObject *from, const char *from_name, const char *to_name)
{
  if (json_object_has_member (from, from_name))
    json_object_set_member (to, to_name, json_object_dup_member (from, from_name));
  else
    json_object_set_null_member (to, to_name);
}

static JsonObject *
compute (HelderStore *store, const char *today, GError **error)
{
  g_autoptr (JsonObject) insights = json_object_new ();
  g_autoptr (JsonObject) status = NULL;
  JsonObject *part;
  Groups groups = { NULL, NULL, NULL };
  gboolean ok = FALSE;

  json_object_set_string_member (insights, "today", today);

  if (!groups_load (store, &groups, error))
    goto out;
  /* The heat map counts the members of each group for the rest. */
  part = heatmap_compute (store, today, &groups, error);
  if (part == NULL)
    goto out;
  json_object_set_object_member (insights, "heatmap", part);
  part = timeline_compute (store, today, error);
  if (part == NULL)
    goto out;
  json_object_set_object_member (insights, "timeline", part);
  if (!ledger_compute (store, today, insights, error))
    goto out;
  if (!role_changes_compute (store, today, &groups, insights, error))
    goto out;

  status = helder_status_compute (store, today, error);
  if (status == NULL)
    goto out;
  copy_member (insights, status, "current_phase", "current_phase");
  copy_member (insights, status, "next_gate", "next_gate");
  copy_member (insights, status, "moments", "upcoming");
  copy_member (insights, status, "sent", "sent");
  ok = TRUE;

out:
  groups_clear (&groups);
  return ok ? g_steal_pointer (&insights) : NULL;
}

/**
 * helder_insights_compute:
 * @today: (nullable): YYYY-MM-DD, %NULL for the local date
 *
 * Returns: (transfer full): the dashboard's data, described in
 *   helder-insights.h; %NULL with @error when @today is not a date or the
 *   store cannot be read
 */
JsonObject *
helder_insights_compute (HelderStore *store, const char *today_in, GError **error)
{
  g_autofree char *today = NULL;
  JsonObject *insights;
  gboolean own_transaction;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  today = today_in ? g_strdup (today_in) : helder_clock_today ();
  if (!helder_date_parse (today, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a date (use YYYY-MM-DD)"), today);
      return NULL;
    }

  /* One read transaction, so that every figure comes from the same state
   * of the database even while another process writes. */
  own_transaction =
    !helder_store_in_transaction (store) && sqlite3_get_autocommit (helder_store_get_db (store));
  if (own_transaction && !helder_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  insights = compute (store, today, error);
  if (own_transaction)
    helder_store_exec (store, "ROLLBACK", NULL);
  return insights;
}

/* ---- the cache ----------------------------------------------------------------- */

#define CACHE_KEY "helder-insights-cache"

typedef struct
{
  char *today;
  HelderStoreStamp stamp;
  JsonObject *insights;
} InsightsCache;

static void
insights_cache_free (InsightsCache *cache)
{
  g_free (cache->today);
  g_clear_pointer (&cache->insights, json_object_unref);
  g_free (cache);
}

/**
 * helder_insights_get:
 * @today: (nullable): YYYY-MM-DD, %NULL for the local date
 *
 * Returns: (transfer full): the insights of @today, sealed; computed again
 *   only when the database changed since the last call or @today differs
 */
JsonObject *
helder_insights_get (HelderStore *store, const char *today_in, GError **error)
{
  g_autofree char *today = NULL;
  InsightsCache *cache;
  HelderStoreStamp stamp;
  JsonObject *insights;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  today = today_in ? g_strdup (today_in) : helder_clock_today ();
  if (!helder_store_stamp (store, &stamp, error))
    return NULL;
  cache = g_object_get_data (G_OBJECT (store), CACHE_KEY);
  if (cache != NULL && helder_store_stamp_equal (&cache->stamp, &stamp) &&
      g_strcmp0 (cache->today, today) == 0)
    return json_object_ref (cache->insights);

  insights = helder_insights_compute (store, today, error);
  if (insights == NULL)
    return NULL;
  json_object_seal (insights);
  cache = g_new0 (InsightsCache, 1);
  cache->today = g_steal_pointer (&today);
  cache->stamp = stamp;
  cache->insights = json_object_ref (insights);
  g_object_set_data_full (G_OBJECT (store), CACHE_KEY, cache, (GDestroyNotify) insights_cache_free);
  return insights;
}
