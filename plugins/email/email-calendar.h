/* email-calendar.h — a meeting's invitation in an e-mail
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gmime/gmime.h>

#include "email-config.h"

G_BEGIN_DECLS

char *email_calendar_with_organizer (const EmailConfig *config, const char *calendar);
char *email_calendar_method (const char *calendar);
GMimeObject *email_calendar_wrap (GMimeObject *alternative, const char *calendar);

G_END_DECLS
