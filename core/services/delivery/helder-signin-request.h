/* helder-signin-request.h — asking for a new sign-in link
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person who cannot get in types their e-mail address; when it is the
 * address of a person, Helder sends them a fresh one-time sign-in link
 * through the outbox. Whoever asks learns nothing: the caller answers
 * the same whatever the outcome. Requests are limited per address
 * (access.request_per_hour) and per person (access.request_per_day), and
 * each one is audited; an address nobody has is kept only as a keyed hash.
 */
#pragma once

#include <glib.h>

#include "store/helder-store.h"
#include "services/access/helder-audit.h"

G_BEGIN_DECLS

#define HELDER_SIGNIN_REQUEST_HOURS     24 /* a link asked for works a day */
#define HELDER_SIGNIN_REQUEST_PER_HOUR  3  /* requests per address and hour */
#define HELDER_SIGNIN_REQUEST_PER_DAY   5  /* links sent per person and day */
#define HELDER_SIGNIN_REQUEST_MAX_CHARS 254

typedef enum
{
  HELDER_SIGNIN_REQUEST_SENT,        /* a link was queued */
  HELDER_SIGNIN_REQUEST_UNKNOWN,     /* no person has the address */
  HELDER_SIGNIN_REQUEST_LIMITED,     /* over a rate limit: nothing queued */
  HELDER_SIGNIN_REQUEST_UNREACHABLE, /* no channel reaches an address */
} HelderSigninRequestOutcome;

/* Checks @address (trimmed: not empty, at most 254 characters, an e-mail
 * address; HELDER_ERROR_INVALID on field "email" otherwise), then records
 * the request, queues a link when it may, and audits it, all in one
 * transaction. Returns FALSE only for bad input or a store that failed. */
gboolean helder_signin_request (HelderStore *store,
                                const char *address,
                                const HelderAuditActor *actor,
                                HelderSigninRequestOutcome *outcome,
                                GError **error);

G_END_DECLS
