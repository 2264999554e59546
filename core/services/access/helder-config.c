/* helder-config.c — stored settings (`helder config`)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `setting` table as plain text pairs. Which keys exist, their
 * defaults and what values they take is the registry's business
 * (engine/helder-context.c); this file only reads and writes rows.
 */
#define G_LOG_DOMAIN "helder-config"

#include "config.h"

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-config.h"

/**
 * helder_config_read:
 * @store: a #HelderStore
 * @error: set when the store cannot be read
 *
 * Returns: (transfer full): every stored setting, key → value
 */
GHashTable *
helder_config_read (HelderStore *store, GError **error)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt = helder_store_prepare (store, "SELECT key, value FROM setting", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

/**
 * helder_config_get:
 * @store: a #HelderStore
 * @key: a setting's name
 * @error: set when the store cannot be read
 *
 * Returns: (transfer full) (nullable): the stored value, or %NULL (and no
 *   error) when nothing is stored for @key
 */
char *
helder_config_get (HelderStore *store, const char *key, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = helder_store_prepare (store, "SELECT value FROM setting WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    helder_store_propagate (store, rc, error);
  return NULL;
}

static gboolean
write_one (HelderStore *store, const char *sql, const char *key, const char *value, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    {
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
    }
  if (!helder_store_step_done (store, stmt, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return helder_store_commit (store, error);
}

/**
 * helder_config_set:
 * @store: a #HelderStore
 * @key: a setting's name; the caller has checked it and @value
 * @value: the new value
 * @error: set when the store cannot be written
 *
 * Stores one setting in its own transaction.
 *
 * Returns: %TRUE when it is stored
 */
gboolean
helder_config_set (HelderStore *store, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  return write_one (store,
                    "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at",
                    key, value, error);
}

/**
 * helder_config_unset:
 * @store: a #HelderStore
 * @key: a setting's name
 * @error: set when the store cannot be written
 *
 * Forgets a stored setting, so that its default applies again.
 *
 * Returns: %TRUE when nothing is stored for @key any more
 */
gboolean
helder_config_unset (HelderStore *store, const char *key, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return write_one (store, "DELETE FROM setting WHERE key = ?1", key, NULL, error);
}
