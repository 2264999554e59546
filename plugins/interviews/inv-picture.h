/* inv-picture.h — the architecture picture of the inventory
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn from the register with Graphviz (libgvc/libcgraph): components and
 * applications grouped by domain (or by supplier), couplings as arrows,
 * external couplings and items without an owner marked. Above a size that
 * `dot` cannot lay out in time, the picture is an overview: one node per
 * domain with its counts, and one arrow per pair of domains with the number
 * of couplings between them — never a page that hangs.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

typedef enum
{
  INV_GROUP_DOMAIN,
  INV_GROUP_SUPPLIER,
} InvGroupBy;

typedef enum
{
  INV_LAYOUT_AUTO,     /* the whole picture when small enough, else the overview */
  INV_LAYOUT_DETAIL,   /* every item and coupling, clustered (dot) */
  INV_LAYOUT_OVERVIEW, /* domains (or suppliers) with counts */
} InvLayout;

typedef struct
{
  const char *domain;     /* only this domain (and what couples to it) */
  gint64 supplier;        /* only this supplier's items */
  gboolean external_only; /* only external couplings and their ends */
  InvGroupBy group_by;
  InvLayout layout;
  const char *lang; /* "nl"/"en" for labels; NULL: current */
} InvPictureOptions;

/* Parses "domain=Burgerzaken", "supplier=Centric", "external",
 * "group=supplier", "layout=overview" (comma separated, Dutch words too)
 * into @options; strings point into @storage. */
gboolean inv_picture_parse_filter (HelderStore *store,
                                   const char *text,
                                   InvPictureOptions *options,
                                   GStrv *storage,
                                   GError **error);

/* The picture as DOT source. */
char *inv_picture_dot (HelderStore *store, const InvPictureOptions *options, GError **error);
/* The picture as SVG (UTF-8, one <g class="node" id="item-ID"> per item
 * and one <g class="edge" id="coupling-ID"> per coupling; an overview has
 * id="domain-N" and id="link-N-M"). @layout_used says which was drawn. */
GBytes *inv_picture_svg (HelderStore *store,
                         const InvPictureOptions *options,
                         InvLayout *layout_used,
                         GError **error);
/* The same content as a table: {"items": [...], "couplings": [{id, from,
 * to, protocol, scope, direction, owner}], "layout": ...}. */
JsonObject *
inv_picture_table (HelderStore *store, const InvPictureOptions *options, GError **error);

G_END_DECLS
