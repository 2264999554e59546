/* helder-web-api.c — the JSON API under /api/v1/ for every noun of the domain
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One set of handlers serves every collection of the route table: the
 * collection in the route's pattern names the entity, and the generic
 * repository (services/repo/helder-repo.h) does the work with the entity's
 * rules, so the API, the CLI and the importers accept and refuse the same
 * things. Handlers check what only the API can get wrong (query
 * parameters, members that are no field, JSON types) and name the member
 * at fault; every write is one transaction in the repository or in the
 * workflow step (services/repo/helder-commitment.h, helder-moment.h, helder-gate.h), so an error
 * changes nothing.
 *
 * Reads of personal records (people, role changes, placements, a moment's
 * audience) and every change of an audited noun (core's all are) go into
 * the audit log; a list is one entry.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-people.h"
#include "services/access/helder-audit.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/delivery/helder-moment-warnings.h"
#include "services/delivery/helder-overdue.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "services/views/helder-status.h"
#include "web/helder-web-private.h"
#include "web/helder-web-overdue.h"

#define API_PREFIX   "/api/v1/"
#define PAGE_DEFAULT 50
#define PAGE_MAX     500

/**
 * helder_web_api_entity:
 * @collection: the path segment after /api/v1/, e.g. "role-changes"
 *
 * Returns: (nullable): the entity whose collection that is: every noun but
 *   the programme has one, named by helder_entity_get_path()
 */
const HelderEntity *
helder_web_api_entity (const char *collection)
{
  const HelderEntity *const *entities;
  guint n = 0;

  g_return_val_if_fail (collection != NULL, NULL);

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;

      if (entities[i]->singleton)
        continue;
      path = helder_entity_get_path (entities[i]);
      if (strcmp (path, collection) == 0)
        return entities[i];
    }
  return NULL;
}

/* The entity of the route ("/api/v1/moments/{key}/approve" → moment). The
 * route table only sends collection routes here; anything else is a bug in
 * the table, answered with 500. */
static const HelderEntity *
route_entity (HelderWebRequest *request)
{
  const char *start = request->route->pattern;
  const char *end;
  g_autofree char *collection = NULL;
  const HelderEntity *entity;

  if (g_str_has_prefix (start, API_PREFIX))
    start += strlen (API_PREFIX);
  end = strchr (start, '/');
  collection = end != NULL ? g_strndup (start, end - start) : g_strdup (start);
  entity = helder_web_api_entity (collection);
  if (entity == NULL)
    {
      g_warning ("route %s %s names no collection of the API", request->route->method,
                 request->route->pattern);
      helder_web_respond_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", NULL,
                                _ ("this route is not connected to a collection"));
    }
  return entity;
}

/* The last segment of the route's pattern: "approve", "cancel", … */
static const char *
route_action (HelderWebRequest *request)
{
  const char *slash = strrchr (request->route->pattern, '/');

  return slash != NULL ? slash + 1 : request->route->pattern;
}

static char *
location_of (const HelderEntity *entity, const char *key)
{
  g_autofree char *escaped = g_uri_escape_string (key, NULL, FALSE);

  g_autofree char *collection = helder_entity_get_path (entity);

  return g_strconcat (API_PREFIX, collection, "/", escaped, NULL);
}

static void
set_location (HelderWebRequest *request, const char *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Location",
                                location);
}

/* Entities whose records hold personal data (DESIGN.md §6): reading them
 * is audited. */
static gboolean
is_personal (const HelderEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].flags & HELDER_FIELD_PERSONAL)
      return TRUE;
  return FALSE;
}

static const char *
json_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _ ("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _ ("a list");
  if (JSON_NODE_HOLDS_NULL (node))
    return _ ("null");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return _ ("text");
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return _ ("true/false");
  return _ ("a number");
}

/* ---- query parameters ----------------------------------------------------- */

static gboolean
query_value_valid (HelderWebRequest *request, const char *name, const char *value)
{
  if (g_utf8_validate (name, -1, NULL) && g_utf8_validate (value, -1, NULL))
    return TRUE;
  {
    g_autofree char *shown = g_utf8_make_valid (name, -1);
    g_autofree char *message =
      g_strdup_printf (_ ("%s: the query parameter is not valid UTF-8"), shown);

    helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", shown, message);
  }
  return FALSE;
}

/* Refuses every query parameter except those in @allowed (NULL-terminated). */
static gboolean
check_no_query (HelderWebRequest *request, const char *const *allowed)
{
  GHashTableIter iter;
  gpointer name, value;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *message = NULL;
      g_autofree char *shown = NULL;

      if (!query_value_valid (request, name, value))
        return FALSE;
      if (allowed != NULL && g_strv_contains (allowed, name))
        continue;
      shown = g_utf8_make_valid (name, -1);
      message = g_strdup_printf (_ ("%s: this address takes no such query parameter"), shown);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", shown, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_count (HelderWebRequest *request,
            const char *name,
            guint64 min,
            guint64 max,
            guint64 fallback,
            guint *out)
{
  const char *text = request->query ? g_hash_table_lookup (request->query, name) : NULL;
  guint64 value;

  if (text == NULL)
    {
      *out = (guint) fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);
      g_autofree char *message = g_strdup_printf (
        _ ("%s: “%s” is not a whole number from %u to %u"), name, shown, (guint) min, (guint) max);

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* ?limit= (default 50, at most 500) and ?offset=. */
static gboolean
read_paging (HelderWebRequest *request, guint *limit, guint *offset)
{
  return read_count (request, "limit", 1, PAGE_MAX, PAGE_DEFAULT, limit) &&
         read_count (request, "offset", 0, G_MAXINT32, 0, offset);
}

/* Every other query parameter of a list is a filter on a field of the
 * entity; @equals borrows the strings of the query. */
static gboolean
read_filters (HelderWebRequest *request, const HelderEntity *entity, GHashTable *equals)
{
  GHashTableIter iter;
  gpointer name, value;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      if (!query_value_valid (request, name, value))
        return FALSE;
      if (g_str_equal (name, "limit") || g_str_equal (name, "offset"))
        continue;
      if (helder_entity_get_field (entity, name) == NULL)
        {
          g_autoptr (GString) fields = g_string_new (NULL);
          g_autofree char *message = NULL;

          for (guint i = 0; i < entity->n_fields; i++)
            g_string_append_printf (fields, "%s%s", i > 0 ? ", " : "", entity->fields[i].name);
          message = g_strdup_printf (
            _ ("%s: not a query parameter here; use limit, offset or a field of a %s (%s)"),
            (const char *) name, helder_entity_get_label (entity), fields->str);
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
          return FALSE;
        }
      g_hash_table_insert (equals, name, value);
    }
  return TRUE;
}

/* ---- request bodies ------------------------------------------------------- */

/* Checks each member of @body against the fields of @entity before the
 * repository sees it, so that the error names the member: one that is no
 * field, or a value of the wrong JSON type or form. @allowed (nullable)
 * says which fields may be given at all. */
static gboolean
check_body (HelderWebRequest *request,
            const HelderEntity *entity,
            JsonObject *body,
            gboolean (*allowed) (const HelderField *field))
{
  g_autoptr (GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const HelderField *field = helder_entity_get_field (entity, name);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) value = NULL;

      if (field == NULL)
        {
          g_autofree char *message = g_strdup_printf (_ ("%s: unknown field of a %s"), name,
                                                      helder_entity_get_label (entity));
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
          return FALSE;
        }
      if (allowed != NULL && !allowed (field))
        {
          g_autofree char *message =
            g_strdup_printf (_ ("%s: cannot be given when superseding a moment"), name);
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
          return FALSE;
        }
      value = helder_field_normalize (field, json_node_copy (json_object_get_member (body, name)),
                                      &error);
      if (value == NULL)
        {
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name,
                                    error->message);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  const char *name;
  gboolean required;
  const char **value; /* borrowed from the body; NULL when absent or null */
} BodyMember;

/* Reads a body of text members only (the workflow steps). */
static gboolean
read_members (HelderWebRequest *request, JsonObject *body, BodyMember *members, guint n_members)
{
  g_autoptr (GList) names = json_object_get_members (body);

  for (GList *l = names; l != NULL; l = l->next)
    {
      BodyMember *member = NULL;
      JsonNode *node = json_object_get_member (body, l->data);

      for (guint i = 0; i < n_members && member == NULL; i++)
        if (strcmp (members[i].name, l->data) == 0)
          member = &members[i];
      if (member == NULL)
        {
          g_autoptr (GString) known = g_string_new (NULL);
          g_autofree char *message = NULL;

          for (guint i = 0; i < n_members; i++)
            g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", members[i].name);
          if (n_members == 0)
            message =
              g_strdup_printf (_ ("%s: this action takes no fields"), (const char *) l->data);
          else
            message = g_strdup_printf (_ ("%s: unknown field; expected %s"), (const char *) l->data,
                                       known->str);
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", l->data, message);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *message = g_strdup_printf (_ ("%s: expected %s, got %s"), member->name,
                                                      _ ("text"), json_type_name (node));
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", member->name,
                                    message);
          return FALSE;
        }
      *member->value = json_node_get_string (node);
    }
  for (guint i = 0; i < n_members; i++)
    if (members[i].required && *members[i].value == NULL)
      {
        g_autofree char *message = g_strdup_printf (_ ("%s: is required"), members[i].name);
        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", members[i].name,
                                  message);
        return FALSE;
      }
  return TRUE;
}

/* Actions without input (approve, cancel) take no body or an empty object. */
static gboolean
check_empty_body (HelderWebRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr (JsonObject) object = NULL;

  if (body == NULL || body->length == 0)
    return TRUE;
  object = helder_web_read_json (request);
  if (object == NULL)
    return FALSE;
  return read_members (request, object, NULL, 0);
}

/* A failed write. A reference in the body to a record that does not exist
 * ("groups[1]: unknown group “x”") is bad input, not a missing page: 400
 * with the member named. */
static void
respond_write_error (HelderWebRequest *request, const HelderEntity *entity, const GError *error)
{
  g_autofree char *field = helder_web_error_field (entity, error);

  if (field != NULL && g_error_matches (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, error->message);
  else
    helder_web_respond_gerror (request, entity, error);
}

/* ---- collections ---------------------------------------------------------- */

/* How many rows match the filters, whatever the page. */
static gint64
count_matching (HelderWebRequest *request,
                const HelderEntity *entity,
                const HelderQuery *query,
                guint returned,
                GError **error)
{
  if (returned < query->limit && (returned > 0 || query->offset == 0))
    return (gint64) query->offset + returned;
  return helder_repo_count_query (request->store, entity, query, error);
}

void
helder_web_handle_api_list (HelderWebRequest *request)
{
  const HelderEntity *entity = route_entity (request);
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonArray) items = NULL;
  g_autoptr (JsonObject) page = NULL;
  g_autoptr (GError) error = NULL;
  HelderQuery query = { 0 };
  gint64 total;

  if (entity == NULL || !read_paging (request, &query.limit, &query.offset) ||
      !read_filters (request, entity, equals))
    return;
  if (g_hash_table_size (equals) > 0)
    query.equals = equals;

  items = helder_repo_list (request->store, entity, &query, &error);
  if (items == NULL)
    {
      /* A filter value that is no value of its field (or names nothing). */
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND) ||
          g_error_matches (error, HELDER_ERROR, HELDER_ERROR_INVALID) ||
          g_error_matches (error, HELDER_ERROR, HELDER_ERROR_USAGE))
        {
          g_autofree char *field = helder_web_error_field (entity, error);
          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field,
                                    error->message);
        }
      else
        helder_web_respond_gerror (request, entity, error);
      return;
    }
  total = count_matching (request, entity, &query, json_array_get_length (items), &error);
  if (total < 0)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }

  page = json_object_new ();
  json_object_set_array_member (page, "items", json_array_ref (items));
  json_object_set_int_member (page, "total", total);
  json_object_set_int_member (page, "limit", query.limit);
  json_object_set_int_member (page, "offset", query.offset);

  if (is_personal (entity))
    {
      g_autofree char *detail =
        g_strdup_printf (_ ("list of %u (of %u, from %u)"), json_array_get_length (items),
                         (guint) total, query.offset);
      helder_web_audit (request, "read", entity->name, "", 0, detail);
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, page);
}

void
helder_web_handle_api_get (HelderWebRequest *request)
{
  const HelderEntity *entity = route_entity (request);
  const char *key = helder_web_param (request, "key");
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;

  if (entity == NULL || !check_no_query (request, NULL))
    return;
  row = helder_repo_get (request->store, entity, key, &error);
  if (row == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  if (is_personal (entity))
    {
      g_autofree char *record = helder_repo_key_text (entity, row);
      helder_web_audit (request, "read", entity->name, record, helder_audit_subject (entity, row),
                        NULL);
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, row);
}

/* A new computed criterion: its measure is registered and takes its
 * argument (services/repo/helder-gate-measure.h). */
static gboolean
check_measure (HelderWebRequest *request,
               const HelderEntity *entity,
               JsonObject *body,
               GError **error)
{
  g_autoptr (GPtrArray) measures = NULL;
  JsonNode *measure, *argument;

  if (!g_str_equal (entity->name, "criterion"))
    return TRUE;
  measure = json_object_get_member (body, "measure");
  argument = json_object_get_member (body, "measure_arg");
  measures = helder_context_list_gate_measures (request->context);
  return helder_gate_measure_check (request->store, measures,
                                    measure && json_node_get_value_type (measure) == G_TYPE_STRING
                                      ? json_node_get_string (measure)
                                      : NULL,
                                    argument && json_node_get_value_type (argument) == G_TYPE_STRING
                                      ? json_node_get_string (argument)
                                      : NULL,
                                    error);
}

void
helder_web_handle_api_create (HelderWebRequest *request)
{
  const HelderEntity *entity = route_entity (request);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *location = NULL;
  HelderAuditActor actor;

  if (entity == NULL || !check_no_query (request, NULL))
    return;
  body = helder_web_read_json (request);
  if (body == NULL || !check_body (request, entity, body, NULL))
    return;
  helder_web_request_actor (request, &actor);
  if (check_measure (request, entity, body, &error))
    row = helder_repo_create_as (request->store, &actor, entity, body, NULL, &error);
  if (row == NULL)
    {
      respond_write_error (request, entity, error);
      return;
    }
  key = helder_repo_key_text (entity, row);
  location = location_of (entity, key);
  set_location (request, location);
  helder_web_respond_object (request, SOUP_STATUS_CREATED, row);
}

void
helder_web_handle_api_update (HelderWebRequest *request)
{
  const HelderEntity *entity = route_entity (request);
  const char *key = helder_web_param (request, "key");
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor;

  if (entity == NULL || !check_no_query (request, NULL))
    return;
  body = helder_web_read_json (request);
  if (body == NULL || !check_body (request, entity, body, NULL))
    return;
  if (json_object_get_size (body) == 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL,
                                _ ("the body names no field to change"));
      return;
    }
  helder_web_request_actor (request, &actor);
  row = helder_repo_update_as (request->store, &actor, entity, key, body, NULL, &error);
  if (row == NULL)
    {
      respond_write_error (request, entity, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, row);
}

/* ---- the programme and a moment's audience -------------------------------- */

void
helder_web_handle_api_status (HelderWebRequest *request)
{
  g_autoptr (JsonObject) status = NULL;
  g_autoptr (GError) error = NULL;

  if (!check_no_query (request, NULL))
    return;
  status = helder_status_compute (request->store, request->today, &error);
  if (status == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, status);
}

void
helder_web_handle_api_audience (HelderWebRequest *request)
{
  static const char *const paging[] = { "limit", "offset", NULL };
  const HelderEntity *entity = helder_entity_lookup ("moment");
  const char *key = helder_web_param (request, "key");
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) page = NULL;
  g_autofree char *record = NULL;
  g_autofree char *detail = NULL;
  JsonArray *items;
  guint limit, offset;
  gint64 id;

  if (!check_no_query (request, paging) || !read_paging (request, &limit, &offset))
    return;
  moment = helder_repo_get (request->store, entity, key, &error);
  if (moment == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  id = json_object_get_int_member (moment, "id");
  ids = helder_audience_resolve (request->store, id, &error);
  if (ids == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }

  page = json_object_new ();
  json_object_set_int_member (page, "moment", id);
  items = json_array_new ();
  json_object_set_array_member (page, "items", items);
  for (guint i = offset; i < ids->len && i - offset < limit; i++)
    {
      gint64 person = g_array_index (ids, gint64, i);
      /* Only the names of this page, not of everyone. */
      g_autofree char *name = helder_people_name (request->store, person, &error);
      JsonObject *item;

      if (error != NULL)
        {
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      item = json_object_new ();
      json_object_set_int_member (item, "id", person);
      if (name != NULL)
        json_object_set_string_member (item, "name", name);
      else
        json_object_set_null_member (item, "name");
      json_array_add_object_element (items, item);
    }
  json_object_set_int_member (page, "total", ids->len);
  json_object_set_int_member (page, "limit", limit);
  json_object_set_int_member (page, "offset", offset);

  record = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  detail = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "audience: %u person", "audience: %u people", ids->len),
    ids->len);
  helder_web_audit (request, "read", "moment", record, 0, detail);
  helder_web_respond_object (request, SOUP_STATUS_OK, page);
}

/* ---- workflow steps ------------------------------------------------------- */

static gboolean
may_supersede (const HelderField *field)
{
  return (field->flags &
          (HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_SYSTEM | HELDER_FIELD_FIXED)) == 0 &&
         !g_str_equal (field->name, "status");
}

/* POST /api/v1/moments/{key}/send-now (no body) and /reschedule
 * {"scheduled_at": …}: the advisor's answers to an overdue moment. The
 * service writes the audit entry with the decision. */
static void
moment_overdue_action (HelderWebRequest *request,
                       const HelderEntity *entity,
                       const char *key,
                       const char *action)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor;

  helder_web_overdue_actor (request, &actor);
  if (g_str_equal (action, "send-now"))
    {
      if (!check_empty_body (request))
        return;
      row = helder_overdue_send_now (request->store, key, &actor, &error);
    }
  else
    {
      const char *when = NULL;
      BodyMember members[] = { { "scheduled_at", TRUE, &when } };
      g_autoptr (JsonObject) body = helder_web_read_json (request);
      JsonArray *warnings;

      if (body == NULL || !read_members (request, body, members, G_N_ELEMENTS (members)))
        return;
      row = helder_overdue_reschedule (request->store, key, when, &actor, &error);
      warnings =
        row != NULL ? helder_moment_warnings_list (request->store, row, NULL, &error) : NULL;
      if (warnings == NULL)
        g_clear_pointer (&row, json_object_unref);
      else
        json_object_set_array_member (row, "warnings", warnings);
    }
  if (row == NULL)
    {
      respond_write_error (request, entity, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, row);
}

/* POST /api/v1/moments/{key}/approve | cancel | supersede | send-now | reschedule */
void
helder_web_handle_api_moment_action (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment");
  const char *key = helder_web_param (request, "key");
  const char *action = route_action (request);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;

  if (!check_no_query (request, NULL))
    return;

  if (g_str_equal (action, "supersede"))
    {
      g_autoptr (JsonObject) body = helder_web_read_json (request);
      g_autofree char *location = NULL;
      g_autofree char *detail = NULL;

      if (body == NULL || !check_body (request, entity, body, may_supersede))
        return;
      helder_web_request_actor (request, &actor);
      row = helder_moment_supersede (request->store, &actor, key, body, &error);
      if (row == NULL)
        {
          respond_write_error (request, entity, error);
          return;
        }
      record = helder_repo_key_text (entity, row);
      location = location_of (entity, record);
      set_location (request, location);
      helder_web_respond_object (request, SOUP_STATUS_CREATED, row);
      return;
    }

  if (g_str_equal (action, "send-now") || g_str_equal (action, "reschedule"))
    {
      moment_overdue_action (request, entity, key, action);
      return;
    }

  if (!check_empty_body (request))
    return;
  helder_web_request_actor (request, &actor);
  row =
    helder_moment_set_status (request->store, &actor, key,
                              g_str_equal (action, "approve") ? "approved" : "cancelled", &error);
  if (row == NULL)
    {
      respond_write_error (request, entity, error);
      return;
    }
  record = helder_repo_key_text (entity, row);
  if (g_str_equal (action, "approve"))
    {
      JsonArray *warnings = helder_moment_warnings_list (request->store, row, NULL, &error);

      if (warnings == NULL)
        {
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      json_object_set_array_member (row, "warnings", warnings);
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, row);
}

/* The common start of an action on one record: no query, a JSON body
 * with only @members, and the record itself. Answers and returns NULL
 * when any of it is wrong. */
static JsonObject *
read_action (HelderWebRequest *request,
             const HelderEntity *entity,
             const char *key,
             BodyMember *members,
             guint n_members,
             JsonObject **existing,
             char **record)
{
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;

  if (!check_no_query (request, NULL))
    return NULL;
  body = helder_web_read_json (request);
  if (body == NULL || !read_members (request, body, members, n_members))
    return NULL;
  *existing = helder_repo_get (request->store, entity, key, &error);
  if (*existing == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return NULL;
    }
  *record = helder_repo_key_text (entity, *existing);
  return g_steal_pointer (&body);
}

/* POST /api/v1/commitments/{key}/updates {"status", "note", "evidence_url", "author"} */
void
helder_web_handle_api_commitment_record (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("commitment");
  const HelderEntity *update_entity = helder_entity_lookup ("commitment_update");
  const char *key = helder_web_param (request, "key");
  const char *status = NULL, *note = NULL, *evidence = NULL, *author = NULL;
  BodyMember members[] = {
    { "status", FALSE, &status },
    { "note", FALSE, &note },
    { "evidence_url", FALSE, &evidence },
    { "author", FALSE, &author },
  };
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) existing = NULL;
  g_autoptr (JsonObject) commitment = NULL;
  g_autoptr (JsonArray) history = NULL;
  g_autoptr (JsonObject) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;
  g_autofree char *update_key = NULL;
  g_autofree char *location = NULL;
  JsonObject *update;

  body = read_action (request, entity, key, members, G_N_ELEMENTS (members), &existing, &record);
  if (body == NULL)
    return;
  helder_web_request_actor (request, &actor);
  commitment =
    helder_commitment_record_evidence (request->store, &actor, record, status, note, evidence,
                                       author != NULL ? author : request->identity.name, &error);
  if (commitment == NULL)
    {
      respond_write_error (request, update_entity, error);
      return;
    }
  history = helder_commitment_history (request->store, record, &error);
  if (history == NULL || json_array_get_length (history) == 0)
    {
      if (error == NULL)
        g_set_error (&error, HELDER_ERROR, HELDER_ERROR_IO,
                     _ ("commitment %s: the update was not stored"), record);
      helder_web_respond_gerror (request, update_entity, error);
      return;
    }
  update = json_array_get_object_element (history, json_array_get_length (history) - 1);
  update_key = helder_repo_key_text (update_entity, update);
  location = location_of (update_entity, update_key);

  result = json_object_new ();
  json_object_set_object_member (result, "commitment", json_object_ref (commitment));
  json_object_set_object_member (result, "update", json_object_ref (update));
  set_location (request, location);
  helder_web_respond_object (request, SOUP_STATUS_CREATED, result);
}

/* POST /api/v1/gates/{key}/decision {"decision", "rationale", "decided_by", "override_note"} */
void
helder_web_handle_api_gate_decide (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("gate");
  const char *key = helder_web_param (request, "key");
  const char *decision = NULL, *rationale = NULL, *decided_by = NULL, *override_note = NULL;
  BodyMember members[] = {
    { "decision", TRUE, &decision },
    { "rationale", FALSE, &rationale },
    { "decided_by", FALSE, &decided_by },
    { "override_note", FALSE, &override_note },
  };
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) existing = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;

  body = read_action (request, entity, key, members, G_N_ELEMENTS (members), &existing, &record);
  if (body == NULL)
    return;
  helder_web_request_actor (request, &actor);
  row = helder_gate_decide (request->store, &actor, record, decision, rationale,
                            decided_by != NULL ? decided_by : request->identity.name, override_note,
                            &error);
  if (row == NULL)
    {
      respond_write_error (request, entity, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, row);
}
