/* desktop-notifier-state.h — which notifications this notifier has shown
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DesktopNotifierState DesktopNotifierState;

DesktopNotifierState *
desktop_notifier_state_load (const char *server_url, const char *token, GError **error);
void desktop_notifier_state_free (DesktopNotifierState *self);
const char *desktop_notifier_state_get_path (DesktopNotifierState *self);
gboolean desktop_notifier_state_has (DesktopNotifierState *self, gint64 id);
void desktop_notifier_state_add (DesktopNotifierState *self, gint64 id);
void desktop_notifier_state_remove (DesktopNotifierState *self, gint64 id);
guint desktop_notifier_state_keep_only (DesktopNotifierState *self, GHashTable *ids);
gboolean desktop_notifier_state_save (DesktopNotifierState *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DesktopNotifierState, desktop_notifier_state_free)

G_END_DECLS
