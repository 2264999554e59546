/* helder-web-private.h — what the route handlers of `helder serve` share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handler is thin: it parses the request, validates it, calls one core
 * service and renders the result with one of the helpers below. Who may
 * call which route is decided in one place, the route table in
 * helder-web-routes.c, before any handler runs; a handler only sees
 * requests its route allows.
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "model/helder-entity.h"
#include "web/helder-web.h"
#include "services/repo/helder-audit-write.h"
#include "web/helder-web-server.h"

G_BEGIN_DECLS

/* A form's errors (helder-web-errors.c): @line fills @item's "anchor" and
 * "message", and @errors' member for the field, for each problem of the
 * error with its field (NULL when none); @one_field_for_all: one field
 * alone is the field of every line. */
typedef void (*HelderWebErrorLineFunc) (JsonObject *errors,
                                        JsonObject *item,
                                        const char *field,
                                        const char *message,
                                        gpointer data);
void helder_web_errors_each (JsonObject *context,
                             const GError *error,
                             gboolean one_field_for_all,
                             HelderWebErrorLineFunc line,
                             gpointer data);
/* "Title: is missing" from "title: is missing". */
char *helder_web_capitalized (const char *text);

/* Roles as bits (helder-role.h). */
typedef HelderRole HelderWebRole;
#define HELDER_WEB_ANONYMOUS HELDER_ROLE_ANONYMOUS
#define HELDER_WEB_EMPLOYEE  HELDER_ROLE_EMPLOYEE
#define HELDER_WEB_HR        HELDER_ROLE_HR
#define HELDER_WEB_ADVISOR   HELDER_ROLE_ADVISOR
#define HELDER_WEB_ANYONE    HELDER_ROLES_ANYONE
#define HELDER_WEB_SIGNED_IN HELDER_ROLES_SIGNED_IN
#define HELDER_WEB_STAFF     HELDER_ROLES_STAFF

/* Who is asking. person == 0 for anonymous requests. */
typedef struct
{
  gint64 person;
  char *name; /* the person's name */
  HelderWebRole role;
  gint64 token;     /* access_token.id of the API token or session */
  gboolean session; /* signed in with the browser cookie (not a bearer token) */
  char *csrf;       /* sessions: the token forms must send back */
} HelderWebIdentity;

struct _HelderWebRequest
{
  HelderWebServer *server;
  HelderContext *context;
  HelderStore *store;
  SoupServerMessage *msg;
  const HelderWebRoute *route;
  const char *method;
  const char *path;
  GHashTable *query;  /* (nullable) decoded query parameters */
  GHashTable *params; /* {name} in the pattern → decoded segment */
  HelderWebIdentity identity;
  const char *lang;   /* "nl" or "en": the person's locale, else Accept-Language */
  const char *client; /* the peer's address, for rate limits and logs */
  const char *today;  /* YYYY-MM-DD (local), fixed per request; tests may pin it */
};

/* The route table and matching (helder-web-routes.c): core's routes, the
 * API collections of every noun, and the routes plugins added, each with
 * the permission a caller needs. */
typedef struct _HelderWebRouteTable HelderWebRouteTable;
HelderWebRouteTable *helder_web_route_table_new (HelderContext *context);
void helder_web_route_table_free (HelderWebRouteTable *table);
const HelderWebRoute *helder_web_route_table_get (HelderWebRouteTable *table, guint *n_routes);
const HelderWebRoute *helder_web_route_table_match (HelderWebRouteTable *table,
                                                    const char *method,
                                                    const char *path,
                                                    GHashTable *params,
                                                    gboolean *path_known);
gboolean helder_web_route_table_allows (HelderWebRouteTable *table,
                                        const HelderWebRoute *route,
                                        HelderWebRole role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderWebRouteTable, helder_web_route_table_free)
HelderWebRouteTable *helder_web_server_get_routes (HelderWebServer *server);

/* Writes that wait for one shared commit (helder-web-batch.c). */
typedef struct _HelderWebBatch HelderWebBatch;
HelderWebBatch *helder_web_batch_new (HelderWebServer *server);
void helder_web_batch_free (HelderWebBatch *batch);
HelderWebBatch *helder_web_server_get_batch (HelderWebServer *server);
const char *helder_web_role_name (HelderWebRole role);

/* The same without a request (for tests and fuzzing): the field and member
 * counts are checked before anything is decoded, so a body costs time in
 * proportion to its length. Over a limit: %HELDER_ERROR_PERMISSION. */
#define HELDER_WEB_MAX_FORM_FIELDS  1000
#define HELDER_WEB_MAX_JSON_MEMBERS 1000  /* in one object */
#define HELDER_WEB_MAX_JSON_TOTAL   20000 /* in all objects together */
GHashTable *helder_web_form_decode (const char *data, gsize length, char **field, GError **error);
JsonObject *helder_web_json_decode (const char *data, gsize length, GError **error);

/* The field an error is about (helder_error_get_field()), or NULL. */
char *helder_web_error_field (const HelderEntity *entity, const GError *error);

/* What every page's context gets: lang, today, csrf and user. */
void helder_web_add_page_common (HelderWebRequest *request, JsonObject *context);

/* The plugins' panels of @page ("me", "dashboard") for @person, rendered
 * ({"name", "html"} each); @preview: someone else's page seen by the
 * advisor (helder-web-panels.c). */
JsonArray *
helder_web_panels (HelderWebRequest *request, const char *page, gint64 person, gboolean preview);

/* Connections (helder-web-connections.c): accepted by Helder, handed to
 * libsoup, timed out, reaped and capped per address. */
#define HELDER_WEB_BODY_TIMEOUT_S 30 /* to send a body of at most 1 MiB */
typedef struct _HelderWebConnections HelderWebConnections;
HelderWebConnections *helder_web_connections_new (SoupServer *soup, const char *headers);
void helder_web_connections_free (HelderWebConnections *self);
gboolean
helder_web_connections_listen (HelderWebConnections *self, GSocketAddress *address, GError **error);
guint helder_web_connections_get_port (HelderWebConnections *self);
void helder_web_connections_set_limits (HelderWebConnections *self,
                                        guint idle_timeout_s,
                                        guint header_timeout_s,
                                        guint max_per_client);
/* Whether connections from @client are exempt from the cap per address
 * (a trusted reverse proxy carries everybody's connections). */
typedef gboolean (*HelderWebExemptFunc) (const char *client, gpointer user_data);
void helder_web_connections_set_exempt (HelderWebConnections *self,
                                        HelderWebExemptFunc func,
                                        gpointer user_data);
/* Told of each connection refused before a request (the cap per address). */
typedef void (*HelderWebRefusedFunc) (const char *client, guint status, gpointer user_data);
void helder_web_connections_set_logger (HelderWebConnections *self,
                                        HelderWebRefusedFunc func,
                                        gpointer user_data);
void helder_web_connections_disconnect (HelderWebConnections *self);
void helder_web_connections_reading (SoupServerMessage *msg);
void helder_web_connections_handling (SoupServerMessage *msg);
gboolean helder_web_connections_refuse (SoupServerMessage *msg,
                                        guint status,
                                        const char *code,
                                        const char *message);

/* Counts a failed login or token for the request's address: past the limit
 * the address gets 429 for a while (helder-web-server.c). */
void helder_web_count_failure (HelderWebRequest *request);
/* For a credential (token, sign-in code) that proved invalid: answers 429
 * itself and returns TRUE when the address or the credential's prefix is
 * past the limit; else counts the failure for both and returns FALSE (the
 * caller answers). Never call it for a valid credential. */
gboolean helder_web_refuse_credential (HelderWebRequest *request, const char *credential);

/* Handlers, one file per area. */
/* helder-web-auth.c */
void helder_web_handle_home (HelderWebRequest *request);
void helder_web_handle_login_page (HelderWebRequest *request);
void helder_web_handle_login (HelderWebRequest *request);
void helder_web_handle_logout (HelderWebRequest *request);
void helder_web_handle_static (HelderWebRequest *request);
void helder_web_handle_openapi (HelderWebRequest *request);
char *helder_web_login_form_token (HelderWebRequest *request);
char *helder_web_request_cookie (HelderWebRequest *request, const char *name);
gboolean helder_web_request_secure (HelderWebRequest *request);
void helder_web_set_session_cookie (HelderWebRequest *request,
                                    const char *session,
                                    const char *role,
                                    const char *form_cookie);
gboolean helder_web_login_form_check (HelderWebRequest *request, const char *sent);
/* helder-web-signin-request.c */
void helder_web_handle_signin_request_page (HelderWebRequest *request);
void helder_web_handle_signin_request (HelderWebRequest *request);
/* helder-web-invite.c */
void helder_web_handle_invite_page (HelderWebRequest *request);
void helder_web_handle_invite (HelderWebRequest *request);
void helder_web_handle_api_invite (HelderWebRequest *request);
/* helder-web-message-link.c */
void helder_web_handle_message_link_page (HelderWebRequest *request);
void helder_web_handle_message_link (HelderWebRequest *request);
/* helder-web-me.c */
void helder_web_handle_me_page (HelderWebRequest *request);
void helder_web_handle_me_digest (HelderWebRequest *request);
void helder_web_handle_person_page (HelderWebRequest *request);
void helder_web_handle_api_me (HelderWebRequest *request);
void helder_web_handle_me_calendar (HelderWebRequest *request);
void helder_web_handle_person_calendar (HelderWebRequest *request);
/* helder-web-dashboard.c */
void helder_web_handle_dashboard (HelderWebRequest *request);
void helder_web_handle_timeline_svg (HelderWebRequest *request);
void helder_web_handle_heatmap_svg (HelderWebRequest *request);
/* helder-web-forms.c */
void helder_web_handle_moment_new (HelderWebRequest *request);
void helder_web_handle_moment_create (HelderWebRequest *request);
void helder_web_handle_moment_page (HelderWebRequest *request);
void helder_web_handle_moment_update (HelderWebRequest *request);
void helder_web_handle_moment_approve (HelderWebRequest *request);
void helder_web_handle_moment_cancel (HelderWebRequest *request);
void helder_web_handle_moment_send_now (HelderWebRequest *request);
void helder_web_handle_moment_reschedule (HelderWebRequest *request);
void helder_web_handle_commitment_page (HelderWebRequest *request);
void helder_web_handle_commitment_record (HelderWebRequest *request);
void helder_web_handle_commitment_withdraw (HelderWebRequest *request);
void helder_web_handle_gate_page (HelderWebRequest *request);
void helder_web_handle_gate_decide (HelderWebRequest *request);
/* helder-web-commitment-forms.c */
void helder_web_handle_commitment_new (HelderWebRequest *request);
void helder_web_handle_commitment_create (HelderWebRequest *request);
/* helder-web-gate-forms.c */
void helder_web_handle_gate_new (HelderWebRequest *request);
void helder_web_handle_gate_create (HelderWebRequest *request);
void helder_web_handle_criterion_new (HelderWebRequest *request);
void helder_web_handle_criterion_create (HelderWebRequest *request);
void helder_web_handle_criterion_page (HelderWebRequest *request);
void helder_web_handle_criterion_update (HelderWebRequest *request);
/* helder-web-supersede.c */
void helder_web_handle_moment_supersede_page (HelderWebRequest *request);
void helder_web_handle_moment_supersede (HelderWebRequest *request);
/* helder-web-people.c */
void helder_web_handle_people_page (HelderWebRequest *request);
void helder_web_handle_person_new (HelderWebRequest *request);
void helder_web_handle_person_create (HelderWebRequest *request);
void helder_web_handle_person_edit_page (HelderWebRequest *request);
void helder_web_handle_person_update (HelderWebRequest *request);
/* helder-web-settings.c */
void helder_web_handle_settings_page (HelderWebRequest *request);
void helder_web_handle_settings_update (HelderWebRequest *request);
/* helder-web-hr.c */
void helder_web_handle_hr_board (HelderWebRequest *request);
void helder_web_handle_hr_place (HelderWebRequest *request);
void helder_web_handle_hr_confirm (HelderWebRequest *request);
void helder_web_handle_hr_withdraw (HelderWebRequest *request);
void helder_web_handle_api_hr_board (HelderWebRequest *request);
void helder_web_handle_audit_page (HelderWebRequest *request);
void helder_web_handle_api_audit (HelderWebRequest *request);
void helder_web_handle_api_person_export (HelderWebRequest *request);
void helder_web_handle_api_person_erase (HelderWebRequest *request);
/* helder-web-api.c */
void helder_web_handle_api_list (HelderWebRequest *request);
void helder_web_handle_api_get (HelderWebRequest *request);
void helder_web_handle_api_create (HelderWebRequest *request);
void helder_web_handle_api_update (HelderWebRequest *request);
void helder_web_handle_api_status (HelderWebRequest *request);
void helder_web_handle_api_audience (HelderWebRequest *request);
void helder_web_handle_api_moment_action (HelderWebRequest *request);
void helder_web_handle_api_commitment_record (HelderWebRequest *request);
void helder_web_handle_api_gate_decide (HelderWebRequest *request);
/* Answering a meeting's invitation (helder-web-rsvp.c). */
void helder_web_handle_rsvp_page (HelderWebRequest *request);
void helder_web_handle_rsvp (HelderWebRequest *request);
void helder_web_handle_me_rsvp (HelderWebRequest *request);
void helder_web_handle_api_rsvp (HelderWebRequest *request);
void helder_web_rsvp_add_choices (HelderWebRequest *request, JsonArray *coming);
JsonObject *helder_web_rsvp_context (HelderWebRequest *request, JsonObject *row);
/* A moment's reach from the outbox (helder-web-reach.c). */
JsonObject *helder_web_reach_context (HelderWebRequest *request, JsonObject *row, GError **error);
void helder_web_handle_api_reach (HelderWebRequest *request);
/* A meeting's personal conversations on its page (helder-web-slots.c). */
JsonObject *helder_web_slots_context (HelderWebRequest *request, JsonObject *row);
void helder_web_handle_slot_create (HelderWebRequest *request);
void helder_web_handle_slot_delete (HelderWebRequest *request);

/* /api/v1/openapi.json: core's document with the plugins' parts (helder-web-openapi.c). */
GBytes *helder_web_openapi_document (HelderContext *context);
GBytes *helder_web_server_get_openapi (HelderWebServer *server);

/* The entity an API path's collection names ("role-changes" → role_change). */
const HelderEntity *helder_web_api_entity (const char *collection);

G_END_DECLS
