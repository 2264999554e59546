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
gboolean survey_round_plan_messages (HelderStore *store,
                                     gint64 survey,
                                     const HelderAuditActor *actor,
                                     GError **error);
gboolean survey_cancel_messages (HelderStore *store,
                                 gint64 survey,
                                 const HelderAuditActor *actor,
                                 GError **error);

G_END_DECLS
