/* helder-channel-names.h — which delivery channels exist, for the layers
 * below the engine
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HelderChannelFlags:
 * @HELDER_CHANNEL_NONE: nothing special
 * @HELDER_CHANNEL_DEFAULT: a person who chose no channel is reached by it,
 *   and a moment is sent by it unless other channels are chosen
 * @HELDER_CHANNEL_DIGEST: the weekly digest goes by it
 * @HELDER_CHANNEL_ADDRESSED: it reaches a person at their e-mail address:
 *   a sign-in link someone asks for by typing that address, and an
 *   invitation, go by it
 *
 * What a channel is for, besides delivering moments to the people who
 * chose it.
 */
typedef enum
{
  HELDER_CHANNEL_NONE = 0,
  HELDER_CHANNEL_DEFAULT = 1 << 0,
  HELDER_CHANNEL_DIGEST = 1 << 1,
  HELDER_CHANNEL_ADDRESSED = 1 << 2,
} HelderChannelFlags;

void helder_channel_names_add (const char *name,
                               const char *label,
                               const char *gettext_domain,
                               HelderChannelFlags flags);
void helder_channel_names_remove (const char *name);
gboolean helder_channel_names_contains (const char *name);
GStrv helder_channel_names_list (HelderChannelFlags flags);
const char *helder_channel_names_get_label (const char *name);
HelderChannelFlags helder_channel_names_get_flags (const char *name);

G_END_DECLS
