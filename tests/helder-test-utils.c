/* helder-test-utils.c
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "helder-clock.h"
#include "model/helder-channel-names.h"
#include "helder-test-utils.h"

const HelderAuditActor helder_test_actor = { 0, "test", "system" };

/* The channels of the plugins Helder ships with, as the engine registers
 * them when it loads them (model/helder-channel-names.h), so that tests of
 * the layers below the engine can name them; a plugin named in
 * HELDER_DISABLED_PLUGINS is left out, as the engine leaves it out. */
void
helder_test_register_channels (void)
{
  static const struct
  {
    const char *name;
    const char *label;
    HelderChannelFlags flags;
  } shipped[] = {
    { "email", "e-mail",
      HELDER_CHANNEL_DEFAULT | HELDER_CHANNEL_DIGEST | HELDER_CHANNEL_ADDRESSED },
    { "desktop", "desktop notification", HELDER_CHANNEL_NONE },
  };
  g_auto (GStrv) disabled = g_strsplit_set (
    g_getenv ("HELDER_DISABLED_PLUGINS") ? g_getenv ("HELDER_DISABLED_PLUGINS") : "", ", ", -1);

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    if (!g_strv_contains ((const char *const *) disabled, shipped[i].name))
      helder_channel_names_add (shipped[i].name, shipped[i].label, NULL, shipped[i].flags);
}

void
helder_test_init (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *now = g_getenv (HELDER_NOW_VARIABLE);

  if (now == NULL || now[0] == '\0')
    g_setenv (HELDER_NOW_VARIABLE, HELDER_TEST_NOW, TRUE);
  /* The commands and servers the test starts later run on the same clock:
   * a back-off of two seconds has passed for them too. */
  if (g_getenv (HELDER_NOW_SINCE_VARIABLE) == NULL)
    {
      g_autofree char *since =
        g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
      g_setenv (HELDER_NOW_SINCE_VARIABLE, since, TRUE);
    }
  g_test_init (argc, argv, NULL);
  helder_test_register_channels ();
  helder_clock_init_from_env (&error);
  g_assert_no_error (error);
  g_test_message ("clock pinned at %s, process TZ %s", g_getenv (HELDER_NOW_VARIABLE),
                  g_getenv ("TZ") ? g_getenv ("TZ") : "(unset)");
}

HelderStore *
helder_test_store_new (char **path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-test-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autoptr (HelderStore) store = NULL;

  g_assert_no_error (error);
  db = g_build_filename (dir, "helder.db", NULL);
  store = helder_store_open (db, &error);
  g_assert_no_error (error);
  helder_store_migrate (store, &error);
  g_assert_no_error (error);
  if (path != NULL)
    *path = g_steal_pointer (&db);
  return g_steal_pointer (&store);
}

void
helder_test_remove_db (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

char *
helder_test_fingerprint (HelderStore *store)
{
  sqlite3 *db = helder_store_get_db (store);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (char *) g_ptr_array_index (tables, i));
      int n;

      g_checksum_update (sum, g_ptr_array_index (tables, i), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      n = sqlite3_column_count (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < n; c++)
          {
            const guchar *v = sqlite3_column_text (stmt, c);
            g_checksum_update (sum, v ? v : (const guchar *) "\x01NULL", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Whether the caller says who operates: HELDER_OPERATOR among @env_extra
 * (also empty: "nobody") or `--as` among @args. */
static gboolean
operator_given (const char *const *env_extra, const char *const *args)
{
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    if (g_str_has_prefix (env_extra[i], "HELDER_OPERATOR="))
      return TRUE;
  for (guint i = 0; args[i] != NULL; i++)
    if (g_str_equal (args[i], "--as") || g_str_has_prefix (args[i], "--as="))
      return TRUE;
  return FALSE;
}

/* The person with the lowest id in @db, as text; NULL when the database
 * does not exist yet or has nobody in it. */
static char *
first_person (const char *db)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  if (db == NULL || !g_file_test (db, G_FILE_TEST_EXISTS))
    return NULL;
  if (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, 5000);
      if (sqlite3_prepare_v2 (handle, "SELECT min(id) FROM person", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        id = g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (handle);
  return id;
}

/* The database a command will use: --db, else HELDER_DB of @env_extra or
 * of the test. */
static const char *
database_of (const char *db, const char *const *env_extra)
{
  if (db != NULL)
    return db;
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    if (g_str_has_prefix (env_extra[i], "HELDER_DB="))
      return env_extra[i] + strlen ("HELDER_DB=");
  return g_getenv ("HELDER_DB");
}

int
helder_test_runv (const char *db,
                  const char *const *env_extra,
                  const char *const *args,
                  char **out,
                  char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sout = NULL;
  g_autofree char *serr = NULL;
  g_autofree char *operator= NULL;
  const char *exe = g_getenv ("HELDER_EXE");

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Every change on the command line names its operator: the first
   * person of the database, unless the test says who (or nobody). */
  if (!operator_given (env_extra, args))
    operator= first_person (database_of (db, env_extra));
  if (operator!= NULL)
    g_subprocess_launcher_setenv (launcher, "HELDER_OPERATOR", operator, TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (env_extra[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1] ? kv[1] : "", TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &sout, &serr, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&sout);
  if (err != NULL)
    *err = g_steal_pointer (&serr);
  if (g_subprocess_get_if_signaled (proc))
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);
      const char *said = err != NULL && *err != NULL ? *err : serr;

      g_error ("helder was killed by signal %d: %s\n%s", g_subprocess_get_term_sig (proc), line,
               said != NULL ? said : "");
    }
  return g_subprocess_get_exit_status (proc);
}

int
helder_test_run (const char *db,
                 const char *const *env_extra,
                 char **out,
                 char **err,
                 const char *first_arg,
                 ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return helder_test_runv (db, env_extra, (const char *const *) args->pdata, out, err);
}

char *
helder_test_write_temp (const char *name, const char *contents, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-file-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

JsonObject *
helder_test_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

#include "services/repo/helder-repo.h"

JsonObject *
helder_test_create (HelderStore *store, const char *entity, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) values = helder_test_object (json);
  JsonObject *row =
    helder_repo_create (store, helder_entity_lookup (entity), values, HELDER_WRITE_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

char *
helder_test_day (int days)
{
  g_autofree char *today = helder_clock_today ();
  return helder_date_add_days (today, days);
}

void
helder_test_seed (HelderStore *store)
{
  g_autofree char *d_m100 = helder_test_day (-100);
  g_autofree char *d_m10 = helder_test_day (-10);
  g_autofree char *d_m9 = helder_test_day (-9);
  g_autofree char *d_p30 = helder_test_day (30);
  g_autofree char *d_p31 = helder_test_day (31);
  g_autofree char *d_p90 = helder_test_day (90);
  g_autofree char *json = NULL;
  JsonObject *row;

  json = g_strdup_printf ("{\"name\":\"Uitbesteding ICT\",\"organisation\":\"Gemeente Test\","
                          "\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
                          d_m100, d_p90);
  json_object_unref (helder_test_create (store, "programme", json));
  g_free (json);
  json = g_strdup_printf ("{\"key\":\"inventory\",\"name\":\"Inventarisatie\",\"position\":1,"
                          "\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
                          d_m100, d_m10);
  json_object_unref (helder_test_create (store, "phase", json));
  g_free (json);
  json =
    g_strdup_printf ("{\"key\":\"readiness\",\"name\":\"Omgeving gereed maken\",\"position\":2,"
                     "\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
                     d_m9, d_p30);
  json_object_unref (helder_test_create (store, "phase", json));
  g_free (json);
  json = g_strdup_printf ("{\"key\":\"migration\",\"name\":\"Migratie\",\"position\":3,"
                          "\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
                          d_p31, d_p90);
  json_object_unref (helder_test_create (store, "phase", json));

  json_object_unref (helder_test_create (
    store, "group",
    "{\"slug\":\"beheer\",\"name\":\"Systeem- en netwerkbeheer\",\"kind\":\"internal\",\"influence\":4,\"interest\":5}"));
  json_object_unref (helder_test_create (
    store, "group", "{\"slug\":\"servicedesk\",\"name\":\"Servicedesk\",\"kind\":\"internal\"}"));
  json_object_unref (helder_test_create (
    store, "group",
    "{\"slug\":\"leverancier\",\"name\":\"Outsourcingspartner\",\"kind\":\"external\"}"));
  json_object_unref (helder_test_create (
    store, "role",
    "{\"slug\":\"systeembeheerder\",\"name\":\"Systeembeheerder\",\"kind\":\"current\",\"fate\":\"changes\"}"));
  json_object_unref (helder_test_create (
    store, "role",
    "{\"slug\":\"servicedesk\",\"name\":\"Servicedeskmedewerker\",\"kind\":\"current\",\"fate\":\"continues\"}"));
  json_object_unref (helder_test_create (
    store, "role",
    "{\"slug\":\"contractmanager\",\"name\":\"Contractmanager\",\"kind\":\"regie\",\"fate\":\"new\",\"fte\":1.5}"));

  row = helder_test_create (
    store, "person",
    "{\"name\":\"Anna de Vries\",\"email\":\"anna@voorbeeld.nl\",\"groups\":[\"beheer\"],\"role\":\"systeembeheerder\"}");
  g_assert_cmpint (json_object_get_int_member (row, "id"), ==, 1);
  json_object_unref (row);
  json_object_unref (helder_test_create (
    store, "person",
    "{\"name\":\"Bram Jansen\",\"email\":\"bram@voorbeeld.nl\",\"groups\":[\"servicedesk\"],\"role\":\"servicedesk\"}"));
  json_object_unref (helder_test_create (
    store, "person",
    "{\"name\":\"Cor van den Berg\",\"email\":\"cor@voorbeeld.nl\",\"groups\":[\"beheer\",\"servicedesk\"],\"role\":\"systeembeheerder\",\"manager\":1}"));
  json_object_unref (helder_test_create (
    store, "person",
    "{\"name\":\"Dewi Pranoto\",\"email\":\"dewi@nimbus.example\",\"groups\":[\"leverancier\"],\"organisation\":\"Nimbus B.V.\",\"locale\":\"en\"}"));
}

void
helder_test_make_due (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autoptr (GDateTime) then = g_date_time_new_from_iso8601 ("2020-01-01T09:00:00Z", NULL);
  gint64 shift = g_date_time_to_unix (now) - 90 * 60 - g_date_time_to_unix (then);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE moment SET scheduled_at = strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', scheduled_at,"
    " '+%" G_GINT64_FORMAT " seconds') WHERE scheduled_at LIKE '2020-01-01T%%'",
    shift);

  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/**
 * helder_test_runv_ok:
 *
 * Runs `helder --db DB ARGS…` as helder_test_runv() does and stops the
 * test with its output when it fails: for setup that must work.
 */
void
helder_test_runv_ok (const char *db, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = helder_test_runv (db, NULL, args, &out, &err);

  if (status != 0)
    g_error ("helder %s %s: exit %d: %s%s", args[0], args[1] ? args[1] : "", status, out, err);
}
