/* interview-meeting.h — an interview's meeting moment
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* Makes the row's meeting agree with it, in the caller's transaction: a
 * planned interview with a time and a person gets its meeting (invitation,
 * reminder, calendar) to the interviewee and the interviewer; a meeting
 * that exists is moved, relocated or lengthened when the interview was. */
gboolean interview_meeting_follow (HelderStore *store,
                                   const HelderAuditActor *actor,
                                   gint64 interview,
                                   GError **error);
/* Cancels the interview's meeting, if it has one: who was invited gets
 * the cancellation. */
gboolean interview_meeting_cancel (HelderStore *store,
                                   const HelderAuditActor *actor,
                                   gint64 interview,
                                   GError **error);

G_END_DECLS
