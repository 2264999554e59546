/* helder-audit.c — who read or changed which personal record, when
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-audit"

#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "model/helder-entity.h"
#include "services/access/helder-audit.h"
#include "services/repo/helder-repo.h"

static void
set_text_or_null (JsonObject *object, const char *name, sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static void
set_int_or_null (JsonObject *object, const char *name, sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
}

JsonObject *
helder_audit_list (HelderStore *store, guint limit, guint offset, GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (JsonArray) items = json_array_new ();
  g_autoptr (HelderStmt) count = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  count = helder_store_prepare (store, "SELECT count(*) FROM audit_entry", error);
  if (count == NULL)
    return NULL;
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
      return NULL;
    }
  json_object_set_int_member (result, "total", sqlite3_column_int64 (count, 0));

  stmt = helder_store_prepare (store,
                               "SELECT a.id, a.at, a.actor, a.actor_name, a.actor_role, a.action,"
                               " a.entity, a.record, a.subject, p.name, a.detail"
                               " FROM audit_entry a LEFT JOIN person p ON p.id = a.subject"
                               " ORDER BY a.id DESC LIMIT ?1 OFFSET ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 2, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", sqlite3_column_int64 (stmt, 0));
      set_text_or_null (item, "at", stmt, 1);
      set_int_or_null (item, "actor", stmt, 2);
      set_text_or_null (item, "actor_name", stmt, 3);
      set_text_or_null (item, "actor_role", stmt, 4);
      set_text_or_null (item, "action", stmt, 5);
      set_text_or_null (item, "entity", stmt, 6);
      set_text_or_null (item, "record", stmt, 7);
      set_int_or_null (item, "subject", stmt, 8);
      set_text_or_null (item, "subject_name", stmt, 9);
      set_text_or_null (item, "detail", stmt, 10);
      json_array_add_object_element (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  json_object_set_array_member (result, "items", g_steal_pointer (&items));
  return g_steal_pointer (&result);
}
