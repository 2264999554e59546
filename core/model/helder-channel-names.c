/* helder-channel-names.c — which delivery channels exist, for the layers
 * below the engine
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channels are plugins (HelderChannel, engine/helder-channel.h), and the
 * engine is above the model and the services. So that the model can check
 * a person's or a moment's channels, and the scheduler can find the
 * channels people take without choosing, the engine registers here the
 * name, label and flags of every channel it loads, and removes them when
 * the plugin unloads. Core itself names no plugin's channel.
 *
 * The list is process-wide, like the entity registry: two engines that
 * load the same channel register it twice and it stays until both
 * removed it.
 */
#define G_LOG_DOMAIN "helder-entity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "model/helder-channel-names.h"

typedef struct
{
  char *name;
  char *label;
  char *gettext_domain;
  HelderChannelFlags flags;
  guint count; /* how many engines registered it */
} Name;

static GMutex names_lock;
static GPtrArray *names; /* Name, sorted by name */

static void
name_free (gpointer data)
{
  Name *n = data;

  g_free (n->name);
  g_free (n->label);
  g_free (n->gettext_domain);
  g_free (n);
}

static int
name_compare (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 ((*(Name *const *) a)->name, (*(Name *const *) b)->name);
}

/* With names_lock held. */
static Name *
find (const char *name)
{
  if (names == NULL || name == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      Name *n = g_ptr_array_index (names, i);

      if (g_str_equal (n->name, name))
        return n;
    }
  return NULL;
}

/**
 * helder_channel_names_add:
 * @name: the channel's name, as rows name it
 * @label: (nullable): what people read for it, untranslated, in
 *   @gettext_domain; %NULL: @name
 * @gettext_domain: (nullable): the domain of @label; %NULL for "helder"
 * @flags: #HelderChannelFlags
 *
 * Makes @name a channel that people and moments may choose. The engine
 * calls this when it loads a channel.
 */
void
helder_channel_names_add (const char *name,
                          const char *label,
                          const char *gettext_domain,
                          HelderChannelFlags flags)
{
  Name *n;

  g_return_if_fail (name != NULL && name[0] != '\0');

  g_mutex_lock (&names_lock);
  if (names == NULL)
    names = g_ptr_array_new_with_free_func (name_free);
  n = find (name);
  if (n == NULL)
    {
      n = g_new0 (Name, 1);
      n->name = g_strdup (name);
      n->label = g_strdup (label != NULL ? label : name);
      n->gettext_domain = g_strdup (gettext_domain);
      n->flags = flags;
      g_ptr_array_add (names, n);
      g_ptr_array_sort (names, name_compare);
    }
  n->count++;
  g_mutex_unlock (&names_lock);
}

/**
 * helder_channel_names_remove:
 * @name: a channel added with helder_channel_names_add()
 *
 * The engine calls this when the channel's plugin unloads.
 */
void
helder_channel_names_remove (const char *name)
{
  Name *n;

  g_return_if_fail (name != NULL);

  g_mutex_lock (&names_lock);
  n = find (name);
  if (n != NULL && --n->count == 0)
    g_ptr_array_remove (names, n);
  g_mutex_unlock (&names_lock);
}

/**
 * helder_channel_names_contains:
 *
 * Returns: whether a loaded plugin provides the channel @name
 */
gboolean
helder_channel_names_contains (const char *name)
{
  gboolean found;

  g_mutex_lock (&names_lock);
  found = find (name) != NULL;
  g_mutex_unlock (&names_lock);
  return found;
}

/**
 * helder_channel_names_list:
 * @flags: the flags a channel must have, all of them; 0 for every channel
 *
 * Returns: (transfer full): the names of the loaded channels with @flags,
 *   the default ones first, then by name
 */
GStrv
helder_channel_names_list (HelderChannelFlags flags)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&names_lock);
  for (int pass = 0; pass < 2 && names != NULL; pass++)
    for (guint i = 0; i < names->len; i++)
      {
        const Name *n = g_ptr_array_index (names, i);
        gboolean is_default = (n->flags & HELDER_CHANNEL_DEFAULT) != 0;

        if ((n->flags & flags) == flags && is_default == (pass == 0))
          g_strv_builder_add (builder, n->name);
      }
  g_mutex_unlock (&names_lock);
  return g_strv_builder_end (builder);
}

/**
 * helder_channel_names_get_label:
 * @name: a channel's name
 *
 * Returns: (transfer none) (nullable): the channel's label in the current
 *   language, valid while the channel stays loaded; %NULL when no loaded
 *   plugin provides @name
 */
const char *
helder_channel_names_get_label (const char *name)
{
  const char *label = NULL;
  Name *n;

  g_mutex_lock (&names_lock);
  n = find (name);
  if (n != NULL)
    label = n->gettext_domain != NULL ? g_dgettext (n->gettext_domain, n->label) : _ (n->label);
  g_mutex_unlock (&names_lock);
  return label;
}

/**
 * helder_channel_names_get_flags:
 * @name: a channel's name
 *
 * Returns: the channel's #HelderChannelFlags; none when no loaded plugin
 *   provides @name
 */
HelderChannelFlags
helder_channel_names_get_flags (const char *name)
{
  HelderChannelFlags flags = HELDER_CHANNEL_NONE;
  Name *n;

  g_mutex_lock (&names_lock);
  n = find (name);
  if (n != NULL)
    flags = n->flags;
  g_mutex_unlock (&names_lock);
  return flags;
}
