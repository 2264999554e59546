/* inv-csv.c — one kind of item from and to CSV, with the staff import's rules
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read with core's HelderCsvSheet (headers in English or
 * Dutch, --map HEADER=FIELD or =ignore). Every row is a note of the
 * register (origin "import FILE:LINE") through inv_item_note(), so a row
 * matches an existing item by its name and only what it changes counts:
 * added, updated or unchanged. An empty cell says nothing (it removes no
 * claim). Every bad row is listed ("FILE:LINE: column “X”: …") and then
 * nothing is written; a dry run writes nothing either way. The export
 * writes what the register resolved, so that importing it again changes
 * nothing.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

#define H(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Compound literals at file scope: static, as the tables below need. */
#define NAME                         \
  {                                  \
    "name", H ("Naam", "Name"), TRUE \
  }
#define NAME_OPT               \
  {                            \
    "name", H ("Naam", "Name") \
  }
#define DOMAIN                       \
  {                                  \
    "domain", H ("Domein", "Domain") \
  }
#define DESCRIPTION                                                  \
  {                                                                  \
    "description", H ("Omschrijving", "Beschrijving", "Description") \
  }
#define OWNER                                                                                 \
  {                                                                                           \
    "owner",                                                                                  \
      H ("Eigenaar", "Functioneel beheerder", "Owner", "Functional owner", "Contractmanager") \
  }
#define SUPPLIER                              \
  {                                           \
    "supplier", H ("Leverancier", "Supplier") \
  }
#define VERSION                        \
  {                                    \
    "version", H ("Versie", "Version") \
  }

static const HelderCsvField component_columns[] = {
  NAME, { "type", H ("Type", "Soort") }, VERSION, SUPPLIER, OWNER, DOMAIN, DESCRIPTION,
};
static const HelderCsvField application_columns[] = {
  NAME,        VERSION, SUPPLIER, OWNER, DOMAIN, { "key_users", H ("Key users", "Kerngebruikers") },
  DESCRIPTION,
};
static const HelderCsvField coupling_columns[] = {
  { "from", H ("Van", "From"), TRUE },
  { "to", H ("Naar", "To"), TRUE },
  { "protocol", H ("Protocol", "Soort", "Kind") },
  { "scope", H ("Intern of extern", "Scope", "Internal or external") },
  { "direction", H ("Richting", "Direction") },
  NAME_OPT,
  OWNER,
  DOMAIN,
  DESCRIPTION,
};
static const HelderCsvField supplier_columns[] = { NAME, OWNER, DOMAIN, DESCRIPTION };
static const HelderCsvField contract_columns[] = {
  NAME_OPT,
  { "supplier", H ("Leverancier", "Supplier"), TRUE },
  { "subject", H ("Onderwerp", "Subject") },
  { "ends_on", H ("Einddatum", "Ends on", "End date") },
  { "notice_months",
    H ("Opzegtermijn (maanden)", "Opzegtermijn", "Notice months", "Notice period (months)") },
  OWNER,
  DOMAIN,
  DESCRIPTION,
};
static const HelderCsvField process_columns[] = { NAME, OWNER, DOMAIN, DESCRIPTION };

/* The columns of @kind. */
static GArray *
kind_fields (const char *kind)
{
  static const struct
  {
    const char *kind;
    const HelderCsvField *columns;
    guint n;
  } kinds[] = {
    { "component", component_columns, G_N_ELEMENTS (component_columns) },
    { "application", application_columns, G_N_ELEMENTS (application_columns) },
    { "coupling", coupling_columns, G_N_ELEMENTS (coupling_columns) },
    { "supplier", supplier_columns, G_N_ELEMENTS (supplier_columns) },
    { "contract", contract_columns, G_N_ELEMENTS (contract_columns) },
    { "process", process_columns, G_N_ELEMENTS (process_columns) },
  };
  GArray *fields = g_array_new (FALSE, TRUE, sizeof (HelderCsvField));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].kind))
      g_array_append_vals (fields, kinds[i].columns, kinds[i].n);
  return fields;
}

void
inv_csv_result_clear (InvCsvResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->ignored, g_strfreev);
}

/* ---- import -------------------------------------------------------------- */

typedef struct
{
  HelderStore *store;
  const HelderAuditActor *actor;
  const char *kind;
  GArray *fields;
  HelderCsvSheet *sheet;
  GHashTable *people; /* a person as typed → "ID" */
  const char *origin;
  InvCsvResult *result;
} CsvImport;

static guint
field_index (GArray *fields, const char *name)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_strcmp0 (g_array_index (fields, HelderCsvField, i).name, name) == 0)
      return i;
  return 0;
}

/* A person as typed, once per import: later rows give their id. */
static const char *
person_cell (CsvImport *import, const char *text, GError **error)
{
  const char *known = g_hash_table_lookup (import->people, text);
  gint64 person;

  if (known != NULL)
    return known;
  if (!inv_person_resolve (import->store, "owner", text, &person, error))
    return NULL;
  known = g_strdup_printf ("%" PRId64, person);
  g_hash_table_insert (import->people, g_strdup (text), (gpointer) known);
  return known;
}

static JsonObject *
row_fields (CsvImport *import, guint row, char **name, guint *bad_field, GError **error)
{
  g_autoptr (JsonObject) fields = json_object_new ();

  for (guint f = 0; f < import->fields->len; f++)
    {
      const char *field = g_array_index (import->fields, HelderCsvField, f).name;
      const char *cell = helder_csv_sheet_get (import->sheet, row, f);

      *bad_field = f;
      if (*cell == '\0')
        continue;
      if (g_str_equal (field, "name"))
        *name = g_strdup (cell);
      else if (g_str_equal (field, "key_users"))
        {
          g_auto (GStrv) parts = g_strsplit_set (cell, ",;", -1);
          JsonArray *people = json_array_new ();

          json_object_set_array_member (fields, field, people);
          for (guint p = 0; parts[p] != NULL; p++)
            {
              const char *id;

              g_strstrip (parts[p]);
              if (*parts[p] == '\0')
                continue;
              if ((id = person_cell (import, parts[p], error)) == NULL)
                return NULL;
              json_array_add_string_element (people, id);
            }
        }
      else if (g_str_equal (field, "owner"))
        {
          const char *id = person_cell (import, cell, error);

          if (id == NULL)
            return NULL;
          json_object_set_string_member (fields, field, id);
        }
      else
        json_object_set_string_member (fields, field, cell);
    }
  if (*name == NULL && g_str_equal (import->kind, "contract"))
    {
      const char *supplier = json_object_get_string_member_with_default (fields, "supplier", "");
      const char *subject = json_object_get_string_member_with_default (fields, "subject", "");

      *name =
        *subject != '\0' ? g_strdup_printf ("%s – %s", supplier, subject) : g_strdup (supplier);
    }
  return g_steal_pointer (&fields);
}

/* The problem with @row as the staff import words it, the column named. */
static void
add_problem (CsvImport *import, guint row, guint bad_field, GError *error)
{
  const char *field = helder_error_get_field (error);
  const char *message = error->message;
  g_autofree char *prefix = NULL;
  guint column = bad_field;

  if (field != NULL)
    {
      column = field_index (import->fields,
                            g_str_equal (field, "item") || g_str_equal (field, "key_users")
                              ? g_array_index (import->fields, HelderCsvField, bad_field).name
                              : field);
      prefix = g_strdup_printf ("%s: ", field);
      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
    }
  g_ptr_array_add (import->result->problems,
                   helder_csv_sheet_problem (import->sheet, row, column, "%s", message));
}

static void
import_row (CsvImport *import, guint row)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) fields = NULL;
  g_autofree char *name = NULL;
  g_autofree char *origin =
    g_strdup_printf ("import %s:%u", import->origin, helder_csv_sheet_line (import->sheet, row));
  gboolean created = FALSE, changed = FALSE;
  guint bad_field = 0;

  fields = row_fields (import, row, &name, &bad_field, &error);
  if (fields == NULL || !inv_item_note_full (import->store, import->actor, 0, origin, import->kind,
                                             name, fields, NULL, &created, &changed, &error))
    {
      add_problem (import, row, bad_field, error);
      return;
    }
  import->result->rows++;
  if (created)
    import->result->added++;
  else if (changed)
    import->result->updated++;
  else
    import->result->unchanged++;
}

static gboolean
finish (HelderStore *store, gboolean own, gboolean keep, GError **error)
{
  if (keep)
    return own ? helder_store_commit (store, error)
               : helder_store_exec (store, "RELEASE inv_csv", error);
  if (own)
    helder_store_rollback (store);
  else
    return helder_store_exec (store, "ROLLBACK TO inv_csv; RELEASE inv_csv", error);
  return TRUE;
}

gboolean
inv_csv_import (HelderStore *store,
                const HelderAuditActor *actor,
                const char *data,
                gsize length,
                const char *origin,
                const InvCsvOptions *options,
                InvCsvResult *result,
                GError **error)
{
  g_autoptr (GArray) fields = NULL;
  g_autoptr (HelderCsvSheet) sheet = NULL;
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean own = !helder_store_in_transaction (store);
  CsvImport import;
  gboolean keep;

  g_return_val_if_fail (actor != NULL && options != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->problems = g_ptr_array_new_with_free_func (g_free);
  if (!inv_kind_check (options->kind, error))
    return FALSE;
  fields = kind_fields (options->kind);
  sheet = helder_csv_sheet_read (data, length, origin, (HelderCsvField *) fields->data, fields->len,
                                 options->map, error);
  if (sheet == NULL)
    return FALSE;
  result->ignored = g_strdupv ((char **) helder_csv_sheet_ignored (sheet));
  import = (CsvImport){
    store, actor, options->kind, fields, sheet, people, origin != NULL ? origin : "CSV", result
  };
  if (own ? !helder_store_begin (store, error)
          : !helder_store_exec (store, "SAVEPOINT inv_csv", error))
    return FALSE;
  for (guint row = 0; row < helder_csv_sheet_n_rows (sheet); row++)
    import_row (&import, row);
  keep = !options->dry_run && result->problems->len == 0;
  if (!finish (store, own, keep, error))
    return FALSE;
  if (result->problems->len > 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "file",
                        g_dngettext (GETTEXT_PACKAGE, "%u row has a problem; nothing was imported",
                                     "%u rows have problems; nothing was imported",
                                     result->problems->len),
                        result->problems->len);
      return FALSE;
    }
  return TRUE;
}

/* ---- export -------------------------------------------------------------- */

static char *
export_cell (JsonObject *item, const char *field)
{
  JsonNode *node;

  if (g_str_equal (field, "owner"))
    {
      JsonObject *owner = json_object_get_object_member (item, "owner");

      if (owner == NULL || json_object_get_null_member (owner, "id"))
        return g_strdup ("");
      return g_strdup (json_object_has_member (owner, "email")
                         ? json_object_get_string_member (owner, "email")
                         : json_object_get_string_member (owner, "name"));
    }
  if (g_str_equal (field, "from") || g_str_equal (field, "to"))
    {
      JsonObject *end = json_object_get_object_member (item, field);

      return g_strdup (json_object_get_string_member (end, "name"));
    }
  node = json_object_get_member (item, field);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (json_object_get_string_member (json_node_get_object (node), "name"));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" PRId64, json_node_get_int (node));
  return g_strdup (json_node_get_string (node));
}

static char *
key_users_cell (HelderStore *store, gint64 item)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT coalesce (p.email, p.name) FROM inv_key_user k JOIN person p ON p.id = k.person"
    " WHERE k.item = ?1 ORDER BY p.name, p.id",
    NULL);
  g_autoptr (GString) cell = g_string_new (NULL);

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, item);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (cell, "%s%s", cell->len > 0 ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  return g_strdup (cell->str);
}

char *
inv_csv_export (HelderStore *store, const char *kind, GError **error)
{
  g_autoptr (GArray) fields = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  InvFilter filter = { 0 };

  if (!inv_kind_check (kind, error))
    return NULL;
  filter.kind = kind;
  if ((rows = inv_item_list (store, &filter, error)) == NULL)
    return NULL;
  fields = kind_fields (kind);
  for (guint f = 0; f < fields->len; f++)
    g_ptr_array_add (cells, g_strdup (g_array_index (fields, HelderCsvField, f).headers[0]));
  helder_csv_append_row (out, (const char *const *) cells->pdata, cells->len);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *item = json_array_get_object_element (rows, i);

      g_ptr_array_set_size (cells, 0);
      for (guint f = 0; f < fields->len; f++)
        {
          const char *field = g_array_index (fields, HelderCsvField, f).name;

          g_ptr_array_add (cells,
                           g_str_equal (field, "key_users")
                             ? key_users_cell (store, json_object_get_int_member (item, "id"))
                             : export_cell (item, field));
        }
      helder_csv_append_row (out, (const char *const *) cells->pdata, cells->len);
    }
  return g_strdup (out->str);
}
