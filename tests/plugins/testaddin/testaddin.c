/* testaddin.c — a real plugin that proves the engine
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One module, two extensions, written the way a real plugin is written:
 *
 * - TestaddinAddin (a HelderAddin) registers the migration of its own table
 *   `testaddin_note`, the command `helder note add TEXT | list | announce`,
 *   a digest and personal-page section, its web parts (testaddin-web.c)
 *   an audience filter (testaddin-audience.c) and a gate measure
 *   (testaddin-measure.c), panels on the personal page and the dashboard
 *   (testaddin-panels.c), and the command `helder testmeeting` that plans,
 *   moves and cancels meetings (testaddin-meeting.c); it has
 *   no unload: the engine removes what it registered;
 * - TestaddinChannel (a HelderChannel) called "testchannel" reaches people
 *   with an "email" member and "delivers" by counting.
 *
 * Its strings are not translated: it exists only for the tests.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include <gio/gio.h>
#include <libpeas/peas.h>

#include "helder.h"
#include "testaddin-noun.h"
#include "testaddin-private.h"

#define COMPONENT "testaddin"

static const char migration_1[] = "CREATE TABLE testaddin_note ("
                                  "  id         INTEGER PRIMARY KEY,"
                                  "  text       TEXT NOT NULL,"
                                  "  created_at TEXT NOT NULL"
                                  ");";

/* ---- the `note` command ---------------------------------------------- */

static gboolean
note_add (HelderInvocation *invocation, const char *text, GError **error)
{
  g_autoptr (HelderStmt) insert = NULL;
  g_autofree char *created_at = NULL;
  HelderStore *store;
  gint64 id;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "note add: TEXT is not valid UTF-8");
      return FALSE;
    }
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (text));

    if (trimmed[0] == '\0')
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "note add: TEXT is empty");
        return FALSE;
      }
  }

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;

  if (!helder_store_begin (store, error))
    return FALSE;
  insert = helder_store_prepare (
    store, "INSERT INTO testaddin_note (text, created_at) VALUES (?1, ?2)", error);
  if (insert == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  created_at = helder_clock_now_utc ();
  sqlite3_bind_text (insert, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, created_at, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, insert, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  if (!helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }

  if (invocation->json)
    {
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "id", id);
      json_object_set_string_member (object, "text", text);
      json_object_set_string_member (object, "created_at", created_at);
      json_node_set_object (root, object);
      helder_cli_print_json (root);
    }
  else
    g_print ("Added note %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
note_list (HelderInvocation *invocation, GError **error)
{
  const char *const headers[] = { "id", "text", "created", NULL };
  g_autoptr (HelderStmt) select = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (JsonArray) array = json_array_new ();
  HelderStore *store;
  int rc;

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  select = helder_store_prepare (
    store, "SELECT id, text, created_at FROM testaddin_note ORDER BY id", error);
  if (select == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (select, 0));
      row[1] = g_strdup ((const char *) sqlite3_column_text (select, 1));
      row[2] = g_strdup ((const char *) sqlite3_column_text (select, 2));
      json_object_set_int_member (object, "id", sqlite3_column_int64 (select, 0));
      json_object_set_string_member (object, "text", row[1]);
      json_object_set_string_member (object, "created_at", row[2]);
      json_array_add_object_element (array, object);
      g_ptr_array_add (rows, row);
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;

  if (invocation->json)
    {
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, array);
      helder_cli_print_json (root);
    }
  else
    helder_cli_print_table (headers, rows);
  return TRUE;
}

/* Removes every note (the browser walk shows the panels, then tidies up). */
static gboolean
note_clear (HelderInvocation *invocation, GError **error)
{
  HelderStore *store = helder_context_get_store (invocation->context, error);

  if (store == NULL || !helder_store_begin (store, error))
    return FALSE;
  if (!helder_store_exec (store, "DELETE FROM testaddin_note", error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  g_print ("Removed every note\n");
  return TRUE;
}

static gboolean
note_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  if (!helder_cli_parse (invocation, NULL,
                         "add TEXT | list | clear | announce GROUP TITLE [FILTER]",
                         "Keep short notes (the test addin)", &argc, &argv, error))
    return FALSE;

  if (argc < 2)
    return helder_cli_usage_error (error, "say what to do: “note add TEXT” or “note list”");

  if (g_str_equal (argv[1], "add"))
    {
      if (argc != 3)
        return helder_cli_usage_error (error, "“note add” takes one TEXT, got %d arguments",
                                       argc - 2);
      return note_add (invocation, argv[2], error);
    }
  if (g_str_equal (argv[1], "list"))
    {
      if (argc != 2)
        return helder_cli_usage_error (error, "“note list” takes no arguments, got “%s”", argv[2]);
      return note_list (invocation, error);
    }
  if (g_str_equal (argv[1], "clear"))
    {
      if (argc != 2)
        return helder_cli_usage_error (error, "“note clear” takes no arguments, got “%s”", argv[2]);
      return note_clear (invocation, error);
    }
  if (g_str_equal (argv[1], "announce"))
    {
      if (argc != 4 && argc != 5)
        return helder_cli_usage_error (error, "“note announce” takes GROUP TITLE [FILTER]");
      return testaddin_announce (invocation, argv[2], argv[3], argc == 5 ? argv[4] : NULL, error);
    }
  return helder_cli_usage_error (
    error, "unknown action “%s”; use “add”, “list”, “clear” or “announce”", argv[1]);
}

/* ---- the addin -------------------------------------------------------- */

#define TESTADDIN_TYPE_ADDIN (testaddin_addin_get_type ())
G_DECLARE_FINAL_TYPE (TestaddinAddin, testaddin_addin, TESTADDIN, ADDIN, PeasExtensionBase)

struct _TestaddinAddin
{
  PeasExtensionBase parent_instance;
};

static void testaddin_addin_iface_init (HelderAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestaddinAddin,
                                testaddin_addin,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_ADDIN,
                                                               testaddin_addin_iface_init))

/* A section of everyone's digest and personal page: how many notes
 * there are; nothing when there are none. */
static char *
notes_section (HelderStore *store,
               gint64 person,
               const char *today,
               gpointer user_data,
               GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM testaddin_note", error);
  gint64 count;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  count = sqlite3_column_int64 (stmt, 0);
  if (count == 0)
    return NULL;
  return g_strdup_printf ("## Notes from the test addin\n\nThere are %" G_GINT64_FORMAT " notes.\n",
                          count);
}

static void
testaddin_addin_load (HelderAddin *addin, HelderContext *context)
{
  const HelderDigestSection notes = { .name = COMPONENT, .func = notes_section };

  const HelderCommand note = {
    .name = "note",
    .summary = "Keep short notes (the test addin)",
    .owner = COMPONENT,
    .func = note_run,
  };

  helder_context_add_migration (context, COMPONENT, 1, migration_1);
  helder_context_add_command (context, &note);
  helder_context_add_digest_section (context, &notes);
  testaddin_noun_load (context);
  testaddin_web_register (context);
  testaddin_audience_register (context);
  testaddin_measure_register (context);
  testaddin_housekeeping_register (context);
  testaddin_panels_register (context);
  testaddin_meeting_register (context);
  testaddin_demo_register (context);
}

/* No unload: the engine removes everything the addin registered. */

static void
testaddin_addin_iface_init (HelderAddinInterface *iface)
{
  iface->load = testaddin_addin_load;
}

static void
testaddin_addin_class_init (TestaddinAddinClass *klass)
{
}

static void
testaddin_addin_class_finalize (TestaddinAddinClass *klass)
{
}

static void
testaddin_addin_init (TestaddinAddin *self)
{
}

/* ---- the channel ------------------------------------------------------ */

#define TESTADDIN_TYPE_CHANNEL (testaddin_channel_get_type ())
G_DECLARE_FINAL_TYPE (TestaddinChannel, testaddin_channel, TESTADDIN, CHANNEL, PeasExtensionBase)

struct _TestaddinChannel
{
  PeasExtensionBase parent_instance;
};

static void testaddin_channel_iface_init (HelderChannelInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestaddinChannel,
                                testaddin_channel,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_CHANNEL,
                                                               testaddin_channel_iface_init))

static const char *
testaddin_channel_get_name (HelderChannel *channel)
{
  return "testchannel";
}

static gboolean
testaddin_channel_can_reach (HelderChannel *channel, JsonObject *person)
{
  const char *email = json_object_get_string_member_with_default (person, "email", NULL);

  return email != NULL && email[0] != '\0';
}

/* Sent when the person can be reached; permanent when not (retrying will
 * not give them an address); transient when cancelled. */
static HelderDeliveryOutcome
testaddin_channel_deliver (HelderChannel *channel,
                           JsonObject *delivery,
                           JsonObject *person,
                           GCancellable *cancellable,
                           GError **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return HELDER_DELIVERY_TRANSIENT;
  if (!testaddin_channel_can_reach (channel, person))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   "person %" G_GINT64_FORMAT " has no e-mail address",
                   json_object_get_int_member_with_default (person, "id", 0));
      return HELDER_DELIVERY_PERMANENT;
    }
  g_debug ("delivered %s to %s",
           json_object_get_string_member_with_default (delivery, "source", "?"),
           json_object_get_string_member (person, "email"));
  return HELDER_DELIVERY_SENT;
}

static void
testaddin_channel_iface_init (HelderChannelInterface *iface)
{
  iface->get_name = testaddin_channel_get_name;
  iface->can_reach = testaddin_channel_can_reach;
  iface->deliver = testaddin_channel_deliver;
}

static void
testaddin_channel_class_init (TestaddinChannelClass *klass)
{
}

static void
testaddin_channel_class_finalize (TestaddinChannelClass *klass)
{
}

static void
testaddin_channel_init (TestaddinChannel *self)
{
}

/* ---- the module ------------------------------------------------------- */

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  testaddin_addin_register_type (G_TYPE_MODULE (module));
  testaddin_channel_register_type (G_TYPE_MODULE (module));

  peas_object_module_register_extension_type (module, HELDER_TYPE_ADDIN, TESTADDIN_TYPE_ADDIN);
  peas_object_module_register_extension_type (module, HELDER_TYPE_CHANNEL, TESTADDIN_TYPE_CHANNEL);
}
