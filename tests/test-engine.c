/* test-engine.c — the context, the plugin engine and a real addin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin under test is tests/plugins/testaddin, built as a libpeas
 * module; tests/meson.build points HELDER_PLUGIN_PATH at its folder.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"

typedef struct
{
  char *dir;
  char *db;
  HelderContext *context;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-engine-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  f->context = helder_context_new (f->db);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->context);
  remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gint64
scalar (HelderStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
has_table (HelderStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master"
                                          " WHERE type = 'table' AND name = '%s'",
                                          table);
  return scalar (store, sql) == 1;
}

static HelderPluginInfo *
find_plugin (GPtrArray *plugins, const char *module)
{
  for (guint i = 0; i < plugins->len; i++)
    {
      HelderPluginInfo *info = g_ptr_array_index (plugins, i);
      if (g_strcmp0 (info->module, module) == 0)
        return info;
    }
  return NULL;
}

/* Runs a command in this process with its output caught, as `helder`
 * would run it. */
static gboolean
run_command (HelderContext *context,
             gboolean json,
             char **out,
             GError **error,
             const char *name,
             ...)
{
  const HelderCommand *command = helder_context_lookup_command (context, name);
  HelderInvocation invocation = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) kept = NULL;
  gboolean ok;
  va_list ap;
  int saved;
  int fd;

  g_assert_nonnull (command);
  g_ptr_array_add (args, (char *) name);
  va_start (ap, name);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  invocation.context = context;
  invocation.command = command->name;
  invocation.json = json;
  invocation.user_data = command->user_data;

  fd = g_file_open_tmp ("helder-engine-out-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (fd);

  ok = command->func (&invocation, (int) args->len - 1, (char **) args->pdata, error);

  fflush (stdout);
  g_assert_cmpint (dup2 (saved, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (saved);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_remove (path);

  /* In TAP mode GTest prints debug messages to stdout too, as comments. */
  lines = g_strsplit (text, "\n", -1);
  kept = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "# "))
      g_string_append_printf (kept, "%s%s", lines[i], lines[i + 1] != NULL ? "\n" : "");
  *out = g_string_free (g_steal_pointer (&kept), FALSE);
  return ok;
}

/* libpeas reports a plugin that fails to load with warnings, which the
 * engine catches and keeps as the plugin's error. GTest makes every warning
 * fatal, even a handled one; these are expected. */
static gboolean
libpeas_warnings_are_not_fatal (const char *log_domain,
                                GLogLevelFlags log_level,
                                const char *message,
                                gpointer user_data)
{
  return g_strcmp0 (log_domain, "libpeas") != 0;
}

/* ---- the context ------------------------------------------------------ */

static gboolean
noop_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  return TRUE;
}

static void
test_context_commands (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  const HelderCommand *found;
  HelderCommand zeta = { NULL, "Last", "core", NULL, noop_run, GINT_TO_POINTER (7) };
  const HelderCommand alpha = { "alpha", "First", "core", NULL, noop_run, NULL };
  const HelderCommand intruder = { "alpha", "Takes alpha", "evil", NULL, noop_run, NULL };

  g_assert_cmpstr (helder_context_get_db_path (f->context), ==, f->db);

  /* The struct and its strings are copied. */
  zeta.name = g_strdup ("zeta");
  helder_context_add_command (f->context, &zeta);
  g_free ((char *) zeta.name);
  helder_context_add_command (f->context, &alpha);

  found = helder_context_lookup_command (f->context, "zeta");
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, "zeta");
  g_assert_cmpstr (found->summary, ==, "Last");
  g_assert_true (found->func == noop_run);
  g_assert_cmpint (GPOINTER_TO_INT (found->user_data), ==, 7);
  g_assert_null (helder_context_lookup_command (f->context, "nope"));

  list = helder_context_list_commands (f->context);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((const HelderCommand *) list->pdata[0])->name, ==, "alpha");
  g_assert_cmpstr (((const HelderCommand *) list->pdata[1])->name, ==, "zeta");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A taken name stays with whoever registered it first. */
  g_test_expect_message ("helder-engine", G_LOG_LEVEL_WARNING, "*alpha*evil*core*");
  helder_context_add_command (f->context, &intruder);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (helder_context_lookup_command (f->context, "alpha")->owner, ==, "core");

  helder_context_remove_command (f->context, "alpha");
  helder_context_remove_command (f->context, "never-registered");
  g_assert_null (helder_context_lookup_command (f->context, "alpha"));
  list = helder_context_list_commands (f->context);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_context_store (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  HelderStore *store;

  g_assert_false (helder_context_has_store (f->context));
  /* Nothing is opened before it is asked for. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  helder_context_add_migration (f->context, "extra", 2,
                                "ALTER TABLE extra_note ADD COLUMN author TEXT");
  helder_context_add_migration (f->context, "extra", 1, "CREATE TABLE wrong (id INTEGER)");
  /* The same version again replaces the SQL. */
  helder_context_add_migration (f->context, "extra", 1,
                                "CREATE TABLE extra_note (id INTEGER PRIMARY KEY)");

  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (helder_context_has_store (f->context));
  g_assert_true (helder_context_get_store (f->context, NULL) == store);
  g_assert_cmpstr (helder_store_get_path (store), ==, f->db);
  g_assert_cmpuint (helder_store_get_version (store, HELDER_STORE_CORE), >=, 1);
  g_assert_cmpuint (helder_store_get_version (store, "extra"), ==, 2);
  g_assert_true (has_table (store, "extra_note"));
  g_assert_false (has_table (store, "wrong"));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM pragma_table_info('extra_note')"), ==, 2);

  /* A migration added while the store is open is applied on the next call. */
  helder_context_add_migration (f->context, "late", 1, "CREATE TABLE late_note (id INTEGER)");
  g_assert_true (helder_context_get_store (f->context, &error) == store);
  g_assert_no_error (error);
  g_assert_true (has_table (store, "late_note"));

  /* Removed migrations are not known to the next store; applied ones stay. */
  helder_context_remove_migrations (f->context, "extra");
  helder_context_close_store (f->context);
  g_assert_false (helder_context_has_store (f->context));
  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_known_version (store, "extra"), ==, 0);
  g_assert_cmpuint (helder_store_get_known_version (store, "late"), ==, 1);
  g_assert_cmpuint (helder_store_get_version (store, "extra"), ==, 2);
}

static void
test_context_store_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "helder.db", NULL);
  g_autoptr (HelderContext) unopenable = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The database's folder cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  unopenable = helder_context_new (under_file);
  g_assert_null (helder_context_get_store (unopenable, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_assert_false (helder_context_has_store (unopenable));
  g_clear_error (&error);

  /* A migration that fails leaves no half-open store and changes nothing. */
  g_assert_nonnull (helder_context_get_store (f->context, &error));
  g_assert_no_error (error);
  before = helder_test_fingerprint (helder_context_get_store (f->context, NULL));
  helder_context_close_store (f->context);
  helder_context_add_migration (f->context, "bad", 1,
                                "CREATE TABLE bad_note (id INTEGER); NOT SQL");
  g_assert_null (helder_context_get_store (f->context, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "bad/1"));
  g_assert_false (helder_context_has_store (f->context));
  g_clear_error (&error);

  helder_context_remove_migrations (f->context, "bad");
  after = helder_test_fingerprint (helder_context_get_store (f->context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (has_table (helder_context_get_store (f->context, NULL), "bad_note"));
}

/* ---- the engine and the test addin ------------------------------------ */

static void
test_engine_loads_addin (Fixture *f, gconstpointer data)
{
  HelderEngine *engine = helder_context_get_engine (f->context);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) commands = NULL;
  const HelderPluginInfo *info;
  const HelderCommand *note;
  gboolean listed = FALSE;

  g_assert_nonnull (engine);
  g_assert_true (helder_context_get_engine (f->context) == engine);
  g_assert_true (helder_engine_get_context (engine) == f->context);

  /* Found, not loaded yet. */
  before = helder_engine_get_plugins (engine);
  info = find_plugin (before, "testaddin");
  g_assert_nonnull (info);
  g_assert_false (info->loaded);
  g_assert_null (info->error);
  g_assert_null (helder_context_lookup_command (f->context, "note"));

  helder_engine_load_all (engine);

  after = helder_engine_get_plugins (engine);
  info = find_plugin (after, "testaddin");
  g_assert_nonnull (info);
  g_assert_true (info->loaded);
  g_assert_null (info->error);
  g_assert_cmpstr (info->name, ==, "Test addin");
  g_assert_cmpstr (info->version, ==, "1.0");
  g_assert_nonnull (strstr (info->description, "plugin engine"));
  g_assert_cmpstr (info->provides, ==, "addin, channel");

  /* The boxed type copies deeply. */
  {
    g_autoptr (HelderPluginInfo) copy = g_boxed_copy (HELDER_TYPE_PLUGIN_INFO, info);

    g_assert_true (copy->module != info->module);
    g_assert_cmpstr (copy->module, ==, info->module);
    g_assert_cmpstr (copy->provides, ==, info->provides);
    g_assert_true (copy->loaded);
  }

  note = helder_context_lookup_command (f->context, "note");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->owner, ==, "testaddin");
  commands = helder_context_list_commands (f->context);
  for (guint i = 0; i < commands->len; i++)
    listed |= g_str_equal (((const HelderCommand *) commands->pdata[i])->name, "note");
  g_assert_true (listed);

  /* Loading again changes nothing. */
  helder_engine_load_all (engine);
  g_assert_true (helder_context_lookup_command (f->context, "note") == note);
}

static void
test_engine_addin_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  HelderStore *store;

  helder_engine_load_all (helder_context_get_engine (f->context));
  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);

  g_assert_true (has_table (store, "testaddin_note"));
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM schema_migration"
                                  " WHERE component = 'testaddin' AND version = 1"),
                   ==, 1);
  g_assert_cmpuint (helder_store_get_version (store, "testaddin"), ==, 1);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM pragma_table_info('testaddin_note')"
                                  " WHERE name IN ('id', 'text', 'created_at')"),
                   ==, 3);
}

static void
test_engine_addin_command (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *notes;
  HelderStore *store;
  char *out = NULL;

  helder_engine_load_all (helder_context_get_engine (f->context));

  g_assert_true (
    run_command (f->context, FALSE, &out, &error, "note", "add", "Eerste notitie", NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Added note 1\n");
  g_clear_pointer (&out, g_free);
  g_assert_true (run_command (f->context, FALSE, &out, &error, "note", "add", "Tweede: één", NULL));
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);

  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM testaddin_note"), ==, 2);
  g_assert_cmpint (
    scalar (store, "SELECT count(*) FROM testaddin_note"
                   " WHERE text = 'Tweede: één' AND created_at LIKE '20__-__-__T__:__:__Z'"),
    ==, 1);
  g_assert_false (helder_store_in_transaction (store));

  g_assert_true (run_command (f->context, TRUE, &out, &error, "note", "list", NULL));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  notes = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "text"),
                   ==, "Eerste notitie");

  /* Bad usage is a usage error and writes nothing. */
  before = helder_test_fingerprint (store);
  g_assert_false (run_command (f->context, FALSE, &out, &error, "note", NULL));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_USAGE);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  g_assert_false (run_command (f->context, FALSE, &out, &error, "note", "add", NULL));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_USAGE);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  g_assert_false (run_command (f->context, FALSE, &out, &error, "note", "remove", "1", NULL));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "remove"));
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  g_assert_false (run_command (f->context, FALSE, &out, &error, "note", "--bogus", NULL));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  g_assert_false (run_command (f->context, FALSE, &out, &error, "note", "add", "  ", NULL));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_engine_unload (Fixture *f, gconstpointer data)
{
  HelderEngine *engine = helder_context_get_engine (f->context);
  g_autoptr (GPtrArray) plugins = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (GError) error = NULL;
  HelderStore *store;

  helder_engine_load_all (engine);
  g_assert_nonnull (helder_context_lookup_command (f->context, "note"));

  helder_engine_unload_all (engine);
  g_assert_null (helder_context_lookup_command (f->context, "note"));
  g_assert_null (helder_engine_find_channel (engine, "testchannel"));
  channels = helder_engine_get_channels (engine);
  g_assert_cmpuint (channels->len, ==, 0);
  plugins = helder_engine_get_plugins (engine);
  g_assert_false (find_plugin (plugins, "testaddin")->loaded);
  g_assert_null (find_plugin (plugins, "testaddin")->error);
  g_assert_cmpstr (find_plugin (plugins, "testaddin")->provides, ==, "");

  /* Its migration went with it: a store opened now does not know it. */
  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_false (has_table (store, "testaddin_note"));
  g_assert_cmpuint (helder_store_get_known_version (store, "testaddin"), ==, 0);
  helder_context_close_store (f->context);

  /* Unloading twice is harmless; loading again brings it all back. */
  helder_engine_unload_all (engine);
  helder_engine_load_all (engine);
  g_assert_nonnull (helder_context_lookup_command (f->context, "note"));
  g_assert_nonnull (helder_engine_find_channel (engine, "testchannel"));
  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_true (has_table (store, "testaddin_note"));
}

static JsonObject *
object (const char *json)
{
  return helder_test_object (json);
}

static void
test_engine_channel (Fixture *f, gconstpointer data)
{
  HelderEngine *engine = helder_context_get_engine (f->context);
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (JsonObject) delivery = NULL;
  g_autoptr (JsonObject) anna = NULL;
  g_autoptr (JsonObject) dewi = NULL;
  g_autoptr (JsonObject) empty = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  HelderChannel *channel;

  g_assert_null (helder_engine_find_channel (engine, "testchannel"));
  helder_engine_load_all (engine);

  channel = helder_engine_find_channel (engine, "testchannel");
  g_assert_nonnull (channel);
  g_assert_true (HELDER_IS_CHANNEL (channel));
  g_assert_cmpstr (helder_channel_get_name (channel), ==, "testchannel");
  g_assert_null (helder_engine_find_channel (engine, "email"));
  channels = helder_engine_get_channels (engine);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_true (channels->pdata[0] == (gpointer) channel);

  delivery = object ("{\"source\": \"moment:1\", \"person\": 1, \"channel\": \"testchannel\","
                     " \"subject\": \"Migratieweekend\", \"body\": \"**Zaterdag** om 9:00\","
                     " \"locale\": \"nl\"}");
  anna = object ("{\"id\": 1, \"name\": \"Anna\", \"email\": \"anna@example.nl\"}");
  dewi = object ("{\"id\": 4, \"name\": \"Dewi\"}");
  empty = object ("{\"id\": 5, \"name\": \"Eva\", \"email\": \"\"}");

  g_assert_true (helder_channel_can_reach (channel, anna));
  g_assert_false (helder_channel_can_reach (channel, dewi));
  g_assert_false (helder_channel_can_reach (channel, empty));

  g_assert_cmpint (helder_channel_deliver (channel, delivery, anna, NULL, &error), ==,
                   HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  g_assert_cmpint (helder_channel_deliver (channel, delivery, dewi, NULL, &error), ==,
                   HELDER_DELIVERY_PERMANENT);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "person 4"));
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  g_assert_cmpint (helder_channel_deliver (channel, delivery, anna, cancelled, &error), ==,
                   HELDER_DELIVERY_TRANSIENT);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The outcome is a registered enum, for logs and properties. */
  {
    g_autoptr (GEnumClass) klass = g_type_class_ref (HELDER_TYPE_DELIVERY_OUTCOME);

    g_assert_cmpstr (g_enum_get_value (klass, HELDER_DELIVERY_TRANSIENT)->value_nick, ==,
                     "transient");
  }
}

static char *
write_plugin (const char *dir, const char *sub, const char *name, const char *contents)
{
  g_autofree char *folder = sub != NULL ? g_build_filename (dir, sub, NULL) : g_strdup (dir);
  char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_engine_broken_plugins (Fixture *f, gconstpointer data)
{
  g_autofree char *orig = g_strdup (g_getenv (HELDER_PLUGIN_PATH_ENV));
  g_autofree char *bad = g_build_filename (f->dir, "bad-plugins", NULL);
  g_autofree char *path = g_strjoin (G_SEARCHPATH_SEPARATOR_S, bad, orig, NULL);
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *p4 = NULL;
  g_autoptr (GPtrArray) plugins = NULL;
  HelderPluginInfo *info;
  HelderEngine *engine;

  p1 =
    write_plugin (bad, "broken", "broken.plugin",
                  "[Plugin]\nModule=missing\nName=Broken\nDescription=Its module is not there\n");
  p2 = write_plugin (bad, "garbage", "garbage.plugin", "[Plugin]\nModule=garbage\nName=Garbage\n");
  p3 = write_plugin (bad, "garbage", "libgarbage.so", "this is not a shared object\n");
  p4 = write_plugin (bad, NULL, "nameless.plugin", "[Plugin]\nModule=nameless\n");

  g_test_log_set_fatal_handler (libpeas_warnings_are_not_fatal, NULL);
  g_setenv (HELDER_PLUGIN_PATH_ENV, path, TRUE);
  engine = helder_context_get_engine (f->context);
  helder_engine_load_all (engine);
  g_setenv (HELDER_PLUGIN_PATH_ENV, orig, TRUE);

  plugins = helder_engine_get_plugins (engine);

  /* The module file is missing: the error says which file. */
  info = find_plugin (plugins, "missing");
  g_assert_nonnull (info);
  g_assert_false (info->loaded);
  g_assert_cmpstr (info->name, ==, "Broken");
  g_assert_nonnull (info->error);
  g_assert_nonnull (strstr (info->error, "libmissing.so"));

  /* The module file is not a shared object. */
  info = find_plugin (plugins, "garbage");
  g_assert_nonnull (info);
  g_assert_false (info->loaded);
  g_assert_nonnull (info->error);
  g_assert_nonnull (strstr (info->error, "libgarbage.so"));

  /* libpeas skips a .plugin file without a Name; it is reported anyway. */
  info = find_plugin (plugins, "nameless");
  g_assert_nonnull (info);
  g_assert_false (info->loaded);
  g_assert_null (info->name);
  g_assert_nonnull (strstr (info->error, p4));
  g_assert_nonnull (strstr (info->error, "Name"));

  /* The good plugin beside them is loaded as ever. */
  info = find_plugin (plugins, "testaddin");
  g_assert_nonnull (info);
  g_assert_true (info->loaded);
  g_assert_nonnull (helder_context_lookup_command (f->context, "note"));
  g_assert_nonnull (helder_engine_find_channel (engine, "testchannel"));

  helder_engine_unload_all (engine);
}

static void
test_engine_path_order (Fixture *f, gconstpointer data)
{
  g_autofree char *orig = g_strdup (g_getenv (HELDER_PLUGIN_PATH_ENV));
  g_autofree char *shadow = g_build_filename (f->dir, "shadow", NULL);
  g_autofree char *first = g_strjoin (G_SEARCHPATH_SEPARATOR_S, shadow, orig, NULL);
  g_autofree char *last = g_strjoin (G_SEARCHPATH_SEPARATOR_S, orig, shadow, NULL);
  g_autofree char *p = NULL;
  g_autoptr (HelderContext) other = NULL;
  g_autoptr (GPtrArray) plugins = NULL;
  HelderPluginInfo *info;

  /* A testaddin without its module, in a folder of its own. */
  p = write_plugin (shadow, NULL, "testaddin.plugin", "[Plugin]\nModule=testaddin\nName=Shadow\n");
  g_test_log_set_fatal_handler (libpeas_warnings_are_not_fatal, NULL);

  /* The first folder of HELDER_PLUGIN_PATH wins. */
  g_setenv (HELDER_PLUGIN_PATH_ENV, first, TRUE);
  helder_engine_load_all (helder_context_get_engine (f->context));
  g_setenv (HELDER_PLUGIN_PATH_ENV, orig, TRUE);
  plugins = helder_engine_get_plugins (helder_context_get_engine (f->context));
  info = find_plugin (plugins, "testaddin");
  g_assert_cmpstr (info->name, ==, "Shadow");
  g_assert_false (info->loaded);
  g_assert_nonnull (info->error);
  g_assert_null (helder_context_lookup_command (f->context, "note"));
  g_clear_pointer (&plugins, g_ptr_array_unref);

  g_setenv (HELDER_PLUGIN_PATH_ENV, last, TRUE);
  other = helder_context_new (f->db);
  helder_engine_load_all (helder_context_get_engine (other));
  g_setenv (HELDER_PLUGIN_PATH_ENV, orig, TRUE);
  plugins = helder_engine_get_plugins (helder_context_get_engine (other));
  info = find_plugin (plugins, "testaddin");
  g_assert_cmpstr (info->name, ==, "Test addin");
  g_assert_true (info->loaded);
  g_assert_nonnull (helder_context_lookup_command (other, "note"));
}

static void
test_engine_lifetime (Fixture *f, gconstpointer data)
{
  HelderContext *context = helder_context_new (f->db);
  HelderEngine *engine = helder_context_get_engine (context);
  HelderChannel *channel;
  g_autoptr (GError) error = NULL;
  HelderStore *store;
  HelderEngine *kept;

  helder_engine_load_all (engine);
  channel = helder_engine_find_channel (engine, "testchannel");
  store = helder_context_get_store (context, &error);
  g_assert_no_error (error);

  g_object_add_weak_pointer (G_OBJECT (context), (gpointer *) &context);
  g_object_add_weak_pointer (G_OBJECT (engine), (gpointer *) &engine);
  g_object_add_weak_pointer (G_OBJECT (channel), (gpointer *) &channel);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);

  g_object_unref (context);
  g_assert_null (context);
  g_assert_null (engine);
  g_assert_null (channel);
  g_assert_null (store);

  /* An engine kept alive past its context forgets it and stays usable. */
  context = helder_context_new (f->db);
  kept = g_object_ref (helder_context_get_engine (context));
  helder_engine_load_all (kept);
  g_assert_nonnull (helder_context_lookup_command (context, "note"));
  g_object_add_weak_pointer (G_OBJECT (context), (gpointer *) &context);
  g_object_unref (context);
  g_assert_null (context);
  g_assert_null (helder_engine_get_context (kept));
  g_assert_null (helder_engine_find_channel (kept, "testchannel"));
  helder_engine_unload_all (kept);
  engine = kept;
  g_object_add_weak_pointer (G_OBJECT (engine), (gpointer *) &engine);
  g_object_unref (kept);
  g_assert_null (engine);
}

/* ---- through the real `helder` ---------------------------------------- */

static void
test_cli_plugins_and_note (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *plugins;
  JsonObject *found = NULL;

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "--json", "plugins", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  plugins = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (plugins); i++)
    {
      JsonObject *p = json_array_get_object_element (plugins, i);
      if (g_strcmp0 (json_object_get_string_member (p, "module"), "testaddin") == 0)
        found = p;
    }
  g_assert_nonnull (found);
  g_assert_true (json_object_get_boolean_member (found, "loaded"));
  g_assert_true (json_object_get_null_member (found, "error"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (found, "provides")), ==,
                    2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "plugins", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "module"));
  g_assert_nonnull (strstr (out, "testaddin"));
  g_assert_nonnull (strstr (out, "loaded"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "plugins", "extra", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "note"));
  g_assert_nonnull (strstr (out, "plugins"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "note", "add", "Via de CLI", NULL), ==,
                   0);
  g_assert_cmpstr (out, ==, "Added note 1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "note", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Via de CLI"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (helder_test_run (f->db, NULL, &out, &err, "note", "list", "extra", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "extra"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without the plugin, its command is unknown and core works on. */
  {
    const char *const env[] = { HELDER_PLUGIN_PATH_ENV "=", NULL };

    g_assert_cmpint (helder_test_run (f->db, env, &out, &err, "note", "list", NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (helder_test_run (f->db, env, &out, &err, "--json", "plugins", NULL), ==, 0);
    g_assert_null (strstr (out, "testaddin"));
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  /* The engine is tested with the test plugins alone, not the shipped
   * ones that tests/meson.build adds to the path. */
  {
    g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "plugins", NULL);
    g_setenv (HELDER_PLUGIN_PATH_ENV, dir, TRUE);
  }

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/context/commands", test_context_commands);
  ADD ("/context/store", test_context_store);
  ADD ("/context/store-errors", test_context_store_errors);
  ADD ("/engine/loads-addin", test_engine_loads_addin);
  ADD ("/engine/addin-migration", test_engine_addin_migration);
  ADD ("/engine/addin-command", test_engine_addin_command);
  ADD ("/engine/unload", test_engine_unload);
  ADD ("/engine/channel", test_engine_channel);
  ADD ("/engine/broken-plugins", test_engine_broken_plugins);
  ADD ("/engine/path-order", test_engine_path_order);
  ADD ("/engine/lifetime", test_engine_lifetime);
  ADD ("/engine/cli", test_cli_plugins_and_note);
#undef ADD

  return g_test_run ();
}
