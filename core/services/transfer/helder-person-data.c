/* helder-person-data.c — everything about one person: export and erasure
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which rows are about a person comes from the entity descriptors, core's
 * and the plugins' alike: a noun's person_field names whom a row is about,
 * and its erase rule says whether the row goes or stays anonymous. Other
 * references to the person (a manager, a contact, a commitment or moment
 * addressed to them) are cut; what is not about the person stays as it
 * was (a commitment made to a group, a moment, the counts). Besides the
 * nouns a person appears in the outbox, among the tokens and sessions, in
 * the audit log, in plugins' own tables (through HelderPersonData hooks),
 * and by name or address in free text anywhere.
 */
#define G_LOG_DOMAIN "helder-person-data"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-person-data.h"

/* Outbox rows that are still on their way: erasing their person now would
 * pull a message from under a sender. */
#define IN_FLIGHT "('pending', 'sending', 'offered', 'failed')"

static gboolean
is_person_entity (const HelderEntity *entity)
{
  return entity->owner == NULL && g_str_equal (entity->name, "person");
}

static gboolean
refers_to_person (const HelderField *field)
{
  return (field->type == HELDER_FIELD_REF || field->type == HELDER_FIELD_REFS) &&
         g_strcmp0 (field->ref, "person") == 0;
}

/* The field that names whom a row of @entity is about, or NULL. */
static const char *
person_field_of (const HelderEntity *entity)
{
  if (is_person_entity (entity))
    return helder_entity_get_key (entity)->name;
  return entity->person_field;
}

/* When @person is gone: when and by whom they were erased, from the
 * audit log, or NULL when they never were. */
static char *
erased_at (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *record = g_strdup_printf ("%" PRId64, person);
  int rc;

  stmt =
    helder_store_prepare (store,
                          "SELECT at FROM audit_entry WHERE action = 'erase' AND entity = 'person'"
                          " AND record = ?1 ORDER BY id DESC LIMIT 1",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  helder_store_propagate (store, rc, error);
  return NULL;
}

/* The person's row, or a NOT_FOUND (never there) or CONFLICT (erased)
 * error that names them. */
static JsonObject *
load_person (HelderStore *store, gint64 person, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, person);
  g_autoptr (GError) local = NULL;
  g_autofree char *when = NULL;
  JsonObject *row;

  row = helder_repo_get (store, helder_entity_lookup ("person"), key, &local);
  if (row != NULL)
    return row;
  if (!g_error_matches (local, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  when = erased_at (store, person, error);
  if (when != NULL)
    {
      /* In the programme's time zone, as every time people read. */
      g_autoptr (GDateTime) local_time = helder_clock_to_local (when);
      g_autofree char *shown =
        local_time != NULL ? g_date_time_format (local_time, "%Y-%m-%d %H:%M") : g_strdup (when);

      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        _ ("person %s was erased on %s; there is nothing left of them to export or erase"), key,
        shown);
    }
  else if (error == NULL || *error == NULL)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("person %s: no such person"), key);
  return NULL;
}

static JsonArray *
list_where (HelderStore *store,
            const HelderEntity *entity,
            const char *field,
            const char *value,
            GError **error)
{
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };

  g_hash_table_insert (equals, (gpointer) field, (gpointer) value);
  return helder_repo_list (store, entity, &query, error);
}

static gboolean
export_entities (HelderStore *store, gint64 person, JsonObject *into, GError **error)
{
  const HelderEntity *const *entities = helder_entity_all (NULL);
  g_autofree char *key = g_strdup_printf ("%" PRId64, person);
  g_autoptr (JsonArray) mentions = json_array_new ();

  for (guint i = 0; entities[i] != NULL; i++)
    {
      const HelderEntity *entity = entities[i];
      const char *own = person_field_of (entity);

      if (own != NULL && !is_person_entity (entity))
        {
          JsonArray *rows = list_where (store, entity, own, key, error);

          if (rows == NULL)
            return FALSE;
          json_object_set_array_member (into, entity->plural, rows);
        }
      for (guint f = 0; f < entity->n_fields; f++)
        {
          const HelderField *field = &entity->fields[f];
          g_autoptr (JsonArray) rows = NULL;

          if (!refers_to_person (field) || g_strcmp0 (field->name, own) == 0)
            continue;
          rows = list_where (store, entity, field->name, key, error);
          if (rows == NULL)
            return FALSE;
          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonObject *row = json_array_get_object_element (rows, r);
              JsonObject *mention = json_object_new ();

              json_object_set_string_member (mention, "entity", entity->name);
              json_object_set_string_member (mention, "field", field->name);
              /* A row addressed to them (a commitment, a moment) is
               * theirs to see; someone else's row only by its key. */
              if (field->type == HELDER_FIELD_REFS && !is_person_entity (entity))
                json_object_set_object_member (mention, "row", json_object_ref (row));
              else
                json_object_set_member (mention, "key",
                                        json_node_copy (json_object_get_member (
                                          row, helder_entity_get_key (entity)->name)));
              json_array_add_object_element (mentions, mention);
              /* What became of a promise made to them. */
              if (g_str_equal (entity->name, "commitment") && entity->owner == NULL)
                {
                  g_autofree char *commitment = helder_repo_key_text (entity, row);
                  JsonArray *updates =
                    list_where (store, helder_entity_lookup ("commitment_update"), "commitment",
                                commitment, error);

                  if (updates == NULL)
                    return FALSE;
                  json_object_set_array_member (mention, "updates", updates);
                }
            }
        }
    }
  json_object_set_array_member (into, "mentions", g_steal_pointer (&mentions));
  return TRUE;
}

static gboolean
export_query (HelderStore *store,
              JsonObject *into,
              const char *member,
              const char *sql,
              const char *key,
              GError **error)
{
  JsonArray *rows = helder_repo_query_rows (store, sql, key, NULL, error);

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (into, member, rows);
  return TRUE;
}

/**
 * helder_person_data_export:
 * @store: a #HelderStore
 * @person: the person's id
 * @hooks: (element-type HelderPersonData) (nullable): the plugins' hooks
 *
 * Everything the store holds about @person, read in one transaction:
 * `{"person": {…}, PLURAL: [rows about them] for every noun with a
 * person_field, "mentions": [rows of others that name them],
 * "deliveries": […], "visits": [their last visit to their page],
 * "access": [tokens and sessions, no secrets],
 * "audit": [entries about or by them], "plugins": {NAME: …}}`.
 *
 * Returns: (transfer full): the export, or %NULL with HELDER_ERROR_NOT_FOUND
 *   for an unknown person and HELDER_ERROR_CONFLICT for an erased one
 */
JsonObject *
helder_person_data_export (HelderStore *store, gint64 person, GPtrArray *hooks, GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (JsonObject) plugins = json_object_new ();
  g_autofree char *key = g_strdup_printf ("%" PRId64, person);
  JsonObject *row;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  row = load_person (store, person, error);
  if (row == NULL)
    goto failed;
  json_object_set_object_member (result, "person", row);
  if (!export_entities (store, person, result, error) ||
      !export_query (
        store, result, "deliveries",
        "SELECT d.id, d.source, d.channel, d.status, d.attempts, d.last_error, d.sent_at,"
        " d.acknowledged_at, d.created_at, d.updated_at, m.subject, m.body, m.locale, m.link"
        " FROM delivery d LEFT JOIN delivery_message m ON m.delivery = d.id"
        " WHERE d.person = ?1 ORDER BY d.id",
        key, error) ||
      !export_query (store, result, "visits",
                     "SELECT visit_at, since FROM person_visit WHERE person = ?1", key, error) ||
      !export_query (store, result, "meeting_invitations",
                     "SELECT root AS meeting, moment, sequence, cancelled, invited_at"
                     " FROM meeting_invite WHERE person = ?1 ORDER BY root",
                     key, error) ||
      !export_query (store, result, "meeting_answers",
                     "SELECT id, root AS meeting, answer, answered_at FROM rsvp"
                     " WHERE person = ?1 ORDER BY id",
                     key, error) ||
      !export_query (store, result, "access",
                     "SELECT id, role, kind, parent, created_at, expires_at, used_at, revoked_at"
                     " FROM access_token WHERE person = ?1 ORDER BY id",
                     key, error) ||
      !export_query (store, result, "signin_requests",
                     "SELECT id, at, outcome FROM access_request WHERE person = ?1 ORDER BY id",
                     key, error) ||
      !export_query (store, result, "message_links",
                     "SELECT id, delivery, created_at, expires_at, uses, last_used_at, revoked_at"
                     " FROM message_link WHERE person = ?1 ORDER BY id",
                     key, error) ||
      !export_query (
        store, result, "audit",
        "SELECT id, at, actor, actor_name, actor_role, action, entity, record, subject, detail"
        " FROM audit_entry WHERE subject = ?1 OR actor = ?1 ORDER BY id",
        key, error))
    goto failed;
  for (guint i = 0; hooks != NULL && i < hooks->len; i++)
    {
      const HelderPersonData *hook = g_ptr_array_index (hooks, i);

      if (!hook->export(store, person, plugins, hook->user_data, error))
        {
          g_prefix_error (error, "%s: ", hook->name);
          goto failed;
        }
    }
  json_object_set_object_member (result, "plugins", g_steal_pointer (&plugins));
  if (!helder_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&result);

failed:
  helder_store_rollback (store);
  return NULL;
}

/* ---- erasure ------------------------------------------------------------ */

static gboolean
run (HelderStore *store, const char *sql, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, person);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
run_printf (HelderStore *store, gint64 person, GError **error, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
run_printf (HelderStore *store, gint64 person, GError **error, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return run (store, sql, person, error);
}

static GPtrArray *
column_strings (HelderStore *store, const char *sql, const char *p1, int column, GError **error);

/* Refuses while a message to @person is still on its way. */
static gboolean
check_in_flight (HelderStore *store, gint64 person, const char *name, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, person);
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT count(*), group_concat (DISTINCT status) FROM delivery"
                               " WHERE person = ?1 AND status IN " IN_FLIGHT,
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      int count = (int) MIN (sqlite3_column_int64 (stmt, 0), G_MAXINT);

      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        g_dngettext (
          GETTEXT_PACKAGE,
          "cannot erase person %s (%s): %d message to them is not delivered yet (%s); erase them once it is sent or has failed for good",
          "cannot erase person %s (%s): %d messages to them are not delivered yet (%s); erase them once they are sent or have failed for good",
          (gulong) count),
        key, name, count, (const char *) sqlite3_column_text (stmt, 1));
      return FALSE;
    }
  return TRUE;
}

/* What still refers to the person once every known noun let go of them:
 * a table of a plugin that is not loaded. Named, rather than left to the
 * foreign key's bare "constraint failed". */
static gboolean
check_unreferenced (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (GPtrArray) tables = NULL;

  tables = column_strings (
    store,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    " ORDER BY name",
    NULL, 0, error);
  if (tables == NULL)
    return FALSE;
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autoptr (GPtrArray) columns =
        column_strings (store,
                        "SELECT \"from\" FROM pragma_foreign_key_list (?1)"
                        " WHERE \"table\" = 'person'"
                        " AND upper (on_delete) NOT IN ('CASCADE', 'SET NULL')",
                        table, 0, error);

      if (columns == NULL)
        return FALSE;
      for (guint c = 0; c < columns->len; c++)
        {
          const char *column = g_ptr_array_index (columns, c);
          g_autofree char *sql =
            g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1", table, column);
          g_autoptr (GPtrArray) count = NULL;
          g_autofree char *key = g_strdup_printf ("%" PRId64, person);
          int n;

          count = column_strings (store, sql, key, 0, error);
          if (count == NULL)
            return FALSE;
          n = count->len > 0
                ? (int) MIN (g_ascii_strtoll (g_ptr_array_index (count, 0), NULL, 10), G_MAXINT)
                : 0;
          if (n > 0)
            {
              g_set_error (
                error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                g_dngettext (
                  GETTEXT_PACKAGE,
                  "cannot erase person %s: %d row of table “%s” (column “%s”) still refers to them, and no loaded noun or plugin says what erasing does to it; load the plugin that owns the table and erase again",
                  "cannot erase person %s: %d rows of table “%s” (column “%s”) still refer to them, and no loaded noun or plugin says what erasing does to them; load the plugin that owns the table and erase again",
                  (gulong) n),
                key, n, table, column);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The rows of every noun: about the person (deleted or anonymised), or
 * naming them (the reference is cut). Plugins' nouns first, core's
 * last, and each noun's rows before the rows they refer to. */
static gboolean
erase_entities (HelderStore *store, gint64 person, GError **error)
{
  guint n = 0;
  const HelderEntity *const *entities = helder_entity_all (&n);

  for (guint i = n; i-- > 0;)
    {
      const HelderEntity *entity = entities[i];
      const char *own = person_field_of (entity);
      const HelderField *key = helder_entity_get_key (entity);
      HelderEraseRule rule;

      /* References to the person from rows that are not about them. */
      for (guint f = 0; f < entity->n_fields; f++)
        {
          const HelderField *field = &entity->fields[f];

          if (!refers_to_person (field) || g_strcmp0 (field->name, own) == 0)
            continue;
          if (field->type == HELDER_FIELD_REFS)
            {
              if (!run_printf (store, person, error, "DELETE FROM \"%s\" WHERE \"%s\" = ?1",
                               field->join, field->join_value))
                return FALSE;
            }
          else if (!run_printf (store, person, error,
                                "UPDATE \"%s\" SET \"%s\" = NULL WHERE \"%s\" = ?1", entity->table,
                                field->name, field->name))
            return FALSE;
        }
      rule = is_person_entity (entity) ? HELDER_ERASE_DELETE : entity->erase;
      if (own == NULL || key == NULL || rule == HELDER_ERASE_KEEP)
        continue;

      if (rule == HELDER_ERASE_DELETE)
        {
          /* The row's sets first, then the row. */
          for (guint f = 0; f < entity->n_fields; f++)
            {
              const HelderField *field = &entity->fields[f];

              if (field->join == NULL)
                continue;
              if (
                !run_printf (
                  store, person, error,
                  "DELETE FROM \"%s\" WHERE \"%s\" IN (SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ?1)",
                  field->join, field->join_owner, key->name, entity->table, own))
                return FALSE;
            }
          if (is_person_entity (entity) && !check_unreferenced (store, person, error))
            return FALSE;
          if (!run_printf (store, person, error, "DELETE FROM \"%s\" WHERE \"%s\" = ?1",
                           entity->table, own))
            return FALSE;
        }
      else
        {
          g_autoptr (GString) set = g_string_new (NULL);

          g_string_append_printf (set, "\"%s\" = NULL", own);
          for (guint f = 0; f < entity->n_fields; f++)
            {
              const HelderField *field = &entity->fields[f];

              if (!(field->flags & HELDER_FIELD_PERSONAL) || !helder_field_is_stored (field))
                continue;
              if (field->type == HELDER_FIELD_TEXT || field->type == HELDER_FIELD_MARKDOWN)
                g_string_append_printf (set, ", \"%s\" = ''", field->name);
              else
                g_string_append_printf (set, ", \"%s\" = NULL", field->name);
            }
          if (!run_printf (store, person, error, "UPDATE \"%s\" SET %s WHERE \"%s\" = ?1",
                           entity->table, set->str, own))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- names and addresses in free text ---------------------------------- */

typedef struct
{
  const char *name;
  const char *email;
} Needles;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* @needle in @text, ASCII letters in any case, as a whole word. */
static const char *
find_word (const char *text, const char *from, const char *needle, gsize length)
{
  for (const char *p = from; *p != '\0'; p++)
    {
      const char *before;

      if (g_ascii_strncasecmp (p, needle, length) != 0)
        continue;
      before = p > text ? g_utf8_find_prev_char (text, p) : NULL;
      if (before != NULL && is_word_char (g_utf8_get_char (before)) &&
          is_word_char (g_utf8_get_char (p)))
        continue;
      if (p[length] != '\0' && is_word_char (g_utf8_get_char (p + length)) &&
          is_word_char (g_utf8_get_char (g_utf8_find_prev_char (p, p + length))))
        continue;
      return p;
    }
  return NULL;
}

static char *
replace_words (const char *text, const char *needle)
{
  GString *out;
  gsize length;
  const char *p = text;
  const char *hit;

  if (needle == NULL || *needle == '\0')
    return NULL;
  length = strlen (needle);
  if (find_word (text, text, needle, length) == NULL)
    return NULL;
  out = g_string_new (NULL);
  while ((hit = find_word (text, p, needle, length)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, HELDER_PERSON_ERASED);
      p = hit + length;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* helder_erase_text(TEXT): TEXT without the person's name and address. */
static void
erase_text_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const Needles *needles = sqlite3_user_data (context);
  const char *text;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  first = replace_words (text, needles->email);
  second = replace_words (first ? first : text, needles->name);
  if (second == NULL && first == NULL)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_text (context, second ? second : first, -1, SQLITE_TRANSIENT);
}

static gboolean
contains_function (sqlite3_context *context, const char *text)
{
  const Needles *needles = sqlite3_user_data (context);

  return (needles->email != NULL && *needles->email != '\0' &&
          find_word (text, text, needles->email, strlen (needles->email)) != NULL) ||
         (needles->name != NULL && *needles->name != '\0' &&
          find_word (text, text, needles->name, strlen (needles->name)) != NULL);
}

/* helder_erase_hit(TEXT): whether TEXT names the person. */
static void
erase_hit_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  sqlite3_result_int (context,
                      sqlite3_value_type (argv[0]) == SQLITE_TEXT &&
                        contains_function (context, (const char *) sqlite3_value_text (argv[0])));
}

static GPtrArray *
column_strings (HelderStore *store, const char *sql, const char *p1, int column, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (p1 != NULL)
    sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, column)));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Rewrites the text columns of @table that name the person. A table that
 * refuses changes by trigger (commitment updates are append-only) has its
 * triggers lifted for this, inside the transaction. */
static gboolean
erase_text_in (HelderStore *store, const char *table, GError **error)
{
  g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  g_autoptr (GPtrArray) columns = NULL;
  g_autoptr (GPtrArray) triggers = NULL;
  g_autoptr (GPtrArray) trigger_names = NULL;
  g_autoptr (GString) hit = g_string_new (NULL);
  g_autoptr (GString) set = g_string_new (NULL);
  sqlite3_stmt *count = NULL;
  g_autofree char *sql = NULL;
  gint64 found;
  int rc;

  columns = column_strings (store, info, NULL, 0, error);
  if (columns == NULL)
    return FALSE;
  for (guint c = 0; c < columns->len; c++)
    {
      const char *column = g_ptr_array_index (columns, c);

      g_string_append_printf (hit, "%shelder_erase_hit (\"%s\")", c > 0 ? " OR " : "", column);
      g_string_append_printf (set, "%s\"%s\" = helder_erase_text (\"%s\")", c > 0 ? ", " : "",
                              column, column);
    }
  if (columns->len == 0)
    return TRUE;
  /* Not through the store's cache: the functions go after the erasure. */
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE %s", table, hit->str);
  if (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &count, NULL) != SQLITE_OK)
    return helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
  rc = sqlite3_step (count);
  found = rc == SQLITE_ROW ? sqlite3_column_int64 (count, 0) : 0;
  sqlite3_finalize (count);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  if (found == 0)
    return TRUE;

  triggers =
    column_strings (store, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1",
                    table, 0, error);
  trigger_names =
    triggers == NULL
      ? NULL
      : column_strings (store,
                        "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1",
                        table, 0, error);
  if (trigger_names == NULL)
    return FALSE;
  for (guint t = 0; t < trigger_names->len; t++)
    if (!run_printf (store, 0, error, "DROP TRIGGER \"%s\"",
                     (char *) g_ptr_array_index (trigger_names, t)))
      return FALSE;
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE \"%s\" SET %s WHERE %s", table, set->str, hit->str);
  if (!helder_store_exec (store, sql, error))
    return FALSE;
  for (guint t = 0; t < triggers->len; t++)
    if (!helder_store_exec (store, g_ptr_array_index (triggers, t), error))
      return FALSE;
  return TRUE;
}

static gboolean
erase_text (HelderStore *store, const char *name, const char *email, GError **error)
{
  sqlite3 *db = helder_store_get_db (store);
  Needles needles = { name, email };
  g_autoptr (GPtrArray) tables = NULL;
  gboolean ok = TRUE;

  /* The statements that use them are not cached: they go with the
   * functions. */
  if (sqlite3_create_function (db, "helder_erase_text", 1, SQLITE_UTF8, &needles,
                               erase_text_function, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (db, "helder_erase_hit", 1, SQLITE_UTF8, &needles, erase_hit_function,
                               NULL, NULL) != SQLITE_OK)
    return helder_store_propagate (store, sqlite3_errcode (db), error);
  tables =
    column_strings (store,
                    "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration' ORDER BY name",
                    NULL, 0, error);
  if (tables == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i < tables->len; i++)
    ok = erase_text_in (store, g_ptr_array_index (tables, i), error);
  sqlite3_create_function (db, "helder_erase_text", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
  sqlite3_create_function (db, "helder_erase_hit", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
  return ok;
}

/**
 * helder_person_data_erase:
 * @store: a #HelderStore, not in a transaction
 * @person: the person's id
 * @hooks: (element-type HelderPersonData) (nullable): the plugins' hooks
 * @actor: who erases, for the audit log
 *
 * Erases @person in one write transaction: the rows about them go (or
 * stay anonymous, as their noun says), references to them from other
 * rows are cut, their delivered messages, tokens and sessions go, the
 * audit log keeps its entries without their id or name, and their name
 * and e-mail address are replaced by HELDER_PERSON_ERASED in every text
 * that stays. One audit entry records the erasure, with the id only.
 *
 * Returns: %FALSE, changing nothing, with HELDER_ERROR_NOT_FOUND for an
 *   unknown person, HELDER_ERROR_CONFLICT for one already erased or with
 *   a message still on its way to them
 */
gboolean
helder_person_data_erase (HelderStore *store,
                          gint64 person,
                          GPtrArray *hooks,
                          const HelderAuditActor *actor,
                          GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = g_strdup_printf ("%" PRId64, person);
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autoptr (HelderStmt) audit = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  row = load_person (store, person, error);
  if (row == NULL)
    goto failed;
  name = g_strdup (json_object_get_string_member (row, "name"));
  if (!json_object_get_null_member (row, "email"))
    email = g_strdup (json_object_get_string_member (row, "email"));
  if (!check_in_flight (store, person, name, error))
    goto failed;

  for (guint i = 0; hooks != NULL && i < hooks->len; i++)
    {
      const HelderPersonData *hook = g_ptr_array_index (hooks, i);

      if (!hook->erase (store, person, hook->user_data, error))
        {
          g_prefix_error (error, "%s: ", hook->name);
          goto failed;
        }
    }
  /* The outbox, tokens and sessions before the person's row, which they
   * refer to; the audit log keeps its entries, without them. */
  if (
    !run (
      store,
      "DELETE FROM delivery_message WHERE delivery IN (SELECT id FROM delivery WHERE person = ?1)",
      person, error) ||
    !run (store, "DELETE FROM delivery WHERE person = ?1", person, error) ||
    !run (store, "DELETE FROM person_visit WHERE person = ?1", person, error) ||
    !run (store, "DELETE FROM access_token WHERE person = ?1 AND parent IS NOT NULL", person,
          error) ||
    !run (store, "DELETE FROM access_token WHERE person = ?1", person, error) ||
    !run (store, "DELETE FROM message_link WHERE person = ?1", person, error) ||
    /* Their requests for a sign-in link, with the hash of their address. */
    !run (store, "DELETE FROM access_request WHERE person = ?1", person, error) ||
    !erase_entities (store, person, error) ||
    !run (store, "UPDATE audit_entry SET subject = NULL WHERE subject = ?1", person, error) ||
    !run (store,
          "UPDATE audit_entry SET actor = NULL, actor_name = '" HELDER_PERSON_ERASED
          "' WHERE actor = ?1",
          person, error) ||
    !run (store,
          "UPDATE audit_entry SET record = '" HELDER_PERSON_ERASED "'"
          " WHERE entity = 'person' AND record = CAST (?1 AS TEXT)",
          person, error) ||
    !erase_text (store, name, email, error))
    goto failed;

  audit =
    helder_store_prepare (store,
                          "INSERT INTO audit_entry (at, actor, actor_name, actor_role, action,"
                          " entity, record, subject, detail)"
                          " VALUES (?1, ?2, ?3, ?4, 'erase', 'person', ?5, NULL, '')",
                          error);
  if (audit == NULL)
    goto failed;
  {
    g_autofree char *now = helder_clock_now_utc ();

    /* Who erases themselves is not named by their own erasure. */
    gboolean self = actor->person == person;

    sqlite3_bind_text (audit, 1, now, -1, SQLITE_TRANSIENT);
    if (actor->person > 0 && !self)
      sqlite3_bind_int64 (audit, 2, actor->person);
    sqlite3_bind_text (audit, 3,
                       self          ? HELDER_PERSON_ERASED
                       : actor->name ? actor->name
                                     : "helder",
                       -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (audit, 4, actor->role ? actor->role : "system", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (audit, 5, key, -1, SQLITE_TRANSIENT);
    if (!helder_store_step_done (store, audit, error))
      goto failed;
  }
  return helder_store_commit (store, error);

failed:
  helder_store_rollback (store);
  return FALSE;
}
