/* email-smtp.h — SMTP submission with libcurl, over reused connections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "helder.h"
#include "email-config.h"

G_BEGIN_DECLS

typedef struct _EmailSmtp EmailSmtp;

EmailSmtp *email_smtp_new (const EmailConfig *config);
void email_smtp_free (EmailSmtp *smtp);
HelderDeliveryOutcome email_smtp_send (EmailSmtp *smtp,
                                       const char *recipient,
                                       GBytes *message,
                                       GCancellable *cancellable,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmailSmtp, email_smtp_free)

G_END_DECLS
