/* helder-working-days.h — counting in working days
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean helder_working_days_is_working (const char *date);
char *helder_working_days_add (const char *date, guint n);
guint helder_working_days_between (const char *from, const char *to);

G_END_DECLS
