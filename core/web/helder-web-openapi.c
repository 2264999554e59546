/* helder-web-openapi.c — /api/v1/openapi.json: core's document, and the plugins' parts
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/openapi.json describes core's routes and nouns. A plugin's nouns
 * get their collection described from their descriptor (the same four
 * operations core's collections have), and what a plugin added with
 * helder_context_add_openapi() is merged in: its "paths" and its
 * "components" → "schemas". The channel fields list the channels of the
 * plugins that are loaded. A part that would replace something already
 * described is left out with a warning, so a plugin cannot rewrite core's
 * description. The document is made once per server.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "web/helder-web-private.h"

/* "role_changes" → "RoleChange" needs the singular: "role_change". */
static char *
schema_name (const HelderEntity *entity)
{
  g_auto (GStrv) parts = g_strsplit (entity->name, "_", -1);
  GString *name = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        g_string_append_c (name, g_ascii_toupper (parts[i][0]));
        g_string_append (name, parts[i] + 1);
      }
  return g_string_free (name, FALSE);
}

/* The values a field takes now: for channels, those of the loaded plugins. */
static JsonArray *
choices_array (const HelderField *field)
{
  g_auto (GStrv) choices = helder_field_dup_choices (field);
  JsonArray *array = json_array_new ();

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    json_array_add_string_element (array, choices[i]);
  return array;
}

/* data/openapi.json cannot know which channels are loaded: the channel
 * fields of core's schemas (Person, PersonCreate, Moment, …) get them here. */
static void
describe_channels (JsonObject *schemas)
{
  const HelderEntity *const *entities;
  guint n = 0;

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    for (guint f = 0; f < entities[e]->n_fields; f++)
      {
        const HelderField *field = &entities[e]->fields[f];
        g_autofree char *prefix = NULL;
        g_autoptr (GList) names = NULL;

        if (!(field->flags & HELDER_FIELD_CHANNELS) || field->type != HELDER_FIELD_ENUMS)
          continue;
        prefix = schema_name (entities[e]);
        names = json_object_get_members (schemas);
        for (GList *l = names; l != NULL; l = l->next)
          {
            JsonObject *schema = json_object_get_object_member (schemas, l->data);
            JsonObject *properties, *property, *items;

            if (!g_str_has_prefix (l->data, prefix) || schema == NULL ||
                !json_object_has_member (schema, "properties"))
              continue;
            properties = json_object_get_object_member (schema, "properties");
            if (properties == NULL || !json_object_has_member (properties, field->name))
              continue;
            property = json_object_get_object_member (properties, field->name);
            items = property != NULL && json_object_has_member (property, "items")
                      ? json_object_get_object_member (property, "items")
                      : NULL;
            if (items != NULL)
              json_object_set_array_member (items, "enum", choices_array (field));
          }
      }
}

static JsonObject *
field_schema (const HelderField *field)
{
  JsonObject *schema = json_object_new ();
  const char *label = helder_field_get_label (field);

  switch (field->type)
    {
    case HELDER_FIELD_INT:
    case HELDER_FIELD_REAL:
      json_object_set_string_member (schema, "type",
                                     field->type == HELDER_FIELD_INT ? "integer" : "number");
      if (field->min < field->max)
        {
          json_object_set_int_member (schema, "minimum", field->min);
          json_object_set_int_member (schema, "maximum", field->max);
        }
      break;
    case HELDER_FIELD_DATE:
      json_object_set_string_member (schema, "type", "string");
      json_object_set_string_member (schema, "format", "date");
      break;
    case HELDER_FIELD_DATETIME:
      json_object_set_string_member (schema, "type", "string");
      json_object_set_string_member (schema, "format", "date-time");
      break;
    case HELDER_FIELD_ENUM:
      json_object_set_string_member (schema, "type", "string");
      json_object_set_array_member (schema, "enum", choices_array (field));
      break;
    case HELDER_FIELD_REFS:
    case HELDER_FIELD_ENUMS:
      {
        JsonObject *items = json_object_new ();

        json_object_set_string_member (schema, "type", "array");
        json_object_set_string_member (items, "type", "string");
        if (field->type == HELDER_FIELD_ENUMS)
          json_object_set_array_member (items, "enum", choices_array (field));
        json_object_set_object_member (schema, "items", items);
      }
      break;
    case HELDER_FIELD_REF:
      {
        const HelderEntity *ref = helder_entity_lookup (field->ref);
        const HelderField *key = ref != NULL ? helder_entity_get_key (ref) : NULL;

        json_object_set_string_member (
          schema, "type", key != NULL && key->type == HELDER_FIELD_INT ? "integer" : "string");
      }
      break;
    case HELDER_FIELD_TEXT:
    case HELDER_FIELD_MARKDOWN:
    default:
      json_object_set_string_member (schema, "type", "string");
      break;
    }
  json_object_set_string_member (schema, "description", label);
  return schema;
}

/* Row, Create and Patch schemas, and the List of a page of rows. */
static void
add_schemas (JsonObject *schemas, const HelderEntity *entity, const char *name)
{
  JsonObject *row = json_object_new ();
  JsonObject *create = json_object_new ();
  JsonObject *patch = json_object_new ();
  JsonObject *list = json_object_new ();
  JsonObject *row_props = json_object_new ();
  JsonObject *create_props = json_object_new ();
  JsonObject *patch_props = json_object_new ();
  JsonArray *row_required = json_array_new ();
  JsonArray *create_required = json_array_new ();
  g_autofree char *create_name = g_strconcat (name, "Create", NULL);
  g_autofree char *patch_name = g_strconcat (name, "Patch", NULL);
  g_autofree char *list_name = g_strconcat (name, "List", NULL);
  g_autofree char *ref = g_strconcat ("#/components/schemas/", name, NULL);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];

      json_object_set_object_member (row_props, field->name, field_schema (field));
      json_array_add_string_element (row_required, field->name);
      if (field->flags & (HELDER_FIELD_AUTO | HELDER_FIELD_SYSTEM))
        continue;
      json_object_set_object_member (create_props, field->name, field_schema (field));
      if (field->flags & HELDER_FIELD_REQUIRED)
        json_array_add_string_element (create_required, field->name);
      if (!(field->flags & (HELDER_FIELD_KEY | HELDER_FIELD_FIXED)))
        json_object_set_object_member (patch_props, field->name, field_schema (field));
    }
  json_object_set_string_member (row, "type", "object");
  json_object_set_string_member (row, "description", helder_entity_get_label (entity));
  json_object_set_array_member (row, "required", row_required);
  json_object_set_object_member (row, "properties", row_props);
  json_object_set_string_member (create, "type", "object");
  if (json_array_get_length (create_required) > 0)
    json_object_set_array_member (create, "required", create_required);
  else
    json_array_unref (create_required);
  json_object_set_object_member (create, "properties", create_props);
  json_object_set_string_member (patch, "type", "object");
  json_object_set_object_member (patch, "properties", patch_props);
  {
    JsonObject *props = json_object_new ();
    JsonObject *items = json_object_new ();
    JsonObject *item_ref = json_object_new ();
    JsonObject *page_ref = json_object_new ();

    json_object_set_string_member (item_ref, "$ref", ref);
    json_object_set_string_member (items, "type", "array");
    json_object_set_object_member (items, "items", item_ref);
    json_object_set_string_member (page_ref, "$ref", "#/components/schemas/Page");
    json_object_set_object_member (props, "items", items);
    json_object_set_object_member (props, "page", page_ref);
    json_object_set_string_member (list, "type", "object");
    json_object_set_object_member (list, "properties", props);
  }
  json_object_set_object_member (schemas, name, row);
  json_object_set_object_member (schemas, create_name, create);
  json_object_set_object_member (schemas, patch_name, patch);
  json_object_set_object_member (schemas, list_name, list);
}

static JsonObject *
schema_content (const char *schema)
{
  JsonObject *content = json_object_new ();
  JsonObject *media = json_object_new ();
  JsonObject *ref = json_object_new ();
  g_autofree char *target = g_strconcat ("#/components/schemas/", schema, NULL);

  json_object_set_string_member (ref, "$ref", target);
  json_object_set_object_member (media, "schema", ref);
  json_object_set_object_member (content, "application/json", media);
  return content;
}

static JsonObject *
operation (const char *id,
           const char *summary,
           const char *tag,
           const char *permission,
           guint ok,
           const char *ok_schema,
           const char *body_schema,
           const char *const *errors)
{
  JsonObject *op = json_object_new ();
  JsonObject *responses = json_object_new ();
  JsonObject *success = json_object_new ();
  JsonArray *tags = json_array_new ();
  g_autofree char *code = g_strdup_printf ("%u", ok);
  g_autofree char *description = g_strdup_printf ("Needs the permission %s.", permission);

  json_object_set_string_member (op, "operationId", id);
  json_object_set_string_member (op, "summary", summary);
  json_array_add_string_element (tags, tag);
  json_object_set_array_member (op, "tags", tags);
  json_object_set_string_member (op, "description", description);
  if (body_schema != NULL)
    {
      JsonObject *body = json_object_new ();

      json_object_set_boolean_member (body, "required", TRUE);
      json_object_set_object_member (body, "content", schema_content (body_schema));
      json_object_set_object_member (op, "requestBody", body);
    }
  json_object_set_string_member (success, "description", summary);
  json_object_set_object_member (success, "content", schema_content (ok_schema));
  json_object_set_object_member (responses, code, success);
  for (guint i = 0; errors[i] != NULL; i += 2)
    {
      JsonObject *ref = json_object_new ();
      g_autofree char *target = g_strconcat ("#/components/responses/", errors[i + 1], NULL);

      json_object_set_string_member (ref, "$ref", target);
      json_object_set_object_member (responses, errors[i], ref);
    }
  json_object_set_object_member (op, "responses", responses);
  return op;
}

/* The collection of a plugin's noun, as core's collections are described. */
static void
describe_collection (JsonObject *paths, JsonObject *schemas, const HelderEntity *entity)
{
  static const char *const read_errors[] = { "400", "BadRequest", "401", "Unauthorized",
                                             "403", "Forbidden",  NULL };
  static const char *const get_errors[] = { "400",          "BadRequest", "401",
                                            "Unauthorized", "403",        "Forbidden",
                                            "404",          "NotFound",   NULL };
  static const char *const write_errors[] = { "400", "BadRequest",
                                              "401", "Unauthorized",
                                              "403", "Forbidden",
                                              "404", "NotFound",
                                              "409", "Conflict",
                                              "413", "TooLarge",
                                              "415", "UnsupportedMediaType",
                                              NULL };
  g_autofree char *name = schema_name (entity);
  g_autofree char *path = helder_entity_get_path (entity);
  g_autofree char *read = helder_entity_get_permission (entity, FALSE);
  g_autofree char *write = helder_entity_get_permission (entity, TRUE);
  g_autofree char *collection = g_strconcat ("/api/v1/", path, NULL);
  g_autofree char *item_path = g_strconcat (collection, "/{key}", NULL);
  g_autofree char *list_id = g_strconcat ("list", name, "s", NULL);
  g_autofree char *create_id = g_strconcat ("create", name, NULL);
  g_autofree char *get_id = g_strconcat ("get", name, NULL);
  g_autofree char *update_id = g_strconcat ("update", name, NULL);
  g_autofree char *list_schema = g_strconcat (name, "List", NULL);
  g_autofree char *create_schema = g_strconcat (name, "Create", NULL);
  g_autofree char *patch_schema = g_strconcat (name, "Patch", NULL);
  g_autofree char *list_summary = g_strdup_printf ("List %s", entity->plural);
  g_autofree char *create_summary = g_strdup_printf ("Create a %s", entity->name);
  g_autofree char *get_summary = g_strdup_printf ("Get one %s", entity->name);
  g_autofree char *update_summary = g_strdup_printf ("Change a %s", entity->name);
  JsonObject *list = json_object_new ();
  JsonObject *item = json_object_new ();
  JsonArray *parameters = json_array_new ();
  JsonObject *key = json_object_new ();
  JsonObject *key_schema = json_object_new ();
  const HelderField *key_field = helder_entity_get_key (entity);

  if (json_object_has_member (paths, collection) || json_object_has_member (schemas, name))
    {
      g_warning ("OpenAPI: %s of %s is described already; its description is left out", collection,
                 entity->owner);
      json_object_unref (list);
      json_object_unref (item);
      json_array_unref (parameters);
      json_object_unref (key);
      json_object_unref (key_schema);
      return;
    }
  add_schemas (schemas, entity, name);
  json_object_set_object_member (
    list, "get",
    operation (list_id, list_summary, path, read, 200, list_schema, NULL, read_errors));
  json_object_set_object_member (
    list, "post",
    operation (create_id, create_summary, path, write, 201, name, create_schema, write_errors));
  json_object_set_string_member (key, "name", "key");
  json_object_set_string_member (key, "in", "path");
  json_object_set_boolean_member (key, "required", TRUE);
  json_object_set_string_member (
    key_schema, "type",
    key_field != NULL && key_field->type == HELDER_FIELD_INT ? "integer" : "string");
  json_object_set_object_member (key, "schema", key_schema);
  json_array_add_object_element (parameters, key);
  json_object_set_array_member (item, "parameters", parameters);
  json_object_set_object_member (
    item, "get", operation (get_id, get_summary, path, read, 200, name, NULL, get_errors));
  if (!entity->append_only)
    json_object_set_object_member (
      item, "patch",
      operation (update_id, update_summary, path, write, 200, name, patch_schema, write_errors));
  json_object_set_object_member (paths, collection, list);
  json_object_set_object_member (paths, item_path, item);
}

/* Copies the members of @from into @into, leaving out the ones @into has. */
static void
merge_members (JsonObject *into, JsonObject *from, const char *what)
{
  g_autoptr (GList) members = json_object_get_members (from);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (json_object_has_member (into, l->data))
        {
          g_warning ("OpenAPI: a plugin's %s “%s” is described already; left out", what,
                     (char *) l->data);
          continue;
        }
      json_object_set_member (into, l->data,
                              json_node_copy (json_object_get_member (from, l->data)));
    }
}

static JsonObject *
ensure_object (JsonObject *parent, const char *name)
{
  if (!json_object_has_member (parent, name) ||
      json_object_get_object_member (parent, name) == NULL)
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

/**
 * helder_web_openapi_document:
 * @context: (nullable): whose plugins' nouns and parts are added
 *
 * Returns: (transfer full): /api/v1/openapi.json as served
 */
GBytes *
helder_web_openapi_document (HelderContext *context)
{
  g_autoptr (GBytes) base = g_resources_lookup_data ("/org/helder/Helder/openapi.json", 0, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (GError) error = NULL;
  const HelderEntity *const *entities;
  JsonObject *doc, *paths, *schemas;
  char *data;
  gsize length;
  guint n = 0;

  g_return_val_if_fail (base != NULL, NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (base, NULL), g_bytes_get_size (base),
                                   &error))
    g_error ("data/openapi.json: %s", error->message);
  doc = json_node_get_object (json_parser_get_root (parser));
  paths = ensure_object (doc, "paths");
  schemas = ensure_object (ensure_object (doc, "components"), "schemas");

  describe_channels (schemas);
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (entities[i]->owner != NULL && !entities[i]->singleton)
      describe_collection (paths, schemas, entities[i]);
  if (context != NULL)
    {
      g_autoptr (GPtrArray) parts = helder_context_list_openapi (context);

      for (guint i = 0; i < parts->len; i++)
        {
          g_autoptr (JsonParser) part_parser = json_parser_new ();
          g_autoptr (GError) part_error = NULL;
          JsonObject *part;

          if (!json_parser_load_from_data (part_parser, g_ptr_array_index (parts, i), -1,
                                           &part_error) ||
              !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (part_parser)))
            {
              g_warning ("OpenAPI: a plugin's part is not a JSON object: %s",
                         part_error ? part_error->message : "");
              continue;
            }
          part = json_node_get_object (json_parser_get_root (part_parser));
          if (json_object_has_member (part, "paths") &&
              json_object_get_object_member (part, "paths"))
            merge_members (paths, json_object_get_object_member (part, "paths"), "path");
          if (json_object_has_member (part, "components") &&
              json_object_get_object_member (part, "components") != NULL)
            {
              JsonObject *components = json_object_get_object_member (part, "components");

              if (json_object_has_member (components, "schemas") &&
                  json_object_get_object_member (components, "schemas") != NULL)
                merge_members (schemas, json_object_get_object_member (components, "schemas"),
                               "schema");
            }
        }
    }

  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}
