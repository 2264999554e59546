/* helder-access-private.h — what the files of services/access share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secrets and sessions of helder-access.c, for the sign-in links in
 * messages (helder-message-link.c): the same secrets, hashes and sessions
 * as the one-time login links, in one place.
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_ACCESS_HASH_HEX (32 * 2 + 1)

/* A new 256-bit secret, URL-safe base64 after @prefix; NULL with @error
 * set when the system's random number generator cannot be used. */
char *helder_access_secret_new (const char *prefix, GError **error);
/* The stored form of @secret: its BLAKE2b-256 in hex; FALSE when libsodium
 * cannot be used. */
gboolean helder_access_secret_hash (const char *secret, char hex[HELDER_ACCESS_HASH_HEX]);
/* Opens a browser session for @person in @role, inside the caller's
 * transaction, hanging under the API token @parent (0: none); returns the
 * session's secret for the cookie, and its form token. */
gboolean helder_access_session_open (HelderStore *store,
                                     gint64 person,
                                     const char *role,
                                     gint64 parent,
                                     gint64 *id,
                                     char **session,
                                     char **csrf,
                                     GError **error);

G_END_DECLS
