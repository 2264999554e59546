/* test-web-openapi.c — data/openapi.json describes exactly the API routes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every /api/v1 route of the route table is documented with its method,
 * and nothing else is; every noun's schema has exactly the entity's
 * fields; every $ref resolves; the server hands out this very document.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "web/helder-web-private.h"

/* ---- the OpenAPI document ------------------------------------------------- */

static JsonNode *
load_openapi (void)
{
  g_autofree char *path =
    g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : HELDER_TEST_SRCDIR,
                      "..", "data", "openapi.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Every "$ref" points at something that is there. */
static void
check_refs (JsonObject *doc, JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        check_refs (doc, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      if (json_object_has_member (object, "$ref"))
        {
          const char *ref = json_object_get_string_member (object, "$ref");
          g_auto (GStrv) parts = NULL;
          JsonObject *at = doc;

          g_assert_true (g_str_has_prefix (ref, "#/"));
          parts = g_strsplit (ref + 2, "/", -1);
          for (guint i = 0; parts[i] != NULL; i++)
            {
              if (at == NULL || !json_object_has_member (at, parts[i]))
                g_error ("dangling $ref %s", ref);
              at = JSON_NODE_HOLDS_OBJECT (json_object_get_member (at, parts[i]))
                     ? json_object_get_object_member (at, parts[i])
                     : NULL;
            }
        }
      for (GList *l = members; l != NULL; l = l->next)
        check_refs (doc, json_object_get_member (object, l->data));
    }
}

static char *
schema_name (const HelderEntity *entity)
{
  g_auto (GStrv) words = g_strsplit (entity->name, "_", -1);
  GString *name = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      words[i][0] = g_ascii_toupper (words[i][0]);
      g_string_append (name, words[i]);
    }
  return g_string_free (name, FALSE);
}

static void
test_openapi_routes (void)
{
  static const char *const methods[] = { "get",     "put",  "post",  "delete",
                                         "options", "head", "patch", "trace" };
  static const char *const collections[] = {
    "phases",
    "groups",
    "roles",
    "people",
    "role-changes",
    "commitments",
    "commitment-updates",
    "moments",
    "gates",
    "criteria",
    "placements",
  };
  g_autoptr (JsonNode) root = load_openapi ();
  g_autoptr (GHashTable) routes_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) doc_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GList) paths = NULL;
  JsonObject *doc = json_node_get_object (root);
  JsonObject *schemas;
  const HelderWebRoute *routes;
  guint n_routes;
  GHashTableIter iter;
  gpointer name;

  g_assert_cmpstr (json_object_get_string_member (doc, "openapi"), ==, "3.0.3");
  g_assert_true (
    json_object_has_member (json_object_get_object_member (
                              json_object_get_object_member (doc, "components"), "securitySchemes"),
                            "bearer"));

  g_autoptr (HelderWebRouteTable) table = helder_web_route_table_new (NULL);

  routes = helder_web_route_table_get (table, &n_routes);
  for (guint i = 0; i < n_routes; i++)
    if (g_str_has_prefix (routes[i].pattern, "/api/v1/"))
      g_hash_table_add (routes_set, g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern));

  paths = json_object_get_members (json_object_get_object_member (doc, "paths"));
  for (GList *l = paths; l != NULL; l = l->next)
    {
      JsonObject *item =
        json_object_get_object_member (json_object_get_object_member (doc, "paths"), l->data);

      for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
        if (json_object_has_member (item, methods[m]))
          {
            g_autofree char *upper = g_ascii_strup (methods[m], -1);
            JsonObject *operation = json_object_get_object_member (item, methods[m]);

            g_hash_table_add (doc_set, g_strdup_printf ("%s %s", upper, (const char *) l->data));
            g_assert_true (json_object_has_member (operation, "responses"));
            g_assert_true (json_object_has_member (operation, "operationId"));
          }
    }

  g_hash_table_iter_init (&iter, routes_set);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (doc_set, name))
      g_error ("data/openapi.json does not describe the route %s", (const char *) name);
  g_hash_table_iter_init (&iter, doc_set);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (routes_set, name))
      g_error ("data/openapi.json describes %s, which is no route", (const char *) name);

  /* The calendar feed is iCalendar. */
  {
    JsonObject *feed = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (doc, "paths"),
                                     "/api/v1/me/calendar.ics"),
      "get");
    JsonObject *ok =
      json_object_get_object_member (json_object_get_object_member (feed, "responses"), "200");
    g_assert_true (
      json_object_has_member (json_object_get_object_member (ok, "content"), "text/calendar"));
  }

  /* Each noun's schema has exactly the entity's fields; what may be sent
   * on create and update are fields too. */
  schemas =
    json_object_get_object_member (json_object_get_object_member (doc, "components"), "schemas");
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    {
      const HelderEntity *entity = helder_web_api_entity (collections[i]);
      g_autofree char *base = schema_name (entity);
      g_autofree char *create = g_strconcat (base, "Create", NULL);
      g_autofree char *patch = g_strconcat (base, "Patch", NULL);
      JsonObject *props =
        json_object_get_object_member (json_object_get_object_member (schemas, base), "properties");
      /* beyond the fields: a commitment's effective status; the rows a
       * write of a placement or a role change changed with it (linked) */
      guint extra = g_str_equal (entity->name, "commitment") ||
                        g_str_equal (entity->name, "placement") ||
                        g_str_equal (entity->name, "role_change")
                      ? 1
                      : 0;
      const char *both[] = { create, patch };

      g_assert_nonnull (props);
      g_assert_cmpuint (json_object_get_size (props), ==, entity->n_fields + extra);
      for (guint j = 0; j < entity->n_fields; j++)
        if (!json_object_has_member (props, entity->fields[j].name))
          g_error ("schema %s lacks field %s", base, entity->fields[j].name);
      for (guint k = 0; k < G_N_ELEMENTS (both); k++)
        {
          JsonObject *input = json_object_get_object_member (schemas, both[k]);
          g_autoptr (GList) names =
            json_object_get_members (json_object_get_object_member (input, "properties"));

          g_assert_false (json_object_get_boolean_member (input, "additionalProperties"));
          for (GList *l = names; l != NULL; l = l->next)
            {
              const HelderField *field = helder_entity_get_field (entity, l->data);
              g_assert_nonnull (field);
              g_assert_false (field->flags & (HELDER_FIELD_AUTO | HELDER_FIELD_SYSTEM));
            }
        }
    }

  check_refs (doc, root);
}

/* The server hands out the document of data/ (from the GResource). With
 * no plugin that adds to it loaded (surveys, interviews): a plugin's nouns
 * and parts join the document (test-plugin-platform and
 * test-web-notifications prove that). */
static void
test_openapi_served (void)
{
  HelderWebTest *web;
  g_autoptr (JsonNode) file = load_openapi ();
  g_autoptr (HelderWebTestResponse) response = NULL;
  g_autoptr (JsonNode) served = NULL;

  g_setenv ("HELDER_DISABLED_PLUGINS", "testaddin,desktop,surveys,interviews", TRUE);
  web = helder_web_test_start ();
  g_unsetenv ("HELDER_DISABLED_PLUGINS");
  response =
    helder_web_test_request (web, "GET", "/api/v1/openapi.json", NULL, NULL, NULL, NULL, 0, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->content_type, ==, "application/json");
  served = helder_web_test_json (response);
  /* The channel fields list the channels of the loaded plugins (those the
   * test registered in this process: the server is in it), and "meeting"
   * for moments; else it is the file. */
  {
    JsonObject *schemas = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (served), "components"), "schemas");
    const char *names[] = { "Person",       "PersonCreate", "PersonPatch",    "Moment",
                            "MomentCreate", "MomentPatch",  "MomentSupersede" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        JsonObject *items = json_object_get_object_member (
          json_object_get_object_member (
            json_object_get_object_member (json_object_get_object_member (schemas, names[i]),
                                           "properties"),
            "channels"),
          "items");
        JsonArray *choices = json_object_get_array_member (items, "enum");
        const HelderEntity *entity =
          helder_entity_lookup (g_str_has_prefix (names[i], "Moment") ? "moment" : "person");
        g_auto (GStrv) expected =
          helder_field_dup_choices (helder_entity_get_field (entity, "channels"));
        g_autofree char *wanted = g_strjoinv (",", expected);
        g_autoptr (GString) list = g_string_new (NULL);

        for (guint c = 0; c < json_array_get_length (choices); c++)
          g_string_append_printf (list, "%s%s", c ? "," : "",
                                  json_array_get_string_element (choices, c));
        g_assert_cmpstr (list->str, ==, wanted);
        g_assert_nonnull (strstr (list->str, "email"));
        json_object_remove_member (items, "enum");
      }
  }
  g_assert_true (json_node_equal (file, served));
  helder_web_test_stop (web);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-openapi/routes", test_openapi_routes);
  g_test_add_func ("/web-openapi/served", test_openapi_served);
  return g_test_run ();
}
