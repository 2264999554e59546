/* helder-web.h — what a route handler, in core or in a plugin, can do
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin adds routes with helder_context_add_routes() (helder-context.h);
 * the server calls a route's handler only for callers whose role holds the
 * route's permission. A handler reads the request with the functions
 * below, calls a service, and answers with exactly one helder_web_respond_*()
 * or helder_web_redirect(). On bad input the readers answer 400 themselves
 * and return NULL; the handler then just returns.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "helder-role.h"
#include "engine/helder-context.h"
#include "model/helder-entity.h"
#include "store/helder-store.h"
#include "services/repo/helder-audit-record.h"

G_BEGIN_DECLS

/* Who is asking, and in which language and on which day. */
HelderStore *helder_web_request_get_store (HelderWebRequest *request);
HelderContext *helder_web_request_get_context (HelderWebRequest *request);
gint64 helder_web_request_get_person (HelderWebRequest *request);
HelderRole helder_web_request_get_role (HelderWebRequest *request);
const char *helder_web_request_get_lang (HelderWebRequest *request);
const char *helder_web_request_get_today (HelderWebRequest *request);
const char *helder_web_request_get_method (HelderWebRequest *request);
gboolean helder_web_request_may (HelderWebRequest *request, const char *permission);
/* This request leaves no line in the access log: for a route where who
 * asked, and when, must not be linked to what was written (an anonymous
 * concern). */
void helder_web_request_unlogged (HelderWebRequest *request);

/* The {name} segments of the route's pattern, and the query. */
const char *helder_web_param (HelderWebRequest *request, const char *name);
const char *helder_web_query (HelderWebRequest *request, const char *name);
/* The body as a form (application/x-www-form-urlencoded) or as a JSON
 * object; NULL after answering 400 (or 413, 415) naming the problem. */
GHashTable *helder_web_read_form (HelderWebRequest *request);
JsonObject *helder_web_read_json (HelderWebRequest *request);
/* Forms: the session's CSRF token must come back in field "csrf"; answers
 * 403 itself and returns FALSE when it does not. */
gboolean helder_web_check_csrf (HelderWebRequest *request, GHashTable *form);

/* Who the request's writes are audited as: the signed-in person, their
 * role's name and their name (the role's when they have none); the
 * strings belong to @request. */
void helder_web_request_actor (HelderWebRequest *request, HelderAuditActor *actor);
/* A form's or the query's value, "" when absent; a textarea's value with
 * CRLF as LF (free it). */
const char *helder_web_form_text (GHashTable *form, const char *name);
char *helder_web_form_multiline (GHashTable *form, const char *name);
const char *helder_web_query_text (HelderWebRequest *request, const char *name);
/* Whether @text is NULL, empty or only white space. */
gboolean helder_web_blank (const char *text);
/* The positive integer @text spells, or -1. */
gint64 helder_web_parse_id (const char *text);
/* A form's errors next to their fields: adds {{errors.ANCHOR}},
 * {{error_list}} and {{has_errors}} to @context from @error, one problem
 * a line and their fields one a line (helder_error_set()); @anchor_of
 * maps a field to its input's id (a new string, or NULL for none), NULL
 * uses the field. */
typedef char *(*HelderWebAnchorFunc) (const char *field);
void
helder_web_add_errors (JsonObject *context, const GError *error, HelderWebAnchorFunc anchor_of);
/* The HTTP status of @error, as helder_web_respond_gerror() answers it;
 * @code (may be NULL) gets the API's error code ("invalid", …). */
guint helder_web_status_of (const GError *error, const char **code);

/* Answers. Every response gets the security headers. */
void helder_web_respond_json (HelderWebRequest *request, guint status, JsonNode *body);
void helder_web_respond_object (HelderWebRequest *request, guint status, JsonObject *body);
void helder_web_respond_bytes (HelderWebRequest *request,
                               guint status,
                               const char *content_type,
                               GBytes *body);
/* {"error":{"code","message","field"}} on API routes, the error page on
 * pages; @field may be NULL. */
void helder_web_respond_error (HelderWebRequest *request,
                               guint status,
                               const char *code,
                               const char *field,
                               const char *message);
/* A HelderError: not found → 404, invalid → 400, conflict → 409,
 * permission → 403, else 500, naming the field the error is about. */
void helder_web_respond_gerror (HelderWebRequest *request,
                                const HelderEntity *entity,
                                const GError *error);
/* Renders @template inside the page layout (title, navigation for the
 * role, language, CSRF token). Core's templates are named "NAME"; a
 * plugin's are "PLUGIN/NAME" (helder_context_add_templates()), and their
 * {{#_}}…{{/_}} texts are translated in the plugin's gettext domain. The
 * context gets members "csrf", "lang", "user" and "today" added. */
void helder_web_respond_page (HelderWebRequest *request,
                              guint status,
                              const char *template,
                              const char *title,
                              JsonObject *context);
void helder_web_redirect (HelderWebRequest *request, const char *location);

/* A write acknowledged only once it is on disk (synchronous = FULL), many
 * such writes of different requests sharing one commit (group commit): the
 * handler hands over @write and the answer for when it worked, and returns
 * without answering; @write runs in a savepoint of its own and refuses by
 * setting a HELDER_ERROR, answered as helder_web_respond_gerror() would.
 * See helder-web-batch.c. */
typedef gboolean (*HelderWebWriteFunc) (HelderStore *store, gpointer data, GError **error);
void helder_web_respond_after_commit (HelderWebRequest *request,
                                      guint status,
                                      JsonNode *body,
                                      HelderWebWriteFunc write,
                                      gpointer data,
                                      GDestroyNotify destroy);

/* The audit log, with the request's identity as who did it. */
void helder_web_audit (HelderWebRequest *request,
                       const char *action,
                       const char *entity,
                       const char *record,
                       gint64 subject,
                       const char *detail);
/* The rows a write changed besides its own (services/repo/helder-placement-sync.h). */
void helder_web_audit_linked (HelderWebRequest *request, JsonObject *row);

/* Markdown from the store as safe HTML (cmark, safe mode), for {{&…}}. */
char *helder_web_markdown (const char *markdown);
/* "17 december 2026" for a YYYY-MM-DD date; "17 december 2026, 09:30"
 * for a UTC datetime, in the programme's time zone. */
char *helder_web_format_date (const char *date);
char *helder_web_format_datetime (const char *utc);

G_END_DECLS
