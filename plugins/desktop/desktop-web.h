/* desktop-web.h — the desktop plugin's routes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* The channel's name, as rows and people name it. */
#define DESKTOP_CHANNEL_NAME "desktop"
/* What a signed-in person needs to fetch and acknowledge their own
 * notifications. */
#define DESKTOP_PERMISSION "notifications.read"

void desktop_web_register (HelderContext *context);

G_END_DECLS
