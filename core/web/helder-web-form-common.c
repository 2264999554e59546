/* helder-web-form-common.c — what the advisor's form pages share:
 * reading forms, errors next to their fields, names of things
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-rules.h"
#include "services/repo/helder-people.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-forms-private.h"

/* ---- values as people read them ------------------------------------------ */

/* Statuses of moments, commitments and criteria; the same words as the CLI. */
static const char *const status_words[] = {
  N_ ("draft"),  N_ ("approved"),  N_ ("sent"), N_ ("cancelled"), N_ ("open"),   N_ ("kept"),
  N_ ("broken"), N_ ("withdrawn"), N_ ("late"), N_ ("met"),       N_ ("failed"),
};

const char *
helder_web_form_choice_label (const Choice *choices, guint n_choices, const char *value)
{
  for (guint i = 0; i < n_choices; i++)
    if (g_strcmp0 (choices[i].value, value) == 0)
      return _ (choices[i].label);
  return value;
}

const char *
helder_web_form_status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_strcmp0 (status_words[i], status) == 0)
      return _ (status_words[i]);
  return status;
}

/* ---- reading forms ------------------------------------------------------------ */

/* Every value of a field that may occur more than once (checkboxes), in
 * order. helder_web_read_form() has already checked the body; this reads
 * the same urlencoded body for the repeated names. */
GPtrArray *
helder_web_form_form_list (HelderWebRequest *request, const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr (GBytes) bytes = body != NULL ? soup_message_body_flatten (body) : NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) pairs = NULL;

  if (bytes == NULL)
    return values;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pairs = g_strsplit (text, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      g_strdelimit (pairs[i], "+", ' ');
      g_strdelimit (eq + 1, "+", ' ');
      key = g_uri_unescape_string (pairs[i], NULL);
      if (g_strcmp0 (key, name) != 0)
        continue;
      value = g_uri_unescape_string (eq + 1, NULL);
      if (value == NULL || !g_utf8_validate (value, -1, NULL) || value[0] == '\0')
        {
          g_free (value);
          continue;
        }
      g_ptr_array_add (values, value);
    }
  return values;
}

JsonArray *
helder_web_form_strings_to_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  return array;
}

GPtrArray *
helder_web_form_array_to_strings (JsonArray *array)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  return strings;
}

gboolean
helder_web_form_strings_contain (GPtrArray *strings, const char *value)
{
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* ---- errors next to the field ---------------------------------------------- */

/* The message without its "field: " or "field[3]: " prefix. */
static const char *
error_text (const char *message, const char *field)
{
  gsize len = field != NULL ? strlen (field) : 0;
  const char *p = message;

  if (len == 0 || strncmp (message, field, len) != 0)
    return message;
  p += len;
  if (*p == '[')
    {
      p = strchr (p, ']');
      if (p == NULL)
        return message;
      p++;
    }
  return g_str_has_prefix (p, ": ") ? p + 2 : message;
}

typedef struct
{
  const FormField *fields;
  guint n_fields;
} KnownFields;

/* A known field's problem under its key and anchor, summarised with its
 * label; any other line as it is, anchored nowhere. */
static void
form_line (JsonObject *errors,
           JsonObject *item,
           const char *field,
           const char *message,
           gpointer data)
{
  const KnownFields *known_fields = data;
  const FormField *known = NULL;

  for (guint i = 0; field != NULL && i < known_fields->n_fields; i++)
    if (g_str_equal (known_fields->fields[i].field, field))
      known = &known_fields->fields[i];
  if (known != NULL)
    {
      const char *text = error_text (message, field);
      g_autofree char *sentence = helder_web_capitalized (text);
      g_autofree char *summary = g_strdup_printf ("%s: %s", _ (known->label), text);

      if (!json_object_has_member (errors, known->key))
        json_object_set_string_member (errors, known->key, sentence);
      json_object_set_string_member (item, "anchor", known->anchor);
      json_object_set_string_member (item, "message", summary);
    }
  else
    {
      json_object_set_string_member (item, "anchor", "");
      json_object_set_string_member (item, "message", message);
    }
}

/* Adds "errors" (key → message), "error_list" ([{anchor, message}]) and
 * "has_errors" to @context for @error: one problem a line. */
void
helder_web_form_add_error (JsonObject *context,
                           const FormField *fields,
                           guint n_fields,
                           const GError *error)
{
  KnownFields known_fields = { fields, n_fields };

  helder_web_errors_each (context, error, FALSE, form_line, &known_fields);
}

/* Whether @error is about the input (shown in the form) rather than the
 * server (shown as an error page). */
gboolean
helder_web_form_is_input_error (const GError *error)
{
  return error->domain == HELDER_ERROR &&
         (error->code == HELDER_ERROR_INVALID || error->code == HELDER_ERROR_NOT_FOUND ||
          error->code == HELDER_ERROR_CONFLICT);
}

guint
helder_web_form_input_error_status (const GError *error)
{
  return g_error_matches (error, HELDER_ERROR, HELDER_ERROR_CONFLICT) ? 409 : 400;
}

void
helder_web_form_add_banner (JsonObject *context,
                            HelderWebRequest *request,
                            const Choice *banners,
                            guint n_banners)
{
  const char *done = helder_web_query (request, "done");

  for (guint i = 0; done != NULL && i < n_banners; i++)
    if (g_str_equal (banners[i].value, done))
      json_object_set_string_member (context, "banner", _ (banners[i].label));
}

/* ---- names of things -------------------------------------------------------- */

/* Key → name of every row of @entity (groups, roles, phases). */
GHashTable *
helder_web_form_name_map (HelderStore *store,
                          const char *entity_name,
                          JsonArray **rows_out,
                          GError **error)
{
  const HelderEntity *entity = helder_entity_lookup (entity_name);
  const char *key = helder_entity_get_key (entity)->name;
  g_autoptr (JsonArray) rows = helder_repo_list (store, entity, NULL, error);
  GHashTable *names;

  if (rows == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_hash_table_insert (names, g_strdup (json_object_get_string_member (row, key)),
                           g_strdup (json_object_get_string_member (row, "name")));
    }
  if (rows_out != NULL)
    *rows_out = g_steal_pointer (&rows);
  return names;
}

char *
helder_web_form_join_names (JsonArray *keys, GHashTable *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      const char *key = json_array_get_string_element (keys, i);
      const char *name = g_hash_table_lookup (names, key);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name != NULL ? name : key);
    }
  return g_string_free (out, FALSE);
}

char *
helder_web_form_join_choices (JsonArray *values, const Choice *choices, guint n_choices)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, helder_web_form_choice_label (
                              choices, n_choices, json_array_get_string_element (values, i)));
    }
  return g_string_free (out, FALSE);
}

/* "Anna de Vries, Bram Jansen" for a set of person ids. */
char *
helder_web_form_person_names (HelderStore *store, JsonArray *persons, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (JsonArray) people = NULL;
  GString *out;

  for (guint i = 0; persons != NULL && i < json_array_get_length (persons); i++)
    {
      gint64 id = json_array_get_int_element (persons, i);
      g_array_append_val (ids, id);
    }
  people = helder_people_named (store, (const gint64 *) ids->data, ids->len, G_MAXUINT, error);
  if (people == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (
        out, json_object_get_string_member (json_array_get_object_element (people, i), "name"));
    }
  return g_string_free (out, FALSE);
}

char *
helder_web_form_format_date (const char *date)
{
  return date != NULL ? helder_web_format_date (date) : g_strdup ("");
}

const char *
helder_web_form_string_or_null (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
helder_web_form_markdown_or_empty (const char *markdown)
{
  return helder_web_form_blank (markdown) ? g_strdup ("") : helder_web_markdown (markdown);
}
