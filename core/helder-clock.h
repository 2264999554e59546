/* helder-clock.h — the one clock of Helder and the programme's time zone
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The variable that sets the clock for a process. */
#define HELDER_NOW_VARIABLE "HELDER_NOW"
/* With it: the real time (Unix seconds) at which HELDER_NOW held, so that
 * processes started later run on the same clock (tests set it). */
#define HELDER_NOW_SINCE_VARIABLE "HELDER_NOW_SINCE"

/* A programme's time zone when it names none. */
#define HELDER_DEFAULT_TIME_ZONE "Europe/Amsterdam"

/* The clock: "now" for every layer of core and for plugins. */
gboolean helder_clock_init_from_env (GError **error);
gboolean helder_clock_set (const char *iso8601, GError **error);
gboolean helder_clock_set_day (const char *date, GError **error);
void helder_clock_reset (void);
gboolean helder_clock_is_set (void);
char *helder_clock_describe (void);
GDateTime *helder_clock_now (void);
GDateTime *helder_clock_now_local (void);
char *helder_clock_now_utc (void);
char *helder_clock_today (void);

/* The programme's time zone: every time a person types or reads. */
GTimeZone *helder_clock_zone (void);
const char *helder_clock_zone_name (void);
gboolean helder_clock_set_zone (const char *identifier, GError **error);
gboolean helder_clock_check_zone (const char *identifier, GError **error);
GDateTime *helder_clock_to_local (const char *utc);
char *helder_clock_local_date (const char *utc);
char *helder_clock_local_to_utc (int year,
                                 int month,
                                 int day,
                                 int hour,
                                 int minute,
                                 int second,
                                 GError **error);
char *helder_clock_day_start_utc (const char *date);

G_END_DECLS
