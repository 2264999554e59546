/* concern-read.h — what concern-read.c offers the listening part's files
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* Where concern_late_days() reads the setting (set once, by the load). */
void concern_read_set_context (HelderContext *context);
gboolean concern_group_exists (HelderStore *store, const char *group, GError **error);

G_END_DECLS
