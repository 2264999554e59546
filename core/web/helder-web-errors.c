/* helder-web-errors.c — a form's errors next to its fields: "errors"
 * (key → message), "error_list" ([{anchor, message}]) and "has_errors"
 * for the templates' error-summary and field-error, from a HelderError
 * of one problem a line
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include "helder-error.h"
#include "web/helder-web-private.h"

char *
helder_web_capitalized (const char *text)
{
  char first[8];
  gint n;

  if (text[0] == '\0')
    return g_strdup (text);
  n = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strdup_printf ("%.*s%s", n, first, g_utf8_next_char (text));
}

void
helder_web_errors_each (JsonObject *context,
                        const GError *error,
                        gboolean one_field_for_all,
                        HelderWebErrorLineFunc line,
                        gpointer data)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  const char *fields = helder_error_get_field (error);
  g_auto (GStrv) line_fields = g_strsplit (fields != NULL ? fields : "", "\n", -1);
  guint n_fields = g_strv_length (line_fields);
  JsonObject *errors = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *field = NULL;
      JsonObject *item;

      if (lines[l][0] == '\0')
        continue;
      /* An error of several problems carries their fields one a line. */
      if (l < n_fields && line_fields[l][0] != '\0')
        field = line_fields[l];
      else if (one_field_for_all && n_fields == 1 && line_fields[0][0] != '\0')
        field = line_fields[0];
      item = json_object_new ();
      line (errors, item, field, lines[l], data);
      json_array_add_object_element (list, item);
    }
  json_object_set_object_member (context, "errors", errors);
  json_object_set_array_member (context, "error_list", list);
  json_object_set_boolean_member (context, "has_errors", TRUE);
}

/* The whole line as a sentence, under the field's anchor. */
static void
plain_line (JsonObject *errors,
            JsonObject *item,
            const char *field,
            const char *message,
            gpointer data)
{
  HelderWebAnchorFunc anchor_of = (HelderWebAnchorFunc) data;
  g_autofree char *sentence = helder_web_capitalized (message);
  g_autofree char *anchor = NULL;

  if (field != NULL)
    anchor = anchor_of != NULL ? anchor_of (field) : g_strdup (field);
  if (anchor != NULL && !json_object_has_member (errors, anchor))
    json_object_set_string_member (errors, anchor, sentence);
  json_object_set_string_member (item, "anchor", anchor != NULL ? anchor : "");
  json_object_set_string_member (item, "message", sentence);
}

/**
 * helder_web_add_errors:
 * @context: a template's context
 * @error: the problems, one a line, their fields one a line
 *   (helder_error_set(); one field alone is the field of every line)
 * @anchor_of: (nullable): maps a field to the id of its input, a new
 *   string or %NULL for none; %NULL: the field is the id
 *
 * Adds {{errors.ANCHOR}}, {{error_list}} and {{has_errors}} to @context
 * for core's error-summary and field-error markup; each line becomes a
 * sentence ("Title: is missing").
 */
void
helder_web_add_errors (JsonObject *context, const GError *error, HelderWebAnchorFunc anchor_of)
{
  helder_web_errors_each (context, error, TRUE, plain_line, (gpointer) anchor_of);
}
