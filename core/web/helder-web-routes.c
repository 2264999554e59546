/* helder-web-routes.c — every route of `helder serve`, and who may call it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This table is the authorisation of the web server: the server looks up
 * the route here and refuses a caller whose role is not listed before any
 * handler runs (helder-web-server.c). tests/test-web-authz.c walks the
 * whole table for every role.
 *
 * Employees reach only routes about themselves (/me, /api/v1/me…); no
 * route that takes a person or a record of someone else lists them.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "web/helder-web-private.h"

#define ANYONE    HELDER_WEB_ANYONE
#define SIGNED_IN HELDER_WEB_SIGNED_IN
#define STAFF     HELDER_WEB_STAFF
#define ADVISOR   HELDER_WEB_ADVISOR
#define HR        HELDER_WEB_HR
#define EMPLOYEE  HELDER_WEB_EMPLOYEE

#define PAGE      HELDER_ROUTE_PAGE
#define API       HELDER_ROUTE_API
#define PERSONAL  HELDER_ROUTE_NO_STORE

/* A collection of the JSON API: list, create, get, update. */
#define COLLECTION(path, readers, writers) \
  { "GET",   "/api/v1/" path,           readers, API | PERSONAL, helder_web_handle_api_list,   "list " path }, \
  { "POST",  "/api/v1/" path,           writers, API | PERSONAL, helder_web_handle_api_create, "create in " path }, \
  { "GET",   "/api/v1/" path "/{key}",  readers, API | PERSONAL, helder_web_handle_api_get,    "get one of " path }, \
  { "PATCH", "/api/v1/" path "/{key}",  writers, API | PERSONAL, helder_web_handle_api_update, "update one of " path }

/* Append-only collections: list, create, get; never changed. */
#define APPEND_ONLY(path, readers, writers) \
  { "GET",   "/api/v1/" path,           readers, API | PERSONAL, helder_web_handle_api_list,   "list " path }, \
  { "POST",  "/api/v1/" path,           writers, API | PERSONAL, helder_web_handle_api_create, "create in " path }, \
  { "GET",   "/api/v1/" path "/{key}",  readers, API | PERSONAL, helder_web_handle_api_get,    "get one of " path }

static const HelderWebRoute routes[] = {
  /* Signing in, and what anyone may fetch. */
  { "GET",  "/",                        ANYONE,    PAGE,            helder_web_handle_home,        "home: where to go for your role" },
  { "GET",  "/login/{code}",            ANYONE,    PAGE | PERSONAL, helder_web_handle_login_page,  "confirm a one-time login link" },
  { "POST", "/login",                   ANYONE,    PAGE | PERSONAL, helder_web_handle_login,       "use a one-time login link" },
  { "POST", "/logout",                  SIGNED_IN, PAGE | PERSONAL, helder_web_handle_logout,      "end the session" },
  { "GET",  "/static/{file}",           ANYONE,    PAGE,            helder_web_handle_static,      "stylesheet and images" },
  { "GET",  "/api/v1/openapi.json",     ANYONE,    API,             helder_web_handle_openapi,     "the API description" },

  /* An employee's own transition. */
  { "GET",  "/me",                      SIGNED_IN, PAGE | PERSONAL, helder_web_handle_me_page,     "my transition" },
  { "GET",  "/api/v1/me",               SIGNED_IN, API | PERSONAL,  helder_web_handle_api_me,      "my transition as JSON" },
  { "GET",  "/api/v1/me/calendar.ics",  SIGNED_IN, API | PERSONAL,  helder_web_handle_me_calendar, "my calendar feed" },
  { "GET",  "/api/v1/me/notifications", SIGNED_IN, API | PERSONAL,  helder_web_handle_api_notifications, "my desktop notifications to show" },
  { "POST", "/api/v1/me/notifications/ack", SIGNED_IN, API | PERSONAL, helder_web_handle_api_notification_ack, "acknowledge a shown notification" },

  /* The advisor's dashboard and forms. */
  { "GET",  "/dashboard",               ADVISOR,   PAGE | PERSONAL, helder_web_handle_dashboard,   "the advisor's dashboard" },
  { "GET",  "/dashboard/timeline.svg",  ADVISOR,   PAGE | PERSONAL, helder_web_handle_timeline_svg, "the programme timeline" },
  { "GET",  "/dashboard/heatmap.svg",   ADVISOR,   PAGE | PERSONAL, helder_web_handle_heatmap_svg, "messages per group and week" },
  { "GET",  "/people/{id}",             ADVISOR,   PAGE | PERSONAL, helder_web_handle_person_page, "a person's transition, as they see it" },
  { "GET",  "/people/{id}/calendar.ics", ADVISOR,  API | PERSONAL,  helder_web_handle_person_calendar, "a person's calendar feed" },
  { "GET",  "/moments/new",             ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_new,  "form: a new moment" },
  { "POST", "/moments",                 ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_create, "create a moment" },
  { "GET",  "/moments/{id}",            ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_page, "a moment, editable while draft" },
  { "POST", "/moments/{id}",            ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_update, "edit a draft moment" },
  { "POST", "/moments/{id}/approve",    ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_approve, "approve a moment" },
  { "POST", "/moments/{id}/cancel",     ADVISOR,   PAGE | PERSONAL, helder_web_handle_moment_cancel, "cancel a moment" },
  { "GET",  "/commitments/{id}",        ADVISOR,   PAGE | PERSONAL, helder_web_handle_commitment_page, "a commitment and its history" },
  { "POST", "/commitments/{id}/updates", ADVISOR,  PAGE | PERSONAL, helder_web_handle_commitment_record, "record a commitment update" },
  { "GET",  "/gates/{slug}",            ADVISOR,   PAGE | PERSONAL, helder_web_handle_gate_page,   "a gate, its criteria and decision" },
  { "POST", "/gates/{slug}/decision",   ADVISOR,   PAGE | PERSONAL, helder_web_handle_gate_decide, "record a gate decision" },
  { "GET",  "/audit",                   ADVISOR,   PAGE | PERSONAL, helder_web_handle_audit_page,  "the audit log" },

  /* HR. */
  { "GET",  "/hr",                      STAFF,     PAGE | PERSONAL, helder_web_handle_hr_board,    "roles to fill and people to place" },
  { "POST", "/hr/placements",           STAFF,     PAGE | PERSONAL, helder_web_handle_hr_place,    "record an intended placement" },

  /* The JSON API. */
  { "GET",  "/api/v1/status",           ADVISOR,   API | PERSONAL,  helder_web_handle_api_status,  "where the programme stands" },
  { "GET",  "/api/v1/hr/board",         STAFF,     API | PERSONAL,  helder_web_handle_api_hr_board, "roles to fill and people to place" },
  { "GET",  "/api/v1/audit",            ADVISOR,   API | PERSONAL,  helder_web_handle_api_audit,   "the audit log" },
  COLLECTION ("phases",             ADVISOR | HR, ADVISOR),
  COLLECTION ("groups",             ADVISOR | HR, ADVISOR),
  COLLECTION ("roles",              ADVISOR | HR, ADVISOR),
  COLLECTION ("people",             ADVISOR | HR, ADVISOR),
  COLLECTION ("role-changes",       ADVISOR | HR, ADVISOR),
  APPEND_ONLY ("commitments",       ADVISOR,      ADVISOR),
  APPEND_ONLY ("commitment-updates", ADVISOR,     ADVISOR),
  COLLECTION ("moments",            ADVISOR,      ADVISOR),
  COLLECTION ("gates",              ADVISOR,      ADVISOR),
  COLLECTION ("criteria",           ADVISOR,      ADVISOR),
  COLLECTION ("placements",         ADVISOR | HR, ADVISOR | HR),
  { "GET",  "/api/v1/moments/{key}/audience", ADVISOR, API | PERSONAL, helder_web_handle_api_audience, "who a moment reaches" },
  { "POST", "/api/v1/moments/{key}/approve",  ADVISOR, API | PERSONAL, helder_web_handle_api_moment_action, "approve a moment" },
  { "POST", "/api/v1/moments/{key}/cancel",   ADVISOR, API | PERSONAL, helder_web_handle_api_moment_action, "cancel a moment" },
  { "POST", "/api/v1/moments/{key}/supersede", ADVISOR, API | PERSONAL, helder_web_handle_api_moment_action, "supersede an approved moment" },
  { "POST", "/api/v1/commitments/{key}/updates", ADVISOR, API | PERSONAL, helder_web_handle_api_commitment_record, "record a commitment update" },
  { "POST", "/api/v1/gates/{key}/decision",   ADVISOR, API | PERSONAL, helder_web_handle_api_gate_decide, "record a gate decision" },
};

const HelderWebRoute *
helder_web_routes (guint *n_routes)
{
  if (n_routes != NULL)
    *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

const char *
helder_web_role_name (HelderWebRole role)
{
  switch (role)
    {
    case HELDER_WEB_ADVISOR:  return "advisor";
    case HELDER_WEB_HR:       return "hr";
    case HELDER_WEB_EMPLOYEE: return "employee";
    case HELDER_WEB_ANONYMOUS:
    default:                  return "anonymous";
    }
}

/* Matches @path against @pattern segment by segment; {name} takes one
 * non-empty segment, percent-decoded, into @params. */
static gboolean
match_pattern (const char *pattern,
               const char *path,
               GHashTable *params)
{
  const char *p = pattern;
  const char *s = path;

  while (*p != '\0' && *s != '\0')
    {
      if (*p == '{')
        {
          const char *close = strchr (p, '}');
          const char *end = strchr (s, '/');
          g_autofree char *raw = NULL;
          char *value;

          g_assert (close != NULL);
          if (end == NULL)
            end = s + strlen (s);
          if (end == s)
            return FALSE;
          raw = g_strndup (s, end - s);
          value = g_uri_unescape_string (raw, "/");
          if (value == NULL || !g_utf8_validate (value, -1, NULL))
            {
              g_free (value);
              return FALSE;
            }
          if (params != NULL)
            g_hash_table_insert (params, g_strndup (p + 1, close - p - 1), value);
          else
            g_free (value);
          p = close + 1;
          s = end;
          continue;
        }
      if (*p != *s)
        return FALSE;
      p++;
      s++;
    }
  return *p == '\0' && *s == '\0';
}

/**
 * helder_web_route_match:
 * @params: (nullable): receives the {name} values of the matching route
 * @path_known: set to %TRUE when some route has this path (with another
 *   method, when the result is %NULL: a 405 rather than a 404)
 *
 * Returns: (nullable): the route for @method and @path
 */
const HelderWebRoute *
helder_web_route_match (const char *method,
                        const char *path,
                        GHashTable *params,
                        gboolean   *path_known)
{
  *path_known = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!match_pattern (routes[i].pattern, path, NULL))
        continue;
      *path_known = TRUE;
      if (strcmp (routes[i].method, method) == 0 ||
          (strcmp (method, "HEAD") == 0 && strcmp (routes[i].method, "GET") == 0))
        {
          if (params != NULL)
            match_pattern (routes[i].pattern, path, params);
          return &routes[i];
        }
    }
  return NULL;
}
