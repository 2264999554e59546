/* helder-store.c — SQLite with WAL, foreign keys, versioned migrations
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-store.h"

#define BUSY_TIMEOUT_MS 5000

typedef struct
{
  char *component;
  guint version;
  char *sql;
} Migration;

struct _HelderStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements; /* sql → sqlite3_stmt */
  GPtrArray *migrations;  /* Migration */
  guint depth;            /* transaction nesting; >1 are savepoints */
};

G_DEFINE_FINAL_TYPE (HelderStore, helder_store, G_TYPE_OBJECT)

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static void
migration_free (gpointer data)
{
  Migration *m = data;

  g_free (m->component);
  g_free (m->sql);
  g_free (m);
}

static void
helder_store_finalize (GObject *object)
{
  HelderStore *self = HELDER_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->migrations, g_ptr_array_unref);
  if (self->db != NULL)
    {
      /* Leaves the -wal file checkpointed for the next opener. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (helder_store_parent_class)->finalize (object);
}

static void
helder_store_class_init (HelderStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = helder_store_finalize;
}

static void
helder_store_init (HelderStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  self->migrations = g_ptr_array_new_with_free_func (migration_free);
}

void
helder_store_stmt_release (HelderStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Another connection holds the write lock longer than the busy timeout:
 * a conflict that passes, said in words people understand (SQLite says
 * "database is locked"). */
static gboolean
store_busy (GError **error)
{
  g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                       _ ("the database is busy; try again in a moment"));
  return FALSE;
}

/* Maps an SQLite result code into HELDER_ERROR, keeping SQLite's text. */
gboolean
helder_store_propagate (HelderStore *self, int rc, GError **error)
{
  const char *msg;
  int code;

  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return store_busy (error);

  msg = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL)
               ? HELDER_ERROR_INVALID
               : HELDER_ERROR_CONFLICT;
      break;
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      code = HELDER_ERROR_INVALID;
      break;
    default:
      code = HELDER_ERROR_IO;
      break;
    }

  g_set_error (error, HELDER_ERROR, code, _ ("database: %s"), msg);
  return FALSE;
}

static gsize sqlite_configured;

static char *
load_core_migration (guint version)
{
  g_autofree char *path = g_strdup_printf ("/org/helder/Helder/migrations/%04u-core.sql", version);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* local_date (ts): the programme's day (YYYY-MM-DD) of a stored UTC
 * timestamp, NULL for NULL or what is not a timestamp. */
static void
sql_local_date (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *utc = (const char *) sqlite3_value_text (argv[0]);
  char *date = helder_clock_local_date (utc);

  if (date == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, date, -1, g_free);
}

static gboolean
apply_pragmas (HelderStore *self, GError **error)
{
  static const char *pragmas = "PRAGMA journal_mode = WAL;"
                               "PRAGMA synchronous = NORMAL;"
                               "PRAGMA foreign_keys = ON;"
                               "PRAGMA trusted_schema = OFF;"
                               "CREATE TABLE IF NOT EXISTS schema_migration ("
                               "  component  TEXT NOT NULL,"
                               "  version    INTEGER NOT NULL,"
                               "  applied_at TEXT NOT NULL,"
                               "  PRIMARY KEY (component, version)"
                               ") WITHOUT ROWID;";

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* SQLite's own 'localtime' is the process's TZ, not the programme's. */
  sqlite3_create_function (self->db, "local_date", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                           sql_local_date, NULL, NULL);
  return helder_store_exec (self, pragmas, error);
}

/* Creates the database file empty, readable by its owner only, before
 * SQLite opens it: SQLite would create it 0644 less the umask, and it
 * gives the -wal and -shm files it makes the main file's mode. fchmod, so
 * that the mode does not depend on the umask either. An existing file is
 * left as it is (helder doctor says when it is readable by others). */
static gboolean
create_private_file (const char *path, GError **error)
{
  int fd;
  int saved;

  /* SQLite's names for databases that are no file. */
  if (path[0] == '\0' || g_str_equal (path, ":memory:"))
    return TRUE;
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("Cannot create the database “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * helder_store_open:
 * @path: the database file; its folder is created when missing, readable
 *   by its owner only, as is a new database file
 *
 * Opens (or creates) the database and registers core's migrations. It does
 * not migrate: plugins first add theirs, then call helder_store_migrate().
 */
HelderStore *
helder_store_open (const char *path, GError **error)
{
  g_autoptr (HelderStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) &&
      (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0))
    {
      int saved = errno;
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("Cannot create the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  if (!create_private_file (path, error))
    return NULL;

  /* Memory statistics take a process-wide mutex on every allocation, which
   * serialises connections that work in threads side by side; Helder does
   * not read them. Must come before SQLite initialises. */
  if (g_once_init_enter (&sqlite_configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&sqlite_configured, 1);
    }

  self = g_object_new (HELDER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("Cannot open the database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);

  if (!apply_pragmas (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  for (guint v = 1;; v++)
    {
      g_autofree char *sql = load_core_migration (v);
      if (sql == NULL)
        break;
      helder_store_add_migration (self, HELDER_STORE_CORE, v, sql);
    }

  return g_steal_pointer (&self);
}

const char *
helder_store_get_path (HelderStore *self)
{
  g_return_val_if_fail (HELDER_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
helder_store_get_db (HelderStore *self)
{
  g_return_val_if_fail (HELDER_IS_STORE (self), NULL);
  return self->db;
}

/**
 * helder_store_add_migration:
 * @component: "core" or the name of the plugin that owns the tables
 * @version: 1, 2, … — applied in order, each once, each in its own transaction
 *
 * Registers a schema migration; helder_store_migrate() applies what is new.
 */
void
helder_store_add_migration (HelderStore *self,
                            const char *component,
                            guint version,
                            const char *sql)
{
  Migration *m;

  g_return_if_fail (HELDER_IS_STORE (self));
  g_return_if_fail (component != NULL && version > 0 && sql != NULL);

  m = g_new0 (Migration, 1);
  m->component = g_strdup (component);
  m->version = version;
  m->sql = g_strdup (sql);
  g_ptr_array_add (self->migrations, m);
}

static int
migration_compare (gconstpointer a, gconstpointer b)
{
  const Migration *ma = *(Migration *const *) a;
  const Migration *mb = *(Migration *const *) b;
  int c;

  /* core first, then plugins by name; versions ascending */
  if ((c = (g_strcmp0 (mb->component, HELDER_STORE_CORE) == 0) -
           (g_strcmp0 (ma->component, HELDER_STORE_CORE) == 0)) != 0)
    return c;
  if ((c = g_strcmp0 (ma->component, mb->component)) != 0)
    return c;
  return (ma->version > mb->version) - (ma->version < mb->version);
}

guint
helder_store_get_version (HelderStore *self, const char *component)
{
  g_autoptr (HelderStmt) stmt = NULL;
  guint version = 0;

  g_return_val_if_fail (HELDER_IS_STORE (self), 0);

  stmt = helder_store_prepare (
    self, "SELECT max(version) FROM schema_migration WHERE component = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, component, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = (guint) sqlite3_column_int (stmt, 0);
  return version;
}

/* The newest version of @component that this build knows how to create. */
guint
helder_store_get_known_version (HelderStore *self, const char *component)
{
  guint version = 0;

  g_return_val_if_fail (HELDER_IS_STORE (self), 0);

  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);
      if (g_strcmp0 (m->component, component) == 0)
        version = MAX (version, m->version);
    }
  return version;
}

static gboolean
migrations_pending (HelderStore *self)
{
  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);

      if (helder_store_get_version (self, m->component) < m->version)
        return TRUE;
    }
  return FALSE;
}

gboolean
helder_store_migrate (HelderStore *self, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);

  g_ptr_array_sort (self->migrations, migration_compare);

  /* A database written by a newer Helder is not ours to touch. */
  if (helder_store_get_version (self, HELDER_STORE_CORE) >
      helder_store_get_known_version (self, HELDER_STORE_CORE))
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        _ (
          "%s: the database has schema version %u, newer than this Helder knows (%u); upgrade Helder"),
        self->path, helder_store_get_version (self, HELDER_STORE_CORE),
        helder_store_get_known_version (self, HELDER_STORE_CORE));
      return FALSE;
    }

  /* All pending migrations in one transaction: a crash in the middle
   * leaves the schema as it was, never half way between versions. */
  if (!migrations_pending (self))
    return TRUE;
  if (!helder_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);
      g_autoptr (HelderStmt) mark = NULL;
      g_autofree char *now = NULL;

      /* Checked inside the write lock: another process may have migrated. */
      if (helder_store_get_version (self, m->component) >= m->version)
        continue;
      if (!helder_store_exec (self, m->sql, error))
        {
          helder_store_rollback (self);
          g_prefix_error (error, _ ("migration %s/%u: "), m->component, m->version);
          return FALSE;
        }
      mark = helder_store_prepare (self,
                                   "INSERT INTO schema_migration (component, version, applied_at)"
                                   " VALUES (?1, ?2, ?3)",
                                   error);
      if (mark == NULL)
        {
          helder_store_rollback (self);
          return FALSE;
        }
      now = helder_clock_now_utc ();
      sqlite3_bind_text (mark, 1, m->component, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (mark, 2, (int) m->version);
      sqlite3_bind_text (mark, 3, now, -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (self, mark, error))
        {
          g_clear_pointer (&mark, helder_store_stmt_release);
          helder_store_rollback (self);
          return FALSE;
        }
      g_debug ("applied migration %s/%u", m->component, m->version);
    }
  if (!helder_store_commit (self, error))
    {
      helder_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * helder_store_check:
 *
 * Runs `PRAGMA integrity_check` and `foreign_key_check` and compares the
 * schema versions with what this build knows.
 *
 * Returns: (transfer full): the problems found, one sentence each; empty
 *   when the database is healthy.
 */
GPtrArray *
helder_store_check (HelderStore *self, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTable *seen;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (!helder_store_propagate (self, rc, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_ ("integrity: %s"), line));
    }
  if (!helder_store_propagate (self, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (!helder_store_propagate (self, rc, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("row %lld of table %s refers to a missing row in %s"),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2)));
  if (!helder_store_propagate (self, rc, error))
    return NULL;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);
      guint have, want;

      if (!g_hash_table_add (seen, m->component))
        continue;
      have = helder_store_get_version (self, m->component);
      want = helder_store_get_known_version (self, m->component);
      if (have != want)
        g_ptr_array_add (problems,
                         g_strdup_printf (_ ("schema of %s is at version %u, expected %u"),
                                          m->component, have, want));
    }
  g_hash_table_unref (seen);

  return g_steal_pointer (&problems);
}

/* Transaction control runs for every write; keep it prepared. */
static gboolean
exec_cached (HelderStore *self, const char *sql, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  return helder_store_step_done (self, stmt, error);
}

/**
 * helder_store_begin:
 *
 * Starts a write transaction with `BEGIN IMMEDIATE`, so the write lock is
 * taken up front and a busy database waits (busy timeout) instead of failing
 * half-way. Nested calls become savepoints.
 */
gboolean
helder_store_begin (HelderStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT helder_%u", self->depth);
  if (!exec_cached (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
helder_store_commit (HelderStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE helder_%u", self->depth - 1);
  if (!exec_cached (self, sql, error))
    return FALSE;
  self->depth--;
  return TRUE;
}

void
helder_store_rollback (HelderStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (HELDER_IS_STORE (self));

  if (self->depth == 0)
    return;
  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO helder_%u; RELEASE helder_%u", self->depth - 1,
                           self->depth - 1);
  /* A failed COMMIT may already have ended the transaction. */
  if (self->depth > 1 || !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
}

gboolean
helder_store_in_transaction (HelderStore *self)
{
  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);
  return self->depth > 0;
}

/**
 * helder_store_prepare:
 *
 * Returns: (transfer none): a cached prepared statement; free it with
 *   g_autoptr(HelderStmt), which only resets it.
 */
HelderStmt *
helder_store_prepare (HelderStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (!helder_store_propagate (self, rc, error))
    return NULL;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
helder_store_exec (HelderStore *self, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      sqlite3_free (errmsg);
      return store_busy (error);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HELDER_ERROR,
                   (rc & 0xff) == SQLITE_CONSTRAINT ? HELDER_ERROR_CONFLICT : HELDER_ERROR_IO,
                   _ ("database: %s"), errmsg ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

/* Steps a statement that returns no rows. */
gboolean
helder_store_step_done (HelderStore *self, HelderStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return helder_store_propagate (self, rc, error);
}

/**
 * helder_store_stamp:
 *
 * Reads where the database stands, for caches that must notice any change:
 * PRAGMA data_version moves when another connection commits, the total
 * of changes when this one writes.
 */
gboolean
helder_store_stamp (HelderStore *self, HelderStoreStamp *stamp, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  stmt = helder_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (self, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
  stamp->data_version = sqlite3_column_int64 (stmt, 0);
  stamp->changes = sqlite3_total_changes64 (self->db);
  return TRUE;
}

gboolean
helder_store_stamp_equal (const HelderStoreStamp *a, const HelderStoreStamp *b)
{
  return a->data_version == b->data_version && a->changes == b->changes;
}

/* Flushes @path (a file or a folder) to the disk. */
static gboolean
sync_path (const char *path, int flags, GError **error)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot open “%s”: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  ok = fsync (fd) == 0;
  if (!ok)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot write “%s” to disk: %s"), path,
                 g_strerror (errno));
  close (fd);
  return ok;
}

/* PRAGMA integrity_check on the file @path, opened read-only. */
static gboolean
check_copy (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                 _ ("the copy in “%s” does not pass SQLite's integrity check: %s"), path,
                 stmt != NULL && sqlite3_column_text (stmt, 0) != NULL
                   ? (const char *) sqlite3_column_text (stmt, 0)
                   : sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/**
 * helder_store_backup:
 * @self: a #HelderStore
 * @dest: the new file
 * @size: (out) (optional): its size in bytes
 * @error: %HELDER_ERROR_INVALID when @dest exists or its folder does not,
 *   %HELDER_ERROR_IO when the copy fails
 *
 * Copies the database, while others may write to it, into the new file
 * @dest with `VACUUM INTO`: one read transaction, so the copy holds every
 * transaction committed before it began and none in part, and the pages
 * still in the write-ahead log too (a plain copy of the file misses
 * those). The copy is written next to @dest under another name, checked
 * with `PRAGMA integrity_check`, flushed to disk and only then renamed:
 * @dest is a whole, healthy database or is not there. Never overwrites.
 *
 * Returns: %TRUE when @dest holds the copy
 */
gboolean
helder_store_backup (HelderStore *self, const char *dest, gint64 *size, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (dest[0] == '\0' || g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” already exists: a backup never overwrites a file; choose a new name"),
                   dest);
      return FALSE;
    }
  folder = g_path_get_dirname (dest);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("there is no folder “%s”"),
                   folder);
      return FALSE;
    }
  partial = g_strdup_printf ("%s.partial-%d", dest, (int) getpid ());
  (void) g_unlink (partial);

  stmt = helder_store_prepare (self, "VACUUM INTO ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  g_clear_pointer (&stmt, helder_store_stmt_release);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot copy the database to “%s”: %s"),
                   dest, sqlite3_errmsg (self->db));
      (void) g_unlink (partial);
      return FALSE;
    }
  if (g_chmod (partial, 0600) != 0 || !check_copy (partial, error) ||
      !sync_path (partial, O_RDONLY, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot protect “%s”: %s"), partial,
                     g_strerror (errno));
      (void) g_unlink (partial);
      return FALSE;
    }
  /* link() refuses an existing name, where rename() would replace it. */
  if (link (partial, dest) != 0)
    {
      g_set_error (error, HELDER_ERROR, errno == EEXIST ? HELDER_ERROR_INVALID : HELDER_ERROR_IO,
                   _ ("cannot create “%s”: %s"), dest, g_strerror (errno));
      (void) g_unlink (partial);
      return FALSE;
    }
  (void) g_unlink (partial);
  if (!sync_path (folder, O_RDONLY | O_DIRECTORY, error))
    return FALSE;
  if (size != NULL)
    *size = g_stat (dest, &st) == 0 ? (gint64) st.st_size : 0;
  return TRUE;
}

/**
 * helder_store_set_synchronous:
 * @level: 0 (OFF) … 3 (EXTRA); 2 (FULL) makes a commit in WAL mode
 *   survive a power cut, not only a crash of the process
 *
 * Returns: the level it had, or -1 when it could not be read
 */
int
helder_store_set_synchronous (HelderStore *self, int level)
{
  sqlite3_stmt *get = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA synchronous = %d", level);
  int old = -1;

  g_return_val_if_fail (HELDER_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA synchronous", -1, &get, NULL) == SQLITE_OK &&
      sqlite3_step (get) == SQLITE_ROW)
    old = sqlite3_column_int (get, 0);
  sqlite3_finalize (get);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return old;
}
