/* helder-people.c — people as other parts need them: names, and what channels need
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The few questions about people that the web, the CLI and the sender ask
 * besides the generic repository, answered here so that no layer above
 * the services runs SQL of its own.
 */
#define G_LOG_DOMAIN "helder-repo"

#include "config.h"

#include "helder-error.h"
#include "services/repo/helder-people.h"

/**
 * helder_people_names:
 *
 * Returns: (transfer full): the name of every person, by id (gint64 *)
 */
GHashTable *
helder_people_names (HelderStore *store, GError **error)
{
  g_autoptr (GHashTable) names =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, "SELECT id, name FROM person", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (names, id, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&names);
}

/**
 * helder_people_name:
 *
 * Returns: (transfer full) (nullable): the name of person @id, or %NULL
 *   (without an error) when there is no such person
 */
char *
helder_people_name (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT name FROM person WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  helder_store_propagate (store, rc, error);
  return NULL;
}

/* The people among @ids (ascending, as helder_audience_resolve() gives
 * them), as [{id, name}] ordered by name; at most @limit. */
JsonArray *
helder_people_named (HelderStore *store,
                     const gint64 *ids,
                     guint n_ids,
                     guint limit,
                     GError **error)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (JsonArray) people = json_array_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&people);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (wanted, (gpointer) &ids[i]);
  stmt = helder_store_prepare (
    store, "SELECT id, name FROM person ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && json_array_get_length (people) < limit)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      JsonObject *person;

      if (!g_hash_table_contains (wanted, &id))
        continue;
      person = json_object_new ();
      json_object_set_int_member (person, "id", id);
      json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_array_add_object_element (people, person);
    }
  if (rc != SQLITE_ROW && !helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

/**
 * helder_people_load_for_delivery:
 * @ids: (array length=n_ids): people to load
 * @cache: id (gint64 *) → person (JsonObject): what is loaded is added
 *
 * Loads in one query what channels need of people: id, name, email,
 * locale, organisation and channels.
 */
gboolean
helder_people_load_for_delivery (HelderStore *store,
                                 const gint64 *ids,
                                 guint n_ids,
                                 GHashTable *cache,
                                 GError **error)
{
  g_autoptr (JsonArray) list = json_array_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *text = NULL;
  int rc;

  if (n_ids == 0)
    return TRUE;
  for (guint i = 0; i < n_ids; i++)
    json_array_add_int_element (list, ids[i]);
  json_node_set_array (node, list);
  text = json_to_string (node, FALSE);
  stmt = helder_store_prepare (
    store,
    "SELECT p.id, p.name, p.email, p.locale, p.organisation,"
    " (SELECT json_group_array (c.channel) FROM person_channel c WHERE c.person = p.id)"
    " FROM person p WHERE p.id IN (SELECT value FROM json_each (?1))",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *person = json_object_new ();
      g_autoptr (JsonNode) channels =
        json_from_string ((const char *) sqlite3_column_text (stmt, 5), NULL);
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      json_object_set_int_member (person, "id", *key);
      json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        json_object_set_null_member (person, "email");
      else
        json_object_set_string_member (person, "email",
                                       (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (person, "locale",
                                     (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (person, "organisation",
                                     (const char *) sqlite3_column_text (stmt, 4));
      if (channels != NULL && JSON_NODE_HOLDS_ARRAY (channels))
        json_object_set_member (person, "channels", g_steal_pointer (&channels));
      else
        json_object_set_array_member (person, "channels", json_array_new ());
      g_hash_table_insert (cache, key, person);
    }
  return helder_store_propagate (store, rc, error);
}
