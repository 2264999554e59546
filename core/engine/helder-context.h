/* helder-context.h — what one run of Helder works with
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include <json-glib/json-glib.h>

#include "helder-command.h"
#include "helder-housekeeping.h"
#include "helder-role.h"
#include "model/helder-entity.h"
#include "helder-setting.h"
#include "services/delivery/helder-digest.h"
#include "services/repo/helder-gate-measure.h"
#include "services/transfer/helder-demo-step.h"
#include "services/transfer/helder-person-data.h"
#include "services/views/helder-audience-filter.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_TYPE_CONTEXT (helder_context_get_type ())
G_DECLARE_FINAL_TYPE (HelderContext, helder_context, HELDER, CONTEXT, GObject)

typedef struct _HelderEngine HelderEngine;

HelderContext *helder_context_new (const char *db_path);
const char *helder_context_get_db_path (HelderContext *self);
HelderStore *helder_context_get_store (HelderContext *self, GError **error);
HelderStore *helder_context_open_connection (HelderContext *self, GError **error);
gboolean helder_context_has_store (HelderContext *self);
void helder_context_close_store (HelderContext *self);

HelderEngine *helder_context_get_engine (HelderContext *self);

void helder_context_add_migration (HelderContext *self,
                                   const char *component,
                                   guint version,
                                   const char *sql);
void helder_context_remove_migrations (HelderContext *self, const char *component);

void helder_context_add_command (HelderContext *self, const HelderCommand *command);
void helder_context_remove_command (HelderContext *self, const char *name);
const HelderCommand *helder_context_lookup_command (HelderContext *self, const char *name);
GPtrArray *helder_context_list_commands (HelderContext *self);

void helder_context_add_setting (HelderContext *self, const HelderSetting *setting);
void helder_context_remove_setting (HelderContext *self, const char *name);
const HelderSetting *helder_context_lookup_setting (HelderContext *self, const char *name);
GPtrArray *helder_context_list_settings (HelderContext *self);
JsonObject *helder_context_read_settings (HelderContext *self, GError **error);
JsonObject *
helder_context_read_settings_from (HelderContext *self, HelderStore *store, GError **error);
char *helder_context_get_setting (HelderContext *self, const char *name, GError **error);
gboolean helder_context_check_setting (HelderContext *self,
                                       const char *name,
                                       const char *value,
                                       GError **error);
gboolean helder_context_set_setting (HelderContext *self,
                                     const char *name,
                                     const char *value,
                                     GError **error);

void helder_context_add_digest_section (HelderContext *self, const HelderDigestSection *section);
void helder_context_remove_digest_section (HelderContext *self, const char *name);
GPtrArray *helder_context_get_digest_sections (HelderContext *self);

/* ---- The registries a plugin adds to (DESIGN.md §4) ------------------
 *
 * Everything added while the engine loads a plugin is recorded as that
 * plugin's, and removed again when it unloads: a plugin writes no unload
 * that mirrors its load. */

/**
 * HelderPermission:
 * @name: "moments.approve": a noun or feature, a dot, what it allows
 * @label: N_() in @gettext_domain: what it allows, for people
 * @roles: the #HelderRole bits that hold it by default
 * @gettext_domain: (nullable): the domain of @label; %NULL for "helder"
 *
 * A permission by name. Routes, navigation entries and the nouns' API
 * collections name the permission they need; the route table refuses a
 * caller whose role does not hold it before any handler runs.
 */
typedef struct
{
  const char *name;
  const char *label;
  guint roles;
  const char *gettext_domain;
} HelderPermission;

void helder_context_add_permission (HelderContext *self, const HelderPermission *permission);
const HelderPermission *helder_context_lookup_permission (HelderContext *self, const char *name);
GPtrArray *helder_context_list_permissions (HelderContext *self);
gboolean helder_context_role_may (HelderContext *self, guint roles, const char *permission);

/**
 * HelderWebRequest:
 *
 * One request to `helder serve`, as a handler gets it; see helder-web.h
 * for what a handler can do with it.
 */
typedef struct _HelderWebRequest HelderWebRequest;
typedef void (*HelderWebHandler) (HelderWebRequest *request);

/**
 * HelderRouteFlags:
 * @HELDER_ROUTE_PAGE: HTML; errors come as an HTML page
 * @HELDER_ROUTE_API: JSON; errors come as {"error":{…}}
 * @HELDER_ROUTE_NO_STORE: personal data: Cache-Control: no-store
 */
typedef enum
{
  HELDER_ROUTE_PAGE = 0,
  HELDER_ROUTE_API = 1 << 0,
  HELDER_ROUTE_NO_STORE = 1 << 1,
} HelderRouteFlags;

/**
 * HelderWebRoute:
 * @method: "GET", "POST", "PATCH" or "DELETE"
 * @pattern: "/surveys/{id}/answers": {x} matches one path segment
 * @permission: the permission a caller must hold (helder_context_add_permission())
 * @flags: #HelderRouteFlags
 * @handler: what answers the request
 * @summary: one line for the route list in documents and tests
 *
 * One route of the web server.
 */
typedef struct
{
  const char *method;
  const char *pattern;
  const char *permission;
  HelderRouteFlags flags;
  HelderWebHandler handler;
  const char *summary;
} HelderWebRoute;

void helder_context_add_routes (HelderContext *self, const HelderWebRoute *routes, guint n_routes);
GPtrArray *helder_context_list_routes (HelderContext *self);

/**
 * HelderNavEntry:
 * @href: where it leads, e.g. "/surveys"
 * @label: N_() in @gettext_domain
 * @permission: shown only to roles that hold it
 * @position: where it goes among the others (core's are 10, 20, …)
 * @gettext_domain: (nullable): the domain of @label; %NULL for "helder"
 *
 * An entry of the navigation at the top of every page.
 */
typedef struct
{
  const char *href;
  const char *label;
  const char *permission;
  int position;
  const char *gettext_domain;
} HelderNavEntry;

void helder_context_add_nav_entry (HelderContext *self, const HelderNavEntry *entry);
GPtrArray *helder_context_list_nav (HelderContext *self);

/**
 * HelderTemplates:
 * @prefix: a GResource folder with the plugin's NAME.html templates,
 *   e.g. "/nl/helder/plugins/surveys/templates"
 * @name: what handlers put before a template's name: "surveys" makes
 *   "surveys/results" the file PREFIX/results.html
 * @gettext_domain: the domain the templates' {{#_}}…{{/_}} texts are in
 *
 * A plugin's page templates, rendered by core's template engine inside
 * core's page layout.
 */
typedef struct
{
  const char *prefix;
  const char *name;
  const char *gettext_domain;
} HelderTemplates;

void helder_context_add_templates (HelderContext *self, const HelderTemplates *templates);
const HelderTemplates *helder_context_find_templates (HelderContext *self, const char *name);
GPtrArray *helder_context_list_templates (HelderContext *self);

void helder_context_add_openapi (HelderContext *self, const char *document);
GPtrArray *helder_context_list_openapi (HelderContext *self);

gboolean
helder_context_add_entity (HelderContext *self, const HelderEntity *entity, GError **error);

/* HelderPersonData: services/transfer/helder-person-data.h */

void helder_context_add_person_data (HelderContext *self, const HelderPersonData *data);
GPtrArray *helder_context_list_person_data (HelderContext *self);

/* HelderAudienceFilter: services/views/helder-audience-filter.h */

void helder_context_add_audience_filter (HelderContext *self, const HelderAudienceFilter *filter);
GPtrArray *helder_context_list_audience_filters (HelderContext *self);

/* HelderGateMeasure: services/repo/helder-gate-measure.h */

void helder_context_add_gate_measure (HelderContext *self, const HelderGateMeasure *measure);
GPtrArray *helder_context_list_gate_measures (HelderContext *self);
gboolean
helder_context_refresh_gate_measures (HelderContext *self, HelderStore *store, GError **error);

/* HelderHousekeeping: engine/helder-housekeeping.h */

void helder_context_add_housekeeping (HelderContext *self, const HelderHousekeeping *job);
GPtrArray *helder_context_list_housekeeping (HelderContext *self);
JsonArray *
helder_context_run_housekeeping (HelderContext *self, HelderStore *store, const char *now_utc);
/* HelderDemoStep: services/transfer/helder-demo-step.h */

void helder_context_add_demo_step (HelderContext *self, const HelderDemoStep *step);
GPtrArray *helder_context_list_demo_steps (HelderContext *self);

/**
 * HelderWebPanelFunc:
 * @request: the request for the page the panel goes on
 * @person: whose page it is: on "me" the page's person (the caller on
 *   /me, the person previewed on /people/{id}); on "dashboard" the caller
 * @error: a failure: the panel is left out and logged, the page stands
 *
 * Returns: (transfer full) (nullable): the context of the panel's
 *   template; %NULL without an error when there is nothing to show. Core
 *   adds the page's common members: "lang", "today", "csrf" (the form
 *   token a route checks with helder_web_check_csrf()) and "user".
 */
typedef JsonObject *(*HelderWebPanelFunc) (HelderWebRequest *request,
                                           gint64 person,
                                           gpointer user_data,
                                           GError **error);

/**
 * HelderWebPanel:
 * @name: the panel's name, unique ("interviews-concern-form")
 * @page: the page it goes on: "me" (the personal page) or "dashboard"
 *   (the advisor's dashboard)
 * @template_name: "PLUGIN/NAME", a template the plugin added with
 *   helder_context_add_templates(); rendered without the layout
 * @permission: (nullable): the permission the caller must hold to see
 *   it; %NULL: whoever sees the page
 * @func: makes the template's context
 * @user_data: for @func
 * @in_preview: on "me": also on the advisor's view of someone's page
 *   (/people/{id}); otherwise only on a person's own /me
 *
 * A part of a core page that a plugin makes: HTML from its own template,
 * forms included, below core's sections. Zero-initialised members are
 * the defaults.
 */
typedef struct
{
  const char *name;
  const char *page;
  const char *template_name;
  const char *permission;
  HelderWebPanelFunc func;
  gpointer user_data;
  gboolean in_preview;
} HelderWebPanel;

void helder_context_add_web_panel (HelderContext *self, const HelderWebPanel *panel);
GPtrArray *helder_context_list_web_panels (HelderContext *self, const char *page);

/* For the engine: what is added from now on belongs to @owner (NULL: core),
 * and everything @owner added goes again. */
void helder_context_set_owner (HelderContext *self, const char *owner);
const char *helder_context_get_owner (HelderContext *self);
void helder_context_remove_owned (HelderContext *self, const char *owner);

G_END_DECLS
