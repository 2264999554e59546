/* helder-date.h — dates and times as people type them, checked
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean helder_date_parse (const char *text, GDate *date);
char *helder_date_parse_typed (const char *text);
char *helder_date_parse_datetime (const char *text, GError **error);
char *helder_date_add_days (const char *date, int days);

G_END_DECLS
