/* helder-meeting-ical.h — a meeting's invitation as iCalendar (RFC 5546)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One invitation (or cancellation) for one person. Strings are borrowed;
 * times are UTC timestamps of the store ("2026-12-08T12:30:00Z"). */
typedef struct
{
  gboolean cancel;            /* METHOD:CANCEL instead of METHOD:REQUEST */
  const char *uid;            /* stable per meeting (and per slot) */
  gint64 sequence;            /* higher with every change that is sent */
  const char *stamp;          /* DTSTAMP: now */
  const char *starts_at;      /* DTSTART, written in the programme's zone */
  const char *ends_at;        /* DTEND */
  const char *summary;        /* the meeting's title */
  const char *description;    /* plain text: what, where, the links */
  const char *location;       /* (nullable) the place, or the online link when there is no place */
  const char *url;            /* (nullable) the online link */
  const char *organizer;      /* (nullable) an e-mail address; left out when NULL or "" (the
                               * channel fills in its sender) */
  const char *organizer_name; /* (nullable) */
  const char *attendee;       /* (nullable) the person's e-mail address */
  const char *attendee_name;
} HelderMeetingIcal;

char *helder_meeting_ical_build (const HelderMeetingIcal *ical, GError **error);

G_END_DECLS
