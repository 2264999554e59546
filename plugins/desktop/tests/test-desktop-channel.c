/* test-desktop-channel.c — the desktop plugin as the engine loads it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built libdesktop.so, found through HELDER_PLUGIN_PATH like any
 * plugin: it provides the "desktop" channel and the `notifier` command,
 * and takes both away again on unload. The channel reaches people who
 * chose "desktop" and only offers their messages; people who did not
 * choose it are a permanent failure with a reason.
 */
#define G_LOG_DOMAIN "test-desktop-channel"

#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "engine/helder-channel.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"

#include "helder-test-utils.h"

typedef struct
{
  char *db;
  HelderContext *context;
  HelderEngine *engine;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderStore) store = helder_test_store_new (&f->db);

  f->context = helder_context_new (f->db);
  f->engine = helder_context_get_engine (f->context);
  helder_engine_load_all (f->engine);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_engine_unload_all (f->engine);
  g_clear_object (&f->context);
  helder_test_remove_db (f->db);
  g_free (f->db);
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

static void
test_loads (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) plugins = helder_engine_get_plugins (f->engine);
  HelderPluginInfo *info = find_plugin (plugins, "desktop");
  const HelderCommand *command;

  g_assert_nonnull (info);
  g_assert_true (info->loaded);
  g_assert_null (info->error);
  g_assert_cmpstr (info->provides, ==, "addin, channel");

  command = helder_context_lookup_command (f->context, "notifier");
  g_assert_nonnull (command);
  g_assert_cmpstr (command->owner, ==, "desktop");
  g_assert_nonnull (helder_engine_find_channel (f->engine, "desktop"));

  helder_engine_unload_all (f->engine);
  g_assert_null (helder_context_lookup_command (f->context, "notifier"));
  g_assert_null (helder_engine_find_channel (f->engine, "desktop"));

  helder_engine_load_all (f->engine);
  g_assert_nonnull (helder_context_lookup_command (f->context, "notifier"));
  g_assert_nonnull (helder_engine_find_channel (f->engine, "desktop"));
}

static void
test_channel (Fixture *f, gconstpointer data)
{
  HelderChannel *channel = helder_engine_find_channel (f->engine, "desktop");
  g_autoptr (JsonObject) delivery =
    helder_test_object ("{\"id\": 7, \"key\": \"moment:3/12/desktop\","
                        " \"source\": \"moment:3\", \"person\": 12,"
                        " \"channel\": \"desktop\", \"subject\": \"Nieuws\","
                        " \"body\": \"Tekst\", \"locale\": \"nl\","
                        " \"link\": \"http://127.0.0.1:8080/me\"}");
  g_autoptr (JsonObject) wants = helder_test_object ("{\"id\": 12, \"name\": \"Anna\","
                                                     " \"channels\": [\"email\", \"desktop\"]}");
  g_autoptr (JsonObject) email_only = helder_test_object ("{\"id\": 13, \"name\": \"Bram\","
                                                          " \"channels\": [\"email\"]}");
  g_autoptr (JsonObject) none = helder_test_object ("{\"id\": 14, \"name\": \"Cor\"}");
  g_autoptr (JsonObject) odd =
    helder_test_object ("{\"id\": 15, \"name\": \"Dewi\", \"channels\": \"desktop\"}");
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (channel);
  g_assert_cmpstr (helder_channel_get_name (channel), ==, "desktop");

  g_assert_true (helder_channel_can_reach (channel, wants));
  g_assert_false (helder_channel_can_reach (channel, email_only));
  g_assert_false (helder_channel_can_reach (channel, none));
  g_assert_false (helder_channel_can_reach (channel, odd));

  /* Offered, not sent: the row waits for the person's notifier. */
  g_assert_cmpint (helder_channel_deliver (channel, delivery, wants, NULL, &error), ==,
                   HELDER_DELIVERY_OFFERED);
  g_assert_no_error (error);

  /* Someone who does not use the desktop: retrying will not help. */
  g_assert_cmpint (helder_channel_deliver (channel, delivery, email_only, NULL, &error), ==,
                   HELDER_DELIVERY_PERMANENT);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "person 13"));
  g_assert_nonnull (strstr (error->message, "“desktop” is not among their channels"));
  g_clear_error (&error);

  /* A worker that is stopping: try again later. */
  g_cancellable_cancel (cancelled);
  g_assert_cmpint (helder_channel_deliver (channel, delivery, wants, cancelled, &error), ==,
                   HELDER_DELIVERY_TRANSIENT);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/desktop-channel/loads", Fixture, NULL, setup, test_loads, teardown);
  g_test_add ("/desktop-channel/channel", Fixture, NULL, setup, test_channel, teardown);
  return g_test_run ();
}
