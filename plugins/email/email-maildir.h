/* email-maildir.h — messages as files in a Maildir, for offline use
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean email_maildir_prepare (const char *dir, GError **error);
gboolean email_maildir_write (const char *dir, GBytes *message, char **path, GError **error);

G_END_DECLS
