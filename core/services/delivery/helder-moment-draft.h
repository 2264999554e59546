/* helder-moment-draft.h — a moment a plugin makes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/repo/helder-audit-record.h"
#include "services/views/helder-audience.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderMomentDraft:
 * @title: the subject
 * @body: (nullable): Markdown
 * @phase: (nullable): a phase's key
 * @audience: groups, roles, persons and role-change statuses
 * @channels: (nullable) (array zero-terminated=1): the channels; %NULL:
 *   those people take unless they chose others
 * @scheduled_at: when it goes out, UTC "2026-12-04T09:00:00Z"
 * @approved: create it approved, so that the scheduler sends it when it
 *   is due; else a draft the advisor approves
 * @audience_filter: (nullable): "NAME:ARGUMENT", a filter a plugin
 *   registered (helder_context_add_audience_filter()) that narrows the
 *   audience when the moment is sent
 * @title_en: (nullable): the subject for people who read English
 * @body_en: (nullable): the body for people who read English
 * @meeting: a meeting (an interview, a conversation): the channel
 *   "meeting" is added to @channels, and it gets what `helder moment add
 *   --channels meeting` gives a meeting: an invitation with a calendar
 *   object ahead of time, a reminder the day before, answers (RSVP); with
 *   @channels %NULL the invitations go on people's own channels
 * @location: (nullable): a meeting's place
 * @online_url: (nullable): a meeting's online link (http:// or https://)
 * @duration_minutes: a meeting's length (5 to 1440); 0: 60 minutes
 *
 * What a plugin asks core to send (a survey's invitation and reminders,
 * an interview as a meeting). Members left zero are the defaults.
 */
typedef struct
{
  const char *title;
  const char *body;
  const char *phase;
  HelderAudienceSpec audience;
  const char *const *channels;
  const char *scheduled_at;
  gboolean approved;
  const char *audience_filter;
  const char *title_en;
  const char *body_en;
  gboolean meeting;
  const char *location;
  const char *online_url;
  int duration_minutes;
} HelderMomentDraft;

gboolean helder_moment_create_from (HelderStore *store,
                                    const HelderMomentDraft *draft,
                                    const HelderAuditActor *actor,
                                    gint64 *id,
                                    GError **error);
gboolean helder_moment_cancel_unsent (HelderStore *store,
                                      gint64 moment,
                                      const HelderAuditActor *actor,
                                      gboolean *cancelled,
                                      GError **error);

/* Meetings a plugin made (helder-moment-meeting.c): @moment may be any
 * version of it, the newest one is changed. */
gboolean helder_moment_current (HelderStore *store, gint64 moment, gint64 *current, GError **error);
gboolean helder_moment_reschedule (HelderStore *store,
                                   gint64 moment,
                                   const char *scheduled_at,
                                   const char *location,
                                   const char *online_url,
                                   int duration_minutes,
                                   const HelderAuditActor *actor,
                                   GError **error);
gboolean helder_moment_reschedule_full (HelderStore *store,
                                        gint64 moment,
                                        const char *scheduled_at,
                                        const char *location,
                                        const char *online_url,
                                        int duration_minutes,
                                        const HelderAuditActor *actor,
                                        gint64 *current,
                                        GError **error);
gboolean helder_moment_cancel (HelderStore *store,
                               gint64 moment,
                               const char *reason,
                               const HelderAuditActor *actor,
                               GError **error);

G_END_DECLS
