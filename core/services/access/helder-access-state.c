/* helder-access-state.c — who holds access now, and who has a link waiting
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sign-in link someone asks for signs in with the role they hold now,
 * never more; an invitation goes only to people who hold no access and
 * have no link waiting. Both read access_token here.
 */
#define G_LOG_DOMAIN "helder-access"

#include "config.h"

#include <sqlite3.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/access/helder-access.h"
#include "services/access/helder-access-state.h"

/* What counts as holding access: an API token or a session that is not
 * revoked or expired, nor hangs under one that is. (SQL on access_token
 * t, with ?NOW.) */
#define ACTIVE_ACCESS                                                                    \
  "t.kind IN ('api', 'session') AND t.revoked_at IS NULL AND t.expires_at > ?2"          \
  " AND (t.parent IS NULL OR EXISTS (SELECT 1 FROM access_token r WHERE r.id = t.parent" \
  " AND r.revoked_at IS NULL AND r.expires_at > ?2))"

/* 2: access held, 1: a sign-in link waiting, 0: neither (over t's rows). */
#define STATE_EXPR                                                                       \
  "max (CASE WHEN " ACTIVE_ACCESS " THEN 2"                                              \
  " WHEN t.kind = 'login' AND t.used_at IS NULL AND t.revoked_at IS NULL"                \
  " AND t.expires_at > ?2 AND (t.parent IS NULL OR EXISTS (SELECT 1 FROM access_token r" \
  " WHERE r.id = t.parent AND r.revoked_at IS NULL AND r.expires_at > ?2)) THEN 1 ELSE 0 END)"

/**
 * helder_access_state_role:
 * @person: whose access
 *
 * The highest role @person holds now (advisor, then hr, then employee)
 * through an API token or a session that is still valid; "employee" when
 * they hold none. A link a person asks for signs in with this role, never
 * with more.
 *
 * Returns: (transfer full): the role, or %NULL when the store failed
 */
char *
helder_access_state_role (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;
  int best = 0;
  static const char *ranked[] = { "employee", "hr", "advisor" };

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt = helder_store_prepare (store,
                               "SELECT DISTINCT t.role FROM access_token t"
                               " WHERE t.person = ?1 AND " ACTIVE_ACCESS,
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < (int) G_N_ELEMENTS (ranked); i++)
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), ranked[i]) == 0)
        best = MAX (best, i);
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_strdup (ranked[best]);
}

/**
 * helder_access_state_all:
 *
 * For every person: whether they hold access now (a valid API token or
 * session) and whether a sign-in link of theirs is still waiting to be
 * used. One pass over the table, for invitations to many people.
 *
 * Returns: (transfer full): person id → HelderAccessState as a pointer;
 *   people with neither are absent
 */
GHashTable *
helder_access_state_all (HelderStore *store, GError **error)
{
  g_autoptr (GHashTable) states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt = helder_store_prepare (store,
                               "SELECT t.person, " STATE_EXPR " FROM access_token t"
                               " WHERE t.expires_at > ?2 AND t.revoked_at IS NULL"
                               " GROUP BY t.person",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int state = sqlite3_column_int (stmt, 1);

      if (state > 0)
        g_hash_table_insert (
          states, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
          GINT_TO_POINTER (state == 2 ? HELDER_ACCESS_HELD : HELDER_ACCESS_LINK_WAITING));
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&states);
}

/**
 * helder_access_state_of:
 * @person: whose access
 *
 * helder_access_state_all() for one person, through the index on the
 * person: for a page that shows a few people out of many.
 *
 * Returns: the state; %HELDER_ACCESS_NONE also when the store failed
 *   (then @error is set)
 */
HelderAccessState
helder_access_state_of (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;
  int state = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), HELDER_ACCESS_NONE);

  stmt =
    helder_store_prepare (store,
                          "SELECT " STATE_EXPR " FROM access_token t"
                          " WHERE t.person = ?1 AND t.expires_at > ?2 AND t.revoked_at IS NULL",
                          error);
  if (stmt == NULL)
    return HELDER_ACCESS_NONE;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state = sqlite3_column_int (stmt, 0);
  else if (rc != SQLITE_DONE)
    helder_store_propagate (store, rc, error);
  return state == 2   ? HELDER_ACCESS_HELD
         : state == 1 ? HELDER_ACCESS_LINK_WAITING
                      : HELDER_ACCESS_NONE;
}
