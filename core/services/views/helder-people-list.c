/* helder-people-list.c — the advisor's list of everyone: search, filter, one page at a time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search matches a part of the name or of the e-mail address whatever
 * its case or accents (helder_text_fold(), through the SQL function
 * helder_match on the connection). The matching people are counted in one
 * pass over their ids in name order (the index person_name, migration 12);
 * only the page's people are then read in full.
 */
#define G_LOG_DOMAIN "helder-views"

#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "model/helder-text.h"
#include "services/access/helder-access-state.h"
#include "services/views/helder-people-list.h"

/* The member that holds a person's e-mail address (not a channel). */
#define PERSON_EMAIL "email"

/* Whether @text, folded, contains @needle (folded already). Names and
 * addresses are mostly ASCII: those are compared in place, without
 * folding a copy, as this runs for every person on every search. */
static gboolean
contains_folded (const char *text, const char *needle)
{
  const char *p;
  g_autofree char *folded = NULL;

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    {
      gsize n = strlen (needle);

      for (p = text; *p != '\0'; p++)
        {
          gsize i = 0;

          while (i < n && p[i] != '\0' && g_ascii_tolower (p[i]) == needle[i])
            i++;
          if (i == n)
            return TRUE;
        }
      return n == 0;
    }
  folded = helder_text_fold (text);
  return strstr (folded, needle) != NULL;
}

/* helder_match (TEXT, NEEDLE): 1 when TEXT, folded, contains NEEDLE. */
static void
match_function (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int (ctx, text != NULL && needle != NULL && contains_folded (text, needle));
}

/* Once per connection: registering it again would make SQLite prepare
 * the cached statements that use it anew. */
static gboolean
register_match (HelderStore *store, GError **error)
{
  int rc;

  if (g_object_get_data (G_OBJECT (store), "helder-match") != NULL)
    return TRUE;
  rc = sqlite3_create_function_v2 (helder_store_get_db (store), "helder_match", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, match_function, NULL,
                                   NULL, NULL);
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  g_object_set_data (G_OBJECT (store), "helder-match", GINT_TO_POINTER (1));
  return TRUE;
}

#define BY_NAME  " ORDER BY p.name COLLATE NOCASE, p.id"
#define IN_GROUP "p.id IN (SELECT g.person FROM person_group g WHERE g.grp = ?2)"
#define MATCHES  "(helder_match (p.name, ?1) OR helder_match (p.email, ?1))"

/* [search?][group?]: everyone in name order through the index on the
 * name; a group's members through the group's index, then sorted; a
 * search reads the table in its own order (cheaper than through the
 * index, as every row is read) and sorts the few that match. */
static const char *const matching_sql[2][2] = {
  { "SELECT p.id FROM person p" BY_NAME, "SELECT p.id FROM person p WHERE " IN_GROUP BY_NAME },
  { "SELECT p.id FROM person p NOT INDEXED WHERE " MATCHES BY_NAME,
    "SELECT p.id FROM person p WHERE " IN_GROUP " AND " MATCHES BY_NAME },
};

/* The ids of the page's people; *total: how many match in all. */
static GArray *
matching_ids (HelderStore *store, const HelderPeopleFilter *filter, guint *total, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *needle = NULL;
  gboolean has_group = filter->group != NULL && filter->group[0] != '\0';
  guint n = 0;
  int rc;

  if (filter->query != NULL && filter->query[0] != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter->query));

      needle = helder_text_fold (stripped);
      if (needle[0] == '\0')
        g_clear_pointer (&needle, g_free);
    }
  if (needle != NULL && !register_match (store, error))
    return NULL;
  stmt = helder_store_prepare (store, matching_sql[needle != NULL][has_group], error);
  if (stmt == NULL)
    return NULL;
  if (needle != NULL)
    sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_TRANSIENT);
  if (has_group)
    sqlite3_bind_text (stmt, 2, filter->group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n >= filter->offset && ids->len < filter->limit)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      n++;
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  *total = n;
  return g_steal_pointer (&ids);
}

static void
set_text_or_null (JsonObject *object, const char *member, sqlite3_stmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static const char *
access_name (HelderAccessState state)
{
  switch (state)
    {
    case HELDER_ACCESS_HELD:
      return "held";
    case HELDER_ACCESS_LINK_WAITING:
      return "link";
    case HELDER_ACCESS_NONE:
    default:
      return "none";
    }
}

/* One person as the list shows them. */
static JsonObject *
read_person (HelderStore *store, sqlite3_stmt *stmt, gint64 id, GError **error)
{
  g_autoptr (JsonObject) person = json_object_new ();
  JsonArray *groups = json_array_new ();
  const char *members;
  HelderAccessState access;
  GError *local = NULL;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
      json_array_unref (groups);
      return NULL;
    }
  json_object_set_int_member (person, "id", id);
  set_text_or_null (person, "name", stmt, 0);
  set_text_or_null (person, PERSON_EMAIL, stmt, 1);
  set_text_or_null (person, "role", stmt, 2);
  set_text_or_null (person, "role_name", stmt, 3);
  set_text_or_null (person, "change_status", stmt, 4);
  members = (const char *) sqlite3_column_text (stmt, 5);
  if (members != NULL)
    {
      g_auto (GStrv) slugs = g_strsplit (members, "\n", -1);

      for (guint i = 0; slugs[i] != NULL; i++)
        json_array_add_string_element (groups, slugs[i]);
    }
  json_object_set_array_member (person, "groups", groups);
  access = helder_access_state_of (store, id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  json_object_set_string_member (person, "access", access_name (access));
  return g_steal_pointer (&person);
}

/**
 * helder_people_list_find:
 * @filter: what to look for, and which page
 *
 * Everyone who matches @filter, in name order, one page of them with
 * what the advisor's list shows: name, e-mail, groups (slugs), role and
 * its name, the status of their role change, and their access ("held":
 * a valid token or session; "link": a sign-in link waiting; "none").
 *
 * Returns: (transfer full): {"total": how many match, "people": [the page]}
 */
JsonObject *
helder_people_list_find (HelderStore *store, const HelderPeopleFilter *filter, GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (JsonArray) people = json_array_new ();
  g_autoptr (GArray) ids = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  guint total = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL && filter->limit > 0, NULL);

  ids = matching_ids (store, filter, &total, error);
  if (ids == NULL)
    return NULL;
  stmt = helder_store_prepare (
    store,
    "SELECT p.name, p.email, p.role, r.name, rc.status,"
    " (SELECT group_concat (grp, char (10)) FROM"
    " (SELECT g.grp FROM person_group g WHERE g.person = p.id ORDER BY g.grp))"
    " FROM person p LEFT JOIN role r ON r.slug = p.role"
    " LEFT JOIN role_change rc ON rc.person = p.id WHERE p.id = ?1",
    error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *person = read_person (store, stmt, g_array_index (ids, gint64, i), error);

      if (person == NULL)
        return NULL;
      json_array_add_object_element (people, person);
    }
  json_object_set_int_member (result, "total", total);
  json_object_set_array_member (result, "people", g_steal_pointer (&people));
  return g_steal_pointer (&result);
}
