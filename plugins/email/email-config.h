/* email-config.h — the e-mail channel's settings, checked and parsed once
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "helder.h"

G_BEGIN_DECLS

typedef enum
{
  EMAIL_MODE_SMTP,
  EMAIL_MODE_MAILDIR,
} EmailMode;

typedef enum
{
  EMAIL_TLS_AUTO,     /* STARTTLS when the server offers it */
  EMAIL_TLS_REQUIRED, /* STARTTLS or smtps://, or no delivery */
  EMAIL_TLS_NONE,     /* plain SMTP, never STARTTLS */
} EmailTls;

/* What configure() made of the settings. Immutable once made, so that
 * deliver() in several threads reads it without locks. */
typedef struct
{
  char *from_name;   /* "Helder", may be "" */
  char *from_addr;   /* "helder@localhost" */
  char *from_domain; /* "localhost": the right side of the Message-ID */
  EmailMode mode;
  char *maildir;  /* "" unless set */
  char *smtp_url; /* "smtp://127.0.0.1:25", as set (for messages) */
  gboolean smtps; /* smtps://: TLS from the first byte */
  char *username; /* "" for no AUTH */
  char *password;
  EmailTls tls;
  guint timeout; /* seconds */
} EmailConfig;

const HelderSetting *email_settings (guint *n_settings);

EmailConfig *email_config_new (JsonObject *settings, GError **error);
void email_config_free (EmailConfig *config);
gboolean email_config_equal (const EmailConfig *a, const EmailConfig *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmailConfig, email_config_free)

gboolean email_address_is_valid (const char *address);

G_END_DECLS
