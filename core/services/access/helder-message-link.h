/* helder-message-link.h — the sign-in links in messages
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every message to a person (a moment's e-mail, the weekly digest, a
 * desktop notification) ends with a link to the person's own page. A
 * reader who is not signed in would meet "sign in first" there, so when
 * the message is handed to its channel that link becomes a personal
 * sign-in link, BASE/s/CODE: opening it shows a page with one button, and
 * pressing the button signs the reader in as an employee (never with the
 * rights of the advisor or HR) and takes them to their page.
 *
 * A link is minted per handing-over (a retry mints a new one), so the
 * secret is only ever in the message; the database keeps its BLAKE2b hash.
 * It lives session.message_link_days (14) days and signs in at most
 * HELDER_MESSAGE_LINK_MAX_USES times: clicking twice, or on the phone and
 * the laptop, works; a link forwarded or found months later does not.
 * Revoking a person's access ends their links and the sessions opened with
 * them, and while their access stays revoked new messages carry the plain
 * link to their page; erasing the person deletes the links.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/access/helder-access.h"

G_BEGIN_DECLS

#define HELDER_MESSAGE_LINK_DAYS     14
#define HELDER_MESSAGE_LINK_MAX_USES 5
/* The path under the server's address: BASE/s/CODE. */
#define HELDER_MESSAGE_LINK_PATH "s/"

gint64 helder_message_link_days (HelderStore *store);

gboolean
helder_message_link_attach (HelderStore *store, JsonArray *rows, const char *now, GError **error);
gboolean helder_message_link_usable (HelderStore *store, const char *code);
HelderAccess *
helder_message_link_sign_in (HelderStore *store, const char *code, char **session, GError **error);
gboolean helder_message_link_revoke_person (HelderStore *store,
                                            gint64 person,
                                            const char *now,
                                            GError **error);

G_END_DECLS
