/* test-privacy.c — one person's data: export and erasure (DESIGN.md §6)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo programme, with one person renumbered to an id that appears
 * nowhere else and given data in every place Helder keeps it: core's
 * nouns, the outbox, tokens and sessions, the audit log, a plugin's nouns
 * (one deleted with the person, one kept anonymous) and a plugin's own
 * table behind a HelderPersonData hook. The checks read every column of
 * every table, so they cover what the code under test forgot.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/access/helder-access.h"
#include "services/access/helder-audit.h"
#include "services/delivery/helder-outbox.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-demo.h"
#include "services/transfer/helder-person-data.h"

#define TODAY  "2026-12-04"
#define P      4242
#define P_TEXT "4242"

/* ---- a plugin's nouns and its own table --------------------------------- */

static const HelderField note_fields[] = {
  { "id", HELDER_FIELD_INT,
    HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, "id" },
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, "person",
    .ref = "person" },
  { "text", HELDER_FIELD_MARKDOWN, HELDER_FIELD_PERSONAL, "text", .def = "" },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, "created" },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, "updated" },
};

static const HelderField vote_fields[] = {
  { "id", HELDER_FIELD_INT,
    HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, "id" },
  { "voter", HELDER_FIELD_REF, HELDER_FIELD_LIST, "voter", .ref = "person" },
  { "choice", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, "choice", .def = "" },
  { "remark", HELDER_FIELD_TEXT, HELDER_FIELD_PERSONAL, "remark", .def = "" },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, "created" },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, "updated" },
};

static const HelderEntity note_entity = {
  .name = "privacy_note",
  .plural = "privacy_notes",
  .table = "privacy_note",
  .label = "note",
  .order_by = "id",
  .fields = note_fields,
  .n_fields = G_N_ELEMENTS (note_fields),
  .deletable = TRUE,
  .owner = "privacytest",
  .person_field = "person",
  .erase = HELDER_ERASE_DELETE,
};

static const HelderEntity vote_entity = {
  .name = "privacy_vote",
  .plural = "privacy_votes",
  .table = "privacy_vote",
  .label = "vote",
  .order_by = "id",
  .fields = vote_fields,
  .n_fields = G_N_ELEMENTS (vote_fields),
  .deletable = TRUE,
  .owner = "privacytest",
  .person_field = "voter",
  .erase = HELDER_ERASE_ANONYMISE,
};

static const char plugin_sql[] =
  "CREATE TABLE privacy_note (id INTEGER PRIMARY KEY, person INTEGER NOT NULL REFERENCES person (id),"
  " text TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
  "CREATE TABLE privacy_vote (id INTEGER PRIMARY KEY, voter INTEGER REFERENCES person (id),"
  " choice TEXT NOT NULL DEFAULT '', remark TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
  " updated_at TEXT NOT NULL);"
  "CREATE TABLE privacy_reminder (id INTEGER PRIMARY KEY, person INTEGER NOT NULL REFERENCES person (id),"
  " sent_on TEXT NOT NULL);";

static gboolean
reminders_export (HelderStore *store,
                  gint64 person,
                  JsonObject *into,
                  gpointer user_data,
                  GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);
  JsonArray *rows =
    helder_repo_query_rows (store,
                            "SELECT id, sent_on FROM privacy_reminder WHERE person = ?1"
                            " ORDER BY id",
                            key, NULL, error);

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (into, "privacy_reminders", rows);
  return TRUE;
}

static gboolean
reminders_erase (HelderStore *store, gint64 person, gpointer user_data, GError **error)
{
  g_autofree char *sql =
    g_strdup_printf ("DELETE FROM privacy_reminder WHERE person = %" G_GINT64_FORMAT, person);

  return helder_store_exec (store, sql, error);
}

static const HelderPersonData reminders = { "privacy_reminders", reminders_export, reminders_erase,
                                            NULL };

/* ---- the fixture --------------------------------------------------------- */

typedef struct
{
  HelderStore *store;
  char *path;
  GPtrArray *hooks;
  char *name;
  char *email;
  gint64 other; /* someone else, with a message in flight */
} Fixture;

static void
exec (HelderStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  helder_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static void execf (HelderStore *store, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
execf (HelderStore *store, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (store, sql);
}

static gint64
int_query (HelderStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
strings (HelderStore *store, const char *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return out;
}

static GPtrArray *
all_tables (HelderStore *store)
{
  return strings (store, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                         " AND name NOT LIKE 'sqlite_%' ORDER BY name");
}

/* The columns of @table that refer to person.id. */
static GPtrArray *
person_columns (HelderStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT \"from\" FROM pragma_foreign_key_list ('%s')"
                                          " WHERE \"table\" = 'person'",
                                          table);

  return strings (store, sql);
}

static void
queue (HelderStore *store,
       const char *source,
       gint64 person,
       const char *subject,
       const char *status)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  HelderOutboxMessage message = {
    .source = source,
    .person = person,
    .channel = "email",
    .subject = subject,
    .body = subject,
    .locale = "nl",
    .link = "",
  };

  helder_outbox_queue (store, &message, now, NULL, &error);
  g_assert_no_error (error);
  execf (store,
         "UPDATE delivery SET status = '%s', sent_at = CASE WHEN '%s' = 'sent' THEN '%s' END,"
         " last_error = CASE WHEN '%s' = 'dead' THEN '550 no such user' END"
         " WHERE source = '%s' AND person = %" G_GINT64_FORMAT,
         status, status, now, status, source, person);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  gint64 old, token_id = 0, moment, commitment;
  HelderAuditActor actor;

  fx->store = helder_test_store_new (&fx->path);
  exec (fx->store, plugin_sql);
  helder_entity_register (&note_entity, &error);
  g_assert_no_error (error);
  helder_entity_register (&vote_entity, &error);
  g_assert_no_error (error);
  fx->hooks = g_ptr_array_new ();
  g_ptr_array_add (fx->hooks, (gpointer) &reminders);

  helder_demo_load (fx->store, TODAY, 0, &error);
  g_assert_no_error (error);

  /* Someone with a role change, a placement, groups and an address,
   * renumbered (everything that refers to them with them) to an id that
   * occurs nowhere else. */
  old = int_query (
    fx->store,
    "SELECT p.id FROM person p WHERE p.email IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM role_change r WHERE r.person = p.id)"
    " AND EXISTS (SELECT 1 FROM person_group g WHERE g.person = p.id)"
    " ORDER BY (SELECT count(*) FROM placement l WHERE l.person = p.id) DESC, p.id LIMIT 1");
  g_assert_cmpint (old, >, 0);
  exec (fx->store, "PRAGMA foreign_keys = OFF");
  tables = all_tables (fx->store);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autoptr (GPtrArray) columns = person_columns (fx->store, g_ptr_array_index (tables, t));

      for (guint c = 0; c < columns->len; c++)
        execf (fx->store, "UPDATE \"%s\" SET \"%s\" = " P_TEXT " WHERE \"%s\" = %" G_GINT64_FORMAT,
               (char *) g_ptr_array_index (tables, t), (char *) g_ptr_array_index (columns, c),
               (char *) g_ptr_array_index (columns, c), old);
    }
  execf (fx->store, "UPDATE person SET id = " P_TEXT " WHERE id = %" G_GINT64_FORMAT, old);
  exec (fx->store, "PRAGMA foreign_keys = ON");
  {
    g_autoptr (JsonObject) row =
      helder_repo_get (fx->store, helder_entity_lookup ("person"), P_TEXT, &error);

    g_assert_no_error (error);
    fx->name = g_strdup (json_object_get_string_member (row, "name"));
    fx->email = g_strdup (json_object_get_string_member (row, "email"));
  }
  fx->other = int_query (fx->store,
                         "SELECT min(id) FROM person WHERE id <> " P_TEXT " AND email IS NOT NULL");

  /* Others who name them: as manager, as contact person. */
  execf (fx->store, "UPDATE person SET manager = " P_TEXT " WHERE id = %" G_GINT64_FORMAT,
         fx->other);
  execf (fx->store,
         "UPDATE role_change SET contact = " P_TEXT " WHERE person = %" G_GINT64_FORMAT
         " OR id = (SELECT min(id) FROM role_change WHERE person <> " P_TEXT ")",
         fx->other);

  /* A promise to them personally, one to them and a group, a moment for
   * them, all naming them in their text. */
  commitment = int_query (fx->store, "SELECT coalesce (max(id), 0) + 1 FROM commitment");
  execf (fx->store,
         "INSERT INTO commitment (id, text, made_by, made_on, due_on, created_at, updated_at)"
         " VALUES (%" G_GINT64_FORMAT
         ", 'Training for %s', 'advisor', '2026-11-01', '2027-01-01', '2026-11-01T09:00:00Z',"
         " '2026-11-01T09:00:00Z')",
         commitment, fx->name);
  execf (fx->store, "INSERT INTO commitment_person VALUES (%" G_GINT64_FORMAT ", " P_TEXT ")",
         commitment);
  execf (fx->store,
         "INSERT INTO commitment_update (commitment, status, note, author, created_at, updated_at)"
         " VALUES (%" G_GINT64_FORMAT
         ", NULL, 'Asked %s (%s) for dates', '%s', '2026-11-02T09:00:00Z',"
         " '2026-11-02T09:00:00Z')",
         commitment, fx->name, fx->email, fx->name);
  execf (fx->store, "INSERT OR IGNORE INTO commitment_person SELECT min(commitment), " P_TEXT
                    " FROM commitment_group");
  moment = int_query (fx->store, "SELECT min(id) FROM moment");
  execf (fx->store, "INSERT OR IGNORE INTO moment_person VALUES (%" G_GINT64_FORMAT ", " P_TEXT ")",
         moment);
  execf (fx->store, "UPDATE moment SET author = '%s' WHERE id = %" G_GINT64_FORMAT, fx->name,
         moment);

  /* The outbox: a message and a digest delivered, one dead; someone else
   * has one on its way. */
  {
    g_autofree char *source = g_strdup_printf ("moment:%" G_GINT64_FORMAT, moment);
    g_autofree char *subject = g_strdup_printf ("Dear %s", fx->name);

    queue (fx->store, source, P, subject, "sent");
    queue (fx->store, "digest:" P_TEXT ":2026-W48", P, subject, "sent");
    queue (fx->store, "moment:999", P, "Bounced", "dead");
    queue (fx->store, source, fx->other, "Dear colleague", "pending");
  }

  /* Tokens, a session, and the audit log: they acted, they were read. */
  helder_access_issue (fx->store, P, "advisor", 0, &token_id, &token, &code, &error);
  g_assert_no_error (error);
  actor = (HelderAuditActor){ P, fx->name, "advisor" };
  helder_audit_record (fx->store, &actor, "read", "person", "1", 1, "read by an advisor", &error);
  g_assert_no_error (error);
  actor = (HelderAuditActor){ 0, "helder CLI", "cli" };
  {
    g_autofree char *detail = g_strdup_printf ("name %s, e-mail %s", fx->name, fx->email);

    helder_audit_record (fx->store, &actor, "update", "person", P_TEXT, P, detail, &error);
    g_assert_no_error (error);
  }

  /* The plugin's rows: theirs and someone else's. */
  execf (fx->store,
         "INSERT INTO privacy_note (person, text, created_at, updated_at) VALUES"
         " (" P_TEXT ", 'about %s', 'x', 'x'), (%" G_GINT64_FORMAT ", 'other', 'x', 'x')",
         fx->name, fx->other);
  execf (fx->store,
         "INSERT INTO privacy_vote (voter, choice, remark, created_at, updated_at) VALUES"
         " (" P_TEXT ", 'yes', 'mine', 'x', 'x'), (%" G_GINT64_FORMAT ", 'no', 'theirs', 'x', 'x')",
         fx->other);
  execf (fx->store,
         "INSERT INTO privacy_reminder (person, sent_on) VALUES (" P_TEXT ", '2026-11-30'),"
         " (%" G_GINT64_FORMAT ", '2026-11-30')",
         fx->other);

  /* Core's own traces of them: asking for a sign-in link (with a hash of
   * the address), visits to their own page. */
  execf (fx->store,
         "INSERT INTO access_request (at, address_hash, person, outcome) VALUES"
         " ('2026-12-01T09:00:00Z', 'aa', " P_TEXT ", 'sent'),"
         " ('2026-12-01T09:05:00Z', 'bb', %" G_GINT64_FORMAT ", 'sent'),"
         " ('2026-12-01T09:10:00Z', 'cc', NULL, 'unknown')",
         fx->other);
  execf (fx->store, "INSERT INTO person_visit (person, visit_at, since) VALUES"
                    " (" P_TEXT ", '2026-12-01T09:00:00Z', '2026-11-24T09:00:00Z')");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  helder_entity_unregister (&vote_entity);
  helder_entity_unregister (&note_entity);
  g_clear_object (&fx->store);
  helder_test_remove_db (fx->path);
  g_free (fx->path);
  g_free (fx->name);
  g_free (fx->email);
  g_ptr_array_unref (fx->hooks);
}

/* ---- brute force --------------------------------------------------------- */

/* Every row of every table as text, "table|v1|v2|…", and whether it is
 * about the person: it names them by id (a reference to person, or to a
 * row that is about them), by name or by address, or is an audit entry
 * of or by them. */
typedef struct
{
  GPtrArray *rows; /* char *: rows not about the person */
  guint about;     /* how many rows are */
} Census;

static gboolean
text_names (const char *text, const char *name, const char *email)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autofree char *lname = g_ascii_strdown (name, -1);
  g_autofree char *lemail = g_ascii_strdown (email, -1);

  return strstr (lower, lname) != NULL || strstr (lower, lemail) != NULL;
}

static void
census (Fixture *fx, Census *out)
{
  g_autoptr (GPtrArray) tables = all_tables (fx->store);
  /* "table.column=value" of rows about the person, for references to them */
  g_autoptr (GHashTable) about_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean changed = TRUE;
  g_autoptr (GHashTable) about_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) everything = g_ptr_array_new_with_free_func (g_free);

  /* To a fixed point: a row that refers to a row about them is too. */
  while (changed)
    {
      changed = FALSE;
      g_ptr_array_set_size (everything, 0);
      for (guint t = 0; t < tables->len; t++)
        {
          const char *table = g_ptr_array_index (tables, t);
          g_autofree char *fk_sql = g_strdup_printf (
            "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list ('%s')", table);
          g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
          sqlite3_stmt *fks = NULL;
          sqlite3_stmt *stmt = NULL;
          g_autoptr (GPtrArray) fk = g_ptr_array_new_with_free_func (g_free);

          g_assert_cmpint (
            sqlite3_prepare_v2 (helder_store_get_db (fx->store), fk_sql, -1, &fks, NULL), ==,
            SQLITE_OK);
          while (sqlite3_step (fks) == SQLITE_ROW)
            {
              const char *to = (const char *) sqlite3_column_text (fks, 2);

              g_ptr_array_add (fk, g_strdup ((const char *) sqlite3_column_text (fks, 0)));
              g_ptr_array_add (
                fk, g_strdup_printf ("%s.%s", sqlite3_column_text (fks, 1), to ? to : "rowid"));
            }
          sqlite3_finalize (fks);

          g_assert_cmpint (
            sqlite3_prepare_v2 (helder_store_get_db (fx->store), sql, -1, &stmt, NULL), ==,
            SQLITE_OK);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              GString *row = g_string_new (table);
              gboolean about = FALSE;
              int n = sqlite3_column_count (stmt);

              for (int c = 0; c < n; c++)
                {
                  const char *column = sqlite3_column_name (stmt, c);
                  const char *v = (const char *) sqlite3_column_text (stmt, c);

                  g_string_append_printf (row, "|%s", v ? v : "\x01");
                  if (v == NULL)
                    continue;
                  if (text_names (v, fx->name, fx->email))
                    about = TRUE;
                  if (g_str_equal (table, "person") && g_str_equal (column, "id") &&
                      g_str_equal (v, P_TEXT))
                    about = TRUE;
                  if (g_str_equal (table, "audit_entry") &&
                      (g_str_equal (column, "actor") || g_str_equal (column, "subject")) &&
                      g_str_equal (v, P_TEXT))
                    about = TRUE;
                  for (guint k = 0; k < fk->len; k += 2)
                    if (g_str_equal (g_ptr_array_index (fk, k), column))
                      {
                        g_autofree char *ref =
                          g_strdup_printf ("%s=%s", (char *) g_ptr_array_index (fk, k + 1), v);

                        if ((g_str_has_prefix (ref, "person.id=") && g_str_equal (v, P_TEXT)) ||
                            g_hash_table_contains (about_keys, ref))
                          about = TRUE;
                      }
                }
              if (about)
                {
                  if (!g_hash_table_contains (about_rows, row->str))
                    {
                      g_hash_table_add (about_rows, g_strdup (row->str));
                      changed = TRUE;
                    }
                  for (int c = 0; c < n; c++)
                    if (sqlite3_column_text (stmt, c) != NULL)
                      g_hash_table_add (about_keys,
                                        g_strdup_printf ("%s.%s=%s", table,
                                                         sqlite3_column_name (stmt, c),
                                                         sqlite3_column_text (stmt, c)));
                  g_hash_table_add (about_keys, g_strdup_printf ("%s.rowid=%s", table,
                                                                 sqlite3_column_text (stmt, 0)));
                  g_string_free (row, TRUE);
                }
              else
                g_ptr_array_add (everything, g_string_free (row, FALSE));
            }
          sqlite3_finalize (stmt);
        }
    }
  out->rows = g_steal_pointer (&everything);
  g_ptr_array_sort (out->rows, (GCompareFunc) g_strcmp0);
  out->about = g_hash_table_size (about_rows);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every row in @before is in @after, as often. */
static void
assert_kept (GPtrArray *before, GPtrArray *after)
{
  guint j = 0;

  g_ptr_array_sort (before, compare_strings);
  g_ptr_array_sort (after, compare_strings);
  for (guint i = 0; i < before->len; i++)
    {
      const char *row = g_ptr_array_index (before, i);

      while (j < after->len && strcmp (g_ptr_array_index (after, j), row) < 0)
        j++;
      if (j >= after->len || strcmp (g_ptr_array_index (after, j), row) != 0)
        g_error ("a row not about the person changed or went: %s", row);
      j++;
    }
}

/* All rows of every table, as text. */
static GPtrArray *
all_rows (HelderStore *store)
{
  g_autoptr (GPtrArray) tables = all_tables (store);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, t));
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (g_ptr_array_index (tables, t));

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (row, "|%s", v ? v : "\x01");
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
    }
  return rows;
}

static void
test_erase (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) after = NULL;
  Census before = { 0 };
  /* The advisor erases themselves: even the erasure does not name them. */
  HelderAuditActor actor = { P, fx->name, "advisor" };
  guint traces = 0;

  /* Someone else's message is in flight, not theirs. */
  census (fx, &before);
  g_assert_cmpuint (before.about, >, 20);
  helder_person_data_erase (fx->store, P, fx->hooks, &actor, &error);
  g_assert_no_error (error);

  after = all_rows (fx->store);
  assert_kept (before.rows, after);
  /* What changed are the rows about them, now without them, and the one
   * audit entry of the erasure. */
  g_assert_cmpuint (after->len, <=, before.rows->len + before.about + 1);

  for (guint i = 0; i < after->len; i++)
    {
      const char *row = g_ptr_array_index (after, i);
      g_auto (GStrv) values = g_strsplit (row, "|", -1);
      gboolean erasure =
        g_str_has_prefix (row, "audit_entry|") && strstr (row, "|erase|person|" P_TEXT "|") != NULL;

      if (text_names (row, fx->name, fx->email))
        g_error ("the name or address is still here: %s", row);
      if (erasure)
        {
          traces++;
          continue;
        }
      if (strstr (row, P_TEXT) != NULL)
        g_error ("the id is still here: %s", row);
    }
  g_assert_cmpuint (traces, ==, 1);
  /* The kept anonymous vote, the other's rows. */
  g_assert_cmpint (
    int_query (fx->store, "SELECT count(*) FROM privacy_vote WHERE voter IS NULL AND remark = ''"
                          " AND choice = 'yes'"),
    ==, 1);
  g_assert_cmpint (int_query (fx->store, "SELECT count(*) FROM privacy_reminder"), ==, 1);
  g_assert_cmpint (
    int_query (fx->store,
               "SELECT count(*) FROM commitment WHERE text LIKE 'Training for " HELDER_PERSON_ERASED
               "'"),
    ==, 1);
  g_ptr_array_unref (before.rows);
}

static void
assert_refused (Fixture *fx, gint64 person, int code, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (fx->store);
  g_autofree char *after = NULL;
  HelderAuditActor actor = { 0, "helder CLI", "cli" };

  g_assert_false (helder_person_data_erase (fx->store, person, fx->hooks, &actor, &error));
  g_assert_error (error, HELDER_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  after = helder_test_fingerprint (fx->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refusals (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other = g_strdup_printf ("person %" G_GINT64_FORMAT " (", fx->other);
  HelderAuditActor actor = { 0, "helder CLI", "cli" };
  g_autoptr (JsonObject) gone = NULL;

  assert_refused (fx, 987654, HELDER_ERROR_NOT_FOUND, "person 987654: no such person");
  /* Without the plugin that owns a table that refers to them. */
  helder_entity_unregister (&note_entity);
  assert_refused (fx, P, HELDER_ERROR_CONFLICT,
                  "1 row of table “privacy_note” (column “person”) still refers to them");
  helder_entity_register (&note_entity, &error);
  g_assert_no_error (error);
  assert_refused (fx, fx->other, HELDER_ERROR_CONFLICT, other);
  assert_refused (fx, fx->other, HELDER_ERROR_CONFLICT, "not delivered yet (pending)");
  helder_person_data_erase (fx->store, P, fx->hooks, &actor, &error);
  g_assert_no_error (error);
  assert_refused (fx, P, HELDER_ERROR_CONFLICT, "person " P_TEXT " was erased on ");
  gone = helder_person_data_export (fx->store, P, fx->hooks, &error);
  g_assert_null (gone);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
}

/* A hook that fails: the erasure changes nothing. */
static gboolean
failing_erase (HelderStore *store, gint64 person, gpointer user_data, GError **error)
{
  helder_store_exec (store, "DELETE FROM privacy_reminder", NULL);
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "disk on fire");
  return FALSE;
}

static void
test_atomic (Fixture *fx, gconstpointer data)
{
  static const HelderPersonData failing = { "failing", reminders_export, failing_erase, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (fx->store);
  g_autofree char *after = NULL;
  HelderAuditActor actor = { 0, "helder CLI", "cli" };

  g_ptr_array_add (fx->hooks, (gpointer) &failing);
  g_assert_false (helder_person_data_erase (fx->store, P, fx->hooks, &actor, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "failing: disk on fire"));
  after = helder_test_fingerprint (fx->store);
  g_assert_cmpstr (before, ==, after);
}

/* Whether @array holds an object whose @member is @value. */
static gboolean
holds (JsonObject *export, const char *array, const char *member, const char *value)
{
  JsonArray *rows;

  if (!json_object_has_member (export, array))
    return FALSE;
  rows = json_object_get_array_member (export, array);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonNode *node = json_object_get_member (row, member);
      g_autofree char *text = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      text = json_node_get_value_type (node) == G_TYPE_INT64
               ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node))
               : g_strdup (json_node_get_string (node));
      if (g_strcmp0 (text, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
mentioned (JsonObject *export, const char *entity, const char *field, const char *key)
{
  JsonArray *mentions = json_object_get_array_member (export, "mentions");

  for (guint i = 0; i < json_array_get_length (mentions); i++)
    {
      JsonObject *m = json_array_get_object_element (mentions, i);
      JsonObject *row;
      JsonNode *node;

      if (!g_str_equal (json_object_get_string_member (m, "entity"), entity) ||
          !g_str_equal (json_object_get_string_member (m, "field"), field))
        continue;
      row = json_object_has_member (m, "row") ? json_object_get_object_member (m, "row") : m;
      node =
        json_object_get_member (row, json_object_has_member (m, "row")
                                       ? helder_entity_get_key (helder_entity_lookup (entity))->name
                                       : "key");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *text =
            json_node_get_value_type (node) == G_TYPE_INT64
              ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node))
              : g_strdup (json_node_get_string (node));

          if (g_str_equal (text, key))
            return TRUE;
        }
    }
  return FALSE;
}

/* Every row of every table that refers to the person is in the export,
 * found by the foreign keys of the schema, not by the code's list. */
static void
test_export (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (fx->store);
  g_autoptr (JsonObject) export = helder_person_data_export (fx->store, P, fx->hooks, &error);
  g_autoptr (GPtrArray) tables = all_tables (fx->store);
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_nonnull (export);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (export, "person"), "name"), ==,
    fx->name);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autoptr (GPtrArray) columns = person_columns (fx->store, table);
      const HelderEntity *const *entities = helder_entity_all (NULL);

      for (guint c = 0; c < columns->len; c++)
        {
          const char *column = g_ptr_array_index (columns, c);
          g_autofree char *sql =
            g_strdup_printf ("SELECT * FROM \"%s\" WHERE \"%s\" = " P_TEXT, table, column);
          sqlite3_stmt *stmt = NULL;

          g_assert_cmpint (
            sqlite3_prepare_v2 (helder_store_get_db (fx->store), sql, -1, &stmt, NULL), ==,
            SQLITE_OK);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *first = (const char *) sqlite3_column_text (stmt, 0);
              const char *second = sqlite3_column_count (stmt) > 1
                                     ? (const char *) sqlite3_column_text (stmt, 1)
                                     : NULL;
              gboolean found = FALSE;

              checked++;
              for (guint e = 0; entities[e] != NULL && !found; e++)
                {
                  const HelderEntity *entity = entities[e];

                  if (g_str_equal (entity->table, table))
                    found = g_strcmp0 (entity->person_field, column) == 0
                              ? holds (export, entity->plural, helder_entity_get_key (entity)->name,
                                       first)
                              : mentioned (export, entity->name, column, first);
                  for (guint f = 0; f < entity->n_fields && !found; f++)
                    if (g_strcmp0 (entity->fields[f].join, table) == 0 &&
                        g_strcmp0 (entity->fields[f].join_value, column) == 0)
                      found = mentioned (export, entity->name, entity->fields[f].name, first);
                    else if (g_strcmp0 (entity->fields[f].join, table) == 0 &&
                             g_strcmp0 (entity->fields[f].join_owner, column) == 0 &&
                             g_str_equal (entity->name, "person"))
                      {
                        JsonArray *set = json_object_get_array_member (
                          json_object_get_object_member (export, "person"), entity->fields[f].name);

                        for (guint s = 0; s < json_array_get_length (set) && !found; s++)
                          found = g_strcmp0 (json_array_get_string_element (set, s), second) == 0;
                      }
                }
              if (g_str_equal (table, "delivery"))
                found = holds (export, "deliveries", "id", first);
              else if (g_str_equal (table, "access_token"))
                found = holds (export, "access", "id", first);
              else if (g_str_equal (table, "message_link"))
                found = holds (export, "message_links", "id", first);
              else if (g_str_equal (table, "access_request"))
                found = holds (export, "signin_requests", "id", first);
              else if (g_str_equal (table, "person_visit"))
                found = holds (export, "visits", "visit_at", "2026-12-01T09:00:00Z");
              else if (g_str_equal (table, "privacy_reminder"))
                found = holds (json_object_get_object_member (export, "plugins"),
                               "privacy_reminders", "id", first);
              if (!found)
                g_error ("%s.%s = " P_TEXT " (row %s) is not in the export", table, column, first);
            }
          sqlite3_finalize (stmt);
        }
    }
  g_assert_cmpuint (checked, >, 10);
  /* The audit log, by and about them; no secrets. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (export, "audit")), ==, 2);
  {
    g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), export);
    g_autofree char *text = json_to_string (node, FALSE);

    g_assert_null (strstr (text, "\"hash\""));
    g_assert_null (strstr (text, "\"csrf\""));
    g_assert_nonnull (strstr (text, "Asked ")); /* the update of a promise made to them */
  }
  /* Reading changes nothing. */
  {
    g_autofree char *after = helder_test_fingerprint (fx->store);

    g_assert_cmpstr (before, ==, after);
  }
}

/* `helder person export|erase` as a user types them: JSON out, one line on
 * stderr and exit 1 for what is refused, nothing changed then. */
static void
test_cli (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *email = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gint64 person;

  helder_demo_load (store, TODAY, 0, &error);
  g_assert_no_error (error);
  person = int_query (store, "SELECT min(person) FROM role_change");
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);
    g_autoptr (JsonObject) row =
      helder_repo_get (store, helder_entity_lookup ("person"), key, &error);

    g_assert_no_error (error);
    email = g_strdup (json_object_get_string_member (row, "email"));
  }

  /* The test addin's noun, memo, is about a person (person_field): one
   * about them, naming them, and one about someone else. */
  {
    g_autofree char *text = NULL;
    g_autofree char *name = NULL;
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);
    g_autoptr (JsonObject) row =
      helder_repo_get (store, helder_entity_lookup ("person"), key, &error);

    g_assert_no_error (error);
    name = g_strdup (json_object_get_string_member (row, "name"));
    text = g_strdup_printf ("Gesprek met %s over de regierol", name);
    g_assert_cmpint (helder_test_run (path, NULL, NULL, NULL, "memo", "add", "--person", email,
                                      "--text", text, NULL),
                     ==, 0);
    g_assert_cmpint (helder_test_run (path, NULL, NULL, NULL, "memo", "add", "--person", "1",
                                      "--text", "Iemand anders", NULL),
                     ==, 0);
    g_assert_cmpint (int_query (store, "SELECT count(*) FROM testaddin_memo"), ==, 2);
  }

  /* By e-mail address, as `person show` takes it. */
  g_assert_cmpint (helder_test_run (path, NULL, &out, &err, "person", "export", email, NULL), ==,
                   0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_node_get_object (json_parser_get_root (parser)), "person"),
                     "email"),
                   ==, email);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "role_changes")),
                    ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "memos")),
                    ==, 1);

  before = helder_test_fingerprint (store);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (path, NULL, NULL, &err, "person", "erase", "987654", NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "person 987654: no such person"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (path, NULL, NULL, &err, "person", "erase", "nobody@example.org", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nobody@example.org"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (path, NULL, NULL, &err, "person", "erase", NULL), ==, 2);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (path, NULL, &out, NULL, "person", "erase", email, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Erased person "));
  /* The memo about them went with them; the other stays; no table holds
   * their address any more. */
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM testaddin_memo"), ==, 1);
  g_assert_cmpint (
    int_query (store, "SELECT count(*) FROM testaddin_memo WHERE text = 'Iemand anders'"), ==, 1);
  {
    g_autoptr (GPtrArray) rows = all_rows (store);

    for (guint i = 0; i < rows->len; i++)
      if (strstr (g_ptr_array_index (rows, i), email) != NULL)
        g_error ("the address is still here: %s", (char *) g_ptr_array_index (rows, i));
  }
  g_clear_pointer (&before, g_free);
  before = helder_test_fingerprint (store);
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);

    g_clear_pointer (&err, g_free);
    g_assert_cmpint (helder_test_run (path, NULL, NULL, &err, "person", "erase", key, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "was erased on"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (helder_test_run (path, NULL, NULL, &err, "person", "export", key, NULL), ==,
                     1);
    g_assert_nonnull (strstr (err, "was erased on"));
  }
  g_clear_pointer (&after, g_free);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/privacy/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/privacy/erase", Fixture, NULL, fixture_set_up, test_erase, fixture_tear_down);
  g_test_add ("/privacy/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/privacy/atomic", Fixture, NULL, fixture_set_up, test_atomic, fixture_tear_down);
  g_test_add_func ("/privacy/cli", test_cli);
  return g_test_run ();
}
