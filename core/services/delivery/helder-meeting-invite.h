/* helder-meeting-invite.h — meetings are announced ahead of time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"
#include "services/delivery/helder-scheduler.h"

G_BEGIN_DECLS

/* The outbox sources of a meeting's messages, per version (moment id):
 * its invitation; a later one within the same version (a changed slot, a
 * person added again), with its SEQUENCE; the reminder; a cancellation,
 * with its SEQUENCE. */
#define HELDER_MEETING_SOURCE_INVITE   "meeting:%" G_GINT64_FORMAT ":invite"
#define HELDER_MEETING_SOURCE_REINVITE "meeting:%" G_GINT64_FORMAT ":invite:%" G_GINT64_FORMAT
#define HELDER_MEETING_SOURCE_REMINDER "meeting:%" G_GINT64_FORMAT ":reminder"
#define HELDER_MEETING_SOURCE_CANCEL   "meeting:%" G_GINT64_FORMAT ":cancel:%" G_GINT64_FORMAT

/* The lead time when the options give none (meeting.invite_days). */
#define HELDER_MEETING_INVITE_DAYS 7

/* The reminder goes this long before the meeting starts. */
#define HELDER_MEETING_REMINDER_HOURS 24

gboolean helder_meeting_invite_run (HelderStore *store,
                                    const HelderScheduleOptions *options,
                                    const char *now,
                                    HelderScheduleReport *report,
                                    GError **error);

gboolean helder_meeting_root (HelderStore *store,
                              gint64 moment,
                              gint64 *root,
                              gint64 *depth,
                              GError **error);

G_END_DECLS
