/* test-crash.c — kill -9 in the middle of a write leaves all or nothing
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: "a crash or kill -9 at any moment loses no committed record".
 * The built `helder` imports a staff list of 20,000 people (one
 * transaction) or generates a demo programme of 5,000 people (fewer under
 * AddressSanitizer, see below), and is killed
 * with SIGKILL after delays spread over the run. Afterwards the database,
 * opened in-process, passes helder_store_check() and holds either exactly
 * what it held before or the whole write, never part of it.
 *
 * Whether a kill landed inside the write transaction is read, without
 * taking any lock, from SQLite's WAL write lock: byte 120 of the -shm file
 * (unix VFS, UNIX_SHM_BASE + WAL_WRITE_LOCK), probed with F_GETLK.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "helder-test-utils.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"

#define IMPORT_ROUNDS 8
#define DEMO_ROUNDS   6

/* Under AddressSanitizer (with fast_unwind_on_malloc=0, as the suite runs
 * it) `helder` is some 25 times slower: smaller writes keep the test within
 * its time-out while the kills still land inside the transaction. */
#if defined(__SANITIZE_ADDRESS__)
#define IMPORT_PEOPLE 2000
#define DEMO_PEOPLE   1000
#define MEASURE_RUNS  1
#else
#define IMPORT_PEOPLE 20000
#define DEMO_PEOPLE   5000
/* complete runs measured before the kills; the fastest one counts */
#define MEASURE_RUNS  2
#endif

/* SQLite's unix VFS: the shm locks start at byte 120; slot 0 is the WAL
 * write lock, held for the whole of a write transaction. */
#define SHM_WRITE_LOCK_BYTE 120

typedef enum
{
  LANDED_BEFORE, /* killed before the write transaction began */
  LANDED_DURING, /* killed while it held the write lock */
  LANDED_AFTER,  /* the write had committed (or the process had finished) */
  N_LANDED
} Landed;

static const char *const landed_names[N_LANDED] = { "before", "during", "after" };

typedef struct
{
  char *dir;
  char *base; /* the database before the write */
  char *work; /* the copy the child writes to and is killed on */
  char *csv;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->base = g_build_filename (f->dir, "base.db", NULL);
  f->work = g_build_filename (f->dir, "work.db", NULL);
  f->csv = g_build_filename (f->dir, "staff.csv", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  /* Removes every file of the folder, then the folder. */
  helder_test_remove_db (f->base);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->work);
  g_free (f->csv);
}

static char *
sibling (const char *db, const char *suffix)
{
  return g_strconcat (db, suffix, NULL);
}

/* Removes a database with its -wal and -shm files. */
static void
remove_database (const char *db)
{
  g_autofree char *wal = sibling (db, "-wal");
  g_autofree char *shm = sibling (db, "-shm");

  g_remove (db);
  g_remove (wal);
  g_remove (shm);
}

/* Puts the pre-write database back: a plain copy of base.db, with no
 * journal of the killed process left beside it. */
static void
restore_database (Fixture *f)
{
  g_autoptr (GFile) from = g_file_new_for_path (f->base);
  g_autoptr (GFile) to = g_file_new_for_path (f->work);
  g_autoptr (GError) error = NULL;

  remove_database (f->work);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* TRUE when some other process holds SQLite's WAL write lock on @db.
 * F_GETLK only asks; it takes no lock. The test process must not hold a
 * connection to @db at the same time: closing this descriptor would drop
 * that connection's POSIX locks. */
static gboolean
write_lock_held (const char *db)
{
  g_autofree char *shm = sibling (db, "-shm");
  struct flock lock = { 0 };
  int fd = g_open (shm, O_RDONLY | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = SHM_WRITE_LOCK_BYTE;
  lock.l_len = 1;
  held = fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close (fd);
  return held;
}

/* Starts `helder --db DB ARGS…` with the test environment; output is
 * discarded except standard error, which callers read when it finishes. */
static GSubprocess *
spawn_helder (const char *db, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  const char *exe = g_getenv ("HELDER_EXE");
  GSubprocess *proc;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* A change on the command line names its operator: the demo's first person. */
  g_subprocess_launcher_setenv (launcher, "HELDER_OPERATOR", "1", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

static void
on_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

typedef struct
{
  double duration;   /* wall time of the fastest complete run, in s */
  double lock_first; /* when that run was first seen holding the write lock */
  double lock_last;  /* … and last */
} Timeline;

/* Runs `helder --db DB ARGS…` to the end and asserts success, watching the
 * write lock every half millisecond. @timeline keeps the fastest run seen:
 * the machine is shared, and a slow measurement would put the later kills
 * after the end of the write. */
static void
run_to_completion (const char *db, const char *const *args, Timeline *timeline)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GBytes) err = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  Timeline run = { 0, -1, -1 };
  gboolean done = FALSE;

  proc = spawn_helder (db, args);
  g_subprocess_wait_async (proc, NULL, on_exited, &done);
  while (!done)
    {
      double t = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      if (write_lock_held (db))
        {
          if (run.lock_first < 0)
            run.lock_first = t;
          run.lock_last = t;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  run.duration = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_subprocess_communicate (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("helder %s failed: %.*s", args[0], (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));
  /* A write of thousands of rows holds the lock for many polls. */
  g_assert_cmpfloat (run.lock_first, >=, 0);

  if (timeline->duration == 0 || run.duration < timeline->duration)
    *timeline = run;
}

/* The first kill comes after a few milliseconds, while `helder` is still
 * starting; the others are spread evenly over the time the write held its
 * lock, the last one at its end, so rounds land before, during and after. */
static double
kill_delay (const Timeline *timeline, guint round, guint rounds)
{
  if (round == 0)
    return 0.003;
  return timeline->lock_first +
         (timeline->lock_last - timeline->lock_first) * (round - 1) / (rounds - 2);
}

/* Starts `helder --db DB ARGS…`, kills it with SIGKILL @delay seconds
 * after the start, and tells whether the write lock was held at that
 * moment. *@finished is TRUE when the process had already exited. */
static gboolean
run_and_kill (const char *db, const char *const *args, double delay, gboolean *finished)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 wake = start + (gint64) (delay * G_USEC_PER_SEC);
  gboolean locked;

  proc = spawn_helder (db, args);
  if (wake > g_get_monotonic_time ())
    g_usleep ((gulong) (wake - g_get_monotonic_time ()));
  locked = write_lock_held (db);
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);

  *finished = !g_subprocess_get_if_signaled (proc);
  if (*finished)
    {
      /* Done before the kill came: then it must have succeeded. */
      g_assert_true (g_subprocess_get_if_exited (proc));
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
    }
  else
    g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  return locked && !*finished;
}

static gint64
count_rows (HelderStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GPtrArray *
column_strings (HelderStore *store, const char *sql)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return g_steal_pointer (&values);
}

/* helder_store_check() finds nothing, and SQLite's own integrity check,
 * asked directly, answers a single "ok". */
static void
assert_healthy (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = helder_store_check (store, &error);
  g_autoptr (HelderStmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  stmt = helder_store_prepare (store, "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static HelderStore *
open_store (const char *db)
{
  g_autoptr (GError) error = NULL;
  HelderStore *store = helder_store_open (db, &error);

  g_assert_no_error (error);
  return store;
}

/* ---- a staff list of 20,000 people --------------------------------------- */

static const char *const first_names[] = {
  "Anna", "Bram",  "Cor",     "Dewi", "Eva",   "Fatima", "Gert-Jan", "Henk", "Inge",  "Jaïr",
  "Kees", "Lotte", "Mohamed", "Noor", "Özlem", "Pieter", "Quinten",  "Ruud", "Sanne", "Zoë",
};
static const char *const last_names[] = {
  "de Vries", "Jansen", "van den Berg", "Pranoto",  "Bakker", "El Amrani",
  "Visser",   "Smit",   "Meijer",       "de Boer",  "Mulder", "de Groot",
  "Bos",      "Vos",    "Peters",       "Hendriks", "Çelik",
};

/* Writes a staff list of @n new people (e-mail addresses the database
 * does not know), spread over the groups and roles that @store holds. */
static void
write_staff_csv (HelderStore *store, const char *path, guint n)
{
  g_autoptr (GPtrArray) groups =
    column_strings (store, "SELECT slug FROM stakeholder_group ORDER BY slug");
  g_autoptr (GPtrArray) roles = column_strings (store, "SELECT slug FROM role ORDER BY slug");
  g_autoptr (GString) csv = g_string_sized_new (n * 80);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (groups->len, >=, 2);
  g_assert_cmpuint (roles->len, >=, 1);
  g_string_append (csv, "name;email;groups;role\n");
  for (guint i = 0; i < n; i++)
    {
      const char *g1 = g_ptr_array_index (groups, i % groups->len);
      const char *g2 = g_ptr_array_index (groups, (i / groups->len + i + 1) % groups->len);

      g_string_append_printf (
        csv, "%s %s;crash-%05u@import.example;%s|%s;%s\n",
        first_names[i % G_N_ELEMENTS (first_names)],
        last_names[(i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)], i, g1, g2,
        (const char *) g_ptr_array_index (roles, (i * 7) % roles->len));
    }
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
}

typedef struct
{
  gint64 people;
  gint64 memberships; /* person_group rows */
  char *fingerprint;  /* only for the database before the import */
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_clear_pointer (&s->fingerprint, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static void
take_snapshot (const char *db, gboolean fingerprint, Snapshot *out)
{
  g_autoptr (HelderStore) store = open_store (db);

  assert_healthy (store);
  out->people = count_rows (store, "person");
  out->memberships = count_rows (store, "person_group");
  out->fingerprint = fingerprint ? helder_test_fingerprint (store) : NULL;
}

static void
test_kill_import (Fixture *f, gconstpointer data)
{
  static const char *const import_args[] = { "import", NULL /* the CSV */, NULL };
  const char *args[G_N_ELEMENTS (import_args)];
  g_auto (Snapshot) before = {
    0,
  };
  g_auto (Snapshot) complete = {
    0,
  };
  guint landed[N_LANDED] = {
    0,
  };
  Timeline timeline = {
    0,
  };

  memcpy (args, import_args, sizeof args);
  args[1] = f->csv;

  /* The demo programme's groups and roles, through the binary itself so
   * that plugins' migrations are in place as they will be for the import. */
  {
    g_autofree char *err = NULL;
    int status = helder_test_run (f->base, NULL, NULL, &err, "init", "--demo", NULL);
    g_autofree char *wal = sibling (f->base, "-wal");

    if (status != 0)
      g_error ("helder init --demo exited %d: %s", status, err);
    {
      g_autoptr (HelderStore) store = open_store (f->base);
      write_staff_csv (store, f->csv, IMPORT_PEOPLE);
    }
    /* The last connection closed has checkpointed: base.db stands alone. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  take_snapshot (f->base, TRUE, &before);
  g_assert_cmpint (before.people, >, 0);

  /* Imports to the end: how long one takes, when it holds the write
   * lock, and what a completed import leaves. */
  for (guint run = 0; run < MEASURE_RUNS; run++)
    {
      restore_database (f);
      run_to_completion (f->work, args, &timeline);
      snapshot_clear (&complete);
      take_snapshot (f->work, FALSE, &complete);
      g_assert_cmpint (complete.people, ==, before.people + IMPORT_PEOPLE);
      g_assert_cmpint (complete.memberships, >, before.memberships);
    }
  g_test_message ("a full import of %d people took %.3f s; write lock seen held %.3f s to %.3f s",
                  IMPORT_PEOPLE, timeline.duration, timeline.lock_first, timeline.lock_last);

  for (guint round = 0; round < IMPORT_ROUNDS; round++)
    {
      double delay = kill_delay (&timeline, round, IMPORT_ROUNDS);
      g_auto (Snapshot) after = {
        0,
      };
      gboolean finished, locked;
      Landed where;

      restore_database (f);
      locked = run_and_kill (f->work, args, delay, &finished);
      take_snapshot (f->work, TRUE, &after);

      if (after.people == before.people)
        {
          /* Wholly without: not a row changed, in any table. */
          g_assert_false (finished);
          g_assert_cmpstr (after.fingerprint, ==, before.fingerprint);
          where = locked ? LANDED_DURING : LANDED_BEFORE;
        }
      else
        {
          /* Wholly with: every person and every membership. */
          g_assert_cmpint (after.people, ==, complete.people);
          g_assert_cmpint (after.memberships, ==, complete.memberships);
          where = LANDED_AFTER;
        }
      landed[where]++;
      g_test_message ("round %u: SIGKILL after %.3f s landed %s the import (%" G_GINT64_FORMAT
                      " people)",
                      round + 1, delay, landed_names[where], after.people);
    }

  g_test_message ("import rounds: %u before, %u during, %u after the write transaction",
                  landed[LANDED_BEFORE], landed[LANDED_DURING], landed[LANDED_AFTER]);
  /* The spread must reach into the transaction, or the test proves nothing. */
  g_assert_cmpuint (landed[LANDED_DURING], >, 0);
}

/* ---- a generated demo programme into a fresh database ---------------------- */

typedef enum
{
  OUTCOME_ABSENT,   /* no database file */
  OUTCOME_EMPTY,    /* a database without a programme */
  OUTCOME_COMPLETE, /* the programme with all its people */
  N_OUTCOMES
} Outcome;

static const char *const outcome_names[N_OUTCOMES] = { "absent", "empty", "complete" };

static Outcome
check_demo_database (const char *db)
{
  g_autoptr (HelderStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 programmes, people;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    return OUTCOME_ABSENT;

  store = open_store (db);
  if (helder_store_get_version (store, HELDER_STORE_CORE) == 0)
    {
      /* Killed before the schema was committed: no table of ours exists. */
      g_autoptr (GPtrArray) tables = column_strings (
        store, "SELECT name FROM sqlite_master WHERE type = 'table'"
               " AND name NOT IN ('schema_migration') AND name NOT LIKE 'sqlite_%'");
      g_assert_cmpuint (tables->len, ==, 0);
      /* What any later `helder` does first. */
      helder_store_migrate (store, &error);
      g_assert_no_error (error);
    }

  assert_healthy (store);
  programmes = count_rows (store, "programme");
  people = count_rows (store, "person");
  if (programmes == 0)
    {
      g_assert_cmpint (people, ==, 0);
      g_assert_true (helder_import_json_store_is_empty (store, &error));
      g_assert_no_error (error);
      return OUTCOME_EMPTY;
    }
  g_assert_cmpint (programmes, ==, 1);
  g_assert_cmpint (people, ==, DEMO_PEOPLE);
  g_assert_cmpint (count_rows (store, "phase"), >, 0);
  g_assert_cmpint (count_rows (store, "stakeholder_group"), >, 0);
  return OUTCOME_COMPLETE;
}

static void
test_kill_demo (Fixture *f, gconstpointer data)
{
  g_autofree char *people = g_strdup_printf ("%d", DEMO_PEOPLE);
  const char *args[] = { "init", "--demo", "--people", people, NULL };
  guint outcomes[N_OUTCOMES] = {
    0,
  };
  Timeline timeline = {
    0,
  };

  for (guint run = 0; run < MEASURE_RUNS; run++)
    {
      remove_database (f->work);
      run_to_completion (f->work, args, &timeline);
      g_assert_cmpint (check_demo_database (f->work), ==, OUTCOME_COMPLETE);
    }
  g_test_message (
    "helder init --demo --people %d took %.3f s; write lock seen held %.3f s to %.3f s",
    DEMO_PEOPLE, timeline.duration, timeline.lock_first, timeline.lock_last);

  for (guint round = 0; round < DEMO_ROUNDS; round++)
    {
      double delay = kill_delay (&timeline, round, DEMO_ROUNDS);
      gboolean finished, locked;
      Outcome outcome;

      remove_database (f->work);
      locked = run_and_kill (f->work, args, delay, &finished);
      outcome = check_demo_database (f->work);
      if (finished)
        g_assert_cmpint (outcome, ==, OUTCOME_COMPLETE);
      outcomes[outcome]++;
      g_test_message ("round %u: SIGKILL after %.3f s (%s): the database is %s", round + 1, delay,
                      locked ? "inside a write" : "outside a write", outcome_names[outcome]);
    }
  g_test_message ("init rounds: %u absent, %u empty, %u complete", outcomes[OUTCOME_ABSENT],
                  outcomes[OUTCOME_EMPTY], outcomes[OUTCOME_COMPLETE]);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add ("/crash/import-csv", Fixture, NULL, fixture_setup, test_kill_import,
              fixture_teardown);
  g_test_add ("/crash/init-demo", Fixture, NULL, fixture_setup, test_kill_demo, fixture_teardown);

  return g_test_run ();
}
