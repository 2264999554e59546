/* helder-engine.c — finds and loads the plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file of Helder that talks to libpeas. It owns one PeasEngine (an
 * instance, never the process-wide default, so that tests point it at the
 * build tree), scans the folders of HELDER_PLUGIN_PATH and the installed
 * plugin folder, loads every plugin it finds, and creates the HelderAddin
 * and HelderChannel extensions they provide. A plugin that fails to load is
 * recorded with the reason and skipped: a broken plugin never stops Helder.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <libpeas/peas.h>

#include "engine/helder-engine.h"

/* What the engine knows about one plugin: one libpeas found, or a .plugin
 * file libpeas could not read (then @info is NULL, @module is the file's
 * name and @error says what is wrong with it). */
typedef struct
{
  PeasPluginInfo *info;   /* owned by the PeasEngine, or NULL */
  char *module;           /* when @info is NULL: the file's name */
  HelderAddin *addin;     /* the extension, while loaded */
  HelderChannel *channel; /* the extension, while loaded */
  char *error;            /* why it did not load, or NULL */
  char *provides;         /* "addin", "channel", "addin, channel" or "" */
} Plugin;

struct _HelderEngine
{
  GObject parent_instance;

  HelderContext *context; /* weak: the context owns the engine */
  PeasEngine *peas;
  GPtrArray *plugins; /* Plugin, sorted by module name */
};

G_DEFINE_FINAL_TYPE (HelderEngine, helder_engine, G_TYPE_OBJECT)

static void
plugin_free (gpointer data)
{
  Plugin *plugin = data;

  /* Extensions are dropped by unload_all before the PeasEngine goes. */
  g_assert (plugin->addin == NULL);
  g_assert (plugin->channel == NULL);
  g_free (plugin->module);
  g_free (plugin->error);
  g_free (plugin->provides);
  g_free (plugin);
}

static const char *
plugin_module (const Plugin *plugin)
{
  return plugin->info != NULL ? peas_plugin_info_get_module_name (plugin->info) : plugin->module;
}

static int
plugin_compare (gconstpointer a, gconstpointer b)
{
  const Plugin *pa = *(Plugin *const *) a;
  const Plugin *pb = *(Plugin *const *) b;

  return g_strcmp0 (plugin_module (pa), plugin_module (pb));
}

/* libpeas says why a module did not load only in warnings ("Failed to load
 * module 'x': libx.so: cannot open shared object file"), and its GError just
 * says "Failed to load". While the engine loads, those warnings are caught
 * and kept as the plugin's error, so that `helder plugins` can show them
 * instead of every start of `helder` printing them. */
static void
capture_peas_log (const char *log_domain,
                  GLogLevelFlags log_level,
                  const char *message,
                  gpointer user_data)
{
  GString *text = user_data;

  /* No logging in here: GLib aborts on recursive logging. */
  if (text->len > 0)
    g_string_append (text, "; ");
  g_string_append (text, message);
}

typedef struct
{
  GString *text;
  guint handler;
} Capture;

static void
capture_begin (Capture *capture)
{
  capture->text = g_string_new (NULL);
  capture->handler =
    g_log_set_handler ("libpeas", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_FLAG_FATAL,
                       capture_peas_log, capture->text);
}

static char *
capture_end (Capture *capture)
{
  g_log_remove_handler ("libpeas", capture->handler);
  if (capture->text->len == 0)
    {
      g_string_free (capture->text, TRUE);
      return NULL;
    }
  return g_string_free (capture->text, FALSE);
}

static void
add_unreadable (HelderEngine *self, const char *file, char *reason)
{
  g_autofree char *base = g_path_get_basename (file);
  Plugin *plugin = g_new0 (Plugin, 1);

  plugin->module = g_strndup (base, strlen (base) - strlen (".plugin"));
  plugin->error = reason;
  plugin->provides = g_strdup ("");
  g_ptr_array_add (self->plugins, plugin);
}

/* Says what is wrong with a .plugin file that libpeas would not read; it
 * requires a [Plugin] section with Module and Name. */
static void
check_plugin_file (HelderEngine *self, const char *file)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  static const char *const required[] = { "Module", "Name" };

  if (!g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, &error))
    {
      add_unreadable (self, file, g_strdup_printf ("%s: %s", file, error->message));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_key_file_has_key (keys, "Plugin", required[i], NULL))
      {
        add_unreadable (
          self, file,
          g_strdup_printf (_ ("%s: the [Plugin] section has no “%s” key"), file, required[i]));
        return;
      }
}

/* The same files libpeas reads: *.plugin in @dir and one level down. */
static void
check_plugin_files (HelderEngine *self, const char *dir, guint depth)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".plugin"))
        check_plugin_file (self, path);
      else if (depth > 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
        check_plugin_files (self, path, depth - 1);
    }
}

static void
add_search_dir (HelderEngine *self, GPtrArray *seen, const char *dir)
{
  g_autofree char *canonical = NULL;
  g_autofree char *log = NULL;
  Capture capture;

  if (dir == NULL || dir[0] == '\0')
    return;
  canonical = g_canonicalize_filename (dir, NULL);
  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), canonical))
      return;
  g_ptr_array_add (seen, g_strdup (canonical));

  /* A folder that does not exist is not an error: nothing is installed. */
  if (!g_file_test (canonical, G_FILE_TEST_IS_DIR))
    {
      g_debug ("plugin folder %s does not exist", canonical);
      return;
    }
  g_debug ("looking for plugins in %s", canonical);
  capture_begin (&capture);
  peas_engine_add_search_path (self->peas, canonical, NULL);
  log = capture_end (&capture);

  /* Only when libpeas complained are the files read a second time, to
   * find out which ones it skipped and why. */
  if (log != NULL)
    {
      guint before = self->plugins->len;

      g_debug ("libpeas: %s", log);
      check_plugin_files (self, canonical, 1);
      if (self->plugins->len == before)
        g_warning ("%s: %s", canonical, log);
    }
}

/* The folders of HELDER_PLUGIN_PATH in their order, then the installed
 * plugins. libpeas keeps the first plugin it finds with a module name, so
 * the folders of the variable win over the installed ones. Each folder is
 * read once, one level down; nothing else is scanned. */
static void
setup_search_path (HelderEngine *self)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv (HELDER_PLUGIN_PATH_ENV);

  if (env != NULL && env[0] != '\0')
    {
      g_auto (GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        add_search_dir (self, seen, dirs[i]);
    }
  add_search_dir (self, seen, HELDER_PLUGINDIR);
}

static void
collect_plugins (HelderEngine *self)
{
  /* The unreadable files recorded while scanning are already in the list. */
  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    {
      Plugin *plugin = g_new0 (Plugin, 1);

      plugin->info = l->data;
      plugin->provides = g_strdup ("");
      g_ptr_array_add (self->plugins, plugin);
    }
  g_ptr_array_sort (self->plugins, plugin_compare);
}

static void
helder_engine_dispose (GObject *object)
{
  HelderEngine *self = HELDER_ENGINE (object);

  helder_engine_unload_all (self);
  if (self->context != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->context), (gpointer *) &self->context);
      self->context = NULL;
    }
  g_clear_pointer (&self->plugins, g_ptr_array_unref);
  g_clear_object (&self->peas);

  G_OBJECT_CLASS (helder_engine_parent_class)->dispose (object);
}

static void
helder_engine_class_init (HelderEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = helder_engine_dispose;
}

static void
helder_engine_init (HelderEngine *self)
{
  self->plugins = g_ptr_array_new_with_free_func (plugin_free);
}

/**
 * helder_engine_new:
 * @context: the context that addins register with; the engine does not
 *   keep it alive
 *
 * Makes an engine and finds the plugins in the folders of
 * `HELDER_PLUGIN_PATH` and in the installed plugin folder. It loads
 * nothing yet: see helder_engine_load_all(). Most code uses the engine of
 * helder_context_get_engine() instead.
 *
 * Returns: (transfer full): a new #HelderEngine
 */
HelderEngine *
helder_engine_new (HelderContext *context)
{
  HelderEngine *self;

  g_return_val_if_fail (HELDER_IS_CONTEXT (context), NULL);

  self = g_object_new (HELDER_TYPE_ENGINE, NULL);
  self->context = context;
  g_object_add_weak_pointer (G_OBJECT (context), (gpointer *) &self->context);

  self->peas = peas_engine_new ();
  setup_search_path (self);
  collect_plugins (self);

  return self;
}

/**
 * helder_engine_get_context:
 * @self: a #HelderEngine
 *
 * Returns: (transfer none) (nullable): the context, or %NULL once it is gone
 */
HelderContext *
helder_engine_get_context (HelderEngine *self)
{
  g_return_val_if_fail (HELDER_IS_ENGINE (self), NULL);
  return self->context;
}

static void
plugin_fail (Plugin *plugin, char *reason)
{
  g_free (plugin->error);
  plugin->error = reason;
  g_debug ("plugin %s: %s", peas_plugin_info_get_module_name (plugin->info), reason);
}

static GObject *
create_extension (HelderEngine *self, Plugin *plugin, GType type)
{
  Capture capture;
  GObject *extension;
  g_autofree char *log = NULL;

  capture_begin (&capture);
  extension = (GObject *) peas_engine_create_extension (self->peas, plugin->info, type, NULL);
  log = capture_end (&capture);

  if (extension == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (extension, type))
    {
      g_clear_object (&extension);
      plugin_fail (plugin, g_strdup_printf (_ ("could not create its %s: %s"), g_type_name (type),
                                            log != NULL ? log : _ ("no reason given")));
    }
  return extension;
}

/* The model and the services learn which channels exist from here
 * (model/helder-channel-names.h): core names no plugin's channel. */
static void
plugin_set_channel (Plugin *plugin, HelderChannel *channel)
{
  plugin->channel = channel;
  helder_channel_names_add (helder_channel_get_name (channel),
                            HELDER_CHANNEL_GET_IFACE (channel)->get_label != NULL
                              ? HELDER_CHANNEL_GET_IFACE (channel)->get_label (channel)
                              : NULL,
                            helder_channel_get_gettext_domain (channel),
                            helder_channel_get_flags (channel));
}

static void
plugin_drop_channel (Plugin *plugin)
{
  if (plugin->channel == NULL)
    return;
  helder_channel_names_remove (helder_channel_get_name (plugin->channel));
  g_clear_object (&plugin->channel);
}

static gboolean
channel_name_taken (HelderEngine *self, const char *name)
{
  for (guint i = 0; i < self->plugins->len; i++)
    {
      const Plugin *other = g_ptr_array_index (self->plugins, i);

      if (other->channel != NULL && g_strcmp0 (helder_channel_get_name (other->channel), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether HELDER_DISABLED_PLUGINS ("email,desktop") names @module. */
static gboolean
plugin_disabled (const char *module)
{
  const char *env = g_getenv (HELDER_DISABLED_PLUGINS_ENV);
  g_auto (GStrv) names = NULL;

  if (env == NULL || env[0] == '\0')
    return FALSE;
  names = g_strsplit_set (env, ", ", -1);
  return g_strv_contains ((const char *const *) names, module);
}

/* A plugin's module stays mapped after it is unloaded, as GLib wants of
 * modules that register types (their GTypes outlive the module), and so do
 * the libraries it pulled in, some with thread-local storage. Unloading
 * still removes everything the plugin registered. */
static void
keep_resident (PeasPluginInfo *info)
{
  g_autofree char *file =
    g_strdup_printf ("lib%s.%s", peas_plugin_info_get_module_name (info), G_MODULE_SUFFIX);
  g_autofree char *path = g_build_filename (peas_plugin_info_get_module_dir (info), file, NULL);
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module != NULL)
    g_module_make_resident (module);
}

static void load_plugin_as_owner (HelderEngine *self, Plugin *plugin);

/* What the plugin registers while it loads is recorded as its own, so
 * that unloading it removes all of it (helder_context_remove_owned()). */
static void
load_plugin (HelderEngine *self, Plugin *plugin)
{
  g_autofree char *previous = NULL;
  const char *module;

  if (plugin->info == NULL)
    {
      load_plugin_as_owner (self, plugin);
      return;
    }
  module = peas_plugin_info_get_module_name (plugin->info);
  previous = g_strdup (helder_context_get_owner (self->context));
  helder_context_set_owner (self->context, module);
  load_plugin_as_owner (self, plugin);
  helder_context_set_owner (self->context, previous);
  /* A plugin that failed half-way leaves nothing behind. */
  if (plugin->addin == NULL && plugin->channel == NULL)
    helder_context_remove_owned (self->context, module);
}

static void
load_plugin_as_owner (HelderEngine *self, Plugin *plugin)
{
  PeasPluginInfo *info = plugin->info;
  g_autoptr (GString) provides = g_string_new (NULL);
  gboolean wants_addin;
  gboolean wants_channel;

  /* Loaded, or failed, in an earlier call: the first reason is the best. */
  if (plugin->addin != NULL || plugin->channel != NULL || plugin->error != NULL)
    return;

  if (plugin_disabled (peas_plugin_info_get_module_name (info)))
    {
      plugin_fail (plugin, g_strdup_printf (_ ("disabled by %s"), HELDER_DISABLED_PLUGINS_ENV));
      return;
    }

  if (!peas_plugin_info_is_loaded (info))
    {
      Capture capture;
      g_autofree char *log = NULL;
      gboolean loaded;

      capture_begin (&capture);
      loaded = peas_engine_load_plugin (self->peas, info);
      log = capture_end (&capture);

      if (!loaded || !peas_plugin_info_is_loaded (info))
        {
          g_autoptr (GError) error = NULL;

          if (log == NULL)
            peas_plugin_info_is_available (info, &error);
          plugin_fail (plugin, g_strdup (log != NULL     ? log
                                         : error != NULL ? error->message
                                                         : _ ("it could not be loaded")));
          return;
        }
      keep_resident (info);
    }

  wants_addin = peas_engine_provides_extension (self->peas, info, HELDER_TYPE_ADDIN);
  wants_channel = peas_engine_provides_extension (self->peas, info, HELDER_TYPE_CHANNEL);

  if (!wants_addin && !wants_channel)
    {
      plugin_fail (plugin, g_strdup (_ ("it provides neither an addin nor a channel")));
      return;
    }

  if (wants_channel)
    {
      g_autoptr (GObject) extension = create_extension (self, plugin, HELDER_TYPE_CHANNEL);
      const char *name;

      if (extension == NULL)
        return;
      name = helder_channel_get_name (HELDER_CHANNEL (extension));
      if (name == NULL || name[0] == '\0')
        {
          plugin_fail (plugin, g_strdup (_ ("its channel has no name")));
          return;
        }
      if (channel_name_taken (self, name))
        {
          plugin_fail (
            plugin, g_strdup_printf (_ ("another plugin already provides the channel “%s”"), name));
          return;
        }
      plugin_set_channel (plugin, HELDER_CHANNEL (g_steal_pointer (&extension)));
      g_string_append (provides, "channel");
    }

  if (wants_addin)
    {
      g_autoptr (GObject) extension = create_extension (self, plugin, HELDER_TYPE_ADDIN);

      if (extension == NULL)
        {
          plugin_drop_channel (plugin);
          return;
        }
      plugin->addin = HELDER_ADDIN (g_steal_pointer (&extension));
      helder_addin_load (plugin->addin, self->context);
      g_string_prepend (provides, provides->len > 0 ? "addin, " : "addin");
    }

  g_free (plugin->provides);
  plugin->provides = g_string_free (g_steal_pointer (&provides), FALSE);
  g_debug ("loaded plugin %s (%s)", peas_plugin_info_get_module_name (info), plugin->provides);
}

/**
 * helder_engine_load_all:
 * @self: a #HelderEngine
 *
 * Loads every plugin found, creates the extensions each provides and calls
 * helder_addin_load() on its addin. A plugin that fails is recorded with
 * its error (see helder_engine_get_plugins()) and skipped. Calling it again
 * loads only what is not loaded yet.
 */
void
helder_engine_load_all (HelderEngine *self)
{
  g_return_if_fail (HELDER_IS_ENGINE (self));
  g_return_if_fail (self->context != NULL);

  for (guint i = 0; i < self->plugins->len; i++)
    load_plugin (self, g_ptr_array_index (self->plugins, i));
}

/**
 * helder_engine_unload_all:
 * @self: a #HelderEngine
 *
 * Calls helder_addin_unload() on every addin, in the reverse order of
 * loading, and drops all extensions. The errors of plugins that failed
 * stay on record.
 */
void
helder_engine_unload_all (HelderEngine *self)
{
  g_return_if_fail (HELDER_IS_ENGINE (self));

  if (self->plugins == NULL)
    return;

  for (guint i = self->plugins->len; i > 0; i--)
    {
      Plugin *plugin = g_ptr_array_index (self->plugins, i - 1);

      if (plugin->addin == NULL && plugin->channel == NULL)
        continue;

      if (plugin->addin != NULL && self->context != NULL)
        helder_addin_unload (plugin->addin, self->context);
      if (self->context != NULL && plugin->info != NULL)
        helder_context_remove_owned (self->context,
                                     peas_plugin_info_get_module_name (plugin->info));
      g_clear_object (&plugin->addin);
      plugin_drop_channel (plugin);
      g_free (plugin->provides);
      plugin->provides = g_strdup ("");
      if (peas_plugin_info_is_loaded (plugin->info))
        peas_engine_unload_plugin (self->peas, plugin->info);
    }
}

/**
 * helder_engine_get_plugins:
 * @self: a #HelderEngine
 *
 * Returns: (transfer full) (element-type HelderPluginInfo): every plugin
 *   found, sorted by module name, with whether it loaded and why not
 */
GPtrArray *
helder_engine_get_plugins (HelderEngine *self)
{
  GPtrArray *result;

  g_return_val_if_fail (HELDER_IS_ENGINE (self), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) helder_plugin_info_free);
  for (guint i = 0; i < self->plugins->len; i++)
    {
      const Plugin *plugin = g_ptr_array_index (self->plugins, i);
      HelderPluginInfo *info = g_new0 (HelderPluginInfo, 1);

      info->module = g_strdup (plugin_module (plugin));
      if (plugin->info != NULL)
        {
          info->name = g_strdup (peas_plugin_info_get_name (plugin->info));
          info->description = g_strdup (peas_plugin_info_get_description (plugin->info));
          info->version = g_strdup (peas_plugin_info_get_version (plugin->info));
        }
      info->loaded = plugin->error == NULL && (plugin->addin != NULL || plugin->channel != NULL);
      info->error = g_strdup (plugin->error);
      info->provides = g_strdup (plugin->provides);
      g_ptr_array_add (result, info);
    }
  return result;
}

/**
 * helder_engine_get_channels:
 * @self: a #HelderEngine
 *
 * Returns: (transfer full) (element-type HelderChannel): the channels of
 *   the loaded plugins, sorted by the module name of their plugin
 */
GPtrArray *
helder_engine_get_channels (HelderEngine *self)
{
  GPtrArray *result;

  g_return_val_if_fail (HELDER_IS_ENGINE (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->plugins->len; i++)
    {
      const Plugin *plugin = g_ptr_array_index (self->plugins, i);

      if (plugin->channel != NULL)
        g_ptr_array_add (result, g_object_ref (plugin->channel));
    }
  return result;
}

/**
 * helder_engine_find_channel:
 * @self: a #HelderEngine
 * @name: a channel name, e.g. "email"
 *
 * Returns: (transfer none) (nullable): the loaded channel called @name
 */
HelderChannel *
helder_engine_find_channel (HelderEngine *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_ENGINE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->plugins->len; i++)
    {
      const Plugin *plugin = g_ptr_array_index (self->plugins, i);

      if (plugin->channel != NULL &&
          g_strcmp0 (helder_channel_get_name (plugin->channel), name) == 0)
        return plugin->channel;
    }
  return NULL;
}
