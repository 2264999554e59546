/* helder-web-overdue.h — overdue moments and time warnings on the web
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/access/helder-audit.h"
#include "web/helder-web-private.h"

G_BEGIN_DECLS

void helder_web_overdue_actor (HelderWebRequest *request, HelderAuditActor *actor);
void
helder_web_overdue_moment_context (HelderWebRequest *request, JsonObject *row, JsonObject *moment);
void helder_web_overdue_dashboard (HelderWebRequest *request, JsonObject *context);

G_END_DECLS
