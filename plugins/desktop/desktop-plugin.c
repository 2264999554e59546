/* desktop-plugin.c — the desktop plugin: the "desktop" channel and `helder notifier`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One module, two extensions:
 *
 * - DesktopChannel (a HelderChannel) called "desktop". Desktop messages are
 *   fetched, not pushed: delivering one only offers it. The row then waits
 *   at /api/v1/me/notifications until the person's notifier has shown it
 *   and acknowledged it, and only then counts as sent.
 * - DesktopAddin (a HelderAddin) registers the `helder notifier` command,
 *   the libnotify client that people run in their desktop session
 *   (desktop-notifier-command.c), and the routes the notifier talks to,
 *   with their permission and OpenAPI part (desktop-web.c); they go again
 *   when the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-desktop"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <libpeas/peas.h>

#include "helder.h"

#include "desktop-notifier.h"
#include "desktop-web.h"

#define COMPONENT    "desktop"
#define CHANNEL_NAME DESKTOP_CHANNEL_NAME

/* ---- the addin -------------------------------------------------------- */

#define DESKTOP_TYPE_ADDIN (desktop_addin_get_type ())
G_DECLARE_FINAL_TYPE (DesktopAddin, desktop_addin, DESKTOP, ADDIN, PeasExtensionBase)

struct _DesktopAddin
{
  PeasExtensionBase parent_instance;
};

static void desktop_addin_iface_init (HelderAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (DesktopAddin,
                                desktop_addin,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_ADDIN,
                                                               desktop_addin_iface_init))

static void
desktop_addin_load (HelderAddin *addin, HelderContext *context)
{
  const HelderCommand notifier = {
    .name = "notifier",
    .summary = desktop_notifier_summary,
    .owner = COMPONENT,
    .gettext_domain = GETTEXT_PACKAGE,
    .func = desktop_notifier_command_run,
  };

  helder_context_add_command (context, &notifier);
  desktop_web_register (context);
}

static void
desktop_addin_unload (HelderAddin *addin, HelderContext *context)
{
  helder_context_remove_command (context, "notifier");
}

static void
desktop_addin_iface_init (HelderAddinInterface *iface)
{
  iface->load = desktop_addin_load;
  iface->unload = desktop_addin_unload;
}

static void
desktop_addin_class_init (DesktopAddinClass *klass)
{
}

static void
desktop_addin_class_finalize (DesktopAddinClass *klass)
{
}

static void
desktop_addin_init (DesktopAddin *self)
{
}

/* ---- the channel ------------------------------------------------------ */

#define DESKTOP_TYPE_CHANNEL (desktop_channel_get_type ())
G_DECLARE_FINAL_TYPE (DesktopChannel, desktop_channel, DESKTOP, CHANNEL, PeasExtensionBase)

struct _DesktopChannel
{
  PeasExtensionBase parent_instance;
};

static void desktop_channel_iface_init (HelderChannelInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (DesktopChannel,
                                desktop_channel,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_CHANNEL,
                                                               desktop_channel_iface_init))

static const char *
desktop_channel_get_name (HelderChannel *channel)
{
  return CHANNEL_NAME;
}

static const char *
desktop_channel_get_label (HelderChannel *channel)
{
  return N_ ("desktop notification");
}

static const char *
desktop_channel_get_gettext_domain (HelderChannel *channel)
{
  return GETTEXT_PACKAGE;
}

/* A person is reached on the desktop when they chose the desktop channel:
 * `channels` is the set of channels from their row. */
static gboolean
desktop_channel_can_reach (HelderChannel *channel, JsonObject *person)
{
  JsonNode *node = json_object_get_member (person, "channels");
  JsonArray *channels;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  channels = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonNode *element = json_array_get_element (channels, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), CHANNEL_NAME) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Nothing is sent from here: the row is offered, and the server hands it
 * to the person's notifier, which acknowledges it. Reads only its
 * arguments, so several workers may call it at once. */
static HelderDeliveryOutcome
desktop_channel_deliver (HelderChannel *channel,
                         JsonObject *delivery,
                         JsonObject *person,
                         GCancellable *cancellable,
                         GError **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return HELDER_DELIVERY_TRANSIENT;
  if (!desktop_channel_can_reach (channel, person))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("person %" PRId64 " does not receive desktop notifications "
                      "(“desktop” is not among their channels)"),
                   (int64_t) json_object_get_int_member_with_default (person, "id", 0));
      return HELDER_DELIVERY_PERMANENT;
    }
  g_debug ("offered %s to person %" G_GINT64_FORMAT,
           json_object_get_string_member_with_default (delivery, "key", "?"),
           json_object_get_int_member_with_default (person, "id", 0));
  return HELDER_DELIVERY_OFFERED;
}

static void
desktop_channel_iface_init (HelderChannelInterface *iface)
{
  iface->get_name = desktop_channel_get_name;
  iface->get_label = desktop_channel_get_label;
  iface->get_gettext_domain = desktop_channel_get_gettext_domain;
  iface->can_reach = desktop_channel_can_reach;
  iface->deliver = desktop_channel_deliver;
}

static void
desktop_channel_class_init (DesktopChannelClass *klass)
{
}

static void
desktop_channel_class_finalize (DesktopChannelClass *klass)
{
}

static void
desktop_channel_init (DesktopChannel *self)
{
}

/* ---- the module ------------------------------------------------------- */

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  desktop_addin_register_type (G_TYPE_MODULE (module));
  desktop_channel_register_type (G_TYPE_MODULE (module));

  peas_object_module_register_extension_type (module, HELDER_TYPE_ADDIN, DESKTOP_TYPE_ADDIN);
  peas_object_module_register_extension_type (module, HELDER_TYPE_CHANNEL, DESKTOP_TYPE_CHANNEL);
}
