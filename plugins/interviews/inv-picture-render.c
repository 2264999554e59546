/* inv-picture-render.c — the picture as SVG or DOT
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Graphviz (libgvc, libcgraph) is not thread-safe: every call into it
 * happens under one lock, so the web's worker thread and the main thread
 * can both ask for a picture. One Graphviz context serves the process and
 * is never freed: Graphviz 2.42's pango plugin caches font names in a
 * static of its own that point into the first context, so a second
 * context after gvFreeContext() reads freed memory (valgrind shows it).
 * Every graph, layout and rendering is freed before the lock is let go. The SVG
 * gets a <title> and <desc> for screen readers; its ids are those the
 * graph set ("item-12", "coupling-40", "domain-3", "link-1-3").
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <graphviz/gvc.h>

#include "inv-picture-private.h"

static GMutex graphviz_lock;
static GVC_t *graphviz_context; /* under graphviz_lock */

static int
graphviz_message (char *message)
{
  g_debug ("graphviz: %s", message);
  return 0;
}

static void
graphviz_begin (void)
{
  g_mutex_lock (&graphviz_lock);
  agseterrf (graphviz_message);
  agseterr (AGERR);
}

static Agraph_t *
graph_for (InvPictureModel *model, InvLayout layout)
{
  return layout == INV_LAYOUT_OVERVIEW ? inv_picture_graph_overview (model)
                                       : inv_picture_graph_detail (model);
}

char *
inv_picture_dot (HelderStore *store, const InvPictureOptions *options, GError **error)
{
  return inv_picture_dot_layout (store, options, NULL, error);
}

char *
inv_picture_dot_layout (HelderStore *store,
                        const InvPictureOptions *options,
                        InvLayout *layout_used,
                        GError **error)
{
  g_autoptr (InvPictureModel) model = inv_picture_model_load (store, options, error);
  char *text = NULL, *copy;
  size_t size = 0;
  InvLayout layout;
  Agraph_t *g;
  FILE *out;
  int rc;

  if (model == NULL || !inv_picture_model_layout (model, &layout, error))
    return NULL;
  graphviz_begin ();
  g = graph_for (model, layout);
  out = open_memstream (&text, &size);
  rc = out != NULL ? agwrite (g, out) : -1;
  if (out != NULL)
    fclose (out);
  agclose (g);
  g_mutex_unlock (&graphviz_lock);
  if (rc != 0)
    {
      free (text);
      helder_error_set (error, HELDER_ERROR_IO, NULL, "%s",
                        _ ("Graphviz could not write the picture as DOT"));
      return NULL;
    }
  copy = g_strndup (text, size);
  free (text);
  if (layout_used != NULL)
    *layout_used = layout;
  return copy;
}

static char *
picture_title (InvPictureModel *model, InvLayout layout)
{
  const InvPictureOptions *o = &model->options;
  g_autoptr (GString) title = g_string_new (
    inv_picture_tr (model, layout == INV_LAYOUT_OVERVIEW ? N_ ("Architecture picture (overview)")
                                                         : N_ ("Architecture picture")));

  if (o->domain != NULL)
    g_string_append_printf (title, inv_picture_tr (model, N_ (", domain %s")), o->domain);
  if (o->supplier != 0)
    {
      InvPictureItem *supplier = g_hash_table_lookup (model->by_id, &o->supplier);

      g_string_append_printf (title, inv_picture_tr (model, N_ (", supplier %s")),
                              supplier != NULL ? supplier->name : "?");
    }
  if (o->external_only)
    g_string_append (title, inv_picture_tr (model, N_ (", external couplings only")));
  return g_string_free (g_steal_pointer (&title), FALSE);
}

static char *
picture_desc (InvPictureModel *model, InvLayout layout)
{
  g_autoptr (GString) desc = g_string_new (NULL);
  const char *domain = inv_picture_domain (model);
  guint external = 0, unowned = 0;

  for (guint i = 0; i < model->couplings->len; i++)
    external += g_str_equal (
      ((InvPictureCoupling *) g_ptr_array_index (model->couplings, i))->scope, "external");
  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);

      unowned += item->selected && !item->context && inv_picture_item_unowned (item);
    }
  g_string_append_printf (desc, g_dngettext (domain, "%u item", "%u items", model->n_selected),
                          model->n_selected);
  g_string_append (desc, ", ");
  g_string_append_printf (
    desc, g_dngettext (domain, "%u coupling", "%u couplings", model->couplings->len),
    model->couplings->len);
  g_string_append (desc, ", ");
  g_string_append_printf (desc, g_dngettext (domain, "%u external", "%u external", external),
                          external);
  g_string_append (desc, ", ");
  g_string_append_printf (
    desc, g_dngettext (domain, "%u without an owner", "%u without an owner", unowned), unowned);
  g_string_append (desc, "; ");
  g_string_append_printf (desc, g_dngettext (domain, "%u group", "%u groups", model->groups->len),
                          model->groups->len);
  g_string_append (desc, ". ");
  g_string_append (desc,
                   inv_picture_tr (model, layout == INV_LAYOUT_OVERVIEW
                                            ? N_ ("Each box is a group with its counts; each "
                                                  "arrow the couplings between two groups.")
                                            : N_ ("Each box is an item, each arrow a coupling.")));
  g_string_append_c (desc, ' ');
  g_string_append (desc, inv_picture_tr (model, N_ ("The table view holds the same content.")));
  return g_string_free (g_steal_pointer (&desc), FALSE);
}

/* @svg with every "&#45;" as "-", in one pass (g_string_replace() moves
 * the rest of the text at each of the thousands of hyphens). */
static GString *
plain_hyphens (const char *svg, gsize length)
{
  GString *out = g_string_sized_new (length);
  const char *p = svg, *end = svg + length, *hit;

  while ((hit = g_strstr_len (p, end - p, "&#45;")) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append_c (out, '-');
      p = hit + 5;
    }
  g_string_append_len (out, p, end - p);
  return out;
}

/* Graphviz's SVG with a title and description for screen readers, and
 * the hyphens of ids as themselves ("item-12", not "item&#45;12"). */
static GBytes *
finish_svg (InvPictureModel *model, InvLayout layout, const char *svg, gsize length)
{
  g_autofree char *title = picture_title (model, layout);
  g_autofree char *desc = picture_desc (model, layout);
  g_autofree char *safe_title = g_markup_escape_text (title, -1);
  g_autofree char *safe_desc = g_markup_escape_text (desc, -1);
  g_autoptr (GString) out = plain_hyphens (svg, length);
  g_autofree char *accessible = NULL;
  const char *root, *end;

  root = strstr (out->str, "<svg");
  end = root != NULL ? strchr (root, '>') : NULL;
  if (end != NULL)
    {
      accessible = g_strdup_printf ("\n<title id=\"inventory-title\">%s</title>\n"
                                    "<desc id=\"inventory-desc\">%s</desc>",
                                    safe_title, safe_desc);
      g_string_insert (out, end - out->str + 1, accessible);
      g_string_insert (out, root - out->str + 4,
                       " role=\"img\" aria-labelledby=\"inventory-title inventory-desc\"");
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
inv_picture_svg (HelderStore *store,
                 const InvPictureOptions *options,
                 InvLayout *layout_used,
                 GError **error)
{
  g_autoptr (InvPictureModel) model = inv_picture_model_load (store, options, error);
  g_autofree char *copy = NULL;
  unsigned int length = 0;
  char *svg = NULL;
  InvLayout layout;
  GVC_t *gvc;
  Agraph_t *g;
  int rc;

  if (model == NULL || !inv_picture_model_layout (model, &layout, error))
    return NULL;
  graphviz_begin ();
  if (graphviz_context == NULL)
    graphviz_context = gvContext ();
  gvc = graphviz_context;
  g = graph_for (model, layout);
  rc = gvLayout (gvc, g, layout == INV_LAYOUT_OVERVIEW ? "neato" : "dot");
  if (rc == 0)
    {
      rc = gvRenderData (gvc, g, "svg", &svg, &length);
      if (rc == 0 && svg != NULL)
        copy = g_strndup (svg, length);
      gvFreeRenderData (svg);
      gvFreeLayout (gvc, g);
    }
  agclose (g);
  g_mutex_unlock (&graphviz_lock);
  if (copy == NULL)
    {
      helder_error_set (error, HELDER_ERROR_IO, NULL, "%s",
                        _ ("Graphviz could not draw the picture"));
      return NULL;
    }
  if (layout_used != NULL)
    *layout_used = layout;
  return finish_svg (model, layout, copy, length);
}
