/* helder-channel.c — the extension point for delivery channels
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "engine/helder-channel.h"

G_DEFINE_ENUM_TYPE (HelderDeliveryOutcome,
                    helder_delivery_outcome,
                    G_DEFINE_ENUM_VALUE (HELDER_DELIVERY_SENT, "sent"),
                    G_DEFINE_ENUM_VALUE (HELDER_DELIVERY_TRANSIENT, "transient"),
                    G_DEFINE_ENUM_VALUE (HELDER_DELIVERY_PERMANENT, "permanent"),
                    G_DEFINE_ENUM_VALUE (HELDER_DELIVERY_OFFERED, "offered"))

G_DEFINE_INTERFACE (HelderChannel, helder_channel, G_TYPE_OBJECT)

static void
helder_channel_default_init (HelderChannelInterface *iface)
{
}

/**
 * helder_channel_get_name:
 * @self: a #HelderChannel
 *
 * Returns: the channel's name, e.g. "email"
 */
const char *
helder_channel_get_name (HelderChannel *self)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), NULL);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  g_return_val_if_fail (iface->get_name != NULL, NULL);
  return iface->get_name (self);
}

/**
 * helder_channel_get_label:
 * @self: a #HelderChannel
 *
 * Returns: what people read for the channel, e.g. "e-mail", in the
 *   current language
 */
const char *
helder_channel_get_label (HelderChannel *self)
{
  HelderChannelInterface *iface;
  const char *label;
  const char *domain;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), NULL);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  label = iface->get_label != NULL ? iface->get_label (self) : NULL;
  if (label == NULL)
    return helder_channel_get_name (self);
  domain = helder_channel_get_gettext_domain (self);
  return domain != NULL ? g_dgettext (domain, label) : _ (label);
}

/**
 * helder_channel_get_gettext_domain:
 * @self: a #HelderChannel
 *
 * Returns: (nullable): the gettext domain of the channel's label; %NULL
 *   for "helder"
 */
const char *
helder_channel_get_gettext_domain (HelderChannel *self)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), NULL);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  return iface->get_gettext_domain != NULL ? iface->get_gettext_domain (self) : NULL;
}

/**
 * helder_channel_get_flags:
 * @self: a #HelderChannel
 *
 * Returns: the channel's #HelderChannelFlags
 */
HelderChannelFlags
helder_channel_get_flags (HelderChannel *self)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), HELDER_CHANNEL_NONE);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  return iface->get_flags != NULL ? iface->get_flags (self) : HELDER_CHANNEL_NONE;
}

/**
 * helder_channel_can_reach:
 * @self: a #HelderChannel
 * @person: the person's row
 *
 * Returns: %TRUE when the channel has what it needs to reach @person
 */
gboolean
helder_channel_can_reach (HelderChannel *self, JsonObject *person)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  if (iface->can_reach == NULL)
    return TRUE;
  return iface->can_reach (self, person);
}

/**
 * helder_channel_configure:
 * @self: a #HelderChannel
 * @settings: every registered setting, name → string value
 * @error: where a setting the channel cannot work with is reported
 *
 * Gives the channel the current settings. A channel without a configure
 * method needs none.
 *
 * Returns: %TRUE when the channel can deliver with these settings
 */
gboolean
helder_channel_configure (HelderChannel *self, JsonObject *settings, GError **error)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  if (iface->configure == NULL)
    return TRUE;
  return iface->configure (self, settings, error);
}

/**
 * helder_channel_preview:
 * @self: a #HelderChannel
 * @delivery: the message, as for helder_channel_deliver()
 * @person: the person it is for
 * @format: "html" or "mime"
 * @error: set when the channel cannot render @format
 *
 * Returns: (transfer full) (nullable): the message as the channel would
 *   send it, or %NULL with @error set
 */
char *
helder_channel_preview (HelderChannel *self,
                        JsonObject *delivery,
                        JsonObject *person,
                        const char *format,
                        GError **error)
{
  HelderChannelInterface *iface;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), NULL);
  g_return_val_if_fail (delivery != NULL && person != NULL && format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  if (iface->preview == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("channel “%s” cannot show a preview as “%s”"), helder_channel_get_name (self),
                   format);
      return NULL;
    }
  return iface->preview (self, delivery, person, format, error);
}

/**
 * helder_channel_deliver:
 * @self: a #HelderChannel
 * @delivery: the delivery: source, person, channel, subject, body, locale
 * @person: the person's row
 * @cancellable: (nullable): a #GCancellable
 * @error: set when the outcome is not %HELDER_DELIVERY_SENT
 *
 * Delivers one message to one person. A channel that fails without saying
 * why gets a generic error here, so that the outbox always has a reason
 * to record.
 *
 * Returns: what became of the delivery
 */
HelderDeliveryOutcome
helder_channel_deliver (HelderChannel *self,
                        JsonObject *delivery,
                        JsonObject *person,
                        GCancellable *cancellable,
                        GError **error)
{
  HelderChannelInterface *iface;
  g_autoptr (GError) local = NULL;
  HelderDeliveryOutcome outcome;

  g_return_val_if_fail (HELDER_IS_CHANNEL (self), HELDER_DELIVERY_PERMANENT);
  g_return_val_if_fail (delivery != NULL, HELDER_DELIVERY_PERMANENT);
  g_return_val_if_fail (person != NULL, HELDER_DELIVERY_PERMANENT);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable),
                        HELDER_DELIVERY_PERMANENT);
  g_return_val_if_fail (error == NULL || *error == NULL, HELDER_DELIVERY_PERMANENT);

  iface = HELDER_CHANNEL_GET_IFACE (self);
  g_return_val_if_fail (iface->deliver != NULL, HELDER_DELIVERY_PERMANENT);

  outcome = iface->deliver (self, delivery, person, cancellable, &local);
  if (outcome == HELDER_DELIVERY_SENT || outcome == HELDER_DELIVERY_OFFERED)
    {
      if (local != NULL)
        g_debug ("channel %s: sent, but reported: %s", helder_channel_get_name (self),
                 local->message);
      return outcome;
    }

  if (local == NULL)
    g_set_error (&local, HELDER_ERROR, HELDER_ERROR_IO,
                 _ ("channel “%s” could not deliver the message and gave no reason"),
                 helder_channel_get_name (self));
  g_propagate_error (error, g_steal_pointer (&local));
  return outcome;
}
