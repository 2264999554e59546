/* picture-svg-check.h — what an SVG of the picture holds, read as XML
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GHashTable *nodes; /* ids of <g class="node …"> */
  GHashTable *edges; /* ids of <g class="edge …"> */
  GHashTable *clusters;
  GString *text; /* every <text>, one a line */
  char *title, *desc;
  guint elements;
  gboolean hostile; /* a script, foreignObject, iframe or on… attribute */
} PictureSvg;

/* Parses @svg with GMarkup (a well-formedness check: fails the test when
 * it is not XML) and collects its ids. */
void picture_svg_parse (PictureSvg *svg, const char *data, gsize length);
void picture_svg_clear (PictureSvg *svg);
/* The ids in @set that start with @prefix, as a sorted "a b c" line. */
char *picture_svg_ids (GHashTable *set, const char *prefix);

G_END_DECLS
