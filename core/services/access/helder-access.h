/* helder-access.h — API tokens, one-time login links and browser sessions
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder token issue PERSON --role R` gives a person access in a role:
 * a bearer token for the API (and the desktop notifier) and a one-time
 * login link for the browser. Using the link creates a session for the
 * cookie. Every secret is 256 bits from the OS (libsodium), is shown once,
 * and is stored only as its BLAKE2b hash; hashes are compared in constant
 * time. Tokens expire and can be revoked; revoking a token ends the login
 * links and sessions issued with it.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_ACCESS_TOKEN_DAYS  90
#define HELDER_ACCESS_LOGIN_HOURS (7 * 24)
/* How long a browser session lasts unless the settings session.employee_days
 * and session.staff_hours say otherwise (helder_access_session_hours()). */
#define HELDER_ACCESS_SESSION_EMPLOYEE_DAYS 28
#define HELDER_ACCESS_SESSION_STAFF_HOURS   12

typedef struct
{
  gint64 id;   /* access_token.id (of the session, for sessions) */
  gint64 root; /* the API token it hangs under (== id for API tokens) */
  gint64 person;
  char *name;   /* the person's name */
  char *locale; /* the person's locale */
  char *role;   /* "advisor", "hr" or "employee" */
  char *csrf;   /* sessions: the form token */
} HelderAccess;

void helder_access_free (HelderAccess *access);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderAccess, helder_access_free)

gboolean helder_access_role_valid (const char *role);

/* Issues an API token and a login link for @person in @role, valid @days
 * (0: HELDER_ACCESS_TOKEN_DAYS). The secrets are returned once. */
gboolean helder_access_issue (HelderStore *store,
                              gint64 person,
                              const char *role,
                              guint days,
                              gint64 *id,
                              char **token,
                              char **login_code,
                              GError **error);
/* The access of a bearer token; HELDER_ERROR_PERMISSION when unknown,
 * expired or revoked. */
HelderAccess *helder_access_verify_token (HelderStore *store, const char *token, GError **error);
HelderAccess *
helder_access_verify_session (HelderStore *store, const char *session, GError **error);
/* Whether a login code is still usable, without using it. */
gboolean helder_access_login_usable (HelderStore *store, const char *code);
/* Uses a login code (once) and opens a session; returns its access and
 * the session secret for the cookie. */
HelderAccess *
helder_access_login (HelderStore *store, const char *code, char **session, GError **error);
gint64 helder_access_session_hours (HelderStore *store, const char *role);
gboolean helder_access_end_session (HelderStore *store, gint64 session, GError **error);
/* Revokes token @id, or every token of @person when @id is 0. Returns how
 * many tokens (with their links and sessions) were revoked. */
gint64 helder_access_revoke (HelderStore *store, gint64 id, gint64 person, GError **error);
/* API tokens: id, person, name, role, created_at, expires_at, used_at,
 * state ("active", "expired", "revoked"). */
JsonArray *helder_access_list (HelderStore *store, GError **error);

/* A one-time sign-in link alone (no API token), valid @hours, inside the
 * caller's transaction; its code is returned once. */
gboolean helder_access_issue_login (HelderStore *store,
                                    gint64 person,
                                    const char *role,
                                    gint64 hours,
                                    gint64 *id,
                                    char **code,
                                    GError **error);
/* Whether @token is a real API token that was revoked or has expired
 * (a calendar feed then answers 410 Gone, not 404). */
gboolean helder_access_token_ended (HelderStore *store, const char *token);

/* A new random secret for a form (the sign-in form's CSRF token), and a
 * constant-time comparison of two such secrets (FALSE when either is
 * NULL or empty). */
char *helder_access_new_form_token (void);
gboolean helder_access_secret_equal (const char *a, const char *b);

/* What may be kept of a secret (a token, a sign-in code, a session): its
 * first few characters, enough to tell attempts with different secrets
 * apart in a rate limit and in a log, never enough to use it.
 * "hld_Xy3k…" → "hld_Xy3k". NULL stays NULL. */
char *helder_access_secret_prefix (const char *secret);
/* @path with every secret in it redacted for a log line:
 * "/login/i2e8P1frIc8…" → "/login/i2e8…[redacted]". Sign-in codes after
 * /login/ and /s/ (the links in messages), anything that starts like a token or session (hld_,
 * hls_), and any long segment that looks random. */
char *helder_access_redact_path (const char *path);

/* The setting server.trusted_proxies: addresses or networks (10.0.0.0/8,
 * ::1) separated by commas or spaces; empty: no proxy is trusted. */
gboolean helder_access_check_proxies (const char *value, GError **error);
/* Who is asking: the peer's address (@peer), unless the peer is a trusted
 * proxy; then the right-most address of X-Forwarded-For (@forwarded_for)
 * that is not itself a trusted proxy. A list that cannot be read leaves
 * the peer's address. */
char *helder_access_client_address (const char *peer,
                                    const char *forwarded_for,
                                    const char *trusted_proxies);
/* Whether @peer is one of @trusted_proxies (server.trusted_proxies). */
gboolean helder_access_is_trusted_proxy (const char *peer, const char *trusted_proxies);

G_END_DECLS
