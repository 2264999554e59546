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
