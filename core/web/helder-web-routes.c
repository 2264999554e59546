/* helder-web-routes.c — every route of `helder serve`, and who may call it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This table is the authorisation of the web server: the server looks up
 * the route here and refuses a caller whose role does not hold the route's
 * permission before any handler runs (helder-web-server.c). Plugins add
 * their routes with helder_context_add_routes() and their nouns' API
 * collections come from the entity descriptors, so tests/test-web-authz.c,
 * which walks the whole table for every role, covers them unasked.
 *
 * Employees reach only routes about themselves (/me, /api/v1/me…); no
 * route that takes a person or a record of someone else lists them.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "web/helder-web-private.h"

#define PAGE     HELDER_ROUTE_PAGE
#define API      HELDER_ROUTE_API
#define PERSONAL HELDER_ROUTE_NO_STORE

/* Core's own routes, each with the permission it needs (the permissions
 * are registered in engine/helder-context.c). The API collections of the
 * nouns, core's and plugins', are added from the entity descriptors. */
static const HelderWebRoute core_routes[] = {
  /* Signing in, and what anyone may fetch. */
  { "GET", "/", "site.public", PAGE, helder_web_handle_home, "home: where to go for your role" },
  { "GET", "/login/request", "site.public", PAGE | PERSONAL, helder_web_handle_signin_request_page,
    "form: ask for a new sign-in link" },
  { "POST", "/login/request", "site.public", PAGE | PERSONAL, helder_web_handle_signin_request,
    "ask for a new sign-in link by e-mail" },
  { "GET", "/login/{code}", "site.public", PAGE | PERSONAL, helder_web_handle_login_page,
    "confirm a one-time login link" },
  { "POST", "/login", "site.public", PAGE | PERSONAL, helder_web_handle_login,
    "use a one-time login link" },
  { "GET", "/s/{code}", "site.public", PAGE | PERSONAL, helder_web_handle_message_link_page,
    "confirm the sign-in link of a message" },
  { "POST", "/s", "site.public", PAGE | PERSONAL, helder_web_handle_message_link,
    "sign in with the link of a message, as an employee" },
  { "POST", "/logout", "me.read", PAGE | PERSONAL, helder_web_handle_logout, "end the session" },
  { "GET", "/rsvp/{meeting}/{token}", "site.public", PAGE | PERSONAL, helder_web_handle_rsvp_page,
    "confirm an answer to a meeting's invitation" },
  { "POST", "/rsvp/{meeting}/{token}", "site.public", PAGE | PERSONAL, helder_web_handle_rsvp,
    "answer a meeting's invitation with its personal link" },
  { "GET", "/static/{file}", "site.public", PAGE, helder_web_handle_static,
    "stylesheet and images" },
  { "GET", "/api/v1/openapi.json", "site.public", API, helder_web_handle_openapi,
    "the API description" },

  /* An employee's own transition. */
  { "GET", "/me", "me.read", PAGE | PERSONAL, helder_web_handle_me_page, "my transition" },
  { "POST", "/me/digest", "me.digest", PAGE | PERSONAL, helder_web_handle_me_digest,
    "choose whether to get the weekly digest" },
  { "POST", "/me/rsvp", "me.read", PAGE | PERSONAL, helder_web_handle_me_rsvp,
    "answer a meeting's invitation" },
  { "GET", "/api/v1/me", "me.read", API | PERSONAL, helder_web_handle_api_me,
    "my transition as JSON" },
  { "GET", "/api/v1/me/calendar.ics", "me.read", API | PERSONAL, helder_web_handle_me_calendar,
    "my calendar feed" },

  /* The advisor's dashboard and forms. */
  { "GET", "/dashboard", "dashboard.read", PAGE | PERSONAL, helder_web_handle_dashboard,
    "the advisor's dashboard" },
  { "GET", "/dashboard/timeline.svg", "dashboard.read", PAGE | PERSONAL,
    helder_web_handle_timeline_svg, "the programme timeline" },
  { "GET", "/dashboard/heatmap.svg", "dashboard.read", PAGE | PERSONAL,
    helder_web_handle_heatmap_svg, "messages per group and week" },
  { "GET", "/people/invite", "people.invite", PAGE | PERSONAL, helder_web_handle_invite_page,
    "invite people who have no access yet: preview" },
  { "POST", "/people/invite", "people.invite", PAGE | PERSONAL, helder_web_handle_invite,
    "invite people who have no access yet" },
  { "GET", "/people", "people.write", PAGE | PERSONAL, helder_web_handle_people_page,
    "everyone: search by name or e-mail, filter by group" },
  { "POST", "/people", "people.write", PAGE | PERSONAL, helder_web_handle_person_create,
    "add a person" },
  { "GET", "/people/new", "people.write", PAGE | PERSONAL, helder_web_handle_person_new,
    "form: a new person" },
  { "GET", "/people/{id}/edit", "people.write", PAGE | PERSONAL, helder_web_handle_person_edit_page,
    "form: change a person" },
  { "POST", "/people/{id}/edit", "people.write", PAGE | PERSONAL, helder_web_handle_person_update,
    "change a person" },
  { "GET", "/settings", "settings.change", PAGE | PERSONAL, helder_web_handle_settings_page,
    "the settings, core's and the plugins'" },
  { "POST", "/settings", "settings.change", PAGE | PERSONAL, helder_web_handle_settings_update,
    "change settings" },
  { "GET", "/people/{id}", "people.transition", PAGE | PERSONAL, helder_web_handle_person_page,
    "a person's transition, as they see it" },
  { "GET", "/people/{id}/calendar.ics", "people.transition", API | PERSONAL,
    helder_web_handle_person_calendar, "a person's calendar feed" },
  { "GET", "/moments/new", "moments.write", PAGE | PERSONAL, helder_web_handle_moment_new,
    "form: a new moment" },
  { "POST", "/moments", "moments.write", PAGE | PERSONAL, helder_web_handle_moment_create,
    "create a moment" },
  { "GET", "/moments/{id}", "moments.read", PAGE | PERSONAL, helder_web_handle_moment_page,
    "a moment, editable while draft" },
  { "POST", "/moments/{id}", "moments.write", PAGE | PERSONAL, helder_web_handle_moment_update,
    "edit a draft moment" },
  { "POST", "/moments/{id}/approve", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_approve, "approve a moment" },
  { "POST", "/moments/{id}/cancel", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_cancel, "cancel a moment" },
  { "POST", "/moments/{id}/send-now", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_send_now, "send an overdue moment anyway" },
  { "POST", "/moments/{id}/reschedule", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_reschedule, "give an approved moment a new time" },
  { "GET", "/moments/{id}/supersede", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_supersede_page, "form: a new version of an approved moment" },
  { "POST", "/moments/{id}/supersede", "moments.approve", PAGE | PERSONAL,
    helder_web_handle_moment_supersede, "supersede an approved moment by a new draft" },
  { "POST", "/moments/{id}/slots", "moments.write", PAGE | PERSONAL, helder_web_handle_slot_create,
    "give a person their own time in a meeting" },
  { "POST", "/moments/{id}/slots/{slot}/delete", "moments.write", PAGE | PERSONAL,
    helder_web_handle_slot_delete, "remove a person's time from a meeting" },
  { "GET", "/commitments/new", "commitments.write", PAGE | PERSONAL,
    helder_web_handle_commitment_new, "form: a new commitment" },
  { "POST", "/commitments", "commitments.write", PAGE | PERSONAL,
    helder_web_handle_commitment_create, "record a new commitment" },
  { "GET", "/commitments/{id}", "commitments.read", PAGE | PERSONAL,
    helder_web_handle_commitment_page, "a commitment and its history" },
  { "POST", "/commitments/{id}/updates", "commitments.record", PAGE | PERSONAL,
    helder_web_handle_commitment_record, "record a commitment update" },
  { "POST", "/commitments/{id}/withdraw", "commitments.record", PAGE | PERSONAL,
    helder_web_handle_commitment_withdraw, "withdraw a commitment, with an explanation" },
  { "GET", "/gates/new", "gates.write", PAGE | PERSONAL, helder_web_handle_gate_new,
    "form: a new gate" },
  { "POST", "/gates", "gates.write", PAGE | PERSONAL, helder_web_handle_gate_create,
    "create a gate" },
  { "GET", "/gates/{slug}", "gates.read", PAGE | PERSONAL, helder_web_handle_gate_page,
    "a gate, its criteria and decision" },
  { "GET", "/gates/{slug}/criteria/new", "criteria.write", PAGE | PERSONAL,
    helder_web_handle_criterion_new, "form: a new criterion of a gate" },
  { "POST", "/gates/{slug}/criteria", "criteria.write", PAGE | PERSONAL,
    helder_web_handle_criterion_create, "add a criterion to a gate" },
  { "GET", "/gates/{slug}/criteria/{id}", "criteria.read", PAGE | PERSONAL,
    helder_web_handle_criterion_page, "a gate criterion, with the form to update its status" },
  { "POST", "/gates/{slug}/criteria/{id}", "criteria.write", PAGE | PERSONAL,
    helder_web_handle_criterion_update, "update a criterion's status, with a note" },
  { "POST", "/gates/{slug}/decision", "gates.decide", PAGE | PERSONAL,
    helder_web_handle_gate_decide, "record a gate decision" },
  { "GET", "/audit", "audit.read", PAGE | PERSONAL, helder_web_handle_audit_page, "the audit log" },

  /* HR. */
  { "GET", "/hr", "hr.board", PAGE | PERSONAL, helder_web_handle_hr_board,
    "roles to fill and people to place" },
  { "POST", "/hr/placements", "placements.write", PAGE | PERSONAL, helder_web_handle_hr_place,
    "record an intended placement" },
  { "POST", "/hr/placements/{id}/confirm", "placements.write", PAGE | PERSONAL,
    helder_web_handle_hr_confirm, "confirm an intended placement" },
  { "POST", "/hr/placements/{id}/withdraw", "placements.write", PAGE | PERSONAL,
    helder_web_handle_hr_withdraw, "withdraw a placement" },

  /* The JSON API, besides the collections. */
  { "GET", "/api/v1/status", "dashboard.read", API | PERSONAL, helder_web_handle_api_status,
    "where the programme stands" },
  { "GET", "/api/v1/hr/board", "hr.board", API | PERSONAL, helder_web_handle_api_hr_board,
    "roles to fill and people to place" },
  { "GET", "/api/v1/audit", "audit.read", API | PERSONAL, helder_web_handle_api_audit,
    "the audit log" },
  { "GET", "/api/v1/people/{key}/export", "persons.privacy", API | PERSONAL,
    helder_web_handle_api_person_export, "everything about a person" },
  { "POST", "/api/v1/people/{key}/erase", "persons.privacy", API | PERSONAL,
    helder_web_handle_api_person_erase, "erase everything about a person" },
  { "GET", "/api/v1/moments/{key}/audience", "moments.read", API | PERSONAL,
    helder_web_handle_api_audience, "who a moment reaches" },
  { "GET", "/api/v1/moments/{key}/reach", "moments.read", API | PERSONAL,
    helder_web_handle_api_reach, "whom a moment was delivered to" },
  { "GET", "/api/v1/moments/{key}/rsvp", "moments.read", API | PERSONAL, helder_web_handle_api_rsvp,
    "who comes to a meeting" },
  { "POST", "/api/v1/moments/{key}/approve", "moments.approve", API | PERSONAL,
    helder_web_handle_api_moment_action, "approve a moment" },
  { "POST", "/api/v1/moments/{key}/cancel", "moments.approve", API | PERSONAL,
    helder_web_handle_api_moment_action, "cancel a moment" },
  { "POST", "/api/v1/moments/{key}/supersede", "moments.approve", API | PERSONAL,
    helder_web_handle_api_moment_action, "supersede an approved moment" },
  { "POST", "/api/v1/moments/{key}/send-now", "moments.approve", API | PERSONAL,
    helder_web_handle_api_moment_action, "send an overdue moment anyway" },
  { "POST", "/api/v1/moments/{key}/reschedule", "moments.approve", API | PERSONAL,
    helder_web_handle_api_moment_action, "give an approved moment a new time" },
  { "POST", "/api/v1/commitments/{key}/updates", "commitments.record", API | PERSONAL,
    helder_web_handle_api_commitment_record, "record a commitment update" },
  { "POST", "/api/v1/invitations", "people.invite", API | PERSONAL, helder_web_handle_api_invite,
    "invite a group, a role or everyone who has no access yet" },
  { "POST", "/api/v1/gates/{key}/decision", "gates.decide", API | PERSONAL,
    helder_web_handle_api_gate_decide, "record a gate decision" },
};

struct _HelderWebRouteTable
{
  HelderContext *context; /* for the permissions */
  GArray *routes;         /* HelderWebRoute */
  GStringChunk *strings;  /* the generated routes' texts */
};

static void
add_route (HelderWebRouteTable *table,
           const char *method,
           const char *pattern,
           const char *permission,
           HelderWebHandler handler,
           const char *summary)
{
  HelderWebRoute route = {
    .method = method,
    .pattern = g_string_chunk_insert_const (table->strings, pattern),
    .permission = g_string_chunk_insert_const (table->strings, permission),
    .flags = API | PERSONAL,
    .handler = handler,
    .summary = g_string_chunk_insert_const (table->strings, summary),
  };

  g_array_append_val (table->routes, route);
}

/* A noun's collection: list, create, get, and update unless it is append-only. */
static void
add_collection (HelderWebRouteTable *table, const HelderEntity *entity)
{
  g_autofree char *path = helder_entity_get_path (entity);
  g_autofree char *read = helder_entity_get_permission (entity, FALSE);
  g_autofree char *write = helder_entity_get_permission (entity, TRUE);
  g_autofree char *collection = g_strconcat ("/api/v1/", path, NULL);
  g_autofree char *item = g_strconcat (collection, "/{key}", NULL);
  g_autofree char *list = g_strconcat ("list ", path, NULL);
  g_autofree char *create = g_strconcat ("create in ", path, NULL);
  g_autofree char *get = g_strconcat ("get one of ", path, NULL);
  g_autofree char *update = g_strconcat ("update one of ", path, NULL);

  add_route (table, "GET", collection, read, helder_web_handle_api_list, list);
  add_route (table, "POST", collection, write, helder_web_handle_api_create, create);
  add_route (table, "GET", item, read, helder_web_handle_api_get, get);
  if (!entity->append_only)
    add_route (table, "PATCH", item, write, helder_web_handle_api_update, update);
}

/**
 * helder_web_route_table_new:
 * @context: (nullable): its permissions decide who may call what, and its
 *   plugins' routes join the table; %NULL for core's routes and nouns only
 *   (the fuzzers), with core's permissions
 *
 * Returns: (transfer full): the routes of one server
 */
HelderWebRouteTable *
helder_web_route_table_new (HelderContext *context)
{
  HelderWebRouteTable *table = g_new0 (HelderWebRouteTable, 1);
  const HelderEntity *const *entities;
  guint n = 0;

  table->context = context != NULL ? g_object_ref (context) : helder_context_new (":memory:");
  table->routes = g_array_new (FALSE, FALSE, sizeof (HelderWebRoute));
  table->strings = g_string_chunk_new (1024);
  g_array_append_vals (table->routes, core_routes, G_N_ELEMENTS (core_routes));
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (!entities[i]->singleton)
      add_collection (table, entities[i]);
  if (context != NULL)
    {
      g_autoptr (GPtrArray) added = helder_context_list_routes (context);

      for (guint i = 0; i < added->len; i++)
        g_array_append_val (table->routes, *(HelderWebRoute *) g_ptr_array_index (added, i));
    }
  return table;
}

void
helder_web_route_table_free (HelderWebRouteTable *table)
{
  if (table == NULL)
    return;
  g_clear_object (&table->context);
  g_array_unref (table->routes);
  g_string_chunk_free (table->strings);
  g_free (table);
}

/**
 * helder_web_route_table_get:
 *
 * Returns: every route, core's first
 */
const HelderWebRoute *
helder_web_route_table_get (HelderWebRouteTable *table, guint *n_routes)
{
  if (n_routes != NULL)
    *n_routes = table->routes->len;
  return (const HelderWebRoute *) table->routes->data;
}

/**
 * helder_web_route_table_allows:
 *
 * Returns: whether @role holds the permission @route needs
 */
gboolean
helder_web_route_table_allows (HelderWebRouteTable *table,
                               const HelderWebRoute *route,
                               HelderWebRole role)
{
  return helder_context_role_may (table->context, role, route->permission);
}

const char *
helder_web_role_name (HelderWebRole role)
{
  switch (role)
    {
    case HELDER_WEB_ADVISOR:
      return "advisor";
    case HELDER_WEB_HR:
      return "hr";
    case HELDER_WEB_EMPLOYEE:
      return "employee";
    case HELDER_WEB_ANONYMOUS:
    default:
      return "anonymous";
    }
}

/* Matches @path against @pattern segment by segment; {name} takes one
 * non-empty segment, percent-decoded, into @params. */
static gboolean
match_pattern (const char *pattern, const char *path, GHashTable *params)
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

/* How many {name} segments @pattern has. */
static guint
count_params (const char *pattern)
{
  guint n = 0;

  for (const char *p = pattern; *p; p++)
    if (*p == '{')
      n++;
  return n;
}

/**
 * helder_web_route_table_match:
 * @params: (nullable): receives the {name} values of the matching route
 * @path_known: set to %TRUE when some route has this path (with another
 *   method, when the result is %NULL: a 405 rather than a 404)
 *
 * Of the routes that match, the one with the fewest {name} segments wins
 * (the first of those in the table): a plugin's "/api/v1/concerns/summary"
 * is not taken for the key "summary" of the nouns' "/api/v1/concerns/{key}".
 *
 * Returns: (nullable): the route for @method and @path
 */
const HelderWebRoute *
helder_web_route_table_match (HelderWebRouteTable *table,
                              const char *method,
                              const char *path,
                              GHashTable *params,
                              gboolean *path_known)
{
  const HelderWebRoute *routes = (const HelderWebRoute *) table->routes->data;
  const HelderWebRoute *best = NULL;
  guint best_params = G_MAXUINT;

  *path_known = FALSE;
  for (guint i = 0; i < table->routes->len; i++)
    {
      if (!match_pattern (routes[i].pattern, path, NULL))
        continue;
      *path_known = TRUE;
      if (strcmp (routes[i].method, method) == 0 ||
          (strcmp (method, "HEAD") == 0 && strcmp (routes[i].method, "GET") == 0))
        {
          guint n_params = count_params (routes[i].pattern);

          if (n_params < best_params)
            {
              best = &routes[i];
              best_params = n_params;
            }
        }
    }
  if (best != NULL && params != NULL)
    match_pattern (best->pattern, path, params);
  return best;
}
