/* picture-svg-check.c — what an SVG of the picture holds, read as XML
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "picture-svg-check.h"

typedef struct
{
  PictureSvg *svg;
  GString *in; /* the text of the element being read: <text>, the root's <title>, <desc> */
  int depth;
} ParseState;

static void
start (GMarkupParseContext *context,
       const char *element,
       const char **names,
       const char **values,
       gpointer user_data,
       GError **error)
{
  ParseState *state = user_data;
  const char *id = NULL, *klass = NULL;

  state->svg->elements++;
  state->depth++;
  if (g_ascii_strcasecmp (element, "script") == 0 ||
      g_ascii_strcasecmp (element, "foreignObject") == 0 ||
      g_ascii_strcasecmp (element, "iframe") == 0)
    state->svg->hostile = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (names[i], "on", 2) == 0)
        state->svg->hostile = TRUE;
      if (g_str_equal (names[i], "id"))
        id = values[i];
      if (g_str_equal (names[i], "class"))
        klass = values[i];
    }
  if (g_str_equal (element, "g") && id != NULL && klass != NULL)
    {
      if (g_str_has_prefix (klass, "node"))
        g_hash_table_add (state->svg->nodes, g_strdup (id));
      else if (g_str_has_prefix (klass, "edge"))
        g_hash_table_add (state->svg->edges, g_strdup (id));
      else if (g_str_has_prefix (klass, "cluster"))
        g_hash_table_add (state->svg->clusters, g_strdup (id));
    }
  if (g_str_equal (element, "text") ||
      (state->depth == 2 && (g_str_equal (element, "title") || g_str_equal (element, "desc"))))
    state->in = g_string_new (NULL);
}

static void
end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  ParseState *state = user_data;

  if (state->in != NULL)
    {
      char *text = g_string_free (state->in, FALSE);

      state->in = NULL;
      if (g_str_equal (element, "title") && state->svg->title == NULL)
        state->svg->title = text;
      else if (g_str_equal (element, "desc") && state->svg->desc == NULL)
        state->svg->desc = text;
      else
        {
          g_string_append_printf (state->svg->text, "%s\n", text);
          g_free (text);
        }
    }
  state->depth--;
}

static void
text (GMarkupParseContext *context,
      const char *text,
      gsize length,
      gpointer user_data,
      GError **error)
{
  ParseState *state = user_data;

  if (state->in != NULL)
    g_string_append_len (state->in, text, length);
}

void
picture_svg_parse (PictureSvg *svg, const char *data, gsize length)
{
  static const GMarkupParser parser = { start, end, text, NULL, NULL };
  ParseState state = { svg, NULL, 0 };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;

  memset (svg, 0, sizeof *svg);
  svg->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svg->edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svg->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svg->text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_markup_parse_context_parse (context, data, length, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  if (state.in != NULL)
    g_string_free (state.in, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (svg->elements, >, 0);
}

void
picture_svg_clear (PictureSvg *svg)
{
  g_clear_pointer (&svg->nodes, g_hash_table_unref);
  g_clear_pointer (&svg->edges, g_hash_table_unref);
  g_clear_pointer (&svg->clusters, g_hash_table_unref);
  if (svg->text != NULL)
    g_string_free (svg->text, TRUE);
  svg->text = NULL;
  g_clear_pointer (&svg->title, g_free);
  g_clear_pointer (&svg->desc, g_free);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x, y);
}

char *
picture_svg_ids (GHashTable *set, const char *prefix)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GString) line = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (line, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (ids, i));
  return g_string_free (g_steal_pointer (&line), FALSE);
}
