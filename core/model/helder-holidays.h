/* helder-holidays.h — Dutch public holidays, and the date of Easter
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Gregorian Easter Sunday of @year (1583–9999) as @month and @day,
 * by two independent methods that tests hold against each other. */
gboolean helder_holidays_easter (guint year, guint *month, guint *day);
gboolean helder_holidays_easter_gauss (guint year, guint *month, guint *day);

/* The public holiday on that day, translated ("Tweede Paasdag"), or
 * %NULL when it is none (or not a date). */
const char *helder_holidays_name (guint year, guint month, guint day);

G_END_DECLS
