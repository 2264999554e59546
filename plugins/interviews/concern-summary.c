/* concern-summary.c — open concerns per theme and group; the Q&A
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary counts what concern_list() says of each open concern (its
 * age and lateness), so the dashboard and the list never differ. The
 * questions-and-answers page shows published answers only, with the
 * public question (or the text as raised), the answer and its theme:
 * never who raised it, when, or through what.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"

/* The bucket @key of @index in @buckets, made when missing. */
static JsonObject *
bucket (JsonArray *buckets, GHashTable *index, const char *key, const char *name)
{
  JsonObject *b = g_hash_table_lookup (index, key);

  if (b != NULL)
    return b;
  b = json_object_new ();
  json_object_set_string_member (b, "key", key);
  json_object_set_string_member (b, "name", name);
  json_object_set_int_member (b, "open", 0);
  json_object_set_int_member (b, "late", 0);
  json_object_set_int_member (b, "oldest_age_working_days", 0);
  json_array_add_object_element (buckets, b);
  g_hash_table_insert (index, g_strdup (key), b);
  return b;
}

static void
count (JsonObject *b, JsonObject *row)
{
  gint64 age = json_object_get_int_member (row, "age_working_days");

  json_object_set_int_member (b, "open", json_object_get_int_member (b, "open") + 1);
  if (json_object_get_boolean_member (row, "late"))
    json_object_set_int_member (b, "late", json_object_get_int_member (b, "late") + 1);
  if (age > json_object_get_int_member (b, "oldest_age_working_days"))
    json_object_set_int_member (b, "oldest_age_working_days", age);
}

static char *
group_name (HelderStore *store, const char *slug)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name FROM stakeholder_group WHERE slug = ?1", NULL);

  if (stmt == NULL)
    return g_strdup (slug);
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return g_strdup (slug);
}

JsonObject *
concern_summary (HelderStore *store, const char *today, GError **error)
{
  g_autoptr (JsonArray) open = concern_list (store, "open", NULL, NULL, today, error);
  g_autoptr (GHashTable) themes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *summary;
  JsonArray *by_theme, *by_group;
  JsonObject *all;

  if (open == NULL)
    return NULL;
  summary = json_object_new ();
  by_theme = json_array_new ();
  by_group = json_array_new ();
  all = json_object_new ();
  json_object_set_int_member (all, "open", 0);
  json_object_set_int_member (all, "late", 0);
  json_object_set_int_member (all, "oldest_age_working_days", 0);
  for (guint i = 0; i < json_array_get_length (open); i++)
    {
      JsonObject *row = json_array_get_object_element (open, i);
      JsonArray *row_groups = json_object_get_array_member (row, "groups");
      gboolean themed = !json_object_get_null_member (row, "theme");

      count (all, row);
      count (bucket (by_theme, themes, themed ? json_object_get_string_member (row, "theme") : "",
                     themed ? json_object_get_string_member (row, "theme_name") : _ ("(no theme)")),
             row);
      for (guint g = 0; g < json_array_get_length (row_groups); g++)
        {
          const char *slug = json_array_get_string_element (row_groups, g);
          g_autofree char *name = group_name (store, slug);

          count (bucket (by_group, groups, slug, name), row);
        }
    }
  json_object_set_int_member (summary, "open", json_object_get_int_member (all, "open"));
  json_object_set_int_member (summary, "late", json_object_get_int_member (all, "late"));
  json_object_set_int_member (summary, "oldest_age_working_days",
                              json_object_get_int_member (all, "oldest_age_working_days"));
  json_object_set_int_member (summary, "late_after_working_days", concern_late_days (store));
  json_object_set_array_member (summary, "by_theme", by_theme);
  json_object_set_array_member (summary, "by_group", by_group);
  json_object_unref (all);
  return summary;
}

JsonArray *
concern_published (HelderStore *store, const char *lang, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT c.id, CASE c.public_question WHEN '' THEN c.text ELSE c.public_question END"
    " AS question, c.answer, c.answer_moment, m.title AS answer_moment_title,"
    " c.answer_commitment, k.text AS answer_commitment_text, c.answered_on,"
    " t.slug AS theme, CASE WHEN ?1 = 'en' AND t.name_en <> '' THEN t.name_en ELSE t.name END"
    " AS theme_name"
    " FROM concern c LEFT JOIN concern_theme t ON t.id = c.theme"
    " LEFT JOIN moment m ON m.id = c.answer_moment"
    " LEFT JOIN commitment k ON k.id = c.answer_commitment"
    " WHERE c.published = 1 AND c.status = 'answered'"
    " ORDER BY t.name IS NULL, t.name, c.answered_on DESC, c.id",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lang != NULL ? lang : "nl", -1, SQLITE_TRANSIENT);
  return interview_rows (store, stmt, error);
}
