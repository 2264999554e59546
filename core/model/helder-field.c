/* helder-field.c — checking and normalising field values
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values arrive as text from the command line and CSV files, or as JSON from
 * imports and (later) the web API. Both end up here, so "impossible date" or
 * "unknown kind" reads the same wherever it is typed.
 */
#define G_LOG_DOMAIN "helder-value"

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "helder-entity.h"
#include "helder-text.h"
#include "helder-channel-names.h"

#define TEXT_MAX     500
#define MARKDOWN_MAX (100 * 1024)

static gsize
field_max_length (const HelderField *field)
{
  if (field->max_length > 0)
    return field->max_length;
  return field->type == HELDER_FIELD_MARKDOWN ? MARKDOWN_MAX : TEXT_MAX;
}

static gboolean
is_slug (const char *s)
{
  if (!g_ascii_isalnum (s[0]))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

/* The choices as the user reads them ("open, te laat, nagekomen"), and
 * in @english the keys when they read differently (else NULL). */
static char *
choices_joined (const HelderField *field, char **english)
{
  g_auto (GStrv) choices = helder_field_dup_choices (field);
  g_autoptr (GString) labels = g_string_new (NULL);
  gboolean differ = FALSE;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      const char *label = helder_field_choice_label (field, choices[i]);

      g_string_append_printf (labels, "%s%s", i > 0 ? ", " : "", label);
      differ = differ || !g_str_equal (label, choices[i]);
    }
  *english = differ ? g_strjoinv (", ", choices) : NULL;
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static gboolean
check_text (const HelderField *field, const char *text, GError **error)
{
  gsize len = strlen (text);

  if (!g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field->name, _ ("%s: not valid UTF-8 text"),
                        field->name);
      return FALSE;
    }
  if (len > field_max_length (field))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                        _ ("%s: too long (%zu bytes, at most %zu)"), field->name, len,
                        field_max_length (field));
      return FALSE;
    }
  if (!helder_text_check (
        text, field->type == HELDER_FIELD_MARKDOWN ? HELDER_TEXT_MULTILINE : HELDER_TEXT_LINE,
        error))
    {
      helder_error_prefix_field (error, field->name, "%s: ", field->name);
      return FALSE;
    }
  if (field->flags & (HELDER_FIELD_REQUIRED | HELDER_FIELD_KEY))
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));
      if (copy[0] == '\0')
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field->name, _ ("%s: may not be empty"),
                            field->name);
          return FALSE;
        }
    }
  if ((field->flags & HELDER_FIELD_KEY) && !is_slug (text))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                        _ ("%s: “%s” is not a valid key (use lower-case letters, digits and -)"),
                        field->name, text);
      return FALSE;
    }
  if (field->flags & HELDER_FIELD_EMAIL)
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));
      g_autofree char *address = NULL;

      if (copy[0] != '\0' && (address = helder_text_normalize_email (copy, error)) == NULL)
        {
          helder_error_prefix_field (error, field->name, "%s: ", field->name);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
normalize_scalar_text (const HelderField *field, const char *text, GError **error)
{
  switch (field->type)
    {
    case HELDER_FIELD_TEXT:
    case HELDER_FIELD_MARKDOWN:
      if (!check_text (field, text, error))
        return NULL;
      if (field->flags & HELDER_FIELD_EMAIL)
        {
          /* trimmed, the domain in lower case: uniqueness compares this */
          g_autofree char *copy = g_strstrip (g_strdup (text));
          g_autofree char *address =
            copy[0] != '\0' ? helder_text_normalize_email (copy, NULL) : g_strdup ("");

          return json_node_init_string (json_node_alloc (), address);
        }
      return json_node_init_string (json_node_alloc (), text);

    case HELDER_FIELD_DATE:
      if (!helder_date_parse (text, NULL))
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                            _ ("%s: “%s” is not a date (use YYYY-MM-DD, a day that exists)"),
                            field->name, text);
          return NULL;
        }
      return json_node_init_string (json_node_alloc (), text);

    case HELDER_FIELD_DATETIME:
      {
        g_autofree char *utc = helder_date_parse_datetime (text, error);
        if (utc == NULL)
          {
            helder_error_prefix_field (error, field->name, "%s: ", field->name);
            return NULL;
          }
        return json_node_init_string (json_node_alloc (), utc);
      }

    case HELDER_FIELD_ENUM:
      if (!helder_field_has_choice (field, text))
        {
          g_autofree char *english = NULL;
          g_autofree char *choices = choices_joined (field, &english);

          /* A channel of a plugin that is not loaded, or of none. */
          if (field->flags & HELDER_FIELD_CHANNELS)
            helder_error_set (
              error, HELDER_ERROR_INVALID, field->name,
              _ ("%s: “%s” is not a channel of a loaded plugin (see `helder plugins`); "
                 "choose from: %s"),
              field->name, text, choices[0] ? choices : _ ("none"));
          else if (english != NULL)
            /* TRANSLATORS: the choices in the user's language, then the
             * same in English: both are accepted */
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: “%s” is not one of %s (in English: %s)"), field->name, text,
                              choices, english);
          else
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: “%s” is not one of %s"), field->name, text, choices);
          return NULL;
        }
      return json_node_init_string (json_node_alloc (), text);

    case HELDER_FIELD_REF:
      if (!check_text (field, text, error))
        return NULL;
      if (text[0] == '\0')
        return json_node_init_null (json_node_alloc ());
      return json_node_init_string (json_node_alloc (), text);

    default:
      g_assert_not_reached ();
    }
}

/**
 * helder_field_parse_text:
 * @text: as typed on the command line or found in a CSV cell; for sets, a
 *   comma-separated list; an empty string clears an optional field
 *
 * Returns: (transfer full): the value as JSON, or %NULL with @error naming the
 *   field. References stay as typed (a key, an id or an e-mail address); the
 *   repository resolves them.
 */
JsonNode *
helder_field_parse_text (const HelderField *field, const char *text, GError **error)
{
  g_return_val_if_fail (field != NULL && text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field->name, _ ("%s: not valid UTF-8 text"),
                        field->name);
      return NULL;
    }

  if (text[0] == '\0' && !(field->flags & HELDER_FIELD_REQUIRED) &&
      field->type != HELDER_FIELD_TEXT && field->type != HELDER_FIELD_MARKDOWN &&
      field->type != HELDER_FIELD_REFS && field->type != HELDER_FIELD_ENUMS)
    return json_node_init_null (json_node_alloc ());

  switch (field->type)
    {
    case HELDER_FIELD_INT:
      {
        gint64 v;
        g_autoptr (GError) local = NULL;

        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, &local))
          {
            if (g_error_matches (local, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
              helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                                _ ("%s: %s is out of range for a whole number"), field->name, text);
            else
              helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                                _ ("%s: “%s” is not a whole number"), field->name, text);
            return NULL;
          }
        return helder_field_normalize (field, json_node_init_int (json_node_alloc (), v), error);
      }

    case HELDER_FIELD_REAL:
      {
        /* "0,5" as Dutch write it, as well as 0.5 */
        g_autofree char *point =
          strchr (text, '.') == NULL ? g_strdelimit (g_strdup (text), ",", '.') : g_strdup (text);
        char *end = NULL;
        double v = g_ascii_strtod (point, &end);

        if (end == point || *end != '\0' || strchr (text, ',') != strrchr (text, ','))
          {
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: “%s” is not a number"), field->name, text);
            return NULL;
          }
        return helder_field_normalize (field, json_node_init_double (json_node_alloc (), v), error);
      }

    case HELDER_FIELD_REFS:
    case HELDER_FIELD_ENUMS:
      {
        g_auto (GStrv) parts = g_strsplit_set (text, ",|", -1);
        g_autoptr (JsonArray) array = json_array_new ();
        g_autoptr (JsonNode) node = NULL;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            char *item = g_strstrip (parts[i]);
            g_autofree char *key = field->type == HELDER_FIELD_ENUMS
                                     ? helder_field_choice_from_text (field, item)
                                     : NULL;

            if (item[0] != '\0')
              json_array_add_string_element (array, key != NULL ? key : item);
          }
        node = json_node_init_array (json_node_alloc (), array);
        return helder_field_normalize (field, g_steal_pointer (&node), error);
      }

    case HELDER_FIELD_ENUM:
      {
        g_autofree char *key = helder_field_choice_from_text (field, text);

        return normalize_scalar_text (field, key != NULL ? key : text, error);
      }

    case HELDER_FIELD_DATE:
      {
        /* "4 december 2026", "04-12-2026" as well as 2026-12-04 */
        g_autofree char *day = helder_date_parse_typed (text);

        if (day == NULL)
          {
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: “%s” is not a date (use YYYY-MM-DD, DD-MM-YYYY or “4 "
                                 "December 2026”, a day that exists)"),
                              field->name, text);
            return NULL;
          }
        return normalize_scalar_text (field, day, error);
      }

    default:
      return normalize_scalar_text (field, text, error);
    }
}

static const char *
json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("a list");
    case JSON_NODE_NULL:
      return _ ("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node) == G_TYPE_STRING    ? 0
              : json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 1
                                                                  : 2)
        {
        case 0:
          return _ ("text");
        case 1:
          return _ ("true/false");
        default:
          return _ ("a number");
        }
    default:
      return "?";
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_INT64 ||
                                          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static JsonNode *
type_error (const HelderField *field, JsonNode *value, const char *wanted, GError **error)
{
  helder_error_set (error, HELDER_ERROR_INVALID, field->name, _ ("%s: expected %s, got %s"),
                    field->name, wanted, json_type_name (value));
  return NULL;
}

/**
 * helder_field_normalize:
 * @value: (transfer full): a JSON value for @field
 *
 * Checks the JSON type and the content of a value and brings it into the
 * stored form (datetimes in UTC, sets sorted and without duplicates).
 *
 * Returns: (transfer full): the normalised value, or %NULL with @error set
 */
JsonNode *
helder_field_normalize (const HelderField *field, JsonNode *value, GError **error)
{
  g_autoptr (JsonNode) node = value;

  g_return_val_if_fail (field != NULL && value != NULL, NULL);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->flags & HELDER_FIELD_REQUIRED)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field->name, _ ("%s: is required"),
                            field->name);
          return NULL;
        }
      if (field->type == HELDER_FIELD_REFS || field->type == HELDER_FIELD_ENUMS)
        return type_error (field, node, _ ("a list"), error);
      return g_steal_pointer (&node);
    }

  switch (field->type)
    {
    case HELDER_FIELD_INT:
      {
        gint64 v;
        if (!node_is_integer (node))
          return type_error (field, node, _ ("a whole number"), error);
        v = json_node_get_int (node);
        if (field->min < field->max && (v < field->min || v > field->max))
          {
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: %" PRId64 " is outside %" PRId64 "–%" PRId64), field->name, v,
                              field->min, field->max);
            return NULL;
          }
        if ((field->flags & HELDER_FIELD_KEY) && v <= 0)
          {
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: %" PRId64 " is not a valid id"), field->name, v);
            return NULL;
          }
        return g_steal_pointer (&node);
      }

    case HELDER_FIELD_REAL:
      {
        double v;
        if (!node_is_number (node))
          return type_error (field, node, _ ("a number"), error);
        v = json_node_get_double (node);
        if (!(v >= 0 && v <= 100000))
          {
            helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                              _ ("%s: %g is not a sensible amount"), field->name, v);
            return NULL;
          }
        return json_node_init_double (json_node_alloc (), v);
      }

    case HELDER_FIELD_REF:
      if (node_is_integer (node))
        {
          if (json_node_get_int (node) <= 0)
            {
              helder_error_set (error, HELDER_ERROR_INVALID, field->name,
                                _ ("%s: %" PRId64 " is not a valid id"), field->name,
                                json_node_get_int (node));
              return NULL;
            }
          return g_steal_pointer (&node);
        }
      if (!node_is_string (node))
        return type_error (field, node, _ ("a key or id"), error);
      return normalize_scalar_text (field, json_node_get_string (node), error);

    case HELDER_FIELD_REFS:
    case HELDER_FIELD_ENUMS:
      {
        JsonArray *in;
        g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
        g_autoptr (JsonArray) out = json_array_new ();
        HelderField item_field = {
          .name = field->name,
          .type = field->type == HELDER_FIELD_ENUMS ? HELDER_FIELD_ENUM : HELDER_FIELD_REF,
          .flags = field->flags & HELDER_FIELD_CHANNELS,
          .choices = field->choices,
          .ref = field->ref,
        };

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return type_error (field, node, _ ("a list"), error);
        in = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (in); i++)
          {
            JsonNode *item = json_array_get_element (in, i);
            g_autoptr (JsonNode) norm = NULL;
            g_autofree char *as_text = NULL;
            gboolean dup = FALSE;

            g_autofree char *item_name = g_strdup_printf ("%s[%u]", field->name, i);

            item_field.name = item_name;
            /* The message names the item ("groups[1]: …"); the error is
             * about the field ("groups"). */
            if (JSON_NODE_HOLDS_NULL (item))
              {
                type_error (&item_field, item, _ ("a key or id"), error);
                if (error != NULL)
                  helder_error_set_field (*error, field->name);
                return NULL;
              }
            norm = helder_field_normalize (&item_field, json_node_copy (item), error);
            if (norm == NULL)
              {
                if (error != NULL)
                  helder_error_set_field (*error, field->name);
                return NULL;
              }
            as_text = node_is_string (norm)
                        ? g_strdup (json_node_get_string (norm))
                        : g_strdup_printf ("%" PRId64, json_node_get_int (norm));
            for (guint j = 0; j < seen->len && !dup; j++)
              dup = g_str_equal (g_ptr_array_index (seen, j), as_text);
            if (dup)
              continue;
            g_ptr_array_add (seen, g_steal_pointer (&as_text));
            json_array_add_element (out, g_steal_pointer (&norm));
          }
        return json_node_init_array (json_node_alloc (), out);
      }

    default:
      if (!node_is_string (node))
        return type_error (field, node, _ ("text"), error);
      return normalize_scalar_text (field, json_node_get_string (node), error);
    }
}

/**
 * helder_field_format:
 *
 * Returns: (transfer full): the value as a person reads it: sets joined with
 *   ", ", null as an empty string.
 */
char *
helder_field_format (const HelderField *field, JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = helder_field_format (field, json_array_get_element (array, i));
          if (i > 0)
            g_string_append (s, ", ");
          g_string_append (s, item);
        }
      return g_string_free (s, FALSE);
    }

  if (!JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("…");

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" PRId64, json_node_get_int (value));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", json_node_get_double (value)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? "true" : "false");
    default:
      return g_strdup (json_node_get_string (value));
    }
}

/* ---- descriptors -------------------------------------------------------- */

const char *
helder_field_get_label (const HelderField *field)
{
  const char *domain = helder_entity_get_field_domain (field);

  if (domain != NULL)
    return g_dgettext (domain, field->label);
  return _ (field->label);
}

/* Whether the field is a column of the entity's own table. */
gboolean
helder_field_is_stored (const HelderField *field)
{
  return field->join == NULL;
}

gboolean
helder_field_has_choice (const HelderField *field, const char *value)
{
  if (value == NULL)
    return FALSE;
  if (field->choices != NULL && g_strv_contains ((const char *const *) field->choices, value))
    return TRUE;
  return (field->flags & HELDER_FIELD_CHANNELS) != 0 && helder_channel_names_contains (value);
}

/**
 * helder_field_dup_choices:
 * @field: an ENUM or ENUMS field
 *
 * Returns: (transfer full): the values @field may take now: its own
 *   choices and, for a %HELDER_FIELD_CHANNELS field, the channels of the
 *   loaded plugins before them
 */
GStrv
helder_field_dup_choices (const HelderField *field)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (field->flags & HELDER_FIELD_CHANNELS)
    {
      g_auto (GStrv) channels = helder_channel_names_list (HELDER_CHANNEL_NONE);

      g_strv_builder_addv (builder, (const char **) channels);
    }
  if (field->choices != NULL)
    g_strv_builder_addv (builder, (const char **) field->choices);
  return g_strv_builder_end (builder);
}

/**
 * helder_field_choice_label:
 * @field: an ENUM or ENUMS field
 * @choice: one of its values
 *
 * Returns: @choice as the user reads it: the label of a channel from its
 *   plugin, else the value translated in the field's gettext domain
 *   ("late" → "te laat"); @choice itself when it has no translation
 */
const char *
helder_field_choice_label (const HelderField *field, const char *choice)
{
  const char *domain;
  const char *label;

  g_return_val_if_fail (field != NULL, NULL);

  if (choice == NULL || choice[0] == '\0')
    return choice;
  if ((field->flags & HELDER_FIELD_CHANNELS) &&
      (label = helder_channel_names_get_label (choice)) != NULL)
    return label;
  domain = helder_entity_get_field_domain (field);
  return g_dgettext (domain != NULL ? domain : GETTEXT_PACKAGE, choice);
}

/**
 * helder_field_choice_from_text:
 * @field: an ENUM or ENUMS field
 * @text: a value as somebody typed it: the key ("late") or the label in
 *   their language ("te laat"), in any case and with or without accents
 *
 * Returns: (transfer full) (nullable): the key of the choice @text names,
 *   or %NULL when it names none
 */
char *
helder_field_choice_from_text (const HelderField *field, const char *text)
{
  g_auto (GStrv) choices = NULL;
  g_autofree char *typed = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (text == NULL || text[0] == '\0')
    return NULL;
  if (helder_field_has_choice (field, text))
    return g_strdup (text);
  choices = helder_field_dup_choices (field);
  typed = helder_text_fold (text);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      g_autofree char *key = helder_text_fold (choices[i]);
      g_autofree char *label = helder_text_fold (helder_field_choice_label (field, choices[i]));

      if (g_str_equal (typed, key) || g_str_equal (typed, label))
        return g_strdup (choices[i]);
    }
  return NULL;
}
