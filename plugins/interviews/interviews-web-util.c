/* interviews-web-util.c — what the interviews plugin's pages share: the
 * row of a route, lengths, JSON members, words for values, the choices of
 * themes and groups
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who acts, reading forms and queries and errors next to their fields are
 * core's (helder_web_request_actor(), helder_web_form_text(),
 * helder_web_add_errors() in helder.h).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "interviews-web-private.h"

gint64
iv_web_id_param (HelderWebRequest *request, const char *table, const char *what)
{
  const char *text = helder_web_param (request, "id");
  gint64 id = helder_web_parse_id (text);

  if (id > 0)
    {
      /* @table is one of the plugin's own table names, never input. */
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
      g_autoptr (HelderStmt) stmt =
        helder_store_prepare (helder_web_request_get_store (request), sql, NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            return id;
        }
    }
  {
    /* TRANSLATORS: "id: there is no interview “12x”" */
    g_autofree char *message = g_strdup_printf (_ ("id: there is no %s “%s”"), what, text);
    helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "id", message);
  }
  return 0;
}

gboolean
iv_web_check_length (HelderWebRequest *request, const char *field, const char *text, glong max)
{
  g_autofree char *message = NULL;

  if (text == NULL || g_utf8_strlen (text, -1) <= max)
    return TRUE;
  message = g_strdup_printf (_ ("%s: is longer than %ld characters"), field, max);
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, message);
  return FALSE;
}

JsonArray *
iv_web_array (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
iv_web_object (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
iv_web_string (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
iv_web_options (const char *const *values,
                const char *(*label) (const char *value),
                const char *selected)
{
  JsonArray *options = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "value", values[i]);
      json_object_set_string_member (o, "label", label != NULL ? label (values[i]) : values[i]);
      json_object_set_boolean_member (o, "selected", g_strcmp0 (values[i], selected) == 0);
      json_array_add_object_element (options, o);
    }
  return options;
}

static const struct
{
  const char *value;
  const char *label;
} words[] = {
  { "planned", N_ ("planned") },
  { "recorded", N_ ("recorded") },
  { "cancelled", N_ ("cancelled") },
  { "open", N_ ("open") },
  { "answered", N_ ("answered") },
  { "withdrawn", N_ ("withdrawn") },
  { "in-progress", N_ ("in progress") },
  { "done", N_ ("done") },
  { "not-applicable", N_ ("not applicable") },
  { "internal", N_ ("internal") },
  { "external", N_ ("external") },
  { "one-way", N_ ("one way") },
  { "two-way", N_ ("both ways") },
  { "internal-admin", N_ ("internal administrator") },
  { "supplier", N_ ("supplier") },
  { "chain-partner", N_ ("chain partner") },
  { "process-owner", N_ ("process owner") },
  { "employee", N_ ("employee conversation") },
  { "interview", N_ ("interview") },
  { "conversation", N_ ("conversation") },
  { "personal-page", N_ ("personal page") },
  { "server", N_ ("server") },
  { "virtual-machine", N_ ("virtual machine") },
  { "physical-host", N_ ("physical host") },
  { "database", N_ ("database") },
  { "storage", N_ ("storage") },
  { "network-device", N_ ("network device") },
  { "workplace", N_ ("workplace") },
  { "cloud-service", N_ ("cloud service") },
};

const char *
iv_web_word (const char *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (words[i].value, value) == 0)
      return _ (words[i].label);
  return value;
}

JsonArray *
iv_web_theme_options (HelderWebRequest *request, const char *selected, GError **error)
{
  HelderStore *store = helder_web_request_get_store (request);
  gboolean en = g_strcmp0 (helder_web_request_get_lang (request), "en") == 0;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT slug, name, name_en FROM concern_theme ORDER BY name", error);
  g_autoptr (JsonArray) options = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      const char *slug = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *name_en = (const char *) sqlite3_column_text (stmt, 2);

      json_object_set_string_member (o, "value", slug);
      json_object_set_string_member (o, "label",
                                     en && name_en != NULL && *name_en ? name_en : name);
      json_object_set_boolean_member (o, "selected", g_strcmp0 (slug, selected) == 0);
      json_array_add_object_element (options, o);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&options);
}

JsonArray *
iv_web_group_checkboxes (HelderWebRequest *request, GHashTable *form, GError **error)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT slug, name FROM stakeholder_group ORDER BY name", error);
  g_autoptr (JsonArray) boxes = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      const char *slug = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *name = g_strconcat ("group-", slug, NULL);

      json_object_set_string_member (o, "name", name);
      json_object_set_string_member (o, "value", slug);
      json_object_set_string_member (o, "label", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_boolean_member (o, "checked",
                                      form != NULL && g_hash_table_contains (form, name));
      json_array_add_object_element (boxes, o);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&boxes);
}

GStrv
iv_web_groups_ticked (HelderWebRequest *request, GHashTable *form, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "group-"))
      g_strv_builder_add (builder, (const char *) key + strlen ("group-"));
  return g_strv_builder_end (builder);
}

/* A member that is a person or an item ({id, name}), text or a number, as text. */
char *
iv_web_text_of (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  JsonObject *inner;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      inner = json_node_get_object (node);
      return iv_web_text_of (inner, "name");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *one = NULL;

          if (JSON_NODE_HOLDS_OBJECT (element))
            one = iv_web_text_of (json_node_get_object (element), "name");
          else if (json_node_get_value_type (element) == G_TYPE_STRING)
            one = g_strdup (json_node_get_string (element));
          if (one != NULL && *one)
            g_string_append_printf (out, "%s%s", out->len ? ", " : "", one);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _ ("yes") : _ ("no"));
    default:
      return g_strdup ("");
    }
}
