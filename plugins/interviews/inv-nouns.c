/* inv-nouns.c — the inventory's nouns, and the personal data it keeps
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * inv_item (API collection /api/v1/items), inv_source, inv_claim,
 * inv_key_user and inv_readiness as HelderEntity descriptors: the
 * platform exports and imports them, lists them in the API and cuts
 * their references to an erased person. They change only through the
 * inventory's services (`helder item`, `helder readiness`, interviews),
 * which keep claims and resolved columns together: a generic write is
 * refused, an import's restore is not.
 *
 * Erasing a person (the HelderPersonData hook, run before the
 * descriptors): their claims "person:ID" become "erased", so that an item
 * they owned shows "erased person" and completeness flags its owner; their
 * key-user rows go.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "interviews-private.h"
#include "inv-private.h"

#define KEY_ID                                                                                 \
  {                                                                                            \
    "id", HELDER_FIELD_INT,                                                                    \
      HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("id") \
  }

static const char *const kind_choices[] = { "component", "application", "coupling", "supplier",
                                            "contract",  "process",     NULL };

static const HelderField item_fields[] = {
  KEY_ID,
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("kind"),
    kind_choices },
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name"),
    .max_length = 400 },
  { "match_key", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED, N_ ("folded name"), .max_length = 400 },
  { "type", HELDER_FIELD_TEXT, 0, N_ ("type"), .def = "" },
  { "domain", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("domain"), .def = "" },
  { "supplier", HELDER_FIELD_REF, 0, N_ ("supplier"), .ref = "inv_item" },
  { "owner", HELDER_FIELD_REF, 0, N_ ("owner"), .ref = "person" },
  { "owner_erased", HELDER_FIELD_INT, 0, N_ ("owner erased"), .min = 0, .max = 1, .def = "0" },
  { "version", HELDER_FIELD_TEXT, 0, N_ ("version"), .def = "" },
  { "from_item", HELDER_FIELD_REF, 0, N_ ("from"), .ref = "inv_item" },
  { "to_item", HELDER_FIELD_REF, 0, N_ ("to"), .ref = "inv_item" },
  { "protocol", HELDER_FIELD_TEXT, 0, N_ ("protocol"), .def = "" },
  { "scope", HELDER_FIELD_TEXT, 0, N_ ("internal or external"), .def = "" },
  { "direction", HELDER_FIELD_TEXT, 0, N_ ("direction"), .def = "" },
  { "subject", HELDER_FIELD_TEXT, 0, N_ ("subject"), .def = "" },
  { "ends_on", HELDER_FIELD_DATE, 0, N_ ("ends on") },
  { "notice_months", HELDER_FIELD_INT, 0, N_ ("notice period (months)"), .min = 0, .max = 120 },
  { "description", HELDER_FIELD_MARKDOWN, 0, N_ ("description"), .def = "" },
  { "conflicts", HELDER_FIELD_INT, HELDER_FIELD_LIST, N_ ("conflicts"), .min = 0, .max = 100,
    .def = "0" },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated") },
};

/* Only an import's restore writes these rows directly. */
static gboolean
service_only (const HelderEntity *entity,
              gpointer store,
              JsonObject *old,
              JsonObject *row,
              gboolean restore,
              GError **error)
{
  if (restore)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_PERMISSION, entity->name,
                    _ ("the inventory changes through `helder item` and `helder readiness` (or "
                       "an interview), which keep each source’s claims; not by hand"));
  return FALSE;
}

static const HelderEntity item_entity = {
  .name = "inv_item",
  .plural = "inv_items",
  .table = "inv_item",
  .label = N_ ("item"),
  .order_by = "id",
  .fields = item_fields,
  .n_fields = G_N_ELEMENTS (item_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .path = "items",
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

/* The interview a source is: a REF once the listening part's noun
 * "interview" is known when these are registered, else its id. */
static HelderField source_fields[] = {
  KEY_ID,
  { "item", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("item"),
    .ref = "inv_item" },
  { "interview", HELDER_FIELD_INT, HELDER_FIELD_LIST, N_ ("interview"), .min = 1,
    .max = G_MAXINT64 },
  { "origin", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("origin"), .def = "" },
  { "noted_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("noted") },
};

static const HelderEntity source_entity = {
  .name = "inv_source",
  .plural = "inv_sources",
  .table = "inv_source",
  .label = N_ ("item source"),
  .order_by = "id",
  .fields = source_fields,
  .n_fields = G_N_ELEMENTS (source_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static const HelderField claim_fields[] = {
  KEY_ID,
  { "source", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("source"),
    .ref = "inv_source" },
  { "field", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("field") },
  { "value", HELDER_FIELD_MARKDOWN, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("value") },
};

static const HelderEntity claim_entity = {
  .name = "inv_claim",
  .plural = "inv_claims",
  .table = "inv_claim",
  .label = N_ ("item claim"),
  .order_by = "id",
  .fields = claim_fields,
  .n_fields = G_N_ELEMENTS (claim_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

static const HelderField key_user_fields[] = {
  KEY_ID,
  { "item", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("item"),
    .ref = "inv_item" },
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("person"),
    .ref = "person" },
  { "source", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("source"), .ref = "inv_source" },
};

static const HelderEntity key_user_entity = {
  .name = "inv_key_user",
  .plural = "inv_key_users",
  .table = "inv_key_user",
  .label = N_ ("key user"),
  .order_by = "id",
  .fields = key_user_fields,
  .n_fields = G_N_ELEMENTS (key_user_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
  .person_field = "person",
  .erase = HELDER_ERASE_DELETE,
};

static const HelderField readiness_fields[] = {
  KEY_ID,
  { "item", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("component"),
    .ref = "inv_item" },
  { "aspect", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("aspect") },
  { "status", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("status"), .def = "open" },
  { "value", HELDER_FIELD_TEXT, 0, N_ ("value"), .def = "" },
  { "on_date", HELDER_FIELD_DATE, HELDER_FIELD_LIST, N_ ("date") },
  { "note", HELDER_FIELD_MARKDOWN, 0, N_ ("note"), .def = "" },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated") },
};

static const HelderEntity readiness_entity = {
  .name = "inv_readiness",
  .plural = "inv_readinesses",
  .table = "inv_readiness",
  .label = N_ ("readiness"),
  .order_by = "id",
  .fields = readiness_fields,
  .n_fields = G_N_ELEMENTS (readiness_fields),
  .deletable = FALSE,
  .check = service_only,
  .owner = INTERVIEWS_COMPONENT,
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
};

/* ---- personal data ------------------------------------------------------ */

static JsonArray *
query_rows (HelderStore *store, const char *sql, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autofree char *claim = g_strdup_printf ("person:%" PRId64, person);
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, claim, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "item", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (row, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (row, "as", (const char *) sqlite3_column_text (stmt, 2));
      json_array_add_object_element (rows, row);
    }
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  return g_steal_pointer (&rows);
}

static gboolean
inventory_export (HelderStore *store,
                  gint64 person,
                  JsonObject *into,
                  gpointer user_data,
                  GError **error)
{
  JsonArray *rows = query_rows (
    store,
    "SELECT id, name, 'owner' FROM inv_item WHERE owner = ?1"
    " UNION SELECT i.id, i.name, 'key user' FROM inv_key_user k JOIN inv_item i ON i.id = k.item"
    " WHERE k.person = ?1 UNION SELECT i.id, i.name, 'named as ' || c.field FROM inv_claim c"
    " JOIN inv_source s ON s.id = c.source JOIN inv_item i ON i.id = s.item WHERE c.value = ?2"
    " ORDER BY 1, 3",
    person, error);

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (into, "inventory", rows);
  return TRUE;
}

static gboolean
run_for (HelderStore *store, const char *sql, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autofree char *claim = g_strdup_printf ("person:%" PRId64, person);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, claim, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
inventory_erase (HelderStore *store, gint64 person, gpointer user_data, GError **error)
{
  g_autoptr (HelderStmt) items = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *claim = g_strdup_printf ("person:%" PRId64, person);
  int rc;

  items = helder_store_prepare (store,
                                "SELECT DISTINCT s.item FROM inv_claim c JOIN inv_source s"
                                " ON s.id = c.source WHERE c.value = ?1",
                                error);
  if (items == NULL)
    return FALSE;
  sqlite3_bind_text (items, 1, claim, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (items, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  if (!run_for (store, "UPDATE inv_claim SET value = 'erased' WHERE value = ?2 OR ?1 IS NULL",
                person, error) ||
      !run_for (store, "DELETE FROM inv_key_user WHERE person = ?1 OR ?2 IS NULL", person, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!inv_item_resolve_columns (store, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

static const HelderPersonData inventory_data = {
  .name = "inventory",
  .export = inventory_export,
  .erase = inventory_erase,
};

void
inv_nouns_register (HelderContext *context)
{
  const HelderEntity *entities[] = { &item_entity, &source_entity, &claim_entity, &key_user_entity,
                                     &readiness_entity };

  if (helder_entity_lookup ("interview") != NULL)
    {
      source_fields[2].type = HELDER_FIELD_REF;
      source_fields[2].ref = "interview";
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!helder_context_add_entity (context, entities[i], &error))
        g_warning ("interviews: %s", error->message);
    }
  helder_context_add_person_data (context, &inventory_data);
}
