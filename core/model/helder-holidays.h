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

/* The most public holidays one year has. */
#define HELDER_HOLIDAYS_MAX_PER_YEAR 10

/* The public holidays of @year as Julian day numbers (GDate's), in order,
 * each once: the days helder_holidays_name() names. Returns how many. */
guint helder_holidays_of_year (guint year, guint32 julian[HELDER_HOLIDAYS_MAX_PER_YEAR]);

G_END_DECLS
