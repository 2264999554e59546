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

struct _HelderContext
{
  GObject parent_instance;

  char *db_path;
  HelderStore *store;         /* opened on first use */
  gboolean store_stale;       /* migrations were added after it opened */
  GPtrArray *migrations;      /* Migration, in the order added */
  GHashTable *commands;       /* name → HelderCommand (owned copy) */
  GHashTable *settings;       /* name → HelderSetting (owned copy) */
  GPtrArray *digest_sections; /* HelderDigestSection (owned copy), in order */
  HelderEngine *engine;       /* made on first use */

  char *owner;              /* who is adding now: a plugin's module, NULL for core */
  GPtrArray *registrations; /* Registration, in the order added */
  GPtrArray *owned;         /* Owned: what a plugin added to the tables above */
};

/* The registries that are lists of plain structs: one list, each entry
 * tagged with its kind and owner, so that removing an owner is one loop. */
typedef enum
{
  REG_PERMISSION,
  REG_ROUTE,
  REG_NAV,
  REG_TEMPLATES,
  REG_OPENAPI,
  REG_ENTITY,
  REG_PERSON_DATA,
} RegistrationKind;

typedef struct
{
  RegistrationKind kind;
  char *owner;
  gpointer data; /* an owned copy, or the registered entity */
} Registration;

/* What a plugin added to the older registries (commands, settings,
 * migrations, digest sections), by name. */
typedef enum
{
  OWNED_COMMAND,
  OWNED_SETTING,
  OWNED_MIGRATIONS,
  OWNED_DIGEST_SECTION,
} OwnedKind;

typedef struct
{
  OwnedKind kind;
  char *owner;
  char *name;
} Owned;

G_DEFINE_FINAL_TYPE (HelderContext, helder_context, G_TYPE_OBJECT)

static void registration_free (gpointer data);
static void owned_free (gpointer data);
static void note_owned (HelderContext *self, OwnedKind kind, const char *name);
static void helder_context_register_core_permissions (HelderContext *self);

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
  self->registrations = g_ptr_array_new_with_free_func (registration_free);
  self->owned = g_ptr_array_new_with_free_func (owned_free);
  helder_setting_register_core (self);
  helder_context_register_core_permissions (self);
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
  note_owned (self, OWNED_MIGRATIONS, component);

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
  note_owned (self, OWNED_COMMAND, command->name);
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
  note_owned (self, OWNED_SETTING, setting->name);
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
  if (value != NULL)
    {
      g_autoptr (GError) local = NULL;

      if (!g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("setting “%s”: the value is not valid UTF-8"), name);
          return FALSE;
        }
      if (setting->check != NULL && !setting->check (value, &local))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("setting “%s”: %s"), name,
                       local != NULL ? local->message : value);
          return FALSE;
        }
    }
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
  note_owned (self, OWNED_DIGEST_SECTION, section->name);
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

/* ---- The registries a plugin adds to ---------------------------------- */

typedef struct
{
  HelderPermission public;
  char *name;
  char *label;
  char *gettext_domain;
} PermissionCopy;

typedef struct
{
  HelderWebRoute public;
  char *method;
  char *pattern;
  char *permission;
  char *summary;
} RouteCopy;

typedef struct
{
  HelderNavEntry public;
  char *href;
  char *label;
  char *permission;
  char *gettext_domain;
} NavCopy;

typedef struct
{
  HelderTemplates public;
  char *prefix;
  char *name;
  char *gettext_domain;
} TemplatesCopy;

typedef struct
{
  HelderPersonData public;
  char *name;
} PersonDataCopy;

static void
registration_free (gpointer data)
{
  Registration *r = data;

  switch (r->kind)
    {
    case REG_PERMISSION:
      {
        PermissionCopy *c = r->data;
        g_free (c->name);
        g_free (c->label);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_ROUTE:
      {
        RouteCopy *c = r->data;
        g_free (c->method);
        g_free (c->pattern);
        g_free (c->permission);
        g_free (c->summary);
        g_free (c);
      }
      break;
    case REG_NAV:
      {
        NavCopy *c = r->data;
        g_free (c->href);
        g_free (c->label);
        g_free (c->permission);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_TEMPLATES:
      {
        TemplatesCopy *c = r->data;
        g_free (c->prefix);
        g_free (c->name);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_OPENAPI:
      g_free (r->data);
      break;
    case REG_ENTITY:
      helder_entity_unregister (r->data);
      break;
    case REG_PERSON_DATA:
      {
        PersonDataCopy *c = r->data;
        g_free (c->name);
        g_free (c);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (r->owner);
  g_free (r);
}

static void
owned_free (gpointer data)
{
  Owned *o = data;

  g_free (o->owner);
  g_free (o->name);
  g_free (o);
}

static void
note_owned (HelderContext *self, OwnedKind kind, const char *name)
{
  Owned *o;

  if (self->owner == NULL || self->owned == NULL)
    return;
  o = g_new0 (Owned, 1);
  o->kind = kind;
  o->owner = g_strdup (self->owner);
  o->name = g_strdup (name);
  g_ptr_array_add (self->owned, o);
}

static void
add_registration (HelderContext *self, RegistrationKind kind, gpointer data)
{
  Registration *r = g_new0 (Registration, 1);

  r->kind = kind;
  r->owner = g_strdup (self->owner);
  r->data = data;
  g_ptr_array_add (self->registrations, r);
}

static GPtrArray *
list_registrations (HelderContext *self, RegistrationKind kind)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == kind)
        g_ptr_array_add (list, r->data);
    }
  return list;
}

/**
 * helder_context_set_owner:
 * @owner: (nullable): a plugin's module name, or %NULL for core
 *
 * The engine calls this around loading a plugin: what is registered in
 * between is that plugin's, and helder_context_remove_owned() removes it.
 */
void
helder_context_set_owner (HelderContext *self, const char *owner)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));

  g_free (self->owner);
  self->owner = g_strdup (owner);
}

/**
 * helder_context_get_owner:
 *
 * Returns: (nullable): the plugin whose registrations are being added, or
 *   %NULL while core adds its own
 */
const char *
helder_context_get_owner (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return self->owner;
}

/**
 * helder_context_remove_owned:
 * @owner: a plugin's module name
 *
 * Removes everything @owner registered, in every registry: commands,
 * settings, migrations, digest sections, permissions, routes, navigation,
 * templates, OpenAPI parts, nouns and person data. The engine calls it when
 * the plugin unloads.
 */
void
helder_context_remove_owned (HelderContext *self, const char *owner)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (owner != NULL);

  /* Backwards, so that nouns go before the nouns they refer to. */
  for (guint i = self->registrations->len; i > 0; i--)
    {
      Registration *r = g_ptr_array_index (self->registrations, i - 1);

      if (g_strcmp0 (r->owner, owner) == 0)
        g_ptr_array_remove_index (self->registrations, i - 1);
    }
  for (guint i = self->owned->len; i > 0; i--)
    {
      Owned *o = g_ptr_array_index (self->owned, i - 1);
      g_autofree char *name = NULL;
      OwnedKind kind = o->kind;

      if (g_strcmp0 (o->owner, owner) != 0)
        continue;
      name = g_strdup (o->name);
      g_ptr_array_remove_index (self->owned, i - 1);
      switch (kind)
        {
        case OWNED_COMMAND:
          helder_context_remove_command (self, name);
          break;
        case OWNED_SETTING:
          helder_context_remove_setting (self, name);
          break;
        case OWNED_MIGRATIONS:
          helder_context_remove_migrations (self, name);
          break;
        case OWNED_DIGEST_SECTION:
          helder_context_remove_digest_section (self, name);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * helder_context_add_permission:
 * @permission: (transfer none): copied
 *
 * Registers a permission by name. A name is taken once; adding it again
 * is a programming error and is ignored with a warning.
 */
void
helder_context_add_permission (HelderContext *self, const HelderPermission *permission)
{
  PermissionCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (permission != NULL && permission->name != NULL && permission->label != NULL);

  if (helder_context_lookup_permission (self, permission->name) != NULL)
    {
      g_warning ("permission “%s” of %s ignored: it is registered already", permission->name,
                 self->owner ? self->owner : "core");
      return;
    }
  c = g_new0 (PermissionCopy, 1);
  c->name = g_strdup (permission->name);
  c->label = g_strdup (permission->label);
  c->gettext_domain = g_strdup (permission->gettext_domain);
  c->public.name = c->name;
  c->public.label = c->label;
  c->public.roles = permission->roles;
  c->public.gettext_domain = c->gettext_domain;
  add_registration (self, REG_PERMISSION, c);
}

/**
 * helder_context_lookup_permission:
 *
 * Returns: (transfer none) (nullable): the permission called @name
 */
const HelderPermission *
helder_context_lookup_permission (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == REG_PERMISSION && g_str_equal (((PermissionCopy *) r->data)->name, name))
        return r->data;
    }
  return NULL;
}

/**
 * helder_context_list_permissions:
 *
 * Returns: (transfer container) (element-type HelderPermission): every
 *   permission, in the order registered
 */
GPtrArray *
helder_context_list_permissions (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return list_registrations (self, REG_PERMISSION);
}

/**
 * helder_context_role_may:
 * @roles: #HelderRole bits of who asks
 * @permission: a permission's name
 *
 * Returns: whether one of @roles holds @permission; %FALSE for a
 *   permission nobody registered
 */
gboolean
helder_context_role_may (HelderContext *self, guint roles, const char *permission)
{
  const HelderPermission *p;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);

  if (permission == NULL)
    return FALSE;
  p = helder_context_lookup_permission (self, permission);
  return p != NULL && (p->roles & roles) != 0;
}

/**
 * helder_context_add_routes:
 * @routes: (array length=n_routes): copied
 *
 * Adds routes to the web server's one route × permission table. Each names
 * a registered permission; the server refuses callers without it before
 * the handler runs, and the authorisation test covers the route for every
 * role without being told about it.
 */
void
helder_context_add_routes (HelderContext *self, const HelderWebRoute *routes, guint n_routes)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));

  for (guint i = 0; i < n_routes; i++)
    {
      RouteCopy *c;

      g_return_if_fail (routes[i].method != NULL && routes[i].pattern != NULL);
      g_return_if_fail (routes[i].permission != NULL && routes[i].handler != NULL);
      c = g_new0 (RouteCopy, 1);
      c->method = g_strdup (routes[i].method);
      c->pattern = g_strdup (routes[i].pattern);
      c->permission = g_strdup (routes[i].permission);
      c->summary = g_strdup (routes[i].summary ? routes[i].summary : "");
      c->public = routes[i];
      c->public.method = c->method;
      c->public.pattern = c->pattern;
      c->public.permission = c->permission;
      c->public.summary = c->summary;
      add_registration (self, REG_ROUTE, c);
    }
}

/**
 * helder_context_list_routes:
 *
 * Returns: (transfer container) (element-type HelderWebRoute): the routes
 *   plugins added, in the order added (core's own are in the web layer)
 */
GPtrArray *
helder_context_list_routes (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return list_registrations (self, REG_ROUTE);
}

void
helder_context_add_nav_entry (HelderContext *self, const HelderNavEntry *entry)
{
  NavCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (entry != NULL && entry->href != NULL && entry->label != NULL);
  g_return_if_fail (entry->permission != NULL);

  c = g_new0 (NavCopy, 1);
  c->href = g_strdup (entry->href);
  c->label = g_strdup (entry->label);
  c->permission = g_strdup (entry->permission);
  c->gettext_domain = g_strdup (entry->gettext_domain);
  c->public = *entry;
  c->public.href = c->href;
  c->public.label = c->label;
  c->public.permission = c->permission;
  c->public.gettext_domain = c->gettext_domain;
  add_registration (self, REG_NAV, c);
}

static int
compare_nav (gconstpointer a, gconstpointer b)
{
  const HelderNavEntry *x = *(const HelderNavEntry **) a;
  const HelderNavEntry *y = *(const HelderNavEntry **) b;

  return (x->position > y->position) - (x->position < y->position);
}

/**
 * helder_context_list_nav:
 *
 * Returns: (transfer container) (element-type HelderNavEntry): every
 *   navigation entry, by position
 */
GPtrArray *
helder_context_list_nav (HelderContext *self)
{
  GPtrArray *list;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  list = list_registrations (self, REG_NAV);
  g_ptr_array_sort (list, compare_nav);
  return list;
}

void
helder_context_add_templates (HelderContext *self, const HelderTemplates *templates)
{
  TemplatesCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (templates != NULL && templates->prefix != NULL && templates->name != NULL);

  c = g_new0 (TemplatesCopy, 1);
  c->prefix = g_strdup (templates->prefix);
  c->name = g_strdup (templates->name);
  c->gettext_domain = g_strdup (templates->gettext_domain);
  c->public.prefix = c->prefix;
  c->public.name = c->name;
  c->public.gettext_domain = c->gettext_domain;
  add_registration (self, REG_TEMPLATES, c);
}

/**
 * helder_context_find_templates:
 * @name: the part of a template's name before its '/'
 *
 * Returns: (transfer none) (nullable): the templates registered as @name
 */
const HelderTemplates *
helder_context_find_templates (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == REG_TEMPLATES && g_str_equal (((TemplatesCopy *) r->data)->name, name))
        return r->data;
    }
  return NULL;
}

/**
 * helder_context_list_templates:
 *
 * Returns: (transfer container) (element-type HelderTemplates): the
 *   plugins' templates
 */
GPtrArray *
helder_context_list_templates (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return list_registrations (self, REG_TEMPLATES);
}

/**
 * helder_context_add_openapi:
 * @document: a JSON object with the plugin's "paths" and, optionally,
 *   "components": {"schemas": …}; merged into /api/v1/openapi.json
 */
void
helder_context_add_openapi (HelderContext *self, const char *document)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (document != NULL);

  add_registration (self, REG_OPENAPI, g_strdup (document));
}

/**
 * helder_context_list_openapi:
 *
 * Returns: (transfer container) (element-type utf8): the OpenAPI parts
 */
GPtrArray *
helder_context_list_openapi (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return list_registrations (self, REG_OPENAPI);
}

static void
add_entity_permissions (HelderContext *self, const HelderEntity *entity)
{
  for (int write = 0; write <= 1; write++)
    {
      g_autofree char *name = helder_entity_get_permission (entity, write);
      g_autofree char *label = NULL;
      HelderPermission p = { 0 };

      if (helder_context_lookup_permission (self, name) != NULL)
        continue;
      /* The label names the noun by its plural, untranslated: the label
       * is translated when it is shown. */
      label = g_strdup_printf (write ? "change %s" : "read %s", entity->plural);
      p.name = name;
      p.label = label;
      p.roles = write ? entity->write_roles : entity->read_roles;
      helder_context_add_permission (self, &p);
    }
}

/**
 * helder_context_add_entity:
 * @entity: (transfer none): lives until the plugin unloads
 *
 * Registers a plugin's noun (helder_entity_register()) and its read and
 * write permissions, held by the entity's read_roles and write_roles.
 *
 * Returns: %FALSE when the noun clashes with one that is known
 */
gboolean
helder_context_add_entity (HelderContext *self, const HelderEntity *entity, GError **error)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  if (!helder_entity_register (entity, error))
    return FALSE;
  add_registration (self, REG_ENTITY, (gpointer) entity);
  add_entity_permissions (self, entity);
  return TRUE;
}

void
helder_context_add_person_data (HelderContext *self, const HelderPersonData *data)
{
  PersonDataCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (data != NULL && data->name != NULL && data->export != NULL &&
                    data->erase != NULL);

  c = g_new0 (PersonDataCopy, 1);
  c->name = g_strdup (data->name);
  c->public = *data;
  c->public.name = c->name;
  add_registration (self, REG_PERSON_DATA, c);
}

/**
 * helder_context_list_person_data:
 *
 * Returns: (transfer container) (element-type HelderPersonData): what
 *   plugins keep about people outside their nouns
 */
GPtrArray *
helder_context_list_person_data (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return list_registrations (self, REG_PERSON_DATA);
}

/* Core's permissions: one per thing the routes of core allow that is not
 * reading or changing a noun (those come from the entities); and core's
 * navigation entries, which plugins' entries join by position. */
static void
helder_context_register_core_permissions (HelderContext *self)
{
  static const HelderPermission core[] = {
    { "site.public", N_ ("see the home page, sign in and read the API description"),
      HELDER_ROLES_ANYONE },
    { "me.read", N_ ("read one’s own transition"), HELDER_ROLES_SIGNED_IN },
    { "dashboard.read", N_ ("see the dashboard and where the programme stands"),
      HELDER_ROLE_ADVISOR },
    { "people.transition", N_ ("see a person’s transition as they see it"), HELDER_ROLE_ADVISOR },
    { "moments.approve", N_ ("approve, cancel and supersede moments"), HELDER_ROLE_ADVISOR },
    { "commitments.record", N_ ("record what became of a commitment"), HELDER_ROLE_ADVISOR },
    { "gates.decide", N_ ("record a gate decision"), HELDER_ROLE_ADVISOR },
    { "audit.read", N_ ("read the audit log"), HELDER_ROLE_ADVISOR },
    { "hr.board", N_ ("see the roles to fill and the people to place"), HELDER_ROLES_STAFF },
    { "persons.privacy", N_ ("export and erase everything about a person"), HELDER_ROLE_ADVISOR },
  };
  const HelderEntity *const *entities;
  guint n = 0;

  static const HelderNavEntry nav[] = {
    { "/dashboard", N_ ("Dashboard"), "dashboard.read", 10 },
    { "/moments/new", N_ ("New moment"), "moments.write", 20 },
    { "/hr", N_ ("HR board"), "hr.board", 30 },
    { "/audit", N_ ("Audit log"), "audit.read", 40 },
    { "/me", N_ ("My page"), "me.read", 90 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (core); i++)
    helder_context_add_permission (self, &core[i]);
  for (guint i = 0; i < G_N_ELEMENTS (nav); i++)
    helder_context_add_nav_entry (self, &nav[i]);
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (entities[i]->owner == NULL)
      add_entity_permissions (self, entities[i]);
}
