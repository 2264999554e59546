/* helder-scheduler.h — what is due becomes rows in the outbox
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *now;               /* UTC "…Z"; NULL: the current time */
  const char *base_url;          /* for links to people's own pages */
  gboolean moments;              /* queue due moments */
  gboolean digests;              /* queue this week's digests when their time came */
  gboolean force_digests;        /* … whatever the day and hour */
  guint digest_weekday;          /* 1 = Monday … 7 */
  guint digest_hour;             /* 0–23, local time */
  GPtrArray *sections;           /* (element-type HelderDigestSection) addins' digest sections */
  GPtrArray *audience_filters;   /* (element-type HelderAudienceFilter) (nullable) plugins'
                                  * filters of moments' audiences */
  gboolean dry_run;              /* decide and report, write nothing */
  gboolean include_overdue;      /* send moments more than the grace period late too */
  JsonArray *plan;               /* (nullable) filled with every message queued */
  guint meeting_invite_days;     /* meetings are invited this many days ahead */
  const char *meeting_organizer; /* (nullable) ORGANIZER of invitations; NULL or "": the
                                  * channel's sender */
} HelderScheduleOptions;

typedef struct
{
  guint moments_sent;          /* moments whose messages were queued */
  guint moments_empty;         /* due, but their audience is empty: left approved */
  guint moments_overdue;       /* more than the grace period late: held, left approved */
  guint moments_unfiltered;    /* due, but their audience filter is not registered: left
                                * approved */
  guint messages;              /* rows queued for moments */
  guint unreachable;           /* audience members with none of the moment's channels */
  guint digests;               /* digests queued */
  guint digests_unchanged;     /* nothing changed since their last digest */
  guint digests_no_address;    /* weekly digest wanted, but no e-mail address */
  gboolean digests_due;        /* the digest time of this week has come */
  gboolean digests_no_channel; /* … but no loaded plugin carries digests */
  char *week;                  /* the digest week, "2026-W48" */
  guint meeting_invitations;   /* invitations queued (new and changed meetings) */
  guint meeting_reminders;     /* reminders the day before queued */
  guint meeting_cancellations; /* cancellations queued */
  guint meetings_started;      /* meetings that started, marked sent */
  JsonArray *housekeeping;     /* (nullable) plugins' housekeeping jobs that failed before
                                * this round, each {"name", "error"} (helder_sender_schedule) */
} HelderScheduleReport;

void helder_scheduler_report_clear (HelderScheduleReport *report);
gboolean helder_scheduler_run (HelderStore *store,
                               const HelderScheduleOptions *options,
                               HelderScheduleReport *report,
                               GError **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderScheduleReport, helder_scheduler_report_clear)

gboolean helder_scheduler_note_channels (HelderStore *store, GError **error);
GStrv helder_scheduler_channels_with (HelderStore *store, guint flag, GError **error);

JsonArray *helder_scheduler_problems (HelderStore *store, const char *now, GError **error);
JsonArray *helder_scheduler_problems_full (HelderStore *store,
                                           const char *now,
                                           GPtrArray *audience_filters,
                                           GError **error);

G_END_DECLS
