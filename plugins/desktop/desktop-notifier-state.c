/* desktop-notifier-state.c — which notifications this notifier has shown
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notifier shows every notification once, also across restarts and
 * when an acknowledgement does not reach the server. It remembers the ids
 * it has shown in a small JSON file of its own:
 *
 *   $XDG_STATE_HOME/helder/notifier-HASH.json
 *   {"server": "https://helder.example.nl", "shown": [12, 13]}
 *
 * HASH is taken from the server's address and the token, so two accounts
 * or two servers never share a file; the token itself is not stored. The
 * file is replaced atomically (g_file_set_contents) and written before a
 * notification is shown, so a crash at any moment may lose a notification
 * the person was about to see, but never shows one twice.
 *
 * One notifier per state file: a second one (a notifier started twice at
 * login) would show what the first shows. The state holds an exclusive
 * lock on FILE.lock for as long as it lives, and a second notifier is
 * turned away.
 */
#define G_LOG_DOMAIN "helder-desktop"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "helder.h"

#include "desktop-notifier-state.h"

struct _DesktopNotifierState
{
  char *path;
  char *server_url;
  GHashTable *shown; /* gint64 id → itself */
  int lock_fd;
};

static char *
state_path (const char *server_url, const char *token)
{
  g_autofree char *key = g_strconcat (server_url, "\n", token, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strdup_printf ("notifier-%.16s.json", hash);

  return g_build_filename (g_get_user_state_dir (), "helder", name, NULL);
}

static gboolean
parse_state (DesktopNotifierState *self, const char *contents, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonNode) root = json_from_string (contents, &local_error);
  JsonObject *object;
  JsonNode *shown;
  JsonArray *ids;

  if (root == NULL && local_error == NULL)
    {
      /* An empty file: a state that was never filled in. */
      return TRUE;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);
  shown = json_object_get_member (object, "shown");
  if (shown == NULL || !JSON_NODE_HOLDS_ARRAY (shown))
    goto invalid;
  ids = json_node_get_array (shown);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        goto invalid;
      desktop_notifier_state_add (self, json_node_get_int (element));
    }
  return TRUE;

invalid:
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
               _ ("%s: not a notifier state file (%s); remove it to start afresh "
                  "(notifications that were shown before may then be shown again)"),
               self->path,
               local_error != NULL ? local_error->message
                                   : _ ("“shown” must be a list of numbers"));
  return FALSE;
}

static gboolean
make_dir (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("%s: cannot create the folder: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
lock_state (DesktopNotifierState *self, GError **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int saved_errno;

  if (!make_dir (lock_path, error))
    return FALSE;
  self->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("%s: cannot open: %s"), lock_path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;
  saved_errno = errno;
  if (saved_errno == EWOULDBLOCK)
    g_set_error (
      error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
      _ ("another helder notifier already shows the notifications from %s for this token "
         "(it holds %s); stop it first, or let it do the work"),
      self->server_url, lock_path);
  else
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("%s: cannot lock: %s"), lock_path,
                 g_strerror (saved_errno));
  return FALSE;
}

/**
 * desktop_notifier_state_load:
 * @server_url: the server's address
 * @token: the token the notifier uses
 *
 * Reads what the notifier for @server_url and @token has shown; a state
 * that was never saved is empty. Locks it for this process.
 *
 * Returns: (transfer full): the state, or %NULL when another notifier
 *   holds it, or its file cannot be read or is not a state file
 */
DesktopNotifierState *
desktop_notifier_state_load (const char *server_url, const char *token, GError **error)
{
  g_autoptr (DesktopNotifierState) self = g_new0 (DesktopNotifierState, 1);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  self->path = state_path (server_url, token);
  self->server_url = g_strdup (server_url);
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lock_fd = -1;

  if (!lock_state (self, error))
    return NULL;
  if (!g_file_get_contents (self->path, &contents, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&self);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (!parse_state (self, contents, error))
    return NULL;
  g_debug ("%s: %u notifications shown before", self->path, g_hash_table_size (self->shown));
  return g_steal_pointer (&self);
}

void
desktop_notifier_state_free (DesktopNotifierState *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->server_url);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self);
}

const char *
desktop_notifier_state_get_path (DesktopNotifierState *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

gboolean
desktop_notifier_state_has (DesktopNotifierState *self, gint64 id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->shown, &id);
}

void
desktop_notifier_state_add (DesktopNotifierState *self, gint64 id)
{
  g_return_if_fail (self != NULL);
  if (!g_hash_table_contains (self->shown, &id))
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      g_hash_table_add (self->shown, key);
    }
}

void
desktop_notifier_state_remove (DesktopNotifierState *self, gint64 id)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove (self->shown, &id);
}

/**
 * desktop_notifier_state_keep_only:
 * @ids: (element-type gint64): the ids the server still offers
 *
 * Forgets the ids that are not in @ids: the server no longer offers them
 * (they were acknowledged), so they cannot come back. Call it only with a
 * complete list, or ids still waiting beyond it would be forgotten.
 *
 * Returns: how many ids were forgotten
 */
guint
desktop_notifier_state_keep_only (DesktopNotifierState *self, GHashTable *ids)
{
  GHashTableIter iter;
  gpointer key;
  guint forgotten = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (ids != NULL, 0);

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ids, key))
      {
        g_hash_table_iter_remove (&iter);
        forgotten++;
      }
  return forgotten;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * desktop_notifier_state_save:
 *
 * Replaces the state file atomically (readable by its owner only),
 * creating its folder when needed.
 */
gboolean
desktop_notifier_state_save (DesktopNotifierState *self, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GArray) ids =
    g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->shown));
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, self->server_url);
  json_builder_set_member_name (builder, "shown");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  if (!make_dir (self->path, error))
    return FALSE;
  if (!g_file_set_contents_full (self->path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}
