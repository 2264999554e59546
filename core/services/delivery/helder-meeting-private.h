/* helder-meeting-private.h — a meeting as the scheduler reads it, and its messages
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by helder-meeting.c (reading meetings, slots and invitees),
 * helder-meeting-message.c (what an invitation says) and
 * helder-meeting-invite.c (when it goes out).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/delivery/helder-meeting.h"
#include "services/delivery/helder-scheduler.h"

G_BEGIN_DECLS

#define HELDER_MEETING_CHANNEL "meeting"

typedef enum
{
  HELDER_MEETING_INVITE,
  HELDER_MEETING_UPDATE,
  HELDER_MEETING_REMINDER,
  HELDER_MEETING_CANCEL,
} HelderMeetingKind;

typedef struct
{
  gint64 id;
  gint64 root;
  gint64 depth;
  char *status;
  char *starts_at;
  gint64 minutes;
  char *title[2]; /* [0] the programme's language, [1] English */
  char *body[2];
  char *location;
  char *online_url;
  GPtrArray *channels; /* its delivery channels (not "meeting") */
  GHashTable *slots;   /* person → HelderMeetingSlot: a meeting of personal conversations */
} HelderMeeting;

typedef struct
{
  char *starts_at;
  char *ends_at;
  char *with_whom;
} HelderMeetingSlot;

/* When @person's meeting is: their slot, or the meeting's own time. */
typedef struct
{
  const char *starts_at;
  char *ends_at;
  const char *with_whom; /* (nullable) */
  char *uid;
} HelderMeetingTimes;

typedef struct
{
  gint64 id;
  char *name;
  char *email;
  char *locale;
  GPtrArray *channels; /* the ones they chose; empty: the default ones */
} HelderMeetingInvitee;

typedef struct
{
  char *subject;
  char *body;
  char *calendar;
} HelderMeetingMessage;

void helder_meeting_free (HelderMeeting *m);
void helder_meeting_times_clear (HelderMeetingTimes *t);
void helder_meeting_invitee_free (HelderMeetingInvitee *p);
void helder_meeting_message_clear (HelderMeetingMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderMeeting, helder_meeting_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderMeetingTimes, helder_meeting_times_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderMeetingInvitee, helder_meeting_invitee_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderMeetingMessage, helder_meeting_message_clear)

char *helder_meeting_utc_after (const char *utc, gint64 seconds);
char *helder_meeting_local_clock (const char *utc);
char *helder_meeting_column_text (sqlite3_stmt *stmt, int column);
gboolean helder_meeting_has_slots (const HelderMeeting *m);
void helder_meeting_times_for (const HelderMeeting *m, gint64 person, HelderMeetingTimes *t);
char *helder_meeting_what_was_sent (const HelderMeeting *m, const HelderMeetingTimes *t);
GPtrArray *
helder_meeting_load (HelderStore *store, const char *where, const char *param, GError **error);
HelderMeetingInvitee *helder_meeting_invitee_load (HelderStore *store, gint64 id, GError **error);

gboolean helder_meeting_message_compose (HelderStore *store,
                                         const HelderScheduleOptions *options,
                                         const char *now,
                                         const char *link,
                                         const HelderMeeting *m,
                                         const HelderMeetingInvitee *p,
                                         const HelderMeetingTimes *t,
                                         HelderMeetingKind kind,
                                         gint64 sequence,
                                         HelderMeetingMessage *out,
                                         GError **error);

G_END_DECLS
