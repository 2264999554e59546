/* inv-picture-graph.c — the picture as a cgraph graph
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with agnode/agedge/agsafeset, never by pasting names into DOT
 * source: a name is only ever the value of a label, made safe first
 * (inv_picture_label_text). Nodes are named "item-ID", edges carry
 * id="coupling-ID", clusters id="domain-N" or "supplier-ID"; the overview
 * has nodes "domain-N" and edges "link-N-M". Marks are never colour alone:
 * an item without an owner says so in its label, an external coupling is
 * red and thick and its class says "external", a coupling of unknown
 * direction is dashed. Callers hold the Graphviz lock.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <graphviz/cgraph.h>

#include "inv-picture-private.h"

#define COLOUR_EXTERNAL "#b3261e"
#define FILL_OWNED      "#e3ecfa"
#define FILL_UNOWNED    "#fff1c2"
#define FILL_CONTEXT    "#f2f2f2"
#define FONT            "Helvetica,Arial,sans-serif"

char *
inv_picture_label_text (const char *text, glong max)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max)
        {
          g_string_append (out, "…");
          break;
        }
      n++;
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        {
          /* one space for a run of them: Graphviz keeps a second one as
           * a no-break space */
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          else
            n--;
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The words of item kinds and component types, for xgettext. */
static const char *const kind_words[] G_GNUC_UNUSED = {
  N_ ("component"),     N_ ("application"), N_ ("supplier"),        N_ ("contract"),
  N_ ("process"),       N_ ("server"),      N_ ("virtual-machine"), N_ ("physical-host"),
  N_ ("database"),      N_ ("storage"),     N_ ("network-device"),  N_ ("workplace"),
  N_ ("cloud-service"),
};

static void
set (void *object, const char *name, const char *value)
{
  agsafeset (object, (char *) name, (char *) value, "");
}

static void
set_html (Agraph_t *g, void *object, const char *name, const char *html)
{
  char *value = agstrdup_html (g, (char *) html);

  agsafeset (object, (char *) name, value, "");
  agstrfree (g, value);
}

static Agraph_t *
graph_new (const char *name, gboolean large)
{
  Agraph_t *g = agopen ((char *) name, Agdirected, NULL);

  set (g, "fontname", FONT);
  set (g, "fontsize", "12");
  set (g, "compound", "false");
  agattr (g, AGNODE, "fontname", FONT);
  agattr (g, AGNODE, "fontsize", "10");
  agattr (g, AGEDGE, "fontname", FONT);
  agattr (g, AGEDGE, "fontsize", "9");
  agattr (g, AGEDGE, "color", "#1f4e8c");
  agattr (g, AGNODE, "color", "#1f4e8c");
  if (large)
    {
      /* Measured (tests/bench/run-picture-bench.sh): with dot's defaults
       * 1,000 clustered items and 3,000 couplings take many seconds;
       * short network-simplex and crossing-minimisation runs and straight
       * lines bring that under one. */
      set (g, "nslimit", "0.1");
      set (g, "nslimit1", "0.1");
      set (g, "mclimit", "0.1");
      set (g, "remincross", "false");
      set (g, "splines", "line");
    }
  else
    set (g, "splines", "polyline");
  return g;
}

static const char *
shape_of (const InvPictureItem *item)
{
  if (g_str_equal (item->kind, "application"))
    return "box";
  if (g_str_equal (item->kind, "component"))
    return g_str_equal (item->type, "database") || g_str_equal (item->type, "storage") ? "cylinder"
                                                                                       : "box3d";
  return "hexagon";
}

static char *
item_label (const InvPictureModel *model, const InvPictureItem *item)
{
  g_autofree char *name = inv_picture_label_text (item->name, 40);
  g_autoptr (GString) label = g_string_new (name);
  const char *kind =
    g_str_equal (item->kind, "component") && item->type[0] != '\0' ? item->type : item->kind;

  g_string_append_printf (label, "\\n[%s]", inv_picture_tr (model, kind));
  if (item->context)
    g_string_append_printf (label, "\\n%s", inv_picture_tr (model, N_ ("outside the filter")));
  else if (item->owner_erased && item->owner == 0)
    g_string_append_printf (label, "\\n%s", inv_picture_tr (model, N_ ("owner: erased person")));
  else if (inv_picture_item_unowned (item))
    g_string_append_printf (label, "\\n%s", inv_picture_tr (model, N_ ("no owner")));
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
add_item (InvPictureModel *model, Agraph_t *cluster, const InvPictureItem *item)
{
  g_autofree char *name = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  g_autofree char *label = item_label (model, item);
  g_autofree char *tooltip = inv_picture_label_text (item->name, 2000);
  g_autofree char *style = NULL;
  g_autofree char *klass = NULL;
  Agnode_t *n = agnode (cluster, name, 1);
  gboolean unowned = inv_picture_item_unowned (item);

  set (n, "id", name);
  set (n, "label", label);
  set (n, "tooltip", tooltip);
  set (n, "shape", shape_of (item));
  style = g_strdup_printf ("filled%s%s", g_str_equal (item->kind, "application") ? ",rounded" : "",
                           item->context ? ",dotted"
                           : unowned     ? ",dashed"
                                         : "");
  set (n, "style", style);
  set (n, "fillcolor", item->context ? FILL_CONTEXT : unowned ? FILL_UNOWNED : FILL_OWNED);
  if (item->context)
    set (n, "fontcolor", "#444444");
  klass = g_strdup_printf ("item %s%s%s", item->kind, unowned ? " unowned" : "",
                           item->context ? " context" : "");
  set (n, "class", klass);
}

static void
style_coupling (Agedge_t *e, const char *direction, gboolean external)
{
  g_autofree char *klass = NULL;

  if (g_str_equal (direction, "two-way"))
    set (e, "dir", "both");
  else if (g_str_equal (direction, "one-way"))
    set (e, "dir", "forward");
  else
    {
      set (e, "dir", "none");
      set (e, "style", "dashed");
    }
  if (external)
    {
      set (e, "color", COLOUR_EXTERNAL);
      set (e, "penwidth", "2.5");
    }
  klass = g_strdup_printf ("%s %s%s", "coupling", direction[0] != '\0' ? direction : "unknown",
                           external ? " external" : "");
  set (e, "class", klass);
}

static void
add_coupling (InvPictureModel *model, Agraph_t *g, InvPictureCoupling *c)
{
  g_autofree char *from = g_strdup_printf ("item-%" G_GINT64_FORMAT, c->from->id);
  g_autofree char *to = g_strdup_printf ("item-%" G_GINT64_FORMAT, c->to->id);
  g_autofree char *id = g_strdup_printf ("coupling-%" G_GINT64_FORMAT, c->id);
  Agedge_t *e = agedge (g, agnode (g, from, 0), agnode (g, to, 0), NULL, 1);

  set (e, "id", id);
  style_coupling (e, c->direction, g_str_equal (c->scope, "external"));
  if (model->couplings->len <= INV_PICTURE_EDGE_LABELS_MAX && c->protocol[0] != '\0')
    {
      g_autofree char *label = inv_picture_label_text (c->protocol, 30);

      /* an xlabel: Graphviz 2.42 frees ranks twice after a layout with
       * labels on flat edges inside clusters (valgrind shows it) */
      set (e, "xlabel", label);
    }
}

static void
legend_row (GString *html, const char *sample, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (html, "<TR><TD>%s</TD><TD ALIGN=\"LEFT\">%s</TD></TR>", sample, escaped);
}

static void
add_legend (InvPictureModel *model, Agraph_t *g, gboolean overview)
{
  g_autoptr (GString) html =
    g_string_new ("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">");
  g_autofree char *title = g_markup_escape_text (inv_picture_tr (model, N_ ("Legend")), -1);
  Agnode_t *n = agnode (g, "legend", 1);

  g_string_append_printf (html, "<TR><TD COLSPAN=\"2\"><B>%s</B></TD></TR>", title);
  if (overview)
    {
      legend_row (html, "▭",
                  inv_picture_tr (model, model->options.group_by == INV_GROUP_SUPPLIER
                                           ? N_ ("a supplier: its items and the couplings inside")
                                           : N_ ("a domain: its items and the couplings inside")));
      legend_row (html, "→", inv_picture_tr (model, N_ ("couplings between two groups, counted")));
    }
  else
    {
      legend_row (html, "<FONT COLOR=\"#1f4e8c\">▢</FONT>",
                  inv_picture_tr (model, N_ ("application (rounded) or component")));
      legend_row (html, "<FONT COLOR=\"#8a5a00\">▢ - -</FONT>",
                  inv_picture_tr (model, N_ ("no owner (yellow, dashed border)")));
      if (model->options.domain != NULL || model->options.supplier != 0)
        legend_row (html, "<FONT COLOR=\"#444444\">▢ · ·</FONT>",
                    inv_picture_tr (model, N_ ("outside the filter, coupled with it (grey)")));
      legend_row (html, "→", inv_picture_tr (model, N_ ("one-way coupling")));
      legend_row (html, "↔", inv_picture_tr (model, N_ ("two-way coupling")));
      legend_row (html, "- - -", inv_picture_tr (model, N_ ("direction unknown (dashed)")));
    }
  legend_row (html, "<FONT COLOR=\"" COLOUR_EXTERNAL "\"><B>━</B></FONT>",
              inv_picture_tr (model, N_ ("external coupling (red, thick)")));
  g_string_append (html, "</TABLE>");
  set (n, "id", "legend");
  set (n, "shape", "plain");
  set (n, "class", "legend");
  set_html (g, n, "label", html->str);
}

static Agraph_t *
empty_graph (InvPictureModel *model)
{
  Agraph_t *g = graph_new ("inventory", FALSE);
  Agnode_t *n = agnode (g, "empty", 1);
  const char *text =
    model->n_register == 0
      ? N_ ("The register has no components or applications yet: record an interview or add "
            "items with “helder item add”.")
      : N_ ("Nothing in the register matches this filter.");
  g_autofree char *label = inv_picture_label_text (inv_picture_tr (model, text), 400);

  set (n, "id", "empty");
  set (n, "shape", "note");
  set (n, "label", label);
  return g;
}

static Agraph_t *
cluster_of (Agraph_t *g, InvPictureGroup *group, guint index)
{
  g_autofree char *name = g_strdup_printf ("cluster_%u", index);
  g_autofree char *label = inv_picture_label_text (group->label, 60);
  Agraph_t *cluster = agsubg (g, name, 1);

  set (cluster, "id", group->dom_id);
  set (cluster, "label", label);
  set (cluster, "style", "rounded");
  set (cluster, "color", "#777777");
  return cluster;
}

Agraph_t *
inv_picture_graph_detail (InvPictureModel *model)
{
  g_autoptr (GPtrArray) clusters = g_ptr_array_new ();
  Agraph_t *g;

  if (model->n_selected == 0)
    return empty_graph (model);
  g = graph_new ("inventory", model->n_selected > 300 || model->couplings->len > 600);
  for (guint i = 0; i < model->groups->len; i++)
    g_ptr_array_add (clusters, cluster_of (g, g_ptr_array_index (model->groups, i), i));
  for (guint i = 0; i < model->items->len; i++)
    {
      InvPictureItem *item = g_ptr_array_index (model->items, i);

      if (item->selected)
        add_item (model, g_ptr_array_index (clusters, item->group), item);
    }
  for (guint i = 0; i < model->couplings->len; i++)
    add_coupling (model, g, g_ptr_array_index (model->couplings, i));
  add_legend (model, g, FALSE);
  return g;
}

/* ---- the overview --------------------------------------------------------- */

static const char *
group_number (const InvPictureGroup *group)
{
  return strchr (group->dom_id, '-') + 1;
}

static char *
group_label (InvPictureModel *model, InvPictureGroup *group, int index)
{
  g_autofree char *name = inv_picture_label_text (group->label, 60);
  g_autoptr (GString) label = g_string_new (name);
  guint external = 0, inside = inv_picture_group_inside (model, index, &external);

  g_string_append (label, "\\n");
  g_string_append_printf (label,
                          g_dngettext (inv_picture_domain (model), "%u application",
                                       "%u applications", group->applications),
                          group->applications);
  g_string_append (label, ", ");
  g_string_append_printf (
    label,
    g_dngettext (inv_picture_domain (model), "%u component", "%u components", group->components),
    group->components);
  if (group->others > 0)
    {
      g_string_append (label, ", ");
      g_string_append_printf (
        label,
        g_dngettext (inv_picture_domain (model), "%u other item", "%u other items", group->others),
        group->others);
    }
  if (group->context > 0)
    {
      g_string_append (label, "\\n");
      g_string_append_printf (label,
                              g_dngettext (inv_picture_domain (model), "%u outside the filter",
                                           "%u outside the filter", group->context),
                              group->context);
    }
  g_string_append (label, "\\n");
  g_string_append_printf (
    label,
    g_dngettext (inv_picture_domain (model), "%u coupling inside", "%u couplings inside", inside),
    inside);
  if (external > 0)
    g_string_append_printf (
      label, g_dngettext (inv_picture_domain (model), " (%u external)", " (%u external)", external),
      external);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
add_link (InvPictureModel *model, Agraph_t *g, InvPictureLink *link)
{
  InvPictureGroup *a = g_ptr_array_index (model->groups, link->a);
  InvPictureGroup *b = g_ptr_array_index (model->groups, link->b);
  g_autofree char *id = g_strdup_printf ("link-%s-%s", group_number (a), group_number (b));
  g_autoptr (GString) label = g_string_new (NULL);
  Agedge_t *e = agedge (g, agnode (g, a->dom_id, 0), agnode (g, b->dom_id, 0), NULL, 1);
  gboolean forward = link->a_to_b > 0, back = link->b_to_a > 0;

  set (e, "id", id);
  g_string_printf (
    label, g_dngettext (inv_picture_domain (model), "%u coupling", "%u couplings", link->couplings),
    link->couplings);
  if (link->external > 0)
    g_string_append_printf (
      label,
      g_dngettext (inv_picture_domain (model), " (%u external)", " (%u external)", link->external),
      link->external);
  set (e, "label", label->str);
  /* both ways when couplings go both ways; dashed when no direction is known */
  style_coupling (e,
                  link->both > 0 || (forward && back) ? "two-way"
                  : forward || back                   ? "one-way"
                                                      : "",
                  link->external > 0);
  if (back && !forward && link->both == 0)
    set (e, "dir", "back");
  set (e, "penwidth", link->external > 0 ? "3" : link->couplings > 20 ? "2" : "1.2");
}

Agraph_t *
inv_picture_graph_overview (InvPictureModel *model)
{
  g_autoptr (GPtrArray) links = NULL;
  Agraph_t *g;

  if (model->n_selected == 0)
    return empty_graph (model);
  g = graph_new ("inventory", FALSE);
  /* neato, not dot: between a few dozen groups nearly every pair is
   * coupled, and dot needs minutes for 40 suppliers and their 820 labelled
   * links where neato needs half a second (measured). The DOT says so,
   * so that the dot tool draws it the same way. */
  set (g, "layout", "neato");
  set (g, "overlap", "false");
  set (g, "splines", "false");
  set (g, "sep", "+12");
  for (guint i = 0; i < model->groups->len; i++)
    {
      InvPictureGroup *group = g_ptr_array_index (model->groups, i);
      g_autofree char *label = group_label (model, group, i);
      Agnode_t *n = agnode (g, group->dom_id, 1);

      set (n, "id", group->dom_id);
      set (n, "label", label);
      set (n, "shape", "box");
      set (n, "style", "filled,rounded");
      set (n, "fillcolor", FILL_OWNED);
      set (n, "class", "group");
    }
  links = inv_picture_links (model);
  for (guint i = 0; i < links->len; i++)
    add_link (model, g, g_ptr_array_index (links, i));
  add_legend (model, g, TRUE);
  return g;
}
