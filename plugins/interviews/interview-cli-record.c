/* interview-cli-record.c — `helder interview record`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds one record (interview-service.h) from the options — or from a
 * JSON document (--from-file) that the options add to — and stores it in
 * one transaction. --item "KIND:NAME field=value field=value" reads a
 * value up to the next " field="; key_users is a comma-separated list.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-cli.h"
#include "interview-private.h"
#include "interview-service.h"

#define MAX_FILE (4 * 1024 * 1024)

typedef struct
{
  char **answers, **items, **concerns;
  char *answers_file, *notes_file, *notes, *theme, *groups, *from_file;
  gboolean named;
} RecordOptions;

static void
options_clear (RecordOptions *o)
{
  g_strfreev (o->answers);
  g_strfreev (o->items);
  g_strfreev (o->concerns);
  g_free (o->answers_file);
  g_free (o->notes_file);
  g_free (o->notes);
  g_free (o->theme);
  g_free (o->groups);
  g_free (o->from_file);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecordOptions, options_clear)

static char *
read_text (const char *option, const char *path, GError **error)
{
  gsize length = 0;
  char *data = helder_cli_read_file (path, &length, error);

  if (data == NULL)
    {
      g_prefix_error (error, "%s: ", option);
      return NULL;
    }
  if (length > MAX_FILE || !g_utf8_validate (data, length, NULL) || strlen (data) != length)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option,
                        _ ("%s: “%s” is not UTF-8 text of at most 4 MiB"), option, path);
      g_free (data);
      return NULL;
    }
  return data;
}

static JsonObject *
read_object (const char *option, const char *path, GError **error)
{
  g_autofree char *text = read_text (option, path, error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (text == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, &local))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option, _ ("%s: “%s” is not JSON: %s"), option,
                        path, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option,
                        _ ("%s: “%s” does not hold a JSON object"), option, path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The record's member @name as an object or array, made when missing. */
static JsonObject *
member_object (JsonObject *record, const char *name, GError **error)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL)
    {
      json_object_set_object_member (record, name, json_object_new ());
      node = json_object_get_member (record, name);
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name, _ ("%s: give an object"), name);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
member_array (JsonObject *record, const char *name, GError **error)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL)
    {
      json_object_set_array_member (record, name, json_array_new ());
      node = json_object_get_member (record, name);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name, _ ("%s: give a list"), name);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
add_answers (JsonObject *record, RecordOptions *o, GError **error)
{
  JsonObject *answers;

  if (o->answers_file == NULL && o->answers == NULL)
    return TRUE;
  if ((answers = member_object (record, "answers", error)) == NULL)
    return FALSE;
  if (o->answers_file != NULL)
    {
      g_autoptr (JsonObject) file = read_object ("--answers-file", o->answers_file, error);
      g_autoptr (GList) keys = NULL;

      if (file == NULL)
        return FALSE;
      keys = json_object_get_members (file);
      for (GList *l = keys; l != NULL; l = l->next)
        json_object_set_member (answers, l->data,
                                json_node_copy (json_object_get_member (file, l->data)));
    }
  for (guint i = 0; o->answers != NULL && o->answers[i] != NULL; i++)
    {
      const char *eq = strchr (o->answers[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == o->answers[i])
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "--answer",
                            _ ("--answer: “%s” is not KEY=TEXT"), o->answers[i]);
          return FALSE;
        }
      key = g_strndup (o->answers[i], eq - o->answers[i]);
      json_object_set_string_member (answers, key, eq + 1);
    }
  return TRUE;
}

static gboolean
add_notes (JsonObject *record, RecordOptions *o, GError **error)
{
  g_autofree char *text = NULL;

  if (o->notes != NULL && o->notes_file != NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "--notes",
                        _ ("--notes: give the notes or a notes file, not both"));
      return FALSE;
    }
  if (o->notes_file != NULL && (text = read_text ("--notes-file", o->notes_file, error)) == NULL)
    return FALSE;
  if (o->notes != NULL)
    text = g_strdup (o->notes);
  if (text != NULL)
    json_object_set_string_member (record, "notes", text);
  return TRUE;
}

/* "application:Key2Burgerzaken version=5.2 supplier=Centric" → an item. */
static JsonObject *
parse_item (const char *text, GError **error)
{
  g_autoptr (GRegex) regex = g_regex_new ("\\s+([a-z_]+)=", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (JsonObject) item = json_object_new ();
  g_autofree char *head = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  const char *colon;
  int start = -1, end = -1;
  char *key = NULL;

  g_regex_match (regex, text, 0, &match);
  if (g_match_info_matches (match))
    g_match_info_fetch_pos (match, 0, &start, NULL);
  head = start >= 0 ? g_strndup (text, start) : g_strdup (text);
  colon = strchr (head, ':');
  if (colon != NULL)
    {
      kind = g_strndup (head, colon - head);
      name = g_strstrip (g_strdup (colon + 1));
    }
  if (colon == NULL || kind[0] == '\0' || name[0] == '\0')
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "--item",
                        _ ("--item: “%s” is not KIND:NAME [field=value …]"), text);
      return NULL;
    }
  json_object_set_string_member (item, "kind", kind);
  json_object_set_string_member (item, "name", name);
  while (g_match_info_matches (match))
    {
      int next = -1;

      g_match_info_fetch_pos (match, 0, NULL, &end);
      key = g_match_info_fetch (match, 1);
      g_match_info_next (match, NULL);
      if (g_match_info_matches (match))
        g_match_info_fetch_pos (match, 0, &next, NULL);
      {
        g_autofree char *value =
          next >= 0 ? g_strndup (text + end, next - end) : g_strdup (text + end);

        if (g_str_equal (key, "key_users"))
          {
            g_auto (GStrv) users = g_strsplit (value, ",", -1);
            JsonArray *list = json_array_new ();

            for (guint i = 0; users[i] != NULL; i++)
              if (g_strstrip (users[i])[0] != '\0')
                json_array_add_string_element (list, users[i]);
            json_object_set_array_member (item, key, list);
          }
        else
          json_object_set_string_member (item, key, g_strstrip (value));
      }
      g_free (key);
    }
  return g_steal_pointer (&item);
}

static gboolean
add_items (JsonObject *record, RecordOptions *o, GError **error)
{
  JsonArray *items;

  if (o->items == NULL)
    return TRUE;
  if ((items = member_array (record, "items", error)) == NULL)
    return FALSE;
  for (guint i = 0; o->items[i] != NULL; i++)
    {
      JsonObject *item = parse_item (o->items[i], error);

      if (item == NULL)
        return FALSE;
      json_array_add_object_element (items, item);
    }
  return TRUE;
}

static gboolean
add_concerns (JsonObject *record, RecordOptions *o, GError **error)
{
  JsonArray *concerns;

  if (o->concerns == NULL)
    {
      if (o->theme != NULL || o->groups != NULL || o->named)
        return helder_cli_usage_error (error,
                                       _ ("--theme, --groups and --named go with --concern"));
      return TRUE;
    }
  if ((concerns = member_array (record, "concerns", error)) == NULL)
    return FALSE;
  for (guint i = 0; o->concerns[i] != NULL; i++)
    {
      JsonObject *c = json_object_new ();

      json_object_set_string_member (c, "text", o->concerns[i]);
      if (o->theme != NULL)
        json_object_set_string_member (c, "theme", o->theme);
      if (o->groups != NULL)
        json_object_set_string_member (c, "groups", o->groups);
      json_object_set_boolean_member (c, "named", o->named);
      json_array_add_object_element (concerns, c);
    }
  return TRUE;
}

static gboolean
all_utf8 (RecordOptions *o, GError **error)
{
  char *single[] = { o->answers_file, o->notes_file, o->notes, o->theme, o->groups, o->from_file };
  char **lists[] = { o->answers, o->items, o->concerns };

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    if (single[i] != NULL && !g_utf8_validate (single[i], -1, NULL))
      return helder_cli_usage_error (error, _ ("an option is not valid UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; lists[i] != NULL && lists[i][j] != NULL; j++)
      if (!g_utf8_validate (lists[i][j], -1, NULL))
        return helder_cli_usage_error (error, _ ("an option is not valid UTF-8"));
  return TRUE;
}

gboolean
interview_cli_record (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (RecordOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "answer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.answers,
      N_ ("An answer to the template’s question KEY (repeat it)"), N_ ("KEY=TEXT") },
    { "answers-file", 0, 0, G_OPTION_ARG_FILENAME, &o.answers_file,
      N_ ("Answers as a JSON object of keys and texts"), N_ ("FILE") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_ ("Notes (Markdown)"), N_ ("TEXT") },
    { "notes-file", 0, 0, G_OPTION_ARG_FILENAME, &o.notes_file, N_ ("Notes from a Markdown file"),
      N_ ("FILE") },
    { "item", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.items,
      N_ ("An item the interview mentioned (repeat it)"), N_ ("KIND:NAME field=value…") },
    { "concern", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.concerns,
      N_ ("A concern raised in the interview (repeat it)"), N_ ("TEXT") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o.theme, N_ ("The concerns’ theme"), N_ ("THEME") },
    { "groups", 0, 0, G_OPTION_ARG_STRING, &o.groups, N_ ("The groups the concerns are about"),
      N_ ("A,B") },
    { "named", 0, 0, G_OPTION_ARG_NONE, &o.named,
      N_ ("The interviewee agreed to be named with the concerns"), NULL },
    { "from-file", 0, 0, G_OPTION_ARG_FILENAME, &o.from_file,
      N_ ("The whole record as one JSON document"), N_ ("FILE") },
    { NULL },
  };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (JsonObject) row = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, entries, N_ ("INTERVIEW"),
                         N_ ("Record an interview: answers, notes, items and concerns, at once."),
                         &argc, &argv, error) ||
      !all_utf8 (&o, error) || (store = helder_context_get_store (inv->context, error)) == NULL ||
      !interview_cli_one (store, argc, argv, &id, error) ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  record =
    o.from_file != NULL ? read_object ("--from-file", o.from_file, error) : json_object_new ();
  if (record == NULL || !add_answers (record, &o, error) || !add_notes (record, &o, error) ||
      !add_items (record, &o, error) || !add_concerns (record, &o, error))
    return FALSE;
  if (json_object_get_size (record) == 0)
    return helder_cli_usage_error (error, _ ("nothing to record: give answers, notes, items or "
                                             "concerns"));
  if (!interview_record (store, &actor.actor, id, record, error) ||
      (row = interview_get (store, id, error)) == NULL)
    return FALSE;
  if (inv->json)
    interview_cli_print_json_object (row);
  else
    g_print (_ ("Interview %" PRId64 " “%s” recorded.\n"), id,
             json_object_get_string_member (row, "title"));
  return TRUE;
}
