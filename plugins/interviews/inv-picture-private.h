/* inv-picture-private.h — what the files of the architecture picture share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The picture is made in three steps: inv-picture-model.c reads the
 * register and applies the filter (no Graphviz), inv-picture-graph.c
 * builds the cgraph graph of the selection (detail or overview), and
 * inv-picture-render.c lays it out and renders it under one lock. The
 * table (inv-picture-table.c) and the command (inv-picture-cli.c) read the
 * same selection, so what the picture and the table show never differ.
 */
#pragma once

#include "inv-picture.h"

G_BEGIN_DECLS

/* Above these, INV_LAYOUT_AUTO draws the overview (measured in
 * tests/bench/run-picture-bench.sh: 1,000 items and 3,000 couplings take
 * about a second), and an explicit detail picture is refused. */
#define INV_PICTURE_AUTO_MAX_ITEMS       1200
#define INV_PICTURE_AUTO_MAX_COUPLINGS   4000
#define INV_PICTURE_DETAIL_MAX_ITEMS     2000
#define INV_PICTURE_DETAIL_MAX_COUPLINGS 6000
/* …and above this estimate of dot's nodes (inv_picture_model_rank_cost):
 * measured, 26,000 nodes take about 1 s of processor time, 74,000 five. */
#define INV_PICTURE_AUTO_MAX_COST   40000
#define INV_PICTURE_DETAIL_MAX_COST 60000
/* Couplings carry their protocol as a label up to this many (labels make
 * the layout slower). */
#define INV_PICTURE_EDGE_LABELS_MAX 150

typedef struct
{
  gint64 id;
  char *kind; /* component, application; other kinds only as a coupling's end */
  char *name;
  char *type;
  char *domain;
  gint64 supplier; /* 0: none */
  char *supplier_name;
  gint64 owner; /* 0: none */
  char *owner_name;
  gboolean owner_erased;
  gboolean selected; /* drawn */
  gboolean context;  /* drawn only because it couples with what the filter selects */
  int group;         /* index into InvPictureModel.groups */
} InvPictureItem;

typedef struct
{
  gint64 id;
  InvPictureItem *from, *to;
  char *protocol;
  char *scope;     /* '', internal, external */
  char *direction; /* '', one-way, two-way */
  gint64 owner;
  char *owner_name;
  gboolean owner_erased;
} InvPictureCoupling;

typedef struct
{
  char *key;    /* the domain, or the supplier's name ('': none) */
  char *label;  /* shown: the key, or "no domain"/"no supplier" */
  char *dom_id; /* "domain-N" / "supplier-ID": stable over filters */
  guint applications, components, others, context;
} InvPictureGroup;

typedef struct
{
  InvPictureOptions options;
  char *filter_text;    /* what was asked, for the picture's description */
  GPtrArray *items;     /* InvPictureItem *, every non-coupling item, by id */
  GHashTable *by_id;    /* gint64 * → InvPictureItem * */
  GPtrArray *couplings; /* InvPictureCoupling *, the selected ones, by id */
  GPtrArray *groups;    /* InvPictureGroup *, the groups of what is drawn */
  guint n_selected;     /* items drawn */
  guint n_register;     /* components and applications in the register */
} InvPictureModel;

InvPictureModel *
inv_picture_model_load (HelderStore *store, const InvPictureOptions *options, GError **error);
void inv_picture_model_free (InvPictureModel *model);
/* Marked as without an owner: a component, application or process with
 * none (completeness asks no owner of suppliers and contracts). */
gboolean inv_picture_item_unowned (const InvPictureItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InvPictureModel, inv_picture_model_free)
/* The layout AUTO becomes for this model; FALSE (and @error) when an
 * explicit detail picture is too large to lay out in time. */
gboolean inv_picture_model_layout (InvPictureModel *model, InvLayout *layout, GError **error);
/* About how many nodes dot lays out for @model's detail picture (items
 * and the virtual nodes of couplings that span ranks). */
guint64 inv_picture_model_rank_cost (InvPictureModel *model);
/* A word of the picture in @model's language ("en": the source text). */
const char *inv_picture_tr (const InvPictureModel *model, const char *msgid);
/* The gettext domain of @model's language, for g_dngettext(). */
const char *inv_picture_domain (const InvPictureModel *model);

/* inv-picture-render.c: the DOT source, and which layout it is */
char *inv_picture_dot_layout (HelderStore *store,
                              const InvPictureOptions *options,
                              InvLayout *layout_used,
                              GError **error);

/* inv-picture-cli.c: `helder inventory` */
void inv_picture_cli_register (HelderContext *context);

/* inv-picture-filter.c: the register's domains and suppliers, by name */
GPtrArray *inv_picture_domains (HelderStore *store, GError **error);
char *inv_picture_resolve_domain (HelderStore *store, const char *text, GError **error);
gint64 inv_picture_resolve_supplier (HelderStore *store, const char *text, GError **error);

/* inv-picture-graph.c (callers hold the Graphviz lock) */
typedef struct Agraph_s Agraph_t;
Agraph_t *inv_picture_graph_detail (InvPictureModel *model);
Agraph_t *inv_picture_graph_overview (InvPictureModel *model);
/* A user's text made safe as a Graphviz label: no escapes, no entities,
 * no control characters, at most @max characters. */
char *inv_picture_label_text (const char *text, glong max);

/* The overview's counts, shared by the graph and the table. */
typedef struct
{
  int a, b; /* group indexes, a < b */
  guint couplings, external, a_to_b, b_to_a, both, unknown;
} InvPictureLink;
GPtrArray *inv_picture_links (InvPictureModel *model);
guint inv_picture_group_inside (InvPictureModel *model, int group, guint *external);

G_END_DECLS
