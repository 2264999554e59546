/* helder-web-form-check.c — every problem of a form at once, before it
 * is written
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also the choices a form offers from the rows of an entity.
 *
 * The repository stops at the first problem it finds; a form should name
 * every field that is wrong in one answer. This checks the values of a
 * form field by field with the same rules the repository applies (the
 * field's own check, and that what it refers to exists), and gathers the
 * problems one a line, their fields one a line too, as
 * helder_web_form_add_error() shows them. The repository still checks
 * everything again when the form is written, together with the rules that
 * concern several fields.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-forms-private.h"

typedef struct
{
  GString *messages;
  GString *fields;
} Problems;

static void
problems_add (Problems *p, const char *field, const char *message)
{
  if (p->messages->len > 0)
    {
      g_string_append_c (p->messages, '\n');
      g_string_append_c (p->fields, '\n');
    }
  g_string_append (p->messages, message);
  g_string_append (p->fields, field);
}

static gboolean
node_blank (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return helder_web_form_blank (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

/* That the row @key refers to exists; the message names @field. */
static void
check_reference (HelderStore *store, const HelderField *field, JsonNode *key, Problems *p)
{
  const HelderEntity *target = helder_entity_lookup (field->ref);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) found = NULL;

  if (target == NULL)
    return;
  found = helder_repo_resolve_key (store, target, key, &error);
  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", field->name, error->message);
      problems_add (p, field->name, message);
    }
}

/**
 * helder_web_form_check_values:
 * @values: the form as the repository would take it; fields it lacks are
 *   not checked here
 * @required: (array zero-terminated=1): the fields the form must fill
 *   (besides the entity's required fields)
 *
 * Returns: %FALSE with every problem of @values in @error
 *   (%HELDER_ERROR_INVALID), one a line
 */
gboolean
helder_web_form_check_values (HelderStore *store,
                              const HelderEntity *entity,
                              JsonObject *values,
                              const char *const *required,
                              GError **error)
{
  g_autoptr (GString) messages = g_string_new (NULL);
  g_autoptr (GString) fields = g_string_new (NULL);
  Problems p = { messages, fields };

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *node = json_object_get_member (values, field->name);
      gboolean must = (field->flags & HELDER_FIELD_REQUIRED) != 0 &&
                      (field->flags & (HELDER_FIELD_AUTO | HELDER_FIELD_SYSTEM)) == 0;
      g_autoptr (GError) problem = NULL;
      g_autoptr (JsonNode) normal = NULL;

      /* A field the form does not have is left to the repository. */
      if (node == NULL)
        continue;
      for (guint r = 0; required != NULL && required[r] != NULL; r++)
        if (g_str_equal (required[r], field->name))
          must = TRUE;
      if (node_blank (node))
        {
          if (must)
            {
              g_autofree char *message = g_strdup_printf (_ ("%s: may not be empty"), field->name);
              problems_add (&p, field->name, message);
            }
          continue;
        }
      normal = helder_field_normalize (field, json_node_copy (node), &problem);
      if (normal == NULL)
        {
          problems_add (&p, field->name, problem->message);
          continue;
        }
      if (field->type == HELDER_FIELD_REF)
        check_reference (store, field, node, &p);
      else if (field->type == HELDER_FIELD_REFS && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *keys = json_node_get_array (node);

          for (guint k = 0; k < json_array_get_length (keys); k++)
            check_reference (store, field, json_array_get_element (keys, k), &p);
        }
    }
  if (messages->len == 0)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, fields->str, "%s", messages->str);
  return FALSE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  JsonObject *x = *(JsonObject *const *) a;
  JsonObject *y = *(JsonObject *const *) b;

  return g_utf8_collate (json_object_get_string_member (x, "name"),
                         json_object_get_string_member (y, "name"));
}

/**
 * helder_web_form_row_choices:
 * @entity_name: "group" (sorted by name) or "phase" (in the programme's order)
 * @chosen: (nullable): the keys chosen
 * @flag: "checked" or "selected"
 *
 * Returns: (transfer full): [{value, label, @flag}] for every row
 */
JsonArray *
helder_web_form_row_choices (HelderStore *store,
                             const char *entity_name,
                             GPtrArray *chosen,
                             const char *flag,
                             GError **error)
{
  const char *key = helder_entity_get_key (helder_entity_lookup (entity_name))->name;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GHashTable) names = helder_web_form_name_map (store, entity_name, &rows, error);
  g_autoptr (GPtrArray) sorted = NULL;
  JsonArray *options;

  if (names == NULL)
    return NULL;
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_ptr_array_add (sorted, json_array_get_object_element (rows, i));
  if (g_str_equal (entity_name, "group"))
    g_ptr_array_sort (sorted, compare_names);
  options = json_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *row = g_ptr_array_index (sorted, i);
      const char *value = json_object_get_string_member (row, key);
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", value);
      json_object_set_string_member (option, "label", json_object_get_string_member (row, "name"));
      json_object_set_boolean_member (option, flag,
                                      helder_web_form_strings_contain (chosen, value));
      json_array_add_object_element (options, option);
    }
  return options;
}
