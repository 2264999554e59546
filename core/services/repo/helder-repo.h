/* helder-repo.h — create, read, update and delete any entity, with its rules
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/helder-entity.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

typedef enum
{
  HELDER_WRITE_DEFAULT = 0,
  /* Restore an exported row as it was: keep its key, timestamps and status;
   * transition rules do not apply, static rules still do. */
  HELDER_WRITE_RESTORE = 1 << 0,
  /* Allow SYSTEM fields (used by services such as gate decisions). */
  HELDER_WRITE_SYSTEM = 1 << 1,
} HelderWriteFlags;

/* Filters for helder_repo_list(): field name → text value as typed. */
typedef struct
{
  GHashTable *equals; /* (nullable) field → value; sets match by membership */
  guint limit;        /* 0 = all */
  guint offset;
} HelderQuery;

JsonObject *
helder_repo_get (HelderStore *store, const HelderEntity *entity, const char *key, GError **error);
JsonArray *helder_repo_list (HelderStore *store,
                             const HelderEntity *entity,
                             const HelderQuery *query,
                             GError **error);
JsonObject *helder_repo_create (HelderStore *store,
                                const HelderEntity *entity,
                                JsonObject *values,
                                HelderWriteFlags flags,
                                GError **error);
JsonObject *helder_repo_update (HelderStore *store,
                                const HelderEntity *entity,
                                const char *key,
                                JsonObject *changes,
                                HelderWriteFlags flags,
                                GError **error);
gboolean helder_repo_delete (HelderStore *store,
                             const HelderEntity *entity,
                             const char *key,
                             GError **error);
gint64 helder_repo_count (HelderStore *store, const HelderEntity *entity, GError **error);
gint64 helder_repo_count_query (HelderStore *store,
                                const HelderEntity *entity,
                                const HelderQuery *query,
                                GError **error);
JsonNode *helder_repo_resolve_key (HelderStore *store,
                                   const HelderEntity *entity,
                                   JsonNode *key,
                                   GError **error);
char *helder_repo_key_text (const HelderEntity *entity, JsonObject *row);
JsonNode *helder_repo_column_value (sqlite3_stmt *stmt, int col);
JsonArray *helder_repo_query_rows (HelderStore *store,
                                   const char *sql,
                                   const char *p1,
                                   const char *p2,
                                   GError **error);

/* The importers' fast path (helder-repo-rows.c): rows checked by the
 * caller, written without reading them back, inside the caller's
 * transaction. */
gboolean helder_repo_complete_row (const HelderEntity *entity,
                                   JsonObject *row,
                                   const char *now,
                                   GError **error);
gboolean helder_repo_insert_row (HelderStore *store,
                                 const HelderEntity *entity,
                                 JsonObject *row,
                                 gboolean restore,
                                 GError **error);

char *helder_repo_programme_name (HelderStore *store);

G_END_DECLS
