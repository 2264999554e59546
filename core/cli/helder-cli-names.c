/* helder-cli-names.c — rows and values as people type them; options as they typed them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wherever the command line asks for a person, group, role, gate, phase or
 * moment, people may type its id, slug, e-mail address or a part of its
 * name (services/repo/helder-resolve.c decides which row that is); values
 * of choices in their language or in English (helder_field_choice_from_text());
 * and `show` names what a row refers to. Errors of the services name
 * fields ("made_on"); here they name the options as typed ("--made-on").
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-noun-private.h"
#include "model/helder-rules.h"
#include "model/helder-text.h"
#include "services/repo/helder-resolve.h"

static char *
key_text (JsonNode *key)
{
  if (json_node_get_value_type (key) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
  return g_strdup (json_node_get_string (key));
}

/**
 * helder_cli_resolve_key:
 * @entity: the noun asked for
 * @text: what the user typed (helder_resolve())
 *
 * Returns: (transfer full): the key of the row @text names, as text ("13",
 *   "servicedesk"), or %NULL with @error set
 */
char *
helder_cli_resolve_key (HelderStore *store,
                        const HelderEntity *entity,
                        const char *text,
                        GError **error)
{
  g_autoptr (JsonNode) key = helder_resolve (store, entity, text, error);

  return key != NULL ? key_text (key) : NULL;
}

/**
 * helder_cli_resolve_person:
 * @option: (nullable): the option that gave @text ("--person"), for the
 *   message; %NULL for a positional argument
 *
 * A person as typed: an id, an e-mail address or a part of the name.
 */
gboolean
helder_cli_resolve_person (HelderStore *store,
                           const char *option,
                           const char *text,
                           gint64 *person,
                           GError **error)
{
  g_autoptr (JsonNode) key = helder_resolve (store, helder_entity_lookup ("person"), text, error);

  if (key == NULL)
    {
      if (option != NULL)
        g_prefix_error (error, "%s: ", option);
      return FALSE;
    }
  *person = json_node_get_int (key);
  return TRUE;
}

/* One typed reference of @field → the key it names. */
static JsonNode *
resolve_ref (HelderStore *store, const HelderField *field, JsonNode *typed, GError **error)
{
  const HelderEntity *target = helder_entity_lookup (field->ref);
  JsonNode *key;

  if (target == NULL || !JSON_NODE_HOLDS_VALUE (typed) ||
      json_node_get_value_type (typed) != G_TYPE_STRING)
    return json_node_copy (typed);
  key = helder_resolve (store, target, json_node_get_string (typed), error);
  if (key == NULL)
    helder_error_prefix_field (error, field->name, "%s: ", field->name);
  return key;
}

/**
 * noun_resolve_refs:
 * @value: (transfer full): the parsed value of a REF or REFS field, its
 *   references as typed
 *
 * Returns: (transfer full): @value with each reference replaced by the
 *   key of the row it names, or %NULL with @error naming the field
 */
JsonNode *
noun_resolve_refs (HelderStore *store, const HelderField *field, JsonNode *value, GError **error)
{
  g_autoptr (JsonNode) node = value;
  g_autoptr (JsonArray) keys = NULL;
  JsonArray *typed;

  if (field->type == HELDER_FIELD_REF)
    return JSON_NODE_HOLDS_NULL (node) ? g_steal_pointer (&node)
                                       : resolve_ref (store, field, node, error);
  if (field->type != HELDER_FIELD_REFS || !JSON_NODE_HOLDS_ARRAY (node))
    return g_steal_pointer (&node);
  typed = json_node_get_array (node);
  keys = json_array_new ();
  for (guint i = 0; i < json_array_get_length (typed); i++)
    {
      JsonNode *key = resolve_ref (store, field, json_array_get_element (typed, i), error);

      if (key == NULL)
        return NULL;
      json_array_add_element (keys, key);
    }
  return json_node_init_array (json_node_alloc (), keys);
}

/* A filter value of a choice field: its key, "late" for "te laat". */
static char *
filter_choice (const HelderEntity *entity,
               const HelderField *field,
               const char *text,
               GError **error)
{
  HelderField item = {
    .name = field->name,
    .type = HELDER_FIELD_ENUM,
    .flags = field->flags & HELDER_FIELD_CHANNELS,
    .label = field->label,
    .choices = helder_rules_filter_choices (entity, field),
  };
  g_autoptr (JsonNode) key = NULL;

  if (text[0] == '\0')
    return g_strdup (text);
  key = helder_field_parse_text (&item, text, error);
  if (key == NULL)
    return NULL;
  return g_strdup (json_node_get_string (key));
}

/**
 * noun_filters_resolve:
 * @typed: field name → value as typed (field_options_filters())
 * @name_part: (out): the value given for the noun's name field, which
 *   matches as a part of the name (noun_rows_named()), or %NULL
 *
 * Returns: (transfer full): field name → what the repository compares:
 *   rows' keys for references, choices' keys for choices; or %NULL with
 *   @error naming the field
 */
GHashTable *
noun_filters_resolve (HelderStore *store,
                      const HelderEntity *entity,
                      GHashTable *typed,
                      char **name_part,
                      GError **error)
{
  g_autoptr (GHashTable) equals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *name_field = helder_resolve_name_field (entity);
  GHashTableIter iter;
  gpointer k, v;

  *name_part = NULL;
  g_hash_table_iter_init (&iter, typed);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const HelderField *field = helder_entity_get_field (entity, k);
      const char *text = v;
      char *value = NULL;

      if (field == NULL)
        continue;
      if (name_field != NULL && g_str_equal (field->name, name_field))
        {
          g_free (*name_part);
          *name_part = g_strdup (text);
          continue;
        }
      if ((field->type == HELDER_FIELD_REF || field->type == HELDER_FIELD_REFS) && text[0] != '\0')
        {
          g_autoptr (JsonNode) key =
            helder_resolve (store, helder_entity_lookup (field->ref), text, error);

          if (key == NULL)
            {
              helder_error_prefix_field (error, field->name, "%s: ", field->name);
              g_clear_pointer (name_part, g_free);
              return NULL;
            }
          value = key_text (key);
        }
      else if (field->type == HELDER_FIELD_ENUM || field->type == HELDER_FIELD_ENUMS)
        {
          value = filter_choice (entity, field, text, error);
          if (value == NULL)
            {
              g_clear_pointer (name_part, g_free);
              return NULL;
            }
        }
      else
        value = g_strdup (text);
      g_hash_table_insert (equals, (gpointer) field->name, value);
    }
  return g_steal_pointer (&equals);
}

/**
 * noun_rows_named:
 * @rows: (transfer none): rows of @entity
 * @part: what the user typed for the name
 *
 * Returns: (transfer full): the rows whose name holds @part, compared as
 *   helder_resolve() compares (no case, no accents), from @offset on and
 *   at most @limit (0: all) of them
 */
JsonArray *
noun_rows_named (const HelderEntity *entity,
                 JsonArray *rows,
                 const char *part,
                 guint offset,
                 guint limit)
{
  const char *name_field = helder_resolve_name_field (entity);
  JsonArray *named = json_array_new ();
  guint seen = 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *name = json_object_get_string_member_with_default (row, name_field, "");

      if (!helder_text_fold_contains (name, part) || seen++ < offset)
        continue;
      if (limit > 0 && json_array_get_length (named) >= limit)
        break;
      json_array_add_object_element (named, json_object_ref (row));
    }
  return named;
}

/**
 * helder_cli_ref_text:
 * @store: (nullable): without it, the keys as stored
 * @field: a REF or REFS field
 *
 * Returns: (transfer full): what @value refers to as people know it:
 *   "Kees de Jong (7)", "Servicedesk (servicedesk), Beheer (beheer)"
 */
char *
helder_cli_ref_text (HelderStore *store, const HelderField *field, JsonNode *value)
{
  const HelderEntity *target = field->ref != NULL ? helder_entity_lookup (field->ref) : NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *keys;

  if (store == NULL || target == NULL || value == NULL || JSON_NODE_HOLDS_NULL (value))
    return helder_field_format (field, value);
  if (JSON_NODE_HOLDS_VALUE (value))
    {
      char *named = helder_resolve_describe (store, target, value);

      return named != NULL ? named : helder_field_format (field, value);
    }
  if (!JSON_NODE_HOLDS_ARRAY (value))
    return helder_field_format (field, value);
  keys = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonNode *key = json_array_get_element (keys, i);
      g_autofree char *named = helder_resolve_describe (store, target, key);
      g_autofree char *plain = named == NULL ? helder_field_format (field, key) : NULL;

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", named != NULL ? named : plain);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_cli_choices_text:
 * @field: an ENUM or ENUMS field
 *
 * Returns: (transfer full): its choices for `--help`, as the user reads
 *   them: "open|te laat|nagekomen" (the English keys work too)
 */
char *
helder_cli_choices_text (const HelderField *field)
{
  g_auto (GStrv) choices = helder_field_dup_choices (field);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      char *label = g_strdup (helder_field_choice_label (field, choices[i]));

      g_free (choices[i]);
      choices[i] = label;
    }
  return g_strjoinv ("|", choices);
}

/* ---- options as typed in errors ----------------------------------------- */

static gboolean
is_word_char (char c)
{
  return g_ascii_islower (c) || g_ascii_isdigit (c) || c == '_';
}

static char *
option_for (const HelderEntity *entity,
            const char *const *renames,
            const char *word,
            gboolean leading)
{
  char *option;

  for (guint i = 0; renames != NULL && renames[i] != NULL && renames[i + 1] != NULL; i += 2)
    if (g_str_equal (renames[i], word))
      return g_strconcat ("--", renames[i + 1], NULL);
  /* A field's name in the middle of a sentence is only an option when it
   * cannot be read as a word: made_on, not status. */
  if (entity == NULL || helder_entity_get_field (entity, word) == NULL ||
      (!leading && strchr (word, '_') == NULL))
    return NULL;
  option = g_strconcat ("--", word, NULL);
  return g_strdelimit (option, "_", '-');
}

/**
 * helder_cli_error_name_options:
 * @error: (nullable): an error of a command on @entity
 * @entity: (nullable): the noun whose fields are the command's options
 * @renames: (nullable): field, option (without --), …, %NULL: where a
 *   command's option is not its field's name (gate decide --by for
 *   decided_by)
 *
 * Rewrites the message of @error so that it names the options as they are
 * typed: "due_on: 2026-12-01 is before made_on" becomes "--due-on:
 * 2026-12-01 is before --made-on", "groups[1]: …" becomes "--groups: …".
 * What the user typed, between “ and ”, stays as it is. Running it twice
 * changes nothing more.
 */
void
helder_cli_error_name_options (GError *error,
                               const HelderEntity *entity,
                               const char *const *renames)
{
  g_autoptr (GString) out = NULL;
  const char *p;
  int quoted = 0;

  if (error == NULL || error->domain != HELDER_ERROR || error->message == NULL)
    return;
  out = g_string_new (NULL);
  for (p = error->message; *p != '\0';)
    {
      const char *end = p;
      g_autofree char *word = NULL;
      g_autofree char *option = NULL;
      gboolean leading;

      if (g_str_has_prefix (p, "“") || g_str_has_prefix (p, "”"))
        {
          quoted += g_str_has_prefix (p, "“") ? 1 : (quoted > 0 ? -1 : 0);
          g_string_append_len (out, p, strlen ("“"));
          p += strlen ("“");
          continue;
        }
      if (!is_word_char (*p) || (p > error->message && (is_word_char (p[-1]) || p[-1] == '-' ||
                                                        p[-1] == '.' || p[-1] == '/')))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      while (is_word_char (*end))
        end++;
      word = g_strndup (p, end - p);
      leading = p == error->message && (*end == ':' || *end == '[');
      option =
        quoted > 0 || g_ascii_isdigit (*p) ? NULL : option_for (entity, renames, word, leading);
      if (option == NULL)
        {
          g_string_append (out, word);
          p = end;
          continue;
        }
      g_string_append (out, option);
      p = end;
      /* "groups[1]: " — the option takes the whole list. */
      if (leading && *p == '[' && strchr (p, ']') != NULL)
        p = strchr (p, ']') + 1;
    }
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&out), FALSE);
}
