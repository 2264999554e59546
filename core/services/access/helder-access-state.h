/* helder-access-state.h — who holds access now, and who has a link waiting
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

/* The highest role @person holds through a valid token or session;
 * "employee" when none. */
char *helder_access_state_role (HelderStore *store, gint64 person, GError **error);
typedef enum
{
  HELDER_ACCESS_NONE = 0,
  HELDER_ACCESS_LINK_WAITING, /* an unused sign-in link that is still valid */
  HELDER_ACCESS_HELD,         /* a valid API token or session */
} HelderAccessState;
/* person id (gint64 *) → HelderAccessState; people with none are absent. */
GHashTable *helder_access_state_all (HelderStore *store, GError **error);
HelderAccessState helder_access_state_of (HelderStore *store, gint64 person, GError **error);

G_END_DECLS
