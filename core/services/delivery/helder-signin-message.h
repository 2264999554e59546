/* helder-signin-message.h — the message that carries a sign-in link
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sign-in link someone asked for, and an invitation, go to the person
 * at their e-mail address: one message per channel that reaches people
 * there (HELDER_CHANNEL_ADDRESSED), through the outbox, in the person's
 * language, with the link built from server.base_url.
 */
#pragma once

#include <glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

typedef enum
{
  HELDER_SIGNIN_MESSAGE_REQUESTED, /* the person asked for it */
  HELDER_SIGNIN_MESSAGE_INVITATION,
} HelderSigninMessageKind;

typedef struct
{
  HelderSigninMessageKind kind;
  gint64 person;
  const char *name;
  const char *locale;
  const char *base_url; /* without a trailing slash */
  const char *code;     /* the sign-in code */
  gint64 link;          /* the code's access_token.id, for the message's key */
  const char *expires;  /* UTC, when the link stops working */
} HelderSigninMessage;

/* The channels that reach people at their e-mail address: the loaded
 * ones, and those a store remembers (their messages wait in the outbox
 * while their plugin is not loaded). Empty when there is none. */
GStrv helder_signin_message_channels (HelderStore *store, GError **error);
/* server.base_url without a trailing slash, or the default address. */
char *helder_signin_message_base_url (HelderStore *store);
/* "BASE/login/CODE" */
char *helder_signin_message_link (const char *base_url, const char *code);
/* Queues @message on each of @channels, inside the caller's transaction.
 * It is written in the person's language, which stays switched on
 * (switching back for each of many messages would empty gettext's
 * cache each time): the caller keeps helder_signin_message_language()
 * from before and gives it to helder_language_use() when done. */
char *helder_signin_message_language (void);
gboolean helder_signin_message_queue (HelderStore *store,
                                      const HelderSigninMessage *message,
                                      const char *const *channels,
                                      const char *now,
                                      GError **error);

G_END_DECLS
