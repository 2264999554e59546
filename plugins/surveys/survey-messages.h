/* survey-messages.h — a round's invitation, reminder and follow-up
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

/* The audience filter of reminders: "surveys.unanswered:ROUND". */
#define SURVEY_UNANSWERED_FILTER "surveys.unanswered"

/* survey-messages.c */
GStrv survey_channels_of (HelderStore *store, gint64 survey, GError **error);
gboolean survey_round_plan_messages (HelderStore *store,
                                     gint64 survey,
                                     const HelderAuditActor *actor,
                                     GError **error);
gboolean survey_cancel_messages (HelderStore *store,
                                 gint64 survey,
                                 const HelderAuditActor *actor,
                                 GError **error);

/* survey-messages-followup.c */
gboolean survey_followup_create (HelderStore *store,
                                 gint64 survey,
                                 guint number,
                                 const HelderMomentDraft *draft,
                                 const HelderAuditActor *actor,
                                 gint64 *moment,
                                 GError **error);

G_END_DECLS
