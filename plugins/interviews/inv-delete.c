/* inv-delete.c — taking an item out of the register
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An item goes with its sources, claims, key users, readiness and the
 * couplings to and from it (each audited). A supplier that other items
 * still name (as their supplier, in any source's claim) is refused,
 * naming them: the register would silently lose what they said.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

static gboolean
check_unnamed (HelderStore *store, gint64 item, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT DISTINCT i.name FROM inv_claim c JOIN inv_source s ON s.id = c.source"
    " JOIN inv_item i ON i.id = s.item WHERE c.field = 'supplier' AND c.value = ?1"
    " AND i.id <> ?2 ORDER BY i.name LIMIT 6",
    error);
  g_autofree char *value = g_strdup_printf ("item:%" PRId64, item);
  g_autoptr (GString) names = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  if (names->len == 0)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_CONFLICT, "item",
                    _ ("item: still the supplier of %s; change their supplier first"), names->str);
  return FALSE;
}

static gboolean
audit_couplings (HelderStore *store, const HelderAuditActor *actor, gint64 item, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id, name FROM inv_item WHERE from_item = ?1 OR to_item = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!inv_audit (store, actor, "delete", "inv_item", sqlite3_column_int64 (stmt, 0),
                    (const char *) sqlite3_column_text (stmt, 1), error))
      return FALSE;
  return rc == SQLITE_DONE || helder_store_propagate (store, rc, error);
}

static gboolean
delete_in_transaction (HelderStore *store,
                       const HelderAuditActor *actor,
                       gint64 item,
                       GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *name = inv_item_name (store, item);

  if (name == NULL)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "item",
                        _ ("item: there is no item %" PRId64), item);
      return FALSE;
    }
  if (!check_unnamed (store, item, error) || !audit_couplings (store, actor, item, error))
    return FALSE;
  stmt = helder_store_prepare (store, "DELETE FROM inv_item WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  return helder_store_step_done (store, stmt, error) &&
         inv_audit (store, actor, "delete", "inv_item", item, name, error);
}

gboolean
inv_item_delete (HelderStore *store, const HelderAuditActor *actor, gint64 item, GError **error)
{
  gboolean own = !helder_store_in_transaction (store);

  if (own && !helder_store_begin (store, error))
    return FALSE;
  if (!delete_in_transaction (store, actor, item, error) ||
      (own && !helder_store_commit (store, error)))
    {
      if (own)
        helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
