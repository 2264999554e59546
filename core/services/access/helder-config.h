/* helder-config.h — stored settings (`helder config`)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

GHashTable *helder_config_read (HelderStore *store, GError **error);
char *helder_config_get (HelderStore *store, const char *key, GError **error);
gboolean helder_config_set (HelderStore *store, const char *key, const char *value, GError **error);
gboolean helder_config_unset (HelderStore *store, const char *key, GError **error);

G_END_DECLS
