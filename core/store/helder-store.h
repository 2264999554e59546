/* helder-store.h — the SQLite store
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define HELDER_TYPE_STORE (helder_store_get_type ())
G_DECLARE_FINAL_TYPE (HelderStore, helder_store, HELDER, STORE, GObject)

/* The component name of core's own migrations. */
#define HELDER_STORE_CORE "core"

/* A cached prepared statement borrowed from the store: g_autoptr(HelderStmt)
 * resets it and clears its bindings when it goes out of scope; the store
 * finalizes it. Use g_autoptr(sqlite3_stmt) for statements you own. */
typedef sqlite3_stmt HelderStmt;
void helder_store_stmt_release (HelderStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderStmt, helder_store_stmt_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

HelderStore *helder_store_open (const char *path, GError **error);
const char *helder_store_get_path (HelderStore *self);
sqlite3 *helder_store_get_db (HelderStore *self);

void helder_store_add_migration (HelderStore *self,
                                 const char *component,
                                 guint version,
                                 const char *sql);
gboolean helder_store_migrate (HelderStore *self, GError **error);
guint helder_store_get_version (HelderStore *self, const char *component);
guint helder_store_get_known_version (HelderStore *self, const char *component);
GPtrArray *helder_store_check (HelderStore *self, GError **error);
gboolean helder_store_backup (HelderStore *self, const char *dest, gint64 *size, GError **error);

gboolean helder_store_begin (HelderStore *self, GError **error);
gboolean helder_store_commit (HelderStore *self, GError **error);
void helder_store_rollback (HelderStore *self);
gboolean helder_store_in_transaction (HelderStore *self);
int helder_store_set_synchronous (HelderStore *self, int level);

HelderStmt *helder_store_prepare (HelderStore *self, const char *sql, GError **error);
gboolean helder_store_exec (HelderStore *self, const char *sql, GError **error);
gboolean helder_store_step_done (HelderStore *self, HelderStmt *stmt, GError **error);
/* Where the database stands: it changed (by any connection) when two
 * stamps differ. For caches of derived data. */
typedef struct
{
  gint64 data_version; /* PRAGMA data_version: commits of other connections */
  gint64 changes;      /* sqlite3_total_changes64(): this connection's own */
} HelderStoreStamp;

gboolean helder_store_stamp (HelderStore *self, HelderStoreStamp *stamp, GError **error);
gboolean helder_store_stamp_equal (const HelderStoreStamp *a, const HelderStoreStamp *b);
gboolean helder_store_propagate (HelderStore *self, int rc, GError **error);

G_END_DECLS
