/* helder-context.c — what one run of Helder works with
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The context is passed explicitly instead of living in globals: it holds
 * the database path and the store opened from it, the schema migrations and
 * CLI commands that core and addins register, and the plugin engine. Tests
 * make as many contexts as they like, side by side.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "engine/helder-context.h"
#include "engine/helder-context-private.h"
#include "engine/helder-engine.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-scheduler.h"
#include "services/util/helder-time.h"

typedef struct
{
  char *component;
  guint version;
  char *sql;
} Migration;

G_DEFINE_FINAL_TYPE (HelderContext, helder_context, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
migration_free (gpointer data)
{
  Migration *m = data;

  g_free (m->component);
  g_free (m->sql);
  g_free (m);
}

static void
command_free (gpointer data)
{
  HelderCommand *command = data;

  g_free ((char *) command->name);
  g_free ((char *) command->summary);
  g_free ((char *) command->owner);
  g_free ((char *) command->gettext_domain);
  g_free (command);
}

static void
setting_free (gpointer data)
{
  HelderSetting *setting = data;

  g_free ((char *) setting->name);
  g_free ((char *) setting->summary);
  g_free ((char *) setting->default_value);
  g_free ((char *) setting->owner);
  g_free ((char *) setting->gettext_domain);
  g_free (setting);
}

static void
digest_section_free (gpointer data)
{
  HelderDigestSection *section = data;

  g_free ((char *) section->name);
  g_free (section);
}

static void
helder_context_dispose (GObject *object)
{
  HelderContext *self = HELDER_CONTEXT (object);

  /* Addins unregister while the tables they registered in still exist. */
  if (self->engine != NULL)
    helder_engine_unload_all (self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (helder_context_parent_class)->dispose (object);
}

static void
helder_context_finalize (GObject *object)
{
  HelderContext *self = HELDER_CONTEXT (object);

  g_clear_pointer (&self->commands, g_hash_table_unref);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_pointer (&self->digest_sections, g_ptr_array_unref);
  g_clear_pointer (&self->migrations, g_ptr_array_unref);
  g_clear_pointer (&self->registrations, g_ptr_array_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (helder_context_parent_class)->finalize (object);
}

static void
helder_context_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HelderContext *self = HELDER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
helder_context_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HelderContext *self = HELDER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
helder_context_class_init (HelderContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = helder_context_dispose;
  object_class->finalize = helder_context_finalize;
  object_class->get_property = helder_context_get_property;
  object_class->set_property = helder_context_set_property;

  /**
   * HelderContext:db-path:
   *
   * The database file the store is opened from.
   */
  properties[PROP_DB_PATH] = g_param_spec_string (
    "db-path", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
helder_context_init (HelderContext *self)
{
  self->migrations = g_ptr_array_new_with_free_func (migration_free);
  self->commands = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, command_free);
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, setting_free);
  self->digest_sections = g_ptr_array_new_with_free_func (digest_section_free);
  self->registrations = g_ptr_array_new_with_free_func (helder_context_registration_free);
  self->owned = g_ptr_array_new_with_free_func (helder_context_owned_free);
  helder_setting_register_core (self);
  helder_context_register_core (self);
}

/**
 * helder_context_new:
 * @db_path: the database file; nothing is opened until
 *   helder_context_get_store() is called
 *
 * Returns: (transfer full): a new #HelderContext
 */
HelderContext *
helder_context_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL && db_path[0] != '\0', NULL);

  return g_object_new (HELDER_TYPE_CONTEXT, "db-path", db_path, NULL);
}

const char *
helder_context_get_db_path (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  return self->db_path;
}

/**
 * helder_context_get_store:
 * @self: a #HelderContext
 * @error: set when the database cannot be opened or migrated
 *
 * Opens the store on first use and migrates it: core's migrations and
 * every migration registered with helder_context_add_migration(). Later
 * calls return the same store; migrations added since are applied first.
 *
 * Returns: (transfer none): the store, or %NULL with @error set
 */
HelderStore *
helder_context_get_store (HelderContext *self, GError **error)
{
  g_autoptr (HelderStore) store = NULL;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->store != NULL)
    {
      if (self->store_stale)
        {
          if (!helder_store_migrate (self->store, error))
            return NULL;
          self->store_stale = FALSE;
        }
      return self->store;
    }

  store = helder_store_open (self->db_path, error);
  if (store == NULL)
    return NULL;
  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);
      helder_store_add_migration (store, m->component, m->version, m->sql);
    }
  if (!helder_store_migrate (store, error))
    return NULL;

  {
    g_autoptr (GError) zone_error = NULL;

    /* A zone this machine does not know must not lock anyone out of the
     * command that sets another: warn, and keep to the default zone. */
    if (!helder_time_load_zone (store, &zone_error))
      g_warning ("%s", zone_error->message);
  }
  {
    g_autoptr (GError) channels_error = NULL;

    /* What the loaded channels are for outlives their plugin. */
    if (!helder_scheduler_note_channels (store, &channels_error))
      g_warning ("%s", channels_error->message);
  }
  self->store = g_steal_pointer (&store);
  self->store_stale = FALSE;
  return self->store;
}

/**
 * helder_context_open_connection:
 * @self: a #HelderContext
 * @error: set when the database cannot be opened or migrated
 *
 * A second connection to the same database, for a thread of its own (the
 * outbox worker next to the web server): a #HelderStore is used by one
 * thread at a time. The context's own store is migrated first.
 *
 * Returns: (transfer full): a new store, or %NULL with @error set
 */
HelderStore *
helder_context_open_connection (HelderContext *self, GError **error)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  if (helder_context_get_store (self, error) == NULL)
    return NULL;
  return helder_store_open (self->db_path, error);
}

/**
 * helder_context_has_store:
 * @self: a #HelderContext
 *
 * Returns: whether the store is open
 */
gboolean
helder_context_has_store (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);
  return self->store != NULL;
}

/**
 * helder_context_close_store:
 * @self: a #HelderContext
 *
 * Drops the context's reference to the store; the next
 * helder_context_get_store() opens it again with the migrations registered
 * by then.
 */
void
helder_context_close_store (HelderContext *self)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));

  g_clear_object (&self->store);
  self->store_stale = FALSE;
}

/**
 * helder_context_get_engine:
 * @self: a #HelderContext
 *
 * The plugin engine, made on first use and owned by the context. It has
 * found the plugins but loads them only on helder_engine_load_all().
 *
 * Returns: (transfer none): the engine
 */
HelderEngine *
helder_context_get_engine (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  if (self->engine == NULL)
    self->engine = helder_engine_new (self);
  return self->engine;
}

/**
 * helder_context_add_migration:
 * @self: a #HelderContext
 * @component: the owner of the tables: "core" or the module name of a plugin
 * @version: 1, 2, … applied in order, each once
 * @sql: the statements of this version
 *
 * Registers a schema migration. It is applied when the store opens, or, if
 * it is open already, on the next helder_context_get_store(). Adding the
 * same @component and @version again replaces the SQL.
 */
void
helder_context_add_migration (HelderContext *self,
                              const char *component,
                              guint version,
                              const char *sql)
{
  Migration *m = NULL;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (component != NULL && component[0] != '\0');
  g_return_if_fail (version > 0);
  g_return_if_fail (sql != NULL);

  for (guint i = 0; i < self->migrations->len; i++)
    {
      Migration *old = g_ptr_array_index (self->migrations, i);

      if (old->version == version && g_str_equal (old->component, component))
        {
          m = old;
          g_free (m->sql);
          break;
        }
    }
  if (m == NULL)
    {
      m = g_new0 (Migration, 1);
      m->component = g_strdup (component);
      m->version = version;
      g_ptr_array_add (self->migrations, m);
    }
  m->sql = g_strdup (sql);
  helder_context_note_owned (self, OWNED_MIGRATIONS, component);

  if (self->store != NULL)
    {
      helder_store_add_migration (self->store, component, version, sql);
      self->store_stale = TRUE;
    }
}

/**
 * helder_context_remove_migrations:
 * @self: a #HelderContext
 * @component: the component whose migrations to forget
 *
 * Forgets the migrations of @component, as an addin does on unload. What
 * was applied stays in the database; a store that is open keeps knowing
 * them until it is closed.
 */
void
helder_context_remove_migrations (HelderContext *self, const char *component)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (component != NULL);

  for (guint i = self->migrations->len; i > 0; i--)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i - 1);

      if (g_str_equal (m->component, component))
        g_ptr_array_remove_index (self->migrations, i - 1);
    }
}

/**
 * helder_context_add_command:
 * @self: a #HelderContext
 * @command: the command; the struct and its strings are copied
 *
 * Registers a command of `helder`. A name is taken once: a second command
 * with the same name is refused with a warning, so that a plugin cannot
 * take the place of a command of core.
 */
void
helder_context_add_command (HelderContext *self, const HelderCommand *command)
{
  HelderCommand *copy;
  const HelderCommand *existing;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (command != NULL);
  g_return_if_fail (command->name != NULL && command->name[0] != '\0');
  g_return_if_fail (command->func != NULL);

  existing = g_hash_table_lookup (self->commands, command->name);
  if (existing != NULL)
    {
      g_warning ("command “%s” of %s ignored: %s registered it already", command->name,
                 command->owner ? command->owner : "?", existing->owner ? existing->owner : "?");
      return;
    }

  copy = g_new0 (HelderCommand, 1);
  copy->name = g_strdup (command->name);
  copy->summary = g_strdup (command->summary);
  copy->owner = g_strdup (command->owner);
  copy->gettext_domain = g_strdup (command->gettext_domain);
  copy->func = command->func;
  helder_context_note_owned (self, OWNED_COMMAND, command->name);
  copy->user_data = command->user_data;
  g_hash_table_insert (self->commands, (char *) copy->name, copy);
}

/**
 * helder_context_remove_command:
 * @self: a #HelderContext
 * @name: the name of a registered command
 *
 * Unregisters a command; a name that is not registered is ignored.
 */
void
helder_context_remove_command (HelderContext *self, const char *name)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (name != NULL);

  g_hash_table_remove (self->commands, name);
}

/**
 * helder_context_lookup_command:
 * @self: a #HelderContext
 * @name: what the user typed
 *
 * Returns: (transfer none) (nullable): the command called @name; valid
 *   until it is removed
 */
const HelderCommand *
helder_context_lookup_command (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->commands, name);
}

static int
command_compare (gconstpointer a, gconstpointer b)
{
  const HelderCommand *ca = *(const HelderCommand *const *) a;
  const HelderCommand *cb = *(const HelderCommand *const *) b;

  return g_strcmp0 (ca->name, cb->name);
}

/**
 * helder_context_list_commands:
 * @self: a #HelderContext
 *
 * Returns: (transfer container) (element-type HelderCommand): the
 *   registered commands, sorted by name; the elements stay the context's
 */
GPtrArray *
helder_context_list_commands (HelderContext *self)
{
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  list = g_ptr_array_sized_new (g_hash_table_size (self->commands));
  g_hash_table_iter_init (&iter, self->commands);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, command_compare);
  return list;
}

/* ---- settings -------------------------------------------------------------- */

/**
 * helder_context_add_setting:
 * @self: a #HelderContext
 * @setting: the setting; copied
 *
 * Registers a setting for `helder config`. As with commands, a name is
 * taken once.
 */
void
helder_context_add_setting (HelderContext *self, const HelderSetting *setting)
{
  HelderSetting *copy;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (setting != NULL && setting->name != NULL && setting->name[0] != '\0');

  if (g_hash_table_contains (self->settings, setting->name))
    {
      g_warning ("setting “%s” of %s ignored: it is registered already", setting->name,
                 setting->owner ? setting->owner : "?");
      return;
    }
  copy = g_new0 (HelderSetting, 1);
  copy->name = g_strdup (setting->name);
  copy->summary = g_strdup (setting->summary);
  copy->default_value = g_strdup (setting->default_value ? setting->default_value : "");
  copy->secret = setting->secret;
  copy->check = setting->check;
  copy->owner = g_strdup (setting->owner);
  copy->gettext_domain = g_strdup (setting->gettext_domain);
  g_hash_table_insert (self->settings, (char *) copy->name, copy);
  helder_context_note_owned (self, OWNED_SETTING, setting->name);
}

/**
 * helder_context_remove_setting:
 * @self: a #HelderContext
 * @name: a registered setting
 *
 * Unregisters a setting; what is stored for it stays in the store.
 */
void
helder_context_remove_setting (HelderContext *self, const char *name)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (name != NULL);

  g_hash_table_remove (self->settings, name);
}

/**
 * helder_context_lookup_setting:
 * @self: a #HelderContext
 * @name: a setting's name
 *
 * Returns: (transfer none) (nullable): the registered setting
 */
const HelderSetting *
helder_context_lookup_setting (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->settings, name);
}

static int
setting_compare (gconstpointer a, gconstpointer b)
{
  const HelderSetting *sa = *(const HelderSetting *const *) a;
  const HelderSetting *sb = *(const HelderSetting *const *) b;

  return g_strcmp0 (sa->name, sb->name);
}

/**
 * helder_context_list_settings:
 * @self: a #HelderContext
 *
 * Returns: (transfer container) (element-type HelderSetting): the
 *   registered settings, sorted by name
 */
GPtrArray *
helder_context_list_settings (HelderContext *self)
{
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  list = g_ptr_array_sized_new (g_hash_table_size (self->settings));
  g_hash_table_iter_init (&iter, self->settings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, setting_compare);
  return list;
}

static const HelderSetting *
known_setting (HelderContext *self, const char *name, GError **error)
{
  const HelderSetting *setting = g_hash_table_lookup (self->settings, name);

  if (setting == NULL)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("“%s” is not a setting; `helder config list` shows them all"), name);
  return setting;
}

/**
 * helder_context_read_settings_from:
 * @self: a #HelderContext
 * @store: the connection to read through (the context's own, or a
 *   thread's, see helder_context_open_connection())
 * @error: set when the store cannot be read
 *
 * Every registered setting with its stored value or its default. A stored
 * value that no longer passes its check (a plugin became stricter) is
 * passed on as it is: the user of the setting reports it.
 *
 * Returns: (transfer full): name → value, all strings
 */
JsonObject *
helder_context_read_settings_from (HelderContext *self, HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) result = json_object_new ();
  g_autoptr (GHashTable) stored = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stored = helder_config_read (store, error);
  if (stored == NULL)
    return NULL;
  list = helder_context_list_settings (self);
  for (guint i = 0; i < list->len; i++)
    {
      const HelderSetting *setting = g_ptr_array_index (list, i);
      const char *value = g_hash_table_lookup (stored, setting->name);

      json_object_set_string_member (result, setting->name,
                                     value != NULL ? value : setting->default_value);
    }
  return g_steal_pointer (&result);
}

/**
 * helder_context_read_settings:
 * @self: a #HelderContext
 * @error: set when the store cannot be opened or read
 *
 * helder_context_read_settings_from() the context's own store.
 *
 * Returns: (transfer full): name → value, all strings
 */
JsonObject *
helder_context_read_settings (HelderContext *self, GError **error)
{
  HelderStore *store;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  store = helder_context_get_store (self, error);
  if (store == NULL)
    return NULL;
  return helder_context_read_settings_from (self, store, error);
}

/**
 * helder_context_get_setting:
 * @self: a #HelderContext
 * @name: a registered setting
 * @error: set when @name is not registered or the store cannot be read
 *
 * Returns: (transfer full): the stored value or the default
 */
char *
helder_context_get_setting (HelderContext *self, const char *name, GError **error)
{
  const HelderSetting *setting;
  HelderStore *store;
  g_autoptr (GError) local = NULL;
  char *value;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  setting = known_setting (self, name, error);
  if (setting == NULL)
    return NULL;
  store = helder_context_get_store (self, error);
  if (store == NULL)
    return NULL;
  value = helder_config_get (store, name, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return value != NULL ? value : g_strdup (setting->default_value);
}

/**
 * helder_context_check_setting:
 * @self: a #HelderContext
 * @name: a registered setting
 * @value: the value someone wants to give it
 * @error: says what is wrong with @name or @value, naming both
 *
 * What helder_context_set_setting() checks, without storing anything: for
 * a front-end that stores several settings in one transaction.
 *
 * Returns: %TRUE when @value may be stored
 */
gboolean
helder_context_check_setting (HelderContext *self,
                              const char *name,
                              const char *value,
                              GError **error)
{
  const HelderSetting *setting;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  setting = known_setting (self, name, error);
  if (setting == NULL)
    return FALSE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name,
                        _ ("setting “%s”: the value is not valid UTF-8"), name);
      return FALSE;
    }
  if (setting->check != NULL && !setting->check (value, &local))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name, _ ("setting “%s”: %s"), name,
                        local != NULL ? local->message : value);
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_context_set_setting:
 * @self: a #HelderContext
 * @name: a registered setting
 * @value: (nullable): the new value; %NULL forgets the stored value so
 *   the default applies
 * @error: says what is wrong with @name or @value, naming both
 *
 * Checks and stores one setting; nothing changes when the check fails.
 *
 * Returns: %TRUE when it is stored
 */
gboolean
helder_context_set_setting (HelderContext *self,
                            const char *name,
                            const char *value,
                            GError **error)
{
  const HelderSetting *setting;
  HelderStore *store;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  setting = known_setting (self, name, error);
  if (setting == NULL)
    return FALSE;
  if (value != NULL && !helder_context_check_setting (self, name, value, error))
    return FALSE;
  store = helder_context_get_store (self, error);
  if (store == NULL)
    return FALSE;
  if (value == NULL)
    return helder_config_unset (store, name, error);
  return helder_config_set (store, name, value, error);
}

/* ---- digest sections ------------------------------------------------------- */

/**
 * helder_context_add_digest_section:
 * @self: a #HelderContext
 * @section: the section; copied
 *
 * Adds a section to everyone's digest, after core's sections and those
 * added before it. An addin removes it again when it unloads.
 */
void
helder_context_add_digest_section (HelderContext *self, const HelderDigestSection *section)
{
  HelderDigestSection *copy;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (section != NULL && section->name != NULL && section->func != NULL);

  copy = g_new0 (HelderDigestSection, 1);
  copy->name = g_strdup (section->name);
  copy->func = section->func;
  copy->user_data = section->user_data;
  g_ptr_array_add (self->digest_sections, copy);
  helder_context_note_owned (self, OWNED_DIGEST_SECTION, section->name);
}

/**
 * helder_context_remove_digest_section:
 * @self: a #HelderContext
 * @name: the name it was added with
 */
void
helder_context_remove_digest_section (HelderContext *self, const char *name)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (name != NULL);

  for (guint i = self->digest_sections->len; i > 0; i--)
    {
      const HelderDigestSection *section = g_ptr_array_index (self->digest_sections, i - 1);

      if (g_strcmp0 (section->name, name) == 0)
        g_ptr_array_remove_index (self->digest_sections, i - 1);
    }
}

/**
 * helder_context_get_digest_sections:
 * @self: a #HelderContext
 *
 * Returns: (transfer none) (element-type HelderDigestSection): the
 *   sections addins added, in order
 */
GPtrArray *
helder_context_get_digest_sections (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  return self->digest_sections;
}
