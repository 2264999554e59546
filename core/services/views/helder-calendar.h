/* helder-calendar.h — a person's iCalendar feed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

/* How long a moment lasts in a calendar: a meeting, and a message. */
#define HELDER_CALENDAR_MEETING_MINUTES 60
#define HELDER_CALENDAR_MESSAGE_MINUTES 15

/* libical's types, for those who include <libical/ical.h> */
struct icalcomponent_impl;
struct _icaltimezone;
struct icalcomponent_impl *helder_calendar_zone_component (struct _icaltimezone **zone);

char *
helder_calendar_for_person (HelderStore *store, gint64 person, const char *now_utc, GError **error);

G_END_DECLS
