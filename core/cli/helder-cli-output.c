/* helder-cli-output.c — option parsing and rendering shared by all commands
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "model/helder-date.h"
#include "cli/helder-cli.h"

#define MAX_INPUT_FILE (256 * 1024 * 1024)

/* Values of enumerations as a person reads them; JSON keeps the keys. */
static const char *const display_values[] = {
  N_ ("internal"),  N_ ("external"),  N_ ("current"),   N_ ("regie"),    N_ ("supplier"),
  N_ ("continues"), N_ ("changes"),   N_ ("lapses"),    N_ ("new"),      N_ ("weekly"),
  N_ ("off"),       N_ ("meeting"),   N_ ("draft"),     N_ ("decided"),  N_ ("discussed"),
  N_ ("accepted"),  N_ ("objection"), N_ ("open"),      N_ ("late"),     N_ ("kept"),
  N_ ("broken"),    N_ ("withdrawn"), N_ ("approved"),  N_ ("sent"),     N_ ("cancelled"),
  N_ ("go"),        N_ ("nogo"),      N_ ("postponed"), N_ ("met"),      N_ ("failed"),
  N_ ("done"),      N_ ("planned"),   N_ ("default"),   N_ ("intended"), N_ ("confirmed"),
  N_ ("active"),    N_ ("expired"),   N_ ("revoked"),   N_ ("employee"),
};

/* Values whose label is not the value itself: access roles, and what a
 * plugin provides. */
static const struct
{
  const char *value;
  const char *label;
} display_labels[] = {
  { "advisor", N_ ("strategic advisor") },
  { "hr", N_ ("HR") },
  { "addin", N_ ("features") },
  { "channel", N_ ("channel") },
};

const char *
helder_cli_display_value (const char *value)
{
  const char *label;

  for (guint i = 0; i < G_N_ELEMENTS (display_values); i++)
    if (g_strcmp0 (display_values[i], value) == 0)
      return _ (display_values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (display_labels); i++)
    if (g_strcmp0 (display_labels[i].value, value) == 0)
      return _ (display_labels[i].label);
  /* A channel's label comes from the plugin that provides it. */
  label = helder_channel_names_get_label (value);
  return label != NULL ? label : value;
}

/**
 * helder_cli_display_list:
 * @text: values as "a, b, c"
 *
 * Returns: (transfer full): each value as a person reads it
 */
char *
helder_cli_display_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ", ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *shown = g_strdup (helder_cli_display_value (parts[i]));
      g_free (parts[i]);
      parts[i] = shown;
    }
  return g_strjoinv (", ", parts);
}

/**
 * helder_cli_parse:
 * @entries: (nullable): the command's options, %NULL-terminated
 * @parameters: (nullable): what follows the options in `--help`, e.g. "FILE"
 *
 * Parses a command's options with GOptionContext; `--json` is accepted
 * here too, so it may follow the command.
 */
gboolean
helder_cli_parse (HelderInvocation *invocation,
                  GOptionEntry *entries,
                  const char *parameters,
                  const char *summary,
                  int *argc,
                  char ***argv,
                  GError **error)
{
  g_autoptr (GOptionContext) ctx = NULL;
  g_autofree char *prgname = g_strdup_printf ("helder %s", invocation->command);
  GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &invocation->json, N_ ("Print JSON"), NULL }, { NULL }
  };

  g_set_prgname (prgname);
  ctx = g_option_context_new (parameters);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (ctx, _ (summary));
  if (entries != NULL)
    g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, common, GETTEXT_PACKAGE);
  return g_option_context_parse (ctx, argc, argv, error);
}

gboolean
helder_cli_usage_error (GError **error, const char *format, ...)
{
  va_list ap;
  g_autofree char *message = NULL;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_USAGE, message);
  return FALSE;
}

void
helder_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static glong
display_width (const char *s)
{
  return s ? g_utf8_strlen (s, -1) : 0;
}

/**
 * helder_cli_width:
 * @text: (nullable): UTF-8 text
 *
 * Returns: how many characters @text takes on a terminal line.
 */
glong
helder_cli_width (const char *text)
{
  return display_width (text);
}

/**
 * helder_cli_pad:
 * @text: (nullable): UTF-8 text
 * @width: the column width in characters
 *
 * Pads @text with spaces to @width characters, counting characters rather
 * than bytes, so translated values with diacritics stay aligned.
 *
 * Returns: (transfer full): the padded text
 */
char *
helder_cli_pad (const char *text, glong width)
{
  GString *out = g_string_new (text);

  for (glong i = display_width (text); i < width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
print_padded (const char *s, glong width)
{
  fputs (s ? s : "", stdout);
  for (glong i = display_width (s); i < width; i++)
    fputc (' ', stdout);
}

/* Cells longer than this are cut with an ellipsis in tables. */
#define CELL_MAX 60

static char *
cell_text (const char *s)
{
  g_autofree char *flat = g_strdup (s ? s : "");

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) > CELL_MAX)
    {
      g_autofree char *cut = g_utf8_substring (flat, 0, CELL_MAX - 1);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&flat);
}

/**
 * helder_cli_print_table:
 * @rows: (element-type GStrv): the cells of each row
 *
 * Prints aligned columns under a header line.
 */
void
helder_cli_print_table (const char *const *headers, GPtrArray *rows)
{
  guint n = g_strv_length ((char **) headers);
  g_autofree glong *widths = g_new0 (glong, n);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint c = 0; c < n; c++)
    widths[c] = display_width (headers[c]);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      char **flat = g_new0 (char *, n + 1);

      for (guint c = 0; c < n && row[c] != NULL; c++)
        {
          flat[c] = cell_text (row[c]);
          widths[c] = MAX (widths[c], display_width (flat[c]));
        }
      for (guint c = 0; c < n; c++)
        if (flat[c] == NULL)
          flat[c] = g_strdup ("");
      g_ptr_array_add (cells, flat);
    }

  for (guint c = 0; c < n; c++)
    {
      print_padded (headers[c], c + 1 < n ? widths[c] + 2 : 0);
    }
  fputc ('\n', stdout);
  for (guint r = 0; r < cells->len; r++)
    {
      char **row = g_ptr_array_index (cells, r);
      for (guint c = 0; c < n; c++)
        print_padded (row[c], c + 1 < n ? widths[c] + 2 : 0);
      fputc ('\n', stdout);
    }
}

/* "desktop, email" → "bureaubladmelding, e-mail" */
static char *
choices_shown (const HelderField *field, JsonNode *value)
{
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *values;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return helder_field_format (field, value);
  values = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (values); i++)
    g_string_append_printf (
      out, "%s%s", i > 0 ? ", " : "",
      helder_field_choice_label (field, json_array_get_string_element (values, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_cli_print_record:
 * @store: (nullable): when given, references show the names of the rows
 *   they refer to: "manager: Kees de Jong (7)"
 *
 * Prints one row as "label: value" lines, labels in the user's language.
 */
void
helder_cli_print_record (HelderStore *store, const HelderEntity *entity, JsonObject *row)
{
  glong width = 0;

  for (guint i = 0; i < entity->n_fields; i++)
    width = MAX (width, display_width (helder_field_get_label (&entity->fields[i])));

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (value == NULL)
        continue;
      if (g_str_equal (field->name, "status") && json_object_has_member (row, "effective_status"))
        value = json_object_get_member (row, "effective_status");
      if ((field->type == HELDER_FIELD_REF || field->type == HELDER_FIELD_REFS) &&
          !(field->flags & HELDER_FIELD_KEY))
        text = helder_cli_ref_text (store, field, value);
      else if (field->type == HELDER_FIELD_ENUMS)
        text = choices_shown (field, value);
      else
        text = helder_field_format (field, value);
      if (field->type == HELDER_FIELD_DATETIME)
        {
          g_autofree char *local = helder_cli_local_time (text);
          g_free (text);
          text = g_steal_pointer (&local);
        }
      if (field->type == HELDER_FIELD_ENUM || field->type == HELDER_FIELD_ENUMS)
        {
          if (field->type == HELDER_FIELD_ENUM)
            {
              const char *shown = helder_field_choice_label (field, text);
              if (shown != text)
                {
                  g_autofree char *keep = g_strdup (shown);
                  g_free (text);
                  text = g_steal_pointer (&keep);
                }
            }
          else
            {
              g_autofree char *shown = helder_cli_display_list (text);
              g_free (text);
              text = g_steal_pointer (&shown);
            }
        }
      label = g_strdup_printf ("%s:", helder_field_get_label (field));
      print_padded (label, width + 2);
      if (strchr (text, '\n') != NULL)
        {
          g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
          fputc ('\n', stdout);
          for (guint l = 0; lines[l] != NULL; l++)
            g_print ("    %s\n", lines[l]);
        }
      else
        g_print ("%s\n", text);
    }
}

/**
 * helder_cli_read_file:
 * @path: a file, or "-" for standard input
 *
 * Reads a whole input file, refusing anything over 256 MiB.
 */
char *
helder_cli_read_file (const char *path, gsize *length, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *data = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
      gssize n =
        g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &local);

      if (n < 0)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot read standard input: %s"),
                       local->message);
          return NULL;
        }
      if (n > MAX_INPUT_FILE)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("standard input: larger than 256 MiB"));
          return NULL;
        }
      *length = (gsize) n;
      data = g_malloc ((gsize) n + 1);
      memcpy (data, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (mem)), (gsize) n);
      data[n] = '\0';
      return data;
    }

  {
    GStatBuf st;
    if (g_stat (path, &st) == 0 && st.st_size > MAX_INPUT_FILE)
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s: larger than 256 MiB"),
                     path);
        return NULL;
      }
  }
  if (!g_file_get_contents (path, &data, length, &local))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return data;
}

/* "2026-12-01T08:30:00Z" → "2026-12-01 09:30" in the local time zone. */
/**
 * helder_cli_set_day:
 * @option: the option that gave @date, for the message
 *
 * `--on DATE`: sets this process's clock to @date (see
 * helder_clock_set_day()), so that all it computes agrees on the day.
 */
gboolean
helder_cli_set_day (const char *option, const char *date, GError **error)
{
  /* "4 december 2026", "04-12-2026" as well as 2026-12-04 */
  g_autofree char *day = helder_date_parse_typed (date);

  if (!helder_clock_set_day (day != NULL ? day : date, error))
    {
      g_prefix_error (error, "%s: ", option);
      return FALSE;
    }
  return TRUE;
}

char *
helder_cli_local_time (const char *utc)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL || utc[0] == '\0')
    return g_strdup ("");
  dt = g_date_time_new_from_iso8601 (utc, NULL);
  if (dt == NULL)
    return g_strdup (utc);
  local = g_date_time_to_timezone (dt, helder_clock_zone ());
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
