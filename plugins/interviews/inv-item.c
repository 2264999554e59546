/* inv-item.c — noting items by their sources, and resolving what they say
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * inv_item_note() finds an item by kind and folded name (a coupling by
 * its from, to and protocol) or creates it, and sets the claims of one
 * source: an interview, or the register. The item's columns are then
 * recomputed from all claims (inv_item_resolve_columns()): the register's
 * claim decides; otherwise what every interview agrees on; where
 * interviews disagree the column stays empty and counts as a conflict.
 * A note that changes nothing writes nothing.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

gboolean
inv_audit (HelderStore *store,
           const HelderAuditActor *actor,
           const char *action,
           const char *entity,
           gint64 record,
           const char *detail,
           GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, record);

  return helder_audit_record (store, actor, action, entity, key, 0, detail, error);
}

/* ---- resolving the columns ----------------------------------------- */

typedef struct
{
  char *register_value;  /* the register's claim, or NULL */
  GPtrArray *interviews; /* distinct values interviews claim */
} FieldClaims;

static void
field_claims_free (gpointer data)
{
  FieldClaims *claims = data;

  g_free (claims->register_value);
  g_ptr_array_unref (claims->interviews);
  g_free (claims);
}

static GHashTable *
load_claims (HelderStore *store, gint64 item, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT c.field, c.value, s.interview IS NULL FROM inv_claim c"
                          " JOIN inv_source s ON s.id = c.source WHERE s.item = ?1"
                          " ORDER BY s.interview IS NULL, s.id",
                          error);
  g_autoptr (GHashTable) fields =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, field_claims_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      FieldClaims *claims = g_hash_table_lookup (fields, field);

      if (claims == NULL)
        {
          claims = g_new0 (FieldClaims, 1);
          claims->interviews = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (fields, g_strdup (field), claims);
        }
      if (sqlite3_column_int (stmt, 2))
        claims->register_value = g_strdup (value);
      else if (!g_ptr_array_find_with_equal_func (claims->interviews, value, g_str_equal, NULL))
        g_ptr_array_add (claims->interviews, g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  return g_steal_pointer (&fields);
}

/* The value @claims resolve to, or NULL (none, or a conflict). */
static const char *
resolved_value (FieldClaims *claims, gboolean *conflict)
{
  *conflict = FALSE;
  if (claims == NULL)
    return NULL;
  if (claims->register_value != NULL)
    return claims->register_value;
  if (claims->interviews->len == 1)
    return g_ptr_array_index (claims->interviews, 0);
  *conflict = claims->interviews->len > 1;
  return NULL;
}

static void
bind_text_or_empty (HelderStmt *stmt, int index, const char *value)
{
  sqlite3_bind_text (stmt, index, value != NULL ? value : "", -1, SQLITE_TRANSIENT);
}

static void
bind_prefixed_id (HelderStmt *stmt, int index, const char *prefix, const char *value)
{
  if (value != NULL && g_str_has_prefix (value, prefix))
    sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value + strlen (prefix), NULL, 10));
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
inv_item_resolve_columns (HelderStore *store, gint64 item, GError **error)
{
  static const char *const fields[] = { "domain",   "description", "type",         "version",
                                        "supplier", "owner",       "scope",        "direction",
                                        "subject",  "ends_on",     "notice_months" };
  g_autoptr (GHashTable) claims = load_claims (store, item, error);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  const char *values[G_N_ELEMENTS (fields)];
  guint conflicts = 0;

  if (claims == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean conflict;

      values[i] = resolved_value (g_hash_table_lookup (claims, fields[i]), &conflict);
      conflicts += conflict;
    }
  stmt = helder_store_prepare (
    store,
    "UPDATE inv_item SET domain = ?2, description = ?3, type = ?4, version = ?5, supplier = ?6,"
    " owner = ?7, owner_erased = ?8, scope = ?9, direction = ?10, subject = ?11, ends_on = ?12,"
    " notice_months = ?13, conflicts = ?14, updated_at = ?15 WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  bind_text_or_empty (stmt, 2, values[0]);
  bind_text_or_empty (stmt, 3, values[1]);
  bind_text_or_empty (stmt, 4, values[2]);
  bind_text_or_empty (stmt, 5, values[3]);
  bind_prefixed_id (stmt, 6, "item:", values[4]);
  bind_prefixed_id (stmt, 7, "person:", values[5]);
  sqlite3_bind_int (stmt, 8, g_strcmp0 (values[5], "erased") == 0);
  bind_text_or_empty (stmt, 9, values[6]);
  bind_text_or_empty (stmt, 10, values[7]);
  bind_text_or_empty (stmt, 11, values[8]);
  if (values[9] != NULL)
    sqlite3_bind_text (stmt, 12, values[9], -1, SQLITE_TRANSIENT);
  if (values[10] != NULL)
    sqlite3_bind_int64 (stmt, 13, g_ascii_strtoll (values[10], NULL, 10));
  sqlite3_bind_int (stmt, 14, (int) conflicts);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* ---- the note's input -------------------------------------------------- */

typedef struct
{
  char *field;
  char *value;    /* the claim's text; "" removes the claim */
  char *supplier; /* a supplier to create first, by this name */
} ParsedField;

static void
parsed_field_free (gpointer data)
{
  ParsedField *parsed = data;

  g_free (parsed->field);
  g_free (parsed->value);
  g_free (parsed->supplier);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedField, parsed_field_free)

static gboolean
find_item (HelderStore *store, const char *kind, const char *key, gint64 *id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id FROM inv_item WHERE kind = ?1 AND match_key = ?2", error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  return rc == SQLITE_ROW || helder_store_propagate (store, rc, error);
}

static gboolean
parse_supplier (HelderStore *store, const char *text, ParsedField *out, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autofree char *key = inv_match_fold (name);
  gint64 id;

  if (!helder_text_check (name, HELDER_TEXT_LINE, NULL) || strlen (name) > 200)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "supplier",
                        _ ("%s: “%s” is not a supplier’s name"), "supplier", text);
      return FALSE;
    }
  if (!find_item (store, "supplier", key, &id, error))
    return FALSE;
  if (id != 0)
    out->value = g_strdup_printf ("item:%" PRId64, id);
  else
    out->supplier = g_steal_pointer (&name);
  return TRUE;
}

static ParsedField *
parse_field (HelderStore *store,
             const char *kind,
             const char *field,
             JsonNode *node,
             GError **error)
{
  g_autoptr (ParsedField) parsed = NULL;
  const char *text;

  if (!inv_field_known (kind, field) || g_str_equal (field, "from") || g_str_equal (field, "to"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: not a field of a %s"), field,
                        inv_kind_label (kind));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: give the value as text"),
                        field);
      return NULL;
    }
  text = json_node_get_string (node);
  parsed = g_new0 (ParsedField, 1);
  parsed->field = g_strdup (field);
  if (*text == '\0' || !helder_text_has_visible (text))
    parsed->value = g_strdup ("");
  else if (g_str_equal (field, "supplier"))
    {
      if (!parse_supplier (store, text, parsed, error))
        return NULL;
    }
  else if ((parsed->value = inv_field_normalise (store, field, text, error)) == NULL)
    return NULL;
  return g_steal_pointer (&parsed);
}

static gboolean
parse_key_users (HelderStore *store, JsonNode *node, GArray *people, GError **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "key_users", _ ("%s: give a list of people"),
                        "key_users");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *text = json_array_get_string_element (array, i);
      gint64 person;

      if (text == NULL || !inv_person_resolve (store, "key_users", text, &person, error))
        {
          if (text == NULL)
            helder_error_set (error, HELDER_ERROR_INVALID, "key_users",
                              _ ("%s: give a list of people"), "key_users");
          return FALSE;
        }
      g_array_append_val (people, person);
    }
  return TRUE;
}

/* The coupling's identity: its ends (items as typed) and protocol. */
typedef struct
{
  gint64 from, to;
  char *protocol;
} CouplingEnds;

/* An end that names no item: the error is about the field that gave it. */
static gboolean
end_error (GError **error, const char *field)
{
  if (error != NULL && *error != NULL)
    {
      helder_error_set_field (*error, field);
      g_prefix_error (error, "%s: ", field);
    }
  return FALSE;
}

static gboolean
parse_coupling (HelderStore *store, JsonObject *fields, CouplingEnds *ends, GError **error)
{
  const char *from = "", *to = "", *protocol = "";

  if (fields != NULL)
    {
      from = json_object_get_string_member_with_default (fields, "from", "");
      to = json_object_get_string_member_with_default (fields, "to", "");
      protocol = json_object_get_string_member_with_default (fields, "protocol", "");
    }

  if (*from == '\0' || *to == '\0')
    {
      helder_error_set (error, HELDER_ERROR_INVALID, *from == '\0' ? "from" : "to",
                        _ ("%s: a coupling needs the items it couples (from and to)"),
                        *from == '\0' ? "from" : "to");
      return FALSE;
    }
  if ((ends->from = inv_item_resolve (store, from, error)) == 0)
    return end_error (error, "from");
  if ((ends->to = inv_item_resolve (store, to, error)) == 0)
    return end_error (error, "to");
  if (ends->from == ends->to)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "to", _ ("%s: “%s” couples an item to itself"),
                        "to", to);
      return FALSE;
    }
  ends->protocol = inv_field_normalise (store, "protocol", protocol, error);
  return ends->protocol != NULL;
}

typedef struct
{
  const char *kind;
  char *name;
  char *key;
  CouplingEnds ends;
  GPtrArray *fields; /* ParsedField */
  GArray *key_users; /* gint64 */
} ParsedNote;

static void
parsed_note_clear (ParsedNote *note)
{
  g_free (note->name);
  g_free (note->key);
  g_free (note->ends.protocol);
  g_clear_pointer (&note->fields, g_ptr_array_unref);
  g_clear_pointer (&note->key_users, g_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParsedNote, parsed_note_clear)

static gboolean
parse_name (ParsedNote *note, const char *name, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (name != NULL ? name : ""));

  /* A coupling without a name is named after its ends (create_item). */
  if (g_str_equal (note->kind, "coupling") && *copy == '\0')
    return TRUE;
  if (*copy == '\0' || !helder_text_check (copy, HELDER_TEXT_LINE, NULL) || strlen (copy) > 200)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "name",
                        _ ("%s: “%s” is not a name (one line, 1 to 200 characters)"), "name",
                        name != NULL ? name : "");
      return FALSE;
    }
  note->name = g_steal_pointer (&copy);
  return TRUE;
}

static gboolean
parse_note (HelderStore *store,
            const char *kind,
            const char *name,
            JsonObject *fields,
            ParsedNote *note,
            GError **error)
{
  g_autoptr (GList) members = fields != NULL ? json_object_get_members (fields) : NULL;

  if (!inv_kind_check (kind, error))
    return FALSE;
  note->kind = kind;
  note->fields = g_ptr_array_new_with_free_func (parsed_field_free);
  note->key_users = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!parse_name (note, name, error))
    return FALSE;
  if (g_str_equal (kind, "coupling"))
    {
      g_autofree char *protocol = NULL;

      if (!parse_coupling (store, fields, &note->ends, error))
        return FALSE;
      protocol = inv_match_fold (note->ends.protocol);
      note->key =
        g_strdup_printf ("%" PRId64 ">%" PRId64 ":%s", note->ends.from, note->ends.to, protocol);
    }
  else
    note->key = inv_match_fold (note->name);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *node = json_object_get_member (fields, field);
      ParsedField *parsed;

      if (g_str_equal (kind, "coupling") &&
          (g_str_equal (field, "from") || g_str_equal (field, "to") ||
           g_str_equal (field, "protocol")))
        continue;
      if (g_str_equal (field, "key_users") && inv_field_known (kind, field))
        {
          if (!parse_key_users (store, node, note->key_users, error))
            return FALSE;
          continue;
        }
      if ((parsed = parse_field (store, kind, field, node, error)) == NULL)
        return FALSE;
      g_ptr_array_add (note->fields, parsed);
    }
  return TRUE;
}

/* ---- writing the note -------------------------------------------------- */

static gint64
create_item (HelderStore *store, const ParsedNote *note, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO inv_item (kind, name, match_key, from_item, to_item, protocol, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *name = NULL;

  if (stmt == NULL)
    return 0;
  if (note->name != NULL)
    name = g_strdup (note->name);
  else
    {
      g_autofree char *from = inv_item_name (store, note->ends.from);
      g_autofree char *to = inv_item_name (store, note->ends.to);

      name = *note->ends.protocol != '\0'
               ? g_strdup_printf ("%s → %s (%s)", from, to, note->ends.protocol)
               : g_strdup_printf ("%s → %s", from, to);
    }
  sqlite3_bind_text (stmt, 1, note->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note->key, -1, SQLITE_TRANSIENT);
  if (g_str_equal (note->kind, "coupling"))
    {
      sqlite3_bind_int64 (stmt, 4, note->ends.from);
      sqlite3_bind_int64 (stmt, 5, note->ends.to);
      sqlite3_bind_text (stmt, 6, note->ends.protocol, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_text (stmt, 6, "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (helder_store_get_db (store));
}

static gint64
find_source (HelderStore *store, gint64 item, gint64 interview, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id FROM inv_source WHERE item = ?1 AND interview IS ?2", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, item);
  if (interview != 0)
    sqlite3_bind_int64 (stmt, 2, interview);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return helder_store_propagate (store, rc, error) ? 0 : -1;
}

static gint64
create_source (HelderStore *store,
               gint64 item,
               gint64 interview,
               const char *origin,
               GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "INSERT INTO inv_source (item, interview, origin, noted_at) VALUES (?1, ?2, ?3, ?4)",
    error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, item);
  if (interview != 0)
    sqlite3_bind_int64 (stmt, 2, interview);
  sqlite3_bind_text (stmt, 3, interview != 0 || origin == NULL ? "" : origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (helder_store_get_db (store));
}

/* The source's claim on @field, or NULL. */
static char *
current_claim (HelderStore *store, gint64 source, const char *field, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT value FROM inv_claim WHERE source = ?1 AND field = ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  helder_store_propagate (store, rc, error);
  return NULL;
}

static gboolean
write_claim (HelderStore *store,
             gint64 source,
             const char *field,
             const char *value,
             GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    *value == '\0' ? "DELETE FROM inv_claim WHERE source = ?1 AND field = ?2"
                   : "INSERT INTO inv_claim (source, field, value) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (source, field) DO UPDATE SET value = excluded.value",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  if (*value != '\0')
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* Whether the register, having no claim on @field, would only repeat what
 * the item already says: then it claims nothing (an export imported again
 * changes nothing). */
static gboolean
register_repeats (GHashTable *claims, const char *field, const char *value)
{
  gboolean conflict;
  FieldClaims *field_claims = claims != NULL ? g_hash_table_lookup (claims, field) : NULL;

  if (field_claims != NULL && field_claims->register_value != NULL)
    return FALSE;
  return g_strcmp0 (resolved_value (field_claims, &conflict), value) == 0;
}

static gboolean
set_claims (HelderStore *store,
            const HelderAuditActor *actor,
            gint64 interview,
            const char *origin,
            gint64 item,
            gint64 *source,
            ParsedNote *note,
            GString *changed,
            GError **error)
{
  g_autoptr (GHashTable) claims = interview == 0 ? load_claims (store, item, error) : NULL;

  if (interview == 0 && claims == NULL)
    return FALSE;
  for (guint i = 0; i < note->fields->len; i++)
    {
      ParsedField *parsed = g_ptr_array_index (note->fields, i);
      g_autofree char *before = NULL;
      g_autoptr (GError) local = NULL;

      if (parsed->supplier != NULL)
        {
          gint64 supplier;

          if (!inv_item_note_full (store, actor, interview, origin, "supplier", parsed->supplier,
                                   NULL, &supplier, NULL, NULL, error))
            return FALSE;
          parsed->value = g_strdup_printf ("item:%" PRId64, supplier);
        }
      if (*source > 0 && (before = current_claim (store, *source, parsed->field, &local)) == NULL &&
          local != NULL)
        return (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
      if (g_strcmp0 (before != NULL ? before : "", parsed->value) == 0)
        continue;
      if (interview == 0 && before == NULL &&
          register_repeats (claims, parsed->field, parsed->value))
        continue;
      if (*source == 0 && (*source = create_source (store, item, interview, origin, error)) == 0)
        return FALSE;
      if (!write_claim (store, *source, parsed->field, parsed->value, error))
        return FALSE;
      g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "", parsed->field);
    }
  return TRUE;
}

static gboolean
add_key_users (HelderStore *store,
               gint64 interview,
               const char *origin,
               gint64 item,
               gint64 *source,
               GArray *people,
               GString *changed,
               GError **error)
{
  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr (HelderStmt) stmt = NULL;

      if (*source == 0 && (*source = create_source (store, item, interview, origin, error)) == 0)
        return FALSE;
      stmt = helder_store_prepare (
        store, "INSERT OR IGNORE INTO inv_key_user (item, person, source) VALUES (?1, ?2, ?3)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item);
      sqlite3_bind_int64 (stmt, 2, g_array_index (people, gint64, i));
      sqlite3_bind_int64 (stmt, 3, *source);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
      if (sqlite3_changes (helder_store_get_db (store)) > 0 && !strstr (changed->str, "key_users"))
        g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "", "key_users");
    }
  return TRUE;
}

static gboolean
check_interview (HelderStore *store, gint64 interview, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT 1 FROM interview WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interview);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (helder_store_propagate (store, rc, error))
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, "interview",
                      _ ("interview: there is no interview %" PRId64), interview);
  return FALSE;
}

static gboolean
note_in_transaction (HelderStore *store,
                     const HelderAuditActor *actor,
                     gint64 interview,
                     const char *origin,
                     ParsedNote *note,
                     gint64 *item,
                     gboolean *created,
                     gboolean *changed,
                     GError **error)
{
  g_autoptr (GString) fields = g_string_new (NULL);
  g_autofree char *detail = NULL;
  gint64 source = 0;

  if (!find_item (store, note->kind, note->key, item, error))
    return FALSE;
  *created = *item == 0;
  if (*created && (*item = create_item (store, note, error)) == 0)
    return FALSE;
  if (!*created && (source = find_source (store, *item, interview, error)) < 0)
    return FALSE;
  if (*created && (source = create_source (store, *item, interview, origin, error)) == 0)
    return FALSE;
  if (!set_claims (store, actor, interview, origin, *item, &source, note, fields, error) ||
      !add_key_users (store, interview, origin, *item, &source, note->key_users, fields, error))
    return FALSE;
  *changed = *created || fields->len > 0;
  if (!*changed)
    return TRUE;
  if (interview == 0 && !*created && origin != NULL)
    {
      g_autoptr (HelderStmt) stmt =
        helder_store_prepare (store, "UPDATE inv_source SET origin = ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source);
      sqlite3_bind_text (stmt, 2, origin, -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
    }
  detail = interview != 0
             ? g_strdup_printf ("interview %" PRId64 ": %s", interview, fields->str)
             : g_strdup_printf ("%s: %s", origin != NULL ? origin : "register", fields->str);
  return inv_item_resolve_columns (store, *item, error) &&
         inv_audit (store, actor, *created ? "create" : "update", "inv_item", *item, detail, error);
}

gboolean
inv_item_note_full (HelderStore *store,
                    const HelderAuditActor *actor,
                    gint64 interview,
                    const char *origin,
                    const char *kind,
                    const char *name,
                    JsonObject *fields,
                    gint64 *item,
                    gboolean *created,
                    gboolean *changed,
                    GError **error)
{
  g_auto (ParsedNote) note = { 0 };
  gboolean own = !helder_store_in_transaction (store);
  gboolean was_created = FALSE, was_changed = FALSE;
  gint64 id = 0;

  g_return_val_if_fail (actor != NULL, FALSE);

  if ((interview != 0 && !check_interview (store, interview, error)) ||
      !parse_note (store, kind, name, fields, &note, error))
    return FALSE;
  if (own && !helder_store_begin (store, error))
    return FALSE;
  if (!note_in_transaction (store, actor, interview, origin, &note, &id, &was_created, &was_changed,
                            error) ||
      (own && !helder_store_commit (store, error)))
    {
      if (own)
        helder_store_rollback (store);
      return FALSE;
    }
  if (item != NULL)
    *item = id;
  if (created != NULL)
    *created = was_created;
  if (changed != NULL)
    *changed = was_changed;
  return TRUE;
}

gboolean
inv_item_note (HelderStore *store,
               const HelderAuditActor *actor,
               gint64 interview,
               const char *origin,
               const char *kind,
               const char *name,
               JsonObject *fields,
               gint64 *item,
               GError **error)
{
  return inv_item_note_full (store, actor, interview, origin, kind, name, fields, item, NULL, NULL,
                             error);
}
