/* test-store.c — SQLite setup, migrations, transactions, doctor checks
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "helder-error.h"
#include "helder-test-utils.h"

static gint64
scalar (HelderStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
test_pragmas (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (scalar (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (scalar (store, "PRAGMA busy_timeout"), >=, 1000);
  g_assert_cmpint (
    sqlite3_prepare_v2 (helder_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==,
    SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpuint (helder_store_get_version (store, HELDER_STORE_CORE), ==,
                    helder_store_get_known_version (store, HELDER_STORE_CORE));
  g_assert_cmpuint (helder_store_get_version (store, HELDER_STORE_CORE), >=, 1);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_migrations_once_and_plugins (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  helder_store_add_migration (store, "extra", 2, "ALTER TABLE extra_note ADD COLUMN author TEXT");
  helder_store_add_migration (store, "extra", 1,
                              "CREATE TABLE extra_note (id INTEGER PRIMARY KEY)");
  g_assert_true (helder_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_version (store, "extra"), ==, 2);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM pragma_table_info('extra_note')"), ==, 2);
  g_clear_object (&store);

  /* Reopening applies nothing twice. */
  store = helder_store_open (path, &error);
  g_assert_no_error (error);
  helder_store_add_migration (store, "extra", 1,
                              "CREATE TABLE extra_note (id INTEGER PRIMARY KEY)");
  helder_store_add_migration (store, "extra", 2, "ALTER TABLE extra_note ADD COLUMN author TEXT");
  g_assert_true (helder_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
    scalar (store, "SELECT count(*) FROM schema_migration WHERE component = 'extra'"), ==, 2);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_failed_migration_changes_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  helder_store_add_migration (store, "broken", 1,
                              "CREATE TABLE half (id INTEGER); CREATE TABLE oops (");
  g_assert_false (helder_store_migrate (store, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "broken/1"));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), ==, 0);
  g_assert_cmpuint (helder_store_get_version (store, "broken"), ==, 0);
  g_assert_false (helder_store_in_transaction (store));

  /* Pending migrations go in together: a good one before a bad one is
   * not left applied, so a crash or failure never stops half way. */
  g_clear_object (&store);
  helder_test_remove_db (path);
  g_clear_pointer (&path, g_free);
  store = helder_test_store_new (&path);
  helder_store_add_migration (store, "pair", 1, "CREATE TABLE first_half (id INTEGER);");
  helder_store_add_migration (store, "pair", 2, "CREATE TABLE second_half (");
  g_clear_error (&error);
  g_assert_false (helder_store_migrate (store, &error));
  g_assert_nonnull (strstr (error->message, "pair/2"));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM sqlite_master WHERE name = 'first_half'"),
                   ==, 0);
  g_assert_cmpuint (helder_store_get_version (store, "pair"), ==, 0);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (
    store, "INSERT INTO schema_migration VALUES ('core', 999, '2030-01-01T00:00:00Z')", &error));
  g_clear_object (&store);

  store = helder_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (helder_store_migrate (store, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "999"));

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_nested_transactions (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_store_exec (
    store,
    "INSERT INTO stakeholder_group (slug, name, kind, created_at, updated_at) VALUES ('a', 'A', 'internal', 'x', 'x')",
    &error));
  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_store_exec (
    store,
    "INSERT INTO stakeholder_group (slug, name, kind, created_at, updated_at) VALUES ('b', 'B', 'internal', 'x', 'x')",
    &error));
  helder_store_rollback (store); /* only b goes */
  g_assert_true (helder_store_in_transaction (store));
  g_assert_true (helder_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_false (helder_store_in_transaction (store));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM stakeholder_group"), ==, 1);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_check_finds_problems (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  problems = helder_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A row written behind the store's back with foreign keys off. */
  g_assert_true (helder_store_exec (
    store,
    "PRAGMA foreign_keys = OFF;"
    "INSERT INTO person (name, role, created_at, updated_at) VALUES ('X', 'ghost', 'x', 'x');"
    "PRAGMA foreign_keys = ON;",
    &error));
  problems = helder_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "person"));

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_open_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autofree char *file = helder_test_write_temp (
    "not-a-db", "this is not SQLite at all, just text that is long enough to be a header", -1);

  store = helder_store_open ("/proc/helder/cannot/helder.db", &error);
  g_assert_null (store);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_clear_error (&error);

  store = helder_store_open (file, &error);
  if (store != NULL)
    {
      g_assert_false (helder_store_migrate (store, &error));
    }
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_clear_object (&store);
  helder_test_remove_db (file);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* The database, its -wal and -shm files and the folder made for them are
 * the owner's alone, whatever the umask (issue 9: they were 0644). */
static void
test_private_files (void)
{
  const guint umasks[] = { 022, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *top = g_dir_make_tmp ("helder-store-XXXXXX", &error);
      g_autofree char *dir = g_build_filename (top, "helder", NULL);
      g_autofree char *path = g_build_filename (dir, "helder.db", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autoptr (HelderStore) store = NULL;
      mode_t old = umask (umasks[i]);

      g_test_message ("umask %03o", umasks[i]);
      store = helder_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (helder_store_migrate (store, &error));
      g_assert_no_error (error);
      umask (old);

      g_assert_cmpuint (file_mode (dir), ==, 0700);
      g_assert_cmpuint (file_mode (path), ==, 0600);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (file_mode (wal), ==, 0600);
      g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (file_mode (shm), ==, 0600);

      g_clear_object (&store);
      helder_test_remove_db (path);
      g_rmdir (top);
    }
}

/* Version 5 rebuilds moment_channel without the CHECK that named the
 * plugins' channels: a database of version 4 keeps its rows, and the
 * table keeps its key and its cascade. */
static void
test_channel_check_dropped (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "helder.db", NULL);
  g_autoptr (HelderStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_exec (
      db,
      "PRAGMA foreign_keys = ON;"
      "CREATE TABLE schema_migration (component TEXT NOT NULL, version INTEGER NOT NULL,"
      " applied_at TEXT NOT NULL, PRIMARY KEY (component, version)) WITHOUT ROWID",
      NULL, NULL, NULL),
    ==, SQLITE_OK);
  for (guint v = 1; v <= 4; v++)
    {
      g_autofree char *name = g_strdup_printf ("/org/helder/Helder/migrations/%04u-core.sql", v);
      g_autoptr (GBytes) sql = g_resources_lookup_data (name, 0, &error);
      g_autofree char *text = NULL;
      g_autofree char *mark = g_strdup_printf (
        "INSERT INTO schema_migration VALUES ('core', %u, '2026-01-01T00:00:00Z')", v);

      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      g_assert_cmpint (sqlite3_exec (db, text, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, mark, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (
    sqlite3_exec (
      db,
      "INSERT INTO moment (id, title, scheduled_at, status, created_at, updated_at) VALUES"
      " (1, 'Een', '2027-01-04T08:00:00Z', 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
      " (2, 'Twee', '2027-01-05T08:00:00Z', 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
      "INSERT INTO moment_channel VALUES (1, 'email'), (1, 'meeting'), (2, 'desktop')",
      NULL, NULL, NULL),
    ==, SQLITE_OK);
  /* Version 4 refuses a channel it does not name. */
  g_assert_cmpint (
    sqlite3_exec (db, "INSERT INTO moment_channel VALUES (2, 'pigeon')", NULL, NULL, NULL), ==,
    SQLITE_CONSTRAINT);
  sqlite3_close (db);

  store = helder_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (helder_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_version (store, HELDER_STORE_CORE), >=, 5);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM moment_channel"), ==, 3);
  g_assert_cmpint (
    scalar (
      store,
      "SELECT count(*) FROM moment_channel WHERE moment = 1 AND channel IN ('email', 'meeting')"),
    ==, 2);
  g_assert_cmpint (
    scalar (store, "SELECT count(*) FROM sqlite_master WHERE name = 'moment_channel_new'"), ==, 0);
  /* What a channel may be is the model's to say now. */
  g_assert_true (
    helder_store_exec (store, "INSERT INTO moment_channel VALUES (2, 'pigeon')", &error));
  g_assert_no_error (error);
  /* Still keyed, still tied to its moment. */
  g_assert_false (
    helder_store_exec (store, "INSERT INTO moment_channel VALUES (2, 'pigeon')", NULL));
  g_assert_false (
    helder_store_exec (store, "INSERT INTO moment_channel VALUES (9, 'email')", NULL));
  g_assert_true (helder_store_exec (store, "DELETE FROM moment WHERE id = 2", &error));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM moment_channel WHERE moment = 2"), ==, 0);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* ---- helder backup ---------------------------------------------------------- */

typedef struct
{
  const char *path;
  gint committed; /* (atomic) rows committed so far */
  gint stop;      /* (atomic) */
} Writer;

/* Another connection, as helder serve would be, adding one row per
 * transaction until told to stop. */
static gpointer
writer_run (gpointer data)
{
  Writer *w = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (w->path, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&w->stop))
    {
      g_assert_true (helder_store_exec (
        store,
        "INSERT INTO audit_entry (at, actor_name, actor_role, action, entity, record)"
        " VALUES ('2026-12-04T09:00:00Z', 'writer', 'cli', 'update', 'person', '1')",
        &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&w->committed);
    }
  return NULL;
}

static gint64
scalar_in (const char *path, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (path, &error);

  g_assert_no_error (error);
  return scalar (store, sql);
}

/* A backup made while another connection commits holds every row committed
 * before it began, none in part, and passes SQLite's integrity check; it
 * opens as a Helder database (the restore), and the source keeps going. */
static void
test_backup_while_writing (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *copy = g_build_filename (folder, "backup.db", NULL);
  Writer w = { path, 0, 0 };
  GThread *thread;
  gint before, after;
  gint64 size = 0;
  GStatBuf st;

  thread = g_thread_new ("writer", writer_run, &w);
  while (g_atomic_int_get (&w.committed) < 300)
    g_usleep (1000);
  before = g_atomic_int_get (&w.committed);
  g_assert_true (helder_store_backup (store, copy, &size, &error));
  g_assert_no_error (error);
  after = g_atomic_int_get (&w.committed);
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);

  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (size, ==, (gint64) st.st_size);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_test_message ("%d rows committed before the backup, %d when it ended, %" G_GINT64_FORMAT
                  " in the copy",
                  before, after,
                  scalar_in (copy, "SELECT count(*) FROM audit_entry WHERE actor_name = 'writer'"));
  g_assert_cmpint (scalar_in (copy, "SELECT count(*) FROM audit_entry WHERE actor_name = 'writer'"),
                   >=, before);
  g_assert_cmpint (scalar_in (copy, "SELECT count(*) FROM audit_entry WHERE actor_name = 'writer'"),
                   <=, after + 1);
  /* The first rows, without a gap: a prefix of what was committed. */
  g_assert_cmpint (scalar_in (copy, "SELECT max(id) - min(id) + 1 - count(*) FROM audit_entry"
                                    " WHERE actor_name = 'writer'"),
                   ==, 0);
  g_assert_cmpstr ((const char *) (scalar_in (copy, "SELECT count(*) FROM pragma_integrity_check"
                                                    " WHERE integrity_check <> 'ok'") == 0
                                     ? "ok"
                                     : "broken"),
                   ==, "ok");

  /* Restored: the copy opens, needs no migration, and is up to date. */
  {
    g_autoptr (HelderStore) restored = helder_store_open (copy, &error);

    g_assert_no_error (error);
    g_assert_true (helder_store_migrate (restored, &error));
    g_assert_no_error (error);
    g_assert_cmpint (scalar (restored, "SELECT count(*) FROM schema_migration"), ==,
                     scalar (store, "SELECT count(*) FROM schema_migration"));
  }

  /* Nothing but the copy is left in the folder (no partial file). */
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, ".partial-"));
  }
  g_unlink (copy);
  helder_test_remove_db (path);
}

/* Refused, changing nothing: an existing file (even an empty one), a
 * folder that is not there; on the command line also a missing FILE. */
static void
test_backup_refusals (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *existing = g_build_filename (folder, "existing.db", NULL);
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
  g_assert_false (helder_store_backup (store, existing, NULL, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  g_assert_false (helder_store_backup (store, "/nonexistent-folder/x.db", NULL, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder"));
  g_clear_error (&error);

  g_clear_object (&store);
  g_assert_cmpint (helder_test_run (path, NULL, &out, &err, "backup", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "FILE"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (path, NULL, &out, &err, "backup", existing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (path, NULL, &out, &err, "backup", copy, NULL), ==, 0);
  g_assert_nonnull (strstr (out, copy));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_unlink (copy);
  g_unlink (existing);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/migrations", test_migrations_once_and_plugins);
  g_test_add_func ("/store/failed-migration", test_failed_migration_changes_nothing);
  g_test_add_func ("/store/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/store/nested-transactions", test_nested_transactions);
  g_test_add_func ("/store/check", test_check_finds_problems);
  g_test_add_func ("/store/open-errors", test_open_errors);
  g_test_add_func ("/store/private-files", test_private_files);
  g_test_add_func ("/store/channel-check-dropped", test_channel_check_dropped);
  g_test_add_func ("/store/backup-while-writing", test_backup_while_writing);
  g_test_add_func ("/store/backup-refusals", test_backup_refusals);
  return g_test_run ();
}
