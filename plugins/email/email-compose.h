/* email-compose.h — one delivery as a MIME message
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gmime/gmime.h>
#include <json-glib/json-glib.h>

#include "email-config.h"

G_BEGIN_DECLS

char *email_message_id (const char *key, const char *domain);
char *email_compose_html (JsonObject *delivery, JsonObject *person, GError **error);
char *email_recipient (JsonObject *person, GError **error);
GBytes *email_compose (const EmailConfig *config,
                       JsonObject *delivery,
                       JsonObject *person,
                       GMimeNewLineFormat newline,
                       GError **error);

G_END_DECLS
