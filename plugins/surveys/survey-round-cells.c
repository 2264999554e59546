/* survey-round-cells.c — a round's counts as JSON, suppressed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round's head (invited, responses and rate overall, per group and per
 * role-change status) and each question's cells (overall, per group, per
 * status: n, distribution, average, index) with the comments of free-text
 * questions. Every number passes survey-suppress.c first.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "survey-round-cells.h"
#include "survey-suppress.h"

Acc *
acc_new (guint n_values)
{
  Acc *acc = g_new0 (Acc, 1);

  acc->counts = g_new0 (gint64, MAX (n_values, 1));
  return acc;
}

void
acc_free (gpointer data)
{
  Acc *acc = data;

  g_free (acc->counts);
  g_free (acc);
}

/* @value to @scale-ths: 10 for one decimal, 100 for two */
static double
round_to (double value, double scale)
{
  return round (value * scale) / scale;
}

static const char *
unknown_name (void)
{
  return _ ("unknown or other");
}

/* A group's name, its slug when it is gone. */
static char *
group_name (HelderStore *store, const char *slug)
{
  g_autoptr (HelderStmt) stmt = NULL;

  if (*slug == '\0')
    return g_strdup (unknown_name ());
  stmt = helder_store_prepare (store, "SELECT name FROM stakeholder_group WHERE slug = ?1", NULL);
  if (stmt == NULL)
    return g_strdup (slug);
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return g_strdup (slug);
}

/* The cell's identity: a group's slug and name or a status. */
static void
set_cell_key (JsonObject *object, HelderStore *store, gboolean group, const char *key)
{
  const char *member = group ? "slug" : "status";

  if (*key == '\0')
    json_object_set_null_member (object, member);
  else
    json_object_set_string_member (object, member, key);
  if (group)
    survey_json_take_string (object, "name", group_name (store, key));
  else if (*key == '\0')
    json_object_set_string_member (object, "name", unknown_name ());
}

/* Keys of a breakdown table in a stable order, unknown last. */
static int
compare_keys (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;

  if (*x == '\0' || *y == '\0')
    return (*x == '\0') - (*y == '\0');
  return strcmp (x, y);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

/* ---- the round's head ---------------------------------------------- */

typedef struct
{
  gint64 invited;
  gint64 responses;
} Reach;

static Reach *
reach_for (GHashTable *table, const char *key)
{
  Reach *reach = g_hash_table_lookup (table, key);

  if (reach == NULL)
    {
      reach = g_new0 (Reach, 1);
      g_hash_table_insert (table, g_strdup (key), reach);
    }
  return reach;
}

static void
set_rate (JsonObject *object, gint64 responses, gint64 invited)
{
  if (invited > 0)
    json_object_set_double_member (object, "rate", round_to (100.0 * responses / invited, 10));
}

static JsonArray *
reach_cells (HelderStore *store,
             GHashTable *table,
             gboolean group,
             gboolean total_shown,
             const SurveyRoundInfo *round,
             gboolean running)
{
  g_autoptr (GPtrArray) keys = sorted_keys (table);
  g_autofree SurveyCell *cells = g_new0 (SurveyCell, MAX (keys->len, 1));
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    cells[i].n = ((Reach *) g_hash_table_lookup (table, keys->pdata[i]))->responses;
  survey_suppress_cells (cells, keys->len, total_shown, round->threshold, running);
  for (guint i = 0; i < keys->len; i++)
    {
      Reach *reach = g_hash_table_lookup (table, keys->pdata[i]);
      JsonObject *object = cells[i].state == SURVEY_SHOWN
                             ? json_object_new ()
                             : survey_suppress_mark (cells[i].state, round->threshold);

      set_cell_key (object, store, group, keys->pdata[i]);
      if (*(const char *) keys->pdata[i] != '\0')
        json_object_set_int_member (object, "invited", reach->invited);
      if (cells[i].state == SURVEY_SHOWN)
        {
          json_object_set_int_member (object, "responses", reach->responses);
          set_rate (object, reach->responses, reach->invited);
        }
      json_array_add_object_element (array, object);
    }
  return array;
}

static gboolean
read_reach (HelderStore *store,
            gint64 round,
            Reach *all,
            GHashTable *groups,
            GHashTable *statuses,
            GError **error)
{
  g_autoptr (HelderStmt) pop = helder_store_prepare (
    store, "SELECT dimension, value, invited FROM survey_population WHERE round = ?1", error);
  g_autoptr (HelderStmt) resp = NULL;
  int rc;

  if (pop == NULL)
    return FALSE;
  sqlite3_bind_int64 (pop, 1, round);
  while ((rc = sqlite3_step (pop)) == SQLITE_ROW)
    {
      const char *dimension = (const char *) sqlite3_column_text (pop, 0);
      const char *value = (const char *) sqlite3_column_text (pop, 1);
      gint64 invited = sqlite3_column_int64 (pop, 2);

      if (g_str_equal (dimension, "all"))
        all->invited = invited;
      else
        reach_for (g_str_equal (dimension, "group") ? groups : statuses, value)->invited = invited;
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  resp = helder_store_prepare (
    store,
    "SELECT grp, status, count(*) FROM survey_response WHERE round = ?1 GROUP BY grp, status",
    error);
  if (resp == NULL)
    return FALSE;
  sqlite3_bind_int64 (resp, 1, round);
  while ((rc = sqlite3_step (resp)) == SQLITE_ROW)
    {
      const char *grp = (const char *) sqlite3_column_text (resp, 0);
      const char *status = (const char *) sqlite3_column_text (resp, 1);
      gint64 n = sqlite3_column_int64 (resp, 2);

      all->responses += n;
      reach_for (groups, grp ? grp : "")->responses += n;
      reach_for (statuses, status ? status : "")->responses += n;
    }
  return helder_store_propagate (store, rc, error);
}

JsonObject *
survey_round_head (HelderStore *store,
                   const SurveyRoundInfo *round,
                   gboolean running,
                   GError **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Reach all = { 0 };
  SurveySuppression state;
  JsonObject *object;

  if (!read_reach (store, round->id, &all, groups, statuses, error))
    return NULL;
  state = survey_suppress_count (all.responses, round->threshold, running);
  object =
    state == SURVEY_SHOWN ? json_object_new () : survey_suppress_mark (state, round->threshold);
  json_object_set_int_member (object, "id", round->id);
  json_object_set_int_member (object, "number", round->number);
  json_object_set_string_member (object, "status", round->status);
  json_object_set_string_member (object, "opens_at", round->opens_at);
  json_object_set_string_member (object, "closes_at", round->closes_at);
  json_object_set_int_member (object, "invited", all.invited);
  if (state == SURVEY_SHOWN)
    {
      json_object_set_int_member (object, "responses", all.responses);
      set_rate (object, all.responses, all.invited);
    }
  json_object_set_array_member (
    object, "groups", reach_cells (store, groups, TRUE, state == SURVEY_SHOWN, round, running));
  json_object_set_array_member (
    object, "statuses",
    reach_cells (store, statuses, FALSE, state == SURVEY_SHOWN, round, running));
  return object;
}

/* ---- a question's cells -------------------------------------------- */

static void
add_statistics (JsonObject *object, const Question *q, const Acc *acc)
{
  gboolean scale = g_str_equal (q->kind, "agree5") || g_str_equal (q->kind, "scale10");
  JsonArray *distribution;
  gint64 sum = 0, answered = 0;

  json_object_set_int_member (object, "n", acc->n);
  if (q->n_values == 0)
    return;
  distribution = json_array_new ();
  for (guint i = 0; i < q->n_values; i++)
    {
      JsonObject *item = json_object_new ();
      gint64 count = acc->counts[i];

      json_object_set_int_member (item, "value", q->first + (int) i);
      if (!scale)
        json_object_set_string_member (item, "label", q->options[i]);
      json_object_set_int_member (item, "count", count);
      json_object_set_double_member (item, "percent",
                                     acc->n > 0 ? round_to (100.0 * count / acc->n, 10) : 0);
      json_array_add_object_element (distribution, item);
      sum += count * (q->first + (gint64) i);
      answered += count;
    }
  json_object_set_array_member (object, "distribution", distribution);
  if (scale && answered > 0)
    json_object_set_double_member (object, "average", round_to ((double) sum / answered, 100));
  if (g_str_equal (q->kind, "scale10") && answered > 0)
    {
      gint64 promoters = acc->counts[9] + acc->counts[10], detractors = 0;

      for (guint i = 0; i <= 6; i++)
        detractors += acc->counts[i];
      json_object_set_double_member (object, "index",
                                     round_to (100.0 * (promoters - detractors) / answered, 10));
    }
}

static JsonObject *
cell_json (const Question *q, const Acc *acc, SurveySuppression state, guint threshold)
{
  JsonObject *object;

  if (state != SURVEY_SHOWN)
    return survey_suppress_mark (state, threshold);
  object = json_object_new ();
  add_statistics (object, q, acc);
  return object;
}

static JsonArray *
breakdown (HelderStore *store,
           const Question *q,
           GHashTable *table,
           gboolean group,
           gboolean total_shown,
           const SurveyRoundInfo *round,
           gboolean running)
{
  g_autoptr (GPtrArray) keys = sorted_keys (table);
  g_autofree SurveyCell *cells = g_new0 (SurveyCell, MAX (keys->len, 1));
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    cells[i].n = ((Acc *) g_hash_table_lookup (table, keys->pdata[i]))->n;
  survey_suppress_cells (cells, keys->len, total_shown, round->threshold, running);
  for (guint i = 0; i < keys->len; i++)
    {
      JsonObject *object = cell_json (q, g_hash_table_lookup (table, keys->pdata[i]),
                                      cells[i].state, round->threshold);

      set_cell_key (object, store, group, keys->pdata[i]);
      json_array_add_object_element (array, object);
    }
  return array;
}

/* Comments in a random order that is the same each time: by a hash of
 * the round and the text, never the order they came in. */
static int
compare_comments (gconstpointer a, gconstpointer b)
{
  const char *const *x = a, *const *y = b;

  return strcmp (x[0], y[0]);
}

static JsonArray *
comments (HelderStore *store, gint64 round, gint64 question, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT text FROM survey_answer WHERE round = ?1 AND question = ?2 AND choice = -1"
    " AND text IS NOT NULL AND text <> ''",
    error);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (char *) * 2);
  JsonArray *array;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, question);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *salted = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", round, text);
      char *pair[2] = { g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1),
                        g_strdup (text) };

      g_array_append_vals (pairs, pair, 1);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  g_array_sort (pairs, compare_comments);
  array = json_array_new ();
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = &g_array_index (pairs, char *, i * 2);

      json_array_add_string_element (array, pair[1]);
      g_free (pair[0]);
      g_free (pair[1]);
    }
  return array;
}

JsonObject *
survey_question_cells (HelderStore *store,
                       const SurveyRoundInfo *round,
                       const Question *q,
                       gboolean running,
                       GError **error)
{
  SurveySuppression state = survey_suppress_count (q->all->n, round->threshold, running);
  gboolean shown = state == SURVEY_SHOWN;
  g_autoptr (JsonObject) object = json_object_new ();
  JsonObject *cells = json_object_new ();

  json_object_set_int_member (object, "id", q->id);
  json_object_set_object_member (object, "cells", cells);
  json_object_set_object_member (cells, "all", cell_json (q, q->all, state, round->threshold));
  json_object_set_array_member (cells, "group",
                                breakdown (store, q, q->groups, TRUE, shown, round, running));
  json_object_set_array_member (cells, "status",
                                breakdown (store, q, q->statuses, FALSE, shown, round, running));
  if (g_str_equal (q->kind, "short") || g_str_equal (q->kind, "long"))
    {
      if (shown && survey_suppress_comments_shown (q->all->n, round->threshold))
        {
          JsonArray *array = comments (store, round->id, q->id, error);

          if (array == NULL)
            return NULL;
          json_object_set_array_member (object, "comments", array);
        }
      else
        json_object_set_object_member (
          object, "comments",
          survey_suppress_mark (shown ? SURVEY_SUPPRESSED_FEW : state,
                                MAX (round->threshold, SURVEY_COMMENTS_MIN)));
    }
  return g_steal_pointer (&object);
}
