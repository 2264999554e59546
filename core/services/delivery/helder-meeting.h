/* helder-meeting.h — a meeting across its versions
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

gboolean helder_meeting_root (HelderStore *store,
                              gint64 moment,
                              gint64 *root,
                              gint64 *depth,
                              GError **error);

G_END_DECLS
