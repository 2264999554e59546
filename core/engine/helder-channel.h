/* helder-channel.h — the extension point for delivery channels
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "model/helder-channel-names.h"

G_BEGIN_DECLS

/**
 * SECTION:helder-channel
 * @title: HelderChannel
 * @short_description: delivers one message to one person
 *
 * A #HelderChannel takes one row of the outbox (a delivery) to one person:
 * by e-mail, as a desktop notification, … The outbox worker hands each
 * claimed delivery to the channel named in it and records the outcome;
 * the channel itself keeps no state about deliveries.
 *
 * The @delivery object a channel gets has these members:
 *
 * - `source` (string): what the message is about, e.g. "moment:12" or
 *   "digest:7:2026-W48"; together with `person` and `channel` it is the
 *   delivery's key, from which a channel derives a stable message id
 *   (an e-mail Message-ID) so that receivers can drop duplicates;
 * - `person` (integer): the id of the person it is for;
 * - `channel` (string): the channel's name, as helder_channel_get_name();
 * - `subject` (string): one line, already in the person's language;
 * - `body` (string): the message in CommonMark, already in the person's
 *   language; the channel renders it to what its medium shows;
 * - `locale` (string): the person's locale, "nl" or "en";
 * - `id` (integer): the outbox row's id;
 * - `key` (string): "SOURCE/PERSON/CHANNEL", the delivery key; a channel
 *   derives stable message ids from it;
 * - `link` (string): the address of the person's own page, or "": a
 *   sign-in link of this message's own (BASE/s/CODE, see
 *   services/access/helder-message-link.h), which the body's closing line
 *   carries too; a channel shows it and keeps it nowhere.
 * - `calendar` (string): an iCalendar object (a meeting's invitation,
 *   its METHOD "REQUEST" or "CANCEL") to attach, or "". A channel that
 *   cannot carry it ignores it; one that can (e-mail) adds it as
 *   text/calendar, and fills in an ORGANIZER when it has none (the
 *   sender, whom only the channel knows).
 *
 * Settings reach a channel through helder_channel_configure(): the outbox
 * worker calls it with every registered setting (see helder-setting.h)
 * before it delivers, and again when they change. It never calls
 * configure while a deliver is running. deliver may run in several worker
 * threads at once.
 *
 * The @person object is the person's row as core's store holds it
 * (`id`, `name`, `email`, `locale`, `channels`, …).
 */

/**
 * HelderDeliveryOutcome:
 * @HELDER_DELIVERY_SENT: the message was handed over; the row is done
 * @HELDER_DELIVERY_TRANSIENT: it failed, but trying again later may work
 *   (a server that is down, a timeout, a full mailbox); the outbox retries
 *   with back-off
 * @HELDER_DELIVERY_PERMANENT: it failed and will fail again (no address,
 *   a rejected recipient); the outbox does not retry
 * @HELDER_DELIVERY_OFFERED: the message waits for the person to fetch it
 *   (the desktop notifier); the row counts as sent once they acknowledge it
 *
 * What became of one delivery.
 */
typedef enum
{
  HELDER_DELIVERY_SENT,
  HELDER_DELIVERY_TRANSIENT,
  HELDER_DELIVERY_PERMANENT,
  HELDER_DELIVERY_OFFERED,
} HelderDeliveryOutcome;

#define HELDER_TYPE_DELIVERY_OUTCOME (helder_delivery_outcome_get_type ())
GType helder_delivery_outcome_get_type (void) G_GNUC_CONST;

#define HELDER_TYPE_CHANNEL (helder_channel_get_type ())
G_DECLARE_INTERFACE (HelderChannel, helder_channel, HELDER, CHANNEL, GObject)

/**
 * HelderChannelInterface:
 * @parent_iface: the parent interface
 * @get_name: the channel's name as people and rows name it, e.g. "email";
 *   required
 * @get_label: what people read for the channel on forms and in lists,
 *   e.g. "e-mail": an N_() string, untranslated, in @get_gettext_domain's
 *   domain; optional, the name when unset
 * @get_gettext_domain: the gettext domain of the label (the plugin's own);
 *   optional, "helder" when unset
 * @get_flags: #HelderChannelFlags: whether people who chose no channel,
 *   and moments that chose none, take this one, and whether the weekly
 *   digest goes by it; optional, none when unset
 * @can_reach: whether the channel has what it needs to reach @person
 *   (an address, a registered notifier); optional, %TRUE when unset
 * @configure: takes the current settings (a JSON object of setting name →
 *   string value, every registered setting present); returns %FALSE with a
 *   message naming the setting when the channel cannot work with them, and
 *   the channel is then unavailable until the settings change; optional
 * @preview: renders one message the way deliver would send it, without
 *   sending it; @format is "html" (what the person sees) or "mime" (the
 *   whole message as it goes out); returns %NULL with an error for a
 *   format the channel does not know; optional
 * @deliver: delivers one message; required. It may block: the outbox calls
 *   it from a worker thread, never from the server's main loop
 *
 * The virtual methods of #HelderChannel.
 */
struct _HelderChannelInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name) (HelderChannel *self);
  const char *(*get_label) (HelderChannel *self);
  const char *(*get_gettext_domain) (HelderChannel *self);
  HelderChannelFlags (*get_flags) (HelderChannel *self);
  gboolean (*can_reach) (HelderChannel *self, JsonObject *person);
  gboolean (*configure) (HelderChannel *self, JsonObject *settings, GError **error);
  char *(*preview) (HelderChannel *self,
                    JsonObject *delivery,
                    JsonObject *person,
                    const char *format,
                    GError **error);
  HelderDeliveryOutcome (*deliver) (HelderChannel *self,
                                    JsonObject *delivery,
                                    JsonObject *person,
                                    GCancellable *cancellable,
                                    GError **error);
};

const char *helder_channel_get_name (HelderChannel *self);
const char *helder_channel_get_label (HelderChannel *self);
const char *helder_channel_get_gettext_domain (HelderChannel *self);
HelderChannelFlags helder_channel_get_flags (HelderChannel *self);
gboolean helder_channel_can_reach (HelderChannel *self, JsonObject *person);
gboolean helder_channel_configure (HelderChannel *self, JsonObject *settings, GError **error);
char *helder_channel_preview (HelderChannel *self,
                              JsonObject *delivery,
                              JsonObject *person,
                              const char *format,
                              GError **error);
HelderDeliveryOutcome helder_channel_deliver (HelderChannel *self,
                                              JsonObject *delivery,
                                              JsonObject *person,
                                              GCancellable *cancellable,
                                              GError **error);

G_END_DECLS
