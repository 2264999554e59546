/* helder-audience.c — who a moment reaches
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment's audience is the union of its groups' members, the people who
 * hold one of its roles now or move into it, its named persons, and everyone
 * whose role change has one of its statuses. One query, so the answer for
 * 10,000 people comes back in milliseconds and never differs between the
 * CLI, the web and the scheduler.
 */
#define G_LOG_DOMAIN "helder-audience"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "helder-error.h"
#include "services/views/helder-audience.h"

/* A moment for a role reaches who holds it now and who will hold it, but
 * the latter only once their role change has been discussed with them
 * (DESIGN.md §3: nobody learns their future role from a message first). */
static const char audience_sql[] =
  "SELECT pg.person FROM moment_group mg JOIN person_group pg ON pg.grp = mg.grp"
  "  WHERE mg.moment = ?1"
  " UNION SELECT p.id FROM moment_role mr JOIN person p ON p.role = mr.role"
  "  WHERE mr.moment = ?1"
  " UNION SELECT rc.person FROM moment_role mr JOIN role_change rc ON rc.to_role = mr.role"
  "  WHERE mr.moment = ?1 AND rc.status IN ('discussed', 'accepted', 'objection')"
  " UNION SELECT mp.person FROM moment_person mp WHERE mp.moment = ?1"
  " UNION SELECT rc.person FROM moment_status ms JOIN role_change rc ON rc.status = ms.status"
  "  WHERE ms.moment = ?1"
  " ORDER BY 1";

/* Whether one person is in that audience: the same five parts, each
 * asked for that person alone, so that a personal page with a dozen
 * meetings does not read the whole audience of each (test-audience
 * checks both answers agree for every person and moment). */
static const char contains_sql[] =
  "SELECT EXISTS (SELECT 1 FROM moment_group mg JOIN person_group pg ON pg.grp = mg.grp"
  "  WHERE mg.moment = ?1 AND pg.person = ?2)"
  " OR EXISTS (SELECT 1 FROM moment_role mr JOIN person p ON p.role = mr.role"
  "  WHERE mr.moment = ?1 AND p.id = ?2)"
  /* CROSS JOIN: the person's one role change first, not everyone moving
   * into the moment's roles. */
  " OR EXISTS (SELECT 1 FROM role_change rc CROSS JOIN moment_role mr ON mr.role = rc.to_role"
  "  WHERE mr.moment = ?1 AND rc.person = ?2 AND rc.status IN ('discussed', 'accepted', 'objection'))"
  " OR EXISTS (SELECT 1 FROM moment_person mp WHERE mp.moment = ?1 AND mp.person = ?2)"
  " OR EXISTS (SELECT 1 FROM moment_status ms JOIN role_change rc ON rc.status = ms.status"
  "  WHERE ms.moment = ?1 AND rc.person = ?2)";

/**
 * helder_audience_contains:
 * @moment: the moment's id
 * @person: a person's id
 * @contains: (out): whether the moment reaches @person
 *
 * The same answer as looking for @person in helder_audience_resolve(),
 * without reading the whole audience.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_audience_contains (HelderStore *store,
                          gint64 moment,
                          gint64 person,
                          gboolean *contains,
                          GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (contains != NULL, FALSE);

  *contains = FALSE;
  stmt = helder_store_prepare (store, contains_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, moment);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *contains = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * helder_audience_resolve:
 * @moment: the moment's id
 *
 * Returns: (transfer full) (element-type gint64): the ids of the people the
 *   moment reaches, ascending, each once; %NULL with @error when the moment
 *   does not exist
 */
GArray *
helder_audience_resolve (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (HelderStmt) exists = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  exists = helder_store_prepare (store, "SELECT 1 FROM moment WHERE id = ?1", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_int64 (exists, 1, moment);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no moment “%" PRId64 "”"),
                   moment);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }

  stmt = helder_store_prepare (store, audience_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, moment);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* ---- an audience a plugin names ------------------------------------------ */

/* The same five parts as audience_sql, over the spec's lists as JSON
 * arrays: ?1 groups, ?2 roles, ?3 person ids, ?4 role-change statuses. */
static const char spec_sql[] =
  "SELECT pg.person FROM json_each (?1) g JOIN person_group pg ON pg.grp = g.value"
  " UNION SELECT p.id FROM json_each (?2) r JOIN person p ON p.role = r.value"
  " UNION SELECT rc.person FROM json_each (?2) r JOIN role_change rc ON rc.to_role = r.value"
  "  WHERE rc.status IN ('discussed', 'accepted', 'objection')"
  " UNION SELECT p.id FROM json_each (?3) x JOIN person p ON p.id = x.value"
  " UNION SELECT rc.person FROM json_each (?4) s JOIN role_change rc ON rc.status = s.value"
  " ORDER BY 1";

static const char spec_contains_sql[] =
  "SELECT EXISTS (SELECT 1 FROM json_each (?1) g JOIN person_group pg ON pg.grp = g.value"
  "  WHERE pg.person = ?5)"
  " OR EXISTS (SELECT 1 FROM json_each (?2) r JOIN person p ON p.role = r.value WHERE p.id = ?5)"
  " OR EXISTS (SELECT 1 FROM json_each (?2) r JOIN role_change rc ON rc.to_role = r.value"
  "  WHERE rc.person = ?5 AND rc.status IN ('discussed', 'accepted', 'objection'))"
  " OR EXISTS (SELECT 1 FROM json_each (?3) x WHERE x.value = ?5"
  "  AND EXISTS (SELECT 1 FROM person p WHERE p.id = ?5))"
  " OR EXISTS (SELECT 1 FROM json_each (?4) s JOIN role_change rc ON rc.status = s.value"
  "  WHERE rc.person = ?5)";

/* The first of a list's values that names no row ("" when all do). */
static const char *const missing_sql[] = {
  "SELECT v.value FROM json_each (?1) v"
  " WHERE NOT EXISTS (SELECT 1 FROM stakeholder_group t WHERE t.slug = v.value) LIMIT 1",
  "SELECT v.value FROM json_each (?1) v"
  " WHERE NOT EXISTS (SELECT 1 FROM role t WHERE t.slug = v.value) LIMIT 1",
  "SELECT v.value FROM json_each (?1) v"
  " WHERE NOT EXISTS (SELECT 1 FROM person t WHERE t.id = v.value) LIMIT 1",
};

static const char *const change_statuses[] = { "draft",    "decided",   "discussed",
                                               "accepted", "objection", NULL };

/* @list as a JSON array, of integers when @ids (person ids as text). */
static char *
list_json (const char *const *list, const char *field, gboolean ids, GError **error)
{
  g_autoptr (GString) json = g_string_new ("[");

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      if (ids)
        {
          gint64 id;

          if (!g_ascii_string_to_signed (list[i], 10, 1, G_MAXINT64, &id, NULL))
            {
              helder_error_set (error, HELDER_ERROR_INVALID, field,
                                _ ("%s: “%s” is not a person’s id (a number like 12)"), field,
                                list[i]);
              return NULL;
            }
          g_string_append_printf (json, "%" PRId64, id);
        }
      else
        {
          g_autofree char *quoted = NULL;
          g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), list[i]);

          if (!g_utf8_validate (list[i], -1, NULL))
            {
              helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: not valid UTF-8 text"),
                                field);
              return NULL;
            }
          quoted = json_to_string (node, FALSE);
          g_string_append (json, quoted);
        }
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static gboolean
check_known (HelderStore *store, guint part, const char *field, const char *json, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, missing_sql[part], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      if (part == 0)
        helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: no group “%s”"), field,
                          value);
      else if (part == 1)
        helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: no role “%s”"), field, value);
      else
        helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: no person “%s”"), field,
                          value);
      return FALSE;
    }
  return helder_store_propagate (store, rc, error);
}

/* Binds the spec's four lists to ?1…?4 of @stmt, after checking that
 * every group, role and person exists and every status is one. */
static gboolean
bind_spec (HelderStore *store, HelderStmt *stmt, const HelderAudienceSpec *spec, GError **error)
{
  const char *const *lists[] = { spec->groups, spec->roles, spec->persons };
  const char *const fields[] = { "groups", "roles", "persons" };
  g_autofree char *statuses = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *json = list_json (lists[i], fields[i], i == 2, error);

      if (json == NULL || !check_known (store, i, fields[i], json, error))
        return FALSE;
      sqlite3_bind_text (stmt, i + 1, json, -1, SQLITE_TRANSIENT);
    }
  for (guint i = 0; spec->statuses != NULL && spec->statuses[i] != NULL; i++)
    if (!g_strv_contains (change_statuses, spec->statuses[i]))
      {
        helder_error_set (
          error, HELDER_ERROR_INVALID, "statuses",
          _ (
            "statuses: “%s” is not a role-change status (draft, decided, discussed, accepted, objection)"),
          spec->statuses[i]);
        return FALSE;
      }
  statuses = list_json (spec->statuses, "statuses", FALSE, error);
  if (statuses == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 4, statuses, -1, SQLITE_TRANSIENT);
  return TRUE;
}

/**
 * helder_audience_resolve_spec:
 * @spec: groups, roles, persons and role-change statuses
 *
 * Who an audience a plugin names reaches, by the same rules as a moment's
 * audience: a role reaches who holds it now and who moves into it once
 * their change was discussed with them.
 *
 * Returns: (transfer full) (element-type gint64): the people's ids,
 *   ascending, each once; %NULL with @error (HELDER_ERROR_INVALID, its
 *   field the list) when a group, role or person does not exist or a
 *   status is not one
 */
GArray *
helder_audience_resolve_spec (HelderStore *store, const HelderAudienceSpec *spec, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  stmt = helder_store_prepare (store, spec_sql, error);
  if (stmt == NULL || !bind_spec (store, stmt, spec, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * helder_audience_spec_contains:
 * @contains: (out): whether @spec reaches @person
 *
 * The same answer as looking for @person in helder_audience_resolve_spec(),
 * without reading the whole audience.
 *
 * Returns: %FALSE with @error as helder_audience_resolve_spec() fails
 */
gboolean
helder_audience_spec_contains (HelderStore *store,
                               const HelderAudienceSpec *spec,
                               gint64 person,
                               gboolean *contains,
                               GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (spec != NULL && contains != NULL, FALSE);

  *contains = FALSE;
  stmt = helder_store_prepare (store, spec_contains_sql, error);
  if (stmt == NULL || !bind_spec (store, stmt, spec, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 5, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *contains = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}
