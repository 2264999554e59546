/* inv-picture-cli.c — `helder inventory picture|table`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The architecture picture on the command line: SVG or DOT on standard
 * output or into a file, and the same content as a table. Both take the
 * same filters, as one --filter text ("domain=Burgerzaken,external") or as
 * options; every value is checked before anything is drawn or written.
 * Reads only: no operator is needed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "interviews-private.h"
#include "inv-picture-private.h"

typedef struct
{
  char *filter, *domain, *supplier, *group_by, *layout, *format, *output;
  gboolean external;
} PictureArgs;

static void
picture_args_clear (PictureArgs *a)
{
  g_free (a->filter);
  g_free (a->domain);
  g_free (a->supplier);
  g_free (a->group_by);
  g_free (a->layout);
  g_free (a->format);
  g_free (a->output);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PictureArgs, picture_args_clear)

#define FILTER_ENTRIES(a)                                                                      \
  { "filter",    0,                                                                            \
    0,           G_OPTION_ARG_STRING,                                                          \
    &a.filter,   N_ ("Filter words: domain=NAME, supplier=NAME, external, group=…, layout=…"), \
    N_ ("WORDS") },                                                                            \
    { "domain",   0,                                                                           \
      0,          G_OPTION_ARG_STRING,                                                         \
      &a.domain,  N_ ("Only this domain (and what couples with it)"),                          \
      N_ ("NAME") },                                                                           \
    { "supplier",  0,                                                                          \
      0,           G_OPTION_ARG_STRING,                                                        \
      &a.supplier, N_ ("Only this supplier's items (and what couples with them)"),             \
      N_ ("NAME") },                                                                           \
    { "external",  0,                                                                          \
      0,           G_OPTION_ARG_NONE,                                                          \
      &a.external, N_ ("Only external couplings and their ends"),                              \
      NULL },                                                                                  \
    { "group-by",                                                                              \
      0,                                                                                       \
      0,                                                                                       \
      G_OPTION_ARG_STRING,                                                                     \
      &a.group_by,                                                                             \
      N_ ("Group by domain (default) or supplier"),                                            \
      N_ ("domain|supplier") },                                                                \
  {                                                                                            \
    "layout", 0, 0, G_OPTION_ARG_STRING, &a.layout,                                            \
      N_ ("auto (default: the overview when the register is large), detail or overview"),      \
      N_ ("auto|detail|overview")                                                              \
  }

static gboolean
choose (const char *option, const char *text, const char *const *words, int *out, GError **error)
{
  g_autofree char *folded = helder_text_fold (text);

  if (text == NULL)
    return TRUE;
  /* pairs of English and Dutch words, in the enum's order */
  for (guint i = 0; words[i] != NULL; i += 2)
    if (g_str_equal (folded, words[i]) || g_str_equal (folded, words[i + 1]))
      return (*out = i / 2, TRUE);
  return helder_cli_usage_error (error, _ ("%s: “%s” is not one of: %s"), option, text,
                                 g_str_equal (option, "--group-by") ? "domain, supplier"
                                 : g_str_equal (option, "--layout") ? "auto, detail, overview"
                                                                    : "svg, dot");
}

static const char *const group_words[] = { "domain", "domein", "supplier", "leverancier", NULL };
static const char *const layout_words[] = { "auto",     "automatisch", "detail", "detail",
                                            "overview", "overzicht",   NULL };
static const char *const format_words[] = { "svg", "svg", "dot", "dot", NULL };

/* The options, checked, into @options (strings in @storage). */
static gboolean
picture_options (HelderStore *store,
                 PictureArgs *a,
                 InvPictureOptions *options,
                 GStrv *storage,
                 GError **error)
{
  int group = -1, layout = -1;
  char *domain;

  *options = (InvPictureOptions){ 0 };
  if (!choose ("--group-by", a->group_by, group_words, &group, error) ||
      !choose ("--layout", a->layout, layout_words, &layout, error) ||
      !inv_picture_parse_filter (store, a->filter, options, storage, error))
    return FALSE;
  if (a->domain != NULL)
    {
      if ((domain = inv_picture_resolve_domain (store, a->domain, error)) == NULL)
        return FALSE;
      g_free (a->domain);
      a->domain = domain;
      options->domain = a->domain;
    }
  if (a->supplier != NULL &&
      (options->supplier = inv_picture_resolve_supplier (store, a->supplier, error)) == 0)
    return FALSE;
  if (a->external)
    options->external_only = TRUE;
  if (group >= 0)
    options->group_by = (InvGroupBy) group;
  if (layout >= 0)
    options->layout = (InvLayout) layout;
  return TRUE;
}

static const char *
layout_name (InvLayout layout)
{
  return layout == INV_LAYOUT_OVERVIEW ? "overview" : "detail";
}

static gboolean
write_output (HelderInvocation *inv,
              const char *output,
              const char *format,
              InvLayout layout,
              const char *data,
              gsize length,
              GError **error)
{
  if (output != NULL)
    {
      g_autoptr (GError) local = NULL;

      if (!g_file_set_contents (output, data, length, &local))
        {
          helder_error_set (error, HELDER_ERROR_IO, "output", _ ("--output: %s"), local->message);
          return FALSE;
        }
    }
  if (inv->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (JsonNode) node = NULL;

      json_object_set_string_member (o, "format", format);
      json_object_set_string_member (o, "layout", layout_name (layout));
      json_object_set_int_member (o, "bytes", length);
      if (output != NULL)
        json_object_set_string_member (o, "output", output);
      else
        json_object_set_string_member (o, "content", data);
      node = json_node_init_object (json_node_alloc (), o);
      helder_cli_print_json (node);
    }
  else if (output != NULL)
    g_print (layout == INV_LAYOUT_OVERVIEW ? _ ("Overview picture written to %s.\n")
                                           : _ ("Picture written to %s.\n"),
             output);
  else
    fwrite (data, 1, length, stdout);
  return TRUE;
}

static gboolean
cli_picture (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (PictureArgs) a = { 0 };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &a.format, N_ ("svg (default) or dot"), N_ ("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
      N_ ("Write it to this file (default: standard output)"), N_ ("FILE") },
    FILTER_ENTRIES (a),
    { NULL }
  };
  g_auto (GStrv) storage = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autofree char *dot = NULL;
  InvPictureOptions options;
  InvLayout layout = INV_LAYOUT_DETAIL;
  HelderStore *store;
  int format = 0;

  if (!helder_cli_parse (inv, entries, NULL,
                         N_ ("Draw the architecture picture of the register (SVG or DOT)."), &argc,
                         &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (!choose ("--format", a.format, format_words, &format, error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      !picture_options (store, &a, &options, &storage, error))
    return FALSE;
  if (format == 1)
    {
      if ((dot = inv_picture_dot_layout (store, &options, &layout, error)) == NULL)
        return FALSE;
      return write_output (inv, a.output, "dot", layout, dot, strlen (dot), error);
    }
  if ((svg = inv_picture_svg (store, &options, &layout, error)) == NULL)
    return FALSE;
  return write_output (inv, a.output, "svg", layout, g_bytes_get_data (svg, NULL),
                       g_bytes_get_size (svg), error);
}

static const char *
shown (const char *value)
{
  return value != NULL && value[0] != '\0' ? helder_cli_display_value (value) : "—";
}

static const char *
ref_name (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "—";
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_string (node);
  return json_object_get_string_member (json_node_get_object (node), "name");
}

/* The words of couplings' fields, for xgettext and the reader. */
static const char *
word (const char *value)
{
  static const char *const words[] = {
    "one-way",        N_ ("one-way"), "two-way",          N_ ("two-way"), "component",
    N_ ("component"), "application",  N_ ("application"), NULL,
  };

  for (guint i = 0; words[i] != NULL; i += 2)
    if (g_strcmp0 (words[i], value) == 0)
      return _ (words[i + 1]);
  return shown (value);
}

static void
print_items (JsonArray *items)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { _ ("id"),       _ ("kind"),  _ ("name"), _ ("domain"),
                            _ ("supplier"), _ ("owner"), NULL };

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *row = json_array_get_object_element (items, i);
      g_autofree char *name =
        json_object_get_boolean_member (row, "context")
          ? g_strdup_printf ("%s (%s)", json_object_get_string_member (row, "name"),
                             _ ("outside the filter"))
          : g_strdup (json_object_get_string_member (row, "name"));
      char **cells = g_new0 (char *, 7);

      cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "id"));
      cells[1] = g_strdup (word (json_object_get_string_member (row, "kind")));
      cells[2] = g_steal_pointer (&name);
      cells[3] = g_strdup (shown (json_object_get_string_member (row, "domain")));
      cells[4] = g_strdup (ref_name (row, "supplier"));
      cells[5] = g_strdup (json_object_get_boolean_member (row, "owner_missing") &&
                               g_str_equal (ref_name (row, "owner"), "—")
                             ? _ ("no owner")
                             : ref_name (row, "owner"));
      g_ptr_array_add (rows, cells);
    }
  helder_cli_print_table (headers, rows);
}

static void
print_couplings (JsonArray *couplings)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { _ ("id"),    _ ("from"),      _ ("to"),    _ ("protocol"),
                            _ ("scope"), _ ("direction"), _ ("owner"), NULL };

  for (guint i = 0; i < json_array_get_length (couplings); i++)
    {
      JsonObject *row = json_array_get_object_element (couplings, i);
      char **cells = g_new0 (char *, 8);

      cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "id"));
      cells[1] = g_strdup (ref_name (row, "from"));
      cells[2] = g_strdup (ref_name (row, "to"));
      cells[3] = g_strdup (shown (json_object_get_string_member (row, "protocol")));
      cells[4] = g_strdup (shown (json_object_get_string_member (row, "scope")));
      cells[5] = g_strdup (word (json_object_get_string_member (row, "direction")));
      cells[6] = g_strdup (ref_name (row, "owner"));
      g_ptr_array_add (rows, cells);
    }
  helder_cli_print_table (headers, rows);
}

static gboolean
cli_table (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (PictureArgs) a = { 0 };
  GOptionEntry entries[] = { FILTER_ENTRIES (a), { NULL } };
  g_auto (GStrv) storage = NULL;
  g_autoptr (JsonObject) table = NULL;
  InvPictureOptions options;
  HelderStore *store;
  JsonArray *items, *couplings;

  if (!helder_cli_parse (inv, entries, NULL,
                         N_ ("The architecture picture's content as a table: its items and "
                             "couplings."),
                         &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      !picture_options (store, &a, &options, &storage, error) ||
      (table = inv_picture_table (store, &options, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), table);
      helder_cli_print_json (node);
      return TRUE;
    }
  items = json_object_get_array_member (table, "items");
  couplings = json_object_get_array_member (table, "couplings");
  if (json_array_get_length (items) == 0)
    {
      g_print ("%s\n", _ ("No components or applications match."));
      return TRUE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u item\n", "%u items\n", json_array_get_length (items)),
           json_array_get_length (items));
  print_items (items);
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u coupling\n", "%u couplings\n",
                        json_array_get_length (couplings)),
           json_array_get_length (couplings));
  if (json_array_get_length (couplings) > 0)
    print_couplings (couplings);
  return TRUE;
}

static const HelderCliVerb verbs[] = {
  { "picture", cli_picture, N_ ("Draw the architecture picture (SVG or DOT)") },
  { "table", cli_table, N_ ("The picture's content as a table") },
};

static gboolean
inventory_command (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder inventory VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static const HelderCommand inventory_cmd = {
  .name = "inventory",
  .summary = N_ ("The register's architecture picture: picture, table"),
  .owner = INTERVIEWS_COMPONENT,
  .func = inventory_command,
};

void
inv_picture_cli_register (HelderContext *context)
{
  helder_context_add_command (context, &inventory_cmd);
}
